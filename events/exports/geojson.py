"""Streamed RFC 7946 FeatureCollection of incidents.

Each incident keeps its Feature pre-rendered in ``Incident.feature_json`` (built
from ``incident_rows``, refreshed by ``services.refresh_incident_features``
whenever the incident, its place, sources, claims or attributions change). An
export reads that text through one query per chunk, adds ``controller_at_event``
(resolved per chunk by ``ControllerResolver``, since control zones change on
their own) and joins the pieces: no JSON is built per request, on any backend.
The response is produced piece by piece, so memory does not grow with the number
of incidents.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator

from events.exports.control import ControllerResolver
from events.exports.cursor import batches_of
from events.exports.rows import CHUNK_SIZE, EXPORT_ORDER, Lat, Lon
from events.exports.stored import RENDER_VERSION, renderings
from events.models import Incident

CONTENT_TYPE = "application/geo+json"
HEAD = '{"type":"FeatureCollection","features":['
TAIL = "]}\n"


def _day(value) -> dt.date:
    # SQLite hands dates back as text when read past the ORM's converters.
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _feature_batches(incidents, chunk_size) -> Iterator[list[str]]:
    """The Features of ``incidents`` in export order, a list per chunk: each
    stored text with ``controller_at_event`` spliced in before its last two braces
    (the properties object's and the Feature's)."""
    resolver = ControllerResolver()
    # '"controller_at_event":…}}' by actor slug, written once per actor.
    endings: dict[str | None, str] = {}
    ordered = incidents.order_by(*EXPORT_ORDER).annotate(lon=Lon("geom"), lat=Lat("geom"))
    fields = ("pk", "feature_json", "lon", "lat", "date_start", "render_version")
    for batch in batches_of(ordered, fields, chunk_size=chunk_size):
        pks, texts, lons, lats, days, versions = zip(*batch, strict=True)
        # Rows written without the services (fixtures, raw SQL) or rendered by an
        # older renderer: build theirs now, so the export never shows a stale one.
        missing = [
            i
            for i, (text, version) in enumerate(zip(texts, versions, strict=True))
            if not text or version != RENDER_VERSION
        ]
        if missing:
            texts = list(texts)
            chosen = Incident.objects.using(incidents.db).filter(pk__in=[pks[i] for i in missing])
            built = {r.pk: r.feature_json for r in renderings(chosen)}
            for i in missing:
                texts[i] = built[pks[i]]
        if not isinstance(days[0], dt.date):
            days = [_day(day) for day in days]
        controllers = resolver.resolve_columns(lons, lats, days)
        for controller in set(controllers) - endings.keys():
            endings[controller] = f',"controller_at_event":{json.dumps(controller)}}}}}'
        for pk, text in zip(pks, texts, strict=True):
            if not text.endswith("}}"):
                raise ValueError(f"Unexpected stored Feature text for incident {pk}.")
        yield [
            text[:-2] + endings[controller]
            for text, controller in zip(texts, controllers, strict=True)
        ]


def features(incidents, *, chunk_size: int = CHUNK_SIZE) -> Iterator[str]:
    """Each incident of ``incidents`` as one serialised GeoJSON Feature."""
    for pieces in _feature_batches(incidents, chunk_size):
        yield from pieces


def _collection(batches: Iterable[list[str]]) -> Iterator[str]:
    yield HEAD
    first = True
    for pieces in batches:
        if pieces:
            text = ",".join(pieces)
            yield text if first else "," + text
            first = False
    yield TAIL


def feature_collection_chunks(incidents, *, chunk_size: int = CHUNK_SIZE) -> Iterator[str]:
    """The FeatureCollection as text pieces of about ``chunk_size`` features."""
    return _collection(_feature_batches(incidents, chunk_size))


def single_feature(incidents) -> str | None:
    """The first incident of ``incidents`` as one Feature document, or None."""
    return next(iter(features(incidents, chunk_size=1)), None)


def write(incidents, stream, *, progress=None) -> int:
    """Write the FeatureCollection to a text ``stream``; return the feature count.
    ``progress(done)`` is called after each chunk."""
    count = 0

    def counted():
        nonlocal count
        for pieces in _feature_batches(incidents, CHUNK_SIZE):
            count += len(pieces)
            yield pieces
            if progress:
                progress(count)

    for text in _collection(counted()):
        stream.write(text)
    if progress:
        progress(count)
    return count
