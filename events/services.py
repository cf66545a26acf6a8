"""Write-side operations (HackSoft styleguide): keyword-only, transactional."""

from __future__ import annotations

import datetime as dt
import secrets
import statistics

from django.db import connections, transaction
from django.utils import timezone

from events.models import ClaimOutcome, Incident, IncidentStatus

CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def incident_code_candidate(*, day: dt.date) -> str:
    """A random code in the public format, not yet checked against the database."""
    suffix = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
    return f"{day.isoformat()}-{suffix}"


def generate_incident_code(*, day: dt.date) -> str:
    """A stable, URL-safe public code such as ``2017-10-23-k7m2qx``."""
    while True:
        code = incident_code_candidate(day=day)
        if not Incident.objects.filter(code=code).exists():
            return code


def _source_totals(claims, outcome: str) -> list[tuple[int, int | None]]:
    """Per source, the (min, max) sum over populations of one outcome."""
    per_source: dict[int, tuple[int, int | None]] = {}
    for claim in claims:
        if claim.outcome != outcome:
            continue
        lo, hi = per_source.get(claim.source_id, (0, 0))
        hi = None if hi is None or claim.max_value is None else hi + claim.max_value
        per_source[claim.source_id] = (lo + claim.min_value, hi)
    return list(per_source.values())


def casualty_figures(claims) -> dict[str, int | None]:
    """Derive an incident's figures from its claims without merging them.

    Each source's claims are summed over populations. ``low`` is the lowest minimum
    any source gives, ``high`` the highest figure any source gives (its maximum, or
    its minimum when open-ended), ``best`` the median of the sources' central
    values (midpoint of a range; the minimum when open-ended). The claims
    themselves stay separate; these are summaries for sorting and sizing.
    """
    figures: dict[str, int | None] = {}
    killed = _source_totals(claims, ClaimOutcome.KILLED)
    if killed:
        figures["fatalities_low"] = min(lo for lo, _ in killed)
        figures["fatalities_high"] = max(hi if hi is not None else lo for lo, hi in killed)
        centres = [lo if hi is None else (lo + hi) / 2 for lo, hi in killed]
        figures["fatalities_best"] = int(statistics.median(centres))
    else:
        figures.update(fatalities_low=None, fatalities_high=None, fatalities_best=None)
    injured = _source_totals(claims, ClaimOutcome.INJURED)
    if injured:
        figures["injured_low"] = min(lo for lo, _ in injured)
        figures["injured_high"] = max(hi if hi is not None else lo for lo, hi in injured)
    else:
        figures.update(injured_low=None, injured_high=None)
    return figures


def refresh_casualty_figures(*, incident: Incident) -> Incident:
    figures = casualty_figures(list(incident.claims.all()))
    Incident.objects.filter(pk=incident.pk).update(**figures)
    for name, value in figures.items():
        setattr(incident, name, value)
    return incident


FEATURE_BATCH = 2000


def _store(renderings: list, *, using: str) -> None:
    # executemany (pipelined on psycopg). Binding the texts as text[] parameters
    # instead would make psycopg's client-side quoting walk every character in
    # Python (3x slower).
    from events.exports.stored import STORED_COLUMNS

    connection = connections[using]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column)} = %s" for column in STORED_COLUMNS)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(Incident._meta.db_table)} SET {assignments} WHERE id = %s",
            [(*texts, pk) for pk, *texts in renderings],
        )


@transaction.atomic
def refresh_incident_features(*, incidents) -> int:
    """Re-render what every incident of the queryset ``incidents`` keeps for
    exports (``events.exports.stored``: its GeoJSON Feature and flat texts);
    return how many. Call it after any write the signals do not see
    (bulk_create, queryset.update)."""
    from events.exports.stored import renderings

    using = incidents.db
    ids = list(incidents.order_by().values_list("pk", flat=True))
    for start in range(0, len(ids), FEATURE_BATCH):
        chunk = Incident.objects.using(using).filter(pk__in=ids[start : start + FEATURE_BATCH])
        rendered = list(renderings(chunk, chunk_size=FEATURE_BATCH))
        if rendered:
            _store(rendered, using=using)
    return len(ids)


def _touch_incident(incident_id: int) -> None:
    # Mirrors sync on updated_at (``updated_since``): a changed part changes the
    # incident. Done before the part is written, so the re-rendered export texts
    # carry the new time.
    Incident.objects.filter(pk=incident_id).update(updated_at=timezone.now())


