"""Python's cyclic garbage collector during an import.

By default the collector walks every tracked object of the process (a full
collection) each time enough objects have outlived two younger collections. An
import keeps a batch of rows, their plans and model instances alive while it makes
the next ones, so those collections come every few hundred rows, walk everything
and find almost nothing: measured on the UCDP GED file, 14 of them took 2.7 s of
the import's 12 s of CPU and freed 195 objects. While an import runs, the young
generations are still collected as usual (short-lived cycles are freed, so memory
stays flat) and a full collection waits for FULL_AFTER collections of the middle
generation instead of 10.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

FULL_AFTER = 1000

_lock = threading.Lock()
_inside = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def rare_full_collections():
    """Full collections made rare for the block. The collector's thresholds are the
    process's: the first block entered sets them and the last one left (of those
    running at once, in any thread) puts the previous ones back."""
    global _inside, _saved
    with _lock:
        if _inside == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(_saved[0], _saved[1], max(_saved[2], FULL_AFTER))
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                gc.set_threshold(*_saved)
