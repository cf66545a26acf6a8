"""The matching stages, each saying which one matched:

``exact``       the spelling is on file (case, spacing and invisible marks aside);
``normalised``  it has the same key as a spelling on file (events.geocoding.normalize),
                or as one without its qualifier (Sharqi, Fawqani: index.without_qualifier)
                or its generic word (Tall, Khirbat, Jabal, mountain: index.without_generic);
``fuzzy``       its key is close to a key on file: rapidfuzz ratio >= 80 over the
                candidate keys that share trigrams with it (events.geocoding.index);
``transliterated``  an Arabic-script query with no match in Arabic script is read
                in Latin letters (events.geocoding.romanize) and compared with the
                Latin keys on file; one with the same consonant skeleton
                (normalize.arabic_skeleton: هتاش and Hattash are both h-t-sh) is
                accepted at a lower ratio and ranks higher.

Scores: exact 1.0; normalised 0.94-0.99, higher the closer the spelling as written
is to the one on file (so "El Qusur" prefers "Al-Qusur" to "Al-Qusour"; a filed
article the query lacks is not counted, as reporters leave it out), close
enough to an exact match that the matcher's place prior (events placed there,
population) can decide between same-key places; a derived spelling (without
qualifier or generic word) 0.03 less, at every stage, and a village's first name
alone (Rakaya for Rakaya Sijneh) or without the head of its construct (Naytal
for Abu Naytal: index.partial_names) 0.10 less again, so any name on
file or close fuzzy reading outranks it; 0.05 less when the query
starts with an article and the spelling on file does not (Al-Hama is Al Hamah, not
Hama: reporters drop articles, seldom add one). A Latin e between consonants is also
read as i (Levantine e stands for a kasra as often as a fatha: Abo Rasen, Abu
Rasin), 0.01 less, so the place prior can decide between the two readings.

Fuzzy: 0.9 x ratio/100, or, when the consonant skeleton is the same (accepted from
a ratio of 60), 0.9 x the better of the ratio and a vowel-tolerant similarity
(romanize.similarity: a vowel for a vowel or a vowel left out costs less; ay read
as i at a cost of 0.03) plus 0.04; 0.03 less when one key ends in a vowel and the
other does not (a final taa marbuta or alef is written in Arabic; an h after a
consonant, as in Anjarh, counts as such a vowel); so below any
normalised match. The stage also tries the query with one letter written as
another that stands for the same Arabic letter (letter_alternates: th/d/z/t/s for
ذ ث ظ, g/k for ق, g/j for ج, kh/h for خ ح) at 0.03 less closeness: Thiban finds
Dhiban, Zikir Dakar.

Transliterated: 0.85 x similarity, plus 0.04 for the same skeleton (so still below
a normalised match). Readings with English words where the Latin names have them
(romanize.glossed_readings: مزرعة تشرين, Tishreen Farm; الغرية الشرقية, Eastern
Ghariyah) are compared too. A place whose own Arabic names on file are unlike the
query scores 0.05 less: its Latin spelling that reads alike is more likely another
place's (البارة is al-Bara, not Aleppo by its ancient name Berea).

In Arabic script, a fuzzy key that holds the other whole with two letters more is
another name (ام الميادين is not الميادين): 0.06 less.

A place found only once a direction word of the query was left out (الغارية for
"الغارية الغربية", Homs for "eastern Homs countryside") scores 0.15 less, at every
stage, and settles nothing: the place that has the direction in its name (Western
Ghariyah, known in Latin letters only) is looked for too.

A stray alternate name (stray_arabic_names: one GeoNames files under a place but
that reads as another place's Latin name, عجمي under al-Arimah for al-Ajami;
stray_latin_names: a Latin one that is another, distant place's own name, `Ayn at
Tinah under Sabbah) scores 0.30 less at every stage and does not settle the query,
so the later stages can find the place it names.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .index import SHORT_SKELETON, SKELETON_MIN, GazetteerIndex, fold
from .normalize import (
    ARTICLE_SET,
    arabic_skeleton,
    is_arabic,
    latin_skeleton,
    merged_skeleton,
    normalize_name,
)
from .query import iter_variants, phrase_variants, qualifiers, without_settlement_word
from .romanize import AYN, gloss_keys, glossed_readings, romanizations, similarity
from .units import unit_matches

EXACT_SCORE = 1.0
NORMALISED_FLOOR, NORMALISED_SPAN = 0.94, 0.05
DERIVED_PENALTY = 0.03  # a spelling on file without its qualifier (index.without_qualifier)
PARTIAL_PENALTY = 0.10  # more for a name's first word alone (index.leading_name)
FUZZY_WEIGHT = 0.9
FUZZY_CUTOFF = 80
SKELETON_FUZZY_CUTOFF = 60  # ratio at which a key with the query's consonant skeleton counts
FUZZY_MIN_KEY = {"latin": 4, "arabic": 3}
TRANSLITERATED_WEIGHT, SAME_SKELETON_BONUS = 0.85, 0.04
UNIT_SCORE = 0.9  # an army base named by its unit and number (اللواء 93, 93rd Brigade)
TRANSLITERATED_CUTOFF = 0.8  # similarity to a reading; 0.7 with the same consonant skeleton
SAME_SKELETON_CUTOFF = 0.7
FINAL_VOWEL_PENALTY = 0.03  # a fuzzy key ending in a vowel where the query's does not
FINAL_VOWELS = frozenset("aiu")
WIDER_PENALTY = (
    0.08  # a place found only once generic words are left out, beside one found as written
)
STRIPPED_PENALTY = 0.01  # a match found only once generic words are left out
SETTLEMENT_WORD_PENALTY = 0.01  # ... only once a word village, town, city is left out
DIRECTION_DROPPED_PENALTY = 0.15  # ... only once a direction word (الغربية) is left out
OTHER_ARABIC_PENALTY = 0.05  # a cross-script match to a place whose Arabic names differ
STRAY_PENALTY = 0.30  # an Arabic alternate name more likely another place's
STRAY_READS_AS = 0.85  # similarity of its reading to the other place's main Latin name
OWN_NAME_READS_AS = 0.70  # ... and below this to every main Latin name of its own
CONTAINED_PENALTY = 0.06  # an Arabic key close only by holding the other whole (ام الميادين)


# Latin letters reporters write for one Arabic letter, as the key leaves them (after
# normalize: q is k, gh is g, dh is d): ذ is th, dh, d or z; ث th, t or s; ظ z or d;
# ق k or g (Bedouin and Levantine speech); ج j or g (Egyptian); ض d or z; خ and ح
# are kh and h, one often written for the other.
LETTER_ALTERNATES = {
    "th": ("d", "t", "s", "z"),
    "z": ("d", "th"),
    "d": ("z", "th"),
    "g": ("k", "j"),
    "k": ("g",),
    "j": ("g",),
    "s": ("th",),
    "t": ("th",),
    "kh": ("h",),
    "h": ("kh",),
}
ARTICLE_PENALTY = 0.05  # a query with an article, a spelling on file without one
E_AS_I = re.compile(r"(?<=[b-df-hj-np-tv-xz])e(?=[b-df-gj-np-tv-xz])", re.IGNORECASE)
E_AS_I_PENALTY = 0.01  # an e between consonants read as i, not a (Rasen, Rasin)
# An o between consonants is as often a fatha as a damma in reporters' Levantine
# spellings: Nowa is Nawa (نوى), Lojat al-Lajat; the key reads it as u, and the a
# reading is tried when no spelling on file reads as written.
O_AS_A = re.compile(r"(?<=[b-df-hj-np-tv-xz])o(?=[b-df-hj-np-tv-xz])", re.IGNORECASE)
O_AS_A_PENALTY = 0.02
O_AS_A_MIN_KEY = 4  # shorter keys read so name too many other places (Ezzor, Zar)
# (pattern, the letter it reads, as what, penalty, least key length) for the readings
# above; a reading is tried only when the query has that letter (folded: lower case).
_VOWEL_READINGS = (
    (E_AS_I, "e", "i", E_AS_I_PENALTY, 1),
    (O_AS_A, "o", "a", O_AS_A_PENALTY, O_AS_A_MIN_KEY),
)
DIPHTHONG_COST = 0.03  # closeness lost when ay and i are taken for one sound
LETTER_ALTERNATE_COST = 0.03  # closeness lost for one letter read as another
MAX_ALTERNATES = 40
ALTERNATES_MIN_KEY = 5  # shorter keys with a letter changed name too many other places


def ends_in_vowel(key: str) -> bool:
    """Whether a Latin key ends in a vowel, counting an h after a consonant (not of
    sh, kh, th, dh, gh, ch) as a taa marbuta written h: Anjarh is Anjarah."""
    if key[-1] in FINAL_VOWELS:
        return True
    return key[-1] == "h" and len(key) > 2 and key[-2] not in "aiuysktdgc"


def letter_alternates(key: str) -> list[str]:
    """Keys with one letter (or th, kh) written as another that reporters use for the
    same Arabic letter; the s, k, t and h of sh, kh and th are not changed one by one."""
    out = []
    i = 0
    while i < len(key) and len(out) < MAX_ALTERNATES:
        two = key[i : i + 2]
        if two in ("th", "kh"):
            out += [key[:i] + alt + key[i + 2 :] for alt in LETTER_ALTERNATES[two]]
            i += 2
            continue
        ch = key[i]
        if (
            ch in LETTER_ALTERNATES
            and not (ch in "skt" and key[i + 1 : i + 2] == "h")
            and not (ch == "h" and i > 0 and key[i - 1] in "skt")
        ):
            out += [key[:i] + alt + key[i + 1 :] for alt in LETTER_ALTERNATES[ch]]
        i += 1
    return list(dict.fromkeys(out))[:MAX_ALTERNATES]


def derived_penalty(index: GazetteerIndex, i: int) -> float:
    """What a spelling derived from one on file costs (none for one on file), or a
    stray Arabic alternate name (stray_arabic_names)."""
    if i not in index.derived:
        return STRAY_PENALTY if i in index.stray else 0.0
    return DERIVED_PENALTY + (PARTIAL_PENALTY if i in index.partial else 0.0)


@dataclass
class Candidate:
    name_idx: int
    stage: str
    base: float
    weak: bool = False  # found only once a direction word was left out


@functools.lru_cache(maxsize=32768)
def has_article(folded: str) -> bool:
    """Whether a Latin spelling (folded) starts with the article: "al-hama", "ar
    raqqah", "el bab"."""
    first = LEADING_WORD.match(folded)
    return bool(first) and first.group(1) in ARTICLE_SET


