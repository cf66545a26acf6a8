"""An import makes Python's full garbage collections rare while it runs and leaves
the collector's settings as they were, after a good file, a rejected one, and
imports running at once in two threads."""

import gc
import threading

import pytest

from events.imports import ImportRejected, import_incidents
from events.imports.collector import FULL_AFTER, rare_full_collections
from tests.test_import_incidents import GOOD, write


def test_an_import_leaves_the_collector_settings_as_they_were(db, tmp_path):
    before = gc.get_threshold()
    import_incidents(path=write(tmp_path, GOOD), synthetic=True)
    assert gc.get_threshold() == before
    bad = [{**GOOD[0], "event_date": "2017-13-45"}]
    with pytest.raises(ImportRejected):
        import_incidents(path=write(tmp_path, bad, "bad.csv"), synthetic=True)
    assert gc.get_threshold() == before


def test_overlapping_blocks_put_the_settings_back_only_when_the_last_one_ends():
    before = gc.get_threshold()
    entered, release = threading.Event(), threading.Event()

    def other():
        with rare_full_collections():
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    with rare_full_collections():
        assert gc.get_threshold()[2] >= FULL_AFTER
        thread.start()
        assert entered.wait(10)
    # The other block still runs: full collections stay rare.
    assert gc.get_threshold()[2] >= FULL_AFTER
    release.set()
    thread.join(10)
    assert gc.get_threshold() == before
