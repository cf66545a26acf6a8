"""RFC 7946 GeoJSON for incidents and control zones: WGS 84 lon/lat, no ``crs``."""

from __future__ import annotations

from itertools import pairwise

from events.models import ControlZone, Incident


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


def incident_properties(incident: Incident) -> dict:
    place = incident.place
    return {
        "code": incident.code,
        "title": incident.title,
        "summary": incident.summary,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "date_start": incident.date_start.isoformat(),
        "date_end": incident.date_end.isoformat(),
        "date_precision": incident.date_precision,
        "time_note": incident.time_note,
        "place": place.name if place else incident.reported_place_name,
        "place_ar": place.name_ar if place else "",
        "reported_place_name": incident.reported_place_name,
        "location_precision": incident.location_precision,
        "uncertainty_m": incident.uncertainty_m,
        "location_note": incident.location_note,
        "fatalities_low": incident.fatalities_low,
        "fatalities_best": incident.fatalities_best,
        "fatalities_high": incident.fatalities_high,
        "injured_low": incident.injured_low,
        "injured_high": incident.injured_high,
        "claims": [
            {
                "source": str(claim.source),
                "outcome": claim.outcome,
                "population": claim.population,
                "min": claim.min_value,
                "max": claim.max_value,
                "wording": claim.wording,
            }
            for claim in incident.claims.all()
        ],
        "attributions": [
            {
                "actor": a.actor.slug,
                "actor_name": a.actor.name,
                "role": a.role,
                "stance": a.stance,
                "source": str(a.source) if a.source else None,
            }
            for a in incident.attributions.all()
        ],
        "sources": [
            {
                "name": s.name,
                "kind": s.kind,
                "reported_via": s.reported_via,
                "url": s.url,
                "published_on": s.published_on.isoformat() if s.published_on else None,
            }
            for s in incident.sources.all()
        ],
        "controller_at_event": getattr(incident, "controller_slug", None),
        "url": incident.get_absolute_url(),
    }


def incident_feature(incident: Incident) -> dict:
    coords = point_coordinates(incident.geom)
    return {
        "type": "Feature",
        "id": incident.code,
        "geometry": {"type": "Point", "coordinates": coords} if coords else None,
        "properties": incident_properties(incident),
    }


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
    """A map point from a selectors.public_incident_points row."""
    lon, lat, code, title, event_type, start, end, precision, best, loc_precision, radius = row
    return {
        "type": "Feature",
        "id": code,
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": {
            "title": title,
            "event_type": event_type,
            "date_start": start.isoformat(),
            "date_end": end.isoformat(),
            "date_precision": precision,
            "fatalities_best": best,
            "location_precision": loc_precision,
            "uncertainty_m": radius,
        },
    }
