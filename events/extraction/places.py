"""Places named in a report, through our gazetteer and geocoder (events.geocoding).

Candidates are runs of capitalised words (with the articles al-, el-, ez-, ...)
looked up on file as written or normalised (the geocoder's exact and normalised
stages, from its in-memory index); a name after a place word ("the town of X", "X
neighbourhood") may also match fuzzily. Each name found is then geocoded with
the other places of the report as context (``geocode(name, near=...)``), so a
neighbourhood resolves inside the city the text names. A name placed relative to
another ("55km northeast of Deir Ezzor", "north of Hama city") marks a reference
point, not the event's place. Spellings of the same place found in the text
("Al-Qusur", "Al-Qusor") are kept as its names.

Which one is the event's (session 7): a compass word before a governorate's seat ("in
southern Idlib", "eastern Deir ez-Zor"; not Aleppo's or Damascus's halves, not "X city"),
a seat holding a village or a desert ("the Idlib village of X", "a village in Hasakah",
"the Raqqa desert") and "the governorate of X" name the governorate (its seat, not a
village called so); "the Eastern Ghouta town of X" is X; with no toll naming a place,
the lead's place (or one inside or next to it) beats a later sentence's; an unknown
village up to 15 km from a town ("X, 10 km west of Manbij") is near that town, farther
the town is a reference only; a Turkish, Iraqi, ... town is not looked up here; where
the dead had fled from is a reference; "air strikes on X, a member of ... said": X is
a place; an earlier incident's governorate gives no context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from events.geocoding.context import distance_km
from events.geocoding.index import get_index
from events.geocoding.matcher import geocode
from events.geocoding.normalize import normalize_name
from events.geocoding.query import QueryError, phrase_variants
from events.geocoding.stages import exact_and_normalised
from events.models import PlaceKind

from .datelines import dateline_end
from .place_cues import (
    AROUND_BEFORE,
    BUILDING_KINDS,
    CAME_FROM,
    CITY_HALVES,
    COMPASS,
    COMPASS_BEFORE,
    COUNTRYSIDE_AFTER,
    COUNTRYSIDE_BEFORE,
    COUNTRYSIDE_NAME,
    DISTRICT_OF_PROVINCE,
    EARLIER_INCIDENT,
    FIRED_FROM,
    HOLDS_AFTER,
    HOLDS_BEFORE,
    OTHER_PLACE_WORDS,
    PLACE_CUE_BEFORE,
    PLACE_KIND_WORDS,
    PROVINCE_WORDS,
    QUOTED_PERSON,
    QUOTED_PERSON_AFTER,
    SETTLEMENT_WORDS,
    URBAN_WORDS,
    bare_name,
    head_of_unknown_name,
    landmark_kind_named,
    landmark_kinds,
    not_a_place,
    people_named,
    runs_on,
    same_initial,
)

WORD = re.compile(r"[A-Za-z\u00C0-\u024F\u0600-\u06FF][\w’'\u00C0-\u024F\u0600-\u06FF-]*")
ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|adh|at|az|ez|es|an|the)-?$", re.I)
STOP = frozenset(
    """the a an in on at of and or but it its he she they this that these those there
    syria syrian syria's monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december islamic
    state observatory human rights network sana afp reuters ap us u.s uk britain british
    russia russian turkey turkish israel israeli iran iranian american coalition army forces
    government regime kurdish arab sdf ypg is isis isil daesh amaq civil defence defense
    white helmets ministry police command source sources monitor war general major president
    al-qaeda hezbollah nusra front tahrir sham hayat rebels jihadists ramadan eid gmt
    telegram twitter facebook mosque hospital market school church national new old
    euphrates river golan heights mediterranean lebanon iraq iraqi jordan europe france
    french germany german china chinese moscow ankara damascus's international rami abdel
    abdul abdulrahman rahman al-sham ahrar jaish faylaq al-islam fateh al-nusra center centre
    reconciliation council committee office media agency news area court deal dam jet road
    sarin assad bashar al-assad el-assad hafez man""".split()
)
KIND_RANK = {
    PlaceKind.LANDMARK: 0,
    PlaceKind.NEIGHBOURHOOD: 1,
    PlaceKind.VILLAGE: 2,
    PlaceKind.TOWN: 2,
    PlaceKind.CITY: 3,
    PlaceKind.SUBDISTRICT: 4,
    PlaceKind.DISTRICT: 5,
    PlaceKind.GOVERNORATE: 6,
    PlaceKind.COUNTRY: 7,
}
PLACE_WORD_BEFORE = re.compile(rf"\b(?:{PLACE_KIND_WORDS})\s+of\s+$", re.I)
URBAN_AFTER = re.compile(rf"^\s+(?:{URBAN_WORDS}|district)\b", re.I)
URBAN_BEFORE = re.compile(rf"\b(?:{URBAN_WORDS})\s+of\s+$", re.I)
BASED_IN = re.compile(
    r"\b(?:based|stationed|headquartered|living|lives|residing|resides)\s+in\s+(?:the\s+)?"
    rf"(?:nearby\s+)?(?:(?:{PLACE_KIND_WORDS})\s+of\s+)?$",
    re.I,
)
CITY_BEFORE = re.compile(r"\b(?:city|capital)\s+(?:of\s+)?$", re.I)
CITY_AFTER = re.compile(r"^(?:['’]s)?\s+(?:city|centre|center)\b", re.I)
URBAN_KM = 8.0  # a city's district lies within this distance of its centre
PROVINCE_AFTER = re.compile(rf"^\s+(?:{PROVINCE_WORDS})\b", re.I)
PROVINCE_BEFORE = re.compile(rf"\b(?:{PROVINCE_WORDS})\s+of\s+$", re.I)
PLACE_WORD_AFTER = re.compile(rf"^\s+(?:{PLACE_KIND_WORDS})\b", re.I)
REFERENCE_BEFORE = re.compile(
    r"(?:\b\d+\s*(?:km|kilomet\w+|miles)\s+|\b)(?:north|south|east|west|"
    r"northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)(?:ern)?\s+of\s+(?:the\s+)?(?:\w+\s+)?$",
    re.I,
)
FUZZY_MIN_SCORE = 0.8
# "in Binnsh": a name after a place preposition that the geocoder only finds fuzzily
# is taken when it is very close (foreign cities score below this: Beirut 0.84).
NEAR_MISS_MIN_SCORE = 0.88
LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|outside|struck|hit|hitting|shelled|bombed|targeted|targeting)\s+$"
)
# A site known by a code ("the T4 airbase", "T-4"): short but a name.
CODE_NAMED = re.compile(r"^[A-Z]-?\d{1,2}$")
FINAL_TAA = re.compile(r"(?<=[bcdfghjklmnpqrstvwxyz])([ea])$")


def _respelled(name: str) -> str:
    """ "Atme" -> "Atmeh", "Raqqa" -> "Raqqah": a last word ending in a consonant and
    -e or -a, with the h that often ends it on file; "" when the name does not end so."""
    if " " in name or not FINAL_TAA.search(name):
        return ""
    return name + "h"


PERSON_AFTER = re.compile(
    r"^,\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,3}?(?:spokes(?:man|woman|person)|head|director|"
    r"chief|commander|official|officer|member|minister|governor)\b"
)
# "air strikes on X", "the shelling of X": X is where the attack struck.
STRUCK_BEFORE = re.compile(
    r"(?i:\b(?:strikes?|airstrikes?|raids?|attacks?|shelling|bombing|bombardment|assault|"
    r"offensive)\s+(?:on|of|against|in)\s+(?:the\s+)?)$"
)
PERSON_NAME = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’-]+\s+(?P<last>[A-Z][\w'’-]{2,})(?=,\s+(?:the\s+|a\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?(?:spokes(?:man|woman|person)|head|director|chief|commander|"
    r"official|officer|member|minister|governor)\b)"
)
ALTERNATIVES = 5  # same-named places weighed against the text's context
SAME_NAME_STAGES = ("exact", "normalised")
SAME_NAME_SLACK = 0.1
CACHE_MAX = 50_000

# Where the text says the event is ("northeast Syria", "near the Turkish border"):
# (pattern, test of a candidate's lat/lon). Used only to choose among same-named places.
REGION_HINTS = [
    (re.compile(r"\bnorth-?east(?:ern)?\b", re.I), lambda lat, lon: lat >= 35.6 and lon >= 38.5),
    (re.compile(r"\bnorth-?west(?:ern)?\b", re.I), lambda lat, lon: lat >= 35.0 and lon <= 37.6),
    (re.compile(r"\bsouth-?east(?:ern)?\b", re.I), lambda lat, lon: lat <= 34.8 and lon >= 37.0),
    (re.compile(r"\bsouth-?west(?:ern)?\b", re.I), lambda lat, lon: lat <= 33.8 and lon <= 36.8),
    (re.compile(r"\bnorth(?:ern)?\s+Syria\b", re.I), lambda lat, lon: lat >= 35.7),
    (re.compile(r"\bsouth(?:ern)?\s+Syria\b", re.I), lambda lat, lon: lat <= 33.7),
    (re.compile(r"\beast(?:ern)?\s+Syria\b", re.I), lambda lat, lon: lon >= 38.8),
    (re.compile(r"\bcentral\s+Syria\b", re.I), lambda lat, lon: 33.9 <= lat <= 35.6),
    (
        re.compile(r"\b(?:Turk(?:ish|ey(?:'s|’s)?))\s+border|\bborder\s+with\s+Turkey\b", re.I),
        lambda lat, lon: lat >= 36.2,
    ),
    (
        re.compile(r"\bIraq(?:i)?\s+border|\bborder\s+with\s+Iraq\b", re.I),
        lambda lat, lon: lon >= 40.2,
    ),
    (
        re.compile(r"\bJordan(?:ian)?\s+border|\bborder\s+with\s+Jordan\b", re.I),
        lambda lat, lon: lat <= 32.9,
    ),
    (
        re.compile(r"\bLebane?(?:se|on)\s+border|\bborder\s+with\s+Lebanon\b", re.I),
        lambda lat, lon: lon <= 36.8,
    ),
    (re.compile(r"\bGolan\b", re.I), lambda lat, lon: lon <= 36.3 and lat <= 33.5),
]
ANCHOR_KM = 50.0  # same-named candidates: the nearer to the text's other places, by steps


_cache_index = None
_cache: dict = {}


def _cached(index, key, compute):
    """Look-ups against the gazetteer index, kept per process for as long as the index
    is the current one (events.geocoding.index replaces it when the gazetteer changes)."""
    global _cache_index
    if index is not _cache_index or len(_cache) > CACHE_MAX:
        _cache.clear()
        _cache_index = index
    if key not in _cache:
        _cache[key] = compute()
    return _cache[key]


def _lookup(index, name: str) -> list:
    """Exact and normalised matches of ``name`` that are not countries."""

    def compute():
        return [
            c
            for c in exact_and_normalised(index, name)
            if index.places[index.name_place[c.name_idx]].kind != PlaceKind.COUNTRY
        ]

    return _cached(index, ("lookup", name), compute)


def _geocoded(index, name: str, near) -> list:
    def compute():
        try:
            return geocode(name, near=near, limit=ALTERNATIVES)
        except QueryError:
            return []

    return _cached(index, ("geocode", name, near), compute)


def _same_named(results: list) -> list:
    """The first result and the alternatives matched as firmly (same-named places:
    exact or normalised matches scoring close to the first)."""
    if not results:
        return []
    best = results[0]
    if best.matched_by not in SAME_NAME_STAGES:
        return [best]
    same = [
        r
        for r in results
        if r.matched_by in SAME_NAME_STAGES
        and r.score >= best.score - SAME_NAME_SLACK
        and r.entry.kind != PlaceKind.COUNTRY
    ]
    # A city called X outranks a village or site also known as X (an alias on file
    # for "Military Research Center" is "Aleppo").
    if any(_own_name(r) and r.entry.kind in MAJOR_KINDS for r in same):
        same = [r for r in same if _own_name(r) or r.entry.kind in MAJOR_KINDS]
    return same


MAJOR_KINDS = (PlaceKind.CITY, PlaceKind.GOVERNORATE)


def _own_name(result) -> bool:
    return normalize_name(result.matched_name) == normalize_name(result.entry.name)


def _choose(alternatives: list, hints: list, anchors: list, governorates: set):
    """Among same-named places, the one the text's context points to: inside a
    governorate the text names, in the region it names, near its other places;
    else the geocoder's own first choice."""
    if len(alternatives) < 2:
        return alternatives[0]

    def weight(pair):
        rank, r = pair
        lat, lon = r.lat, r.lon
        if lat is None or lon is None:
            return (0, 0, 0, rank)
        in_gov = int(bool(governorates & {r.entry.pk, *r.entry.ancestors}))
        region = sum(1 if test(lat, lon) else -1 for test in hints)
        near = min(
            (
                distance_km(lon, lat, a_lon, a_lat)
                for a_lat, a_lon, a_pk in anchors
                if a_pk != r.entry.pk
            ),
            default=0.0,
        )
        near = round(near / ANCHOR_KM)  # distances within one step count as equal
        return (-in_gov, -region, near, rank)

    return min(enumerate(alternatives), key=weight)[1]


