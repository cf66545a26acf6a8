"""Writing many new rows at once, with their history, for the importers.

``insert_with_history`` writes plain values (one dict of field attnames per row)
with one ``executemany`` per table instead of building model instances and
letting the ORM compile every value: the ORM's bulk_create spends most of an
import's time preparing values, not in the database. Each row also gets its
django-simple-history "created" record, as ``bulk_create_with_history`` writes it
(same user, reason and date for the batch): on SQLite copied from the stored rows
by the database (``insert_history``), on PostgreSQL streamed in a second COPY from
the values the rows were written with (``Table.insert``). ``create_incidents``
writes each new incident once, complete: figures and stored export texts are
derived before the insert.

Primary keys are taken before the insert (PostgreSQL: from the tables' sequences,
for all of a call's tables in one statement; SQLite: past the highest key ever
given, inside the write transaction that holds the database lock), so children
can point at their parents without reading the rows back. Values go in as the
ORM would store them: columns whose Python value is the database value (text,
numbers, booleans, keys) are passed as they are, and every other column (dates,
timestamps, geometries) through its field's own ``get_db_prep_save``. On
PostgreSQL the rows go in through binary COPY, each value sent as its column's
type (geometries as EWKB): psycopg formats a binary row about ten times faster
than a text one, and the server parses nothing back from text. The rows must
already be valid (events.validation): the database constraints still stand
behind them, and a value its column's type cannot take is a DataError.

Each write is atomic, and inside a caller's transaction it takes no savepoint of
its own (an import wrote two statements more per table and batch for them): an
error in it leaves the caller's transaction to be rolled back (Django refuses
further queries in it), which is what the importers do with any write error.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from contextlib import contextmanager
from operator import itemgetter
from typing import NamedTuple

from django.contrib.gis.geos import Point
from django.db import DataError, IntegrityError, connections, models, transaction
from django.utils import timezone

from events.db_lists import list_condition, one_of

# Field classes whose Python value is stored as it is on both backends.
PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)
BATCH = 2000


def _plain(field) -> bool:
    # DateField and the spatial fields are not subclasses of these; AutoField is an
    # IntegerField, but keys are given as integers anyway.
    return isinstance(field, PLAIN_FIELDS) and not isinstance(field, models.JSONField)


class Table:
    """How the rows of one model are written: columns, placeholders, converters.
    With ``own_key`` False the primary key is left to the database."""

    def __init__(self, model, connection, *, own_key: bool = True):
        self.model = model
        self.connection = connection
        self.fields = [f for f in model._meta.concrete_fields if own_key or not f.primary_key]
        self.names = [f.attname for f in self.fields]
        self.converters: list[Callable | None] = []
        # PostgreSQL takes the rows through COPY, by far its cheapest way in.
        self.copying = connection.vendor == "postgresql"
        placeholders = []
        for field in self.fields:
            if _plain(field):
                self.converters.append(None)
                placeholders.append("%s")
                continue
            self.converters.append(_converter(field, connection))
            if self.copying and hasattr(field, "geom_type"):
                self.converters[-1] = _ewkb_converter(field)
            if connection.vendor == "sqlite" and getattr(field, "geom_type", "") == "POINT":
                self.converters[-1] = _spatialite_point_converter(field)
                placeholders.append("%s")  # the value is SpatiaLite's own geometry
            elif hasattr(field, "geom_type"):
                sample = Point(0, 0, srid=field.srid)
                placeholders.append(field.get_placeholder(sample, None, connection))
            else:
                placeholders.append("%s")
        self.take = itemgetter(*self.names) if len(self.names) > 1 else _one(self.names[0])
        self.converting = [(at, c) for at, c in enumerate(self.converters) if c is not None]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in self.fields)
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(model._meta.db_table), columns, ", ".join(placeholders)
        )
        self.copy_sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN (FORMAT BINARY)"
        self.copy_types = [_copy_type(f, connection) for f in self.fields] if self.copying else []
        self.defaults = {}
        self.stamped = set()  # auto_now(_add): now, unless the row gives a time
        now = timezone.now()
        for field in self.fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults[field.attname] = now
                self.stamped.add(field.attname)
            elif field.has_default():
                self.defaults[field.attname] = field.get_default()
            elif field.null:
                self.defaults[field.attname] = None
            elif field.empty_strings_allowed and not field.primary_key:
                self.defaults[field.attname] = ""

    def params(self, row: dict) -> list:
        values = list(self.take(row))
        for at, convert in self.converting:
            if values[at] is not None:
                values[at] = convert(values[at])
        return values

    def insert(self, rows: list[dict], *, history: tuple | None = None) -> None:
        """Write ``rows``; with ``history`` (user, reason), their "created" history
        records too (``insert_history``)."""
        if not rows:
            return
        with (
            transaction.atomic(using=self.connection.alias, savepoint=False),
            self.connection.cursor() as cursor,
        ):
            if self.copying:
                # COPY is psycopg's own, past Django's cursor: its errors are made
                # Django's here (an IntegrityError stays one), as execute's are.
                written = []
                with (
                    self.connection.wrap_database_errors,
                    _refused_values(self.model),
                    cursor.copy(self.copy_sql) as copy,
                ):
                    copy.set_types(self.copy_types)
                    for row in rows:
                        values = self.params(row)
                        copy.write_row(values)
                        written.append(values)
                if history is not None:
                    self._copy_history(cursor, written, *history)
                return
            with _spatial_row_triggers_once(cursor, self.model._meta.db_table, len(rows)):
                for start in range(0, len(rows), BATCH):
                    batch = [self.params(r) for r in rows[start : start + BATCH]]
                    cursor.executemany(self.sql, batch)
            if history is not None:
                insert_history(
                    self.model,
                    [row[self.model._meta.pk.attname] for row in rows],
                    user=history[0],
                    reason=history[1],
                    using=self.connection.alias,
                )

    def _copy_history(self, cursor, written: list[list], user, reason: str) -> None:
        """PostgreSQL: the history records of the rows just copied, streamed in a
        second COPY from the values the rows were written with (converted once,
        sent as they were), so the database neither reads the rows back nor plans
        a statement for them; the record holds what was stored, as the
        ``insert_history`` copy does."""
        history = self.model.history.model
        quote = self.connection.ops.quote_name
        tracked = [f.attname for f in history.tracked_fields]
        columns = ", ".join(
            quote(history._meta.get_field(n).column) for n in (*tracked, *HISTORY_STAMP)
        )
        at = [self.names.index(n) for n in tracked]
        take = itemgetter(*at)
        types = [self.copy_types[i] for i in at]
        types += [_copy_type(history._meta.get_field(n), self.connection) for n in HISTORY_STAMP]
        stamp = (
            _history_date(history, self.connection),
            reason,
            "+",
            user.pk if user is not None else None,
        )
        sql = f"COPY {quote(history._meta.db_table)} ({columns}) FROM STDIN (FORMAT BINARY)"
        with (
            self.connection.wrap_database_errors,
            _refused_values(history),
            cursor.copy(sql) as copy,
        ):
            copy.set_types(types)
            for values in written:
                copy.write_row((*take(values), *stamp))


# Row count from which SpatiaLite's per-row insert triggers are run once per batch.
SET_WISE_FROM = 100


@contextmanager
def _spatial_row_triggers_once(cursor, table: str, count: int):
    """On SpatiaLite, do for the whole insert what the table's per-row insert
    triggers do for each row: check every geometry's type and SRID (``ggi_``), stamp
    the table's last insert (``tmi_``) and add the rows' boxes to the spatial index
    (``gii_``). The triggers are dropped for the insert and put back as they were,
    inside the same transaction, so an error leaves them (and the rows) as before
    and the spatial index is never dropped."""
    if count < SET_WISE_FROM or cursor.db.vendor != "sqlite":
        yield
        return
    cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s"
        " AND (name LIKE 'ggi!_%%' ESCAPE '!' OR name LIKE 'tmi!_%%' ESCAPE '!'"
        " OR name LIKE 'gii!_%%' ESCAPE '!')",
        [table],
    )
    triggers = cursor.fetchall()
    if not triggers:
        yield
        return
    quoted = cursor.db.ops.quote_name(table)
    cursor.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {quoted}")
    before = cursor.fetchone()[0]
    for name, _ in triggers:
        cursor.execute(f"DROP TRIGGER {cursor.db.ops.quote_name(name)}")
    yield
    cursor.execute(
        "SELECT f_geometry_column, spatial_index_enabled FROM geometry_columns"
        " WHERE Lower(f_table_name) = Lower(%s)",
        [table],
    )
    for column, indexed in cursor.fetchall():
        geom = cursor.db.ops.quote_name(column)
        cursor.execute(
            f"SELECT COUNT(*) FROM {quoted} AS t WHERE t.rowid > %s AND (SELECT geometry_type"
            " FROM geometry_columns WHERE Lower(f_table_name) = Lower(%s)"
            " AND Lower(f_geometry_column) = Lower(%s)"
            f" AND GeometryConstraints(t.{geom}, geometry_type, srid) = 1) IS NULL",
            [before, table, column],
        )
        if cursor.fetchone()[0]:
            raise IntegrityError(
                f"{table}.{column} violates Geometry constraint [geom-type or SRID not allowed]"
            )
        if indexed:
            index = cursor.db.ops.quote_name(f"idx_{table}_{column}")
            cursor.execute(
                f"INSERT INTO {index} (pkid, xmin, xmax, ymin, ymax) SELECT rowid,"
                f" MbrMinX({geom}), MbrMaxX({geom}), MbrMinY({geom}), MbrMaxY({geom})"
                f" FROM {quoted} WHERE rowid > %s AND {geom} IS NOT NULL",
                [before],
            )
    for name, sql in triggers:
        if name.startswith("tmi_"):  # one statement, about the table, not the row
            body = sql[sql.index("BEGIN") + len("BEGIN") : sql.rindex("END")].strip()
            cursor.execute(body.rstrip(";"))
        cursor.execute(sql)


def _one(name: str) -> Callable:
    def take(row):
        return (row[name],)

    return take


def _converter(field, connection) -> Callable:
    """The field's own conversion to the database value; dates and timestamps, which
    repeat across rows, are converted once per distinct value."""
    if isinstance(field, models.DateField | models.DateTimeField):
        known: dict = {}

        def convert(value):
            if value not in known:
                known[value] = field.get_db_prep_save(value, connection)
            return known[value]

        return convert

    def prepare(value):
        return field.get_db_prep_save(value, connection)

    return prepare


@contextmanager
def _refused_values(model):
    """A value the binary COPY cannot send as its column's type (a float for an
    integer column, a number for a text one) is a DataError, as the database's own
    refusal of a value is, not a TypeError from the driver."""
    try:
        yield
    except TypeError as exc:
        raise DataError(f"{model._meta.db_table}: a value of the wrong type: {exc}") from exc


def _copy_type(field, connection) -> str:
    """The PostgreSQL type a column's values are sent as in a binary COPY: its own
    (``varchar(200)`` as ``varchar``), a geometry's as ``bytea`` (its EWKB, which
    the column's own binary input reads, checking type and SRID)."""
    if hasattr(field, "geom_type"):
        return "bytea"
    return field.db_type(connection).split("(")[0].strip()


