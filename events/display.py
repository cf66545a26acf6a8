"""How an incident's values read to people, one rule each: a source as "name via
outlet", a casualty figure ("5", "5–8", "5+"), and a date at the precision it is
known ("23 October 2017", "week of 16 October 2017", "October 2017", "2017").

Templates (events.templatetags.incident_display), the models' labels, the change
history and every export (CSV, KML, offline HTML, the stored flat texts) call
these; none formats such a value itself. static/js/map.js mirrors ``date_label``
for the map's tooltips, which it builds from the light point layer.
"""

from __future__ import annotations

import datetime as dt

from django.utils.dateformat import format as format_date

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"  # models.DatePrecision values


def source_label(name: str, reported_via: str = "") -> str:
    """'SOHR via AFP' for a source quoted second-hand, else its name."""
    return f"{name} via {reported_via}" if reported_via else name


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


def day_label(value: dt.date | str) -> str:
    """'23 October 2017'."""
    return format_date(_day(value), "j F Y")


def date_label(start: dt.date | str, end: dt.date | str | None, precision: str) -> str:
    """'23 October 2017', '21–23 October 2017', 'week of 16 October 2017',
    'October 2017' or '2017', following the date precision (dates or ISO text)."""
    start = _day(start)
    end = _day(end) if end else start
    if precision == YEAR:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if precision == MONTH:
        first, last = format_date(start, "F Y"), format_date(end, "F Y")
        return first if first == last else f"{first} – {last}"
    if precision == WEEK:
        return f"week of {day_label(start)}"
    if start == end:
        return day_label(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day_label(end)}"
    return f"{day_label(start)} – {day_label(end)}"
