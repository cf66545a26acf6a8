"""An incident's sources, casualty claims and attributions through the REST API:
readable by whoever may see the incident, writable by staff who may edit it, with
the casualty figures and the exports following every write."""

import json

import pytest
from django.core.management import call_command

from events.exports import geojson
from events.models import Incident, IncidentStatus
from tests.accounts import make_editor, make_reviewer
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db

SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"


def url(code, kind, pk=None) -> str:
    return f"/api/v1/incidents/{code}/{kind}/" + (f"{pk}/" if pk else "")


def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def patch(client, path, data):
    return client.patch(path, data, content_type="application/json")


@pytest.fixture
def editor_client(client):
    editor = make_editor()
    client.force_login(editor)
    client.user = editor
    return client


def own_draft(user) -> Incident:
    return IncidentFactory(status=IncidentStatus.DRAFT, created_by=user)


def exported_properties(incident) -> dict:
    text = geojson.single_feature(Incident.objects.filter(pk=incident.pk))
    return json.loads(text)["properties"]


def test_the_public_reads_the_parts_of_published_incidents(client):
    claims = client.get(url(SEED, "claims")).json()
    killed = sorted(c["min"] for c in claims if c["outcome"] == "killed")
    assert killed == [14, 14, 22]
    sources = client.get(url(SEED, "sources")).json()
    assert "Syrian Observatory for Human Rights (SOHR)" in [s["name"] for s in sources]
    by_id = {s["id"]: s for s in sources}
    assert all(c["source"] in by_id for c in claims)
    attributions = client.get(url(SEED, "attributions")).json()
    coalition = [a for a in attributions if a["actor"] == "us_led_coalition"]
    assert {a["stance"] for a in coalition} == {"alleged"}
    assert all(a["source_name"] for a in coalition)


def test_drafts_parts_are_hidden_and_the_public_cannot_write(client):
    draft = IncidentFactory(status=IncidentStatus.DRAFT)
    assert client.get(url(draft.code, "sources")).status_code == 404
    response = post(client, url(SEED, "sources"), {"name": "Anonymous post"})
    assert response.status_code == 403
    assert Incident.objects.get(code=SEED).sources.filter(name="Anonymous post").count() == 0


def test_an_editor_builds_up_their_draft_and_the_figures_follow(editor_client):
    incident = own_draft(editor_client.user)
    monitor = post(
        editor_client, url(incident.code, "sources"), {"name": "Monitor", "kind": "monitor"}
    )
    assert monitor.status_code == 201, monitor.json()
    wire = post(
        editor_client,
        url(incident.code, "sources"),
        {"name": "Local network", "reported_via": "Wire", "published_on": "2017-10-25"},
    )
    assert wire.status_code == 201
    monitor_id, wire_id = monitor.json()["id"], wire.json()["id"]
    first = post(
        editor_client,
        url(incident.code, "claims"),
        {"source": monitor_id, "outcome": "killed", "min": 22, "wording": "at least 22"},
    )
    assert first.status_code == 201, first.json()
    assert first.json()["max"] is None and first.json()["source_name"] == "Monitor"
    second = post(
        editor_client,
        url(incident.code, "claims"),
        {"source": wire_id, "outcome": "killed", "min": 14, "max": 14},
    )
    assert second.status_code == 201
    incident.refresh_from_db()
    assert (incident.fatalities_low, incident.fatalities_high) == (14, 22)
    attribution = post(
        editor_client,
        url(incident.code, "attributions"),
        {"actor": "us_led_coalition", "stance": "alleged", "source": wire_id},
    )
    assert attribution.status_code == 201, attribution.json()
    assert attribution.json()["source_name"] == "Local network via Wire"
    # The exports say the same at once.
    props = exported_properties(incident)
    assert sorted(c["min"] for c in props["claims"]) == [14, 22]
    assert props["attributions"][0]["source"] == "Local network via Wire"
    incident.refresh_from_db()
    assert incident.flat_perpetrators == "us_led_coalition (alleged by Local network via Wire)"
    # Correcting a claim moves the figures; removing a source removes its claims.
    changed = patch(
        editor_client, url(incident.code, "claims", second.json()["id"]), {"min": 16, "max": 18}
    )
    assert changed.status_code == 200
    incident.refresh_from_db()
    assert (incident.fatalities_low, incident.fatalities_high) == (16, 22)
    assert editor_client.delete(url(incident.code, "sources", monitor_id)).status_code == 204
    incident.refresh_from_db()
    assert (incident.fatalities_low, incident.fatalities_high) == (16, 18)
    assert [c["min"] for c in exported_properties(incident)["claims"]] == [16]


