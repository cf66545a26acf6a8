"""Incidents as flat columns, for the formats without nested values (GeoPackage
attributes, KML extended data), read in batches straight from the database.

Every value comes ready from one query per batch: the incident's own columns,
its place labels, and the nested values (perpetrators, targets, sources, claims)
pre-rendered in ``Incident.flat_*`` (see ``events.exports.stored``). Only the
controller at the event is resolved per batch (``ControllerResolver``). Rows
never rendered (written behind the services' back) are rendered on the fly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Q

from events.exports.control import ControllerResolver
from events.exports.cursor import batches_of
from events.exports.rows import (
    CHUNK_SIZE,
    IsoDate,
    UtcSeconds,
    detail_url_parts,
    export_queryset,
)
from events.exports.stored import FLAT_NESTED, RENDER_VERSION, renderings
from events.models import Incident

# The flat fields in their order, each with the value selected for it (None: set
# here, not selected).
_SELECTED_FOR = {
    "code": "code",
    "title": "title",
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
    "date_start": "date_start_text",
    "date_end": "date_end_text",
    "date_precision": "date_precision",
    "time_note": "time_note",
    "place": "place_slug",
    "place_name": "place_label",
    "place_name_ar": "place_label_ar",
    "reported_place_name": "reported_place_name",
    "location_precision": "location_precision",
    "uncertainty_m": "uncertainty_m",
    "location_note": "location_note",
    "fatalities_low": "fatalities_low",
    "fatalities_best": "fatalities_best",
    "fatalities_high": "fatalities_high",
    "injured_low": "injured_low",
    "injured_high": "injured_high",
    "controller_at_event": None,
    "url": None,
    "updated_at": "updated_at_text",
    "summary": "summary",
    **{name: f"flat_{name}" for name in FLAT_NESTED},
}
FLAT_FIELDS = tuple(_SELECTED_FOR)
INTEGER_FIELDS = frozenset(
    {
        "uncertainty_m",
        "fatalities_low",
        "fatalities_best",
        "fatalities_high",
        "injured_low",
        "injured_high",
    }
)
_SELECTED = (
    "pk",
    "lon",
    "lat",
    "rendered",
    *(source for source in _SELECTED_FOR.values() if source),
)


@dataclass(slots=True)
class FlatBatch:
    """A batch of incidents in export order: ``columns[name][i]`` is field
    ``name`` of the i-th incident; dates are ISO text ('2017-10-23'), ``updated_at``
    is UTC text ('2017-10-24T08:00:00Z'), ``claims`` JSON text."""

    columns: dict[str, list]
    lon: list[float | None]
    lat: list[float | None]

    def __len__(self) -> int:
        return len(self.lon)

    def records(self) -> Iterator[dict]:
        names = list(self.columns)
        for values in zip(*self.columns.values(), strict=True):
            yield dict(zip(names, values, strict=True))


def _rounded(values) -> list[float | None]:
    return [None if v is None else round(v, 6) for v in values]


def flat_batches(incidents, *, chunk_size: int = CHUNK_SIZE, progress=None) -> Iterator[FlatBatch]:
    """The incidents of the queryset ``incidents`` as ``FlatBatch``es in export
    order; ``progress(done)`` is called as each batch is read."""
    resolver = ControllerResolver()
    prefix, suffix = detail_url_parts()
    queryset = export_queryset(incidents).annotate(
        date_start_text=IsoDate("date_start"),
        date_end_text=IsoDate("date_end"),
        updated_at_text=UtcSeconds("updated_at"),
        rendered=ExpressionWrapper(
            Q(render_version=RENDER_VERSION) & ~Q(feature_json=""), output_field=BooleanField()
        ),
    )
    done = 0
    for batch in batches_of(queryset, _SELECTED, chunk_size=chunk_size):
        selected = dict(zip(_SELECTED, zip(*batch, strict=True), strict=True))
        columns = {
            name: list(selected[source]) if source else None
            for name, source in _SELECTED_FOR.items()
        }
        missing = [i for i, rendered in enumerate(selected["rendered"]) if not rendered]
        if missing:
            chosen = Incident.objects.using(incidents.db).filter(
                pk__in=[selected["pk"][i] for i in missing]
            )
            fresh = {r.pk: r for r in renderings(chosen)}
            for i in missing:
                rendering = fresh[selected["pk"][i]]
                for name in FLAT_NESTED:
                    columns[name][i] = getattr(rendering, f"flat_{name}")
        days = [dt.date.fromisoformat(day) for day in columns["date_start"]]
        columns["controller_at_event"] = resolver.resolve_columns(
            selected["lon"], selected["lat"], days
        )
        columns["url"] = [f"{prefix}{code}{suffix}" for code in columns["code"]]
        done += len(batch)
        if progress:
            progress(done)
        yield FlatBatch(
            columns=columns, lon=_rounded(selected["lon"]), lat=_rounded(selected["lat"])
        )
