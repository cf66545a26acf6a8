"""Concurrent use of a real server (issue 12, finding 11): API writers and public
readers at the same time against `manage.py runserver` (threaded, as `make run`
serves) lose no write and get no 5xx. On the embedded default, SpatiaLite, this
needs WAL and write transactions that take the write lock when they begin;
without them writes failed with 500 "database is locked".

The server runs in its own process on a copy of this session's test database (a
file, so that its request threads open their own connections as in production).
Speed figures for the same load are in `make bench` (bench_concurrency.py)."""

import json
import os
import subprocess
import sys

import pytest

from benchmarks.concurrent_load import ROOT, Server, run_load, stored_state

WRITERS, READERS, SECONDS = 3, 8, 4


def _copy_sqlite(connection, folder) -> str:
    target = folder / "server.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(target)])
    return f"spatialite:///{target}"


def _copy_postgis(connection) -> tuple[str, callable]:
    from urllib.parse import quote

    import psycopg
    from django.db import connections

    params = connection.settings_dict
    name = params["NAME"]
    copy = f"{name}_load_{os.getpid()}"
    login = {
        "host": params["HOST"] or "127.0.0.1",
        "port": params["PORT"] or 5432,
        "user": params["USER"] or "postgres",
        "password": params["PASSWORD"] or None,
    }
    connections.close_all()  # a template database must have no other session
    with psycopg.connect(dbname="postgres", autocommit=True, **login) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        # Earlier live-server tests may leave an idle connection of a server thread.
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')

    def drop():
        with psycopg.connect(dbname="postgres", autocommit=True, **login) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')

    secret = f":{quote(login['password'], safe='')}" if login["password"] else ""
    user = quote(login["user"], safe="")
    return f"postgis://{user}{secret}@{login['host']}:{login['port']}/{copy}", drop


@pytest.fixture
def server_database(django_db_setup, django_db_blocker, tmp_path):
    """A DATABASE_URL for a copy of the session's test database (migrated), with
    what the load needs prepared in it by a separate process."""
    from django.db import connection

    drop = None
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            url = _copy_sqlite(connection, tmp_path)
        else:
            url, drop = _copy_postgis(connection)
    try:
        prepared = subprocess.run(
            [sys.executable, "benchmarks/concurrent_load.py", "prepare", str(WRITERS)],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            check=False,
        )
        assert prepared.returncode == 0, prepared.stderr[-2000:]
        yield url, json.loads(prepared.stdout.splitlines()[-1])
    finally:
        if drop:
            drop()


# Transactional: the session's database must be committed and outside a transaction
# to be copied.
@pytest.mark.django_db(transaction=True)
def test_writers_and_readers_at_once_lose_nothing_and_get_no_server_error(server_database):
    url, plan = server_database
    server = Server(url)
    try:
        with server:
            result = run_load(
                server.url,
                plan,
                writers=WRITERS,
                readers=READERS,
                seconds=SECONDS,
                min_writes_each=2,  # a title change and a new source, even on a slow machine
            )
            state = stored_state(server.url, plan)
        log = server.log_tail()
    finally:
        server.close()
    failures = "\n".join(map(str, result.failures)) + "\n--- server log ---\n" + log
    assert result.writes_failed == 0, f"{result.summary()}\n{failures}"
    assert result.server_errors == 0 and result.reads_failed == 0, f"{result.summary()}\n{failures}"
    # Every writer got through, twice or more, and every write is stored.
    assert result.writes_ok >= 2 * WRITERS, result.summary()
    for code, (title, sources) in state.items():
        assert title == result.last_title[code]
        assert sources == result.sources_posted[code]
