"""Report extraction: general rules, each shown on a short made-up sentence.

The sentences below are invented to show one wording each; they describe no real
incident. Place names are only there so the gazetteer has something to find.
"""

import datetime as dt

import pytest

from events.extraction import extract_report, parse_report
from events.extraction.casualties import find_claims
from events.extraction.dates import find_dates

TUESDAY = dt.date(2017, 10, 24)


def _report(text, dateline="2017-10-24", outlet="AFP"):
    return extract_report(parse_report({"text": text, "dateline": dateline, "outlet": outlet}))


def _figures(result):
    return {
        (s["key"], c["outcome"], c["min"], c["max"]) for s in result["sources"] for c in s["claims"]
    }


def _alleged(result):
    key_of = {s["name"]: s["key"] for s in result["sources"]}
    return {
        (a["actor"], key_of[name], a["stance"])
        for a in result["alleged"]
        for name in a["alleged_by"]
    }


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "day", "note"),
    [
        ("An air strike at dawn killed five people.", "2017-10-24", "dawn"),
        ("Shells fell before dawn today.", "2017-10-24", "dawn"),
        ("A blast in the early hours of the morning.", "2017-10-24", "early hours"),
        ("A blast on 20/10/2017 killed two.", "2017-10-20", ""),
        ("A blast on 2017-10-20 killed two.", "2017-10-20", ""),
        ("Raids on the night of Sunday to Monday.", "2017-10-22", "night"),
        ("A raid on Saturday night.", "2017-10-21", "night"),
        ("A car bomb last Friday.", "2017-10-20", ""),
        ("A blast the previous day.", "2017-10-23", ""),
        ("Shelling overnight on Sunday.", "2017-10-22", "night"),
        ("Raids on Monday night into Tuesday.", "2017-10-23", "night"),
        ("A blast the day before yesterday.", "2017-10-22", ""),
        ("A blast on the 22nd.", "2017-10-22", ""),
    ],
)
def test_relative_words_and_written_dates_resolve_against_the_dateline(words, day, note):
    (found,) = find_dates(words, TUESDAY)
    assert (found.date.isoformat(), found.precision, found.time_note) == (day, "day", note)


def test_the_previous_day_counts_back_from_the_day_a_voice_spoke():
    found = find_dates("A blast the previous day killed two, a monitor said on Sunday.", TUESDAY)
    assert [(d.date.isoformat(), d.reporting) for d in found] == [
        ("2017-10-21", ""),
        ("2017-10-22", "said"),
    ]


@pytest.mark.parametrize(
    "head",
    [
        "BEIRUT, Oct 24 (Reuters) - ",
        "DAMASCUS, Oct. 24 (Xinhua) -- ",
        "MOSCOW, October 24. /TASS/. ",
    ],
)
def test_the_wire_dateline_in_the_text_is_when_it_was_filed_not_the_event(db, head):
    result = _report(head + "An air strike on Monday killed five people in Atmeh, a monitor said.")
    assert result["event_date"] == "2017-10-23"
    assert not result["multi_incident"]
    assert _figures(result) == {("monitor", "killed", 5, 5)}
    (dateline,) = [d for d in find_dates(head, TUESDAY)]
    assert dateline.reporting == "dateline"


def test_a_dateline_alone_gives_its_day_and_no_day_at_all_says_so(db):
    result = _report("BEIRUT, Oct 23 (Reuters) - An air strike killed five people in Atmeh.")
    assert (result["event_date"], result["date_precision"]) == ("2017-10-23", "day")
    result = _report("An air strike killed five people in Atmeh, a monitor said.")
    assert (result["event_date"], result["date_precision"]) == (None, "unknown")
    assert "no day" in result["date_note"]


# --- round-ups -----------------------------------------------------------------------------


def test_a_claim_after_a_side_story_goes_with_that_story(db):
    result = _report(
        "Russian air strikes killed 12 people in Atmeh on Monday, the Syrian Observatory for "
        "Human Rights said. Elsewhere, a car bomb killed five people in Azaz. Islamic State "
        "claimed the attack."
    )
    assert result["multi_incident"]
    assert _figures(result) == {("sohr", "killed", 12, 12)}
    assert _alleged(result) == {("russia", "sohr", "accused")}


def test_blame_naming_the_side_story_place_goes_with_that_story(db):
    result = _report(
        "A car bomb killed five people in Azaz on Monday, a monitor said. Meanwhile, an air "
        "strike killed 12 people in Atmeh. The monitor blamed Russian warplanes for the Atmeh "
        "strike."
    )
    assert result["multi_incident"] and result["places"][0]["names"] == ["Azaz"]
    assert _figures(result) == {("monitor", "killed", 5, 5)}
    assert _alleged(result) == set()


def test_blame_for_the_main_story_after_a_side_story_stays(db):
    result = _report(
        "A car bomb killed five people in Azaz on Monday, a monitor said. Meanwhile, an air "
        "strike killed 12 people in Atmeh. In Azaz, the monitor blamed Islamic State for the "
        "bombing."
    )
    assert _alleged(result) == {("islamic_state", "monitor", "accused")}


