"""Streamed RFC 7946 FeatureCollection of incidents.

Two paths, one document (tests compare them feature by feature):
- PostGIS: each Feature is built by the database (ST_AsGeoJSON, json_build_object,
  json_agg over claims, attributions and sources) and read through a server-side
  cursor; Python adds the controller (ControllerResolver) and joins text.
- SpatiaLite (and any other backend): ``incident_rows`` reads chunks with a few
  queries each and ``json.dumps`` writes each Feature.
Either way the response is produced piece by piece, so memory does not grow with
the number of incidents.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from django.db import connections, transaction

from events.exports.control import ControllerResolver
from events.exports.rows import CHUNK_SIZE, IncidentRow, detail_url_parts, incident_rows
from events.models import Actor, Attribution, CasualtyClaim, ControlZone, Incident, Place, Source

CONTENT_TYPE = "application/geo+json"
HEAD = '{"type":"FeatureCollection","features":['
TAIL = "]}\n"


def row_feature(row: IncidentRow) -> dict:
    geometry = None
    if row.lon is not None:
        geometry = {"type": "Point", "coordinates": [row.lon, row.lat]}
    return {
        "type": "Feature",
        "id": row.properties["code"],
        "geometry": geometry,
        "properties": row.properties,
    }


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _python_features(incidents, chunk_size) -> Iterator[str]:
    for row in incident_rows(incidents, chunk_size=chunk_size):
        yield _dumps(row_feature(row))


def _tables() -> dict[str, str]:
    return {
        "incident": Incident._meta.db_table,
        "place": Place._meta.db_table,
        "source": Source._meta.db_table,
        "claim": CasualtyClaim._meta.db_table,
        "attribution": Attribution._meta.db_table,
        "actor": Actor._meta.db_table,
        "zone": ControlZone._meta.db_table,
    }


# One Feature per row, built by PostgreSQL; content matches
# events.exports.rows.incident_rows, orderings inside the arrays too. Claims,
# attributions and sources are aggregated set-wise (one pass over each table,
# hash-joined) rather than by a subquery per incident. The controller is left
# out: an indexed point-in-polygon join costs PostgreSQL ~1.6 s per 100k rows,
# while ControllerResolver answers a chunk in milliseconds; it is appended as
# the last property of each Feature (see _with_controller).
POSTGIS_FEATURE_SQL = """
WITH sel(id) AS MATERIALIZED ({selection}),
claim_json AS (
  SELECT c.incident_id, json_agg(json_build_object(
      'source', CASE WHEN s.reported_via = '' THEN s.name
                     ELSE s.name || ' via ' || s.reported_via END,
      'outcome', c.outcome,
      'population', c.population,
      'min', c.min_value,
      'max', c.max_value,
      'wording', c.wording
    ) ORDER BY c.outcome, c.source_id, c.id) AS items
  FROM {claim} c JOIN {source} s ON s.id = c.source_id
  WHERE c.incident_id IN (SELECT id FROM sel)
  GROUP BY c.incident_id
),
attribution_json AS (
  SELECT t.incident_id, json_agg(json_build_object(
      'actor', a.slug,
      'actor_name', a.name,
      'role', t.role,
      'stance', t.stance,
      'source', CASE WHEN s.id IS NULL THEN NULL
                     WHEN s.reported_via = '' THEN s.name
                     ELSE s.name || ' via ' || s.reported_via END
    ) ORDER BY t.role, a.name, t.id) AS items
  FROM {attribution} t JOIN {actor} a ON a.id = t.actor_id
  LEFT JOIN {source} s ON s.id = t.source_id
  WHERE t.incident_id IN (SELECT id FROM sel)
  GROUP BY t.incident_id
),
source_json AS (
  SELECT s.incident_id, json_agg(json_build_object(
      'name', s.name,
      'kind', s.kind,
      'reported_via', s.reported_via,
      'url', s.url,
      'published_on', s.published_on
    ) ORDER BY s.published_on ASC NULLS LAST, s.id) AS items
  FROM {source} s
  WHERE s.incident_id IN (SELECT id FROM sel)
  GROUP BY s.incident_id
)
SELECT json_build_object(
  'type', 'Feature',
  'id', i.code,
  'geometry', ST_AsGeoJSON(i.geom, 6, 0)::json,
  'properties', json_build_object(
    'code', i.code,
    'title', i.title,
    'summary', i.summary,
    'event_type', i.event_type,
    'sub_event_type', i.sub_event_type,
    'date_start', i.date_start,
    'date_end', i.date_end,
    'date_precision', i.date_precision,
    'time_note', i.time_note,
    'place', CASE WHEN p.id IS NULL THEN i.reported_place_name ELSE p.name END,
    'place_ar', COALESCE(p.name_ar, ''),
    'reported_place_name', i.reported_place_name,
    'location_precision', i.location_precision,
    'uncertainty_m', i.uncertainty_m,
    'location_note', i.location_note,
    'fatalities_low', i.fatalities_low,
    'fatalities_best', i.fatalities_best,
    'fatalities_high', i.fatalities_high,
    'injured_low', i.injured_low,
    'injured_high', i.injured_high,
    'claims', COALESCE(cj.items, '[]'::json),
    'attributions', COALESCE(aj.items, '[]'::json),
    'sources', COALESCE(sj.items, '[]'::json),
    'url', %s || i.code || %s,
    'updated_at', to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
  )
)::text, ST_X(i.geom), ST_Y(i.geom), i.date_start
FROM {incident} i
JOIN sel ON sel.id = i.id
LEFT JOIN {place} p ON p.id = i.place_id
LEFT JOIN claim_json cj ON cj.incident_id = i.id
LEFT JOIN attribution_json aj ON aj.incident_id = i.id
LEFT JOIN source_json sj ON sj.incident_id = i.id
ORDER BY i.date_start DESC, i.code
"""

# JIT compilation costs seconds on this query and saves nothing.
POSTGIS_SETTINGS = ("SET LOCAL jit = off", "SET LOCAL work_mem = '128MB'")


def _postgis_features(incidents, chunk_size) -> Iterator[str]:
    selection, selection_params = incidents.order_by().values("pk").query.sql_with_params()
    sql = POSTGIS_FEATURE_SQL.format(selection=selection, **_tables())
    prefix, suffix = detail_url_parts()
    connection = connections[incidents.db]
    # Inside a transaction the server-side cursor streams rows as they are made
    # (outside one it would be WITH HOLD, materialised before the first fetch).
    with transaction.atomic(using=incidents.db):
        with connection.cursor() as settings_cursor:
            for statement in POSTGIS_SETTINGS:
                settings_cursor.execute(statement)
        yield from _fetch(connection, sql, [*selection_params, prefix, suffix], chunk_size)


def _fetch(connection, sql, params, chunk_size) -> Iterator[str]:
    resolver = ControllerResolver()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            controllers = resolver.resolve([(lon, lat, day) for _, lon, lat, day in rows])
            for (feature, *_), controller in zip(rows, controllers, strict=True):
                yield _with_controller(feature, controller)


def _with_controller(feature: str, controller: str | None) -> str:
    """Append ``controller_at_event`` to the properties: the Feature's text ends
    with the properties object's and its own closing braces."""
    if not feature.endswith("}}"):
        raise ValueError("Unexpected Feature text from the database.")
    return f'{feature[:-2]},"controller_at_event":{json.dumps(controller)}}}}}'


