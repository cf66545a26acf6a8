from django.db import migrations, models


class Migration(migrations.Migration):
    # The new column is filled by 0004's render_exports, which renders every stored
    # text at once (rendering here would write columns 0004 has not added yet).
    dependencies = [
        ("events", "0002_workflow_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="incident",
            name="feature_json",
            field=models.TextField(blank=True, default="", editable=False),
        ),
    ]
