"""How an incident's values read to people, one rule each: a source as "name via
outlet", a casualty figure ("5", "5–8", "5+"), a date at the precision it is
known ("23 October 2017", "week of 16 October 2017", "October 2017", "2017"), a
name in the page's language with its other form beside it (an Arabic page shows
"القصور" with "Al-Qusur" on hover or in brackets), who alleges what, the language
a text is written in (``text_lang``) and the digits numbers are written with
(``digits``: Western by default, Arabic-Indic as the reader's choice).

Everything here follows the active language (django.utils.translation); dates in
Arabic use the month names of Syrian reporting (تشرين الأول, not أكتوبر). The
machine-readable outputs (the stored flat texts, the ACLED CSV, importer
look-ups) ask for the source form: ``source_label(..., translated=False)`` and
``untranslated(label)``.

Templates (events.templatetags.incident_display), the models' labels, the change
history and every export (CSV, KML, offline HTML, the stored flat texts) call
these; none formats such a value itself. static/js/map.js mirrors ``date_label``
for the map's tooltips, which it builds from the light point layer.
"""

from __future__ import annotations

import datetime as dt
import re
from contextvars import ContextVar

from django.utils import translation
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext as _

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"  # models.DatePrecision values


# The month names as Syrian reporting writes them (كانون الثاني … كانون الأول),
# in place of the Egyptian forms (يناير … ديسمبر) of Django's own Arabic catalogue:
# listed here so makemessages puts them in ours, which Django reads first.
LEVANTINE_MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]


def untranslated(label) -> str:
    """A translatable label (a choice's, say) in its source English form, whatever
    the request's language: for machine-readable outputs and importer look-ups."""
    with translation.override(None):
        return str(label)


def in_arabic() -> bool:
    """True when the active language is Arabic."""
    return (translation.get_language() or "").split("-")[0] == "ar"


def source_label(name: str, reported_via: str = "", *, translated: bool = True) -> str:
    """'SOHR via AFP' for a source quoted second-hand, else its name. In the active
    language ('SOHR عبر AFP'); ``translated=False`` gives the stored-data form."""
    if not reported_via:
        return name
    if not translated:
        return f"{name} via {reported_via}"
    return _("%(source)s via %(outlet)s") % {"source": name, "outlet": reported_via}


def source_labels(sources) -> dict[str, str]:
    """Each source's stored label ('SOHR via AFP', as the export rows cite it) to its
    label in the page's language; ``sources`` are dicts with name and reported_via."""
    return {
        source_label(s["name"], s["reported_via"], translated=False): source_label(
            s["name"], s["reported_via"]
        )
        for s in sources
    }


def local_name(name: str, name_ar: str = "") -> str:
    """The name to show: the Arabic form on an Arabic page when it is known, else
    the Latin one."""
    return name_ar if name_ar and in_arabic() else name


def other_name(name: str, name_ar: str = "") -> str:
    """The form ``local_name`` did not choose, for a hover title or brackets; ""
    when there is none or it is the same."""
    if in_arabic():
        return name if name_ar and name != name_ar else ""
    return name_ar if name_ar != name else ""


def name_with_other(name: str, name_ar: str = "") -> str:
    """Plain text: 'القصور (Al-Qusur)' on an Arabic page, 'Al-Qusur (القصور)' on an
    English one; the bare name when only one form is known."""
    other = other_name(name, name_ar)
    shown = local_name(name, name_ar)
    return f"{shown} ({other})" if other else shown


def script_language(text: str) -> str:
    """'ar' for a name written in Arabic letters, else 'en' (a Latin form)."""
    return "ar" if any("\u0600" <= c <= "\u06ff" for c in text) else "en"


def name_html(name: str, name_ar: str = "", *, bracketed: bool = False) -> str:
    """HTML for a name in the page's language, bidi-isolated and marked with its
    language, the other form as its hover title: <bdi lang="ar" title="Al-Qusur">
    القصور</bdi>; ``bracketed`` puts the other form in brackets instead:
    <bdi lang="ar">القصور</bdi> (<bdi lang="en">Al-Qusur</bdi>). Escaped."""
    shown, other = local_name(name, name_ar), other_name(name, name_ar)
    if other and bracketed:
        return format_html(
            '<bdi lang="{}">{}</bdi> (<bdi lang="{}">{}</bdi>)',
            script_language(shown),
            shown,
            script_language(other),
            other,
        )
    if other:
        return format_html(
            '<bdi lang="{}" title="{}">{}</bdi>', script_language(shown), other, shown
        )
    return format_html('<bdi lang="{}">{}</bdi>', script_language(shown), shown)


def claim_text(source: str, low: int | None, high: int | None, outcome: str) -> str:
    """One source's claim: 'SOHR via AFP: 22+ killed' ('…: عدد القتلى 22+');
    ``outcome`` is a ClaimOutcome value."""
    values = {"source": source, "figure": figure(low, high)}
    if outcome == "injured":
        return _("%(source)s: %(figure)s injured") % values
    return _("%(source)s: %(figure)s killed") % values


def text_direction() -> str:
    """'rtl' on an Arabic page, else 'ltr'."""
    return "rtl" if in_arabic() else "ltr"


SETTLEMENTS = ("city", "town", "village")  # models.PlaceKind values


