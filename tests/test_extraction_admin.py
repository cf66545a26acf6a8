"""Admin page "New incident from a report" (issue 14), through the test client."""

import datetime as dt
import json
from pathlib import Path

import pytest

from events.admin.report_extract import initial_values
from events.extraction import Report, extract_report
from events.models import Attribution, CasualtyClaim, Incident, IncidentStatus, Source
from tests.accounts import make_editor

SEED = json.loads((Path(__file__).parent / "data" / "extraction_seed.json").read_text("utf-8"))
URL = "/admin/events/incident/from-report/"
REPORT = {
    "text": SEED["text"],
    "outlet": "AFP",
    "dateline": "2017-10-24",
    "url": "https://example.org/r",
}


def draft_post(**changes):
    """The POST the page sends when the editor saves the proposed draft unchanged
    (apart from ``changes``)."""
    report = Report(
        text=REPORT["text"], dateline=dt.date(2017, 10, 24), outlet="AFP", url=REPORT["url"]
    )
    incident, sources, allegations = initial_values(report, extract_report(report))
    data = {**REPORT, "action": "save"}
    data.update({f"incident-{k}": "" if v is None else v for k, v in incident.items()})
    for prefix, rows in (("sources", sources), ("alleged", allegations)):
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows)})
        for i, row in enumerate(rows):
            for k, v in row.items():
                if k == "include":
                    if v:
                        data[f"{prefix}-{i}-include"] = "on"
                else:
                    data[f"{prefix}-{i}-{k}"] = "" if v is None else v
    data.update(changes)
    return data


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_editor("report_editor"))
    return client


def test_changelist_links_to_the_page(editor_client):
    page = editor_client.get("/admin/events/incident/")
    assert 'href="/admin/events/incident/from-report/"' in page.content.decode()


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_without_add_permission_are_refused(client, django_user_model, db):
    user = django_user_model.objects.create_user("looker", password="pw-123-xyz-987", is_staff=True)
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_extract_shows_highlights_and_a_prefilled_draft_and_saves_nothing(editor_client):
    before = Incident.objects.count()
    page = editor_client.post(URL, {**REPORT, "action": "extract"})
    html = page.content.decode()
    assert page.status_code == 200
    assert Incident.objects.count() == before
    assert '<mark class="hl hl-date" data-refs="event_date"' in html
    assert ">late Monday</mark>" in html
    assert 'value="2017-10-23"' in html and 'value="al-qusur"' in html
    assert "2017-10-23-deir-ez-zor-al-qusur-air-strikes" in html
    assert "No response from coalition" in html
    assert page.context["draft"]["title"].value() == "Air/drone strike in Al-Qusur"


def test_bad_report_input_is_shown_not_extracted(editor_client):
    page = editor_client.post(URL, {"text": "", "outlet": "AFP", "dateline": "2017-13-45"})
    assert page.status_code == 200 and page.context["result"] is None
    assert page.context["report_form"].errors.keys() == {"text", "dateline"}


def test_save_creates_a_draft_with_sources_claims_and_attributions(editor_client):
    data = draft_post(**{"sources-1-injured_min": "32", "incident-title": "Strikes on Al-Qusur"})
    response = editor_client.post(URL, data)
    assert response.status_code == 302
    incident = Incident.objects.get(title="Strikes on Al-Qusur")
    assert response["Location"] == f"/admin/events/incident/{incident.pk}/change/"
    assert incident.status == IncidentStatus.DRAFT
    assert (incident.date_start, incident.place.slug) == (dt.date(2017, 10, 23), "al-qusur")
    assert incident.geom is not None and incident.uncertainty_m == 6000
    sources = {s.name: s for s in Source.objects.filter(incident=incident)}
    assert set(sources) == {
        "Syrian Observatory for Human Rights",
        "Government source (anonymous)",
        "Syrian state television",
    }
    assert {s.reported_via for s in sources.values()} == {"AFP"}
    claims = {
        (c.source.name, c.outcome): (c.min_value, c.max_value)
        for c in CasualtyClaim.objects.filter(incident=incident)
    }
    assert claims[("Syrian Observatory for Human Rights", "killed")] == (22, None)
    assert claims[("Government source (anonymous)", "injured")] == (32, None)  # corrected
    assert claims[("Syrian state television", "injured")] == (30, 30)
    attributions = {
        (a.actor.slug, a.stance, a.source.name)
        for a in Attribution.objects.filter(incident=incident)
    }
    assert ("us_led_coalition", "alleged", "Syrian state television") in attributions
    assert (
        "unidentified_aircraft",
        "alleged",
        "Syrian Observatory for Human Rights",
    ) in attributions


def test_invalid_corrections_are_refused_and_nothing_is_written(editor_client):
    before = Incident.objects.count()
    data = draft_post(**{"sources-0-killed_max": "3", "incident-place": "no-such-place"})
    page = editor_client.post(URL, data)
    assert page.status_code == 200
    assert Incident.objects.count() == before
    html = page.content.decode()
    assert "The maximum must not be below the minimum." in html
    assert "No gazetteer place has the slug" in html


def test_an_actor_missing_from_the_table_must_be_picked_or_unticked(editor_client):
    data = draft_post(**{"alleged-0-actor": ""})
    page = editor_client.post(URL, data)
    assert page.status_code == 200
    assert "is not in the actor table: pick an actor or untick the row." in page.content.decode()
    data.pop("alleged-0-include")
    assert editor_client.post(URL, data).status_code == 302
