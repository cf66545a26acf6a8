"""Match a reported place name against the gazetteer, in stages that say which one
matched:

``exact``       the spelling is on file (case, spacing and invisible marks aside);
``normalised``  it has the same key as a spelling on file (events.geocoding.normalize);
``fuzzy``       its key is close to a key on file: rapidfuzz ratio >= 80 over the
                candidate keys that share trigrams with it (events.geocoding.index).

A later stage runs only when the earlier ones found nothing. Scores: exact 1.0;
normalised 0.90-0.95, higher the closer the spelling as written is to the one on
file (so "El Qusur" prefers "Al-Qusur" to "Al-Qusour"); fuzzy 0.9 x ratio/100.

Context. ``near`` (a place slug or name, a ``"lat,lon"`` string, a Place or a
Point) or words in the query ("Al-Qusur, Deir Ezzor city", "Al-Qusur Deir ez-Zor",
"القصور في حمص") name a context. A candidate inside the context place (a
descendant of it, or within 10 km of a given point) gains 0.10; one in the same
governorate, or within 50 km, gains 0.05 (the score shown is capped at 1.0).
Same-named places are thereby told apart; without context they come back as
ranked alternatives.

Home country. The gazetteer may hold places abroad (a worldwide layer). Places in
the home country (setting ``GEOCODE_HOME_COUNTRY``, default "SY"; empty to turn
off) rank as if they scored 0.10 more, and a later stage still runs when earlier
ones found places only abroad: a Syrian normalised match outranks a foreign exact
one, but a foreign exact match still beats a Syrian fuzzy guess. Remaining ties go
to a match on a preferred spelling, then to the more populous place (or parent).

Location. A place known without coordinates resolves to its nearest located
ancestor and says so (``resolved_via``), with that ancestor's precision code and a
radius that covers the ancestor's extent rather than pretending to be exact.

The public entry point is :func:`geocode`. Lookups read the in-memory index only;
``result.place`` and ``result.resolved_via`` load the Place rows on first access.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.contrib.gis.geos import Point
from rapidfuzz import fuzz

from events.models import Place, PlaceKind

from .index import GOVERNORATE, GazetteerIndex, PlaceEntry, fold, get_index
from .normalize import is_arabic, normalize_name
from .precision import KIND_PRECISION, KIND_RADIUS_M  # noqa: F401  (re-exported)
from .query import QueryError, clean_query, iter_variants, phrase_variants, split_parts

EXACT_SCORE = 1.0
NORMALISED_FLOOR, NORMALISED_SPAN = 0.90, 0.05
FUZZY_WEIGHT = 0.9
FUZZY_CUTOFF = 80
FUZZY_MIN_KEY = {"latin": 4, "arabic": 3}
CONTEXT_FUZZY_CUTOFF = 90
CONTEXT_BONUS = {2: 0.10, 1: 0.05}
HOME_BONUS = 0.10
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
MAX_LIMIT = 50
NAMES_SHOWN = 12
LAT_LON = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[, ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


@dataclass(eq=False)
class GeocodeResult:
    entry: PlaceEntry
    matched_name: str
    matched_by: str  # exact | normalised | fuzzy
    score: float
    precision: str
    uncertainty_m: int | None
    lon: float | None
    lat: float | None
    via: PlaceEntry | None = None
    parent: PlaceEntry | None = None
    context: str = ""
    names: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def place_id(self) -> int:
        return self.entry.pk

    @cached_property
    def place(self) -> Place:
        return Place.objects.select_related("parent").get(pk=self.entry.pk)

    @cached_property
    def resolved_via(self) -> Place | None:
        return Place.objects.get(pk=self.via.pk) if self.via is not None else None

    @cached_property
    def point(self) -> Point | None:
        return Point(self.lon, self.lat, srid=4326) if self.lon is not None else None

    def as_dict(self) -> dict:
        entry = self.entry
        return {
            "place_id": entry.pk,
            "slug": entry.slug,
            "name": entry.name,
            "name_ar": entry.name_ar,
            "names": self.names,
            "matched_name": self.matched_name,
            "kind": entry.kind,
            "country_code": entry.country_code,
            "parent": self.parent.name if self.parent else None,
            "parent_slug": self.parent.slug if self.parent else None,
            "lat": round(self.lat, 6) if self.lat is not None else None,
            "lon": round(self.lon, 6) if self.lon is not None else None,
            "score": round(self.score, 3),
            "matched_by": self.matched_by,
            "precision": self.precision,
            "uncertainty_m": self.uncertainty_m,
            "resolved_via": self.via.name if self.via else None,
            "resolved_via_slug": self.via.slug if self.via else None,
            "context": self.context,
            "notes": self.notes,
        }


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


@dataclass
class Candidate:
    name_idx: int
    stage: str
    base: float


# --- helpers ---------------------------------------------------------------------------


def home_country() -> str:
    return getattr(settings, "GEOCODE_HOME_COUNTRY", "SY") or ""


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


def locate(place: Place) -> tuple[Point | None, str, int | None, Place | None]:
    """Point, precision code, uncertainty radius and the ancestor used (if any) for a
    gazetteer place, as the index derives them."""
    index = get_index()
    entry = index.places[place.pk]
    anchor = anchor_of(index, entry)
    point = Point(anchor.lon, anchor.lat, srid=4326) if anchor else None
    via = Place.objects.get(pk=anchor.pk) if anchor and anchor.pk != entry.pk else None
    return point, entry.precision, entry.uncertainty_m, via


# --- stages ------------------------------------------------------------------------------


def exact_and_normalised(index: GazetteerIndex, text: str) -> list[Candidate]:
    folded = fold(text)
    found = [Candidate(i, "exact", EXACT_SCORE) for i in index.exact.get(folded, ())]
    key = normalize_name(text)
    for i in index.by_key.get(key, ()) if key else ():
        # Same key; the closer the spelling as written, the higher (0.90-0.95).
        closeness = fuzz.ratio(folded, index.name_folded[i]) / 100
        found.append(Candidate(i, "normalised", NORMALISED_FLOOR + NORMALISED_SPAN * closeness))
    return found


def fuzzy(index: GazetteerIndex, text: str, *, limit: int, cutoff: float) -> list[Candidate]:
    key = normalize_name(text)
    if len(key) < FUZZY_MIN_KEY["arabic" if is_arabic(key) else "latin"]:
        return []
    found = []
    for choice, ratio in index.fuzzy_keys(key, cutoff=cutoff, limit=limit):
        base = FUZZY_WEIGHT * ratio / 100
        found += [Candidate(i, "fuzzy", base) for i in index.by_key[choice]]
    return found


def match_phrase(index: GazetteerIndex, phrase: str) -> list[Candidate]:
    tried = set()
    for variant in iter_variants(phrase):
        if variant and variant not in tried:
            tried.add(variant)
            found = exact_and_normalised(index, variant)
            if found:
                return found
    return []


# --- context -----------------------------------------------------------------------------


def context_places(
    index: GazetteerIndex, phrase: str, *, allow_fuzzy: bool = True
) -> list[PlaceEntry]:
    found = match_phrase(index, phrase)
    if not found and allow_fuzzy:
        variant = phrase_variants(phrase)[-1]
        found = fuzzy(index, variant, limit=3, cutoff=CONTEXT_FUZZY_CUTOFF)
    pks = dict.fromkeys(index.name_place[c.name_idx] for c in found)
    places = sorted((index.places[pk] for pk in pks), key=lambda p: -p.prominence)
    return places[:MAX_CONTEXT_PLACES]


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
    text = clean_query(str(near), label="'near'") if not LAT_LON.match(str(near)) else str(near)
    if m := LAT_LON.match(text):
        return _point_context(float(m.group(1)), float(m.group(2)))
    if (pk := index.by_slug.get(text)) is not None:
        entry = index.places[pk]
        return Context(places=[entry], label=entry.name)
    places = context_places(index, text)
    if not places:
        raise QueryError(f"No place called {text!r} is known, so it cannot be used as 'near'.")
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


# --- reading the query -------------------------------------------------------------------


def interpretations(text: str) -> list[tuple[str, list[str], bool]]:
    """(head, context phrases, explicit) readings of a query, most explicit first."""
    parts = split_parts(text)
    readings = []
    if len(parts) > 1:
        readings.append((parts[0], parts[1:], True))
        readings.append((parts[-1], parts[:-1], True))
    words = text.split()
    for i in range(1, len(words)):
        readings.append((" ".join(words[:i]), [" ".join(words[i:])], False))
        readings.append((" ".join(words[i:]), [" ".join(words[:i])], False))
    return readings


def in_home(index: GazetteerIndex, found: list[Candidate], home: str) -> bool:
    """Whether ``found`` settles the query: it holds a place in the home country
    (or anything at all when no home country is set)."""
    if not home:
        return bool(found)
    return any(index.places[index.name_place[c.name_idx]].country_code == home for c in found)


def read_query(
    index: GazetteerIndex, text: str, limit: int, home: str
) -> tuple[list[Candidate], Context]:
    """Candidates and the context the query's own words give. The whole query is
    tried first; then readings that split it into a name and context words, the one
    placing a candidate deepest inside its context winning (explicit separators
    before bare word splits, which must name a place that contains a candidate);
    then the fuzzy stage. Each step runs only while no home-country place has been
    found; what earlier steps found is kept and ranked with the rest."""
    memo: dict[str, list[Candidate]] = {}

    def match(phrase: str) -> list[Candidate]:
        if phrase not in memo:
            memo[phrase] = match_phrase(index, phrase)
        return memo[phrase]

    found = match(text)
    if in_home(index, found, home):
        return found, Context()
    best, fuzzy_reading, resolved = None, None, {}
    for head, phrases, explicit in interpretations(text):
        places = []
        for phrase in phrases:
            if (phrase, explicit) not in resolved:
                resolved[phrase, explicit] = context_places(index, phrase, allow_fuzzy=explicit)
            places += resolved[phrase, explicit]
        if not explicit:
            places = [p for p in places if p.kind in CONTAINER_KINDS]
        if not places:
            continue
        ctx = Context(places=places, label=", ".join(phrases))
        head_found = match(head)
        if head_found:
            level = max(
                context_level(index, index.places[index.name_place[c.name_idx]], ctx)[0]
                for c in head_found
            )
            mark = (level, explicit)
            if (explicit or level > 0) and (best is None or mark > best[0]):
                best = (mark, head_found, ctx)
        if fuzzy_reading is None and (explicit or len(phrases[0]) >= 4):
            fuzzy_reading = (head, ctx)
    ctx = Context()
    if best is not None:
        found, ctx = found + best[1], best[2]
        if in_home(index, found, home):
            return found, ctx
    found = found + fuzzy(index, phrase_variants(text)[-1], limit=limit * 4, cutoff=FUZZY_CUTOFF)
    if fuzzy_reading is not None and not ctx:
        head, ctx = fuzzy_reading
        found += fuzzy(index, phrase_variants(head)[-1], limit=limit * 4, cutoff=FUZZY_CUTOFF)
    return found, ctx


# --- ranking and results -----------------------------------------------------------------


def _result(index: GazetteerIndex, cand: Candidate, score: float, why: str) -> GeocodeResult:
    entry = index.places[index.name_place[cand.name_idx]]
    anchor = anchor_of(index, entry)
    via = anchor if anchor is not None and anchor.pk != entry.pk else None
    notes = []
    if via is not None:
        notes.append(f"{entry.name} has no coordinates of its own; placed at {via.name}.")
    elif anchor is None:
        notes.append(f"{entry.name} has no located ancestor; no point can be given.")
    names = [index.name_text[i] for i in index.place_names.get(entry.pk, ())][:NAMES_SHOWN]
    return GeocodeResult(
        entry=entry,
        matched_name=index.name_text[cand.name_idx],
        matched_by=cand.stage,
        score=min(1.0, score),
        precision=entry.precision,
        uncertainty_m=entry.uncertainty_m,
        lon=anchor.lon if anchor else None,
        lat=anchor.lat if anchor else None,
        via=via,
        parent=index.places.get(entry.parent_pk) if entry.parent_pk is not None else None,
        context=why,
        names=names,
        notes=notes,
    )


def rank(
    index: GazetteerIndex, found: list[Candidate], ctx: Context, limit: int, home: str
) -> list[GeocodeResult]:
    best: dict[int, tuple] = {}
    for cand in found:
        pk = index.name_place[cand.name_idx]
        preferred = index.name_preferred[cand.name_idx]
        mark = (cand.base, preferred)
        if pk not in best or mark > best[pk][0]:
            best[pk] = (mark, cand)
    ranked = []
    for pk, ((base, preferred), cand) in best.items():
        entry = index.places[pk]
        level, why = context_level(index, entry, ctx) if ctx else (0, "")
        at_home = bool(home) and entry.country_code == home
        score = base + CONTEXT_BONUS.get(level, 0.0)
        prior = HOME_BONUS if at_home else 0.0
        order = (-(score + prior), not at_home, not preferred, -entry.prominence, entry.slug)
        ranked.append((order, cand, score, why))
    ranked.sort(key=lambda r: r[0])
    return [_result(index, cand, score, why) for _, cand, score, why in ranked[:limit]]


def geocode(query: str, *, near=None, limit: int = 5) -> list[GeocodeResult]:
    """Ranked matches for ``query`` (best first); an empty list if nothing matches.

    ``near`` narrows same-named places: a place slug or name, ``"lat,lon"``, a Place,
    a Point or a (lat, lon) pair. ``limit`` is clamped to 1..50. Raises
    :class:`~events.geocoding.query.QueryError` (a ValueError) for an empty, junk or
    over-long query or an unknown ``near``."""
    text = clean_query(query)
    limit = max(1, min(int(limit), MAX_LIMIT))
    index = get_index()
    explicit = resolve_near(index, near)
    home = home_country()
    found, ctx = read_query(index, text, limit, home)
    if explicit:
        ctx = explicit.merge(ctx) if ctx else explicit
    return rank(index, found, ctx, limit, home)
