"""Pre-aggregated map counts: how many public incidents fall in each grid cell
at each zoom level, per event type and month span (events.mapgrid reads them,
events.services.mapgrid keeps them)."""

from __future__ import annotations

from django.db import models


class MapGridCell(models.Model):
    """Published incidents with a point counted in one cell of zoom ``level``'s
    grid (``cx`` = floor(lon / cell), ``cy`` = floor(lat / cell), cell =
    360 / 2**level / 4 degrees, as events.clusters cuts tiles), for one event type,
    synthetic flag and (start month, end month), months counted as year * 12 +
    month - 1. ``killed`` sums the best estimates; ``sum_lon`` and ``sum_lat``
    give the centroid."""

    level = models.PositiveSmallIntegerField()
    cx = models.IntegerField()
    cy = models.IntegerField()
    synthetic = models.BooleanField()
    event_type = models.CharField(max_length=32)
    start_month = models.IntegerField()
    end_month = models.IntegerField()
    n = models.IntegerField()
    killed = models.BigIntegerField()
    sum_lon = models.FloatField()
    sum_lat = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "level",
                    "cx",
                    "cy",
                    "synthetic",
                    "event_type",
                    "start_month",
                    "end_month",
                ],
                name="map_grid_cell_key",
            )
        ]
        # The rows over all dates (start_month -1) apart from the many per month:
        # a view without dates reads only its own rows.
        indexes = [
            models.Index(fields=["level", "start_month", "cx", "cy"], name="map_grid_cell_dates")
        ]

    def __str__(self) -> str:
        return f"z{self.level} {self.cx},{self.cy} {self.event_type}: {self.n}"


class MapGridEntry(models.Model):
    """What one published incident last added to MapGridCell, so a change can
    take exactly that back out (the incident row itself has moved on by then)."""

    incident_id = models.IntegerField(primary_key=True)
    synthetic = models.BooleanField()
    event_type = models.CharField(max_length=32)
    start_month = models.IntegerField()
    end_month = models.IntegerField()
    lon = models.FloatField()
    lat = models.FloatField()
    killed = models.IntegerField()

    def __str__(self) -> str:
        return f"incident {self.incident_id} in the map grid"
