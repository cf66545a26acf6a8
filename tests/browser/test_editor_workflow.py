"""Acceptance: an editor enters the seed incident from scratch through the admin
(geocoder, two sources, two claims cited from sources added on the same page) and
submits it; the public cannot see it; a reviewer publishes it; it is on the map;
the history shows both people's work.

The incident is entered with a distinct "[browser test]" title: it re-enters real
reporting (AFP, 24 October 2017) in a throwaway test database, and is never
presented as a separate real event."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from events.models import Incident, IncidentStatus
from events.permissions import EDITOR_GROUP, REVIEWER_GROUP, sync_workflow_groups
from tests.browser.polling import wait_for_js

pytestmark = pytest.mark.browser

TITLE = "[browser test] Air strikes on Al-Qusur, Deir ez-Zor (re-entered from the AFP report)"
PASSWORD = "browser-test-pass-8472"


@pytest.fixture
def people(transactional_db):
    # Live-server tests run on a flushed database: recreate the groups.
    sync_workflow_groups()
    User = get_user_model()
    editor = User.objects.create_user("editor_alia", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    reviewer = User.objects.create_user("reviewer_omar", password=PASSWORD, is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    return editor, reviewer


@pytest.fixture
def new_page(browser, live_server):
    """More browser sessions (another user, an anonymous visitor), closed before the
    live server stops so no request thread outlives it."""
    contexts = []

    def make():
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, base_url=live_server.url
        )
        contexts.append(context)
        context.route(lambda url: not url.startswith(live_server.url), lambda r: r.abort())
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("pageerror", lambda e: page.console_errors.append(str(e)))
        return page

    yield make
    for context in contexts:
        context.close()


def public_geojson(page) -> dict:
    """What the map fetches, fetched by the visitor's browser."""
    return page.evaluate("fetch('/api/incidents.geojson').then(r => r.json())")


