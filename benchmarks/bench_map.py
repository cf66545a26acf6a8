"""The map's data request with 20,000 published incidents.

What a browser asks for when it opens the map (the light incident points for a
view of all of Syria, then for one city, then with filters), the table's first
page and one popup, each timed end to end through Django's test client (URL
routing, filter parsing, the query, serialisation, gzip). The peer, measured in
the same run on the same rows, is the naive approach: the full
/api/incidents.geojson with every claim, source and attribution. Both read the same
prepared data: the incidents' stored Features are rendered first (as the import
does after its bulk writes), and that write cost is reported per incident. The peer
runs as many times as ours, and the two answers are checked to hold the same
incidents at the same points.

Same code path as production: the incidents are generated with synthetic=True
(they are not real reporting), and public selectors hide synthetic rows. The
benchmark turns on settings.SHOW_SYNTHETIC_INCIDENTS in its own throwaway
database, the one switch that lets events.selectors.published_incidents keep
them; every view, filter and serialiser runs unchanged.

Usage: .venv/bin/python benchmarks/bench_map.py  (BENCH_BACKEND=postgis for PostGIS;
BENCH_MAP_INCIDENTS to change the count).
"""

from __future__ import annotations

import gzip
import os
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import check_equivalent, measure, report, setup_django

COUNT = int(os.environ.get("BENCH_MAP_INCIDENTS", "20000"))
REPEAT = 3  # runs of each request, ours and the peer's alike (median)
SYRIA = (35.7, 32.4, 42.3, 37.3)  # lon/lat box the synthetic points fall in
WHOLE_VIEW = "bbox=34.5,31.5,43.5,38.0"  # the map's padded bbox at country zoom
CITY_VIEW = "bbox=40.0,35.2,40.3,35.45"  # Deir ez-Zor at zoom 12, padded


def generate(count: int) -> None:
    import datetime as dt

    from django.contrib.gis.geos import Point
    from django.db import transaction

    from events.models import (
        Actor,
        Attribution,
        CasualtyClaim,
        EventType,
        Incident,
        IncidentStatus,
        LocationPrecision,
        Source,
    )

    rng = random.Random(20171023)
    actors = list(Actor.objects.all())
    types = list(EventType.values)
    precisions = [LocationPrecision.TOWN, LocationPrecision.NEIGHBOURHOOD, LocationPrecision.EXACT]
    start = dt.date(2017, 9, 1)
    incidents = []
    for n in range(count):
        # Half the points cluster along the Euphrates valley, as real reporting does.
        if n % 2:
            lon, lat = rng.uniform(39.8, 41.0), rng.uniform(34.4, 35.7)
        else:
            lon, lat = rng.uniform(SYRIA[0], SYRIA[2]), rng.uniform(SYRIA[1], SYRIA[3])
        day = start + dt.timedelta(days=rng.randrange(90))
        killed = rng.choice([None, 0, 1, 2, 3, 5, 8, 13, 22, 40])
        incidents.append(
            Incident(
                code=f"bench-{n:06d}",
                title=f"Synthetic benchmark incident {n}",
                summary="Generated for the map benchmark; not real reporting. " * 3,
                event_type=rng.choice(types),
                date_start=day,
                date_end=day,
                geom=Point(lon, lat, srid=4326),
                location_precision=rng.choice(precisions),
                uncertainty_m=rng.choice([None, None, 2000, 6000]),
                reported_place_name=f"Synthetic place {n % 500}",
                status=IncidentStatus.PUBLISHED,
                synthetic=True,
                fatalities_low=killed,
                fatalities_best=killed,
                fatalities_high=killed,
            )
        )
    with transaction.atomic():
        Incident.objects.bulk_create(incidents, batch_size=2000)
        saved = list(Incident.objects.filter(synthetic=True).order_by("pk"))
        sources = []
        for incident in saved:
            for name in ("Synthetic monitor", "Synthetic agency"):
                sources.append(Source(incident=incident, name=name, kind="monitor"))
        Source.objects.bulk_create(sources, batch_size=4000)
        by_incident: dict[int, list] = {}
        for source in Source.objects.filter(incident__synthetic=True).order_by("pk"):
            by_incident.setdefault(source.incident_id, []).append(source)
        claims, attributions = [], []
        for incident in saved:
            first, second = by_incident[incident.pk]
            value = incident.fatalities_best or 0
            claims.append(
                CasualtyClaim(incident=incident, source=first, outcome="killed", min_value=value)
            )
            claims.append(
                CasualtyClaim(
                    incident=incident, source=second, outcome="injured", min_value=value * 2
                )
            )
            attributions.append(
                Attribution(incident=incident, actor=rng.choice(actors), source=first)
            )
        CasualtyClaim.objects.bulk_create(claims, batch_size=4000)
        Attribution.objects.bulk_create(attributions, batch_size=4000)


