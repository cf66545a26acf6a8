"""The map's timeline: incidents and killed (best estimate) per day, week or
month, per event type, for a set of filters; aggregated in SQL, cached like the
map's clusters (events.clusters, events.public_cache)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

from django.core.cache import cache
from django.db.models import Max, Min, Q

from events import mapgrid, public_cache, selectors
from events.clusters import cache_prefix
from events.models import EventType
from events.services.mapgrid import MONTH_LEVEL, cell_degrees

BUCKETS = ("day", "week", "month")


def auto_bucket(first: dt.date, last: dt.date) -> str:
    days = (last - first).days
    if days <= 120:
        return "day"
    if days <= 3 * 365:
        return "week"
    return "month"


def bucket_start(day: dt.date, bucket: str) -> dt.date:
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def next_bucket(day: dt.date, bucket: str) -> dt.date:
    if bucket == "day":
        return day + dt.timedelta(days=1)
    if bucket == "week":
        return day + dt.timedelta(days=7)
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _dense(rows, first: dt.date, last: dt.date, bucket: str) -> dict:
    """The answer from rows of (period start, event type, count, killed) and the
    first and last start dates."""
    periods, day = [], bucket_start(first, bucket)
    while day <= last:
        periods.append(day)
        day = next_bucket(day, bucket)
    index = {day: i for i, day in enumerate(periods)}
    series = {}
    for period, event_type, n, killed in rows:
        if isinstance(period, dt.datetime):
            period = period.date()
        elif isinstance(period, str):  # SQLite's strftime
            period = dt.date.fromisoformat(period)
        row = series.setdefault(
            event_type, {"counts": [0] * len(periods), "killed": [0] * len(periods)}
        )
        row["counts"][index[period]] += n
        row["killed"][index[period]] += killed or 0
    labels = dict(EventType.choices)
    answer = {"bucket": bucket, "periods": [day.isoformat() for day in periods]}
    answer["series"] = [
        {"type": value, "label": labels[value], **series[value]}
        for value in EventType.values
        if value in series
    ]
    answer["total"] = sum(sum(s["counts"]) for s in answer["series"])
    answer["killed"] = sum(sum(s["killed"]) for s in answer["series"])
    return answer


def _live(filters, bucket: str) -> dict:
    matching = filters.apply(selectors.published_incidents())
    span = matching.aggregate(first=Min("date_start"), last=Max("date_start"))
    if span["first"] is None:
        return {"bucket": bucket, "periods": [], "series": [], "total": 0, "killed": 0}
    if bucket == "auto":
        bucket = auto_bucket(span["first"], span["last"])
    rows = selectors.public_incident_series(filters=filters, bucket=bucket)
    return _dense(rows, span["first"], span["last"], bucket)


# The view is cut into about this many grid cells a side: whole cells inside it
# come from the stored month counts, the thin strips along its edges live.
CELLS_ACROSS = 8
# "auto" picks months for spans over three years: certain from 38 months apart.
MONTHS_SURELY_MONTHLY = 38


def _strips(box, inner):
    """The view ``box`` (edges included) less the cells ``inner`` (a0 <= lon < a1,
    b0 <= lat < b1) as disjoint (closed box for the index, exact condition)."""
    x0, y0, x1, y1 = box
    a0, b0, a1, b1 = inner
    return [
        ((x0, y0, x1, b0), Q(lat__lt=b0)),
        ((x0, b1, x1, y1), Q(lat__gte=b1)),
        ((x0, b0, a0, b1), Q(lat__gte=b0, lat__lt=b1, lon__lt=a0)),
        ((a1, b0, x1, b1), Q(lat__gte=b0, lat__lt=b1, lon__gte=a1)),
    ]


def _from_grid(filters, bucket: str) -> dict | None:
    """The monthly answer from the stored month counts (whole grid cells inside
    the view) plus a live count of the view's edges; None where they cannot
    answer exactly (other filters, days or weeks, or "auto" on a short span)."""
    plain = dataclasses.replace(filters, bbox=None)
    if bucket not in ("auto", "month") or not mapgrid.answers(plain, 0):
        return None
    if filters.bbox is None:
        rows = [(mapgrid.month_start(m), t, n, k) for m, t, n, k in mapgrid.month_counts(
            filters=plain, level=0
        )]  # fmt: skip
    else:
        x0, y0, x1, y1 = filters.bbox
        span = max(min(x1 - x0, y1 - y0), 1e-9)
        level = max(0, min(MONTH_LEVEL, math.floor(math.log2(90 * CELLS_ACROSS / span))))
        cell = cell_degrees(level)
        xs = range(math.ceil(x0 / cell), math.floor(x1 / cell))
        ys = range(math.ceil(y0 / cell), math.floor(y1 / cell))
        rows = []
        if len(xs) and len(ys):
            counted = mapgrid.month_counts(filters=plain, level=level, xs=xs, ys=ys)
            rows = [(mapgrid.month_start(m), t, n, k) for m, t, n, k in counted]
            inner = (xs.start * cell, ys.start * cell, xs.stop * cell, ys.stop * cell)
            edges = _strips(filters.bbox, inner)
        else:
            edges = [(filters.bbox, None)]
        for box, where in edges:
            if box[0] > box[2] or box[1] > box[3]:
                continue
            strip = dataclasses.replace(filters, bbox=box)
            rows += selectors.public_incident_series(filters=strip, bucket="month", where=where)
    if not rows:
        return {"bucket": bucket, "periods": [], "series": [], "total": 0, "killed": 0}
    months = [mapgrid.month_index(r[0]) if not isinstance(r[0], str) else
              mapgrid.month_index(dt.date.fromisoformat(r[0])) for r in rows]  # fmt: skip
    first, last = min(months), max(months)
    if bucket == "auto" and last - first < MONTHS_SURELY_MONTHLY:
        return None
    return _dense(rows, mapgrid.month_start(first), mapgrid.month_start(last), "month")


def incident_timeline(*, filters, bucket: str = "auto") -> dict:
    """Dense series (every bucket from the first incident to the last, zeros
    included): ``periods`` (bucket start dates), ``series`` per event type with
    ``counts`` and ``killed``, and the totals."""
    prefix, token = cache_prefix("timeline", filters)
    # The prefix covers every filter but the box (events.clusters keys tiles instead).
    box = ",".join(str(v) for v in filters.bbox) if filters.bbox else "all"
    key = f"{prefix}:{bucket}:{box}"
    if (hit := cache.get(key)) is not None:
        return _labelled(hit)
    answer = _from_grid(filters, bucket) or _live(filters, bucket)
    public_cache.store(key, token, answer)
    return _labelled(answer)


def _labelled(answer: dict) -> dict:
    """The answer with each series' event type label in the request's language (the
    cache holds the codes only, for every language)."""
    series = [{**s, "label": str(EventType(s["type"]).label)} for s in answer["series"]]
    return {**answer, "series": series}
