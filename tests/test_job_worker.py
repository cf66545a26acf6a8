"""Background jobs on a real queue: Redis as the broker and ``manage.py run_worker``
processes (no mocks). A queued import is run by a worker; a worker SIGKILLed in the
middle of an import leaves the database unchanged, and the next worker to start
finds the dead worker's job and runs it again to the end: never half-written,
never lost. The tests use a queue of their own (benchmarks/job_workers.py).

The worker is another process, so it needs a database it can open: the PostGIS test
database, or SpatiaLite's in a file (TEST_SQLITE_FILE; scripts/run-tests.sh runs
these tests so after the SpatiaLite suite, where the test database lives in memory
and they are skipped). The inline path is tested on both, tests/test_jobs.py."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from benchmarks.job_workers import wait_for, write_synthetic_acled
from events import jobs
from events.imports.importer import BATCH_ROWS
from events.jobs.progress import live_progress
from events.jobs.runner import WORKER_STOPPED
from events.models import Incident, Job, JobKind, JobStatus

UCDP_SAMPLE = Path(__file__).parent / "data" / "ucdp_ged_sample.csv"
KILL_ROWS = 8 * BATCH_ROWS  # eight batches: the kill lands between two of them

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker(job_broker):
    call_command("load_demo", verbosity=0)  # a transactional test starts empty
    return job_broker


def finished(job: Job):
    job.refresh_from_db()
    return job if job.finished else None


def test_a_queued_import_is_run_by_a_worker_process(broker, django_user_model):
    user = django_user_model.objects.create_superuser("job-worker-admin", password=None)
    before = Incident.objects.count()
    out = io.StringIO()
    call_command(
        "import_incidents",
        str(UCDP_SAMPLE),
        "--background",
        "--status=published",
        f"--user={user.username}",
        stdout=out,
    )
    job = Job.objects.get()
    assert out.getvalue().startswith(f"Queued as job {job.pk} (admin: /admin/events/job/")
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.queue_id  # nothing ran it inline
    worker = broker()
    try:
        wait_for(lambda: finished(job), timeout=120, what="the job to end")
    except TimeoutError:
        pytest.fail(f"job still {job.status}; worker log:\n{worker.log_tail()}")
    assert job.status == JobStatus.SUCCEEDED, (job.errors, worker.log_tail())
    assert job.worker != "inline" and job.params["filename"] == UCDP_SAMPLE.name
    assert job.result["created"] == 10 and Incident.objects.count() == before + 10
    assert Incident.objects.filter(status="published", external_id__startswith="ucdp").count()


def test_a_worker_killed_mid_import_leaves_nothing_half_written_and_the_job_is_retried(
    broker, django_user_model, tmp_path
):
    user = django_user_model.objects.create_superuser("job-kill-admin", password=None)
    path = write_synthetic_acled(tmp_path / "synthetic.csv", KILL_ROWS)
    imported = Incident.objects.filter(external_id__startswith="SYNJOB")
    worker = broker()
    job = jobs.submit(
        kind=JobKind.IMPORT,
        params={"status": "draft", "synthetic": True, "link": False},
        user=user,
        upload=SimpleUploadedFile(path.name, path.read_bytes()),
    )

    def writing():
        # Rows are written and more are to come: a batch was reported written, or a
        # later batch than the first reported checked (each batch is written before
        # the next is read). Progress goes out at most twice a second, so either may
        # be the one seen.
        live = live_progress(job.pk)
        if not live or live["done"] >= KILL_ROWS:
            return False
        if live["message"].startswith("written"):
            return live["done"] > 0
        return live["message"].startswith("checked") and live["done"] > BATCH_ROWS

    try:
        wait_for(writing, timeout=120, what="the import to be writing rows", interval=0.02)
    except TimeoutError:
        pytest.fail(f"{live_progress(job.pk)}; worker log:\n{worker.log_tail()}")
    worker.kill()
    # Killed inside the import's transaction: nothing of it is in the database.
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING and job.attempts == 1
    assert imported.count() == 0

    # A worker starting finds the dead one's job and runs it again, to the end.
    second = broker()
    try:
        wait_for(lambda: finished(job), timeout=180, what="the retried job to end")
    except TimeoutError:
        pytest.fail(f"job still {job.status}; worker log:\n{second.log_tail()}")
    assert job.status == JobStatus.SUCCEEDED, (job.errors, second.log_tail())
    assert job.attempts == 2 and job.errors == [f"attempt 1: {WORKER_STOPPED}"]
    assert imported.count() == KILL_ROWS
    assert imported.filter(synthetic=True).count() == KILL_ROWS
