"""The places UCDP GED names, merged into the gazetteer.

``events/data/gazetteer_ucdp_places.csv`` (derived by scripts/derive_ucdp_gazetteer.py
from UCDP GED's Syria release, CC BY 4.0) lists every located place UCDP codes
events at: name, variant spellings, kind, governorate and district (UCDP's adm_1 and
adm_2), UCDP's point and how many events it codes there.

Each row either joins a place already on file or becomes a new one:

* **same place**: a place with a spelling of the same normalised key within
  ``MERGE_KM`` of UCDP's point; or one within ``NEAR_MERGE_KM`` whose spelling's key
  is close (rapidfuzz ratio >= ``NEAR_MERGE_RATIO``: Kernaz and Kurnāz, Taldou and
  Talldaww); or, for a place known without coordinates (the data
  pack's unlocated towns), one with that key in the same governorate. The place
  keeps its own point, name and source and gains UCDP's spellings, an attestation
  (UCDP's name, point and precision) and UCDP's event count. A place known without
  coordinates takes UCDP's point, which becomes its source of location;
* **new place**: parented to its district (UCDP's district point, or a district
  known only by name) or else its governorate.

Rows already attested (same UCDP name and point) are left alone but for spellings
the file has gained since (added, never removed), so a re-load changes nothing.
Places created here carry ``reported_events``, the count the
matcher uses to rank same-named places when a query gives no context. Duplicates a
row could not join because of the order of loading (a pack row loaded after UCDP's)
are merged afterwards, on the whole gazetteer (events.gazetteer_merge).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.contrib.gis.geos import Point
from django.db import transaction
from django.utils.text import slugify
from rapidfuzz import fuzz
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from events import public_cache
from events.geocoding.index import invalidate as invalidate_index
from events.geocoding.normalize import normalize_name
from events.loaders import (
    DATA_DIR,
    NAME_MAX,
    SLUG_MAX,
    LoadError,
    LoadReport,
    read_csv,
    spellings,
    write_names,
)
from events.models import Place, PlaceKind, PlaceName

UCDP_PLACES = DATA_DIR / "gazetteer_ucdp_places.csv"
SOURCE = "UCDP GED Syria 16.01-19.11 (CC BY 4.0)"
MERGE_KM = 10.0
NEAR_MERGE_KM, NEAR_MERGE_RATIO = 2.0, 70
CELL = 0.05  # degrees: the grid that finds places near a point
# UCDP's where_prec 1 is the named place itself, 2 within 25 km of it, 3 a district.
WHERE_PREC_M = {1: None, 2: 25_000, 3: 30_000}
NOT_MERGED_INTO_UNLOCATED = {PlaceKind.NEIGHBOURHOOD, PlaceKind.LANDMARK}


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def cell_of(lon: float, lat: float) -> tuple[int, int]:
    return (math.floor(lon / CELL), math.floor(lat / CELL))


def governorate_key(text: str) -> str:
    words = [w for w in text.split() if w.lower() not in ("governorate", "muhafazat")]
    return normalize_name(" ".join(words))


@dataclass
class UcdpRow:
    line: int
    where: str
    name: str
    variants: list[str]
    kind: str
    governorate: str
    district: str
    lon: float
    lat: float
    where_prec: int
    events: int

    @property
    def ref(self) -> tuple[str, float, float]:
        return (self.where, round(self.lat, 6), round(self.lon, 6))

    def attestation(self) -> dict:
        return {
            "source": SOURCE,
            "ref": self.where,
            "name": self.name,
            "lat": round(self.lat, 6),
            "lon": round(self.lon, 6),
            "precision_m": WHERE_PREC_M.get(self.where_prec),
            "events": self.events,
        }


def read_rows(path: Path, governorates: dict[str, Place]) -> list[UcdpRow]:
    kinds, rows, errors = set(PlaceKind.values), [], []
    for line, raw in read_csv(path):
        problems = []
        name = " ".join((raw.get("name") or "").split())
        if not name or len(name) > NAME_MAX:
            problems.append("name is required (at most 200 characters)")
        if raw.get("kind") not in kinds:
            problems.append(f"unknown kind {raw.get('kind')!r}")
        try:
            lat, lon = float(raw["lat"]), float(raw["lon"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError
            where_prec, events = int(raw["where_prec"]), int(raw["events"])
        except (KeyError, TypeError, ValueError):
            problems.append("lat, lon, where_prec and events must be numbers in range")
            lat = lon = 0.0
            where_prec = events = 0
        gov = (raw.get("governorate") or "").strip()
        if gov and governorate_key(gov) not in governorates:
            problems.append(f"unknown governorate {gov!r}")
        errors += [(line, p) for p in problems]
        rows.append(
            UcdpRow(
                line=line,
                where=(raw.get("where_coordinates") or "").strip(),
                name=name,
                variants=[v for v in (raw.get("variants") or "").split("|") if v.strip()],
                kind=raw.get("kind") or "",
                governorate=gov,
                district=(raw.get("district") or "").strip(),
                lon=lon,
                lat=lat,
                where_prec=where_prec,
                events=events,
            )
        )
    if errors:
        raise LoadError(path, errors)
    return rows


class Gazetteer:
    """What is on file, for merging: located places by spelling key, unlocated
    ones by (key, governorate), each place's governorate, slugs taken."""

    def __init__(self):
        rows = list(Place.objects.values_list("pk", "parent_id", "kind", "geom"))
        self.parent = {pk: parent for pk, parent, _, _ in rows}
        self.kind = {pk: kind for pk, _, kind, _ in rows}
        self.point = {pk: (g.x, g.y) for pk, _, _, g in rows if g is not None}
        self.located: dict[str, list[int]] = defaultdict(list)
        self.keys_of: dict[int, set[str]] = defaultdict(set)
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for pk, (lon, lat) in self.point.items():
            self.cells[cell_of(lon, lat)].append(pk)
        self.unlocated: dict[tuple[str, int | None], list[int]] = defaultdict(list)
        for pk, key in PlaceName.objects.values_list("place_id", "key").iterator(5000):
            self.add_key(pk, key)
        self.slugs = set(Place.objects.values_list("slug", flat=True))
        self.attested = {
            (a.get("ref"), a.get("lat"), a.get("lon")): pk
            for pk, attestations in Place.objects.exclude(attestations=[]).values_list(
                "pk", "attestations"
            )
            for a in attestations
            if a.get("source") == SOURCE
        }

    def add_key(self, pk: int, key: str) -> None:
        if not key:
            return
        if pk in self.point:
            self.keys_of[pk].add(key)
            if pk not in self.located[key]:
                self.located[key].append(pk)
        elif pk not in self.unlocated[key, self.governorate(pk)]:
            self.unlocated[key, self.governorate(pk)].append(pk)

    def governorate(self, pk: int | None) -> int | None:
        seen = set()
        while pk is not None and pk not in seen:
            if self.kind.get(pk) == PlaceKind.GOVERNORATE:
                return pk
            seen.add(pk)
            pk = self.parent.get(pk)
        return None

    def same_place(self, row: UcdpRow, gov: Place | None) -> int | None:
        key = normalize_name(row.name)
        near = [
            (d, pk)
            for pk in self.located.get(key, ())
            if (d := distance_km(row.lon, row.lat, *self.point[pk])) <= MERGE_KM
        ]
        if near:
            return min(near)[1]
        x, y = cell_of(row.lon, row.lat)
        close = [
            (-fuzz.ratio(key, other), pk)
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for pk in self.cells.get((x + dx, y + dy), ())
            if distance_km(row.lon, row.lat, *self.point[pk]) <= NEAR_MERGE_KM
            for other in self.keys_of.get(pk, ())
        ]
        if close and -min(close)[0] >= NEAR_MERGE_RATIO:
            return min(close)[1]
        for pk in self.unlocated.get((key, gov.pk if gov else None), ()):
            if self.kind[pk] not in NOT_MERGED_INTO_UNLOCATED:
                return pk
        return None

    def new_slug(self, name: str, gov: Place | None) -> str:
        base = slugify(name)[: SLUG_MAX - 40] or "place"
        for candidate in (base, f"{base}-{slugify(gov.name)[:30]}" if gov else f"{base}-sy"):
            if candidate not in self.slugs:
                self.slugs.add(candidate)
                return candidate
        n = 2
        while f"{candidate}-{n}" in self.slugs:
            n += 1
        self.slugs.add(f"{candidate}-{n}")
        return f"{candidate}-{n}"


