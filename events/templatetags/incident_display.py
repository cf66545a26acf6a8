"""Template filters that show incidents honestly: dates at the precision they
are known, each source's claims apart, attributions with who makes them."""

from __future__ import annotations

from django import template
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from events import display
from events.models import AttributionStance, ClaimOutcome, LocationPrecision
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
    return display.digits(
        display.date_label(incident.date_start, incident.date_end, incident.date_precision)
    )


@register.filter
def day(value) -> str:
    """A calendar day, '23 October 2017' (events.display.day_label)."""
    return display.digits(display.day_label(value)) if value else ""


@register.filter
def num(value) -> str:
    """A number (or text with numbers) in the reader's digits (events.display.digits)."""
    return "" if value is None else display.digits(value)


@register.filter
def user_text(text):
    """A text an editor or a source wrote (title, summary, claim wording, quote),
    isolated for bidi and marked with the language its script shows."""
    if not text:
        return ""
    lang = display.text_lang(text)
    if not lang:
        return format_html('<span dir="auto">{}</span>', text)
    return format_html('<span lang="{}" dir="auto">{}</span>', lang, text)


@register.filter
def lang_attrs(text):
    """' lang="en" dir="auto"' for an element holding a user's text (a <q>, say),
    so the element itself, quotes included, takes the text's language."""
    lang = display.text_lang(text or "")
    if not lang:
        return mark_safe(' dir="auto"')
    return format_html(' lang="{}" dir="auto"', lang)


@register.filter
def local_name(item):
    """A place's or actor's name in the reader's language (the Arabic form in
    Arabic where known) with the other form on hover, isolated for bidi."""
    if item is None:
        return ""
    name, name_ar = item.name, getattr(item, "name_ar", "") or ""
    shown, other = display.local_name(name, name_ar), display.other_name(name, name_ar)
    lang = display.text_lang(shown) or "en"
    if other:
        return format_html('<bdi lang="{}" title="{}">{}</bdi>', lang, other, shown)
    return format_html('<bdi lang="{}">{}</bdi>', lang, shown)


@register.filter
def place_name(place):
    """A place in the reader's language, with the town it is in and the other
    script's form beside it: 'القصور، دير الزور · Al-Qusur, Deir ez-Zor'."""
    shown, other = display.place_names(place)
    lang = display.text_lang(shown) or "en"
    if not other:
        return format_html('<bdi lang="{}">{}</bdi>', lang, shown)
    return format_html(
        '<bdi lang="{}">{}</bdi> · <bdi lang="{}" class="other-script">{}</bdi>',
        lang,
        shown,
        display.text_lang(other) or "en",
        other,
    )


@register.filter
def language_label(code) -> str:
    """A language code ('en', 'ar') as its name in the page's language."""
    try:
        return translation.get_language_info(code)["name_translated"]
    except KeyError:
        return code


@register.filter
def source_name(source):
    """A source as 'SOHR via AFP' in the page's language, bidi-isolated."""
    if source is None:
        return ""
    label = display.source_label(source.name, source.reported_via)
    return format_html("<bdi>{}</bdi>", label)


@register.filter
def location_summary(incident) -> str:
    """How exactly the point is known, in words."""
    label = incident.get_location_precision_display()
    if incident.uncertainty_m:
        radius = incident.uncertainty_m
        if radius >= 1000:
            within = _("%(km)s km") % {"km": display.digits(f"{radius / 1000:g}")}
        else:
            within = _("%(m)s m") % {"m": display.digits(radius)}
        return _("%(precision)s precision; within about %(distance)s of the point") % {
            "precision": label,
            "distance": within,
        }
    nominal = NOMINAL_RADIUS_M.get(incident.location_precision)
    if nominal:
        return _("%(precision)s precision; no radius recorded (the map draws %(km)s km)") % {
            "precision": label,
            "km": display.digits(f"{nominal / 1000:g}"),
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
def attribution_basis(attribution):
    """Who makes an attribution, and how firmly: 'alleged by SOHR via AFP' (the
    source's name bidi-isolated, so a Latin name reads whole in an Arabic sentence)."""
    source = source_name(attribution.source) if attribution.source else ""
    sentences = STANCE_SENTENCES.get(attribution.stance)
    if sentences is None:  # a stance added later: its label
        stance = attribution.get_stance_display().lower()
        return format_html("{} {}", stance, source) if source else stance
    by_source, unsourced = sentences
    if not source:
        return _(unsourced)
    # The sentence is ours (trusted, escaped); the source's name is escaped HTML.
    return mark_safe(conditional_escape(_(by_source)) % {"source": source})


# "alleged by SOHR": one sentence per stance, so that each reads naturally in Arabic
# (marked here, translated when shown).
STANCE_SENTENCES = {
    AttributionStance.CLAIMED: (
        gettext_noop("claimed by the actor (reported by %(source)s)"),
        gettext_noop("claimed by the actor"),
    ),
    AttributionStance.ALLEGED: (
        gettext_noop("alleged by %(source)s"),
        gettext_noop("alleged (no source recorded)"),
    ),
    AttributionStance.CONFIRMED: (
        gettext_noop("confirmed by %(source)s"),
        gettext_noop("confirmed (no source recorded)"),
    ),
    AttributionStance.DENIED: (
        gettext_noop("denied by %(source)s"),
        gettext_noop("denied (no source recorded)"),
    ),
}


@register.filter
def local_name_bracketed(obj) -> str:
    """As ``local_name``, with the other form in brackets after it."""
    if obj is None:
        return ""
    return display.name_html(obj.name, getattr(obj, "name_ar", ""), bracketed=True)


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
