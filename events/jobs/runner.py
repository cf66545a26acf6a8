"""One attempt at a job, as the worker (or the inline caller) runs it."""

from __future__ import annotations

import logging

from django.db import close_old_connections
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rq import get_current_job
from rq.exceptions import AbandonedJobError

from events.jobs import files
from events.jobs.progress import Progress
from events.jobs.tasks import TASKS, Refused
from events.models import Job, JobStatus
from events.services import jobs as job_services

logger = logging.getLogger(__name__)

WORKER_STOPPED = _("the worker stopped while running it (killed or lost)")


def run_job(job_id: int, worker: str | None = None) -> str:
    """Run the job ``job_id``: mark it running, do its work with progress, record
    the outcome. Unexpected errors are recorded, then raised to the queue, which
    runs the job again while it has attempts left (inline: recorded only). Its
    messages are in the language of the one who started it (params["language"])."""
    queued = get_current_job()
    if queued is not None:
        close_old_connections()  # a worker lives long; its connection may not have
    job = Job.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        return f"no job {job_id}"
    with translation.override(job.params.get("language")):
        return _attempt(job, queued, worker)


def _attempt(job: Job, queued, worker: str | None) -> str:
    job_id = job.pk
    job = job_services.start_job(
        job=job, worker=worker or (queued.worker_name if queued else "") or "inline"
    )
    if job is None:
        return f"job {job_id} had already ended"
    progress = Progress(job)
    try:
        outcome = TASKS[job.kind](job, progress)
    except Refused as exc:
        job_services.fail_job(job=job, errors=exc.errors, result=exc.result)
        _discard_input(job)
        return "refused"
    except Exception as exc:
        logger.exception("job %s (%s), attempt %s", job.pk, job.kind, job.attempts)
        retry = queued is not None and (queued.retries_left or 0) > 0
        job_services.fail_job(job=job, errors=[f"{type(exc).__name__}: {exc}"], retry=retry)
        if not retry:
            _discard_input(job)
        if queued is not None:
            raise
        return "failed"
    finally:
        progress.clear()
    job_services.finish_job(
        job=job,
        result=outcome.result,
        output_file=outcome.output_file,
        message=outcome.message,
        total=progress.state[1],
    )
    _discard_input(job)
    return outcome.message


def on_failure(queued, connection, exc_type, exc_value, traceback) -> None:
    """RQ's failure callback: record a failure nobody recorded, above all that of a
    worker that died mid-job (found by the reaper or by RQ's heartbeat clean-up)."""
    job = Job.objects.filter(pk=queued.args[0]).first()
    if job is None or job.status != JobStatus.RUNNING:
        return  # run_job recorded it already
    retry = (queued.retries_left or 0) > 0
    reason = (
        WORKER_STOPPED if exc_type is AbandonedJobError else f"{exc_type.__name__}: {exc_value}"
    )
    with translation.override(job.params.get("language")):
        job = job_services.fail_job(job=job, errors=[str(reason)], retry=retry)
    if not retry:
        _discard_input(job)


def _discard_input(job: Job) -> None:
    files.remove_input(job.pk, job.params.get("input", ""))
