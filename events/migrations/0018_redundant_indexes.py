"""Drop two live indexes that another index already serves.

- ``events_incident.status``: the (status, date_start) index starts with it.
- ``events_attribution.incident_id``: the ``attribution_unique`` constraint
  (incident, actor, role, stance, source) starts with it.

Each cost every imported row a B-tree insert. The indexes are dropped by name, as
the database lists them (the look-up of migration 0017), so SQLite rebuilds no
table: a rebuilt incident table would lose its SpatiaLite R*Tree (see 0010).
"""

from importlib import import_module

import django.db.models.deletion
from django.db import migrations, models

_indexes_on = import_module("events.migrations.0017_history_unread_indexes")._indexes_on

REDUNDANT = {"incident": "status", "attribution": "incident"}


def drop_redundant_indexes(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for model_name, field_name in REDUNDANT.items():
            model = apps.get_model("events", model_name)
            column = model._meta.get_field(field_name).column
            for index in _indexes_on(cursor, connection, model._meta.db_table, column):
                cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(index)}")


def recreate_indexes(apps, schema_editor):
    for model_name, field_name in REDUNDANT.items():
        model = apps.get_model("events", model_name)
        field = model._meta.get_field(field_name)
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))
        like = getattr(schema_editor, "_create_like_index_sql", None)
        statement = like(model, field) if like else None
        if statement is not None:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("events", "0017_history_unread_indexes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunPython(drop_redundant_indexes, recreate_indexes),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="attribution",
                    name="incident",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attributions",
                        to="events.incident",
                        verbose_name="incident",
                    ),
                ),
                migrations.AlterField(
                    model_name="incident",
                    name="status",
                    field=models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("review", "In review"),
                            ("published", "Published"),
                            ("archived", "Archived"),
                        ],
                        default="draft",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
            ],
        ),
    ]
