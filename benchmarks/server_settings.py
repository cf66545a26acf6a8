"""Settings for the server process the concurrency load runs against
(benchmarks/concurrent_load.py): the test settings, plus the one switch that lets
public pages show the synthetic incidents the load reads, as bench_map turns it on
in its own process. Only ever used on a throwaway database."""

from conflictmap.settings.test import *  # noqa: F403

SHOW_SYNTHETIC_INCIDENTS = True

# A failed request's traceback goes to the server log, which the load test shows.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
