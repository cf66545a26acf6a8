"""What a job's page and its JSON endpoint show: the record, with the live progress
a running job reports to Redis."""

from __future__ import annotations

from django.urls import reverse
from rq import Worker

from events.jobs import queue
from events.jobs.progress import live_progress
from events.models import Job, JobStatus


def workers_on_queue() -> int | None:
    """How many workers serve the queue (None without a broker)."""
    if not queue.broker_configured():
        return None
    return Worker.count(queue=queue.get_queue())


def job_state(job: Job) -> dict:
    done, total, message = job.progress_done, job.progress_total, job.progress_message
    if job.status == JobStatus.RUNNING:
        live = live_progress(job.pk)
        if live:
            done, total, message = live["done"], live["total"], live["message"]
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "status_label": job.get_status_display(),
        "finished": job.finished,
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else None,
        "message": message,
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "errors": job.errors,
        "workers": workers_on_queue() if job.status == JobStatus.QUEUED else None,
        "result": job.result,
        "download": (
            reverse("admin:events_job_download", args=[job.pk]) if job.output_file else None
        ),
    }
