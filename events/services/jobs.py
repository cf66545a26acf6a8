"""Every write to a background job's record (events.models.Job): created when an
editor starts it, started by the worker (or inline) on each attempt, its progress,
and its end (succeeded, failed, or failed for now and queued again to retry)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from events.models import Job, JobStatus

MESSAGE_LENGTH = Job._meta.get_field("progress_message").max_length


def _locked(job: Job) -> Job:
    return Job.objects.select_for_update().get(pk=job.pk)


@transaction.atomic
def create_job(*, kind: str, params: dict, user=None, max_attempts: int = 1) -> Job:
    return Job.objects.create(
        kind=kind, params=params, created_by=user, max_attempts=max(1, max_attempts)
    )


@transaction.atomic
def set_queue_id(*, job: Job, queue_id: str) -> Job:
    job = _locked(job)
    job.queue_id = queue_id
    job.save(update_fields=["queue_id"])
    return job


@transaction.atomic
def start_job(*, job: Job, worker: str) -> Job | None:
    """Mark an attempt as begun; None if the job has already ended (a late
    duplicate delivery runs nothing)."""
    job = _locked(job)
    if job.finished:
        return None
    job.status = JobStatus.RUNNING
    job.attempts += 1
    job.worker = worker[:120]
    job.started_at = timezone.now()
    job.progress_done, job.progress_total = 0, None
    job.progress_message = gettext("attempt %(number)s started") % {"number": job.attempts}
    job.save()
    return job


@transaction.atomic
def record_progress(*, job: Job, done: int, total: int | None, message: str = "") -> None:
    Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        progress_done=max(0, done),
        progress_total=total,
        progress_message=message[:MESSAGE_LENGTH],
    )


@transaction.atomic
def finish_job(
    *, job: Job, result: dict, output_file: str = "", message: str = "", total: int | None = None
) -> Job:
    """The job did its work; ``total`` is how many steps (rows, incidents) it took."""
    job = _locked(job)
    job.status = JobStatus.SUCCEEDED
    job.result = result
    job.output_file = output_file
    job.finished_at = timezone.now()
    job.progress_total = total if total is not None else job.progress_total
    if job.progress_total is not None:
        job.progress_done = job.progress_total
    job.progress_message = (message or gettext("done"))[:MESSAGE_LENGTH]
    job.save()
    return job


@transaction.atomic
def fail_job(
    *, job: Job, errors: list[str], retry: bool = False, result: dict | None = None
) -> Job:
    """Record why an attempt failed. With ``retry`` the job is queued again
    (status retrying); otherwise it has failed for good. Earlier attempts' errors
    are kept, so the page tells the whole story."""
    job = _locked(job)
    prefix = ""
    if job.max_attempts > 1 and job.attempts:
        prefix = gettext("attempt %(number)s: ") % {"number": job.attempts}
    job.errors = [*job.errors, *(prefix + str(line) for line in errors)]
    if result is not None:
        job.result = result
    if retry:
        job.status = JobStatus.RETRYING
        job.progress_message = gettext("queued again after a failed attempt")
    else:
        job.status = JobStatus.FAILED
        job.finished_at = timezone.now()
        job.progress_message = gettext("failed")
    job.save()
    return job


@transaction.atomic
def delete_job(*, job: Job) -> None:
    """Remove a job's record and, once that commits, its files (input and output)."""
    from events.jobs.files import remove_folder

    pk = job.pk
    Job.objects.filter(pk=pk).delete()
    transaction.on_commit(lambda: remove_folder(pk))
