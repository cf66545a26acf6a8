"""Report extraction: who said what in one sentence (events.extraction.speech).

Each sentence is a short excerpt of a real report of the extraction set's tune rows
(tests/data/extraction_dev.jsonl), cited by the URL it came from."""

import pytest

from events.extraction.speech import frames, speaker_at
from events.extraction.text import split_sentences
from events.extraction.voices import find_mentions, named_outlets, present_voices
from tests.extraction_support import figures


def _frames(text, previous_text=""):
    """The frames of the last sentence of ``text``; ``previous_text`` names the voices
    that spoke before it (for "it said", "the agency said")."""
    voices = present_voices(previous_text + " " + text)
    voices += named_outlets(text, voices)
    previous = [m for m in find_mentions(previous_text, voices=voices) if m.speaker]
    sent = split_sentences(text)[-1]
    return sent, frames(sent, find_mentions(sent.text, sent.start, voices=voices), previous)


def _who(text, words, previous_text=""):
    """The voice keys whose frame holds ``words`` in ``text`` (None: the reporter's)."""
    _sent, found = _frames(text, previous_text)
    frame = speaker_at(found, text.index(words))
    return frame.keys if frame else None


@pytest.mark.parametrize(
    "text, words, keys",
    [
        # inverted: the words before the voice
        # https://www.gulftoday.ae/news/2019/07/22/russian-air-strike-on-syria-market-kills-19-monitor
        (
            "At least 45 other people were wounded in the air raid that hit “a wholesale "
            "vegetable market in the town of Maaret al-Numan” in Idlib province, the Syrian "
            "Observatory for Human Rights said.",
            "45 other",
            ["sohr"],
        ),
        # the verb before the voice
        # https://www.dw.com/en/syrian-town-of-azaz-hit-by-deadly-car-bombing/a-49010664
        (
            "The Syrian town of Azaz was rocked by a car bomb on Sunday night, killing at least "
            "14 people and injuring dozens, said the UK-based Syrian Observatory for Human Rights "
            "(SOHR).",
            "14 people",
            ["sohr"],
        ),
        # forward, two voices: each its own clause
        # https://alghad.com/russia-denies-bombing-civilians-in-deir-al-zour-village/
        (
            "The Syrian Observatory for Human Rights said 53 people died in al-Shafah, while "
            "website DeirEzzor24 put the toll at 25.",
            "53 people",
            ["sohr"],
        ),
        (
            "The Syrian Observatory for Human Rights said 53 people died in al-Shafah, while "
            "website DeirEzzor24 put the toll at 25.",
            "25.",
            ["deirezzor24"],
        ),
        # https://english.mojahedin.org/i/newsen/47040
        (
            "The LCC said the warplanes were Syrian while the Observatory said it wasn't clear "
            "if they were Syrian or Russian.",
            "Syrian while",
            ["lcc"],
        ),
        # "Y said ..., according to X": Y speaks, X only carried it
        # https://alamianews.com/bomb-laden-motorcycle-explosion-in-syrian-suwayda-claims-3-lives-leaves-7-injured/
        (
            "A Sweida health department director said that three civilians were killed and 7 "
            "others were wounded in the terrorist explosion, according to SANA.",
            "three civilians",
            ["medical"],
        ),
        # "according to" at the end, two voices joined
        # https://everything.pk/news-detail-619371--turkish-strikes-kill-8-civilians-in-afrin-region-monitor-kurds.html
        (
            "BEIRUT: Turkish air raids killed eight civilians on Sunday in the northern Syrian "
            "enclave of Afrin, according to a war monitor and a spokesman for the Kurdish forces "
            "that control the area.",
            "Turkish air raids",
            ["monitor", "kurdish_source"],
        ),
        # "according to a statement by X"
        # https://www.kurdistan24.net/en/story/26660-Civilians-killed,-children-wounded-in-northeastern-Syria-by-Turkish-backed-shelling:-SDF
        (
            "ERBIL (Kurdistan 24) - Shelling by Turkish-backed militias outside the northeastern "
            "Syrian city of Tal Tamir on Tuesday evening killed three civilians and wounded "
            "several others, including children, according to a statement by the Kurdish-led "
            "Syrian Democratic Forces (SDF).",
            "three civilians",
            ["sdf"],
        ),
        # two voices as one subject
        # http://www.ruthfullyyours.com/2016/01/01/at-least-16-dead-in-islamic-state-suicide-bombing-in-syria-bombers-targeted-two-crowded-restaurants-in-central-qamishli-in-the-northeast-hasakah-province-by-dana-ballout-and-mohammad-nour-alakraa/
        (
            "The official Syrian Arab News Agency and the Syrian Observatory for Human Rights "
            "both reported casualties of at least 16 and no more than 20, and about 30 wounded.",
            "30 wounded",
            ["sana", "sohr"],
        ),
        # "told X": the teller speaks, past the one told
        # https://syriadirect.org/alleged-is-suicide-attack-on-manbij-restaurant-kills-four-us-soldiers-injures-more-than-a-dozen-civilians/
        (
            "An Islamic State fighter detonated a suicide vest beside a restaurant in downtown "
            "Manbij, Aleppo province, on Wednesday afternoon, killing at least 15 people, a "
            "Kurdish military source told Syria Direct.",
            "15 people",
            ["kurdish_source"],
        ),
        # the voice nearest the verb is its subject, not the one the figure is about
        # https://www.kurdistan24.net/en/story/29179-Turkish-drone-kills-four-SDF-fighters-in-Qamishlo:-SDF
        (
            "A Turkish drone attack on Tuesday afternoon in Qamishlo killed four fighters of the "
            "US-backed Syrian Democratic Forces (SDF), the SDF said in a statement.",
            "four fighters",
            ["sdf"],
        ),
        # what the speaker adds after the frame ("blaming ...") is still its word
        # https://everything.pk/news-detail-619371--turkish-strikes-kill-8-civilians-in-afrin-region-monitor-kurds.html
        (
            "“Eight civilians were killed in missile strikes on a chicken farm where they were "
            "living,” said Birusk Hasakeh, a spokesman for the Kurdish People’s Protection "
            "Units (YPG) in Afrin, blaming Turkish warplanes.",
            "Turkish warplanes",
            ["kurdish_source"],
        ),
    ],
)
def test_a_figure_or_allegation_is_the_voice_whose_frame_holds_it(text, words, keys):
    assert _who(text, words) == keys


