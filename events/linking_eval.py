"""Precision and recall of events.linking on a labelled set of pairs
(tests/data/linking_pairs.csv). Used by benchmarks/bench_linking.py and the tests.

Each pair is a record "already on file" and a UCDP GED row. The record is either
coded by hand from a report that UCDP cites (date of the report, place as the
report names it through the gazetteer, toll, event type, actors and outlet as the
report gives them: what another dataset such as ACLED would hold), or another UCDP
row standing in for another dataset's record.

Labelling rule: a record coded from a report UCDP cites for event B is the *same*
event as B. It is *different* from every other UCDP event B', which UCDP codes apart,
unless B' cites that same report (UCDP splits some reports into several events:
such pairs are left out as undecidable), or B' lies inside a record that spans
several days (a weekly toll is made of daily events: left out too). The different
pairs of a record are the UCDP rows the linker would compare with it (dates within a
day, points within the radii) nearest to it, two per record. Pairs of two UCDP rows
are different by UCDP's own coding.

Pairs are grouped by record (``group``): as on import, the rows compete for the
record, and only the best-scoring confident row joins it (events.linking.assign).
Each group is in the ``tune`` split (rules were set on it) or the ``report`` split
(figures only).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from events import linking
from events.imports.ucdp_ged import linking_event, source_entries

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "linking_pairs.csv"
UCDP = ROOT / "events" / "data" / "ucdp_ged_syria_2016-2019.csv"
ALIASES = ROOT / "events" / "data" / "actor_aliases.csv"


@dataclass
class Outcome:
    pair: str
    split: str
    same: bool
    predicted: str  # "joined", "candidate" or "none"
    score: float | None
    reason: str


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


def _set(value: str) -> frozenset[str]:
    return frozenset(v.strip() for v in value.split(";") if v.strip())


def ucdp_actor_slugs(row: dict, aliases: dict[str, str]) -> frozenset[str]:
    """Our actor slugs for a UCDP row's two sides (several names per side are
    comma-separated), as the actor dictionary maps them."""
    names = [n.strip() for side in (row["side_a"], row["side_b"]) for n in side.split(",")]
    return frozenset(aliases[n] for n in names if n in aliases)


def _ucdp_event(row: dict, aliases: dict[str, str]) -> linking.Event:
    event = linking_event(row)
    event.actors = ucdp_actor_slugs(row, aliases)
    event.outlets = linking.outlet_keys(o for o, _, _ in source_entries(row["source_article"]))
    return event


def _record(r: dict) -> linking.Event:
    low, high = _int(r["a_low"]), _int(r["a_high"])
    return linking.Event(
        dt.date.fromisoformat(r["a_date_start"]),
        dt.date.fromisoformat(r["a_date_end"]),
        float(r["a_lon"]),
        float(r["a_lat"]),
        int(r["a_radius_m"]),
        r["a_event_type"],
        low,
        high if high is not None else low,
        actors=_set(r["a_actors"]),
        outlets=linking.outlet_keys(_set(r["a_outlets"])),
    )


def evaluate(pairs: Path = PAIRS, ucdp: Path = UCDP) -> list[Outcome]:
    rows = list(csv.DictReader(open(pairs, encoding="utf-8")))
    with open(ALIASES, newline="", encoding="utf-8") as fh:
        aliases = {a["alias"]: a["actor"] for a in csv.DictReader(fh) if a["dataset"] == "ucdp"}
    wanted = {r["b_ucdp_id"] for r in rows} | {r["a_ucdp_id"] for r in rows if r["a_ucdp_id"]}
    events = {}
    with open(ucdp, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["id"] in wanted:
                events[row["id"]] = _ucdp_event(row, aliases)
    scored: dict[str, tuple] = {}
    candidates: dict[str, dict[str, list[linking.Match]]] = defaultdict(dict)
    for r in rows:
        existing = events[r["a_ucdp_id"]] if r["a_ucdp_id"] else _record(r)
        result = linking.score(events[r["b_ucdp_id"]], existing)
        scored[r["pair"]] = result
        if result is not None and result[0] >= linking.CANDIDATE:
            candidates[r["group"]][r["pair"]] = [linking.Match(0, *result)]
    chosen = {}
    for group in candidates.values():
        chosen.update(linking.assign(group))
    outcomes = []
    for r in rows:
        result = scored[r["pair"]]
        if r["pair"] in chosen:
            match = chosen[r["pair"]]
            predicted, value, reason = (
                "joined" if match.confident else "candidate",
                match.score,
                match.reason,
            )
        else:
            predicted, value = "none", result[0] if result else None
            reason = result[2] if result else "ruled out"
        outcomes.append(
            Outcome(r["pair"], r["split"], r["label"] == "same", predicted, value, reason)
        )
    return outcomes


def precision_recall(outcomes: list[Outcome], *, accept=("joined",)) -> tuple[float, float]:
    tp = sum(1 for o in outcomes if o.same and o.predicted in accept)
    fp = sum(1 for o in outcomes if not o.same and o.predicted in accept)
    fn = sum(1 for o in outcomes if o.same and o.predicted not in accept)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall
