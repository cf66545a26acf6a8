"""Concurrent use: API writers and public readers at once against a real server
process (``manage.py runserver``, threaded, as ``make run`` serves) on a throwaway
database. Target: 3 writers + 12 readers for 20 s, 0 failed writes and 0 5xx, on
SpatiaLite (the embedded default) and PostGIS.

Each writer alternates an API PATCH of its own draft's title and an API POST of a
new source to it (session cookie and CSRF token, as a browser client); each reader
cycles through the map's points, the incident table, an incident page and the
/api/v1 list. Every successful write is then checked to be stored. See
benchmarks/concurrent_load.py.

    .venv/bin/python benchmarks/bench_concurrency.py   (BENCH_BACKEND=postgis for PostGIS)
    BENCH_CONCURRENCY_SECONDS (20), _WRITERS (3), _READERS (12), _INCIDENTS (1000)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.concurrent_load import Server, percentile, prepare, run_load, stored_state
from benchmarks.harness import report, setup_django

SECONDS = float(os.environ.get("BENCH_CONCURRENCY_SECONDS", "20"))
WRITERS = int(os.environ.get("BENCH_CONCURRENCY_WRITERS", "3"))
READERS = int(os.environ.get("BENCH_CONCURRENCY_READERS", "12"))
INCIDENTS = int(os.environ.get("BENCH_CONCURRENCY_INCIDENTS", "1000"))
TARGET = (3, 12, 20.0)  # writers, readers, seconds


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> int:
    kind = setup_django("concurrency")
    from django.db import connections

    plan = prepare(writers=WRITERS, published=INCIDENTS)
    connections.close_all()  # the server process has the database to itself
    print(
        f"backend: {kind}; {WRITERS} writers + {READERS} readers for {SECONDS:.0f} s "
        f"against runserver; {INCIDENTS} published synthetic incidents"
    )
    server = Server(os.environ["DATABASE_URL"])
    try:
        with server:
            result = run_load(server.url, plan, writers=WRITERS, readers=READERS, seconds=SECONDS)
            state = stored_state(server.url, plan)
        log = server.log_tail(30)
    finally:
        server.close()
    stored = all(
        title == result.last_title.get(code) and sources == result.sources_posted[code]
        for code, (title, sources) in state.items()
    )
    report("requests", f"{result.requests} ({result.requests / result.seconds:.1f}/s)")
    report("writes ok / failed", f"{result.writes_ok} / {result.writes_failed}")
    report("reads ok / failed", f"{result.reads_ok} / {result.reads_failed}")
    report("5xx responses", f"{result.server_errors}")
    report(
        "write latency p50 / p95",
        f"{ms(percentile(result.write_latencies, 50))} / "
        f"{ms(percentile(result.write_latencies, 95))}",
    )
    report(
        "read latency p50 / p95",
        f"{ms(percentile(result.read_latencies, 50))} / "
        f"{ms(percentile(result.read_latencies, 95))}",
    )
    report("every successful write stored (titles, sources)", "yes" if stored else "NO")
    errors = result.writes_failed + result.reads_failed + result.server_errors
    for method, path, status, _ in result.failures[:3]:
        print(f"    failed: {method} {path} -> {status or 'no answer'}")
    if errors:
        print("    server log (tail):\n" + log)
    label = "target: 0 errors, 3 writers + 12 readers for 20 s"
    at_target = WRITERS >= TARGET[0] and READERS >= TARGET[1] and SECONDS >= TARGET[2]
    if not at_target:
        report(label, "not measured at target size")
    else:
        report(label, "met" if errors == 0 and stored else "NOT MET")
    return 1 if errors or not stored else 0


if __name__ == "__main__":
    sys.exit(main())
