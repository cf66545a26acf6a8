"""Shared set-up for benchmarks: a throwaway database (never var/conflictmap.sqlite3),
migrated, plus timing and peak-memory helpers.

Backend: ``BENCH_BACKEND=spatialite`` (default, a temp file) or ``postgis`` (database
``conflictmap_bench`` on ``BENCH_PG_URL``, created if missing, dropped-and-recreated
per run so figures are comparable).
"""

from __future__ import annotations

import os
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
    if kind == "postgis":
        import psycopg

        base = os.environ.get("BENCH_PG_URL", "postgis://postgres@127.0.0.1:5432/postgres")
        server = base.rsplit("/", 1)[0]
        dbname = f"conflictmap_bench_{name}"
        with psycopg.connect(
            server.replace("postgis://", "postgresql://") + "/postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
            conn.execute(f'CREATE DATABASE "{dbname}"')
        os.environ["DATABASE_URL"] = f"{server}/{dbname}"
    else:
        folder = Path(tempfile.mkdtemp(prefix=f"conflictmap-bench-{name}-"))
        os.environ["DATABASE_URL"] = f"spatialite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings.test")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return kind


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
