"""What a parsed file row says about one incident, independent of the file format,
and the lookups every format shares (event types, actors, places, coordinates)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import heapq
import io
import itertools
import math
from dataclasses import dataclass, field

import shapely
from django.contrib.gis.geos import Point
from django.utils.translation import gettext as _

from events.display import untranslated
from events.geocoding.matcher import locate
from events.geocoding.normalize import normalize_name
from events.models import (
    Actor,
    Attribution,
    CasualtyClaim,
    EventType,
    Incident,
    Place,
    PlaceKind,
    PlaceName,
    Source,
    SubEventType,
)
from events.models.incidents import SUB_EVENT_PARENT
from events.textcheck import forbidden_char


def row_digest(values: list[str]) -> str:
    """A fingerprint of a file row as read (a re-import skips a row whose fingerprint
    and incident are unchanged: events.models.IncidentLink)."""
    return hashlib.blake2b("\x1f".join(values).encode(), digest_size=16).hexdigest()


class RowProblem(ValueError):
    """One reason a row is rejected; the message says what to fix."""


class RowProblems(list):
    """A row's problems, gathered so that every one is reported at once."""

    def attempt(self, fn, *args, **kwargs):
        """``fn(*args, **kwargs)``, or None with its RowProblem noted."""
        try:
            return fn(*args, **kwargs)
        except RowProblem as exc:
            self.append(str(exc))
            return None


class RowErrors:
    """Every bad row of a file, counted, with the ``limit`` first (by line) kept for
    the report: a file of a million bad rows costs as much memory as one of a
    hundred. Each entry is (line, label, reason); each row adds at most one. Entries
    at line 0 are about the file as a whole (e.g. actor names awaiting a choice), not
    rows: ``file_level`` counts them."""

    LIMIT = 100

    def __init__(self, entries=(), *, limit: int | None = None):
        self.limit = self.LIMIT if limit is None else limit
        self.total = 0
        self.file_level = 0
        self._kept: list = []  # a max-heap on line: (-line, -order, label, reason)
        self._order = itertools.count()
        for entry in entries:
            self.append(entry)

    def append(self, entry: tuple[int, str, str]) -> None:
        line, label, reason = entry
        self.total += 1
        self.file_level += line == 0
        item = (-line, -next(self._order), label, reason)
        if len(self._kept) < self.limit:
            heapq.heappush(self._kept, item)
        elif item > self._kept[0]:
            heapq.heapreplace(self._kept, item)

    def listed(self) -> list[tuple[int, str, str]]:
        """The kept entries in file order."""
        return [
            (-line, label, reason)
            for line, _order, label, reason in sorted(self._kept, reverse=True)
        ]

    @property
    def unlisted(self) -> int:
        return self.total - len(self._kept)

    def __len__(self) -> int:
        return self.total

    def __iter__(self):
        return iter(self.listed())


@dataclass
class Tally:
    """What a streamed parse has counted so far: rows read, and rows skipped as
    unchanged since they were last imported."""

    rows: int = 0
    skipped: int = 0


class FileProblem(ValueError):
    """The file as a whole cannot be read (encoding, header, not GeoJSON)."""

    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


@dataclass
class SourceSpec:
    name: str
    reported_via: str = ""
    values: dict = field(default_factory=dict)  # other Source fields the file carries
    # Matched against stored sources by name, date and excerpt, not by name alone
    # (a dataset that cites one outlet several times: UCDP GED's source_article).
    exact: bool = False

    @property
    def label(self) -> str:
        return f"{self.name} via {self.reported_via}" if self.reported_via else self.name

    @property
    def key(self) -> str:
        return self.label.casefold()

    def plain(self) -> dict:
        """The Source's own field values (no incident), as plain values."""
        return {"name": self.name, "reported_via": self.reported_via, **self.values}

    def row(self, incident) -> Source:
        """The Source this spec adds to ``incident`` (not saved)."""
        return Source(incident=incident, **self.plain())


@dataclass
class ClaimSpec:
    source_key: str
    outcome: str
    population: str
    min_value: int
    max_value: int | None
    wording: str = ""
    best: int | None = None  # the source's own best estimate (UCDP GED), if it gives one

    @property
    def key(self):
        return (self.source_key, self.outcome, self.population)

    def plain(self) -> dict:
        """The claim's own field values (no incident or source)."""
        return {
            "outcome": self.outcome,
            "population": self.population,
            "min_value": self.min_value,
            "max_value": self.max_value,
            "best_value": self.best,
            "wording": self.wording,
        }

    def row(self, incident, source) -> CasualtyClaim:
        """The claim this spec adds to ``incident``, made by ``source`` (not saved)."""
        return CasualtyClaim(incident=incident, source=source, **self.plain())