def place_path(place) -> str:
    """A place with where it lies, in the page's language: a neighbourhood or a
    landmark with its town ('القصور، دير الزور' / 'Al-Qusur, Deir ez-Zor'), anything
    else with its governorate; just the place for a governorate or above."""
    names = [local_name(place.name, place.name_ar)]
    within = ("governorate",) if place.kind in SETTLEMENTS else (*SETTLEMENTS, "governorate")
    ancestor, seen = place.parent, {place.pk}
    while ancestor is not None and ancestor.pk not in seen:
        seen.add(ancestor.pk)
        if ancestor.kind in within:
            names.append(local_name(ancestor.name, ancestor.name_ar))
            break
        ancestor = ancestor.parent
    # Arabic separates a list with the Arabic comma.
    return ("، " if in_arabic() else ", ").join(names)


def attribution_basis(*, stance: str, source: str) -> str:
    """Who makes an attribution, and how firmly: 'alleged by SOHR via AFP',
    'claimed by the actor', 'denied (no source recorded)'; ``stance`` is an
    AttributionStance value and ``source`` the source's label ("" if none)."""
    if stance == "claimed":
        if source:
            return _("claimed by the actor (reported by %(source)s)") % {"source": source}
        return _("claimed by the actor")
    with_source = {
        "alleged": _("alleged by %(source)s"),
        "confirmed": _("confirmed by %(source)s"),
        "denied": _("denied by %(source)s"),
    }
    without_source = {
        "alleged": _("alleged (no source recorded)"),
        "confirmed": _("confirmed (no source recorded)"),
        "denied": _("denied (no source recorded)"),
    }
    if source:
        return with_source.get(stance, _("%(stance)s by %(source)s")) % {
            "stance": stance,
            "source": source,
        }
    return without_source.get(stance, stance)


def figure(low: int | None, high: int | None) -> str:
    """A claim's figure: '5' (exact), '5–8' (a range) or '5+' (at least 5, no upper
    bound); '' when there is no figure at all."""
    if low is None:
        return ""
    if high is None:
        return f"{low}+"
    return str(low) if high == low else f"{low}–{high}"


def _day(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


# Month names in Arabic as Syrian monitors and newsrooms write them (Levantine).
ARABIC_MONTHS = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)


def _month_year(value: dt.date) -> str:
    if in_arabic():
        return f"{ARABIC_MONTHS[value.month - 1]} {value.year}"
    return format_date(value, "F Y")


def day_label(value: dt.date | str) -> str:
    """'23 October 2017' (in Arabic: '23 تشرين الأول 2017')."""
    value = _day(value)
    if in_arabic():
        return f"{value.day} {_month_year(value)}"
    return format_date(value, "j F Y")


def date_label(start: dt.date | str, end: dt.date | str | None, precision: str) -> str:
    """'23 October 2017', '21–23 October 2017', 'week of 16 October 2017',
    'October 2017' or '2017', following the date precision (dates or ISO text)."""
    start = _day(start)
    end = _day(end) if end else start
    if precision == YEAR:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if precision == MONTH:
        first, last = _month_year(start), _month_year(end)
        return first if first == last else f"{first} – {last}"
    if precision == WEEK:
        return gettext("week of %(day)s") % {"day": day_label(start)}
    if start == end:
        return day_label(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day_label(end)}"
    return f"{day_label(start)} – {day_label(end)}"


# The reader's digits: "latn" (0-9, the default, usual in Syrian reporting) or
# "arab" (Arabic-Indic ٠-٩). Set per request by events.preferences; JS: cmI18n.digits.
DIGIT_STYLES = ("latn", "arab")
_digit_style: ContextVar[str] = ContextVar("digit_style", default="latn")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def set_digit_style(style: str):
    """Use ``style`` for this request (or thread); returns the token to reset."""
    return _digit_style.set(style if style in DIGIT_STYLES else "latn")


def digit_style() -> str:
    return _digit_style.get()


def digits(text) -> str:
    """``text`` with its digits in the reader's style."""
    text = str(text)
    return text.translate(ARABIC_INDIC) if _digit_style.get() == "arab" else text


ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f]")


def text_lang(text: str) -> str:
    """The language a user's text is written in, by its script: "ar" when most
    of its letters are Arabic, "en" when most are Latin, "" when it has no
    letters. Pages mark titles, summaries and claim wordings with it (lang=)."""
    arabic = len(ARABIC_LETTERS.findall(text or ""))
    latin = len(LATIN_LETTERS.findall(text or ""))
    if not arabic and not latin:
        return ""
    return "ar" if arabic >= latin else "en"


# Places named with the town they are in: "Al-Qusur, Deir ez-Zor" (in Arabic with
# the Arabic comma: "القصور، دير الزور"). models.PlaceKind values.
PLACE_KINDS_IN_TOWN = ("neighbourhood", "landmark")


def place_names(place) -> tuple[str, str]:
    """A place's name for the reader and the other script's form (for a title or
    brackets): ('القصور، دير الزور', 'Al-Qusur, Deir ez-Zor') in Arabic."""
    latin, arabic = place.name, place.name_ar or ""
    parent = place.parent if place.kind in PLACE_KINDS_IN_TOWN else None
    if parent is not None:
        latin = f"{latin}, {parent.name}"
        arabic = f"{arabic}، {parent.name_ar}" if arabic and parent.name_ar else arabic
    return local_name(latin, arabic), other_name(latin, arabic)
