"""Real background-job workers for the tests (tests/test_job_worker.py, the browser
test) and the benchmark (benchmarks/bench_jobs.py): a queue of its own on Redis,
``manage.py run_worker`` processes against a given database, and synthetic ACLED
rows (flagged synthetic when imported) to give a worker something to chew on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.concurrent_load import Server
from benchmarks.synthetic_acled import synthetic_rows, write_csv

ROOT = Path(__file__).resolve().parent.parent
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def database_url(connection) -> str | None:
    """A DATABASE_URL another process can open for Django's ``connection``; None
    for an in-memory SQLite database (only this process sees it)."""
    from urllib.parse import quote

    params = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(params["NAME"])
        return None if connection.is_in_memory_db() else f"spatialite:///{name}"
    secret = f":{quote(params['PASSWORD'], safe='')}" if params["PASSWORD"] else ""
    user = quote(params["USER"] or "postgres", safe="")
    host, port = params["HOST"] or "127.0.0.1", params["PORT"] or 5432
    return f"postgis://{user}{secret}@{host}:{port}/{params['NAME']}"


def new_queue_name() -> str:
    return f"test-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def drop_queue(redis_url: str, queue: str) -> None:
    """Remove a test queue from Redis: its jobs (queued, running, finished, failed),
    registries, workers' entries and its name."""
    import redis

    connection = redis.Redis.from_url(redis_url)
    ids = set(connection.lrange(f"rq:queue:{queue}", 0, -1))
    for registry in ("wip", "finished", "failed", "deferred", "scheduled", "canceled"):
        ids |= {
            entry.split(b":")[0] for entry in connection.zrange(f"rq:{registry}:{queue}", 0, -1)
        }
    keys = [f"rq:job:{job_id.decode()}" for job_id in ids]
    keys += [f"rq:results:{job_id.decode()}" for job_id in ids]
    keys += list(connection.scan_iter(match=f"*{queue}*", count=1000))
    if keys:
        connection.delete(*keys)
    connection.srem("rq:queues", f"rq:queue:{queue}")


class WorkerProcess:
    """``manage.py run_worker`` in its own process, on ``queue`` at ``redis_url``,
    against ``database_url``, sharing ``jobs_dir``; its log is kept for failures."""

    def __init__(self, *, database_url, redis_url, queue, jobs_dir, settings_module=None):
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": settings_module or "conflictmap.settings.test",
            "JOBS_TEST_BROKER": redis_url,
            "REDIS_URL": redis_url,
            "JOBS_QUEUE": queue,
            "JOBS_DIR": str(jobs_dir),
            "PYTHONPATH": str(ROOT),
        }
        self.redis_url, self.queue = redis_url, queue
        self.log = tempfile.NamedTemporaryFile(prefix="conflictmap-worker-", suffix=".log")
        self.process = None

    def start(self, *, timeout: float = 60) -> WorkerProcess:
        import redis

        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        connection = redis.Redis.from_url(self.redis_url)
        deadline = time.monotonic() + timeout
        while not connection.scard(f"rq:workers:{self.queue}"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"worker did not start:\n{self.log_tail()}")
            time.sleep(0.1)
        return self

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL: the worker gets no chance to say anything."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            Server.__exit__(self)  # terminate, then kill after a grace period

    log_tail = Server.log_tail


def wait_for(predicate, *, timeout: float, what: str, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: still not so after {timeout:.0f} s")
        time.sleep(interval)


def write_synthetic_acled(path: Path, rows: int, *, prefix: str = "SYNJOB") -> Path:
    """``rows`` synthetic ACLED-layout rows (ids ``prefix``000000…) in a CSV; import
    them with synthetic=True."""
    write_csv(synthetic_rows(rows, prefix=prefix), path)
    return path