@dataclass
class AttributionSpec:
    actor: Actor
    role: str
    stance: str
    source_key: str | None = None
    note: str = ""

    def plain(self) -> dict:
        """The attribution's own field values (no incident or source)."""
        return {
            "actor_id": self.actor.pk,
            "role": self.role,
            "stance": self.stance,
            "note": self.note,
        }

    def row(self, incident, source) -> Attribution:
        """The attribution this spec adds to ``incident`` (not saved)."""
        return Attribution(incident=incident, source=source, **self.plain())


@dataclass
class IncidentRecord:
    """One incident as a file row states it. ``fields`` are set on create and update;
    ``create_fields`` only when the incident is new. Children are added or updated,
    never deleted: removing a source or claim is an editor's act in the admin."""

    line: int
    ident: str
    label: str  # how reports name the row: "line 7" or "line 12 (feature 3)"
    fields: dict = field(default_factory=dict)
    create_fields: dict = field(default_factory=dict)
    sources: list[SourceSpec] = field(default_factory=list)
    claims: list[ClaimSpec] = field(default_factory=list)
    attributions: list[AttributionSpec] = field(default_factory=list)
    # ACLED's single fatality figure (see events.imports.acled_csv); None elsewhere.
    acled_fatalities: int | None = None
    # "pair": an attribution is known if the incident already links the actor in that
    # role (ACLED names actors only); "full": actor, role, stance and source must match.
    attribution_key: str = "full"
    # The point of ``fields["geom"]`` as (longitude, latitude) numbers, as parsed.
    lonlat: tuple[float, float] | None = None
    # Format-specific adjustment of ``fields`` against the stored incident, and the
    # values it needs.
    adjust: object = None
    extra: dict = field(default_factory=dict)

    def fields_for(self, existing: Incident | None) -> dict:
        if self.adjust is None:
            return dict(self.fields)
        return self.adjust(self, existing)


# --- values as a file gives them ------------------------------------------------------

SHOWN = 60


def csv_rows(lines, *, required, columns_named: str = "column(s)"):
    """The header of a CSV file and an iterator of (start line, values, problem or
    None) for each record, read as it goes: blank lines skipped, rows of the wrong
    width or with a control character reported with their line. ``lines`` is text,
    whole or line by line. Every CSV importer reads through here."""
    if isinstance(lines, str):
        lines = io.StringIO(lines, newline="")
    reader = csv.reader(lines)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise FileProblem(1, _("the file is empty")) from None
    except csv.Error as exc:
        raise FileProblem(
            reader.line_num or 1, _("the header cannot be read as CSV: %(error)s") % {"error": exc}
        ) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise FileProblem(
            1,
            _("missing %(what)s %(columns)s in the header")
            % {"what": columns_named, "columns": ", ".join(missing)},
        )
    return header, _csv_records(reader, header)


def _csv_records(reader, header):
    previous, width = reader.line_num, len(header)
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a cell over csv.field_size_limit()
            raise FileProblem(
                previous + 1,
                _("line %(line)d cannot be read as CSV: %(error)s")
                % {"line": previous + 1, "error": exc},
            ) from None
        start, previous = previous + 1, reader.line_num
        if not values or (not values[0].strip() and not any(v.strip() for v in values)):
            continue
        if len(values) != width:
            yield (
                start,
                values,
                _("%(values)d values but %(columns)d columns")
                % {"values": len(values), "columns": width},
            )
            continue
        if forbidden_char("".join(values)):
            bad = next(h for h, v in zip(header, values, strict=True) if forbidden_char(v))
            yield (
                start,
                values,
                _("column %(column)s contains a control character") % {"column": shown(bad)},
            )
            continue
        yield start, values, None


