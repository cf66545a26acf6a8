"""Read-side queries (HackSoft styleguide: selectors read, services write)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.geos import Point
from django.db.models import Count, F, FloatField, Func, Max, Min, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Floor, Trunc
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events import display, mapgrid, public_cache
from events.geojson import IncidentPointFeatureJSON
from events.history import changed_fields, with_previous
from events.models import (
    Actor,
    Attribution,
    CasualtyClaim,
    ControlZone,
    Incident,
    IncidentStatus,
    Place,
    PlaceKind,
    Source,
)
from events.permissions import can_view_unpublished
from events.properties import ATTRIBUTION_ORDER, CLAIM_ORDER, POINT_PROPERTIES, SOURCE_ORDER
from events.spatial import incidents_in_box, incidents_in_boxes


def zones_on(*, day: dt.date, include_synthetic: bool = False):
    """Control zones in force on ``day``."""
    qs = ControlZone.objects.valid_on(day).select_related("actor")
    if not include_synthetic:
        qs = qs.real()
    return qs


def control_zone_subquery(*, point, on, field: str = "pk"):
    """Subquery yielding ``field`` of the zone containing ``point`` on ``on``.
    Held zones win over contested ones; among equals the most recent wins, then the
    newest row (so every caller, exports included, picks the same zone)."""
    zones = (
        ControlZone.objects.filter(geom__contains=point, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-state", "-valid_from", "-pk")
        .values(field)[:1]
    )
    return Subquery(zones)


def control_zone_at(*, point: Point, on: dt.date) -> ControlZone | None:
    """The zone answering "who held this point on that day", or None if no zone
    covers it (unknown, not necessarily contested)."""
    return (
        ControlZone.objects.valid_on(on)
        .filter(geom__contains=point)
        .select_related("actor")
        .order_by("-state", "-valid_from", "-pk")
        .first()
    )


def controller_at(*, point: Point, on: dt.date) -> Actor | None:
    zone = control_zone_at(point=point, on=on)
    return zone.actor if zone else None


def incident_detail_prefetches():
    """An incident's sources, claims and attributions, in the export's order."""
    return [
        Prefetch("sources", queryset=Source.objects.order_by(*SOURCE_ORDER)),
        Prefetch(
            "claims",
            queryset=CasualtyClaim.objects.select_related("source").order_by(*CLAIM_ORDER),
        ),
        Prefetch(
            "attributions",
            queryset=Attribution.objects.select_related("actor", "source").order_by(
                *ATTRIBUTION_ORDER
            ),
        ),
    ]


def published_incidents():
    """Published, non-synthetic incidents. Synthetic rows are included only where
    ``settings.SHOW_SYNTHETIC_INCIDENTS`` is on (tests and benchmarks measuring the
    public code path on generated data)."""
    qs = Incident.objects.filter(status=IncidentStatus.PUBLISHED)
    if not settings.SHOW_SYNTHETIC_INCIDENTS:
        qs = qs.real()
    return qs


def public_incidents():
    """Published, non-synthetic incidents with everything a map or export needs."""
    return (
        published_incidents()
        .select_related("place", "place__parent")
        .prefetch_related(*incident_detail_prefetches())
        .with_controller()
    )


def _public_matching(filters):
    """Published incidents matching ``filters``; a start date also bounds
    ``date_start`` from below (events.mapgrid.earliest_start), which changes no
    answer but lets the database read the date index instead of every row."""
    qs = filters.apply(published_incidents())
    if filters.start is not None:
        qs = qs.filter(date_start__gte=mapgrid.earliest_start(filters.start))
    return qs


# The map point's properties are model fields of the same names.
MAP_POINT_FIELDS = ("code", *POINT_PROPERTIES)


def public_incident_points(*, filters, within=None):
    """The few columns the map draws, one row per public incident matching
    ``filters`` (an events.filters.IncidentFilters) and, if given, inside the
    box ``within`` (minlon, minlat, maxlon, maxlat): no joins, no prefetches;
    the popup fetches the rest for one incident on demand."""
    qs = _public_matching(filters)
    qs = incidents_in_box(qs, within) if within is not None else qs
    return (
        qs.filter(geom__isnull=False)
        .annotate(**_lon_lat())
        .order_by("date_start", "code")
        .values_list("lon", "lat", *MAP_POINT_FIELDS)
    )


def public_incident_point_features(*, filters, within=None, within_any=None):
    """Rows (lon, lat, Feature JSON text) of the map points of
    ``public_incident_points``, in the same order, the Feature encoded by the
    database (events.geojson.IncidentPointFeatureJSON); inside the box ``within``
    or any of the boxes ``within_any``."""
    qs = _public_matching(filters)
    qs = incidents_in_box(qs, within) if within is not None else qs
    qs = incidents_in_boxes(qs, within_any) if within_any else qs
    return (
        qs.filter(geom__isnull=False)
        .annotate(**_lon_lat(), feature=IncidentPointFeatureJSON())
        .order_by("date_start", "code")
        .values_list("lon", "lat", "feature")
    )


class GridFloor(Floor):
    """FLOOR for grid cells. SQLite has no native FLOOR (Django's is a Python
    function, called per row); there a cast, offset so negatives round down, is
    the same for any cell index a zoom up to 20 produces (|index| < 2**22)."""

    def as_sqlite(self, compiler, connection, **extra):
        template = "(CAST((%(expressions)s) + 4194304 AS INTEGER) - 4194304)"
        return self.as_sql(compiler, connection, template=template, **extra)


class PeriodStart(Trunc):
    """Trunc of a date to its day, week (Monday) or month; on SQLite in SQL
    rather than Django's per-row Python function."""

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        if self.kind == "month":
            return f"strftime('%%Y-%%m-01', {sql})", params
        if self.kind == "week":
            shift = f"((CAST(strftime('%%w', {sql}) AS INTEGER) + 6) %% 7)"
            return f"date({sql}, '-' || {shift} || ' days')", [*params, *params]
        return sql, params


