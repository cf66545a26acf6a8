"""Template filters that show incidents honestly: dates at the precision they
are known, each source's claims apart, attributions with who makes them."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from events import display
from events.models import ClaimOutcome, LocationPrecision
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
        within = (
            _("%(km)s km") % {"km": f"{radius / 1000:g}"}
            if radius >= 1000
            else _("%(m)s m") % {"m": radius}
        )
        return _("%(precision)s precision; within about %(distance)s of the point") % {
            "precision": label,
            "distance": within,
        }
    nominal = NOMINAL_RADIUS_M.get(incident.location_precision)
    if nominal:
        return _("%(precision)s precision; no radius recorded (the map draws %(km)s km)") % {
            "precision": label,
            "km": f"{nominal / 1000:g}",
        }
    if incident.location_precision == LocationPrecision.EXACT:
        return _("Exact point")
    return _("%(precision)s precision only; the point stands for the whole area") % {
        "precision": label
    }


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
    """Who makes an attribution, and how firmly: 'alleged by SOHR via AFP'
    (events.display.attribution_basis)."""
    source = str(attribution.source) if attribution.source else ""
    return display.attribution_basis(stance=attribution.stance, source=source)


@register.filter
def local_name(obj) -> str:
    """An actor's or a place's name in the page's language, the other form on hover
    (events.display.name_html): <bdi lang="ar" title="Al-Qusur">القصور</bdi>."""
    return display.name_html(obj.name, getattr(obj, "name_ar", "")) if obj else ""


@register.filter
def local_name_bracketed(obj) -> str:
    """As ``local_name``, with the other form in brackets after it."""
    if obj is None:
        return ""
    return display.name_html(obj.name, getattr(obj, "name_ar", ""), bracketed=True)


@register.filter
def text_lang(text) -> str:
    """The language of an editor's text by its script, for a ``lang`` attribute:
    "ar" for Arabic letters, else "en" (events.display.script_language)."""
    return display.script_language(str(text or ""))


@register.filter
def place_path(place) -> str:
    """The place and its governorate in the page's language (events.display.place_path)."""
    return display.place_path(place) if place else ""


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
