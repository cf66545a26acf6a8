"""The map's timeline: incidents and killed (best estimate) per day, week or
month, per event type, for a set of filters; aggregated in SQL, cached like the
map's clusters (events.clusters, events.public_cache)."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import Max, Min

from events import public_cache, selectors
from events.clusters import cache_prefix
from events.models import EventType

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
    matching = filters.apply(selectors.published_incidents())
    span = matching.aggregate(first=Min("date_start"), last=Max("date_start"))
    answer = {"bucket": bucket, "periods": [], "series": [], "total": 0, "killed": 0}
    if span["first"] is not None:
        if bucket == "auto":
            bucket = auto_bucket(span["first"], span["last"])
        answer["bucket"] = bucket
        periods, day = [], bucket_start(span["first"], bucket)
        while day <= span["last"]:
            periods.append(day)
            day = next_bucket(day, bucket)
        index = {day: i for i, day in enumerate(periods)}
        series = {}
        for period, event_type, n, killed in selectors.public_incident_series(
            filters=filters, bucket=bucket
        ):
            if isinstance(period, dt.datetime):
                period = period.date()
            row = series.setdefault(
                event_type, {"counts": [0] * len(periods), "killed": [0] * len(periods)}
            )
            row["counts"][index[period]] += n
            row["killed"][index[period]] += killed or 0
        answer["periods"] = [day.isoformat() for day in periods]
        answer["series"] = [
            {"type": value, **series[value]} for value in EventType.values if value in series
        ]
        answer["total"] = sum(sum(s["counts"]) for s in answer["series"])
        answer["killed"] = sum(sum(s["killed"]) for s in answer["series"])
    public_cache.store(key, token, answer)
    return _labelled(answer)


def _labelled(answer: dict) -> dict:
    """The answer with each series' event type label in the request's language (the
    cache holds the codes only, for every language)."""
    series = [{**s, "label": str(EventType(s["type"]).label)} for s in answer["series"]]
    return {**answer, "series": series}
