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

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from events.history import changed_fields, with_previous
from events.models import Attribution, CasualtyClaim, Incident, Source

HIDDEN_FIELDS = {"created_by", "published_at", "synthetic", "external_id", "id", "incident"}
ACTIONS = {"+": "added", "~": "changed", "-": "removed"}
LABELS = {
    "geom": gettext_lazy("location"),
    "uncertainty_m": gettext_lazy("uncertainty radius"),
    "source": gettext_lazy("source"),
}


def _subject(noun: str, count: int) -> str:
    if noun == "source":
        return ngettext("%(count)d source", "%(count)d sources", count) % {"count": count}
    if noun == "casualty claim":
        text = ngettext("%(count)d casualty claim", "%(count)d casualty claims", count)
        return text % {"count": count}
    if noun == "attribution":
        text = ngettext("%(count)d attribution", "%(count)d attributions", count)
        return text % {"count": count}
    return _("Incident record")


def _entry_text(subject: str, action: str) -> str:
    if action == "added":
        return _("%(subject)s added") % {"subject": subject}
    if action == "removed":
        return _("%(subject)s removed") % {"subject": subject}
    return _("%(subject)s changed") % {"subject": subject}


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
        out = _entry_text(_subject(self.noun, self.count), self.action)
        if not self.fields:
            return out
        return _("%(change)s: %(fields)s") % {
            "change": out,
            "fields": _(", ").join(str(name) for name in self.fields),
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
