"""Extraction over JSON Lines: one report per line in, one JSON object per report
out, in input order, for ``manage.py extract_report`` and the batch extraction job.
Reports are extracted BATCH at a time (their likely duplicates looked up together)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from .pipeline import ReportInputError, extract_reports, parse_report

BATCH = 200


def extract_lines(
    lines: Iterable[str], *, with_duplicates: bool = True
) -> Iterator[tuple[dict, str]]:
    """For each non-blank line, (the extraction, "") or, for a line that cannot be
    read, ({line, id, error}, the reason)."""
    pending: list = []  # reports, and (error object, reason) pairs, in input order

    def flush():
        reports = [item for item in pending if not isinstance(item, tuple)]
        results = iter(extract_reports(reports, with_duplicates=with_duplicates))
        for item in pending:
            yield item if isinstance(item, tuple) else (next(results), "")
        pending.clear()

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
            pending.append(({"line": number, "id": ident, "error": reason}, reason))
            continue
        pending.append(report)
        if len(pending) >= BATCH:
            yield from flush()
    yield from flush()
