"""Report extraction (issue 14): the event type and sub-type a draft incident gets
from the words of its story, on sentences written for these tests (made up, not
real incidents). Codes: events.models.SubEventType (ACLED's)."""

import pytest

from events.extraction import extract_report, parse_report
from events.extraction.event_types import classify


def sub_type(*sentences, others=()):
    offsets, at = [], 0
    for s in sentences:
        offsets.append((at, s))
        at += len(s) + 1
    return classify(offsets, [(at + i, s) for i, s in enumerate(others)])[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Israel's rockets and missiles: coded as air/drone strikes
        (
            "A rocket attack by Israel on positions near Damascus killed one soldier.",
            "air_drone_strike",
        ),
        ("Israel fired missiles at an arms depot near Masyaf, killing four.", "air_drone_strike"),
        # ... its artillery and tanks are shelling; anyone else's rockets too
        ("Israeli tank fire killed a shepherd near Khan Arnabeh.", "shelling_artillery_missile"),
        ("Rebels fired rockets at the city of Aleppo, killing five.", "shelling_artillery_missile"),
        (
            "Rockets fired by rebels near the Israeli-occupied Golan Heights killed two.",
            "shelling_artillery_missile",
        ),
        # mines and what a war leaves behind
        (
            "Two children were killed when unexploded ordnance went off in a field.",
            "remote_explosive_landmine_ied",
        ),
        (
            "A remnant of war exploded near a school, killing a boy.",
            "remote_explosive_landmine_ied",
        ),
        (
            "A landmine blast killed four truffle hunters in the desert.",
            "remote_explosive_landmine_ied",
        ),
        ("A sticky bomb attached to a car killed an officer.", "remote_explosive_landmine_ied"),
        # car and truck bombs; a suicide bomber decides over the blast
        ("A truck bomb killed 20 people in the town on Monday.", "remote_explosive_landmine_ied"),
        (
            "A suicide bomber detonated his explosive vest at a checkpoint, killing six.",
            "suicide_bomb",
        ),
        ("A suicide car bomb exploded at a checkpoint, killing six.", "suicide_bomb"),
        # drones, including those that blow themselves up
        ("A Turkish drone struck a car, killing three fighters.", "air_drone_strike"),
        ("A kamikaze drone hit a car, killing two.", "air_drone_strike"),
        ("A suicide drone hit a car, killing two.", "air_drone_strike"),
        # assassinations, snipers, ambushes
        ("Unknown gunmen assassinated a former rebel commander on Monday.", "attack"),
        ("A sniper killed a woman in the besieged town.", "attack"),
        ("IS militants ambushed a car on the desert road, killing 11 civilians.", "attack"),
        # fighting on the ground
        (
            "Government forces launched a ground offensive on the town; 15 fighters died.",
            "armed_clash",
        ),
        ("Clashes between tribal fighters and the SDF killed nine people.", "armed_clash"),
        ("The two sides exchanged fire across the front line, killing three.", "armed_clash"),
        ("Four people were killed in a grenade attack on a shop.", "grenade"),
    ],
)
def test_the_sub_type_follows_the_weapon_the_story_names(text, expected):
    assert sub_type(text) == expected


def test_an_attack_with_no_weapon_named_is_an_attack_only_when_nothing_else_is():
    assert sub_type("Five civilians were killed in an IS attack on a village.") == "attack"
    assert sub_type("Five soldiers were killed in a drone attack on a checkpoint.") == (
        "air_drone_strike"
    )
    assert sub_type("Five soldiers were killed in a mortar attack on a checkpoint.") == (
        "shelling_artillery_missile"
    )


@pytest.mark.parametrize(
    "text",
    [
        "IS militants ambushed an army convoy in the desert, killing 11 soldiers.",
        "Fifteen soldiers died on Sunday in an IS attack on a military bus in the desert.",
        "Gunmen opened fire on an army checkpoint, killing four soldiers.",
    ],
)
def test_an_attack_on_soldiers_is_an_armed_clash(text):
    # ACLED's "attack" is violence against civilians; an ambush of troops is a clash
    assert sub_type(text) == "armed_clash"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen ambushed a bus carrying soldiers and civilians, killing nine.",
        "Gunmen kidnapped nine soldiers before shooting them dead.",
        "Gunmen killed nine policemen in the village on Monday.",
    ],
)
def test_civilians_captives_and_police_killed_stay_an_attack(text):
    assert sub_type(text) == "attack"


def test_no_cue_in_the_event_sentences_reads_the_rest_of_the_story():
    assert (
        sub_type(
            "IS killed six shepherds on Friday, a monitor said.",
            others=["The militants ambushed the shepherds on the road."],
        )
        == "attack"
    )
    # the event's own words decide before the rest of the story
    assert (
        sub_type(
            "Jets killed six soldiers on Friday, a monitor said.",
            others=["Last week clashes killed three."],
        )
        == "air_drone_strike"
    )
    assert sub_type("Six soldiers died on Friday, a monitor said.") == ""


def test_a_draft_takes_its_type_from_a_later_sentence_of_the_story(db):
    text = (
        "Islamic State militants killed six farmers in the east of the country on Friday, "
        "a war monitor said. The militants ambushed the farmers on the road between two "
        "towns, the monitor said."
    )
    out = extract_report(parse_report({"text": text, "dateline": "2020-08-28"}))
    assert (out["event_type"], out["sub_event_type"]) == ("violence_against_civilians", "attack")


def test_a_side_story_does_not_give_the_type(db):
    text = (
        "Six soldiers died in the town of Sarmin on Friday, a monitor said. "
        "Elsewhere, an air strike killed three people in Ariha."
    )
    out = extract_report(parse_report({"text": text, "dateline": "2020-08-28"}))
    assert out["sub_event_type"] is None


def test_the_deciding_cue_is_marked_where_it_stands_even_after_letters_that_grow_lower_cased():
    for text in ("Near İdlib a drone struck a car.", "Near Idlib a drone struck a car."):
        _, sub, span = classify([(100, text)])
        assert sub == "air_drone_strike"
        assert text[span[0] - 100 : span[1] - 100] == "drone"
