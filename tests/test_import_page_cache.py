"""On SQLite an import runs with a page cache of IMPORT_CACHE_MB (so the pages its
rows touch stay in memory as the tables grow) and leaves the connection's cache as
it was, after a good file and after a rejected one. PostgreSQL is left alone."""

import pytest
from django.db import connection

from events.imports import ImportRejected, import_incidents
from events.imports.page_cache import IMPORT_CACHE_MB
from tests.test_import_incidents import GOOD, write


def cache_size():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_an_import_runs_with_the_larger_cache_and_puts_the_setting_back(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's page cache")
    before = cache_size()
    during = []
    import_incidents(
        path=write(tmp_path, GOOD),
        synthetic=True,
        progress=lambda *_: during.append(cache_size()),
    )
    assert during and set(during) == {-IMPORT_CACHE_MB * 1024}
    assert cache_size() == before
    bad = [{**GOOD[0], "event_date": "2017-13-45"}]
    with pytest.raises(ImportRejected):
        import_incidents(path=write(tmp_path, bad, "bad.csv"), synthetic=True)
    assert cache_size() == before


@pytest.mark.django_db
def test_a_connection_already_holding_a_larger_cache_keeps_it(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's page cache")
    larger = -2 * IMPORT_CACHE_MB * 1024
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA cache_size = {larger}")
    during = []
    import_incidents(
        path=write(tmp_path, GOOD),
        synthetic=True,
        progress=lambda *_: during.append(cache_size()),
    )
    assert set(during) == {larger}
    assert cache_size() == larger
