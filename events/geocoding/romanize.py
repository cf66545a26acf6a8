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
* ا is a, ى a; a word-final ه (taa marbuta, folded to ه by the Arabic key rules) is
  a, as in Hamra, Raqqa;
* و is w at the start of a word or before a vowel letter, else u (the Latin key
  already reads aw, ow and ou as u: Hawsh, Hosh, Housh);
* ي is y at the start of a word or before a vowel letter (Sayyal, Tayyana); before a consonant
  it is read both as i (Salqin) and as the diphthong ay (Dayr, Kudayran); at the
  end it is i (Hiri);
* the article (ال, also after و and ب) is dropped as both keys drop it, and ابو/بو
  before a name is bu, as the Latin key reads Abu/Albu/Bou.
"""

from __future__ import annotations

import functools
import itertools

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
        elif ch == "ه" and i == last and i > 1:
            options.append(["a"])
        elif ch == "و":
            options.append(["w"] if i == 0 or next_vowel else ["u"])
        elif ch == "ي":
            if i == 0 or next_vowel:
                options.append(["y"])
            elif i == last or next_vowel:
                options.append(["i"])
            else:
                options.append(["i", "ay"])
        else:
            options.append([CONSONANTS.get(ch, "")])
    return options


@functools.lru_cache(maxsize=8192)
def romanizations(text: str) -> tuple[str, ...]:
    """Latin lookup keys an Arabic-script name may be written as (best guesses first;
    empty if nothing readable is left)."""
    text = ARABIC_TASHKEEL.sub("", text).translate(ARABIC_LETTER_MAP)
    words = [ARABIC_ARTICLE.sub("", w) for w in ARABIC_WORD.findall(text)]
    last = len(words) - 1
    per_letter: list[list[str]] = []
    for i, word in enumerate(words):
        if i < last and word in ARABIC_ABU:
            per_letter.append(["bu "])
            continue
        per_letter += _word_options(word)
        per_letter.append([" "])
    readings = []
    for combo in itertools.islice(itertools.product(*per_letter), MAX_READINGS):
        key = normalize_latin("".join(combo))
        if key and key not in readings:
            readings.append(key)
    return tuple(readings)


VOWELS = frozenset("aiu")
AYN = "9"
SHORT_VOWEL_COST = 0.25  # a Latin vowel Arabic did not write
VOWEL_COST = 0.5  # a vowel for another vowel, or a vowel letter Latin did not write


def similarity(reading: str, key: str) -> float:
    """How close a Latin key on file is to a reading of an Arabic name (0..1): an
    edit distance in which a vowel of the key that the Arabic did not write costs a
    quarter (Arabic leaves short vowels out: سكرية, Sukkariyah; at the end of the
    name, where Arabic writes them, a half), a vowel against
    another vowel or an extra vowel of the reading a half, and any other letter
    one; ayn (9) in the reading is free against a vowel and costs a quarter
    left out; divided by the key's length."""
    if not key:
        return 0.0
    # A key vowel the reading lacks: cheap inside the name, where Arabic leaves short
    # vowels out, not at its end, where Arabic writes them (ة ا ي).
    only_key = [SHORT_VOWEL_COST if ch in VOWELS else 1.0 for ch in key]
    if key[-1] in VOWELS:
        only_key[-1] = VOWEL_COST
    prev = [0.0]
    for cost in only_key:  # turning an empty reading into the key's prefix
        prev.append(prev[-1] + cost)
    for r in reading:
        r_vowel = r in VOWELS
        drop = SHORT_VOWEL_COST if r == AYN else VOWEL_COST if r_vowel else 1.0
        row = [prev[0] + drop]
        for j, k in enumerate(key, 1):
            if r == k or (r == AYN and k in VOWELS):
                sub = 0.0
            elif r_vowel and k in VOWELS:
                sub = VOWEL_COST
            else:
                sub = 1.0
            row.append(
                min(
                    prev[j - 1] + sub,
                    prev[j] + drop,  # a letter only the reading has
                    row[j - 1] + only_key[j - 1],  # a letter only the key has
                )
            )
        prev = row
    return max(0.0, 1.0 - prev[-1] / len(key))
