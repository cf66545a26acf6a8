"""Report extraction (session 9): who the report says did it, on real, cited sentences of
the tune9 and tune10 splits (tests/data/extraction_dev.jsonl). Each case checks the whole
set of (actor, who alleges it, stance) a user sees."""

from tests.extraction_support import alleged


def test_us_led_strikes_name_the_coalition_and_the_next_toll_keeps_the_monitor(db):
    # https://www.aljazeera.com/news/2016/07/led-air-strikes-kill-21-civilians-syria-160719045329897.html
    text = (
        "Dozens of civilians have been killed in US-led air strikes against areas in Syria "
        "held by the Islamic State of Syria and the Levant group (ISIL, also known as ISIS), a "
        "monitoring group said.\n"
        "At least 56 civilians, including 11 children, were killed in air strikes on the "
        "Tokhar area in the northern city of Manbij in the Aleppo governate on Tuesday, "
        "according to the Syrian Observatory for Human Rights.\n"
        "Ten others, including four children, were killed in coalition strikes on the village "
        "of Hamira, in the southern suburbs of Manbij."
    )
    assert alleged(text, outlet="Al Jazeera", dateline="2016-07-19") == {
        ("us_led_coalition", "sohr", "accused")
    }


def test_not_known_which_of_two_air_forces_struck_accuses_neither(db):
    # https://rferl.org/amp/syria-air-strikes-civilian-casualties/27846360.html
    text = (
        "The Syrian Observatory for Human Rights said some 40 others were injured in the July "
        "8 strikes on the town of Darkush.\n"
        "Syrian and Russian warplanes carry out air strikes across Syria but it is not known "
        "which carried out the strikes in the province of Idlib."
    )
    assert alleged(text, outlet="RFE/RL", dateline="2016-07-08") == set()


def test_troops_that_swept_into_a_village_killing_dozens_are_accused(db):
    # https://nepalireporter.com/2013/05/11677
    text = (
        "BEIRUT: Syrian troops backed by pro-government gunmen swept into a Sunni village in "
        "the mountains near the Mediterranean coast on Thursday, killing dozens of people, "
        "including women and children, and torching homes, activists said."
    )
    assert alleged(text, dateline="2013-05-02") == {("government", "local", "accused")}


def test_militiamen_clamping_down_on_a_protest_are_accused(db):
    # https://orient-news.net/ar/news_show/176082
    text = (
        "Two civilians have been shot dead and others were injured in Deir ez-Zoor countryside "
        "as Syrian Democratic Forces (SDF) militiamen clamped down on a peaceful "
        "demonstration, local media reported."
    )
    assert alleged(text, outlet="Orient News", dateline="2020-01-12") == {
        ("sdf", "local", "accused")
    }


def test_two_groups_that_performed_shelling_are_both_accused(db):
    # https://www.pukmedia.com/EN/details/?Jimare=37708
    text = (
        "Nusra Front and Ahrar al-Sham terrorists performed arbitrary shelling of Halab's "
        "Kurdish populated Sheikh Maqsud area on Tuesday, February 16."
    )
    assert alleged(text, outlet="PUKmedia", dateline="2016-02-16") == {
        ("hts", "outlet", "accused"),
        ("opposition", "outlet", "accused"),
    }


def test_artilleries_that_bombarded_villages_are_accused(db):
    # https://www.thebaghdadpost.com/en/Story/49181/Turkish-Shelling-Kills-Two-SDF-Fighters-in-NE-Syria
    text = (
        "Turkish artilleries bombarded villages outside Ain al-Issa on Wednesday evening and "
        "killed at least two Kurdish fighters of the Syrian Democratic Forces (SDF)."
    )
    assert alleged(text, outlet="The Baghdad Post", dateline="2020-08-05") == {
        ("turkey", "outlet", "accused")
    }


def test_the_operation_an_attack_followed_is_not_the_attack(db):
    # https://syriacpress.com/blog/2020/04/08/syria-turkish-artillery-targets-tel-tamr-villages-after-syrian-democratic-forces-capture-four-of-its-proxy-fighters/
    text = (
        "The villages of Manakh and Timar have witnessed further rocket attacks carried out by "
        "Turkish occupation forces and factions of Syrian National Army (SNA).\n"
        "The rocket bombardment followed an operation carried out by the SDF on the area "
        "between Timar and Dardara in Tel Tamr countryside.\n"
        "The majority of the residents of Tel Tamr's villages were forced to flee on 2 April "
        "amidst intense artillery bombardment by Turkey and the SNA."
    )
    assert alleged(text, outlet="Syriac Press", dateline="2020-04-08") == {
        ("turkey", "outlet", "accused"),
        ("sna", "outlet", "accused"),
    }


def test_a_suburb_often_targeted_by_shelling_tells_a_habit_not_this_attack(db):
    # http://www.latimes.com/world/worldnow/la-fg-wn-syria-rebels-mortars-20140403,0,1614390.story
    text = (
        "A series of mortar shells fired by rebels killed six children and injured 16 others "
        "Thursday in and around the Syrian capital of Damascus, according to Syria's official "
        "news agency.\n"
        "Thursday's fatal attack, the state media said, involved four shells that fell in the "
        "Dakhaniyeh district, adjacent to Jaramana, a loyalist suburb often targeted by rebel "
        "shelling and car bombs."
    )
    assert alleged(text, outlet="Los Angeles Times", dateline="2014-04-03") == {
        ("opposition", "sana", "accused")
    }


def test_insurgent_shelling_names_the_armed_opposition(db):
    # http://www.mercedsunstar.com/news/nation-world/article111457462.html
    text = (
        "Syrian State TV says four people, including three children, have been killed and "
        "several others wounded in insurgent shelling of government-controlled western "
        "districts of Aleppo city."
    )
    assert alleged(text, dateline="2016-10-30") == {("opposition", "state_tv", "accused")}
