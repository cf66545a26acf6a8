"""GeoJSON endpoints (RFC 7946). Kept as plain views for speed; URLs are stable."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

from django.http import JsonResponse, StreamingHttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

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
from events.public_answers import GEOJSON, JSON, answer, json_bytes


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


class IncidentPointCollectionView(View):
    """The map's light layer: a point and the few properties the map styles by,
    for every public incident matching the shared filters (bbox-aware). The
    popup loads the full record of one incident when it opens."""

    def get(self, request):
        try:
            filters = parse_incident_filters(request.GET)
        except BadQuery as exc:
            return bad_request(str(exc))

        def points():
            rows = selectors.public_incident_points(filters=filters)
            return json_bytes(feature_collection(incident_point_feature(row) for row in rows))

        parts = (*clusters.data_parts(filters), filters.bbox)
        return answer(request, "points", parts, points, reuse=not filters.controller)


# The map's answers stay fresh in the browser this long (pan back, reload a
# permalink: no request at all); after that it asks again with the ETag and a
# 304 costs one cache lookup. A write shows within this many seconds. Answers
# filtered by controller follow the control zones, which the generation moves
# too, but are never reused by the browser.
MAP_MAX_AGE = 60


def _zoom(params) -> int:
    value = (params.get("z") or "").strip()
    try:
        z = int(value)
    except ValueError:
        raise BadQuery(
            _("'z' must be a whole zoom level, got %(value)r.") % {"value": value[:20]}
        ) from None
    if not 0 <= z <= clusters.MAX_ZOOM:
        raise BadQuery(_("'z' must be between 0 and %(max)d.") % {"max": clusters.MAX_ZOOM})
    return z


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
                raise BadQuery(_("'bbox' is required: minlon,minlat,maxlon,maxlat of the view."))
            bbox = filters.bbox
            if len(clusters.tiles_covering(z, bbox)) > clusters.MAX_TILES:
                raise BadQuery(
                    _("'bbox' is too large for zoom 'z': zoom out or send a smaller box.")
                )
        except BadQuery as exc:
            return bad_request(str(exc))

        def build():
            started = time.perf_counter()
            data = clusters.view_clusters(
                filters=dataclasses.replace(filters, bbox=None), z=z, bbox=bbox
            )
            queried = time.perf_counter()
            body = clusters.view_json(data)
            encoded = time.perf_counter()
            # Where the time went, for the browser's resource timing (make bench reads it).
            query_ms, encode_ms = (queried - started) * 1000, (encoded - queried) * 1000
            return body, (
                f"query;dur={query_ms:.1f}, encode;dur={encode_ms:.1f}, "
                f'tiles;desc="{data["cached_tiles"]} of {data["tiles"]} cached"'
            )

        # The answer is made of the tiles covering the box, whatever the box inside them.
        tiles = clusters.tiles_covering(z, bbox)
        span = (min(tiles), max(tiles))
        return answer(
            request,
            "cluster-view",
            (*clusters.data_parts(filters), z, span),
            build,
            content_type=JSON,
            max_age=MAP_MAX_AGE,
            reuse=not filters.controller,
        )


class IncidentTimelineView(View):
    """GET /api/incident-timeline.json?<filters>&bucket=auto|day|week|month:
    incidents and killed (best estimate) per period and event type."""

    def get(self, request):
        bucket = (request.GET.get("bucket") or "auto").strip()
        if bucket not in (*timeline.BUCKETS, "auto"):
            return bad_request(
                _("'bucket' must be one of: %(allowed)s.")
                % {"allowed": ", ".join(("auto", *timeline.BUCKETS))}
            )
        try:
            filters = parse_incident_filters(request.GET)
        except BadQuery as exc:
            return bad_request(str(exc))
        # The labels are in the request's language.
        return answer(
            request,
            "timeline-answer",
            (*clusters.data_parts(filters), filters.bbox, bucket, get_language()),
            lambda: json_bytes(timeline.incident_timeline(filters=filters, bucket=bucket)),
            content_type=JSON,
            max_age=MAP_MAX_AGE,
            reuse=not filters.controller,
        )


class ControlZoneCollectionView(View):
    def get(self, request):
        try:
            day = parse_date_param(request.GET, "date") or dt.date.today()
        except BadQuery as exc:
            return bad_request(str(exc))

        def zones():
            data = feature_collection(zone_feature(z) for z in selectors.zones_on(day=day))
            data["date"] = day.isoformat()
            return json_bytes(data)

        return answer(request, "zones", (day.isoformat(),), zones)


class GeocodeView(View):
    """GET /api/geocode?q=<name>&near=<slug, name or lat,lon>&limit=5: ranked matches."""

    def get(self, request):
        try:
            limit = int(request.GET.get("limit", 5))
        except ValueError:
            return bad_request(_("'limit' must be a whole number."))
        if not 1 <= limit <= MAX_LIMIT:
            return bad_request(_("'limit' must be between 1 and %(max)d.") % {"max": MAX_LIMIT})
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
    """Offline basemap: governorate outlines, rivers, lakes and towns. Its ETag
    follows both of what it is made of: the data version (gazetteer, governorates)
    and the key of the packaged layers (events.basemap); the browser asks again
    every time (no-cache) and an unchanged basemap costs a 304."""

    def get(self, request):
        return answer(
            request,
            "basemap",
            (basemap.packaged_layers()["key"],),
            lambda: json_bytes(feature_collection(basemap.basemap_features())),
        )
