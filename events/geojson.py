"""RFC 7946 GeoJSON for incidents and control zones: WGS 84 lon/lat, no ``crs``."""

from __future__ import annotations

import json
from itertools import pairwise

from django.db.models import F, Func, TextField

from events.models import ControlZone, Incident
from events.properties import POINT_PROPERTIES


def point_coordinates(geom) -> list[float] | None:
    return None if geom is None else [round(geom.x, 6), round(geom.y, 6)]


def _ring(ring, *, counter_clockwise: bool) -> list[list[float]]:
    """Round a ring and orient it (RFC 7946 3.1.6: exteriors counter-clockwise,
    holes clockwise)."""
    coords = [[round(x, 6), round(y, 6)] for x, y, *_ in ring]
    area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(coords))
    if (area > 0) != counter_clockwise:
        coords.reverse()
    return coords


def polygon_geometry(geom) -> dict:
    return {
        "type": "MultiPolygon",
        "coordinates": [
            [_ring(ring, counter_clockwise=index == 0) for index, ring in enumerate(polygon)]
            for polygon in geom.coords
        ],
    }


def incident_feature(incident: Incident) -> dict:
    """One incident as a GeoJSON Feature, built by the export code
    (events.exports.geojson) so every endpoint writes the same properties."""
    from events.exports.geojson import single_feature

    return json.loads(single_feature(Incident.objects.filter(pk=incident.pk)))


def incident_properties(incident: Incident) -> dict:
    return incident_feature(incident)["properties"]


def zone_feature(zone: ControlZone) -> dict:
    return {
        "type": "Feature",
        "id": zone.code,
        "geometry": polygon_geometry(zone.geom),
        "properties": {
            "code": zone.code,
            "actor": zone.actor.slug,
            "actor_name": zone.actor.name,
            "colour": zone.actor.colour,
            "valid_from": zone.valid_from.isoformat(),
            "valid_to": zone.valid_to.isoformat() if zone.valid_to else None,
            "state": zone.state,
            "confidence": zone.confidence,
            "approximate": zone.approximate,
            "source": zone.source,
            "description": zone.description,
        },
    }


def feature_collection(features) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def incident_point_feature(row) -> dict:
    """A map point from a selectors.public_incident_points row: its properties are
    ``events.properties.POINT_PROPERTIES``, valued as in the export Feature."""
    lon, lat, code, *values = row
    properties = dict(zip(POINT_PROPERTIES, values, strict=True))
    properties["date_start"] = properties["date_start"].isoformat()
    properties["date_end"] = properties["date_end"].isoformat()
    return {
        "type": "Feature",
        "id": code,
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": properties,
    }


class IncidentPointFeatureJSON(Func):
    """The map point of ``incident_point_feature`` (same id, coordinates to 6
    decimals, properties ``POINT_PROPERTIES``), encoded as JSON text by the
    database: at thousands of points per view that saves the per-row Python work
    (date conversion, the dict, json.dumps) that dominated the map's answers."""

    output_field = TextField()

    def __init__(self):
        super().__init__(F("code"), F("geom"), *(F(name) for name in POINT_PROPERTIES))

    def _sql(self, compiler, build, geometry, cast=""):
        columns, params = [], []
        for expression in self.get_source_expressions():
            sql, more = compiler.compile(expression)
            columns.append(sql)
            params.extend(more)
        code, geom, *values = columns
        pairs = ", ".join(
            f"'{name}', {value}" for name, value in zip(POINT_PROPERTIES, values, strict=True)
        )
        return (
            f"{build}('type', 'Feature', 'id', {code}, 'geometry', {geometry % geom}, "
            f"'properties', {build}({pairs})){cast}"
        ), params

    def as_sqlite(self, compiler, connection, **extra):
        return self._sql(compiler, "json_object", "json(AsGeoJSON(%s, 6))")

    def as_postgresql(self, compiler, connection, **extra):
        return self._sql(compiler, "json_build_object", "ST_AsGeoJSON(%s, 6)::json", "::text")