def _ewkb_converter(field) -> Callable:
    """A geometry as a binary COPY takes it: EWKB (with its SRID), as the field would
    store it."""
    from psycopg import Binary

    def convert(value):
        geometry = field.get_prep_value(value)
        if geometry.srid != field.srid:
            geometry = geometry.transform(field.srid, clone=True)
        return Binary(geometry.ewkb)

    return convert


def _spatialite_point_converter(field) -> Callable:
    """A point as SpatiaLite stores it (its BLOB geometry: header, SRID, bounding box,
    class, coordinates, end mark), the same bytes ``GeomFromText`` makes from the
    point's text, without writing the text for the database to parse. The SRID is
    the column's, as the ORM's placeholder gives it."""
    srid = field.srid

    def convert(value):
        coords = value.coords
        if not coords:
            return None  # an empty point, which GeomFromText also makes NULL
        x, y = coords[0], coords[1]
        if len(coords) == 2:
            return _XY_POINT.pack(0, 1, srid, x, y, x, y, 0x7C, 1, x, y, 0xFE)
        # Kept with its Z, so the column's type check refuses it as before.
        return _XYZ_POINT.pack(0, 1, srid, x, y, x, y, 0x7C, 1001, x, y, coords[2], 0xFE)

    return convert


# SpatiaLite's BLOB geometry of a point (little-endian): start, byte order, SRID,
# MBR (min x, min y, max x, max y), MBR end, class (1 point, 1001 point Z),
# coordinates, end.
_XY_POINT = struct.Struct("<BBiddddBiddB")
_XYZ_POINT = struct.Struct("<BBiddddBidddB")


