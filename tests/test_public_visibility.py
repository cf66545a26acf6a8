"""What the public may see is defined once (selectors.published_incidents): a
published synthetic incident stays off every public page and endpoint unless
settings.SHOW_SYNTHETIC_INCIDENTS is on (issue 12, finding 13)."""

import json

import pytest

from tests.accounts import make_editor
from tests.factories import CasualtyClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def synthetic():
    """A published incident with a claim, flagged synthetic (the factory's default)."""
    incident = IncidentFactory(title="Synthetic only xq7")
    CasualtyClaimFactory(source__incident=incident, min_value=3)
    assert incident.synthetic and incident.status == "published"
    return incident


def single_urls(code):
    return [
        f"/en/incidents/{code}/",
        f"/en/incidents/{code}/popup/",
        f"/api/incidents/{code}.geojson",
        f"/api/v1/incidents/{code}/",
        f"/api/v1/incidents/{code}/sources/",
        f"/api/v1/incidents/{code}/claims/",
    ]


def listing_urls():
    return [
        "/en/incidents/",
        "/api/incidents.geojson",
        "/api/incident-points.geojson",
        "/api/incidents.csv",
        "/api/incidents.kml",
        "/api/incidents.html",
        "/api/v1/incidents/",
    ]


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_a_published_synthetic_incident_is_404_for_the_public(client, synthetic):
    for url in single_urls(synthetic.code):
        assert client.get(url).status_code == 404, url


def test_a_published_synthetic_incident_is_in_no_public_listing_or_export(client, synthetic):
    for url in listing_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        text = body(response)
        assert synthetic.code not in text, url
        assert "Synthetic only xq7" not in text, url


def test_staff_still_preview_it_and_the_switch_shows_it_everywhere(client, settings, synthetic):
    client.force_login(make_editor())
    assert client.get(f"/en/incidents/{synthetic.code}/").status_code == 200
    client.logout()

    settings.SHOW_SYNTHETIC_INCIDENTS = True
    for url in single_urls(synthetic.code):
        assert client.get(url).status_code == 200, url
    feature = json.loads(client.get(f"/api/incidents/{synthetic.code}.geojson").content)
    assert feature["id"] == synthetic.code
