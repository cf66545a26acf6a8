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


def incidents_archived_since(*, since: dt.datetime):
    """Incidents archived now that were public once and entered (or were saved in)
    the archived status at or after ``since``, with ``archived_at``: what a mirror
    must drop. Rows: (code, archived_at), oldest first."""
    from django.db.models import Min

    history = Incident.history.model
    ever_published = history.objects.filter(status=IncidentStatus.PUBLISHED).values("id")
    archived_now = Incident.objects.real().filter(status=IncidentStatus.ARCHIVED).values("pk")
    return (
        history.objects.filter(
            status=IncidentStatus.ARCHIVED,
            history_date__gte=since,
            id__in=archived_now,
        )
        .filter(id__in=ever_published)
        .values("id")
        .annotate(archived_at=Min("history_date"))
        .values_list("code", "archived_at")
        .order_by("archived_at", "code")
    )


def zone_history(*, code: str):
    """Every saved version of the (non-synthetic) control zone ``code``, newest
    first, including deletions; empty if there is no such zone."""
    history = ControlZone.history.model
    ids = history.objects.filter(code=code, synthetic=False).values("id")
    return history.objects.filter(id__in=ids).order_by("-history_date", "-history_id")
