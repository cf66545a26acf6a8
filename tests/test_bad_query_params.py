"""Issue 12, finding 10: every public query parameter answers a bad value with a
4xx and a message, never a 500. Each case here was a 500 (or, for a NUL in ``q``
on SpatiaLite, a query matching everything) before the filter parser checked it."""

import pytest

from events.filters import BadQuery, parse_incident_filters
from tests.streaming import read_json

# Every endpoint that takes the shared incident filters.
FILTER_ENDPOINTS = [
    "/api/incidents.geojson",
    "/api/incident-points.geojson",
    "/api/incidents.csv",
    "/api/incidents.gpkg",
    "/api/incidents.kml",
    "/api/incidents.html",
    "/api/v1/incidents/",
]

BAD_UPDATED_SINCE = [
    "2017-13-45T99:99",  # well formed, impossible
    "2017-01-01T00:00+99:00",  # offset beyond a day
    "9999-12-31T23:59:59-23:00",  # past year 9999 in UTC
    "0001-01-01T00:00:00+01:00",  # before year 1 in UTC
]


def error_of(response) -> str:
    return response.json()["error"]


@pytest.fixture
def get(client):
    client.raise_request_exception = False
    return lambda url, params: client.get(url, params)


@pytest.mark.parametrize("value", BAD_UPDATED_SINCE)
@pytest.mark.parametrize("url", FILTER_ENDPOINTS)
def test_a_malformed_updated_since_is_a_400_with_a_message(seed_incident, get, url, value):
    response = get(url, {"updated_since": value})
    assert response.status_code == 400, (url, value)
    assert "'updated_since'" in error_of(response)


@pytest.mark.parametrize("name", ["q", "actor", "controller", "type", "updated_since", "bbox"])
@pytest.mark.parametrize("url", FILTER_ENDPOINTS)
def test_a_nul_in_any_filter_is_a_400(seed_incident, get, url, name):
    response = get(url, {name: "al\x00qusur"})
    assert response.status_code == 400, (url, name)
    assert error_of(response) == (
        f"'{name}' contains a control or invalid character (U+0000); remove it."
    )


@pytest.mark.parametrize("name", ["q", "actor"])
def test_the_incident_table_refuses_a_nul_with_a_message(seed_incident, get, name):
    response = get("/en/incidents/", {name: "\x00"})
    assert response.status_code == 400
    assert "contains a control or invalid character (U+0000)" in response.content.decode()


def test_a_nul_query_no_longer_matches_every_incident(seed_incident):
    """On SpatiaLite, LIKE '%<NUL>%' matched every row."""
    with pytest.raises(BadQuery, match="control"):
        parse_incident_filters({"q": "\x00"})
    assert parse_incident_filters({"q": "al-qusur\t"}).text == "al-qusur"


@pytest.mark.parametrize("bbox", ["nan,nan,nan,nan", "-inf,-90,inf,90", "1e400,0,1,1", "0,0,1,nan"])
def test_a_bbox_must_be_finite(seed_incident, get, bbox):
    response = get("/api/incident-points.geojson", {"bbox": bbox})
    assert response.status_code == 400
    assert error_of(response) == "'bbox' must be four finite numbers (no nan or inf)."


def test_overlong_and_overfull_values_are_refused(seed_incident, get):
    response = get("/api/incidents.geojson", {"actor": ",".join(f"a{i}" for i in range(51))})
    assert (response.status_code, error_of(response)) == (
        400,
        "'actor' lists more than 50 values.",
    )
    response = get("/api/incidents.geojson", {"controller": "x" * 2001})
    assert (response.status_code, error_of(response)) == (
        400,
        "'controller' is longer than 2000 characters.",
    )
    response = get("/api/incidents.geojson", {"min_fatalities": "9" * 30})
    assert response.status_code == 400 and "must not exceed" in error_of(response)


def test_good_values_still_filter(seed_incident, get):
    code = seed_incident.code
    found = read_json(get("/api/incidents.geojson", {"updated_since": "2000-01-01T03:00:00+03:00"}))
    assert [f["properties"]["code"] for f in found["features"]] == [code]
    later = read_json(get("/api/incidents.geojson", {"updated_since": "9999-12-31T20:00:00-03:00"}))
    assert later["features"] == []
    assert parse_incident_filters({"updated_since": "2017-10-23"}).updated_since.isoformat() == (
        "2017-10-23T00:00:00+00:00"
    )


@pytest.mark.parametrize(
    "url, params",
    [
        ("/api/v1/incidents/", {"page": "99999999999999999999"}),
        ("/api/v1/incidents/", {"page": "1e400"}),
        ("/api/v1/incidents/", {"page_size": "-1"}),
        ("/api/v1/incidents/", {"page_size": "99999999999999999999"}),
        ("/api/v1/incidents/", {"limit": "99999999999999999999", "offset": "9" * 40}),
        ("/api/v1/incidents/", {"min_fatalities": "1e400"}),
        ("/api/v1/control-zones/", {"page": "99999999999999999999"}),
        ("/en/incidents/", {"page": "99999999999999999999"}),
        ("/en/incidents/", {"page": "-1"}),
        ("/en/incidents/", {"min_fatalities": "1e400"}),
        ("/api/incidents.csv", {"min_fatalities": "99999999999999999999"}),
        ("/api/incident-points.geojson", {"min_fatalities": "-1"}),
    ],
)
def test_out_of_range_numbers_are_never_a_server_error(seed_incident, get, url, params):
    response = get(url, params)
    assert response.status_code < 500, (url, params)


@pytest.mark.parametrize(
    "url, params, message",
    [
        ("/api/incidents/archived", {"since": "2017-13-01"}, "'since' must be a date"),
        ("/api/incidents/archived", {"since": "\x00"}, "control or invalid character"),
        ("/api/control-zones.geojson", {"date": "2017-02-30"}, "'date' must be a date"),
        ("/api/control-zones.geojson", {"date": "\x00"}, "control or invalid character"),
        ("/api/v1/control-zones/", {"date": "99999-01-01"}, "'date' must be a date"),
        ("/api/geocode", {"q": "\x00"}, "control characters"),
        ("/api/geocode", {"q": "Mayadin", "limit": "99999999999999999999"}, "'limit'"),
        ("/api/geocode", {"q": "Mayadin", "near": "nan,nan"}, ""),
        ("/api/geocode", {"q": "Mayadin", "near": "\x00"}, ""),
    ],
)
def test_the_other_public_parameters_answer_with_a_400(seed_incident, get, url, params, message):
    response = get(url, params)
    assert response.status_code == 400, (url, params, response.content[:200])
    assert message in error_of(response)
