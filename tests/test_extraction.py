"""Report extraction (issue 14): the seed acceptance and the rules behind it."""

import datetime as dt
import json
from pathlib import Path

import pytest

from events.extraction import ReportInputError, extract_report, parse_report
from events.extraction.casualties import find_claims
from events.extraction.dates import find_dates
from events.extraction.numbers import find_figures

SEED = json.loads((Path(__file__).parent / "data" / "extraction_seed.json").read_text("utf-8"))
TUESDAY = dt.date(2017, 10, 24)


def source(result, key):
    return next(s for s in result["sources"] if s["key"] == key)


def claim(src, outcome):
    return next(c for c in src["claims"] if c["outcome"] == outcome)


@pytest.fixture
def seed_result(db):
    return extract_report(parse_report(SEED))


def test_seed_date_is_late_monday(seed_result):
    assert seed_result["event_date"] == "2017-10-23"
    assert seed_result["date_precision"] == "day"
    start, end = seed_result["spans"]["event_date"]
    assert SEED["text"][start:end] == "late Monday"


def test_seed_place_is_al_qusur_in_deir_ez_zor_with_both_spellings(seed_result):
    first, second = seed_result["places"][:2]
    assert first["slug"] == "al-qusur" and first["kind"] == "neighbourhood"
    assert first["names"] == ["Al-Qusur", "Al-Qusor"]
    assert second["slug"] == "deir-ez-zor"
    assert (first["lat"], first["lon"]) == pytest.approx((35.33588, 40.14084), abs=0.01)


def test_seed_sohr_at_least_22_civilians_killed(seed_result):
    sohr = source(seed_result, "sohr")
    assert sohr["name"] == "Syrian Observatory for Human Rights" and sohr["via"] == "AFP"
    killed = claim(sohr, "killed")
    assert (killed["min"], killed["max"], killed["population"]) == (22, None, "civilian")
    assert killed["wording"].lower().startswith("at least 22")
    assert not [c for c in sohr["claims"] if c["outcome"] == "injured"]


def test_seed_anonymous_government_source_14_killed_more_than_30_injured(seed_result):
    gov = source(seed_result, "gov_source")
    assert gov["name"] == "Government source (anonymous)" and gov["kind"] == "official"
    assert (claim(gov, "killed")["min"], claim(gov, "killed")["max"]) == (14, 14)
    injured = claim(gov, "injured")
    assert (injured["min"], injured["max"], injured["wording"]) == (31, None, "more than 30 others")


def test_seed_state_tv_14_killed_30_injured(seed_result):
    tv = source(seed_result, "state_tv")
    assert tv["kind"] == "state_media"
    assert (claim(tv, "killed")["min"], claim(tv, "killed")["max"]) == (14, 14)
    assert (claim(tv, "injured")["min"], claim(tv, "injured")["max"]) == (30, 30)


def test_seed_coalition_alleged_by_government_source_and_state_tv(seed_result):
    by_actor = {(a["actor"], a["stance"]): a["alleged_by"] for a in seed_result["alleged"]}
    assert set(by_actor[("us_led_coalition", "accused")]) == {
        "Government source (anonymous)",
        "Syrian state television",
    }
    assert by_actor[("unidentified_aircraft", "accused")] == ["Syrian Observatory for Human Rights"]
    assert seed_result["perpetrator_stated"] == "unidentified aircraft"


def test_seed_coalition_non_response_noted(seed_result):
    assert {"kind": "no_response", "actor": "us_led_coalition"}.items() <= seed_result["notes"][
        0
    ].items()


def test_seed_type_flags_and_duplicate(seed_result):
    assert seed_result["event_type"] == "explosions_remote_violence"
    assert seed_result["sub_event_type"] == "air_drone_strike"
    assert seed_result["multi_incident"] is False
    assert seed_result["duplicates"] == ["2017-10-23-deir-ez-zor-al-qusur-air-strikes"]


