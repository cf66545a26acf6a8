"""Drop two live indexes that another index already serves.

- ``events_incident.status``: the (status, date_start) index starts with it.
- ``events_attribution.incident_id``: the ``attribution_unique`` constraint
  (incident, actor, role, stance, source) starts with it.

Each cost every imported row a B-tree insert. The indexes are dropped by name, as
the database lists them (events.migration_indexes), so SQLite rebuilds no
table: a rebuilt incident table would lose its SpatiaLite R*Tree (see 0010).
"""

import django.db.models.deletion
from django.db import migrations, models

from events.migration_indexes import index_operations

drop_redundant_indexes, recreate_indexes = index_operations(
    {"incident": ("status",), "attribution": ("incident",)}
)


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
