"""Which figure is a voice's toll, and whose it is (issue 14, session 7): the coding
guide's rules (docs/extraction-coding.md) on wire wording.

Every sentence here is written for these tests (synthetic wording, no real incident).
"""

from functools import partial

import pytest

from tests.extraction_support import claims as _claims
from tests.extraction_support import figures

_figures = partial(figures, dateline="2019-05-10", outlet="Example Wire")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a list of groups is one toll
        (
            "An Iranian citizen, four Syrians and three other fighters were killed in the raid.",
            [("killed", 8, 8)],
        ),
        # disjoint groups in one sentence, each with its verb
        (
            "Six civilians were killed in the town and three rebel fighters were killed nearby.",
            [("killed", 9, 9)],
        ),
        (
            "Seven of its fighters were killed, while 23 attackers were also killed.",
            [("killed", 30, 30)],
        ),
        (
            "Five civilians died, in addition to the death of four gunmen, in the strike.",
            [("killed", 9, 9)],
        ),
        # a breakdown in brackets is a part, not more dead
        (
            "At least three civilians (two children and a woman) were killed in the strike.",
            [("killed", 3, None)],
        ),
        # parts of a total stay parts
        (
            "Thirteen civilians were killed, including 10 children in addition to a woman.",
            [("killed", 13, 13)],
        ),
        # the dead named by who they were
        (
            "The governor identified the dead as two policemen and two soldiers.",
            [("killed", 4, 4)],
        ),
        (
            "A bomb killed a boy and wounded his two brothers.",
            [("killed", 1, 1), ("injured", 2, 2)],
        ),
        (
            "A shell hit a school, killing five pupils and injuring 16.",
            [("killed", 5, 5), ("injured", 16, 16)],
        ),
        # a dashed aside between the figure and its verb
        (
            "Eight fighters of the Syrian Democratic Forces — the de facto army of the Kurdish "
            "autonomous region in the northeast — were killed in the strikes.",
            [("killed", 8, 8)],
        ),
        ("Local sources place the death toll at 15.", [("killed", 15, 15)]),
    ],
)
def test_tolls_as_worded(sentence, expected):
    assert _claims(sentence) == expected


def test_a_voices_parts_in_two_sentences_add_up(db):
    assert _figures(
        "Turkish strikes killed 14 civilians near the town of Azaz on Monday, the Observatory "
        "said. The monitor said eight SDF fighters were also killed in the strikes."
    ) == {("sohr", "killed", 22, 22)}
    assert _figures(
        "The Violations Documentation Center named 12 dead in the strike on Douma on Monday, "
        "adding that two unidentified men were also killed."
    ) == {("vdc", "killed", 14, 14)}


def test_a_voices_later_higher_toll_is_its_last_word(db):
    assert _figures(
        "More than 180 people were killed in Sweida on Monday. The suicide blasts and raids "
        "killed at least 183, including 89 civilians."
    ) == {("outlet", "killed", 183, None)}


def test_a_later_lower_figure_of_the_voice_is_a_part(db):
    assert _figures(
        "An air strike killed 15 soldiers near Homs on Monday, the Observatory said. Nine of "
        "the dead were officers, it said."
    ) == {("sohr", "killed", 15, 15)}


def test_another_voices_figure_in_a_while_clause_is_not_added(db):
    assert _figures(
        "A car bomb killed at least 12 people in Azaz on Monday. The Observatory said 20 "
        "people died while the Local Coordination Committees said at least 12 were killed."
    ) == {("outlet", "killed", 12, None), ("sohr", "killed", 20, 20), ("lcc", "killed", 12, None)}


def test_a_toll_of_another_day_in_the_same_sentence_is_left_out(db):
    assert _figures(
        "Russian air strikes killed 10 civilians in Maaret al-Numan on Monday, the Observatory "
        "said, a day after 20 people were killed in nearby Saraqeb."
    ) == {("sohr", "killed", 10, 10)}


def test_a_running_total_after_the_toll_is_not_the_toll(db):
    assert _figures(
        "The Observatory said 12 civilians were killed on Monday in an air strike on Ariha, "
        "bringing the number of civilians killed in the province this month to 150."
    ) == {("sohr", "killed", 12, 12)}
    assert _figures(
        "An air strike killed 12 people in Ariha on Monday, the Observatory said, raising to "
        "45 the number of civilians killed in the town this week."
    ) == {("sohr", "killed", 12, 12)}


def test_the_denied_toll_replaces_a_part_of_the_accusers(db):
    assert _figures(
        "The Russian Defence Ministry on Monday denied reports that its planes had carried out "
        "strikes on a village in Idlib that killed 19 people, the RIA news agency reported. "
        "The strikes injured 25 other people, the Observatory said. The dead included seven "
        "children, it said."
    ) == {("sohr", "killed", 19, 19), ("sohr", "injured", 25, 25)}


