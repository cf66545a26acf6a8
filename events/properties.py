"""The one incident property schema: what an incident's properties are called
wherever it is written as a GeoJSON Feature or a row of attributes.

- ``INCIDENT_PROPERTIES``: the properties of every export Feature
  (/api/incidents.geojson, built by events.exports.rows), of the single-incident
  Feature (/api/incidents/<code>.geojson), and the read side of /api/v1's
  incidents (events.api.serializers.IncidentSerializer), in this order. GeoPackage
  and KML write the same names as flat attributes (the nested lists as text).
- ``EDITING_PROPERTIES``: what /api/v1 adds for editors.
- ``POINT_PROPERTIES``: the subset the map's light layer
  (/api/incident-points.geojson) carries; the Feature ``id`` is the code.

The place, in every one of them: ``place`` is the gazetteer place's slug (null when
the incident has none; it is also what /api/v1 writes take), ``place_name`` its name
(or, with no gazetteer place, the name as reported), ``place_name_ar`` its Arabic
name ("" when none), and ``reported_place_name`` the name as the sources spell it.
"""

from __future__ import annotations

from django.db.models import F

INCIDENT_PROPERTIES = (
    "code",
    "title",
    "summary",
    "event_type",
    "sub_event_type",
    "date_start",
    "date_end",
    "date_precision",
    "time_note",
    "place",
    "place_name",
    "place_name_ar",
    "reported_place_name",
    "location_precision",
    "uncertainty_m",
    "location_note",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "injured_low",
    "injured_high",
    "claims",
    "attributions",
    "sources",
    "url",
    "updated_at",
    "controller_at_event",
)

# The order of the nested lists, within one incident (ORDER BY terms of Source,
# CasualtyClaim and Attribution): the export reads them so, and so does every page
# and API response (events.selectors.incident_detail_prefetches).
SOURCE_ORDER = (F("published_on").asc(nulls_last=True), "id")
CLAIM_ORDER = ("outcome", "source_id", "id")
ATTRIBUTION_ORDER = ("role", "actor__name", "id")

EDITING_PROPERTIES = ("location_method", "status")

POINT_PROPERTIES = (
    "title",
    "event_type",
    "date_start",
    "date_end",
    "date_precision",
    "fatalities_best",
    "location_precision",
    "uncertainty_m",
)
