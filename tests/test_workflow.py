"""The review workflow: roles from the data migration, who may take which step,
what the public sees, and deletion as archiving."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from events import selectors
from events.models import Incident, IncidentStatus
from events.permissions import (
    EDITOR_GROUP,
    REVIEWER_GROUP,
    allowed_transitions,
    can_edit_incident,
)
from events.services import WorkflowError, delete_or_archive_incident, transition_incident
from tests.accounts import make_editor, make_reviewer
from tests.factories import IncidentFactory, SourceFactory


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def reviewer(db):
    return make_reviewer()


def draft_by(user, **kwargs):
    incident = IncidentFactory(status=IncidentStatus.DRAFT, created_by=user, **kwargs)
    SourceFactory(incident=incident)
    return incident


def test_the_migration_creates_both_groups_with_their_powers(db):
    editor = set(
        Group.objects.get(name=EDITOR_GROUP).permissions.values_list("codename", flat=True)
    )
    reviewer = set(
        Group.objects.get(name=REVIEWER_GROUP).permissions.values_list("codename", flat=True)
    )
    assert {"add_incident", "change_incident", "add_casualtyclaim", "view_place"} <= editor
    assert "publish_incident" not in editor and "change_controlzone" not in editor
    assert {"publish_incident", "change_controlzone", "add_place"} <= reviewer
    assert editor < reviewer


def test_an_editor_edits_own_drafts_only(editor, reviewer):
    own = draft_by(editor)
    other = draft_by(reviewer)
    assert can_edit_incident(editor, own)
    assert not can_edit_incident(editor, other)
    transition_incident(incident=own, transition="submit", user=editor)
    assert own.status == IncidentStatus.REVIEW
    assert not can_edit_incident(editor, own)  # in review: hands off
    assert can_edit_incident(reviewer, own)


def test_only_a_reviewer_publishes_and_the_public_then_sees_it(editor, reviewer):
    incident = draft_by(editor, synthetic=False)
    transition_incident(incident=incident, transition="submit", user=editor)
    assert [t.name for t in allowed_transitions(editor, incident)] == []
    with pytest.raises(WorkflowError, match="may not publish"):
        transition_incident(incident=incident, transition="publish", user=editor)
    public = {i.code for i in selectors.public_incidents()}
    assert incident.code not in public
    assert selectors.incident_visible_to(user=AnonymousUser(), code=incident.code) is None
    assert selectors.incident_visible_to(user=editor, code=incident.code) == incident

    transition_incident(incident=incident, transition="publish", user=reviewer)
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.PUBLISHED and incident.published_at
    assert incident.code in {i.code for i in selectors.public_incidents()}
    record = incident.history.first()
    assert (record.history_user, record.history_change_reason) == (reviewer, "Published")


def test_an_incident_without_source_or_location_cannot_go_forward(editor):
    incident = IncidentFactory(status=IncidentStatus.DRAFT, created_by=editor, geom=None)
    with pytest.raises(WorkflowError, match=r"no location.*no source"):
        transition_incident(incident=incident, transition="submit", user=editor)
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.DRAFT


def test_reviewer_returns_and_archives(editor, reviewer):
    incident = draft_by(editor)
    transition_incident(incident=incident, transition="publish", user=reviewer)
    transition_incident(incident=incident, transition="return", user=reviewer)
    assert incident.status == IncidentStatus.DRAFT and incident.published_at
    transition_incident(incident=incident, transition="archive", user=reviewer)
    assert incident.status == IncidentStatus.ARCHIVED
    with pytest.raises(WorkflowError, match="may not publish"):
        transition_incident(incident=incident, transition="publish", user=reviewer)


def test_deleting_a_published_incident_archives_it(editor, reviewer):
    incident = draft_by(editor)
    transition_incident(incident=incident, transition="publish", user=reviewer)
    with pytest.raises(WorkflowError):
        delete_or_archive_incident(incident=incident, user=editor)
    assert delete_or_archive_incident(incident=incident, user=reviewer) == "archived"
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.ARCHIVED
    assert incident.sources.count() == 1  # nothing removed


def test_a_never_published_draft_is_really_deleted_by_its_author(editor):
    incident = draft_by(editor)
    pk = incident.pk
    assert delete_or_archive_incident(incident=incident, user=editor) == "deleted"
    assert not Incident.objects.filter(pk=pk).exists()
    assert Incident.history.filter(id=pk, history_type="-").get().history_user == editor
