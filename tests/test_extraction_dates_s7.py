"""Report extraction (issue 14): the event's day, session 7's rules, on short sentences
written for these tests (made up, not real incidents).

The dateline of every text is Wednesday 8 May 2019. Each test is one way wire copy
dates an attack: a day counted back from another day the sentence gives, a day a
sentence opens on before its voice speaks, a day told with the attack's verb rather
than a toll, a day naming the attack inside a sentence of background, and days that
are not the event's (a place changing hands, a count's time).
"""

import pytest

from tests.extraction_support import extract

DATELINE = "2019-05-08"  # a Wednesday


def day(text: str) -> str | None:
    return extract(text, dateline=DATELINE, outlet="Example Wire")["event_date"]


# --- a day counted back from another ------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # the night before the day the monitor spoke, not the dateline's
        (
            "The Observatory said on Tuesday that five civilians were killed the night "
            "before when jets struck Daraya.",
            "2019-05-06",
        ),
        (
            "The Observatory said five civilians were killed the previous night when jets "
            "struck Daraya.",
            "2019-05-07",
        ),
        # "two days earlier" counts back from the day the sentence opens on
        (
            "On May 6, a funeral was held in Suwayda for 12 young men killed two days "
            "earlier in clashes with gunmen near Busra al-Sham.",
            "2019-05-04",
        ),
        # the rescue's day is not the blast's: "one day after a blast that killed"
        (
            "Rescuers ended a 16-hour search of a collapsed building in Idlib city on "
            "Tuesday, one day after a massive explosion that killed dozens of residents.",
            "2019-05-06",
        ),
    ],
)
def test_a_day_counted_back_from_the_day_the_sentence_gives(db, text, expected):
    assert day(text) == expected


def test_a_day_after_a_similar_blast_is_no_count_back_when_the_toll_comes_first(db):
    text = (
        "Five people were killed on Sunday in a car bomb in Azaz, three days after a "
        "blast that killed three in al-Bab."
    )
    assert day(text) == "2019-05-05"


# --- the day a voice spoke is not the event's -----------------------------------------


def test_a_sentence_opening_on_the_day_a_statement_was_released(db):
    text = (
        "On Wednesday, the SDF media centre released a statement saying two fighters "
        "were killed in a Turkish drone attack on Kobani. A Turkish drone targeted, on "
        "Tuesday evening, a car west of the town."
    )
    assert day(text) == "2019-05-07"


def test_said_in_a_tweet_on_a_day_is_the_day_of_the_tweet(db):
    text = (
        "A Kurdish official said in a tweet on Tuesday that a Turkish drone had struck "
        "Kobani the previous day, killing two fighters."
    )
    assert day(text) == "2019-05-06"


def test_a_day_a_sentence_opens_on_before_a_voice_tells_an_earlier_toll(db):
    # "On Saturday, X told AFP ... 10 killed": a count of an earlier day, not the event's
    text = (
        "Turkish air raids killed eight civilians on Monday in the village of Jalbara, "
        "a monitor said. On Saturday, a Kurdish spokesman told AFP that Turkish "
        "bombardment had killed 10 people."
    )
    assert day(text) == "2019-05-06"


# --- an attack told by its verb or weapon, with no toll ------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "A suicide attack killed 30 people at the prison in Hasakah. The assault "
            "started Tuesday night with a riot by inmates.",
            "2019-05-07",
        ),
        (
            "At least nine policemen have been killed in Daraa province. The ministry said "
            "the policemen were killed on Monday morning when gunmen attacked them.",
            "2019-05-06",
        ),
        (
            "IS claimed responsibility on Wednesday for a double bombing that killed five "
            "people in Qamishli. The bombers targeted a market on Tuesday evening, the "
            "Observatory said.",
            "2019-05-07",
        ),
        (
            '"Terrorists targeted this afternoon the market of Daraya with a drone," the '
            "army said in a statement. Five civilians were killed.",
            "2019-05-08",
        ),
        (
            "An air strike killed five civilians in Idlib, the Observatory said. It took "
            "place on Monday, the monitor added.",
            "2019-05-06",
        ),
    ],
)
def test_a_sentence_telling_the_attack_without_a_toll_dates_it(db, text, expected):
    assert day(text) == expected


def test_a_day_naming_the_attack_dates_it_inside_background(db):
    text = (
        "A car bomb killed two civilians in Ras al-Ain, the defence ministry said. The "
        "Thursday detonation is the latest in a series of blasts since Turkish forces "
        "took the town."
    )
    assert day(text) == "2019-05-02"


def test_a_reporting_day_dates_mortar_fire_told_without_a_toll_of_its_own(db):
    text = (
        "At least four people were killed by mortar shells in Damascus. Police said on "
        "Tuesday that two shells landed near a square. On Monday, three civilians were "
        "killed in a similar attack in Jaramana."
    )
    assert day(text) == "2019-05-07"


# --- weekdays and calendar days -------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Two civilians were killed at dawn Friday when a bomb went off in Daraa.", "2019-05-03"),
        (
            "Two civilians were killed shortly after midnight when a bomb went off in Daraa.",
            "2019-05-08",
        ),
        (
            "Two civilians were killed on Friday, April 12, when a bomb went off in Daraa.",
            "2019-04-12",
        ),
        ("Five civilians were killed last Wednesday when jets struck Daraya.", "2019-05-01"),
        ("Five civilians were killed last Saturday when jets struck Daraya.", "2019-05-04"),
    ],
)
def test_weekdays_and_calendar_days(db, text, expected):
    assert day(text) == expected


# --- days that are not the event's ----------------------------------------------------


def test_the_day_a_town_changed_hands_is_not_the_event_day(db):
    text = (
        "A car bomb killed eight civilians in the town of Suluk, which was liberated on "
        "Oct. 13 from the YPG, the ministry said on Tuesday."
    )
    assert day(text) == "2019-05-07"


def test_a_similar_strike_on_another_day_is_a_side_story(db):
    text = (
        "An air strike on Idlib killed five civilians, the Observatory said. On Friday, a "
        "similar strike killed three people in Ariha."
    )
    assert day(text) is None


def test_by_the_time_a_rescue_ended_is_when_a_count_stood(db):
    text = (
        "A massive explosion killed dozens of residents in Idlib city on Monday. By the "
        "time rescue operations ended on Tuesday afternoon, the civil defence counted 28 "
        "dead."
    )
    result = extract(text, dateline=DATELINE, outlet="Example Wire")
    assert result["event_date"] == "2019-05-06"
    killed = {
        (s["key"], c["min"])
        for s in result["sources"]
        for c in s["claims"]
        if c["outcome"] == "killed"
    }
    assert ("civil_defence", 28) in killed


# --- a funeral's or a condemnation's day ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Thousands attended on Wednesday the funerals of five civilians killed in an "
        "Israeli strike on Daraya on Tuesday.",
        "Mourners on Wednesday buried five civilians killed in an Israeli strike on Daraya "
        "the day before.",
        "Syria's foreign ministry on Wednesday condemned Tuesday's Israeli strike on "
        "Daraya, which killed five civilians.",
    ],
)
def test_a_funeral_or_a_condemnation_is_not_the_attacks_day(db, text):
    assert day(text) == "2019-05-07"


def test_a_condemnation_dates_the_attack_when_nothing_else_does(db):
    text = (
        "Syria's foreign ministry on Tuesday condemned an Israeli strike on Daraya that "
        "killed five civilians."
    )
    assert day(text) == "2019-05-07"
