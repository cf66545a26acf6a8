"""GeoJSON endpoints (RFC 7946). Kept as plain views for speed; URLs are stable."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import time

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.gzip import gzip_page

from events import basemap, clusters, public_cache, selectors, timeline
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


def cached_json(kind: str, parts: tuple, compute, content_type: str = GEOJSON) -> HttpResponse:
    """A JSON answer that changes only with the data, encoded once and served from
    the public cache (events.public_cache) until a write moves its generation."""

    def encode() -> bytes:
        text = json.dumps(compute(), cls=DjangoJSONEncoder, ensure_ascii=False)
        return text.encode()

    return HttpResponse(public_cache.cached(kind, parts, encode), content_type=content_type)


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

        def points():
            rows = selectors.public_incident_points(filters=filters)
            return feature_collection(incident_point_feature(row) for row in rows)

        return cached_json("points", (*clusters.data_parts(filters), filters.bbox), points)


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
    # Labels in the answers follow the request's language (Accept-Language, cookie).
    text = (
        f"{selectors.data_version()}|{settings.SHOW_SYNTHETIC_INCIDENTS}|{get_language()}|"
        f"{request.get_full_path()}"
    )
    etag = '"' + hashlib.sha1(text.encode()).hexdigest()[:24] + '"'
    sent = [
        tag.strip().removeprefix("W/")
        for tag in request.headers.get("If-None-Match", "").split(",")
    ]
    response = HttpResponseNotModified() if etag in sent else build()
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAP_MAX_AGE)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


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
            response = HttpResponse(clusters.view_json(data), content_type="application/json")
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
            return bad_request(
                _("'bucket' must be one of: %(allowed)s.")
                % {"allowed": ", ".join(("auto", *timeline.BUCKETS))}
            )
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

        def zones():
            data = feature_collection(zone_feature(z) for z in selectors.zones_on(day=day))
            data["date"] = day.isoformat()
            return data

        return cached_json("zones", (day.isoformat(),), zones)


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
        version = f"{selectors.data_version()}|{basemap.packaged_layers()['key']}"
        etag = '"' + hashlib.sha1(version.encode()).hexdigest()[:24] + '"'
        sent = [
            tag.strip().removeprefix("W/")
            for tag in request.headers.get("If-None-Match", "").split(",")
        ]
        if etag in sent:
            response = HttpResponseNotModified()
        else:
            response = cached_json(
                "basemap", (), lambda: feature_collection(basemap.basemap_features())
            )
        response["ETag"] = etag
        patch_cache_control(response, public=True, no_cache=True)
        return response
