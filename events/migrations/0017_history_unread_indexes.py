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

from events.migration_indexes import index_operations

UNREAD = {
    "historicalattribution": ("actor", "source"),
    "historicalcasualtyclaim": ("source",),
    "historicalincident": ("code", "created_by", "external_id", "place"),
}


drop_unread_indexes, create_unread_indexes = index_operations(UNREAD)


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