LEADING_WORD = re.compile(r"([a-z]+)[\s\-‐]+\w")
LEADING_WORD_AND_BREAK = re.compile(r"^[a-z]+[\s\-‐]+")


def exact_and_normalised(index: GazetteerIndex, text: str) -> list[Candidate]:
    folded = fold(text)
    found = [Candidate(i, "exact", EXACT_SCORE) for i in index.exact.get(folded, ())]
    key = normalize_name(text)
    article = has_article(folded)
    stray = index.stray if key else ()
    keys = [(key, 0.0)] if key else []
    if key and not is_arabic(key):
        # Levantine e is a kasra as often as a fatha (Abo Rasen is Abu Rasin), and o a
        # fatha as often as a damma (Nowa is Nawa: read so only when nothing else is).
        for pattern, letter, reading, penalty, least in _VOWEL_READINGS:
            if pattern is O_AS_A and (found or any(k in index.by_key for k, _ in keys)):
                continue
            if letter in folded and (written := pattern.sub(reading, text)) != text:
                alt = normalize_name(written)
                if alt != key and len(alt) >= least:
                    keys.append((alt, penalty))
    seen: set[int] = set()
    for i, extra in ((i, extra) for k, extra in keys for i in index.by_key.get(k, ())):
        if i in seen:
            continue
        seen.add(i)
        # Same key; the closer the spelling as written, the higher (0.90-0.95).
        filed = index.name_folded[i]
        if not article and has_article(filed):
            # Reporters leave the article out: Hasrat is Al Hasrat as written.
            filed = LEADING_WORD_AND_BREAK.sub("", filed, count=1)
        closeness = fuzz.ratio(folded, filed) / 100
        base = NORMALISED_FLOOR + NORMALISED_SPAN * closeness - extra
        if i in index.derived:
            base -= DERIVED_PENALTY + (PARTIAL_PENALTY if i in index.partial else 0.0)
        if article and not has_article(index.name_folded[i]):
            # Reporters leave an article out (Raqqa for Ar Raqqah), seldom add one
            # where the name has none: Al-Hama is Al Hamah, not Hama.
            base -= ARTICLE_PENALTY
        if i in stray:
            base -= STRAY_PENALTY
        found.append(Candidate(i, "normalised", base))
    if stray:
        found = [
            Candidate(c.name_idx, c.stage, c.base - STRAY_PENALTY)
            if c.stage == "exact" and c.name_idx in stray
            else c
            for c in found
        ]
    return found


