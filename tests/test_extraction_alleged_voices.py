"""Report extraction: who alleges it, when the wording names a voice or an event
label rather than a party (session 6, rules checked on the tune, tune6 and tune7
splits).

Each sentence below is made up; none describes a real incident. Place names are
only there so the gazetteer finds a place.
"""

import pytest

from tests.extraction_support import alleged as _alleged

CASES = [
    # "X quoted Y as saying": X is the subject and speaks (docs/extraction-coding.md).
    (
        "A missile hit a depot near Masyaf on Monday, state media reported. SANA quoted a "
        "military source as saying the Israeli attack came from the sea.",
        {("israel", "sana", "accused")},
    ),
    # "Y said ..., SANA reported": Y speaks; the agency only carries its words.
    (
        "A missile hit a depot near Masyaf on Monday, state media reported. A military "
        "source said the Israeli attack came from the sea, SANA reported.",
        {("israel", "gov_source", "accused")},
    ),
    # Every party named between "held" and "responsible", in the capital's own voice.
    (
        "A car bomb killed nine people in Azaz on Monday, the Observatory said. Ankara held "
        "Kurdish militants from the YPG and the Kurdistan Workers' Party responsible.",
        {
            ("ypg", "turkey_gov", "accused"),
            ("pkk", "turkey_gov", "accused"),
        },
    ),
    # "US airstrikes": the weapon names the party.
    (
        "US airstrikes killed six fighters near Mayadin on Monday, the Observatory said.",
        {("united_states", "sohr", "accused")},
    ),
    # "have blown themselves up"
    (
        "Two Islamic State militants have blown themselves up at a checkpoint in Raqqa on "
        "Monday, killing a guard, the Observatory said.",
        {("islamic_state", "sohr", "accused")},
    ),
    # A party's voice that announced its planes did not strike denies.
    (
        "Air strikes killed seven people in Ariha on Monday, the Observatory said. The Russian "
        "Defence Ministry announced that its planes did not carry out any strikes near Ariha.",
        {("russia", "russia_mod", "denied")},
    ),
    # An official voice whose statement state media carries is the one who accuses.
    (
        "Mortar shells killed two people in Jaramana on Monday. Police officials said the "
        "shells were fired by militants, the official SANA news agency reported.",
        {("opposition", "gov_source", "accused")},
    ),
    (
        "Two soldiers were killed near Tadmur on Monday. Syria's General Command of the Army "
        "and Armed Forces in a statement said that terrorist organizations targeted a "
        "checkpoint with drones.",
        {("opposition", "gov_source", "accused")},
    ),
    # "released a statement, saying": the body speaks.
    (
        "The Syrian Democratic Forces released a statement, saying three fighters were killed "
        "in a Turkish drone strike near Kobani on Monday.",
        {("turkey", "sdf", "accused")},
    ),
    # "the U.S.-backed Syrian forces" are the SDF, not the government.
    (
        "A spokesman for the U.S.-backed Syrian forces said Islamic State militants attacked a "
        "checkpoint in Raqqa on Monday, killing two guards.",
        {("islamic_state", "sdf", "accused")},
    ),
    # "according to the ministry's statement": the ministry speaking again.
    (
        "A Turkish soldier was killed on Monday, Turkey's Defence Ministry said. The casualty "
        "was caused by mortar attacks by YPG terrorists from Tal Rifaat, according to the "
        "ministry's statement.",
        {("ypg", "turkey_mod", "accused")},
    ),
    # "reports say" names no one: the reporter's own account.
    (
        "Rockets fired by militants killed four people in Jaramana on Monday, reports say.",
        {("opposition", "outlet", "accused")},
    ),
    # A month opening the report is the attack's own time, not another attack's.
    (
        "In March, Russian jets struck a market in Ariha, killing six people, the "
        "Observatory said.",
        {("russia", "sohr", "accused")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[str(n) for n in range(len(CASES))])
def test_who_alleges_it(db, text, expected):
    assert _alleged(text) == expected


NOT_ALLEGED = [
    # "terrorist attack": a label of the event, no party named.
    "Six soldiers were killed in a terrorist attack on a bus near Palmyra on Monday, "
    "state media said.",
    "Three people were wounded in the terrorist explosion in Jableh on Monday, SANA said.",
    # A party said not to have been there.
    "A blast killed four people in Ariha on Monday, the Observatory said, adding that no "
    "Russian aircraft was flying over the area.",
    # Another attack, at another time.
    "A car bomb wounded five people in Manbij on Monday, the Observatory said. No one "
    "claimed it, but in January the Islamic State group claimed a bombing in the town.",
]


@pytest.mark.parametrize("text", NOT_ALLEGED, ids=[str(n) for n in range(len(NOT_ALLEGED))])
def test_no_party_is_alleged(db, text):
    assert _alleged(text) == set()
