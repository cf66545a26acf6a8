"""Test settings: same databases as dev/prod (SpatiaLite or PostGIS via DATABASE_URL)."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]

# Background jobs run inline unless a test turns the broker on (tests/workers.py:
# its own queue on TEST_REDIS_URL, so parallel runs do not meet); the worker
# processes it starts get the broker through JOBS_TEST_BROKER.
JOBS_REDIS_URL = os.environ.get("JOBS_TEST_BROKER", "")
