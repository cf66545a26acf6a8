"""An RFC 7946 checker for test assertions: a JSON Schema for structure plus the
rules a schema cannot express (closed rings, exterior rings counter-clockwise,
lon/lat ranges, no ``crs`` member)."""

from __future__ import annotations

from itertools import pairwise

import jsonschema

POSITION = {"type": "array", "minItems": 2, "maxItems": 3, "items": {"type": "number"}}
RING = {"type": "array", "minItems": 4, "items": POSITION}
GEOMETRY = {
    "oneOf": [
        {"type": "null"},
        {
            "type": "object",
            "required": ["type", "coordinates"],
            "properties": {
                "type": {
                    "enum": [
                        "Point",
                        "MultiPoint",
                        "LineString",
                        "MultiLineString",
                        "Polygon",
                        "MultiPolygon",
                    ]
                },
                "coordinates": {"type": "array"},
            },
        },
    ]
}
FEATURE = {
    "type": "object",
    "required": ["type", "geometry", "properties"],
    "properties": {
        "type": {"const": "Feature"},
        "id": {"type": ["string", "number"]},
        "geometry": GEOMETRY,
        "properties": {"type": ["object", "null"]},
    },
}
FEATURE_COLLECTION = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": FEATURE},
    },
}


def _signed_area(ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in pairwise(ring))


def _positions(geometry):
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        yield coords
    elif kind in ("MultiPoint", "LineString"):
        yield from coords
    elif kind in ("MultiLineString", "Polygon"):
        for part in coords:
            yield from part
    elif kind == "MultiPolygon":
        for polygon in coords:
            for ring in polygon:
                yield from ring


def _polygons(geometry):
    if geometry["type"] == "Polygon":
        yield geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        yield from geometry["coordinates"]


def rfc7946_errors(document: dict) -> list[str]:
    errors = [
        e.message for e in jsonschema.Draft202012Validator(FEATURE_COLLECTION).iter_errors(document)
    ]
    if "crs" in document:
        errors.append("RFC 7946 removed the 'crs' member")
    for feature in document.get("features", []):
        if "crs" in feature:
            errors.append(f"feature {feature.get('id')}: has a 'crs' member")
        geometry = feature.get("geometry")
        if not geometry:
            continue
        for position in _positions(geometry):
            lon, lat = position[0], position[1]
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                errors.append(f"feature {feature.get('id')}: position {position} not lon/lat")
        for polygon in _polygons(geometry):
            for index, ring in enumerate(polygon):
                if len(ring) < 4 or ring[0] != ring[-1]:
                    errors.append(f"feature {feature.get('id')}: ring {index} not closed")
                    continue
                area = _signed_area(ring)
                if index == 0 and area < 0:
                    errors.append(f"feature {feature.get('id')}: exterior ring is clockwise")
                if index > 0 and area > 0:
                    errors.append(f"feature {feature.get('id')}: hole is counter-clockwise")
    return errors
