"""Attributions and their sources: no unsourced twins are entered, and removing
sources (or the whole incident) never trips over the attributions they made."""

import pytest
from django.core.exceptions import ValidationError

from events.models import Actor, Attribution, Incident, Source
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def alleged_by_two_sources():
    incident = IncidentFactory()
    wire = Source.objects.create(incident=incident, name="Wire")
    tv = Source.objects.create(incident=incident, name="State TV")
    coalition = Actor.objects.get(slug="us_led_coalition")
    for source in (wire, tv):
        Attribution.objects.create(incident=incident, actor=coalition, source=source)
    return incident, wire, tv, coalition


def test_an_incident_alleged_by_several_sources_can_be_deleted():
    incident, *_ = alleged_by_two_sources()
    incident.delete()
    assert not Incident.objects.filter(pk=incident.pk).exists()
    assert not Attribution.objects.filter(incident_id=incident.pk).exists()


def test_sources_deleted_together_keep_their_allegations_unsourced():
    incident, wire, tv, coalition = alleged_by_two_sources()
    Source.objects.filter(pk__in=[wire.pk, tv.pk]).delete()
    kept = Attribution.objects.filter(incident=incident)
    assert [(a.actor, a.source_id) for a in kept] == [(coalition, None), (coalition, None)]


def test_an_unsourced_twin_is_refused_when_entered():
    incident = IncidentFactory()
    coalition = Actor.objects.get(slug="us_led_coalition")
    Attribution.objects.create(incident=incident, actor=coalition)
    twin = Attribution(incident=incident, actor=coalition)
    with pytest.raises(ValidationError, match="already recorded without a source"):
        twin.full_clean()
    other_stance = Attribution(incident=incident, actor=coalition, stance="denied")
    other_stance.full_clean()
