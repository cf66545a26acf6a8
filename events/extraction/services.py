"""Saving a reviewed report draft: one incident (status draft) with its sources,
their casualty claims and the attributions, all through events.services in one
transaction, so a failure writes nothing."""

from __future__ import annotations

from django.db import transaction

from events.models import Attribution, AttributionRole, CasualtyClaim, Incident, Source
from events.services import create_incident, save_incident_part

STANCE_OF = {
    "accused": "alleged",
    "claimed": "claimed",
    "denied": "denied",
    "confirmed": "confirmed",
}


@transaction.atomic
def save_report_draft(
    *, incident: dict, sources: list[dict], allegations: list[dict], user
) -> Incident:
    """``incident``: Incident field values; ``sources``: dicts of Source field values
    plus ``claims`` (CasualtyClaim field values); ``allegations``: dicts with
    ``actor`` (an Actor), ``stance`` and ``source`` (an index into ``sources`` or
    None). Raises ValidationError (and writes nothing) when a value is refused."""
    reason = "Created from a report (New incident from a report)"
    created = create_incident(data=incident, user=user, reason=reason)
    saved = []
    for values in sources:
        claims = values.get("claims", [])
        fields = {k: v for k, v in values.items() if k != "claims"}
        src = save_incident_part(
            part=Source(incident=created), data=fields, user=user, reason=reason
        )
        for claim in claims:
            save_incident_part(
                part=CasualtyClaim(incident=created, source=src),
                data=claim,
                user=user,
                reason=reason,
            )
        saved.append(src)
    for values in allegations:
        index = values.get("source")
        save_incident_part(
            part=Attribution(incident=created),
            data={
                "actor": values["actor"],
                "role": AttributionRole.PERPETRATOR,
                "stance": values["stance"],
                "source": saved[index] if index is not None else None,
                "note": values.get("note", ""),
            },
            user=user,
            reason=reason,
        )
    created.refresh_from_db()
    return created
