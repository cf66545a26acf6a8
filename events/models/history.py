"""History records whose copied geometry columns carry no spatial index.

A history table is read by incident (its id) and date, never by location, so an
R*Tree (SpatiaLite) or GiST index (PostGIS) on its point only costs every write:
on SpatiaLite about 60 µs per imported row. The incident table keeps its own.
"""

from __future__ import annotations

from django.contrib.gis.db.models import GeometryField
from simple_history.models import HistoricalRecords


class UnindexedGeometryHistory(HistoricalRecords):
    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for field in fields.values():
            if isinstance(field, GeometryField):
                field.spatial_index = False
        return fields
