"""Downloads and sync endpoints: one incident as GeoJSON, the filtered incidents
as CSV, GeoPackage, KML or an offline HTML map, incidents archived since a date,
and a control zone's history."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.http import FileResponse, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from conflictmap import csp
from events import selectors
from events.api.views import GEOJSON, bad_request
from events.exports import geojson as geojson_export
from events.exports import gpkg, html_map
from events.exports.formats import FORMATS, text_chunks
from events.filters import BadQuery, parse_date_param, parse_incident_filters
from events.geojson import feature_collection, polygon_geometry
from events.models import Actor, IncidentStatus


def in_language(chunks):
    """The chunks of a streamed export, each made in the request's language: the
    server reads them after the view has returned."""
    language, iterator = translation.get_language(), iter(chunks)
    while True:
        with translation.override(language):
            piece = next(iterator, None)
        if piece is None:
            return
        yield piece


class IncidentFeatureView(View):
    """One incident as a GeoJSON Feature (staff also see unpublished ones)."""

    def get(self, request, code):
        incidents = selectors.incidents_visible_to(user=request.user).filter(code=code)
        feature = geojson_export.single_feature(incidents)
        if feature is None:
            return JsonResponse(
                {"error": _("No published incident %(code)r.") % {"code": code}}, status=404
            )
        return HttpResponse(feature, content_type=GEOJSON)


class IncidentDownloadView(View):
    """The published incidents matching the shared filters as a file: ACLED CSV,
    GeoPackage (incidents and control zones), KML or an offline HTML map. Zones
    are those in force during the filter's period."""

    format_name = ""

    def get(self, request):
        try:
            filters = parse_incident_filters(request.GET)
        except BadQuery as exc:
            return bad_request(str(exc))
        export = FORMATS[self.format_name]
        incidents = filters.apply(selectors.public_incidents())
        zones = selectors.zones_overlapping(start=filters.start, end=filters.end)
        filename = f"conflictmap-incidents.{export.extension}"
        if export.name == "gpkg":
            return self.geopackage(incidents, zones, filename)
        if export.name == "html":
            try:
                document = html_map.render(
                    incidents, zones=zones, site_url=request.build_absolute_uri("/")[:-1]
                )
            except html_map.TooManyIncidents as exc:
                return bad_request(str(exc))
            response = HttpResponse(document, content_type=export.content_type)
            response[csp.HEADER] = csp.policy_header(csp.OFFLINE_DOCUMENT_POLICY)
        else:
            response = StreamingHttpResponse(
                in_language(text_chunks(export.name, incidents, zones=zones)),
                content_type=export.content_type,
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def geopackage(self, incidents, zones, filename):
        with tempfile.TemporaryDirectory(prefix="conflictmap-export-") as folder:
            path = Path(folder) / filename
            gpkg.write(incidents, path, zones=zones)
            # The open file outlives the folder (Linux unlinks lazily).
            stream = path.open("rb")
        return FileResponse(
            stream, as_attachment=True, filename=filename, content_type=gpkg.CONTENT_TYPE
        )


class ArchivedIncidentsView(View):
    """For mirrors: incidents that left the public record (archived, or returned to
    draft or review) since a date, so they can drop them. ``archived`` keeps its
    older meaning (those archived now); ``withdrawn`` lists every one."""

    def get(self, request):
        try:
            since = parse_date_param(request.GET, "since")
        except BadQuery as exc:
            return bad_request(str(exc))
        if since is None:
            return bad_request(_("Give 'since' as YYYY-MM-DD."))
        start = dt.datetime.combine(since, dt.time.min, tzinfo=dt.UTC)
        rows = selectors.incidents_withdrawn_since(since=start)
        return JsonResponse(
            {
                "since": since.isoformat(),
                "withdrawn": [
                    {"code": code, "status": status, "withdrawn_at": at.isoformat()}
                    for code, status, at in rows
                ],
                "archived": [
                    {"code": code, "archived_at": at.isoformat()}
                    for code, status, at in rows
                    if status == IncidentStatus.ARCHIVED
                ],
            }
        )


class ControlZoneHistoryView(View):
    """Every saved version of a control zone (validity, state, outline), newest
    first, as a FeatureCollection."""

    change_names = {"+": "created", "~": "changed", "-": "deleted"}

    def get(self, request, code):
        versions = list(selectors.zone_history(code=code))
        if not versions:
            return JsonResponse(
                {"error": _("No control zone %(code)r.") % {"code": code}}, status=404
            )
        actors = dict(Actor.objects.values_list("pk", "slug"))
        features = []
        for index, version in enumerate(versions):
            older = versions[index + 1] if index + 1 < len(versions) else None
            features.append(
                {
                    "type": "Feature",
                    "id": version.history_id,
                    "geometry": polygon_geometry(version.geom),
                    "properties": {
                        "code": version.code,
                        "actor": actors.get(version.actor_id),
                        "valid_from": version.valid_from.isoformat(),
                        "valid_to": version.valid_to.isoformat() if version.valid_to else None,
                        "state": version.state,
                        "confidence": version.confidence,
                        "approximate": version.approximate,
                        "source": version.source,
                        "change": self.change_names.get(version.history_type),
                        "changed_at": version.history_date.isoformat(),
                        "change_reason": version.history_change_reason or "",
                        "outline_changed": older is None
                        or not version.geom.equals_exact(older.geom, tolerance=1e-9),
                    },
                }
            )
        data = feature_collection(features)
        data["code"] = code
        return JsonResponse(data, content_type=GEOJSON, json_dumps_params={"ensure_ascii": False})
