"""Report extraction (issue 14): the event's place, session 8's rules and spellings, on
real, cited sentences of the tune9 split (tests/data/extraction_dev.jsonl)."""

import pytest

from events.geocoding.context import distance_km
from tests.extraction_support import extract


def first_place(text: str, dateline: str) -> tuple[float, float]:
    place = extract(text, dateline=dateline, outlet="Example Wire")["places"][0]
    return place["lat"], place["lon"]


def km_from(point: tuple[float, float], lat: float, lon: float) -> float:
    return distance_km(point[1], point[0], lon, lat)


def test_the_bakery_a_strike_hit_is_named_not_a_farm_of_that_name(db):
    # https://www.peninsulaclarion.com/news/syria-strikes-isis-stronghold
    text = (
        "Syria launched a series of airstrikes targeting a stronghold of the Islamic State "
        "extremist group on Saturday, killing at least 29 people, most of whom died when one "
        "of the missiles slammed into a crowded bakery, activists said.\n"
        "The eight airstrikes smashed parts of buildings, set cars alight and crushed people "
        "under rubble in the northeastern city of Raqqa, which is ruled by the extremist "
        "group, according to video of the aftermath uploaded to social media networks.\n"
        "At least 20 civilians were killed, alongside nine Islamic State fighters, said the "
        "Britain-based Syrian Observatory for Human Rights. Most of the civilians were "
        "killed after at least one strike hit the Andalous bakery "
        "on a busy street, and the death toll was likely to rise, said the Observatory."
    )
    assert km_from(first_place(text, "2014-09-06"), 35.95283, 39.00788) < 10  # Raqqa


def test_the_airbase_a_jet_took_off_from_is_not_where_it_struck(db):
    # https://www.ensonhaber.com/airstrike-killed-5-civilians-in-idlib.html
    text = (
        "At least five civilians have been killed in an airstrike on residential areas in "
        "Syria’s northern de-escalation zones, local sources said on Sunday.\n"
        "According to the Syrian opposition aircraft observatory, Qalaat Al-Madiq and "
        'Al-Hawash were targeted by a "Russian jet which took off from the Khmeimim airbase '
        'in Syria’s western Latakia province".'
    )
    assert km_from(first_place(text, "2019-04-28"), 35.41465, 36.39085) < 10  # Qalaat al-Madiq


@pytest.mark.parametrize(
    "text, dateline, lat, lon",
    [
        # https://www.thenationalnews.com/world/mena/israeli-air-strike-destroys-iranian-targets-in-syria-war-monitor-says-1.848329
        (
            '"Around 2.30am ... the Israeli air force carried out a strike targeting one of '
            'our military positions in the town of Misyaf," the official Sana news agency '
            "quoted a military source as saying.\nThe strike in Hama province, north of "
            'Damascus "wounded three combatants and destroyed buildings," the source said.',
            "2019-04-13",
            35.0653,
            36.3406,  # Masyaf
        ),
        # https://news.snhr.org/2021/02/13/civilian-shot-dead-by-sdf-personnel-in-theyban-town-in-deir-ez-zour-suburbs-on-february-11/
        (
            "A man from Theyban town in the eastern suburbs of Deir Ez-Zour governorate was "
            "shot dead on February 11, 2021, by Syrian Democratic Forces personnel during a "
            "raid they carried out on the river crossing.",
            "2021-02-13",
            35.01498,
            40.51028,  # Dhiban
        ),
    ],
)
def test_spellings_reporters_use_name_the_town(db, text, dateline, lat, lon):
    assert km_from(first_place(text, dateline), lat, lon) < 10


def test_a_village_outside_a_city_is_not_a_namesake_far_from_it(db):
    # https://nepalireporter.com/2013/05/11677 (AP): the Bayda on file is in Latakia
    # province, 50 km north; the village outside Banias is not on file, so Banias stands.
    text = (
        "Syrian troops backed by pro-government gunmen swept into a Sunni village in the "
        "mountains near the Mediterranean coast on Thursday, killing dozens of people, "
        "including women and children, and torching homes, activists said.\n"
        "The Britain-based Syrian Observatory for Human Rights said that at least 50 people "
        "— and possibly as many as 100 — were killed in the violence in Bayda, a village "
        "outside the city of Banias."
    )
    assert km_from(first_place(text, "2013-05-02"), 35.18188, 35.94871) < 10  # Baniyas


def test_a_village_spelled_loosely_is_the_village_not_a_base_of_a_like_name(db):
    # https://orient-news.net/ar/news_show/176082 (Orient News): al-Kibr is Kubar
    # (al-Kibar); "Qibar", an army base in Afrin, matches the spelling a little closer.
    text = (
        "Two civilians have been shot dead and others were injured in Deir ez-Zoor "
        "countryside as Syrian Democratic Forces (SDF) militiamen clamped down on a peaceful "
        "demonstration, local media reported.\n"
        "Peaceful demonstrators took to the streets on Sunday (January 12) in al-Kibr village "
        "in Deir ez-Zoor countryside, protesting corruption in SDF controlled areas, "
        "Euphrates Post reported."
    )
    assert km_from(first_place(text, "2020-01-13"), 35.619117, 39.853845) < 10  # Kubar
