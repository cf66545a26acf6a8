"""Exports at the size of real datasets (issue 15): 1,000,000 synthetic incidents
on PostGIS (100,000 on SpatiaLite; BENCH_EXPORT_SCALE_ROWS to change).

Targets: the GeoJSON export streams 1M Features with flat memory (the server
process's peak resident memory grows no more at 1M than at ~100k) at no less than
today's throughput at 100k (bench_export: ~125 MB/s on PostGIS); the 1M GeoPackage
takes <= 30 s. KML (and, with BENCH_EXPORT_SCALE_CSV=1, the ACLED CSV, which
builds every row's properties per request) are timed too, without a target.

Rows. Exports read each incident's stored texts (``Incident.feature_json`` and
``flat_*``, events.exports.stored), written by the app's renderer. Rendering costs
about 1 ms per incident, so: BASE (100,000) incidents with sources, claims and
attributions are made as bench_export makes them (``bench_export.generate``) and
rendered by the app (``services.refresh_incident_features``); the rest are copies
of those rows made in SQL, each with its own code (``bench<k>-NNNNNN``), the
code in its stored Feature replaced, and its sources, claims and attributions
copied. A random sample of copies is then rendered again by the app's renderer
and must match what was stored, text for text. All rows are synthetic=True (not
real reporting); public pages show them only because this throwaway database's
server runs with settings.SHOW_SYNTHETIC_INCIDENTS (benchmarks/server_settings.py).
Set BENCH_KEEP_DB to keep and reuse the rows (checked, not trusted).

Measured, on the same rows in the same run:
- GeoJSON export in this process (``geojson.write`` as the export job does, into
  a counting sink), at ~100k (one 37-day filter) and 1M: wall, CPU, MB/s, resident
  growth. The peer is the floor of the design: the same rows' stored Feature
  texts streamed through the same cursor and joined, with nothing added.
- The same two exports over HTTP from a server process (``manage.py runserver``,
  /api/incidents.geojson), read by this process: MB/s, the server's CPU and its
  peak resident memory (high-water mark reset before each request).
- GeoPackage 1M (``gpkg.write``), with ogr2ogr converting our GeoJSON file as peer.
- KML 1M.
Wall time on this shared machine counts waiting for a core: CPU time and the load
average are printed next to it.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_export import CountingSink, ResidentPeak, generate
from harness import backend, measure, report, setup_django, target

# Issue 15's sizes: 1M on PostGIS, 100k on the embedded SpatiaLite.
ROWS = int(
    os.environ.get("BENCH_EXPORT_SCALE_ROWS", 1_000_000 if backend() == "postgis" else 100_000)
)
BASE = min(ROWS, int(os.environ.get("BENCH_EXPORT_SCALE_BASE", "100000")))
SAMPLE = int(os.environ.get("BENCH_EXPORT_SCALE_SAMPLE", "500"))
WITH_CSV = os.environ.get("BENCH_EXPORT_SCALE_CSV", "") == "1"
WITH_GPKG_PEER = os.environ.get("BENCH_EXPORT_SCALE_GPKG_PEER", "1") == "1"
TARGET_ROWS = 1_000_000
# bench_export's rows are spread over 2017: 37 days hold about a tenth of them.
SMALL_START, SMALL_END = dt.date(2017, 1, 1), dt.date(2017, 2, 6)
TODAY_MB_S = 125  # GeoJSON at 100k on PostGIS before this work (issue 15)
GPKG_TARGET_S = 30.0


# ---- rows ---------------------------------------------------------------------------


def copy_code_sql(k: int, column: str) -> str:
    """SQL for copy ``k``'s code of base code ``column`` ('bench-000123' ->
    'bench3-000123')."""
    return f"('bench{k}-' || substr({column}, 7))"


def replicate(copies: int) -> None:
    """Add ``copies`` copies of every base incident (code 'bench-NNNNNN') with its
    sources, claims and attributions, in SQL. The stored Feature names the code
    (id, code, url): it is replaced; the flat texts do not."""
    from django.db import connection, transaction

    from events.models import Attribution, CasualtyClaim, Incident, Source

    def columns(model, *skip):
        return [f.column for f in model._meta.concrete_fields if f.column not in ("id", *skip)]

    incident_cols = columns(Incident, "code", "feature_json")
    source_cols = columns(Source, "incident_id")
    claim_cols = columns(CasualtyClaim, "incident_id", "source_id")
    attribution_cols = columns(Attribution, "incident_id", "source_id")
    base_sources = (
        "SELECT s.id, s.incident_id, row_number() OVER (ORDER BY s.id) AS r "
        "FROM events_source s JOIN bench_copy_map m ON s.incident_id = m.{side}"
    )
    analyze = "ANALYZE {}"
    with transaction.atomic(), connection.cursor() as cursor:
        for k in range(1, copies + 1):
            new_code = copy_code_sql(k, "code")
            cursor.execute(
                f"INSERT INTO events_incident (code, {', '.join(incident_cols)}, feature_json) "
                f"SELECT {new_code}, {', '.join(incident_cols)}, "
                f"REPLACE(REPLACE(feature_json, '\"' || code || '\"', '\"' || {new_code} || '\"'),"
                f" '/' || code || '/', '/' || {new_code} || '/') "
                "FROM events_incident WHERE code LIKE 'bench-%' ORDER BY id"
            )
            cursor.execute("DROP TABLE IF EXISTS bench_copy_map")
            cursor.execute(
                "CREATE TEMP TABLE bench_copy_map AS SELECT b.id AS old_id, c.id AS new_id "
                "FROM events_incident b JOIN events_incident c "
                f"ON c.code = {copy_code_sql(k, 'b.code')} WHERE b.code LIKE 'bench-%'"
            )
            cursor.execute(analyze.format("bench_copy_map"))
            cursor.execute(
                f"INSERT INTO events_source (incident_id, {', '.join(source_cols)}) "
                f"SELECT m.new_id, {', '.join('s.' + c for c in source_cols)} "
                "FROM events_source s JOIN bench_copy_map m ON s.incident_id = m.old_id "
                "ORDER BY s.id"
            )
            # The copies took ids in the order of the originals: pair them by rank,
            # then check that each pair belongs to an incident and its copy.
            cursor.execute("DROP TABLE IF EXISTS bench_source_map")
            cursor.execute(
                "CREATE TEMP TABLE bench_source_map AS SELECT o.id AS old_id, n.id AS new_id, "
                "o.incident_id AS old_incident, n.incident_id AS new_incident "
                f"FROM ({base_sources.format(side='old_id')}) o "
                f"JOIN ({base_sources.format(side='new_id')}) n ON n.r = o.r"
            )
            cursor.execute(analyze.format("bench_source_map"))
            cursor.execute(
                "SELECT count(*) FROM bench_source_map sm LEFT JOIN bench_copy_map m "
                "ON m.old_id = sm.old_incident AND m.new_id = sm.new_incident "
                "WHERE m.old_id IS NULL"
            )
            assert cursor.fetchone()[0] == 0, "source copies out of order"
            for table, cols in (
                ("events_casualtyclaim", claim_cols),
                ("events_attribution", attribution_cols),
            ):
                cursor.execute(
                    f"INSERT INTO {table} (incident_id, source_id, {', '.join(cols)}) "
                    f"SELECT m.new_id, sm.new_id, {', '.join('t.' + c for c in cols)} "
                    f"FROM {table} t JOIN bench_copy_map m ON t.incident_id = m.old_id "
                    "LEFT JOIN bench_source_map sm ON t.source_id = sm.old_id ORDER BY t.id"
                )
        cursor.execute("DROP TABLE IF EXISTS bench_copy_map")
        cursor.execute("DROP TABLE IF EXISTS bench_source_map")


def check_copies(sample: int) -> int:
    """Render a random sample of the copies again with the app's renderer; every
    stored text must be what it gives. Returns how many were checked."""
    from events.exports.stored import STORED_COLUMNS, renderings
    from events.models import Incident

    copies = list(
        Incident.objects.filter(synthetic=True)
        .exclude(code__startswith="bench-")
        .values_list("pk", flat=True)
    )
    chosen = random.Random(15).sample(copies, min(sample, len(copies)))
    stored = {
        row[0]: row[1:]
        for row in Incident.objects.filter(pk__in=chosen).values_list("pk", *STORED_COLUMNS)
    }
    for rendering in renderings(Incident.objects.filter(pk__in=chosen)):
        assert tuple(rendering[1:]) == stored[rendering.pk], f"copy {rendering.pk} differs"
    return len(chosen)


def ensure_rows() -> str:
    from django.db import connection

    from events.exports.stored import RENDER_VERSION
    from events.models import Incident
    from events.services import refresh_incident_features

    synthetic = Incident.objects.filter(synthetic=True)
    have = synthetic.count()
    rendered = not synthetic.exclude(render_version=RENDER_VERSION).exists()
    base_only = have == BASE and not synthetic.exclude(code__startswith="bench-").exists()
    if have == ROWS and rendered:
        done = f"reused {have:,} synthetic incidents"
    else:
        if have and not (base_only and rendered):
            raise SystemExit(
                f"{have:,} synthetic incidents (or stale renderings) in the kept database: "
                "drop it (BENCH_KEEP_DB) and run again"
            )
        if not have:
            with measure() as made:
                generate(BASE)
            report(f"generate {BASE:,} base incidents (bulk_create)", timing(made))
            with measure() as rendering:
                refresh_incident_features(incidents=Incident.objects.filter(synthetic=True))
            report(
                f"render their stored texts (app renderer), {BASE:,}",
                f"{timing(rendering)}; {rendering.seconds / BASE * 1000:.2f} ms per incident",
            )
        copies = (ROWS - BASE) // BASE
        assert BASE * (copies + 1) == ROWS, "BENCH_EXPORT_SCALE_ROWS must be a multiple of BASE"
        with measure() as copied:
            replicate(copies)
        report(f"copy them x{copies} in SQL (codes replaced)", timing(copied))
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        done = f"made {ROWS:,} synthetic incidents"
    with measure() as checked:
        n = check_copies(SAMPLE)
    report(f"stored texts of {n} random copies = app renderer's", f"yes ({checked.seconds:.1f} s)")
    return done


# ---- measuring ------------------------------------------------------------------------


def timing(m, db_cpu: float | None = None) -> str:
    load = os.getloadavg()[0]
    db = f" + db {db_cpu:.1f} s" if db_cpu is not None else ""
    return f"{m.seconds:.2f} s wall, CPU {m.cpu_seconds:.2f} s{db}, load {load:.1f}"


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` (0.0 if unreadable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class DbCpu:
    """CPU time of this connection's PostgreSQL backend over a block (None on
    SpatiaLite, which runs in this process and counts in its CPU time)."""

    def __init__(self):
        from django.db import connection

        self.pid = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.pid = cursor.fetchone()[0]

    def __enter__(self):
        self.start = process_cpu(self.pid) if self.pid else 0.0
        return self

    def __exit__(self, *exc):
        self.seconds = process_cpu(self.pid) - self.start if self.pid else None


def stored_text_floor(incidents, sink) -> int:
    """The peer: the same rows' stored Feature texts, in export order, through the
    same cursor, joined into a FeatureCollection with nothing added."""
    from events.exports.cursor import batches_of
    from events.exports.geojson import HEAD, TAIL
    from events.exports.rows import EXPORT_ORDER

    count, first = 0, True
    sink.write(HEAD)
    ordered = incidents.order_by(*EXPORT_ORDER)
    for batch in batches_of(ordered, ("feature_json",), chunk_size=2000):
        text = ",".join(row[0] for row in batch)
        sink.write(text if first else "," + text)
        first, count = False, count + len(batch)
    sink.write(TAIL)
    return count


def in_process_geojson(label: str, incidents) -> dict:
    from events.exports import geojson

    sink, floor_sink = CountingSink(), CountingSink()
    with DbCpu() as db, ResidentPeak() as rss, measure() as m:
        count = geojson.write(incidents, sink)
    mb_s = sink.chars / 1e6 / m.seconds
    # This process and the database work at once (the cursor's prefetch thread):
    # on two free cores the slower of the two sets the pace.
    busiest = max(m.cpu_seconds, db.seconds or 0.0)
    mb_cpu = sink.chars / 1e6 / busiest
    report(
        f"GeoJSON {label}: {count:,} features, {sink.chars / 1e6:,.0f} MB",
        f"{timing(m, db.seconds)}; {mb_s:.0f} MB/s wall, {mb_cpu:.0f} MB per CPU s "
        f"(busiest process); RSS +{rss.growth_mb:.0f} MB",
    )
    with DbCpu() as floor_db, measure() as floor:
        floor_count = stored_text_floor(incidents, floor_sink)
    assert floor_count == count
    report(
        f"  peer: stored texts streamed as they are, {label}",
        f"{timing(floor, floor_db.seconds)}; {floor_sink.chars / 1e6 / floor.seconds:.0f} MB/s "
        f"(ours/peer time {m.seconds / floor.seconds:.2f}x)",
    )
    return {"count": count, "mb_s": mb_s, "mb_cpu": mb_cpu, "rss": rss.growth_mb}


def http_geojson(server, label: str, query: str) -> dict:
    """GET /api/incidents.geojson from the server process, read 1 MB at a time."""
    pid = server.process.pid
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # reset the high-water mark
    before_kb, before_cpu = process_kb(pid, "VmRSS"), process_cpu(pid)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
    received = 0
    with measure() as m:
        connection.request("GET", f"/api/incidents.geojson{query}")
        response = connection.getresponse()
        assert response.status == 200, response.status
        while piece := response.read(1 << 20):
            received += len(piece)
    connection.close()
    server_cpu = process_cpu(pid) - before_cpu
    peak_mb = (process_kb(pid, "VmHWM") - before_kb) / 1024
    mb_s = received / 1e6 / m.seconds
    report(
        f"GeoJSON over HTTP {label}: {received / 1e6:,.0f} MB",
        f"{m.seconds:.2f} s wall, server CPU {server_cpu:.2f} s, client CPU "
        f"{m.cpu_seconds:.2f} s, load {os.getloadavg()[0]:.1f}; {mb_s:.0f} MB/s; "
        f"server peak RSS +{peak_mb:.0f} MB over {before_kb / 1024:.0f} MB",
    )
    return {"bytes": received, "seconds": m.seconds, "mb_s": mb_s, "peak": peak_mb}


def main():
    kind = setup_django("export_scale")
    from events.exports import gpkg, kml
    from events.models import ControlZone, Incident

    print(f"backend: {kind}; {ROWS:,} synthetic incidents ({BASE:,} rendered, the rest copies)")
    report("rows", ensure_rows())
    incidents = Incident.objects.filter(synthetic=True).published()
    small = incidents.filter(date_start__range=(SMALL_START, SMALL_END))
    zones = ControlZone.objects.filter(synthetic=True)

    # Warm-up (connection, caches): the small export once.
    geojson_warm = CountingSink()
    from events.exports import geojson

    geojson.write(small, geojson_warm)
    small_run = in_process_geojson("~100k", small)
    full_run = in_process_geojson(f"{ROWS:,}", incidents)

    from concurrent_load import Server

    query = f"?from={SMALL_START.isoformat()}&to={SMALL_END.isoformat()}"
    var_dir = tempfile.mkdtemp(prefix="conflictmap-bench-var-")
    server = Server(
        os.environ["DATABASE_URL"], probe="/healthz", env={"CONFLICTMAP_VAR_DIR": var_dir}
    )
    with server:
        http_geojson(server, "warm-up ~100k", query)
        http_small = http_geojson(server, "~100k", query)
        http_full = http_geojson(server, f"{ROWS:,}", "")

    with tempfile.TemporaryDirectory(prefix="conflictmap-bench-") as folder:
        ours = Path(folder) / "bench.gpkg"
        with DbCpu() as gp_db, ResidentPeak() as gpkg_rss, measure() as gp:
            written = gpkg.write(incidents, ours, zones=zones)
        assert written == ROWS, written
        report(
            f"GeoPackage {ROWS:,} incidents + zones ({ours.stat().st_size / 1e6:,.0f} MB)",
            f"{timing(gp, gp_db.seconds)}; RSS +{gpkg_rss.growth_mb:.0f} MB",
        )
        if WITH_GPKG_PEER:
            source = Path(folder) / "bench.geojson"
            with source.open("w", encoding="utf-8") as stream:
                geojson.write(incidents, stream)
            ours.unlink()  # room on disk
            start_children = os.times()
            with measure() as peer:
                subprocess.run(
                    ["ogr2ogr", "-f", "GPKG", str(Path(folder) / "peer.gpkg"), str(source)],
                    check=True,
                )
            children = os.times()
            peer_cpu = (children.children_user - start_children.children_user) + (
                children.children_system - start_children.children_system
            )
            report(
                "  peer: ogr2ogr, our GeoJSON file to GPKG (incidents only)",
                f"{peer.seconds:.2f} s wall, CPU {peer_cpu:.2f} s; "
                f"peer/ours time {peer.seconds / gp.seconds:.1f}x",
            )

    kml_sink = CountingSink()
    with DbCpu() as db, ResidentPeak() as kml_rss, measure() as kml_time:
        for piece in kml.chunks(incidents, zones=zones):
            kml_sink.write(piece)
    report(
        f"KML {ROWS:,} incidents + zones, {kml_sink.chars / 1e6:,.0f} MB (no target)",
        f"{timing(kml_time, db.seconds)}; RSS +{kml_rss.growth_mb:.0f} MB",
    )
    if WITH_CSV:
        from events.exports import acled_csv

        csv_sink = CountingSink()
        with DbCpu() as db, ResidentPeak() as csv_rss, measure() as csv_time:
            for line in acled_csv.lines(incidents):
                csv_sink.write(line)
        report(
            f"ACLED CSV {ROWS:,} incidents, {csv_sink.chars / 1e6:,.0f} MB (no target)",
            f"{timing(csv_time, db.seconds)}; RSS +{csv_rss.growth_mb:.0f} MB",
        )

    at = {"rows": ROWS, "at_rows": TARGET_ROWS, "on_backend": "postgis"}
    target(
        f"target: GeoJSON 1M >= {TODAY_MB_S} MB/s (today's 100k), wall on this machine",
        full_run["mb_s"] >= TODAY_MB_S,
        **at,
    )
    target(
        f"target: GeoJSON 1M >= {TODAY_MB_S} MB/s, per CPU s of the busiest process",
        full_run["mb_cpu"] >= TODAY_MB_S,
        **at,
    )
    target(
        "target: GeoJSON 1M per CPU s >= 95% of the same run's ~100k",
        full_run["mb_cpu"] >= 0.95 * small_run["mb_cpu"],
        **at,
    )
    target(
        "target: GeoJSON 1M server peak RSS flat (<= ~100k's + 50 MB)",
        http_full["peak"] <= http_small["peak"] + 50,
        **at,
    )
    target(
        f"target: GeoPackage 1M <= {GPKG_TARGET_S:.0f} s, wall on this machine",
        gp.seconds <= GPKG_TARGET_S,
        **at,
    )
    target(
        f"target: GeoPackage 1M <= {GPKG_TARGET_S:.0f} s, CPU of the busiest process",
        max(gp.cpu_seconds, gp_db.seconds or 0.0) <= GPKG_TARGET_S,
        **at,
    )


if __name__ == "__main__":
    main()
