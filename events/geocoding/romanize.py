"""Reading an Arabic-script place name in Latin letters, to find a place the
gazetteer knows only by Latin spellings (most of UCDP's villages have no Arabic name
on file).

Arabic writes consonants and long vowels, not short vowels, so one Arabic spelling
stands for several Latin ones. :func:`romanizations` gives the few readings that
matter, each already a Latin lookup key (events.geocoding.normalize.normalize_latin
applied), and the matcher scores Latin keys on file against the closest of them:

* consonants take the spellings reporters use (ث th, ح h, خ kh, ذ dh, ش sh, غ gh,
  ق q; ص س s, ض د d, ط ت t, ظ ز z); ayn and hamza are dropped as the Latin key
  drops their marks;
* ا is a, ى a, إ i (إنخل, Inkhil; الإمام, al-Imam); a word-final ه (taa marbuta,
  folded to ه by the Arabic key rules) is a, as in Hamra, Raqqa;
* و is w at the start of a word or before a vowel letter, else u (the Latin key
  already reads aw, ow and ou as u: Hawsh, Hosh, Housh), and between consonants
  also w, with a vowel Arabic leaves unwritten after it (الأحوس, Al Ahwas);
* ي is y at the start of a word or before a vowel letter (Sayyal, Tayyana); before a consonant
  it is read both as i (Salqin) and as the diphthong ay (Dayr, Kudayran); at the
  end it is i (Hiri);
* the article (ال, also after و and ب) is dropped as both keys drop it, ابو/بو
  before a name is bu, as the Latin key reads Abu/Albu/Bou, and أم/ام before a name
  is um (Umm);
* digits stay digits, as in the Latin key (مزة 86, Mezzeh 86).

:func:`glossed_readings` gives one more kind of reading: a word the gazetteer's Latin
names translate rather than transliterate is put in English where English puts it
(GLOSSES: مزرعة تشرين is Tishreen Farm, سجن عدرا Adra Prison, الغرية الشرقية Eastern
Ghariyah, جبل برصايا Barsaya mountain, حقل التيم النفطي Al Teem Oil Field with the
adjective left out as the Latin key leaves out "oil"), the other words read as above.
"""

from __future__ import annotations

import functools
import itertools
import re

from .normalize import (
    ARABIC_ABU,
    ARABIC_ARTICLE,
    ARABIC_LETTER_MAP,
    ARABIC_TASHKEEL,
    ARABIC_WORD,
    normalize_latin,
)

CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "9", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "پ": "p", "چ": "ch", "گ": "g", "ڤ": "v",
}  # fmt: skip
VOWEL_LETTERS = "اويى"
AYN_BETWEEN_VOWELS = re.compile("(?<=[aiu])9(?=[aiy])")
# Alef maqsura is read a (نوى, Nawa) and alef with hamza below i (إدلب, Idlib; إنخل,
# Inkhil), so both are kept apart from the letters they fold to in the Arabic key.
ROMAN_LETTER_MAP = {k: v for k, v in ARABIC_LETTER_MAP.items() if k not in (ord("ى"), ord("إ"))}
ARABIC_UMM = frozenset({"ام"})  # أم, ام before a name: Umm (Umm Haratayn)
MAX_READINGS = 8  # combinations of the ي readings kept per name


def _word_options(word: str) -> list[list[str]]:
    """For each letter of ``word``, the Latin readings it may have."""
    options = []
    last = len(word) - 1
    for i, ch in enumerate(word):
        # A final ه is a taa marbuta read as a: a vowel (علوه, Alwa).
        next_vowel = i < last and (
            word[i + 1] in VOWEL_LETTERS or (word[i + 1] == "ه" and i + 1 == last and i > 0)
        )
        if ch == "ا" or ch == "ى":
            options.append(["a"])
        elif ch == "إ":
            options.append(["i"])
        elif ch == "ه" and i == last and i > 1:
            options.append(["a"])
        elif ch == "و":
            if i == 0 or next_vowel:
                options.append(["w"])
            elif word[i - 1] not in VOWEL_LETTERS and i < last:
                # After a consonant, before one: the vowel u (Hawsh) or a w with an
                # unwritten vowel after it (الأحوس, Al Ahwas).
                options.append(["u", "w"])
            else:
                options.append(["u"])
        elif ch == "ي":
            if i == 0 or next_vowel:
                options.append(["y"])
            elif i == last or next_vowel:
                options.append(["i"])
            else:
                options.append(["i", "ay"])
        elif ch.isdigit():
            options.append([ch])  # مزة 86, Mezzeh 86: the Latin key keeps digits
        else:
            options.append([CONSONANTS.get(ch, "")])
    return options


