"""Report extraction: who is alleged to have struck, by whom, and how firmly.

Each sentence below is made up to show one way wire copy and monitors word blame; none
describes a real incident. Place names are only there so the gazetteer finds a place.
Each case checks the whole set of (actor, who alleges it, stance), so a party that is
merely mentioned must not be alleged.
"""

import pytest

from tests.extraction_support import alleged as _alleged

CASES = [
    # A voice says who carried it out.
    (
        "Five civilians were killed in Maarat al-Numan on Monday, the Syrian Observatory for "
        "Human Rights said. The Observatory said regime forces carried out the shelling.",
        {("government", "sohr", "accused")},
    ),
    # Passive: "blamed on".
    (
        "A car bomb killed seven people in Azaz on Monday. The blast was blamed on Islamic "
        "State by local sources.",
        {("islamic_state", "local", "accused")},
    ),
    # "attributed to" in the reporter's own words.
    (
        "Air strikes attributed to Russian jets killed nine people in Ariha on Monday.",
        {("russia", "outlet", "accused")},
    ),
    # "believed to be".
    (
        "Warplanes believed to be Russian struck a market in Saraqeb on Monday, killing six "
        "people, the Observatory said.",
        {("russia", "sohr", "accused")},
    ),
    # A suspected party.
    (
        "Four soldiers were killed in an ambush near Palmyra on Monday. Islamic State is "
        "suspected of carrying out the attack, the Observatory said.",
        {("islamic_state", "sohr", "accused")},
    ),
    (
        "A bomb killed three people in Jarablus on Monday, a monitor said. The YPG is "
        "believed to be behind the bombing, Turkey's defence ministry said.",
        {("ypg", "turkey_mod", "accused")},
    ),
    # "by the regime", "by government forces".
    (
        "Eleven civilians were killed in Douma on Monday in shelling by government forces, "
        "the Observatory said.",
        {("government", "sohr", "accused")},
    ),
    # A party named by its adjective before the weapon.
    (
        "Turkish artillery fire killed four civilians in Tal Rifaat on Monday, the SDF said.",
        {("turkey", "sdf", "accused")},
    ),
    (
        "Israeli missiles hit a base near Damascus on Monday, killing three soldiers, state "
        "television said.",
        {("israel", "state_tv", "accused")},
    ),
    (
        "Coalition aircraft struck the village of Hajin on Monday, killing eight civilians, "
        "the Observatory said.",
        {("us_led_coalition", "sohr", "accused")},
    ),
    # A claim of responsibility, and the same group named by an alias.
    (
        "A suicide bomber killed six fighters in Manbij on Monday. ISIS claimed "
        "responsibility through its Amaq news agency.",
        {("islamic_state", "is_claim", "claimed")},
    ),
    (
        "A car bomb killed five people in Afrin on Monday, the Observatory said. Daesh "
        "claimed the attack.",
        {("islamic_state", "is_claim", "claimed")},
    ),
    # The armed group speaks of itself again as "the group".
    (
        "Hayat Tahrir al-Sham fighters attacked an army post near Kafranbel on Monday, "
        "killing six soldiers, the Observatory said. The group claimed the assault on its "
        "Telegram channel.",
        {("hts", "sohr", "accused"), ("hts", "outlet", "claimed")},
    ),
    # Turkish-backed factions, and the SDF's denial beside the accusation.
    (
        "Shelling by Turkish-backed factions killed three civilians in Ain Issa on Monday, "
        "the SDF said.",
        {("sna", "sdf", "accused")},
    ),
    (
        "A car bomb killed six people in Azaz on Monday. Turkey's defence ministry blamed the "
        "YPG. The SDF denied any involvement.",
        {("ypg", "turkey_mod", "accused"), ("sdf", "sdf", "denied")},
    ),
    # A back-reference: "The terrorists, who ..." after the group is named.
    (
        "A bomb killed four people in Al-Bab on Monday, Turkey's defence ministry said, "
        "blaming the PKK/YPG. The terrorists, who planted the device in a car, fled, the "
        "ministry said.",
        {("ypg", "turkey_mod", "accused")},
    ),
    # Aliases: Nusra for HTS, QSD for the SDF, Hezbollah, Iranian-backed militias.
    (
        "Rockets fired by Nusra Front militants killed two children in Mhardeh on Monday, "
        "SANA said.",
        {("hts", "sana", "accused")},
    ),
    (
        "QSD fighters shelled the village of Jarablus on Monday, killing two people, "
        "Anadolu Agency said.",
        {("sdf", "anadolu", "accused")},
    ),
    (
        "Hezbollah fighters shelled the town of Madaya on Monday, killing three civilians, "
        "local activists said.",
        {("hezbollah", "local", "accused")},
    ),
    (
        "Iranian-backed militias shelled the village of Hatla on Monday, killing four "
        "people, the Observatory said.",
        {("iran", "sohr", "accused")},
    ),
    # Named units and factions stand for their side.
    (
        "Jaish al-Islam fired mortar shells at Damascus on Monday, killing three people, "
        "SANA said.",
        {("opposition", "sana", "accused")},
    ),
    (
        "Syrian Arab Army artillery pounded the town of Latamenah on Monday, killing five "
        "civilians, the White Helmets said.",
        {("government", "civil_defence", "accused")},
    ),
    # Syrian state media's own name for Israel.
    (
        "Missiles hit a base near Masyaf on Monday, killing two soldiers. SANA said the "
        "Zionist enemy fired the missiles from Lebanese airspace.",
        {("israel", "sana", "accused")},
    ),
    # The reporter's own statement.
    (
        "Unidentified aircraft struck a convoy near Abu Kamal on Monday, killing 12 fighters.",
        {("unidentified_aircraft", "outlet", "accused")},
    ),
    # A state named by where the missiles came from.
    (
        "Missiles launched from Israel hit an airport near Damascus on Monday, killing two "
        "soldiers, state television said.",
        {("israel", "state_tv", "accused")},
    ),
    # "accused" with the accused party's adjectives before its name.
    (
        "A bomb killed nine people in Tal Abyad on Monday. Turkish officials accused the "
        "armed Kurdish YPG of the attack.",
        {("ypg", "turkey_gov", "accused")},
    ),
    # "blamed the attack on", with the accuser a voice of the sentence.
    (
        "A rocket hit a school in Aleppo on Monday, killing four pupils. State media blamed "
        "the attack on terrorists.",
        {("opposition", "state_media", "accused")},
    ),
    # "carried out by", passive, in a voice's report.
    (
        "Nine people were killed in Sarmin on Monday in a strike carried out by Russian "
        "aircraft, the White Helmets said.",
        {("russia", "civil_defence", "accused")},
    ),
    # Two parties at once.
    (
        "Syrian and Russian warplanes pounded the town of Kafr Nabl on Monday, killing "
        "eleven civilians, the Observatory said.",
        {("government", "sohr", "accused"), ("russia", "sohr", "accused")},
    ),
    # A party's own voice says it struck.
    (
        "The Israeli military said its jets struck an arms depot near Damascus on Monday. "
        "Two soldiers were killed, state television said.",
        {("israel", "israel_mil", "claimed")},
    ),
    # "The group said it was behind" after the group is named.
    (
        "A car bomb killed eight people near Manbij on Monday, the Observatory said, blaming "
        "Islamic State. The group later said it was behind the blast.",
        {("islamic_state", "sohr", "accused"), ("islamic_state", "is_claim", "claimed")},
    ),
    # A group's own fighters named through it: "IS-linked militants".
    (
        "A car bomb killed six people in Azaz on Monday. IS-linked militants carried out the "
        "attack, the Observatory said.",
        {("islamic_state", "sohr", "accused")},
    ),
    (
        "Pro-Assad militias shelled the village of Kansafra on Monday, killing four "
        "civilians, the White Helmets said.",
        {("government", "civil_defence", "accused")},
    ),
    (
        "A suicide bomber from al-Qaeda-linked Hurras al-Din killed five soldiers near Jisr "
        "al-Shughur on Monday, the Observatory said.",
        {("jihadist_groups", "sohr", "accused")},
    ),
    # The claim in a relative clause.
    (
        "A bomb killed five people in Idlib on Monday. Islamic State, which claimed the "
        "attack on its Telegram channel, said it targeted a checkpoint.",
        {("islamic_state", "is_claim", "claimed")},
    ),
    # "in what activists described as".
    (
        "Eight people were killed in Raqqa on Monday in what activists described as a "
        "coalition air strike.",
        {("us_led_coalition", "local", "accused")},
    ),
    # A state's military telling of its own strike.
    (
        "A drone strike killed a senior jihadist near Idlib on Monday. The US military said "
        "it carried out the strike.",
        {("united_states", "us_military", "claimed")},
    ),
    # Two voices, two clauses, each naming the perpetrator its own way.
    (
        "Mortar shells hit Damascus on Monday, killing two people. SANA said terrorists fired "
        "the shells, while the Observatory said rebels in Eastern Ghouta were responsible.",
        {("opposition", "sana", "accused"), ("opposition", "sohr", "accused")},
    ),
    # Fired from a party's positions.
    (
        "Two children were killed in Idlib on Monday when a shell fired from regime positions "
        "hit their home, the White Helmets said.",
        {("government", "civil_defence", "accused")},
    ),
    # One unnamed person on the spot.
    (
        "A resident told Reuters that Russian jets bombed the market in Ariha on Monday, "
        "killing 10 people.",
        {("russia", "local", "accused")},
    ),
    (
        "A suicide attack killed 12 soldiers near Palmyra on Monday. An IS statement said one "
        "of its fighters carried out the attack.",
        {("islamic_state", "is_claim", "claimed")},
    ),
    # "the group denied" after the group is named.
    (
        "A car bomb killed 9 people in Afrin on Monday. Turkey's interior ministry blamed the "
        "YPG, while the group denied involvement.",
        {("ypg", "turkey_gov", "accused"), ("ypg", "kurdish_source", "denied")},
    ),
    # Russia's denial told by "said ... and denied".
    (
        "Air strikes killed ten civilians in Khan Shaykhun on Monday, the Observatory said, "
        "blaming Russian jets. Russia's defence ministry said the report was false and "
        "denied the claims.",
        {("russia", "sohr", "accused"), ("russia", "russia_mod", "denied")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[str(n) for n in range(len(CASES))])
def test_who_is_alleged_and_by_whom(db, text, expected):
    assert _alleged(text) == expected


NOT_ALLEGED = [
    # Merely named: a target, a place's holder, a victim, the make of a weapon.
    "A drone strike hit Islamic State positions near Hajin on Monday, killing six "
    "militants, the Observatory said, without saying whose drone it was.",
    "Seven civilians were killed on Monday in a blast in the rebel-held town of Atarib, "
    "the Observatory said.",
    "Three Russian soldiers were killed on Monday when their vehicle hit a mine near "
    "Palmyra, the Observatory said.",
    "A Russian-made jet crashed near Hama on Monday, killing its pilot, the Observatory said.",
    # Fighters of a party killed: victims, not perpetrators.
    "Twelve pro-regime fighters killed in an air strike near Abu Kamal on Monday were "
    "buried on Tuesday, the Observatory said.",
    "Turkish-backed rebels and the SDF traded fire near Manbij on Monday, leaving five "
    "dead, the Observatory said.",
    # Background about other attacks.
    "A blast killed five people in Qamishli on Monday, the Observatory said. No group has "
    "claimed it, but Islamic State has carried out similar attacks in the area.",
    "An explosion killed three people in Idlib on Monday, the Observatory said. Israel "
    "has carried out hundreds of strikes in Syria since 2011.",
    "Missiles hit a depot near Homs on Monday, killing two soldiers, the Observatory said. "
    "Damascus regularly accuses Israel of such strikes.",
    # Not clear who struck.
    "Air strikes killed six people in Ariha on Monday, the Observatory said, adding that "
    "it was not clear whether the planes were Syrian or Russian.",
    # Clashes: neither side is named as the one who killed.
    "Clashes between rebels and regime forces killed 20 fighters near Morek on Monday, "
    "the Observatory said.",
]


@pytest.mark.parametrize("text", NOT_ALLEGED, ids=[str(n) for n in range(len(NOT_ALLEGED))])
def test_a_party_merely_named_is_not_alleged(db, text):
    assert _alleged(text) == set()
