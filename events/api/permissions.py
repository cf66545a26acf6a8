"""Who may do what through the API.

Publishing (setting an incident's status to published or archived) needs the
``events.publish_incident`` permission, and editing follows the same roles as the
admin (events.permissions: Editors edit only their own drafts). Superusers hold
every permission.
"""

from django.utils.translation import gettext as _
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from events.models import IncidentStatus
from events.permissions import PUBLISH_PERMISSION, can_edit_incident

__all__ = [
    "PUBLISHER_STATUSES",
    "PUBLISH_PERMISSION",
    "can_edit_incident",
    "can_publish",
    "require_edit_rights",
]
# Statuses only a publisher may set.
PUBLISHER_STATUSES = {IncidentStatus.PUBLISHED, IncidentStatus.ARCHIVED}


def require_edit_rights(user, incident) -> None:
    """403 unless ``user`` may edit ``incident`` (and so its sources, claims and
    attributions)."""
    if not can_edit_incident(user, incident):
        raise PermissionDenied(
            _("Editors may change only their own drafts; Reviewers may change any incident.")
        )


def can_publish(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


class ReadOnlyOrStaffEditor(BasePermission):
    """Anyone may read; writing needs an active staff account holding the model's
    add/change permission (the same an editor needs in the admin)."""

    actions = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        if not is_staff(user):
            return False
        action = self.actions.get(request.method)
        if action is None:
            return False
        model = view.get_queryset().model
        return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
