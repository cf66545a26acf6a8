from django.db import migrations, models


def render_exports(apps, schema_editor):
    """Fill the export texts (Feature and flat values) of incidents already stored.
    The renderer reads through the current models, so it runs only when there is
    something to render (a new database, migrated from scratch, skips it)."""
    historical = apps.get_model("events", "Incident")
    if not historical.objects.using(schema_editor.connection.alias).exists():
        return
    from events.models import Incident
    from events.services import refresh_incident_features

    refresh_incident_features(incidents=Incident.objects.using(schema_editor.connection.alias))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_feature_json"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name="incident",
                name=f"flat_{name}",
                field=models.TextField(blank=True, default="", editable=False),
            )
            for name in ("claims", "perpetrators", "sources", "targets")
        ),
        migrations.RunPython(render_exports, migrations.RunPython.noop),
    ]
