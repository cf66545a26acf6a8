"""The map's pre-aggregated grid counts (MapGridCell) and what each incident put
in them (MapGridEntry), filled from the incidents already published.

The fill is this migration's own frozen copy of the SQL in
events.services.mapgrid.rebuild_map_grid (12 levels, 4 cells per tile), so
the migration never runs live code.
"""

from django.db import migrations, models

LEVELS = 15  # counts over all dates (start and end month -1)
MONTH_LEVELS = 12  # counts per (start month, end month)


def fill(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        month = "(EXTRACT(YEAR FROM {0})::int * 12 + EXTRACT(MONTH FROM {0})::int - 1)"
        floor = "FLOOR({0})::int"
    else:
        month = (
            "(CAST(strftime('%%Y', {0}) AS INTEGER) * 12 "
            "+ CAST(strftime('%%m', {0}) AS INTEGER) - 1)"
        )
        floor = "(CAST({0} AS INTEGER) - (({0}) < CAST({0} AS INTEGER)))"
    key = (
        "level, cx, cy, synthetic, event_type, start_month, end_month, n, killed, sum_lon, sum_lat"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO events_mapgridentry (incident_id, synthetic, event_type, start_month, "
            f"end_month, lon, lat, killed) SELECT id, synthetic, event_type, "
            f"{month.format('date_start')}, {month.format('date_end')}, ST_X(geom), ST_Y(geom), "
            "COALESCE(fatalities_best, 0) FROM events_incident "
            "WHERE status = %s AND geom IS NOT NULL",
            ["published"],
        )
        for months, top in (("-1, -1", LEVELS), ("start_month, end_month", MONTH_LEVELS)):
            size = [360.0 / (1 << top) / 4] * floor.count("{0}")
            cursor.execute(
                f"INSERT INTO events_mapgridcell ({key}) SELECT %s, {floor.format('lon / %s')}, "
                f"{floor.format('lat / %s')}, synthetic, event_type, {months}, COUNT(*), "
                "SUM(killed), SUM(lon), SUM(lat) FROM events_mapgridentry "
                "GROUP BY 2, 3, 4, 5, 6, 7",
                [top, *size, *size],
            )
            for level in range(top - 1, -1, -1):
                cursor.execute(
                    f"INSERT INTO events_mapgridcell ({key}) SELECT %s, cx >> 1, cy >> 1, "
                    "synthetic, event_type, start_month, end_month, SUM(n), SUM(killed), "
                    "SUM(sum_lon), SUM(sum_lat) FROM events_mapgridcell WHERE level = %s "
                    f"AND start_month {'=' if top == LEVELS else '<>'} -1 "
                    "GROUP BY 2, 3, 4, 5, 6, 7",
                    [level, level + 1],
                )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0010_spatialite_incident_spatial_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="MapGridEntry",
            fields=[
                ("incident_id", models.IntegerField(primary_key=True, serialize=False)),
                ("synthetic", models.BooleanField()),
                ("event_type", models.CharField(max_length=32)),
                ("start_month", models.IntegerField()),
                ("end_month", models.IntegerField()),
                ("lon", models.FloatField()),
                ("lat", models.FloatField()),
                ("killed", models.IntegerField()),
            ],
        ),
        migrations.CreateModel(
            name="MapGridCell",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("level", models.PositiveSmallIntegerField()),
                ("cx", models.IntegerField()),
                ("cy", models.IntegerField()),
                ("synthetic", models.BooleanField()),
                ("event_type", models.CharField(max_length=32)),
                ("start_month", models.IntegerField()),
                ("end_month", models.IntegerField()),
                ("n", models.IntegerField()),
                ("killed", models.BigIntegerField()),
                ("sum_lon", models.FloatField()),
                ("sum_lat", models.FloatField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=(
                            "level",
                            "cx",
                            "cy",
                            "synthetic",
                            "event_type",
                            "start_month",
                            "end_month",
                        ),
                        name="map_grid_cell_key",
                    )
                ],
                "indexes": [
                    models.Index(
                        fields=["level", "start_month", "cx", "cy"], name="map_grid_cell_dates"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
