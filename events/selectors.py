"""Read-side queries (HackSoft styleguide: selectors read, services write)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.gis.geos import Point
from django.db.models import FloatField, Func, Max, Min, Prefetch, Q, Subquery

from events.models import (
    Actor,
    Attribution,
    CasualtyClaim,
    ControlZone,
    Incident,
    IncidentStatus,
    Place,
    PlaceKind,
)


def zones_on(*, day: dt.date, include_synthetic: bool = False):
    """Control zones in force on ``day``."""
    qs = ControlZone.objects.valid_on(day).select_related("actor")
    if not include_synthetic:
        qs = qs.real()
    return qs


def control_zone_subquery(*, point, on, field: str = "pk"):
    """Subquery yielding ``field`` of the zone containing ``point`` on ``on``.
    Held zones win over contested ones; among equals the most recent wins."""
    zones = (
        ControlZone.objects.filter(geom__contains=point, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-state", "-valid_from")
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
        .order_by("-state", "-valid_from")
        .first()
    )


def controller_at(*, point: Point, on: dt.date) -> Actor | None:
    zone = control_zone_at(point=point, on=on)
    return zone.actor if zone else None


def incident_detail_prefetches():
    return [
        "sources",
        Prefetch("claims", queryset=CasualtyClaim.objects.select_related("source")),
        Prefetch("attributions", queryset=Attribution.objects.select_related("actor", "source")),
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


MAP_POINT_FIELDS = (
    "code",
    "title",
    "event_type",
    "date_start",
    "date_end",
    "date_precision",
    "fatalities_best",
    "location_precision",
    "uncertainty_m",
)


def public_incident_points(*, filters):
    """The few columns the map draws, one row per public incident matching
    ``filters`` (an events.filters.IncidentFilters): no joins, no prefetches;
    the popup fetches the rest for one incident on demand."""
    return (
        filters.apply(published_incidents())
        .filter(geom__isnull=False)
        .annotate(
            lon=Func("geom", function="ST_X", output_field=FloatField()),
            lat=Func("geom", function="ST_Y", output_field=FloatField()),
        )
        .order_by("date_start", "code")
        .values_list("lon", "lat", *MAP_POINT_FIELDS)
    )


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


def incident_visible_to(*, user, code: str) -> Incident | None:
    """An incident by public code if ``user`` may see it: the public sees only
    published incidents; staff see every status."""
    qs = Incident.objects.select_related("place").prefetch_related(*incident_detail_prefetches())
    if not (user and user.is_authenticated and user.is_staff):
        qs = qs.filter(status=IncidentStatus.PUBLISHED)
    return qs.filter(code=code).first()


def basemap_governorates():
    return (
        Place.objects.filter(kind=PlaceKind.GOVERNORATE, area__isnull=False)
        .order_by("name")
        .values_list("slug", "name", "name_ar", "area")
    )


def basemap_places():
    return (
        Place.objects.filter(
            kind__in=[PlaceKind.CITY, PlaceKind.TOWN], geom__isnull=False, country_code="SY"
        )
        .order_by("name")
        .values_list("slug", "name", "name_ar", "kind", "geom")
    )


def gazetteer_geonames_ids() -> set[int]:
    return set(
        Place.objects.filter(geonames_id__isnull=False).values_list("geonames_id", flat=True)
    )


def all_actors():
    return Actor.objects.order_by("name")
