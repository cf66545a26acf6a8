from django.db import migrations, models
from django.db.models import Count, Min


def drop_unsourced_duplicates(apps, schema_editor):
    """Keep the first of identical unsourced attributions (same incident, actor,
    role and stance, no source), so the new constraint can be made."""
    Attribution = apps.get_model("events", "Attribution")
    using = schema_editor.connection.alias
    groups = (
        Attribution.objects.using(using)
        .filter(source__isnull=True)
        .values("incident", "actor", "role", "stance")
        .annotate(n=Count("id"), first=Min("id"))
        .filter(n__gt=1)
    )
    for group in groups:
        Attribution.objects.using(using).filter(
            source__isnull=True,
            incident=group["incident"],
            actor=group["actor"],
            role=group["role"],
            stance=group["stance"],
        ).exclude(id=group["first"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_flat_export_texts"),
    ]

    operations = [
        migrations.RunPython(drop_unsourced_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="attribution",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source__isnull", True)),
                fields=("incident", "actor", "role", "stance"),
                name="attribution_unique_unsourced",
                violation_error_message="This attribution is already recorded without a source.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="attribution",
            name="attribution_unique",
            constraint=models.UniqueConstraint(
                fields=("incident", "actor", "role", "stance", "source"),
                name="attribution_unique",
                violation_error_message="This source already makes this attribution.",
            ),
        ),
    ]
