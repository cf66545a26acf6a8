"""GeoPackage export (geopandas + pyogrio): an ``incidents`` point layer and a
``control_zones`` polygon layer in one file, readable by QGIS, GDAL and pandas.

Incidents are written in chunks appended to the layer, so memory stays bounded.
Dates are DATETIME fields; counts are integer fields (empty when unknown);
claims are a JSON text field; perpetrators, targets and sources readable text.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from events.exports.flat import FLAT_FIELDS, flat_record
from events.exports.rows import incident_rows

CONTENT_TYPE = "application/geopackage+sqlite3"
INCIDENT_LAYER = "incidents"
ZONE_LAYER = "control_zones"
CHUNK_SIZE = 10000

INTEGER_FIELDS = {
    "uncertainty_m",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "injured_low",
    "injured_high",
}
DATE_FIELDS = {"date_start", "date_end"}


def _incident_frame(records: list[dict], points: list) -> gpd.GeoDataFrame:
    columns = {}
    for name in FLAT_FIELDS:
        values = [r[name] for r in records]
        if name in INTEGER_FIELDS:
            columns[name] = pd.array(values, dtype="Int64")
        elif name in DATE_FIELDS:
            columns[name] = pd.to_datetime(values, format="%Y-%m-%d")
        elif name == "updated_at":
            columns[name] = pd.to_datetime(values, format="%Y-%m-%dT%H:%M:%SZ", utc=True)
        else:
            columns[name] = values
    return gpd.GeoDataFrame(columns, geometry=_points(points), crs="EPSG:4326")


def _points(points: list) -> np.ndarray:
    """Point geometries, None where an incident has no location."""
    geometry = np.full(len(points), None, dtype=object)
    located = [i for i, p in enumerate(points) if p is not None]
    if located:
        geometry[located] = shapely.points(np.array([points[i] for i in located]))
    return geometry


def zone_frame(zones) -> gpd.GeoDataFrame:
    rows = list(
        zones.order_by("valid_from", "code").values_list(
            "code",
            "actor__slug",
            "actor__name",
            "valid_from",
            "valid_to",
            "state",
            "confidence",
            "approximate",
            "source",
            "description",
            "geom",
        )
    )
    names = [
        "code",
        "actor",
        "actor_name",
        "valid_from",
        "valid_to",
        "state",
        "confidence",
        "approximate",
        "source",
        "description",
    ]
    columns = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    for name in ("valid_from", "valid_to"):
        columns[name] = pd.to_datetime(columns[name])
    columns["approximate"] = pd.array(columns["approximate"], dtype="boolean")
    geometry = shapely.from_wkb([bytes(row[-1].wkb) for row in rows])
    return gpd.GeoDataFrame(columns, geometry=geometry, crs="EPSG:4326")


def write(incidents, path, *, zones, progress=None) -> int:
    """Write ``incidents`` and ``zones`` (querysets) as two layers of a new
    GeoPackage at ``path``; return the number of incidents."""
    path = Path(path)
    path.unlink(missing_ok=True)
    count, records, points, written = 0, [], [], False

    def flush():
        nonlocal records, points, written
        frame = _incident_frame(records, points)
        pyogrio.write_dataframe(
            frame,
            path,
            layer=INCIDENT_LAYER,
            driver="GPKG",
            append=written,
            geometry_type="Point",
        )
        written, records, points = True, [], []

    for row in incident_rows(incidents):
        records.append(flat_record(row))
        points.append(None if row.lon is None else (row.lon, row.lat))
        count += 1
        if len(records) >= CHUNK_SIZE:
            flush()
            if progress:
                progress(count)
    if records or not written:
        flush()
    pyogrio.write_dataframe(
        zone_frame(zones), path, layer=ZONE_LAYER, driver="GPKG", geometry_type="MultiPolygon"
    )
    if progress:
        progress(count)
    return count