@dataclass
class PlaceMention:
    text: str
    start: int
    end: int
    sentence: int
    reference: bool
    framed: bool
    measured: bool = False  # "55 km northeast of X": a reference point only
    province: bool = False  # "X province": the governorate
    urban: bool = False  # "the X district/neighbourhood/quarter": a part of a city
    kinds: frozenset[str] = frozenset()  # the kinds of landmark the text calls it
    implied: bool = False  # an unknown part of this place ("al-Marja neighbourhood")
    city: bool = False  # "the city of X", "X city", "the capital X"
    query: str = ""  # the spelling looked up ("Atmeh" for "Atme"); the text's by default
    near_miss: bool = False  # "in X", X only close to a name on file (a typo)
    countryside: bool = False  # "the countryside of X", "rural X": X's governorate
    province_word: bool = False  # "X province", "the governorate of X"
    around: bool = False  # "outside the city of X", "near X": around X, not in it
    earlier: bool = False  # "..., a day after strikes killed 12 in X": another incident
    district: bool = False  # "the X district": a city's quarter or a governorate's district

    def __post_init__(self):
        self.query = self.query or self.text


@dataclass
class FoundPlace:
    place_id: int
    slug: str
    name: str
    kind: str
    lat: float | None
    lon: float | None
    precision: str
    uncertainty_m: int | None
    ancestors: tuple[int, ...]
    mentions: list[PlaceMention] = field(default_factory=list)
    # A city named like its governorate ("Idlib") and never called a city: the text
    # may mean the governorate.
    region: int | None = None

    @classmethod
    def of(cls, entry, best) -> FoundPlace:
        """The place of a gazetteer entry, where the geocoder's best match puts it."""
        return cls(
            entry.pk,
            entry.slug,
            entry.name,
            entry.kind,
            best.lat,
            best.lon,
            best.precision,
            best.uncertainty_m,
            entry.ancestors,
        )

    @property
    def rank(self) -> int:
        return KIND_RANK.get(self.kind, 8)

    def as_dict(self) -> dict:
        names = list(dict.fromkeys(m.text for m in self.mentions if not m.implied))
        return {
            "name": self.name,
            "lat": round(self.lat, 6) if self.lat is not None else None,
            "lon": round(self.lon, 6) if self.lon is not None else None,
            "precision": self.precision,
            "uncertainty_m": self.uncertainty_m,
            "place_id": self.place_id,
            "slug": self.slug,
            "kind": self.kind,
            "names": names,
        }


