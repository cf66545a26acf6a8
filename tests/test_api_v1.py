"""The REST API under /api/v1/: documented, paginated, read-only for the public,
writable by staff editors within the publishing workflow."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType

from events import services
from events.models import Incident, IncidentStatus, Source
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db

SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"
NEW_INCIDENT = {
    "type": "Feature",
    "geometry": {"type": "Point", "coordinates": [40.45, 35.02]},
    "properties": {
        "title": "Synthetic API incident",
        "event_type": "battles",
        "sub_event_type": "armed_clash",
        "date_start": "2017-10-20",
        "location_precision": "town",
        "place": "mayadin",
    },
}


def staff_user(*codenames) -> User:
    user = User.objects.create_user("api-editor", password="x", is_staff=True)
    incident_type = ContentType.objects.get_for_model(Incident)
    for codename in codenames:
        permission, _ = Permission.objects.get_or_create(
            codename=codename, content_type=incident_type, defaults={"name": codename}
        )
        user.user_permissions.add(permission)
    return user


def publisher() -> User:
    return staff_user("add_incident", "change_incident", "view_incident", "publish_incident")


def test_public_list_is_a_paginated_feature_collection(client):
    IncidentFactory(status=IncidentStatus.DRAFT, title="Hidden draft")
    data = client.get("/api/v1/incidents/").json()
    assert data["type"] == "FeatureCollection"
    assert data["count"] == 1
    feature = data["features"][0]
    assert feature["id"] == SEED
    assert feature["geometry"]["type"] == "Point"
    assert feature["properties"]["controller_at_event"] == "government"
    assert feature["properties"]["place_name_ar"] == "القصور"


def test_list_uses_the_shared_filters(client):
    assert client.get("/api/v1/incidents/", {"type": "protests"}).json()["count"] == 0
    assert client.get("/api/v1/incidents/", {"q": "Qusur"}).json()["count"] == 1
    response = client.get("/api/v1/incidents/", {"from": "yesterday"})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["error"]


def test_detail_by_code_and_drafts_hidden(client):
    assert client.get(f"/api/v1/incidents/{SEED}/").json()["id"] == SEED
    draft = IncidentFactory(status=IncidentStatus.DRAFT)
    assert client.get(f"/api/v1/incidents/{draft.code}/").status_code == 404


def test_control_zones_and_actors(client):
    zones = client.get("/api/v1/control-zones/", {"date": "2017-10-23"}).json()
    assert {f["properties"]["actor"] for f in zones["features"]} == {
        "government",
        "islamic_state",
        "sdf",
    }
    assert client.get("/api/v1/control-zones/", {"date": "23/10"}).status_code == 400
    actors = client.get("/api/v1/actors/").json()
    assert "us_led_coalition" in {a["slug"] for a in actors["results"]}


def test_the_public_cannot_write(client):
    response = client.post("/api/v1/incidents/", NEW_INCIDENT, content_type="application/json")
    assert response.status_code in (401, 403)
    assert not Incident.objects.filter(title="Synthetic API incident").exists()


def test_staff_without_model_permission_cannot_write(client):
    client.force_login(staff_user())
    response = client.post("/api/v1/incidents/", NEW_INCIDENT, content_type="application/json")
    assert response.status_code == 403


def patch(client, code, properties):
    return client.patch(
        f"/api/v1/incidents/{code}/", {"properties": properties}, content_type="application/json"
    )


def add_source(code):
    incident = Incident.objects.get(code=code)
    services.save_incident_part(part=Source(incident=incident), data={"name": "A monitor"})


def test_an_editor_creates_a_draft_and_cannot_publish(client):
    client.force_login(staff_user("add_incident", "change_incident", "view_incident"))
    response = client.post("/api/v1/incidents/", NEW_INCIDENT, content_type="application/json")
    assert response.status_code == 201, response.json()
    code = response.json()["id"]
    incident = Incident.objects.get(code=code)
    assert incident.status == IncidentStatus.DRAFT
    assert incident.date_end.isoformat() == "2017-10-20"
    assert incident.created_by.username == "api-editor"
    response = patch(client, code, {"status": "published"})
    assert response.status_code == 403
    assert "events.publish_incident" in response.json()["detail"]
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.DRAFT
    # Not ready: no source yet. The admin refuses the same step.
    response = patch(client, code, {"status": "review"})
    assert response.status_code == 400
    assert "no source" in response.json()["status"][0]
    add_source(code)
    response = patch(client, code, {"status": "review", "reason": "Checked against SOHR"})
    assert response.status_code == 200
    assert response.json()["properties"]["status"] == "review"
    latest = Incident.history.filter(code=code).latest("history_date")
    assert latest.history_change_reason == "Submitted for review: Checked against SOHR"


def test_a_new_incident_cannot_start_published(client):
    client.force_login(
        staff_user("add_incident", "change_incident", "view_incident", "publish_incident")
    )
    payload = {**NEW_INCIDENT, "properties": {**NEW_INCIDENT["properties"], "status": "published"}}
    response = client.post("/api/v1/incidents/", payload, content_type="application/json")
    assert response.status_code == 400
    assert "draft" in str(response.json()["status"])


def test_a_publisher_publishes_only_what_is_ready(client):
    client.force_login(
        staff_user("add_incident", "change_incident", "view_incident", "publish_incident")
    )
    code = client.post("/api/v1/incidents/", NEW_INCIDENT, content_type="application/json").json()[
        "id"
    ]
    response = patch(client, code, {"status": "published"})
    assert response.status_code == 400
    assert "no source" in response.json()["status"][0]
    assert Incident.objects.get(code=code).status == IncidentStatus.DRAFT
    add_source(code)
    response = patch(client, code, {"status": "published"})
    assert response.status_code == 200
    incident = Incident.objects.get(code=code)
    assert incident.status == IncidentStatus.PUBLISHED and incident.published_at is not None
    latest = Incident.history.filter(code=code).latest("history_date")
    assert latest.history_change_reason == "Published"


def test_archived_cannot_jump_to_review(client):
    client.force_login(publisher())
    code = client.post("/api/v1/incidents/", NEW_INCIDENT, content_type="application/json").json()[
        "id"
    ]
    add_source(code)
    assert patch(client, code, {"status": "archived"}).status_code == 200
    response = patch(client, code, {"status": "review"})
    assert response.status_code == 400
    assert "one step" in response.json()["status"][0]
    assert Incident.objects.get(code=code).status == IncidentStatus.ARCHIVED
    assert patch(client, code, {"status": "draft"}).status_code == 200


@pytest.mark.parametrize("status", ["review", "published", "archived"])
def test_status_change_without_a_place_answers_with_the_feature(client, status):
    """Finding 2: the response could not be built (SkipField on place_name) after the
    change was saved."""
    client.force_login(publisher())
    payload = {
        **NEW_INCIDENT,
        "properties": {k: v for k, v in NEW_INCIDENT["properties"].items() if k != "place"},
    }
    code = client.post("/api/v1/incidents/", payload, content_type="application/json").json()["id"]
    add_source(code)
    response = patch(client, code, {"status": status})
    assert response.status_code == 200, response.content
    assert response.json()["properties"]["place_name"] == ""
    assert response.json()["properties"]["status"] == status


def test_invalid_writes_are_400s_not_500s(client):
    client.force_login(staff_user("add_incident", "change_incident", "view_incident"))
    wrong_subtype = {
        **NEW_INCIDENT,
        "properties": {**NEW_INCIDENT["properties"], "sub_event_type": "peaceful_protest"},
    }
    response = client.post("/api/v1/incidents/", wrong_subtype, content_type="application/json")
    assert response.status_code == 400
    assert "sub_event_type" in response.json()
    backwards = {
        **NEW_INCIDENT,
        "properties": {**NEW_INCIDENT["properties"], "date_end": "2017-10-01"},
    }
    response = client.post("/api/v1/incidents/", backwards, content_type="application/json")
    assert response.status_code == 400


def test_openapi_schema_and_offline_docs(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/incidents/" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/incidents/"]["get"]["parameters"]}
    assert {"from", "to", "bbox", "type", "actor", "q", "controller", "updated_since"} <= parameters
    html = client.get("/api/docs/").content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist" in html
    assert re.findall(r"(?:src|href)=[\"']?(?:https?:)?//", html) == []
