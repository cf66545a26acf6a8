"""Production: PostGIS via DATABASE_URL, cache via REDIS_URL, secrets from the
environment, static files from a hashed manifest, JSON logs. ``make serve`` runs
it under gunicorn (scripts/serve.sh, conflictmap/gunicorn_conf.py)."""

import os

from django.core.exceptions import ImproperlyConfigured

from conflictmap.logs import json_logging

from .base import *  # noqa: F403
from .base import MIDDLEWARE, VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

# Behind a TLS proxy (the default) every http request is redirected to https and
# cookies are sent over https only. Serving plain http on loopback (make serve)
# takes SECURE_SSL_REDIRECT=0, which also lets the cookies go over http unless
# SECURE_COOKIES says otherwise. The load balancer's probes are never redirected.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", SECURE_SSL_REDIRECT)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Static files: `manage.py collectstatic` writes them to var/static with a content
# hash in each name and a manifest; whitenoise serves them (compressed, cached for
# a year) from the gunicorn workers.
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MIDDLEWARE = [
    "conflictmap.logs.RequestLogMiddleware",
    MIDDLEWARE[0],  # SecurityMiddleware
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]

# Structured logs: one JSON object per line on stdout, for every request
# (conflictmap.logs.RequestLogMiddleware) and every error with its traceback.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = json_logging(LOG_LEVEL, django=True)
