"""Context that narrows same-named places: a ``near`` value (place slug or name,
"lat,lon", a Place, a Point or a (lat, lon) pair) or context words in the query.

A candidate inside a context place (a descendant of it, or within 10 km of a given
point) is at level 2 and gains 0.10; one in the same governorate as a context
place, or within 50 km, is at level 1 and gains 0.05.

A context word naming a governorate bare ("Hama", "Rif Dimashq", حماة) is read as the
governorate as well as any place of that name (its capital city): reporters name the
province so. In UCDP GED's headlines for events at places with a same-named twin in
another governorate, the governorate named is the coded place's 1,569 times and the
twin's 34 times.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from django.contrib.gis.geos import Point
from django.utils.translation import gettext as _

from events.models import Place, PlaceKind

from .index import GOVERNORATE, GazetteerIndex, PlaceEntry
from .normalize import is_arabic, normalize_name
from .query import QueryError, clean_query, phrase_variants
from .stages import fuzzy, match_phrase, transliterated

CONTEXT_FUZZY_CUTOFF = 90
# An Arabic context known only in Latin letters (لبلدة الصبحة: Sabhah) is read so when
# the reading is this close (transliterated score; same-skeleton readings reach it).
CONTEXT_TRANSLITERATED_MIN = 0.85
CONTEXT_BONUS = {2: 0.10, 1: 0.05}
MAX_CONTEXT_PLACES = 12  # a context word naming more places than this narrows little
CONTAINER_KINDS = {
    PlaceKind.COUNTRY,
    PlaceKind.GOVERNORATE,
    PlaceKind.DISTRICT,
    PlaceKind.SUBDISTRICT,
    PlaceKind.CITY,
    PlaceKind.TOWN,
    PlaceKind.VILLAGE,
}
INSIDE_KM, NEARBY_KM = 10.0, 50.0
LAT_LON = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[, ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def anchor_of(index: GazetteerIndex, entry: PlaceEntry) -> PlaceEntry | None:
    return index.places.get(entry.anchor_pk) if entry.anchor_pk is not None else None


def governorate_of(index: GazetteerIndex, entry: PlaceEntry) -> int | None:
    return next(
        (p for p in (entry.pk, *entry.ancestors) if index.places[p].kind == GOVERNORATE), None
    )


@dataclass
class Context:
    places: list[PlaceEntry] = field(default_factory=list)
    point: tuple[float, float] | None = None  # lon, lat
    label: str = ""
    _prepared: tuple | None = field(default=None, repr=False)

    def __bool__(self) -> bool:
        return bool(self.places) or self.point is not None

    def prepared(self, index: GazetteerIndex) -> tuple[dict, dict, list]:
        """(context places by pk, their governorates -> place name, their located
        anchors as (pk, lon, lat, name)), computed once per context."""
        if self._prepared is None:
            by_pk = {p.pk: p for p in self.places}
            governorates, anchors = {}, {}
            for place in self.places:
                gov = governorate_of(index, place)
                if gov is not None and gov != place.pk:
                    governorates.setdefault(gov, place.name)
                anchor = anchor_of(index, place)
                if anchor is not None:
                    anchors.setdefault(anchor.pk, (anchor.pk, anchor.lon, anchor.lat, place.name))
            self._prepared = (by_pk, governorates, list(anchors.values()))
        return self._prepared

    def merge(self, other: Context) -> Context:
        return Context(
            places=[*self.places, *other.places],
            point=self.point or other.point,
            label=" / ".join(x for x in (self.label, other.label) if x),
        )


def context_places(
    index: GazetteerIndex, phrase: str, *, allow_fuzzy: bool = True
) -> list[PlaceEntry]:
    found = [c for c in match_phrase(index, phrase) if not c.weak and not index.weak(c.name_idx)]
    if not found and allow_fuzzy:
        variant = phrase_variants(phrase)[-1]
        found = fuzzy(index, variant, limit=3, cutoff=CONTEXT_FUZZY_CUTOFF)
    pks = dict.fromkeys(index.name_place[c.name_idx] for c in found)
    places = sorted((index.places[pk] for pk in pks), key=lambda p: -p.prominence)
    # A governorate named bare ("Hama", "Rif Dimashq", "حماة") comes first.
    governorates = dict.fromkeys(
        pk
        for variant in phrase_variants(phrase)
        for pk in index.governorate_by_name.get(normalize_name(variant), ())
    )
    places = [index.places[pk] for pk in governorates] + [
        p for p in places if p.pk not in governorates
    ]
    return places[:MAX_CONTEXT_PLACES]


def read_context_places(index: GazetteerIndex, phrase: str) -> list[PlaceEntry]:
    """The places an Arabic context phrase known only in Latin letters reads as
    (لبلدة الصبحة: Sabhah), closest reading first; only for words that are context
    for certain (after ريف, محافظة, التابعة ل), never for a part that may be a name."""
    if not is_arabic(phrase):
        return []
    read = sorted(transliterated(index, phrase), key=lambda c: -c.base)
    pks = dict.fromkeys(
        index.name_place[c.name_idx] for c in read if c.base >= CONTEXT_TRANSLITERATED_MIN
    )
    return [index.places[pk] for pk in list(pks)[:MAX_CONTEXT_PLACES]]


def resolve_near(index: GazetteerIndex, near) -> Context:
    """The context named by ``near``; QueryError if it names nothing known."""
    if near is None or (isinstance(near, str) and not near.strip()):
        return Context()
    if isinstance(near, Place):
        entry = index.places.get(near.pk)
        return Context(places=[entry], label=entry.name) if entry else Context()
    if isinstance(near, Point):
        return Context(point=(near.x, near.y), label=f"{near.y:.4f},{near.x:.4f}")
    if isinstance(near, (tuple, list)) and len(near) == 2:
        lat, lon = (float(v) for v in near)
        return _point_context(lat, lon)
    text = clean_query(str(near), near=True) if not LAT_LON.match(str(near)) else str(near)
    if m := LAT_LON.match(text):
        return _point_context(float(m.group(1)), float(m.group(2)))
    if (pk := index.by_slug.get(text)) is not None:
        entry = index.places[pk]
        return Context(places=[entry], label=entry.name)
    places = context_places(index, text)
    if not places:
        raise QueryError(
            _("No place called %(name)r is known, so it cannot be used as 'near'.") % {"name": text}
        )
    return Context(places=places, label=text)


def _point_context(lat: float, lon: float) -> Context:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise QueryError("'near' coordinates must be latitude,longitude in range.")
    return Context(point=(lon, lat), label=f"{lat:.4f},{lon:.4f}")


def context_level(index: GazetteerIndex, entry: PlaceEntry, ctx: Context) -> tuple[int, str]:
    """2 inside the context, 1 nearby (same governorate or within 50 km), else 0,
    with a few words saying which."""
    best, why = 0, ""
    anchor = anchor_of(index, entry)
    if ctx.places:
        by_pk, governorates, anchors = ctx.prepared(index)
        for pk in entry.ancestors:
            if pk in by_pk:
                return 2, f"in {by_pk[pk].name}"
        for pk in entry.ancestors:
            if pk in governorates:
                best, why = 1, f"in the governorate of {governorates[pk]}"
                break
        if best < 1 and anchor is not None:
            for pk, lon, lat, name in anchors:
                if pk != anchor.pk and (d := distance_km(anchor.lon, anchor.lat, lon, lat)) <= (
                    NEARBY_KM
                ):
                    best, why = 1, f"{d:.0f} km from {name}"
                    break
    if ctx.point is not None and anchor is not None:
        d = distance_km(anchor.lon, anchor.lat, *ctx.point)
        inside = max(INSIDE_KM, (entry.uncertainty_m or 0) / 1000)
        if d <= inside:
            return 2, f"{d:.1f} km from the given point"
        if d <= NEARBY_KM and best < 1:
            best, why = 1, f"{d:.0f} km from the given point"
    return best, why
