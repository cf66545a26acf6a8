"""The map page shows the seed incident over the three control layers."""

import pytest

pytestmark = pytest.mark.browser


def test_map_shows_incident_and_three_control_layers(page, artifacts_dir):
    page.goto("/")
    page.wait_for_selector(".incident-marker")
    layer_labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    for name in ("Syrian government and allies", "Islamic State", "Syrian Democratic Forces"):
        assert any(name in label for label in layer_labels), layer_labels
    assert page.locator("path.leaflet-interactive").count() >= 5  # zones + marker
    page.screenshot(path=artifacts_dir / "map-home.png")
    page.locator(".incident-marker").first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "22" in popup.inner_text() and "14" in popup.inner_text()
    page.screenshot(path=artifacts_dir / "map-popup.png")
    assert page.console_errors == []
