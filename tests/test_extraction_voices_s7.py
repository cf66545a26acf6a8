"""Report extraction: voices a tune8 review found keyed wrong (session 7). Each
sentence is made up; none describes a real incident. Place names are only there so
the gazetteer finds a place."""

import pytest

from events.extraction.evaluation import canonical_key, outlet_keys
from tests.extraction_support import alleged, figures


def _killed(text, outlet="Example Wire"):
    found = figures(text, dateline="2020-05-06", outlet=outlet)
    return {(key, low, high) for key, outcome, low, high in found if outcome == "killed"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, expected",
    [
        # a town's own security forces: unnamed people on the spot
        (
            "A car bomb exploded in Azaz on Monday, killing five civilians, according to "
            "local security forces.",
            {("local", 5, 5)},
        ),
        # ... but in a report that names the Asayish, they are the local forces
        (
            "A drone strike killed two civilians in a village near Kobani on Monday, "
            "according to local security forces. The Asayish said the drone was Turkish.",
            {("kurdish_source", 2, 2)},
        ),
        # the Asayish by their formal name
        (
            "A bomb exploded in Qamishli on Monday. The Kurdish-led Internal Security Forces "
            "(ISF), also known as the Asayesh, said in a statement that two people were killed.",
            {("kurdish_source", 2, 2)},
        ),
        (
            "A bomb exploded in Qamishli on Monday, killing three people, the Kurdish-led "
            "administration said.",
            {("kurdish_source", 3, 3)},
        ),
        # the plane spotters are a monitor of their own, not the Syrian Observatory
        (
            "Warplanes struck a market in Sarmin on Monday, killing seven people, the Syrian "
            "opposition aircraft observatory said.",
            {("aircraft_observatory", 7, 7)},
        ),
    ],
)
def test_a_toll_goes_to_the_voice_that_gives_it(text, expected):
    assert _killed(text) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, expected",
    [
        # "Security forces believe ...": the forces speak
        (
            "A car bomb exploded in Azaz on Monday. Security forces believe the YPG was behind "
            "the attack.",
            ("ypg", "local", "accused"),
        ),
        (
            "A car bomb exploded in Afrin on Tuesday. Security forces believe the blast to be "
            "the work of the YPG terrorist group.",
            ("ypg", "local", "accused"),
        ),
        (
            "A car bomb exploded in Tal Abyad on Tuesday. Local security forces suspect the "
            "YPG/PKK terror group may be behind the attack.",
            ("ypg", "local", "accused"),
        ),
        # "Syria's state-run news agency": SANA
        (
            "Missiles struck an air base near Homs on Monday, Syria's state-run news agency "
            "said, blaming Israel.",
            ("israel", "sana", "accused"),
        ),
        # "had not launched": a denial
        (
            "Missiles struck an air base near Homs on Monday. Pentagon officials said the United "
            "States had not launched any strikes in Syria.",
            ("united_states", "coalition", "denied"),
        ),
        # "raided" is an attack verb
        (
            "Two fighters were killed near Hajin on Monday. According to local sources, ISIS "
            "terrorists raided an SDF outpost near the town, killing two fighters.",
            ("islamic_state", "local", "accused"),
        ),
        # a president of the Syrian Democratic Council: the SDC speaks, not the SDF named in
        # the apposition
        (
            "A drone struck a car in Kobani on Sunday. Jiyan Sido, president of the Syrian "
            "Democratic Council (SDC), the political wing of the Syrian Democratic Forces "
            "(SDF), said that a Turkish drone carried out the strike.",
            ("turkey", "kurdish_source", "accused"),
        ),
        (
            "Planes struck a farm near Sarmin on Monday. Plane spotters said Russian jets "
            "carried out the raid.",
            ("russia", "aircraft_observatory", "accused"),
        ),
        # an outlet named with what it is: the whole "X TV station" is the mention, and the
        # verb is reached past the apposition after it
        (
            "Missiles hit an airbase near Homs on Monday. Al-Kawthar TV station of Iran's "
            "state-run broadcasting group, which backs the army, described the attack as "
            "Israeli aggression.",
            ("israel", "al_kawthar", "accused"),
        ),
        (
            "A car bomb killed four people in Tal Abyad on Monday. Turkish Foreign Minister "
            "Ali Demir said the YPG carried out the attack.",
            ("ypg", "turkey_gov", "accused"),
        ),
    ],
)
def test_who_alleges_it(text, expected):
    assert expected in alleged(text)


@pytest.mark.django_db
def test_the_syrian_national_coalition_is_not_the_us_led_coalition():
    found = alleged(
        "Barrel bombs hit Saraqib on Monday. Syrian National Coalition spokesman Omar "
        "Hamad said government helicopters dropped the bombs."
    )
    assert not any(source == "coalition" for _, source, _ in found)


@pytest.mark.django_db
def test_an_agency_s_correspondent_speaks_with_the_voice_beside_him():
    # the guide: an outlet's own correspondent is the reporter (the scorer's "outlet")
    outlet = "Example Post (AFP)"
    found = alleged(
        "Russian air strikes hit a market in Ariha on Sunday, said the Observatory and an AFP "
        "correspondent at the scene.",
        outlet=outlet,
    )
    own = outlet_keys(outlet)
    assert {(a, canonical_key(s, own), st) for a, s, st in found} == {
        ("russia", "sohr", "accused"),
        ("russia", "outlet", "accused"),
    }
