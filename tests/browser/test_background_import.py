"""An import as a background job through the admin, on a real worker process and
Redis (issue 16): the import page queues it and opens the job's page, which shows
the job queued, follows its progress once a worker takes it, then shows the report;
the imported incidents are on the map. The file is real UCDP GED rows (CC BY 4.0),
unchanged: the 11 of tests/data/ucdp_ged_sample.csv (Deir ez-Zor, October 2017)
and, so that the job runs long enough to be watched, the first 2,500 others of the
packaged Syria file (2016-2018, none in October 2017), imported as published.
Needs a test database a worker process can open: PostGIS, or SpatiaLite with
TEST_SQLITE_FILE."""

import csv
import itertools
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from playwright.sync_api import Error as PlaywrightError

from events import services
from events.models import Incident, Job, JobStatus
from tests.accounts import PASSWORD
from tests.browser.polling import wait_for_js

# With a read replica configured, the test reads it too (connections["replica"]).
pytestmark = pytest.mark.django_db(
    transaction=True,
    databases=["default", "replica"] if os.environ.get("DATABASE_REPLICA_URL") else ["default"],
)

UCDP_SAMPLE = Path(__file__).parent.parent / "data" / "ucdp_ged_sample.csv"
UCDP_PACKAGED = Path(settings.BASE_DIR) / "events" / "data" / "ucdp_ged_syria_2016-2019.csv"
MORE_ROWS = 2500  # enough for the job to be seen running, now that imports are fast


def real_ucdp_file(path: Path) -> int:
    """The sample's rows and the packaged file's first MORE_ROWS others; returns
    how many rows."""
    with UCDP_SAMPLE.open(encoding="utf-8", newline="") as sample:
        rows = list(csv.DictReader(sample))
    ids = {row["id"] for row in rows}
    with UCDP_PACKAGED.open(encoding="utf-8", newline="") as packaged:
        more = (row for row in csv.DictReader(packaged) if row["id"] not in ids)
        rows += list(itertools.islice(more, MORE_ROWS))
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


@pytest.fixture
def admin_user(transactional_db, django_user_model):
    return django_user_model.objects.create_superuser("jobs-browser", password=PASSWORD)


def test_an_import_runs_as_a_background_job_with_progress_then_shows_on_the_map(
    page, job_broker, admin_user, artifacts_dir, tmp_path
):
    upload = tmp_path / "ucdp_ged_real_rows.csv"
    rows = real_ucdp_file(upload)
    page.goto("/admin/login/?next=/admin/events/incident/import/")
    page.fill("#id_username", "jobs-browser")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#id_file")
    assert page.is_checked("#id_background"), "with a queue, imports run in the background"
    page.set_input_files("#id_file", str(upload))
    page.select_option("#id_status", "published")
    page.uncheck("#id_dry_run")
    page.click("input[type=submit][value=Import]")

    # No worker yet: the job waits in the queue, and its page says so.
    page.wait_for_selector("#job-status")
    job = Job.objects.get()
    assert page.url.endswith(f"/admin/events/job/{job.pk}/change/")
    assert page.inner_text("#job-status") == "Queued"
    assert page.is_visible("#job-no-worker")
    page.screenshot(path=artifacts_dir / "job-queued.png", full_page=True)

    # A worker takes it; the page follows (polling its JSON state) to the end.
    seen = set()
    worker = job_broker()
    for _ in range(3000):
        try:
            status, progress = page.evaluate(
                "[document.getElementById('job-status').textContent,"
                " document.getElementById('job-progress-text').textContent]"
            )
        except PlaywrightError:  # the page reloads itself when the job ends
            page.wait_for_load_state()
            continue
        seen.add((status, progress))
        if status == "Succeeded":
            break
        page.wait_for_timeout(50)
    else:
        pytest.fail(f"the page never showed the job done: {seen}\n{worker.log_tail()}")
    page.wait_for_selector("#job-summary")
    assert not page.locator("#job-no-worker").count()
    # It showed the work under way: running, with rows counted, before the end.
    assert any(status == "Running" and " of " in progress for status, progress in seen), seen
    job.refresh_from_db()
    assert job.result["rows"] == rows and job.result["created"] == rows - 1
    assert page.inner_text("#job-summary") == job.result["summary"]
    assert f"{rows} of {rows} (100%)" in page.inner_text("#job-progress-text")
    assert "joined 2017-10-23-deir-ez-zor-al-qusur-air-strikes" in page.inner_text("#job-result")
    page.screenshot(path=artifacts_dir / "job-succeeded.png", full_page=True)
    assert job.status == JobStatus.SUCCEEDED

    # The imported incidents are on the public map.
    codes = set(
        Incident.objects.filter(external_id__startswith="ucdp", status="published")
        .exclude(code="2017-10-23-deir-ez-zor-al-qusur-air-strikes")
        .values_list("code", flat=True)
    )
    assert len(codes) == rows - 1
    october = Incident.objects.filter(
        status="published", date_start__range=("2017-10-01", "2017-10-31")
    )
    assert october.filter(code__in=codes).count() == 5  # and the seed: six
    page.goto("/?from=2017-10-01&to=2017-10-31")
    wait_for_js(page, "document.getElementById('map').dataset.incidentsLoading === ''")
    page.get_by_text("6 incidents match the filters in this area.").wait_for()
    page.screenshot(path=artifacts_dir / "job-imported-on-map.png")
    assert page.console_errors == []

    if os.environ.get("DATABASE_REPLICA_URL"):
        the_map_is_served_by_the_replica(page, codes, artifacts_dir)


