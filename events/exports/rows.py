"""Incidents as plain rows for every export, read in chunks so memory stays flat.

One query per chunk for the incidents (with their place), then one each for the
chunk's sources, claims and attributions, and the controller for the whole chunk
in one spatial query (``ControllerResolver``): a handful of queries per thousand
incidents whatever the size of the export, never one per incident.

``IncidentRow.properties`` is exactly the GeoJSON ``properties`` object, named
as ``events.properties.INCIDENT_PROPERTIES`` says: the one definition of what an
export says about an incident. The CSV and HTML exports
read it directly; GeoJSON, GeoPackage and KML read texts pre-rendered from it
(``events.exports.stored``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from django.db.models import Case, CharField, F, FloatField, Func, Value, When
from django.urls import reverse

from events.db_lists import one_of
from events.display import source_label
from events.exports.control import ControllerResolver
from events.models import Attribution, CasualtyClaim, Source
from events.properties import ATTRIBUTION_ORDER, CLAIM_ORDER, SOURCE_ORDER

CHUNK_SIZE = 2000

# ORDER BY of every export: newest first, then by public code.
EXPORT_ORDER = ("-date_start", "code")


class Lon(Func):
    """Longitude of a point geometry (ST_X on PostGIS and SpatiaLite)."""

    function = "ST_X"
    output_field = FloatField()


class Lat(Func):
    function = "ST_Y"
    output_field = FloatField()


class IsoDate(Func):
    """A date as 'YYYY-MM-DD' text, on both backends (for rows read past the ORM)."""

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        # Stored as that text; the cast keeps sqlite3 from parsing it (declared type).
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS text)")

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM-DD')")


class UtcSeconds(Func):
    """A timestamp as 'YYYY-MM-DDTHH:MM:SSZ' text in UTC, whole seconds (as
    ``timestamp``), on both backends (for rows read past the ORM)."""

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        # %%%% is one literal % once the template and then the query parameters are
        # interpolated (Django's debug cursor interpolates them too).
        return self.as_sql(
            compiler,
            connection,
            template="strftime('%%%%Y-%%%%m-%%%%dT%%%%H:%%%%M:%%%%SZ', %(expressions)s)",
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template=(
                "to_char(%(expressions)s AT TIME ZONE 'UTC', "
                """'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""
            ),
        )


def export_queryset(incidents):
    """``incidents`` in export order, with what the exports read annotated: the
    point's ``lon``/``lat``, the gazetteer place's slug and the place labels (the
    gazetteer place's names, or the name as reported when the incident has no
    place)."""
    return incidents.order_by(*EXPORT_ORDER).annotate(
        lon=Lon("geom"),
        lat=Lat("geom"),
        place_slug=F("place__slug"),
        place_label=Case(
            When(place__isnull=False, then=F("place__name")), default=F("reported_place_name")
        ),
        place_label_ar=Case(
            When(place__isnull=False, then=F("place__name_ar")),
            default=Value(""),
            output_field=CharField(),
        ),
    )


INCIDENT_FIELDS = (
    "pk",
    "code",
    "title",
    "summary",
    "event_type",
    "sub_event_type",
    "date_start",
    "date_end",
    "date_precision",
    "time_note",
    "place_slug",
    "place_label",
    "place_label_ar",
    "reported_place_name",
    "location_precision",
    "uncertainty_m",
    "location_note",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "injured_low",
    "injured_high",
    "updated_at",
    "external_id",
    "place_id",
    "lon",
    "lat",
)


@dataclass(slots=True)
class IncidentRow:
    pk: int
    lon: float | None
    lat: float | None
    properties: dict
    external_id: str | None
    place_id: int | None
    updated_at: dt.datetime


def detail_url_parts() -> tuple[str, str]:
    """The incident detail URL around the code, e.g. ('/incidents/', '/')."""
    marker = "CODE-MARKER"
    prefix, suffix = reverse("events:incident-detail", kwargs={"code": marker}).split(marker)
    return prefix, suffix


def timestamp(value: dt.datetime | None) -> str | None:
    """UTC, whole seconds, as the SQL path writes it."""
    if value is None:
        return None
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def source_item(name, kind, via, url, published_on) -> dict:
    """A source as the properties list it."""
    return {
        "name": name,
        "kind": kind,
        "reported_via": via,
        "url": url,
        "published_on": published_on.isoformat() if published_on else None,
    }


def claim_item(source_label_text, outcome, population, low, high, wording) -> dict:
    """A casualty claim as the properties list it (its source by label)."""
    return {
        "source": source_label_text,
        "outcome": outcome,
        "population": population,
        "min": low,
        "max": high,
        "wording": wording,
    }


