"""Box queries on incident points that use the spatial index on both backends.

PostGIS answers ``geom && box`` (the ``bboverlaps`` lookup; for points the same
as inside the box, edges included) from its GiST index, and estimates how many
rows it matches, so a selective date filter can win over the box
(``geom @ box`` has no estimate: PostgreSQL assumed 0.1% of the rows and read
the whole index for a country-sized box).
SpatiaLite never consults its R*Tree on its own: a query must ask the
``SpatialIndex`` virtual table for the candidate rows, so on SpatiaLite the box
test is paired with that lookup (when the index is enabled; migration 0008
enables and fills it).
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.gis.geos import Polygon
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

SPATIAL_INDEX_ROWS = (
    "SELECT rowid FROM SpatialIndex WHERE f_table_name = 'events_incident' "
    "AND f_geometry_column = 'geom' AND search_frame = BuildMbr(%s, %s, %s, %s, 4326)"
)


def spatialite_index_enabled() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT spatial_index_enabled FROM geometry_columns "
            "WHERE f_table_name = 'events_incident' AND f_geometry_column = 'geom'"
        )
        row = cursor.fetchone()
    return bool(row and row[0])


def incidents_in_box(queryset, bbox):
    """``queryset`` (of incidents) narrowed to points inside ``bbox``
    (minlon, minlat, maxlon, maxlat), boundary included."""
    box = Polygon.from_bbox(bbox)
    if connection.vendor == "postgresql":
        return queryset.filter(geom__bboverlaps=box)
    queryset = queryset.filter(geom__contained=box)
    if connection.vendor == "sqlite" and spatialite_index_enabled():
        queryset = queryset.filter(pk__in=RawSQL(SPATIAL_INDEX_ROWS, list(bbox)))
    return queryset


def incidents_in_boxes(queryset, boxes):
    """``queryset`` narrowed to points inside any of ``boxes``, in one query (on
    SpatiaLite one R*Tree lookup per box, their rows united)."""
    boxes = list(boxes)
    if len(boxes) == 1:
        return incidents_in_box(queryset, boxes[0])
    polygons = [Polygon.from_bbox(bbox) for bbox in boxes]
    if connection.vendor == "postgresql":
        return queryset.filter(reduce(or_, (Q(geom__bboverlaps=p) for p in polygons)))
    queryset = queryset.filter(reduce(or_, (Q(geom__contained=p) for p in polygons)))
    if connection.vendor == "sqlite" and spatialite_index_enabled():
        sql = " UNION ALL ".join([SPATIAL_INDEX_ROWS] * len(boxes))
        queryset = queryset.filter(pk__in=RawSQL(sql, [v for bbox in boxes for v in bbox]))
    return queryset
