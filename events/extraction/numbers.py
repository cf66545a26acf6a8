"""Casualty numbers as reports word them, kept with their wording.

Rules (minimum, maximum; ``None`` is open-ended):

* "22", "twenty-two"                  -> 22, 22
* "at least 22", "22 or more", "no fewer than 22" -> 22, None
* "more than 30", "over 30"           -> 31, None
* "up to 30", "as many as 30"        -> 1, 30
* "at least 7 and as many as 14" (or "and no more than 14"), "7 to 14", "between 7 and 14"
  -> 7, 14
* "about/around/some/roughly/an estimated 25" -> 25, 25 (the wording keeps "about")
* "nearly/almost 250"                -> 225, 249 (within ten per cent below)
* "less than/fewer than/under 10"    -> 1, 9
* "at least 50 — and possibly as many as 100" -> 50, 100
* "10-15" -> 10, 15; "two dozen" -> 24, 24
* "a dozen" 12, 12; "half a dozen" 6, 6; "a hundred" 100, 100; "dozens" 24, 99;
  "scores" 40, 99; "tens" 20, 99; "hundreds" 200, 999; "a/an/one <person>" 1, 1;
  "several dozen", "a few dozen" as "dozens"; "several hundred" as "hundreds".
* "several", "a number of", "many" give no figure (no claim is made).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
VAGUE = {"dozens": (24, 99), "scores": (40, 99), "tens": (20, 99), "hundreds": (200, 999)}

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_UNITS = "|".join(sorted(UNITS, key=len, reverse=True))
_TENS = "|".join(sorted(TENS, key=len, reverse=True))
# "twenty-one", "twenty one": tens then a unit; never two units ("two nine-year-old boys")
CARDINAL = (
    rf"(?:(?:{_WORD})\s+dozen\b|\d{{1,3}}(?:,\d{{3}})+|\d+|"
    rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|(?:{_UNITS}))"
    rf"(?:\s+hundred(?:\s+and\s+(?:{_WORD})(?:-(?:{_WORD}))?)?)?|half\s+a\s+dozen|a\s+dozen|"
    rf"a\s+hundred)"
)
QUALIFIER = (
    r"(?:at\s+least|no\s+(?:fewer|less)\s+than|not\s+less\s+than|more\s+than|over|upwards\s+of|up\s+to|as\s+many\s+as|about|around|some|"
    r"roughly|approximately|nearly|almost|less\s+than|fewer\s+than|under|a\s+total\s+of|"
    r"(?:an\s+)?estimated)"
)
NUMBER = re.compile(
    rf"(?:(?<=[a-z])(?=\d)|\b)(?P<q>{QUALIFIER}\s+)?(?P<n>{CARDINAL})"
    rf"(?:(?:\s+(?:and\s+as\s+many\s+(?:as\s+)?|and\s+(?:no\s+more\s+than|at\s+most|up\s+to)\s+|to\s+|-|–|or\s+)|(?<=\d)(?<!\d\d\d\d)(?<!\d[-–]\d\d)(?<!\d[-–]\d)[-–](?=\d{{1,3}}\b(?![-–]\d)))"
    rf"(?P<n2>{CARDINAL}))?"
    rf"(?P<more>\s+or\s+more)?(?![\w.,]*\d)\b|"
    # "several dozen", "a few hundred": as "dozens", "hundreds"
    rf"\b(?P<vague>dozens|scores|tens|hundreds|(?:several|a\s+few)\s+(?:dozen|hundred))\b",
    re.IGNORECASE,
)
BETWEEN = re.compile(rf"\bbetween\s+(?P<n>{CARDINAL})\s+and\s+(?P<n2>{CARDINAL})\b", re.I)
# "at least 50 people — and possibly as many as 100 — were killed": a floor and a ceiling
# given apart, one range.
FLOOR_CEILING = re.compile(
    rf"\bat\s+least\s+(?P<n>{CARDINAL})(?:\s+[\w-]+)?\s*(?:[,–—]|--)\s*(?:and\s+|or\s+)?"
    rf"(?:possibly|perhaps|maybe|probably)\s+(?:as\s+many\s+as|up\s+to)\s+(?P<n2>{CARDINAL})\b",
    re.I,
)


def cardinal_value(text: str) -> int | None:
    word = " ".join(text.lower().replace("-", " ").split())
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", word):
        return int(word.replace(",", ""))
    if word == "a dozen":
        return 12
    if word == "half a dozen":
        return 6
    if word == "a hundred":
        return 100
    total, current = 0, 0
    for part in word.split():
        if part in UNITS:
            current += UNITS[part]
        elif part in TENS:
            current += TENS[part]
        elif part == "dozen":
            current = max(current, 1) * 12
        elif part == "hundred":
            current = max(current, 1) * 100
        elif part == "and":
            continue
        else:
            return None
    return total + current


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    min: int
    max: int | None
    wording: str


def _range(q: str, n: int, n2: int | None, more: bool) -> tuple[int, int | None]:
    q = " ".join(q.lower().split())
    if n2 is not None:
        return min(n, n2), max(n, n2)
    if more or q in ("at least", "no fewer than", "no less than", "not less than"):
        return n, None
    if q in ("more than", "over", "upwards of"):
        return n + 1, None
    if q in ("up to", "as many as"):
        return 1, n
    if q in ("less than", "fewer than", "under"):
        return 1, max(1, n - 1)
    if q in ("nearly", "almost"):
        return max(1, n - n // 10), max(1, n - 1)
    return n, n


def find_figures(text: str, offset: int = 0) -> list[Figure]:
    """Every number phrase of ``text`` (a sentence starting at ``offset``)."""
    found = []
    taken = []
    for m in [*BETWEEN.finditer(text), *FLOOR_CEILING.finditer(text)]:
        if any(s <= m.start() < e for s, e in taken):
            continue
        a, b = cardinal_value(m.group("n")), cardinal_value(m.group("n2"))
        if a is not None and b is not None:
            # the floor's noun and verb are read after the floor ("at least 50 people — ...")
            end = m.end("n") if m.re is FLOOR_CEILING else m.end()
            found.append(Figure(offset + m.start(), offset + end, min(a, b), max(a, b), m.group(0)))
            taken.append((m.start(), m.end()))
    for m in NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if m.group("vague"):
            vague = m.group("vague").lower()
            if " " in vague:
                vague = vague.split()[-1] + "s"
            lo, hi = VAGUE[vague]
            found.append(Figure(offset + m.start(), offset + m.end(), lo, hi, m.group(0)))
            continue
        n = cardinal_value(m.group("n"))
        if n is None:
            continue
        n2 = cardinal_value(m.group("n2")) if m.group("n2") else None
        lo, hi = _range(m.group("q") or "", n, n2, bool(m.group("more")))
        found.append(Figure(offset + m.start(), offset + m.end(), lo, hi, m.group(0).strip()))
    return sorted(found, key=lambda f: f.start)