def stray_arabic_names(index: GazetteerIndex) -> set[int]:
    """Arabic alternate names (not preferred, on file) of home-country places that are
    more likely another place's: GeoNames sometimes files a neighbour's name under a
    place (عجمي under al-Arimah, for al-Ajami; ميسلون under Al-Ommal, for Maisalun).
    Such a name differs from the place's preferred Arabic name, reads unlike every
    preferred Latin name of the place, and reads as (same consonant skeleton,
    similarity >= STRAY_READS_AS) the preferred Latin name of another home place."""
    from django.conf import settings

    home = getattr(settings, "GEOCODE_HOME_COUNTRY", "SY") or ""
    stray = set()
    for pk, idxs in index.place_names.items():
        if home and index.places[pk].country_code != home:
            continue
        own = [i for i in idxs if i not in index.derived]
        arabic_preferred = [
            index.name_key[i]
            for i in own
            if index.name_preferred[i] and is_arabic(index.name_key[i])
        ]
        latin_preferred = [
            index.name_key[i]
            for i in own
            if index.name_preferred[i] and index.name_key[i] and not is_arabic(index.name_key[i])
        ]
        for i in own:
            key = index.name_key[i]
            if index.name_preferred[i] or not arabic_preferred or not is_arabic(key):
                continue
            if any(key in a or a in key or fuzz.ratio(key, a) >= 75 for a in arabic_preferred):
                continue
            readings = romanizations(index.name_text[i])
            if any(
                similarity(r, k) >= OWN_NAME_READS_AS for r in readings for k in latin_preferred
            ):
                continue
            skeleton = arabic_skeleton(index.name_text[i])
            for c in _transliterated(index, index.name_text[i], penalty=0.0):
                other, other_key = index.name_place[c.name_idx], index.name_key[c.name_idx]
                if (
                    other != pk
                    and index.name_preferred[c.name_idx]
                    and (not home or index.places[other].country_code == home)
                    and latin_skeleton(other_key) == skeleton
                    and max(similarity(r, other_key) for r in readings) >= STRAY_READS_AS
                ):
                    stray.add(i)
                    break
    return stray