def take_ids(model, count: int, *, using: str = "default") -> list[int]:
    """``count`` new primary keys for ``model``, never given before. Call inside the
    transaction that inserts them."""
    return take_keys({model: count}, using=using)[model]


def take_keys(counts: dict, *, using: str = "default") -> dict:
    """New primary keys for several models at once ({model: count} -> {model: keys,
    ascending}), in one statement on PostgreSQL. Call inside the transaction that
    inserts them."""
    connection = connections[using]
    wanted = [(model, count) for model, count in counts.items() if count > 0]
    keys = {model: [] for model in counts}
    if connection.vendor == "postgresql" and wanted:
        # Each sequence is looked up once (OFFSET 0 keeps the lookup from being
        # folded into the outer query, which would repeat it for every key: a
        # catalogue search each, about eight times the cost of nextval itself).
        values = ", ".join("(%s, pg_get_serial_sequence(%s, %s)::regclass, %s)" for _ in wanted)
        params = []
        for at, (model, count) in enumerate(wanted):
            params += [at, model._meta.db_table, model._meta.pk.column, count]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT q.at, nextval(q.seq) FROM (SELECT * FROM (VALUES {values})"
                " AS v (at, seq, n) OFFSET 0) AS q CROSS JOIN LATERAL generate_series(1, q.n)",
                params,
            )
            for at, key in cursor.fetchall():
                keys[wanted[at][0]].append(key)
        for found in keys.values():
            found.sort()
        return keys
    for model, count in wanted:
        keys[model] = _sqlite_keys(model, count, connection)
    return keys


