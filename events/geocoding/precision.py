"""How precisely a gazetteer place pins a location: the precision code an incident
stores and the uncertainty radius drawn around the point."""

from __future__ import annotations

from events.models import LocationPrecision, PlaceKind

KIND_PRECISION = {
    PlaceKind.LANDMARK: LocationPrecision.EXACT,
    PlaceKind.NEIGHBOURHOOD: LocationPrecision.NEIGHBOURHOOD,
    PlaceKind.VILLAGE: LocationPrecision.TOWN,
    PlaceKind.TOWN: LocationPrecision.TOWN,
    PlaceKind.CITY: LocationPrecision.TOWN,
    PlaceKind.SUBDISTRICT: LocationPrecision.DISTRICT,
    PlaceKind.DISTRICT: LocationPrecision.DISTRICT,
    PlaceKind.GOVERNORATE: LocationPrecision.GOVERNORATE,
    PlaceKind.COUNTRY: LocationPrecision.COUNTRY,
}

# Typical radius (m) of a feature of each kind: how far a point inside it can be
# from the point that names it. Used when a coordinate stands for an area.
KIND_RADIUS_M = {
    PlaceKind.LANDMARK: 500,
    PlaceKind.NEIGHBOURHOOD: 1000,
    PlaceKind.VILLAGE: 2000,
    PlaceKind.TOWN: 3000,
    PlaceKind.CITY: 6000,
    PlaceKind.SUBDISTRICT: 15000,
    PlaceKind.DISTRICT: 30000,
    PlaceKind.GOVERNORATE: 100000,
    PlaceKind.COUNTRY: 400000,
}


def precision_and_radius(
    *,
    kind: str,
    coord_precision_m: int | None,
    anchor_kind: str | None,
    anchor_coord_precision_m: int | None,
    is_self: bool,
) -> tuple[str, int | None]:
    """Precision code and radius for a place located through ``anchor`` (itself
    when ``is_self``). A place with no located ancestor keeps its own kind's code
    and has no radius."""
    if anchor_kind is None:
        return KIND_PRECISION.get(kind, LocationPrecision.COUNTRY), None
    radius = max(anchor_coord_precision_m or 0, KIND_RADIUS_M.get(anchor_kind, 0))
    if is_self and kind == PlaceKind.LANDMARK and coord_precision_m:
        radius = coord_precision_m
    return KIND_PRECISION.get(anchor_kind, LocationPrecision.COUNTRY), radius
