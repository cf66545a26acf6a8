"""How /api/v1/ authenticates: the browser session (writes need the CSRF token) or
a per-user token; HTTP Basic is off (issue 12, finding 6)."""

import base64
import io

import pytest
from django.core.management import call_command
from django.test import Client
from rest_framework.authtoken.models import Token

from events.models import Incident
from tests.accounts import PASSWORD, make_editor

pytestmark = pytest.mark.django_db

NEW_INCIDENT = {
    "type": "Feature",
    "geometry": {"type": "Point", "coordinates": [40.45, 35.02]},
    "properties": {
        "title": "Synthetic auth test incident",
        "event_type": "battles",
        "sub_event_type": "armed_clash",
        "date_start": "2017-10-20",
        "location_precision": "town",
        "place": "mayadin",
    },
}


def post_incident(client, **headers):
    return client.post(
        "/api/v1/incidents/", NEW_INCIDENT, content_type="application/json", headers=headers
    )


def created() -> bool:
    return Incident.objects.filter(title=NEW_INCIDENT["properties"]["title"]).exists()


def test_http_basic_credentials_give_no_access(client):
    editor = make_editor()
    pair = base64.b64encode(f"{editor.username}:{PASSWORD}".encode()).decode()
    response = post_incident(client, authorization=f"Basic {pair}")
    assert response.status_code in (401, 403)
    assert not created()
    # Nor do they unlock reads beyond the public's: the editor's own draft stays hidden.
    client.force_login(editor)
    code = post_incident(client).json()["id"]
    client.logout()
    response = client.get(f"/api/v1/incidents/{code}/", headers={"authorization": f"Basic {pair}"})
    assert response.status_code == 404


def test_a_session_write_without_the_csrf_token_is_refused():
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_editor())
    response = post_incident(browser)
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not created()


def test_a_session_write_with_the_csrf_token_is_accepted():
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_editor())
    browser.get("/admin/")  # any page that renders the CSRF token sets the cookie
    token = browser.cookies["csrftoken"].value
    assert post_incident(browser, x_csrftoken=token).status_code == 201
    assert created()


def test_a_token_from_drf_create_token_authenticates_without_csrf(client):
    editor = make_editor()
    out = io.StringIO()
    call_command("drf_create_token", editor.username, stdout=out)
    key = Token.objects.get(user=editor).key
    assert key in out.getvalue()
    scripted = Client(enforce_csrf_checks=True)
    response = post_incident(scripted, authorization=f"Token {key}")
    assert response.status_code == 201, response.content
    assert Incident.objects.get(code=response.json()["id"]).created_by == editor
    refused = post_incident(scripted, authorization="Token not-a-real-key")
    assert refused.status_code in (401, 403)
    assert "Invalid token" in refused.json()["detail"]
