"""GeoJSON FeatureCollections of incidents to incident records.

The properties are the ones /api/incidents.geojson writes (events.geojson), so our
own export imports back unchanged: ``title``, ``summary``, ``event_type``,
``sub_event_type``, ``date_start``, ``date_end``, ``date_precision``,
``time_note``, ``place`` (the gazetteer place's slug, as the export writes it; a
place name is matched by spelling near the point, as older exports and other
tools write it; null for none), or, without ``place``, ``place_name`` (matched by
spelling), ``reported_place_name``,
``location_precision``, ``uncertainty_m``, ``location_note``, ``sources``
[{name, reported_via, kind, url, published_on}], ``claims`` [{source, outcome,
population, min, max, wording}] where ``source`` is the source's label ("name" or
"name via outlet"), and ``attributions`` [{actor (slug or name), role, stance,
source}]; an actor named neither by slug, name nor alias is
handled as in the CSV formats (listed by a dry run; created or mapped by the
editor's choice). Only properties present are applied. The id is ``external_id`` if given,
else the feature's ``id``, else ``code``; it matches an incident whose external_id
or public code equals it. The geometry is a Point (or null for an unlocated draft).
Derived values (fatalities_*, controller_at_event, url) are ignored.
"""

from __future__ import annotations

import json

from django.contrib.gis.geos import Point
from django.utils.translation import gettext as _

from events.imports.actors import ActorResolver
from events.models import (
    AttributionRole,
    AttributionStance,
    ClaimOutcome,
    ClaimPopulation,
    DatePrecision,
    LocationMethod,
    LocationPrecision,
    Place,
    SourceKind,
)

from .records import (
    AttributionSpec,
    ClaimSpec,
    CountryShape,
    FileProblem,
    IncidentRecord,
    PlaceMatcher,
    RowErrors,
    RowProblem,
    RowProblems,
    SourceSpec,
    choice,
    event_type,
    parse_date,
    parse_int,
    parse_lonlat,
    shown,
    sub_event_type,
    text,
)

TEXT_FIELDS = {
    "title": 300,
    "summary": None,
    "time_note": 120,
    "reported_place_name": 200,
    "location_note": None,
}


def feature_lines(text: str) -> list[int]:
    """The line on which each element of the top-level "features" array starts,
    found by walking the JSON with the standard decoder."""
    decoder = json.JSONDecoder()

    def skip(pos):
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        return pos

    lines = []
    pos = skip(0)
    if pos >= len(text) or text[pos] != "{":
        return lines
    pos = skip(pos + 1)
    while pos < len(text) and text[pos] != "}":
        key, pos = decoder.raw_decode(text, pos)
        pos = skip(pos)
        pos = skip(pos + 1)  # the colon
        if key == "features" and text[pos] == "[":
            pos = skip(pos + 1)
            while text[pos] != "]":
                lines.append(text.count("\n", 0, pos) + 1)
                _, pos = decoder.raw_decode(text, pos)
                pos = skip(pos)
                if text[pos] == ",":
                    pos = skip(pos + 1)
            pos += 1
        else:
            _, pos = decoder.raw_decode(text, pos)
        pos = skip(pos)
        if pos < len(text) and text[pos] == ",":
            pos = skip(pos + 1)
    return lines


def _list(props, name) -> list:
    value = props.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise RowProblem(f"{name} must be a list of objects")
    return value