def log_in(page, username, next_url):
    page.goto(f"/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(re.escape(next_url)))


def pick_actor(page, row_index, name):
    row = page.locator(f"#attributions-{row_index}")
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill(name)
    page.locator(".select2-results__option", has_text=name).first.click()


def test_editor_enters_reviewer_publishes(page, new_page, people, artifacts_dir):
    editor_page = page
    log_in(editor_page, "editor_alia", "/admin/events/incident/add/")

    # What and when.
    editor_page.fill("#id_title", TITLE)
    editor_page.fill(
        "#id_summary",
        "Aircraft struck the government-held Al-Qusur district of Deir ez-Zor late on "
        "23 October 2017 (AFP, 24 October 2017, quoting SOHR and a government source).",
    )
    editor_page.select_option("#id_event_type", "explosions_remote_violence")
    editor_page.select_option("#id_sub_event_type", "air_drone_strike")
    editor_page.fill("#id_date_start", "2017-10-23")
    editor_page.fill("#id_date_end", "2017-10-23")
    editor_page.fill("#id_time_note", "late on Monday night")

    # Where: the geocoding step.
    editor_page.wait_for_selector("#id_geom-map .leaflet-basemap-pane path", state="attached")
    editor_page.fill("#id_find_place", "Al-Qusor")
    result = editor_page.locator(".geocoder-result").first
    result.wait_for()
    assert "Al-Qusur" in result.inner_text()
    editor_page.screenshot(path=artifacts_dir / "editor-geocoder-matches.png", full_page=False)
    result.click()
    assert editor_page.input_value("#id_location_precision") == "town"
    assert editor_page.input_value("#id_uncertainty_m") == "6000"
    assert editor_page.input_value("#id_location_method") == "geocoded"
    assert editor_page.input_value("#id_reported_place_name") == "Al-Qusor"
    geom = editor_page.input_value("#id_geom")
    assert '"Point"' in geom and "40.14" in geom and "35.33" in geom, geom
    assert "Al-Qusur" in editor_page.locator("#select2-id_place-container").inner_text()
    assert editor_page.locator("#id_geom-map .leaflet-marker-icon").count() == 1

    # Two sources, entered on this page (not saved yet)...
    editor_page.fill("#id_sources-0-name", "Syrian Observatory for Human Rights (SOHR)")
    editor_page.fill("#id_sources-0-reported_via", "AFP")
    editor_page.select_option("#id_sources-0-kind", "monitor")
    editor_page.locator("#sources-group .add-row a").click()
    editor_page.fill("#id_sources-1-name", "Government source in Deir ez-Zor (anonymous)")
    editor_page.fill("#id_sources-1-reported_via", "AFP")
    editor_page.select_option("#id_sources-1-kind", "official")

    # ... and two claims citing them.
    claim_source = editor_page.locator("#id_claims-0-source")
    assert "New: Syrian Observatory for Human Rights (SOHR) via AFP" in claim_source.inner_text()
    editor_page.select_option("#id_claims-0-source", "new-0")
    editor_page.select_option("#id_claims-0-outcome", "killed")
    editor_page.select_option("#id_claims-0-population", "civilian")
    editor_page.fill("#id_claims-0-min_value", "22")
    editor_page.fill("#id_claims-0-wording", "at least 22 civilians killed")
    editor_page.locator("#claims-group .add-row a").click()
    editor_page.select_option("#id_claims-1-source", "new-1")
    editor_page.select_option("#id_claims-1-outcome", "killed")
    editor_page.select_option("#id_claims-1-population", "civilian")
    editor_page.fill("#id_claims-1-min_value", "14")
    editor_page.fill("#id_claims-1-max_value", "14")
    editor_page.fill("#id_claims-1-wording", "14 civilians killed")

    # One attribution, by the government source.
    editor_page.locator("#attributions-group .add-row a").click()
    pick_actor(editor_page, 0, "US-led coalition")
    editor_page.select_option("#id_attributions-0-source", "new-1")
    editor_page.screenshot(path=artifacts_dir / "editor-incident-form.png", full_page=True)

    editor_page.get_by_role("button", name="Save and submit for review").click()
    editor_page.wait_for_url(re.compile(r"/admin/events/incident/$"))
    assert "Submitted for review" in editor_page.locator(".messagelist").inner_text()
    editor_page.screenshot(path=artifacts_dir / "editor-list-after-submit.png", full_page=True)

    incident = Incident.objects.get(title=TITLE)
    assert incident.status == IncidentStatus.REVIEW
    assert incident.created_by.username == "editor_alia"
    sources = {s.name: s for s in incident.sources.all()}
    assert len(sources) == 2
    claims = {(c.source.name, c.min_value, c.max_value) for c in incident.claims.all()}
    assert claims == {
        ("Syrian Observatory for Human Rights (SOHR)", 22, None),
        ("Government source in Deir ez-Zor (anonymous)", 14, 14),
    }
    (attribution,) = incident.attributions.all()
    assert attribution.source == sources["Government source in Deir ez-Zor (anonymous)"]
    assert (incident.fatalities_low, incident.fatalities_high) == (14, 22)
    assert incident.place.slug == "al-qusur" and incident.uncertainty_m == 6000

    # Invisible to the public while in review.
    public = new_page()
    response = public.goto(f"/incidents/{incident.code}/")
    assert response.status == 404
    geojson = public_geojson(public)
    assert incident.code not in {f["id"] for f in geojson["features"]}
    public.console_errors.clear()  # the 404 above is logged by the browser

    # The editor can no longer change it; the reviewer publishes it.
    response = editor_page.goto(f"/admin/events/incident/{incident.pk}/change/")
    assert editor_page.get_by_role("button", name="Save and publish").count() == 0
    reviewer_page = new_page()
    change_url = f"/admin/events/incident/{incident.pk}/change/"
    log_in(reviewer_page, "reviewer_omar", change_url)
    assert "In review" in reviewer_page.locator(".workflow-status").inner_text()
    reviewer_page.screenshot(path=artifacts_dir / "reviewer-change-form.png", full_page=False)
    reviewer_page.get_by_role("button", name="Save and publish").click()
    reviewer_page.wait_for_url(re.compile(r"/admin/events/incident/$"))
    assert "Published" in reviewer_page.locator(".messagelist").inner_text()
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.PUBLISHED and incident.published_at

    # On the public map now, next to the seed incident.
    public.goto("/")
    wait_for_js(
        public, "document.getElementById('map').dataset.incidentCount === '2'", timeout=15000
    )
    # Both incidents sit on Deir ez-Zor's point: one stacked marker of 2.
    assert public.locator('.incident-stack[data-stack="2"]').count() == 1
    geojson = public_geojson(public)
    assert incident.code in {f["id"] for f in geojson["features"]}
    assert public.goto(f"/incidents/{incident.code}/").status == 200
    public.goto(f"/?q={incident.code}")
    public.wait_for_selector(f'.incident-marker[data-code="{incident.code}"]')
    public.screenshot(path=artifacts_dir / "map-after-publish.png")

    # The admin list map shows both; the history names both people.
    reviewer_page.goto("/admin/events/incident/")
    reviewer_page.wait_for_selector("#incident-list-map .list-marker")
    assert reviewer_page.locator("#incident-list-map").get_attribute("data-marker-count") == "2"
    # Under it, the site's offline basemap with plain text labels (no tooltip box).
    label = reviewer_page.locator("#incident-list-map .place-label", has_text="Deir ez-Zor").first
    label.wait_for()
    assert label.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    reviewer_page.screenshot(path=artifacts_dir / "admin-list-map.png", full_page=True)
    reviewer_page.goto(f"/admin/events/incident/{incident.pk}/history/")
    history = reviewer_page.locator("#change-history").inner_text()
    assert "editor_alia" in history and "reviewer_omar" in history
    assert "Published" in history and "Submitted for review" in history
    related = reviewer_page.locator("#related-history").inner_text()
    assert related.count("editor_alia") >= 5  # two sources, two claims, one attribution
    reviewer_page.screenshot(path=artifacts_dir / "admin-history.png", full_page=True)

    for p in (editor_page, reviewer_page, public):
        assert p.console_errors == [], p.console_errors
