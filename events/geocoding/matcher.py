"""Match a reported place name against the gazetteer.

Stages (events.geocoding.stages) say which one matched: ``exact``, ``normalised``
(same key after events.geocoding.normalize) or ``fuzzy`` (rapidfuzz over a trigram
candidate set). A later stage runs only when the earlier ones found nothing in the
home country (see below). The query as a whole is tried first, then readings that
split it into a name and context words ("Al-Qusur, Deir Ezzor city", "Al-Qusur
Deir ez-Zor", "القصور في حمص"), then the fuzzy stage. A query nothing matches at all is
read as the place its last part names when it has parts ("a school in Hajin",
"سجن في البوكمال": a building in a town, 0.10 lower), else as its longest run of
first words that is a name on file ("Al Qastal Al Ghazi village": Al Qastal), ranked
below a derived spelling. A query that is only
the first of a village's two names (Rakaya, for Rakaya Sijneh) matches that short
form, which does not settle the query: the later readings still run and outrank it.
A bare word split counts words that name a village or town as context only for a
place inside it ("Midan Ghazal" is one village, not a Midan in Ghazal's province).

Context (events.geocoding.context), from ``near`` or from the query's words,
raises candidates inside or near the context place (score shown capped at 1.0).
Same-named places are thereby told apart; without context they come back as
ranked alternatives.

Home country. The gazetteer may hold places abroad (a worldwide layer). Places in
the home country (setting ``GEOCODE_HOME_COUNTRY``, default "SY"; empty to turn
off) rank as if they scored 0.10 more, and a later stage still runs when earlier
ones found places only abroad: a Syrian normalised match outranks a foreign exact
one, but a foreign exact match still beats a Syrian fuzzy guess.

Prior. A small amount is added for how likely a place is to be the one meant
(:func:`place_prior`): the conflict events placed there (the incidents on file plus
the events UCDP GED codes there, ``PlaceEntry.events``; 0.01 per doubling, at most
0.04) and the place's own population (0.01 per tenfold above 1,000, at most 0.02).
It decides between same-named places with no context (Al-Qusur in Deir ez-Zor, Homs
and Baniyas; five villages called Tayba) and between close readings, never against
a clearly better spelling. Remaining ties go to the place with more events, then to
a match on a preferred spelling, then to the more populous place (or parent); the
others stay in the list as alternatives, each saying its ``events_here``.

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

from events.models import Place, PlaceKind

from .context import (
    CONTAINER_KINDS,
    CONTEXT_BONUS,
    NEARBY_KM,
    Context,
    anchor_of,
    context_level,
    context_places,
    distance_km,
    governorate_of,
    read_context_places,
    resolve_near,
)
from .index import GazetteerIndex, PlaceEntry, get_index, without_qualifier
from .normalize import is_arabic, normalize_name
from .precision import KIND_PRECISION, KIND_RADIUS_M  # noqa: F401  (re-exported)
from .query import (  # noqa: F401
    QueryError,
    clean_query,
    ends_with_landmark_kind,
    is_facility_phrase,
    is_generic_phrase,
    linked_by_words,
    phrase_variants,
    qualifiers,
    split_parts,
)
from .stages import (
    DERIVED_PENALTY,
    DIRECTION_DROPPED_PENALTY,
    FUZZY_CUTOFF,
    SKELETON_FUZZY_CUTOFF,
    Candidate,
    fuzzy,
    match_phrase,
    transliterated,
)

HOME_BONUS = 0.10
SHARED_NAME_PENALTY = 0.05  # matched by one part of an "A/B" name, another place's own
AREA_KINDS = frozenset(
    {
        PlaceKind.COUNTRY,
        PlaceKind.GOVERNORATE,
        PlaceKind.DISTRICT,
        PlaceKind.SUBDISTRICT,
        PlaceKind.CITY,
    }
)
EVENTS_STEP, EVENTS_CAP = 0.01, 0.04
POPULATION_STEP, POPULATION_CAP = 0.01, 0.02
MAX_LIMIT = 50
NAMES_SHOWN = 12


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
            "events_here": entry.events,
            "context": self.context,
            "notes": self.notes,
        }


# --- helpers ---------------------------------------------------------------------------


def home_country() -> str:
    return getattr(settings, "GEOCODE_HOME_COUNTRY", "SY") or ""


def locate(place: Place) -> tuple[Point | None, str, int | None, Place | None]:
    """Point, precision code, uncertainty radius and the ancestor used (if any) for a
    gazetteer place, as the index derives them."""
    index = get_index()
    entry = index.places[place.pk]
    anchor = anchor_of(index, entry)
    point = Point(anchor.lon, anchor.lat, srid=4326) if anchor else None
    via = Place.objects.get(pk=anchor.pk) if anchor and anchor.pk != entry.pk else None
    return point, entry.precision, entry.uncertainty_m, via


def place_prior(entry: PlaceEntry) -> float:
    """How much more likely a place is to be the one a report names: EVENTS_STEP per
    doubling of the conflict events already placed there (at most EVENTS_CAP), plus
    POPULATION_STEP per tenfold of its own population above 1,000 (at most
    POPULATION_CAP). Small beside the stages' scores: it decides between close
    readings (Al-Shughur: Al Shougr, 3 events, or Damascus's Al-Shaghour, none;
    al-Qusair: the town of 41,000 in Homs or a hamlet in Daraa), not against a
    clearly better spelling."""
    prior = 0.0
    if entry.events > 0:
        prior += min(EVENTS_CAP, EVENTS_STEP * math.log2(1 + entry.events))
    if (entry.population or 0) > 1000:
        prior += min(POPULATION_CAP, POPULATION_STEP * math.log10(entry.population / 1000))
    return prior


# --- reading the query -------------------------------------------------------------------


def interpretations(text: str) -> list[tuple[str, list[str], bool]]:
    """(head, context phrases, explicit) readings of a query, most explicit first."""
    parts = split_parts(text)
    readings = []
    if len(parts) > 1:
        readings.append((parts[0], parts[1:], True))
        if not linked_by_words(text):
            # "Hasakah, Tall Tamr" names Tall Tamr; "X in Y" never names Y.
            readings.append((parts[-1], parts[:-1], True))
    words = text.split()
    for i in range(1, len(words)):
        readings.append((" ".join(words[:i]), [" ".join(words[i:])], False))
        if not is_listed_arabic_word(words[i]):
            readings.append((" ".join(words[i:]), [" ".join(words[:i])], False))
    return readings


def is_listed_arabic_word(word: str) -> bool:
    """Whether an Arabic word after others carries the conjunction و (سرمين وقميناس,
    حريتان وعندان): a further place of a list, never a name with its context before it."""
    return word[:1] == "و" and len(word) > 3 and word != "وادي" and is_arabic(word)


FUZZY_POOL_MIN = 20  # close keys the fuzzy stage scores, however few results are asked


def fuzzy_pool(limit: int) -> int:
    """How many close keys the fuzzy stage scores: enough that the best-ranked place
    does not depend on how many results are asked for (a key a little less close
    may be the place's, and its prior or context puts it first)."""
    return max(FUZZY_POOL_MIN, limit * 4)


def in_home(index: GazetteerIndex, found: list[Candidate], home: str) -> bool:
    """Whether ``found`` settles the query: it holds a place in the home country
    (or anything at all when no home country is set)."""
    found = [c for c in found if not c.weak and not index.weak(c.name_idx)]
    if not home:
        return bool(found)
    return any(index.places[index.name_place[c.name_idx]].country_code == home for c in found)


# Where a countryside, province or subdistrict word begins the rest of an Arabic query
# (with في, or ب and و written on it): بريف, في محافظة, وناحية.
# "القاسمية بريف حلب الغربي", "الشيخ سعد في محافظة درعا", "الطيبة الغربية بمنطقة الحولة"
# (في also typed فى); "حريزة التابعة لبلدة الصبحة", "طبيش التابعة لمعرة النعمان": the
# place it belongs to, with the ل of التابعة ل taken off.
COUNTRYSIDE_CONTEXT = re.compile(
    r"\s+(?:(?:في|فى)\s+)?(?:و?ب)?(?=(?:ريف|محافظ[ةه]|ناحي[ةه]|منطق[ةه])\s+[^\W\d_])"
    r"|\s+(?:ال)?تابع[ةه]?\s+(?:ل|[اإ]لى\s+)(?=[^\W\d_]{2})"
)


def _in_context(index: GazetteerIndex, cand: Candidate, ctx: Context) -> bool:
    return context_level(index, index.places[index.name_place[cand.name_idx]], ctx)[0] > 0


def read_query(
    index: GazetteerIndex, text: str, limit: int, home: str
) -> tuple[list[Candidate], Context]:
    """Candidates and the context the query's own words give. The whole query is
    tried first; then readings that split it into a name and context words, the one
    placing a candidate deepest inside its context winning (explicit separators
    before bare word splits, which must name a place that contains a candidate);
    then the fuzzy stage. Each step runs only while no home-country place has been
    found; what earlier steps found is kept and ranked with the rest."""
    cut = COUNTRYSIDE_CONTEXT.search(text)
    if cut and cut.start() > 0:
        # "القاسمية بريف حلب الغربي", "الشيخ سعد في محافظة درعا": the words from ريف,
        # محافظة or ناحية on say where the name before them is, never the name.
        head, tail = text[: cut.start()].strip(), text[cut.end() :].strip()
        places = context_places(index, tail) or read_context_places(index, tail)
        if head and places:
            found, head_ctx = read_query(index, head, limit, home)
            ctx = Context(places=places, label=tail)
            ctx = head_ctx.merge(ctx) if head_ctx else ctx
            if not any(_in_context(index, c, ctx) for c in found):
                # Known only in Latin letters: the reading of the name in that area.
                read = transliterated(index, head)
                found = found + [c for c in read if _in_context(index, c, ctx)]
            return found, ctx
        if head and not places and (found := read_query(index, head, limit, home)[0]):
            # A context named nowhere on file leaves the name before it, read alone.
            return found, Context()
    memo: dict[str, list[Candidate]] = {}

    def match(phrase: str) -> list[Candidate]:
        if phrase not in memo:
            memo[phrase] = match_phrase(index, phrase, alternatives=True)
        return memo[phrase]

    found = match(text)
    if in_home(index, found, home):
        return found, Context()
    best, fuzzy_reading, resolved = None, None, {}
    for n, (head, phrases, explicit) in enumerate(interpretations(text)):
        if explicit and is_facility_phrase(head):
            # "سجن في البوكمال": a building in a place, not a place named "prison".
            continue
        if not explicit and any(is_generic_phrase(p) for p in (head, *phrases)):
            # "الغارية | الغربية", "Western | Ghouta": a direction or kind word is
            # part of the name beside it, not a name or a context of its own.
            continue
        places = []
        for phrase in phrases:
            if (phrase, explicit) not in resolved:
                resolved[phrase, explicit] = context_places(index, phrase, allow_fuzzy=explicit)
            places += resolved[phrase, explicit]
        if not explicit:
            places = [p for p in places if p.kind in CONTAINER_KINDS]

        if not places:
            # "Al-Shafaa town, east of the Euphrates": a later part naming no known
            # place leaves the first part, the name, on its own.
            if n == 0 and explicit and (head_found := match(head)):
                best = ((0, True), head_found, Context())
            continue
        ctx = Context(places=places, label=", ".join(phrases))
        head_found = match(head)
        if not head_found and explicit and n == 0:
            # "عندان، حلب": a name known only in Latin letters, read so, in the
            # place the other parts name.
            head_found = [c for c in transliterated(index, head) if _in_context(index, c, ctx)]
        if head_found:
            level = max(
                context_level(index, index.places[index.name_place[c.name_idx]], ctx)[0]
                for c in head_found
            )
            if not explicit and level == 1 and not any(p.kind in AREA_KINDS for p in places):
                # "Midan Ghazal" is one village's name, not an Al-Midan in the province
                # of a village called Ghazal: bare words naming a village or town are
                # context only for a place inside it.
                level = 0
            mark = (level, explicit)
            if (explicit or level > 0) and (best is None or mark > best[0]):
                best = (mark, head_found, ctx)
        if fuzzy_reading is None and (explicit or len(phrases[0]) >= 4):
            fuzzy_reading = (head, ctx, explicit)
    ctx = Context()
    if best is not None:
        found, ctx = found + best[1], best[2]
        if in_home(index, found, home):
            return found, ctx
    widest = phrase_variants(text)[-1]
    probes = [widest]
    if widest != text and ends_with_landmark_kind(text):
        # "al-Arbaen mount": the kind word is read too, as Al Arbaeen mountain has it.
        probes.append(text)
    found = found + [
        Candidate(c.name_idx, c.stage, c.base - DIRECTION_DROPPED_PENALTY, weak=True)
        if qualifiers(text) - qualifiers(widest)
        else c
        for probe in probes
        for c in fuzzy(
            index,
            probe,
            limit=fuzzy_pool(limit),
            cutoff=FUZZY_CUTOFF,
            skeleton_cutoff=SKELETON_FUZZY_CUTOFF,
        )
    ]
    if fuzzy_reading is not None and not ctx:
        head, ctx, explicit = fuzzy_reading
        head_found = fuzzy(
            index,
            phrase_variants(head)[-1],
            limit=fuzzy_pool(limit),
            cutoff=FUZZY_CUTOFF,
            skeleton_cutoff=SKELETON_FUZZY_CUTOFF if explicit else None,
        )
        # A bare word split ("Maarat Herma") says nothing of context unless the
        # close spelling lies in or near the place the other words name.
        found += [
            c
            for c in head_found
            if explicit
            or context_level(index, index.places[index.name_place[c.name_idx]], ctx)[0] > 0
        ]
    if not any(
        c.stage in ("exact", "normalised") and not c.weak and not index.weak(c.name_idx)
        for c in found
    ):
        found += transliterated(index, text)
        if not found and fuzzy_reading is not None and ctx:
            # "القاسمية بريف حلب الغربي": the name read in Latin letters, kept only
            # in or near the place the other words name.
            found += [
                c
                for c in transliterated(index, fuzzy_reading[0])
                if context_level(index, index.places[index.name_place[c.name_idx]], ctx)[0] > 0
            ]
        if not found and len(parts := split_parts(text)) > 1:
            # "الصالحية و السوسة": the first part read on its own; when the other
            # parts name places (the context), only a reading in or near them.
            found += [
                c
                for c in transliterated(index, parts[0])
                if not ctx
                or context_level(index, index.places[index.name_place[c.name_idx]], ctx)[0] > 0
            ]
    if not found and (short := without_qualifier(text)):
        # "Bokrus Tahtani" where only Buqrus is on file: the place without the word
        # that tells its upper and lower parts apart, ranked as a derived spelling.
        found = [
            Candidate(c.name_idx, c.stage, c.base - DERIVED_PENALTY)
            for c in match_phrase(index, short)
            or fuzzy(
                index,
                phrase_variants(short)[-1],
                limit=fuzzy_pool(limit),
                cutoff=FUZZY_CUTOFF,
                skeleton_cutoff=SKELETON_FUZZY_CUTOFF,
            )
        ]
    if not found and len(parts := split_parts(text)) > 1:
        found = within_last_part(index, parts)
        if found:
            return found, Context()  # the place named is the answer, not its context
    if not found:
        found = leading_part(index, text, home)
    return found, ctx


WITHIN_PENALTY = 0.10


def within_last_part(index: GazetteerIndex, parts: list[str]) -> list[Candidate]:
    """A query whose first part names nothing on file but whose last part names a
    place ("a school in Hajin", "دوار الطيبة في الميادين": a building, roundabout or
    quarter the gazetteer does not hold, in a town it does) is read as that place,
    WITHIN_PENALTY lower than a name matched as written: the report places it there."""
    return [
        Candidate(c.name_idx, c.stage, c.base - WITHIN_PENALTY)
        for c in match_phrase(index, parts[-1])
    ]


LEADING_PART_MIN_KEY = 5  # a shorter leading part names too many places


def leading_part(index: GazetteerIndex, text: str, home: str) -> list[Candidate]:
    """A query that matches nothing at all, read as its longest run of first words
    that is the name of a place in the home country ("Al Qastal Al Ghazi village": Al
    Qastal), ranked below a derived spelling: reporters add a second name or a
    description after the name the gazetteer has."""
    words = phrase_variants(text)[-1].split()
    for n in range(len(words) - 1, 0, -1):
        part = " ".join(words[:n])
        if len(normalize_name(part)) < LEADING_PART_MIN_KEY:
            break
        found = [
            Candidate(c.name_idx, c.stage, c.base - 2 * DERIVED_PENALTY)
            for c in match_phrase(index, part)
            if not home or index.places[index.name_place[c.name_idx]].country_code == home
        ]
        if found:
            return found
    return []


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


NEARER_BONUS = 0.03  # at most, for a place nearby a settlement the query names
# A subdistrict is small (a few villages round its seat, or a hill country such as
# Jabal az Zawiyah): its point says where it is. Districts and larger have none to be
# near.
POINT_KINDS_EXCLUDED = frozenset({PlaceKind.COUNTRY, PlaceKind.GOVERNORATE, PlaceKind.DISTRICT})


def _closeness(index: GazetteerIndex, entry: PlaceEntry, ctx: Context) -> float:
    """Of two same-named places both near the context ("Dawudiyah north of Tall
    Tamr"), the nearer to a city, town or village the context names: up to
    NEARER_BONUS, falling to none at NEARBY_KM. Provinces and districts have no
    point to be near."""
    anchor = anchor_of(index, entry)
    if anchor is None:
        return 0.0
    nearest = min(
        (
            distance_km(anchor.lon, anchor.lat, p.lon, p.lat)
            for p in ctx.places
            if p.kind not in POINT_KINDS_EXCLUDED and p.lon is not None and p.pk != entry.pk
        ),
        default=None,
    )
    if nearest is None:
        return 0.0
    return NEARER_BONUS * max(0.0, 1.0 - nearest / NEARBY_KM)


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
        if level == 1 and ctx.places:
            score += _closeness(index, entry, ctx)
        if cand.name_idx in index.split_part:
            owners = index.main_places.get(index.name_key[cand.name_idx], ())
            province = governorate_of(index, entry)
            if pk not in owners and any(
                o in best and governorate_of(index, index.places[o]) == province for o in owners
            ):
                # One part of a name filed as two ("Al Eis/Ash Shaykh Isa") that is
                # the own name of another candidate in the same province: more likely
                # that place. (A part naming a place far off is an alias: "As Suwar
                # town/Sur", not Daraa's Sur.)
                score -= SHARED_NAME_PENALTY
        if entry.prior is None:
            entry.prior = place_prior(entry)
        prior = (HOME_BONUS if at_home else 0.0) + entry.prior
        # Equal scores (same-named places, no context): the place where more
        # conflict events are placed wins, then a preferred spelling, then the
        # more populous place.
        order = (
            -(score + prior),
            not at_home,
            -entry.events,
            not preferred,
            -entry.prominence,
            entry.slug,
        )
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