@functools.lru_cache(maxsize=8192)
def romanizations(text: str) -> tuple[str, ...]:
    """Latin lookup keys an Arabic-script name may be written as (best guesses first;
    empty if nothing readable is left)."""
    text = ARABIC_TASHKEEL.sub("", text).translate(ROMAN_LETTER_MAP)
    words = [ARABIC_ARTICLE.sub("", w) for w in ARABIC_WORD.findall(text)]
    last = len(words) - 1
    per_letter: list[list[str]] = []
    for i, word in enumerate(words):
        if i < last and word in ARABIC_ABU:
            per_letter.append(["bu "])
            continue
        if i < last and word in ARABIC_UMM:
            per_letter.append(["um "])
            continue
        per_letter += _word_options(word)
        per_letter.append([" "])
    readings = []
    for combo in itertools.islice(itertools.product(*per_letter), MAX_READINGS):
        text = "".join(combo)
        keys = [normalize_latin(text)]
        if AYN_BETWEEN_VOWELS.search(text):
            # Also as a Latin spelling that leaves such an ayn out is keyed (راعي:
            # Rai, key ray).
            keys.append(normalize_latin(AYN_BETWEEN_VOWELS.sub("", text)))
        for key in keys:
            if key and key not in readings:
                readings.append(key)
    return tuple(readings)


# Words UCDP's and GeoNames' Latin names give in English: (English, before the name?).
# An Arabic adjective follows its noun (مطار دمشق الدولي, سجن حلب المركزي); English
# puts it first (Damascus International Airport, Aleppo Central Prison), so the words
# after the name are read in reverse. "" drops a word the Latin key leaves out
# (military before airport).
GLOSSES = {
    "مزرعه": ("farm", False),
    "جبل": ("mountain", False),
    "تله": ("hill", False),
    "سهل": ("plain", False),
    "سجن": ("prison", False),
    "مطار": ("airport", False),
    "سد": ("dam", False),
    "مخيم": ("camp", False),
    "جسر": ("bridge", False),
    "حقل": ("field", False),
    "حقول": ("field", False),
    "ساحه": ("square", False),
    "جامع": ("mosque", False),
    "مسجد": ("mosque", False),
    "معبر": ("crossing", False),
    "قاعده": ("base", False),
    "حاجز": ("checkpoint", False),
    "بحيره": ("lake", False),
    "جزيره": ("island", False),
    "قلعه": ("castle", False),
    "مصنع": ("factory", False),
    "معمل": ("factory", False),
    "خزان": ("reservoir", False),
    "دوار": ("roundabout", False),
    "ملعب": ("stadium", False),
    "مصفاه": ("refinery", False),
    "مجمع": ("complex", False),
    "مشفى": ("hospital", False),
    "مستشفى": ("hospital", False),
    "محافظه": ("governorate", False),
    "دولي": ("international", False),
    "مركزي": ("central", False),
    "عسكري": ("", False),
    # قاعدة الدريهم العسكرية: Durayhim Military Base (military is left out only before
    # airport, L4b).
    "عسكريه": ("military", False),
    # What a field yields: the Latin key leaves oil and gas out before field (L4c).
    "نفطي": ("", False),
    "نفطيه": ("", False),
    "غازي": ("", False),
    "غازيه": ("", False),
    "للغاز": ("", False),
    "للنفط": ("", False),
    "شرقيه": ("eastern", True),
    "شرقي": ("eastern", True),
    "غربيه": ("western", True),
    "غربي": ("western", True),
    "شماليه": ("northern", True),
    "شمالي": ("northern", True),
    "جنوبيه": ("southern", True),
    "جنوبي": ("southern", True),
}
MAX_GLOSSED = 4
# Words glossed only when they begin the name (جبل برصايا, Barsaya mountain; سهل
# الحولة, Al Houla Plain): later in a query they begin the context ("البارة في جبل
# الزاوية" is al-Bara, not a mountain).
LEADING_GLOSSES = frozenset({"جبل", "تله", "سهل"})