def test_every_span_lies_in_the_text_and_shows_its_value(seed_result):
    text = SEED["text"]
    for key, (start, end) in seed_result["spans"].items():
        assert 0 <= start <= end <= len(text), key
    i = next(i for i, s in enumerate(seed_result["sources"]) if s["key"] == "gov_source")
    j = [c["outcome"] for c in seed_result["sources"][i]["claims"]].index("injured")
    start, end = seed_result["spans"][f"sources/{i}/claims/{j}"]
    assert text[start:end] == "more than 30 others"


def test_extraction_is_deterministic(db):
    report = parse_report(SEED)
    assert extract_report(report) == extract_report(report)


# --- date rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, day, precision",
    [
        ("killed late Monday in strikes", "2017-10-23", "day"),
        ("the attack on Tuesday", "2017-10-24", "day"),
        ("in the early hours of Wednesday", "2017-10-18", "day"),
        ("strikes overnight", "2017-10-24", "day"),
        ("raids yesterday evening", "2017-10-23", "day"),
        ("fighting last week", "2017-10-16", "week"),
        ("earlier this month", "2017-10-01", "month"),
        ("on October 7", "2017-10-07", "day"),
        ("on 30 December", "2016-12-30", "day"),
        ("Tuesday the 17th of July 2018", "2018-07-17", "day"),
    ],
)
def test_relative_dates_resolve_against_the_dateline(words, day, precision):
    found = find_dates(words, TUESDAY)
    assert [(d.date.isoformat(), d.precision) for d in found] == [(day, precision)]


def test_since_starts_a_period_not_an_event_date():
    assert find_dates("killed since the war began in March 2011", TUESDAY) == []
    assert find_dates("Since midnight (2200 GMT Thursday), 18 civilians", TUESDAY) == []


def test_a_reporting_verb_date_is_marked():
    (found,) = find_dates("Russia's ministry denied on Monday that", TUESDAY)
    assert found.reporting == "denied"


def test_a_text_without_a_day_says_so(db):
    result = extract_report(
        parse_report(
            {
                "text": "Nine civilians were killed by shells on Mhardeh town.",
                "dateline": "2018-09-08",
            }
        )
    )
    assert result["event_date"] is None and result["date_precision"] == "unknown"
    assert "2018-09-08" in result["date_note"]


# --- number wording ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, lo, hi",
    [
        ("at least 22", 22, None),
        ("more than 30", 31, None),
        ("over 40", 41, None),
        ("dozens", 24, 99),
        ("a dozen", 12, 12),
        ("Fourteen", 14, 14),
        ("Twenty-six", 26, 26),
        ("up to 30", 1, 30),
        ("at least seven and as many as 14", 7, 14),
        ("between 7 and 14", 7, 14),
        ("more than 330,000", 330001, None),
        ("nearly 250", 225, 249),
    ],
)
def test_number_wording(words, lo, hi):
    (figure,) = find_figures(words)
    assert (figure.min, figure.max, figure.wording) == (lo, hi, words)


def test_killed_and_injured_with_civilians_and_children_kept_apart():
    claims = find_claims(
        "Rockets killed 26 civilians including 14 children and wounded dozens more."
    )
    killed, injured = claims
    assert (killed.outcome, killed.min, killed.population) == ("killed", 26, "civilian")
    assert killed.including == [
        {"population": "children", "min": 14, "max": 14, "wording": "14 children"}
    ]
    assert (injured.outcome, injured.min, injured.max) == ("injured", 24, 99)


def test_a_part_of_a_toll_is_not_a_claim_of_its_own():
    (claim,) = find_claims("Sixteen civilians were among 19 people killed on Monday.")
    assert (claim.min, claim.including[0]["min"]) == (19, 16)


def test_figures_of_things_are_not_casualties():
    assert find_claims("They launched 38 rockets at 2200 GMT, 55 km away.") == []
    assert find_claims("Five civilians were killed and wounded by a landmine.") == []


# --- voices, allegations, flags ------------------------------------------------------------


