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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from events.geocoding.context import distance_km
from events.geocoding.index import get_index
from events.geocoding.matcher import geocode
from events.geocoding.query import QueryError
from events.geocoding.stages import exact_and_normalised
from events.models import PlaceKind

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
    french germany german china chinese moscow ankara damascus's international""".split()
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
PLACE_WORD_BEFORE = re.compile(
    r"\b(?:town|village|city|neighbou?rhood|district|suburb|area|camp|"
    r"province|countryside)\s+of\s+$",
    re.I,
)
PROVINCE_AFTER = re.compile(r"^\s+(?:province|governorate)\b", re.I)
PLACE_WORD_AFTER = re.compile(
    r"^\s+(?:town|village|city|neighbou?rhood|district|suburb|province|governorate|countryside)\b",
    re.I,
)
REFERENCE_BEFORE = re.compile(
    r"(?:\b\d+\s*(?:km|kilomet\w+|miles)\s+|\b)(?:north|south|east|west|"
    r"northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)(?:ern)?\s+of\s+(?:the\s+)?(?:\w+\s+)?$",
    re.I,
)
FUZZY_MIN_SCORE = 0.72


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

    @property
    def rank(self) -> int:
        return KIND_RANK.get(self.kind, 8)

    def as_dict(self) -> dict:
        names = list(dict.fromkeys(m.text for m in self.mentions))
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


def _candidates(text: str, start: int, sentence: int) -> list[tuple[int, int, str]]:
    words = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text)]
    out = []
    for i, (s, _, w) in enumerate(words):
        if not _capitalised(w):
            continue
        for n in (4, 3, 2, 1):
            chunk = words[i : i + n]
            if len(chunk) < n:
                continue
            gap_ok = all(text[a[1] : b[0]] in (" ", "-") for a, b in pairwise(chunk))
            caps_ok = all(_capitalised(c[2]) or ARTICLE.match(c[2]) for c in chunk)
            if gap_ok and caps_ok:
                out.append((s, chunk[-1][1], text[s : chunk[-1][1]].strip("’'")))
    return out


def find_places(
    sentences, *, event_sentences: set[int], toll_sentences: frozenset[int] = frozenset()
) -> list[FoundPlace]:
    """Places of the report, the event's own place first (the most specific place
    named where the text gives a toll, else in an event sentence; earliest on ties),
    then the places containing it that the text also names, then the others."""
    index = get_index()
    mentions: list[tuple[PlaceMention, list]] = []
    for sent in sentences:
        taken: list[tuple[int, int]] = []
        for s, e, name in sorted(
            _candidates(sent.text, sent.start, sent.index), key=lambda c: (c[0], -(c[1] - c[0]))
        ):
            while " " in name and name.split(" ", 1)[0].lower().rstrip("’'s") in STOP | {"syria"}:
                head = name.split(" ", 1)[0]
                name, s = name[len(head) + 1 :], s + len(head) + 1  # "Syria's Sweida" -> "Sweida"
            if any(a < e and s < b for a, b in taken) or len(name) < 3:
                continue
            if name.lower() in STOP or all(w.lower() in STOP for w in name.split()):
                continue
            before = sent.text[max(0, s - 40) : s]
            if sent.text.count("[", 0, s) > sent.text.count("]", 0, s) or sent.text.count(
                "(", 0, s
            ) > sent.text.count(")", 0, s):
                continue  # a gloss in brackets ("[also known as ...]") is not the place
            framed = bool(
                PLACE_WORD_BEFORE.search(before) or PLACE_WORD_AFTER.match(sent.text[e : e + 20])
            )
            found = exact_and_normalised(index, name)
            found = [
                c
                for c in found
                if index.places[index.name_place[c.name_idx]].kind != PlaceKind.COUNTRY
            ]
            if not found and not framed:
                continue
            taken.append((s, e))
            reference = REFERENCE_BEFORE.search(before)
            mention = PlaceMention(
                name,
                sent.start + s,
                sent.start + e,
                sent.index,
                bool(reference),
                framed,
                bool(reference and re.search(r"\d", reference.group(0))),
                bool(PROVINCE_AFTER.match(sent.text[e : e + 20])),
            )
            mentions.append((mention, found))
    if not mentions:
        return []
    containers = [
        index.places[index.name_place[found[0].name_idx]].slug
        for _, found in mentions
        if found
        and index.places[index.name_place[found[0].name_idx]].kind
        in (PlaceKind.CITY, PlaceKind.GOVERNORATE, PlaceKind.DISTRICT, PlaceKind.TOWN)
    ]
    places: dict[int, FoundPlace] = {}
    for mention, _found in mentions:
        near = next((c for c in containers if c != mention.text), None)
        try:
            results = geocode(mention.text, near=near, limit=1)
            if mention.province and results and results[0].entry.kind != PlaceKind.GOVERNORATE:
                # "Idlib province": the governorate of the place so named, not the city.
                governorate = next(
                    (
                        index.places[pk]
                        for pk in results[0].entry.ancestors
                        if index.places[pk].kind == PlaceKind.GOVERNORATE
                    ),
                    None,
                )
                found = geocode(governorate.name, limit=3) if governorate is not None else []
                results = [r for r in found if r.entry.pk == governorate.pk] or results
        except QueryError:
            results = []
        if not results:
            continue
        best = results[0]
        if best.matched_by == "fuzzy" and (not mention.framed or best.score < FUZZY_MIN_SCORE):
            continue
        entry = best.entry
        if entry.kind == PlaceKind.COUNTRY:
            continue
        place = places.get(entry.pk)
        if place is None:
            place = places[entry.pk] = FoundPlace(
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
        place.mentions.append(mention)
    if not places:
        return []

    def in_tolls(p: FoundPlace) -> list[PlaceMention]:
        return [m for m in p.mentions if not m.reference and m.sentence in toll_sentences]

    def usable(p: FoundPlace) -> list[PlaceMention]:
        return [m for m in p.mentions if not m.reference and m.sentence in event_sentences]

    candidates = (
        [p for p in places.values() if in_tolls(p)]
        or [p for p in places.values() if usable(p)]
        or [p for p in places.values() if any(not m.reference for m in p.mentions)]
        # "the village of X west of Y", X unknown: near Y is what the text gives.
        or [p for p in places.values() if any(not m.measured for m in p.mentions)]
    )
    if not candidates:
        return []
    main = min(candidates, key=lambda p: (p.rank, min(m.start for m in (usable(p) or p.mentions))))
    # "Sweida province" in the toll, "Sweida city" later: the more specific place inside it.
    inside = [p for p in places.values() if usable(p) and main.place_id in p.ancestors]
    if inside:
        main = min(inside, key=lambda p: (p.rank, min(m.start for m in usable(p))))
    containing = sorted(
        (p for p in places.values() if p.place_id in main.ancestors),
        key=lambda p: main.ancestors.index(p.place_id),
    )
    others = sorted(
        (p for p in places.values() if p is not main and p not in containing),
        key=lambda p: min(m.start for m in p.mentions),
    )
    return [main, *containing, *others]
