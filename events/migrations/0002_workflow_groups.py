"""Editor and Reviewer groups with their permissions (events.permissions), and the
custom ``events.publish_incident`` permission. Data only: no schema change."""

from django.db import migrations


def create_groups(apps, schema_editor):
    from events.permissions import sync_workflow_groups

    sync_workflow_groups(apps)


def remove_groups(apps, schema_editor):
    from events.permissions import EDITOR_GROUP, PUBLISH_CODENAME, REVIEWER_GROUP

    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR_GROUP, REVIEWER_GROUP]).delete()
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="events", codename=PUBLISH_CODENAME
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
