"""Shared set-up for benchmarks: a throwaway database (never var/conflictmap.sqlite3),
migrated, plus timing and peak-memory helpers.

Backend: ``BENCH_BACKEND=spatialite`` (default, a temp file) or ``postgis`` (database
``conflictmap_bench_<name>_<pid>`` on ``BENCH_PG_URL``). Each run gets its own
database, created fresh so figures are comparable and removed when the run ends, so
two runs at once do not clash.

``BENCH_KEEP_DB`` (a PostGIS database name, or a SpatiaLite file path) instead uses
that database and keeps it after the run, so a benchmark that generates a million
rows can reuse them next time (it checks what is there; see bench_map_scale.py).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def backend() -> str:
    return os.environ.get("BENCH_BACKEND", "spatialite")


def setup_django(name: str) -> str:
    """Point Django at a fresh benchmark database, set it up and migrate it.
    Returns the backend name."""
    import pyogrio  # noqa: F401  (load before mod_spatialite, see settings)
    import shapely  # noqa: F401

    kind = backend()
    kept = os.environ.get("BENCH_KEEP_DB", "").strip()
    if kind == "postgis":
        import psycopg

        base = os.environ.get("BENCH_PG_URL", "postgis://postgres@127.0.0.1:5432/postgres")
        server = base.rsplit("/", 1)[0]
        dbname = kept or f"conflictmap_bench_{name}_{os.getpid()}"
        maintenance = server.replace("postgis://", "postgresql://") + "/postgres"
        with psycopg.connect(maintenance, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [dbname]
            ).fetchone()
            if not kept:
                conn.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
            if not kept or not exists:
                conn.execute(f'CREATE DATABASE "{dbname}"')
        if kept:
            with psycopg.connect(
                f"{server.replace('postgis://', 'postgresql://')}/{dbname}"
            ) as conn:
                conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        else:
            atexit.register(_drop_database, maintenance, dbname)
        os.environ["DATABASE_URL"] = f"{server}/{dbname}"
    elif kept:
        os.environ["DATABASE_URL"] = f"spatialite:///{Path(kept).resolve()}"
    else:
        folder = Path(tempfile.mkdtemp(prefix=f"conflictmap-bench-{name}-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        os.environ["DATABASE_URL"] = f"spatialite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings.test")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return kind


def _drop_database(maintenance_url: str, dbname: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


@dataclass
class Measure:
    seconds: float = 0.0
    peak_mb: float = 0.0
    # This process's CPU time over the block (the database's too for SpatiaLite,
    # which runs in-process): on a shared, loaded machine, wall time also counts
    # the time spent waiting for a core.
    cpu_seconds: float = 0.0


@contextmanager
def measure(track_memory: bool = False):
    """Wall time (and, if asked, Python heap peak via tracemalloc) of a block."""
    result = Measure()
    if track_memory:
        tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    try:
        yield result
    finally:
        result.seconds = time.perf_counter() - start
        result.cpu_seconds = time.process_time() - cpu
        if track_memory:
            result.peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()


def report(label: str, value: str) -> None:
    print(f"  {label:<58} {value}")


def target(
    label: str,
    met: bool,
    *,
    rows: int | None = None,
    at_rows: int | None = None,
    on_backend: str | None = None,
) -> None:
    """A target's verdict. "met" or "NOT MET" only when measured at the row count
    (``at_rows``) and on the backend (``on_backend``) the target names; otherwise
    what was not measured."""
    if at_rows is not None and (rows is None or rows < at_rows):
        shown = f"{rows:,}" if rows is not None else "unknown"
        report(label, f"not measured at target size ({shown} rows; the target names {at_rows:,})")
    elif on_backend is not None and backend() != on_backend:
        report(label, f"not measured on {on_backend} (this run: {backend()})")
    else:
        report(label, "met" if met else "NOT MET")


def feature_geometries(document) -> dict:
    """{feature id: its geometry's coordinates, rounded to 6 decimals (about
    10 cm, what our exports write)} of a GeoJSON FeatureCollection (text, bytes
    or parsed)."""
    import json

    if isinstance(document, (str, bytes)):
        document = json.loads(document)

    def rounded(value):
        if isinstance(value, list):
            return tuple(rounded(v) for v in value)
        return round(value, 6)

    return {
        f["id"]: rounded(f["geometry"]["coordinates"]) if f["geometry"] else None
        for f in document["features"]
    }


def check_equivalent(label: str, ours, peer) -> int:
    """Assert that two FeatureCollections hold the same features (ids) with the
    same geometry, report it, and return the feature count."""
    mine, theirs = feature_geometries(ours), feature_geometries(peer)
    assert mine.keys() == theirs.keys(), (
        f"{label}: different features ({len(mine)} vs {len(theirs)}; "
        f"{len(mine.keys() ^ theirs.keys())} differ)"
    )
    differ = [k for k in mine if mine[k] != theirs[k]]
    assert not differ, f"{label}: {len(differ)} geometries differ, e.g. {differ[:3]}"
    report(f"{label}: same output", f"{len(mine):,} features, same ids and geometry")
    return len(mine)
