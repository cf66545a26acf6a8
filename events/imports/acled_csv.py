"""ACLED's CSV layout (events.acled.ACLED_COLUMNS) to incident records.

How a row maps onto our model (and how the CSV export must write it to round-trip):

- ``event_id_cnty``: the row's id. It matches an incident whose ``external_id`` or
  public ``code`` equals it; otherwise a new draft is made with
  ``external_id = event_id_cnty`` and a fresh code.
- ``event_date`` (YYYY-MM-DD or "23 October 2017") is the start date. ACLED has no
  end date: a new incident ends the same day; an existing one whose start date is
  unchanged keeps its end date. ``time_precision`` 1/2/3 means day/week/month; an
  existing precision that maps to the same number (month and year both map to 3)
  is kept. ``year``, if given, must agree with ``event_date``.
- ``event_type`` / ``sub_event_type``: ACLED's labels (or our codes).
- ``actor1`` and ``assoc_actor_1`` (``;``-separated) are alleged perpetrators,
  ``actor2`` and ``assoc_actor_2`` alleged targets. Names go through the actor
  dictionary (events.imports.actors: ACLED's own names are aliases of our
  actors); an unknown name is counted, and the editor chooses to create it
  (its kind from ``inter1``/``inter2``) or map it. Attributions are added, never
  removed. ``civilian_targeting`` ("Civilian targeting") adds Civilians as an
  alleged target when no civilian actor is named.
- ``latitude`` / ``longitude`` are the point (location method "reported"); rows
  about Syria (``country`` Syria or ``iso`` 760, or both empty) must fall inside
  Syria, which also catches swapped coordinates. ``location`` is the reported place
  name and, when its spelling is in the gazetteer near the point, the place.
  ``geo_precision`` 1/2/3 maps to neighbourhood/town/district unless the stored
  precision already maps to the same number. ``admin1``-``admin3`` are not stored.
- ``source``: ``;``-separated source names; each becomes a source of the incident
  (matched by name, or by "name via outlet"), added if missing, never removed.
- ``fatalities``: ACLED's single, conservative figure. It corresponds to our
  ``fatalities_low`` (the lowest figure any source gives), which is what the
  export writes. On import it is kept as one "killed" claim (population unknown)
  by the first source named, worded CLAIM_WORDING; if the incident has no such
  claim and its ``fatalities_low`` already equals the figure, nothing is added.
  A figure needs a source: a row with ``fatalities`` and no ``source`` is rejected.
- ``notes`` is the summary. A new incident's title is "<sub-event type> in
  <location>" (editors refine it); an import never changes an existing title.
- A cell the CSV export guarded against formula injection (a single quote before a
  leading ``=``, ``+``, ``-``, ``@``, tab or CR) is read without the quote.
- Other columns (``disorder_type``, ``interaction``, ``region``,
  ``source_scale``, ``tags``, ``timestamp`` ...) are derived or not kept, and ignored.
"""

from __future__ import annotations

import re

from django.contrib.gis.geos import Point
from django.utils.translation import gettext as _

from events.acled import TIME_PRECISION, csv_value
from events.models import (
    ActorKind,
    AttributionRole,
    AttributionStance,
    DatePrecision,
    EventType,
    Incident,
    LocationMethod,
    LocationPrecision,
    SubEventType,
)
from events.models.incidents import ACLED_GEO_PRECISION

from .actors import ACLED_INTER_KIND, ActorResolver
from .records import (
    AttributionSpec,
    CountryShape,
    FileProblem,
    IncidentRecord,
    PlaceMatcher,
    RowErrors,
    RowProblem,
    RowProblems,
    SourceSpec,
    Tally,
    csv_rows,
    dataset_records,
    english_label,
    event_type,
    gathered,
    parse_date,
    parse_int,
    parse_lonlat,
    same_point,
    sub_event_type,
)

REQUIRED_COLUMNS = ["event_id_cnty", "event_date", "event_type", "latitude", "longitude"]
CLAIM_WORDING = "fatalities as coded in the imported ACLED file"

DATE_PRECISION_FROM_ACLED = {1: DatePrecision.DAY, 2: DatePrecision.WEEK, 3: DatePrecision.MONTH}
LOCATION_PRECISION_FROM_ACLED = {
    1: LocationPrecision.NEIGHBOURHOOD,
    2: LocationPrecision.TOWN,
    3: LocationPrecision.DISTRICT,
}
DEFAULT_RADIUS_M = {
    LocationPrecision.EXACT: 100,
    LocationPrecision.NEIGHBOURHOOD: 1000,
    LocationPrecision.TOWN: 6000,
    LocationPrecision.DISTRICT: 30000,
}


