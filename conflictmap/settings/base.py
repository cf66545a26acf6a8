"""Settings shared by every environment, configured from the environment.

Environment variables:
- ``DATABASE_URL``: ``spatialite:///path/db.sqlite3`` (default, embedded) or
  ``postgis://user@host:5432/name`` (production).
- ``SECRET_KEY``: required in prod; dev/test fall back to a throwaway key.
- ``DEBUG``: ``1``/``true`` to enable debug pages.
- ``ALLOWED_HOSTS``: comma-separated host names.
"""

# Import the compiled geospatial stacks before Django loads mod_spatialite:
# importing shapely/pyproj/pyogrio afterwards can crash with a double free.
import os
from pathlib import Path

import dj_database_url
import pyogrio  # noqa: F401
import pyproj  # noqa: F401
import shapely  # noqa: F401

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("CONFLICTMAP_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "leaflet",
    "rest_framework",
    "rest_framework.authtoken",
    "rest_framework_gis",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "conflictmap.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "events.preferences.DigitsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "conflictmap.urls"
WSGI_APPLICATION = "conflictmap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "events.preferences.display_preferences",
            ],
        },
    },
]

DEFAULT_DATABASE_URL = f"spatialite:///{VAR_DIR / 'conflictmap.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.contrib.gis.db.backends.spatialite":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The embedded database under concurrent use (a threaded server, readers and
    # writers at once; tests/test_concurrency.py, benchmarks/bench_concurrency.py):
    # - WAL: readers never block the writer, nor the writer the readers.
    # - IMMEDIATE: a transaction takes the write lock when it begins, so two
    #   writers queue behind the busy timeout. With SQLite's default (DEFERRED) a
    #   transaction that read first fails at once with "database is locked" when it
    #   tries to write while another holds the lock; waiting cannot help it.
    # - timeout: how long a writer waits for the lock (seconds).
    # - synchronous=NORMAL: safe with WAL (a power cut may lose the last commits,
    #   never corrupt the file), and commits do not wait for the disk.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )
SPATIALITE_LIBRARY_PATH = os.environ.get("SPATIALITE_LIBRARY_PATH", "mod_spatialite")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English and Arabic (right to left). Pages live under /en/… and /ar/…; a path
# without the prefix redirects by the language cookie (set by the switcher,
# Django's set_language view), then Accept-Language. The API, the downloads and
# the admin keep their paths; they speak the cookie's or the browser's language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["conflictmap.formats"]  # English keeps British date formats
LANGUAGE_COOKIE_NAME = "cm_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
# Front-end libraries come from npm (package-lock.json) and are served from
# node_modules under a stable prefix; nothing is loaded from a CDN.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/leaflet.markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
    ("vendor/uplot", NODE_MODULES / "uplot" / "dist"),
]

# Content-Security-Policy on every response (conflictmap.csp). Scripts: our files
# under static/js/ and django-leaflet's map bootstrap, which carries the
# per-request nonce; no other inline script, no eval. Images: our own, data: URIs
# (Leaflet and Swagger UI icons) and the optional OpenStreetMap tiles. Requests
# go to this site only. The public pages (map, table, incident) need no inline
# style: Leaflet sets its styles through the DOM, which a policy does not govern.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "NONCE"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "https://tile.openstreetmap.org"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Pages drawn by other packages' templates write <style> blocks and style
# attributes: Django's admin (change lists), django-simple-history (history
# lists), DRF's browsable API (code colours) and Swagger UI. Under these paths
# style-src also allows 'unsafe-inline'. A style cannot run script, and with the
# image, font and connect limits above it cannot send anything off the site.
CONTENT_SECURITY_POLICY_INLINE_STYLE_PATHS = ("/admin/", "/api/")
# SecurityMiddleware already sends X-Content-Type-Options: nosniff,
# Referrer-Policy: same-origin and Cross-Origin-Opener-Policy: same-origin;
# XFrameOptionsMiddleware sends X-Frame-Options: DENY (Django's defaults).

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (35.2, 40.3),
    "DEFAULT_ZOOM": 9,
    "MIN_ZOOM": 3,
    "MAX_ZOOM": 18,
    "RESET_VIEW": False,
    "NO_GLOBALS": False,
    # No tile layer by default: the local basemap (static/basemap) keeps the
    # map readable offline; the online OSM layer is an opt-in in the layer control.
    "TILES": [],
    "ATTRIBUTION_PREFIX": "conflictmap",
}