def related(a: FoundPlace, b: FoundPlace, km: float = 15.0) -> bool:
    """The same place, one inside the other, or within ``km`` of each other."""
    if a.place_id == b.place_id or b.place_id in a.ancestors or a.place_id in b.ancestors:
        return True
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return distance_km(a.lon, a.lat, b.lon, b.lat) <= km


def _capitalised(word: str) -> bool:
    head = word.split("-", 1)[1] if "-" in word and ARTICLE.match(word.split("-")[0]) else word
    return head[:1].isupper() or "\u0600" <= head[:1] <= "\u06ff"


POSSESSIVE_END = re.compile(r"(?<=\w)(?:['’]s|(?<=s)['’])$")  # "Raqqa's", "Homs'"
POSSESSED_PLACE = re.compile(
    r"^\s+(?:(?:al|el|ad|an|ar|as|ash|at|az|ez)-|[A-Z]|(?:[\w-]+\s+){0,2}"
    rf"(?:{PLACE_KIND_WORDS}|suburbs|outskirts|centre|center|market|old\s+city|streets?)\b)",
)


COMPASS_WORD = re.compile(rf"^(?:(?:{COMPASS})(?:ern)?|central)$", re.I)


MEASURE = re.compile(r"(\d+(?:\.\d+)?)\s*(km|kilomet\w+|miles)", re.I)
NEAR_MEASURE_KM = 15.0  # "X, 10 km west of Y": X unknown, Y is near enough to stand