# --- two places, two tolls -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Air strikes killed 12 people in Atmeh and five in Ariha on Saturday, a monitor said.",
        "Twelve people were killed in Atmeh and five others died in Sarmada when shells hit "
        "the two towns on Saturday, a monitor said.",
    ],
)
def test_tolls_at_two_places_in_one_sentence_are_not_summed(db, text):
    result = _report(text)
    assert _figures(result) == {("monitor", "killed", 12, 12)}
    assert result["multi_incident"]
    assert result["places"][0]["names"] == ["Atmeh"]


def test_parts_of_one_toll_at_one_place_still_add_up(db):
    result = _report(
        "Air strikes killed 12 fighters and three civilians in Atmeh on Saturday, a monitor said."
    )
    assert _figures(result) == {("monitor", "killed", 15, 15)}
    assert not result["multi_incident"]


# --- who is alleged, and by whom -------------------------------------------------------------


@pytest.mark.parametrize(
    ("second", "alleged"),
    [
        ("Turkish officials blamed the YPG.", ("ypg", "turkey_gov", "accused")),
        (
            "Turkey's interior ministry said the Kurdish militia was behind the attack.",
            ("ypg", "turkey_gov", "accused"),
        ),
        ("Ankara blamed Kurdish militants.", ("ypg", "turkey_gov", "accused")),
        ("The YPG denied any involvement.", ("ypg", "kurdish_source", "denied")),
        ("Local officials blamed Islamic State.", ("islamic_state", "gov_source", "accused")),
    ],
)
def test_a_party_blamed_or_denying_in_a_second_sentence(db, second, alleged):
    result = _report("A car bomb killed five people in Azaz on Monday. " + second)
    assert _alleged(result) == {alleged}


def test_a_weapon_named_with_the_government_accuses_it(db):
    result = _report(
        "Government air strikes killed five people in Atmeh on Monday, a monitor said."
    )
    assert _alleged(result) == {("government", "monitor", "accused")}


def test_a_country_denying_speaks_through_its_ministry_named_in_the_text(db):
    result = _report(
        "Russian air strikes killed five people in Atmeh on Monday, the Syrian Observatory "
        "for Human Rights said. Russia has denied its jets struck the town. The Russian "
        "defence ministry said its aircraft were not flying in the area."
    )
    assert ("russia", "russia_mod", "denied") in _alleged(result)
    assert ("russia", "russia_gov", "denied") not in _alleged(result)


def test_a_voice_citing_another_keeps_the_toll(db):
    result = _report(
        "Five soldiers were killed in an Israeli strike near Damascus on Monday, state media "
        "said, citing a military source."
    )
    assert _figures(result) == {("state_media", "killed", 5, 5)}
    assert _alleged(result) == {("israel", "state_media", "accused")}


def test_it_said_after_two_voices_is_the_first_of_them(db):
    result = _report(
        "At least five people were killed in Azaz on Monday, according to a Turkish official "
        "and a war monitor. It blamed the blast on the YPG."
    )
    assert _alleged(result) == {("ypg", "turkey_gov", "accused")}


def test_the_dead_included_children_is_a_part_not_a_new_toll(db):
    result = _report(
        "Air strikes killed eight civilians in Atmeh on Monday, according to a war monitor and "
        "a spokesman for the YPG. The monitor said the dead included at least one child."
    )
    assert _figures(result) == {("monitor", "killed", 8, 8), ("kurdish_source", "killed", 8, 8)}


def test_a_toll_for_several_villages_is_a_round_up_total(db):
    result = _report(
        "Air strikes killed 23 people in two villages of Idlib province on Monday, a monitor "
        "said. The monitor said the strikes killed 16 civilians in Atmeh."
    )
    assert _figures(result) == {("monitor", "killed", 16, 16)}
    assert result["multi_incident"]


# --- voices named by what they are -----------------------------------------------------------


@pytest.mark.parametrize(
    ("voice", "key"),
    [
        ("medical sources said", "medical"),
        ("doctors at the local hospital said", "medical"),
        ("a doctor at the hospital told AFP", "medical"),
        ("hospital officials said", "medical"),
        ("rescuers said", "medical"),
        ("Syria's health ministry said", "gov_source"),
        ("the Syrian army said in a statement", "gov_source"),
        ("a security official said", "gov_source"),
        ("the health directorate said", "medical"),  # the coding guide: health directorates
        ("sources told Reuters", "local"),
        ("opposition sources said", "local"),
        ("activists said", "local"),
        ("the town's media office said", "media_centre"),
        ("a spokesman for the civil defence said", "civil_defence"),
        ("Kurdish police said", "kurdish_source"),
        ("Homs Governor Ali Hassan said", "gov_source"),
        ("Turkey's Hatay governor said", "turkey_gov"),
        ("the Center for Reconciliation of the Opposing Sides said", "russia_mod"),
        ("a source in the Syrian security services told RIA Novosti", "gov_source"),
    ],
)
def test_a_voice_is_known_by_what_it_is_not_only_by_name(db, voice, key):
    result = _report(f"An air strike killed five people in Atmeh on Monday, {voice}.")
    assert _figures(result) == {(key, "killed", 5, 5)}


