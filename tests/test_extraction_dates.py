"""The event's day from the words of a report and its dateline (issue 14).

Every sentence here is written for these tests (synthetic wording, no real incident).
"""

import datetime as dt

import pytest

from events.extraction import extract_report, parse_report
from events.extraction.dates import filed_day, find_dates, opening_date

MONDAY = dt.date(2017, 10, 23)


@pytest.mark.parametrize(
    "sentence, day, precision",
    [
        # a weekday is the latest such day on or before the dateline
        ("Air strikes on Sunday killed 12 people.", "2017-10-22", "day"),
        ("Air strikes on Monday killed 12 people.", "2017-10-23", "day"),
        ("Air strikes killed 12 people Sunday.", "2017-10-22", "day"),
        ("Air strikes killed 12 people on Tuesday.", "2017-10-17", "day"),
        ("Air strikes late Sunday killed 12 people.", "2017-10-22", "day"),
        ("Air strikes early on Monday killed 12 people.", "2017-10-23", "day"),
        ("Air strikes killed 12 people on Friday night.", "2017-10-20", "day"),
        ("Air strikes killed 12 people late on Saturday night.", "2017-10-21", "day"),
        ("Air strikes killed 12 people in the early hours of Monday.", "2017-10-23", "day"),
        ("Air strikes killed 12 people before dawn on Sunday.", "2017-10-22", "day"),
        ("An air strike on Sunday's market killed 12 people.", "2017-10-22", "day"),
        ("Air strikes killed 12 people on the night of Saturday to Sunday.", "2017-10-21", "day"),
        # words relative to the dateline
        ("Air strikes killed 12 people yesterday.", "2017-10-22", "day"),
        ("Air strikes killed 12 people last night.", "2017-10-22", "day"),
        ("Air strikes killed 12 people this morning.", "2017-10-23", "day"),
        ("Air strikes overnight killed 12 people.", "2017-10-23", "day"),
        ("Air strikes killed 12 people two days ago.", "2017-10-21", "day"),
        ("Shells hit the town during the night, killing two.", "2017-10-23", "day"),
        ("A blast a few hours ago killed three people.", "2017-10-23", "day"),
        # calendar dates, with and without a year
        ("Air strikes killed 12 people on October 21.", "2017-10-21", "day"),
        ("Air strikes killed 12 people on 21 October.", "2017-10-21", "day"),
        ("Air strikes killed 12 people on Oct. 21.", "2017-10-21", "day"),
        ("Air strikes killed 12 people on March 3.", "2017-03-03", "day"),
        ("Air strikes killed 12 people on 30 December.", "2016-12-30", "day"),
        ("Air strikes killed 12 people on Sunday 22 October 2017.", "2017-10-22", "day"),
        # coarser precision
        ("Air strikes last week killed 12 people.", "2017-10-16", "week"),
        ("Air strikes killed 12 people earlier this week.", "2017-10-23", "week"),
        ("Air strikes killed 12 people last month.", "2017-09-01", "month"),
    ],
)
def test_a_date_phrase_resolves_against_the_dateline(sentence, day, precision):
    (found,) = find_dates(sentence, MONDAY)
    assert (found.date.isoformat(), found.precision, found.reporting) == (day, precision, "")


@pytest.mark.parametrize(
    "sentence, verb",
    [
        ("Twelve people were killed, the Observatory said on Monday.", "said"),
        ("Twelve people were killed, activists said Monday.", "said"),
        ("The ministry on Sunday denied striking the town.", "denied"),
        ("The monitor tweeted on Sunday that 12 people had died.", "tweeted"),
        ("The group claimed responsibility on Sunday for the bombing.", "claimed responsibility"),
        # the day a count stood or was updated
        ("The monitor said the toll had risen to six by Monday.", "by"),
        ("The death toll rose to 14 on Sunday.", "rose"),
        ("As of Sunday, the death toll had reached 74.", "as of"),
    ],
)
def test_a_day_that_hangs_on_a_reporting_verb_is_marked(sentence, verb):
    (found,) = find_dates(sentence, MONDAY)
    assert found.reporting == verb


def test_the_wires_dateline_is_marked_as_the_filing_day():
    (found,) = find_dates("BEIRUT, Oct 23 (Reuters) - Air strikes killed 12 people.", MONDAY)
    assert (found.date, found.reporting) == (MONDAY, "dateline")


@pytest.mark.parametrize(
    "text, day",
    [
        ("BEIRUT, Oct 21 (Reuters) - Air strikes killed 12 people.", "2017-10-21"),
        ("DAMASCUS, Oct. 22 (Xinhua) -- Air strikes killed 12 people.", "2017-10-22"),
        ("MOSCOW, October 23. /TASS/. Air strikes killed 12 people.", "2017-10-23"),
        # no dated dateline, or one after the given dateline or long before it: the given one
        ("BEIRUT (Reuters) - Air strikes killed 12 people.", "2017-10-23"),
        ("Air strikes killed 12 people in Ariha on Oct 20.", "2017-10-23"),
        ("BEIRUT, Sept 2 (Reuters) - Air strikes killed 12 people.", "2017-10-23"),
    ],
)
def test_a_reposted_story_counts_days_from_its_own_dateline(text, day):
    assert filed_day(text, MONDAY).isoformat() == day


