"""An incident's sources, casualty claims and attributions: written here only, so
the incident's figures, stored export texts and ``updated_at`` follow."""

from __future__ import annotations

from django.db import transaction

from events.models import Attribution, CasualtyClaim, Source
from events.services.derived import incidents_changed
from events.services.incidents import require_edit_rights


@transaction.atomic
def save_incident_part(*, part, data: dict | None = None, user=None, reason: str | None = None):
    """Create or change a source, casualty claim or attribution (``part``, bound to
    its incident) from validated values. Model validation (a claim's minimum not
    above its maximum, a cited source of the same incident, no duplicate
    attribution) raises ValidationError and writes nothing."""
    require_edit_rights(user=user, incident=part.incident)
    for name, value in (data or {}).items():
        setattr(part, name, value)
    part._history_user = user
    part._change_reason = reason
    part.full_clean()
    part.save()
    incidents_changed(ids=[part.incident_id], figures=isinstance(part, CasualtyClaim))
    return part


def _drop_orphan_twins(source: Source) -> None:
    """The source's attributions lose their source (SET_NULL). One that would then
    repeat an unsourced attribution already recorded goes instead: it would say
    nothing more (Attribution.clean refuses such twins when they are entered)."""
    for attribution in Attribution.objects.filter(source=source):
        if Attribution.objects.filter(
            incident_id=attribution.incident_id,
            actor_id=attribution.actor_id,
            role=attribution.role,
            stance=attribution.stance,
            source__isnull=True,
        ).exists():
            attribution.delete()


@transaction.atomic
def delete_incident_part(*, part, user=None) -> None:
    """Remove a source (with the claims it makes), claim or attribution."""
    require_edit_rights(user=user, incident=part.incident)
    incident_id = part.incident_id
    if isinstance(part, Source):
        _drop_orphan_twins(part)
    part._history_user = user
    part.delete()
    incidents_changed(ids=[incident_id], figures=not isinstance(part, Attribution))
