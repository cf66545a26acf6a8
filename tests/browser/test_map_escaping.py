"""User-supplied text is shown as text on every page, including the JS-built
parts of the map (marker titles, tooltips) and the popup."""

import pytest
from django.contrib.gis.geos import Point

from events.models import Actor, Attribution
from tests.browser.polling import wait_for_js
from tests.factories import CasualtyClaimFactory, IncidentFactory, SourceFactory

pytestmark = pytest.mark.browser

PAYLOAD = "<img src=x onerror=alert(1)>"


def test_markup_in_user_text_never_runs(page, settings, artifacts_dir):
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    incident = IncidentFactory(
        title=PAYLOAD,
        summary=f"Summary {PAYLOAD}",
        reported_place_name=f"Place {PAYLOAD}",
        time_note="<script>alert(2)</script>",
        location_note=PAYLOAD,
        geom=Point(40.2, 35.25, srid=4326),
    )
    source = SourceFactory(incident=incident, name=f"Source {PAYLOAD}", excerpt=PAYLOAD)
    CasualtyClaimFactory(incident=incident, source=source, min_value=5, wording=PAYLOAD)
    actor = Actor.objects.create(slug="xss-actor", name=f"Actor {PAYLOAD}", kind="unknown")
    Attribution.objects.create(incident=incident, actor=actor, source=source, note=PAYLOAD)

    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.goto("/?map=12/35.2500/40.2000&q=img")
    wait_for_js(page, "document.getElementById('map').dataset.incidentsLoading === ''")
    marker = page.locator(f'.incident-marker[data-code="{incident.code}"]')
    assert PAYLOAD in marker.get_attribute("title")
    marker.click()
    popup = page.locator(".leaflet-popup-content .popup")
    popup.wait_for()
    assert popup.locator("h3").inner_text() == PAYLOAD
    assert f"Actor {PAYLOAD}" in popup.inner_text()
    assert popup.locator("img").count() == 0
    page.screenshot(path=artifacts_dir / "escaping-map.png")

    page.goto("/incidents/?q=img")
    row = page.locator(f'#incident-table tr[data-code="{incident.code}"]')
    assert PAYLOAD in row.inner_text()
    assert page.locator("#incident-table img").count() == 0

    page.goto(incident.get_absolute_url())
    assert page.locator("h1").inner_text() == PAYLOAD
    assert f"Source {PAYLOAD}" in page.locator(".sources").inner_text()
    assert page.locator("article img, article script").count() == 0
    page.screenshot(path=artifacts_dir / "escaping-detail.png", full_page=True)

    assert dialogs == []
    assert page.console_errors == []
