"""Bulk import speed: synthetic ACLED-layout rows through `import_incidents` (validate
everything, then write in one transaction with history), against a peer measured
in the same run: the same incidents, sources and claims written with plain ORM
bulk_create (no validation, no history, no upsert). Also the re-run (every row
unchanged), which is what an editor pays to re-import a corrected file.

Same output: the import also renders each incident's stored Feature and flat
texts (what the exports read), so the peer is timed with that same rendering
(services.refresh_incident_features) added, and the two are checked to have
written the same incidents (points, dates, sources, claims).

The bad file (issue 12, finding 12): a CSV of BENCH_IMPORT_BAD_MB megabytes (default
50) whose every row is bad (an impossible date, an unknown actor). It must be
refused in bounded time and memory with a short report: the figures are the time,
how far the process's resident memory peaks above where it stood (Linux: the peak
is reset just before the import), the rows listed against the rows counted, and
the size of the import page showing the rejection. Its peer reads the same file
with csv.DictReader and checks nothing (the floor for any importer that looks at
every row).

Targets (issue 13): 100,000 ACLED-layout rows imported in <= 30 s, and the re-run at
>= 10,000 rows/s, with memory flat (the re-run's Python heap peak, and how far the
first import moves the process's peak resident memory). The rows are synthetic and
imported as such (``synthetic``: never shown as real reporting).

On PostGIS (server on this machine) each run's CPU also shows the database
server process's (``server_cpu_seconds``), and the ratio of client + server CPU to
the peer's: on a shared, loaded machine wall time mostly measures the wait for a
core, CPU time much less so.

    BENCH_IMPORT_ROWS=100000 (default) .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

import atexit
import csv
import datetime as dt
import os
import resource
import shutil
import tempfile
from pathlib import Path

from harness import measure, report, setup_django, target

from benchmarks.synthetic_acled import synthetic_rows, write_csv

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
TARGET_ROWS = 100_000
BAD_MB = float(os.environ.get("BENCH_IMPORT_BAD_MB", "50"))


def write_bad_csv(path: Path, megabytes: float) -> int:
    """Rows that each fail (impossible date; their unknown actor is reported once, for
    the file) until the file reaches ``megabytes``; returns the row count."""
    from events.acled import ACLED_COLUMNS

    base = {**synthetic_rows(1)[0], "event_date": "2017-13-45", "actor1": "Martian Legion"}
    target, count = int(megabytes * 1e6), 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        while fh.tell() < target:
            for _ in range(1000):
                row = {**base, "event_id_cnty": f"BAD{count:07d}"}
                writer.writerow({c: row.get(c, "") for c in ACLED_COLUMNS})
                count += 1
    return count


def reset_peak_rss() -> bool:
    """Start the process's peak resident memory afresh (Linux: VmHWM), so the
    next peak is the import's own; False where the kernel does not allow it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def server_cpu_seconds() -> float | None:
    """CPU seconds used so far by the PostgreSQL server process serving this
    connection, where it runs on this machine and /proc shows it (else None). The
    import's "CPU" is this process's alone; on SpatiaLite that includes the
    database's work, on PostGIS the server's is counted here, and unlike wall time
    on a shared machine it does not grow with the time spent waiting for a core."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu_since(before: float | None) -> float | None:
    """Server CPU seconds since ``before`` (server_cpu_seconds), or None."""
    after = server_cpu_seconds()
    return None if before is None or after is None else after - before


def cpu_text(measured, server: float | None) -> str:
    """ "CPU n s" of this process, and the database server's where known."""
    text = f"CPU {measured.cpu_seconds:.2f} s"
    return text if server is None else f"{text}, database server CPU {server:.2f} s"


def cpu_ratio(ours, ours_server, peer, peer_server) -> str | None:
    """The import's CPU over the peer's, each this process's plus the database
    server's (PostGIS on this machine), or None where the server's is unknown."""
    if ours_server is None or peer_server is None:
        return None
    return f"{(ours.cpu_seconds + ours_server) / (peer.cpu_seconds + peer_server):.1f}x"