def test_claimed_and_denied_stances_and_who_says_so(db):
    text = (
        "Russian warplanes did not hit the town of Ashara on Monday, "
        "Russia's Defence Ministry said. "
        "Syrian and Russian warplanes killed at least 17 people in "
        "an air raid on a market in Ashara, "
        "the Syrian Observatory for Human Rights reported."
    )
    result = extract_report(
        parse_report({"text": text, "dateline": "2016-06-06", "outlet": "Reuters"})
    )
    stances = {(a["actor"], a["stance"]): a["alleged_by"] for a in result["alleged"]}
    assert stances[("russia", "denied")] == ["Russian Defence Ministry"]
    assert stances[("russia", "accused")] == ["Syrian Observatory for Human Rights"]
    assert stances[("government", "accused")] == ["Syrian Observatory for Human Rights"]
    # The ministry's sentence mentions the toll but does not claim it.
    assert [s["key"] for s in result["sources"] if s["claims"]] == ["sohr"]

    claimed = extract_report(
        parse_report(
            {
                "text": "A suicide bomber killed 16 people in Manbij on Wednesday, a monitor said. "
                "Amaq said an attacker with an explosive vest had struck a patrol.",
                "dateline": "2019-01-16",
            }
        )
    )
    assert {"actor": "islamic_state", "stance": "claimed"}.items() <= claimed["alleged"][0].items()
    assert claimed["sub_event_type"] == "suicide_bomb"


def test_side_incidents_and_cumulative_tolls_are_flagged_not_counted(db):
    text = (
        "Coalition air strikes killed 26 civilians on Friday in the town of Hajin, a monitor said. "
        "On Thursday, coalition raids killed another seven civilians "
        "in Al Shaafa, the monitor said. "
        "More than 330,000 people have been killed in Syria since the war began in March 2011."
    )
    result = extract_report(parse_report({"text": text, "dateline": "2018-11-09", "outlet": "AFP"}))
    assert result["multi_incident"] is True and result["cumulative_figures"] is True
    assert result["event_date"] == "2018-11-09"
    (monitor,) = result["sources"]
    assert [(c["outcome"], c["min"]) for c in monitor["claims"]] == [("killed", 26)]
    assert result["places"][0]["slug"] == "hajin"


