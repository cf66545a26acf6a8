"""What a job's page and its JSON endpoint show: the record, with the live progress
a running job reports to Redis."""

from __future__ import annotations

from django.urls import reverse

from events.jobs.progress import live_progress
from events.models import Job, JobStatus


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
        "result": job.result,
        "download": (
            reverse("admin:events_job_download", args=[job.pk]) if job.output_file else None
        ),
    }
