"""Incident history: no spatial index on its copied point (events.models.history).

The history table is never searched by location; its R*Tree (SpatiaLite) or GiST
index (PostGIS) only slowed every write, imports above all.
"""

import django.contrib.gis.db.models.fields
from django.db import migrations

TABLE, COLUMN = "events_historicalincident", "geom"


def drop_spatial_index(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef ILIKE %s",
                [TABLE, f"%USING gist ({COLUMN})%"],
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")
            return
        cursor.execute(
            "SELECT spatial_index_enabled FROM geometry_columns "
            "WHERE f_table_name = %s AND f_geometry_column = %s",
            [TABLE, COLUMN],
        )
        row = cursor.fetchone()
        if row and row[0]:
            cursor.execute("SELECT DisableSpatialIndex(%s, %s)", [TABLE, COLUMN])
        cursor.execute(f'DROP TABLE IF EXISTS "idx_{TABLE}_{COLUMN}"')


def create_spatial_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        model = apps.get_model("events", "HistoricalIncident")
        field = model._meta.get_field(COLUMN)
        schema_editor.execute(schema_editor._create_spatial_index_sql(model, field))
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT CreateSpatialIndex(%s, %s)", [TABLE, COLUMN])
        cursor.execute("SELECT RecoverSpatialIndex(%s, %s)", [TABLE, COLUMN])


class Migration(migrations.Migration):
    dependencies = [("events", "0015_job_labels")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="historicalincident",
                    name="geom",
                    field=django.contrib.gis.db.models.fields.PointField(
                        blank=True, null=True, spatial_index=False, srid=4326, verbose_name="geom"
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_spatial_index, create_spatial_index)],
        )
    ]
