"""Top-1 accuracy of the matcher on an evaluation set: a CSV of ``query, expected,
near, note`` rows (expected is a place slug; near is optional). Used by the test
that guards accuracy and by the benchmark that reports it."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .matcher import geocode


@dataclass(frozen=True)
class EvalRow:
    line: int
    query: str
    expected: str
    near: str | None
    note: str


@dataclass
class EvalReport:
    total: int = 0
    correct: int = 0
    by_stage: dict[str, int] = field(default_factory=dict)
    misses: list[tuple[EvalRow, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def read_eval_set(path: Path) -> list[EvalRow]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return [
            EvalRow(
                line=reader.line_num,
                query=row["query"],
                expected=row["expected"],
                near=row.get("near") or None,
                note=row.get("note", ""),
            )
            for row in reader
        ]


def evaluate(rows: list[EvalRow]) -> EvalReport:
    """An expected slug of a place since merged into another (events.gazetteer_merge)
    expects the place it was merged into."""
    from events.gazetteer_merge import resolve_slugs

    current = {slug: place.slug for slug, place in resolve_slugs(r.expected for r in rows).items()}
    report = EvalReport()
    for row in rows:
        results = geocode(row.query, near=row.near, limit=1)
        got = results[0].entry.slug if results else "(no match)"
        report.total += 1
        if got == current.get(row.expected, row.expected):
            report.correct += 1
            stage = results[0].matched_by
            report.by_stage[stage] = report.by_stage.get(stage, 0) + 1
        else:
            report.misses.append((row, got))
    return report