def attribution_item(slug, actor_name, role, stance, source_label_text) -> dict:
    """An attribution as the properties list it (its source by label, or None)."""
    return {
        "actor": slug,
        "actor_name": actor_name,
        "role": role,
        "stance": stance,
        "source": source_label_text,
    }


def _related(ids: list[int], db: str):
    sources: dict[int, list[dict]] = defaultdict(list)
    labels: dict[int, str] = {}
    for pk, incident_id, name, kind, via, url, published_on in (
        Source.objects.using(db)
        .filter(one_of(Source, "incident", ids, using=db))
        .order_by("incident_id", *SOURCE_ORDER)
        .values_list("pk", "incident_id", "name", "kind", "reported_via", "url", "published_on")
    ):
        labels[pk] = source_label(name, via, translated=False)
        sources[incident_id].append(source_item(name, kind, via, url, published_on))
    claims: dict[int, list[dict]] = defaultdict(list)
    for incident_id, source_id, outcome, population, low, high, wording in (
        CasualtyClaim.objects.using(db)
        .filter(one_of(CasualtyClaim, "incident", ids, using=db))
        .order_by("incident_id", *CLAIM_ORDER)
        .values_list(
            "incident_id", "source_id", "outcome", "population", "min_value", "max_value", "wording"
        )
    ):
        claims[incident_id].append(
            claim_item(labels.get(source_id), outcome, population, low, high, wording)
        )
    attributions: dict[int, list[dict]] = defaultdict(list)
    for incident_id, slug, actor_name, role, stance, source_id in (
        Attribution.objects.using(db)
        .filter(one_of(Attribution, "incident", ids, using=db))
        .order_by("incident_id", *ATTRIBUTION_ORDER)
        .values_list("incident_id", "actor__slug", "actor__name", "role", "stance", "source_id")
    ):
        attributions[incident_id].append(
            attribution_item(
                slug, actor_name, role, stance, labels.get(source_id) if source_id else None
            )
        )
    return sources, claims, attributions


def incident_row(
    values: tuple, *, claims: list, attributions: list, sources: list, url_parts: tuple[str, str]
) -> IncidentRow:
    """One incident as an ``IncidentRow`` (without ``controller_at_event``) from its
    values in ``INCIDENT_FIELDS`` order and its nested lists, already in order."""
    (
        pk,
        code,
        title,
        summary,
        event_type,
        sub_event_type,
        date_start,
        date_end,
        date_precision,
        time_note,
        place,
        place_name,
        place_name_ar,
        reported_place_name,
        location_precision,
        uncertainty_m,
        location_note,
        fatalities_low,
        fatalities_best,
        fatalities_high,
        injured_low,
        injured_high,
        updated_at,
        external_id,
        place_id,
        lon,
        lat,
    ) = values
    properties = {
        "code": code,
        "title": title,
        "summary": summary,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "date_start": date_start.isoformat(),
        "date_end": date_end.isoformat(),
        "date_precision": date_precision,
        "time_note": time_note,
        "place": place,
        "place_name": place_name,
        "place_name_ar": place_name_ar,
        "reported_place_name": reported_place_name,
        "location_precision": location_precision,
        "uncertainty_m": uncertainty_m,
        "location_note": location_note,
        "fatalities_low": fatalities_low,
        "fatalities_best": fatalities_best,
        "fatalities_high": fatalities_high,
        "injured_low": injured_low,
        "injured_high": injured_high,
        "claims": claims,
        "attributions": attributions,
        "sources": sources,
        "url": f"{url_parts[0]}{code}{url_parts[1]}",
        "updated_at": timestamp(updated_at),
    }
    return IncidentRow(
        pk=pk,
        lon=None if lon is None else round(lon, 6),
        lat=None if lat is None else round(lat, 6),
        properties=properties,
        external_id=external_id,
        place_id=place_id,
        updated_at=updated_at,
    )


