"""The map in a real browser at the size of real datasets.

Chromium (Debian's, driven by Playwright) opens the map served by this process
(Django's threaded WSGI server with static files, the same views as production)
over a database of synthetic incidents, and measures:

- time from navigation to a usable map (incidents drawn), with a cold cache and again warm.
  Cold: the first visit to a server just started, its public data cache
  (events.public_cache) empty, so every answer computed from the database is
  computed for it; the server did its start-up work first, as conflictmap.wsgi
  does (URLconf, templates, catalogs, the basemap's packaged layers, which are
  built from shipped files once and kept in var/basemap/, see events.basemap).
  Warm: the same page loaded again;
- pan/zoom to redrawn, p50/p95 over a scripted tour of 20 moves;
- a filter change (event type) to redrawn;
- bytes sent per view (encoded bodies of the map's data requests);
- the page's JS heap and DOM nodes (CDP Performance.getMetrics);
- where the time goes per data request: query (and cache), encode (Server-Timing),
  transfer (resource timing), draw (response to the next frame after drawing; the
  part spent in map.js building the markers is reported apart).

The peer, in the same run on the same rows, is today's approach: every point of the
padded view from /api/incident-points.geojson, clustered in the browser by
Leaflet.markercluster, on a page the benchmark builds from the same assets. It runs
at the full size first and, if that does not finish within BENCH_PEER_TIMEOUT
seconds, on a date range holding fewer rows (BENCH_PEER_SIZES), so the largest
size where it still finishes is reported.

Rows: BENCH_MAP_SCALE_INCIDENTS (default 1,000,000 on PostGIS, 100,000 on
SpatiaLite), synthetic=True (not real reporting), inserted with COPY (PostGIS) or
executemany (SpatiaLite); stored texts are left for on-the-fly rendering, which is
what the popup does anyway. settings.SHOW_SYNTHETIC_INCIDENTS is turned on for
this throwaway database only. Set BENCH_KEEP_DB to keep and reuse the rows.

Targets: usable <= 1.5 s, pan/zoom p95 <= 300 ms, filter <= 500 ms, judged only at
1,000,000 on PostGIS and 100,000 on SpatiaLite.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import backend, measure, report, setup_django
from tests.browser.polling import wait_for_js

TARGET_SIZE = {"postgis": 1_000_000, "spatialite": 100_000}
TARGETS = {"usable": 1.5, "pan_zoom_p95": 0.300, "filter": 0.500}
COUNT = int(os.environ.get("BENCH_MAP_SCALE_INCIDENTS", TARGET_SIZE[backend()]))
PEER_TIMEOUT = float(os.environ.get("BENCH_PEER_TIMEOUT", "60"))
PEER_SIZES = [int(n) for n in os.environ.get("BENCH_PEER_SIZES", "100000,20000").split(",") if n]
# The peer is first tried at this size (default: all rows); 1M points as GeoJSON
# is about 150 MB and a few GB of server memory, so the PostGIS run starts lower.
PEER_MAX = int(os.environ.get("BENCH_PEER_MAX", "0")) or None
CODE_PREFIX = "scale-"
START, END = dt.date(2012, 1, 1), dt.date(2019, 12, 31)
TYPES = [
    ("battles", 35),
    ("explosions_remote_violence", 40),
    ("violence_against_civilians", 12),
    ("protests", 6),
    ("riots", 2),
    ("strategic_developments", 5),
]

# Scripted tour: (zoom, lat, lon). Country view, into Deir ez-Zor, along the
# Euphrates, over to Aleppo and Damascus, and back out.
START_VIEW = (7, 35.0, 38.6)
TOUR = [
    (8, 35.2, 39.8), (9, 35.3, 40.1), (10, 35.33, 40.14), (11, 35.33, 40.14),
    (12, 35.335, 40.145), (13, 35.335, 40.145), (13, 35.33, 40.17), (13, 35.32, 40.12),
    (11, 35.0, 40.45), (10, 34.7, 40.8), (9, 35.6, 39.4), (9, 36.2, 37.4),
    (11, 36.2, 37.15), (12, 36.21, 37.16), (10, 35.5, 36.9), (9, 34.7, 36.7),
    (10, 33.5, 36.3), (12, 33.51, 36.29), (8, 34.5, 38.0), (7, 35.0, 38.6),
]  # fmt: skip


# ---- data ---------------------------------------------------------------------------


def hotspots(rng: random.Random, n: int = 1500):
    """Where synthetic incidents gather: towns of all sizes, more along the Euphrates
    and around the big cities (weights fall off like city sizes do)."""
    cities = [(40.14, 35.33), (37.16, 36.2), (36.29, 33.51), (39.0, 35.95), (36.72, 34.73)]
    spots = []
    for i in range(n):
        if i < len(cities):
            lon, lat = cities[i]
        elif i % 3 == 0:
            lon, lat = rng.uniform(38.0, 41.2), rng.uniform(34.3, 36.1)  # Euphrates
        else:
            lon, lat = rng.uniform(35.8, 42.2), rng.uniform(32.4, 37.2)
        spots.append((lon, lat, 1.0 / (i + 1) ** 0.8))
    return spots


def rows(count: int):
    """Tuples for the incident table, column order as in COLUMNS."""
    from django.utils import timezone

    rng = random.Random(20171023)
    spots = hotspots(rng)
    weights, total = [], 0.0
    for _, _, w in spots:
        total += w
        weights.append(total)
    type_weights, acc = [], 0
    for _, w in TYPES:
        acc += w
        type_weights.append(acc)
    types = [t for t, _ in TYPES]
    span = (END - START).days
    now = timezone.now()
    killed_choices = [None, 0, 0, 1, 1, 2, 3, 5, 8, 13, 22, 40]
    for n in range(count):
        lon, lat, _ = rng.choices(spots, cum_weights=weights)[0]
        if n % 10:  # one in ten sits exactly on its town's point, as coded data does
            lon += rng.gauss(0, 0.03)
            lat += rng.gauss(0, 0.03)
        day = START + dt.timedelta(days=int(span * rng.betavariate(2.2, 2.6)))
        killed = rng.choice(killed_choices)
        precision = "town" if n % 10 == 0 else ("exact" if n % 3 else "neighbourhood")
        yield {
            "code": f"{CODE_PREFIX}{n:07d}",
            "title": f"Synthetic scale incident {n}",
            "event_type": rng.choices(types, cum_weights=type_weights)[0],
            "date_start": day,
            "date_end": day,
            "geom": (round(lon, 5), round(lat, 5)),
            "location_precision": precision,
            "uncertainty_m": 3000 if precision == "town" else None,
            "status": "published",
            "synthetic": True,
            "fatalities_low": killed,
            "fatalities_best": killed,
            "fatalities_high": killed,
            "created_at": now,
            "updated_at": now,
            "published_at": now,
        }


def columns():
    from events.models import Incident

    return [f for f in Incident._meta.concrete_fields if not f.primary_key]


def insert(count: int) -> None:
    """Insert ``count`` synthetic published incidents in bulk (COPY / executemany),
    every column given as the model's default unless set in rows()."""
    from django.db import connection, transaction

    from events.models import Incident

    fields = columns()
    names = [f.column for f in fields]
    table = Incident._meta.db_table

    def values(row):
        out = []
        for f in fields:
            if f.name == "geom":
                lon, lat = row["geom"]
                out.append(
                    f"SRID=4326;POINT({lon} {lat})"
                    if connection.vendor == "postgresql"
                    else f"POINT({lon} {lat})"
                )
            elif f.name in row:
                out.append(row[f.name])
            else:
                default = f.get_default()
                out.append(default if default is not None or f.null else "")
        return out

    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({', '.join(names)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in rows(count):
                    copy.write_row(values(row))
        else:
            marks = ", ".join("GeomFromText(%s, 4326)" if n == "geom" else "%s" for n in names)
            sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})"
            batch = []
            for row in rows(count):
                batch.append(values(row))
                if len(batch) == 20000:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def ensure_rows(count: int) -> str:
    """The synthetic rows, and the map's grid counts over them: COPY bypasses the
    write path, so the grid is rebuilt in SQL as any bulk load must
    (events.services.mapgrid.rebuild_map_grid), and the time is reported."""
    from events.models import Incident, IncidentStatus, MapGridEntry
    from events.services.mapgrid import rebuild_map_grid

    have = Incident.objects.filter(code__startswith=CODE_PREFIX).count()
    if have == count:
        done = f"reused {have:,} synthetic incidents"
    else:
        if have:
            Incident.objects.filter(code__startswith=CODE_PREFIX).delete()
        with measure() as m:
            insert(count)
        rate = count / m.seconds
        done = f"inserted {count:,} synthetic incidents in {m.seconds:.1f} s ({rate:,.0f} rows/s)"
    published = Incident.objects.filter(status=IncidentStatus.PUBLISHED).count()
    if MapGridEntry.objects.count() != published:
        with measure() as m:
            rebuild_map_grid()
        report("map grid counts rebuilt (bulk load)", f"{m.seconds:.1f} s for {published:,}")
    return done


