"""Report extraction (issue 14): the event's day, session 9's rules, on real, cited
sentences of the tune10 and tune7 splits (tests/data/extraction_dev.jsonl).

A weekday in the early hours after a copy's US date, a day that hangs on a verb of
saying however misspelt, ...
"""

from tests.extraction_support import day


def test_early_on_the_day_after_a_copys_date_is_that_next_day(db):
    # https://www.onenewspage.com/n/Front+Page/1zlqhnhk0b/Airstrike-in-Syria-Idlib-killed-22-Turkish.htm
    text = (
        "An air strike by Syrian government forces in Syria's northwestern Idlib region "
        "killed 22 Turkish soldiers, the local governor in the southeastern province of "
        "Hatay said early on Friday."
    )
    # a Thursday's copy: Friday's early hours, not the Friday six days before
    assert day(text, "2020-02-27") == "2020-02-28"
    # in Friday's copy it is that Friday
    assert day(text, "2020-02-28") == "2020-02-28"


def test_a_day_before_a_that_clause_is_the_day_of_saying(db):
    # http://the-pessoptimist.blogspot.com/2015/08/alomost-100-people-killed-in-airstrike.html
    text = (
        "Syrian activists sayid on Monday that at least 96 people have died in government "
        "air strikes on a marketplace in the rebel-held town of Douma, near Damascus.\n"
        "Images of the aftermath of Sunday's strikes showed dead bodies lined up on the "
        "floor, including some of children."
    )
    assert day(text, "2015-08-17") == "2015-08-16"


def test_a_strike_on_a_day_that_killed_is_that_day(db):
    # (the same words with a relative clause of the strike: the strike's day)
    text = "A government air strike on Sunday that killed 12 people hit a market in Douma."
    assert day(text, "2015-08-17") == "2015-08-16"
