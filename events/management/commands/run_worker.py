"""manage.py run_worker: a background-jobs worker on the Redis queue."""

from django.core.management.base import BaseCommand, CommandError

from events.jobs.queue import broker_configured, make_worker, queue_name


class Command(BaseCommand):
    help = (
        "Run a worker for the background jobs (imports, exports, report extraction, "
        "feature refreshes) queued on Redis (REDIS_URL, queue JOBS_QUEUE). On start, and "
        "every minute, it retries or fails the jobs of workers that died mid-job. Run "
        "as many as the machine has cores to spare; stop one with SIGTERM (it finishes "
        "its job first) or SIGINT twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="exit once the queue is empty")
        parser.add_argument("--name", help="the worker's name (default: host.pid.random)")

    def handle(self, *args, burst, name, verbosity, **options):
        if not broker_configured():
            raise CommandError(
                "REDIS_URL is not set: jobs run inline in the web process, no worker is needed."
            )
        worker = make_worker(name=name)
        self.stdout.write(f"Worker {worker.name} on queue {queue_name()!r}.")
        worker.work(burst=burst, logging_level="INFO" if verbosity >= 1 else "WARNING")