class GeoJsonParser:
    def __init__(self, actors: ActorResolver | None = None):
        self.actors = actors or ActorResolver()
        self.places = PlaceMatcher()
        self.slugs: dict[str, Place | None] = {}
        self.merged: dict[str, int] | None = None
        self.country = CountryShape()

    def place(self, text: str, lonlat, *, slug_allowed: bool) -> Place | None:
        """The gazetteer place with slug ``text``, else the one spelled ``text``
        near the point ``lonlat`` (longitude, latitude), else None."""
        if not text:
            return None
        if slug_allowed:
            if text not in self.slugs:
                from events.gazetteer_merge import merged_aliases, resolve_slugs

                # a slug exported before its place was merged into another gives that
                # one; the merged slugs are read once per import
                if self.merged is None:
                    self.merged = merged_aliases()
                self.slugs[text] = resolve_slugs([text], aliases=self.merged).get(text)
            if self.slugs[text] is not None:
                return self.slugs[text]
        match = self.places.match(text, lonlat)
        return match[0] if match else None

    def record(self, index: int, line: int, feature) -> IncidentRecord:
        label = f"line {line} (feature {index})"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise RowProblem(_("not a GeoJSON Feature"))
        props = feature.get("properties")
        if not isinstance(props, dict):
            raise RowProblem(_("the feature has no properties"))
        problems = RowProblems()
        attempt = problems.attempt

        ident = props.get("external_id") or feature.get("id") or props.get("code")
        ident = attempt(text, ident, "the id", numbers=True)
        if ident is None:
            ident = ""  # the problem is noted
        elif not ident:
            problems.append(_("the feature has no id (feature id, code or external_id)"))
        elif len(ident) > 64:
            problems.append(_("the id is longer than 64 characters"))

        fields = {}
        for name, limit in TEXT_FIELDS.items():
            if name in props:
                fields[name] = attempt(text, props[name], name, limit=limit)
        if fields.get("title", "") == "":
            problems.append(_("title is missing"))
        etype = attempt(event_type, props.get("event_type"))
        fields["event_type"] = etype
        if "sub_event_type" in props:
            fields["sub_event_type"] = attempt(sub_event_type, props.get("sub_event_type"), etype)
        start = attempt(parse_date, props.get("date_start"), "date_start")
        end = start
        if props.get("date_end"):
            end = attempt(parse_date, props.get("date_end"), "date_end")
        if start and end and end < start:
            problems.append(_("date_end is before date_start"))
        fields["date_start"], fields["date_end"] = start, end
        if "date_precision" in props:
            fields["date_precision"] = attempt(
                choice, props["date_precision"], DatePrecision.choices, "date_precision", "day"
            )
        if "location_precision" in props:
            fields["location_precision"] = attempt(
                choice,
                props["location_precision"],
                LocationPrecision.choices,
                "location_precision",
                LocationPrecision.TOWN,
            )
        if "uncertainty_m" in props:
            fields["uncertainty_m"] = attempt(parse_int, props["uncertainty_m"], "uncertainty_m")

        geometry = feature.get("geometry")
        lonlat = None
        if geometry is not None:
            coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
            if (
                not isinstance(geometry, dict)
                or geometry.get("type") != "Point"
                or not isinstance(coords, list)
                or len(coords) < 2
            ):
                problems.append(_("geometry must be a Point [longitude, latitude] or null"))
            else:
                lonlat = attempt(
                    parse_lonlat, coords[1], coords[0], country=self.country, in_syria=False
                )
                if lonlat is not None and not self.country.contains(*lonlat):
                    lon, lat = lonlat
                    if self.country.contains(lat, lon):
                        problems.append(
                            f"[{lon}, {lat}] lies outside Syria but swapped it lies "
                            "inside: GeoJSON wants [longitude, latitude]"
                        )
        fields["geom"] = None if lonlat is None else Point(*lonlat, srid=4326)

        sources = []
        for item in attempt(_list, props, "sources") or []:
            name = attempt(text, item.get("name"), "a source's name", limit=200)
            if not name:
                if name is not None:
                    problems.append(_("a source has no name"))
                continue
            values = {}
            if "kind" in item:
                values["kind"] = attempt(
                    choice, item["kind"], SourceKind.choices, "source kind", SourceKind.OTHER
                )
            for key in ("url", "language", "excerpt"):
                if key in item:
                    values[key] = attempt(text, item[key], f"source {key}") or ""
            if item.get("published_on"):
                values["published_on"] = attempt(
                    parse_date, item["published_on"], "source published_on"
                )
            sources.append(
                SourceSpec(
                    name=name,
                    reported_via=attempt(
                        text, item.get("reported_via"), "a source's reported_via", limit=200
                    )
                    or "",
                    values=values,
                )
            )
        claims = []
        for item in attempt(_list, props, "claims") or []:
            source = attempt(text, item.get("source"), "a claim's source")
            if not source:
                if source is not None:
                    problems.append(_("a claim has no source"))
                continue
            low = attempt(parse_int, item.get("min"), "claim min")
            if low is None:
                problems.append(f"the claim by {shown(source)} has no min")
                continue
            claims.append(
                ClaimSpec(
                    source_key=source.casefold(),
                    outcome=attempt(choice, item.get("outcome"), ClaimOutcome.choices, "outcome"),
                    population=attempt(
                        choice,
                        item.get("population"),
                        ClaimPopulation.choices,
                        "population",
                        ClaimPopulation.UNKNOWN,
                    ),
                    min_value=low,
                    max_value=attempt(parse_int, item.get("max"), "claim max"),
                    wording=(attempt(text, item.get("wording"), "a claim's wording") or "")[:200],
                )
            )
        attributions = []
        for item in attempt(_list, props, "attributions") or []:
            name = attempt(text, item.get("actor") or item.get("actor_name"), "actor")
            if name == "":
                problems.append("an attribution names no actor")
            # An unknown name is counted for the editor's choice, as in the CSV
            # formats (events.imports.actors), and its attribution left out until then.
            actor = self.actors.get(name) if name else None
            role = attempt(
                choice,
                item.get("role"),
                AttributionRole.choices,
                "role",
                AttributionRole.PERPETRATOR,
            )
            stance = attempt(
                choice,
                item.get("stance"),
                AttributionStance.choices,
                "stance",
                AttributionStance.ALLEGED,
            )
            source = attempt(text, item.get("source"), "an attribution's source") or ""
            note = attempt(text, item.get("note"), "an attribution's note") or ""
            if actor is not None:
                attributions.append(
                    AttributionSpec(actor, role, stance, source.casefold() or None, note)
                )
        if "place" in props or "place_name" in props:
            named = "place" if "place" in props else "place_name"
            place_text = attempt(text, props.get(named), named) or ""
            fields["place"] = self.place(place_text, lonlat, slug_allowed=named == "place")
            if "reported_place_name" not in props:
                fields["reported_place_name"] = place_text[:200]
        if problems:
            raise RowProblem(_("; ").join(p for p in problems if p))

        return IncidentRecord(
            line=line,
            ident=ident,
            label=label,
            fields=fields,
            create_fields={
                "external_id": ident,
                "location_method": LocationMethod.REPORTED,
            },
            sources=sources,
            claims=claims,
            attributions=attributions,
            lonlat=lonlat,
        )