def _sqlite_keys(model, count: int, connection) -> list[int]:
    # The transaction holds the write lock (IMMEDIATE), so no other writer can take
    # these keys; AUTOINCREMENT's record of the highest key ever given is honoured,
    # and moved on as inserting them would move it.
    quote = connection.ops.quote_name
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(table)}")
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        highest = max(highest, found[0] if found else 0)
    return list(range(highest + 1, highest + 1 + count))


# The history columns every record of a write shares (who, why, when, "+").
HISTORY_STAMP = ("history_date", "history_change_reason", "history_type", "history_user_id")


def _history_date(history, connection):
    return history._meta.get_field("history_date").get_db_prep_save(timezone.now(), connection)


def insert_history(model, ids: list[int], *, user, reason: str, using: str = "default") -> None:
    """The "created" history records (by ``user``, for ``reason``, now) of the
    ``model`` rows ``ids``, just written, as ``bulk_create_with_history`` writes
    them: copied from the rows by the database itself (one INSERT ... SELECT), so
    the record holds exactly what was stored and no value makes a second trip.
    (``Table.insert`` with ``history`` writes them so on SQLite; on PostgreSQL it
    streams them after the rows, from the same values.)"""
    if not ids:
        return
    connection = connections[using]
    quote = connection.ops.quote_name
    history = model.history.model
    tracked = [f.attname for f in history.tracked_fields]
    target = ", ".join(quote(history._meta.get_field(n).column) for n in (*tracked, *HISTORY_STAMP))
    source = ", ".join(f"t.{quote(model._meta.get_field(n).column)}" for n in tracked)
    when = _history_date(history, connection)
    key = f"t.{quote(model._meta.pk.column)}"
    chosen, params = list_condition(key, ids, integer=True, connection=connection)
    with transaction.atomic(using=using, savepoint=False), connection.cursor() as cursor:
        with _spatial_row_triggers_once(cursor, history._meta.db_table, len(ids)):
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({target}) "
                f"SELECT {source}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} AS t "
                f"WHERE {chosen} ORDER BY {key}",
                [when, reason, "+", user.pk if user is not None else None, *params],
            )


