"""From one report to the draft values, each with the span of text it came from.

:func:`parse_report` checks an input (text, dateline, outlet, url, id) and raises
:class:`ReportInputError` with a message fit for the person who sent it;
:func:`extract_report` returns the JSON-ready result (events.extraction's docstring
gives its shape). Deterministic: the same text, dateline and gazetteer give the
same result.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from .actors import actor_names, find_actors, in_table
from .alleging import OWN_ATTACK, PARTY_OF_VOICE, SELF_REPORTING, collect
from .alleging import denies as _denies
from .attribution import CALLED_UNTRUE, DENIAL, find_allegations
from .casualties import Claim, find_claims, merge_claim, same_toll
from .dates import DateExpr, filed_day, find_dates, mark_opening_day_stories, spoken_day
from .event_types import classify
from .headers import blank_header, header_date
from .places import FoundPlace, find_places
from .speech import closes_quote, frames, opens_quote, speaker_at
from .stories import (
    ATTACK_WORD,
    BACKGROUND,
    COUNTRYWIDE,
    EVENT_REF,
    RANKING,
    ROUNDUP,
    SIDE,
    SPAN_OF_DAYS,
    STANCE_WORD,
    THIS_YEAR,
    about_side_place,
    elsewhere,
    event_day,
    mark_sides,
    names_place,
    over_a_period,
    pick_date,
    same_place,
    told_again_day,
)
from .text import split_sentences
from .voices import (
    ANAPHORA,
    ANONYMOUS,
    BY_KEY,
    GENERIC_MONITOR,
    LOCAL_FORCES,
    VOICES,
    find_mentions,
    local_forces_key,
    named_outlets,
    person_mentions,
    present_voices,
    spokespeople,
)

MAX_TEXT_CHARS = 20_000
MAX_FIELD_CHARS = 500
MAX_DUPLICATES = 10

NO_RESPONSE = re.compile(
    r"\bno\s+(?:immediate\s+)?(?:response|comment|reaction|"
    r"reply)\s+from\s+(?:the\s+)?(?P<a>[^.,;]+?)(?=\s+(?:to|on|about)\b|"
    r"[.,;]|$)"
    r"|(?P<b>(?:the\s+|a\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}?)\s+(?:did\s+not|"
    r"has\s+not|have\s+not|had\s+not)\s+(?:immediately\s+)?(?:respond|reply|"
    r"comment)\w*"
    r"|(?P<c>(?:the\s+|a\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}?)\s+declined\s+to\s+comment",
    re.I,
)
RESPONSE_WORD = re.compile(r"respon|comment|repl|reaction", re.I)  # cheap pre-check
UNCLAIMED = re.compile(
    r"\bno\s+(?:one|group)\s+(?:has\s+|had\s+|immediately\s+)*claimed\b|"
    r"\bnot\s+(?:immediately\s+)?clear\s+who\b",
    re.I,
)


# "SANA, meanwhile, said ...", "The army, for its part, stated ...": a second voice's
# account of the same event, not a side story.
VOICE_ASIDE = re.compile(
    r"(?:,\s*|\s+)(?:meanwhile|for\s+(?:its|their|his|her)\s+part|in\s+turn)(?:\s*,\s*|\s+)"
    r"(?:\w+ly\s+)?(?=(?:said|says|reported|stated|added|announced|put|gave)\b)",
    re.I,
)


AGENCIES = {"afp", "reuters", "ap", "interfax", "anadolu", "sputnik", "tass", "ria", "anha"}
# "denied allegations/reports that ... killed 19": the figures are the accusers'.
DENIED_REPORTS = re.compile(
    r"\b(?:denied|denies|rejected|dismissed)\s+(?:the\s+|any\s+)?(?:allegations?|reports?|"
    r"claims?|accusations?)\b",
    re.I,
)


def _denied_parties(sent, speakers) -> set[str]:
    """Parties that deny in this sentence: a party's voice saying "denied", or a
    party said not to have struck ("Russian warplanes did not hit ...")."""
    parties = {PARTY_OF_VOICE.get(m.voice.key) for m in speakers if _denies(m, sent.text)}
    actors = find_actors(sent.text, sent.start)
    parties |= {
        al.actor for al in find_allegations(sent.text, sent.start, actors) if al.stance == "denied"
    }
    return parties - {None}


# "..., two activist groups said." then "according to SOHR and the LCC": the groups
# are the voices the next sentence names.
GROUP_SPEAKERS = re.compile(
    r"\b(?:two|both|the\s+two)\s+(?:[\w-]+\s+)?(?:groups|monitors|organi[sz]ations)\s+"
    r"(?:said|say|reported|report)\b",
    re.I,
)


def _group_voices(info: list, position: int, item: dict) -> list[str]:
    if item["mentions"] or not GROUP_SPEAKERS.search(item["sent"].text):
        return []
    for later in info[position + 1 : position + 3]:
        keys = [
            k
            for k in dict.fromkeys(m.voice.key for m in later["mentions"])
            if k not in AGENCIES and k != GENERIC_MONITOR
        ]
        if len(keys) >= 2:
            return keys[:2]
    return []


def _continued_voice(info: list, position: int, item: dict, sources: dict) -> str | None:
    """A toll in a sentence naming no voice, right after a sentence where one voice
    gave a toll of the other kind ("... killed 14, the monitor said. Another 20 were
    wounded."): that voice's account goes on."""
    if position == 0 or item["mentions"]:
        return None
    keys = {m.voice.key for m in info[position - 1].get("speakers", [])}
    if len(keys) != 1:
        return None
    key = next(iter(keys))
    src = sources.get(key)
    if key in AGENCIES or src is None or not src.claims:
        return None
    if any(claim.outcome in src.claims for claim in item["claims"]):
        return None
    return key


# "An official with a U.S.-backed group says ...": a speaker the sentence does not name.
UNNAMED_SPEAKER = re.compile(
    r"\b(?:an?|the)\s+(?:[\w-]+\s+)?(?:official|spokes(?:man|woman|person)|commander|"
    r"source|member)\s+(?:with|of|from|for|in)\s+(?:an?|the)\s+[^,;“”\"]{0,50}?"
    r"\b(?:says|said|told|reports|reported)\b",
    re.I,
)


def _named_next(info: list, position: int, item: dict) -> str | None:
    """A toll given by a speaker the sentence leaves unnamed ("An official with a
    U.S.-backed group says a car bomb wounded eight"), and the next sentence names one
    voice speaking, with no toll of its own ("Sharfan Darwish, of the Manbij Military
    Council, said ..."): the toll is that voice's."""
    if item["mentions"] or position + 1 >= len(info):
        return None
    if not UNNAMED_SPEAKER.search(item["sent"].text):
        return None
    nxt = info[position + 1]
    if nxt["claims"]:
        return None
    keys = [k for k in dict.fromkeys(m.voice.key for m in nxt["mentions"] if m.speaker)]
    keys = [k for k in keys if k not in AGENCIES]
    return keys[0] if len(keys) == 1 else None


QUOTE_REACH = 8  # sentences a quotation may run over before the voice is named


def _claim_owners(said: list, claim, owner_keys: list[str], outlet_key: str) -> list[str]:
    """The voices a figure is given to: of the sentence's speaking voices
    ``owner_keys``, those of the reporting frame that holds it ("The monitor said 53
    died, while DeirEzzor24 put the toll at 25"); all of them when no frame of theirs
    holds it."""
    frame = speaker_at(said, claim.start)
    if frame is None and any(f.keys for f in said):
        return [outlet_key]
    keys = [k for k in frame.keys if k in owner_keys] if frame else []
    return keys or owner_keys


HEAD_NOUN = re.compile(
    r"\b(ministry|agency|monitor|observatory|army|military|broadcaster|group|organi[sz]ation)\b",
    re.I,
)
HEAD_KINDS = {
    "agency": ("news_agency", "state_media"),
    "broadcaster": ("state_media",),
    "monitor": ("monitor",),
    "observatory": ("monitor",),
    "organization": ("monitor", "ngo"),
    "organisation": ("monitor", "ngo"),
    "group": ("monitor", "armed_group", "local"),
    "army": ("official",),
    "military": ("official",),
}


WHOLE_QUOTE = re.compile(r'^\s*["“][^"“”]+[.,!?]?["”]\s*$')


GENERIC_BEFORE_NAME = frozenset({"state_media", "state_tv", GENERIC_MONITOR})
APPOSED = re.compile(r"^\s*(?:(?!(?:and|or)\b)[\w-]+\s+){0,2}$", re.I)


def _own_speakers(
    item: dict, last_speakers: list, named_before: list = (), earlier: list = ()
) -> list:
    """The voices a sentence itself names as speaking; "the ministry said" and the
    like take the last ones named (``earlier``: every voice that spoke before, in order,
    for "the ministry" meaning the last ministry and "all the groups" all of them)."""
    speakers = [m for m in item["mentions"] if m.speaker]
    # "state media agency SANA reports": the generic words name the agency that follows
    sent = item["sent"]
    speakers = [
        m
        for m in speakers
        if not (
            m.voice.key in GENERIC_BEFORE_NAME
            and any(
                o is not m
                and 0 <= o.start - m.end <= 12
                and APPOSED.match(sent.text[m.end - sent.start : o.start - sent.start])
                for o in speakers
            )
        )
    ]
    if any(m.verb != "citing" for m in speakers):
        # "state media reported, citing a military source": the voice that cites speaks.
        speakers = [m for m in speakers if m.verb != "citing"]
    if any(m.voice.key not in AGENCIES for m in speakers):
        # "SOHR said, AFP reported": the agency carried it; it is not a voice here. Its
        # correspondent on the spot ("said SOHR and an AFP correspondent") saw it himself.
        speakers = [m for m in speakers if m.voice.key not in AGENCIES or m.reporter]
    carried = [m for m in speakers if m.according and str(m.voice.kind) == "news_agency"]
    if carried and any(m not in carried and not m.according for m in speakers):
        # "The SDF announced ..., according to the North Press Agency": the outlet
        # carried the SDF's word.
        speakers = [m for m in speakers if m not in carried]
    if not speakers and last_speakers and WHOLE_QUOTE.match(item["sent"].text):
        # '"A number of people died of their wounds, bringing the toll to 61."' right
        # after a voice spoke: its account goes on.
        return last_speakers[:1]
    if not speakers and (last_speakers or named_before):
        back = ANAPHORA.search(item["sent"].text)
        if back:
            # "It said", "the source added": one voice, the first of those named last;
            # "they", "both" refer to all of them.
            plural = re.match(r"\W*(?:they|both|all)\b", back.group(0), re.I)
            speakers = last_speakers if plural else last_speakers[:1]
            if re.match(r"\W*all\s+(?:of\s+)?(?:the\s+|these\s+)?\w+", back.group(0), re.I):
                # "All of the groups blamed the coalition": every voice named so far
                speakers = list({m.voice.key: m for m in earlier}.values())
            head = HEAD_NOUN.search(back.group(0))
            if head and not plural and earlier:
                # "the Defence Ministry said" after another voice spoke: the last ministry
                noun = head.group(1).lower()
                kinds = HEAD_KINDS.get(noun, ())
                like = [
                    m for m in earlier if noun in m.voice.name.lower() or str(m.voice.kind) in kinds
                ]
                if like and like[-1].voice.key != speakers[0].voice.key:
                    speakers = [like[-1]]
            if re.search(r"\bsource\b", back.group(0), re.I):
                # "SANA quoted a military source ... . The source added": the voice that is
                # a source, not the agency that quoted it.
                sources = [
                    m for m in [*last_speakers, *named_before] if "source" in m.voice.name.lower()
                ]
                speakers = sources[-1:] or speakers
            elif (
                not plural
                and named_before
                and re.match(
                    r"\W*(?:it|the\s+agency|the\s+(?:\w+\s+)?ministry)\b", back.group(0), re.I
                )
            ):
                # "Photos from state news agency SANA showed ... . '...,' it reported": the
                # one voice the sentence before named, though it did not speak there.
                named = list(dict.fromkeys(m.voice.key for m in named_before))
                if len(named) == 1 and not any(m.speaker for m in named_before):
                    speakers = [named_before[-1]]
    return speakers


# Wordings that make a named voice the teller of the toll after it, beyond "said" and
# the like: "state media are reporting that ...", "the SDF media centre released a
# statement, saying ...", "The Observatory has updated the number ..., putting it at 15",
# "according to unconfirmed reports by the Observatory, ...".
QUIET_AFTER = re.compile(
    r"^[^.;“”\"]{0,45}?\b(?:(?:are|is|were|was|been)\s+reporting|"
    r"(?:released|issued|published|put\s+out)\s+(?:a|an|its|their)\s+(?:[\w-]+\s+)?statement|"
    r"(?:has|have|had)\s+(?:also\s+)?(?:updated|revised|raised))\b",
    re.I,
)
QUIET_BEFORE = re.compile(
    r"\baccording\s+to\s+(?:[\w-]+\s+){0,3}?(?:reports?|figures|data|statements?|a\s+statement|"
    r"sources?|a\s+tally|a\s+count)\s+(?:by|from|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
    re.I,
)


def _quiet_speaker(sent, mentions: list, claims: list) -> None:
    """A sentence with a toll and a voice named before it that no reporting verb marks as
    speaking, but wording that does: that voice speaks (one voice only)."""
    first = min(c.start for c in claims)
    before = [m for m in mentions if m.end <= first and m.verb != "via"]
    if len({m.voice.key for m in before}) != 1:
        return
    m = before[-1]
    after = sent.text[m.end - sent.start : first - sent.start]
    lead = sent.text[max(0, m.start - sent.start - 80) : m.start - sent.start]
    if QUIET_AFTER.match(after) or QUIET_BEFORE.search(lead):
        for other in before:
            other.speaker, other.verb = True, other.verb or "said"


# "Earlier, SANA reported ...", "SANA had initially reported 21": a figure the voice gave
# before the one the text tells first; its later word stands (coding guide, section 2).
SUPERSEDED = re.compile(
    r"^\W*(?:earlier|initially|previously|at\s+first)\s*,|"
    r"\b(?:had\s+)?(?:earlier|initially|previously|at\s+first)\s+(?:said|reported|put|gave|"
    r"announced|stated)\b",
    re.I,
)


RELATIVE_TOLL = re.compile(
    r"\b(?:that|which)\s+(?:has\s+|had\s+)?(?:killed|left|wounded|injured)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
PLACE_NAMING_VOICES = {"media_centre", "local"}
MONITOR_OUTLETS = {"airwars", "sohr", "syrian observatory for human rights", "snhr"}


# Wire idioms that open another incident ("In a related development, ...").
OTHER_STORY = re.compile(
    r"\bin\s+(?:a|another)\s+(?:related|separate|similar|different)\s+(?:development|incident|"
    r"attack)\b|\bin\s+another\s+(?:development|incident)\b",
    re.I,
)
MEANWHILE_VOICE = re.compile(r"^\W*meanwhile\s*,\s*", re.I)
# "The new casualties came a day after mortar fire killed nine", "killed six ... just a
# day before": a toll counted from the event to another day is another incident's.
DAYS_APART = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|six|several|few|\d+)\s+(?:days?|weeks?)|the\s+day)\s+"
    r"(?P<w>after|before|earlier|ago)\b(?P<end>\s*(?:[,.;]|$))?",
    re.I,
)


