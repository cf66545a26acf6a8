"""Who held each incident's point on its start date, for many incidents at once.

``IncidentQuerySet.with_controller()`` answers this with one correlated subquery
per row; that is fine for a page of results but, on SpatiaLite, scans every zone
for every incident. Exports instead load the zones once into a shapely STRtree
and resolve a whole chunk of points in one vectorised query. The rule is the
same as ``events.selectors.control_zone_subquery``: the point must lie inside
the zone (boundary excluded, as ST_Contains), the date within its validity; held
zones win over contested ones, then the most recent ``valid_from``, then the
highest id.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import shapely
from shapely.strtree import STRtree

from events.models import ControlState, ControlZone

# valid_to of an open-ended zone, as a day number.
_OPEN = dt.date.max.toordinal()


class ControllerResolver:
    def __init__(self, zones=None):
        zones = ControlZone.objects.all() if zones is None else zones
        rows = list(
            zones.order_by().values_list(
                "pk", "actor__slug", "state", "valid_from", "valid_to", "geom"
            )
        )
        self._actors = [row[1] for row in rows]
        self._from = np.array([row[3].toordinal() for row in rows], dtype=np.int64)
        self._to = np.array(
            [_OPEN if row[4] is None else row[4].toordinal() for row in rows], dtype=np.int64
        )
        # Each zone's position in the order of precedence (held, valid_from, id).
        precedence = sorted(
            range(len(rows)),
            key=lambda i: (rows[i][2] == ControlState.HELD, rows[i][3], rows[i][0]),
        )
        self._rank = np.empty(len(rows), dtype=np.int64)
        self._rank[precedence] = np.arange(len(rows))
        self._geoms = shapely.from_wkb([bytes(row[5].wkb) for row in rows])
        shapely.prepare(self._geoms)
        self._tree = STRtree(self._geoms)

    def resolve(self, points: list[tuple[float | None, float | None, dt.date]]) -> list:
        """Actor slug (or None) for each ``(lon, lat, day)``."""
        if not points:
            return []
        lons, lats, days = zip(*points, strict=True)
        return self.resolve_columns(lons, lats, days)

    def resolve_columns(self, lons, lats, days) -> list:
        """Actor slug (or None) for each point ``(lons[i], lats[i])`` on ``days[i]``
        (a date; a point without location has None for both coordinates)."""
        result: list[str | None] = [None] * len(lons)
        if not result or not self._actors:
            return result
        xs = np.array(lons, dtype=float)  # None -> nan
        ys = np.array(lats, dtype=float)
        located = np.flatnonzero(~np.isnan(xs))
        if len(located) < len(xs):
            xs, ys = xs[located], ys[located]
            days = [days[i] for i in located.tolist()]
        if not len(located):
            return result
        days = np.fromiter((day.toordinal() for day in days), dtype=np.int64, count=len(xs))
        # Candidates by bounding box, then the dates (cheap), then the exact test
        # on the prepared zone polygons (ST_Contains: the boundary is outside).
        point_index, zone_index = self._tree.query(shapely.points(xs, ys))
        on_day = days[point_index]
        valid = (self._from[zone_index] <= on_day) & (on_day <= self._to[zone_index])
        point_index, zone_index = point_index[valid], zone_index[valid]
        inside = shapely.contains_xy(self._geoms[zone_index], xs[point_index], ys[point_index])
        point_index, zone_index = point_index[inside], zone_index[inside]
        # Sorted by point, then precedence: each point's last pair is its controller.
        order = np.lexsort((self._rank[zone_index], point_index))
        point_index, zone_index = point_index[order], zone_index[order]
        last = np.ones(len(point_index), dtype=bool)
        last[:-1] = point_index[1:] != point_index[:-1]
        for p, z in zip(
            located[point_index[last]].tolist(), zone_index[last].tolist(), strict=True
        ):
            result[p] = self._actors[z]
        return result
