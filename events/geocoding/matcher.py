"""Match a reported place name against the gazetteer in stages:
``exact`` (the spelling is on file), ``normalised`` (same key after
events.geocoding.normalize), then ``fuzzy`` (rapidfuzz over the keys).

A place known without coordinates resolves to its nearest located ancestor and
says so (``resolved_via``), with that ancestor's precision and a radius that
covers the ancestor's extent rather than pretending to be exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.gis.geos import Point
from rapidfuzz import fuzz, process

from events.models import LocationPrecision, Place, PlaceKind, PlaceName

from .normalize import normalize_name

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

STAGE_SCORE = {"exact": 1.0, "normalised": 0.95}
FUZZY_CUTOFF = 80


@dataclass
class GeocodeResult:
    place: Place
    matched_name: str
    matched_by: str  # exact | normalised | fuzzy
    score: float
    point: Point | None
    precision: str
    uncertainty_m: int | None
    resolved_via: Place | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        place = self.place
        return {
            "place_id": place.pk,
            "slug": place.slug,
            "name": place.name,
            "name_ar": place.name_ar,
            "matched_name": self.matched_name,
            "kind": place.kind,
            "parent": place.parent.name if place.parent_id else None,
            "lat": round(self.point.y, 6) if self.point else None,
            "lon": round(self.point.x, 6) if self.point else None,
            "score": round(self.score, 3),
            "matched_by": self.matched_by,
            "precision": self.precision,
            "uncertainty_m": self.uncertainty_m,
            "resolved_via": self.resolved_via.name if self.resolved_via else None,
        }


def locate(place: Place) -> tuple[Point | None, str, int | None, Place | None]:
    """Point, precision code, uncertainty radius and the ancestor used (if any)."""
    anchor = place.located_ancestor()
    if anchor is None:
        return None, KIND_PRECISION.get(place.kind, LocationPrecision.COUNTRY), None, None
    radius = max(anchor.coord_precision_m or 0, KIND_RADIUS_M.get(anchor.kind, 0))
    if anchor.pk == place.pk:
        if place.kind == PlaceKind.LANDMARK and place.coord_precision_m:
            radius = place.coord_precision_m
        return place.geom, KIND_PRECISION[place.kind], radius, None
    return anchor.geom, KIND_PRECISION[anchor.kind], radius, anchor


def _result(name: PlaceName, matched_by: str, score: float) -> GeocodeResult:
    point, precision, radius, via = locate(name.place)
    return GeocodeResult(
        place=name.place,
        matched_name=name.name,
        matched_by=matched_by,
        score=score,
        point=point,
        precision=precision,
        uncertainty_m=radius,
        resolved_via=via,
    )


def geocode(query: str, *, limit: int = 5) -> list[GeocodeResult]:
    """Ranked matches for ``query`` (best first); empty list if nothing matches."""
    query = (query or "").strip()
    key = normalize_name(query)
    if not key:
        return []
    names = PlaceName.objects.select_related("place", "place__parent")
    results: dict[int, GeocodeResult] = {}

    for name in names.filter(name__iexact=query):
        results.setdefault(name.place_id, _result(name, "exact", STAGE_SCORE["exact"]))
    for name in names.filter(key=key):
        results.setdefault(name.place_id, _result(name, "normalised", STAGE_SCORE["normalised"]))
    if len(results) < limit:
        keys = dict(PlaceName.objects.values_list("pk", "key"))
        for _key, score, pk in process.extract(
            key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=limit * 3
        ):
            name = names.get(pk=pk)
            results.setdefault(name.place_id, _result(name, "fuzzy", 0.9 * score / 100))
    ranked = sorted(results.values(), key=lambda r: -r.score)
    return ranked[:limit]
