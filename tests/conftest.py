"""Shared fixtures. The demo data (actors, gazetteer, control zones and the seed
incident) is loaded once per test session; tests in transactions roll back over it."""

import os

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    # The Arabic catalogues are committed as .po; build the .mo files if stale.
    from conflictmap.messages import compile_messages

    compile_messages()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request in Arabic leaves Arabic
    active in the thread (LocaleMiddleware activates it; nothing deactivates)."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def seed_incident(db):
    from events.models import Incident

    return Incident.objects.get(code="2017-10-23-deir-ez-zor-al-qusur-air-strikes")


@pytest.fixture
def job_queue(settings, tmp_path):
    """Background jobs go to a Redis queue of this test's own
    (benchmarks/job_workers.py), removed after the test."""
    import redis

    from benchmarks.job_workers import TEST_REDIS_URL, drop_queue, new_queue_name

    try:
        redis.Redis.from_url(TEST_REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.fail(f"no Redis at {TEST_REDIS_URL} (make test starts one)")
    queue = new_queue_name()
    settings.JOBS_REDIS_URL, settings.JOBS_QUEUE = TEST_REDIS_URL, queue
    settings.JOBS_DIR = tmp_path / "jobs"
    yield queue
    drop_queue(TEST_REDIS_URL, queue)


@pytest.fixture
def job_broker(settings, job_queue):
    """A function that starts a ``manage.py run_worker`` process on the test's
    queue (stopped after the test). Needs a database another process can open
    (skipped on in-memory SpatiaLite) and committed data (a transactional test)."""
    from django.db import connection

    from benchmarks.job_workers import TEST_REDIS_URL, WorkerProcess, database_url

    url = database_url(connection)
    if url is None:
        pytest.skip("a worker process cannot open an in-memory test database (TEST_SQLITE_FILE)")
    workers = []

    def start_worker():
        process = WorkerProcess(
            database_url=url, redis_url=TEST_REDIS_URL, queue=job_queue, jobs_dir=settings.JOBS_DIR
        )
        workers.append(process)
        return process.start()

    yield start_worker
    for process in workers:
        process.stop()


@pytest.fixture
def backend_name(settings):
    engine = settings.DATABASES["default"]["ENGINE"]
    return "postgis" if "postgis" in engine else "spatialite"


# Property-based tests (hypothesis): a modest number of examples so the suite stays
# fast, no example database on disk, and the function-scoped fixtures (db, client)
# shared by the examples of one test, which is what those tests intend.
# `pytest tests/test_properties.py --hypothesis-profile=thorough` explores further.
for name, examples in (("conflictmap", 30), ("thorough", 1000)):
    hypothesis_settings.register_profile(
        name,
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
hypothesis_settings.load_profile("conflictmap")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the previous test's data was rolled
    back, not changed through the write path that moves the cache generation."""
    from django.core.cache import cache

    cache.clear()