@transaction.atomic(savepoint=False)
def insert_with_history(
    model, rows: list[dict], *, user, reason: str, using: str = "default"
) -> list[int]:
    """``insert_rows`` and the rows' history records (as "created" by ``user``, for
    ``reason``)."""
    table = Table(model, connections[using])
    ids = complete_rows(table, rows, using=using)
    table.insert(rows, history=(user, reason))
    return ids


@transaction.atomic(savepoint=False)
def insert_rows(model, rows: list[dict], *, using: str = "default") -> list[int]:
    """Insert ``rows`` (dicts of attname -> value; omitted fields take their
    default) as new ``model`` rows; return their primary keys, in order. Each dict
    is completed as written (key, defaults, timestamps)."""
    table = Table(model, connections[using])
    ids = complete_rows(table, rows, using=using)
    table.insert(rows)
    return ids


def complete_rows(
    table: Table, rows: list[dict], *, using: str = "default", ids: list[int] | None = None
) -> list[int]:
    """Complete ``rows`` as ``table`` will write them: a new primary key each (the
    list returned, in order; ``ids`` if taken already), and the defaults and
    timestamps of omitted fields. Call inside the transaction that inserts them."""
    model = table.model
    if ids is None:
        ids = take_ids(model, len(rows), using=using)
    key = model._meta.pk.attname
    defaults = table.defaults.items()
    for pk, row in zip(ids, rows, strict=True):
        row[key] = pk
        for name, default in defaults:
            if row.get(name) is None and (name in table.stamped or name not in row):
                row[name] = default
    return ids


class _Claim(NamedTuple):
    """A claim's values as the figures read them (events.services.derived)."""

    source_id: int
    outcome: str
    min_value: int
    max_value: int | None
    best_value: int | None = None
    population: str = ""
    wording: str = ""