def split_names(value: str) -> list[str]:
    if not value or ";" not in value:  # most cells: empty, or one name
        value = (value or "").strip()
        return [value] if value else []
    return list(dict.fromkeys(p.strip() for p in value.split(";") if p.strip()))


LONE_CR = re.compile(r"(?<=\r)(?!\n)")


def decoded_lines(stream):
    """The lines of a binary file as text, one at a time (the file is never held
    whole). Old Mac files end lines with a bare CR: those are split too."""
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise FileProblem(number, _("the file is not UTF-8 text (save it as UTF-8)")) from None
        if "\r" in line[:-2]:
            yield from (part for part in LONE_CR.split(line) if part)
        else:
            yield line


def read_rows(lines):
    """The header, then (start line, values, problem or None) for each record, read
    as it goes (``records.csv_rows``); the guard quote the export adds to
    formula-like cells is taken off."""
    header, rows = csv_rows(lines, required=REQUIRED_COLUMNS)
    return header, (
        (start, values if problem else list(map(csv_value, values)), problem)
        for start, values, problem in rows
    )


class AcledParser:
    def __init__(self, actors: ActorResolver):
        self.actors = actors
        self.places = PlaceMatcher()
        self.country = CountryShape()

    def record(self, line: int, row: dict, header: list[str]) -> IncidentRecord:
        problems = RowProblems()
        attempt = problems.attempt

        ident = (row.get("event_id_cnty") or "").strip()
        if not ident:
            problems.append(_("event_id_cnty is missing"))
        elif len(ident) > 64:
            problems.append(_("event_id_cnty is longer than 64 characters"))
        day = attempt(parse_date, row.get("event_date"), "event_date")
        year = (row.get("year") or "").strip()
        if day and year and year != str(day.year):
            problems.append(f"year {year} does not match event_date {day.isoformat()}")
        etype = attempt(event_type, row.get("event_type"))
        subtype = attempt(sub_event_type, row.get("sub_event_type"), etype)
        time_precision = attempt(parse_int, row.get("time_precision"), "time_precision")
        if time_precision is not None and time_precision not in DATE_PRECISION_FROM_ACLED:
            problems.append(f"time_precision {time_precision} is not 1, 2 or 3")
        geo_precision = attempt(parse_int, row.get("geo_precision"), "geo_precision")
        if geo_precision is not None and geo_precision not in LOCATION_PRECISION_FROM_ACLED:
            problems.append(f"geo_precision {geo_precision} is not 1, 2 or 3")
        country = (row.get("country") or "").strip().casefold()
        iso = (row.get("iso") or "").strip()
        in_syria = country == "syria" or iso == "760" or (not country and not iso)
        lonlat = attempt(
            parse_lonlat,
            row.get("latitude"),
            row.get("longitude"),
            country=self.country,
            in_syria=in_syria,
        )
        attributions, named = [], set()
        for column, role, inter in (
            ("actor1", AttributionRole.PERPETRATOR, "inter1"),
            ("assoc_actor_1", AttributionRole.PERPETRATOR, "inter1"),
            ("actor2", AttributionRole.TARGET, "inter2"),
            ("assoc_actor_2", AttributionRole.TARGET, "inter2"),
        ):
            kind = ACLED_INTER_KIND.get((row.get(inter) or "").strip())
            for name in split_names(row.get(column, "")):
                actor = self.actors.get(name, kind=kind)
                if actor is not None and (actor.slug, role) not in named:
                    named.add((actor.slug, role))
                    attributions.append(AttributionSpec(actor, role, AttributionStance.ALLEGED))
        targeting = (row.get("civilian_targeting") or "").strip().casefold()
        if targeting == "civilian targeting" and not any(
            a.role == AttributionRole.TARGET and a.actor.kind == ActorKind.CIVILIANS
            for a in attributions
        ):
            civilians = self.actors.civilians()
            if civilians is not None:
                attributions.append(
                    AttributionSpec(civilians, AttributionRole.TARGET, AttributionStance.ALLEGED)
                )
        sources = [SourceSpec(name=name[:200]) for name in split_names(row.get("source", ""))]
        fatalities = attempt(parse_int, row.get("fatalities"), "fatalities")
        if fatalities is not None and not sources:
            problems.append(_("fatalities given but the source column is empty"))
        if problems:
            raise RowProblem(_("; ").join(problems))

        location = (row.get("location") or "").strip()[:200]
        match = self.places.match(location, lonlat) if location else None
        place, place_precision, place_radius = match if match else (None, None, None)
        what = english_label(SubEventType, subtype) if subtype else english_label(EventType, etype)
        where = location or row.get("admin2") or row.get("admin1") or "an unnamed place"
        record = IncidentRecord(
            line=line,
            ident=ident,
            label=f"line {line}",
            fields={
                "event_type": etype,
                "sub_event_type": subtype,
                "geom": Point(*lonlat, srid=4326),
            },
            lonlat=lonlat,
            create_fields={
                "title": f"{what} in {where}"[:300],
                "external_id": ident,
                "location_method": LocationMethod.REPORTED,
            },
            sources=sources,
            attributions=attributions,
            acled_fatalities=fatalities,
            attribution_key="pair",
            adjust=adjust_fields,
        )
        if "notes" in header:
            record.fields["summary"] = (row.get("notes") or "").strip()
        record.extra = {
            "day": day,
            "time_precision": time_precision,
            "geo_precision": geo_precision,
            "location": location,
            "place": place,
            "place_precision": place_precision,
            "place_radius": place_radius,
            "dataset": "acled",
            "low": fatalities,
            "high": fatalities,
        }
        return record