STRAY_LATIN_KM = 5.0  # another place this far off that has the name as its own


def stray_latin_names(index: GazetteerIndex) -> set[int]:
    """Latin alternate names (not preferred, on file) of home-country places that are
    another place's own name: GeoNames files a neighbour's names under a place too
    ("`Ayn at Tinah" under Sabbah, "Khirbat as Sawda'" under Qabbasin). Such a name
    is unlike every preferred Latin name of the place (rapidfuzz ratio below 75,
    neither holds the other, another consonant skeleton), and is, key for key, a
    preferred name of another home place more than STRAY_LATIN_KM away (nearer, the
    two are likely one place filed twice). A part of a name filed as two ("As Suwar
    town/Sur town") is left to the ranking (matcher.SHARED_NAME_PENALTY)."""
    from django.conf import settings

    from .context import distance_km

    home = getattr(settings, "GEOCODE_HOME_COUNTRY", "SY") or ""
    owners: dict[str, set[int]] = {}
    for i, key in enumerate(index.name_key):
        if key and index.name_preferred[i] and i not in index.derived and not is_arabic(key):
            owners.setdefault(key, set()).add(index.name_place[i])
    stray = set()
    for pk, idxs in index.place_names.items():
        entry = index.places[pk]
        if (home and entry.country_code != home) or entry.lon is None:
            continue
        own = [i for i in idxs if i not in index.derived and not is_arabic(index.name_key[i])]
        preferred = [index.name_key[i] for i in own if index.name_preferred[i]]
        if not preferred:
            continue
        for i in own:
            key = index.name_key[i]
            if index.name_preferred[i] or not key or key not in owners or i in index.split_part:
                continue  # a part of a name filed as two is weighed in the ranking
            if any(
                key in p
                or p in key
                or fuzz.ratio(key, p) >= 75
                or latin_skeleton(key) == latin_skeleton(p)  # Aqrabat, Uqayribat
                for p in preferred
            ):
                continue
            for other in owners[key] - {pk}:
                place = index.places[other]
                if (
                    (not home or place.country_code == home)
                    and place.lon is not None
                    and distance_km(entry.lon, entry.lat, place.lon, place.lat) > STRAY_LATIN_KM
                ):
                    stray.add(i)
                    break
    return stray