def glossed_readings(text: str) -> tuple[str, ...]:
    """Latin lookup keys of an Arabic name with its GLOSSES words in English, where
    English puts them ("eastern gariya", "tishrin farm"); empty if it has none, or
    nothing but them."""
    return _glossed(text)[0]


def gloss_keys(text: str) -> tuple[str, ...]:
    """The keys of the English words in :func:`glossed_readings` ("astarn", "farm"):
    a Latin key close to a glossed reading holds them."""
    return _glossed(text)[1]


@functools.lru_cache(maxsize=8192)
def _glossed(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    text = ARABIC_TASHKEEL.sub("", text).translate(ARABIC_LETTER_MAP)
    words = [ARABIC_ARTICLE.sub("", w) for w in ARABIC_WORD.findall(text)]
    # A gloss word may carry a conjunction or preposition (ومزرعة, بمزرعة).
    glossed = [
        None
        if i and (w in LEADING_GLOSSES or w[1:] in LEADING_GLOSSES)
        else GLOSSES.get(w) or (w[:1] in "وبلف" and GLOSSES.get(w[1:])) or None
        for i, w in enumerate(words)
    ]
    if not any(glossed) or all(glossed):
        return (), ()
    rest = " ".join(w for w, g in zip(words, glossed, strict=True) if not g)
    # A key is its words' keys run together: the English words' keys go either side.
    before = normalize_latin(" ".join(g[0] for g in glossed if g and g[1]))
    after = normalize_latin(" ".join(g[0] for g in reversed(glossed) if g and not g[1]))
    readings = []
    for reading in romanizations(rest)[:MAX_GLOSSED]:
        key = before + reading + after
        if reading and key not in readings:
            readings.append(key)
    return tuple(readings), tuple(k for k in (before, after) if k)


VOWELS = frozenset("aiu")
AYN = "9"
SHORT_VOWEL_COST = 0.25  # a Latin vowel Arabic did not write
VOWEL_COST = 0.5  # a vowel for another vowel, or a vowel letter Latin did not write


def similarity(reading: str, key: str, floor: float = 0.0) -> float:
    """How close a Latin key on file is to a reading of an Arabic name (0..1): an
    edit distance in which a vowel of the key that the Arabic did not write costs a
    quarter (Arabic leaves short vowels out: سكرية, Sukkariyah; at the end of the
    name, where Arabic writes them, a half), a vowel against
    another vowel or an extra vowel of the reading a half, and any other letter
    one; ayn (9) in the reading is free against a vowel and costs a quarter
    left out; divided by the key's length. A result below ``floor`` may be given
    as 0: the computation stops once no alignment can reach it (a row's least cost
    never falls in later rows)."""
    if not key:
        return 0.0
    # A key vowel the reading lacks: cheap inside the name, where Arabic leaves short
    # vowels out, not at its end, where Arabic writes them (ة ا ي).
    key_vowel = [ch in VOWELS for ch in key]
    only_key = [SHORT_VOWEL_COST if v else 1.0 for v in key_vowel]
    if key_vowel[-1]:
        only_key[-1] = VOWEL_COST
    budget = (1.0 - floor) * len(key)
    prev = [0.0]
    for cost in only_key:  # turning an empty reading into the key's prefix
        prev.append(prev[-1] + cost)
    pairs = list(zip(key, key_vowel, only_key, strict=True))
    for r in reading:
        r_vowel = r in VOWELS
        ayn = r == AYN
        drop = SHORT_VOWEL_COST if ayn else VOWEL_COST if r_vowel else 1.0
        left = prev[0] + drop
        row = [left]
        least = left
        for j, (k, k_vowel, k_cost) in enumerate(pairs):
            if r == k or (ayn and k_vowel):
                best = prev[j]
            elif r_vowel and k_vowel:
                best = prev[j] + VOWEL_COST
            else:
                best = prev[j] + 1.0
            if (other := prev[j + 1] + drop) < best:  # a letter only the reading has
                best = other
            if (other := left + k_cost) < best:  # a letter only the key has
                best = other
            row.append(best)
            left = best
            if best < least:
                least = best
        if least > budget:
            return 0.0
        prev = row
    return max(0.0, 1.0 - prev[-1] / len(key))
