"""An editor's decision on a candidate link (events.linking): the imported row and the
existing incident are one event (confirm) or two (split)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import IncidentLink, LinkStatus
from events.services.derived import changes
from events.services.incidents import require_edit_rights
from events.services.parts import save_incident_part
from events.services.workflow import WorkflowError, delete_or_archive_incident


def _open(link: IncidentLink) -> IncidentLink:
    link = (
        IncidentLink.objects.select_for_update(of=("self",))
        .select_related("incident", "other")
        .get(pk=link.pk)
    )
    if link.status != LinkStatus.CANDIDATE or link.other is None:
        raise WorkflowError(
            _("%(link)s is not a candidate link any more.") % {"link": link.external_id}
        )
    return link


@transaction.atomic
def confirm_link(*, link: IncidentLink, user) -> IncidentLink:
    """Same event: the row's sources, claims and attributions move to the existing
    incident, the row's own incident is removed (archived if it was ever public),
    and the link makes a re-import find the existing incident."""
    link = _open(link)
    own, other = link.incident, link.other
    require_edit_rights(user=user, incident=other)
    reason = f"Confirmed as the same event as {link.external_id}"
    with changes():
        for part in [*own.sources.all(), *own.claims.all(), *own.attributions.all()]:
            save_incident_part(part=part, data={"incident": other}, user=user, reason=reason)
        delete_or_archive_incident(incident=own, user=user)
    link.incident, link.other, link.status = other, None, LinkStatus.CONFIRMED
    link.decided_by, link.decided_at = user, timezone.now()
    link.save()
    return link


@transaction.atomic
def split_link(*, link: IncidentLink, user) -> IncidentLink:
    """Different events: both incidents stay; the pair is not proposed again."""
    link = _open(link)
    require_edit_rights(user=user, incident=link.incident)
    link.status = LinkStatus.SPLIT
    link.decided_by, link.decided_at = user, timezone.now()
    link.save()
    return link
