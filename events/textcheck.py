"""The one rule for characters that no input may carry, shared by the query
filters (events.filters) and the importers (events.imports): C0 and C1 control
characters other than tab and line breaks, and lone surrogates. No report needs
them; PostgreSQL refuses NUL, SQLite's LIKE stops at it, and nothing can encode a
surrogate."""

from __future__ import annotations

import re

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def forbidden_char(value: str) -> str | None:
    """``"U+0000"`` for the first forbidden character in ``value``, else None."""
    found = FORBIDDEN.search(value)
    return f"U+{ord(found.group()):04X}" if found else None
