"""Report extraction (issue 14): the event's type and the lead a story is told by,
session 8's rules, on real, cited sentences of the tune9 split
(tests/data/extraction_dev.jsonl)."""

from tests.extraction_support import extract

# https://www.huffingtonpost.com/entry/damascus-massacre-syria-capital_n_1916395.html
MASSACRE = (
    "BEIRUT, Sept 26 (Reuters) - Opposition activists said security forces loyal to "
    "President Bashar al-Assad killed more than 40 people in a small town outside Damascus "
    "on Wednesday, calling it a massacre."
)
# http://www.metronews.ca/news/world/2018/03/21/death-toll-from-market-attack-in-syrian-capital-rises-to-38.html
MORTAR_ASSAULT = (
    "BEIRUT — Syria state media say the death toll from a rebel mortar assault on a market "
    "in Damascus has risen to 38, making it one of the deadliest attacks in the capital "
    "since the start of the seven-year civil war.\n"
    "The government blamed the attack on rebels in the eastern suburbs, where Syrian troops "
    "backed by Russian warplanes have been waging a major offensive over the past month."
)


def test_a_massacre_with_no_weapon_named_is_an_attack(db):
    result = extract(MASSACRE, dateline="2012-09-26", outlet="Reuters")
    assert result["sub_event_type"] == "attack"


def test_a_mortar_assault_is_shelling_not_a_ground_assault(db):
    result = extract(MORTAR_ASSAULT, dateline="2018-03-21", outlet="AP")
    assert result["sub_event_type"] == "shelling_artillery_missile"


def test_one_of_the_deadliest_attacks_since_the_war_began_is_still_the_lead(db):
    # a ranking, not a toll over the war: the lead still names the event's place
    result = extract(MORTAR_ASSAULT, dateline="2018-03-21", outlet="AP")
    assert [p["name"] for p in result["places"]][:1] == ["Damascus"]


def test_a_trapped_motorcycle_is_a_remote_explosive(db):
    # https://smartnews-agency.com/en/wires/2018-05-31-trapped-motorcycle-explosion-kills-and-injures-civilians-in-j
    text = (
        "On Thursday, a trapped motorcycle exploded in the city of Jarablus, Northeastern "
        "Aleppo, Northern Syria, killing four civilians and injuring six others."
    )
    result = extract(text, dateline="2018-05-31", outlet="SMART")
    assert result["sub_event_type"] == "remote_explosive_landmine_ied"


def test_artilleries_that_bombarded_villages_are_shelling(db):
    # https://www.thebaghdadpost.com/en/Story/49181/Turkish-Shelling-Kills-Two-SDF-Fighters-in-NE-Syria
    text = (
        "Turkish artilleries bombarded villages outside Ain al-Issa on Wednesday evening and "
        "killed at least two Kurdish fighters of the Syrian Democratic Forces (SDF)."
    )
    result = extract(text, dateline="2020-08-07", outlet="The Baghdad Post")
    assert result["sub_event_type"] == "shelling_artillery_missile"
