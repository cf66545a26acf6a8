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


@contextmanager
def measure(track_memory: bool = False):
    """Wall time (and, if asked, Python heap peak via tracemalloc) of a block."""
    result = Measure()
    if track_memory:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = time.perf_counter() - start
        if track_memory:
            result.peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()


def report(label: str, value: str) -> None:
    print(f"  {label:<58} {value}")
