"""Report extraction (session 7): more of the names wires give the parties, and more of
the ways they word who struck, who says so and how firmly.

Every sentence is made up to show one wording; none describes a real incident. Place
names are only there so the gazetteer finds a place. Each case checks the whole set of
(actor, who alleges it, stance).
"""

import pytest

from events.extraction.actors import find_actors
from tests.extraction_support import alleged as _alleged

OBS = "the Observatory said."


def sohr(*actors):
    return {(actor, "sohr", "accused") for actor in actors}


def reporter(*actors):
    return {(actor, "outlet", "accused") for actor in actors}


NAMES = [
    # The government under the names wires give its forces.
    (
        "Forces loyal to President Bashar al-Assad shelled Douma on Monday, killing six civilians, "
        + OBS,
        sohr("government"),
    ),
    (
        "Syrian-Russian air strikes killed eight people in Saraqeb on Monday, " + OBS,
        sohr("government", "russia"),
    ),
    (
        "Russian-Syrian air strikes killed eight people in Saraqeb on Monday, " + OBS,
        sohr("government", "russia"),
    ),
    (
        "A regime helicopter dropped a barrel bomb on Kansafra on Monday, killing three civilians.",
        reporter("government"),
    ),
    (
        "Assad's forces and Iranian militias shelled the town of Kansafra on Monday, killing three "
        "civilians.",
        reporter("government", "iran"),
    ),
    (
        "Regime forces and allied militias shelled the town of Kansafra on Monday, killing three "
        "civilians.",
        reporter("government"),
    ),
    # The armed factions Turkey backs.
    ("The SNA shelled Tal Tamr on Monday, killing three civilians, " + OBS, sohr("sna")),
    (
        "The Turkish occupation army and its mercenaries shelled the village of Tal Tamr on "
        "Monday, killing three civilians.",
        reporter("turkey", "sna"),
    ),
    (
        "The Turkish army and its affiliated factions shelled the village of Tal Tamr on Monday, "
        "killing three civilians.",
        reporter("turkey", "sna"),
    ),
    # HTS by its earlier names.
    (
        "Jabhat Fateh al-Sham fighters shelled the town of Suqaylabiyah on Monday, killing three "
        "civilians, " + OBS,
        sohr("hts"),
    ),
    (
        "The US-led alliance struck the town of Hajin on Monday, killing eight civilians, " + OBS,
        sohr("us_led_coalition"),
    ),
    (
        "Pro-Iranian militias shelled the town of Hatla on Monday, killing four civilians, " + OBS,
        sohr("iran"),
    ),
    (
        "The IDF struck targets near Damascus on Monday, killing two soldiers, " + OBS,
        sohr("israel"),
    ),
    (
        "Israel's military struck targets near Damascus on Monday, killing two soldiers, " + OBS,
        sohr("israel"),
    ),
    (
        "The YPG/PKK terror group fired rockets at Azaz on Monday, killing three civilians.",
        reporter("ypg"),
    ),
]

