"""Export benchmark: 100,000 synthetic incidents (with sources, claims and
attributions) and 200 synthetic control zones.

Measures the GeoJSON export (time, Python heap peak, resident-memory growth), the
GeoPackage and KML exports, and the peer: djangorestframework-gis's GeoFeatureModelSerializer
(the /api/v1 serializer, with select_related/prefetch_related and the controller
annotation) over the same rows, in the same run.

Honest comparison: public selectors exclude synthetic rows, so the benchmark passes
its own queryset (published synthetic incidents) to the same export functions the
views call with the public queryset (events.exports.*). Only the WHERE clause
differs; the SQL, the streaming and the serialisation are the views' own.

The peer is slow, so it runs on the newest PEER_ROWS incidents; our export is
timed on that same subset too, each REPEAT times (median), the ratio is taken on
those rows only, and the two documents are checked to hold the same incidents at the
same points. Our export reads each incident's Feature rendered when it was written
(services.refresh_incident_features), so that write cost is reported too: for all
ROWS, and on the peer's rows as "render + export" against the peer.

Targets name 100k incidents (and the GeoJSON time names PostGIS): a smaller run, or
the peer ratio on PEER_ROWS < 100k, says "not measured at target size".
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import check_equivalent, measure, report, setup_django, target

ROWS = int(os.environ.get("BENCH_EXPORT_ROWS", "100000"))
PEER_ROWS = int(os.environ.get("BENCH_EXPORT_PEER_ROWS", "5000"))
REPEAT = int(os.environ.get("BENCH_EXPORT_REPEAT", "2"))
TARGET_ROWS = 100_000
ZONES = 200
SEED = 7


def _resident_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class ResidentPeak:
    """Resident-set growth of a block: resets the kernel's high-water mark first
    (Linux clear_refs 5), so C allocations (database driver, GDAL) count too."""

    def __enter__(self):
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:
            pass
        self.start = _resident_kb("VmRSS")
        return self

    def __exit__(self, *exc):
        self.growth_mb = (_resident_kb("VmHWM") - self.start) / 1024


class CountingSink(io.TextIOBase):
    def __init__(self):
        self.chars = 0

    def write(self, text):
        self.chars += len(text)
        return len(text)


def wobbly_square(lon, lat, size, vertices=48):
    """A closed ring with some detail, so point-in-polygon is not trivial."""
    from django.contrib.gis.geos import MultiPolygon, Polygon

    ring = []
    for k in range(vertices):
        angle = 2 * math.pi * k / vertices
        radius = size * (0.5 + 0.03 * math.sin(5 * angle))
        ring.append((lon + radius * math.cos(angle), lat + radius * math.sin(angle)))
    ring.append(ring[0])
    return MultiPolygon(Polygon(ring), srid=4326)


def generate(rows: int):
    from django.contrib.gis.geos import Point
    from django.db import transaction

    from events.models import (
        Actor,
        Attribution,
        CasualtyClaim,
        ControlZone,
        Incident,
        IncidentStatus,
        Place,
        Source,
    )
    from events.services import casualty_figures

    rng = random.Random(SEED)
    with transaction.atomic():
        actors = Actor.objects.bulk_create(
            Actor(slug=f"bench-actor-{n}", name=f"Synthetic actor {n}", kind="non_state")
            for n in range(12)
        )
        places = Place.objects.bulk_create(
            Place(
                slug=f"bench-place-{n}",
                name=f"Synthetic place {n}",
                name_ar=f"مكان {n}",
                kind="town",
                geom=Point(36 + rng.random() * 6, 32.5 + rng.random() * 4.5, srid=4326),
            )
            for n in range(300)
        )
        # 50 cells x 4 validity periods = 200 zones.
        periods = [
            (dt.date(2017, 1, 1), dt.date(2017, 3, 31)),
            (dt.date(2017, 4, 1), dt.date(2017, 6, 30)),
            (dt.date(2017, 7, 1), dt.date(2017, 9, 30)),
            (dt.date(2017, 10, 1), None),
        ]
        zones = []
        for cell in range(ZONES // len(periods)):
            lon, lat = 36.4 + (cell % 10) * 0.6, 32.8 + (cell // 10) * 0.8
            for p, (start, end) in enumerate(periods):
                zones.append(
                    ControlZone(
                        code=f"bench-zone-{cell}-{p}",
                        actor=actors[(cell + p) % len(actors)],
                        # Cells do not overlap, so no point has two equally
                        # ranked zones (the subquery has no tie-break of its own).
                        geom=wobbly_square(lon, lat, 0.55),
                        valid_from=start,
                        valid_to=end,
                        state="held" if (cell + p) % 5 else "contested",
                        synthetic=True,
                    )
                )
        ControlZone.objects.bulk_create(zones)

        incidents, plans = [], []
        for n in range(rows):
            day = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(365))
            place = places[rng.randrange(len(places))] if rng.random() < 0.8 else None
            n_sources = rng.randint(1, 3)
            claims = [
                (rng.randrange(n_sources), rng.choice(["killed", "injured"]), rng.randint(0, 40))
                for _ in range(rng.randint(1, 3))
            ]
            attributions = [
                (actors[rng.randrange(len(actors))], rng.choice(["perpetrator", "target"]), s)
                for s in range(min(n_sources, rng.randint(1, 2)))
            ]
            figures = casualty_figures(
                [
                    CasualtyClaim(source_id=s + 1, outcome=o, min_value=v, max_value=v)
                    for s, o, v in claims
                ]
            )
            incidents.append(
                Incident(
                    code=f"bench-{n:06d}",
                    title=f"Synthetic benchmark incident {n}",
                    summary="Generated for the export benchmark; not real reporting.",
                    event_type="explosions_remote_violence",
                    sub_event_type="shelling_artillery_missile",
                    date_start=day,
                    date_end=day,
                    geom=Point(36 + rng.random() * 6, 32.5 + rng.random() * 4.5, srid=4326),
                    place=place,
                    reported_place_name=f"Synthetic place {n % 997}",
                    uncertainty_m=rng.choice([None, 500, 2000, 6000]),
                    status=IncidentStatus.PUBLISHED,
                    synthetic=True,
                    **figures,
                )
            )
            plans.append((n_sources, claims, attributions))
        incidents = Incident.objects.bulk_create(incidents, batch_size=5000)
        sources = []
        for incident, (n_sources, _, _) in zip(incidents, plans, strict=True):
            sources.extend(
                Source(
                    incident=incident,
                    name=f"Synthetic source {s}",
                    kind="monitor",
                    reported_via="Synthetic wire" if s else "",
                    published_on=incident.date_start,
                )
                for s in range(n_sources)
            )
        sources = Source.objects.bulk_create(sources, batch_size=5000)
        claim_rows, attribution_rows, offset = [], [], 0
        for incident, (n_sources, claims, attributions) in zip(incidents, plans, strict=True):
            mine = sources[offset : offset + n_sources]
            offset += n_sources
            claim_rows.extend(
                CasualtyClaim(
                    incident=incident,
                    source=mine[s],
                    outcome=o,
                    min_value=v,
                    max_value=v,
                    wording=f"{v} {o}",
                )
                for s, o, v in claims
            )
            attribution_rows.extend(
                Attribution(incident=incident, actor=actor, role=role, source=mine[s])
                for actor, role, s in attributions
            )
        CasualtyClaim.objects.bulk_create(claim_rows, batch_size=5000)
        Attribution.objects.bulk_create(attribution_rows, batch_size=5000)
    return len(sources), len(claim_rows), len(attribution_rows)


def peer_document(incidents) -> bytes:
    """The peer: GeoFeatureModelSerializer over the same rows, rendered to JSON."""
    from rest_framework.renderers import JSONRenderer

    from events.api.serializers import IncidentSerializer
    from events.selectors import incident_detail_prefetches

    queryset = (
        incidents.select_related("place")
        .prefetch_related(*incident_detail_prefetches())
        .with_controller()
    )
    return JSONRenderer().render(IncidentSerializer(queryset, many=True).data)


def median_time(fn, repeat: int) -> tuple[float, object]:
    """Median seconds of ``repeat`` calls of ``fn`` and the last call's result."""
    times, result = [], None
    for _ in range(repeat):
        with measure() as m:
            result = fn()
        times.append(m.seconds)
    return statistics.median(times), result