def _lon_lat():
    return {
        "lon": Func("geom", function="ST_X", output_field=FloatField()),
        "lat": Func("geom", function="ST_Y", output_field=FloatField()),
    }


def public_incident_grid(*, filters, cell: float, within):
    """Public incidents matching ``filters`` counted per grid cell of ``cell``
    degrees (cell column ``cx`` = floor(lon / cell), row ``cy`` = floor(lat / cell))
    and event type, with the killed (best estimate) total and the coordinate sums
    for a centroid, for the points inside the box ``within`` (minlon, minlat,
    maxlon, maxlat).
    Aggregated in SQL, the same expression on PostGIS and SpatiaLite."""
    return (
        incidents_in_box(_public_matching(filters), within)
        .annotate(**_lon_lat())
        .annotate(cx=GridFloor(F("lon") / cell), cy=GridFloor(F("lat") / cell))
        .order_by()
        .values("cx", "cy", "event_type")
        .annotate(
            n=Count("pk"), killed=Sum("fatalities_best"), sum_lon=Sum("lon"), sum_lat=Sum("lat")
        )
    )


def public_incident_series(*, filters, bucket: str, where: Q | None = None):
    """Public incidents matching ``filters`` per ``bucket`` ("day", "week" or
    "month", by start date) and event type: rows of (period, event_type, count,
    killed best estimate), aggregated in SQL. ``where`` narrows further by the
    point's ``lon`` and ``lat``."""
    qs = _public_matching(filters)
    if where is not None:
        qs = qs.annotate(**_lon_lat()).filter(where)
    return (
        qs.annotate(period=PeriodStart("date_start", bucket))
        .order_by()
        .values_list("period", "event_type")
        .annotate(n=Count("pk"), killed=Sum("fatalities_best"))
        .order_by("period", "event_type")
    )


def data_version() -> str:
    """The one version the map's caches key on: on the server (Django's cache,
    events.public_cache) and in HTTP (ETag). It is the public cache's generation,
    which every write through events.services that can change a public answer
    moves (events.services.derived)."""
    return public_cache.generation()


def zone_periods(*, include_synthetic: bool = False) -> list[tuple[dt.date, dt.date | None]]:
    """The date spans covered by control zones, overlapping spans merged, in order."""
    qs = ControlZone.objects.all() if include_synthetic else ControlZone.objects.real()
    spans = sorted(set(qs.values_list("valid_from", "valid_to")))
    merged: list[list] = []
    for start, end in spans:
        if merged and (merged[-1][1] is None or start <= merged[-1][1] + dt.timedelta(days=1)):
            if merged[-1][1] is not None and (end is None or end > merged[-1][1]):
                merged[-1][1] = end
            continue
        merged.append([start, end])
    return [(start, end) for start, end in merged]


