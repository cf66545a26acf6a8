"""Reading the map's pre-aggregated grid counts (events.models.MapGridCell, kept
by events.services.mapgrid) in place of a live count.

The counts are keyed by zoom level, cell, event type, synthetic flag and the
months an incident starts and ends in, so they answer exactly the filters people
use most: none, event types, and incident dates that run from the first of a
month to the last of a month (the timeline's brush picks whole months). Any
other filter (actors, text, minimum killed, controller, updated since, or dates
inside a month) is counted live.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db.models import Min, Sum

from events.models import MapGridCell
from events.services.mapgrid import ALL_MONTHS, MAX_LEVEL, MONTH_LEVEL, month_index


def month_bounds(filters) -> tuple[int | None, int | None] | None:
    """(first, last) month index of the filters' dates (None where open), or None
    when a date does not fall on a month boundary."""
    first = last = None
    if filters.start is not None:
        if filters.start.day != 1:
            return None
        first = month_index(filters.start)
    if filters.end is not None:
        end = filters.end
        if end.day != calendar.monthrange(end.year, end.month)[1]:
            return None
        last = month_index(end)
    return first, last


def answers(filters, z: int) -> bool:
    """Whether the grid counts give the exact answer for ``filters`` at zoom ``z``."""
    bounds = month_bounds(filters)
    return (
        bounds is not None
        and z <= (MAX_LEVEL if bounds == (None, None) else MONTH_LEVEL)
        and not filters.actors
        and filters.role is None
        and filters.min_fatalities is None
        and not filters.text
        and filters.controller is None
        and filters.updated_since is None
    )


def _matching(filters, *, level: int, xs, ys, monthly: bool):
    """Stored rows of ``level`` in cells ``xs`` x ``ys`` (all if None) for the
    filters: the month-span rows (``monthly``) or the rows over all dates."""
    first, last = month_bounds(filters)
    qs = MapGridCell.objects.filter(level=level)
    if xs is not None:
        qs = qs.filter(cx__gte=xs.start, cx__lt=xs.stop, cy__gte=ys.start, cy__lt=ys.stop)
    if not settings.SHOW_SYNTHETIC_INCIDENTS:
        qs = qs.filter(synthetic=False)
    if filters.types:
        qs = qs.filter(event_type__in=filters.types)
    if not monthly:
        return qs.filter(start_month=ALL_MONTHS)
    qs = qs.filter(start_month__gt=ALL_MONTHS)
    if first is not None:
        qs = qs.filter(end_month__gte=first)
    if last is not None:
        qs = qs.filter(start_month__lte=last)
    return qs


def grid_counts(*, filters, z: int, xs: range, ys: range):
    """Rows like events.selectors.public_incident_grid (cx, cy, event_type, n,
    killed, sum_lon, sum_lat) for cells ``xs`` x ``ys`` of zoom ``z``'s grid,
    from the stored counts; only where ``answers(filters, z)``."""
    first, last = month_bounds(filters)
    qs = _matching(filters, level=z, xs=xs, ys=ys, monthly=(first, last) != (None, None))
    return (
        qs.order_by()
        .values("cx", "cy", "event_type")
        .annotate(n=Sum("n"), killed=Sum("killed"), sum_lon=Sum("sum_lon"), sum_lat=Sum("sum_lat"))
    )


def earliest_start(since: dt.date) -> dt.date:
    """The first day of the earliest month any published incident still running on
    ``since`` started in: a lower bound on ``date_start`` that lets a live date
    filter (``date_end >= since``) use the date index. None if nothing runs then."""
    first = (
        MapGridCell.objects.filter(level=0, start_month__gt=ALL_MONTHS)
        .filter(end_month__gte=month_index(since))
        .aggregate(first=Min("start_month"))["first"]
    )
    if first is None:  # nothing published runs then: any bound is right
        return since
    return month_start(first)


def month_counts(*, filters, level: int, xs: range | None = None, ys: range | None = None):
    """Rows of (start month, event type, count, killed) from the stored month
    counts of zoom ``level``'s cells ``xs`` x ``ys`` (every cell if not given);
    only where ``answers(filters, level)``."""
    qs = _matching(filters, level=level, xs=xs, ys=ys, monthly=True)
    return (
        qs.order_by()
        .values_list("start_month", "event_type")
        .annotate(n=Sum("n"), killed=Sum("killed"))
    )


def month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)
