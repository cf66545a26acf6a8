"""Report extraction (issue 14): killed and injured figures, session 9's rules, on
real, cited sentences of the tune9 and tune10 splits (tests/data/extraction_dev.jsonl).

Each test is a figure a reader takes from the sentence: the toll worded as
"slaughtered", "burned to death", "martyrs"; a floor and a ceiling given apart; a toll
that "ranged between" two numbers; a voice's earlier figure that its later one
replaces; the lead's toll retold with a coarser place.
"""

from tests.extraction_support import alleged, claims, figures


def test_slaughtered_is_a_killed_toll():
    # https://inherestory.blogspot.com/2015/03/isis-kills-over-40-people-in-syria.html
    assert claims("State TV said they slaughtered 44 people, including women and children.") == [
        ("killed", 44, 44)
    ]


def test_burned_to_death_after_a_relative_clause_is_a_killed_toll():
    # https://southfront.org/senior-horas-al-din-leader-allegedly-killed-in-drone-strike-on-syrias-greater-idlib-videos-photos/
    sentence = (
        "Two adults and a child, who were aboard the SUV, burned to death as a result of "
        "the pinpoint strike."
    )
    assert claims(sentence) == [("killed", 3, 3)]


def test_sanas_martyrs_are_the_dead_and_tens_of_the_innocents_are_hurt():
    # https://syrianews.cc/real-news-from-syria-eleven-citizens-martyred-tens-injured-as-terrorists-blow-up-booby-trapped-car-and-two-explosives-at-al-worod-neighborhood-in-damascus/
    sentence = (
        "Terrorists blew up a booby-trapped car and two explosives at al-Worod neighborhood "
        "in Damascus, claiming the lives of 11 martyrs and injuring tens of the innocents in "
        "the area, some of them in critical condition."
    )
    assert claims(sentence) == [("killed", 11, 11), ("injured", 20, 99)]
    hospital = "A source in Yousef al-Azma Hospital stated it received 5 martyrs."
    assert claims(hospital) == [("killed", 5, 5)]


def test_claiming_lives_of_without_the_is_a_killed_toll():
    # https://syria360.wordpress.com/2014/03/20/terrorist-attacks-in-damascus-countryside-homs-claim-lives-of-9-civilians/
    sentence = (
        "A source at the Police Command told SANA that three shells fell on the citizens' "
        "houses in Qudsaya, claiming lives of one citizen and three children."
    )
    assert claims(sentence) == [("killed", 4, 4)]


def test_a_floor_and_a_ceiling_given_apart_are_one_range():
    # https://nepalireporter.com/2013/05/11677
    sentence = (
        "The Britain-based Syrian Observatory for Human Rights said that at least 50 people "
        "— and possibly as many as 100 — were killed in the violence in Bayda."
    )
    assert claims(sentence) == [("killed", 50, 100)]


def test_a_toll_that_ranged_between_two_numbers():
    # https://www.latimes.com/world/la-fg-syria-airstrikes-20160719-snap-story.html
    sentence = (
        "The death toll from the airstrikes, which coincided with a wide ground offensive by "
        "the extremists against Syria democratic fighters, ranged between 56 and 200."
    )
    assert claims(sentence) == [("killed", 56, 200)]


def test_the_voices_earlier_report_yields_to_its_later_figure(db):
    # https://alamianews.com/bomb-laden-motorcycle-explosion-in-syrian-suwayda-claims-3-lives-leaves-7-injured/
    text = (
        "An explosion of a bomb-laden motorcycle on Qanawat street in the Syrian city of As "
        "Suwayda has left 3 dead and 7 injured, according to SANA.\n"
        "Earlier, SANA reported that a motorbike bomb targeted Qanawat street in Sweida "
        'city, killing 4 "martyrs" and leaving many injured.'
    )
    got = figures(text, dateline="2019-07-03", outlet="Alamia News")
    assert ("sana", "killed", 3, 3) in got
    assert ("sana", "killed", 4, 4) not in got


def test_the_leads_toll_retold_with_a_broader_place_is_the_same_incident(db):
    # https://trtworld.com/middle-east/car-bomb-kills-eight-civilians-in-northern-syria-turkey-32421
    text = (
        "A vehicle rigged with explosives blew up in a market in a northern Syrian village "
        "of Suluk on Monday, killing eight people and wounding others, Turkey's defence "
        "ministry said.\n"
        '"Eight civilians were slaughtered in Tal Abyad by PKK/ YPG terror group and many '
        'others were injured in a bomb attack," the ministry said.'
    )
    # not a side story: the ministry's blame in it stands
    assert ("ypg", "turkey_mod", "accused") in alleged(
        text, dateline="2020-01-27", outlet="TRT World"
    )


def test_a_group_killed_alongside_the_first_is_counted_with_it():
    # https://www.peninsulaclarion.com/news/syria-strikes-isis-stronghold
    sentence = (
        "At least 20 civilians were killed, alongside nine Islamic State fighters, said the "
        "Britain-based Syrian Observatory for Human Rights."
    )
    assert claims(sentence) == [("killed", 29, None)]


def test_a_count_sharing_its_noun_with_an_uncounted_group_is_a_floor():
    # http://www.globaltimes.cn/content/1194605.shtml
    sentence = (
        "Three Russian and several Turkish soldiers were wounded Tuesday in Syria's restive "
        "Idlib province when a joint military patrol was hit by an improvised explosive device."
    )
    assert claims(sentence) == [("injured", 3, None)]


def test_two_groups_joined_before_the_verb_keep_the_figure():
    # https://www.thenationalnews.com/world/mena/israeli-air-strike-destroys-iranian-targets-in-syria-war-monitor-says-1.848329
    sentence = (
        "Several Iranian fighters died and 17 Syrian troops and members of allied forces "
        "were injured, the Observatory said."
    )
    assert claims(sentence) == [("injured", 17, 17)]


def test_people_from_a_named_place_keep_their_verb():
    # https://dawn.com/news/amp/1591915
    sentence = (
        "At least 14 pro-Iran militia fighters from Iraq and Afghanistan were killed in air "
        "strikes in war-torn eastern Syria, the Syrian Observatory for Human Rights said."
    )
    assert claims(sentence) == [("killed", 14, None)]


def test_a_named_victim_and_his_trade_do_not_part_him_from_the_verb():
    # https://news.sn4hr.org/2021/05/05/civilian-killed-by-the-blast-of-a-landmine-of-unknown-origin-in-e-hama-governorate-on-may-4/
    sentence = (
        "A man, named as Abdul Qader Shaman al Turki, who worked as a shepherd, was killed on "
        "May 4, 2021, when a landmine of unknown origin exploded near a group of shepherds."
    )
    assert claims(sentence) == [("killed", 1, 1)]


def test_children_after_a_bare_toll_are_part_of_it():
    # http://cn.reuters.com/article/syria-crisis-shelling-idCNL5E8NQ1LG20121226
    assert claims("Shelling in Syria's Raqqa kills 20, at least 8 children") == [("killed", 20, 20)]