# --- place names as reporters spell them -------------------------------------------------------


@pytest.mark.parametrize("written", ["Atme", "Atmeh", "Atma"])
def test_a_final_e_or_a_finds_the_place_spelled_with_h(db, written):
    result = _report(f"Air strikes killed 12 people in {written} on Saturday, the monitor said.")
    assert result["places"][0]["name"] == "Atmeh"
    assert result["places"][0]["names"] == [written]


def test_a_one_letter_slip_after_in_is_still_the_place(db):
    result = _report("Air strikes killed 12 people in Binnsh on Saturday, the monitor said.")
    assert result["places"][0]["name"] == "Binnish"


def test_a_foreign_city_after_in_is_not_a_syrian_village(db):
    result = _report("Air strikes killed 12 people in Atmeh on Saturday, a monitor in Beirut said.")
    assert [p["name"] for p in result["places"]] == ["Atmeh"]


def test_part_of_a_person_name_is_not_a_place(db):
    result = _report(
        "A car bomb killed 12 people in Jableh on Monday, a monitor said. The group said it "
        "targeted supporters of President Bashar al-Assad."
    )
    assert [p["names"] for p in result["places"]] == [["Jableh"]]


def test_a_place_named_only_in_a_side_story_is_not_the_event_place(db):
    result = _report(
        "Air strikes killed 12 people in Khirbet Nowhere on Saturday, a monitor said. "
        "Separately, shelling killed five people in Ariha."
    )
    assert result["places"] == []
    assert _figures(result) == {("monitor", "killed", 12, 12)}


# --- tolls as worded --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "low", "high"),
    [
        ("thirty-five people were killed", 35, 35),
        ("one hundred and twenty people were killed", 120, 120),
        ("a hundred people were killed", 100, 100),
        ("a dozen people were killed", 12, 12),
        ("more than a dozen people were killed", 13, None),
        ("scores of people were killed", 40, 99),
        ("tens of people were killed", 20, 99),
        ("nearly 40 people were killed", 36, 39),
        ("almost 100 people were killed", 90, 99),
        ("around 30 people were killed", 30, 30),
        ("\u0661\u0662 people were killed", 12, 12),
        ("a family of five was killed", 5, 5),
    ],
)
def test_toll_wording_gives_its_minimum_and_maximum(words, low, high):
    (claim,) = find_claims(words)
    assert (claim.outcome, claim.min, claim.max) == ("killed", low, high)


@pytest.mark.parametrize(
    "words",
    [
        "killed 15 civilians, including eight children",
        "killed 15 civilians, among them eight children",
        "killed 15 civilians, eight of them children",
        "killed 15 civilians, 8 of whom were children",
    ],
)
def test_a_part_of_a_toll_is_kept_inside_it(words):
    (claim,) = find_claims(words)
    assert (claim.min, claim.max, claim.population) == (15, 15, "civilian")
    assert [(p["population"], p["min"]) for p in claim.including] == [("children", 8)]


def test_words_of_a_voice_name_are_not_places(db):
    result = _report(
        "Militants shelled a residential area of Aleppo on Monday, killing five civilians, "
        "the Russian Center for Reconciliation of the Opposing Sides in Syria said.",
        outlet="TASS",
    )
    assert result["places"][0]["name"] == "Aleppo"
    assert _figures(result) == {("russia_mod", "killed", 5, 5)}


@pytest.mark.parametrize(
    ("text", "alleged"),
    [
        (
            "Warplanes, believed to be Russian, struck Atmeh on Monday, killing five civilians, "
            "a monitor said.",
            ("russia", "monitor", "accused"),
        ),
        (
            "Five civilians were killed on Monday when warplanes bombed Atmeh. The monitor said "
            "the jets were Russian.",
            ("russia", "monitor", "accused"),
        ),
        (
            "A car bomb killed five people in Afrin on Monday. Turkey's defence ministry said the "
            "YPG/PKK was responsible.",
            ("ypg", "turkey_mod", "accused"),
        ),
        (
            "Five people were killed in Afrin on Monday by shelling from areas held by the YPG, "
            "a monitor said.",
            ("ypg", "monitor", "accused"),
        ),
        (
            "Five people were killed in Atmeh on Monday in strikes the monitor attributed to "
            "Russian aircraft.",
            ("russia", "monitor", "accused"),
        ),
    ],
)
def test_who_did_it_in_the_words_reporters_use(db, text, alleged):
    assert _alleged(_report(text)) == {alleged}


def test_a_party_responsible_for_other_attacks_is_not_accused_of_this_one(db):
    result = _report(
        "A car bomb killed five people in Azaz on Monday. No one claimed it, but Islamic State "
        "was responsible for similar attacks."
    )
    assert _alleged(result) == set()


