"""Reading an export's rows straight from a database cursor, in batches, with the
next batch fetched while the caller works on the current one.

Exports of 100,000 incidents read their rows past the ORM (``query.sql_with_params``
then a plain cursor): the ORM's per-value converters would cost more than the
export. Values therefore come as the driver gives them, so such queries select
text where the backends differ (see ``rows.IsoDate`` and ``rows.UtcSeconds``).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction

# The export's sort carries each row's stored text: give it room to stay in memory.
POSTGIS_SETTINGS = ("SET LOCAL work_mem = '256MB'",)


@contextmanager
def export_cursor(using: str):
    """A cursor to stream an export's rows. On PostgreSQL it is a server-side
    cursor inside a transaction (outside one it would be WITH HOLD, materialised
    before the first fetch)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        with connection.chunked_cursor() as cursor:
            yield cursor
        return
    with transaction.atomic(using=using):
        with connection.cursor() as settings_cursor:
            for statement in POSTGIS_SETTINGS:
                settings_cursor.execute(statement)
        with connection.chunked_cursor() as cursor:
            yield cursor


def prefetched(cursor, size: int) -> Iterator[list]:
    """``cursor.fetchmany(size)`` batches, the next one read by a helper thread
    while the caller works on the current one: the database produces and sends
    rows (the driver waits without the GIL) as Python writes text. At most two
    batches are held at once."""
    batches: queue.Queue = queue.Queue(maxsize=1)
    stop = threading.Event()

    def pump():
        try:
            while not stop.is_set():
                rows = cursor.fetchmany(size)
                batches.put(rows)
                if not rows:
                    return
        except Exception as exc:  # handed to the reader, raised there
            batches.put(exc)

    thread = threading.Thread(target=pump, name="export-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            rows = batches.get()
            if isinstance(rows, Exception):
                raise rows
            if not rows:
                return
            yield rows
    finally:
        stop.set()
        while thread.is_alive():  # unblock a pending put, then let it end
            try:
                batches.get(timeout=0.05)
            except queue.Empty:
                pass
        thread.join()


def batches_of(queryset, fields, *, chunk_size: int) -> Iterator[list[tuple]]:
    """The rows of ``queryset.values_list(*fields)``, as the driver gives them,
    ``chunk_size`` at a time."""
    query = queryset.values_list(*fields).query
    try:
        sql, params = query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # e.g. .none(): nothing to read
        return
    with export_cursor(queryset.db) as cursor:
        cursor.execute(sql, params)
        yield from prefetched(cursor, chunk_size)