def parse(document: str, errors=None, *, actors: ActorResolver | None = None):
    """(records, errors, feature count) for a GeoJSON text. ``errors`` (a RowErrors)
    keeps a bounded list. Actor names go through ``actors`` (slug, name, Arabic name
    or alias; unknown names are counted there for the editor's choice)."""
    try:
        data = json.loads(document)
        lines = feature_lines(document) if isinstance(data, dict) else []
    except RecursionError:
        raise FileProblem(
            1, "the JSON is nested too deeply to read (an incident file needs only a few levels)"
        ) from None
    except ValueError as exc:
        raise FileProblem(getattr(exc, "lineno", 1), f"not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise FileProblem(1, _("the top level is not a GeoJSON FeatureCollection"))
    features = data.get("features")
    if not isinstance(features, list):
        raise FileProblem(1, _("'features' must be a list"))
    if len(lines) != len(features):  # pragma: no cover - decoder and walker disagree
        lines = [0] * len(features)
    errors = RowErrors() if errors is None else errors
    parser = GeoJsonParser(actors)
    records = []
    for index, (feature, line) in enumerate(zip(features, lines, strict=True), start=1):
        try:
            records.append(parser.record(index, line, feature))
        except RowProblem as exc:
            errors.append((line, f"line {line} (feature {index})", str(exc)))
    return records, errors, len(features)
