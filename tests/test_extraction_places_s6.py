"""Report extraction (issue 14): which of a story's places is the incident's, on
short sentences written for these tests (made up, not real incidents).

Each test is one way a story names places: a countryside or a province for a
governorate, a city that the story only stands near, an administrative district
named after its town, a building named after someone, a loose spelling of a
village far from the story's other places, and a side story told "in a related
development".
"""

import pytest

from events.extraction import extract_report, parse_report
from events.extraction.place_cues import PLACE_KIND_WORDS


def places(text, dateline="2019-05-06"):
    return extract_report(parse_report({"text": text, "dateline": dateline}))["places"]


def first(text):
    found = places(text)
    assert found, "no place found"
    return found[0]["slug"], found[0]["kind"]


# --- a governorate's countryside is the governorate --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Shelling killed three civilians in a village in the countryside of Idlib on "
        "Monday, rescuers said.",
        "Four people were killed in Idlib's southern countryside when jets struck a "
        "market, a monitor said.",
        "Jets struck the eastern Idlib countryside on Monday, killing two farmers.",
        "Air strikes killed ten civilians in the jihadist-held Idlib region on Monday.",
    ],
)
def test_a_countryside_named_after_a_governorates_seat_is_the_governorate(db, text):
    assert first(text) == ("idlib-governorate", "governorate")


def test_rural_raqqa_is_the_governorate_not_the_city(db):
    text = "A landmine left over from the war exploded in rural Raqqa on Monday, killing two."
    assert first(text) == ("raqqa-governorate", "governorate")


@pytest.mark.parametrize(
    "text",
    [
        "An explosion killed two shepherds in the Damascus countryside on Monday.",
        "An explosion killed two shepherds in Damascus Countryside on Monday.",
    ],
)
def test_the_countryside_of_damascus_is_rif_dimashq(db, text):
    assert first(text) == ("rif-dimashq-governorate", "governorate")


def test_the_countryside_of_a_town_that_is_no_governorates_seat_is_that_town(db):
    text = (
        "Nine people were killed on Monday when a landmine blew up in the eastern "
        "countryside of Al-Salamiyah, in Hama province, state media said."
    )
    slug, kind = first(text)
    assert kind != "governorate"
    assert "salamiyah" in slug


def test_a_village_the_story_names_in_the_countryside_is_more_specific(db):
    text = (
        "Syrian and Russian jets pounded the southern Idlib countryside on Monday, "
        "killing nine civilians in the village of Kansafra, the civil defence said."
    )
    assert first(text)[0] == "kansafrah"


# --- around a city: the village the story names next ---------------------------------


def test_outside_a_city_the_village_the_story_names_is_the_place(db):
    text = (
        "Russian air strikes killed 12 civilians outside the city of Deir Ezzor on Monday. "
        "The monitor said the strikes hit the village of Al-Khrayta, killing the 12."
    )
    assert first(text) == ("khurayta", "village")


def test_near_a_town_with_no_other_place_the_town_stands(db):
    text = "Government shelling killed four people near the town of Kafr Zita, in Hama province."
    assert first(text) == ("kafr-zayta", "town")


def test_a_village_far_from_the_city_the_story_stands_near_is_not_taken(db):
    text = (
        "Air strikes killed six people outside the city of Deir Ezzor on Monday. "
        "The monitor said the strikes killed six displaced people from the village of "
        "Kafr Zita in Hama."
    )
    assert first(text)[0] == "deir-ez-zor"


# --- districts, buildings and loose spellings --------------------------------------


def test_a_district_of_a_province_is_its_town_not_a_city_quarter(db):
    text = "Jets killed seven people in the Maarat al-Numan district of Idlib province on Monday."
    assert first(text) == ("maarrat-an-numan", "town")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "Seven civilians were killed by Russian airstrikes in the Khan Shaykhun district "
            "of Syria's Idlib, an official said.",
            "khan-shaykhun",
        ),
        (
            "Jets killed four in the Jisr al-Shughur district of Idlib on Monday.",
            "jisr-ash-shughur",
        ),
    ],
)
def test_a_district_named_after_a_town_of_the_governorate_is_that_town(db, text, slug):
    assert first(text) == (slug, "town")


def test_a_neighbourhood_of_a_city_named_after_it_is_still_the_neighbourhood(db):
    text = (
        "BEIRUT, May 6 (Reuters) - An air strike killed five people in the al-Shaar "
        "neighbourhood of the northern city of Aleppo on Monday, a monitor said."
    )
    assert first(text) == ("aleppo-al-shaar", "neighbourhood")


def test_a_mosque_named_after_someone_is_not_a_quarter_of_a_far_city(db):
    text = (
        "A car bomb went off near the al-Zahraa Mosque in the town of At Tall on Monday, "
        "killing five people."
    )
    found = places(text)
    assert found[0]["slug"] == "at-tall"
    assert all(p["kind"] != "neighbourhood" for p in found)


