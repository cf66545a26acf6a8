"""Test settings: same databases as dev/prod (SpatiaLite or PostGIS via DATABASE_URL)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]

# One process: local memory (tests/conftest.py clears it between tests, whose
# rolled-back data never passes through the write path that invalidates it).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
