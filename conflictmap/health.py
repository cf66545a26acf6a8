"""Probes for a load balancer.

- ``/healthz``: the process answers (no database, no cache).
- ``/readyz``: it can serve: every database alias answers ``SELECT 1`` (the
  primary, and the replica when configured), the cache stores and returns a
  value, and the broker (Redis at ``REDIS_URL``, when set) answers PING. Any
  failure gives HTTP 503 with a JSON body naming what failed and why.

Both are exempt from the https redirect (settings.prod.SECURE_REDIRECT_EXEMPT)
and never cached.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

PROBE_TIMEOUT_S = 2


def _database(alias: str) -> None:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone()[0] != 1:
            raise RuntimeError("SELECT 1 did not return 1")


def _cache() -> None:
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return what was stored")
    finally:
        cache.delete(key)


def _broker() -> None:
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=PROBE_TIMEOUT_S,
        socket_timeout=PROBE_TIMEOUT_S,
    )
    try:
        if not client.ping():
            raise RuntimeError("PING was not answered")
    finally:
        client.close()


def checks() -> dict:
    """Name -> probe: what /readyz verifies under the current settings."""
    probes = {f"database:{alias}": (lambda alias=alias: _database(alias)) for alias in connections}
    probes["cache"] = _cache
    if settings.REDIS_URL:
        probes["broker"] = _broker
    return probes


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    results, failed = {}, []
    for name, probe in checks().items():
        try:
            probe()
        except Exception as exc:  # every failure is reported, none stops the others
            results[name] = f"failed: {type(exc).__name__}: {exc}".strip()[:300]
            failed.append(name)
        else:
            results[name] = "ok"
    body = {"status": "unavailable" if failed else "ok", "failed": failed, "checks": results}
    return JsonResponse(body, status=503 if failed else 200)
