"""Read-side queries (HackSoft styleguide: selectors read, services write)."""

from __future__ import annotations

import datetime as dt

from django.contrib.gis.geos import Point
from django.db.models import Prefetch, Q, Subquery

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


def public_incidents():
    """Published, non-synthetic incidents with everything a map or export needs."""
    return (
        Incident.objects.filter(status=IncidentStatus.PUBLISHED)
        .real()
        .select_related("place", "place__parent")
        .prefetch_related(*incident_detail_prefetches())
        .with_controller()
    )


def incidents_visible_to(*, user):
    """Incidents ``user`` may see: the public sees only published incidents; staff
    see every status."""
    qs = Incident.objects.all()
    if not (user and user.is_authenticated and user.is_staff):
        qs = qs.filter(status=IncidentStatus.PUBLISHED)
    return qs


def incident_visible_to(*, user, code: str) -> Incident | None:
    """An incident by public code if ``user`` may see it (see incidents_visible_to)."""
    qs = incidents_visible_to(user=user).select_related("place")
    return qs.prefetch_related(*incident_detail_prefetches()).filter(code=code).first()


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
