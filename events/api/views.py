"""GeoJSON endpoints (RFC 7946). Kept as plain views for speed; URLs are stable."""

from __future__ import annotations

import datetime as dt

from django.http import JsonResponse, StreamingHttpResponse
from django.views import View

from events import selectors
from events.exports import geojson as geojson_export
from events.filters import BadQuery, parse_date_param, parse_incident_filters
from events.geocoding.matcher import geocode
from events.geojson import (
    feature_collection,
    point_coordinates,
    polygon_geometry,
    zone_feature,
)

GEOJSON = "application/geo+json"


def bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


class IncidentCollectionView(View):
    """Published incidents matching the shared filters, streamed as they are read."""

    def get(self, request):
        try:
            filters = parse_incident_filters(request.GET)
        except BadQuery as exc:
            return bad_request(str(exc))
        incidents = filters.apply(selectors.public_incidents())
        return StreamingHttpResponse(
            geojson_export.feature_collection_chunks(incidents), content_type=GEOJSON
        )


class ControlZoneCollectionView(View):
    def get(self, request):
        try:
            day = parse_date_param(request.GET, "date") or dt.date.today()
        except BadQuery as exc:
            return bad_request(str(exc))
        zones = selectors.zones_on(day=day)
        data = feature_collection(zone_feature(z) for z in zones)
        data["date"] = day.isoformat()
        return JsonResponse(data, content_type=GEOJSON, json_dumps_params={"ensure_ascii": False})


class GeocodeView(View):
    max_query_length = 200

    def get(self, request):
        query = (request.GET.get("q") or "").strip()
        if not query:
            return bad_request("Give a place name in 'q'.")
        if len(query) > self.max_query_length:
            return bad_request(f"'q' is longer than {self.max_query_length} characters.")
        try:
            limit = min(max(int(request.GET.get("limit", 5)), 1), 50)
        except ValueError:
            return bad_request("'limit' must be a whole number.")
        results = [r.as_dict() for r in geocode(query, limit=limit)]
        return JsonResponse(
            {"query": query, "results": results}, json_dumps_params={"ensure_ascii": False}
        )


class BasemapView(View):
    """Offline basemap: governorate outlines and located towns from the gazetteer."""

    def get(self, request):
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
        return JsonResponse(
            feature_collection(features),
            content_type=GEOJSON,
            json_dumps_params={"ensure_ascii": False},
        )
