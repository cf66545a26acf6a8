"""The map as a user drives it: layers, control date, filters, popups, permalinks,
the table beside it, a phone-sized screen. One page is reused per test to keep
the suite fast. Screenshots land in the artifacts folder."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point

from events.display import date_label
from events.models import DatePrecision, LocationPrecision
from tests.browser.polling import wait_for_js
from tests.factories import CasualtyClaimFactory, IncidentFactory

pytestmark = pytest.mark.browser

SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"
IS_COLOUR, GOVERNMENT_COLOUR = "#3b3b3b", "#c0392b"
# Al-Mayadin (GeoNames 173480): inside the Islamic State zone of the first
# snapshot (zones 2017-09-05..09-09; none exist before 5 September, so the
# "early" date is 2017-09-07) and inside the government zone of 2017-11-03..16.
MAYADIN = (35.01982, 40.45154)


def wait_for_incidents(page):
    wait_for_js(page, "document.getElementById('map').dataset.incidentsLoading === ''")


def wait_for_popup_still(page):
    """Until the open popup has kept its place on screen for 300 ms."""
    wait_for_js(
        page,
        """() => {
          const p = document.querySelector('.leaflet-popup');
          if (!p) return false;
          const r = p.getBoundingClientRect(), at = r.left + ',' + r.top;
          const now = performance.now();
          if (window.__popupAt !== at) {
            window.__popupAt = at;
            window.__popupSince = now;
            return false;
          }
          return now - window.__popupSince > 300;
        }""",
    )


def wait_for_zones_loaded(page):
    """Zones come in a request of their own, after (or before) the incidents."""
    wait_for_js(page, "!!document.getElementById('map').dataset.zonesDate")


def wait_for_zones(page, day):
    wait_for_js(page, f"document.getElementById('map').dataset.zonesDate === '{day}'")


def zone_at_centre(page) -> dict:
    """The control-zone path under the centre of the map, as a user would hover it."""
    return page.evaluate(
        """() => {
          const r = document.getElementById('map').getBoundingClientRect();
          const el = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return {cls: el.getAttribute('class') || '', fill: el.getAttribute('fill') || ''};
        }"""
    )


def marker_codes(page) -> set[str]:
    return set(
        page.locator(".incident-marker[data-code]").evaluate_all(
            "els => els.map(e => e.dataset.code)"
        )
    )


def apply_filters(page, **values):
    for name, value in values.items():
        page.locator(f'#incident-filters [name="{name}"]').fill(value)
    page.get_by_role("button", name="Apply filters").click()
    wait_for_incidents(page)


def test_map_layers_dates_filters_popup_and_permalink(page, artifacts_dir):
    page.goto("/")
    wait_for_incidents(page)
    page.wait_for_selector(f'.incident-marker[data-code="{SEED}"]')
    wait_for_zones_loaded(page)
    page.screenshot(path=artifacts_dir / "map-home.png")

    # Layers: one checkbox per actor with zones, in the actor's colour.
    for name in ("Syrian government and allies", "Islamic State", "Syrian Democratic Forces"):
        assert page.get_by_label(name).is_checked()
    assert page.locator("path.zone-islamic_state").count() >= 1
    page.get_by_label("Islamic State").uncheck()
    assert page.locator("path.zone-islamic_state").count() == 0
    assert page.locator("path.zone-government").count() >= 1
    page.get_by_label("Islamic State").check()
    assert page.locator("path.zone-islamic_state").count() >= 1

    # Popup, opened from the keyboard: every source's claim side by side.
    marker = page.locator(f'.incident-marker[data-code="{SEED}"]')
    marker.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content .popup")
    popup.wait_for()
    sohr = popup.locator("tr", has_text="SOHR").inner_text()
    government = popup.locator("tr", has_text="Government source").inner_text()
    assert "22+" in sohr and "at least 22" in sohr
    assert "14" in government and "31+" in government
    assert "23 October 2017" in popup.inner_text()
    assert "القصور" in popup.inner_text()
    assert "Syrian government and allies" in popup.inner_text()
    assert "alleged by" in popup.locator(".attributions").inner_text()
    page.screenshot(path=artifacts_dir / "map-popup.png")
    page.keyboard.press("Escape")

    # Incident date range: the seed (23 Oct) is hidden, then shown again.
    apply_filters(page, **{"from": "2017-10-24"})
    assert marker_codes(page) == set()
    assert "No incident matches" in page.locator("#map-status").inner_text()
    apply_filters(page, **{"from": "2017-10-01", "to": "2017-10-31"})
    page.wait_for_selector(f'.incident-marker[data-code="{SEED}"]')
    assert "2017-10-01" in page.url and "2017-10-31" in page.url

    # Control date: the same point is Islamic State early, government later.
    page.goto(f"/?map=12/{MAYADIN[0]}/{MAYADIN[1]}&date=2017-09-07")
    wait_for_zones(page, "2017-09-07")
    early = zone_at_centre(page)
    assert "zone-islamic_state" in early["cls"] and early["fill"] == IS_COLOUR
    page.locator("#control-date").fill("2017-11-10")
    page.locator("#control-date").dispatch_event("change")
    wait_for_zones(page, "2017-11-10")
    late = zone_at_centre(page)
    assert "zone-government" in late["cls"] and late["fill"] == GOVERNMENT_COLOUR
    page.screenshot(path=artifacts_dir / "map-control-2017-11-10.png")

    # A date with no zone says so instead of showing nothing silently.
    page.locator("#control-date").fill("2017-09-20")
    page.locator("#control-date").dispatch_event("change")
    wait_for_zones(page, "2017-09-20")
    assert page.locator("path.zone").count() == 0
    assert "No control zone is recorded" in page.locator("#zone-status").inner_text()

    # Permalink: the URL holds view, control date, filters and layers.
    page.locator("#control-date").fill("2017-11-10")
    page.locator("#control-date").dispatch_event("change")
    wait_for_zones(page, "2017-11-10")
    page.get_by_label("Syrian Democratic Forces").uncheck()
    apply_filters(page, **{"from": "2017-10-01", "q": "Qusur"})
    before = page.url
    assert "hide=sdf" in before and "q=Qusur" in before and "map=12/" in before
    page.reload()
    wait_for_zones(page, "2017-11-10")
    wait_for_incidents(page)
    assert page.url == before
    assert page.locator("#control-date").input_value() == "2017-11-10"
    assert page.locator("#f-from").input_value() == "2017-10-01"
    assert page.locator("#f-q").input_value() == "Qusur"
    assert not page.get_by_label("Syrian Democratic Forces").is_checked()
    assert page.locator("path.zone-sdf").count() == 0
    assert "zone-government" in zone_at_centre(page)["cls"]
    centre = page.evaluate("document.getElementById('map').dataset.zonesDate")
    assert centre == "2017-11-10"

    # Back restores the previous state (the search box was empty then).
    page.go_back()
    wait_for_incidents(page)
    assert page.locator("#f-q").input_value() == ""
    assert "q=Qusur" not in page.url
    page.go_forward()
    wait_for_incidents(page)
    assert page.locator("#f-q").input_value() == "Qusur"

    assert page.console_errors == []


def test_table_lists_the_same_incidents_as_the_map(page, settings, artifacts_dir):
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    near = [(40.16, 35.32), (40.12, 35.35), (40.18, 35.30), (40.15, 35.34)]
    explosion = IncidentFactory(geom=Point(*near[0], srid=4326), title="Synthetic shelling A")
    IncidentFactory(geom=Point(*near[1], srid=4326), event_type="battles", sub_event_type="")
    IncidentFactory(
        geom=Point(*near[2], srid=4326),
        event_type="violence_against_civilians",
        sub_event_type="",
    )
    month = IncidentFactory(
        geom=Point(*near[3], srid=4326),
        date_start=dt.date(2017, 10, 1),
        date_end=dt.date(2017, 10, 31),
        date_precision=DatePrecision.MONTH,
        location_precision=LocationPrecision.NEIGHBOURHOOD,
        title="Synthetic month-precision shelling",
    )
    CasualtyClaimFactory(incident=explosion, source__incident=explosion, min_value=3)

    query = "type=explosions_remote_violence"
    page.goto(f"/?map=13/35.3300/40.1500&{query}")
    wait_for_incidents(page)
    on_map = marker_codes(page)
    assert on_map == {SEED, explosion.code, month.code}

    # Month precision is shown as a month, and the point as an uncertainty circle.
    page.locator(f'.incident-marker[data-code="{month.code}"]').click()
    popup = page.locator(".leaflet-popup-content .popup")
    popup.wait_for()
    assert "October 2017" in popup.locator(".date").inner_text()
    assert "1 October" not in popup.locator(".date").inner_text()
    assert page.locator("path.uncertainty-circle").count() >= 2

    page.get_by_role("link", name="Read these incidents as a table").click()
    page.wait_for_selector("#incident-table")
    assert query in page.url
    in_table = set(
        page.locator("#incident-table tbody tr[data-code]").evaluate_all(
            "rows => rows.map(r => r.dataset.code)"
        )
    )
    assert in_table == on_map
    page.screenshot(path=artifacts_dir / "incident-table.png", full_page=True)

    # Sorting by the killed column puts the incident with a figure first.
    page.get_by_role("link", name="Killed (best estimate)").click()
    page.wait_for_selector("th[aria-sort='descending']")
    assert page.locator("#incident-table tbody tr").first.get_attribute("data-code") == SEED

    # The download links carry the same filter.
    for fmt in ("geojson", "csv", "gpkg", "kml", "html"):
        href = page.locator(f'#download-links a[data-format="{fmt}"]').get_attribute("href")
        assert href == f"/api/incidents.{fmt}?{query}"
    assert page.console_errors == []


def test_phone_sized_screen(browser, live_server, demo_data, artifacts_dir):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server.url, is_mobile=True
    )
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto("/?map=8/35.2/40.3")
        wait_for_incidents(page)
        page.wait_for_selector(f'.incident-marker[data-code="{SEED}"]')
        # The map fills the screen; the controls fold behind one button.
        box = page.locator("#map").bounding_box()
        assert box["width"] >= 380 and box["height"] >= 600
        toggle = page.get_by_role("button", name="Filters, layers and dates")
        assert toggle.get_attribute("aria-expanded") == "false"
        wait_for_zones_loaded(page)
        assert page.locator(".zone-government").count() >= 1
        page.screenshot(path=artifacts_dir / "map-phone-390x844.png")
        toggle.click()
        assert page.locator("#control-date").is_visible()
        page.screenshot(path=artifacts_dir / "map-phone-panel-open.png")
        # Keyboard: the toggle, then the control date, are reachable with Tab.
        toggle.focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "control-date"
        toggle.click()
        page.locator(f'.incident-marker[data-code="{SEED}"]').click()
        page.locator(".leaflet-popup-content .popup").wait_for()
        popup = page.locator(".leaflet-popup").bounding_box()
        assert popup["width"] <= 390
        page.screenshot(path=artifacts_dir / "map-phone-popup.png")
        assert errors == []

        # OpenStreetMap is optional: offline, its tiles fail and the page falls
        # back to the local basemap with a message (the failed tile requests are
        # the only console errors).
        page.keyboard.press("Escape")
        toggle.click()
        # click, not check(): the fallback may flip the radio back before
        # Playwright re-reads it, which is exactly the behaviour under test.
        page.get_by_label("OpenStreetMap (online)").click()
        page.locator("#map-error").wait_for()
        assert "OpenStreetMap tiles could not be loaded" in page.locator("#map-error").inner_text()
        assert page.get_by_label("Local (works offline)").is_checked()
        assert "base=osm" not in page.url
        assert all("Failed to load resource" in e for e in errors), errors
    finally:
        context.close()


VISIBLE_LABELS = """() => [...document.querySelectorAll('#map .place-label')]
    .filter(el => el.offsetParent !== null && getComputedStyle(el).visibility !== 'hidden')
    .map(el => {
        const r = el.getBoundingClientRect();
        return {text: el.textContent, box: [r.left, r.top, r.right, r.bottom]};
    })"""


def visible_labels(page) -> list[dict]:
    return page.evaluate(VISIBLE_LABELS)


def overlapping_labels(labels) -> list[tuple[str, str]]:
    def clash(a, b):
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    return [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if clash(a["box"], b["box"])
    ]


def test_basemap_labels_never_overlap(page, artifacts_dir):
    page.goto("/")
    wait_for_incidents(page)
    page.locator("#map .place-label").first.wait_for()
    labels = visible_labels(page)
    assert len(labels) >= 15
    assert overlapping_labels(labels) == []
    # Zoomed in on Al-Mayadin, the neighbours it hid from afar have room again.
    page.goto("/?map=12/35.02/40.48")
    page.locator("#map .place-label", has_text="Dhiban").wait_for()
    labels = visible_labels(page)
    texts = " ".join(label["text"] for label in labels)
    assert "Al-Mayadin" in texts and "Dhiban" in texts
    assert overlapping_labels(labels) == []
    page.screenshot(path=artifacts_dir / "map-labels-mayadin-z12.png")


# Aleppo city as UCDP GED places its events (where_coordinates "Aleppo town"), and
# UCDP's Aleppo Governorate point, on which it places 116 governorate-level events.
ALEPPO_TOWN = (37.161173, 36.201241)
ALEPPO_GOVERNORATE = (37.616667, 36.25)


def test_stacked_incidents_open_as_a_list_and_coarse_ones_read_as_areas(
    page, settings, artifacts_dir
):
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    stacked = [
        IncidentFactory(
            geom=Point(*ALEPPO_TOWN, srid=4326),
            title=f"Synthetic Aleppo shelling {n:02d}",
            date_start=dt.date(2016, 1, 1) + dt.timedelta(days=n),
            date_end=dt.date(2016, 1, 1) + dt.timedelta(days=n),
            location_precision=LocationPrecision.TOWN,
        )
        for n in range(55)
    ]
    coarse = [
        IncidentFactory(
            geom=Point(*ALEPPO_GOVERNORATE, srid=4326),
            title=f"Synthetic governorate-level clash {n}",
            location_precision=LocationPrecision.GOVERNORATE,
            uncertainty_m=100_000,
        )
        for n in range(3)
    ]
    page.goto("/?map=9/36.2200/37.4000")
    wait_for_incidents(page)

    # 55 incidents on one point: one marker with their count, not 55 hidden pins.
    stack = page.locator('.incident-stack[data-stack="55"]')
    stack.wait_for()
    assert stack.inner_text() == "55"
    assert marker_codes(page) & {i.code for i in stacked} == set()
    stack.click()
    items = page.locator(".stack-popup .stack-item")
    items.first.wait_for()
    assert items.count() == 50  # a page at a time, newest first
    assert items.first.get_attribute("data-code") == stacked[-1].code
    # the popup pans the map to fit; a click aimed while it still moves lands on the
    # map (which closes the popup), so click once it stands still, as a user would
    wait_for_popup_still(page)
    page.get_by_role("button", name="Show 5 more (50 of 55 shown)").click()
    items.nth(54).wait_for()  # the next page is fetched, then drawn
    assert items.count() == 55
    page.screenshot(path=artifacts_dir / "map-stack-list.png")
    page.locator(f'.stack-item[data-code="{stacked[10].code}"]').click()
    popup = page.locator(".leaflet-popup-content .popup")
    popup.wait_for()
    assert "Synthetic Aleppo shelling 10" in popup.inner_text()
    page.screenshot(path=artifacts_dir / "map-stack-incident.png")
    page.get_by_role("button", name="← All incidents at this point").click()
    assert items.count() == 50
    page.keyboard.press("Escape")

    # Governorate-level incidents: a translucent disc of their radius and a count
    # at its centre, never a pin.
    assert page.locator("path.incident-area.precision-governorate").count() == 1
    assert marker_codes(page) & {i.code for i in coarse} == set()
    handle = page.locator('.incident-area-handle[data-stack="3"]')
    assert handle.inner_text() == "3"
    assert "known only to the governorate (within 100 km)" in handle.get_attribute("title")
    box = page.locator("path.incident-area").bounding_box()
    assert box["width"] > 150  # 100 km at zoom 9 is about 290 px across
    handle.click()
    assert page.locator(".stack-popup .stack-item").count() == 3
    assert "known only to the governorate" in page.locator(".stack-popup").inner_text()
    page.locator(".stack-popup .stack-item").first.click()
    page.locator(".leaflet-popup-content .popup").wait_for()
    page.screenshot(path=artifacts_dir / "map-area-incident.png")
    assert page.console_errors == []


def test_marker_titles_give_dates_as_the_rest_of_the_site_does(page, settings):
    """map.js mirrors events.display.date_label for the markers' titles."""
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    day = dt.date
    cases = [
        (day(2017, 10, 23), day(2017, 10, 23), DatePrecision.DAY),
        (day(2017, 10, 21), day(2017, 10, 23), DatePrecision.DAY),
        (day(2017, 9, 30), day(2017, 10, 2), DatePrecision.DAY),
        (day(2017, 10, 16), day(2017, 10, 22), DatePrecision.WEEK),
        (day(2017, 10, 1), day(2017, 10, 31), DatePrecision.MONTH),
        (day(2017, 10, 1), day(2017, 11, 30), DatePrecision.MONTH),
        (day(2017, 1, 1), day(2017, 12, 31), DatePrecision.YEAR),
        (day(2016, 1, 1), day(2017, 12, 31), DatePrecision.YEAR),
    ]
    made = [
        IncidentFactory(
            geom=Point(40.12 + 0.01 * i, 35.31, srid=4326),
            date_start=start,
            date_end=end,
            date_precision=precision,
        )
        for i, (start, end, precision) in enumerate(cases)
    ]
    page.goto("/?map=13/35.3150/40.1550")
    wait_for_incidents(page)
    titles = page.locator(".incident-marker[data-code]").evaluate_all(
        "els => Object.fromEntries(els.map(e => [e.dataset.code, e.getAttribute('title')]))"
    )
    for incident in made:
        when = date_label(incident.date_start, incident.date_end, incident.date_precision)
        assert titles[incident.code] == f"{incident.title} ({when})"
    assert page.console_errors == []


def test_loaded_dataset_is_credited_in_the_attribution_control(page, artifacts_dir):
    from events.models import DataLoad

    DataLoad.objects.create(name="ucdp_ged_syria_2016-2019.csv", fingerprint="0" * 64, rows=1)
    page.goto("/")
    wait_for_incidents(page)
    credit = page.locator(".leaflet-control-attribution a", has_text="UCDP GED, CC BY 4.0")
    credit.wait_for()
    assert "Sundberg & Melander 2013" in credit.inner_text()
    assert credit.get_attribute("href") == "https://ucdp.uu.se/downloads/"
    page.locator(".leaflet-control-attribution").screenshot(
        path=artifacts_dir / "map-attribution-ucdp.png"
    )
    assert page.console_errors == []
