"""Dropping (and, backwards, recreating) plain one-column indexes in a migration,
by the names the database lists, so SQLite rebuilds no table (a rebuilt incident
table loses its SpatiaLite R*Tree; see migration 0010). Used by migrations 0017
and 0018."""

from __future__ import annotations


def indexes_on(cursor, connection, table: str, column: str) -> list[str]:
    """The plain (not unique, not key) one-column indexes of ``table.column``."""
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_class t ON t.oid = x.indrelid JOIN pg_attribute a ON a.attrelid = t.oid "
            "AND a.attnum = x.indkey[0] WHERE t.relname = %s AND a.attname = %s "
            "AND x.indnatts = 1 AND NOT x.indisunique AND NOT x.indisprimary",
            [table, column],
        )
        return [name for (name,) in cursor.fetchall()]
    quote = connection.ops.quote_name
    names = []
    cursor.execute(f"PRAGMA index_list({quote(table)})")
    for _seq, name, unique, origin, *_ in cursor.fetchall():
        if unique or origin != "c":
            continue
        cursor.execute(f"PRAGMA index_info({quote(name)})")
        if [row[2] for row in cursor.fetchall()] == [column]:
            names.append(name)
    return names


def index_operations(fields: dict[str, tuple[str, ...]]):
    """``(forwards, backwards)`` for ``RunPython``: drop the plain indexes of the
    named fields (``{model_name: (field_name, ...)}``), or create them again."""

    def drop(apps, schema_editor):
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            for model_name, names in fields.items():
                model = apps.get_model("events", model_name)
                for name in names:
                    column = model._meta.get_field(name).column
                    for index in indexes_on(cursor, connection, model._meta.db_table, column):
                        cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(index)}")

    def create(apps, schema_editor):
        for model_name, names in fields.items():
            model = apps.get_model("events", model_name)
            for name in names:
                field = model._meta.get_field(name)
                schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))
                like = getattr(schema_editor, "_create_like_index_sql", None)
                statement = like(model, field) if like else None
                if statement is not None:
                    schema_editor.execute(statement)

    return drop, create
