"""The HTML export opens from a file with the network blocked and shows the
incident, its popup and the layer control."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from events.exports import html_map
from events.models import ControlZone, Incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SEED_TITLE = "Air strikes on the Al-Qusur neighbourhood of Deir ez-Zor city"


def test_offline_html_map_opens_from_a_file(browser, tmp_path, artifacts_dir):
    document = html_map.render(
        Incident.objects.published().real(),
        zones=ControlZone.objects.real(),
        site_url="https://conflictmap.example",
    )
    path = tmp_path / "incidents.html"
    path.write_text(document, encoding="utf-8")

    context = browser.new_context(viewport={"width": 1100, "height": 750})
    attempted = []
    context.route(
        lambda url: not url.startswith("file://"),
        lambda route: (attempted.append(route.request.url), route.abort()),
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("() => window.L && document.querySelector('.leaflet-control-layers')")

    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert any("Incidents (1)" in label for label in labels)
    assert any(label.strip().startswith("Control 2017-10-17") for label in labels)
    assert any("Base map (offline)" in label for label in labels)
    # The site's local basemap is embedded: labelled towns (Latin and Arabic), the
    # named Euphrates, governorate outlines.
    page.locator(".place-label", has_text="Deir ez-Zor").first.wait_for()
    assert "دير الزور" in page.locator(".place-label", has_text="Deir ez-Zor").first.inner_text()
    assert page.locator(".river-label", has_text="Euphrates").count() >= 1

    # The marker is drawn on a canvas: click where Leaflet puts the seed's point,
    # once the map has finished any opening zoom animation (the point moves until
    # then, which made a single early click miss now and then).
    popup = page.locator(".leaflet-popup-content")
    for _attempt in range(5):
        x, y = page.evaluate(
            """async () => {
                const map = Object.values(window).find(v => v instanceof L.Map);
                while (map._animatingZoom || (map._panAnim && map._panAnim._inProgress)) {
                    await new Promise(r => setTimeout(r, 50));
                }
                await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                const p = map.latLngToContainerPoint([35.33588, 40.14084]);
                const box = map.getContainer().getBoundingClientRect();
                return [box.left + p.x, box.top + p.y];
            }"""
        )
        page.mouse.click(x, y)
        try:
            popup.wait_for(timeout=2000)
            break
        except PlaywrightTimeout:
            continue
    popup.wait_for()
    assert SEED_TITLE in popup.inner_text()
    assert "14 killed" in popup.inner_text()
    # The date at its precision and open-ended claims as "22+", as on the site.
    assert "23 October 2017, late on Monday night" in popup.inner_text()
    assert "2017-10-23" not in popup.inner_text() and "(day)" not in popup.inner_text()
    assert "Syrian Observatory for Human Rights (SOHR) via AFP: 22+ killed" in popup.inner_text()
    # Who alleges each perpetrator, and who held the ground, by name.
    coalition = next(
        line for line in popup.inner_text().splitlines() if line.startswith("US-led coalition:")
    )
    assert "alleged by Syrian state television via AFP" in coalition
    assert "alleged by Government source in Deir ez-Zor (anonymous) via AFP" in coalition
    assert "Held by at the time: Syrian government and allies" in popup.inner_text()
    page.wait_for_function(  # the popup has faded in
        "() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
    )
    page.screenshot(path=str(artifacts_dir / "export-html-offline.png"))
    assert attempted == []
    assert errors == []
    context.close()