def _days_apart(sent, claims: list) -> bool:
    """A toll told after "a day after" ("came a day after shelling killed nine"), or
    with "a day before" as its time ("six were killed ... a day before, SANA said");
    not "two days after the blast, the toll rose to 11", nor "came two days after the
    truce began" with the toll before it."""
    if not claims or any(c.update for c in claims):
        return False
    for m in DAYS_APART.finditer(sent.text):
        if m.group("end") is not None and m.group("w").lower() != "after":
            return True  # adverbial: "just a day before."
        if any(c.start - sent.start >= m.end() for c in claims):
            return True
    return False


# "in January the group claimed an attack that killed 19": a month of its own, no day.
IN_MONTH = re.compile(
    r"\b(?:in|last)\s+(?:early\s+|late\s+|mid-?)?(?P<m>january|february|march|april|"
    r"june|july|august|september|october|november|december)\b(?!\s+\d{1,2}\b)",
    re.I,
)
MONTH_NUMBER = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split(),
        start=1,
    )
}


def _second_account(text: str, claims: list, mentions: list, info: list) -> bool:
    """'Meanwhile, state TV said 31 people were killed ...' after a toll of 31, or a voice
    not heard before: a second voice's account of the same event, not a side story."""
    if not MEANWHILE_VOICE.match(text) or not any(m.speaker for m in mentions):
        return False
    if SIDE.search(text[MEANWHILE_VOICE.match(text).end() :]):
        return False
    told = {c.min for it in info if not it["cumulative"] for c in it["claims"]}
    if any(c.min in told for c in claims):
        return True
    # "Meanwhile, SANA said artillery fire killed two": a voice not heard before, its own
    # account (a toll at another place is still a side story's, by place)
    spoken = {m.voice.key for it in info for m in it["mentions"] if m.speaker}
    return not any(m.voice.key in spoken for m in mentions if m.speaker)


