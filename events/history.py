"""Reading django-simple-history: each saved version of an object together with
the version before it, and what changed between them. Shared by the public
change history (events.changelog) and the admin's history of an incident's parts
(events.selectors.incident_related_history)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator


def with_previous(records) -> Iterator[tuple[object, object | None]]:
    """``(record, previous)`` for every history record of ``records`` (any number
    of objects, any order), ``previous`` being the same object's version before it
    (None for the first). Reads the records once: no query per record."""
    by_object: dict[int, list] = defaultdict(list)
    for record in records:
        by_object[record.id].append(record)
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for record in versions:
            yield record, previous
            previous = record


def changed_fields(record, previous) -> list[str]:
    """Names of the fields a change ("~") touched; empty for additions, removals
    and the first version on file."""
    if record.history_type != "~" or previous is None:
        return []
    return sorted(record.diff_against(previous).changed_fields)
