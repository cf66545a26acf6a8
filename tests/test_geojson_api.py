"""The public GeoJSON endpoints speak RFC 7946 and show only published work."""

import gzip
import json

import pytest

from events.models import IncidentStatus
from tests.factories import IncidentFactory
from tests.rfc7946 import rfc7946_errors
from tests.streaming import read_json

pytestmark = pytest.mark.django_db


def test_incidents_geojson_is_rfc7946_with_lon_lat_order(client):
    response = client.get("/api/incidents.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = read_json(response)
    assert rfc7946_errors(data) == []
    seed = next(f for f in data["features"] if f["id"].endswith("al-qusur-air-strikes"))
    lon, lat = seed["geometry"]["coordinates"]
    assert 40 < lon < 41 and 35 < lat < 36
    props = seed["properties"]
    assert props["controller_at_event"] == "government"
    assert sorted(c["min"] for c in props["claims"] if c["outcome"] == "killed") == [14, 14, 22]
    assert props["place_name_ar"] == "القصور"


def test_control_zones_geojson_for_a_date_is_rfc7946(client):
    response = client.get("/api/control-zones.geojson", {"date": "2017-10-23"})
    assert response.status_code == 200
    data = response.json()
    assert rfc7946_errors(data) == []
    actors = {f["properties"]["actor"] for f in data["features"]}
    assert actors == {"government", "islamic_state", "sdf"}
    assert all(f["properties"]["approximate"] for f in data["features"])


def test_control_zones_change_with_the_date(client):
    before = client.get("/api/control-zones.geojson", {"date": "2017-09-06"}).json()
    after = client.get("/api/control-zones.geojson", {"date": "2017-11-10"}).json()
    assert {f["id"] for f in before["features"]} == {
        "gov-2017-09-05",
        "gov-airport-2017-09-05",
        "is-2017-09-05",
    }
    assert "gov-2017-11-03" in {f["id"] for f in after["features"]}


def test_malformed_date_is_a_clear_400(client):
    response = client.get("/api/control-zones.geojson", {"date": "23/10/2017"})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["error"]


def test_drafts_are_not_public(client):
    draft = IncidentFactory(status=IncidentStatus.DRAFT, title="Unreviewed draft")
    codes = {f["id"] for f in read_json(client.get("/api/incidents.geojson"))["features"]}
    assert draft.code not in codes
    assert client.get(f"/en/incidents/{draft.code}/").status_code == 404


def test_geocode_endpoint_and_its_errors(client):
    data = client.get("/api/geocode", {"q": "Al-Qusor"}).json()
    assert data["results"][0]["slug"] == "al-qusur"
    assert client.get("/api/geocode", {"q": ""}).status_code == 400
    assert client.get("/api/geocode", {"q": "x" * 500}).status_code == 400


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"from": "2017-10-01", "to": "2017-10-31"}, True),
        ({"from": "2017-11-01"}, False),
        ({"bbox": "40,35,41,36"}, True),
        ({"bbox": "36,33,37,34"}, False),
        ({"type": "explosions_remote_violence"}, True),
        ({"type": "protests"}, False),
        ({"actor": "us_led_coalition"}, True),
        ({"actor": "us_led_coalition", "role": "target"}, False),
        ({"min_fatalities": "10"}, True),
        ({"min_fatalities": "50"}, False),
        ({"q": "Qusur"}, True),
        ({"q": "القصور"}, True),
        ({"q": "Raqqa"}, False),
        ({"controller": "government"}, True),
        ({"controller": "islamic_state"}, False),
    ],
)
def test_incident_filters(client, params, shown):
    data = read_json(client.get("/api/incidents.geojson", params))
    codes = {f["id"] for f in data["features"]}
    assert ("2017-10-23-deir-ez-zor-al-qusur-air-strikes" in codes) is shown


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "yesterday"}, "YYYY-MM-DD"),
        ({"from": "2017-11-01", "to": "2017-10-01"}, "must not be after"),
        ({"bbox": "1,2,3"}, "four numbers"),
        ({"bbox": "35,40,36,200"}, "swapped"),
        ({"type": "picnic"}, "Unknown type 'picnic'"),
        ({"min_fatalities": "many"}, "whole number"),
        ({"updated_since": "last week"}, "ISO date"),
    ],
)
def test_bad_filters_are_clear_400s(client, params, message):
    response = client.get("/api/incidents.geojson", params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_map_points_are_gzipped_when_the_client_accepts_it(client, settings):
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    IncidentFactory.create_batch(20)  # enough to be worth compressing
    plain = client.get("/api/incident-points.geojson")
    assert plain.status_code == 200
    assert "Content-Encoding" not in plain
    zipped = client.get("/api/incident-points.geojson", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert zipped.status_code == 200
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert zipped["Content-Type"] == "application/geo+json"
    assert len(zipped.content) < len(plain.content) / 3
    data = json.loads(gzip.decompress(zipped.content))
    assert rfc7946_errors(data) == []
    assert data == json.loads(plain.content)
    assert len(data["features"]) == 21
