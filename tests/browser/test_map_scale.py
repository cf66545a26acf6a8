"""The map at scale, as a user drives it: server clusters that open down to a
single incident's popup, the timeline whose brush sets the incident dates, and
permalinks that bring back the same clustered view."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.gis.geos import Point

from events.models import Incident
from events.services import incidents_changed
from tests.browser.polling import wait_for_js
from tests.factories import IncidentFactory

pytestmark = pytest.mark.browser


def wait_for_incidents(page):
    wait_for_js(page, "document.getElementById('map').dataset.incidentsLoading === ''")


def wait_for_timeline(page):
    wait_for_js(
        page,
        "document.getElementById('timeline').dataset.loading === '' && "
        "!!document.getElementById('timeline').dataset.periods",
    )


def url_params(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


@pytest.fixture
def crowd(settings):
    """240 synthetic incidents on a 16 x 15 grid 0.01 degrees apart east of
    Deir ez-Zor, spread over September to November 2017: more than one tile
    sends as single points, so the country view shows a server cluster."""
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    incidents = []
    types = ["battles", "explosions_remote_violence", "violence_against_civilians"]
    for n in range(240):
        lon, lat = 40.30 + (n % 16) * 0.01, 35.20 + (n // 16) * 0.01
        incidents.append(
            Incident(
                code=f"crowd-{n:03d}",
                title=f"Synthetic crowd incident {n}",
                event_type=types[n % 3],
                date_start=dt.date(2017, 9, 1) + dt.timedelta(days=n % 90),
                date_end=dt.date(2017, 9, 1) + dt.timedelta(days=n % 90),
                geom=Point(lon, lat, srid=4326),
                status="published",
                synthetic=True,
                fatalities_best=n % 4,
            )
        )
    Incident.objects.bulk_create(incidents)
    # As a bulk import does: the derived data (map grid counts) follow the rows.
    incidents_changed(
        ids=Incident.objects.filter(code__startswith="crowd-").values_list("pk", flat=True)
    )
    # One through the factory, so the write path keeps its derived texts.
    IncidentFactory(code="crowd-factory", geom=Point(40.455, 35.345, srid=4326))
    return incidents


def test_a_point_inside_a_cluster_opens_its_popup(page, crowd, artifacts_dir):
    page.goto("/?map=6/35.0/39.0")
    wait_for_incidents(page)
    cluster = page.locator(".server-cluster").first
    cluster.wait_for()
    counts = page.locator(".server-cluster").evaluate_all(
        "els => els.map(e => Number(e.dataset.count))"
    )
    assert max(counts) >= 200
    page.screenshot(path=artifacts_dir / "scale-clusters-z6.png")

    # A cluster is reachable from the keyboard: Enter zooms into it.
    page.locator(".server-cluster").first.focus()
    page.keyboard.press("Enter")
    wait_for_js(page, "!location.search.includes('map=6/')")
    wait_for_incidents(page)

    marker = page.locator('.incident-marker[data-code^="crowd-"]')
    for _ in range(10):
        if marker.count():
            break
        biggest = page.locator(".incident-cluster").evaluate_all(
            """els => els.map((e, i) => [i, Number(e.dataset.count || e.textContent)])
                 .sort((a, b) => b[1] - a[1])[0][0]"""
        )
        # Clusters may overlap one another: click this one's own element.
        page.locator(".incident-cluster").nth(biggest).dispatch_event("click")
        page.wait_for_timeout(400)  # the zoom animation, then the new request
        wait_for_incidents(page)
    assert marker.count() >= 1, "zooming into the cluster never reached single incidents"
    zoom = int(url_params(page)["map"].split("/")[0])
    assert zoom > 6
    # Let the map settle (a late answer redraws the markers), then focus a marker
    # and read its code in one step, and open it from the keyboard: a neighbouring
    # marker may overlap this one's centre.
    page.wait_for_timeout(300)
    wait_for_incidents(page)
    code = page.evaluate(
        """() => { const m = document.querySelector('.incident-marker[data-code^="crowd-"]');
                   m.focus(); return document.activeElement.dataset.code; }"""
    )
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content .popup")
    popup.wait_for()
    number = int(code.split("-")[1])
    assert f"Synthetic crowd incident {number}" in popup.inner_text()
    page.screenshot(path=artifacts_dir / "scale-cluster-point-popup.png")
    assert page.console_errors == []


def test_timeline_brush_sets_the_incident_dates_and_the_url(page, crowd, artifacts_dir):
    page.goto("/?map=9/35.3/40.4&date=2017-10-23")
    wait_for_incidents(page)
    wait_for_timeline(page)
    assert page.locator("#timeline").get_attribute("data-bucket") == "day"
    summary = page.locator(".timeline-summary").inner_text()
    assert "242 incidents" in summary  # the crowd, the factory one and the seed
    before = int(page.locator("#map").get_attribute("data-incident-count"))
    assert before == 242
    page.screenshot(path=artifacts_dir / "scale-timeline-before.png")

    # Drag across the middle third of the chart.
    over = page.locator("#timeline .u-over").bounding_box()
    y = over["y"] + over["height"] / 2
    page.mouse.move(over["x"] + over["width"] * 0.35, y)
    page.mouse.down()
    page.mouse.move(over["x"] + over["width"] * 0.5, y, steps=8)
    page.mouse.move(over["x"] + over["width"] * 0.65, y, steps=8)
    page.mouse.up()
    wait_for_incidents(page)
    params = url_params(page)
    start, end = dt.date.fromisoformat(params["from"]), dt.date.fromisoformat(params["to"])
    assert dt.date(2017, 9, 15) < start < end < dt.date(2017, 11, 15)
    assert page.locator("#f-from").input_value() == params["from"]
    assert page.locator("#f-to").input_value() == params["to"]
    # The map now shows only the incidents of those days.
    expected = (
        sum(1 for i in crowd if start <= i.date_start <= end)
        + (start <= dt.date(2017, 10, 20) <= end)
        + (start <= dt.date(2017, 10, 23) <= end)
    )
    wait_for_js(page, f"document.getElementById('map').dataset.incidentCount === '{expected}'")
    assert expected < before
    wait_for_timeline(page)
    page.screenshot(path=artifacts_dir / "scale-timeline-brushed.png")

    # Back restores all dates; "All dates" clears them again.
    page.go_back()
    wait_for_incidents(page)
    assert "from" not in url_params(page)
    page.go_forward()
    wait_for_incidents(page)
    assert url_params(page)["from"] == params["from"]
    page.get_by_role("button", name="All dates").click()
    wait_for_incidents(page)
    assert "from" not in url_params(page) and page.locator("#f-from").input_value() == ""
    assert page.console_errors == []


def test_permalink_round_trip_with_server_clusters(page, crowd, browser, live_server):
    url = (
        "/?map=8/35.2500/40.3500&date=2017-10-23&type=battles,explosions_remote_violence"
        "&from=2017-09-01&to=2017-10-31"
    )
    page.goto(url)
    wait_for_incidents(page)
    wait_for_timeline(page)
    shown = page.locator("#map").get_attribute("data-incident-count")
    clusters = sorted(
        page.locator(".server-cluster").evaluate_all("els => els.map(e => e.dataset.count)")
    )
    # What the map drew is what the filters select.
    expected = (
        sum(
            1
            for i in crowd
            if i.event_type != "violence_against_civilians"
            and dt.date(2017, 9, 1) <= i.date_start <= dt.date(2017, 10, 31)
        )
        + 2
    )  # the factory incident (20 Oct) and the seed (23 Oct) are explosions
    assert shown == str(expected)
    assert page.get_by_label("Battles").is_checked()
    assert not page.get_by_label("Protests").is_checked()

    # Panning keeps the filters in the URL; a fresh page with that URL shows the same.
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 120, box["y"] + box["height"] / 2, steps=6)
    page.mouse.up()
    wait_for_js(page, "!location.search.includes('map=8/35.2500/40.3500')")
    wait_for_incidents(page)
    permalink = page.url
    assert "type=battles,explosions_remote_violence" in permalink and "to=2017-10-31" in permalink
    shown = page.locator("#map").get_attribute("data-incident-count")
    clusters = sorted(
        page.locator(".server-cluster").evaluate_all("els => els.map(e => e.dataset.count)")
    )
    other = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server.url)
    other.route(lambda u: not u.startswith(live_server.url), lambda route: route.abort())
    second = other.new_page()
    try:
        second.goto(permalink)
        wait_for_incidents(second)
        assert second.url == permalink
        assert second.locator("#map").get_attribute("data-incident-count") == shown
        again = sorted(
            second.locator(".server-cluster").evaluate_all("els => els.map(e => e.dataset.count)")
        )
        assert again == clusters
        assert second.locator("#f-from").input_value() == "2017-09-01"
        assert second.locator("#control-date").input_value() == "2017-10-23"
    finally:
        other.close()
    assert page.console_errors == []