def dataset_records(header, rows, build, *, ident, errors, unchanged, tally):
    """The records of a dataset file's CSV rows (ACLED, UCDP GED: ``(line, values,
    problem)`` from ``csv_rows``), each built as its row is read by ``build(line,
    row)`` (the row as a dict by column). A row the reader refused, or whose build
    raises RowProblem, goes to ``errors`` with its line; a row whose fingerprint
    ``unchanged`` holds for its id (``ident(row)``) was written before and has not
    changed since: it is counted in ``tally.skipped`` and not built. ``tally.rows``
    counts the rows read."""
    for line, values, problem in rows:
        tally.rows += 1
        if problem:
            errors.append((line, f"line {line}", problem))
            continue
        row = dict(zip(header, values, strict=True))
        digest = row_digest(values)
        if unchanged and unchanged.get(ident(row)) == digest:
            tally.skipped += 1
            continue
        try:
            record = build(line, row)
        except RowProblem as exc:
            errors.append((line, f"line {line}", str(exc)))
        else:
            record.extra["digest"] = digest
            yield record


def gathered(records_of, lines, errors=None, **options):
    """(records, errors, row count, rows skipped): what ``records_of(lines, errors,
    tally=..., **options)`` yields, as a list (for tests and tools; imports stream)."""
    errors = RowErrors() if errors is None else errors
    tally = Tally()
    records = list(records_of(lines, errors, tally=tally, **options))
    return records, errors, tally.rows, tally.skipped


def shown(value: str) -> str:
    """A value as quoted in a message, cut short so one huge cell cannot flood the
    report."""
    return repr(value if len(value) <= SHOWN else value[:SHOWN] + "…")


def check_chars(value: str, what: str) -> str:
    bad = forbidden_char(value)
    if bad:
        raise RowProblem(
            _("%(what)s contains a control or invalid character (%(char)s)")
            % {"what": what, "char": bad}
        )
    return value


def json_kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "a number" if isinstance(value, int | float) else type(value).__name__


def text(value, what: str, *, limit: int | None = None, numbers: bool = False) -> str:
    """``value`` as stripped text ("" for null). A file may give text only (or, with
    ``numbers``, a number written as text, as ids often are); lists, objects,
    control characters and over-long values are the row's problem."""
    if value is None:
        return ""
    if numbers and isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise RowProblem(
            _("%(what)s must be text, not %(kind)s") % {"what": what, "kind": json_kind(value)}
        )
    value = check_chars(value, what).strip()
    if limit and len(value) > limit:
        raise RowProblem(
            _("%(what)s is longer than %(limit)d characters") % {"what": what, "limit": limit}
        )
    return value


# --- shared lookups ---------------------------------------------------------------


_CHOICE_INDEXES: dict[tuple, dict[str, str]] = {}


def _choice_index(choices) -> dict[str, str]:
    """Value and English label (whatever the request's language), casefolded, to
    value; built once per set of choices."""
    key = tuple(value for value, _label in choices)
    index = _CHOICE_INDEXES.get(key)
    if index is None:
        index = {}
        for value, label in choices:
            index[value.casefold()] = value
            index[untranslated(label).casefold()] = value
        _CHOICE_INDEXES[key] = index
    return index


EVENT_TYPES = _choice_index(EventType.choices)
SUB_EVENT_TYPES = _choice_index(SubEventType.choices)
_ENGLISH: dict[tuple, str] = {}


def english_label(choices, value: str) -> str:
    """The English label of ``value`` among ``choices`` (a choices enum), whatever
    the request's language; worked out once per value, not once per row."""
    label = _ENGLISH.get((choices, value))
    if label is None:
        label = _ENGLISH[(choices, value)] = untranslated(choices(value).label)
    return label


def event_type(value: str) -> str:
    value = text(value, "event_type")
    found = EVENT_TYPES.get(value.casefold())
    if found is None:
        raise RowProblem(
            _("unknown event type %(value)s (use one of: %(allowed)s)")
            % {
                "value": shown(value),
                "allowed": ", ".join(untranslated(label) for _v, label in EventType.choices),
            }
        )
    return found


def sub_event_type(value: str, parent: str | None) -> str:
    value = text(value, "sub_event_type")
    if not value:
        return ""
    found = SUB_EVENT_TYPES.get(value.casefold())
    if found is None:
        raise RowProblem(_("unknown sub-event type %(value)s") % {"value": shown(value)})
    expected = SUB_EVENT_PARENT.get(SubEventType(found))
    if parent and expected and expected != parent:
        raise RowProblem(
            _("sub-event type %(value)s belongs to %(expected)r, not to %(given)r")
            % {
                "value": shown(value),
                "expected": untranslated(expected.label),
                "given": untranslated(EventType(parent).label),
            }
        )
    return found


