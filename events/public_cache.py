"""The cache of the public reads that are costly and change rarely: the
basemap, the control zones per date, and the map's answers per filter
(events.clusters, events.timeline, the map points).

Every entry belongs to the current *generation*, a token kept in the cache
itself: in its key (``key``), or stored with it (``stamped_key``, ``lookup``:
one round trip brings the generation and the entry; events.public_answers). The
one write path moves it: ``services.derived.incidents_changed`` (every incident,
source, claim, attribution and workflow write ends there) when a touched
incident is published after the write or was before it (a draft saved on its
own changes no public answer), and the reference services (places, actors,
zones) always, call ``public_data_changed``, once at once and once more when
the transaction commits, so an answer a reader computed from the data just
before the commit is never served under the new token. Older entries
are never read again and expire. The cache is Redis when REDIS_URL is set, else
a file cache every process of this machine shares (settings.base), so a write
from a management command reaches what the server cached.

With a read replica, an answer computed on it just after a write may not show
that write yet (replication takes milliseconds); such an answer is served but
not stored for ``SETTLE_SECONDS`` after a generation change.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import time

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction

GENERATION_KEY = "public-generation"
CACHE_SECONDS = 3600
SETTLE_SECONDS = 5.0


def _new_generation() -> str:
    return f"{time.time_ns():x}.{secrets.token_hex(4)}"


def generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        value = cache.get(GENERATION_KEY) or _new_generation()
    return value


def _bump() -> None:
    cache.set(GENERATION_KEY, _new_generation(), timeout=None)


def public_data_changed(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """A write that public reads may show: every cached answer is stale."""
    _bump()
    transaction.on_commit(_bump, using=using)


def _settled(token: str) -> bool:
    """Whether an answer computed now may be stored under ``token``: always on the
    primary; on the replica once the generation is SETTLE_SECONDS old."""
    from events.models import Incident

    alias = router.db_for_read(Incident)
    if alias == DEFAULT_DB_ALIAS:
        return True
    born_ns = int(token.split(".", 1)[0], 16)
    return time.time_ns() - born_ns > SETTLE_SECONDS * 1e9 and _replica_caught_up(alias)


def _replica_caught_up(alias: str) -> bool:
    """Whether the replica has replayed all the WAL it has received (its replay
    is neither paused nor behind): an answer it computed while lagging is served
    but never stored, so it cannot outlive the lag."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT NOT pg_is_wal_replay_paused()"
            " AND pg_last_wal_replay_lsn() >= pg_last_wal_receive_lsn()"
        )
        (caught_up,) = cursor.fetchone()
    return bool(caught_up)


def key(kind: str, *parts) -> tuple[str, str]:
    """(cache key, generation) for an answer of ``kind`` computed from ``parts``."""
    token = generation()
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()[:20]
    return f"cm:{kind}:{token}:{digest}", token


def store(cache_key: str, token: str, value, timeout: int = CACHE_SECONDS) -> None:
    if _settled(token):
        cache.set(cache_key, value, timeout)


def store_many(values: dict, token: str, timeout: int = CACHE_SECONDS) -> None:
    if _settled(token):
        cache.set_many(values, timeout)


def stamped_key(kind: str, *parts) -> str:
    """The key of an answer of ``kind`` for ``parts`` that is stored with the
    generation it was computed under (``lookup``, ``store_stamped``) instead of
    having it in its name: the current generation and the answer then come in
    one round trip to the cache."""
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()[:20]
    return f"cm:{kind}:{digest}"


def lookup(cache_key: str) -> tuple[str, object | None]:
    """(current generation, the value stored under ``cache_key`` for it, or None
    when there is none or it was computed under another generation)."""
    found = cache.get_many([GENERATION_KEY, cache_key])
    token = found.get(GENERATION_KEY) or generation()
    entry = found.get(cache_key)
    if entry is not None and entry[0] == token:
        return token, entry[1]
    return token, None


def store_stamped(values: dict, token: str, timeout: int = CACHE_SECONDS) -> None:
    """Store ``values`` (stamped keys) as computed under generation ``token``."""
    if _settled(token):
        cache.set_many({k: (token, value) for k, value in values.items()}, timeout)


def invalidates(function):
    """Decorate a bulk loader that writes what public reads show (places, actors)
    outside the services: it moves the generation like a service write."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        result = function(*args, **kwargs)
        public_data_changed()  # after its own transaction, or when the caller's commits
        return result

    return wrapper