def _far_measure(words: str) -> bool:
    """ "55 km northeast of": a distance too far for the place after it to stand
    for the event's (a reference point only)."""
    m = MEASURE.search(words)
    if not m:
        return False
    km = float(m.group(1)) * (1.609 if m.group(2).lower() == "miles" else 1.0)
    return km > NEAR_MEASURE_KM


def _candidates(text: str, start: int, sentence: int) -> list[tuple[int, int, str]]:
    words = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text)]
    caps = [_capitalised(w) for _, _, w in words]
    article = [bool(ARTICLE.match(w)) for _, _, w in words]
    # "Raqqa's al-Mashlab": a possessive ends a name; the next one starts after it.
    joined = [
        text[a[1] : b[0]] in (" ", "-") and not POSSESSIVE_END.search(a[2])
        for a, b in pairwise(words)
    ]
    out = []
    for i, (s, _, _w) in enumerate(words):
        if not caps[i]:
            continue
        for n in (4, 3, 2, 1):
            if i + n > len(words):
                continue
            if all(joined[i : i + n - 1]) and all(caps[j] or article[j] for j in range(i, i + n)):
                last = words[i + n - 1]
                if n > 1 and COMPASS_WORD.match(last[2]):
                    continue  # "Daraa Southern countryside": Daraa, then a compass word
                owner = POSSESSIVE_END.search(last[2])
                end = last[1] - (len(owner.group(0)) if owner else 0)
                out.append((s, end, text[s:end].strip("’'")))
    return out


CONTAINER_KINDS = (
    PlaceKind.CITY,
    PlaceKind.GOVERNORATE,
    PlaceKind.DISTRICT,
    PlaceKind.SUBDISTRICT,
    PlaceKind.TOWN,
)


# What a "neighbourhood/district/quarter" may wrongly resolve to in another city.
CITY_PARTS = (PlaceKind.LANDMARK, PlaceKind.NEIGHBOURHOOD, PlaceKind.VILLAGE, PlaceKind.TOWN)


def _near(containers: list, key: str, mention: PlaceMention) -> str | None:
    """The place that narrows the look-up of ``mention``: for a part of a city, the
    city named in its sentence or else in the text; otherwise the first city, town,
    district or governorate the text names (other than the name itself)."""
    others = [(entry, sentence) for name, entry, sentence in containers if name != key]
    if mention.urban:
        cities = [(e, n) for e, n in others if e.kind == PlaceKind.CITY]
        same = [e for e, n in cities if n == mention.sentence]
        if same or cities:
            return (same or [cities[0][0]])[0].slug
    return others[0][0].slug if others else None


# Governorates whose countryside is a governorate of its own (names on file).
COUNTRYSIDE_OF = {"Damascus Governorate": "Rif Dimashq Governorate"}
FAR_KM = 30.0
# Words AROUND_BEFORE opens with, to skip it cheaply where none is.
AROUND_WORDS = ("outside", "near", "around", "outskirts", "vicinity", "close to", "edge of")
DISTRICT_AFTER = re.compile(r"^\s+district\b", re.I)
FUZZY_FAR_KM = 60.0
AROUND_KM = 40.0  # "outside the city of X": a village of the story this close to X
LEAD_KM = 10.0  # a later event sentence's place this close to the lead's may narrow it down


# "Bayda, a village outside the city of Banias", "X, a town 10 km north of Y": the text
# puts the place next to another it names.
APPOSED_NEAR = re.compile(
    r",\s+an?\s+(?:small\s+|nearby\s+)?(?:village|town|hamlet)\s+(?:just\s+)?(?:outside|near|"
    r"close\s+to|on\s+the\s+outskirts\s+of|(?:\d+\s*(?:km|kilomet\w+|miles)\s+)?(?:north|south|"
    r"east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of)\s+(?:the\s+)?"
    r"(?:(?:city|town)\s+of\s+)?",
    re.I,
)


def _drop_far_namesakes(sentences, places: dict) -> None:
    """ "Bayda, a village outside the city of Banias": a place the text puts next to
    another it names, but which the gazetteer has only far from it, is another place
    of that name (the village itself is not on file); its mention is dropped, so the
    place it is next to stands for it."""
    by_index = {sent.index: sent for sent in sentences}
    for place in list(places.values()):
        for mention in list(place.mentions):
            sent = by_index.get(mention.sentence)
            apposed = sent and APPOSED_NEAR.match(sent.text, mention.end - sent.start)
            if not apposed:
                continue
            at = sent.start + apposed.end()
            anchor = next(
                (
                    q
                    for q in places.values()
                    if q is not place and any(m.start == at for m in q.mentions)
                ),
                None,
            )
            if anchor is not None and not related(place, anchor, km=AROUND_KM):
                place.mentions.remove(mention)
        if not place.mentions:
            del places[place.place_id]


def _entry_by_name(index, name: str, kind: str):
    return next(
        (
            e
            for e in (index.places[index.name_place[c.name_idx]] for c in _lookup(index, name))
            if e.kind == kind
        ),
        None,
    )


def _in_governorate_of(index, entry, cities: list) -> bool:
    """``entry`` lies in the governorate of one of ``cities`` (lat, lon, pk)."""
    for _lat, _lon, pk in cities:
        gov = _governorate(index, index.places[pk])
        if gov is not None and gov.pk in entry.ancestors:
            return True
    return False


def _named_after(index, governorate_pk: int, name: str) -> bool:
    """The governorate bears ``name`` ("Hama" of Hama Governorate)."""
    key = normalize_name(name)
    for i in index.place_names.get(governorate_pk, ()):
        variants = phrase_variants(index.name_text[i])
        if key in {normalize_name(v) for v in variants}:
            return True
    return False


