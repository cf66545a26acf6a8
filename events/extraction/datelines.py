"""The wire's dateline at the head of a report ("BEIRUT, Oct 24 (Reuters) -",
"ERBIL, Kurdistan Region—", "DAMASCUS, Oct. 24 (Xinhua) --", "MOSCOW, October 24.
/TASS/.", "Damascus, June 16 (IANS)", "Damascus:"): where and when the wire filed the
story. Its city is the event's place only when the text names no other (places);
its day counts like a reporting day, only when nothing else dates the event (dates).
"""

from __future__ import annotations

import re

# An upper-case city, or a title-case one, up to two parts after commas (a region, a
# date with an optional year) or a date after a dash ("BEIRUT - 14 November 2017:"),
# then an agency in brackets or slashes, a dash or a colon.
YEAR = r"(?:,?\s*(?:19|20)\d\d\b\.?)?"
DATELINE = re.compile(
    r"^\s*(?P<name>[A-Z][\w'’-]+(?:[ /][A-Z][\w'’-]+){0,2})"
    rf"(?:\s+[-–—]\s+(?:\d{{1,2}}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{{1,2}}\b\.?){YEAR}|"
    rf"(?:,\s*(?:[A-Z][\w.'’-]*\s*){{1,3}}(?:\d{{1,2}}\b\.?{YEAR})?){{0,2}})"
    r"\s*(?:(?:\([^)]{1,40}\)|/[A-Z]+/)\s*(?:--|[-–—:.])?|(?:--|[-–—:]))"
)
# "Aleppo province:", "Idlib countryside -": a heading naming an area, not a dateline.
PLACE_WORDS = frozenset(
    "province governorate countryside city town village district area region".split()
)


def dateline_end(text: str) -> int:
    """Where a dateline at the start of ``text`` ends (0 when there is none)."""
    m = DATELINE.match(text)
    if not m or any(w.lower() in PLACE_WORDS for w in m.group("name").split()):
        return 0
    return m.end()
