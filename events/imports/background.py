"""Writing an import's batches on a second thread, over the import's own connection
and inside its one transaction (PostgreSQL).

A batch is written while the main thread reads and checks the next rows of the
file: while the database works on a COPY or an INSERT ... SELECT, the client has
the next rows to parse (psycopg lets go of Python's lock while it waits for the
server). Only reading overlaps with writing: the main thread waits for the batch
being written (``wait``) before it plans the next one, so planning sees every row
written before it, as when batches are written in turn. Reading may still ask the
database (a place's spellings): psycopg runs one statement at a time on a
connection, and the writer never leaves a savepoint open across batches.

The first error stops the writing: later batches are dropped, and the error is
raised in the main thread at its next ``wait``, ``submit`` or ``close``
(``stop`` on the way out), before the transaction ends; since the writer only
ever holds batches that precede the rows being read, its error is the first in
the file, as when batches are written in turn.

SQLite runs in this process and holds the database lock on its one connection,
so there the batches are written in turn on the main thread (``for_connection``
returns None).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import translation

from events.services.mapgrid import gathered_cells


class _Stop(Exception):
    """Leaves the gathering block without writing what it gathered."""


class BackgroundWriter:
    def __init__(self, using: str = DEFAULT_DB_ALIAS):
        self.using = using
        self.connection = connections[using]
        self.jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self.error: BaseException | None = None  # not yet raised in the main thread
        self.failed = False  # an error stopped the writing
        self.pending = 0  # jobs handed over and not yet reported done by ``wait``
        self.language = translation.get_language()
        self.connection.inc_thread_sharing()
        self.thread = threading.Thread(target=self._work, name="import-writer", daemon=True)
        self.thread.start()

    @classmethod
    def for_connection(cls, using: str = DEFAULT_DB_ALIAS) -> BackgroundWriter | None:
        if connections[using].vendor != "postgresql":
            return None
        return cls(using)

    def _work(self) -> None:
        # The same connection object as the main thread's, so the same transaction.
        connections[self.using] = self.connection
        try:
            with translation.override(self.language):
                self._loop()
        finally:
            del connections[self.using]

    def _loop(self) -> None:
        try:
            # The map grid's cells, summed over every batch written here and written
            # once at the end (gathered_cells keeps them per thread).
            with gathered_cells(using=self.using):
                while (job := self.jobs.get()) is not None:
                    if not self.failed:
                        try:
                            job()
                        except BaseException as exc:  # raised in the main thread
                            self.error, self.failed = exc, True
                    self.jobs.task_done()
                if self.failed:
                    raise _Stop
        except _Stop:
            pass
        except BaseException as exc:  # writing the cells
            self.error, self.failed = exc, True

    def _raise(self) -> None:
        if self.error is not None:
            error, self.error = self.error, None
            raise error

    def submit(self, job: Callable[[], None]) -> None:
        """Write ``job`` once the batch before it is written."""
        self.wait()
        self.pending += 1
        self.jobs.put(job)

    def wait(self) -> int:
        """Wait until every batch handed over is written; return how many were (since
        the last wait). Raises the writer's error."""
        self.jobs.join()
        done, self.pending = self.pending, 0
        self._raise()
        return done

    def close(self) -> None:
        """Finish writing (the map grid's cells last) and end the thread. Raises the
        writer's error."""
        self._end()
        self._raise()

    def stop(self) -> BaseException | None:
        """End the thread on the way out of an error, without raising; returns the
        writer's own error, if it had one."""
        self._end()
        error, self.error = self.error, None
        return error

    def _end(self) -> None:
        if self.thread.is_alive():
            self.jobs.put(None)
            self.thread.join()
            self.connection.dec_thread_sharing()
