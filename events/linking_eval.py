"""Precision and recall of events.linking on a labelled set of pairs
(tests/data/linking_pairs.csv): each pair is an incident "already on file" (coded
from a report, or another UCDP row standing in for another dataset's record) and a
UCDP GED row, labelled same event or not from UCDP's coding and a reading of the
headlines UCDP cites. Used by benchmarks/bench_linking.py and the tests."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from events import linking
from events.imports.ucdp_ged import linking_event

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "data" / "linking_pairs.csv"
UCDP = Path(__file__).resolve().parent / "data" / "ucdp_ged_syria_2016-2019.csv"


@dataclass
class Outcome:
    pair: str
    same: bool
    predicted: str  # "joined", "candidate" or "none"
    score: float | None
    reason: str


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


def evaluate(pairs: Path = PAIRS, ucdp: Path = UCDP) -> list[Outcome]:
    rows = list(csv.DictReader(open(pairs, encoding="utf-8")))
    wanted = {r["b_ucdp_id"] for r in rows} | {r["a_ucdp_id"] for r in rows if r["a_ucdp_id"]}
    events = {}
    with open(ucdp, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["id"] in wanted:
                events[row["id"]] = linking_event(row)
    outcomes = []
    for r in rows:
        if r["a_ucdp_id"]:
            existing = events[r["a_ucdp_id"]]
        else:
            low = _int(r["a_low"])
            high = _int(r["a_high"])
            existing = linking.Event(
                dt.date.fromisoformat(r["a_date_start"]),
                dt.date.fromisoformat(r["a_date_end"]),
                float(r["a_lon"]),
                float(r["a_lat"]),
                int(r["a_radius_m"]),
                r["a_event_type"],
                low,
                high if high is not None else low,
            )
        result = linking.score(events[r["b_ucdp_id"]], existing)
        if result is None:
            predicted, value, reason = "none", None, "ruled out"
        else:
            value, confident, reason = result
            predicted = "joined" if confident else "candidate"
            if value < linking.CANDIDATE:
                predicted = "none"
        outcomes.append(Outcome(r["pair"], r["label"] == "same", predicted, value, reason))
    return outcomes


def precision_recall(outcomes: list[Outcome], *, accept=("joined",)) -> tuple[float, float]:
    tp = sum(1 for o in outcomes if o.same and o.predicted in accept)
    fp = sum(1 for o in outcomes if not o.same and o.predicted in accept)
    fn = sum(1 for o in outcomes if o.same and o.predicted not in accept)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall
