"""GeoJSON endpoints (RFC 7946). Kept as plain views for speed; URLs are stable."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import time

from django.conf import settings
from django.http import HttpResponseNotModified, JsonResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.gzip import gzip_page

from events import basemap, clusters, selectors, timeline
from events.exports import geojson as geojson_export
from events.filters import BadQuery, parse_date_param, parse_incident_filters
from events.geocoding.matcher import MAX_LIMIT, geocode
from events.geocoding.query import QueryError
from events.geojson import (
    feature_collection,
    incident_point_feature,
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


@method_decorator(gzip_page, name="dispatch")
class IncidentPointCollectionView(View):
    """The map's light layer: a point and the few properties the map styles by,
    for every public incident matching the shared filters (bbox-aware). The
    popup loads the full record of one incident when it opens."""

    def get(self, request):
        try:
            filters = parse_incident_filters(request.GET)
        except BadQuery as exc:
            return bad_request(str(exc))
        rows = selectors.public_incident_points(filters=filters)
        data = feature_collection(incident_point_feature(row) for row in rows)
        return JsonResponse(data, content_type=GEOJSON, json_dumps_params={"ensure_ascii": False})


# The map's answers stay fresh in the browser this long (pan back, reload a
# permalink: no request at all); after that it asks again with the ETag and a
# 304 costs one data-version lookup. A write shows within this many seconds.
MAP_MAX_AGE = 60


def revalidated(request, filters, build):
    """``build()``'s response with an ETag from the data version and the whole
    query, and a short max-age; or 304 Not Modified when the browser already
    has it. Answers filtered by controller follow the control zones, which the
    data version does not: those are never reused."""
    if filters.controller:
        response = build()
        patch_cache_control(response, no_cache=True)
        return response
    text = (
        f"{selectors.data_version()}|{settings.SHOW_SYNTHETIC_INCIDENTS}|{request.get_full_path()}"
    )
    etag = '"' + hashlib.sha1(text.encode()).hexdigest()[:24] + '"'
    sent = [
        tag.strip().removeprefix("W/")
        for tag in request.headers.get("If-None-Match", "").split(",")
    ]
    response = HttpResponseNotModified() if etag in sent else build()
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAP_MAX_AGE)
    return response


def _zoom(params) -> int:
    value = (params.get("z") or "").strip()
    try:
        z = int(value)
    except ValueError:
        raise BadQuery(f"'z' must be a whole zoom level, got {value[:20]!r}.") from None
    if not 0 <= z <= clusters.MAX_ZOOM:
        raise BadQuery(f"'z' must be between 0 and {clusters.MAX_ZOOM}.")
    return z


@method_decorator(gzip_page, name="dispatch")
class IncidentClusterView(View):
    """GET /api/incident-clusters.json?z=&bbox=&<filters>: the map's incidents in
    view, clustered on the server per zoom and tile (events.clusters): clusters
    with count, centroid, killed and dominant event type, and single incidents
    as light GeoJSON Features where a tile holds few or the zoom is close."""

    def get(self, request):
        try:
            filters = parse_incident_filters(request.GET)
            z = _zoom(request.GET)
            if filters.bbox is None:
                raise BadQuery("'bbox' is required: minlon,minlat,maxlon,maxlat of the view.")
            bbox = filters.bbox
            if len(clusters.tiles_covering(z, bbox)) > clusters.MAX_TILES:
                raise BadQuery("'bbox' is too large for zoom 'z': zoom out or send a smaller box.")
        except BadQuery as exc:
            return bad_request(str(exc))

        def build():
            started = time.perf_counter()
            data = clusters.view_clusters(
                filters=dataclasses.replace(filters, bbox=None), z=z, bbox=bbox
            )
            queried = time.perf_counter()
            response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
            encoded = time.perf_counter()
            # Where the time went, for the browser's resource timing (make bench reads it).
            query_ms, encode_ms = (queried - started) * 1000, (encoded - queried) * 1000
            response["Server-Timing"] = f"query;dur={query_ms:.1f}, encode;dur={encode_ms:.1f}"
            return response

        return revalidated(request, filters, build)


@method_decorator(gzip_page, name="dispatch")
class IncidentTimelineView(View):
    """GET /api/incident-timeline.json?<filters>&bucket=auto|day|week|month:
    incidents and killed (best estimate) per period and event type."""

    def get(self, request):
        bucket = (request.GET.get("bucket") or "auto").strip()
        if bucket not in (*timeline.BUCKETS, "auto"):
            return bad_request(f"'bucket' must be one of: auto, {', '.join(timeline.BUCKETS)}.")
        try:
            filters = parse_incident_filters(request.GET)
        except BadQuery as exc:
            return bad_request(str(exc))
        return revalidated(
            request,
            filters,
            lambda: JsonResponse(
                timeline.incident_timeline(filters=filters, bucket=bucket),
                json_dumps_params={"ensure_ascii": False},
            ),
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
    """GET /api/geocode?q=<name>&near=<slug, name or lat,lon>&limit=5: ranked matches."""

    def get(self, request):
        try:
            limit = int(request.GET.get("limit", 5))
        except ValueError:
            return bad_request("'limit' must be a whole number.")
        if not 1 <= limit <= MAX_LIMIT:
            return bad_request(f"'limit' must be between 1 and {MAX_LIMIT}.")
        query, near = request.GET.get("q", ""), request.GET.get("near") or None
        try:
            results = [r.as_dict() for r in geocode(query, near=near, limit=limit)]
        except QueryError as exc:
            return bad_request(str(exc))
        return JsonResponse(
            {"query": query, "near": near, "results": results},
            json_dumps_params={"ensure_ascii": False},
        )


class BasemapView(View):
    """Offline basemap: governorate outlines, rivers, lakes and towns."""

    def get(self, request):
        features = basemap.basemap_features()
        return JsonResponse(
            feature_collection(features),
            content_type=GEOJSON,
            json_dumps_params={"ensure_ascii": False},
        )
