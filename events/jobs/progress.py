"""A running job's progress: how far (done of total) and what it is doing.

An import writes inside one database transaction, so its progress cannot go to the
job's row until it commits (other connections would not see it, and SpatiaLite
holds the write lock). With a broker, progress goes to a Redis hash that the job
page reads beside the row; without one (inline, nobody is watching), it goes to the
row when no transaction is open. The row gets the last figures when the job ends."""

from __future__ import annotations

import time

from django.db import connection

from events.jobs import queue
from events.services import jobs as job_services

KEY_TTL = 7 * 24 * 3600


def progress_key(job_id: int) -> str:
    return f"conflictmap:{queue.queue_name()}:progress:{job_id}"


class Progress:
    """Call with (done, total, message); writes at most every ``interval`` seconds,
    and always the first and the last step."""

    def __init__(self, job, *, interval: float = 0.5):
        self.job = job
        self.interval = interval
        self.redis = queue.redis_connection()
        self.last = 0.0
        self.state = (0, None, "")

    def __call__(self, done: int, total: int | None, message: str = "") -> None:
        self.state = (done, total, message)
        now = time.monotonic()
        if now - self.last < self.interval and done not in (0, total):
            return
        self.last = now
        self.write()

    def write(self) -> None:
        done, total, message = self.state
        if self.redis is not None:
            self.redis.hset(
                progress_key(self.job.pk),
                mapping={"done": done, "total": "" if total is None else total, "message": message},
            )
            self.redis.expire(progress_key(self.job.pk), KEY_TTL)
        elif not connection.in_atomic_block:
            job_services.record_progress(job=self.job, done=done, total=total, message=message)

    def clear(self) -> None:
        if self.redis is not None:
            self.redis.delete(progress_key(self.job.pk))


def live_progress(job_id: int) -> dict | None:
    """The progress a running job last reported to Redis, or None."""
    redis = queue.redis_connection()
    if redis is None:
        return None
    data = redis.hgetall(progress_key(job_id))
    if not data:
        return None
    total = data.get(b"total", b"").decode()
    return {
        "done": int(data.get(b"done", b"0")),
        "total": int(total) if total else None,
        "message": data.get(b"message", b"").decode(),
    }
