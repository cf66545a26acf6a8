"""Test accounts in the workflow groups (created by migration 0002_workflow_groups)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from events.permissions import EDITOR_GROUP, REVIEWER_GROUP

PASSWORD = "test-pass-5829-unique"


def make_user(username: str, *groups: str):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_editor(username: str = "editor_test"):
    return make_user(username, EDITOR_GROUP)


def make_reviewer(username: str = "reviewer_test"):
    return make_user(username, REVIEWER_GROUP)