def uses_database_json(incidents) -> bool:
    return connections[incidents.db].vendor == "postgresql"


def features(incidents, *, chunk_size: int = CHUNK_SIZE) -> Iterator[str]:
    """Each incident of ``incidents`` as one serialised GeoJSON Feature."""
    if uses_database_json(incidents):
        return _postgis_features(incidents, chunk_size)
    return _python_features(incidents, chunk_size)


def _collection(pieces: Iterable[str], batch: int) -> Iterator[str]:
    yield HEAD
    buffer: list[str] = []
    first = True
    for piece in pieces:
        buffer.append(piece)
        if len(buffer) >= batch:
            text = ",".join(buffer)
            yield text if first else "," + text
            first, buffer = False, []
    if buffer:
        text = ",".join(buffer)
        yield text if first else "," + text
    yield TAIL


def feature_collection_chunks(incidents, *, chunk_size: int = CHUNK_SIZE) -> Iterator[str]:
    """The FeatureCollection as text pieces of about ``chunk_size`` features."""
    return _collection(features(incidents, chunk_size=chunk_size), chunk_size)


def single_feature(incidents) -> str | None:
    """The first incident of ``incidents`` as one Feature document, or None."""
    return next(iter(features(incidents, chunk_size=1)), None)


def write(incidents, stream, *, progress=None) -> int:
    """Write the FeatureCollection to a text ``stream``; return the feature count.
    ``progress(done)`` is called after each chunk."""
    count = 0

    def counted():
        nonlocal count
        for piece in features(incidents):
            count += 1
            if progress and count % CHUNK_SIZE == 0:
                progress(count)
            yield piece

    for text in _collection(counted(), CHUNK_SIZE):
        stream.write(text)
    if progress:
        progress(count)
    return count