def choice(value, choices, what: str, default=None) -> str:
    value = text(value, what, numbers=True)
    if not value:
        if default is None:
            raise RowProblem(_("%(what)s is missing") % {"what": what})
        return default
    found = _choice_index(choices).get(value.casefold())
    if found is None:
        raise RowProblem(
            _("unknown %(what)s %(value)s (use one of: %(allowed)s)")
            % {"what": what, "value": shown(value), "allowed": ", ".join(v for v, _l in choices)}
        )
    return found


# The largest value every integer column holds on both databases (PostgreSQL's
# integer); larger figures would overflow when written.
MAX_INT = 2**31 - 1


def parse_int(value, what: str, *, minimum: int = 0, maximum: int = MAX_INT) -> int | None:
    if type(value) is str and value.isdigit() and value.isascii() and len(value) < 20:
        number = int(value)  # plain digits, as files mostly give them: nothing to strip
    else:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = text(value, what, numbers=True)
        if not value:
            return None
        try:
            number = int(value)
        except ValueError:  # also a number of more than 4300 digits
            raise RowProblem(
                _("%(what)s %(value)s is not a whole number")
                % {"what": what, "value": shown(value)}
            ) from None
    if number < minimum:
        raise RowProblem(
            _("%(what)s %(value)s is below %(limit)d")
            % {"what": what, "value": shown(str(number)), "limit": minimum}
        )
    if number > maximum:
        raise RowProblem(
            _("%(what)s %(value)s is above %(limit)d")
            % {"what": what, "value": shown(str(number)), "limit": maximum}
        )
    return number


DATE_FORMATS = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y")


def parse_date(value, what: str) -> dt.date:
    if type(value) is str and len(value) == 10 and value[4] == "-":
        try:  # YYYY-MM-DD as files mostly give it: nothing to strip or check
            day = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return _not_future(day, what)
    value = text(value, what)
    if not value:
        raise RowProblem(_("%(what)s is missing") % {"what": what})
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        # Only the formats the text could be in (strptime is slow to fail).
        letters, slash = any(c.isalpha() for c in value), "/" in value
        for fmt in (
            f for f in DATE_FORMATS if ("/" in f and slash) or ("%b" in f.lower() and letters)
        ):
            try:
                day = dt.datetime.strptime(value, fmt).date()
                break
            except ValueError:
                continue
        else:
            raise RowProblem(
                _("bad %(what)s %(value)s (use YYYY-MM-DD or e.g. '23 October 2017')")
                % {"what": what, "value": shown(value)}
            ) from None
    return _not_future(day, what)


def _not_future(day: dt.date, what: str) -> dt.date:
    if day > dt.date.today():
        raise RowProblem(
            _("%(what)s %(date)s is in the future") % {"what": what, "date": day.isoformat()}
        )
    return day


