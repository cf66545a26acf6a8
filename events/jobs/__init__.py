"""Background jobs: long work (imports, exports, report extraction, feature
refreshes) runs on an RQ worker with Redis as the broker when ``REDIS_URL`` is set,
and inline (in the caller) otherwise. ``submit`` starts one; ``events.models.Job``
is its record; ``manage.py run_worker`` runs a worker.

- ``queue``: the broker, the queue, submitting, and the reaper that retries or fails
  the jobs of a worker that died;
- ``runner``: what the worker runs for a job (one attempt), whatever its kind;
- ``tasks``: the work of each kind;
- ``progress``: progress as a job runs (in Redis while a transaction is open);
- ``files``: a job's uploaded input and produced output under ``JOBS_DIR``;
- ``state``: what a job's page and its JSON endpoint show.
"""

from events.jobs.queue import broker_configured, submit

__all__ = ["broker_configured", "submit"]
