"""Report extraction (issue 14): the place of a report, on short made-up sentences.

Each test is one class of error seen on real reports: a person's, group's or
outlet's name read as a place, the reporter's dateline taken for the event's place,
a landmark named after a person taken for a same-named place, a neighbourhood
looked up in another city, and the order and precision of what is found.
"""

import pytest

from events.extraction import extract_report, parse_report


def places(text, dateline="2019-05-06"):
    return extract_report(parse_report({"text": text, "dateline": dateline}))["places"]


def names(found):
    return [name for place in found for name in place["names"]]


# --- a person's, a group's or an outlet's name is not a place ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Forces loyal to President Bashar al-Assad shelled the town of Sarmin on Monday, "
        "killing four people, a monitor said.",
        "Troops of Syrian President Bashar Assad shelled the town of Sarmin on Monday, "
        "killing four people.",
        "The Assad regime shelled the town of Sarmin on Monday, killing four people.",
        "Assad's forces shelled the town of Sarmin on Monday, killing four people.",
    ],
)
def test_a_presidents_name_is_not_a_place(db, text):
    found = places(text)
    assert found[0]["slug"] == "sarmin"
    assert not [n for n in names(found) if "Assad" in n]


def test_the_presidents_surname_alone_is_no_place_but_the_suburb_named_after_him_is(db):
    assert places("Rebels said Assad was behind the attack on Monday that killed five.") == []
    found = places("Shelling hit Dahiyat al-Assad in western Aleppo, killing three.")
    assert (found[0]["kind"], found[0]["names"]) == ("neighbourhood", ["Dahiyat al-Assad"])


def test_a_surname_met_after_a_title_is_a_person_everywhere_in_the_text(db):
    found = places(
        "Jets killed five people in Sarmin on Monday, activists said. "
        "The Assad government denied it. President Bashar al-Assad was in Damascus."
    )
    assert found[0]["slug"] == "sarmin"
    assert not [n for n in names(found) if "Assad" in n]


def test_a_groups_name_and_a_person_named_bin_someone_are_not_places(db):
    found = places(
        "Fighters of Jabhat al-Shamiya clashed with Omar bin Khattab's men in the town of "
        "Azaz on Monday, killing five people, a monitor said."
    )
    assert found[0]["name"] == "I‘zāz"
    assert names(found) == ["Azaz"]


def test_a_place_name_used_as_a_modifier_is_not_the_events_place(db):
    found = places(
        "Idlib rebels shelled the city of Aleppo on Monday, killing three people, state media said."
    )
    assert found[0]["slug"] == "aleppo"
    assert "Idlib" not in names(found)


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Rebels shelled Hama military airport on Monday, killing two soldiers.", "hamah"),
        ("Hasakah officials said five people were killed by the blast on Monday.", "al-hasakah"),
    ],
)
def test_a_place_before_officials_or_a_military_site_is_still_the_place(db, text, slug):
    assert places(text)[0]["slug"] == slug


def test_an_outlets_or_an_offices_name_is_not_a_place(db):
    found = places(
        "A rocket killed two people in Latakia on Thursday, ARA News reported, citing "
        "the Violations Documentation Center."
    )
    assert names(found) == ["Latakia"]


# --- the dateline is where the reporter files from ---------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        "ERBIL, Kurdistan Region— ",
        "BEIRUT (Reuters) - ",
        "DAMASCUS, Oct. 24 (Xinhua) -- ",
        "ISTANBUL — ",
        "Damascus, June 16 (IANS) ",
        "Damascus: ",
        "HOMS, Syria – ",
    ],
)
def test_the_city_of_a_dateline_is_not_the_events_place(db, opening):
    found = places(opening + "A car bomb killed six people in Manbij on Monday, a monitor said.")
    assert found[0]["slug"] == "manbij"


@pytest.mark.parametrize(
    "opening",
    ["BEIRUT - 6 May 2019: ", "IDLIB, Syria, May 6, 2019 (AP) - ", "MOSCOW, May 6. /TASS/. "],
)
def test_a_dated_dateline_gives_neither_the_place_nor_the_day(db, opening):
    result = extract_report(
        parse_report(
            {
                "text": opening + "A car bomb on Sunday killed six people in Manbij, a "
                "monitor said.",
                "dateline": "2019-05-06",
            }
        )
    )
    assert result["places"][0]["slug"] == "manbij"
    assert result["event_date"] == "2019-05-05"


def test_a_dateline_city_stands_when_the_text_names_no_other_place(db):
    found = places(
        "DAMASCUS (Reuters) - A mortar shell killed two people on Monday, state TV said."
    )
    assert found[0]["slug"] == "damascus"


def test_a_province_heading_is_not_a_dateline(db):
    found = places("Idlib province: air strikes killed seven people on Monday, the monitor said.")
    assert found[0]["kind"] == "governorate"


# --- landmarks ----------------------------------------------------------------------


def test_a_mosque_named_after_a_person_is_in_the_town_the_text_names(db):
    found = places(
        "A car bomb exploded outside the Omar bin Khattab mosque in southern Damascus on "
        "Friday, killing ten people, a monitor said."
    )
    assert found[0]["slug"] == "damascus"
    assert [p["kind"] for p in found] == ["city"]


def test_a_shrine_named_after_a_saint_is_not_a_same_named_town(db):
    found = places(
        "A suicide bomber struck the Sayyida Zeinab shrine south of Damascus, killing 15, "
        "state TV said."
    )
    assert [p["slug"] for p in found] == ["damascus"]


