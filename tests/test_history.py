"""What the admin shows editors of an incident's parts' history: who changed what,
with the fields each change touched, read without a query per version."""

import pytest
from django.contrib.auth import get_user_model

from events.selectors import incident_related_history
from tests.factories import CasualtyClaimFactory, IncidentFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_parts_history_names_people_fields_and_sources(django_assert_max_num_queries):
    editor = get_user_model().objects.create_user("history-editor", password="x", is_staff=True)
    incident = IncidentFactory()
    source = SourceFactory(incident=incident, name="Monitor", reported_via="Wire")
    claim = CasualtyClaimFactory(incident=incident, source=source, min_value=2)
    for value in (3, 4, 5):
        claim.min_value = value
        claim._history_user = editor
        claim.save()
    source.name = "Renamed monitor"
    source.save()

    with django_assert_max_num_queries(5):
        entries = incident_related_history(incident_id=incident.pk)

    claims = [e for e in entries if e["kind"] == "claim"]
    assert [e["action"] for e in claims] == ["Changed", "Changed", "Changed", "Created"]
    assert [e["changes"] for e in claims] == [["min_value"]] * 3 + [[]]
    assert claims[0]["user"] == editor
    # Claims are named by their source's latest name; no maximum means "at least".
    assert claims[0]["summary"] == "Renamed monitor via Wire: 5+ killed (unknown)"
    sources = [e for e in entries if e["kind"] == "source"]
    assert [e["changes"] for e in sources] == [["name"], []]
    assert [e["date"] for e in entries] == sorted((e["date"] for e in entries), reverse=True)