def rejection_page(rejected) -> str:
    """The admin import page as it shows a rejection."""
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from events.admin.forms import IncidentImportForm
    from events.models import Incident

    request = RequestFactory().get("/admin/events/incident/import/")
    request.user = AnonymousUser()
    context = {"opts": Incident._meta, "form": IncidentImportForm(), "rejected": rejected}
    return render_to_string("admin/events/incident/import.html", context, request=request)


def bench_bad_file(folder: Path) -> None:
    from events.imports import ImportRejected, import_incidents

    path = folder / "bad.csv"
    rows = write_bad_csv(path, BAD_MB)
    size_mb = path.stat().st_size / 1e6
    print(f"bad file: {size_mb:.1f} MB, {rows:,} rows, every one bad")
    fresh = reset_peak_rss()
    before = rss_mb() if fresh else peak_rss_mb()
    rejected = None
    with measure() as bad:
        try:
            import_incidents(path=path, synthetic=True)
        except ImportRejected as exc:
            rejected = exc
    grown = peak_rss_mb() - before
    assert rejected is not None and rejected.report.rejected == rows
    page = rejection_page(rejected)
    with measure() as peer, open(path, newline="", encoding="utf-8") as fh:
        for _ in csv.DictReader(fh):
            pass
    report("import_incidents, bad file (rejected)", f"{bad.seconds:.2f} s")
    what = "resident memory before / peak growth" if fresh else "peak RSS before / growth"
    report(f"  {what}", f"{before:.0f} MB / +{grown:.0f} MB")
    report(
        "  rows listed / rows counted as bad",
        f"{len(rejected.errors)} / {rejected.report.rejected:,}",
    )
    report("  import page showing the rejection", f"{len(page.encode()) / 1e3:.0f} kB")
    report("  command-line message", f"{len(str(rejected).encode()) / 1e3:.0f} kB")
    report("peer: csv.DictReader over the same file, no checks", f"{peer.seconds:.2f} s")
    report("ratio bad-file import / peer", f"{bad.seconds / peer.seconds:.1f}x")


def peer_bulk_create(rows) -> None:
    from django.contrib.gis.geos import Point
    from django.db import transaction

    from events.models import CasualtyClaim, Incident, Source

    with transaction.atomic():
        incidents = Incident.objects.bulk_create(
            [
                Incident(
                    code=f"peer-{r['event_id_cnty'].lower()}",
                    external_id=f"PEER-{r['event_id_cnty']}",
                    title=f"Armed clash in {r['location']}",
                    summary=r["notes"],
                    event_type="battles",
                    sub_event_type="armed_clash",
                    date_start=dt.date.fromisoformat(r["event_date"]),
                    date_end=dt.date.fromisoformat(r["event_date"]),
                    geom=Point(float(r["longitude"]), float(r["latitude"]), srid=4326),
                    synthetic=True,
                )
                for r in rows
            ],
            batch_size=500,
        )
        sources = Source.objects.bulk_create(
            [Source(incident=i, name="Synthetic Monitor") for i in incidents], batch_size=500
        )
        CasualtyClaim.objects.bulk_create(
            [
                CasualtyClaim(
                    incident=s.incident,
                    source=s,
                    outcome="killed",
                    min_value=int(r["fatalities"]),
                    max_value=int(r["fatalities"]),
                )
                for s, r in zip(sources, rows, strict=True)
            ],
            batch_size=500,
        )


def written(incidents) -> dict:
    """{row id: (point, day, sources, claims)} of what a run wrote."""
    result = {}
    for incident in incidents.prefetch_related("sources", "claims"):
        key = incident.external_id.removeprefix("PEER-")
        result[key] = (
            (round(incident.geom.x, 6), round(incident.geom.y, 6)),
            incident.date_start,
            len(incident.sources.all()),
            sorted((c.outcome, c.min_value, c.max_value) for c in incident.claims.all()),
        )
    return result