class ReportInputError(ValueError):
    """A report that cannot be read; the message says why."""


@dataclass(frozen=True)
class Report:
    text: str
    dateline: dt.date
    outlet: str = ""
    url: str = ""
    id: str = ""


def parse_report(data, *, default_id: str = "") -> Report:
    if not isinstance(data, dict):
        raise ReportInputError("Each report must be a JSON object with text and dateline.")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReportInputError("Give the report's text.")
    if len(text) > MAX_TEXT_CHARS:
        raise ReportInputError(
            f"The text is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,}. "
            "Paste one report (or the part about one incident) at a time."
        )
    raw_date = data.get("dateline")
    if raw_date in (None, ""):
        raw_date = header_date(text)[1]  # "date 2017-10-24" heading the text
    if raw_date in (None, ""):
        raise ReportInputError("Give the dateline date as YYYY-MM-DD.")
    try:
        dateline = (
            dt.date.fromisoformat(str(raw_date).strip())
            if not isinstance(raw_date, dt.date)
            else raw_date
        )
    except ValueError:
        raise ReportInputError(
            f"The dateline must be a date as YYYY-MM-DD, not {str(raw_date)[:40]!r}."
        ) from None
    values = {}
    for name in ("outlet", "url", "id"):
        value = data.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, (str, int)):
            raise ReportInputError(f"'{name}' must be text.")
        value = str(value).strip()
        if len(value) > MAX_FIELD_CHARS:
            raise ReportInputError(f"'{name}' is longer than {MAX_FIELD_CHARS} characters.")
        values[name] = value
    if values["url"] and not re.match(r"^https?://\S+$", values["url"]):
        raise ReportInputError("The URL must start with http:// or https://.")
    return Report(
        text=text,
        dateline=dateline,
        outlet=values["outlet"],
        url=values["url"],
        id=values["id"] or default_id,
    )