@transaction.atomic
def save_incident_part(*, part, data: dict):
    """Create or change a source, casualty claim or attribution (``part``, bound to
    its incident) from validated values. Model validation (a claim's minimum not
    above its maximum, a cited source of the same incident, no duplicate
    attribution) raises ValidationError and writes nothing. The casualty figures
    and the stored export texts follow through the signals."""
    for name, value in data.items():
        setattr(part, name, value)
    part.full_clean()
    _touch_incident(part.incident_id)
    part.save()
    return part


@transaction.atomic
def delete_incident_part(*, part) -> None:
    """Remove a source (with the claims it makes), claim or attribution."""
    _touch_incident(part.incident_id)
    part.delete()


@transaction.atomic
def set_incident_status(*, incident: Incident, status: str, user=None) -> Incident:
    incident.status = status
    if status == IncidentStatus.PUBLISHED and incident.published_at is None:
        incident.published_at = timezone.now()
    incident.full_clean()
    incident.save()
    return incident


# --- editors' workflow ------------------------------------------------------------


class WorkflowError(Exception):
    """A workflow step the user may not take, or an incident not ready for it."""


def publication_problems(*, incident: Incident) -> list[str]:
    """What stops an incident from going to review or to the public."""
    problems = []
    if incident.geom is None:
        problems.append("it has no location (pick a place or put a point on the map)")
    if not incident.sources.exists():
        problems.append("it has no source")
    return problems


@transaction.atomic
def transition_incident(*, incident: Incident, transition: str, user) -> Incident:
    """Move an incident along draft -> in review -> published -> archived (or back to
    draft), if ``user`` may (events.permissions) and the incident is ready."""
    from events.permissions import TRANSITIONS, transition_allowed

    # Work on the stored row: the caller's copy may predate changes saved since
    # (e.g. casualty figures refreshed when claims were saved).
    incident.refresh_from_db()
    step = TRANSITIONS.get(transition)
    if step is None:
        raise WorkflowError(f"Unknown workflow step {transition!r}.")
    if not transition_allowed(user, incident, step):
        raise WorkflowError(
            f"You may not {step.label} this incident while it is "
            f"{incident.get_status_display().lower()}."
        )
    if step.target in (IncidentStatus.REVIEW, IncidentStatus.PUBLISHED):
        problems = publication_problems(incident=incident)
        if problems:
            raise WorkflowError(f"Cannot {step.label}: {'; '.join(problems)}.")
    incident._history_user = user
    incident._change_reason = step.message
    return set_incident_status(incident=incident, status=step.target, user=user)


@transaction.atomic
def delete_or_archive_incident(*, incident: Incident, user) -> str:
    """Delete an incident that was never published; archive one that was, so a public
    record never vanishes. Returns ``"deleted"`` or ``"archived"``."""
    from events.permissions import can_delete_incident

    incident.refresh_from_db()
    if not can_delete_incident(user, incident):
        raise WorkflowError("You may not delete this incident.")
    if incident.published_at is None and incident.status != IncidentStatus.PUBLISHED:
        incident._history_user = user
        incident.delete()
        return "deleted"
    if incident.status != IncidentStatus.ARCHIVED:
        incident._history_user = user
        incident._change_reason = "Archived instead of deleted"
        set_incident_status(incident=incident, status=IncidentStatus.ARCHIVED, user=user)
    return "archived"


@transaction.atomic
def create_incident(*, data: dict, user=None) -> Incident:
    """A new incident from validated field values. It starts as a draft whatever
    ``data`` says; publishing is a separate step (``set_incident_status``)."""
    values = {k: v for k, v in data.items() if k != "status"}
    if not values.get("date_end"):
        values["date_end"] = values["date_start"]
    if not values.get("code"):
        values["code"] = generate_incident_code(day=values["date_start"])
    incident = Incident(**values, status=IncidentStatus.DRAFT, created_by=user)
    incident.full_clean()
    incident.save()
    return incident


@transaction.atomic
def update_incident(*, incident: Incident, data: dict, user=None) -> Incident:
    """Change an incident's fields; a status change goes through
    ``set_incident_status`` (the caller checks who may make it)."""
    status = data.get("status")
    for name, value in data.items():
        if name != "status":
            setattr(incident, name, value)
    incident.full_clean()
    incident.save()
    if status and status != incident.status:
        set_incident_status(incident=incident, status=status, user=user)
    return incident