# ---- server -------------------------------------------------------------------------


def serve() -> str:
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    from conflictmap.warmup import warm_up
    from events.basemap import packaged_path

    server = ThreadedWSGIServer(("127.0.0.1", 0), Quiet, allow_reuse_address=True)
    app = get_wsgi_application()
    kept = packaged_path().exists()
    # As conflictmap.wsgi does before the server takes requests (and gunicorn forks).
    seconds = warm_up()
    report(
        "server start-up work (conflictmap.warmup)",
        f"{seconds:.2f} s; basemap's packaged layers "
        + ("read from var/basemap/" if kept else "built into var/basemap/ (first start)"),
    )
    report(
        "'cold' below means",
        "first visit, public data cache empty (every answer from the database computed "
        "for it); start-up work done and shipped-data artefacts kept, as deployed",
    )
    server.set_app(StaticFilesHandler(app))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


# ---- browser ------------------------------------------------------------------------

HERE = Path(__file__).resolve().parent
INIT = (HERE / "map_probe.js").read_text()

PEER_PAGE = (HERE / "map_peer.html").read_text()


# Conditions are polled through the DevTools protocol (tests.browser.polling):
# Playwright's wait_for_function compiles its predicate in the page, which the
# site's Content-Security-Policy (no 'unsafe-eval') refuses. Polling every 50 ms
# does not blur the figures: they are performance.now() stamps taken in the page.
WAIT_MS = 120_000