def test_a_changed_part_marks_the_incident_updated_for_mirrors(editor_client):
    incident = own_draft(editor_client.user)
    before = Incident.objects.get(pk=incident.pk).updated_at
    post(editor_client, url(incident.code, "sources"), {"name": "Later source"})
    after = Incident.objects.get(pk=incident.pk)
    assert after.updated_at > before
    assert exported_properties(after)["updated_at"] == after.updated_at.strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )


def test_bad_parts_are_clear_400s_and_write_nothing(editor_client):
    incident = own_draft(editor_client.user)
    other = own_draft(editor_client.user)
    source = post(editor_client, url(incident.code, "sources"), {"name": "Monitor"}).json()
    foreign = post(editor_client, url(other.code, "sources"), {"name": "Elsewhere"}).json()
    reversed_range = post(
        editor_client,
        url(incident.code, "claims"),
        {"source": source["id"], "outcome": "killed", "min": 9, "max": 3},
    )
    assert reversed_range.status_code == 400
    assert "minimum must not exceed the maximum" in json.dumps(reversed_range.json())
    wrong_source = post(
        editor_client,
        url(incident.code, "claims"),
        {"source": foreign["id"], "outcome": "killed", "min": 1},
    )
    assert wrong_source.status_code == 400
    assert "not a source of this incident" in wrong_source.json()["source"][0]
    unknown_actor = post(editor_client, url(incident.code, "attributions"), {"actor": "nobody"})
    assert unknown_actor.status_code == 400 and "actor" in unknown_actor.json()
    assert incident.claims.count() == 0 and incident.attributions.count() == 0
    duplicate = {"actor": "islamic_state", "role": "perpetrator", "stance": "claimed"}
    assert post(editor_client, url(incident.code, "attributions"), duplicate).status_code == 201
    again = post(editor_client, url(incident.code, "attributions"), duplicate)
    assert again.status_code == 400
    assert incident.attributions.count() == 1


def test_deleting_a_source_keeps_its_attributions_unsourced_without_duplicates(editor_client):
    incident = own_draft(editor_client.user)
    wire = post(editor_client, url(incident.code, "sources"), {"name": "Wire"}).json()
    tv = post(editor_client, url(incident.code, "sources"), {"name": "State TV"}).json()
    alleged = {"actor": "us_led_coalition", "stance": "alleged"}
    for source in (None, wire["id"], tv["id"]):
        response = post(
            editor_client, url(incident.code, "attributions"), {**alleged, "source": source}
        )
        assert response.status_code == 201, response.json()
    # The wire's allegation would repeat the unsourced one: it goes with the wire.
    assert editor_client.delete(url(incident.code, "sources", wire["id"])).status_code == 204
    left = editor_client.get(url(incident.code, "attributions")).json()
    assert sorted((a["source_name"] or "") for a in left) == ["", "State TV"]


def test_editors_change_only_their_own_drafts(editor_client):
    someone_elses = IncidentFactory(status=IncidentStatus.DRAFT)
    response = post(editor_client, url(someone_elses.code, "sources"), {"name": "Mine"})
    assert response.status_code == 403
    assert "own drafts" in response.json()["detail"]
    seed_source = Incident.objects.get(code=SEED).sources.first()
    assert editor_client.delete(url(SEED, "sources", seed_source.pk)).status_code == 403
    assert Incident.objects.get(code=SEED).sources.filter(pk=seed_source.pk).exists()


def test_a_reviewer_corrects_a_published_incident(client):
    reviewer = make_reviewer()
    client.force_login(reviewer)
    claim = Incident.objects.get(code=SEED).claims.get(min_value=22)
    response = patch(client, url(SEED, "claims", claim.pk), {"wording": "at least 22 civilians"})
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.wording == "at least 22 civilians"
    assert claim.history.first().history_user == reviewer


def test_schema_documents_the_parts_without_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
