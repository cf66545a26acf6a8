"""UCDP GED's CSV layout (GED codebook 19.1, the 41 columns of UCDP's download) to
incident records. Detected from the header (``is_ucdp_header``).

How a row maps onto our model:

- ``id`` is the row's id: ``external_id = "ucdp-ged:<id>"``. A row already imported
  (or joined to another dataset's incident, events.models.IncidentLink) is found
  by it, so a re-import changes nothing.
- ``type_of_violence`` 1 (state-based) and 2 (non-state) are fighting between two
  sides: event type Battles, with ``side_a`` as perpetrator and ``side_b`` as target
  (UCDP does not say whether it was a clash, shelling or an air strike, so no
  sub-event type is set). 3 (one-sided) is Violence against civilians (Attack):
  ``side_a`` perpetrator, ``side_b`` (Civilians) target. Sides that list several
  groups ("Ahrar al-Sham, HTS, Southern Front") are split on ", "; each group name
  goes through the actor dictionary (events.imports.actors) and UCDP's own wording
  is kept in the attribution's note. UCDP is the source of every attribution.
- ``date_start``/``date_end`` are the dates; ``date_prec`` (1 exact day, 2 within
  2-6 days, 3 the week, 4 within 8-30 days or the month, 5 within a year) the
  precision.
- ``latitude``/``longitude`` are the point as UCDP gives it; ``where_prec`` sets how
  much it pins (WHERE_PRECISION): 1 the named place, 2 within about 25 km of it,
  3 a district (ADM2) centroid, 4 a governorate (ADM1) centroid, 5 part of the
  country or a linear feature, 6 the country's centre. A governorate- or
  country-level event is stored as such, with a radius that covers the area, so
  it is not drawn as if it were a point. ``where_coordinates`` is the reported place
  name (with ``adm_1``/``adm_2`` in the summary), and the incident's gazetteer place
  when one of that spelling lies within reach of the point (its radius plus 10 km);
  the point stays UCDP's.
- ``low``/``best``/``high`` are UCDP's own estimate: one "killed" claim by the source
  "UCDP GED event <id>" with UCDP's low..high range, its best figure (the claim's
  ``best_value``, which the incident's best estimate then takes) and the
  ``deaths_a/_b/_civilians/_unknown`` breakdown in the wording. When every death is
  in one category the claim carries that population (civilians, or combatants
  for the two sides); otherwise it is "unknown / mixed". Our figures derive
  from the claims as for any incident.
- ``source_article`` packs ``"outlet,date,headline"`` entries separated by ``;``:
  each becomes a Source (name the outlet, ``published_on`` the date when it parses,
  the headline as a short excerpt).
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.gis.geos import Point
from django.utils.translation import gettext as _

from events.models import (
    AttributionRole,
    AttributionStance,
    ClaimOutcome,
    ClaimPopulation,
    DatePrecision,
    EventType,
    Incident,
    LocationMethod,
    LocationPrecision,
    SourceKind,
    SubEventType,
)

from .actors import ActorResolver
from .records import (
    AttributionSpec,
    ClaimSpec,
    IncidentRecord,
    PlaceMatcher,
    RowErrors,
    RowProblem,
    RowProblems,
    SourceSpec,
    Tally,
    csv_rows,
    dataset_records,
    gathered,
    parse_date,
    parse_int,
    parse_lonlat,
)

DATASET = "ucdp-ged"
ID_PREFIX = f"{DATASET}:"
SOURCE_NAME = "UCDP GED event {id}"  # one per event: two events may join one incident
REQUIRED_COLUMNS = [
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "where_prec",
    "date_prec",
    "date_start",
    "date_end",
    "latitude",
    "longitude",
    "low",
    "best",
    "high",
]
SIGNATURE = {"type_of_violence", "where_prec", "dyad_name", "side_a", "best"}

VIOLENCE = {
    1: ("state-based violence", EventType.BATTLES, ""),
    2: ("non-state violence", EventType.BATTLES, ""),
    3: ("one-sided violence", EventType.VIOLENCE_AGAINST_CIVILIANS, SubEventType.ATTACK),
}
DATE_PRECISION = {
    1: DatePrecision.DAY,
    2: DatePrecision.WEEK,
    3: DatePrecision.WEEK,
    4: DatePrecision.MONTH,
    5: DatePrecision.YEAR,
}
# where_prec -> (our precision, radius in metres the point may be off by).
WHERE_PRECISION = {
    1: (LocationPrecision.TOWN, 5_000),
    2: (LocationPrecision.DISTRICT, 25_000),
    3: (LocationPrecision.DISTRICT, 40_000),
    4: (LocationPrecision.GOVERNORATE, 100_000),
    5: (LocationPrecision.GOVERNORATE, 150_000),
    6: (LocationPrecision.COUNTRY, 400_000),
    7: (LocationPrecision.COUNTRY, 400_000),
}
EXCERPT_MAX = 240
_ENTRY_SPLIT = re.compile(r'"\s*;\s*"')


def is_ucdp_header(header: list[str]) -> bool:
    return SIGNATURE <= {h.strip() for h in header}


def ucdp_id(external_id: str) -> str | None:
    return external_id[len(ID_PREFIX) :] if external_id.startswith(ID_PREFIX) else None


def source_entries(value: str) -> list[tuple[str, dt.date | None, str]]:
    """(outlet, date, headline) for each ``"outlet,date,headline"`` entry."""
    text = (value or "").strip()
    if not text:
        return []
    if text.startswith('"') and text.endswith('"'):
        text = text[1:-1]
    entries = []
    for raw in _ENTRY_SPLIT.split(text):
        outlet, _, rest = raw.partition(",")
        day_text, _, headline = rest.partition(",")
        try:
            day = dt.date.fromisoformat(day_text.strip())
        except ValueError:
            day, headline = None, rest
        outlet = outlet.strip()
        if outlet:
            entries.append((outlet, day, " ".join(headline.split())))
    return list(dict.fromkeys(entries))


def _excerpt(headline: str) -> str:
    if len(headline) <= EXCERPT_MAX:
        return headline
    return headline[: EXCERPT_MAX - 1].rstrip() + "…"


# Syria with the Golan (which UCDP codes as Syria), in degrees: a box, not the outline,
# since the gazetteer's governorate shapes leave the Golan out.
SYRIA_BOX = (35.4, 32.0, 42.6, 37.6)


def check_in_syria(lon: float, lat: float) -> None:
    west, south, east, north = SYRIA_BOX
    if west <= lon <= east and south <= lat <= north:
        return
    if west <= lat <= east and south <= lon <= north:
        raise RowProblem(
            f"latitude {lat} / longitude {lon} lies outside Syria, but swapped it "
            "lies inside: latitude and longitude look swapped"
        )
    raise RowProblem(f"latitude {lat} / longitude {lon} lies outside Syria")


def _side_names(value: str) -> list[str]:
    return [n.strip() for n in (value or "").split(", ") if n.strip()]


class UcdpParser:
    def __init__(self, actors: ActorResolver):
        self.actors = actors
        self.places = PlaceMatcher(preload=True)

    def sides(
        self, value: str, role: str, problems: RowProblems, source_key: str
    ) -> list[AttributionSpec]:
        found: dict[int, AttributionSpec] = {}
        label = "side A" if role == AttributionRole.PERPETRATOR else "side B"
        note = f"UCDP {label}: {value.strip()}"[:300]
        names = _side_names(value)
        if not names:
            problems.append(f"{label.replace(' ', '_').lower()} is empty")
        for name in names:
            actor = self.actors.get(name)
            if actor is None:
                continue  # counted as unknown; the import asks the editor
            found.setdefault(
                id(actor),
                AttributionSpec(
                    actor, role, AttributionStance.ALLEGED, source_key=source_key, note=note
                ),
            )
        return list(found.values())

    def record(self, line: int, row: dict) -> IncidentRecord:
        problems = RowProblems()
        attempt = problems.attempt
        raw_id = (row.get("id") or "").strip()
        if not raw_id.isdigit():
            problems.append(f"id {raw_id!r} is not a UCDP event number")
        violence = attempt(parse_int, row.get("type_of_violence"), "type_of_violence")
        if violence is not None and violence not in VIOLENCE:
            problems.append(f"type_of_violence {violence} is not 1, 2 or 3")
        start = attempt(parse_date, row.get("date_start"), "date_start")
        end = attempt(parse_date, row.get("date_end"), "date_end")
        if start and end and end < start:
            problems.append(f"date_end {end} is before date_start {start}")
        date_prec = attempt(parse_int, row.get("date_prec"), "date_prec")
        if date_prec is not None and date_prec not in DATE_PRECISION:
            problems.append(f"date_prec {date_prec} is not 1..5")
        where_prec = attempt(parse_int, row.get("where_prec"), "where_prec")
        if where_prec is not None and where_prec not in WHERE_PRECISION:
            problems.append(f"where_prec {where_prec} is not 1..7")
        lonlat = attempt(
            parse_lonlat, row.get("latitude"), row.get("longitude"), country=None, in_syria=False
        )
        if lonlat is not None and (row.get("country") or "Syria").strip() == "Syria":
            attempt(check_in_syria, *lonlat)
        low = attempt(parse_int, row.get("low"), "low")
        best = attempt(parse_int, row.get("best"), "best")
        high = attempt(parse_int, row.get("high"), "high")
        deaths = {}
        for column in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"):
            deaths[column] = attempt(parse_int, row.get(column), column) or 0
        source_name = SOURCE_NAME.format(id=raw_id)
        source_key = source_name.casefold()
        attributions = self.sides(
            row.get("side_a", ""), AttributionRole.PERPETRATOR, problems, source_key
        )
        attributions += self.sides(
            row.get("side_b", ""), AttributionRole.TARGET, problems, source_key
        )
        if problems:
            raise RowProblem(_("; ").join(problems))

        ident = f"{ID_PREFIX}{raw_id}"
        kind, etype, subtype = VIOLENCE[violence]
        precision, radius = WHERE_PRECISION[where_prec]
        where = " ".join((row.get("where_coordinates") or "").split())[:200]
        # The gazetteer place UCDP names, when a spelling of it lies within reach of
        # UCDP's point (the gazetteer holds UCDP's names: events.ucdp_places).
        match = self.places.match(where, lonlat) if where else None
        side_a, side_b = row["side_a"].strip(), row["side_b"].strip()
        if violence == 3:
            title = f"One-sided violence by {side_a} against {side_b.lower()}"
        else:
            title = f"{kind.capitalize()}: {side_a} vs {side_b}"
        title = f"{title}, {where or row.get('adm_1') or 'Syria'}"
        breakdown = (
            f"side A {deaths['deaths_a']}, side B {deaths['deaths_b']}, civilians "
            f"{deaths['deaths_civilians']}, unknown {deaths['deaths_unknown']}"
        )
        area = ", ".join(p for p in (row.get("adm_2", ""), row.get("adm_1", "")) if p.strip())
        summary = (
            f"UCDP GED event {raw_id}: {kind} in the conflict “{row.get('conflict_name', '')}” "
            f"(dyad {row.get('dyad_name', '')}). UCDP's estimate: best {best} deaths "
            f"(low {low}, high {high}; {breakdown}). Located by UCDP at "
            f"{where or 'an unnamed place'}"
            f"{f' ({area})' if area else ''}, location precision {where_prec} of 7, "
            f"date precision {date_prec} of 5."
        )
        if not low <= best <= high:
            summary += (
                f" UCDP's low, best and high figures are not in order as published; the "
                f"claim spans {min(low, best, high)}–{max(low, best, high)}."
            )
        if (row.get("event_clarity") or "").strip() == "2":
            summary += " UCDP marks the event as unclear (an aggregate of reports)."

        sources = [
            SourceSpec(
                name=source_name,
                values={
                    "kind": SourceKind.OTHER,
                    "excerpt": f"UCDP GED event {raw_id}, {row.get('dyad_name', '')}: best "
                    f"{best} deaths (low {low}, high {high}).",
                },
            )
        ]
        for outlet, day, headline in source_entries(row.get("source_article", "")):
            sources.append(
                SourceSpec(
                    name=outlet[:200],
                    values={"published_on": day, "excerpt": _excerpt(headline)},
                    exact=True,
                )
            )
        populated = [c for c, n in deaths.items() if n]
        population = ClaimPopulation.UNKNOWN
        if populated == ["deaths_civilians"]:
            population = ClaimPopulation.CIVILIAN
        elif populated and set(populated) <= {"deaths_a", "deaths_b"}:
            population = ClaimPopulation.COMBATANT
        claims = [
            ClaimSpec(
                source_key=source_key,
                outcome=ClaimOutcome.KILLED,
                population=population,
                min_value=min(low, best, high),
                max_value=max(low, best, high),
                best=best,
                wording=f"UCDP best {best} (low {low}, high {high}; {breakdown})"[:200],
            )
        ]
        record = IncidentRecord(
            line=line,
            ident=ident,
            label=f"line {line} (UCDP {raw_id})",
            fields={
                "event_type": etype,
                "sub_event_type": subtype,
                "summary": summary,
                "date_start": start,
                "date_end": end,
                "date_precision": DATE_PRECISION[date_prec],
                "geom": Point(*lonlat, srid=4326),
                "location_precision": precision,
                "uncertainty_m": radius,
                "reported_place_name": where,
                "place": match[0] if match else None,
            },
            create_fields={
                "title": title[:300],
                "external_id": ident,
                "location_method": LocationMethod.REPORTED,
            },
            sources=sources,
            claims=claims,
            attributions=attributions,
            attribution_key="full",
            lonlat=lonlat,
            adjust=adjust_fields,
        )
        record.extra = {
            "dataset": DATASET,
            "low": min(low, best, high),
            "high": max(low, best, high),
        }
        return record


def adjust_fields(record: IncidentRecord, existing: Incident | None) -> dict:
    """A row joined to another dataset's incident adds its source, claim and
    attributions there and leaves that incident's own fields alone."""
    if existing is not None and existing.external_id != record.ident:
        return {}
    return dict(record.fields)