def fuzzy(
    index: GazetteerIndex,
    text: str,
    *,
    limit: int,
    cutoff: float,
    skeleton_cutoff: float | None = None,
) -> list[Candidate]:
    """Keys close to the query's (ratio >= ``cutoff``). With ``skeleton_cutoff``, a
    Latin key with the query's consonant skeleton (Jisreen and Jisrein, Kdiaran and
    Kudayran: reporters' vowels vary more than their consonants) is accepted from
    that lower ratio and scores SAME_SKELETON_BONUS more."""
    key = normalize_name(text)
    arabic = is_arabic(key)
    if len(key) < FUZZY_MIN_KEY["arabic" if arabic else "latin"]:
        return []
    skeleton = "" if arabic or skeleton_cutoff is None else latin_skeleton(key)
    if len(skeleton) < SKELETON_MIN:
        skeleton, skeleton_cutoff = "", None
    scored = dict(index.fuzzy_keys(key, cutoff=skeleton_cutoff or cutoff, limit=limit))
    for other in index.skeletons.get(skeleton, ()) if skeleton else ():
        if other not in scored:
            scored[other] = fuzz.ratio(key, other)
    best: dict[str, float] = {}

    def consider(choice: str, ratio: float, probe: str, probe_skeleton: str, cost: float):
        same = bool(probe_skeleton) and latin_skeleton(choice) == probe_skeleton
        if ratio < (skeleton_cutoff if same else cutoff):
            return
        closeness = ratio / 100
        if same:
            # Same consonants: a vowel for a vowel or a vowel left out costs less
            # than another letter (Beqres, Buqrus; Tremla, Tarmala).
            closeness = max(closeness, similarity(probe, choice))
            if "ay" in probe or "ay" in choice:
                # ay for i (ريحان: Rayhan, Rihan; Qutayfah, Qatifeh), at a cost.
                plain = similarity(probe.replace("ay", "i"), choice.replace("ay", "i"))
                closeness = max(closeness, plain - DIPHTHONG_COST)
        value = FUZZY_WEIGHT * (closeness - cost) + (SAME_SKELETON_BONUS if same else 0.0)
        if ends_in_vowel(key) != ends_in_vowel(choice):
            # A final vowel is a letter Arabic writes (taa marbuta, alef): Talafeh is
            # Tlafah rather than Tallaf, Hazima Huzaymah rather than Hazim.
            value -= FINAL_VOWEL_PENALTY
        if arabic and abs(len(choice) - len(key)) >= 2 and (choice in key or key in choice):
            # One Arabic key holds the other whole and a word more: another name
            # (ام الميادين, Umm al-Mayadin, is not الميادين, al-Mayadin).
            value -= CONTAINED_PENALTY
        if value > best.get(choice, -1.0):
            best[choice] = value

    for choice, ratio in scored.items():
        consider(choice, ratio, key, skeleton, 0.0)
        if (
            not arabic
            and key[0] in FINAL_VOWELS
            and choice[:1] in FINAL_VOWELS
            and choice[0] != key[0]
        ):
            # An initial hamza's vowel is a guess (أ إ: Atharia, Ithriya): the rest of
            # the name is compared, at a letter's cost.
            consider(choice, fuzz.ratio(key[1:], choice[1:]), key, "", LETTER_ALTERNATE_COST)
    if not arabic and len(key) >= ALTERNATES_MIN_KEY:
        # One Arabic letter, another Latin letter: th for ذ or ث (Thiban, Dhiban), z
        # for ذ (Zikir, Dhakar), g for ق or ج, ... (letter_alternates).
        for alt in letter_alternates(key):
            if alt in index.by_key:
                consider(alt, 100, alt, "", LETTER_ALTERNATE_COST)
            alt_skeleton = latin_skeleton(alt) if skeleton_cutoff is not None else ""
            if len(alt_skeleton) >= SKELETON_MIN and alt_skeleton != skeleton:
                for other in index.skeletons.get(alt_skeleton, ()):
                    consider(
                        other, fuzz.ratio(alt, other), alt, alt_skeleton, LETTER_ALTERNATE_COST
                    )
    found = []
    for choice, base in best.items():
        found += [
            Candidate(i, "fuzzy", base - derived_penalty(index, i)) for i in index.by_key[choice]
        ]
    return found