def zone_actors():
    """Actors holding at least one real control zone, for the map's layer list."""
    return Actor.objects.filter(zones__synthetic=False).distinct().order_by("name")


def latest_public_incident_date() -> dt.date | None:
    return published_incidents().aggregate(day=Max("date_start"))["day"]


def public_incident_date_span() -> tuple[dt.date | None, dt.date | None]:
    span = published_incidents().aggregate(first=Min("date_start"), last=Max("date_end"))
    return span["first"], span["last"]


def incidents_visible_to(*, user):
    """Incidents ``user`` may see: the public sees what ``published_incidents``
    allows (published, and never synthetic unless settings.SHOW_SYNTHETIC_INCIDENTS);
    Editors and Reviewers (events.view_incident) preview every status
    (events.permissions.can_view_unpublished)."""
    if not can_view_unpublished(user):
        return published_incidents()
    return Incident.objects.all()


def incident_visible_to(*, user, code: str) -> Incident | None:
    """An incident by public code if ``user`` may see it (see incidents_visible_to)."""
    qs = incidents_visible_to(user=user).select_related("place", "place__parent")
    return qs.prefetch_related(*incident_detail_prefetches()).filter(code=code).first()


def place_within_q(place: Place, *, prefix: str = "place", depth: int = 5) -> Q:
    """Q for rows whose ``prefix`` place is ``place`` or one of its descendants."""
    q = Q(**{prefix: place})
    path = prefix
    for _level in range(depth):
        path += "__parent"
        q |= Q(**{path: place})
    return q


def incidents_in_governorate(queryset, governorate: Place):
    """Incidents placed in the governorate (through the gazetteer's parent chain) or
    whose point lies inside its outline."""
    match = place_within_q(governorate)
    if governorate.area is not None:
        match |= Q(geom__within=governorate.area)
    return queryset.filter(match)


DUPLICATE_DISTANCE_KM = 5
DUPLICATE_DAYS = 1


def possible_duplicates(*, incident: Incident):
    """Other incidents within DUPLICATE_DISTANCE_KM and DUPLICATE_DAYS of this one."""
    from django.contrib.gis.measure import D

    if incident.geom is None or incident.date_start is None:
        return Incident.objects.none()
    slack = dt.timedelta(days=DUPLICATE_DAYS)
    end = min(incident.date_end or incident.date_start, dt.date.max - slack)
    start = max(incident.date_start, dt.date.min + slack)
    # A cheap bounding box first (0.1 degree is at least 5 km at these latitudes).
    box = incident.geom.buffer(0.1).envelope
    return (
        Incident.objects.exclude(pk=incident.pk)
        .filter(date_start__lte=end + slack, date_end__gte=start - slack)
        .filter(geom__intersects=box)
        .filter(geom__distance_lte=(incident.geom, D(km=DUPLICATE_DISTANCE_KM)))
        .order_by("date_start", "code")
    )


REPORT_DUPLICATE_DISTANCE_KM = 10
REPORT_DUPLICATE_DAYS = 2
REPORT_DUPLICATE_WINDOWS_PER_QUERY = 100  # date windows OR-ed in one query


@dataclass(frozen=True)
class DuplicateQuery:
    """What a report's likely duplicates are looked up by: its main place's point
    and gazetteer id, and its day with a slack of ``days`` either side."""

    point: tuple[float, float] | None  # lon, lat
    place_id: int | None
    day: dt.date
    days: int = REPORT_DUPLICATE_DAYS


def _shifted(day: dt.date, delta: dt.timedelta) -> dt.date:
    try:
        return day + delta
    except OverflowError:
        return dt.date.max if delta.days > 0 else dt.date.min