def _told_first(found: list, usable) -> list:
    """With no toll naming a place: the places of the first event sentence that names
    one, and those inside them or next to them ("rockets on Azaz from Afrin late Sunday
    ... Turkish artillery retaliated, targeting Afrin": the lead's place, not the
    retaliation's)."""
    if not found:
        return []
    first = min(m.sentence for p in found for m in usable(p))
    lead = [p for p in found if any(m.sentence == first for m in usable(p))]
    return [p for p in found if p in lead or any(related(p, q, km=LEAD_KM) for q in lead)]


def _seats(index, alternatives: list, name: str) -> list:
    """Of same-named places, the governorates and the cities their governorate is
    named after."""
    out = []
    for r in alternatives:
        if r.entry.kind == PlaceKind.GOVERNORATE:
            out.append(r)
        elif r.entry.kind == PlaceKind.CITY:
            gov = _governorate(index, r.entry)
            if gov is not None and _named_after(index, gov.pk, name):
                out.append(r)
    return out


def _far_from(best, anchors: list, km: float) -> bool:
    """``best`` lies more than ``km`` from every other place the text names unambiguously
    (and there is at least one)."""
    others = [(lat, lon) for lat, lon, pk in anchors if pk != best.entry.pk]
    return (
        bool(others)
        and best.lat is not None
        and all(distance_km(best.lon, best.lat, lon, lat) > km for lat, lon in others)
    )


def _capital(index, name: str, governorate_pk: int):
    """The city a governorate is named after ("Aleppo" in Aleppo governorate)."""
    variants = phrase_variants(name)
    name = variants[1] if len(variants) > 1 else name  # without "governorate"
    found = [index.places[index.name_place[c.name_idx]] for c in _lookup(index, name)]
    cities = [e for e in found if e.kind == PlaceKind.CITY and governorate_pk in e.ancestors]
    return max(cities, key=lambda e: e.prominence, default=None)


def _outside_cities(best, cities: list) -> bool:
    return (
        bool(cities)
        and best.lat is not None
        and all(distance_km(best.lon, best.lat, lon, lat) > URBAN_KM for lat, lon, _ in cities)
    )


def _city_for(index, mention: PlaceMention, places: dict, cities: list):
    """The city an unknown part of a city belongs to: one named in the same
    sentence, else the first one the text names, else the city its governorate is
    named after; None when there is none."""
    named = sorted(
        (p for p in places.values() if p.kind == PlaceKind.CITY),
        key=lambda p: (
            all(m.sentence != mention.sentence for m in p.mentions),
            p.mentions[0].start,
        ),
    )
    if named:
        return named[0]
    for _lat, _lon, pk in cities:
        entry = index.places[pk]
        found = [r for r in _geocoded(index, entry.name, None) if r.entry.pk == pk]
        if found:
            best = found[0]
            return places.setdefault(pk, FoundPlace.of(entry, best))
    return None


def _named_governorate(index, place: FoundPlace) -> int | None:
    """The governorate of a city when it bears the city's name (Idlib, Daraa)."""
    gov = _governorate(index, index.places[place.place_id])
    if gov is None:
        return None
    own = {normalize_name(m.text) for m in place.mentions if not m.implied}
    for i in index.place_names.get(gov.pk, ()):
        variants = phrase_variants(index.name_text[i])
        if len(variants) > 1 and normalize_name(variants[1]) in own:
            return gov.pk
    return None


def _governorate(index, entry):
    return next(
        (
            index.places[pk]
            for pk in entry.ancestors
            if index.places[pk].kind == PlaceKind.GOVERNORATE
        ),
        None,
    )


# Between a place and the place it lies in: "X in Y", "X, the main town in Y", "X of Y".
SAID_INSIDE = re.compile(
    rf"^(?:\s+(?:{SETTLEMENT_WORDS}|{URBAN_WORDS}|{OTHER_PLACE_WORDS}))?\s*,?\s*"
    r"(?:(?:the|a)\s+[^,.;()]{0,40}?\s+)?(?:in|of)\s+(?:the\s+)?"
    r"(?:[\w-]+-(?:held|controlled|run)\s+)?(?:(?:north|south|east|west|central)\w*\s+)?$",
    re.I,
)


def _said_inside(sentences, places: dict, outer: FoundPlace) -> FoundPlace | None:
    """A place the text says lies in ``outer`` ("X, the main town in <outer>")."""
    by_sentence = {sent.index: sent for sent in sentences}
    for place in places.values():
        if place is outer:
            continue
        for m in place.mentions:
            for o in outer.mentions:
                if o.sentence != m.sentence or o.start <= m.end:
                    continue
                sent = by_sentence[m.sentence]
                gap = sent.text[m.end - sent.start : o.start - sent.start]
                if SAID_INSIDE.match(gap) and not OUTER_OF.match(gap):
                    return place
            for o in outer.mentions:
                # "the Eastern Ghouta town of Kafr Batna", "the Damascus suburb of Douma"
                sent = by_sentence[m.sentence]
                if (
                    o.sentence == m.sentence
                    and o.end <= m.start
                    and OUTER_OF.match(sent.text[o.end - sent.start : m.start - sent.start])
                ):
                    return place
    return None


OUTER_OF = re.compile(
    rf"^(?:['’]s)?\s+(?:province\s+|governorate\s+|countryside\s+)?"
    rf"(?:{SETTLEMENT_WORDS}|{URBAN_WORDS}|{OTHER_PLACE_WORDS})\s+of\s+(?:the\s+)?$",
    re.I,
)


