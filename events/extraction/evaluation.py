"""Field-level precision, recall and F1 of the extractor on a hand-coded set
(tests/data/extraction_dev.jsonl; the benchmark benchmarks/bench_extract.py).

Each row holds a real, cited report excerpt (url, outlet, dateline, text), its
split (``tune``: rules may be adjusted on it; ``report``: only measured) and the
truth: event_date (or null when the text gives no day), place {lat, lon,
tolerance_km} (or null when the gazetteer cannot know it), sub_event_type, killed
and injured {source key: [min, max]}, alleged [[actor, source key, stance]].

Fields compared (a predicted value without a true one is a false positive, a true
value not predicted a false negative, a wrong value both):

event_date   the exact day;
place        the first place within the truth's tolerance (km) of the true point;
killed       per source, its killed figure (min and max);
injured      per source, its injured figure;
alleged      (actor, who alleges it, stance) triples;
event_type   the sub-event type (it implies the type).

Source keys: the predicted sources' ``key`` ("sohr", "sana", "gov_source", ...;
"outlet" for the reporter's own statement). docs/extraction-coding.md says which
voice a figure belongs to; keys it declares one voice are compared as one
(``canonical_key``): a key naming the row's own outlet ("afp" in an AFP text,
"sana" in a SANA dispatch, "tass" in "ONA (TASS)") is "outlet", and the US
military is the coalition.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

FIELDS = ["event_date", "place", "killed", "injured", "alleged", "event_type"]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_rows(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            row = json.loads(line)
            row["line"] = n
            rows.append(row)
    return rows


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _compare_sets(score: Score, row_id: str, predicted: set, true: set) -> None:
    score.tp += len(predicted & true)
    score.fp += len(predicted - true)
    score.fn += len(true - predicted)
    if predicted != true:
        score.errors.append(
            (row_id, sorted(map(str, predicted - true)), sorted(map(str, true - predicted)))
        )


def _value(score: Score, row_id: str, predicted, true, same) -> None:
    if true is not None and predicted is not None and same(predicted, true):
        score.tp += 1
        return
    if predicted is not None:
        score.fp += 1
    if true is not None:
        score.fn += 1
    if predicted is not None or true is not None:
        score.errors.append((row_id, predicted, true))


# Keys the coding guide declares the same voice as another.
SAME_VOICE = {"us_military": "coalition"}


def outlet_keys(outlet: str) -> frozenset[str]:
    """Voice keys that name the row's outlet: its whole name ("AFP", "Orient News")
    or a wire it carries, in brackets ("The New Arab (AFP)", "ONA (TASS)")."""
    from events.extraction.voices import VOICES

    outlet = outlet or ""
    names = [outlet.strip()]
    if "(" in outlet and outlet.rstrip().endswith(")"):
        inner = outlet[outlet.index("(") + 1 : outlet.rindex(")")]
        names += [part.strip() for part in inner.split(",")]
    return frozenset(v.key for v in VOICES for name in names if name and v.pattern.fullmatch(name))


def canonical_key(key: str, own: frozenset[str] = frozenset()) -> str:
    """The one key of a voice: the reporter's own key (in ``own``) is "outlet"."""
    return "outlet" if key in own else SAME_VOICE.get(key, key)


def _canonical(items: set, own: frozenset[str], at: int) -> set:
    return {(*item[:at], canonical_key(item[at], own), *item[at + 1 :]) for item in items}


def figures(result: dict, outcome: str) -> set:
    out = set()
    for src in result["sources"]:
        for claim in src["claims"]:
            if claim["outcome"] == outcome:
                out.add((src["key"], claim["min"], claim["max"]))
                break
    return out


def allegations(result: dict) -> set:
    key_of = {src["name"]: src["key"] for src in result["sources"]}
    return {
        (a["actor"], key_of.get(name, name), a["stance"])
        for a in result["alleged"]
        for name in a["alleged_by"]
    }


def score_rows(rows: list[dict], results: dict[str, dict]) -> dict[str, Score]:
    scores = {name: Score() for name in FIELDS}
    for row in rows:
        truth, got, rid = row["truth"], results[row["id"]], row["id"]
        _value(
            scores["event_date"], rid, got["event_date"], truth["event_date"], lambda a, b: a == b
        )
        place = got["places"][0] if got["places"] else None
        point = (
            (place["lat"], place["lon"], place["name"])
            if place and place["lat"] is not None
            else None
        )
        tp = truth["place"]
        tolerance = (tp or {}).get("tolerance_km", 10)
        _value(
            scores["place"],
            rid,
            point,
            (tp["lat"], tp["lon"], tp["name"]) if tp else None,
            lambda a, b, tol=tolerance: _km(a[0], a[1], b[0], b[1]) <= tol,
        )
        own = outlet_keys(row.get("outlet", ""))
        for outcome in ("killed", "injured"):
            true = {(k, v[0], v[1]) for k, v in truth[outcome].items()}
            _compare_sets(
                scores[outcome],
                rid,
                _canonical(figures(got, outcome), own, 0),
                _canonical(true, own, 0),
            )
        _compare_sets(
            scores["alleged"],
            rid,
            _canonical(allegations(got), own, 1),
            _canonical({tuple(a) for a in truth["alleged"]}, own, 1),
        )
        _value(
            scores["event_type"],
            rid,
            got["sub_event_type"],
            truth["sub_event_type"],
            lambda a, b: a == b,
        )
    return scores


def by_split(rows: list[dict]) -> dict[str, list[dict]]:
    out = defaultdict(list)
    for row in rows:
        out[row["split"]].append(row)
    return dict(out)
