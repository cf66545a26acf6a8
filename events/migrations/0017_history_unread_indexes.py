"""History tables keep only the indexes history is read by (events.models.history).

The copied code, external id, place, creator, actor and source of the incident,
attribution and claim history were indexed, but nothing reads history by them:
each index only slowed every write (on PostgreSQL the six of the incident history
about doubled its insert time). The indexes are dropped by name, as the database
lists them, so no table is rebuilt (SQLite would otherwise copy each history table).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

UNREAD = {
    "historicalattribution": ("actor", "source"),
    "historicalcasualtyclaim": ("source",),
    "historicalincident": ("code", "created_by", "external_id", "place"),
}


def _indexes_on(cursor, connection, table: str, column: str) -> list[str]:
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


def drop_unread_indexes(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for model_name, fields in UNREAD.items():
            model = apps.get_model("events", model_name)
            for name in fields:
                column = model._meta.get_field(name).column
                for index in _indexes_on(cursor, connection, model._meta.db_table, column):
                    cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(index)}")


def create_unread_indexes(apps, schema_editor):
    for model_name, fields in UNREAD.items():
        model = apps.get_model("events", model_name)
        for name in fields:
            field = model._meta.get_field(name)
            schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))
            like = getattr(schema_editor, "_create_like_index_sql", None)
            statement = like(model, field) if like else None
            if statement is not None:
                schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0016_historicalincident_geom_no_spatial_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="historicalattribution",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.actor",
                        verbose_name="actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalattribution",
                    name="source",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.source",
                        verbose_name="source",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcasualtyclaim",
                    name="source",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.source",
                        verbose_name="source",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalincident",
                    name="code",
                    field=models.SlugField(
                        db_index=False,
                        help_text="Stable public identifier used in URLs.",
                        max_length=64,
                        verbose_name="code",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalincident",
                    name="created_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalincident",
                    name="external_id",
                    field=models.CharField(
                        blank=True,
                        help_text="e.g. ACLED event_id_cnty",
                        max_length=64,
                        null=True,
                        verbose_name="external id",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalincident",
                    name="place",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.place",
                        verbose_name="place",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_unread_indexes, create_unread_indexes)],
        )
    ]
