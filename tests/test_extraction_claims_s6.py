"""Which voice a figure belongs to, and which figure is this incident's toll (issue 14,
session 6).

Every sentence here is written for these tests (synthetic wording, no real incident).
"""

from functools import partial

import pytest

from tests.extraction_support import claims as _claims
from tests.extraction_support import figures

_figures = partial(figures, dateline="2021-05-10", outlet="Xinhua")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a nationality before the noun: still one person
        (
            "A Turkish soldier was killed and five others wounded on Sunday.",
            [("killed", 1, 1), ("injured", 5, 5)],
        ),
        ("An Iraqi fighter died of his wounds.", [("killed", 1, 1)]),
        ("A US-backed fighter was wounded in the blast.", [("injured", 1, 1)]),
        # a quoted noun keeps its figure
        (
            'At least three "security personnel" were killed in the ambush.',
            [("killed", 3, None)],
        ),
        ("At least four “terrorists” were killed near the town.", [("killed", 4, None)]),
        # attackers who blew themselves up are dead
        ("Officials said that three gunmen blew themselves up.", [("killed", 3, 3)]),
        # a figure taken away and then shot
        (
            "Gunmen seized six farmers before shooting them dead near the road.",
            [("killed", 6, 6)],
        ),
        ("Militants kidnapped two shepherds and executed them.", [("killed", 2, 2)]),
        # a relative clause between the figure and its verb
        (
            "Three of its guards, who were escorting a convoy of fuel trucks from the oil "
            "fields of Deir ez-Zor province to the north, were killed by a drone.",
            [("killed", 3, 3)],
        ),
        ("Four civilians, who had fled the shelling, were wounded.", [("injured", 4, 4)]),
    ],
)
def test_tolls_as_worded(sentence, expected):
    assert _claims(sentence) == expected


def test_things_shot_down_are_no_toll():
    assert _claims("Air defences intercepted 12 missiles, shooting them down.") == []


def test_a_toll_a_day_before_the_event_is_another_incidents(db):
    assert _figures(
        "A car bomb killed seven people in Jarablus on Monday, state media said. "
        "The blast came a day after a roadside bomb killed three soldiers near the town."
    ) == {("state_media", "killed", 7, 7)}
    assert _figures(
        "Rocket fire wounded 12 people in Aleppo on Monday, the Observatory said. "
        "Four people were killed by a mine in the same area two days earlier, it said."
    ) == {("sohr", "injured", 12, 12)}


def test_a_risen_toll_days_later_is_still_the_incidents(db):
    assert _figures(
        "A car bomb killed seven people in Jarablus on Monday, state media said. "
        "Two days after the blast, the toll rose to 11, state media said."
    ) == {("state_media", "killed", 11, 11)}


def test_a_toll_in_another_month_is_another_incidents(db):
    assert _figures(
        "A suicide bomber wounded nine people in Manbij on Monday, a local official said. "
        "In February a similar attack in the town killed 14 people."
    ) == {("gov_source", "injured", 9, 9)}


def test_a_toll_in_the_events_own_month_is_kept(db):
    # dateline in May: "in May" names the event's own month
    assert _figures(
        "Shelling killed five civilians in Saraqeb on Monday, the Observatory said. "
        "It was the first shelling of the town in May, the monitor said, which wounded 8 more."
    ) == {("sohr", "killed", 5, 5), ("sohr", "injured", 8, 8)}


def test_a_voice_in_an_as_clause_does_not_share_the_toll(db):
    assert _figures(
        "Twelve soldiers died on Monday in an ambush near Palmyra, a war monitor said, "
        "as state media reported a terrorist attack. "
        "State media later gave a toll of 10 dead."
    ) == {("monitor", "killed", 12, 12), ("state_media", "killed", 10, 10)}


def test_a_second_voice_meanwhile_giving_its_toll_is_no_side_story(db):
    assert _figures(
        "Air strikes killed at least 20 people in Hasakah province on Monday, the "
        "Syrian Observatory for Human Rights said. "
        "State media meanwhile gave a toll of 17 dead."
    ) == {("sohr", "killed", 20, None), ("state_media", "killed", 17, 17)}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Syrian state media are reporting that gunmen attacked a checkpoint near Homs, "
            "killing four soldiers and wounding nine.",
            {("state_media", "killed", 4, 4), ("state_media", "injured", 9, 9)},
        ),
        (
            "On Monday, the Syrian Democratic Forces released a statement, saying three of its "
            "fighters were killed in a drone strike near Amuda.",
            {("sdf", "killed", 3, 3)},
        ),
        (
            "A rocket hit a market in Azaz on Monday. The Syrian Observatory for Human Rights "
            "has updated the toll of the attack, putting it at 11 dead.",
            {("sohr", "killed", 11, 11)},
        ),
        (
            "According to unconfirmed reports by the Syrian Observatory for Human Rights, two "
            "guards were killed in the raid on Monday. The organization added that six people "
            "were wounded.",
            {("sohr", "killed", 2, 2), ("sohr", "injured", 6, 6)},
        ),
    ],
)
def test_a_voice_named_before_the_toll_with_other_words_than_said_gives_it(db, text, expected):
    assert _figures(text) == expected


def test_a_voice_merely_mentioned_before_the_toll_does_not_give_it(db):
    assert _figures(
        "Fighters of the Syrian Democratic Forces were patrolling near Amuda on Monday when "
        "a roadside bomb killed two fighters."
    ) == {("outlet", "killed", 2, 2)}


def test_a_toll_before_days_after_another_event_is_still_the_incidents(db):
    assert _figures(
        "Shelling killed six civilians in Saraqeb on Monday, the Observatory said. "
        "The Observatory said the shelling, which wounded 15 people, came two days after a "
        "truce took effect."
    ) == {("sohr", "killed", 6, 6), ("sohr", "injured", 15, 15)}


def test_an_unnamed_official_named_in_the_next_sentence_gives_the_lead_toll(db):
    assert _figures(
        "An official with a U.S.-backed group says a roadside bomb has wounded five people "
        "near Tabqa. Ahmed Saleh, of the Syrian Democratic Forces, said the bomb went off on "
        "Monday morning."
    ) == {("sdf", "injured", 5, 5)}
    # a voice named later, after a sentence of its own, does not take the lead toll
    assert _figures(
        "A roadside bomb has wounded five people near Tabqa on Monday. Ahmed Saleh, of the "
        "Syrian Democratic Forces, said the bomb went off in the morning."
    ) == {("outlet", "injured", 5, 5)}


def test_a_month_named_after_a_second_voices_toll_does_not_part_it(db):
    assert _figures(
        "Shelling killed five civilians in Saraqeb on Monday, the Observatory said. "
        "State media said six people were killed, breaking a truce agreed in March."
    ) == {("sohr", "killed", 5, 5), ("state_media", "killed", 6, 6)}
