"""Source addresses: http and https only (issue 12, finding 5).

Existing addresses with another scheme (``javascript:``, ``data:``, ``ftp:``…) are
emptied before the check constraint is added; their earlier values stay in the
sources' history. Uses only the migration state's models, no live code."""

import django.core.validators
from django.db import migrations, models


def empty_non_web_urls(apps, schema_editor):
    Source = apps.get_model("events", "Source")
    (
        Source.objects.exclude(url="")
        .exclude(url__istartswith="http://")
        .exclude(url__istartswith="https://")
        .update(url="")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_render_version_limits"),
    ]

    operations = [
        migrations.RunPython(empty_non_web_urls, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="historicalsource",
            name="url",
            field=models.URLField(
                blank=True,
                help_text="http:// or https:// only.",
                max_length=500,
                validators=[
                    django.core.validators.URLValidator(
                        message="Enter a web address starting with http:// or https://.",
                        schemes=["http", "https"],
                    )
                ],
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="url",
            field=models.URLField(
                blank=True,
                help_text="http:// or https:// only.",
                max_length=500,
                validators=[
                    django.core.validators.URLValidator(
                        message="Enter a web address starting with http:// or https://.",
                        schemes=["http", "https"],
                    )
                ],
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("url", ""),
                    ("url__istartswith", "http://"),
                    ("url__istartswith", "https://"),
                    _connector="OR",
                ),
                name="source_url_web_scheme",
                violation_error_message="Enter a web address starting with http:// or https://.",
            ),
        ),
    ]