@dataclass
class _Source:
    key: str
    name: str
    kind: str
    via: str
    span: tuple[int, int]
    claims: dict  # outcome -> (Claim, shared)
    anonymous: bool = False
    # outcome -> every span that states the kept figure (repeated or merged mentions)
    claim_spans: dict = field(default_factory=dict)


@functools.lru_cache(maxsize=256)
def _outlet_voice(outlet: str):
    for voice in VOICES:
        if outlet and voice.pattern.fullmatch(outlet.strip()):
            return voice
    return None


def extract_report(report: Report, *, with_duplicates: bool = True) -> dict:
    """The draft values of one report (events.extraction's docstring gives the shape)."""
    return extract_reports([report], with_duplicates=with_duplicates)[0]


def extract_reports(reports: list[Report], *, with_duplicates: bool = True) -> list[dict]:
    """The draft values of each report, in order; the likely duplicates of the whole
    batch are looked up together (events.selectors.report_duplicates)."""
    extractions = [_extract(report) for report in reports]
    results = [ex.as_dict() for ex in extractions]
    if with_duplicates:
        from events.selectors import report_duplicates

        queries = [ex.duplicate_query() for ex in extractions]
        asked = [i for i, q in enumerate(queries) if q is not None]
        found = report_duplicates([queries[i] for i in asked])
        for i, codes in zip(asked, found, strict=True):
            results[i]["duplicates"] = codes[:MAX_DUPLICATES]
    return results