@pytest.mark.parametrize(
    "sentence, opens",
    [
        ("On Saturday, three civilians were killed in Jarablus.", True),
        ("Last week, five people were killed in an ambush.", True),
        ("Earlier on Saturday, a mine killed two shepherds.", True),
        ("According to the governor, on October 20, militants shelled a school.", True),
        ("Three civilians were killed in Jarablus on Saturday.", False),
        ("On Saturday, the ministry said, three civilians were killed.", True),
    ],
)
def test_a_sentence_that_opens_on_a_day(sentence, opens):
    found = opening_date(sentence, find_dates(sentence, MONDAY))
    assert (found is not None) == opens


def _result(text, dateline="2017-10-23", outlet="AFP"):
    return extract_report(
        parse_report({"text": text, "dateline": dateline, "outlet": outlet}),
        with_duplicates=False,
    )


def _killed(result):
    claims = [(s["key"], c) for s in result["sources"] for c in s["claims"]]
    return {(key, c["min"]) for key, c in claims if c["outcome"] == "killed"}


def test_a_later_sentence_opening_on_another_day_with_its_own_toll_is_another_incident(db):
    result = _result(
        "A car bomb killed eight people in Azaz, the Observatory said on Monday. On Saturday, "
        "three civilians were killed in a similar attack in Jarablus."
    )
    assert result["event_date"] == "2017-10-23"
    assert _killed(result) == {("sohr", 8)}
    assert result["multi_incident"] is True


def test_a_later_sentence_opening_on_another_day_with_an_attack_of_its_own(db):
    result = _result(
        "Ten civilians were killed when mortars hit a school in Tell Rifaat, the Russian "
        "reconciliation centre said on Monday. According to the centre, on October 20, "
        "militants carried out a rocket attack on a house in Aleppo."
    )
    assert result["event_date"] == "2017-10-23"


def test_the_same_toll_told_again_on_its_day_dates_the_event(db):
    result = _result(
        "A car bomb killed eight people in Azaz, the Observatory said on Monday. On Sunday, "
        "the bomb went off near a crowded market, killing eight people."
    )
    assert result["event_date"] == "2017-10-22"


def test_relative_days_count_from_a_reposted_storys_own_dateline(db):
    result = _result(
        "BEIRUT, Oct 22 (Reuters) - Air strikes killed 12 people in Ariha yesterday, the "
        "Syrian Observatory for Human Rights said.",
        dateline="2017-10-24",
        outlet="Reuters",
    )
    assert result["event_date"] == "2017-10-21"


def test_a_voices_day_beats_the_wires_filing_day(db):
    # The wire filed on Tuesday; the centre spoke on Monday; no day is given for the attack.
    result = _result(
        "MOSCOW, October 24. /TASS/. Six civilians were killed in shelling on Aleppo, the "
        "head of the Russian reconciliation centre told reporters on Monday.",
        dateline="2017-10-24",
        outlet="TASS",
    )
    assert result["event_date"] == "2017-10-23"


def test_a_claim_of_responsibility_does_not_date_the_attack(db):
    result = _result(
        "Islamic State claimed responsibility on Monday for a suicide bombing in Qamishli "
        "that killed 20 people. The bombers struck two restaurants on Sunday evening, "
        "SANA said."
    )
    assert result["event_date"] != "2017-10-23"


def test_today_in_a_quotation_counts_from_the_day_the_voice_spoke(db):
    # Tuesday's copy of a statement made on Monday.
    result = _result(
        "A US drone killed a militant commander near Idlib, Central Command said on Monday. "
        '"US forces conducted a strike near Idlib today on a senior leader," a spokesman '
        "said in a statement.",
        dateline="2017-10-24",
        outlet="AP",
    )
    assert result["event_date"] == "2017-10-23"


def test_earlier_in_the_day_is_the_datelines_day():
    (found,) = find_dates("A second blast hit the town earlier in the day.", MONDAY)
    assert found.date == MONDAY


def test_the_day_a_toll_was_updated_does_not_make_it_another_incident(db):
    result = _result(
        "A car bomb killed four people in Azaz on Saturday. The Syrian Observatory for Human "
        "Rights said the toll had risen to six by Monday."
    )
    assert result["event_date"] == "2017-10-21"
    assert ("sohr", 6) in _killed(result)
    assert result["multi_incident"] is False


def test_killed_by_a_days_strike_is_that_days_event():
    (found,) = find_dates("Nine people were killed by Sunday's air strikes.", MONDAY)
    assert (found.date.isoformat(), found.reporting) == ("2017-10-22", "")


def test_a_sentence_opening_on_the_first_day_the_text_gives_dates_the_event(db):
    result = _result(
        "BEIRUT, Oct 23 (Reuters) - Twelve people were killed in Ariha, the Observatory "
        "said. On Sunday, an air strike hit a crowded market in the town.",
        outlet="Reuters",
    )
    assert result["event_date"] == "2017-10-22"