REST_FRAMEWORK = {
    # The browser's session (writes need the CSRF token) or a per-user API token
    # ("Authorization: Token <key>"; manage.py drf_create_token <username>, or the
    # admin's Tokens page). No HTTP Basic: it would take password guesses past the
    # login page's throttle and write without a CSRF token.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "conflictmap API",
    "DESCRIPTION": "Sourced, geolocated armed-conflict incidents and territorial control.",
    "VERSION": "0.1.0",
    # Swagger UI from the drf-spectacular-sidecar package, not a CDN. (No Redoc:
    # drf-spectacular's Redoc page loads web fonts from Google.)
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Several models have a "kind": name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "SourceKindEnum": "events.models.sources.SourceKind",
        "ActorKindEnum": "events.models.actors.ActorKind",
    },
}

LOGIN_URL = "admin:login"

# Largest file the admin's import pages accept, and largest GeoJSON import anywhere
# (GeoJSON is read whole; ACLED CSV is read row by row, so the import_incidents
# command takes CSVs of any size).
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 10 * 1024 * 1024))

# Synthetic incidents (tests, benchmarks) never reach public pages, the API or
# exports. Tests and benchmarks that must exercise the public code path on
# synthetic rows turn this on for their own throwaway database; it is not read
# from the environment, so a deployment cannot switch it on by accident.
SHOW_SYNTHETIC_INCIDENTS = False

# Debian 12 ships GDAL 3.6, which cannot block file/network access from spatial
# reference strings (gis.W001). We never pass user-supplied SRS text to GDAL.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# Cache (the map's answers, events.public_cache; the admin login throttle). With
# REDIS_URL (redis://127.0.0.1:6379/0) Django's Redis cache, shared by every
# process and machine; otherwise a file cache in var/cache, shared by the
# processes of this machine, so a write from a management command reaches what
# the server cached. Test settings use local memory.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "conflictmap.cache.RedisCache",  # Django's, one client per pool
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "conflictmap",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Read replica (conflictmap.db_router): with DATABASE_REPLICA_URL, the public
# reads of GET requests go to that PostgreSQL streaming replica; writes, the
# admin, and a browser's requests for REPLICA_PIN_SECONDS after it wrote stay on
# the primary. In tests the alias mirrors the test database (tests/test_replica.py
# runs against a real replica, see scripts/ensure-replica.sh).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "10"))
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["conflictmap.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(1, "conflictmap.db_router.ReplicaMiddleware")

# Background jobs (events/jobs): imports, exports, report extraction and feature
# refreshes run on RQ workers (`manage.py run_worker`) with Redis as the broker when
# REDIS_URL is set (redis://127.0.0.1:6379/0); without it they run inline, in the
# request, so the embedded default needs no Redis. JOBS_QUEUE names the queue (tests
# use their own); uploads and produced files live under JOBS_DIR, which the web
# processes and the workers must share.
JOBS_REDIS_URL = REDIS_URL
JOBS_QUEUE = os.environ.get("JOBS_QUEUE", "conflictmap")
JOBS_DIR = Path(os.environ.get("JOBS_DIR", VAR_DIR / "jobs"))
# Largest CSV the admin's import page takes for a background import (read row by
# row by the job; other uploads stay under IMPORT_MAX_BYTES).
JOBS_IMPORT_MAX_BYTES = int(os.environ.get("JOBS_IMPORT_MAX_BYTES", 500 * 1024 * 1024))