def report_duplicates(
    queries: list[DuplicateQuery], *, km: float = REPORT_DUPLICATE_DISTANCE_KM
) -> list[list[str]]:
    """For each query, the codes of the incidents (any status, imported dataset events
    included) that a report may duplicate: within ``days`` of its day, and within
    ``km`` of its point or filed at the same gazetteer place. A whole batch (a JSON
    Lines file) is read in one query: its reports' date windows, merged, OR-ed."""
    from django.contrib.gis.geos import Polygon

    from events.geocoding.context import distance_km

    out: list[list[str]] = [[] for _ in queries]
    asked = [i for i, q in enumerate(queries) if q.point is not None or q.place_id is not None]
    if not asked:
        return out
    windows = {
        i: (
            _shifted(queries[i].day, -dt.timedelta(days=queries[i].days)),
            _shifted(queries[i].day, dt.timedelta(days=queries[i].days)),
        )
        for i in asked
    }
    merged: list[list[dt.date]] = []
    for lo, hi in sorted(windows.values()):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    ids = {queries[i].place_id for i in asked if queries[i].place_id is not None}
    points = [queries[i].point for i in asked if queries[i].point is not None]
    match = Q(place_id__in=ids) if ids else Q(pk__in=[])
    if points:
        d = km / 50  # degrees; at least ``km`` at Syrian latitudes
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        box = Polygon.from_bbox((min(xs) - d, min(ys) - d, max(xs) + d, max(ys) + d))
        box.srid = 4326
        match |= Q(geom__intersects=box)
    rows: dict[str, tuple] = {}
    for start in range(0, len(merged), REPORT_DUPLICATE_WINDOWS_PER_QUERY):
        when = Q()
        for lo, hi in merged[start : start + REPORT_DUPLICATE_WINDOWS_PER_QUERY]:
            when |= Q(date_start__lte=hi, date_end__gte=lo)
        for row in Incident.objects.filter(match, when).values_list(
            "date_start", "code", "place_id", "date_end", "geom"
        ):
            rows[row[1]] = row
    ordered = sorted(rows.values())
    for i in asked:
        q, (before, after) = queries[i], windows[i]
        for start, code, place, end, geom in ordered:
            if start > after or (end or start) < before:
                continue
            if (q.place_id is not None and place == q.place_id) or (
                q.point is not None
                and geom is not None
                and distance_km(q.point[0], q.point[1], geom.x, geom.y) <= km
            ):
                out[i].append(code)
    return out


def basemap_governorates():
    return (
        Place.objects.filter(kind=PlaceKind.GOVERNORATE, area__isnull=False)
        .order_by("name")
        .values_list("slug", "name", "name_ar", "area")
    )


def basemap_places():
    """Towns and cities the basemap labels: the surveyed gazetteer's (GeoNames and the
    data pack), not the hundreds of towns known only from UCDP's event coding."""
    from events.ucdp_places import SOURCE as UCDP_SOURCE

    return (
        Place.objects.filter(
            kind__in=[PlaceKind.CITY, PlaceKind.TOWN], geom__isnull=False, country_code="SY"
        )
        .exclude(source=UCDP_SOURCE)
        .order_by("name")
        .values_list("slug", "name", "name_ar", "kind", "geom")
    )


def gazetteer_geonames_ids() -> set[int]:
    return set(
        Place.objects.filter(geonames_id__isnull=False).values_list("geonames_id", flat=True)
    )


def all_actors():
    return Actor.objects.order_by("name")


OVERLAP_TOLERANCE = 0.001  # share of the smaller zone's area below which we ignore slivers


def overlapping_zones(
    *,
    geom,
    actor_id,
    valid_from: dt.date,
    valid_to: dt.date | None,
    exclude_pk=None,
):
    """Zones of other actors in force on some of the same days whose outline overlaps
    ``geom`` by more than a sliver (touching borders do not count)."""
    if geom is None or valid_from is None:
        return []
    qs = ControlZone.objects.exclude(actor_id=actor_id).filter(geom__intersects=geom)
    qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    if valid_to is not None:
        qs = qs.filter(valid_from__lte=valid_to)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    overlaps = []
    for zone in qs.select_related("actor"):
        shared = zone.geom.intersection(geom).area
        if shared > OVERLAP_TOLERANCE * min(zone.geom.area, geom.area):
            overlaps.append(zone)
    return overlaps


def _history_summary(kind: str, record, source_names: dict, actor_names: dict) -> str:
    if kind == "source":
        return display.source_label(record.name, record.reported_via)
    if kind == "claim":
        figure = display.figure(record.min_value, record.max_value)
        source = source_names.get(record.source_id) or _("source #%(id)s") % {
            "id": record.source_id
        }
        return _("%(source)s: %(figure)s %(outcome)s (%(population)s)") % {
            "source": source,
            "figure": figure,
            "outcome": _word(record.outcome),
            "population": _word(record.population),
        }
    actor = actor_names.get(record.actor_id)
    source = source_names.get(record.source_id) if record.source_id else None
    text = _("%(actor)s: %(role)s, %(stance)s") % {
        "actor": actor or record.actor_id,
        "role": _word(record.role),
        "stance": _word(record.stance),
    }
    return (
        _("%(attribution)s by %(source)s") % {"attribution": text, "source": source}
        if source
        else text
    )