def test_a_loose_spelling_far_from_the_storys_places_is_left_unplaced(db):
    text = (
        "A car exploded in the town of Harneh al-Gharbiye in al-Tal area on Monday, "
        "killing five civilians."
    )
    found = places(text)
    assert found[0]["slug"] == "at-tall"
    assert len(found) == 1


@pytest.mark.parametrize("name", ["T4 airbase", "T-4 air base"])
def test_a_site_known_by_a_code_is_found(db, name):
    text = f"Israeli strikes hit the {name} in Homs province on Monday, killing seven."
    assert first(text) == ("tiyas-military-airbase", "landmark")


def test_a_code_without_the_kind_of_site_is_not_taken_for_it(db):
    text = "Israeli strikes killed seven in Homs province on Monday; T4 was not hit."
    assert first(text)[1] == "governorate"


# --- side stories -------------------------------------------------------------------


def test_a_related_development_is_a_side_story(db):
    text = (
        "Three civilians were killed on Monday when jets struck homes in northern Syria. "
        "The strikes hit the village of Kafr Aweed in Idlib province, rescuers said. "
        "In a related development, one man was injured when shelling hit the village of "
        "Lahaya in Hama."
    )
    assert first(text) == ("kafr-uwayd", "town")


def test_a_place_named_after_a_day_after_is_an_earlier_incidents(db):
    text = (
        "Russian jets killed 8 civilians in the province of Idlib on Monday, a day after "
        "strikes killed 12 in the town of Ariha."
    )
    assert first(text) == ("idlib-governorate", "governorate")


@pytest.mark.parametrize(
    "earlier",
    [
        "Last week, an air strike on a market in Ariha killed 40 people.",
        "Earlier this month, an air strike on a market in Ariha killed 40 people.",
        "Two weeks ago, 40 people died in strikes on Ariha.",
        "In March, an air strike on a market in Ariha killed 40 people.",
    ],
)
def test_a_sentence_opening_on_an_earlier_time_tells_another_incident(db, earlier):
    text = "Air strikes killed five civilians on Monday, a monitor said. " + earlier
    assert [p["slug"] for p in places(text)] == []
    text = "Air strikes killed five civilians in Sarmin on Monday, a monitor said. " + earlier
    assert first(text)[0] == "sarmin"


@pytest.mark.parametrize(
    "earlier",
    [
        "It was the deadliest since strikes on Ariha killed 40 in March.",
        "The strike came days after shelling killed 12 people in the town of Ariha.",
    ],
)
def test_a_place_after_since_or_days_after_is_an_earlier_incidents(db, earlier):
    text = "An air strike killed five civilians in Idlib province on Monday. " + earlier
    assert first(text) == ("idlib-governorate", "governorate")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "Rockets fired from Idlib hit the town of Suqaylabiyah on Monday, killing two "
            "civilians, state media said.",
            "as-suqaylibiyah",
        ),
        (
            "Damascus came under heavy shelling by militants from Eastern Ghouta on Monday, "
            "killing four civilians.",
            "damascus",
        ),
    ],
)
def test_where_the_fire_came_from_is_not_where_it_struck(db, text, slug):
    assert first(text)[0] == slug


def test_fire_from_a_place_onto_an_unnamed_one_gives_no_place(db):
    text = (
        "A soldier was killed on Monday by mortar attacks by militants from Syria's Manbij "
        "on the border zone, the ministry said."
    )
    assert places(text) == []


def test_a_toll_a_day_before_is_another_incidents(db):
    text = (
        "A land mine killed six people on Sunday. It was planted by IS in the southern "
        "Deir Ezzor province. Six people were killed by a mine in the desert of Homs' "
        "eastern countryside just a day before, state media said."
    )
    assert first(text) == ("deir-ez-zor-governorate", "governorate")


# --- voices ---------------------------------------------------------------------------


def test_a_quoted_person_named_like_a_village_is_not_a_place(db):
    text = (
        "Jets struck a market in the town of Saraqeb on Monday, killing nine, said Abu "
        "Omar, a rescuer from the nearby city of Idlib."
    )
    found = places(text)
    assert found[0]["slug"] == "saraqib"
    assert not [p for p in found if "Abu Omar" in p["names"]]


# --- the place-kind words have one home ------------------------------------------------


@pytest.mark.parametrize(
    "word", ["town", "village", "city", "neighbourhood", "neighborhood", "province", "countryside"]
)
def test_the_place_kind_words_are_listed_once_for_all_rules(word):
    import re

    assert re.fullmatch(rf"(?:{PLACE_KIND_WORDS})", word)
    assert not re.fullmatch(rf"(?:{PLACE_KIND_WORDS})", "monitor")