def incident_rows(
    incidents,
    *,
    chunk_size: int = CHUNK_SIZE,
    resolver: ControllerResolver | None = None,
    progress=None,
    with_controller: bool = True,
) -> Iterator[IncidentRow]:
    """Every incident of the queryset ``incidents`` as an ``IncidentRow``, in export
    order, fetched ``chunk_size`` at a time. ``progress(done)`` is called as each
    chunk is read. With ``with_controller=False`` the properties leave out
    ``controller_at_event`` (and no control zone is read)."""
    done = 0
    if with_controller:
        resolver = resolver or ControllerResolver()
    url_parts = detail_url_parts()
    rows = export_queryset(incidents).values_list(*INCIDENT_FIELDS).iterator(chunk_size=chunk_size)
    for batch in _batches(rows, chunk_size):
        ids = [row[0] for row in batch]
        sources, claims, attributions = _related(ids, incidents.db)
        if with_controller:
            controllers = resolver.resolve([(row[-2], row[-1], row[6]) for row in batch])
        else:
            controllers = [None] * len(batch)
        done += len(batch)
        if progress:
            progress(done)
        for values, controller in zip(batch, controllers, strict=True):
            pk = values[0]
            row = incident_row(
                values,
                claims=claims.get(pk, []),
                attributions=attributions.get(pk, []),
                sources=sources.get(pk, []),
                url_parts=url_parts,
            )
            if with_controller:
                row.properties["controller_at_event"] = controller
            yield row


def written_rows(
    incidents: list[dict],
    *,
    sources: list[tuple[int, dict]],
    claims: list[tuple[int, int, dict]],
    attributions: list[tuple[int, int | None, dict]],
    places: dict[int, tuple[str, str, str]],
    actors: dict[int, tuple[str, str, int]],
) -> list[IncidentRow]:
    """New incidents as ``incident_rows`` would read them once written (without
    ``controller_at_event``), from the values about to be written: ``incidents``
    (field attnames -> values, keys and timestamps given, points in the stored
    SRID), their parts as (incident's index, [source's index,] values with keys),
    ``places`` (pk -> slug, name, Arabic name) and ``actors`` (pk -> slug, name,
    rank of the name in the database's own order, for ATTRIBUTION_ORDER). The
    nested lists are put in the order the export reads them in."""
    url_parts = detail_url_parts()
    labels = [source_label(v["name"], v["reported_via"], translated=False) for _, v in sources]
    # Each part with its sort key in front: SOURCE_ORDER, CLAIM_ORDER (outcomes are
    # plain lower-case words, which every collation orders alike) and
    # ATTRIBUTION_ORDER (roles likewise; actor names by the database's own rank).
    own_sources: dict[int, list] = defaultdict(list)
    for at, values in sources:
        day = values["published_on"]
        own_sources[at].append((day is None, day or dt.date.min, values["id"], values))
    own_claims: dict[int, list] = defaultdict(list)
    for at, source, v in claims:
        own_claims[at].append((v["outcome"], v["source_id"], v["id"], source, v))
    own_attributions: dict[int, list] = defaultdict(list)
    for at, source, v in attributions:
        own_attributions[at].append((v["role"], actors[v["actor_id"]][2], v["id"], source, v))
    rows = []
    for at, incident in enumerate(incidents):
        place = places.get(incident["place_id"]) if incident["place_id"] is not None else None
        geom = incident["geom"]
        values = (
            incident["id"],
            incident["code"],
            incident["title"],
            incident["summary"],
            incident["event_type"],
            incident["sub_event_type"],
            incident["date_start"],
            incident["date_end"],
            incident["date_precision"],
            incident["time_note"],
            place[0] if place else None,
            place[1] if place else incident["reported_place_name"],
            place[2] if place else "",
            incident["reported_place_name"],
            incident["location_precision"],
            incident["uncertainty_m"],
            incident["location_note"],
            incident["fatalities_low"],
            incident["fatalities_best"],
            incident["fatalities_high"],
            incident["injured_low"],
            incident["injured_high"],
            incident["updated_at"],
            incident["external_id"],
            incident["place_id"],
            None if geom is None else geom.x,
            None if geom is None else geom.y,
        )
        source_list = [
            source_item(v["name"], v["kind"], v["reported_via"], v["url"], v["published_on"])
            for *_, v in sorted(own_sources.get(at, ()), key=lambda s: s[:3])
        ]
        claim_list = [
            claim_item(
                labels[source],
                v["outcome"],
                v["population"],
                v["min_value"],
                v["max_value"],
                v["wording"],
            )
            for *_, source, v in sorted(own_claims.get(at, ()), key=lambda c: c[:3])
        ]
        attribution_list = [
            attribution_item(
                actors[v["actor_id"]][0],
                actors[v["actor_id"]][1],
                v["role"],
                v["stance"],
                labels[source] if source is not None else None,
            )
            for *_, source, v in sorted(own_attributions.get(at, ()), key=lambda a: a[:3])
        ]
        rows.append(
            incident_row(
                values,
                claims=claim_list,
                attributions=attribution_list,
                sources=source_list,
                url_parts=url_parts,
            )
        )
    return rows