FRAMES = [
    # Passive: "was shelled by".
    (
        "Nine civilians were killed in Ariha on Monday when their village was shelled by Turkish "
        "forces, " + OBS,
        sohr("turkey"),
    ),
    # "attributed the bombing to".
    (
        "A car bomb killed nine people in Azaz on Monday. The Observatory attributed the bombing "
        "to Islamic State.",
        sohr("islamic_state"),
    ),
    # "identifying the warplanes as".
    (
        "Nine civilians were killed in Ariha on Monday, the Observatory said, identifying the "
        "warplanes as Russian.",
        sohr("russia"),
    ),
    # A suspect named without an attack word.
    (
        "A car bomb exploded in the town of Azaz on Monday, killing nine people, the Syrian "
        "Observatory for Human Rights said. Islamic State is suspected, the Observatory said.",
        sohr("islamic_state"),
    ),
    (
        "A car bomb exploded in the town of Azaz on Monday, killing nine people, the Syrian "
        "Observatory for Human Rights said. The Observatory said it suspected Islamic State.",
        sohr("islamic_state"),
    ),
    # A voice's quotation telling of the strike with "hit".
    (
        "Nine civilians were killed in air raids on the town of Ariha on Monday, the Syrian "
        'Observatory for Human Rights said. "The Russian planes hit the market at the busiest '
        'time of day," Abdel Rahman told AFP.',
        sohr("russia"),
    ),
    # Claims worded otherwise than "claimed".
    (
        "A car bomb killed nine soldiers in Qamishli on Monday. Islamic State took responsibility "
        "for the attack.",
        {("islamic_state", "is_claim", "claimed")},
    ),
    (
        "Turkish jets struck PKK targets near Kobani on Monday, killing 12 people, the Observatory "
        "said. Turkey's defence ministry said it had neutralised 12 terrorists.",
        sohr("turkey") | {("turkey", "turkey_mod", "claimed")},
    ),
    (
        "Turkish jets struck Kobani on Monday, killing 12 people, the Observatory said. Turkey "
        "said the strikes were against PKK bases.",
        sohr("turkey") | {("turkey", "turkey_gov", "claimed")},
    ),
    (
        "An air strike killed a senior al-Qaeda leader near Idlib on Monday. US Central Command "
        "said it carried out the strike.",
        {("united_states", "coalition", "claimed")},
    ),
    # Denials: in a relative clause, past a relative clause, by a party's ministry.
    (
        "A car bomb killed nine people in Azaz on Monday. Turkey blamed the YPG, which denied "
        "involvement.",
        {("ypg", "turkey_gov", "accused"), ("ypg", "kurdish_source", "denied")},
    ),
    (
        "Nine civilians were killed in air raids on the town of Ariha on Monday, the Syrian "
        "Observatory for Human Rights said. Russia, which has been carrying out air strikes in "
        "support of Assad since 2015, denied involvement.",
        {("russia", "russia_gov", "denied")},
    ),
    (
        "Nine civilians were killed in air raids on the town of Ariha on Monday, the Syrian "
        "Observatory for Human Rights said. Russia's defence ministry dismissed the report as "
        "fake news.",
        {("russia", "russia_mod", "denied")},
    ),
    # The government accusing, named as a party.
    (
        "The Syrian government accused Turkey of killing nine civilians in Tal Tamr on Monday.",
        {("turkey", "gov_source", "accused")},
    ),
]


def outlet(actor, key):
    return {(actor, key, "accused")}