def _extract(report: Report) -> Extraction:
    text, dateline = blank_header(report.text), report.dateline
    sentences = split_sentences(text)
    # a story reposted days later: its own dateline's day anchors "yesterday", "on Sunday"
    anchor = filed_day(text, dateline)
    outlet = report.outlet or "Reporter"
    outlet_voice = _outlet_voice(report.outlet)
    outlet_key = outlet_voice.key if outlet_voice else "outlet"
    present = present_voices(text)
    present += named_outlets(text, present)
    voices_by_key = {**BY_KEY, **{v.key: v for v in present}}
    has = {v.key for v in present}
    monitor_key = "sohr" if "sohr" in has else "snhr" if "snhr" in has else GENERIC_MONITOR
    forces_key = local_forces_key(text)

    found_mentions = [find_mentions(sent.text, sent.start, voices=present) for sent in sentences]
    names = spokespeople(text, [m for ms in found_mentions for m in ms])
    info = []
    for sent, mentions in zip(sentences, found_mentions, strict=True):
        if names:
            taken = [(m.start, m.end) for m in mentions]
            mentions = sorted(
                mentions + person_mentions(sent.text, sent.start, names, taken),
                key=lambda m: m.start,
            )
        for m in mentions:
            if m.voice.key == GENERIC_MONITOR and monitor_key != GENERIC_MONITOR:
                m.voice = BY_KEY[monitor_key]
            elif m.voice.key == "local" and forces_key != "local":
                if LOCAL_FORCES.search(text[m.start : m.end]):
                    m.voice = BY_KEY[forces_key]
        claims = [
            c  # a number inside a voice's name ("DeirEzzor24") is no figure
            for c in find_claims(sent.text, sent.start)
            if not any(m.start <= c.start < m.end for m in mentions)
        ]
        if any(m.speaker for m in mentions):  # "a medical source gave the same toll"
            claims += same_toll(
                sent.text, sent.start, claims, [c for it in info for c in it["claims"]]
            )
        if claims and mentions and not any(m.speaker for m in mentions):
            _quiet_speaker(sent, mentions, claims)
        countrywide = COUNTRYWIDE.search(sent.text)
        cumulative = bool(claims) and bool(
            over_a_period(sent.text)
            or (THIS_YEAR.search(sent.text) and not RANKING.search(sent.text))
            or all(c.cumulative for c in claims)  # "... in recent days", "so far"
        )
        if not cumulative:
            claims = [c for c in claims if not c.cumulative and not c.other_day]
        info.append(
            {
                "sent": sent,
                "mentions": mentions,
                "claims": claims,
                "dates": find_dates(sent.text, anchor, offset=sent.start),
                "cumulative": cumulative,
                # A country-wide toll: its figures are a round-up's total, but the
                # sentence still dates and describes the event.
                "countrywide": bool(claims) and bool(countrywide),
                "several": bool(countrywide and countrywide.group("several")),
                # "Separately", "elsewhere", ... mark a side story once a toll was
                # given; the first toll is the event's own.
                "side_words": bool(
                    SIDE.search(VOICE_ASIDE.sub(" said", sent.text))
                    or OTHER_STORY.search(sent.text)
                    or _days_apart(sent, claims)
                )
                and any(it["claims"] and not it["cumulative"] for it in info)
                and not _second_account(sent.text, claims, mentions, info),
                "event": sent.index == 0
                or bool(claims)
                or bool(EVENT_REF.search(sent.text))
                or any(m.voice.key == "is_claim" and m.speaker for m in mentions)
                or (
                    any(m.voice.key in SELF_REPORTING and m.speaker for m in mentions)
                    and bool(OWN_ATTACK.search(sent.text))
                )
                # "X said claims of civilian casualties were untrue": a denial of it
                or bool(CALLED_UNTRUE.search(sent.text))
                or (
                    bool(ATTACK_WORD.search(sent.text))
                    and not BACKGROUND.search(sent.text)
                    and bool(find_actors(sent.text))
                ),
            }
        )

    mark_opening_day_stories(info)
    # "MOSCOW, May 16. /TASS/. ... told reporters on Wednesday": with no day of the
    # event, the day a voice spoke says more than the day the wire filed the story.
    date_expr = pick_date(
        [{**it, "dates": [d for d in it["dates"] if d.reporting != "dateline"]} for it in info]
    ) or pick_date(info)
    if any(SPAN_OF_DAYS.search(it["sent"].text) for it in info if it["event"]):
        date_expr = None
    elif date_expr is None:
        date_expr = told_again_day(info)
    event_date, precision = event_day(date_expr, info)
    at = next((i for i, it in enumerate(info) if date_expr in it["dates"]), None)
    if date_expr is not None and date_expr.relative and at is not None:
        # '"... struck near Idlib today," the command said on Monday' in Tuesday's copy
        near = [d for it in info[max(0, at - 2) : at + 3] for d in it["dates"] if d.reporting]
        sent = info[at]["sent"]
        event_date = spoken_day(date_expr, sent.text, sent.start, near, anchor) or event_date
    multi_span = mark_sides(info, event_date)
    month = (event_date or dateline).month
    for position, item in enumerate(info):
        # "... in January the group claimed a bombing that killed 19": after the event's
        # toll, a toll told after another month (no day given) is another incident's
        # (not "SANA said 12 were killed, breaking a truce agreed in March").
        if not item["claims"] or item["side"] or item["cumulative"]:
            continue
        sent = item["sent"]
        first = min(c.start for c in item["claims"]) - sent.start
        other_month = any(
            MONTH_NUMBER[m.group("m").lower()] != month
            for m in IN_MONTH.finditer(sent.text, 0, first)
        )
        if other_month and any(it["claims"] and not it["cumulative"] for it in info[:position]):
            item["side"] = True
            multi_span = multi_span or (item["sent"].start, item["sent"].end)
    roundup = ROUNDUP.search(text)
    if roundup and multi_span is None:
        multi_span = (roundup.start(), roundup.end())
    several = next((it for it in info if it["countrywide"] and it["several"]), None)
    if several and multi_span is None:
        multi_span = (several["sent"].start, several["sent"].end)
    main = [it for it in info if it["event"] and not it["side"] and not it["cumulative"]]

    # Places; a toll given for another town is a side story too.
    tolls = frozenset(it["sent"].index for it in main if it["claims"])
    places = find_places(
        sentences,
        event_sentences={it["sent"].index for it in main},
        toll_sentences=tolls,
        side_sentences=frozenset(it["sent"].index for it in info if it["side"] or it["cumulative"]),
        # a town's media office or council names where it is; other voices' names do not
        names_taken=tuple(
            (m.start, m.end)
            for it in info
            for m in it["mentions"]
            if m.voice.key not in PLACE_NAMING_VOICES
        ),
    )
    if places and tolls:
        lead = next(it for it in main if it["sent"].index == min(tolls))
        lead_tolls = {(c.outcome, c.min) for c in lead["claims"]}
        for item in main:
            index = item["sent"].index
            if index == min(tolls):
                continue
            if item["claims"]:
                # '"Eight civilians were slaughtered in Tal Abyad ...," the ministry said'
                # after "killing eight people" in a village of that district: the lead's
                # toll told again, with the place named more broadly.
                side = elsewhere(places, index) and not any(
                    (c.outcome, c.min) in lead_tolls for c in item["claims"]
                )
            else:
                # A claim, blame or denial about a story told elsewhere: right after
                # that story with no place of its own, or naming only its place.
                side = about_side_place(places, info, index) or (
                    index > 0
                    and info[index - 1]["side"]
                    and bool(STANCE_WORD.search(item["sent"].text))
                    and not names_place(places, index)
                )
            if side:
                item["side"] = True
                multi_span = multi_span or (item["sent"].start, item["sent"].end)
        main = [it for it in main if not it["side"]]

    # "12 people in Atmeh and five in Ariha": a toll at another place than the first
    # toll of its sentence is a side story's.
    for item in main:
        apart = [c for c in item["claims"] if c.apart and not same_place(places, c)]
        if apart:
            item["claims"] = [c for c in item["claims"] if c not in apart]
            multi_span = multi_span or (item["sent"].start, item["sent"].end)

    # Voices and their claims.
    sources: dict[str, _Source] = {}

    def source_for(voice_key: str, span: tuple[int, int]) -> _Source:
        if voice_key not in sources:
            if voice_key == "outlet":
                kind = "monitor" if outlet.lower() in MONITOR_OUTLETS else "news_agency"
                sources[voice_key] = _Source("outlet", outlet, kind, "", span, {})
            else:
                voice = voices_by_key[voice_key]
                via = "" if voice_key == outlet_key else (report.outlet or "")
                sources[voice_key] = _Source(voice.key, voice.name, str(voice.kind), via, span, {})
        return sources[voice_key]

    last_speakers: list = []
    denied_figures: list[Claim] = []
    quote_speakers: list = []
    quote_until = -1
    last_named: list = []  # the voices of the last sentence that named any
    every_speaker: list = []
    for position, item in enumerate(info):
        sent = item["sent"]
        previous = last_speakers
        speakers = _own_speakers(item, last_speakers, last_named, every_speaker)
        if not speakers and position <= quote_until:
            speakers = quote_speakers  # inside a quotation that a later sentence closes
        elif not speakers and opens_quote(sent.text):
            # '"Eight civilians were killed ... . The attack was ...," the ministry said.':
            # a quotation's sentences speak with the voice named where it closes.
            for later_pos in range(position + 1, min(len(info), position + QUOTE_REACH)):
                later = info[later_pos]
                if closes_quote(later["sent"].text):
                    speakers = _own_speakers(later, last_speakers, last_named, every_speaker)
                    quote_speakers, quote_until = speakers, later_pos - 1
                    break
        if speakers:
            last_speakers = speakers
            every_speaker.extend(speakers)
        if item["mentions"]:
            last_named = item["mentions"]
        item["speakers"] = speakers
        item["said"] = frames(sent, item["mentions"], previous)
        for m in speakers:
            if m.voice.key == "gov_source" and ANONYMOUS.search(sent.text):
                source_for(m.voice.key, (m.start, m.end)).anonymous = True
        if item["side"] or item["cumulative"] or item["countrywide"] or not item["claims"]:
            continue
        if all(c.among for c in item["claims"]) and not any(m.speaker for m in item["mentions"]):
            # "Four children were also among those killed": a part of the toll already
            # given, not a toll of its own, unless a voice gives it as its figure.
            continue
        denied = _denied_parties(sent, speakers) if DENIAL.search(sent.text) else set()
        owners = [
            m
            for m in speakers
            if not _denies(m, sent.text) and PARTY_OF_VOICE.get(m.voice.key) not in denied
        ]
        if speakers and not owners:
            # Only the denying party speaks: the figures it mentions are not its own,
            # but those of the reports it denies (given to their voice below).
            if DENIED_REPORTS.search(sent.text):
                denied_figures.extend(item["claims"])
            continue
        owner_keys = (
            list(dict.fromkeys(m.voice.key for m in owners))
            or _group_voices(info, position, item)
            or [
                _continued_voice(info, position, item, sources)
                or _named_next(info, position, item)
                or outlet_key
            ]
        )
        said = item["said"]
        superseded = bool(SUPERSEDED.search(sent.text))
        for claim in item["claims"]:
            claim.superseded = superseded
            keys = _claim_owners(said, claim, owner_keys, outlet_key)
            for key in keys:
                span = next(
                    ((m.start, m.end) for m in owners if m.voice.key == key),
                    (sent.start, sent.start),
                )
                if key == "is_claim" and RELATIVE_TOLL.search(text[sent.start : claim.start]):
                    # "IS said it carried out a bombing that killed 16 people": the group
                    # claims the bombing; the toll is the reporter's account of it.
                    merge_claim(source_for(outlet_key, span), claim, False)
                    continue
                merge_claim(source_for(key, span), claim, len(keys) > 1)

    if denied_figures:
        accusers = [
            src
            for src in sources.values()
            if src.key not in PARTY_OF_VOICE and src.key not in AGENCIES and src.key != "outlet"
        ]
        accuser = (
            min(accusers, key=lambda src: (src.kind != "monitor", src.span[0]))
            if accusers
            else None
        )
        for claim in denied_figures:
            kept = accuser.claims.get(claim.outcome) if accuser is not None else None
            if accuser is not None and (kept is None or kept[0].part):
                merge_claim(accuser, claim, False)

    names = actor_names()
    alleged, stated = collect(
        text,
        info,
        main,
        event_date=event_date,
        has=has,
        outlet_key=outlet_key,
        source_for=source_for,
        known=voices_by_key,
    )

    notes = []
    for item in info:
        sent = item["sent"]
        responses = NO_RESPONSE.finditer(sent.text) if RESPONSE_WORD.search(sent.text) else ()
        for m in responses:
            who = next(g for g in (m.group("a"), m.group("b"), m.group("c")) if g)
            actors = find_actors(who)
            notes.append(
                {
                    "kind": "no_response",
                    "actor": actors[0][0] if actors else None,
                    "text": f"No response from {who.strip()}",
                    "span": (sent.start + m.start(), sent.start + m.end()),
                }
            )
        m = UNCLAIMED.search(sent.text)
        if m:
            notes.append(
                {
                    "kind": "unclaimed",
                    "actor": None,
                    "text": "Nobody has claimed it (at the time of the report)",
                    "span": (sent.start + m.start(), sent.start + m.end()),
                }
            )

    # Type, from the event's own sentences.
    event_type, sub_event_type, type_span = classify(
        [(it["sent"].start, it["sent"].text) for it in main],
        # the rest of the story, side stories left out ("The IS ambushed the convoy")
        [
            (it["sent"].start, it["sent"].text)
            for it in info
            if it not in main and not it["side"] and not it["cumulative"]
        ],
    )

    cumulative_span = next(
        (
            (it["sent"].start, it["sent"].end)
            for it in info
            if it["cumulative"] or it["countrywide"]
        ),
        None,
    )
    voice_spans: dict[str, list[tuple[int, int]]] = {}
    for item in info:
        for m in item["mentions"]:
            voice_spans.setdefault(m.voice.key, []).append((m.start, m.end))
    return Extraction(
        report=report,
        voice_spans=voice_spans,
        outlet=outlet,
        sources=sources,
        alleged=alleged,
        names=names,
        places=places,
        event_date=event_date,
        precision=precision,
        date_expr=date_expr,
        event_type=event_type,
        sub_event_type=sub_event_type,
        type_span=type_span,
        stated=stated,
        multi_span=multi_span,
        cumulative_span=cumulative_span,
        notes=notes,
    )


