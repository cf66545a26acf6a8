"""A date header at the head of a saved or pasted report: "date 2017-10-24",
"Date: 2017-10-24", "Published: 2017-10-24T09:30Z", "dated 24/10/2017". Files
saved from a feed or a scraper often start so, glued to the first sentence.

The header is the report's filing date, not part of its story: the extractor
reads the text with the header blanked out (same length, so every span still
points into the text as given), and a report given without a dateline takes the
header's date as its dateline.
"""

from __future__ import annotations

import datetime as dt
import re

HEADER = re.compile(
    r"^\s*(?:date(?:line)?|dated|published(?:\s+on)?|posted(?:\s+on)?|filed(?:\s+on)?)"
    r"\s*[:=\-–]?\s*"
    r"(?:(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})|(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4}))"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"(?=\s|$)",
    re.IGNORECASE,
)


def header_date(text: str) -> tuple[int, dt.date | None]:
    """Where a date header at the start of ``text`` ends (0 when there is none)
    and its date (None when it names no real day)."""
    m = HEADER.match(text)
    if not m:
        return 0, None
    y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
    try:
        return m.end(), dt.date(int(y), int(mo), int(d))
    except ValueError:
        return 0, None


def blank_header(text: str) -> str:
    """``text`` with its date header (if any) replaced by spaces."""
    end, _ = header_date(text)
    return " " * end + text[end:] if end else text
