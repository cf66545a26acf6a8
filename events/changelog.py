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

from django.utils.translation import gettext, ngettext, pgettext
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
        if self.noun == "incident":
            out = SENTENCES[self.noun, self.action]()
        else:
            out = SENTENCES[self.noun, self.action](self.count) % {"count": digits(self.count)}
        if not self.fields:
            return out
        separator = pgettext("list separator", ", ")
        listed = separator.join(str(name) for name in self.fields)
        return gettext("%(change)s: %(fields)s") % {"change": out, "fields": listed}


SENTENCES = {
    ("incident", "added"): lambda: gettext("Incident record added"),
    ("incident", "changed"): lambda: gettext("Incident record changed"),
    ("incident", "removed"): lambda: gettext("Incident record removed"),
    ("source", "added"): lambda n: ngettext("%(count)s source added", "%(count)s sources added", n),
    ("source", "changed"): lambda n: ngettext(
        "%(count)s source changed", "%(count)s sources changed", n
    ),
    ("source", "removed"): lambda n: ngettext(
        "%(count)s source removed", "%(count)s sources removed", n
    ),
    ("casualty claim", "added"): lambda n: ngettext(
        "%(count)s casualty claim added", "%(count)s casualty claims added", n
    ),
    ("casualty claim", "changed"): lambda n: ngettext(
        "%(count)s casualty claim changed", "%(count)s casualty claims changed", n
    ),
    ("casualty claim", "removed"): lambda n: ngettext(
        "%(count)s casualty claim removed", "%(count)s casualty claims removed", n
    ),
    ("attribution", "added"): lambda n: ngettext(
        "%(count)s attribution added", "%(count)s attributions added", n
    ),
    ("attribution", "changed"): lambda n: ngettext(
        "%(count)s attribution changed", "%(count)s attributions changed", n
    ),
    ("attribution", "removed"): lambda n: ngettext(
        "%(count)s attribution removed", "%(count)s attributions removed", n
    ),
}


NOUNS = ("incident", "source", "casualty claim", "attribution")


def _label(model, name: str) -> str:
    if name in LABELS:
        return LABELS[name]
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
