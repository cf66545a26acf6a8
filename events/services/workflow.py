"""The editors' workflow: draft -> in review -> published -> archived (or back to
draft). Who may take which step is in ``events.permissions``; what makes an
incident ready, and the steps themselves, are here, for every path."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Incident, IncidentStatus
from events.services.derived import incidents_changed
from events.services.incidents import save_validated


class WorkflowError(Exception):
    """A workflow step the user may not take (``forbidden``), or one the incident
    is not ready for or that does not exist."""

    def __init__(self, message: str, *, forbidden: bool = False):
        super().__init__(message)
        self.forbidden = forbidden


def publication_problems(*, incident: Incident) -> list[str]:
    """What stops an incident from going to review or to the public."""
    problems = []
    if incident.geom is None:
        problems.append(_("it has no location (pick a place or put a point on the map)"))
    if not incident.sources.exists():
        problems.append(_("it has no source"))
    return problems


def _set_status(*, incident: Incident, status: str, user, reason: str) -> Incident:
    """``incident`` is the stored row (its status the one before this step)."""
    was_public = incident.status == IncidentStatus.PUBLISHED
    incident.status = status
    if status == IncidentStatus.PUBLISHED and incident.published_at is None:
        incident.published_at = timezone.now()
    save_validated(incident, user=user, reason=reason)
    # Unpublished or archived: the public answers that showed it are stale.
    incidents_changed(ids=[incident.pk], figures=False, was_public=was_public)
    return incident


@transaction.atomic
def transition_incident(
    *, incident: Incident, transition: str, user, reason: str | None = None, system: bool = False
) -> Incident:
    """Take the workflow step ``transition`` (events.permissions.TRANSITIONS) if
    ``user`` may (``system``: a loader acting for the project itself) and the
    incident is ready. The step's message, with ``reason`` if given, is recorded
    as the change reason in the incident's history."""
    from events.permissions import TRANSITIONS, transition_allowed

    # Work on the stored row: the caller's copy may predate changes saved since.
    incident.refresh_from_db()
    step = TRANSITIONS.get(transition)
    if step is None:
        raise WorkflowError(_("Unknown workflow step %(step)r.") % {"step": transition})
    if incident.status not in step.sources or not (
        system or transition_allowed(user, incident, step)
    ):
        raise WorkflowError(
            _("You may not %(step)s this incident while it is %(status)s.")
            % {"step": step.label, "status": incident.get_status_display().lower()},
            forbidden=incident.status in step.sources,
        )
    if step.target in (IncidentStatus.REVIEW, IncidentStatus.PUBLISHED):
        problems = publication_problems(incident=incident)
        if problems:
            raise WorkflowError(
                _("Cannot %(step)s: %(problems)s.")
                % {"step": step.label, "problems": _("; ").join(problems)}
            )
    message = f"{step.message}: {reason}" if reason else step.message
    return _set_status(incident=incident, status=step.target, user=user, reason=message)


def transition_for(current: str, target: str) -> str | None:
    """The name of the one workflow step from status ``current`` to ``target``."""
    from events.permissions import TRANSITIONS

    for name, step in TRANSITIONS.items():
        if step.target == target and current in step.sources:
            return name
    return None


def transition_to(*, incident: Incident, status: str, user, reason: str | None = None) -> Incident:
    """Move ``incident`` to ``status`` by the workflow step that leads there."""
    if status == incident.status:
        return incident
    name = transition_for(incident.status, status)
    if name is None:
        raise WorkflowError(
            _("An incident %(status)s cannot go to “%(target)s” in one step.")
            % {
                "status": incident.get_status_display().lower(),
                "target": IncidentStatus(status).label.lower(),
            }
            if status in IncidentStatus.values
            else _("Unknown status %(status)r.") % {"status": status}
        )
    return transition_incident(incident=incident, transition=name, user=user, reason=reason)


@transaction.atomic
def delete_or_archive_incident(*, incident: Incident, user) -> str:
    """Delete an incident that was never published; archive one that was, so a public
    record never vanishes. Returns ``"deleted"`` or ``"archived"``."""
    from events.permissions import can_delete_incident

    incident.refresh_from_db()
    if not can_delete_incident(user, incident):
        raise WorkflowError(_("You may not delete this incident."), forbidden=True)
    if incident.published_at is None and incident.status != IncidentStatus.PUBLISHED:
        incident._history_user = user
        incident.delete()
        return "deleted"
    if incident.status != IncidentStatus.ARCHIVED:
        _set_status(
            incident=incident,
            status=IncidentStatus.ARCHIVED,
            user=user,
            reason="Archived instead of deleted",
        )
    return "archived"
