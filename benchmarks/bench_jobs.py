"""A worker killed mid-import (issue 16): BENCH_JOBS_ROWS (default 20,000) synthetic
ACLED rows (flagged synthetic) are imported as a background job on a real
``manage.py run_worker`` process with Redis as the broker. Half-way through writing
(its live progress past half the rows written) the worker is SIGKILLed. Reported:
what the database holds just after the kill (the target: none of the rows, since
the import commits all or nothing), how the job ends (retried by the next worker
and succeeded, or failed; never lost, never half-written), the rows then stored,
and the times: to the kill, from the new worker's start to the end, and the whole.

Peer, in the same run: the same number of rows (other ids) imported inline by
``import_incidents`` with no queue and no kill, which is what the retried attempt
costs at the least.

    BENCH_JOBS_ROWS=20000 .venv/bin/python benchmarks/bench_jobs.py
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from harness import backend, measure, report, setup_django, target

ROWS = int(os.environ.get("BENCH_JOBS_ROWS", "20000"))


def main() -> None:
    setup_django("jobs")
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from benchmarks.job_workers import (
        TEST_REDIS_URL,
        WorkerProcess,
        drop_queue,
        new_queue_name,
        wait_for,
        write_synthetic_acled,
    )
    from events import jobs
    from events.imports import import_incidents
    from events.jobs.progress import live_progress
    from events.models import Incident, JobKind

    call_command("load_demo", verbosity=0)
    folder = Path(tempfile.mkdtemp(prefix="conflictmap-bench-jobs-"))
    queue = new_queue_name()
    settings.JOBS_REDIS_URL, settings.JOBS_QUEUE = TEST_REDIS_URL, queue
    settings.JOBS_DIR = folder / "jobs"
    url = os.environ["DATABASE_URL"]
    print(f"{ROWS:,} synthetic ACLED rows, backend {backend()}, Redis {TEST_REDIS_URL}")

    def worker():
        process = WorkerProcess(
            database_url=url, redis_url=TEST_REDIS_URL, queue=queue, jobs_dir=settings.JOBS_DIR
        )
        return process.start(timeout=120)

    path = write_synthetic_acled(folder / "killed.csv", ROWS, prefix="BJOBK")
    imported = Incident.objects.filter(external_id__startswith="BJOBK")
    first = worker()
    started = time.perf_counter()
    job = jobs.submit(
        kind=JobKind.IMPORT,
        params={"status": "draft", "synthetic": True, "link": False},
        upload=SimpleUploadedFile(path.name, path.read_bytes()),
    )

    def half_written():
        live = live_progress(job.pk)
        return live and live["message"].startswith("written") and live["done"] >= ROWS // 2

    second = None
    try:
        wait_for(half_written, timeout=3600, what="half the rows written", interval=0.05)
        at_kill = live_progress(job.pk)
        first.kill()
        killed_after = time.perf_counter() - started
        after_kill = imported.count()
        restarted = time.perf_counter()
        second = worker()

        def ended():
            job.refresh_from_db()
            return job.finished

        wait_for(ended, timeout=3600, what="the job to end", interval=0.2)
        recovery = time.perf_counter() - restarted
        total = time.perf_counter() - started
    finally:
        first.stop()
        if second is not None:
            second.stop()
        drop_queue(TEST_REDIS_URL, queue)

    stored = imported.count()
    peer_path = write_synthetic_acled(folder / "peer.csv", ROWS, prefix="BJOBP")
    with measure() as peer:
        import_incidents(path=peer_path, synthetic=True, link=False)

    report("killed at (live progress)", f"{at_kill['message']}, {killed_after:.1f} s in")
    report("rows in the database just after the kill", f"{after_kill:,} of {ROWS:,}")
    report("job outcome", f"{job.status} after {job.attempts} attempt(s)")
    report("  its errors", "; ".join(job.errors) or "none")
    report("rows in the database at the end", f"{stored:,} of {ROWS:,}")
    report("new worker start to job end (retry)", f"{recovery:.1f} s")
    report("submit to job end, kill included", f"{total:.1f} s")
    report("peer: import_incidents inline, no queue", f"{peer.seconds:.1f} s")
    report("retry / peer", f"{recovery / peer.seconds:.2f}x")
    target("nothing half-written after the kill", after_kill == 0)
    target(
        "ends complete (retried) or failed with nothing written",
        (job.status == "succeeded" and stored == ROWS) or (job.status == "failed" and stored == 0),
    )


if __name__ == "__main__":
    main()
