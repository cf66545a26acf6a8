"""The broker and the queue (RQ on Redis), submitting a job, and the reaper.

Without ``REDIS_URL`` a submitted job runs inline, at once, in the caller. With it,
the job is queued and a worker (``manage.py run_worker``) runs it; a job that fails
with an unexpected error is queued again while it has attempts left.

A worker killed while running a job (SIGKILL, a crash, the machine going down)
cannot say so. RQ keeps each running job in the queue's started registry until its
heartbeat lapses (the job timeout plus a minute), then retries or fails it. The
reaper does the same at once for a worker known to be dead: one on this machine
whose process is gone, or one whose registration in Redis expired. Every worker
runs it when it starts and every minute after, so a restarted worker picks up what
its predecessor left. The failure callback (runner.on_failure) records the outcome
on the job's row: retrying, or failed with the reason. The same sweep fails, with a
reason, the jobs on record that Redis no longer holds (``reap_lost``)."""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from functools import lru_cache
from pathlib import Path

import redis
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy
from rq import Callback, Queue, Retry, SimpleWorker
from rq.executions import Execution
from rq.job import Job as RQJob
from rq.registry import StartedJobRegistry
from rq.utils import parse_composite_key
from rq.worker_registration import clean_worker_registry

from events.jobs import files
from events.models import Job
from events.models.jobs import FINISHED
from events.services import jobs as job_services

# An import of a million rows takes tens of minutes on two cores; past this an
# attempt is stopped (and retried or failed).
JOB_TIMEOUT = 4 * 3600
RESULT_TTL = 24 * 3600
ATTEMPTS_WITH_BROKER = 3
REAP_EVERY = 60  # seconds between a worker's sweeps for dead workers' jobs
LOST_AFTER = 120  # seconds a job may be on record but not (yet) in Redis
QUEUE_LOST = gettext_lazy(
    "the queue lost this job (Redis restarted without its data?); start it again"
)


def broker_configured() -> bool:
    return bool(settings.JOBS_REDIS_URL)


def queue_name() -> str:
    return settings.JOBS_QUEUE


@lru_cache(maxsize=8)
def _connect(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def redis_connection() -> redis.Redis | None:
    return _connect(settings.JOBS_REDIS_URL) if broker_configured() else None


def get_queue() -> Queue:
    return Queue(queue_name(), connection=redis_connection())


def submit(*, kind: str, params: dict, user=None, upload=None) -> Job:
    """Record a job and start it: queued when a broker is configured, otherwise run
    inline before this returns. ``upload`` (a Django UploadedFile) is kept as the
    job's input. A queued job is handed over once its row is committed."""
    attempts = ATTEMPTS_WITH_BROKER if broker_configured() else 1
    if upload is not None:
        name = Path(upload.name).name
        params = {**params, "input": files.input_name(name), "filename": name}
    # The job speaks the language of the one who started it (events.jobs.runner).
    params = {**params, "language": translation.get_language()}
    job = job_services.create_job(kind=kind, params=params, user=user, max_attempts=attempts)
    if upload is not None:
        files.save_upload(job.pk, upload, params["input"])
    if broker_configured():
        transaction.on_commit(lambda: enqueue(job))  # a worker must find the row
    else:
        enqueue(job)
    return job


def enqueue(job: Job) -> None:
    from events.jobs import runner

    if not broker_configured():
        runner.run_job(job.pk, worker="inline")
        return
    queue_id = uuid.uuid4().hex
    try:
        _put(job, queue_id)
    except redis.RedisError as exc:
        error = gettext("the queue (Redis) could not be reached: %(error)s") % {"error": exc}
        job_services.fail_job(job=job, errors=[error])
        return
    job_services.set_queue_id(job=job, queue_id=queue_id)


def _put(job: Job, queue_id: str) -> None:
    from events.jobs import runner

    get_queue().enqueue(
        runner.run_job,
        job.pk,
        job_id=queue_id,
        job_timeout=JOB_TIMEOUT,
        result_ttl=RESULT_TTL,
        failure_ttl=RESULT_TTL,
        retry=Retry(max=job.max_attempts - 1) if job.max_attempts > 1 else None,
        on_failure=Callback(runner.on_failure),
        description=str(job),
    )


# --- workers ------------------------------------------------------------------------


class Worker(SimpleWorker):
    """Runs each job in the worker process itself (no fork per job): killing the
    worker stops its job, which then rolls back and is retried or failed, rather
    than going on as an orphan nobody watches. Sweeps for dead workers' jobs."""

    def run_maintenance_tasks(self):
        for queue in self.queues:
            reap(queue)
        reap_lost(self.connection)
        super().run_maintenance_tasks()


def worker_name() -> str:
    return f"{socket.gethostname()}.{os.getpid()}.{uuid.uuid4().hex[:6]}"


def make_worker(*, name: str | None = None) -> Worker:
    return Worker(
        [get_queue()],
        connection=redis_connection(),
        name=name or worker_name(),
        maintenance_interval=REAP_EVERY,
    )


def _worker_dead(connection: redis.Redis, name: str) -> bool:
    key = f"{Worker.redis_worker_namespace_prefix}{name}"
    host, pid = connection.hmget(key, "hostname", "pid")
    if host is None:
        return True  # its registration lapsed: it has sent no heartbeat for minutes
    if host.decode() != socket.gethostname() or not pid:
        return False  # on another machine and still registered: RQ's heartbeat decides
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        connection.delete(key)
        return True
    except PermissionError:
        return False
    return False


def reap(queue: Queue) -> int:
    """Retry or fail the jobs that dead workers were running; returns how many."""
    connection = queue.connection
    registry = StartedJobRegistry(queue=queue)
    abandoned = {}
    for entry in connection.zrange(registry.key, 0, -1):
        entry = entry.decode()
        job_id, execution_id = parse_composite_key(entry)
        try:
            execution = Execution.fetch(execution_id, job_id, connection)
        except ValueError:
            abandoned[entry] = 0  # the execution's record is gone with its worker
            continue
        if _worker_dead(connection, execution.worker_name):
            abandoned[entry] = 0
    if abandoned:
        # Mark them expired now; RQ's own clean-up then retries or fails each (and
        # calls the job's failure callback), exactly as when a heartbeat lapses.
        connection.zadd(registry.key, abandoned, xx=True)
        registry.cleanup(timestamp=1)
        clean_worker_registry(queue)
    return len(abandoned)


def reap_lost(connection: redis.Redis, *, grace: float = LOST_AFTER) -> int:
    """Fail the jobs the queue no longer knows (Redis restarted without its data, or
    the web process died before handing the job over): queued or running for more
    than ``grace`` seconds by their record, yet absent from Redis. Such a job may
    not be run twice blindly; its page says to start it again."""
    cutoff = timezone.now() - dt.timedelta(seconds=grace)
    waiting = Job.objects.exclude(status__in=FINISHED).exclude(worker="inline")
    lost = [
        job
        for job in waiting.filter(created_at__lt=cutoff)
        if not job.queue_id or not RQJob.exists(job.queue_id, connection=connection)
    ]
    for job in lost:
        with translation.override(job.params.get("language")):
            job_services.fail_job(job=job, errors=[str(QUEUE_LOST)])
    return len(lost)
