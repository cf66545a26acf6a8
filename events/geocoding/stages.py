"""The matching stages, each saying which one matched:

``exact``       the spelling is on file (case, spacing and invisible marks aside);
``normalised``  it has the same key as a spelling on file (events.geocoding.normalize);
``fuzzy``       its key is close to a key on file: rapidfuzz ratio >= 80 over the
                candidate keys that share trigrams with it (events.geocoding.index);
``transliterated``  an Arabic-script query with no match in Arabic script has the
                consonant skeleton of a Latin spelling on file (normalize.arabic_skeleton:
                هتاش and Hattash are both h-t-sh).

Scores: exact 1.0; normalised 0.90-0.95, higher the closer the spelling as written
is to the one on file (so "El Qusur" prefers "Al-Qusur" to "Al-Qusour"); fuzzy
0.9 x ratio/100, so below any normalised match; transliterated 0.85 (the skeleton
keeps consonants only, so same-skeleton places are told apart by the ranking's prior).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from .index import SKELETON_MIN, GazetteerIndex, fold
from .normalize import arabic_skeleton, is_arabic, normalize_name
from .query import iter_variants

EXACT_SCORE = 1.0
NORMALISED_FLOOR, NORMALISED_SPAN = 0.90, 0.05
FUZZY_WEIGHT = 0.9
FUZZY_CUTOFF = 80
FUZZY_MIN_KEY = {"latin": 4, "arabic": 3}
TRANSLITERATED_SCORE = 0.85


@dataclass
class Candidate:
    name_idx: int
    stage: str
    base: float


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


def transliterated(index: GazetteerIndex, text: str) -> list[Candidate]:
    """Latin spellings on file with the consonant skeleton of an Arabic query."""
    if not is_arabic(text):
        return []
    skeleton = arabic_skeleton(text)
    if len(skeleton) < SKELETON_MIN:
        return []
    return [
        Candidate(i, "transliterated", TRANSLITERATED_SCORE)
        for key in index.skeletons.get(skeleton, ())
        for i in index.by_key[key]
    ]