def parse(lines, errors=None, *, actors: ActorResolver, unchanged: dict[str, str] | None = None):
    """(records, errors, row count, rows skipped) for UCDP GED CSV text, whole or line
    by line (``iter_records`` gathered into a list)."""
    return gathered(iter_records, lines, errors, actors=actors, unchanged=unchanged)


def iter_records(
    lines,
    errors: RowErrors,
    *,
    actors: ActorResolver,
    unchanged: dict[str, str] | None = None,
    tally: Tally,
):
    """The records of UCDP GED CSV text, whole or line by line, each as its row is
    read; a bad row goes to ``errors`` (a RowErrors: a bounded list), and ``tally``
    counts the rows read and those skipped because ``unchanged`` holds their digest
    for their id (written before, not changed since). Raises FileProblem (on the
    header at once, on the body as it is reached)."""
    parser = UcdpParser(actors)
    header, rows = csv_rows(lines, required=REQUIRED_COLUMNS, columns_named="UCDP GED column(s)")
    return dataset_records(
        header,
        rows,
        parser.record,
        ident=lambda row: ID_PREFIX + row["id"].strip(),
        errors=errors,
        unchanged=unchanged,
        tally=tally,
    )


def linking_event(row: dict):
    """What the linker compares for one UCDP row (as the importer maps it), without
    the database: for evaluating the linking on labelled pairs."""
    from events.linking import Event

    low, best, high = (int(row[c]) for c in ("low", "best", "high"))
    return Event(
        dt.date.fromisoformat(row["date_start"]),
        dt.date.fromisoformat(row["date_end"]),
        float(row["longitude"]),
        float(row["latitude"]),
        WHERE_PRECISION[int(row["where_prec"])][1],
        VIOLENCE[int(row["type_of_violence"])][1],
        min(low, best, high),
        max(low, best, high),
    )
