"""Extraction over JSON Lines: one report per line in, one JSON object per report
out, for ``manage.py extract_report`` and the batch extraction job."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from .pipeline import ReportInputError, extract_report, parse_report


def extract_lines(
    lines: Iterable[str], *, with_duplicates: bool = True
) -> Iterator[tuple[dict, str]]:
    """For each non-blank line, (the extraction, "") or, for a line that cannot be
    read, ({line, id, error}, the reason)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        data = None
        try:
            data = json.loads(line)
            report = parse_report(data, default_id=str(number))
        except (json.JSONDecodeError, ReportInputError) as exc:
            reason = f"not JSON: {exc.msg}" if isinstance(exc, json.JSONDecodeError) else str(exc)
            ident = data.get("id") if isinstance(data, dict) else None
            yield {"line": number, "id": ident, "error": reason}, reason
            continue
        yield extract_report(report, with_duplicates=with_duplicates), ""