@pytest.mark.parametrize(
    ("words", "outcome", "low"),
    [
        ("the bodies of five people were pulled from the rubble", "killed", 5),
        ("the martyrdom of five civilians", "killed", 5),
        ("the injury of 12 others", "injured", 12),
        ("there were 40 fatalities", "killed", 40),
        ("killed an estimated 40 people", "killed", 40),
        ("the number of wounded rose to 50", "injured", 50),
        ("the number of injured reached 50", "injured", 50),
        ("50 others were hospitalised", "injured", 50),
        ("a couple and their five children were killed", "killed", 7),
        ("the death of 6 persons at least", "killed", 6),
        ("a nine-year-old boy was killed", "killed", 1),
        ("two nine-year-old boys were killed", "killed", 2),
        ("twenty one people were killed", "killed", 21),
        ("five people, aged between 10 and 40, were killed", "killed", 5),
        ("as many as 70 other people were affected by the gas", "injured", 1),
        ("five people, three of them children, were killed", "killed", 5),
        ("killing three \u201ccrusaders\u201d", "killed", 3),
    ],
)
def test_more_ways_of_giving_a_toll(words, outcome, low):
    (claim,) = find_claims(words)
    assert (claim.outcome, claim.min) == (outcome, low)


def test_a_group_claiming_a_bombing_that_killed_people_leaves_the_toll_to_the_reporter(db):
    result = _report(
        "The Islamic State group said on Tuesday that it carried out a suicide bombing that "
        "killed 16 people in Qamishli on Monday."
    )
    assert _figures(result) == {("afp", "killed", 16, 16)}
    assert _alleged(result) == {("islamic_state", "is_claim", "claimed")}


def test_a_group_giving_its_own_toll_is_its_claim(db):
    result = _report(
        "A car bomb hit Manbij on Monday. The Islamic State group said it was responsible, "
        "claiming it targeted a patrol, killing three soldiers."
    )
    assert _figures(result) == {("is_claim", "killed", 3, 3)}
    assert _alleged(result) == {("islamic_state", "is_claim", "claimed")}


def test_a_group_that_claimed_other_attacks_has_not_claimed_this_one(db):
    result = _report(
        "A car bomb killed five people in Azaz on Monday, a monitor said. Islamic State has "
        "claimed similar bombings in the past."
    )
    assert _alleged(result) == set()


def test_a_town_the_text_puts_inside_a_region_is_the_event_place(db):
    result = _report("Air strikes killed 12 people in Douma, the main town in Eastern Ghouta.")
    assert result["places"][0]["names"] == ["Douma"]


@pytest.mark.parametrize(
    ("text", "alleged"),
    [
        (
            "Seven civilians were killed in Douma on Monday, local sources said. Reports blamed "
            "both the Syrian regime and Russia.",
            {("government", "local", "accused"), ("russia", "local", "accused")},
        ),
        (
            "A car bomb killed five people in Azaz on Monday. The deadly attack was reportedly "
            "launched by rebel factions.",
            {("opposition", "afp", "accused")},
        ),
        (
            "An Islamic State car bomb killed five people in Azaz on Monday, sources in the "
            "region said.",
            {("islamic_state", "local", "accused")},
        ),
        (
            "A car bomb killed five people near a checkpoint manned by Turkey-backed rebels in "
            "Afrin on Monday, a monitor said.",
            set(),
        ),
        (
            "A car bomb killed five people in Azaz on Monday. Anadolu said the YPG, which Ankara "
            "views as a terrorist group, may have carried out the attack.",
            {("ypg", "anadolu", "accused")},
        ),
        (
            "Ten people were killed in Binnish on Monday. The LCC said the warplanes were Russian "
            "while the Observatory said it was not clear whose planes struck.",
            {("russia", "lcc", "accused")},
        ),
        (
            "Air strikes by either Syrian or Russian warplanes killed ten people in Binnish on "
            "Monday, a monitor said.",
            set(),
        ),
        (
            "Three soldiers were killed near Quneitra on Monday, state media said. The Israeli "
            "military confirmed it had targeted Syrian positions.",
            {("israel", "israel_mil", "claimed")},
        ),
        (
            "The US-led coalition said it carried out a strike near Raqqa on Monday that killed "
            "five people.",
            {("us_led_coalition", "coalition", "claimed")},
        ),
    ],
)
def test_more_ways_of_saying_who_did_it(db, text, alleged):
    assert _alleged(_report(text)) == alleged


def test_a_documentation_centre_is_a_monitor(db):
    result = _report(
        "Seven civilians were killed in Douma on Monday. The Violations Documentation Center "
        "documented the names of seven victims."
    )
    assert ("vdc", "killed", 7, 7) in _figures(result)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Damascus, June 16 (IANS) Rockets killed 18 people in Aleppo on Monday.", "Aleppo"),
        ("Damascus: At least three soldiers were killed in Quneitra province.", "Quneitra"),
        ("ERBIL, Kurdistan Region—Fighters were killed near Manbij on Monday.", "Manbij"),
        (
            "Ten people were killed on Monday, said an activist based in Jableh. The strikes "
            "hit Binnish.",
            "Binnish",
        ),
        (
            "A car bomb outside the Omar bin Khattab mosque in Homs killed ten people.",
            "Homs",
        ),
        (
            "Rebels of Jabhat al-Shamiya said a car bomb killed ten people in Azaz.",
            "Azaz",
        ),
        (
            "A motorcycle bomb went off in Hasakah province on Monday, state TV said. It went "
            "off in the city of Shaddadi.",
            "Shaddadi",
        ),
        (
            "A car bomb killed ten people in Jableh, a stronghold of President Bashar al-Assad.",
            "Jableh",
        ),
    ],
)
def test_the_event_place_among_bylines_people_groups_and_provinces(db, text, first):
    result = _report(text)
    assert first in result["places"][0]["names"][0] or first in result["places"][0]["name"]


