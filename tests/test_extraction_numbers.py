"""How wire copy states a toll, read as killed and injured figures per voice (issue 14).

Every sentence here is written for these tests (synthetic wording, no real incident).
"""

from functools import partial

import pytest

from events.extraction.casualties import find_claims
from events.extraction.numbers import find_figures
from tests.extraction_support import claims as _claims
from tests.extraction_support import figures


@pytest.mark.parametrize(
    "words, lo, hi",
    [
        ("twenty-three", 23, 23),
        ("Thirty one", 31, 31),
        ("one hundred and twenty", 120, 120),
        ("a dozen", 12, 12),
        ("half a dozen", 6, 6),
        ("two dozen", 24, 24),
        ("scores", 40, 99),
        ("dozens", 24, 99),
        ("hundreds", 200, 999),
        ("at least 22", 22, None),
        ("no fewer than 17", 17, None),
        ("22 or more", 22, None),
        ("more than 30", 31, None),
        ("more than a dozen", 13, None),
        ("up to 15", 1, 15),
        ("nearly 40", 36, 39),
        ("between 10 and 15", 10, 15),
        ("at least 16 and no more than 20", 16, 20),
        ("10-15", 10, 15),
        ("about 30", 30, 30),
        ("an estimated 60", 60, 60),
        ("1,250", 1250, 1250),
    ],
)
def test_a_number_phrase_gives_its_least_and_most(words, lo, hi):
    (figure,) = find_figures(words)
    assert (figure.min, figure.max) == (lo, hi)


def test_several_gives_no_figure():
    assert find_figures("several people") == []
    assert find_claims("Several people were killed and many others were wounded.") == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # killed X and wounded Y, with one subject
        ("Rebel shelling killed five and wounded 17.", [("killed", 5, 5), ("injured", 17, 17)]),
        (
            "The strike killed seventeen people and injured at least twenty-five.",
            [("killed", 17, 17), ("injured", 25, None)],
        ),
        (
            "At least 12 people, most of them civilians, were killed and 40 others were wounded.",
            [("killed", 12, None), ("injured", 40, 40)],
        ),
        (
            "At least 11 people were killed and dozens injured in the blast.",
            [("killed", 11, None), ("injured", 24, 99)],
        ),
        ("The attack left 7 dead and 20 wounded.", [("killed", 7, 7), ("injured", 20, 20)]),
        ("26 killed, 40 wounded", [("killed", 26, 26), ("injured", 40, 40)]),
        (
            "The explosion killed two and wounded more than a dozen.",
            [("killed", 2, 2), ("injured", 13, None)],
        ),
        (
            "It resulted in the death of 3 civilians and the injury of 7 others.",
            [("killed", 3, 3), ("injured", 7, 7)],
        ),
        ("At least 26 people lost their lives.", [("killed", 26, None)]),
        ("The bombing claimed the lives of 14 people.", [("killed", 14, 14)]),
        # totals and breakdowns: the parts are not summed into a second claim
        ("The strike killed 19 people including 16 civilians.", [("killed", 19, 19)]),
        ("The car bomb killed 18, including 12 soldiers.", [("killed", 18, 18)]),
        (
            "Twenty people were killed, 11 of them children, and dozens were wounded.",
            [("killed", 20, 20), ("injured", 24, 99)],
        ),
        # parts joined by "and" add up
        ("The attack killed eight fighters and two civilians.", [("killed", 10, 10)]),
        ("Two children and their mother were killed in the raid.", [("killed", 3, 3)]),
        ("An air strike killed a father and his two sons.", [("killed", 3, 3)]),
        ("A mother and her four children were killed in the strike.", [("killed", 5, 5)]),
        ("An air strike killed a family of five.", [("killed", 5, 5)]),
        (
            "The explosion killed a child and wounded his father.",
            [("killed", 1, 1), ("injured", 1, 1)],
        ),
        (
            "Gunmen killed three people and wounded a fourth.",
            [("killed", 3, 3), ("injured", 1, 1)],
        ),
        ("The death toll is 9.", [("killed", 9, 9)]),
        ("The toll now stands at 12.", [("killed", 12, 12)]),
        # how badly some were hurt is not another toll
        (
            "The blast killed six people and wounded at least 40, two critically.",
            [("killed", 6, 6), ("injured", 40, None)],
        ),
        ("He said 11 of the wounded were in critical condition.", []),
        ("Forty people were injured, some seriously.", [("injured", 40, 40)]),
        # "killed and wounded" together give neither
        ("Dozens of people were killed or wounded in the attack.", []),
    ],
)
def test_tolls_as_wire_copy_words_them(sentence, expected):
    assert _claims(sentence) == expected


