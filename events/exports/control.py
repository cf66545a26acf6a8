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
from dataclasses import dataclass

import shapely
from shapely.strtree import STRtree

from events.models import ControlState, ControlZone


@dataclass(frozen=True, slots=True)
class _Zone:
    pk: int
    actor: str
    held: bool
    valid_from: dt.date
    valid_to: dt.date | None

    def rank(self) -> tuple:
        return (self.held, self.valid_from, self.pk)


class ControllerResolver:
    def __init__(self, zones=None):
        zones = ControlZone.objects.all() if zones is None else zones
        rows = list(
            zones.order_by().values_list(
                "pk", "actor__slug", "state", "valid_from", "valid_to", "geom"
            )
        )
        self._zones = [
            _Zone(pk, actor, state == ControlState.HELD, start, end)
            for pk, actor, state, start, end, _ in rows
        ]
        self._tree = STRtree([shapely.from_wkb(bytes(row[5].wkb)) for row in rows])

    def resolve(self, points: list[tuple[float | None, float | None, dt.date]]) -> list:
        """Actor slug (or None) for each ``(lon, lat, day)``."""
        result: list[str | None] = [None] * len(points)
        if not points or not self._zones:
            return result
        located = [i for i, (lon, lat, _) in enumerate(points) if lon is not None]
        geoms = shapely.points([(points[i][0], points[i][1]) for i in located])
        best: dict[int, _Zone] = {}
        for index, zone_index in zip(*self._tree.query(geoms, predicate="within"), strict=True):
            position = located[index]
            day = points[position][2]
            zone = self._zones[zone_index]
            if zone.valid_from > day or (zone.valid_to is not None and zone.valid_to < day):
                continue
            current = best.get(position)
            if current is None or zone.rank() > current.rank():
                best[position] = zone
        for position, zone in best.items():
            result[position] = zone.actor
        return result
