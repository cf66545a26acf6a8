"""History records indexed only on what history is read by.

A history table is read by record (the copied ``id``), incident, date, user and,
for incidents, status (events.selectors, events.changelog), never by location or
by any other copied field: an R*Tree (SpatiaLite) or GiST index (PostGIS) on its
point, or a B-tree on a copied code, external id or foreign key, only costs every
write (on SpatiaLite about 60 µs per imported row for the spatial index; on
PostgreSQL the incident history of the UCDP file went in in 0.56-0.63 s with its
six unread indexes, 0.30-0.33 s without, loaded machine). The live tables keep
their own indexes.
"""

from __future__ import annotations

from django.contrib.gis.db.models import GeometryField
from simple_history.models import HistoricalRecords


class LeanHistory(HistoricalRecords):
    """``HistoricalRecords`` whose copied fields keep an index only when named in
    ``indexed`` (the record's ``id`` always), and whose geometry has none."""

    def __init__(self, *args, indexed: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.indexed = {"id", *indexed}

    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for name, field in fields.items():
            if isinstance(field, GeometryField):
                field.spatial_index = False
            # A named field keeps an index even where its live table serves the
            # same reads with a composite one (the incident's status).
            field.db_index = name in self.indexed and not field.primary_key
        return fields