def test_a_name_only_loosely_like_a_village_is_not_placed(db):
    result = _report("Shells hit the village of Bab al-Kheir.")
    assert result["places"] == []


def test_killed_and_wounded_together_give_neither_figure():
    assert find_claims("the blast killed and wounded dozens of people") == []


def test_another_after_a_toll_is_one_more():
    killed, injured = find_claims("caused the death of three soldiers and injured another")
    assert (killed.outcome, killed.min) == ("killed", 3)
    assert (injured.outcome, injured.min, injured.max) == ("injured", 1, 1)


def test_a_voice_s_own_figure_beats_the_lead_it_shared(db):
    result = _report(
        "Shells killed at least a dozen civilians in Aleppo on Monday, state media and a "
        "monitor said. State media said 12 people were killed."
    )
    assert ("state_media", "killed", 12, 12) in _figures(result)


def test_a_whole_quoted_sentence_goes_on_with_the_voice_before_it(db):
    result = _report(
        "Three strikes hit Atareb on Monday, the Syrian Observatory for Human Rights said. "
        '"A number of people died of their wounds, bringing the toll to 61 people."'
    )
    assert _figures(result) == {("sohr", "killed", 61, 61)}


def test_a_person_named_after_the_body_speaks_for_it(db):
    result = _report(
        "Militants shelled Jurin, killing three civilians, chief of the Russian Center for "
        'reconciliation of the conflicting sides Ivan Petrov said. "Three civilians were '
        'killed in the shelling," Petrov said.',
        outlet="TASS",
    )
    assert _figures(result) == {("russia_mod", "killed", 3, 3)}


def test_a_gloss_in_brackets_does_not_part_a_figure_from_its_verb():
    (claim,) = find_claims(
        "At least 28 fighters of the Syrian Democratic Forces (SDF) have been killed."
    )
    assert (claim.min, claim.population) == (28, "combatant")


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Government air bombardments killed 12 people in a town on Monday.", "air_drone_strike"),
        ("Fighters were killed in a counter attack on the town on Monday.", "armed_clash"),
        ("Militants attacked a checkpoint with machine guns on Monday.", "armed_clash"),
        ("At least 28 people were killed in an ambush on a bus on Monday.", "attack"),
    ],
)
def test_event_sub_types_from_more_words(db, text, sub):
    assert _report(text)["sub_event_type"] == sub


@pytest.mark.parametrize(
    ("text", "alleged"),
    [
        (
            "Activists on Tuesday accused the government of Syrian President Bashar Assad of "
            "launching a chlorine attack on Sarmin that killed six people.",
            {("government", "local", "accused")},
        ),
        (
            "Israeli jets struck near Quneitra on Monday, state media said. An Israeli military "
            "spokesman reported that fighter planes attacked military targets.",
            {("israel", "state_media", "accused"), ("israel", "israel_mil", "claimed")},
        ),
        (
            'Three soldiers were killed on Monday after Israel "renewed its aggression by firing '
            'missiles" on Quneitra, SANA reported.',
            {("israel", "sana", "accused")},
        ),
    ],
)
def test_a_party_named_by_its_government_or_telling_of_its_own_strike(db, text, alleged):
    assert _alleged(_report(text)) == alleged


def test_a_lead_toll_stays_the_reporter_s_when_the_next_sentence_names_a_source_for_the_event(
    db,
):
    # docs/extraction-coding.md, the speaker rule: a source named next "for the event's
    # place or day without figures of its own" does not take the toll before it
    result = _report(
        "At least 15 people have been killed and 64 wounded after a car bomb struck Homs. "
        "The blast hit a busy street on Saturday, according to the provincial governor. "
        "A medical source said 100 people were wounded."
    )
    assert _figures(result) == {
        ("afp", "killed", 15, None),
        ("afp", "injured", 64, 64),
        ("medical", "injured", 100, 100),
    }


def test_a_lead_toll_stays_the_reporter_s_when_the_voice_next_says_something_else(db):
    result = _report(
        "At least 43 civilians have been killed in air strikes on a market in Atareb. The "
        "Syrian Observatory for Human Rights said it was not clear who carried out Monday's "
        "strikes."
    )
    assert _figures(result) == {("afp", "killed", 43, None)}


