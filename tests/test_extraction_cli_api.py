"""manage.py extract_report and POST /api/v1/extract/ (issue 14)."""

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from tests.accounts import make_editor

SEED = json.loads((Path(__file__).parent / "data" / "extraction_seed.json").read_text("utf-8"))
URL = "/api/v1/extract/"


def run(*args, stdin=None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        call_command("extract_report", *args, stdout=out, stderr=err)
        failed = None
    except CommandError as exc:
        failed = str(exc)
    return [json.loads(line) for line in out.getvalue().splitlines()], failed


@pytest.mark.django_db
def test_cli_reads_json_lines_from_stdin_one_object_per_line(monkeypatch):
    lines = [
        json.dumps({**SEED, "id": "seed"}),
        json.dumps(
            {
                "id": "b",
                "text": "Rockets killed six civilians on Sunday in Aleppo, SANA said.",
                "dateline": "2019-07-14",
            }
        ),
    ]
    results, failed = run("-", stdin="\n".join(lines) + "\n", monkeypatch=monkeypatch)
    assert failed is None
    assert [r["id"] for r in results] == ["seed", "b"]
    assert results[0]["event_date"] == "2017-10-23"
    assert results[0]["duplicates"] == ["2017-10-23-deir-ez-zor-al-qusur-air-strikes"]
    assert results[1]["event_date"] == "2019-07-14"
    assert results[1]["sources"][0]["key"] == "sana"


@pytest.mark.django_db
def test_cli_reports_bad_lines_with_their_numbers_and_goes_on(monkeypatch):
    stdin = "\n".join(
        [
            "{not json",
            json.dumps({"id": "x", "text": "Two killed on Monday.", "dateline": "2018-02-30"}),
            json.dumps(
                {
                    "id": "ok",
                    "text": "Two people were killed on Monday in Idlib.",
                    "dateline": "2018-02-06",
                }
            ),
        ]
    )
    results, failed = run("-", stdin=stdin, monkeypatch=monkeypatch)
    assert results[0]["line"] == 1 and results[0]["error"].startswith("not JSON")
    assert results[1] == {
        "line": 2,
        "id": "x",
        "error": "The dateline must be a date as YYYY-MM-DD, not '2018-02-30'.",
    }
    assert results[2]["id"] == "ok" and results[2]["event_date"] == "2018-02-05"
    assert failed == "2 line(s) could not be read; see the error objects."


@pytest.mark.django_db
def test_cli_plain_text_file_needs_the_dateline(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(SEED["text"], encoding="utf-8")
    results, failed = run(str(report))
    assert results == [] and "give --dateline" in failed
    (result,), failed = run(
        str(report), "--dateline", "2017-10-24", "--outlet", "AFP", "--id", "s1"
    )
    assert failed is None
    assert (result["id"], result["event_date"], result["outlet"]) == ("s1", "2017-10-23", "AFP")
    assert result["places"][0]["slug"] == "al-qusur"


@pytest.mark.django_db
def test_cli_missing_file():
    assert run("/no/such/file.jsonl")[1] == "No such file: /no/such/file.jsonl"


# --- API ----------------------------------------------------------------------------------


@pytest.fixture
def staff(db):
    client = APIClient()
    client.force_login(make_editor("extract_editor"))
    return client


def test_api_refuses_anonymous_users(db):
    response = APIClient().post(URL, SEED, format="json")
    assert response.status_code == 403


def test_api_refuses_logged_in_non_staff(db, django_user_model):
    client = APIClient()
    client.force_login(django_user_model.objects.create_user("reader", password="x-y-z-123456"))
    assert client.post(URL, SEED, format="json").status_code == 403


def test_api_extracts_the_seed_for_staff(staff):
    response = staff.post(URL, {**SEED, "url": "https://example.org/afp-report"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["event_date"] == "2017-10-23" and body["url"] == "https://example.org/afp-report"
    keys = {s["key"] for s in body["sources"]}
    assert {"sohr", "gov_source", "state_tv"} <= keys
    assert body["duplicates"] == ["2017-10-23-deir-ez-zor-al-qusur-air-strikes"]


@pytest.mark.parametrize(
    "payload, message",
    [
        ({"dateline": "2017-10-24"}, "Give the report's text."),
        (
            {"text": "Two killed.", "dateline": "yesterday"},
            "The dateline must be a date as YYYY-MM-DD, not 'yesterday'.",
        ),
        (
            {"text": "x" * 20_001, "dateline": "2017-10-24"},
            "The text is 20,001 characters long; the limit is 20,000.",
        ),
    ],
)
def test_api_bad_input_is_a_400_with_a_reason(staff, payload, message):
    response = staff.post(URL, payload, format="json")
    assert response.status_code == 400
    assert response.json()["error"].startswith(message)


def test_api_malformed_json_is_a_400(staff):
    response = staff.post(URL, "{oops", content_type="application/json")
    assert response.status_code == 400


def test_api_does_not_write(staff):
    from events.models import Incident, Source

    before = (Incident.objects.count(), Source.objects.count())
    assert staff.post(URL, SEED, format="json").status_code == 200
    assert (Incident.objects.count(), Source.objects.count()) == before


def test_cli_on_a_database_never_set_up_says_what_to_run(tmp_path):
    import subprocess
    import sys

    report = tmp_path / "report.txt"
    report.write_text(SEED["text"], encoding="utf-8")
    env = {**os.environ, "DATABASE_URL": f"spatialite:///{tmp_path / 'empty.sqlite3'}"}
    env.pop("DATABASE_REPLICA_URL", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "extract_report", str(report), "--dateline", "2017-10-24"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "The database is not set up" in done.stderr and "make run" in done.stderr
    assert "Traceback" not in done.stderr