@transaction.atomic(savepoint=False)
def create_incidents(
    *,
    incidents: list,
    sources: list[tuple[int, dict]],
    claims: list[tuple[int, int, dict]],
    attributions: list[tuple[int, int | None, dict]],
    user,
    reason: str,
    using: str = "default",
) -> None:
    """New, validated incidents (unsaved Incident instances, which get their keys)
    with their parts, each part as (incident's index, [source's index,] values),
    written with their history; then what else is derived from them
    (``incidents_changed``), as for every write.

    Each row is written once, complete: the figures are derived from the claims
    about to be written and the stored export texts rendered from the values about
    to be written (``events.exports.rows.written_rows``, the rows the export would
    read back), so no second pass updates them."""
    from events.models import Attribution, CasualtyClaim, Incident, Source
    from events.services.derived import FIGURE_FIELDS, casualty_figures, incidents_changed

    by_incident: dict[int, list] = {}
    for at, source, values in claims:
        by_incident.setdefault(at, []).append(_Claim(source_id=source, **values))
    for at, incident in enumerate(incidents):
        figures = casualty_figures(by_incident.get(at, ()))
        for name in FIGURE_FIELDS:
            setattr(incident, name, figures[name])
    connection = connections[using]
    tables = {
        model: Table(model, connection) for model in (Incident, Source, CasualtyClaim, Attribution)
    }
    fields = [f.attname for f in Incident._meta.concrete_fields]
    rows = [{name: incident.__dict__[name] for name in fields} for incident in incidents]
    keys = take_keys(
        {
            Incident: len(rows),
            Source: len(sources),
            CasualtyClaim: len(claims),
            Attribution: len(attributions),
        },
        using=using,
    )
    ids = complete_rows(tables[Incident], rows, ids=keys[Incident])
    for incident, row, pk in zip(incidents, rows, ids, strict=True):
        incident.pk = pk
        incident.created_at, incident.updated_at = row["created_at"], row["updated_at"]
        incident._state.adding, incident._state.db = False, using
    source_rows = [{**values, "incident_id": ids[at]} for at, values in sources]
    source_ids = complete_rows(tables[Source], source_rows, ids=keys[Source])
    claim_rows = [
        {**values, "incident_id": ids[at], "source_id": source_ids[source]}
        for at, source, values in claims
    ]
    complete_rows(tables[CasualtyClaim], claim_rows, ids=keys[CasualtyClaim])
    attribution_rows = [
        {
            **values,
            "incident_id": ids[at],
            "source_id": source_ids[source] if source is not None else None,
        }
        for at, source, values in attributions
    ]
    complete_rows(tables[Attribution], attribution_rows, ids=keys[Attribution])
    _render(
        rows,
        sources=[(at, row) for (at, _), row in zip(sources, source_rows, strict=True)],
        claims=[(at, s, row) for (at, s, _), row in zip(claims, claim_rows, strict=True)],
        attributions=[
            (at, s, row) for (at, s, _), row in zip(attributions, attribution_rows, strict=True)
        ],
        using=using,
    )
    for model, written in (
        (Incident, rows),
        (Source, source_rows),
        (CasualtyClaim, claim_rows),
        (Attribution, attribution_rows),
    ):
        tables[model].insert(written, history=(user, reason))
    incidents_changed(ids=ids, figures=False, touch=False, rendered=True, using=using)


def _render(rows: list[dict], *, sources, claims, attributions, using: str) -> None:
    """Put the stored export texts (events.exports.stored) into the incident
    ``rows`` about to be written, rendered from them and their parts."""
    from events.exports.rows import written_rows
    from events.exports.stored import RENDER_VERSION, STORED_COLUMNS, rendering
    from events.models import Actor, Incident, Place

    geom = Incident._meta.get_field("geom")
    stored = []
    for row in rows:
        point = row["geom"]
        if point is not None and point.srid != geom.srid:
            row = {**row, "geom": point.transform(geom.srid, clone=True)}
        stored.append(row)
    place_ids = {row["place_id"] for row in rows if row["place_id"] is not None}
    places = {
        pk: (slug, name, name_ar)
        for pk, slug, name, name_ar in Place.objects.using(using)
        .filter(one_of(Place, "id", place_ids, using=using))
        .values_list("pk", "slug", "name", "name_ar")
    }
    # Names ranked as the database orders them (its collation), as the export does.
    actors, rank, last = {}, -1, None
    for pk, slug, name in (
        Actor.objects.using(using)
        .filter(one_of(Actor, "id", {v["actor_id"] for _, _, v in attributions}, using=using))
        .order_by("name")
        .values_list("pk", "slug", "name")
    ):
        rank += name != last
        actors[pk], last = (slug, name, rank), name
    for row, row_texts in zip(
        rows,
        written_rows(
            stored,
            sources=sources,
            claims=claims,
            attributions=attributions,
            places=places,
            actors=actors,
        ),
        strict=True,
    ):
        texts = rendering(row_texts)
        for name, text in zip(STORED_COLUMNS, texts[1:], strict=True):
            row[name] = text
        row["render_version"] = RENDER_VERSION
