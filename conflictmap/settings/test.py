"""Test settings: same databases as dev/prod (SpatiaLite or PostGIS via DATABASE_URL)."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]

# One process: local memory (tests/conftest.py clears it between tests, whose
# rolled-back data never passes through the write path that invalidates it).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background jobs run inline unless a test turns the broker on (the job_queue
# fixture: its own queue on TEST_REDIS_URL, so parallel runs do not meet); the worker
# processes it starts get the broker through JOBS_TEST_BROKER.
JOBS_REDIS_URL = os.environ.get("JOBS_TEST_BROKER", "")

# TEST_SQLITE_FILE=path: SpatiaLite's test database in that file instead of in memory,
# so that other processes (job workers) can open it; tests/test_job_worker.py and
# the background-import browser test run on SpatiaLite only so.
if os.environ.get("TEST_SQLITE_FILE") and "spatialite" in DATABASES["default"]["ENGINE"]:  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_SQLITE_FILE"]}  # noqa: F405
