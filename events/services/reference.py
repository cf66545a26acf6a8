"""Places, actors and control zones. Incidents show their place's names, their
actors' names and the controller of their point, so a change here changes those
incidents' exports: they are re-rendered and their ``updated_at`` moves, and
incidents placed from a place's point follow the point when it moves."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from events.models import Actor, ControlZone, Incident, LocationMethod, Place
from events.public_cache import public_data_changed
from events.services.derived import incidents_changed
from events.services.incidents import save_validated


def _incidents_of_place(place: Place) -> list[int]:
    return list(Incident.objects.filter(place_id=place.pk).values_list("pk", flat=True))


def _zone_footprint(zone: ControlZone) -> Q | None:
    """Incidents whose controller this zone can decide: inside it, in its dates."""
    if zone.geom is None:
        return None
    match = Q(geom__intersects=zone.geom) & Q(date_start__gte=zone.valid_from)
    if zone.valid_to is not None:
        match &= Q(date_start__lte=zone.valid_to)
    return match


def _zone_incidents(*zones: ControlZone | None) -> set[int]:
    ids: set[int] = set()
    for zone in zones:
        footprint = _zone_footprint(zone) if zone is not None else None
        if footprint is not None:
            ids |= set(Incident.objects.filter(footprint).values_list("pk", flat=True))
    return ids


def _stored_copy(obj):
    return type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None


@transaction.atomic
def save_place(*, place: Place, data: dict | None = None, user=None) -> Place:
    """Create or change a gazetteer place. Incidents placed from its point (by the
    geocoder, at the old point) move with it."""
    public_data_changed()  # the basemap, zone layers and map show these
    before = _stored_copy(place)
    for name, value in (data or {}).items():
        setattr(place, name, value)
    place._history_user = user
    place.full_clean()
    place.save()
    if before is None:
        return place
    moved: list[int] = []
    if place.geom is not None and (
        before.geom is None or not before.geom.equals_exact(place.geom, 1e-9)
    ):
        followers = Incident.objects.filter(
            place_id=place.pk, location_method=LocationMethod.GEOCODED
        )
        followers = (
            followers.filter(geom__isnull=True)
            if before.geom is None
            else followers.filter(Q(geom__isnull=True) | Q(geom__equals=before.geom))
        )
        for incident in followers:
            incident.geom = place.geom.clone()
            if before.coord_precision_m != place.coord_precision_m and place.coord_precision_m:
                incident.uncertainty_m = max(incident.uncertainty_m or 0, place.coord_precision_m)
            save_validated(incident, user=user, reason=f"Moved with its place {place.name}")
            moved.append(incident.pk)
    incidents_changed(ids=set(_incidents_of_place(place)) | set(moved), figures=False)
    return place


@transaction.atomic
def save_actor(*, actor: Actor, data: dict | None = None, user=None) -> Actor:
    """Create or change an actor; incidents that name it are re-rendered."""
    public_data_changed()  # the basemap, zone layers and map show these
    is_new = actor.pk is None
    for name, value in (data or {}).items():
        setattr(actor, name, value)
    actor._history_user = user
    actor.full_clean()
    actor.save()
    if not is_new:
        ids = set(
            Incident.objects.filter(attributions__actor_id=actor.pk).values_list("pk", flat=True)
        )
        ids |= _zone_incidents(*ControlZone.objects.filter(actor_id=actor.pk))
        incidents_changed(ids=ids, figures=False)
    return actor


@transaction.atomic
def save_zone(*, zone: ControlZone, data: dict | None = None, user=None) -> ControlZone:
    """Create or change a control zone; the incidents whose controller it may
    change (inside its old or new outline, in its old or new dates) are touched."""
    public_data_changed()  # the basemap, zone layers and map show these
    before = _stored_copy(zone)
    for name, value in (data or {}).items():
        setattr(zone, name, value)
    zone._history_user = user
    zone.full_clean()
    zone.save()
    incidents_changed(ids=_zone_incidents(before, zone), figures=False)
    return zone


@transaction.atomic
def delete_zone(*, zone: ControlZone, user=None) -> None:
    public_data_changed()  # the basemap, zone layers and map show these
    ids = _zone_incidents(zone)
    zone._history_user = user
    zone.delete()
    incidents_changed(ids=ids, figures=False)


def zones_changed(*, zones, since: dt.date | None = None) -> None:
    """After a bulk load of zones: touch the incidents they cover."""
    incidents_changed(ids=_zone_incidents(*zones), figures=False)