# --- input checks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, message",
    [
        ({"dateline": "2017-10-24"}, "Give the report's text."),
        ({"text": "   ", "dateline": "2017-10-24"}, "Give the report's text."),
        ({"text": "x"}, "Give the dateline date as YYYY-MM-DD."),
        ({"text": "x", "dateline": "24/10/2017"}, "The dateline must be a date as YYYY-MM-DD"),
        ({"text": "x" * 20_001, "dateline": "2017-10-24"}, "the limit is 20,000"),
        ({"text": "x", "dateline": "2017-10-24", "url": "javascript:alert(1)"}, "The URL must"),
        ("not an object", "must be a JSON object"),
    ],
)
def test_bad_input_is_refused_with_a_reason(data, message):
    with pytest.raises(ReportInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_report(data)


def test_a_toll_given_for_another_town_is_a_side_story(db):
    text = (
        "Coalition air strikes killed 12 civilians on Friday in the town of Hajin, "
        "a monitor said. In Raqqa city, at least eight people were killed by a car bomb, "
        "the monitor said."
    )
    result = extract_report(parse_report({"text": text, "dateline": "2018-11-09"}))
    assert result["multi_incident"] is True
    assert result["places"][0]["slug"] == "hajin"
    (monitor,) = result["sources"]
    assert [(c["outcome"], c["min"]) for c in monitor["claims"]] == [("killed", 12)]


def test_a_province_is_its_governorate_and_a_city_named_later_refines_it(db):
    text = (
        "More than 180 people were killed in south Syria's Sweida province on Wednesday. "
        "An IS suicide bomber struck a market in Sweida city, state media said."
    )
    result = extract_report(parse_report({"text": text, "dateline": "2018-07-25"}))
    first, second = result["places"][:2]
    assert (first["slug"], first["kind"]) == ("as-suwayda", "city")
    assert second["kind"] == "governorate"


# --- session 2: several figures, same-named places, denials, batches, every mention ----------


def test_coordinated_figures_add_up_and_keep_their_parts():
    (both,) = find_claims("Clashes killed 12 fighters and 3 civilians, the monitor said.")
    assert (both.outcome, both.min, both.max, both.population) == ("killed", 15, 15, "unknown")
    assert [(p["population"], p["min"]) for p in both.including] == [
        ("combatant", 12),
        ("civilian", 3),
    ]
    (shared,) = find_claims("Strikes killed three Syrian and four Iranian fighters.")
    assert (shared.min, shared.population) == (7, "combatant")
    killed, injured = find_claims("The raid killed six civilians and wounded eight others.")
    assert (killed.min, injured.min) == (6, 8)
    (family,) = find_claims("Shelling hit Ariha, killing a woman and her two children.")
    assert (family.min, family.population) == (3, "civilian")


def test_an_updated_toll_replaces_the_earlier_figure(db):
    text = (
        "The Observatory said 19 people were killed in the raid on Maaret al-Numan on Sunday. "
        "The toll rose to 25, the monitor said later."
    )
    result = extract_report(parse_report({"text": text, "dateline": "2019-10-13"}))
    assert claim(source(result, "sohr"), "killed")["min"] == 25


def test_a_same_named_village_is_chosen_by_the_governorate_the_text_names(db):
    def place(text):
        result = extract_report(parse_report({"text": text, "dateline": "2019-10-13"}))
        return result["places"][0]["slug"], round(result["places"][0]["lat"])

    assert place("Shelling killed four civilians in Douma on Saturday, a monitor said.") == (
        "duma",
        34,
    )
    assert place(
        "Shelling killed four civilians in the village of Douma in Sweida province on Saturday."
    ) == ("douma", 33)


def test_a_denying_party_and_the_accuser_in_one_sentence_are_both_kept(db):
    text = (
        "Ankara on Sunday denied shelling the village, after Kurdish-led forces said "
        "Turkish artillery killed five civilians in Tal Tamr."
    )
    result = extract_report(parse_report({"text": text, "dateline": "2019-10-13"}))
    stances = {(a["actor"], a["stance"]): a["alleged_by"] for a in result["alleged"]}
    assert stances == {
        ("turkey", "accused"): ["Syrian Democratic Forces"],
        ("turkey", "denied"): ["Turkish government"],
    }
    assert claim(source(result, "sdf"), "killed")["min"] == 5
    assert source(result, "turkey_gov")["claims"] == []


def test_a_batch_reads_its_likely_duplicates_in_one_query(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events.extraction import extract_reports

    reports = [parse_report({**SEED, "id": str(i)}) for i in range(4)]
    with CaptureQueriesContext(connection) as queries:
        results = extract_reports(reports)
    assert [r["duplicates"] for r in results] == [
        ["2017-10-23-deir-ez-zor-al-qusur-air-strikes"]
    ] * 4
    assert sum('"events_incident"' in q["sql"] for q in queries.captured_queries) == 1


def test_every_mention_of_a_place_is_highlighted(seed_result):
    text = SEED["text"]
    found = seed_result["mentions"]["places/0"]
    assert {text[s:e] for s, e in found} >= {"Al-Qusur", "Al-Qusor"}


def test_attribution_phrasings_name_the_right_party_and_voice(db):
    def alleged(text, dateline="2020-01-01"):
        result = extract_report(parse_report({"text": text, "dateline": dateline, "outlet": "AFP"}))
        found = {(a["actor"], a["stance"], tuple(a["alleged_by"])) for a in result["alleged"]}
        return found, result

    # The party after "against" is the target, not the one whose strike killed.
    found, _ = alleged(
        "A raid by the US-led coalition against IS has killed 12 people in Hajin, "
        "the Syrian Observatory for Human Rights said."
    )
    assert {a for a, _, _ in found} == {"us_led_coalition"}
    # "blamed the blast on ..." and a figure given as "put the total death toll at".
    found, result = alleged(
        "A car bomb went off in Azaz on Monday, Turkey's defence ministry said. "
        "The ministry blamed the blast on the YPG. "
        "The Syrian Observatory for Human Rights put the total death toll at 9."
    )
    assert ("ypg", "accused", ("Turkish Defence Ministry",)) in found
    assert claim(source(result, "sohr"), "killed")["min"] == 9
    # A quotation's first sentence speaks with the voice named where it closes.
    found, _ = alleged(
        '"Six civilians were murdered by the YPG in Afrin. '
        'The car was packed with explosives," the Turkish defence ministry said.'
    )
    assert found == {("ypg", "accused", ("Turkish Defence Ministry",))}


def test_sentences_run_together_without_a_space_are_two():
    from events.extraction.text import split_sentences

    text = "Jets struck Hajin on Monday, a monitor said.The U.S. military said nothing."
    assert [s.text for s in split_sentences(text)] == [
        "Jets struck Hajin on Monday, a monitor said.",
        "The U.S. military said nothing.",
    ]


def test_a_wire_byline_is_not_a_voice_and_monitors_speak(db):
    result = extract_report(
        parse_report(
            {
                "text": "HOMS (Reuters) - Two bomb attacks in Homs killed more than 20 people "
                "on Monday, monitors said. The Islamic State claimed them.",
                "dateline": "2017-02-20",
                "outlet": "Asharq Al-Awsat",
            }
        )
    )
    assert claim(source(result, "monitor"), "killed")["min"] == 21
    assert "reuters" not in [s["key"] for s in result["sources"]]
    assert result["sub_event_type"] == "remote_explosive_landmine_ied"


def test_both_said_takes_the_voices_just_named(db):
    result = extract_report(
        parse_report(
            {
                "text": "Air strikes killed 11 people in Hajin on Sunday, the Syrian Observatory "
                "for Human Rights said. Both said Russian jets were behind the raid.",
                "dateline": "2017-11-26",
            }
        )
    )
    assert [(a["actor"], a["alleged_by"]) for a in result["alleged"]] == [
        ("russia", ["Syrian Observatory for Human Rights"])
    ]


def test_the_province_of_a_city_is_the_governorate(db):
    result = extract_report(
        parse_report(
            {
                "text": "Jets struck the province of Idlib on Monday, killing five people, "
                "a monitor said.",
                "dateline": "2019-05-06",
            }
        )
    )
    assert result["places"][0]["kind"] == "governorate"


def test_an_israeli_missile_attack_is_an_air_strike(db):
    result = extract_report(
        parse_report(
            {
                "text": "Two soldiers were killed in an Israeli missile attack near Damascus "
                "on Monday, state media said. The missiles hit an army post.",
                "dateline": "2023-08-07",
            }
        )
    )
    assert result["sub_event_type"] == "air_drone_strike"


def test_a_party_saying_it_struck_confirms_or_claims(db):
    def alleged(text):
        result = extract_report(parse_report({"text": text, "dateline": "2019-05-06"}))
        return [(a["actor"], a["stance"], a["alleged_by"]) for a in result["alleged"]]

    assert alleged(
        "The US-led coalition said it carried out a strike near Raqqa on Monday "
        "that killed five people."
    ) == [("us_led_coalition", "claimed", ["US-led coalition"])]
    assert alleged(
        "Turkey's defence ministry said its jets struck positions near Qamishli on Monday, "
        "killing 20 fighters."
    ) == [("turkey", "claimed", ["Turkish Defence Ministry"])]
    # Passive blame names the party too.
    found = alleged("Russia was blamed for the raid on Ariha on Monday, which killed nine people.")
    assert [(actor, stance) for actor, stance, _ in found] == [("russia", "accused")]


def _figures(result):
    return {
        (s["key"], c["outcome"], c["min"], c["max"]) for s in result["sources"] for c in s["claims"]
    }


def test_a_quotation_over_several_sentences_keeps_its_voice(db):
    # Synthetic wording.
    result = extract_report(
        parse_report(
            {
                "text": "Shells hit Tell Rifaat on Monday, the Russian reconciliation centre "
                'said. "A school came under shelling by militants. Mortars were used. '
                "Six civilians were killed and 11 were injured. Two are in serious "
                'condition," he said.',
                "dateline": "2019-12-02",
                "outlet": "TASS",
            }
        )
    )
    assert _figures(result) == {("russia_mod", "killed", 6, 6), ("russia_mod", "injured", 11, 11)}


def test_two_voices_in_one_sentence_keep_their_own_figures(db):
    # Synthetic wording; a number inside a voice's name is no toll either.
    result = extract_report(
        parse_report(
            {
                "text": "Air strikes hit al-Shafah on Sunday. The Syrian Observatory for Human "
                "Rights said 40 people died, while website DeirEzzor24 put the toll at 21.",
                "dateline": "2017-11-27",
            }
        )
    )
    killed = {(k, lo, hi) for k, outcome, lo, hi in _figures(result) if outcome == "killed"}
    assert killed == {("sohr", 40, 40), ("deirezzor24", 21, 21)}


@pytest.mark.parametrize(
    "text, day",
    [
        # Synthetic wording: the night that ended on the dateline's morning ...
        ("An air strike overnight killed five people in Ariha, a monitor said on Friday.", 14),
        # ... unless a voice already reported the attack on the day before.
        (
            "An air strike overnight killed five people in Ariha, a monitor said on Friday. "
            "State television said on Thursday that missiles hit Ariha.",
            13,
        ),
    ],
)
def test_overnight_is_the_night_before_the_first_report(db, text, day):
    result = extract_report(parse_report({"text": text, "dateline": "2020-02-14"}))
    assert result["event_date"] == f"2020-02-{day}"


def test_civil_defence_and_activist_groups_are_voices(db):
    # Synthetic wording.
    result = extract_report(
        parse_report(
            {
                "text": "At least four civilians were killed on Friday when Russian warplanes "
                "struck Kafr Nabl, according to the White Helmets civil-defense agency. "
                "RIA Novosti reported that 30 people were wounded in the raid.",
                "dateline": "2019-04-27",
            }
        )
    )
    assert ("civil_defence", "killed", 4, None) in _figures(result)
    assert ("ria", "injured", 30, 30) in _figures(result)
    assert ("russia", "accused", ["Syrian Civil Defence (White Helmets)"]) in [
        (a["actor"], a["stance"], a["alleged_by"]) for a in result["alleged"]
    ]


def test_an_unattributed_toll_right_after_a_voice_continues_its_account(db):
    # Synthetic wording.
    result = extract_report(
        parse_report(
            {
                "text": "A car bomb killed at least nine people in Azaz on Sunday, the Syrian "
                "Observatory for Human Rights said. Another 20 people were wounded.",
                "dateline": "2019-06-02",
                "outlet": "AFP",
            }
        )
    )
    assert _figures(result) == {("sohr", "killed", 9, None), ("sohr", "injured", 20, 20)}


def test_a_spokesperson_named_once_speaks_for_the_voice_later(db):
    # Synthetic wording: "according to Derwish" is the Manbij Military Council's account,
    # and the spokesperson's surname is not a place.
    result = extract_report(
        parse_report(
            {
                "text": "A car bomb exploded in Manbij on Saturday, Shervan Derwish, the "
                "spokesperson of the Manbij Military Council, told reporters. According to "
                "Derwish, the attack left at least eight people injured.",
                "dateline": "2019-01-19",
                "outlet": "Kurdistan 24",
            }
        )
    )
    assert _figures(result) == {("kurdish_source", "injured", 8, None)}
    assert [p["name"] for p in result["places"]][:1] == ["Manbij"]


def _report(text, dateline="2018-03-12", outlet="AFP"):
    return extract_report(parse_report({"text": text, "dateline": dateline, "outlet": outlet}))


def test_a_voice_speaks_past_a_relative_clause_and_through_a_first_verb(db):
    # Synthetic wording.
    result = _report(
        "A suicide bomber blew himself up in a court building in Damascus on Monday. "
        "State media showed footage of the damaged hall and said at least 20 people were "
        "killed. The Syrian Observatory for Human Rights, which tracks the war through a "
        "network of sources inside the country, said at least 31 people were killed."
    )
    assert _figures(result) == {
        ("state_media", "killed", 20, None),
        ("sohr", "killed", 31, None),
    }


def test_a_toll_that_rose_is_the_newer_figure_and_as_of_dates_the_count(db):
    # Synthetic wording: "the number of people killed ... has risen to more than 40",
    # "As of Monday, the toll had reached 44" is a count, not an incident of Monday.
    result = _report(
        "The number of people killed by barrel bombs dropped on Aleppo on Sunday has "
        "risen to more than 40, activists say. As of Monday, the death toll had reached "
        "44, the Syrian Observatory for Human Rights said.",
        dateline="2013-12-16",
    )
    assert _figures(result) == {("local", "killed", 41, None), ("sohr", "killed", 44, 44)}
    assert result["event_date"] == "2013-12-15"
    assert result["multi_incident"] is False


def test_a_named_group_claim_and_a_part_of_the_toll_after_meanwhile(db):
    # Synthetic wording: the generic "group of Islamist rebels" is the group named
    # later; "meanwhile ... among those killed" points back to this toll.
    result = _report(
        "An alliance of Islamist rebels has claimed responsibility for a bombing in "
        "Damascus on Saturday that killed at least 30 people, SANA said. Meanwhile, the "
        "Syrian Observatory for Human Rights said six children were among those killed. "
        "Hayat Tahrir al-Sham, a former al-Qaeda affiliate, claimed the attack.",
        dateline="2017-03-12",
    )
    claims = {(a["actor"], a["stance"]) for a in result["alleged"]}
    assert ("hts", "claimed") in claims and ("opposition", "claimed") not in claims
    assert ("sohr", "killed", 6, None) in _figures(result)


def test_a_kurdish_spokesman_named_after_his_quotation_and_a_joined_voice_speak(db):
    # Synthetic wording.
    result = _report(
        "Turkish air raids killed six civilians on Monday in Afrin, according to a war "
        "monitor and a spokesman for the Kurdish forces. \u201cSix civilians were killed "
        "in the strikes,\u201d said Rojhat Ali, a spokesman for the YPG in Afrin.",
        dateline="2018-01-22",
    )
    assert _figures(result) == {
        ("monitor", "killed", 6, 6),
        ("kurdish_source", "killed", 6, 6),
    }


def test_two_activist_groups_are_the_voices_the_next_sentence_names(db):
    # Synthetic wording.
    result = _report(
        "A car bomb killed at least nine people and wounded dozens in Darkoush on "
        "Monday, two activist groups said. The blast hit a market, according to the "
        "Syrian Observatory for Human Rights and the Local Coordination Committees. The "
        "Observatory said 15 people died while the Committees said at least nine were "
        "killed.",
        dateline="2013-10-14",
    )
    assert _figures(result) == {
        ("sohr", "killed", 15, 15),
        ("sohr", "injured", 24, 99),
        ("lcc", "killed", 9, None),
        ("lcc", "injured", 24, 99),
    }


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("two days ago", "2017-10-22"),
        ("3 days ago", "2017-10-21"),
        ("in the early hours", "2017-10-24"),
    ],
)
def test_days_ago_and_early_hours_resolve_against_the_dateline(phrase, day):
    found = find_dates(f"An air strike {phrase} killed five people.", TUESDAY)
    assert [d.date.isoformat() for d in found] == [day]


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("at least two dozen", 24, None),
        ("nearly two dozen", 22, 23),
        ("no fewer than 12", 12, None),
        ("10-15", 10, 15),
    ],
)
def test_dozens_counted_ranges_with_a_hyphen_and_no_fewer_than(phrase, low, high):
    (figure,) = find_figures(f"{phrase} people were killed")
    assert (figure.min, figure.max) == (low, high)


def test_a_ministry_saying_its_jets_did_not_strike_denies_and_keeps_no_toll(db):
    # Synthetic wording.
    result = _report(
        "The Russian defence ministry said its jets had not carried out any strikes near "
        "Saraqib, where five civilians were killed on Monday according to the Syrian "
        "Observatory for Human Rights.",
        dateline="2019-06-03",
    )
    assert _figures(result) == {("sohr", "killed", 5, 5)}
    assert [(a["actor"], a["stance"]) for a in result["alleged"]] == [("russia", "denied")]
