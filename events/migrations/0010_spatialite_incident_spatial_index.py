"""SpatiaLite: enable and fill the spatial index of incident points.

Rebuilding the incident table in an earlier migration (SQLite alters tables by
copying them) left its R*Tree disabled and empty, so box queries scanned every
row. PostGIS keeps its GiST index through such changes; nothing to do there.
"""

from django.db import migrations


def enable_spatial_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT spatial_index_enabled FROM geometry_columns "
            "WHERE f_table_name = 'events_incident' AND f_geometry_column = 'geom'"
        )
        row = cursor.fetchone()
        if row is None or row[0]:
            return
        cursor.execute("SELECT CreateSpatialIndex('events_incident', 'geom')")
        cursor.execute("SELECT RecoverSpatialIndex('events_incident', 'geom')")


class Migration(migrations.Migration):
    dependencies = [("events", "0009_dataset_actors_and_links")]

    operations = [migrations.RunPython(enable_spatial_index, migrations.RunPython.noop)]