def governorates_by_key() -> dict[str, Place]:
    found = {}
    governorates = Place.objects.filter(kind=PlaceKind.GOVERNORATE)
    for place in governorates:
        found.setdefault(governorate_key(place.name), place)
    for name in PlaceName.objects.filter(place__in=governorates).select_related("place"):
        found.setdefault(governorate_key(name.name), name.place)
    return found


def rekind_own_places(rows: list[UcdpRow], attested: dict) -> list[Place]:
    """Places this loader created (UCDP's source, from one of its rows) whose row on
    file now gives another kind (the derived file reclassed "Al Mahr field" from
    village to landmark): the place takes the file's kind. Places UCDP's rows joined
    keep their own kind, as they keep their own name and point. Returns the places
    changed (saved)."""
    wanted: dict[int, str] = {}
    for row in rows:  # the first row of a place is the one it was made from
        if row.ref in attested:
            wanted.setdefault(attested[row.ref], row.kind)
    changed = []
    for place in Place.objects.filter(pk__in=list(wanted), source=SOURCE):
        if place.kind != wanted[place.pk] and place.kind != PlaceKind.DISTRICT:
            place.kind = wanted[place.pk]
            changed.append(place)
    bulk_update_with_history(changed, Place, ["kind"], batch_size=1000)
    return changed