def test_an_outlet_named_with_what_it_is_speaks_as_itself(db):
    result = _report(
        "At least 20 people, mostly rebel fighters, have reportedly been killed in a car bomb "
        "blast in Azaz. According to Turkish news outlet, Haber Turk, the blast killed 30. It "
        "said the attack was carried out by IS terrorists."
    )
    assert _figures(result) == {("afp", "killed", 20, None), ("haber_turk", "killed", 30, 30)}
    assert _alleged(result) == {("islamic_state", "haber_turk", "accused")}
    (outlet,) = [s for s in result["sources"] if s["key"] == "haber_turk"]
    assert (outlet["name"], outlet["kind"]) == ("Haber Turk", "news_agency")


def test_the_table_s_own_outlets_are_not_named_again(db):
    result = _report("Syrian state TV said five people were killed in Azaz on Monday.")
    assert [s["key"] for s in result["sources"]] == ["state_tv"]


@pytest.mark.parametrize(
    ("text", "alleged"),
    [
        (
            "Islamic State militants executed 15 civilians in a village near Deir ez-Zor on "
            "Monday, the monitor said.",
            {("islamic_state", "monitor", "accused")},
        ),
        (
            "Turkey's army shelled Tal Rifaat on Monday, killing five civilians, according to "
            "Kurdish officials.",
            {("turkey", "kurdish_source", "accused")},
        ),
        (
            "Israeli jets struck near Damascus on Monday, SANA said. An Israeli security source "
            "said the strike targeted an arms depot.",
            {("israel", "sana", "accused"), ("israel", "israel_source", "claimed")},
        ),
    ],
)
def test_executions_possessive_armies_and_security_sources(db, text, alleged):
    assert _alleged(_report(text)) == alleged


def test_activists_in_a_clause_about_a_monitor_are_not_a_voice(db):
    result = _report(
        "The Syrian Observatory for Human Rights, which relies on a network of activists on "
        "the ground, said five people were killed in Atmeh on Monday."
    )
    assert _figures(result) == {("sohr", "killed", 5, 5)}


@pytest.mark.parametrize(
    ("text", "alleged"),
    [
        (
            "Syrian troops backed by Russian air power shelled Atmeh on Monday, killing five "
            "people, activists said.",
            {("government", "local", "accused")},
        ),
        (
            "Five civilians died in Turkish-backed fighters' shelling on Tal Tamr on Monday, the "
            "SDF said.",
            {("sna", "sdf", "accused")},
        ),
        (
            "According to the White Helmets, regime forces' shelling killed five civilians in "
            "Atmeh on Monday.",
            {("government", "civil_defence", "accused")},
        ),
        (
            "Russia's air force struck Atmeh on Monday, killing five people, activists said.",
            {("russia", "local", "accused")},
        ),
    ],
)
def test_backed_forces_and_plural_possessives(db, text, alleged):
    assert _alleged(_report(text)) == alleged


def test_meanwhile_pointing_back_at_the_attack_still_dates_it(db):
    result = _report(
        "Islamic State claimed an attack in Manbij in which seven fighters were killed. "
        "Meanwhile, the city's military council said the attack took place overnight on "
        "Monday.",
        dateline="2017-10-25",
    )
    assert result["event_date"] == "2017-10-23"


@pytest.mark.parametrize(
    "text",
    [
        "Jets believed to be Russian or Syrian struck Atmeh on Monday, killing five people, a "
        "monitor said.",
        "Russian or Syrian warplanes struck Atmeh on Monday, killing five people, a monitor said.",
        "Five people were killed in Atmeh on Monday, a monitor said, without specifying whether "
        "the planes were Russian.",
    ],
)
def test_a_voice_that_cannot_say_whose_planes_accuses_no_one(db, text):
    assert _alleged(_report(text)) == set()


@pytest.mark.parametrize(
    ("text", "alleged"),
    [
        (
            # the set's reading: the regime named with its ally is accused with it
            "Air strikes by regime ally Russia killed five civilians in Atmeh on Monday, the "
            "monitor said.",
            {("russia", "monitor", "accused"), ("government", "monitor", "accused")},
        ),
        (
            "The monitor said five civilians were killed in Atmeh on Monday in strikes it blamed "
            "on Damascus.",
            {("government", "monitor", "accused")},
        ),
    ],
)
def test_a_party_named_with_its_ally_and_a_capital_for_its_state(db, text, alleged):
    assert _alleged(_report(text)) == alleged


def test_a_lead_toll_in_a_claim_s_relative_clause_stays_the_reporter_s(db):
    result = _report(
        "Islamic State on Monday claimed responsibility for a suicide bombing that killed more "
        "than 30 rebel fighters. The blast on Sunday night struck the Atmeh crossing, according "
        "to the Syrian Observatory for Human Rights."
    )
    assert ("afp", "killed", 31, None) in _figures(result)


def test_an_is_claimed_bombing_is_the_group_s_claim(db):
    result = _report(
        "An IS-claimed suicide bombing killed five people in Qamishli on Monday, a monitor said."
    )
    assert _alleged(result) == {("islamic_state", "is_claim", "claimed")}


def test_claiming_the_life_of_one_and_injuring_others(db):
    result = _report(
        "Terrorists positioned in the countryside targeted Aleppo with rocket shells on Monday, "
        "claiming the life of a child and injuring 4 others.",
        outlet="SANA",
    )
    assert _figures(result) == {("sana", "killed", 1, 1), ("sana", "injured", 4, 4)}
    assert _alleged(result) == {("opposition", "sana", "accused")}


