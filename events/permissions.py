"""Who may do what to an incident: the Editor and Reviewer roles and the workflow.

Roles are Django groups (created by migration 0002_workflow_groups):

- **Editor**: creates incidents, edits their own drafts (with sources, claims and
  attributions), submits them for review, deletes their own never-published drafts.
  Reads everything else in the admin, including places, actors and control zones.
- **Reviewer**: everything an Editor may do, on every incident in any status, plus
  publish, archive and return to draft; manages control zones, places and actors.

The Reviewer's extra power is the custom permission ``events.publish_incident``;
superusers have every permission.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from events.models import IncidentStatus

EDITOR_GROUP = "Editor"
REVIEWER_GROUP = "Reviewer"
PUBLISH_PERMISSION = "events.publish_incident"
PUBLISH_CODENAME = "publish_incident"
PUBLISH_NAME = "Can publish, archive and edit any incident"

# Model permissions per group (codename action -> models). Reviewers also get
# PUBLISH_CODENAME. Kept here so the migration and the tests agree.
CONTENT = ("incident", "source", "casualtyclaim", "attribution")
REFERENCE = ("place", "placename", "actor", "controlzone")
GROUP_PERMISSIONS = {
    EDITOR_GROUP: {
        **{model: ("add", "change", "delete", "view") for model in CONTENT},
        **{model: ("view",) for model in REFERENCE},
    },
    REVIEWER_GROUP: {
        **{model: ("add", "change", "delete", "view") for model in CONTENT + REFERENCE},
    },
}


def sync_workflow_groups(apps=None) -> None:
    """Create or update the Editor and Reviewer groups and their permissions.
    ``apps`` is the migration state's registry (or the live one by default)."""
    if apps is None:
        from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    app_config = apps.get_app_config("events")
    # Permissions normally appear after migrate (post_migrate); make them now.
    app_config.models_module = getattr(app_config, "models_module", None) or True
    create_contenttypes(app_config, apps=apps, verbosity=0)
    create_permissions(app_config, apps=apps, verbosity=0)

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    incident_type = ContentType.objects.get(app_label="events", model="incident")
    publish, _ = Permission.objects.get_or_create(
        content_type=incident_type, codename=PUBLISH_CODENAME, defaults={"name": PUBLISH_NAME}
    )
    for group_name, models in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = [
            Permission.objects.get(
                content_type__app_label="events",
                content_type__model=model,
                codename=f"{action}_{model}",
            )
            for model, actions in models.items()
            for action in actions
        ]
        if group_name == REVIEWER_GROUP:
            wanted.append(publish)
        group.permissions.set(wanted)


# --- checks ----------------------------------------------------------------------


def is_reviewer(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def can_view_unpublished(user) -> bool:
    """Editors and Reviewers may preview drafts on the public pages; nobody else."""
    return bool(user and user.is_authenticated and user.has_perm("events.view_incident"))


def can_edit_incident(user, incident=None) -> bool:
    """Reviewers edit every incident; Editors only their own drafts. With no incident,
    whether the user may edit incidents at all."""
    if not (user and user.is_active and user.has_perm("events.change_incident")):
        return False
    if incident is None or incident.pk is None or is_reviewer(user):
        return True
    return incident.status == IncidentStatus.DRAFT and incident.created_by_id == user.pk


def can_delete_incident(user, incident=None) -> bool:
    """Deleting a published incident archives it (see services), so only Reviewers may;
    Editors may delete their own drafts that were never published."""
    if not (user and user.is_active and user.has_perm("events.delete_incident")):
        return False
    if incident is None or is_reviewer(user):
        return True
    return can_edit_incident(user, incident) and incident.published_at is None


# --- workflow --------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    name: str
    label: str  # the step in words, translated: "publish"
    sources: tuple[str, ...]
    target: str
    reviewer_only: bool
    # Recorded as the change reason in the history, so stored in English; shown
    # to people through gettext (marked with gettext_noop for the catalogue).
    message: str
    button: str = ""  # the admin's button, translated: "Save and publish"


TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "submit",
            _("submit for review"),
            (IncidentStatus.DRAFT,),
            IncidentStatus.REVIEW,
            reviewer_only=False,
            message=gettext_noop("Submitted for review"),
            button=_("Save and submit for review"),
        ),
        Transition(
            "publish",
            _("publish"),
            (IncidentStatus.DRAFT, IncidentStatus.REVIEW),
            IncidentStatus.PUBLISHED,
            reviewer_only=True,
            message=gettext_noop("Published"),
            button=_("Save and publish"),
        ),
        Transition(
            "return",
            _("return to draft"),
            (IncidentStatus.REVIEW, IncidentStatus.PUBLISHED, IncidentStatus.ARCHIVED),
            IncidentStatus.DRAFT,
            reviewer_only=True,
            message=gettext_noop("Returned to draft"),
            button=_("Save and return to draft"),
        ),
        Transition(
            "archive",
            _("archive"),
            (IncidentStatus.DRAFT, IncidentStatus.REVIEW, IncidentStatus.PUBLISHED),
            IncidentStatus.ARCHIVED,
            reviewer_only=True,
            message=gettext_noop("Archived"),
            button=_("Save and archive"),
        ),
    )
}


def transition_allowed(user, incident, transition: Transition) -> bool:
    if incident.status not in transition.sources:
        return False
    if transition.reviewer_only:
        return is_reviewer(user)
    return can_edit_incident(user, incident)


def allowed_transitions(user, incident) -> list[Transition]:
    if incident is None or incident.pk is None:
        candidates = [TRANSITIONS["submit"], TRANSITIONS["publish"]]
        return [
            t
            for t in candidates
            if (is_reviewer(user) if t.reviewer_only else can_edit_incident(user))
        ]
    return [t for t in TRANSITIONS.values() if transition_allowed(user, incident, t)]
