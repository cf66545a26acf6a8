"""Sentences of a report, with character offsets into the original text.

A sentence ends at ., ! or ? (optionally followed by a closing quote) before
white space and a capital letter, digit or opening quote, or at a blank line or
line break, or where a full stop after a lower-case word runs straight into the
next sentence's capitalised word ("said.The monitor", as some pages store it).
Abbreviations such as "U.S." or "Maj." and initials do not end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

END = re.compile(r"[.!?][\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9])|(?<=[a-z]{2})[.!?](?=[A-Z][a-z])|\n+")
ABBREVIATIONS = frozenset(
    "u.s mr mrs ms dr gen maj col lt sgt st no jan feb mar apr aug sept sep oct nov dec "
    "vs etc inc corp co ltd".split()
)


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def _ends_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", text[:dot])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return (
        token in ABBREVIATIONS or len(token) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))
    )


def split_sentences(text: str) -> list[Sentence]:
    sentences, start = [], 0
    for m in END.finditer(text):
        if m.group(0)[0] == "." and _ends_abbreviation(text, m.start()):
            continue
        end = m.end() if m.group(0)[0] != "\n" else m.start()
        _add(sentences, text, start, end)
        start = m.end()
    _add(sentences, text, start, len(text))
    return sentences


def _add(sentences: list, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end]))


@dataclass(frozen=True)
class Around:
    """A span of a sentence seen from inside the sentence: its local offsets and the
    words just before and after it. The rules of ``attribution`` (around an actor)
    and ``casualties`` (around a figure) read the same way."""

    start: int
    end: int
    before: str
    after: str


def around(text: str, offset: int, start: int, end: int, *, before: int, after: int) -> Around:
    """``start``..``end`` (report offsets) in the sentence ``text`` that starts at
    ``offset``, with up to ``before`` characters before it and ``after`` after it."""
    s, e = start - offset, end - offset
    return Around(s, e, text[max(0, s - before) : s], text[e : e + after])


# "The monitor said 53 died, while DeirEzzor24 put the toll at 25": each voice keeps
# the figure of its own clause.
# "15 soldiers died, a monitor said, as state media reported a 'terrorist attack'": the
# voice of the "as" clause tells something else.
CLAUSE_BREAK = re.compile(
    r",?\s+while\s+|;\s+|,\s+whereas\s+|,\s+but\s+|,\s+as\s+(?!well\b|many\b|much\b)", re.I
)


def clauses(sent) -> list[tuple[int, int]]:
    """(start, end) report offsets of the clauses of sentence ``sent`` ("while",
    "whereas", "but", "as", a semicolon); none when it has only one."""
    bounds, start = [], sent.start
    for m in CLAUSE_BREAK.finditer(sent.text):
        bounds.append((start, sent.start + m.start()))
        start = sent.start + m.end()
    bounds.append((start, sent.end))
    return bounds if len(bounds) > 1 else []
