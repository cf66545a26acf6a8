"""Reads from a PostgreSQL streaming replica, writes to the primary.

With ``DATABASE_REPLICA_URL`` set, settings add the ``replica`` alias, this
router and ``ReplicaMiddleware``. The router sends a read to the replica only
while the middleware says the current request may use it:

- a GET, HEAD or OPTIONS request (public pages, the map, exports, API reads),
- not under /admin/ (editors see what they just saved),
- not from a browser that wrote within ``REPLICA_PIN_SECONDS`` (the pin cookie
  the middleware sets on the response of any request that wrote), so a reader
  never misses its own write while the replica catches up,
- not after the request itself wrote, nor inside a transaction on the primary.

Everything else (management commands, background jobs, the shell) reads from
the primary: nothing outside a request is ever routed to the replica. Writes
always go to the primary; migrations run there only (the replica copies them).
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_ALIAS = "replica"
PIN_COOKIE = "cm_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PRIMARY_PATHS = ("/admin/",)

_state = threading.local()


def _reset() -> None:
    _state.replica_ok = False
    _state.wrote = False


def read_alias_of(request) -> str:
    """The alias that served the reads of ``request`` (for the request log)."""
    return getattr(request, "_read_alias", DEFAULT_DB_ALIAS)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            getattr(_state, "replica_ok", False)
            and not getattr(_state, "wrote", False)
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA_ALIAS
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        _state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def _reset_after(chunks):
    try:
        yield from chunks
    finally:
        _reset()


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _state.wrote = False
        _state.replica_ok = (
            request.method in SAFE_METHODS
            and not request.path.startswith(PRIMARY_PATHS)
            and PIN_COOKIE not in request.COOKIES
        )
        try:
            response = self.get_response(request)
        except BaseException:
            _reset()
            raise
        wrote = getattr(_state, "wrote", False)
        request._read_alias = REPLICA_ALIAS if _state.replica_ok and not wrote else DEFAULT_DB_ALIAS
        if wrote:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        if response.streaming:
            response.streaming_content = _reset_after(response.streaming_content)
        else:
            _reset()
        return response
