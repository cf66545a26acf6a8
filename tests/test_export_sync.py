"""Incremental sync for mirrors (archived list) and a control zone's history."""

import datetime as dt

import pytest
from django.utils import timezone

from events.models import ControlZone, IncidentStatus
from events.services import transition_incident
from tests.factories import IncidentFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_archived_since_lists_what_a_mirror_must_drop(client):
    once_public = IncidentFactory(synthetic=False, status=IncidentStatus.DRAFT)
    SourceFactory(incident=once_public)
    transition_incident(incident=once_public, transition="publish", user=None, system=True)
    transition_incident(incident=once_public, transition="archive", user=None, system=True)
    never_public = IncidentFactory(synthetic=False, status=IncidentStatus.DRAFT)
    transition_incident(incident=never_public, transition="archive", user=None, system=True)
    today = timezone.now().date()
    data = client.get("/api/incidents/archived", {"since": today.isoformat()}).json()
    assert data["since"] == today.isoformat()
    assert [item["code"] for item in data["archived"]] == [once_public.code]
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert client.get("/api/incidents/archived", {"since": tomorrow}).json()["archived"] == []


@pytest.mark.parametrize("params", [{}, {"since": "last week"}])
def test_archived_needs_a_valid_date(client, params):
    response = client.get("/api/incidents/archived", params)
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["error"]


def test_zone_history_lists_each_version(client):
    zone = ControlZone.objects.get(code="gov-2017-10-23")
    original_end = zone.valid_to
    zone.valid_to = dt.date(2017, 11, 1)
    zone.save()
    data = client.get("/api/control-zones/gov-2017-10-23/history.geojson").json()
    assert data["type"] == "FeatureCollection" and data["code"] == "gov-2017-10-23"
    newest, *older = data["features"]
    assert newest["properties"]["change"] == "changed"
    assert newest["properties"]["valid_to"] == "2017-11-01"
    assert newest["properties"]["outline_changed"] is False
    assert older[-1]["properties"]["change"] == "created"
    assert older[-1]["properties"]["valid_to"] == (
        original_end.isoformat() if original_end else None
    )
    assert newest["geometry"]["type"] == "MultiPolygon"
    assert client.get("/api/control-zones/nope/history.geojson").status_code == 404