def wait_until(check, timeout_s: float = 30.0):
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, "the replica did not catch up in time"
        time.sleep(0.05)


def replica_sql(sql: str) -> None:
    with connections["replica"].cursor() as cursor:
        cursor.execute(sql)


def the_map_is_served_by_the_replica(page, codes, artifacts_dir):
    """With a streaming replica (scripts/run-tests.sh runs this module again with
    DATABASE_REPLICA_URL): a public reader's map comes from the replica. While the
    replica's replay is paused, an incident archived on the primary stays on that
    reader's map; once replay resumes, it leaves it."""
    wait_until(
        lambda: Incident.objects.using("replica").filter(code__in=codes).count() == len(codes)
    )
    reader = page.context.browser.new_context(
        viewport={"width": 1280, "height": 800}, base_url=page.url.split("/?")[0]
    )
    public = reader.new_page()
    october = "/?from=2017-10-01&to=2017-10-31"
    gone = Incident.objects.filter(
        code__in=codes, date_start__month=10, date_start__year=2017
    ).first()
    replica_sql("SELECT pg_wal_replay_pause()")
    try:
        services.transition_incident(
            incident=gone, transition="archive", user=None, system=True, reason="replica test"
        )
        assert Incident.objects.get(pk=gone.pk).status == "archived"  # on the primary
        public.goto(october)
        wait_for_js(public, "document.getElementById('map').dataset.incidentsLoading === ''")
        public.get_by_text("6 incidents match the filters in this area.").wait_for()
        public.screenshot(path=artifacts_dir / "job-imported-on-replica-map.png")
    finally:
        replica_sql("SELECT pg_wal_replay_resume()")
    wait_until(lambda: Incident.objects.using("replica").get(pk=gone.pk).status == "archived")
    reader.close()
    # A new visit (the map's answers may stay in a browser's cache for a minute).
    reader = page.context.browser.new_context(
        viewport={"width": 1280, "height": 800}, base_url=page.url.split("/?")[0]
    )
    public = reader.new_page()
    public.goto(october)
    wait_for_js(public, "document.getElementById('map').dataset.incidentsLoading === ''")
    public.get_by_text("5 incidents match the filters in this area.").wait_for()
    reader.close()
