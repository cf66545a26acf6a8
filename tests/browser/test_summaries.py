"""The small charts on the incident and table pages, drawn by uPlot under the
site's Content-Security-Policy (the browser conftest fails on any violation)."""

import pytest

from tests.browser.polling import wait_for_js

pytestmark = pytest.mark.browser

SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"


def test_incident_page_draws_tolls_place_months_and_holders(page, artifacts_dir):
    page.goto(f"/incidents/{SEED}/")
    for chart in ("chart-tolls", "chart-place", "chart-holders"):
        wait_for_js(page, f"document.getElementById('{chart}').dataset.drawn === '1'")
        assert page.locator(f"#{chart} canvas").count() == 1
    legend = page.locator("#chart-tolls .u-legend").inner_text()
    assert "Killed (lowest figure)" in legend and "Injured (lowest figure)" in legend
    page.locator("#chart-tolls").scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "incident-summaries.png", full_page=True)


def test_table_page_draws_incidents_per_month_for_its_filters(page, artifacts_dir):
    page.goto("/incidents/?q=Qusur")
    wait_for_js(page, "document.getElementById('chart-table-months').dataset.drawn === '1'")
    assert "Incidents per month" in page.locator("#chart-table-months .u-legend").inner_text()
    page.screenshot(path=artifacts_dir / "table-summary.png")
