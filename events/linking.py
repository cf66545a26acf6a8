"""The same event from two datasets is one incident.

An imported row that is not yet in the database is compared with the incidents
already there that come from elsewhere (another dataset, the seed, editors), never
with incidents of its own dataset: UCDP GED rows that share a date, point and dyad
are separate events by UCDP's own coding.

A pair is scored on six signals (``score``):

- date (``date_score``): the same single day 1.0; single days one day apart 0.6 (a
  record dated by the report, published the day after); overlapping ranges less the
  wider the wider range (two days 0.93, a week 0.57, at least 0.3); further apart,
  or a range one day away, is no match;
- place: the distance between the points must be within the sum of their
  uncertainty radii (plus 1 km); the score falls with the distance and is halved
  when either point is coarser than 10 km, and again when the distance exceeds the
  larger radius; a point known only to the country (or a region wider than 150 km)
  matches nothing;
- event type: the same type (1.0) or a type another coder may give the same event
  (0.7: UCDP's state-based/non-state fighting is ACLED's Battles or
  Explosions/Remote violence, and one-sided violence may be an explosion);
  otherwise no match;
- toll: the fatality ranges overlap (1.0), lie within a factor 2 (0.5), are unknown
  on either side (0.5), or are further apart (0.0);
- actors (``actor_score``): an actor in common 1.0, unknown on either side 0.5,
  none in common 0.25 (weak: datasets disagree on who struck);
- outlets (``outlet_score``): a source outlet in common 1.0, else 0.5.

score = 0.25 date + 0.2 place + 0.1 type + 0.25 toll + 0.1 actors + 0.1 outlets. A
pair joins (the row becomes another source, with its own claim, of the existing
incident) when it scores at least CONFIDENT, the distance is within the larger
radius, and either the tolls overlap and are specific (one of them at least
SPECIFIC_TOLL: tolls of 1 or 2 agree by chance on a busy day) on dates at most two
days wide or a day apart, or one side gives no toll and everything else agrees: the
same dates, an actor and an outlet in common, points within 1 km. A pair at or
above CANDIDATE is linked for an editor to confirm or split. Each existing incident
is joined by at most one row of a file, the best-scoring one, and by none when two
rows score within AMBIGUOUS_MARGIN (``assign``).

The weights and thresholds were set on the tune split of tests/data/linking_pairs.csv
(events.linking_eval); benchmarks/bench_linking.py reports both splits.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from events.models import Attribution, EventType, Incident, IncidentLink, Source

CONFIDENT = 0.75
CANDIDATE = 0.5
DEFAULT_RADIUS_M = 5_000
COARSE_M = 10_000
SPECIFIC_TOLL = 4
TOO_COARSE_M = 150_000  # a point that may be anywhere in the country matches nothing
NEXT_DAY = 0.6
WIDE_DATES_DAYS, WIDE_DATES_FLOOR = 14, 0.3
W_DATE, W_PLACE, W_TYPE, W_TOLL, W_ACTORS, W_OUTLETS = 0.25, 0.2, 0.1, 0.25, 0.1, 0.1
ACTORS_DIFFER = 0.25
CLOSE_M = 1_000
AMBIGUOUS_MARGIN = 0.02
SAME_DAYS = 0.9  # date score of ranges close enough to join on (one or two days)
GENERIC_ACTORS = frozenset({"civilians", "unidentified_aircraft", "unidentified_armed_group"})

COMPATIBLE = {
    frozenset({EventType.BATTLES, EventType.EXPLOSIONS}),
    frozenset({EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.EXPLOSIONS}),
}
_ACLED_ID = re.compile(r"^[A-Z]{3}\d+$")


def dataset_of(external_id: str | None) -> str | None:
    """Which dataset an external id comes from (None: ours, or unknown)."""
    if not external_id:
        return None
    if ":" in external_id:
        return external_id.split(":", 1)[0]
    if _ACLED_ID.match(external_id):
        return "acled"
    return None


@dataclass
class Event:
    """What the matcher compares: one incident or one imported row."""

    date_start: dt.date
    date_end: dt.date
    lon: float
    lat: float
    radius_m: int | None
    event_type: str
    low: int | None
    high: int | None
    actors: frozenset[str] = frozenset()  # actor slugs
    outlets: frozenset[str] = frozenset()  # outlet_keys of the sources


def outlet_keys(names) -> frozenset[str]:
    """Outlet names compared case- and spacing-blind ("SOHR", "sohr ")."""
    return frozenset(" ".join(n.split()).casefold() for n in names if n and n.strip())


@dataclass
class Match:
    incident_id: int
    score: float
    confident: bool
    reason: str


def _distance_m(a: Event, b: Event) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371000 * math.asin(math.sqrt(h))


def _gap_days(a: Event, b: Event) -> int:
    if a.date_end < b.date_start:
        return (b.date_start - a.date_end).days
    if b.date_end < a.date_start:
        return (a.date_start - b.date_end).days
    return 0


def toll_score(a: Event, b: Event) -> float:
    if a.low is None or b.low is None:
        return 0.5
    a_high = a.high if a.high is not None else a.low
    b_high = b.high if b.high is not None else b.low
    if max(a.low, b.low) <= min(a_high, b_high):
        return 1.0
    small, large = (a_high, b.low) if a_high < b.low else (b_high, a.low)
    return 0.5 if large and small / large >= 0.5 else 0.0


def _specific(a: Event, b: Event) -> bool:
    """A toll that tells events apart: on a day with many small incidents in one city,
    two tolls of 1 or 2 agree by chance."""
    tops = [e.high if e.high is not None else e.low for e in (a, b)]
    return all(t is not None for t in tops) and max(tops) >= SPECIFIC_TOLL


def _span_days(e: Event) -> int:
    return (e.date_end - e.date_start).days + 1


def date_score(a: Event, b: Event) -> float | None:
    """1.0 for the same single day; 0.6 a day apart when both are single days (a
    report dated the day after the event); an overlap of ranges counts less the
    longer the wider range (a week's record agrees with many days' events); None
    when further apart."""
    gap = _gap_days(a, b)
    span = max(_span_days(a), _span_days(b))
    if gap > 1 or (gap == 1 and span > 1):
        return None
    if span == 1:
        return 1.0 if gap == 0 else NEXT_DAY
    return max(WIDE_DATES_FLOOR, 1.0 - (span - 1) / WIDE_DATES_DAYS)


def actor_score(a: Event, b: Event) -> float:
    """1.0 when the two name an actor in common, 0.5 when either names none
    (civilians and unidentified actors do not tell events apart), 0.25 when both
    name actors and none is shared: weak evidence against, since datasets often
    disagree on who struck (the seed's alleged coalition strike is UCDP's
    Government of Syria against IS)."""
    mine, theirs = a.actors - GENERIC_ACTORS, b.actors - GENERIC_ACTORS
    if not mine or not theirs:
        return 0.5
    return 1.0 if mine & theirs else ACTORS_DIFFER


def outlet_score(a: Event, b: Event) -> float:
    """1.0 when the two cite an outlet in common, else 0.5: two datasets often cite
    different outlets for one event, so no shared outlet is no evidence against."""
    return 1.0 if a.outlets & b.outlets else 0.5


def score(row: Event, incident: Event) -> tuple[float, bool, str] | None:
    """(score, confident, reason) for a pair, or None when it cannot be one event."""
    s_date = date_score(row, incident)
    if s_date is None:
        return None
    if row.event_type == incident.event_type:
        s_type = 1.0
    elif frozenset({row.event_type, incident.event_type}) in COMPATIBLE:
        s_type = 0.7
    else:
        return None
    r1 = row.radius_m or DEFAULT_RADIUS_M
    r2 = incident.radius_m or DEFAULT_RADIUS_M
    if max(r1, r2) > TOO_COARSE_M:
        return None
    reach = r1 + r2 + 1000
    distance = _distance_m(row, incident)
    if distance > reach:
        return None
    s_place = 1 - distance / reach
    if max(r1, r2) > COARSE_M:
        s_place *= 0.5
    inside = distance <= max(r1, r2)
    if not inside:
        s_place *= 0.5
    s_toll = toll_score(row, incident)
    s_actors = actor_score(row, incident)
    s_outlets = outlet_score(row, incident)
    total = round(
        W_DATE * s_date
        + W_PLACE * s_place
        + W_TYPE * s_type
        + W_TOLL * s_toll
        + W_ACTORS * s_actors
        + W_OUTLETS * s_outlets,
        3,
    )
    tolls_agree = s_toll == 1.0 and _specific(row, incident)
    # Without a toll on one side, the rest must all agree: same actors, an outlet
    # in common and the same place.
    rest_agree = (
        s_toll == 0.5
        and (row.low is None or incident.low is None)
        and s_actors == 1.0
        and s_outlets == 1.0
        and distance <= CLOSE_M
    )
    confident = (
        total >= CONFIDENT
        and inside
        and (s_date >= SAME_DAYS or (s_date == NEXT_DAY and tolls_agree))
        and (tolls_agree or (rest_agree and s_date >= SAME_DAYS))
    )
    reason = (
        f"{_date_words(s_date)}, {distance / 1000:.1f} km apart "
        f"(radii {r1 / 1000:.0f}+{r2 / 1000:.0f} km), "
        f"{'same type' if s_type == 1 else 'compatible types'}, "
        f"tolls {({1.0: 'overlap', 0.5: 'near or unknown', 0.0: 'differ'})[s_toll]}, "
        f"actors {({1.0: 'shared', 0.5: 'unknown', ACTORS_DIFFER: 'differ'})[s_actors]}"
        f"{', an outlet shared' if s_outlets == 1.0 else ''}"
    )
    return total, confident, reason


def _date_words(s_date: float) -> str:
    if s_date == 1.0:
        return "same dates"
    return "1 day apart" if s_date == NEXT_DAY else "overlapping date ranges"


LOOKUP_CHUNK = 500


def _add_actors_and_outlets(events: dict[int, Event]) -> None:
    """Fill in each incident's actor slugs and source outlets (two queries per
    LOOKUP_CHUNK incidents)."""
    actors: dict[int, set[str]] = defaultdict(set)
    outlets: dict[int, set[str]] = defaultdict(set)
    pks = list(events)
    for i in range(0, len(pks), LOOKUP_CHUNK):
        chunk = pks[i : i + LOOKUP_CHUNK]
        for pk, slug in Attribution.objects.filter(incident_id__in=chunk).values_list(
            "incident_id", "actor__slug"
        ):
            actors[pk].add(slug)
        for pk, name in Source.objects.filter(incident_id__in=chunk).values_list(
            "incident_id", "name"
        ):
            outlets[pk].add(name)
    for pk, event in events.items():
        event.actors = frozenset(actors.get(pk, ()))
        event.outlets = outlet_keys(outlets.get(pk, ()))


def own_incidents(dataset: str) -> set[int]:
    """The incidents rows of ``dataset`` were written to or joined."""
    return set(IncidentLink.objects.filter(dataset=dataset).values_list("incident_id", flat=True))


class Linker:
    """Existing incidents (in memory, bucketed by day) that rows of ``dataset`` may
    be the same event as."""

    def __init__(
        self,
        *,
        dataset: str,
        start: dt.date,
        end: dt.date,
        synthetic: bool,
        own: set[int] | None = None,
        upto: int | None = None,
    ):
        """``own``: the incidents ``dataset`` already holds (read here when not
        given); ``upto``: only incidents with a key up to it (those that existed
        before an import began writing)."""
        self.dataset = dataset
        if own is None:
            own = own_incidents(dataset)
        self.by_day: dict[dt.date, list[tuple[int, Event]]] = defaultdict(list)
        rows = Incident.objects.filter(
            synthetic=synthetic,
            geom__isnull=False,
            date_end__gte=start - dt.timedelta(days=1),
            date_start__lte=end + dt.timedelta(days=1),
        )
        if upto is not None:
            rows = rows.filter(pk__lte=upto)
        rows = rows.order_by().values_list(
            "pk",
            "external_id",
            "date_start",
            "date_end",
            "geom",
            "uncertainty_m",
            "event_type",
            "fatalities_low",
            "fatalities_high",
        )
        events: dict[int, Event] = {}
        for pk, ext, d1, d2, geom, radius, etype, low, high in rows.iterator(2000):
            if pk in own or (dataset_of(ext) == dataset):
                continue
            events[pk] = Event(d1, d2, geom.x, geom.y, radius, etype, low, high)
        _add_actors_and_outlets(events)
        for pk, event in events.items():
            d1, d2 = event.date_start, event.date_end
            day = d1
            while day <= d2 and (day - d1).days <= 31:
                self.by_day[day].append((pk, event))
                day += dt.timedelta(days=1)

    def __bool__(self) -> bool:
        return bool(self.by_day)

    def matches(self, row: Event) -> list[Match]:
        seen, found = set(), []
        day = row.date_start - dt.timedelta(days=1)
        last = min(row.date_end, row.date_start + dt.timedelta(days=31)) + dt.timedelta(days=1)
        while day <= last:
            for pk, event in self.by_day.get(day, ()):
                if pk in seen:
                    continue
                seen.add(pk)
                result = score(row, event)
                if result and result[0] >= CANDIDATE:
                    found.append(Match(pk, *result))
            day += dt.timedelta(days=1)
        return sorted(found, key=lambda m: -m.score)


def assign(candidates: dict[str, list[Match]]) -> dict[str, Match]:
    """Best match per row id, each incident joined by at most one row: pairs are
    taken by score; a row whose confident match is taken falls back to its best
    remaining match as a candidate. An incident with two confident rows scoring
    within AMBIGUOUS_MARGIN of each other (two same-day events in one city with
    overlapping tolls) is joined by neither: both are left to an editor."""
    pairs = sorted(
        ((m.score, ident, m) for ident, ms in candidates.items() for m in ms),
        key=lambda p: -p[0],
    )
    confident_scores: dict[int, list[float]] = defaultdict(list)
    for value, _ident, match in pairs:
        if match.confident:
            confident_scores[match.incident_id].append(value)
    ambiguous = {
        pk for pk, values in confident_scores.items()
        if len(values) > 1 and values[0] - values[1] < AMBIGUOUS_MARGIN
    }  # fmt: skip
    chosen: dict[str, Match] = {}
    joined: set[int] = set()
    for _score, ident, match in pairs:
        if ident in chosen:
            continue
        if match.confident and match.incident_id not in joined | ambiguous:
            joined.add(match.incident_id)
            chosen[ident] = match
    for ident, ms in candidates.items():
        if ident not in chosen and ms:
            best = ms[0]
            chosen[ident] = Match(best.incident_id, best.score, False, best.reason)
    return chosen
