"""Writers and readers against a real server process, shared by the concurrency
load test in ``make bench`` (benchmarks/bench_concurrency.py) and its correctness
test (tests/test_concurrency.py).

- ``prepare()`` (Django set up on the target database) creates what the load needs:
  a staff account with one logged-in session per writer, one draft per writer to
  write to, and published synthetic incidents for the readers.
- ``Server`` runs ``manage.py runserver`` (threaded, as ``make run`` serves) on a
  free port against a given ``DATABASE_URL``, with benchmarks.server_settings (the
  test settings plus the switch that shows synthetic incidents, as bench_map uses).
- ``run_load()`` runs writer and reader threads for some seconds. Each writer
  alternates an API PATCH of its draft's title and an API POST of a new source to
  it, authenticated by session cookie and CSRF token as a browser client is; each
  reader cycles through what the public asks for (map points, the table, an
  incident page, the /api/v1 list). Every request counts; a write fails on any
  status but 200/201 or on a transport error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER_SETTINGS = "benchmarks.server_settings"
USERNAME = "load-writer"


# --- the data the load needs ------------------------------------------------------


def prepare(*, writers: int, published: int = 200) -> dict:
    """Create the load's account, sessions, drafts and published incidents in the
    database Django is set up on; return the plan ``run_load`` takes."""
    import random

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.gis.geos import Point
    from django.test import Client

    from events import services
    from events.models import CasualtyClaim, Incident, IncidentStatus, Place, Source

    user = get_user_model().objects.create_superuser(USERNAME, password=None)
    sessions = []
    for _ in range(writers):
        client = Client()
        client.force_login(user)
        sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    place = Place.objects.create(
        slug="load-test-place",
        name="Synthetic load-test place",
        kind="town",
        geom=Point(40.14, 35.33, srid=4326),
    )
    base = {
        "place": place,
        "event_type": "explosions_remote_violence",
        "sub_event_type": "shelling_artillery_missile",
        "date_start": dt.date(2017, 10, 20),
        "geom": Point(40.14, 35.33, srid=4326),
        "synthetic": True,
    }
    drafts = [
        services.create_incident(
            data={**base, "code": f"load-draft-{n}", "title": f"Load test draft {n}"}, user=user
        ).code
        for n in range(writers)
    ]
    rng = random.Random(11)
    incidents = Incident.objects.bulk_create(
        Incident(
            **{**base, "geom": Point(rng.uniform(39.8, 41.0), rng.uniform(34.4, 35.7), srid=4326)},
            code=f"load-published-{n:04d}",
            title=f"Synthetic load-test incident {n}",
            date_end=base["date_start"],
            status=IncidentStatus.PUBLISHED,
            published_at=dt.datetime(2017, 10, 21, tzinfo=dt.UTC),
        )
        for n in range(published)
    )
    sources = Source.objects.bulk_create(
        Source(incident=incident, name="Synthetic monitor", kind="monitor")
        for incident in incidents
    )
    CasualtyClaim.objects.bulk_create(
        CasualtyClaim(incident=s.incident, source=s, outcome="killed", min_value=n % 9)
        for n, s in enumerate(sources)
    )
    services.refresh_incident_features(
        incidents=Incident.objects.filter(code__startswith="load-published-")
    )
    return {
        "sessions": sessions,
        "drafts": drafts,
        "reads": [
            "/api/incident-points.geojson?bbox=34.5,31.5,43.5,38.0",
            "/incidents/",
            f"/incidents/{incidents[0].code}/",
            "/api/v1/incidents/?page_size=20",
        ],
    }


# --- the server -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``manage.py runserver`` (threaded, no autoreload) in its own process on a
    free port, against ``database_url``; its log is kept for failures. Another
    server: ``command`` (``{port}`` is replaced), ``env`` added to the
    environment (HOST and PORT are set), answering on ``probe`` when up."""

    def __init__(self, database_url: str, *, command=None, env=None, probe: str = "/api/v1/"):
        self.database_url = database_url
        self.command = command or [
            sys.executable,
            "manage.py",
            "runserver",
            "--noreload",
            "127.0.0.1:{port}",
        ]
        self.env, self.probe = env or {}, probe
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="conflictmap-load-server-", suffix=".log")

    def __enter__(self):
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
            "PYTHONPATH": str(ROOT),
            **self.env,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
        }
        self.process = subprocess.Popen(
            [part.replace("{port}", str(self.port)) for part in self.command],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + self.probe, timeout=5):
                    return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"server did not answer within 60 s:\n{self.log_tail()}")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_tail(self, lines: int = 40) -> str:
        self.log.flush()
        text = Path(self.log.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def close(self):
        self.log.close()


# --- the load ---------------------------------------------------------------------


@dataclass
class LoadResult:
    seconds: float = 0.0
    write_latencies: list = field(default_factory=list)
    read_latencies: list = field(default_factory=list)
    writes_ok: int = 0
    writes_failed: int = 0
    reads_ok: int = 0
    reads_failed: int = 0
    server_errors: int = 0
    sources_posted: dict = field(default_factory=dict)  # draft code -> sources created
    last_title: dict = field(default_factory=dict)  # draft code -> last title saved
    failures: list = field(default_factory=list)  # (method, path, status, text), first few

    @property
    def requests(self) -> int:
        return self.writes_ok + self.writes_failed + self.reads_ok + self.reads_failed

    def summary(self) -> str:
        return (
            f"{self.requests} requests in {self.seconds:.1f} s; writes {self.writes_ok} ok, "
            f"{self.writes_failed} failed; reads {self.reads_ok} ok, {self.reads_failed} "
            f"failed; {self.server_errors} 5xx"
        )


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def _request(url, *, method="GET", body=None, session=None, csrf=None, timeout=60):
    """(status, text) of one request; status 0 on a transport error."""
    headers = {"Accept": "application/json, text/html"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if session:
        headers["Cookie"] = f"sessionid={session}; csrftoken={csrf}"
        headers["X-CSRFToken"] = csrf
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
        return 0, f"{type(exc).__name__}: {exc}"


def run_load(
    base_url: str,
    plan: dict,
    *,
    writers: int,
    readers: int,
    seconds: float,
    min_writes_each: int = 0,
) -> LoadResult:
    """Run the load for ``seconds``, and on until every writer has made at least
    ``min_writes_each`` writes (answered, whatever the answer; at most 120 s more),
    readers reading all the while."""
    result = LoadResult()
    lock = threading.Lock()
    start = threading.Barrier(writers + readers + 1)
    stop_at = [0.0]
    writes_made = [0] * writers

    def running() -> bool:
        now = time.monotonic()
        if now >= stop_at[0] + 120:
            return False
        return now < stop_at[0] or min(writes_made) < min_writes_each

    def record(method, path, status, text, latency, *, write: bool) -> bool:
        ok = status in (200, 201)
        with lock:
            (result.write_latencies if write else result.read_latencies).append(latency)
            if write:
                result.writes_ok += ok
                result.writes_failed += not ok
            else:
                result.reads_ok += ok
                result.reads_failed += not ok
            result.server_errors += status >= 500
            if not ok and len(result.failures) < 10:
                result.failures.append((method, path, status, text[-300:]))
        return ok

    def writer(n: int):
        session, code = plan["sessions"][n], plan["drafts"][n]
        csrf = secrets.token_hex(16)  # any 32-character secret, as cookie and header
        posted, step = 0, 0
        start.wait()
        while running():
            if step % 2 == 0:
                method, path = "PATCH", f"/api/v1/incidents/{code}/"
                title = f"Load test draft {n}, write {step}"
                body = {"properties": {"title": title}}
            else:
                method, path = "POST", f"/api/v1/incidents/{code}/sources/"
                body = {"name": f"Load test source {n}-{step}", "kind": "monitor"}
            began = time.perf_counter()
            status, text = _request(
                base_url + path, method=method, body=body, session=session, csrf=csrf
            )
            if record(method, path, status, text, time.perf_counter() - began, write=True):
                if method == "POST":
                    posted += 1
                else:
                    with lock:
                        result.last_title[code] = title
            step += 1
            writes_made[n] = step
        with lock:
            result.sources_posted[code] = posted

    def reader(n: int):
        paths = plan["reads"]
        step = n
        start.wait()
        while running():
            path = paths[step % len(paths)]
            began = time.perf_counter()
            status, text = _request(base_url + path)
            record("GET", path, status, text, time.perf_counter() - began, write=False)
            step += 1

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    threads += [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    stop_at[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - began
    return result


def stored_state(base_url: str, plan: dict) -> dict:
    """What the server now holds for each draft: (title, number of sources), read
    through the API with the writers' session."""
    state = {}
    for session, code in zip(plan["sessions"], plan["drafts"], strict=True):
        csrf = secrets.token_hex(16)
        status, text = _request(f"{base_url}/api/v1/incidents/{code}/", session=session, csrf=csrf)
        assert status == 200, (status, text[:300])
        feature = json.loads(text)
        state[code] = (feature["properties"]["title"], len(feature["properties"]["sources"]))
    return state


if __name__ == "__main__":
    # ``python benchmarks/concurrent_load.py prepare WRITERS``: prepare the database
    # named by DATABASE_URL (already migrated) and print the plan as JSON.
    if sys.argv[1:2] != ["prepare"]:
        sys.exit("usage: concurrent_load.py prepare WRITERS")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SERVER_SETTINGS)
    import django
    import pyogrio  # noqa: F401  (load before mod_spatialite, see settings)

    django.setup()
    print(json.dumps(prepare(writers=int(sys.argv[2]))))
