"""The app in Arabic, right to left, as a reader and an editor use it: the map
(popup, controls, basemap labels, timeline), the table, the seed incident's page,
an admin form and the offline HTML export. Screenshots in the artifacts folder."""

import pytest
from django.utils import translation

from events.exports import html_map
from events.models import ControlZone, Incident
from events.permissions import sync_workflow_groups
from tests.accounts import PASSWORD, make_editor
from tests.browser.polling import wait_for_js

pytestmark = pytest.mark.browser

SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"


def assert_arabic_page(page):
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_map_table_incident_admin_and_export_in_arabic(
    page, browser, artifacts_dir, tmp_path, transactional_db
):
    # The reader's browser asks for Arabic: the map opens under /ar/.
    page.set_extra_http_headers({"Accept-Language": "ar-SY,ar;q=0.9"})
    page.goto("/?map=12/35.3300/40.1500&date=2017-10-23")
    assert "/ar/?" in page.url and "map=12/" in page.url
    assert_arabic_page(page)
    wait_for_js(page, "document.getElementById('map').dataset.incidentsLoading === ''")
    page.wait_for_selector(f'.incident-marker[data-code="{SEED}"]')
    wait_for_js(page, "!!document.getElementById('map').dataset.zonesDate")
    assert "من كان يسيطر على الأرض" in page.locator("#map-panel").inner_text()
    assert "السيطرة في 23 تشرين الأول 2017" in page.locator("#zone-status").inner_text()
    # Mirrored: the panel on the right of the map, Leaflet's zoom buttons top right.
    panel, map_box = page.locator("#map-panel").bounding_box(), page.locator("#map").bounding_box()
    assert panel["x"] > map_box["x"]
    assert page.locator(".leaflet-top.leaflet-right .leaflet-control-zoom").count() == 1
    # Basemap labels in Arabic, the Latin name on hover.
    label = page.locator(".place-label span[lang=ar]", has_text="دير الزور").first
    assert label.get_attribute("title") == "Deir ez-Zor"
    # The timeline, in Arabic: one incident in view; time runs right to left.
    wait_for_js(
        page,
        "document.getElementById('timeline').dataset.loading === '' && "
        "!!document.getElementById('timeline').dataset.periods",
    )
    assert "حادثة واحدة" in page.locator(".timeline-summary").inner_text()
    legend = page.locator("#timeline .u-legend").inner_text()
    assert "الفترة" in legend and "Time" not in legend, legend
    page.screenshot(path=artifacts_dir / "ar-map.png")

    page.locator(f'.incident-marker[data-code="{SEED}"]').focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content .popup")
    popup.wait_for()
    text = popup.inner_text()
    assert "23 تشرين الأول 2017" in text and "القصور، دير الزور" in text
    assert "المسيطر وقت الحادثة" in text and "الحصائل المعلنة للضحايا" in text
    assert "بحسب اتهام" in popup.locator(".attributions").inner_text()
    # The Latin source name stays whole inside the Arabic sentence (bidi-isolated).
    assert popup.locator(".attributions bdi", has_text="SOHR").count() >= 1
    page.screenshot(path=artifacts_dir / "ar-map-popup.png")
    page.keyboard.press("Escape")

    # The table, with Arabic-Indic digits chosen (remembered in a cookie).
    page.goto("/ar/incidents/?digits=arab")
    assert_arabic_page(page)
    headers = page.locator("#incident-table thead th")
    assert headers.first.inner_text().startswith("التاريخ")
    # Right to left: the first column is the rightmost.
    assert headers.first.bounding_box()["x"] > headers.last.bounding_box()["x"]
    row = page.locator(f'#incident-table tr[data-code="{SEED}"]').inner_text()
    assert "٢٣ تشرين الأول ٢٠١٧" in row
    page.screenshot(path=artifacts_dir / "ar-table.png", full_page=True)
    page.goto("/ar/incidents/?digits=latn")

    # The seed incident's page.
    page.goto(f"/ar/incidents/{SEED}/")
    assert_arabic_page(page)
    body = page.locator("main").inner_text()
    for arabic in ("متى", "أين", "الحصائل المعلنة للضحايا", "إسناد المسؤولية", "سجل التعديلات"):
        assert arabic in body
    assert page.locator("h1 span").get_attribute("lang") == "en"  # an English title
    # Its charts speak Arabic too: legends, and the time axis runs right to left.
    for chart in ("chart-tolls", "chart-place", "chart-holders"):
        wait_for_js(page, f"document.getElementById('{chart}').dataset.drawn === '1'")
    tolls = page.locator("#chart-tolls .u-legend").inner_text()
    assert "القتلى (أدنى رقم)" in tolls and "الجرحى (أدنى رقم)" in tolls
    assert "Killed" not in tolls and "Injured" not in tolls
    assert "الحوادث شهريًا في القصور" in page.locator("#chart-place .u-legend").inner_text()
    page.locator("#chart-tolls").scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "ar-incident.png", full_page=True)

    # The switcher keeps the page: back to English and again to Arabic.
    page.get_by_role("button", name="English").click()
    page.wait_for_url(f"**/en/incidents/{SEED}/")
    page.locator('#language-form button[value="ar"]').click()
    page.wait_for_url(f"**/ar/incidents/{SEED}/")

    # An admin form, in the language the reader chose (the cookie).
    sync_workflow_groups()
    make_editor("editor_ar")
    seed = Incident.objects.get(code=SEED)
    page.goto(f"/admin/login/?next=/admin/events/incident/{seed.pk}/change/")
    assert_arabic_page(page)
    page.fill("#id_username", "editor_ar")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"**/admin/events/incident/{seed.pk}/change/")
    assert_arabic_page(page)
    assert "الحالة:" in page.locator(".workflow-status").inner_text()
    page.screenshot(path=artifacts_dir / "ar-admin-incident.png")

    # The offline HTML export, made in Arabic.
    with translation.override("ar"):
        document = html_map.render(
            Incident.objects.published().real(), zones=ControlZone.objects.real()
        )
    path = tmp_path / "incidents-ar.html"
    path.write_text(document, encoding="utf-8")
    offline = browser.new_context(viewport={"width": 1100, "height": 750})
    offline.route(lambda url: not url.startswith("file://"), lambda route: route.abort())
    export = offline.new_page()
    export.goto(path.as_uri())
    assert_arabic_page(export)
    export.locator(".place-label span[lang=ar]", has_text="دير الزور").first.wait_for()
    export.screenshot(path=artifacts_dir / "ar-export.png")
    offline.close()
    assert page.console_errors == []