@pytest.mark.parametrize(
    ("words", "low"),
    [
        ("Su-24 jets killed five people", 5),
        ("an F-16 strike killed 7 people", 7),
        ("Division 25 fighters killed 3 people", 3),
        ("a 23-mm gun killed five people", 5),
        ("the three-day truce collapsed and 10 people were killed", 10),
    ],
)
def test_numbers_of_names_and_measures_are_no_tolls(words, low):
    assert [(c.outcome, c.min) for c in find_claims(words)] == [("killed", low)]


def test_a_claim_saying_how_many_it_killed_is_the_group_s_toll(db):
    result = _report(
        "A suicide bomber struck an army post in Palmyra on Monday. Islamic State claimed the "
        "attack, saying it killed 20 soldiers."
    )
    assert _figures(result) == {("is_claim", "killed", 20, 20)}
    assert _alleged(result) == {("islamic_state", "is_claim", "claimed")}


# --- who alleges it (session 5, attribution wording) ---------------------------------------


def test_a_party_named_with_its_bracketed_alias_denies(db):
    result = _report(
        "Rockets killed three people in Afrin on Monday. The People's Protection Units (YPG) "
        "on Tuesday denied involvement in the attack."
    )
    assert ("ypg", "kurdish_source", "denied") in _alleged(result)


@pytest.mark.parametrize(
    ("text", "alleged"),
    [
        (
            "A car bomb killed five people in Afrin on Monday, a blast Turkey blames on the YPG.",
            {("ypg", "turkey_mod", "accused")},
        ),
        (
            "A car bomb killed five people in Afrin on Monday. The Turkish defence ministry said "
            "it was investigating. Ankara blamed the attack on the YPG.",
            {("ypg", "turkey_gov", "accused")},
        ),
    ],
)
def test_a_party_that_blames_another_accuses_through_its_voice(db, text, alleged):
    assert _alleged(_report(text)) == alleged


def test_a_turkish_governor_is_the_turkish_government(db):
    result = _report(
        "Rockets killed three people in Afrin on Monday. The governor of Turkey's Hatay "
        "province blamed the YPG for the attack."
    )
    assert _alleged(result) == {("ypg", "turkey_gov", "accused")}


def test_the_britain_based_group_is_the_observatory(db):
    result = _report(
        "Barrel bombs killed 12 civilians in Aleppo on Monday, the Syrian Observatory for Human "
        "Rights said. The Britain-based group said regime helicopters had dropped the bombs."
    )
    assert _alleged(result) == {("government", "sohr", "accused")}


def test_a_force_s_media_centre_is_the_force(db):
    result = _report(
        "A drone killed two fighters in Qamishli on Monday. “Two of our fighters were "
        "martyred,” the SDF media centre said."
    )
    assert ("sdf", "killed", 2, 2) in _figures(result)


def test_an_army_telling_of_its_own_attack_for_its_part_claims_it(db):
    result = _report(
        "Missiles killed two soldiers near Damascus on Monday, a Syrian military source said. "
        "The Israeli army, for its part, mentioned that its jets attacked air defence batteries."
    )
    assert ("israel", "israel_mil", "claimed") in _alleged(result)


def test_an_outlet_named_after_according_to_only_carries_the_voice(db):
    result = _report(
        "The SDF announced on Saturday that a drone strike on a car in Qamishli on Friday "
        "claimed the lives of three fighters, according to the North Press Agency.",
        dateline="2017-10-24",
    )
    assert _figures(result) == {("sdf", "killed", 3, 3)}
    assert result["event_date"] == "2017-10-20"  # the Friday, not the Saturday announcement


def test_it_reported_is_the_voice_named_just_before(db):
    result = _report(
        "A car bomb exploded in Homs on Monday. Pictures from state news agency SANA showed a "
        'burnt car. "Two civilians were killed," it reported.'
    )
    assert ("sana", "killed", 2, 2) in _figures(result)


def test_the_source_added_is_the_quoted_source(db):
    result = _report(
        "Missiles hit an army depot near Damascus on Monday, SANA quoted a military source as "
        "saying. The source added that four soldiers were injured."
    )
    assert ("gov_source", "injured", 4, 4) in _figures(result)


def test_a_second_voice_meanwhile_tells_the_same_attack(db):
    result = _report(
        "Rockets killed six people in Aleppo on Monday, a monitor said. The state news agency, "
        "SANA, meanwhile, said the rockets killed four civilians."
    )
    assert ("sana", "killed", 4, 4) in _figures(result)
    assert not result["multi_incident"]


def test_islamist_fighters_are_the_armed_opposition(db):
    result = _report(
        "Islamist fighters struck Damascus with rockets on Sunday, killing seven people, a "
        "monitor said."
    )
    assert _alleged(result) == {("opposition", "monitor", "accused")}


def test_a_news_network_named_before_its_name_is_a_voice(db):
    result = _report(
        "Gunmen attacked an army bus in Deir ez-Zor province on Monday. The local news network "
        "Furat Voice said 11 soldiers were killed."
    )
    assert _figures(result) == {("furat_voice", "killed", 11, 11)}


