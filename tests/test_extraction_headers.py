"""A report saved with a date header glued to its first sentence ("date 2017-10-24 At
least 22 people were killed ..."), as the seed file in ../shared/seed/ is: the header
is the filing date, not part of the story (events/extraction/headers.py)."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from events.extraction import extract_report, parse_report
from events.extraction.headers import blank_header, header_date

SEED = json.loads((Path(__file__).parent / "data" / "extraction_seed.json").read_text("utf-8"))
HEADED = " date 2017-10-24 " + SEED["text"]


@pytest.mark.parametrize(
    "text, day",
    [
        ("date 2017-10-24 At least", dt.date(2017, 10, 24)),
        ("Date: 2017-10-24\nAt least", dt.date(2017, 10, 24)),
        ("Published: 2019-07-03T21:10Z Three killed", dt.date(2019, 7, 3)),
        ("dated 03/07/2019 Three killed", dt.date(2019, 7, 3)),
    ],
)
def test_header_date_reads_the_usual_headers(text, day):
    end, found = header_date(text)
    assert found == day
    assert text[end:].lstrip().startswith(("At", "Three"))


@pytest.mark.parametrize(
    "text",
    [
        "At least 22 people were killed on 2017-10-23.",
        "Date palms burned in 2019 near Mayadin.",  # a word, not a header
        "date 2017-02-30 Two killed",  # no such day
    ],
)
def test_no_header_where_there_is_none(text):
    assert header_date(text) == (0, None)
    assert blank_header(text) == text


def test_blanking_keeps_every_offset():
    blanked = blank_header(HEADED)
    assert len(blanked) == len(HEADED)
    assert blanked.strip() == SEED["text"].strip()


def _summary(result):
    claims = {
        (s["key"], c["outcome"]): (c["min"], c["max"])
        for s in result["sources"]
        for c in s["claims"]
    }
    return result["event_date"], result["date_precision"], claims


@pytest.mark.django_db
def test_headed_seed_reads_as_the_plain_seed(seed_incident):
    plain = extract_report(parse_report({**SEED, "id": "plain"}))
    headed = extract_report(parse_report({**SEED, "text": HEADED, "id": "headed"}))
    assert _summary(headed) == _summary(plain)
    date, precision, claims = _summary(headed)
    assert (date, precision) == ("2017-10-23", "day")
    assert claims[("sohr", "killed")] == (22, None)  # "at least 22", not the header's 24
    assert claims[("gov_source", "injured")] == (31, None)
    assert headed["perpetrator_stated"] == "unidentified aircraft"
    assert headed["multi_incident"] is False
    assert headed["places"][0]["slug"] == "al-qusur"
    # spans point into the text as given, header included
    start, end = headed["spans"]["event_date"]
    assert HEADED[start:end] == "late Monday"
    start, end = headed["spans"]["places/0"]
    assert HEADED[start:end] == "Al-Qusur"


@pytest.mark.django_db
def test_cli_takes_a_headed_file_without_dateline(tmp_path, seed_incident):
    report = tmp_path / "seed.txt"
    report.write_text(HEADED, encoding="utf-8")
    out = io.StringIO()
    call_command("extract_report", str(report), "--outlet", "AFP", stdout=out)
    (result,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert result["dateline"] == "2017-10-24"
    assert result["event_date"] == "2017-10-23"
    assert "2017-10-23-deir-ez-zor-al-qusur-air-strikes" in result["duplicates"]
