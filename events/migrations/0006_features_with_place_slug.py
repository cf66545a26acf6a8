from django.db import migrations


def forget_stored_features(apps, schema_editor):
    """Stored Features written before the shared property schema (events.properties)
    name the place the old way ("place" = name, "place_ar"). Emptied, they are
    rendered again as the exports read them (and by the next feature refresh)."""
    incident = apps.get_model("events", "Incident")
    incident.objects.using(schema_editor.connection.alias).exclude(feature_json="").update(
        feature_json=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_attribution_unique_message"),
    ]

    operations = [
        migrations.RunPython(forget_stored_features, migrations.RunPython.noop),
    ]
