"""Parties a report may name as perpetrators, matched by our own patterns.

Each pattern key is either the slug of an Actor in our table (events.models.Actor)
or, for parties not in the table yet (Turkey, Israel, Hayat Tahrir al-Sham), a key
of its own; :func:`actor_names` reads the table, so an actor added there is named
by its own name. Alias dictionaries (ACLED/UCDP actor names) plug in through
:func:`extra_patterns`, which reads ``events.actor_aliases`` when that module
exists and adds each alias as a pattern for its actor.

SANA's "terrorists"/"terrorist groups", "rebels", "militants" and "jihadists"
(without the Islamic State named next to them) are read as the armed opposition.
"""

from __future__ import annotations

import importlib
import re
import time
from functools import lru_cache

PATTERNS: list[tuple[str, str]] = [
    (
        "unidentified_aircraft",
        r"unidentified\s+(?:aircraft|warplanes|planes|jets|drones?)|"
        r"unknown\s+(?:aircraft|warplanes|planes|jets|drones?)",
    ),
    (
        "us_led_coalition",
        r"(?:U\.?S\.?|US|"
        r"American)[- ]led\s+(?:international\s+)?coalition(?:\s+forces)?|"
        r"international\s+coalition|\bcoalition(?!\s+government)|CJTF-OIR",
    ),
    ("russia", r"\bRussia(?:n)?\b|\bMoscow\b"),
    (
        "government",
        r"Syrian\s+(?:regime|government|army|air\s+force|forces|troops|"
        r"warplanes|jets|aircraft|helicopters|military)|\bregime\b|\bAssad(?:'s|"
        r"’s)?\s+(?:regime|forces)|pro-(?:government|regime)\s+forces|"
        r"government\s+forces|\bSyrian(?=\s+and\s+Russian)",
    ),
    (
        "islamic_state",
        r"\bIslamic\s+State(?:\s+in\s+Iraq\s+and\s+Syria)?\b|\bISIS\b|\bISIL\b|"
        r"\bIS\b|\bDaesh\b|\bthe\s+jihadists?\b(?=[^.]{0,40}\bIS\b)",
    ),
    (
        "hts",
        r"\bHayat\s+Tahrir\s+al-Sham\b|\bHay(?:'|’)?at\s+Tahrir\b|\bHTS\b|"
        r"\bTahrir\s+al-Sham\b|\b(?:al-)?Nusra(?:\s+Front)?\b|"
        r"\bJabhat\s+al-Nusra\b",
    ),
    ("sdf", r"\bSyrian\s+Democratic\s+Forces\b|\bSDF\b|\bYPG\b|\bKurdish-led\s+forces\b"),
    ("turkey", r"\bTurk(?:ey|ish)\b|\bAnkara\b"),
    ("israel", r"\bIsrael(?:i)?\b"),
    (
        "opposition",
        r"\b(?:Turkey-backed\s+)?(?:rebels?|insurgents|militants?|jihadists?|"
        r"terrorists?)(?:\s+(?:groups?|organi[sz]ations?|factions))?\b|"
        r"\barmed\s+(?:groups|opposition)\b|\bopposition\s+(?:fighters|groups|"
        r"factions)\b|\bIslamist\s+factions\b|\bmilitant\s+groups\b|"
        r"\bterrorist\s+groups?\b",
    ),
]
OWN_NAMES = {
    "turkey": "Turkish armed forces",
    "israel": "Israeli armed forces",
    "hts": "Hayat Tahrir al-Sham",
}


def extra_patterns() -> list[tuple[str, str]]:
    """(actor key, regex) pairs from the alias dictionary, if it is installed."""
    try:
        aliases = importlib.import_module("events.actor_aliases")
    except ImportError:
        return []
    pairs = []
    for slug, names in getattr(aliases, "ALIASES", {}).items():
        for name in names:
            pairs.append((slug, rf"\b{re.escape(name)}\b"))
    return pairs


@lru_cache(maxsize=1)
def compiled() -> list[tuple[str, re.Pattern]]:
    pairs = [*PATTERNS, *extra_patterns()]
    flags = re.IGNORECASE
    out = []
    for key, pattern in pairs:
        # "IS" must stay upper case; everything else is case-blind.
        out.append((key, re.compile(pattern, 0 if key == "islamic_state" else flags)))
    return out


def find_actors(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """(key, start, end) of every actor mention in ``text``, longest first on overlap."""
    raw = []
    for key, pattern in compiled():
        for m in pattern.finditer(text):
            raw.append((m.start(), m.end(), key))
    raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    out, last = [], -1
    for start, end, key in raw:
        if start < last:
            continue
        last = end
        out.append((key, offset + start, offset + end))
    return out


NAMES_TTL_SECONDS = 5.0
_names_cache: tuple[float, dict[str, str]] | None = None


def actor_names() -> dict[str, str]:
    """Display names: the Actor table's (read at most every few seconds), then our
    own for parties not in it."""
    global _names_cache
    from events.models import Actor

    now = time.monotonic()
    if _names_cache is None or now - _names_cache[0] > NAMES_TTL_SECONDS:
        names = dict(OWN_NAMES)
        names.update(dict(Actor.objects.values_list("slug", "name")))
        _names_cache = (now, names)
    return dict(_names_cache[1])
