"""Quality of cross-dataset linking (events.linking) on the labelled pairs in
tests/data/linking_pairs.csv (8 same-event pairs, 18 different-event pairs; see the
file's notes). Precision and recall of the automatic joins, and of joins plus
candidates (what an editor is shown). The set was also used to set the rules
(a development set, not a held-out one).

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
    same = sum(o.same for o in outcomes)
    print(f"bench_linking: {len(outcomes)} labelled pairs ({same} same event)")
    p, r = precision_recall(outcomes)
    report("joined automatically: precision", f"{p:.2f}")
    report("joined automatically: recall", f"{r:.2f}")
    p, r = precision_recall(outcomes, accept=("joined", "candidate"))
    report("joined or candidate: precision", f"{p:.2f}")
    report("joined or candidate: recall", f"{r:.2f}")
    for o in outcomes:
        if o.same != (o.predicted == "joined"):
            print(f"  {o.pair}: {'same' if o.same else 'different'} -> {o.predicted} ({o.reason})")


if __name__ == "__main__":
    main()
