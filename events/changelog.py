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

from django.utils.translation import gettext, ngettext_lazy, pgettext
from django.utils.translation import gettext_lazy as _

from events.display import digits
from events.history import changed_fields, with_previous
from events.models import Attribution, CasualtyClaim, Incident, Source

HIDDEN_FIELDS = {"created_by", "published_at", "synthetic", "external_id", "id", "incident"}
ACTIONS = {"+": "added", "~": "changed", "-": "removed"}
LABELS = {"geom": _("location"), "uncertainty_m": _("uncertainty radius"), "source": _("source")}


@dataclass
class ChangeEntry:
    """Changes of one kind to one part of the record on one day."""

    day: object
    noun: str
    action: str
    count: int = 1
    fields: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """'4 sources added', 'Incident record changed: title, summary', in the
        page's language (one sentence per part and action, for Arabic word order)."""
        sentence = PARTS[self.noun][list(ACTIONS.values()).index(self.action)]
        if self.noun == "incident":
            out = str(sentence)
        else:
            out = str(sentence % {"count": self.count, "shown": digits(self.count)})
        if not self.fields:
            return out
        separator = pgettext("list separator", ", ")
        listed = separator.join(str(name) for name in self.fields)
        return gettext("%(change)s: %(fields)s") % {"change": out, "fields": listed}


# One sentence per part and action (Arabic word order and plurals differ by both).
# Plural forms are chosen by "count"; "shown" is the count in the reader's digits.
PARTS = {
    "source": (
        ngettext_lazy("%(shown)s source added", "%(shown)s sources added", "count"),
        ngettext_lazy("%(shown)s source changed", "%(shown)s sources changed", "count"),
        ngettext_lazy("%(shown)s source removed", "%(shown)s sources removed", "count"),
    ),
    "casualty claim": (
        ngettext_lazy("%(shown)s casualty claim added", "%(shown)s casualty claims added", "count"),
        ngettext_lazy(
            "%(shown)s casualty claim changed", "%(shown)s casualty claims changed", "count"
        ),
        ngettext_lazy(
            "%(shown)s casualty claim removed", "%(shown)s casualty claims removed", "count"
        ),
    ),
    "attribution": (
        ngettext_lazy("%(shown)s attribution added", "%(shown)s attributions added", "count"),
        ngettext_lazy("%(shown)s attribution changed", "%(shown)s attributions changed", "count"),
        ngettext_lazy("%(shown)s attribution removed", "%(shown)s attributions removed", "count"),
    ),
    "incident": (
        _("Incident record added"),
        _("Incident record changed"),
        _("Incident record removed"),
    ),
}


NOUNS = ("incident", "source", "casualty claim", "attribution")


def _label(model, name: str) -> str:
    if name in LABELS:
        return str(LABELS[name])
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name.replace("_", " ")


def _raw(records, *, model, noun) -> list[tuple]:
    """(when, noun, action, changed fields) for the history records of one kind;
    changes that touch only hidden fields are left out."""
    out = []
    for record, previous in with_previous(records):
        action = ACTIONS.get(record.history_type, "changed")
        changed: list[str] = []
        if record.history_type == "~" and previous is not None:
            changed = [
                _label(model, name)
                for name in changed_fields(record, previous)
                if name not in HIDDEN_FIELDS
            ]
            if not changed:
                continue
        out.append((record.history_date, noun, action, changed))
    return out


def incident_changelog(*, incident: Incident, limit: int = 30) -> list[ChangeEntry]:
    """Newest day first; within a day, the record before its parts. At most
    ``limit`` entries."""
    raw = _raw(incident.history.all(), model=Incident, noun="incident")
    for model, noun in (
        (Source, "source"),
        (CasualtyClaim, "casualty claim"),
        (Attribution, "attribution"),
    ):
        raw += _raw(model.history.filter(incident_id=incident.pk), model=model, noun=noun)
    grouped: dict[tuple, ChangeEntry] = {}
    for when, noun, action, changed in raw:
        key = (when.date(), noun, action)
        entry = grouped.get(key)
        if entry is None:
            grouped[key] = ChangeEntry(day=when.date(), noun=noun, action=action, fields=changed)
            continue
        entry.count += 1
        entry.fields += [name for name in changed if name not in entry.fields]
    entries = sorted(
        grouped.values(),
        key=lambda e: (
            -e.day.toordinal(),
            NOUNS.index(e.noun),
            list(ACTIONS.values()).index(e.action),
        ),
    )
    return entries[:limit]