def find_places(
    sentences,
    *,
    event_sentences: set[int],
    toll_sentences: frozenset[int] = frozenset(),
    side_sentences: frozenset[int] = frozenset(),
    names_taken: tuple[tuple[int, int], ...] = (),
) -> list[FoundPlace]:
    """Places of the report, the event's own place first (the most specific place
    named where the text gives a toll, else in an event sentence; earliest on ties),
    then the places containing it that the text also names, then the others."""
    index = get_index()
    mentions: list[tuple[PlaceMention, list]] = []
    people = {
        bare_name(m.group("last")) for sent in sentences for m in PERSON_NAME.finditer(sent.text)
    }
    for sent in sentences:
        people |= people_named(sent.text)
    for sent in sentences:
        # Words of a voice's own name ("the Russian Center for Reconciliation") are no
        # places: "Center" is also a village.
        taken: list[tuple[int, int]] = [
            (a - sent.start, b - sent.start) for a, b in names_taken if sent.start <= a < sent.end
        ]
        after_earlier = EARLIER_INCIDENT.search(sent.text)
        after_earlier = after_earlier.end() if after_earlier else len(sent.text) + 1
        for s, e, name in sorted(
            _candidates(sent.text, sent.start, sent.index), key=lambda c: (c[0], -(c[1] - c[0]))
        ):
            while " " in name and name.split(" ", 1)[0].lower().rstrip("’'s") in STOP | {"syria"}:
                head = name.split(" ", 1)[0]
                name, s = name[len(head) + 1 :], s + len(head) + 1  # "Syria's Sweida" -> "Sweida"
            if any(a < e and s < b for a, b in taken) or (
                len(name) < 3 and not CODE_NAMED.match(name)
            ):
                continue
            if name.lower() in STOP or all(w.lower() in STOP for w in name.split()):
                continue
            before = sent.text[max(0, s - 40) : s]
            why = not_a_place(sent.text, s, e)
            if why in ("person", "group"):
                # "President Bashar al-Assad", "Jabhat al-Shamiya": the whole name is a
                # person's or a group's, and so is any part of it ("al-Assad").
                taken.append((s, e))
                continue
            if (
                why
                # "Shervan Derwish, the official spokesperson ...": a person, here and
                # wherever the surname comes back ("according to Derwish", PERSON_NAME).
                or (
                    PERSON_AFTER.match(sent.text[e : e + 60])
                    # "air strikes on Saraqeb, a member of the health directorate said"
                    and not (PLACE_CUE_BEFORE.search(before) or STRUCK_BEFORE.search(before))
                )
                # "said Abu Omar, a rescuer from the nearby city of Idlib"
                or (
                    QUOTED_PERSON_AFTER.match(sent.text[e : e + 60])
                    and QUOTED_PERSON.search(before)
                )
                or (bare_name(name.split()[-1]) in people and not PLACE_CUE_BEFORE.search(before))
                or runs_on(sent.text, s, e)
                or head_of_unknown_name(sent.text, s, e)
            ):
                continue
            if sent.text.count("[", 0, s) > sent.text.count("]", 0, s) or sent.text.count(
                "(", 0, s
            ) > sent.text.count(")", 0, s):
                continue  # a gloss in brackets ("[also known as ...]") is not the place
            framed = bool(
                PLACE_WORD_BEFORE.search(before) or PLACE_WORD_AFTER.match(sent.text[e : e + 20])
            )
            found, query = _lookup(index, name), name
            if not found and sent.text[:s].strip(" \"'‘’“”(-—–"):
                # "Atme" for Atmeh: a final taa marbuta written -e (or -a) is -eh (-ah)
                # on file; the geocoder's own stages decide on the respelled name. Not
                # for a sentence's first word, capitalised by its place alone: "More
                # than 180 people ..." is no "Moreh" (read Mareh, Ma'arrat an-Nu'man).
                variant = _respelled(name)
                found = _lookup(index, variant) if variant else []
                query = variant if found else name
            # one word only: "Damascus Saturday" must leave "Damascus" to be found alone
            locative = " " not in name and bool(LOCATIVE_BEFORE.search(before))
            if not found and not framed and not locative:
                continue
            taken.append((s, e))
            reference = REFERENCE_BEFORE.search(before) or CAME_FROM.search(before)
            # "rockets fired from Idlib", "shelling by militants from Eastern Ghouta"
            origin = "from" in before[-30:] and bool(
                FIRED_FROM.search(sent.text[max(0, s - 100) : s])
            )
            # "ERBIL (Kurdistan 24) –", "BEIRUT, Oct 3 (Reuters) -": where the reporter
            # files from, a place only when the text names no other.
            byline = sent.index == 0 and s < dateline_end(sent.text)
            # "an activist based in the nearby X region": where a voice is, not the event.
            based = bool(BASED_IN.search(before))
            # "..., a day after strikes killed 12 in the town of Ariha": an earlier incident
            earlier = s >= after_earlier
            # "Aleppo's attack", "Homs's governor": the place owns a thing; where the
            # event is only with a place word ("Raqqa's al-Mashlab district",
            # "Hama's northern countryside", "Idlib's second-largest town").
            mark = POSSESSIVE_END.search(sent.text[: e + 2]) or POSSESSIVE_END.search(
                sent.text[: e + 1]
            )
            owner = bool(mark and mark.end() > e) and not POSSESSED_PLACE.match(
                sent.text[mark.end() : mark.end() + 40]
            )
            after = sent.text[e : e + 30]
            lower_before = before.lower()
            rif = bool(COUNTRYSIDE_NAME.match(name))
            countryside = bool(
                rif
                or COUNTRYSIDE_AFTER.match(after)
                or (
                    COMPASS_BEFORE.search(before)
                    and not CITY_AFTER.match(after)
                    and bare_name(name.split()[0]) not in CITY_HALVES
                )
                or (
                    (HOLDS_AFTER.match(after) or HOLDS_BEFORE.search(before))
                    and not CITY_AFTER.match(after)
                )
                or (
                    ("rural" in lower_before or "countryside" in lower_before)
                    and COUNTRYSIDE_BEFORE.search(before)
                )
            )
            if rif and not found:
                # "Rif Dimashq", "Reef Damascus": the countryside of the city named last
                query = name.split()[-1]
                found = _lookup(index, query)
                if not found:
                    continue
            province_word = bool(
                PROVINCE_AFTER.match(sent.text[e : e + 20])
                or PROVINCE_BEFORE.search(sent.text[max(0, s - 20) : s])
            )
            mention = PlaceMention(
                name,
                sent.start + s,
                sent.start + e,
                sent.index,
                bool(reference) or byline or based or owner or origin,
                framed,
                bool(reference and _far_measure(reference.group(0))) or origin,
                province_word or countryside,
                bool(URBAN_AFTER.match(sent.text[e : e + 20]) or URBAN_BEFORE.search(before))
                and not DISTRICT_OF_PROVINCE.match(sent.text[e : e + 60]),
                frozenset(landmark_kind_named(sent.text, s, e)),
                city=bool(CITY_BEFORE.search(before) or CITY_AFTER.match(sent.text[e : e + 20])),
                query=query,
                near_miss=locative and not found,
                countryside=countryside,
                earlier=earlier,
                district=bool(DISTRICT_AFTER.match(sent.text[e : e + 20])),
                province_word=province_word,
                around=any(w in lower_before for w in AROUND_WORDS)
                and bool(AROUND_BEFORE.search(sent.text[max(0, s - 60) : s])),
            )
            mentions.append((mention, found))
    if not mentions:
        return []
    # Context for the geocoder: a city, town, district or governorate the text names
    # unambiguously (one place by that name), other than the name being placed.
    containers = []
    for mention, found in mentions:
        pks = {index.name_place[c.name_idx] for c in found}
        if len(pks) == 1:
            entry = index.places[next(iter(pks))]
            if entry.kind in CONTAINER_KINDS:
                containers.append((normalize_name(mention.query), entry, mention.sentence))
    text_of = " ".join(sent.text for sent in sentences)
    hints = [test for pattern, test in REGION_HINTS if pattern.search(text_of)]
    resolved = []
    for mention, _found in mentions:
        key = normalize_name(mention.query)
        near = _near(containers, key, mention)
        # (a site of another kind than the text calls the name is left out before the
        # best match is taken: "al-Kibr village" is the village Kubar, not the "Qibar"
        # army base that matches it a little closer)
        alternatives = _same_named(
            [
                r
                for r in _geocoded(index, mention.query, near)
                if r.entry.kind != PlaceKind.LANDMARK
                or not (kinds := landmark_kinds(r.entry.name))
                or kinds & mention.kinds
            ]
        )
        resolved.append((mention, alternatives))
    # Places the text names without ambiguity anchor the others; so do the
    # governorates it names ("... in Hassakeh province").
    anchors = [
        (alts[0].lat, alts[0].lon, alts[0].entry.pk)
        for _, alts in resolved
        if len(alts) == 1 and alts[0].lat is not None
    ]
    # (not those of an earlier incident: "a day after air strikes on a village in Idlib")
    governorates = {
        alts[0].entry.pk
        for mention, alts in resolved
        if len(alts) == 1 and alts[0].entry.kind == PlaceKind.GOVERNORATE and not mention.earlier
    }
    for mention, alts in resolved:
        if mention.province and alts and len(alts) == 1 and not mention.earlier:
            gov = _governorate(index, alts[0].entry)
            if gov is not None:
                governorates.add(gov.pk)
    cities = [
        (alts[0].lat, alts[0].lon, alts[0].entry.pk)
        for _, alts in resolved
        if len(alts) == 1 and alts[0].entry.kind == PlaceKind.CITY and alts[0].lat is not None
    ]
    if not cities and any(m.urban for m, _ in resolved):
        # "Aleppo province: ... al-Marja neighbourhood": a neighbourhood is in a city,
        # here the city the governorate is named after.
        cities = [
            (c.lat, c.lon, c.pk)
            for m, alts in resolved
            if alts and alts[0].entry.kind == PlaceKind.GOVERNORATE
            for c in [_capital(index, m.query, alts[0].entry.pk)]
            if c is not None and c.lat is not None
        ]
    local_anchors = [a for a in anchors if index.places[a[2]].kind != PlaceKind.GOVERNORATE]
    places: dict[int, FoundPlace] = {}
    orphans: list[PlaceMention] = []  # parts of a city the gazetteer does not know
    for mention, alternatives in resolved:
        if not alternatives:
            if mention.urban:
                orphans.append(mention)
            continue
        if mention.province and len(alternatives) > 1:
            # "the governorate of al-Suwayda", "al-Suwayda countryside": the seat named
            # like its governorate, not a village of that name elsewhere.
            alternatives = _seats(index, alternatives, mention.query) or alternatives
        best = _choose(alternatives, hints, anchors, governorates)
        if (
            mention.urban
            and best.entry.kind in CITY_PARTS
            and _outside_cities(best, cities)
            and not (
                # "the Khan Shaykhun district of Idlib": a district of the governorate
                # named after its town, which lies in that governorate
                mention.district
                and best.entry.kind in (PlaceKind.TOWN, PlaceKind.CITY)
                and _in_governorate_of(index, best.entry, cities)
            )
        ):
            # "the Salihiah district" or "al-Marja neighbourhood" of a city the text
            # names, resolved to a place of that name in another city or far away: the
            # gazetteer lacks the district; the city stands.
            orphans.append(mention)
            continue
        if mention.province and best.entry.kind != PlaceKind.GOVERNORATE:
            # "Idlib province": the governorate of the place so named, not the city.
            governorate = _governorate(index, best.entry)
            if (
                mention.countryside
                and governorate is not None
                and not mention.province_word
                and not _named_after(index, governorate.pk, mention.query)
            ):
                # "the eastern countryside of Al-Salamiyah": around a town, not a
                # governorate's seat; the town stands.
                governorate = None
            elif mention.countryside and governorate is not None:
                # the countryside of Damascus is a governorate of its own
                governorate = COUNTRYSIDE_OF.get(governorate.name, governorate)
                if isinstance(governorate, str):
                    governorate = _entry_by_name(index, governorate, PlaceKind.GOVERNORATE)
            if governorate is not None:
                found = _geocoded(index, governorate.name, None)
                best = next((r for r in found if r.entry.pk == governorate.pk), best)
        if (
            mention.kinds & BUILDING_KINDS
            and best.entry.kind in (PlaceKind.NEIGHBOURHOOD, PlaceKind.VILLAGE)
            and (_far_from(best, anchors, FAR_KM) or not _own_name(best))
        ):
            # "the al-Zahraa Mosque in the town": a building named after someone, not a
            # same-named quarter of a city far from the text's other places; "the
            # Andalous bakery" in Raqqa is not the farm of Mazraat al-Andalus, found
            # only by a shortened form of its name.
            continue
        if best.matched_by == "fuzzy" and (
            # ("in al-Kibr village": a place word frames it, the looser bound holds)
            best.score
            < (NEAR_MISS_MIN_SCORE if mention.near_miss and not mention.framed else FUZZY_MIN_SCORE)
            or not (mention.framed or mention.near_miss)
            or not same_initial(mention.text, best.matched_name)
            # "the town of Harneh al-Gharbiye in al-Tal area": a loose match far from
            # every other place of the text is another place of a like name.
            or (best.score < NEAR_MISS_MIN_SCORE and _far_from(best, local_anchors, FUZZY_FAR_KM))
        ):
            continue
        entry = best.entry
        if entry.kind == PlaceKind.COUNTRY:
            continue
        place = places.get(entry.pk)
        if place is None:
            place = places[entry.pk] = FoundPlace.of(entry, best)
        place.mentions.append(mention)
    for mention in orphans:
        city = _city_for(index, mention, places, cities)
        if city is not None:
            city.mentions.append(replace(mention, implied=True, city=True))
    _drop_far_namesakes(sentences, places)
    for place in places.values():
        if place.kind == PlaceKind.CITY and not any(m.city for m in place.mentions):
            place.region = _named_governorate(index, place)
    if not places:
        return []

    def in_tolls(p: FoundPlace) -> list[PlaceMention]:
        return [
            m for m in p.mentions if not (m.reference or m.earlier) and m.sentence in toll_sentences
        ]

    def usable(p: FoundPlace) -> list[PlaceMention]:
        return [
            m
            for m in p.mentions
            if not (m.reference or m.earlier) and m.sentence in event_sentences
        ]

    first_toll = min((m.sentence for p in places.values() for m in in_tolls(p)), default=None)
    candidates = (
        # The first toll names the incident; a toll elsewhere may be another's.
        [p for p in places.values() if any(m.sentence == first_toll for m in in_tolls(p))]
        or _told_first([p for p in places.values() if usable(p)], usable)
        # A place named only in a side story ("Elsewhere, ... in Y") is not the event's.
        or [
            p
            for p in places.values()
            if any(
                not (m.reference or m.earlier) and m.sentence not in side_sentences
                for m in p.mentions
            )
        ]
        # "the village of X west of Y", X unknown: near Y is what the text gives.
        or [
            p
            for p in places.values()
            if any(not m.measured and m.sentence not in side_sentences for m in p.mentions)
        ]
    )
    if not candidates:
        return []
    main = min(candidates, key=lambda p: (p.rank, min(m.start for m in (usable(p) or p.mentions))))
    if main.kind in (PlaceKind.CITY, PlaceKind.TOWN) and all(
        m.around for m in (in_tolls(main) or usable(main) or main.mentions)
    ):
        # "killed 19 civilians outside the city of Deir Ezzor ... the strikes targeted the
        # village of Al-Khrayta": around the city, in the village the story names.
        nearby = [
            p
            for p in places.values()
            if p is not main
            and (
                # (a town or city too: "in Eastern Ghouta near Damascus ... killed in
                # Douma, the main town")
                p.rank <= main.rank or (main.kind == PlaceKind.TOWN and p.kind == PlaceKind.VILLAGE)
            )
            and any(not m.around for m in usable(p))
            and related(main, p, km=AROUND_KM)
        ]
        if nearby:
            main = min(nearby, key=lambda p: min(m.start for m in usable(p)))
    # "Douma, the main town in Eastern Ghouta": the text puts the first inside the second,
    # whatever the gazetteer's kinds say.
    inner = _said_inside(sentences, places, main)
    if inner is not None and inner in candidates:
        main = inner
    # "Sweida province" in the toll, "Sweida city" later: the more specific place inside it.
    region = (
        main.place_id if main.kind in (PlaceKind.GOVERNORATE, PlaceKind.DISTRICT) else main.region
    )

    def named(p: FoundPlace) -> list[PlaceMention]:
        """Mentions outside side stories: where a governorate-wide place is narrowed
        down ("in Hasakah province ... The TV said it went off in the city of
        Shaddadi")."""
        return [
            m
            for m in p.mentions
            if not (m.reference or m.earlier) and m.sentence not in side_sentences
        ]

    inside = [
        p
        for p in places.values()
        if (usable(p) and main.place_id in p.ancestors)
        # "strikes on Daraa ... towns including Al-Hirak": Daraa the governorate.
        or (region in p.ancestors and p.rank < main.rank and named(p))
    ]
    if inside:
        main = min(inside, key=lambda p: (p.rank, min(m.start for m in usable(p) or named(p))))
    containing = sorted(
        (p for p in places.values() if p.place_id in main.ancestors),
        key=lambda p: main.ancestors.index(p.place_id),
    )
    others = sorted(
        (p for p in places.values() if p is not main and p not in containing),
        key=lambda p: min(m.start for m in p.mentions),
    )
    return [main, *containing, *others]