# The stored choice values as the history's summaries name them, translated.
HISTORY_WORDS = {
    "killed": gettext_lazy("killed"),
    "injured": gettext_lazy("injured"),
    "civilian": gettext_lazy("civilian"),
    "combatant": gettext_lazy("combatant"),
    "unknown": gettext_lazy("unknown"),
    "perpetrator": gettext_lazy("perpetrator"),
    "target": gettext_lazy("target"),
    "alleged": gettext_lazy("alleged"),
    "claimed": gettext_lazy("claimed"),
    "confirmed": gettext_lazy("confirmed"),
    "denied": gettext_lazy("denied"),
}


def _word(value: str) -> str:
    return str(HISTORY_WORDS.get(value, value))


def incident_related_history(*, incident_id: int, limit: int = 300) -> list[dict]:
    """Who added, changed or removed the incident's sources, claims and attributions,
    newest first (from django-simple-history), with the fields each change touched."""
    from events.models import Source

    def history_of(model):
        return model.history.filter(incident_id=incident_id).select_related("history_user")

    source_records = list(history_of(Source).order_by("history_date", "history_id"))
    source_names = {}
    for record in source_records:  # the latest name of each source, even a removed one
        source_names[record.id] = display.source_label(record.name, record.reported_via)
    actor_names = dict(Actor.objects.values_list("pk", "name"))
    entries = []
    for kind, records in (
        ("source", source_records),
        ("claim", history_of(CasualtyClaim)),
        ("attribution", history_of(Attribution)),
    ):
        for record, previous in with_previous(records):
            entries.append(
                {
                    "date": record.history_date,
                    "user": record.history_user,
                    "kind": kind,
                    "action": record.get_history_type_display(),
                    "summary": _history_summary(kind, record, source_names, actor_names),
                    "changes": changed_fields(record, previous),
                    "reason": record.history_change_reason or "",
                }
            )
    entries.sort(key=lambda e: e["date"], reverse=True)
    return entries[:limit]


def zones_overlapping(*, start=None, end=None, include_synthetic: bool = False):
    """Control zones in force at some point of [start, end] (either bound optional)."""
    qs = ControlZone.objects.select_related("actor")
    if end is not None:
        qs = qs.filter(valid_from__lte=end)
    if start is not None:
        qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    if not include_synthetic:
        qs = qs.real()
    return qs


def incidents_withdrawn_since(*, since: dt.datetime):
    """Incidents that were public once and are not now (archived, or returned to
    draft or review), having left publication at or after ``since``: what a mirror
    must drop. Rows: (code, status now, withdrawn_at), oldest first."""
    history = Incident.history.model
    ever_published = history.objects.filter(status=IncidentStatus.PUBLISHED).values("id")
    candidates = dict(
        Incident.objects.real()
        .exclude(status=IncidentStatus.PUBLISHED)
        .filter(pk__in=ever_published)
        .filter(pk__in=history.objects.filter(history_date__gte=since).values("id"))
        .values_list("pk", "status")
    )
    left: dict[int, tuple[str, dt.datetime]] = {}
    public: dict[int, bool] = {}
    versions = (
        history.objects.filter(id__in=list(candidates))
        .order_by("id", "history_date", "history_id")
        .values_list("id", "code", "status", "history_date")
    )
    for pk, code, status, at in versions:
        if status == IncidentStatus.PUBLISHED:
            public[pk] = True
        elif public.get(pk):
            public[pk] = False
            left[pk] = (code, at)  # the latest departure from publication
    rows = [(code, candidates[pk], at) for pk, (code, at) in left.items() if at >= since]
    return sorted(rows, key=lambda row: (row[2], row[0]))


def zone_history(*, code: str):
    """Every saved version of the (non-synthetic) control zone ``code``, newest
    first, including deletions; empty if there is no such zone."""
    history = ControlZone.history.model
    ids = history.objects.filter(code=code, synthetic=False).values("id")
    return history.objects.filter(id__in=ids).order_by("-history_date", "-history_id")