def test_a_voice_told_of_is_not_a_speaker(db):
    # "said eight fighters of the SDF": the SDF is who died, not who speaks
    assert _figures(
        "The Observatory said eight fighters of the Syrian Democratic Forces were killed in the "
        "Turkish strikes near Tal Tamr on Monday."
    ) == {("sohr", "killed", 8, 8)}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Turkish Defense Ministry claims 2 were killed in a car explosion in Ras al-Ain. "
            "In its announcement, the Defense Ministry said that 2 civilians have been killed "
            "and 10 injured in the attack on Monday.",
            {("turkey_mod", "killed", 2, 2), ("turkey_mod", "injured", 10, 10)},
        ),
        (
            "A car bomb killed at least eight civilians in Suluk on Monday, Turkey's National "
            "Defense Ministry said.",
            {("turkey_mod", "killed", 8, None)},
        ),
        (
            "Air strikes hit a convoy near al-Tanf, as reported on Monday by the Syrian "
            "Observatory for Human Rights. According to the report, eight fighters were killed.",
            {("sohr", "killed", 8, 8)},
        ),
        (
            "A bomb hit a bus near Daraa on Monday. The Observatory reported that nine soldiers "
            "were killed. However, local sources place the death toll at 15.",
            {("sohr", "killed", 9, 9), ("local", "killed", 15, 15)},
        ),
        (
            '"Seven people were killed and 20 injured," an official at the hospital said after '
            "the strike on Ariha on Monday.",
            {("medical", "killed", 7, 7), ("medical", "injured", 20, 20)},
        ),
        (
            "A bombing killed 14 people in Damascus on Monday, the interior ministry said.",
            {("gov_source", "killed", 14, 14)},
        ),
        (
            "The explosion in Azaz killed at least six people on Monday, the Turkish governor of "
            "Kilis said.",
            {("turkey_gov", "killed", 6, None)},
        ),
        (
            "At least 19 people were killed on Monday in a car bomb in Azaz, the Observatory "
            "said. Turkish state news agency Anadolu put the toll at 16.",
            {("sohr", "killed", 19, None), ("anadolu", "killed", 16, 16)},
        ),
    ],
)
def test_whose_figure(db, text, expected):
    assert _figures(text) == expected


def test_a_place_between_a_figure_and_its_verb(db):
    assert _claims(
        "Another 150 people in the city's residential Wadi district were injured, he said."
    ) == [("injured", 150, 150)]


def test_a_voice_confirming_the_toll_is_no_toll_of_one(db):
    assert _claims("A doctor at the scene confirmed the death toll.") == []


def test_a_new_voice_after_meanwhile_gives_its_own_account(db):
    assert _figures(
        "Four civilians were killed in Old Damascus on Sunday after rebel shelling, the "
        "Observatory said. Meanwhile, state news agency SANA said artillery fire killed two "
        "people and wounded nine others in the Bab Sharqi area of Old Damascus."
    ) == {
        ("sohr", "killed", 4, 4),
        ("sana", "killed", 2, 2),
        ("sana", "injured", 9, 9),
    }


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Several dozen people were wounded.", [("injured", 24, 99)]),
        ("A few hundred people were injured.", [("injured", 200, 999)]),
        ("Several people were killed.", []),
    ],
)
def test_vague_numbers(sentence, expected):
    assert _claims(sentence) == expected


def test_a_voice_giving_the_same_toll_gives_it(db):
    assert _figures(
        "At least 15 people were killed and 64 wounded by a car bomb in Homs on Monday, the "
        "governor said. A medical source gave the same death toll but said 100 people were "
        "wounded."
    ) == {
        ("gov_source", "killed", 15, None),
        ("gov_source", "injured", 64, 64),
        ("medical", "killed", 15, None),
        ("medical", "injured", 100, 100),
    }


def test_a_voices_toll_at_another_village_does_not_replace_its_first(db):
    assert _figures(
        "The Observatory said air strikes killed four civilians including a child in the "
        "village of Kafr Nabl on Monday. The monitor said raids also killed nine civilians "
        "including three children in the nearby village of Hass."
    ) == {("sohr", "killed", 4, 4)}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The attack killed seven soldiers, according to a statement from the Syrian army.",
            {("gov_source", "killed", 7, 7)},
        ),
        (
            "Nine civilians died in the strike on Ariha, the Observatory said. It added that 20 "
            "others were wounded.",
            {("sohr", "killed", 9, 9), ("sohr", "injured", 20, 20)},
        ),
        (
            "At least seven people were killed, the Britain-based monitor said, while SANA "
            "reported five dead.",
            {("sohr", "killed", 7, None), ("sana", "killed", 5, 5)},
        ),
        (
            "Four people were killed in the shelling of Aleppo, as reported by state news agency "
            "SANA, citing a police source.",
            {("sana", "killed", 4, 4)},
        ),
    ],
)
def test_wire_attributions(db, text, expected):
    assert _figures(text) == expected