@dataclass
class Extraction:
    """What :func:`_extract` read from one report, before it is written out as JSON."""

    report: Report
    outlet: str
    sources: dict[str, _Source]
    alleged: dict[tuple[str, str], dict]
    names: dict[str, str]
    places: list[FoundPlace]
    event_date: dt.date | None
    precision: str | None
    date_expr: DateExpr | None
    event_type: str
    sub_event_type: str
    type_span: tuple[int, int] | None
    stated: tuple[str, int, int] | None
    multi_span: tuple[int, int] | None
    cumulative_span: tuple[int, int] | None
    notes: list[dict]
    voice_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def duplicate_query(self):
        """How this report's likely duplicates are looked up (None without a place)."""
        from events.selectors import DuplicateQuery

        if not self.places:
            return None
        main = self.places[0]
        point = (main.lon, main.lat) if main.lon is not None and main.lat is not None else None
        return DuplicateQuery(
            point=point,
            place_id=main.place_id,
            day=self.event_date or self.report.dateline,
            days=2 if self.event_date else 7,
        )

    def as_dict(self) -> dict:
        report, date_expr, event_date = self.report, self.date_expr, self.event_date
        spans: dict[str, list[int]] = {}
        mentions: dict[str, list[list[int]]] = {}  # every mention of a value, when several

        def also(key: str, found) -> None:
            found = sorted({tuple(x) for x in found if x[1] > x[0]})
            if len(found) > 1:
                mentions[key] = [list(x) for x in found]

        out_sources, key_to_name = [], {}
        order = sorted(self.sources.values(), key=lambda s: s.span[0])
        for i, src in enumerate(order):
            name = src.name
            if src.key == "gov_source" and src.anonymous:
                name = "Government source (anonymous)"
            key_to_name[src.key] = name
            claims = []
            for j, outcome in enumerate(o for o in ("killed", "injured") if o in src.claims):
                claim = src.claims[outcome][0]
                claims.append(claim.as_dict())
                spans[f"sources/{i}/claims/{j}"] = [claim.start, claim.end]
                also(f"sources/{i}/claims/{j}", src.claim_spans.get(outcome, []))
            out_sources.append(
                {"key": src.key, "name": name, "kind": src.kind, "via": src.via, "claims": claims}
            )
            spans[f"sources/{i}"] = list(src.span)
            also(f"sources/{i}", [src.span, *self.voice_spans.get(src.key, [])])
        out_alleged = []
        for k, ((actor, stance), entry) in enumerate(
            sorted(self.alleged.items(), key=lambda kv: kv[1]["span"][0])
        ):
            out_alleged.append(
                {
                    "actor": actor,
                    "actor_name": self.names.get(actor, actor.replace("_", " ").title()),
                    "known_actor": in_table(actor),
                    "stance": stance,
                    "alleged_by": [key_to_name[key] for key in entry["by"] if key in key_to_name],
                }
            )
            spans[f"alleged/{k}"] = list(entry["span"])
            also(f"alleged/{k}", entry.get("spans", []))
        out_places = [p.as_dict() for p in self.places]
        for i, place in enumerate(self.places):
            first = min(place.mentions, key=lambda m: m.start)
            spans[f"places/{i}"] = [first.start, first.end]
            also(f"places/{i}", [(m.start, m.end) for m in place.mentions])
            out_places[i]["precision"] = str(out_places[i]["precision"])
        if date_expr:
            spans["event_date"] = [date_expr.start, date_expr.end]
        if self.type_span:
            spans["event_type"] = list(self.type_span)
        if self.stated:
            spans["perpetrator_stated"] = [self.stated[1], self.stated[2]]
        if self.multi_span:
            spans["multi_incident"] = list(self.multi_span)
        if self.cumulative_span:
            spans["cumulative"] = list(self.cumulative_span)
        out_notes = []
        for i, note in enumerate(self.notes):
            spans[f"notes/{i}"] = list(note["span"])
            out_notes.append({k: v for k, v in note.items() if k != "span"})
        return {
            "id": report.id,
            "event_date": event_date.isoformat() if event_date else None,
            "date_precision": self.precision or "unknown",
            "time_note": date_expr.time_note if date_expr else "",
            "date_note": ""
            if event_date
            else f"The text gives no day; the dateline is {report.dateline.isoformat()}.",
            "dateline": report.dateline.isoformat(),
            "outlet": report.outlet,
            "url": report.url,
            "places": out_places,
            "event_type": self.event_type or None,
            "sub_event_type": self.sub_event_type or None,
            "sources": out_sources,
            "alleged": out_alleged,
            "perpetrator_stated": self.stated[0] if self.stated else None,
            "multi_incident": self.multi_span is not None,
            "cumulative_figures": self.cumulative_span is not None,
            "notes": out_notes,
            "spans": spans,
            "mentions": mentions,
            "duplicates": [],
        }
