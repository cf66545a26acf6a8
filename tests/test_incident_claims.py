"""Sources keep their own claims; the incident's figures summarise without merging."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events import services
from events.models import CasualtyClaim, ClaimOutcome
from tests.factories import CasualtyClaimFactory, IncidentFactory, SourceFactory


def test_seed_incident_keeps_each_source_claim_apart(seed_incident):
    killed = {
        c.source.name: (c.min_value, c.max_value)
        for c in seed_incident.claims.filter(outcome=ClaimOutcome.KILLED)
    }
    assert killed["Syrian Observatory for Human Rights (SOHR)"] == (22, None)
    assert killed["Government source in Deir ez-Zor (anonymous)"] == (14, 14)
    injured = seed_incident.claims.get(outcome="injured", source__name__startswith="Government")
    assert (injured.min_value, injured.max_value) == (31, None)
    assert injured.display_value == "31+"


def test_seed_incident_figures_span_the_claims(seed_incident):
    assert seed_incident.fatalities_low == 14
    assert seed_incident.fatalities_high == 22
    assert seed_incident.injured_low == 30


def test_figures_follow_claims_when_a_claim_is_added_and_removed(db):
    incident = IncidentFactory()
    first = CasualtyClaimFactory(source__incident=incident, min_value=5, max_value=5)
    incident.refresh_from_db()
    assert (incident.fatalities_low, incident.fatalities_high) == (5, 5)
    second = CasualtyClaimFactory(source__incident=incident, min_value=9, max_value=12)
    incident.refresh_from_db()
    assert (incident.fatalities_low, incident.fatalities_high) == (5, 12)
    services.delete_incident_part(part=second)
    services.delete_incident_part(part=first)
    incident.refresh_from_db()
    assert incident.fatalities_low is None


def test_claim_with_min_above_max_is_rejected_with_a_clear_message(db):
    source = SourceFactory()
    claim = CasualtyClaim(
        incident=source.incident, source=source, outcome="killed", min_value=30, max_value=10
    )
    with pytest.raises(ValidationError, match="minimum must not exceed the maximum"):
        claim.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        claim.save()


def test_claim_source_must_belong_to_the_same_incident(db):
    other_source = SourceFactory()
    incident = IncidentFactory()
    claim = CasualtyClaim(incident=incident, source=other_source, outcome="killed", min_value=1)
    with pytest.raises(ValidationError, match="same incident"):
        claim.full_clean()


def test_incident_end_before_start_is_rejected(db):
    import datetime as dt

    incident = IncidentFactory.build(
        date_start=dt.date(2017, 10, 24), date_end=dt.date(2017, 10, 1)
    )
    with pytest.raises(ValidationError, match="start date must not be after the end date"):
        incident.full_clean()


def test_sub_event_type_must_belong_to_event_type(db):
    incident = IncidentFactory.build(event_type="protests", sub_event_type="air_drone_strike")
    with pytest.raises(ValidationError, match="belongs to"):
        incident.full_clean()
