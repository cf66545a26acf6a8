"""Creating and changing incidents: the one way every path (admin, REST API,
importers, loaders) writes an incident's own fields."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.models import Incident, IncidentStatus
from events.models.incidents import DERIVED_FIELDS
from events.services.derived import incidents_changed
from events.validation import point_problem

CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
# Changed only by the workflow (events.services.workflow), never by an edit.
WORKFLOW_FIELDS = ("status", "published_at", "created_by_id")
NOT_EDITABLE = frozenset({"id", "pk", "created_at", "created_by", *WORKFLOW_FIELDS}) | (
    DERIVED_FIELDS
)


def incident_code_candidate(*, day: dt.date) -> str:
    """A random code in the public format, not yet checked against the database: six
    characters drawn uniformly from CODE_ALPHABET, as the digits of one random
    number (one call to the system's random source, not six)."""
    base = len(CODE_ALPHABET)
    number = secrets.randbelow(base**6)
    suffix = []
    for _i in range(6):
        number, digit = divmod(number, base)
        suffix.append(CODE_ALPHABET[digit])
    return f"{day.isoformat()}-{''.join(suffix)}"


def generate_incident_code(*, day: dt.date) -> str:
    """A stable, URL-safe public code such as ``2017-10-23-k7m2qx``."""
    while True:
        code = incident_code_candidate(day=day)
        if not Incident.objects.filter(code=code).exists():
            return code


def require_edit_rights(*, user, incident: Incident | None) -> None:
    """``user`` None is the system itself (loaders, migrations)."""
    from events.permissions import can_edit_incident

    if user is not None and not can_edit_incident(user, incident):
        raise PermissionDenied(_("You may not edit this incident."))


def _refuse_protected(data: dict) -> None:
    # A non-point cannot even be assigned to the point field: check it first.
    problem = point_problem(data.get("geom"))
    if problem:
        raise ValidationError({"geom": problem})
    protected = sorted(set(data) & NOT_EDITABLE)
    if protected:
        message = _("This is set by the workflow or derived; it cannot be edited.")
        raise ValidationError({name: message for name in protected})


def save_validated(incident: Incident, *, user, reason: str | None) -> None:
    """Validate and save with the history's author and reason."""
    incident._history_user = user
    incident._change_reason = reason
    try:
        incident.full_clean()
        incident.save()
    finally:
        incident.__dict__.pop("_change_reason", None)


@transaction.atomic
def create_incident(*, data: dict, user=None, reason: str | None = None) -> Incident:
    """A new draft incident from field values (publishing is a workflow step:
    ``events.services.workflow``). Raises ValidationError (nothing written) for
    impossible values, PermissionDenied if ``user`` may not create incidents."""
    values = dict(data)
    values.pop("status", None)
    _refuse_protected(values)
    require_edit_rights(user=user, incident=None)
    if values.get("date_start") and not values.get("date_end"):
        values["date_end"] = values["date_start"]
    if not values.get("code") and values.get("date_start"):
        values["code"] = generate_incident_code(day=values["date_start"])
    try:
        incident = Incident(**values, status=IncidentStatus.DRAFT, created_by=user)
    except TypeError as exc:
        raise ValidationError(str(exc)) from None
    save_validated(incident, user=user, reason=reason or "Created")
    incidents_changed(ids=[incident.pk])
    return incident


@transaction.atomic
def update_incident(
    *, incident: Incident, data: dict, user=None, reason: str | None = None
) -> Incident:
    """Change an incident's own fields. A ``status`` in ``data`` is a workflow step
    (``transition_to``), taken after the edit and with its rules. The workflow
    fields are restored from the stored row first, so no edit (nor a revert to an
    old version) changes them."""
    from events.services.workflow import transition_to

    values = dict(data)
    status = values.pop("status", None)
    _refuse_protected(values)
    require_edit_rights(user=user, incident=incident)
    if "code" in values and incident.pk and values["code"] != _stored(incident)["code"]:
        raise ValidationError({"code": _("The public code cannot change.")})
    if values:
        for name, value in _stored(incident, *WORKFLOW_FIELDS).items():
            setattr(incident, name, value)
        for name, value in values.items():
            setattr(incident, name, value)
        save_validated(incident, user=user, reason=reason or "Edited")
        incidents_changed(ids=[incident.pk], figures=False)
    if status and status != incident.status:
        transition_to(incident=incident, status=status, user=user, reason=reason)
    return incident


def _stored(incident: Incident, *fields: str) -> dict:
    return Incident.objects.filter(pk=incident.pk).values(*(fields or ("code",))).first() or {}