def match_phrase(
    index: GazetteerIndex, phrase: str, *, alternatives: bool = False
) -> list[Candidate]:
    """Exact and normalised matches of the first form of ``phrase`` that has any
    (as written, then without generic words, ...). With ``alternatives``, places that
    only a later form finds come too, WIDER_PENALTY lower: "حي القصور" is filed for
    the Homs and Baniyas neighbourhoods, and Deir ez-Zor's القصور is an alternative."""
    tried, found, places = set(), [], set()
    kindless = without_settlement_word(phrase)
    directions = qualifiers(phrase)
    for variant in iter_variants(phrase):
        if not variant or variant in tried:
            continue
        tried.add(variant)
        hits = exact_and_normalised(index, variant)
        if hits and directions and directions - qualifiers(variant):
            # "الغارية الغربية" read as الغارية: the direction said which of two
            # places; a place found without it ranks lower and settles nothing.
            hits = [
                Candidate(c.name_idx, c.stage, c.base - DIRECTION_DROPPED_PENALTY, weak=True)
                for c in hits
            ]
        if hits and not found:
            if not alternatives:
                return hits
            found = hits
            places = {index.name_place[c.name_idx] for c in hits}
        elif hits:
            # A settlement word (village, town, قرية) left out is no evidence either way.
            penalty = SETTLEMENT_WORD_PENALTY if variant == kindless else WIDER_PENALTY
            found += [
                Candidate(c.name_idx, c.stage, c.base - penalty, weak=c.weak)
                for c in hits
                if index.name_place[c.name_idx] not in places
            ]
            places |= {index.name_place[c.name_idx] for c in hits}
    return found