def test_a_landmark_is_taken_only_when_the_text_calls_it_by_its_kind(db):
    found = places("A shell hit Marjeh Square in Damascus on Monday, killing two people.")
    assert (found[0]["name"], found[0]["kind"], found[0]["precision"]) == (
        "Marjeh Square",
        "landmark",
        "exact",
    )
    found = places("A shell hit the Marjeh area of Damascus on Monday, killing two people.")
    assert found[0]["slug"] == "damascus"


# --- a neighbourhood is inside the city the text names ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Air strikes on the al-Marja neighborhood of Aleppo killed 13 civilians on Friday.",
        "Aleppo province: 13 civilians were killed by air strikes on al-Marja neighborhood.",
        "Aleppo Governorate: 13 civilians were killed by air strikes on al-Marja neighborhood.",
    ],
)
def test_an_unknown_neighbourhood_is_its_city_not_a_same_named_place_elsewhere(db, text):
    found = places(text)
    first = found[0]
    assert (first["slug"], first["precision"]) == ("aleppo", "town")
    assert "damascus-al-marjeh-square" not in [p["slug"] for p in found]
    assert "al-Marja" not in first["names"]  # an unknown part of it, not its name


def test_a_known_neighbourhood_keeps_its_own_precision_and_its_city_follows(db):
    found = places(
        "Shelling on the Sheikh Maqsoud neighbourhood of Aleppo killed four people on Monday."
    )
    assert (found[0]["slug"], found[0]["precision"]) == ("aleppo-sheikh-maqsoud", "neighbourhood")
    assert found[1]["slug"] == "aleppo"


def test_a_city_named_for_its_governorate_is_narrowed_by_a_town_the_text_names_in_it(db):
    found = places(
        "Government helicopters dropped barrel bombs on Daraa on Friday, a monitor said. "
        "The bombs targeted towns including Al-Hirak."
    )
    assert found[0]["name"] == "Al Ḩirāk"
    found = places(
        "Government helicopters dropped barrel bombs on the city of Daraa on Friday. "
        "The bombs also targeted towns including Al-Hirak."
    )
    assert found[0]["kind"] == "city"


def test_a_place_run_on_into_an_unknown_longer_name_is_not_matched_alone(db):
    found = places(
        "A car bomb killed 20 people near the Bab al-Salam crossing on Monday, witnesses said."
    )
    assert "al-bab" not in [p["slug"] for p in found]


def test_where_a_voice_is_based_is_not_the_events_place(db):
    found = places(
        "Two air strikes hit the town of Binnish on Tuesday. "
        '"Ten people were killed," said an activist based in the nearby Jabal al-Zawiya region.'
    )
    assert found[0]["slug"] == "binnish"


def test_a_village_that_also_goes_by_a_citys_name_does_not_take_the_city(db):
    found = places("Rebels in Idlib fired rockets at Aleppo on Monday, killing three people.")
    assert [p["slug"] for p in found if p["names"] == ["Aleppo"]] == ["aleppo"]


# --- order, spellings and precision -------------------------------------------------


def test_most_specific_first_with_every_spelling_and_the_precision_of_each(db):
    found = places(
        "Shelling hit the town of Maaret al-Numan in Idlib province on Monday, killing six "
        "people. Residents of Maarat al-Numan said the market was hit."
    )
    town, governorate = found[:2]
    assert town["names"] == ["Maaret al-Numan", "Maarat al-Numan"]
    assert (town["kind"], town["precision"]) == ("town", "town")
    assert (governorate["kind"], governorate["precision"]) == ("governorate", "governorate")


def test_a_guessed_spelling_must_start_like_the_name_written(db):
    found = places(
        "Turkish strikes killed 14 civilians around the village of Bab al-Kheir on Friday."
    )
    assert "sabah-al-khair" not in [p["slug"] for p in found]
    found = places("Air strikes killed five people in the village of Abadeeta on Monday.")
    assert found[0]["name"] == "Abdita"


def test_the_opening_word_of_an_unknown_place_name_is_not_a_place_alone(db):
    found = places("Twelve civilians were killed in air strikes on Maarat Harma in southern Idlib.")
    # not the village "Marrat"; "southern Idlib" is the governorate's south
    assert [p["slug"] for p in found] == ["idlib-governorate"]


@pytest.mark.parametrize(
    "text, city, part",
    [
        (
            "A suicide bomber blew himself up in Raqqa's al-Mashlab neighbourhood.",
            "Raqqa",
            "al-Mashlab",
        ),
        ("Two car bombs killed 30 people in Homs' Zahraa district on Monday.", "Homs", "Zahraa"),
    ],
)
def test_a_possessive_names_the_city_and_the_neighbourhood_after_it_is_looked_up_inside(
    db, text, city, part
):
    found = places(text)
    assert [(p["kind"], p["names"]) for p in found] == [
        ("neighbourhood", [part]),
        ("city", [city]),
    ]


def test_a_place_owning_a_thing_is_not_where_a_later_toll_happened(db):
    result = extract_report(
        parse_report(
            {
                "text": "Rockets killed five civilians in the al-Ashrafiya neighbourhood of "
                "Aleppo on Wednesday. Aleppo's attack came a day after rockets hit "
                "Latakia's city centre, killing 22.",
                "dateline": "2015-11-11",
            }
        )
    )
    assert result["multi_incident"] is True
    assert [c["min"] for s in result["sources"] for c in s["claims"]] == [5]