def test_a_relative_without_a_figure_before_is_no_toll():
    # "the commander and his brother": only one of the two is counted, so neither is.
    assert find_claims("The strike killed the commander and his brother.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 100 civilians have been killed in the province this month.",
        "Air strikes have killed dozens of civilians in Raqqa in recent days.",
        "The raids have killed 120 people so far.",
        "The monitor says strikes killed 75 people over the past two weeks.",
        "Syria's conflict has killed more than 370,000 people and displaced millions.",
        "More than 500,000 people have been killed in the war, according to the monitor.",
        "The Russian-backed offensive on Idlib has killed nearly 300 civilians.",
        "It was the deadliest day since the offensive began, with 40 killed across the province.",
    ],
)
def test_a_count_over_a_period_is_marked_cumulative(sentence):
    (claim,) = find_claims(sentence)
    assert claim.cumulative


def test_a_ranking_over_a_period_is_still_the_incidents_toll():
    (claim,) = find_claims("A car bomb killed six people, the third such attack this year.")
    assert (claim.min, claim.cumulative) == (6, False)


def test_only_the_period_count_is_cumulative_when_a_sentence_gives_both():
    first, second = find_claims(
        "Shelling killed 7 people on Sunday, bringing to 120 the number killed this month."
    )
    assert (first.min, first.cumulative) == (7, False)
    assert (second.min, second.cumulative) == (120, True)


_figures = partial(figures, dateline="2019-05-06", outlet="AFP")


def test_each_voice_keeps_the_figures_its_sentence_attributes(db):
    assert _figures(
        "A car bomb exploded in a market in Azaz on Sunday, killing at least 20 people, "
        "according to the Syrian Observatory for Human Rights. State media gave a toll of 15 "
        "dead and 30 wounded."
    ) == {
        ("sohr", "killed", 20, None),
        ("state_media", "killed", 15, 15),
        ("state_media", "injured", 30, 30),
    }


def test_a_voice_named_before_its_figures_and_one_after_them(db):
    assert _figures(
        "According to state television, five people were killed and 11 injured when rebels "
        "shelled Aleppo on Sunday."
    ) == {("state_tv", "killed", 5, 5), ("state_tv", "injured", 11, 11)}
    assert _figures(
        "Four people were killed and 10 others injured as rebels fired rockets on Aleppo, "
        "SANA said.",
        outlet="Xinhua",
    ) == {("sana", "killed", 4, 4), ("sana", "injured", 10, 10)}


def test_a_figure_with_no_voice_is_the_reporters(db):
    assert _figures(
        "A bomb blast killed 10 people and wounded 25 in the town of Jarablus on Sunday.",
        outlet="Reuters",
    ) == {("reuters", "killed", 10, 10), ("reuters", "injured", 25, 25)}


def test_a_count_for_the_month_is_not_the_incidents_toll(db):
    assert _figures(
        "Three children were killed in shelling on Saraqeb on Sunday, the Observatory said. "
        "More than 100 civilians have been killed in the province this month."
    ) == {("sohr", "killed", 3, 3)}


def test_a_breakdown_between_dashes_is_a_part_of_the_toll():
    (claim,) = find_claims("Eleven people – eight civilians and three fighters – were killed.")
    assert (claim.min, [part["min"] for part in claim.including]) == (11, [8, 3])
    killed, injured = find_claims("Shelling killed 12 civilians — 30 more were injured.")
    assert (killed.min, injured.outcome, injured.min) == (12, "injured", 30)


def test_among_the_dead_gives_at_least_that_many():
    (claim,) = find_claims("Among the dead were seven children.")
    assert (claim.outcome, claim.min, claim.max, claim.among) == ("killed", 7, None, True)


def test_meanwhile_a_second_voice_giving_the_same_toll_is_its_own_account(db):
    assert _figures(
        "A suicide truck bomb killed 31 people in Qamishli on Sunday. Meanwhile, state "
        "television said 31 people were killed and over 170 wounded by the blast.",
        outlet="Xinhua",
    ) == {
        ("outlet", "killed", 31, 31),
        ("state_tv", "killed", 31, 31),
        ("state_tv", "injured", 171, None),
    }


def test_meanwhile_another_toll_elsewhere_is_a_side_story(db):
    assert _figures(
        "A suicide truck bomb killed 31 people in Qamishli on Sunday. Meanwhile, state "
        "television said five people were killed by shelling in Aleppo.",
        outlet="Xinhua",
    ) == {("outlet", "killed", 31, 31)}


def test_a_related_development_is_another_incident(db):
    assert _figures(
        "At least three civilians were killed on Friday when warplanes struck Kafr Nabl, "
        "according to the White Helmets. In a related development, at least one civilian was "
        "injured when shells hit Lahaya, according to the White Helmets.",
        outlet="Anadolu",
    ) == {("civil_defence", "killed", 3, None)}


def test_generic_words_before_an_agencys_name_are_that_agency(db):
    assert _figures(
        "Syrian state media agency SANA reports that at least one person was killed and four "
        "were wounded when a mortar shell hit Mazraa.",
        outlet="RIA Novosti",
    ) == {("sana", "killed", 1, None), ("sana", "injured", 4, 4)}


def test_state_media_and_a_monitor_are_two_voices(db):
    figures = _figures(
        "Shells killed at least a dozen civilians in Aleppo on Thursday, state media and a "
        "monitor said."
    )
    assert {key for key, *_ in figures} == {"state_media", "monitor"}
