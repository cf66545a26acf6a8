"""What the extraction tests read off a result: one place for running a made-up
text through extract_report and for the sets they compare (the scorer's own
``allegations``, events.extraction.evaluation)."""

from events.extraction import extract_report, parse_report
from events.extraction.casualties import find_claims
from events.extraction.evaluation import allegations


def extract(text, *, dateline, outlet):
    report = parse_report({"text": text, "dateline": dateline, "outlet": outlet})
    return extract_report(report, with_duplicates=False)


def day(text: str, dateline: str) -> str | None:
    """The event date the extractor gives a text (YYYY-MM-DD or None)."""
    return extract(text, dateline=dateline, outlet="Example Wire")["event_date"]


def alleged(text, *, outlet="Example Wire", dateline="2018-03-06") -> set:
    """(actor, key of the source alleging it, stance) triples."""
    return allegations(extract(text, dateline=dateline, outlet=outlet))


def figures(text, *, dateline, outlet) -> set:
    """(source key, outcome, min, max) of every claim."""
    result = extract(text, dateline=dateline, outlet=outlet)
    return {
        (s["key"], c["outcome"], c["min"], c["max"]) for s in result["sources"] for c in s["claims"]
    }


def claims(sentence) -> list:
    """(outcome, min, max) of each claim one sentence makes."""
    return [(c.outcome, c.min, c.max) for c in find_claims(sentence)]