MORE = [
    # PYD for the YPG, and "the terrorist organization" referring back to it.
    (
        "The PYD terrorist group fired rockets at Azaz on Monday, killing two civilians. The "
        "rockets were fired by the terrorist organization from Afrin.",
        reporter("ypg"),
    ),
    # Ankara's "Kurds".
    (
        "A bomb killed two civilians in Ras al-Ayn on Monday, Turkey's defence ministry said. "
        "The ministry accused Kurds of the explosion.",
        outlet("ypg", "turkey_mod"),
    ),
    # State media's "aggression", in a sentence with no attack verb.
    (
        "Missiles hit an air base near Homs on Monday, killing 14 people, the Observatory said. "
        "SANA said it was likely an American aggression.",
        outlet("united_states", "sana"),
    ),
    # "had not launched": the party's own denial.
    (
        "Missiles hit an air base near Homs on Monday, killing 14 people, the Observatory said. "
        "US officials said the United States had not launched any strikes in Syria.",
        {("united_states", "us_military", "denied")},
    ),
    # "armed groups supported by Ankara"; "X claimed that ...": an assertion, no claim.
    (
        "Shelling killed three civilians near Tal Tamr on Monday, the SDF said. The SDF claimed "
        "that the Turkish army and armed groups supported by Ankara shelled the villages.",
        outlet("turkey", "sdf") | outlet("sna", "sdf"),
    ),
    # A party accusing through one of its bodies, with no voice of it named.
    (
        "A car bomb killed two civilians in Ras al-Ayn on Monday. The Turkish Defence Ministry "
        "accuses Kurds of the explosion.",
        outlet("ypg", "turkey_mod"),
    ),
    # The party's own voice in a sentence where it denies is its denier, not a claimant.
    (
        "Missiles hit an air base near Homs on Monday, killing 14 people, the Observatory said. "
        "SANA said it was an American aggression, while US officials said the United States "
        "had not launched any strikes.",
        outlet("united_states", "sana") | {("united_states", "us_military", "denied")},
    ),
    # Fire returned by the voice's own side, past the lead: another attack.
    (
        "Shelling by Turkish-backed factions killed three civilians near Tal Tamr on Monday, "
        "the SDF said. The SDF said three SNA fighters were killed by SDF shelling that was "
        "fired in response.",
        outlet("sna", "sdf"),
    ),
    # A group at the head of others ("HTS-led rebels") is the one named.
    (
        "HTS-led rebels shelled the town of Mhardeh on Monday, killing four civilians, SANA said.",
        outlet("hts", "sana"),
    ),
    # The army's own word that it struck: the government's claim.
    (
        "The Syrian army said it had targeted terrorist positions near Idlib on Monday, killing "
        "20 militants.",
        {("government", "gov_source", "claimed")},
    ),
    # The backer is not the one who shelled.
    (
        "Syrian government forces, backed by Russian warplanes, shelled Ariha on Monday, "
        "killing nine people, the Observatory said.",
        sohr("government"),
    ),
    # An army named with its initials in brackets; parties joined after "accused".
    (
        "The Turkish Armed Forces (TSK) shelled the village of Tal Rifaat on Monday, killing "
        "three civilians, the SDF said.",
        outlet("turkey", "sdf"),
    ),
    (
        "The SDF accused regime forces and Iranian militias of the shelling that killed nine "
        "people in Deir ez-Zor on Monday.",
        outlet("government", "sdf") | outlet("iran", "sdf"),
    ),
    (
        "Warplanes of the Syrian regime and its Russian ally struck Ariha on Monday, killing "
        "nine civilians, the Observatory said.",
        sohr("government", "russia"),
    ),
    # Denials in other words.
    (
        "Air strikes killed nine civilians in Ariha on Monday, the Observatory said, blaming "
        "Russian jets. Russia's defence ministry said the reports were completely unfounded.",
        sohr("russia") | {("russia", "russia_mod", "denied")},
    ),
    (
        "Air strikes killed nine civilians in Ariha on Monday, the Observatory said, blaming "
        "Russian jets. Russia's defence ministry said the reports were fake.",
        sohr("russia") | {("russia", "russia_mod", "denied")},
    ),
    # Militias by their own names; "Turkish-backed FSA" is the SNA.
    (
        "Shabiha militiamen shelled the village of Hass on Monday, killing four civilians, the "
        "Observatory said.",
        sohr("government"),
    ),
    (
        "Fatemiyoun fighters shelled the village of Hass on Monday, killing four civilians, the "
        "Observatory said.",
        sohr("iran"),
    ),
    (
        "Turkish-backed Free Syrian Army fighters shelled Tal Rifaat on Monday, killing four "
        "civilians, the SDF said.",
        outlet("sna", "sdf"),
    ),
    # "since the morning" is the day's own attack, not background.
    (
        '"Jihadists west of Aleppo have been targeting the city since the morning," Abdel '
        "Rahman said. Rockets killed six people in Aleppo on Sunday, SANA said.",
        sohr("opposition"),
    ),
    # "claimed that" its own fighters did it is still the group's claim.
    (
        "A suicide bomber killed nine soldiers in Qamishli on Monday. IS claimed that one of its "
        "fighters carried out the attack.",
        {("islamic_state", "is_claim", "claimed")},
    ),
    # Militias named by whom they are aligned with.
    (
        "Government-backed militias shelled the village of Hass on Monday, killing four "
        "civilians, the Observatory said.",
        sohr("government"),
    ),
    (
        "Iran-aligned militias shelled the village of Hass on Monday, killing four civilians, "
        "the Observatory said.",
        sohr("iran"),
    ),
    # Raids, assaults: more attack verbs.
    (
        "ISIS militants raided an SDF outpost near Hajin on Monday, killing two fighters, local "
        "sources said.",
        outlet("islamic_state", "local"),
    ),
    (
        "Islamic State fighters staged an assault on a prison in Hasakah on Monday, killing "
        "seven guards, the SDF said.",
        outlet("islamic_state", "sdf"),
    ),
    # Suspects.
    (
        "A bomb killed nine soldiers on a bus near Daraa on Monday. There was no claim, but ISIS "
        "remains the main suspect.",
        reporter("islamic_state"),
    ),
    (
        "A car bomb killed six people in Tal Abyad on Monday. Police suspect the YPG may be "
        "behind the attack.",
        reporter("ypg"),
    ),
    # Two groups named, both shelling.
    (
        "Militants from Hayat Tahrir al-Sham and Jaish al-Izza shelled the town of Suqaylabiyah "
        "on Monday, killing a woman, the Russian Center for Reconciliation said.",
        outlet("hts", "russia_mod") | outlet("opposition", "russia_mod"),
    ),
    # "X quoted Y as saying": X speaks.
    (
        "Syrian state media said a missile hit a depot near Masyaf on Monday. SANA news agency "
        "quoted a military source as saying the Israeli attack came from the sea.",
        outlet("israel", "sana"),
    ),
    # Other attacks than the event: one answering it, its setting, an earlier one, the one
    # it answered, another day's, past ones; a bomb squad.
    (
        "Rockets fired by the YPG killed two civilians in Azaz on Monday, Anadolu Agency said. "
        "Turkish forces immediately retaliated with artillery fire on YPG positions.",
        outlet("ypg", "anadolu"),
    ),
    (
        "A car bomb killed six people in Qamishli on Monday, officials said. The attack came "
        "as Kurdish forces held off an assault by Turkey and its proxies.",
        set(),
    ),
    (
        "Russian warplanes struck Mardikh on Monday, killing three civilians, the Observatory "
        "said. The bombing followed an aerial attack by regime forces on the same village.",
        sohr("russia"),
    ),
    (
        "Russian air strikes killed 11 people in Jisr al-Shughur on Monday, in retaliation for "
        "deadly drone attacks blamed on rebel forces, the Observatory said.",
        sohr("russia"),
    ),
    (
        "Presumed Israeli strikes killed 16 fighters near Mayadeen on Tuesday, the Observatory "
        "said. Late Monday, Syrian air defences intercepted missiles fired by an Israeli "
        "warplane at an air base near Homs, SANA reported.",
        sohr("israel"),
    ),
    (
        "Two blasts killed ten people in Raqqa on Monday, the Observatory said. No one claimed "
        "the blasts, but such suicide attacks have been carried out in the past by ISIS members.",
        set(),
    ),
    (
        "A car bomb killed five people, including three FSA bomb disposal experts, in Jarablus "
        "on Monday.",
        set(),
    ),
]