def transliterated(index: GazetteerIndex, text: str) -> list[Candidate]:
    """Latin spellings on file close to a Latin reading of an Arabic query, tried
    on the query as written and without generic words (قرية, مزرعة, شرقي...)."""
    if not is_arabic(text):
        return []
    if units := unit_matches(index, text):
        # اللواء 93, الفرقة 17: the unit's number names the base (events.geocoding.units).
        return [Candidate(i, "transliterated", UNIT_SCORE) for i in units]
    found = []
    directions = qualifiers(text)
    for n, variant in enumerate(phrase_variants(text)):
        penalty = STRIPPED_PENALTY if n else 0.0
        if directions and directions - qualifiers(variant):
            penalty += DIRECTION_DROPPED_PENALTY
        found += _transliterated(index, variant, penalty=penalty)
    return found


def _transliterated(index: GazetteerIndex, text: str, *, penalty: float) -> list[Candidate]:
    readings = romanizations(text)
    skeleton = arabic_skeleton(text)
    if not readings or (
        len(readings[0]) < FUZZY_MIN_KEY["arabic"] and len(skeleton) < SHORT_SKELETON
    ):
        return []
    glossed, glosses = glossed_readings(text), gloss_keys(text)
    # Short names (يعرب, Yarub; التل, At Tall) share no trigram with their reading:
    # their skeleton finds them, and only a close reading accepts one.
    keys = set()
    merged = merged_skeleton(skeleton)
    if len(skeleton) >= SHORT_SKELETON:
        keys.update(index.skeletons.get(skeleton, ()))
        if merged != skeleton:
            keys.update(index.skeletons.get(merged, ()))
        if skeleton.endswith("h"):
            # A final ح is a final h, which the Latin key drops after a vowel
            # (جب الجراح, Jubb al Jarrah: key jubjara).
            keys.update(index.skeletons.get(skeleton[:-1], ()))
    for reading in readings:
        plain = reading.replace(AYN, "")
        keys.update(
            k
            for k, _ in index.fuzzy_keys(plain, cutoff=50, limit=40)
            if not is_arabic(k) and k not in index.code_keys
        )
    if glossed:
        # Names with the English words (Tishreen Farm), found by the first reading.
        keys.update(
            k
            for k, _ in index.fuzzy_keys(glossed[0].replace(AYN, ""), cutoff=50, limit=40)
            if all(g in k for g in glosses)
        )
    glossed_skeletons = {latin_skeleton(r.replace(AYN, "")) for r in glossed}
    query_key = normalize_name(text)
    found = []
    for key in keys:
        # Below SAME_SKELETON_CUTOFF nothing is kept: the edit distance may stop there.
        sim = max(similarity(r, key, SAME_SKELETON_CUTOFF) for r in readings)
        same = len(skeleton) >= SKELETON_MIN and latin_skeleton(key) in (skeleton, merged)
        if glossed and all(g in key for g in glosses):
            # English words where the name has them (Tishreen Farm, Eastern Ghariyah).
            sim_glossed = max(similarity(r, key, SAME_SKELETON_CUTOFF) for r in glossed)
            same_glossed = latin_skeleton(key) in glossed_skeletons
            if (sim_glossed, same_glossed) > (sim, same):
                sim, same = sim_glossed, same_glossed
        if sim < (SAME_SKELETON_CUTOFF if same else TRANSLITERATED_CUTOFF):
            continue
        base = TRANSLITERATED_WEIGHT * sim + (SAME_SKELETON_BONUS if same else 0.0) - penalty
        for i in index.by_key[key]:
            value = base - derived_penalty(index, i)
            if not index.arabic_name_like(index.name_place[i], query_key):
                # The place's own Arabic names are not this one: a Latin spelling of
                # it that reads alike is more likely another place's (Aleppo's
                # ancient name Berea, read from البارة, al-Bara in Idlib).
                value -= OTHER_ARABIC_PENALTY
            found.append(Candidate(i, "transliterated", value))
    return found
