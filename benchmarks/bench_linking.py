"""Quality of cross-dataset linking (events.linking) on the labelled pairs in
tests/data/linking_pairs.csv: records coded from reports UCDP GED cites (or other
UCDP rows) against UCDP rows, same event or not (the labelling rule is in
events/linking_eval.py). Precision and recall of the automatic joins, and of joins
plus candidates (what an editor is shown), on the tune split (the rules and weights
were set on it) and the report split (never tuned on).

    .venv/bin/python benchmarks/bench_linking.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings.test")
    import django

    django.setup()
    from harness import report

    from events.linking_eval import evaluate, precision_recall

    outcomes = evaluate()
    print(f"bench_linking: {len(outcomes)} labelled pairs ({sum(o.same for o in outcomes)} same)")
    for split in ("tune", "report"):
        part = [o for o in outcomes if o.split == split]
        same = sum(o.same for o in part)
        label = f"{split} split ({len(part)} pairs, {same} same)"
        p, r = precision_recall(part)
        report(f"{label}: joined automatically, precision / recall", f"{p:.2f} / {r:.2f}")
        p, r = precision_recall(part, accept=("joined", "candidate"))
        report(f"{label}: joined or candidate, precision / recall", f"{p:.2f} / {r:.2f}")
        for o in part:
            if o.same != (o.predicted == "joined"):
                verdict = "same" if o.same else "different"
                print(f"  {o.pair}: {verdict} -> {o.predicted} ({o.reason})")


if __name__ == "__main__":
    main()
