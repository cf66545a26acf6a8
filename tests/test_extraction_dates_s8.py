"""Report extraction (issue 14): the event's day, session 8's rules, on real, cited
sentences of the tune9 split (tests/data/extraction_dev.jsonl).

Each test is a day a reader must not take for the attack's: a time given in GMT whose
day is the day before the local one, the day a toll was updated, the day a voice
blamed someone; and the attack told by "raided", and a toll over two days.
"""

from tests.extraction_support import day


def test_a_weekday_after_a_gmt_time_is_not_the_local_day(db):
    # https://1-e8259.azureedge.net/news/2021/12/16/syrian-soldier-killed-in-israeli-missile-attack-on-southern-area-state-media
    text = (
        "A Syrian soldier has been killed in an Israeli missile attack in southern Syria, "
        "according to Syria’s state news agency (SANA).\n"
        "“At around 12:50am (23:50 GMT Wednesday), the Israeli enemy carried out an air "
        "raid with several missiles in the direction of the occupied Syrian Golan and "
        "targeting several positions in the south,” a military source was quoted by SANA "
        "as saying on Thursday."
    )
    assert day(text, "2021-12-16") == "2021-12-16"


def test_the_day_a_long_named_toll_rose_is_not_the_raids_day(db):
    # https://tribune.com.pk/story/939487/toll-in-syria-regime-raids-near-damascus-rises-to-96-monitor
    text = (
        "The toll in a deadly series of Syrian government air raids on a rebel-held town "
        "outside Damascus rose to 96 people early Monday morning, a monitoring group said.\n"
        "The Syrian Observatory for Human Rights said regime warplanes on Sunday had "
        "conducted at least 10 air strikes on Douma, most of them hitting a popular marketplace."
    )
    assert day(text, "2015-08-17") == "2015-08-16"


def test_the_day_a_voice_blamed_someone_is_not_the_strikes_day(db):
    # https://www.kurdistan24.net/en/story/26021-SDF-announces-deaths-of-three-fighters-in-Turkish-drone-strike%C2%A0in-Kobani
    text = (
        "The Kurdish-led Syrian Democratic Forces (SDF) group blamed Turkey on Sunday for a "
        "drone strike that killed three of its fighters in the Kobani region in northern "
        "Syria on Saturday morning."
    )
    assert day(text, "2021-10-24") == "2021-10-23"


def test_a_plane_that_raided_a_town_dates_the_attack(db):
    # https://www.ensonhaber.com/airstrike-killed-5-civilians-in-idlib.html
    text = (
        "At least five civilians have been killed in an airstrike on residential areas in "
        "Syria’s northern de-escalation zones, local sources said on Sunday.\n"
        "The sources said an unidentified warplane raided late Saturday Qalaat Al-Madiq "
        "town and Al-Hawash village, both located in the western countryside of Hama city."
    )
    assert day(text, "2019-04-28") == "2019-04-27"


def test_a_toll_of_two_days_of_clashes_has_no_single_day(db):
    # https://thandoratimes.com/news-id-50-dead-as-syria-rebel-jihadist-clashes-intensify102.htm
    text = (
        "A war monitor has said almost 50 people were killed in two days during clashes "
        "between jihadists and rebels in northwestern Syria. According to the Syrian "
        "Observatory for Human Rights, clashes flared on Tuesday between Al-Qaeda-linked "
        "coalition Hayat Tahrir al-Sham (HTS) and an alliance of rebel groups in western "
        "Aleppo province."
    )
    assert day(text, "2019-01-02") is None


def test_the_sentence_after_the_lead_telling_its_subject_again_dates_it(db):
    # https://orient-news.net/ar/news_show/176082 (Orient News, 13 January 2020)
    text = (
        "Two civilians have been shot dead and others were injured in Deir ez-Zoor "
        "countryside as Syrian Democratic Forces (SDF) militiamen clamped down on a peaceful "
        "demonstration, local media reported.\n"
        "Peaceful demonstrators took to the streets on Sunday (January 12) in al-Kibr village "
        "in Deir ez-Zoor countryside, protesting corruption in SDF controlled areas, "
        "Euphrates Post reported."
    )
    assert day(text, "2020-01-13") == "2020-01-12"