def adjust_fields(record: IncidentRecord, existing: Incident | None) -> dict:
    """Fields to set, keeping stored values the ACLED layout cannot express when
    they agree with the row (end date, finer precisions, reported place spelling)."""
    info = record.extra
    fields = dict(record.fields)
    day = info["day"]
    fields["date_start"] = day
    fields["date_end"] = existing.date_end if existing and existing.date_start == day else day

    tp = info["time_precision"]
    if tp is None:
        fields["date_precision"] = existing.date_precision if existing else DatePrecision.DAY
    elif existing and TIME_PRECISION.get(existing.date_precision) == tp:
        fields["date_precision"] = existing.date_precision
    else:
        fields["date_precision"] = DATE_PRECISION_FROM_ACLED[tp]

    if existing is not None and same_point(existing.geom, fields["geom"]):
        fields["geom"] = existing.geom

    location = info["location"]
    known = set()
    if existing is not None:
        known = {existing.reported_place_name.casefold()}
        if existing.place_id:
            known.add(existing.place.name.casefold())
    if not location and existing is not None:
        pass  # nothing said about the place: keep it
    elif existing is not None and location.casefold() in known:
        pass  # same place as stored
    else:
        fields["reported_place_name"] = location
        fields["place"] = info["place"]

    gp = info["geo_precision"]
    place_precision = info["place_precision"]
    if existing is not None and (
        gp is None or ACLED_GEO_PRECISION.get(existing.location_precision) == gp
    ):
        pass  # keep stored precision and radius
    elif place_precision is not None and (gp is None or ACLED_GEO_PRECISION[place_precision] == gp):
        fields["location_precision"] = place_precision
        fields["uncertainty_m"] = info["place_radius"]
    else:
        precision = LOCATION_PRECISION_FROM_ACLED.get(gp, LocationPrecision.TOWN)
        fields["location_precision"] = precision
        fields["uncertainty_m"] = DEFAULT_RADIUS_M[precision]
    return fields


def parse(lines, errors=None, *, actors: ActorResolver | None = None, unchanged=None):
    """(records, errors, row count, rows skipped) for CSV text, whole or line by line
    (``iter_records`` gathered into a list)."""
    return gathered(iter_records, lines, errors, actors=actors, unchanged=unchanged)


def iter_records(
    lines, errors: RowErrors, *, actors: ActorResolver | None = None, unchanged=None, tally: Tally
):
    """The records of CSV text, whole or line by line, each as its row is read and
    checked; a bad row goes to ``errors`` (a RowErrors: a bounded list), and
    ``tally`` counts the rows read and those skipped because ``unchanged`` holds
    their digest (written before, not changed since). Raises FileProblem (on the
    header at once, on the body as it is reached)."""
    header, rows = read_rows(lines)
    parser = AcledParser(actors or ActorResolver())
    return dataset_records(
        header,
        rows,
        lambda line, row: parser.record(line, row, header),
        ident=lambda row: row["event_id_cnty"].strip(),
        errors=errors,
        unchanged=unchanged,
        tally=tally,
    )
