"""The other admin pages editors rely on, in a real browser: a control zone on its
map, and the import page reporting bad rows by line (synthetic rows)."""

import pytest

from events.models import Incident
from events.permissions import sync_workflow_groups
from tests.accounts import PASSWORD, make_reviewer

pytestmark = pytest.mark.browser

CSV = (
    "event_id_cnty,event_date,event_type,sub_event_type,actor1,location,latitude,longitude,"
    "source,notes,fatalities\n"
    "TESTB1,2017-10-20,Battles,Armed clash,Islamic State,Mayadin,35.0199,40.4514,"
    "Synthetic Monitor,Synthetic browser-test row,1\n"
    "TESTB2,2017-10-20,Battles,Armed clash,Islamic State,Mayadin,40.4514,35.0199,"
    "Synthetic Monitor,swapped,1\n"
    "TESTB3,20 Octember 2017,Battles,Armed clash,<script>alert(1)</script>,Mayadin,35.0,40.4,"
    "Synthetic Monitor,bad date and actor,1\n"
)


@pytest.fixture
def reviewer(transactional_db):
    sync_workflow_groups()
    return make_reviewer("reviewer_pages")


def log_in(page, next_url):
    page.goto(f"/admin/login/?next={next_url}")
    page.fill("#id_username", "reviewer_pages")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_url}")


def test_zone_map_and_import_report(page, reviewer, artifacts_dir, tmp_path):
    page.on("dialog", lambda dialog: pytest.fail(f"dialog opened: {dialog.message}"))
    log_in(page, "/admin/events/controlzone/")
    page.get_by_role("link", name="gov-2017-10-23").click()
    page.wait_for_selector("#id_geom-map .leaflet-overlay-pane path.leaflet-interactive")
    page.wait_for_selector("#id_geom-map .leaflet-basemap-pane path", state="attached")
    assert page.locator("#id_geom-map .leaflet-draw-draw-polygon").count() == 1
    page.screenshot(path=artifacts_dir / "admin-zone-map.png", full_page=True)

    csv_path = tmp_path / "synthetic.csv"
    csv_path.write_text(CSV, encoding="utf-8")
    page.goto("/admin/events/incident/import/")
    page.set_input_files("#id_file", str(csv_path))
    page.uncheck("#id_dry_run")
    page.click("input[type=submit][value=Import]")
    page.wait_for_selector("#import-errors")
    table = page.locator("#import-errors").inner_text()
    assert "line 3" in table and "look swapped" in table
    assert "line 4" in table and "bad event_date" in table and "<script>alert(1)</script>" in table
    assert "line 2" not in table
    assert not Incident.objects.filter(external_id__startswith="TESTB").exists()
    page.screenshot(path=artifacts_dir / "admin-import-errors.png", full_page=True)
    assert page.console_errors == []