def main():
    kind = setup_django("export")
    import pyogrio
    from django.db import connection

    from events.exports import acled_csv, geojson, gpkg, kml
    from events.exports.control import ControllerResolver
    from events.exports.rows import Lat, Lon
    from events.models import ControlZone, Incident
    from events.services import refresh_incident_features

    print(f"backend: {kind}; {ROWS} synthetic incidents, {ZONES} zones")
    with measure() as gen:
        counts = generate(ROWS)
    report("generate (bulk_create)", f"{gen.seconds:.1f} s; sources/claims/attr {counts}")
    # What the importer does after its bulk writes, and every service write per
    # incident: the work our export no longer does per request.
    with measure() as rendered:
        refresh_incident_features(incidents=Incident.objects.filter(synthetic=True))
    report(
        f"write cost: render stored Feature + flat texts, {ROWS} incidents",
        f"{rendered.seconds:.1f} s ({rendered.seconds / ROWS * 1000:.2f} ms per incident)",
    )
    # What autovacuum would have done by the time anyone exports: statistics,
    # hint bits and the visibility map after the bulk load.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    incidents = Incident.objects.filter(synthetic=True).published()
    zones = ControlZone.objects.filter(synthetic=True)

    # Warm-up (connection, caches), then the measured runs.
    warm = list(incidents.values_list("pk", flat=True)[:100])
    geojson.write(Incident.objects.filter(pk__in=warm), CountingSink())
    sink = CountingSink()
    with ResidentPeak() as first_rss, measure() as full:
        count = geojson.write(incidents, sink)
    assert count == ROWS, count
    report(f"GeoJSON export, {count} features", f"{full.seconds:.2f} s ({sink.chars / 1e6:.0f} MB)")
    with ResidentPeak() as rss, measure(track_memory=True) as mem:
        geojson.write(incidents, CountingSink())
    report("  Python heap peak (tracemalloc run)", f"{mem.peak_mb:.1f} MB")
    report(
        "  resident memory growth (timed run; tracemalloc run)",
        f"{first_rss.growth_mb:.1f} MB; {rss.growth_mb:.1f} MB",
    )

    subset_ids = list(incidents.order_by("-date_start", "code").values_list("pk", flat=True))
    subset = Incident.objects.filter(pk__in=subset_ids[:PEER_ROWS])
    ours_subset, _ = median_time(lambda: geojson.write(subset, CountingSink()), REPEAT)
    render_subset, _ = median_time(lambda: refresh_incident_features(incidents=subset), REPEAT)
    with ResidentPeak() as peer_rss:
        peer, document = median_time(lambda: peer_document(subset), REPEAT)
    ours_text = io.StringIO()
    geojson.write(subset, ours_text)
    check_equivalent(f"GeoJSON vs peer on {PEER_ROWS} rows", ours_text.getvalue(), document)
    del ours_text
    report(f"GeoJSON export, {PEER_ROWS} features (median of {REPEAT})", f"{ours_subset:.2f} s")
    report(
        f"  + render their stored texts first (median of {REPEAT})",
        f"{render_subset:.2f} s (render + export {render_subset + ours_subset:.2f} s)",
    )
    report(
        f"peer GeoFeatureModelSerializer, {PEER_ROWS} features (median of {REPEAT})",
        f"{peer:.2f} s ({len(document) / 1e6:.0f} MB, RSS +{peer_rss.growth_mb:.0f} MB)",
    )
    del document
    ratio = peer / ours_subset
    report(f"ratio peer/ours on the same {PEER_ROWS} rows (export)", f"{ratio:.1f}x")
    report(
        f"ratio peer/ours on the same {PEER_ROWS} rows (render + export)",
        f"{peer / (render_subset + ours_subset):.1f}x",
    )

    # Controller at the event: the per-row subquery (IncidentQuerySet.with_controller)
    # against the exports' ControllerResolver, on the subset.
    with measure() as subquery:
        by_subquery = list(
            subset.order_by("pk").with_controller().values_list("controller_slug", flat=True)
        )
    with measure() as resolved:
        points = list(
            subset.order_by("pk")
            .annotate(lon=Lon("geom"), lat=Lat("geom"))
            .values_list("lon", "lat", "date_start")
        )
        by_resolver = ControllerResolver().resolve(points)
    assert by_subquery == by_resolver
    report(
        f"controller for {PEER_ROWS}: with_controller() subquery",
        f"{subquery.seconds:.2f} s; ControllerResolver {resolved.seconds:.2f} s "
        f"({subquery.seconds / resolved.seconds:.0f}x)",
    )

    with tempfile.TemporaryDirectory() as folder:
        ours_gpkg = Path(folder) / "bench.gpkg"
        with ResidentPeak() as gpkg_rss, measure() as gp:
            gpkg.write(incidents, ours_gpkg, zones=zones)
        size = ours_gpkg.stat().st_size / 1e6
        # Peer: what an analyst would otherwise do, GDAL converting our GeoJSON
        # download to a GeoPackage (pyogrio read + write, as ogr2ogr does).
        # Writing the GeoJSON file is not timed.
        source = Path(folder) / "bench.geojson"
        with source.open("w", encoding="utf-8") as stream:
            geojson.write(incidents, stream)
        with measure() as converted:
            frame = pyogrio.read_dataframe(source)
            pyogrio.write_dataframe(frame, Path(folder) / "peer.gpkg", layer="incidents")
        del frame
        mine = pyogrio.read_info(ours_gpkg, layer="incidents")
        theirs = pyogrio.read_info(Path(folder) / "peer.gpkg", layer="incidents")
        assert mine["features"] == theirs["features"] == ROWS, (mine, theirs)
        same_extent = all(
            math.isclose(a, b, abs_tol=1e-7)
            for a, b in zip(mine["total_bounds"], theirs["total_bounds"], strict=True)
        )
        assert same_extent, (mine["total_bounds"], theirs["total_bounds"])
    report(
        f"GeoPackage export, {ROWS} incidents + {ZONES} zones",
        f"{gp.seconds:.2f} s ({size:.0f} MB, RSS +{gpkg_rss.growth_mb:.0f} MB)",
    )
    report(
        "peer: GDAL converting our GeoJSON to GPKG (incidents)",
        f"{converted.seconds:.2f} s ({converted.seconds / gp.seconds:.1f}x ours); "
        f"same {ROWS} features and extent",
    )
    kml_sink = CountingSink()
    with measure() as kml_time:
        for piece in kml.chunks(incidents, zones=zones):
            kml_sink.write(piece)
    report(
        f"KML export, {ROWS} incidents + {ZONES} zones (no target)",
        f"{kml_time.seconds:.2f} s ({kml_sink.chars / 1e6:.0f} MB)",
    )
    csv_sink = CountingSink()
    with measure() as csv_time:
        for line in acled_csv.lines(incidents):
            csv_sink.write(line)
    report(
        f"ACLED CSV export, {ROWS} incidents (no target)",
        f"{csv_time.seconds:.2f} s ({csv_sink.chars / 1e6:.0f} MB)",
    )
    growth = max(mem.peak_mb, rss.growth_mb, first_rss.growth_mb)
    big = {"rows": ROWS, "at_rows": TARGET_ROWS}
    target(
        "target: GeoJSON 100k <= 2 s on PostGIS", full.seconds <= 2.0, **big, on_backend="postgis"
    )
    target(
        "target: GeoJSON >= 10x the peer on the same 100k rows",
        ratio >= 10,
        rows=PEER_ROWS,
        at_rows=TARGET_ROWS,
    )
    target("target: GeoJSON 100k memory growth < 200 MB", growth < 200, **big)
    target("target: GeoPackage 100k <= 5 s", gp.seconds <= 5.0, **big)


if __name__ == "__main__":
    main()
