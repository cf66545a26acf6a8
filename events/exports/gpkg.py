"""GeoPackage export: an ``incidents`` point layer and a ``control_zones`` polygon
layer in one file, readable by QGIS, GDAL and pandas.

Incidents go from the database to GDAL as Arrow record batches
(``flat_batches`` -> ``pyogrio.write_arrow``), streamed in one layer write, so
memory stays bounded and no per-incident Python object is built on the way. Dates
are DATE fields, ``updated_at`` a UTC DATETIME, counts integer fields (empty when
unknown), claims a JSON text field, perpetrators, targets and sources readable
text. The zones (a few hundred) go through a GeoDataFrame.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyogrio
import shapely

from events.exports.flat import FLAT_FIELDS, INTEGER_FIELDS, FlatBatch, flat_batches

CONTENT_TYPE = "application/geopackage+sqlite3"
INCIDENT_LAYER = "incidents"
ZONE_LAYER = "control_zones"
GEOMETRY = "geometry"

DATE_FIELDS = frozenset({"date_start", "date_end"})

# What QGIS and GDAL show as each layer's title and description (gpkg_contents).
INCIDENT_DESCRIPTION = (
    "Armed-conflict incidents exported from conflictmap at {when} (UTC). One row per "
    "incident. fatalities_low/best/high and injured_low/high are derived from the "
    "per-source claims in the claims column (JSON), which are kept apart; "
    "controller_at_event is the approximate control zone holding the point that day."
)
ZONE_DESCRIPTION = (
    "Territorial-control zones exported from conflictmap at {when} (UTC): approximate, "
    "schematic outlines drawn from public reporting, valid from valid_from to valid_to "
    "(empty: still in force)."
)
UPDATED_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def _field_type(name: str) -> pa.DataType:
    if name in INTEGER_FIELDS:
        return pa.int64()
    if name in DATE_FIELDS:
        return pa.date32()
    if name == "updated_at":
        return pa.timestamp("s", tz="UTC")
    return pa.string()


INCIDENT_SCHEMA = pa.schema(
    [pa.field(name, _field_type(name)) for name in FLAT_FIELDS] + [pa.field(GEOMETRY, pa.binary())]
)


def _array(name: str, values: list) -> pa.Array:
    if name in DATE_FIELDS:
        return pa.array(values, pa.string()).cast(pa.date32())
    if name == "updated_at":
        parsed = pc.strptime(pa.array(values, pa.string()), format=UPDATED_FORMAT, unit="s")
        return parsed.cast(pa.timestamp("s", tz="UTC"))
    return pa.array(values, _field_type(name))


def _points_wkb(lon: list, lat: list) -> pa.Array:
    """WKB points, null where an incident has no location."""
    xs, ys = np.array(lon, dtype=float), np.array(lat, dtype=float)
    geometry = shapely.points(xs, ys)
    geometry[np.isnan(xs)] = None
    return pa.array(shapely.to_wkb(geometry), pa.binary())


def record_batch(batch: FlatBatch) -> pa.RecordBatch:
    arrays = [_array(name, batch.columns[name]) for name in FLAT_FIELDS]
    return pa.RecordBatch.from_arrays(
        [*arrays, _points_wkb(batch.lon, batch.lat)], schema=INCIDENT_SCHEMA
    )


# Zone layer columns and what each is read from.
ZONE_COLUMNS = {
    "code": "code",
    "actor": "actor__slug",
    "actor_name": "actor__name",
    "valid_from": "valid_from",
    "valid_to": "valid_to",
    "state": "state",
    "confidence": "confidence",
    "approximate": "approximate",
    "source": "source",
    "description": "description",
}


def zone_frame(zones) -> gpd.GeoDataFrame:
    rows = list(zones.order_by("valid_from", "code").values_list(*ZONE_COLUMNS.values(), "geom"))
    columns = {name: [row[i] for row in rows] for i, name in enumerate(ZONE_COLUMNS)}
    for name in ("valid_from", "valid_to"):
        columns[name] = pd.to_datetime(columns[name])
    columns["approximate"] = pd.array(columns["approximate"], dtype="boolean")
    geometry = shapely.from_wkb([bytes(row[-1].wkb) for row in rows])
    return gpd.GeoDataFrame(columns, geometry=geometry, crs="EPSG:4326")


def write(incidents, path, *, zones, progress=None) -> int:
    """Write ``incidents`` and ``zones`` (querysets) as two layers of a new
    GeoPackage at ``path``; return the number of incidents. ``progress(done)`` is
    called as incidents are read."""
    path = Path(path)
    path.unlink(missing_ok=True)
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")
    count, failure = 0, None

    def batches():
        nonlocal count, failure
        try:
            for batch in flat_batches(incidents, progress=progress):
                count += len(batch)
                yield record_batch(batch)
        except Exception as exc:  # GDAL only says the stream failed: keep the cause
            failure = exc
            raise

    try:
        pyogrio.write_arrow(
            pa.RecordBatchReader.from_batches(INCIDENT_SCHEMA, batches()),
            path,
            layer=INCIDENT_LAYER,
            driver="GPKG",
            geometry_name=GEOMETRY,
            geometry_type="Point",
            crs="EPSG:4326",
            layer_options={
                "IDENTIFIER": "conflictmap incidents",
                "DESCRIPTION": INCIDENT_DESCRIPTION.format(when=when),
            },
        )
    except Exception:
        path.unlink(missing_ok=True)  # no half-written file
        if failure is not None:
            raise failure from None
        raise
    pyogrio.write_dataframe(
        zone_frame(zones),
        path,
        layer=ZONE_LAYER,
        driver="GPKG",
        geometry_type="MultiPolygon",
        layer_options={
            "IDENTIFIER": "conflictmap control zones (approximate)",
            "DESCRIPTION": ZONE_DESCRIPTION.format(when=when),
        },
    )
    if progress:
        progress(count)
    return count
