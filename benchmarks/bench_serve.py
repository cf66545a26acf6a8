"""Load test of the production profile (``make serve``: gunicorn workers,
conflictmap.settings.prod, the Redis cache, whitenoise, JSON logs) against
``manage.py runserver`` (threaded, as ``make run`` serves; dev settings with
DEBUG off) as the peer, in the same run, on the same PostGIS database, with wrk
on loopback.

Data: the packaged real datasets (``load_demo`` and ``load_datasets``: the UCDP
GED Syria 2016-2019 events, 16,566 real incidents) in a kept database
(``BENCH_SERVE_DB``, default ``conflictmap_bench_serve``; loaded once, skipped by
checksum afterwards). Traffic, each scenario for BENCH_SERVE_SECONDS (15) at
BENCH_SERVE_USERS (50) connections:

- map: ``/api/incident-clusters.json`` for 36 views (6 towns x zooms 7-12) as
  the map asks for them, plus ``/api/incident-points.geojson`` for the close views;
- popups: ``/<lang>/incidents/<code>/popup/`` of 200 real incidents (half in
  English, half in Arabic);
- incident page: ``/<lang>/incidents/<code>/`` of the same;
- export: ``/api/incidents.geojson`` for one month, and for one month in a box;
- geocoder: ``/api/geocode?q=`` for 60 gazetteer names (Latin and Arabic);
- mixed: the readers' traffic on USERS - EDITORS connections while EDITORS (5)
  connections PATCH the titles of drafts through the API with a token (a draft is
  not public: these writes leave the public cache's generation where it is,
  events.services.derived).

Reads ask for gzip, as browsers do. Beside each scenario: the server's CPU
seconds per 1000 requests (its processes' user and system time, from /proc), a
figure that other work on the machine inflates less than latencies.

Each server starts with its cache warmed by one pass over the map views and the
popups (a popup not in the cache costs ten times the CPU: every write to a
published incident makes them so). Target
(issue 16): 0 errors, and p95 under 200 ms for map points and popups at 50
users, for the production profile. Needs wrk (scripts/install-system-deps.sh).

    BENCH_BACKEND=postgis .venv/bin/python benchmarks/bench_serve.py
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.concurrent_load import Server
from benchmarks.harness import ROOT, backend, report, setup_django, target

SECONDS = int(os.environ.get("BENCH_SERVE_SECONDS", "15"))
USERS = int(os.environ.get("BENCH_SERVE_USERS", "50"))
EDITORS = int(os.environ.get("BENCH_SERVE_EDITORS", "5"))
DATABASE = os.environ.get("BENCH_SERVE_DB", "conflictmap_bench_serve")
REDIS_URL = os.environ.get("BENCH_SERVE_REDIS_URL", "redis://127.0.0.1:6379/9")
TARGET_P95_MS = 200
TOWNS = {
    "deir-ez-zor": (40.14, 35.33),
    "aleppo": (37.16, 36.20),
    "idlib": (36.63, 35.93),
    "raqqa": (39.01, 35.95),
    "damascus": (36.29, 33.51),
    "homs": (36.72, 34.73),
}
SCREEN = (1280, 800)  # pixels
LANGS = ("en", "ar")

# wrk's Lua: cycle through the paths from a random start per connection thread;
# at the end, print the figures as one JSON line.
LUA = """
local paths = {%(paths)s}
local method, body = "%(method)s", %(body)s
local headers = {%(headers)s}
local i = 0
local threads = 0
setup = function(thread) threads = threads + 1; thread:set("first", threads * 7919) end
init = function(args) i = first end
request = function()
  i = i + 1
  local b = nil
  if body then b = string.format(body, i) end
  return wrk.format(method, paths[(i %% #paths) + 1], headers, b)
end
done = function(s, latency, requests)
  io.write(string.format('WRK_RESULT {"requests": %%d, "duration_us": %%d, "p50": %%d, ' ..
    '"p95": %%d, "p99": %%d, "connect": %%d, "read": %%d, "write": %%d, "status": %%d, ' ..
    '"timeout": %%d}\\n', s.requests, s.duration, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), s.errors.connect, s.errors.read,
    s.errors.write, s.errors.status, s.errors.timeout))
end
"""


def view_bbox(lon: float, lat: float, z: int) -> str:
    per_pixel = 360 / (256 * 2**z)
    half_w, half_h = SCREEN[0] * per_pixel / 2, SCREEN[1] * per_pixel / 2
    return f"{lon - half_w:.4f},{lat - half_h:.4f},{lon + half_w:.4f},{lat + half_h:.4f}"


def prepare() -> dict:
    """Load the real data once, make the editors' account and incidents, and pick
    the paths each scenario requests."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from events import selectors, services
    from events.models import Incident, Place

    out = io.StringIO()
    call_command("load_demo", verbosity=0, stdout=out)
    call_command("load_datasets", verbosity=0, stdout=out)
    rng = random.Random(16)
    codes = list(
        selectors.published_incidents().filter(geom__isnull=False).values_list("code", flat=True)
    )
    picked = rng.sample(codes, min(200, len(codes)))
    views = [(lon, lat, z) for lon, lat in TOWNS.values() for z in range(7, 13)]
    map_paths = [f"/api/incident-clusters.json?z={z}&bbox={view_bbox(*v, z)}" for *v, z in views]
    map_paths += [
        f"/api/incident-points.geojson?bbox={view_bbox(*v, z)}" for *v, z in views if z >= 11
    ]
    names = list(
        Place.objects.filter(kind__in=["town", "village", "city"])
        .exclude(name_ar="")
        .values_list("name", "name_ar")[:2000]
    )
    geocode = []
    for name, name_ar in rng.sample(names, min(30, len(names))):
        geocode += [f"/api/geocode?q={quote(name)}", f"/api/geocode?q={quote(name_ar)}"]
    deir = view_bbox(*TOWNS["deir-ez-zor"], 9)
    exports = [
        "/api/incidents.geojson?from=2017-10-01&to=2017-10-31",
        "/api/incidents.geojson?from=2016-03-01&to=2016-03-31",
        f"/api/incidents.geojson?from=2017-01-01&to=2017-12-31&bbox={deir}",
    ]
    user, _ = get_user_model().objects.get_or_create(
        username="bench-serve-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    token, _ = Token.objects.get_or_create(user=user)
    drafts = []
    for n in range(EDITORS):
        code = f"bench-serve-draft-{n}"
        if not Incident.objects.filter(code=code).exists():
            services.create_incident(
                data={
                    "code": code,
                    "title": f"Bench edit target {n}",
                    "event_type": "explosions_remote_violence",
                    "sub_event_type": "shelling_artillery_missile",
                    "date_start": dt.date(2017, 10, 20),
                    "synthetic": True,
                },
                user=user,
            )
        drafts.append(code)
    return {
        "incidents": len(codes),
        "map": map_paths,
        # In the page's language, as the map asks for them (a path without it is a
        # redirect), half in English and half in Arabic.
        "popups": [f"/{LANGS[n % 2]}/incidents/{code}/popup/" for n, code in enumerate(picked)],
        "incident page": [f"/{LANGS[n % 2]}/incidents/{code}/" for n, code in enumerate(picked)],
        "export": exports,
        "geocoder": geocode,
        "drafts": drafts,
        "token": token.key,
    }


def quote(text: str) -> str:
    from urllib.parse import quote as url_quote

    return url_quote(text, safe="")


def lua_list(items) -> str:
    return ", ".join(json.dumps(item) for item in items)


def wrk(url: str, paths, *, connections: int, seconds: int, write: dict | None = None):
    """Run wrk; return its figures (latencies in ms)."""
    if write:
        method, body = "PATCH", json.dumps('{"properties": {"title": "Bench edit %d"}}')
        headers = (
            f'["Content-Type"] = "application/json", ["Authorization"] = "Token {write["token"]}"'
        )
    else:  # a browser's reads: it accepts gzip
        method, body, headers = "GET", "nil", '["Accept-Encoding"] = "gzip, deflate, br"'
    script = LUA % {"paths": lua_list(paths), "method": method, "body": body, "headers": headers}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        threads = max(1, min(2, connections))
        run = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "30s",
                "-s",
                handle.name,
                url,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
    finally:
        os.unlink(handle.name)
    line = next((ln for ln in run.stdout.splitlines() if ln.startswith("WRK_RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result:\n{run.stdout}\n{run.stderr}")
    data = json.loads(line.removeprefix("WRK_RESULT "))
    data["errors"] = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    for key in ("p50", "p95", "p99"):
        data[key] /= 1000
    return data


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process ``pid`` and all its live descendants
    (gunicorn's master and workers; runserver is one process), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        total += times.get(current, 0.0)
        todo += children.get(current, [])
    return total


def measured(server: Server, paths, **kwargs) -> dict:
    """wrk's figures plus the server's CPU seconds per 1000 requests."""
    before = cpu_seconds(server.process.pid)
    result = wrk(server.url, paths, **kwargs)
    used = cpu_seconds(server.process.pid) - before
    result["cpu_per_1000"] = 1000 * used / result["requests"] if result["requests"] else 0.0
    return result


def logged_errors(server: Server) -> int:
    """Errors the server logged: JSON lines at level ERROR, and tracebacks."""
    server.log.flush()
    text = Path(server.log.name).read_text(errors="replace")
    return text.count('"level": "ERROR"') + text.count("Traceback (most recent call last)")


def servers(database_url: str, var_dir: Path) -> list[tuple[str, Server]]:
    python = str(ROOT / ".venv" / "bin" / "python")
    common = {"DATABASE_URL": database_url, "CONFLICTMAP_VAR_DIR": str(var_dir)}
    redis_ok = subprocess.run(["redis-cli", "-u", REDIS_URL, "ping"], capture_output=True)
    prod_env = {
        **common,
        "DJANGO_SETTINGS_MODULE": "conflictmap.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": REDIS_URL if redis_ok.returncode == 0 else "",
        "DATABASE_REPLICA_URL": "",
    }
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, **prod_env},
        check=True,
    )
    gunicorn = [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "conflictmap/gunicorn_conf.py"]
    gunicorn.append("conflictmap.wsgi")
    runserver = [python, "manage.py", "runserver", "--noreload", "127.0.0.1:{port}"]
    dev_env = {
        **common,
        "DJANGO_SETTINGS_MODULE": "conflictmap.settings.dev",
        "DEBUG": "0",
        "DATABASE_REPLICA_URL": "",
    }
    probe = "/healthz"
    prod = Server(database_url, command=gunicorn, env=prod_env, probe=probe)
    peer = Server(database_url, command=runserver, env=dev_env, probe=probe)
    return [("make serve (gunicorn)", prod), ("runserver (peer)", peer)]


def warm(url: str, paths) -> None:
    for path in paths:
        with urllib.request.urlopen(url + path, timeout=120) as response:
            response.read()


def line(result: dict) -> str:
    return (
        f"{result['rps']:7.1f} req/s  p50 {result['p50']:6.0f} ms  p95 {result['p95']:6.0f} ms  "
        f"p99 {result['p99']:6.0f} ms  errors {result['errors']}"
        + (
            f"  server CPU {result['cpu_per_1000']:5.2f} s/1000 req"
            if "cpu_per_1000" in result
            else ""
        )
    )


def main() -> int:
    if backend() != "postgis":
        report("bench_serve", "not measured on spatialite (the production profile is PostGIS)")
        return 0
    if not shutil.which("wrk"):
        print("wrk is not installed: run scripts/install-system-deps.sh")
        return 1
    os.environ["BENCH_KEEP_DB"] = DATABASE
    setup_django("serve")
    from django.db import connections

    plan = prepare()
    connections.close_all()
    database_url = os.environ["DATABASE_URL"]
    reads = ("map", "popups", "incident page", "export", "geocoder")
    mixed = [path for kind in reads for path in plan[kind]]
    workers = os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) + 1))
    threads = os.environ.get("GUNICORN_THREADS", "4")  # conflictmap/gunicorn_conf.py
    print(
        f"backend: postgis; {plan['incidents']:,} published real incidents; {USERS} connections, "
        f"{SECONDS} s per scenario; gunicorn {workers} workers x {threads} threads; wrk; "
        f"{os.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.1f} before the run"
    )
    results: dict[str, dict[str, dict]] = {}
    with tempfile.TemporaryDirectory(prefix="conflictmap-bench-serve-") as var_dir:
        for label, server in servers(database_url, Path(var_dir)):
            with server:
                warm(server.url, [*plan["map"], *plan["popups"]])
                mine = results[label] = {}
                for kind in ("map", "popups"):  # service time, without queueing
                    alone = measured(server, plan[kind], connections=1, seconds=5)
                    report(f"{label}: {kind}, 1 user", line(alone))
                for kind in reads:
                    mine[kind] = measured(server, plan[kind], connections=USERS, seconds=SECONDS)
                    report(f"{label}: {kind}", line(mine[kind]))
                editors_command = [sys.executable, __file__, "--editors", server.url, plan["token"]]
                before = cpu_seconds(server.process.pid)
                editors = subprocess.Popen(
                    [*editors_command, *plan["drafts"]],
                    stdout=subprocess.PIPE,
                    text=True,
                )
                mine["mixed: readers"] = wrk(
                    server.url, mixed, connections=USERS - EDITORS, seconds=SECONDS
                )
                mine["mixed: editors"] = json.loads(editors.communicate()[0])
                # CPU of the mixed run per request, readers' and editors' together.
                used = cpu_seconds(server.process.pid) - before
                both = mine["mixed: readers"]["requests"] + mine["mixed: editors"]["requests"]
                mine["mixed: readers"]["cpu_per_1000"] = 1000 * used / both if both else 0.0
                for kind in ("mixed: readers", "mixed: editors"):
                    report(f"{label}: {kind}", line(mine[kind]))
                errors = logged_errors(server)
                report(f"{label}: errors in the server log", str(errors))
    report("load average after the run (other work on the machine)", f"{os.getloadavg()[0]:.1f}")
    prod, peer = results["make serve (gunicorn)"], results["runserver (peer)"]
    for kind in (*reads, "mixed: readers", "mixed: editors"):
        ratio = prod[kind]["rps"] / peer[kind]["rps"] if peer[kind]["rps"] else float("inf")
        report(f"throughput make serve / runserver: {kind}", f"x{ratio:.1f}")
    for kind in ("map", "popups"):
        met = prod[kind]["errors"] == 0 and prod[kind]["p95"] < TARGET_P95_MS
        target(
            f"target: {kind} p95 < {TARGET_P95_MS} ms, 0 errors, {USERS} users",
            met,
            on_backend="postgis",
        )
    all_clean = all(r["errors"] == 0 for r in prod.values())
    target("target: 0 errors in every make serve scenario", all_clean, on_backend="postgis")
    return 0


def editors_main(url: str, token: str, drafts: list[str]) -> None:
    """The mixed run's editors (a child process, so they run beside the readers)."""
    paths = [f"/api/v1/incidents/{code}/" for code in drafts]
    print(json.dumps(wrk(url, paths, connections=EDITORS, seconds=SECONDS, write={"token": token})))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--editors":
        editors_main(sys.argv[2], sys.argv[3], sys.argv[4:])
        sys.exit(0)
    sys.exit(main())