def test_a_pronoun_or_noun_speaks_for_the_voice_named_before():
    # http://www.globalpost.com/dispatch/news/afp/131118/mortar-fire-kills-two-central-damascus-state-media
    before = (
        "Mortar rounds fired on a central district of the Syrian capital Damascus on Monday "
        "killed two people, state news agency SANA reported."
    )
    text = (
        '"Two citizens were killed and others were injured by mortars fired by terrorists at '
        'Al-Mawassam Square in the Qassaa neighbourhood," the agency said.'
    )
    assert _who(text, "Two citizens", previous_text=before) == ["sana"]


def test_words_outside_every_frame_are_the_reporter_s():
    # http://blog.thedailybeast.com/dozens-of-civilians-killed-in-airstrikes-on-raqqa
    text = (
        "The Syrian Observatory for Human Rights announced on Tuesday that 42 civilians were "
        "killed in airstrikes on Raqqa on Monday."
    )
    _sent, found = _frames(text)
    (frame,) = found
    assert frame.keys == ["sohr"]
    assert text[frame.content[0] : frame.content[1]].strip().startswith("on Tuesday that 42")
    # the voice's own name is not what it says
    assert speaker_at(found, text.index("Observatory")) is None


def test_a_sentence_without_a_reporting_verb_has_no_frame():
    # https://www.dw.com/en/syrian-town-of-azaz-hit-by-deadly-car-bombing/a-49010664
    _sent, found = _frames(
        "Four children were also among those killed in the explosion, which took place near "
        "a mosque."
    )
    assert found == []


@pytest.mark.django_db
def test_each_voice_keeps_the_toll_of_its_own_clause():
    # https://www.haaretz.com/middle-east-news/1.552344
    found = figures(
        "A car bombing in a rebel-held northwestern town in Syria killed at least 12 people "
        "and wounded dozens on Monday, setting cars on fire and sending people running in "
        "panic, two activist groups said.\n\n"
        "The car bomb went off at a market in the town of Darkoush in Idlib province, "
        "according to the Britain-based Syrian Observatory for Human Rights and the Local "
        "Coordination Committees (LCC).\n\n"
        "The groups, which rely on a network of activists on the ground, differed on the "
        "number of those killed in Monday's bombing - which is often the case in the "
        "immediate aftermath of big attacks. The Observatory said 20 people died while the "
        "Committees said at least 12 were killed.",
        dateline="2013-10-14",
        outlet="Haaretz (AP)",
    )
    killed = {(key, low, high) for key, outcome, low, high in found if outcome == "killed"}
    assert killed == {("sohr", 20, 20), ("lcc", 12, None)}


@pytest.mark.django_db
def test_a_toll_before_a_sentence_naming_a_source_only_for_the_place_is_the_reporter_s():
    # docs/extraction-coding.md, the speaker rule ("..., according to the governor")
    # https://financialtribune.com/articles/international/32020/car-bomb-kills-15-in-syria-s-homs
    found = figures(
        "At least 15 people have been killed and 64 wounded after a car bomb struck the "
        "central Syrian city of Homs. …\n"
        "The blast hit the mainly Alawite neighborhood of Al-Zahra in Homs on Saturday, "
        "according to provincial governor Talal Barazi. A medical source in the city gave the "
        "same death toll but said 100 people were wounded, AFP reported.",
        dateline="2015-12-12",
        outlet="Financial Tribune (AFP)",
    )
    assert found == {
        ("outlet", "killed", 15, None),
        ("outlet", "injured", 64, 64),
        ("medical", "killed", 15, None),
        ("medical", "injured", 100, 100),
    }