NOT_ALLEGED = [
    # The attack a strike answered is not the strike's perpetrator.
    "US air strikes hit an arms depot near Mayadin on Monday, killing 11 fighters, the "
    "Observatory said, in retaliation for the pro-Iran militias' drone attacks on US bases.",
]


@pytest.mark.parametrize(("text", "expected"), NAMES, ids=[str(n) for n in range(len(NAMES))])
def test_parties_by_their_other_names(db, text, expected):
    assert _alleged(text) == expected


@pytest.mark.parametrize(("text", "expected"), FRAMES, ids=[str(n) for n in range(len(FRAMES))])
def test_who_struck_who_says_so_and_how_firmly(db, text, expected):
    assert _alleged(text) == expected


@pytest.mark.parametrize(("text", "expected"), MORE, ids=[str(n) for n in range(len(MORE))])
def test_more_names_frames_and_other_attacks(db, text, expected):
    assert _alleged(text) == expected


def test_the_attack_a_strike_answered_names_no_perpetrator(db):
    assert _alleged(NOT_ALLEGED[0]) == sohr("united_states")


def test_the_oppositions_national_coalition_is_not_the_us_led_coalition(db):
    text = "The opposition National Coalition and the US-led coalition both condemned the attack."
    coalition = [text[a:b] for key, a, b in find_actors(text) if key == "us_led_coalition"]
    assert coalition == ["US-led coalition"]
