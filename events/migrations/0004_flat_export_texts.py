from django.db import migrations, models


def render_exports(apps, schema_editor):
    """Nothing to do here: rows whose stored texts are missing or of an older render
    version are rendered on export and by ``manage.py refresh_features``. (This
    migration once called the live models and services, which breaks as soon as
    the model gains a column; data migrations use only the historical models.)"""


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