@public_cache.invalidates
@transaction.atomic
def load_ucdp_places(*, path: Path = UCDP_PLACES) -> LoadReport:
    report = LoadReport("UCDP GED places")
    governorates = governorates_by_key()
    rows = read_rows(path, governorates)
    on_file = Gazetteer()
    # Rows already attested change nothing but may bring spellings the derived file
    # has gained since (write_names adds only what is missing).
    extra_names: dict[int, dict[str, bool]] = defaultdict(dict)
    for row in rows:
        if (pk := on_file.attested.get(row.ref)) is not None:
            for name in spellings(row.name, *row.variants):
                extra_names[pk][name] = False
    rekinded = rekind_own_places(rows, on_file.attested)
    attested = {on_file.attested[r.ref] for r in rows if r.ref in on_file.attested}
    rows = [r for r in rows if r.ref not in on_file.attested]
    report.unchanged = len(attested) - len(rekinded)
    report.updated += len(rekinded)
    gov_of = {r.line: governorates.get(governorate_key(r.governorate)) for r in rows}

    # Districts first (UCDP's district points, then districts known by name only),
    # so that villages can be parented to them.
    districts: dict[tuple[str, int | None], Place] = {
        (p.name, p.parent_id): p for p in Place.objects.filter(kind=PlaceKind.DISTRICT)
    }
    new_districts = []
    for row in sorted(rows, key=lambda r: r.kind != PlaceKind.DISTRICT):
        gov = gov_of[row.line]
        name = row.where if row.kind == PlaceKind.DISTRICT else row.district
        if not name or (name, gov.pk if gov else None) in districts:
            continue
        located = row.kind == PlaceKind.DISTRICT
        place = Place(
            slug=on_file.new_slug(name, gov),
            name=name,
            kind=PlaceKind.DISTRICT,
            parent=gov,
            geom=Point(row.lon, row.lat, srid=4326) if located else None,
            source=SOURCE if located else f"{SOURCE}: adm_2 (district) of its events",
            attestations=[row.attestation()] if located else [],
            reported_events=row.events if located else 0,
        )
        districts[name, gov.pk if gov else None] = place
        new_districts.append(place)
    created = bulk_create_with_history(new_districts, Place, batch_size=1000)
    names = {p.pk: spellings(p.name, preferred=(p.name,)) for p in created}
    report.created += len(created)

    merge_into = {row.line: on_file.same_place(row, gov_of[row.line]) for row in rows}
    on_file_places = Place.objects.in_bulk([pk for pk in merge_into.values() if pk is not None])
    new_places, new_rows, updated = [], [], {}
    newly_located: set[int] = set()
    pending: dict[str, list[int]] = defaultdict(list)  # key -> new_places indices
    for row in rows:
        if row.kind == PlaceKind.DISTRICT:
            continue
        gov = gov_of[row.line]
        point = Point(row.lon, row.lat, srid=4326)
        pk = merge_into[row.line]
        if pk is None:
            key = normalize_name(row.name)
            for i in pending.get(key, ()):
                place, first = new_places[i], new_rows[i]
                if distance_km(row.lon, row.lat, place.geom.x, place.geom.y) <= MERGE_KM:
                    place.attestations.append(row.attestation())
                    place.reported_events += row.events
                    first.variants += [n for n in (row.name, *row.variants) if n != first.name]
                    break
            else:
                pending[key].append(len(new_places))
                parent = districts.get((row.district, gov.pk if gov else None)) or gov
                new_places.append(
                    Place(
                        slug=on_file.new_slug(row.name, gov),
                        name=row.name,
                        kind=row.kind,
                        parent=parent,
                        geom=point,
                        source=SOURCE,
                        attestations=[row.attestation()],
                        reported_events=row.events,
                        notes=f"UCDP where_coordinates: {row.where}",
                    )
                )
                new_rows.append(row)
            continue
        place = on_file_places[pk]
        place.attestations = [*place.attestations, row.attestation()]
        place.reported_events += row.events
        if place.geom is None:
            newly_located.add(pk)
            place.geom = point
            place.source = f"{place.source}; located by {SOURCE}"[:300].lstrip("; ")
        updated[pk] = place
        for name in spellings(row.name, *row.variants):
            extra_names[pk][name] = False
    created = bulk_create_with_history(new_places, Place, batch_size=1000)
    for place, row in zip(created, new_rows, strict=True):
        names[place.pk] = spellings(row.name, *row.variants, preferred=(row.name,))
    write_names(names, new_places=True)
    write_names(extra_names)
    located = [p for p in updated.values() if p.pk in newly_located]
    bulk_update_with_history(
        [p for p in updated.values() if p.pk not in newly_located],
        Place,
        ["attestations", "reported_events"],
        batch_size=1000,
    )
    # Few places gain a point: a geometry CASE per row is costly, so apart.
    bulk_update_with_history(
        located, Place, ["attestations", "reported_events", "geom", "source"], batch_size=1000
    )
    report.created += len(created)
    report.updated += len(updated)
    report.notes.append(
        f"{len(created)} new places, {len(updated)} places on file gained UCDP's "
        f"spellings and event counts, {len(new_districts)} districts"
    )
    invalidate_index()
    return report
