"""Template filters that show incidents honestly: dates at the precision they
are known, each source's claims apart, attributions with who makes them."""

from __future__ import annotations

from django import template

from events import display
from events.models import (
    AttributionStance,
    ClaimOutcome,
    LocationPrecision,
)
from events.weblinks import is_web_url

register = template.Library()

# Nominal radius drawn for a location known only to this precision when no
# uncertainty radius was recorded (metres). Wider precisions get no circle:
# the marker is flagged as imprecise instead. Mirrored in static/js/map.js.
NOMINAL_RADIUS_M = {
    LocationPrecision.NEIGHBOURHOOD: 1000,
    LocationPrecision.TOWN: 3000,
    LocationPrecision.DISTRICT: 15000,
}


@register.filter
def incident_date(incident) -> str:
    """The incident's dates at their precision (events.display.date_label)."""
    return display.date_label(incident.date_start, incident.date_end, incident.date_precision)


@register.filter
def day(value) -> str:
    """A calendar day, '23 October 2017' (events.display.day_label)."""
    return display.day_label(value) if value else ""


@register.filter
def location_summary(incident) -> str:
    """How exactly the point is known, in words."""
    label = incident.get_location_precision_display()
    if incident.uncertainty_m:
        radius = incident.uncertainty_m
        within = f"{radius / 1000:g} km" if radius >= 1000 else f"{radius} m"
        return f"{label} precision; within about {within} of the point"
    nominal = NOMINAL_RADIUS_M.get(incident.location_precision)
    if nominal:
        return f"{label} precision; no radius recorded (the map draws {nominal / 1000:g} km)"
    if incident.location_precision == LocationPrecision.EXACT:
        return "Exact point"
    return f"{label} precision only; the point stands for the whole area"


@register.filter
def claims_by_source(incident) -> list[dict]:
    """One row per source with its killed and injured claims side by side."""
    rows: dict[int, dict] = {}
    for claim in incident.claims.all():
        row = rows.setdefault(
            claim.source_id, {"source": claim.source, "killed": [], "injured": []}
        )
        key = "killed" if claim.outcome == ClaimOutcome.KILLED else "injured"
        row[key].append(claim)
    return [rows[source_id] for source_id in sorted(rows)]


@register.filter
def attribution_basis(attribution) -> str:
    """Who makes an attribution, and how firmly: 'alleged by SOHR via AFP'."""
    source = str(attribution.source) if attribution.source else ""
    if attribution.stance == AttributionStance.CLAIMED:
        return f"claimed by the actor{f' (reported by {source})' if source else ''}"
    stance = attribution.get_stance_display().lower()
    return f"{stance} by {source}" if source else f"{stance} (no source recorded)"


@register.filter
def perpetrators(incident) -> list:
    return [a for a in incident.attributions.all() if a.role == "perpetrator"]


@register.filter
def by_actor(attributions) -> list[tuple]:
    """Attributions grouped by actor, in first-seen order: [(actor, [attribution, …])],
    so an actor alleged by several sources is named once."""
    groups: dict[int, tuple] = {}
    for attribution in attributions:
        groups.setdefault(attribution.actor_id, (attribution.actor, []))[1].append(attribution)
    return list(groups.values())


@register.filter
def targets(incident) -> list:
    return [a for a in incident.attributions.all() if a.role == "target"]


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def web_link(url) -> str:
    """``url`` if it may be a link (http or https, events.weblinks), else ""."""
    return url if is_web_url(url) else ""