def timed_get(client, url: str, repeat: int) -> tuple[float, bytes, int, int]:
    """Median seconds over ``repeat`` runs, the raw body, gzip bytes, feature count."""
    import json

    times, response, body = [], None, b""
    for _ in range(repeat):
        with measure() as m:
            response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
            # A streamed response does its work while it is read: time the reading too.
            body = b"".join(response.streaming_content) if response.streaming else response.content
        times.append(m.seconds)
        assert response.status_code == 200, (url, response.status_code, body[:200])
    if response.get("Content-Encoding") == "gzip":
        compressed, raw = len(body), gzip.decompress(body)
    else:
        raw, compressed = body, len(gzip.compress(body))
    count = -1
    if url.startswith("/api/"):
        count = len(json.loads(raw)["features"])
    return statistics.median(times), raw, compressed, count


def main() -> None:
    backend = setup_django("map")
    from django.core.management import call_command
    from django.test import Client, override_settings

    from events.models import Incident
    from events.services import refresh_incident_features

    print(f"backend: {backend}, {COUNT} published synthetic incidents")
    call_command("load_demo", verbosity=0)
    with measure() as m:
        generate(COUNT)
    report("generate incidents, sources, claims, attributions", f"{m.seconds:.1f} s")
    with measure() as rendered:
        n = refresh_incident_features(incidents=Incident.objects.filter(synthetic=True))
    report(
        f"write cost: render stored Features for {n:,} incidents",
        f"{rendered.seconds:.1f} s ({rendered.seconds / n * 1000:.2f} ms per incident)",
    )

    client = Client()
    with override_settings(SHOW_SYNTHETIC_INCIDENTS=True):
        cases = [
            ("map points, all of Syria (what the map loads first)",
             f"/api/incident-points.geojson?{WHOLE_VIEW}", REPEAT),
            ("map points, one city in view", f"/api/incident-points.geojson?{CITY_VIEW}",
             REPEAT),
            ("map points, whole view + type and date filters",
             f"/api/incident-points.geojson?{WHOLE_VIEW}&type=explosions_remote_violence"
             "&from=2017-10-01&to=2017-10-31", REPEAT),
            ("table page 1 (50 rows)", "/incidents/", REPEAT),
            ("popup for one incident", "/incidents/bench-000123/popup/", REPEAT),
            ("PEER: full /api/incidents.geojson (everything)", "/api/incidents.geojson",
             REPEAT),
        ]  # fmt: skip
        results = {}
        for label, url, repeat in cases:
            seconds, raw, compressed, count = timed_get(client, url, repeat)
            results[label] = (seconds, raw, compressed)
            shown = f"{count} features, " if count >= 0 else ""
            report(
                label,
                f"{seconds * 1000:8.0f} ms  {shown}{len(raw) / 1e6:.2f} MB raw, "
                f"{compressed / 1e6:.2f} MB gzip",
            )
    light = results["map points, all of Syria (what the map loads first)"]
    peer = results["PEER: full /api/incidents.geojson (everything)"]
    check_equivalent("map points (all of Syria) vs peer", light[1], peer[1])
    report(f"ratio peer/map request: time (median of {REPEAT} each)", f"{peer[0] / light[0]:.1f}x")
    report("ratio peer/map request: bytes (raw)", f"{len(peer[1]) / len(light[1]):.1f}x")
    report("ratio peer/map request: bytes (both gzipped)", f"{peer[2] / light[2]:.1f}x")


if __name__ == "__main__":
    main()
