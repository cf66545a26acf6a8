"""Keeping the map's pre-aggregated grid counts (events.models.MapGridCell) equal
to what a live count of the public incidents would give.

Every write ends in events.services.derived.incidents_changed, which calls
``refresh_map_grid`` with the incidents it touched: what each of them last added
(its MapGridEntry) is taken back out of the cells, and what it adds now (if it
is published and has a point) put in, at every level. ``rebuild_map_grid``
recomputes everything from the incident table in SQL, for bulk loads that write
rows directly (manage.py rebuild_map_grid, the scale benchmark's COPY).

Cells are computed at the finest level, ``cx = floor(lon / cell)``, in the same
double arithmetic in SQL and Python, and each coarser level halves them
(``cx >> 1``, which is floor division on both backends), so the incremental
path and the rebuild always agree on a point's cell.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict
from contextlib import contextmanager

from django.db import connections, transaction

from events.db_lists import one_of
from events.models import Incident, IncidentStatus, MapGridCell, MapGridEntry
from events.services.bulk import Table

CELLS_PER_TILE = 4  # as events.clusters cuts tiles
MAX_LEVEL = 15  # the finest zoom level with counts over all dates,
MONTH_LEVEL = 12  # and with counts per month span (those rows outnumber the others)
ALL_MONTHS = -1  # start and end month of the rows that count every date
BATCH = 2000
KEY = ("level", "cx", "cy", "synthetic", "event_type", "start_month", "end_month")
SUMS = ("n", "killed", "sum_lon", "sum_lat")
# The PostgreSQL types of KEY and SUMS, in order (for the one-statement upsert).
PG_TYPES = (
    *("int", "int", "int", "boolean", "text", "int", "int"),
    *("int", "bigint", "float8", "float8"),
)
# What MapGridEntry keeps of an incident, in the order _entry() gives it.
ENTRY_FIELDS = ("synthetic", "event_type", "start_month", "end_month", "lon", "lat", "killed")


def cell_degrees(level: int) -> float:
    return 360.0 / (1 << level) / CELLS_PER_TILE


def month_index(day) -> int:
    return day.year * 12 + day.month - 1


def finest_cell(lon: float, lat: float) -> tuple[int, int]:
    size = cell_degrees(MAX_LEVEL)
    return math.floor(lon / size), math.floor(lat / size)


def _keys(cx: int, cy: int, synthetic, event_type, start_month: int, end_month: int):
    """The (level, cx, cy, synthetic, event_type, start month, end month) rows an
    incident in the finest cell (cx, cy) counts in."""
    for level in range(MAX_LEVEL, -1, -1):
        shift = MAX_LEVEL - level
        cell = (level, cx >> shift, cy >> shift, synthetic, event_type)
        yield (*cell, ALL_MONTHS, ALL_MONTHS)
        if level <= MONTH_LEVEL:
            yield (*cell, start_month, end_month)


def _entry(row) -> tuple:
    _pk, synthetic, event_type, start, end, lon, lat, killed = row
    return (synthetic, event_type, month_index(start), month_index(end), lon, lat, killed or 0)


def _deltas(changes) -> dict[tuple, list]:
    """Cell changes at every level for (entry, sign) pairs: summed per finest cell
    first (incidents often share a point), then carried up the levels."""
    finest: dict[tuple, list] = defaultdict(lambda: [0, 0, 0.0, 0.0])
    for entry, sign in changes:
        synthetic, event_type, start_month, end_month, lon, lat, killed = entry
        cx, cy = finest_cell(lon, lat)
        acc = finest[(cx, cy, synthetic, event_type, start_month, end_month)]
        acc[0] += sign
        acc[1] += sign * killed
        acc[2] += sign * lon
        acc[3] += sign * lat
    deltas: dict[tuple, list] = defaultdict(lambda: [0, 0, 0.0, 0.0])
    for fine, (n, killed, lon, lat) in finest.items():
        for key in _keys(*fine):
            acc = deltas[key]
            acc[0] += n
            acc[1] += killed
            acc[2] += lon
            acc[3] += lat
    return deltas


def _write_deltas(deltas: dict[tuple, list], *, using: str) -> None:
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(MapGridCell._meta.db_table)
    columns = ", ".join(quote(c) for c in (*KEY, *SUMS))
    marks = ", ".join(["%s"] * (len(KEY) + len(SUMS)))
    adds = ", ".join(f"{quote(c)} = {table}.{quote(c)} + excluded.{quote(c)}" for c in SUMS)
    upsert = (
        f"INSERT INTO {table} ({columns}) VALUES ({marks}) "
        f"ON CONFLICT ({', '.join(quote(c) for c in KEY)}) DO UPDATE SET {adds}"
    )
    emptied = (
        f"DELETE FROM {table} WHERE "
        + " AND ".join(f"{quote(c)} = %s" for c in KEY)
        + f" AND {quote('n')} <= 0"
    )
    rows = [(*key, *acc) for key, acc in deltas.items() if acc[0] or acc[1] or acc[2] or acc[3]]
    with connection.cursor() as cursor:
        if rows and connection.vendor == "postgresql":
            # One statement, one array per column: PostgreSQL pays per statement
            # (each cell key is in ``deltas`` once, so no row is updated twice).
            arrays = ", ".join(f"%s::{kind}[]" for kind in PG_TYPES)
            cursor.execute(
                upsert.replace(f"VALUES ({marks})", f"SELECT * FROM unnest({arrays})", 1),
                [list(column) for column in zip(*rows, strict=True)],
            )
        elif rows:
            cursor.executemany(upsert, rows)
        shrunk = [key for key, acc in deltas.items() if acc[0] < 0]
        if shrunk:
            cursor.executemany(emptied, shrunk)


# Cell changes gathered over many writes (``gathered_cells``), written when the
# block ends or when this many cells are waiting (memory stays bounded).
GATHER_LIMIT = 50_000
_gathered = threading.local()


@contextmanager
def gathered_cells(*, using: str = "default"):
    """Inside the block, the cell changes of every ``refresh_map_grid`` are summed
    in memory and written when it ends (or when GATHER_LIMIT cells wait), inside
    the caller's transaction: a bulk import touches the same coarse cells batch
    after batch, and writes each of them once. What each incident adds
    (MapGridEntry) is still written at once. If the block raises, nothing gathered
    is written (the caller's transaction is being rolled back)."""
    if getattr(_gathered, "deltas", None) is not None:
        yield
        return
    _gathered.deltas, _gathered.using = defaultdict(lambda: [0, 0, 0.0, 0.0]), using
    try:
        yield
        deltas = _gathered.deltas
    finally:
        _gathered.deltas = None
    _write_deltas(deltas, using=using)


def _apply_deltas(deltas: dict[tuple, list], *, using: str) -> None:
    waiting = getattr(_gathered, "deltas", None)
    if waiting is None or _gathered.using != using:
        _write_deltas(deltas, using=using)
        return
    for key, (n, killed, lon, lat) in deltas.items():
        acc = waiting[key]
        acc[0] += n
        acc[1] += killed
        acc[2] += lon
        acc[3] += lat
    if len(waiting) >= GATHER_LIMIT:
        _gathered.deltas = defaultdict(lambda: [0, 0, 0.0, 0.0])
        _write_deltas(waiting, using=using)


def _lon_lat():
    from django.db.models import FloatField, Func

    return {
        "lon": Func("geom", function="ST_X", output_field=FloatField()),
        "lat": Func("geom", function="ST_Y", output_field=FloatField()),
    }


def refresh_map_grid(*, ids, using: str = "default") -> None:
    """Bring the grid counts up to date for the incidents ``ids`` (any state)."""
    ordered = sorted(set(ids))
    with transaction.atomic(using=using):
        for start in range(0, len(ordered), BATCH):
            chunk = ordered[start : start + BATCH]
            old = {
                row[0]: tuple(row[1:])
                for row in MapGridEntry.objects.using(using)
                .filter(one_of(MapGridEntry, "incident_id", chunk, using=using))
                .values_list("incident_id", *ENTRY_FIELDS)
            }
            new = {
                row[0]: _entry(row)
                for row in Incident.objects.using(using)
                .filter(
                    one_of(Incident, "id", chunk, using=using),
                    status=IncidentStatus.PUBLISHED,
                    geom__isnull=False,
                )
                .annotate(**_lon_lat())
                .values_list(
                    "pk",
                    "synthetic",
                    "event_type",
                    "date_start",
                    "date_end",
                    "lon",
                    "lat",
                    "fatalities_best",
                )
            }
            changed = [pk for pk in chunk if old.get(pk) != new.get(pk)]
            if not changed:
                continue
            pairs = [(old[pk], -1) for pk in changed if pk in old]
            pairs += [(new[pk], 1) for pk in changed if pk in new]
            _apply_deltas(_deltas(pairs), using=using)
            MapGridEntry.objects.using(using).filter(
                one_of(MapGridEntry, "incident_id", changed, using=using)
            ).delete()
            # Plain rows (events.services.bulk): the ORM's bulk_create spends far more
            # preparing values than the database spends writing them.
            Table(MapGridEntry, connections[using]).insert(
                [
                    {"incident_id": pk, **dict(zip(ENTRY_FIELDS, new[pk], strict=True))}
                    for pk in changed
                    if pk in new
                ]
            )


def _sql_parts(vendor: str) -> tuple[str, str]:
    """(month index of a date column, floor of a double) as SQL templates."""
    if vendor == "postgresql":
        month = "(EXTRACT(YEAR FROM {0})::int * 12 + EXTRACT(MONTH FROM {0})::int - 1)"
        floor = "FLOOR({0})::int"
    else:
        month = (
            "(CAST(strftime('%%Y', {0}) AS INTEGER) * 12 "
            "+ CAST(strftime('%%m', {0}) AS INTEGER) - 1)"
        )
        # CAST truncates toward zero: one less for negative non-integers.
        floor = "(CAST({0} AS INTEGER) - (({0}) < CAST({0} AS INTEGER)))"
    return month, floor


def rebuild_map_grid(*, using: str = "default") -> int:
    """Recompute every grid count from the incident table; returns the number of
    incidents counted. For bulk loads that bypass incidents_changed."""
    connection = connections[using]
    quote = connection.ops.quote_name
    month, floor = _sql_parts(connection.vendor)
    entries = quote(MapGridEntry._meta.db_table)
    cells = quote(MapGridCell._meta.db_table)
    incidents = quote(Incident._meta.db_table)
    key = ", ".join(quote(c) for c in KEY)
    sums = ", ".join(quote(c) for c in SUMS)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {cells}")
        cursor.execute(f"DELETE FROM {entries}")
        cursor.execute(
            f"INSERT INTO {entries} (incident_id, synthetic, event_type, start_month, "
            f"end_month, lon, lat, killed) SELECT id, synthetic, event_type, "
            f"{month.format('date_start')}, {month.format('date_end')}, ST_X(geom), "
            f"ST_Y(geom), COALESCE(fatalities_best, 0) FROM {incidents} "
            f"WHERE status = %s AND geom IS NOT NULL",
            [IncidentStatus.PUBLISHED],
        )
        counted = cursor.rowcount
        # The finest level of each kind from the entries, coarser ones by halving.
        every = f"{ALL_MONTHS}, {ALL_MONTHS}"
        for months, top in ((every, MAX_LEVEL), ("start_month, end_month", MONTH_LEVEL)):
            size = [cell_degrees(top)] * floor.count("{0}")
            cursor.execute(
                f"INSERT INTO {cells} ({key}, {sums}) SELECT %s, {floor.format('lon / %s')}, "
                f"{floor.format('lat / %s')}, synthetic, event_type, {months}, COUNT(*), "
                f"SUM(killed), SUM(lon), SUM(lat) FROM {entries} GROUP BY 2, 3, 4, 5, 6, 7",
                [top, *size, *size],
            )
            for level in range(top - 1, -1, -1):
                cursor.execute(
                    f"INSERT INTO {cells} ({key}, {sums}) SELECT %s, cx >> 1, cy >> 1, "
                    "synthetic, event_type, start_month, end_month, SUM(n), SUM(killed), "
                    f"SUM(sum_lon), SUM(sum_lat) FROM {cells} WHERE level = %s AND start_month "
                    f"{'=' if top == MAX_LEVEL else '<>'} {ALL_MONTHS} GROUP BY 2, 3, 4, 5, 6, 7",
                    [level, level + 1],
                )
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {cells}")
            cursor.execute(f"ANALYZE {entries}")
    return counted
