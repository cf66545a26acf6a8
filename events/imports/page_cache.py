"""SQLite's page cache during an import.

An import writes every row in one transaction. In WAL mode a page changed by an
open transaction can leave SQLite's page cache only by being written to the WAL
(a spill), and is read back from there when a later row needs it. The default
cache (2,000 pages, 8 MB) holds the pages every row touches while the tables are
small: the last page of each table and the B-tree pages of the indexes whose keys
arrive in no order (an incident's code, its date and six random characters; its
status and date; the map's spatial index). Past about 20,000 rows it no longer
does, and each insert evicts pages the next ones need: importing 100,000 synthetic
ACLED rows read 2.5 GB back from the WAL and wrote 6 GB to it, and the incident
insert went from 13 us per row (first 20,000) to 35 us (average over 100,000).
With a cache of IMPORT_CACHE_MB nothing is read back, and the import took 2-3 s
less CPU (35.5-38.1 -> 33.4-35.3 s, runs interleaved on a loaded machine).

The setting is the import connection's own (SQLite keeps it per connection) and is
put back when the import ends, which lets the cache give its pages back. The
memory it takes is bounded by IMPORT_CACHE_MB whatever the file's size (the
benchmark's peak resident memory grows by about 70 MB more). PostgreSQL sizes its
buffers on the server: nothing changes there.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connections

IMPORT_CACHE_MB = 64


@contextmanager
def import_page_cache(*, using: str = "default"):
    """SQLite's page cache raised to IMPORT_CACHE_MB for the block (never lowered),
    then put back as it was."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        # A negative size is in KiB, a positive one in pages.
        page_size = 1024
        if before > 0:
            cursor.execute("PRAGMA page_size")
            page_size = cursor.fetchone()[0]
        held_kib = -before if before < 0 else before * page_size // 1024
        if held_kib < IMPORT_CACHE_MB * 1024:
            cursor.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_MB * 1024}")
    try:
        yield
    finally:
        if connection.connection is not None:  # not closed meanwhile
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(before)}")