def run(page, expr: str, timeout: float = WAIT_MS):
    """Await a promise in the page, within WAIT_MS (evaluate alone would wait
    forever on a page that never finishes)."""
    page.evaluate(
        f"window.__result = undefined; Promise.resolve({expr}).then(v => window.__result = v)"
    )
    wait_for_js(page, "window.__result !== undefined", timeout=timeout)
    return page.evaluate("window.__result")


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def heap(page) -> tuple[float, int]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return metrics.get("JSHeapUsedSize", 0) / 1e6, int(metrics.get("Nodes", 0))


def drive(browser, base: str, *, peer: bool, filters: str = "", timeout: float = 60.0) -> dict:
    """Open the map (or the peer page), tour it, change a filter; figures in seconds."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=base)
    context.add_init_script(INIT)
    pattern = "/api/incident-points" if peer else "/api/incident-clusters"
    z, lat, lon = START_VIEW
    if peer:
        page_html = (
            PEER_PAGE.replace("START_LAT", str(lat))
            .replace("START_LON", str(lon))
            .replace("START_Z", str(z))
            .replace("window.__filters = '';", f"window.__filters = '{filters}';")
        )
        context.route(
            "**/bench-peer/", lambda route: route.fulfill(body=page_html, content_type="text/html")
        )
        url = "/bench-peer/"
    else:
        url = f"/?map={z}/{lat}/{lon}" + (f"&{filters}" if filters else "")
    page = context.new_page()
    page.set_default_timeout(timeout * 1000)
    out: dict = {}
    try:
        for visit in ("cold", "warm"):
            cpu = time.process_time()
            page.goto(url, wait_until="commit")
            wait_for_js(
                page,
                "window.__map !== null && window.__settled !== undefined",
                timeout=timeout * 1000,
            )
            settled = run(page, "window.__settled()", timeout * 1000)
            out[f"usable_{visit}"] = settled / 1000  # performance.now() counts from navigation
            # The server runs in this process (SpatiaLite's queries too): its CPU
            # time, unlike the wall time, does not count waiting for a core.
            out[f"cpu_{visit}"] = time.process_time() - cpu
            if visit == "cold":
                requests = page.evaluate(f"window.__requests(0, '{pattern}')")
                out["view_bytes"] = sum(r["bytes"] for r in requests)
                out["count"] = int(page.locator("#map").get_attribute("data-incident-count") or 0)
        moves, parts, tour_bytes = [], [], 0
        out["slowest"] = []
        for z, lat, lon in TOUR:
            since = page.evaluate("performance.now()")
            seconds = run(page, f"window.__move({z}, {lat}, {lon})", timeout * 1000) / 1000
            done = page.evaluate("performance.now()")
            moves.append(seconds)
            requests = [
                r
                for r in page.evaluate(f"window.__requests({since}, '{pattern}')")
                if r["responseEnd"] > 0
            ]
            out["slowest"].append((seconds, f"z{z} {lat},{lon}", len(requests)))
            drawn = page.evaluate("Number(document.getElementById('map').dataset.drawMs || 0)")
            for r in requests[-1:]:  # the request whose answer the map drew
                tour_bytes += r["bytes"]
                parts.append(
                    {
                        "query": r["timing"].get("query", 0) / 1000,
                        "encode": r["timing"].get("encode", 0) / 1000,
                        "server": (r["responseStart"] - r["requestStart"]) / 1000,
                        "transfer": (r["responseEnd"] - r["responseStart"]) / 1000,
                        "draw": (done - r["responseEnd"]) / 1000,
                        "draw_js": drawn / 1000,  # map.js building the markers
                    }
                )
        out["moves"] = moves
        out["tour_bytes"] = tour_bytes
        out["parts"] = parts
        out["heap_mb"], out["nodes"] = heap(page)
        # Filter change: one event type only.
        since = page.evaluate("performance.now()")
        if peer:
            change = "window.__setFilters('type=battles')"
        else:
            change = (
                "(() => { const box = document.querySelector("
                "'#incident-filters input[name=type][value=battles]'); box.checked = true; "
                "box.dispatchEvent(new Event('change', {bubbles: true})); })()"
            )
        t0 = page.evaluate(f"(() => {{ const t = performance.now(); {change}; return t; }})()")
        t1 = run(page, "window.__settled()", timeout * 1000)
        out["filter"] = (t1 - t0) / 1000
        out["filter_bytes"] = sum(
            r["bytes"] for r in page.evaluate(f"window.__requests({since}, '{pattern}')")
        )
    finally:
        context.close()
    return out


def show(label: str, r: dict, *, judged: bool) -> None:
    p50, p95 = statistics.median(r["moves"]), percentile(r["moves"], 95)

    def verdict(value, target):
        if not judged:
            return ""
        return "  met" if value <= target else "  NOT met"

    report(f"{label}: incidents in the first view", f"{r['count']:,}")
    report(
        f"{label}: navigation to usable map, cold (empty data cache)",
        f"{r['usable_cold'] * 1000:8.0f} ms{verdict(r['usable_cold'], TARGETS['usable'])}",
    )
    report(f"{label}: navigation to usable map, warm", f"{r['usable_warm'] * 1000:8.0f} ms")
    report(
        f"{label}: CPU of this process (server, Playwright client) to usable, cold / warm",
        f"{r['cpu_cold'] * 1000:8.0f} / {r['cpu_warm'] * 1000:.0f} ms",
    )
    report(
        f"{label}: pan/zoom to redrawn, 20 moves, p50 / p95",
        f"{p50 * 1000:8.0f} / {p95 * 1000:.0f} ms{verdict(p95, TARGETS['pan_zoom_p95'])}",
    )
    report(
        f"{label}: filter change to redrawn",
        f"{r['filter'] * 1000:8.0f} ms{verdict(r['filter'], TARGETS['filter'])}",
    )
    report(
        f"{label}: bytes sent, first view / tour of 20 / filter",
        f"{r['view_bytes'] / 1e3:8.1f} kB / {r['tour_bytes'] / 1e3:.1f} kB / "
        f"{r['filter_bytes'] / 1e3:.1f} kB",
    )
    report(
        f"{label}: page JS heap, DOM nodes (after the tour)",
        f"{r['heap_mb']:8.1f} MB, {r['nodes']:,} nodes",
    )
    slowest = sorted(r["slowest"], reverse=True)[:3]
    report(
        f"{label}: slowest moves",
        "; ".join(f"{where} {sec * 1000:.0f} ms ({n} req)" for sec, where, n in slowest),
    )
    if r["parts"]:
        mean = {k: statistics.mean(p[k] for p in r["parts"]) for k in r["parts"][0]}
        report(
            f"{label}: per data request, mean of {len(r['parts'])}",
            f"query {mean['query'] * 1000:.0f} ms, encode {mean['encode'] * 1000:.0f} ms, "
            f"server total {mean['server'] * 1000:.0f} ms, "
            f"transfer {mean['transfer'] * 1000:.0f} ms, "
            f"draw {mean['draw'] * 1000:.0f} ms"
            + (
                f" (of which map.js building markers {mean['draw_js'] * 1000:.0f} ms; the "
                "rest is parsing, Leaflet re-projecting the base map and zones, two frames)"
                if mean["draw_js"]
                else ""
            ),
        )  # fmt: skip


SCREENS = [
    ("syria", "/?map=7/35.0/38.6"),
    ("deir-ez-zor-z13", "/?map=13/35.3350/40.1450"),
    ("deir-ez-zor-stack-z16", "/?map=16/35.3300/40.1400"),
    ("timeline-september-2017", "/?map=8/35.0/39.5&from=2017-09-01&to=2017-09-30&date=2017-09-15"),
]


def screenshots(browser, base: str, folder: Path) -> None:
    """The acceptance set: all of Syria, Deir ez-Zor close up, a stack opened,
    the timeline brushed to September 2017 (BENCH_SCREENSHOTS=<folder>)."""
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=base)
    context.add_init_script(INIT)
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        for name, url in SCREENS:
            page.goto(url)
            run(page, "window.__settled()")
            wait_for_js(
                page,
                "document.getElementById('timeline').dataset.loading === '' && "
                "document.getElementById('map').dataset.basemapDrawn === '1'",
                timeout=WAIT_MS,
            )
            stack = page.locator(".incident-stack")
            if "stack" in name and stack.count():
                stack.first.focus()
                page.keyboard.press("Enter")
                page.locator(".stack-popup").wait_for()
            page.wait_for_timeout(500)
            page.screenshot(path=folder / f"map-scale-{name}.png")
            report(f"screenshot {name}", str(folder / f"map-scale-{name}.png"))
    finally:
        context.close()


def peer_filter(count: int) -> str:
    """A date range (from START, to the end of a month, as the timeline's brush
    picks) holding about ``count`` of the synthetic rows."""
    import calendar

    from events.models import Incident

    qs = Incident.objects.filter(code__startswith=CODE_PREFIX).order_by("date_start")
    day = qs.values_list("date_start", flat=True)[count - 1 : count].first()
    if day is None:
        return ""
    day = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return f"to={day.isoformat()}"


def main() -> None:
    # Playwright's sync API keeps an event loop on this thread; the ORM calls
    # made between page steps are ordinary blocking calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    kind = setup_django("mapscale")
    from django.conf import settings
    from django.core.management import call_command
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from events.models import Actor

    print(
        f"backend: {kind}, {COUNT:,} published synthetic incidents "
        f"(target size here: {TARGET_SIZE[kind]:,})"
    )
    if not Actor.objects.exists():
        call_command("load_demo", verbosity=0)
    report("data", ensure_rows(COUNT))
    settings.SHOW_SYNTHETIC_INCIDENTS = True
    base = serve()
    judged = COUNT == TARGET_SIZE[kind]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--enable-precise-memory-info"],
        )
        try:
            if os.environ.get("BENCH_SCREENSHOTS"):
                screenshots(browser, base, Path(os.environ["BENCH_SCREENSHOTS"]))
                if os.environ.get("BENCH_SCREENSHOTS_ONLY"):
                    return
            with measure() as m:
                ours = drive(browser, base, peer=False)
            show("server clusters", ours, judged=judged)
            report("server clusters: whole run", f"{m.seconds:.1f} s")
            if not judged:
                report("targets", f"judged only at {TARGET_SIZE[kind]:,} on {kind}")
            top = min(COUNT, PEER_MAX or COUNT)
            for size in [top, *[s for s in PEER_SIZES if s < top]]:
                filters = "" if size == COUNT else peer_filter(size)
                try:
                    started = time.perf_counter()
                    theirs = drive(browser, base, peer=True, filters=filters, timeout=PEER_TIMEOUT)
                except (PlaywrightError, TimeoutError) as exc:
                    report(
                        f"PEER markercluster at {size:,}",
                        f"did not finish within {PEER_TIMEOUT:.0f} s per step "
                        f"({type(exc).__name__} after {time.perf_counter() - started:.0f} s)",
                    )
                    continue
                label = f"PEER markercluster at {size:,}" + (f" ({filters})" if filters else "")
                show(label, theirs, judged=False)
                if filters:
                    mine = drive(browser, base, peer=False, filters=filters)
                    show(f"server clusters, same rows ({filters})", mine, judged=False)
                else:
                    mine = ours
                report(
                    "ratio peer/ours: usable (cold)",
                    f"{theirs['usable_cold'] / mine['usable_cold']:.1f}x",
                )
                report(
                    "ratio peer/ours: pan/zoom p95",
                    f"{percentile(theirs['moves'], 95) / percentile(mine['moves'], 95):.1f}x",
                )
                report(
                    "ratio peer/ours: bytes of the first view",
                    f"{theirs['view_bytes'] / max(1, mine['view_bytes']):.1f}x",
                )
                report("ratio peer/ours: JS heap", f"{theirs['heap_mb'] / mine['heap_mb']:.1f}x")
                break
        finally:
            browser.close()


if __name__ == "__main__":
    main()
