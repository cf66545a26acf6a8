"""The incident admin as editors and reviewers use it (Django test client against
the real admin): one-page entry of sources and the claims citing them, the
workflow buttons, who may change what, deleting as archiving, list filters and
map, history. Test incidents are synthetic."""

import json
import re

import pytest
from django.urls import reverse

from events.models import CasualtyClaim, Incident, IncidentStatus
from events.services import transition_incident
from tests.accounts import make_editor, make_reviewer
from tests.factories import CasualtyClaimFactory, IncidentFactory, SourceFactory
from tests.streaming import read_json

ADD_URL = "/admin/events/incident/add/"
POINT = json.dumps({"type": "Point", "coordinates": [40.14084, 35.33588]})
XSS = "<img src=x onerror=alert(1)>"


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def add_form(**overrides):
    data = {
        "title": "Synthetic admin test incident",
        "summary": "Synthetic.",
        "event_type": "explosions_remote_violence",
        "sub_event_type": "air_drone_strike",
        "date_start": "2017-10-12",
        "date_end": "2017-10-12",
        "date_precision": "day",
        "geom": POINT,
        "location_precision": "town",
        "uncertainty_m": "6000",
        "location_method": "manual",
        "synthetic": "on",
        **management("sources", 2),
        "sources-0-name": "Synthetic Monitor",
        "sources-0-kind": "monitor",
        "sources-1-name": "Synthetic Official",
        "sources-1-reported_via": "Synthetic Wire",
        "sources-1-kind": "official",
        **management("claims", 2),
        "claims-0-source": "new-0",
        "claims-0-outcome": "killed",
        "claims-0-population": "civilian",
        "claims-0-min_value": "22",
        "claims-1-source": "new-1",
        "claims-1-outcome": "killed",
        "claims-1-population": "civilian",
        "claims-1-min_value": "14",
        "claims-1-max_value": "14",
        **management("attributions", 1),
        "attributions-0-actor": "",
        "attributions-0-role": "perpetrator",
        "attributions-0-stance": "alleged",
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def reviewer(db):
    return make_reviewer()


def errors_in(response) -> str:
    text = response.content.decode()
    return " ".join(re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', text, re.S))


def test_sources_and_the_claims_citing_them_are_entered_in_one_save(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, add_form(**{"attributions-0-actor": "", "_save": "Save"}))
    assert response.status_code == 302, errors_in(response)
    incident = Incident.objects.get(title="Synthetic admin test incident")
    assert incident.status == IncidentStatus.DRAFT and incident.created_by == editor
    assert re.fullmatch(r"2017-10-12-[a-z0-9]{6}", incident.code)
    claims = {(str(c.source), c.min_value, c.max_value) for c in incident.claims.all()}
    assert claims == {
        ("Synthetic Monitor", 22, None),
        ("Synthetic Official via Synthetic Wire", 14, 14),
    }
    assert (incident.fatalities_low, incident.fatalities_high) == (14, 22)
    for claim in incident.claims.all():
        assert claim.history.get().history_user == editor


def test_an_attribution_may_cite_a_new_source_too(client, editor):
    from events.models import Actor

    coalition = Actor.objects.get(slug="us_led_coalition")
    client.force_login(editor)
    data = add_form(**{"attributions-0-actor": str(coalition.pk), "attributions-0-source": "new-1"})
    assert client.post(ADD_URL, data).status_code == 302
    (attribution,) = Incident.objects.get(title="Synthetic admin test incident").attributions.all()
    assert str(attribution.source) == "Synthetic Official via Synthetic Wire"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"claims-1-source": ""}, "Pick the source that makes this claim."),
        (
            {"sources-1-name": "", "sources-1-reported_via": "", "sources-1-kind": "other"},
            "That new source row is empty",
        ),
        ({"claims-1-source": "new-7"}, "Select a valid choice"),
    ],
)
def test_a_claim_must_cite_a_real_source_row(client, editor, changes, message):
    client.force_login(editor)
    before = Incident.objects.count()
    response = client.post(ADD_URL, add_form(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Incident.objects.count() == before


def test_the_same_attribution_twice_is_an_error_not_a_crash(client, editor):
    from events.models import Actor

    actor = Actor.objects.get(slug="russia")
    client.force_login(editor)
    data = add_form(
        **management("attributions", 2),
        **{
            f"attributions-{i}-{k}": v
            for i in (0, 1)
            for k, v in {"actor": actor.pk, "role": "perpetrator", "stance": "alleged"}.items()
        },
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "appear twice in the attributions" in response.content.decode()


def test_removing_a_source_that_a_claim_still_cites_is_refused(client, editor):
    incident = IncidentFactory(status="draft", created_by=editor)
    claim = CasualtyClaimFactory(source__incident=incident, min_value=3)
    source = claim.source
    client.force_login(editor)
    url = reverse("admin:events_incident_change", args=[incident.pk])
    data = {
        **{k: v for k, v in add_form().items() if not k.startswith(("sources", "claims", "attr"))},
        **management("sources", 1, 1),
        "sources-0-id": str(source.pk),
        "sources-0-incident": str(incident.pk),
        "sources-0-name": source.name,
        "sources-0-kind": "other",
        "sources-0-DELETE": "on",
        **management("claims", 1, 1),
        "claims-0-id": str(claim.pk),
        "claims-0-incident": str(incident.pk),
        "claims-0-source": str(source.pk),
        "claims-0-outcome": "killed",
        "claims-0-population": "unknown",
        "claims-0-min_value": "3",
        **management("attributions", 0),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "This source is being deleted" in response.content.decode()
    assert CasualtyClaim.objects.filter(pk=claim.pk).exists()


def test_editor_submits_and_then_can_no_longer_change_it(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, add_form(_transition="submit"))
    assert response.status_code == 302 and response.url == "/admin/events/incident/"
    incident = Incident.objects.get(title="Synthetic admin test incident")
    assert incident.status == IncidentStatus.REVIEW
    url = reverse("admin:events_incident_change", args=[incident.pk])
    page = client.get(url).content.decode()
    assert "read only for you" in page and 'name="_transition"' not in page
    assert client.post(url, add_form(title="Sneaky edit")).status_code == 403


def test_the_status_cannot_be_forced_through_the_form(client, editor):
    client.force_login(editor)
    client.post(ADD_URL, add_form(status="published", published_at="2017-10-12 00:00"))
    assert Incident.objects.get(title="Synthetic admin test incident").status == "draft"


def test_an_editor_cannot_open_someone_elses_draft_for_editing(client, editor, reviewer):
    other = IncidentFactory(status="draft", created_by=reviewer)
    client.force_login(editor)
    url = reverse("admin:events_incident_change", args=[other.pk])
    assert "read only for you" in client.get(url).content.decode()
    assert client.post(url, add_form()).status_code == 403


def test_a_refused_step_is_explained_and_the_edit_kept(client, editor):
    client.force_login(editor)
    data = add_form(
        _transition="submit",
        geom="",
        **management("sources", 0),
        **management("claims", 0),
    )
    response = client.post(ADD_URL, data, follow=True)
    incident = Incident.objects.get(title="Synthetic admin test incident")
    assert incident.status == IncidentStatus.DRAFT
    assert "Cannot submit for review: it has no location" in response.content.decode()


def test_the_reviewer_publishes_from_the_change_form(client, editor, reviewer):
    incident = IncidentFactory(status="draft", created_by=editor, synthetic=False)
    SourceFactory(incident=incident)
    transition_incident(incident=incident, transition="submit", user=editor)
    client.force_login(reviewer)
    url = reverse("admin:events_incident_change", args=[incident.pk])
    page = client.get(url).content.decode()
    assert "Save and publish" in page and "Save and archive" in page
    data = {
        **{k: v for k, v in add_form().items() if not k.startswith(("sources", "claims", "attr"))},
        "title": incident.title,
        **management("sources", 1, 1),
        "sources-0-id": str(incident.sources.get().pk),
        "sources-0-incident": str(incident.pk),
        "sources-0-name": incident.sources.get().name,
        "sources-0-kind": "other",
        **management("claims", 0),
        **management("attributions", 0),
        "_transition": "publish",
    }
    response = client.post(url, data)
    assert response.status_code == 302, errors_in(client.post(url, data))
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.PUBLISHED
    history = client.get(reverse("admin:events_incident_history", args=[incident.pk]))
    text = history.content.decode()
    assert "Submitted for review" in text and "Published" in text
    assert editor.username in text and reviewer.username in text


def test_deleting_a_published_incident_archives_it(client, reviewer, seed_incident):
    client.force_login(reviewer)
    url = reverse("admin:events_incident_delete", args=[seed_incident.pk])
    assert "will be <strong>archived</strong>" in client.get(url).content.decode()
    response = client.post(url, {"post": "yes"}, follow=True)
    seed_incident.refresh_from_db()
    assert seed_incident.status == IncidentStatus.ARCHIVED
    assert "archived rather than deleted" in response.content.decode()
    assert seed_incident.claims.count() == 5


def test_an_editor_may_not_delete_or_revert_a_published_incident(client, editor, seed_incident):
    client.force_login(editor)
    assert (
        client.get(reverse("admin:events_incident_delete", args=[seed_incident.pk])).status_code
        == 403
    )
    record = seed_incident.history.first()
    url = reverse("admin:events_incident_simple_history", args=[seed_incident.pk, record.pk])
    assert client.post(url, {"title": "Reverted by an editor"}).status_code == 403
    seed_incident.refresh_from_db()
    assert seed_incident.title != "Reverted by an editor"


def test_drafts_are_404_for_the_public_and_visible_to_editors(client, editor):
    draft = IncidentFactory(status="draft", created_by=editor, synthetic=False)
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    features = read_json(client.get("/api/incidents.geojson"))["features"]
    assert draft.code not in {f["id"] for f in features}
    client.force_login(editor)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "query, expected",
    [
        ("governorate=deir-ez-zor-governorate", True),
        ("governorate=aleppo-governorate", False),
        ("actor=civilians", True),
        ("actor=russia", False),
        ("status__exact=published", True),
        ("status__exact=draft", False),
        ("event_type__exact=battles", False),
        ("q=Qusur", True),
        ("date_start__year=2017&date_start__month=10", True),
    ],
)
def test_list_filters(client, reviewer, seed_incident, query, expected):
    client.force_login(reviewer)
    response = client.get(f"/admin/events/incident/?{query}")
    assert response.status_code == 200
    codes = {p["code"] for p in response.context["incident_points"]["points"]}
    assert (seed_incident.code in codes) is expected
    assert (seed_incident.title in response.content.decode()) is expected


def test_the_list_map_carries_titles_as_escaped_json(client, reviewer):
    IncidentFactory(title=XSS, status="draft")
    client.force_login(reviewer)
    page = client.get("/admin/events/incident/").content.decode()
    assert XSS not in page
    blob = re.search(
        r'<script id="incident-list-points" type="application/json">(.*?)</script>', page, re.S
    ).group(1)
    assert XSS in [p["title"] for p in json.loads(blob)["points"]]


def test_a_new_incident_near_an_existing_one_is_flagged(client, editor, seed_incident):
    client.force_login(editor)
    response = client.post(
        ADD_URL, add_form(date_start="2017-10-24", date_end="2017-10-24"), follow=True
    )
    text = response.content.decode()
    assert "Possible duplicate: within 5 km and a day of" in text
    assert seed_incident.title in text


def test_inline_changes_are_in_the_history_with_their_author(client, editor):
    incident = IncidentFactory(status="draft", created_by=editor)
    claim = CasualtyClaimFactory(source__incident=incident, min_value=3)
    client.force_login(editor)
    data = {
        **{k: v for k, v in add_form().items() if not k.startswith(("sources", "claims", "attr"))},
        "title": incident.title,
        **management("sources", 1, 1),
        "sources-0-id": str(claim.source.pk),
        "sources-0-incident": str(incident.pk),
        "sources-0-name": claim.source.name,
        "sources-0-kind": "other",
        **management("claims", 1, 1),
        "claims-0-id": str(claim.pk),
        "claims-0-incident": str(incident.pk),
        "claims-0-source": str(claim.source.pk),
        "claims-0-outcome": "killed",
        "claims-0-population": "unknown",
        "claims-0-min_value": "9",
        **management("attributions", 0),
    }
    response = client.post(reverse("admin:events_incident_change", args=[incident.pk]), data)
    assert response.status_code == 302, errors_in(response)
    claim.refresh_from_db()
    assert claim.min_value == 9
    history = client.get(reverse("admin:events_incident_history", args=[incident.pk]))
    rows = re.findall(
        r"<tr>(.*?)</tr>", history.content.decode().split('id="related-history"')[1], re.S
    )
    changed = [r for r in rows if "Changed" in r and "claim" in r]
    assert changed and editor.username in changed[0] and "min_value" in changed[0]


def test_a_malformed_history_url_is_a_404_not_a_crash(client, reviewer):
    client.force_login(reviewer)
    assert client.get("/admin/events/incident/abc/history/").status_code == 404
    assert client.get("/admin/events/incident/1/history/x/").status_code == 404
