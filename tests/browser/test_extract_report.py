"""Acceptance (issue 14): an editor pastes the seed report into "New incident from a
report", checks the highlighted spans, corrects one field and saves the draft.

The draft gets a distinct "[browser test]" title: it re-enters real reporting (AFP,
24 October 2017) in a throwaway test database, never presented as another event."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from events.models import CasualtyClaim, Incident, IncidentStatus
from events.permissions import EDITOR_GROUP, sync_workflow_groups

pytestmark = pytest.mark.browser

SEED = json.loads((Path(__file__).parents[1] / "data" / "extraction_seed.json").read_text("utf-8"))
PASSWORD = "browser-test-pass-5531"
TITLE = "[browser test] Air strikes on Al-Qusur (draft from the AFP report)"


@pytest.fixture
def editor(transactional_db):
    sync_workflow_groups()
    user = get_user_model().objects.create_user("editor_rana", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


def mark(page, ref):
    return page.locator(f'#report-text mark[data-refs~="{ref}"]')


def test_editor_turns_a_report_into_a_draft(page, editor, artifacts_dir, backend_name):
    page.goto("/admin/login/?next=/admin/events/incident/")
    page.fill("#id_username", "editor_rana")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/events/incident/$"))
    page.click("#from-report-link")
    page.wait_for_url(re.compile(r"/from-report/$"))

    page.fill("#id_text", SEED["text"])
    page.fill("#id_outlet", "AFP")
    page.fill("#id_dateline", "2017-10-24")
    page.click("#extract-button")
    page.wait_for_selector("#report-text")
    # The page's script runs deferred: wait until it has bound its listeners.
    page.wait_for_selector("#report-extract-form[data-bound]")

    # Each value is highlighted where the text says it.
    assert mark(page, "event_date").first.inner_text() == "late Monday"
    assert mark(page, "places/0").first.inner_text() == "Al-Qusur"
    assert "At least 22 people" in mark(page, "sources/0/claims/0").first.inner_text()
    assert mark(page, "perpetrator_stated").first.inner_text() == "unidentified aircraft"
    assert page.locator("#report-text mark").count() >= 12
    assert "2017-10-23-deir-ez-zor-al-qusur-air-strikes" in page.inner_text("#report-duplicates")
    assert "No response from coalition" in page.inner_text("#report-flags")
    assert page.input_value("#id_incident-date_start") == "2017-10-23"
    assert page.input_value("#id_incident-place") == "al-qusur"

    # A field lights its span up.
    page.focus("#id_incident-date_start")
    assert "hl-active" in (mark(page, "event_date").first.get_attribute("class") or "")
    gov_row = page.locator(
        "tr.source-row", has=page.locator('input[value="Government source (anonymous)"]')
    )
    gov_row.locator("input[name$=injured_min]").focus()
    active = page.locator("#report-text mark.hl-active").all_inner_texts()
    assert any("more than 30 others" in text for text in active), active
    page.screenshot(
        path=artifacts_dir / f"extract-report-review-{backend_name}.png", full_page=True
    )

    # The editor corrects one field, then saves.
    page.fill("#id_incident-title", TITLE)
    page.click("#save-draft")
    page.wait_for_url(re.compile(r"/admin/events/incident/\d+/change/$"))
    assert "saved with 3 source(s)" in page.inner_text(".messagelist")
    page.screenshot(
        path=artifacts_dir / f"extract-report-saved-{backend_name}.png", full_page=False
    )

    incident = Incident.objects.get(title=TITLE)
    assert incident.status == IncidentStatus.DRAFT
    assert incident.created_by == editor
    assert incident.sources.count() == 3
    assert incident.attributions.filter(actor__slug="us_led_coalition").count() == 2
    gov = CasualtyClaim.objects.get(
        incident=incident, source__name="Government source (anonymous)", outcome="injured"
    )
    assert (gov.min_value, gov.max_value, gov.wording) == (31, None, "more than 30 others")
    assert page.console_errors == []
