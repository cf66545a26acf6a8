"""A public change-history summary of one incident, read from
django-simple-history: when the record, its sources, claims and attributions
were added, changed or removed, and which fields changed.

What it leaves out, on purpose: who made the change (staff usernames stay
private; the admin's own history view shows them to staff), the old and new
values (a draft wording may never have been meant for the public), and fields
that are bookkeeping rather than content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from events.models import Attribution, CasualtyClaim, Incident, Source

HIDDEN_FIELDS = {"created_by", "published_at", "synthetic", "external_id", "id", "incident"}
ACTIONS = {"+": "added", "~": "changed", "-": "removed"}


@dataclass
class ChangeEntry:
    when: object
    what: str
    action: str
    fields: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        if self.fields:
            return f"{self.what} {self.action}: {', '.join(self.fields)}"
        return f"{self.what} {self.action}"


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name.replace("_", " ")


def _entries(records, *, model, what) -> list[ChangeEntry]:
    """Entries for one object's history records (newest first, as simple-history
    returns them)."""
    entries = []
    records = list(records)
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        action = ACTIONS.get(record.history_type, "changed")
        changed: list[str] = []
        if record.history_type == "~" and previous is not None:
            delta = record.diff_against(previous)
            changed = [
                _label(model, change.field)
                for change in delta.changes
                if change.field not in HIDDEN_FIELDS
            ]
            if not changed:
                continue
        label = what(record)
        entries.append(ChangeEntry(when=record.history_date, what=label, action=action, fields=changed))
    return entries


def incident_changelog(*, incident: Incident, limit: int = 30) -> list[ChangeEntry]:
    """Newest first, at most ``limit`` entries."""
    entries = _entries(incident.history.all(), model=Incident, what=lambda r: "Incident")
    related = (
        (Source, lambda r: f"Source “{r.name}”"),
        (CasualtyClaim, lambda r: f"Casualty claim ({r.outcome})"),
        (Attribution, lambda r: f"Attribution ({r.role})"),
    )
    for model, what in related:
        history = model.history.filter(incident_id=incident.pk).order_by("id", "-history_date")
        by_object: dict[int, list] = {}
        for record in history:
            by_object.setdefault(record.id, []).append(record)
        for records in by_object.values():
            entries += _entries(records, model=model, what=what)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
