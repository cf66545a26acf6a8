"""How an incident's values read to people, one rule each: a source as "name via
outlet", a casualty figure ("5", "5–8", "5+"), a date at the precision it is
known ("23 October 2017", "week of 16 October 2017", "October 2017", "2017"),
the language a text is written in (``text_lang``), a place's or actor's name in
the reader's language (``local_name``) and the digits numbers are written with
(``digits``: Western by default, Arabic-Indic as the reader's choice).

Dates follow the active language: in Arabic, with the month names used in Syria
(تشرين الأول, not أكتوبر). ``source_label`` is the language-neutral form kept in
data and exports; ``source_label_local`` is the page's.

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
from django.utils.translation import gettext

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"  # models.DatePrecision values


def source_label(name: str, reported_via: str = "") -> str:
    """'SOHR via AFP' for a source quoted second-hand, else its name."""
    return f"{name} via {reported_via}" if reported_via else name


def source_label_local(name: str, reported_via: str = "") -> str:
    """``source_label`` in the page's language: 'SOHR عبر AFP'."""
    if not reported_via:
        return name
    return gettext("%(source)s via %(outlet)s") % {"source": name, "outlet": reported_via}


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


def _arabic() -> bool:
    return (translation.get_language() or "").startswith("ar")


def _month_year(value: dt.date) -> str:
    if _arabic():
        return f"{ARABIC_MONTHS[value.month - 1]} {value.year}"
    return format_date(value, "F Y")


def day_label(value: dt.date | str) -> str:
    """'23 October 2017' (in Arabic: '23 تشرين الأول 2017')."""
    value = _day(value)
    if _arabic():
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


def local_name(name: str, name_ar: str = "") -> str:
    """A place's or actor's name for the reader: the Arabic form in Arabic when
    there is one, else the Latin."""
    return name_ar if name_ar and _arabic() else name


def other_name(name: str, name_ar: str = "") -> str:
    """The form ``local_name`` did not choose (for a hover title or brackets)."""
    other = name if local_name(name, name_ar) == name_ar else name_ar
    return "" if other == local_name(name, name_ar) else other


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