def main() -> None:
    kind = setup_django("import")
    from django.core.management import call_command

    from events.imports import import_incidents
    from events.models import Incident
    from events.services import refresh_incident_features

    call_command("load_demo", verbosity=0)
    folder = Path(tempfile.mkdtemp(prefix="conflictmap-bench-import-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    print(f"bench_import on {kind}")
    if BAD_MB > 0:
        bench_bad_file(folder)  # first, so the peak memory it adds is its own
    rows = synthetic_rows(ROWS)
    path = folder / "rows.csv"
    write_csv(rows, path)
    print(f"good file: {ROWS} synthetic ACLED rows")

    fresh = reset_peak_rss()
    before = rss_mb() if fresh else peak_rss_mb()
    server = server_cpu_seconds()
    with measure() as first:
        created = import_incidents(path=path, synthetic=True)
    first_server = server_cpu_since(server)
    grown = peak_rss_mb() - before
    server = server_cpu_seconds()
    with measure() as again:
        rerun = import_incidents(path=path, synthetic=True)
    again_server = server_cpu_since(server)
    with measure(track_memory=True) as traced:  # tracemalloc slows it: not timed
        import_incidents(path=path, synthetic=True)
    server = server_cpu_seconds()
    with measure() as peer:
        peer_bulk_create(rows)
    peer_server = server_cpu_since(server)
    server = server_cpu_seconds()
    with measure() as peer_render:
        refresh_incident_features(incidents=Incident.objects.filter(code__startswith="peer-"))
    render_server = server_cpu_since(server)
    assert created.created == ROWS and rerun.unchanged == ROWS
    assert Incident.objects.filter(synthetic=True).count() == 2 * ROWS
    ours_rows = written(Incident.objects.filter(external_id__startswith="BENCH"))
    peer_rows = written(Incident.objects.filter(external_id__startswith="PEER-"))
    assert ours_rows == peer_rows, "the import and the peer wrote different incidents"
    peer_total = peer.seconds + peer_render.seconds

    report(
        "import_incidents, first run (all created)",
        f"{first.seconds:.2f} s ({cpu_text(first, first_server)})",
    )
    report("  rows per second", f"{ROWS / first.seconds:,.0f}")
    target("  target <= 30 s at 100,000 rows", first.seconds <= 30, rows=ROWS, at_rows=TARGET_ROWS)
    what = "resident memory before / peak growth" if fresh else "peak RSS before / growth"
    report(f"  {what}", f"{before:.0f} MB / +{grown:.0f} MB")
    report(
        "import_incidents, re-run (all unchanged)",
        f"{again.seconds:.2f} s ({cpu_text(again, again_server)})",
    )
    report("  rows per second", f"{ROWS / again.seconds:,.0f}")
    target(
        "  target >= 10,000 rows/s at 100,000 rows",
        ROWS / again.seconds >= 10_000,
        rows=ROWS,
        at_rows=TARGET_ROWS,
    )
    report("  re-run Python heap peak (tracemalloc, separate run)", f"{traced.peak_mb:.0f} MB")
    report(
        "peer: ORM bulk_create, same rows (no checks/history)",
        f"{peer.seconds:.2f} s ({cpu_text(peer, peer_server)})",
    )
    report(
        "  + render their stored texts (as the import does)",
        f"{peer_render.seconds:.2f} s ({peer_render.seconds / ROWS * 1000:.2f} ms per incident)",
    )
    report("same output", f"{len(ours_rows):,} incidents: points, dates, sources, claims")
    report("ratio import / (peer + render), first run", f"{first.seconds / peer_total:.1f}x")
    if None not in (first_server, peer_server, render_server):
        ours = first.cpu_seconds + first_server
        theirs = peer.cpu_seconds + peer_server + peer_render.cpu_seconds + render_server
        report("  CPU, client + database server: import / (peer + render)", f"{ours / theirs:.1f}x")
    report("ratio re-run / (peer + render)", f"{again.seconds / peer_total:.1f}x")


if __name__ == "__main__":
    main()