def test_a_voice_affiliated_to_a_party_is_not_the_party_speaking(db):
    result = _report(
        "A bomb killed four people in Afrin on Saturday, the SDF-affiliated North Press Agency "
        "reported."
    )
    assert _figures(result) == {("north_press", "killed", 4, 4)}


@pytest.mark.parametrize(
    ("text", "alleged"),
    [
        (
            "A car bomb killed 12 people in Azaz on Monday. The Turkish defence ministry held "
            "the YPG responsible.",
            {("ypg", "turkey_mod", "accused")},
        ),
        (
            "A suicide bomber killed 12 people in Azaz on Monday. The attack bore the hallmarks "
            "of the Islamic State group.",
            {("islamic_state", "afp", "accused")},
        ),
        (
            "A car bomb killed 12 people in Azaz on Monday. Security sources suspected IS was "
            "behind the blast.",
            {("islamic_state", "local", "accused")},
        ),
        (
            "Regime forces and their Russian allies bombed Ariha on Monday, killing 12 people, "
            "the monitor said.",
            {("government", "monitor", "accused"), ("russia", "monitor", "accused")},
        ),
        (
            "Twelve people were killed in Ariha on Monday. Rebels said pro-government forces "
            "shelled the town.",
            {("government", "afp", "accused")},
        ),
    ],
)
def test_holding_responsible_hallmarks_suspicion_allies_and_attack_verbs(db, text, alleged):
    assert _alleged(_report(text)) == alleged


def test_an_attack_verb_on_another_day_names_no_perpetrator_of_this_one(db):
    result = _report(
        "Barrel bombs killed 20 people in Aleppo on Sunday, activists said. On Tuesday, "
        "Russian jets bombed villages near Daraa, the monitor said.",
        dateline="2017-10-25",
    )
    assert ("russia", "monitor", "accused") not in _alleged(result)


def test_a_party_s_aircraft_that_had_not_flown_is_its_denial(db):
    result = _report(
        "A monitor said 12 people were killed by Russian strikes in Ariha on Monday. Russia's "
        "defence ministry said its aircraft had not flown over Ariha."
    )
    assert _alleged(result) == {
        ("russia", "monitor", "accused"),
        ("russia", "russia_mod", "denied"),
    }


def test_unknown_militants_are_no_party(db):
    result = _report(
        "Unknown militants attacked a bus with machine guns near Mayadin on Monday, killing 20 "
        "soldiers, a monitor said."
    )
    assert _alleged(result) == set()


@pytest.mark.parametrize(
    ("text", "alleged"),
    [
        (
            'Rockets killed 12 people in Aleppo on Monday. State television said "terrorist '
            'groups" fired the rockets.',
            {("opposition", "state_tv", "accused")},
        ),
        (
            "Missiles killed two soldiers near Homs on Monday. Damascus blamed Israel.",
            {("israel", "gov_source", "accused")},
        ),
        (
            "Missiles killed two soldiers near Homs on Monday. Syria accused Israel of carrying "
            "out the strike.",
            {("israel", "gov_source", "accused")},
        ),
        (
            "Strikes killed 12 people in Ariha on Monday, a monitor said. The Russian military "
            "said it had struck terrorist targets.",
            {("russia", "russia_mod", "claimed")},
        ),
        (
            "Twelve people were killed in Ariha on Monday in strikes by government and Russian "
            "aircraft, the White Helmets said.",
            {("government", "civil_defence", "accused"), ("russia", "civil_defence", "accused")},
        ),
        (
            "Twelve civilians were killed when warplanes bombed Ariha on Monday. The monitor "
            "identified the planes as Russian.",
            {("russia", "monitor", "accused")},
        ),
    ],
)
def test_quoted_parties_a_state_that_accuses_and_planes_identified(db, text, alleged):
    assert _alleged(_report(text)) == alleged


@pytest.mark.parametrize(
    ("text", "alleged"),
    [
        (
            "At dawn on Monday, the Israeli enemy launched an aerial aggression on Masyaf, killing "
            "two soldiers, a military source said.",
            {("israel", "gov_source", "accused")},
        ),
        (
            "The Turkish occupation forces shelled Tal Tamr on Monday, killing two civilians, SANA "
            "reported.",
            {("turkey", "sana", "accused")},
        ),
        (
            "Kurdish Asayish forces said IS cells were behind the bombing that killed 12 people in "
            "Hasakeh on Monday.",
            {("islamic_state", "kurdish_source", "accused")},
        ),
        (
            "The SDF said ISIS sleeper cells killed 12 of its fighters in Deir ez-Zor on Monday.",
            {("islamic_state", "sdf", "accused")},
        ),
        (
            "The YPG said Turkish jets struck a village near Kobani on Monday, killing 12 "
            "civilians.",
            {("turkey", "kurdish_source", "accused")},
        ),
    ],
)
def test_enemy_occupation_forces_sleeper_cells_and_kurdish_voices(db, text, alleged):
    assert _alleged(_report(text)) == alleged