def haversine_m(lon1, lat1, lon2, lat2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371000 * math.asin(math.sqrt(a))


class PlaceMatcher:
    """The gazetteer place a reported name refers to, if its spelling is on file
    (exact or normalised, no fuzzy guessing in bulk) and it lies near the row's point."""

    SLACK_M = 10000

    def __init__(self, *, preload: bool = False):
        """With ``preload``, every spelling on file is read at once (one query, for
        files naming thousands of places) instead of one query per new name."""
        self.cache: dict[str, list[tuple[Place, Point | None, str, int | None]]] = {}
        self.anchors: dict[str, list[tuple[float, float] | None]] = {}
        self.preload = preload
        self.spellings: dict[str, list[Place]] | None = None

    def _read_spellings(self) -> dict[str, list[Place]]:
        # On the first name asked for (a re-run that skips every row reads none).
        spellings: dict[str, list[Place]] = {}
        for spelling in PlaceName.objects.select_related("place").order_by("pk"):
            found = spellings.setdefault(spelling.key, [])
            if all(p.pk != spelling.place_id for p in found):
                found.append(spelling.place)
        return spellings

    def candidates(self, name: str):
        return self._candidates(normalize_name(name or ""))

    def _candidates(self, key: str):
        if not key:
            return []
        if key not in self.cache:
            if self.preload:
                if self.spellings is None:
                    self.spellings = self._read_spellings()
                places = self.spellings.get(key, [])
            else:
                places = {
                    n.place_id: n.place
                    for n in PlaceName.objects.filter(key=key).select_related("place")
                }.values()
            found = []
            for place in places:
                point, precision, radius, _via = locate(place)
                found.append((place, point, precision, radius))
            self.cache[key] = found
            # The anchors' coordinates, read once (matched against every row).
            self.anchors[key] = [None if p is None else p.coords for _, p, _, _ in found]
        return self.cache[key]

    def match(self, name: str, lonlat: tuple[float, float] | None):
        """(place, precision, radius) or None, for a place named ``name`` reported at
        ``lonlat`` (longitude, latitude), or at no known point (None)."""
        best = None
        key = normalize_name(name or "")
        candidates = self._candidates(key)
        if not candidates:
            return None
        anchors = self.anchors[key]
        for (place, anchor, precision, radius), xy in zip(candidates, anchors, strict=True):
            if lonlat is None or anchor is None:
                distance = 0.0 if lonlat is None else None
            else:
                distance = haversine_m(lonlat[0], lonlat[1], xy[0], xy[1])
            if distance is None or distance > (radius or 0) + self.SLACK_M:
                continue
            if best is None or distance < best[0]:
                best = (distance, place, precision, radius)
        if best is None:
            return None
        if lonlat is None and len(candidates) > 1:
            return None  # ambiguous without coordinates
        return best[1:]


class CountryShape:
    """Syria's outline (the union of the gazetteer's governorates) for spotting
    coordinates outside the country or with latitude and longitude swapped."""

    BUFFER_DEG = 0.05

    def __init__(self):
        areas = [
            p.area
            for p in Place.objects.filter(
                kind=PlaceKind.GOVERNORATE, country_code="SY", area__isnull=False
            )
        ]
        self.shape = None
        if areas:
            union = areas[0]
            for area in areas[1:]:
                union = union.union(area)
            # Checked once per row, also for files of bad rows: shapely tests a
            # coordinate pair against a prepared outline without making a Point.
            self.shape = shapely.from_wkb(bytes(union.buffer(self.BUFFER_DEG).wkb))
            shapely.prepare(self.shape)

    def contains(self, lon: float, lat: float) -> bool:
        return self.shape is None or bool(shapely.contains_xy(self.shape, lon, lat))


def parse_lonlat(lat_value, lon_value, *, country: CountryShape | None, in_syria: bool):
    """(longitude, latitude) from latitude/longitude values, checked against the world
    and, for rows about Syria, against Syria (which also catches swapped
    coordinates). The parsers keep these numbers for their own checks and matching:
    each read of a GEOS point's coordinates is a call into the C library."""
    lat, lon = _number(lat_value, "latitude"), _number(lon_value, "longitude")
    if lat is None or lon is None:
        lat_text = text(lat_value, "latitude", numbers=True)
        lon_text = text(lon_value, "longitude", numbers=True)
        raise RowProblem(
            _("latitude/longitude %(lat)s, %(lon)s are not numbers")
            % {"lat": shown(lat_text), "lon": shown(lon_text)}
        )
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise RowProblem(_("latitude/longitude must be finite numbers"))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        where = (
            _("latitude %(value)s") % {"value": lat}
            if not -90 <= lat <= 90
            else _("longitude %(value)s") % {"value": lon}
        )
        limits = "-90..90" if not -90 <= lat <= 90 else "-180..180"
        hint = ""
        if in_syria and -90 <= lon <= 90 and country.shape is not None:
            if country.contains(lat, lon):
                hint = _(": latitude and longitude look swapped")
        raise RowProblem(
            _("%(where)s is outside %(limits)s%(hint)s")
            % {"where": where, "limits": limits, "hint": hint}
        )
    if in_syria and country.shape is not None and not country.contains(lon, lat):
        if country.contains(lat, lon):
            raise RowProblem(
                _(
                    "latitude %(lat)s / longitude %(lon)s lies outside Syria, but swapped it "
                    "lies inside: latitude and longitude look swapped"
                )
                % {"lat": lat, "lon": lon}
            )
        raise RowProblem(
            _("latitude %(lat)s / longitude %(lon)s lies outside Syria") % {"lat": lat, "lon": lon}
        )
    return lon, lat


def _number(value, what: str) -> float | None:
    """``value`` (a number, or a number written as text) as a float; None if it is
    not one (a RowProblem if it is not even text)."""
    if type(value) is float:
        return value
    try:
        return float(text(value, what, numbers=True))
    except ValueError:
        return None


def parse_point(lat_value, lon_value, *, country: CountryShape | None, in_syria: bool) -> Point:
    """``parse_lonlat`` as a WGS 84 point."""
    return Point(*parse_lonlat(lat_value, lon_value, country=country, in_syria=in_syria), srid=4326)


def same_point(a: Point | None, b: Point | None, tolerance: float = 1e-6) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a.x - b.x) <= tolerance and abs(a.y - b.y) <= tolerance
