"""Which sentences of a report tell the event, which a side story, and the day.

A side story is a toll dated another day or marked as another incident ("elsewhere",
"meanwhile", "a day earlier", ...) once the event's own toll was given, a toll for a
place apart from the event's, or a claim, blame or denial right after a side story or
naming only its place. Round-ups ("a spate of attacks across Syria"), tolls for the
whole country or several towns, and cumulative figures ("since the war began") are
not this incident's toll. The event date is the first date of an event sentence that
is not a side story; a date hanging on a reporting verb, or the wire's dateline, only
when nothing else dates the event. A sentence that tells the attack by its verb or
weapon without a toll ("the assault started Thursday night", "two mortar shells
landed", "the policemen were killed on Monday morning") or names it by its day
("Thursday detonation") dates it too.
"""

from __future__ import annotations

import re

from .attribution import DENIAL, DENYING_VERBS
from .dates import DateExpr
from .places import related

CUMULATIVE = re.compile(
    r"\bsince\s+(?!midnight|dawn|this\s+morning|the\s+morning|yesterday|"
    r"early\s+(?:morning|today))(?:the\s+)?(?:war|conflict|start|beginning|"
    r"outbreak|\w+\s+(?:19|20)\d\d|(?:19|20)\d\d|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|early|"
    r"mid|late|last|the\s+\d+)"
    r"|\bso\s+far\s+(?:this|in)\b|\bin\s+(?:less|more)\s+than\s+(?:a|an|one|"
    r"two|three|four|five|six|\d+)\s+(?:days?|weeks?|months?|years?)\b"
    r"|\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:hours|days|"
    r"weeks|months|years)\b|\bin\s+total\b|"
    r"\bmonthly\s+toll\b|\bover\s+the\s+same\s+period\b|"
    r"\bsince\s+(?:last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"\b(?:on|between)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+"
    r"and\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)\b",
    re.I,
)


# "this year" counts up a toll, but not in a ranking ("the highest death toll in a
# single attack on the region this year").
THIS_YEAR = re.compile(r"\bthis\s+year\b", re.I)
# "one of the deadliest attacks in the capital since the start of the seven-year civil
# war": a ranking of this attack against the war's, not a toll over the war.
RANKED_BEFORE = re.compile(
    r"\b(?:deadliest|worst|bloodiest|heaviest|highest|largest|biggest)\b[^.;\d]{0,60}$", re.I
)


def over_a_period(text: str) -> bool:
    """A sentence telling a toll over a period ("since the war began", "in the past
    week"), not only ranking the attack against one."""
    return any(not RANKED_BEFORE.search(text, 0, m.start()) for m in CUMULATIVE.finditer(text))


RANKING = re.compile(
    r"\b(?:highest|deadliest|worst|bloodiest|largest|biggest|first|second|third|fourth|fifth|"
    r"latest|\d+(?:st|nd|rd|th))\b[^.;]{0,60}\bthis\s+year\b",
    re.I,
)


# "the toll from the bombardment, which took place on Tuesday and Wednesday", "two days of
# air strikes": the event spans days, so no one day is its date.
SPAN_OF_DAYS = re.compile(
    r"\b(?:took\s+place|came|happened|carried\s+out|lasted)\s+(?:on|over|between)\s+"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+and\s+"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"\b(?:two|three|four|five|several)\s+days\s+of\s+(?:air\s*strikes|airstrikes|strikes|raids|"
    r"bombardment|shelling|bombing|attacks)\b|"
    # "almost 50 people were killed in two days during clashes"
    r"\b(?:killed|died)\s+(?:in|over)\s+(?:two|three|four|five|several)\s+days\b",
    re.I,
)


SIDE = re.compile(
    r"\b(?:another\s+(?:attack|strike|raid|bombing|blast|explosion|incident)|separately|"
    r"elsewhere|in\s+a\s+separate|meanwhile|in\s+(?:a|another)\s+(?:related|separate|similar)\s+"
    r"(?:development|incident|attack)|in\s+another\s+(?:development|incident)|"
    r"in\s+other\s+violence|earlier\s+(?:on|in)|also\s+on|a\s+day\s+earlier|"
    r"the\s+previous\s+day|including\s+on|an?\s+similar\s+(?:[\w-]+\s+)?(?:attack|strike|"
    r"air\s*strike|raid|bombing|blast|explosion|incident|shelling|ambush)|"
    r"(?:a|one|two|three|the)\s+days?\s+(?:before|earlier)(?!\s+(?:the|it|they|he|she)\b))\b"
    # a sentence opening on an earlier time: "Last week, ...", "Two weeks ago, ...",
    # "Earlier this month, ...", "In March, ..."
    r"|^\W*(?:last\s+(?:week|month|year)|earlier\s+this\s+(?:week|month|year)|"
    r"(?:(?:a|one|two|three|four|five|six|several|\d+)\s+)?(?:days?|weeks?|months?|years?)\s+"
    r"ago|in\s+(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b(?!\s+\d))\b"
    # "the deadliest since strikes on X killed 40"
    r"|\b(?:deadliest|worst|bloodiest|heaviest|largest|biggest)\s+(?:[\w-]+\s+){0,4}?since\b",
    re.I,
)


SEVERAL_PLACES = (
    r"\bin\s+(?:two|three|four|five|six|several|multiple|various|\d+)\s+(?:separate\s+|different\s+)?"
    r"(?:parts|villages|towns|places|locations|provinces|cities|regions)\b"
)


ROUNDUP = re.compile(
    r"\b(?:spate|series|string|wave|"
    r"round)\s+of\s+(?:[\w-]+\s+){0,3}?(?:attacks|bombings|blasts|strikes|"
    r"raids)\b[^.]{0,40}\bacross\b|\bacross\s+(?:several|four|three|five|"
    r"different)\s+provinces\b|\bacross\s+(?:Syria|the\s+country)\b|\bnationwide\b",
    re.I,
)


# A toll for the whole country is a round-up's total, not this incident's; so is one for
# several towns ("killed 23 people in two parts of the province").
COUNTRYWIDE = re.compile(
    r"\bacross\s+(?:Syria|the\s+country|(?:several|four|three|five|different)\s+provinces)\b|"
    r"\bnationwide\b|" + r"(?P<several>" + SEVERAL_PLACES + ")",
    re.I,
)


EVENT_REF = re.compile(
    r"\b(?:the|this|these|those)\s+(?:(?:deadly|twin|suicide|latest|double|car|bomb|"
    r"rocket|mortar|chemical|gas|chlorine)\s+)?(?:air\s*)?(?:strikes?|airstrikes?|"
    r"attacks?|blasts?|bombings?|explosions?|raids?|shelling|bombardment|"
    r"violence|deaths|incident|bomb|car\s+bomb|device|mine|landmine|rockets?|shells?|"
    r"missiles?|jets?|warplanes?|planes?|aircraft|helicopters?|drones?|bombers?|attackers?)\b|"
    r"\baccus\w+|\bblam\w+|\bclaimed\b|\bresponsible\b|"
    # "the Israeli military confirmed it had targeted ...": a party's word on what it did
    r"\b(?:it|its\s+\w+)\s+(?:had\s+|has\s+)?(?:carried\s+out|conducted|struck|launched|hit|"
    r"targeted|bombed)\b|"
    r"\bdenied\b|\bbehind\s+the\b",
    re.I,
)


ATTACK_WORD = re.compile(
    r"\b(?:air\s*strikes?|airstrikes?|air\s+raids?|raids?|strikes?|shelling|bombing|bombardment|"
    r"artillery|rockets?|missiles?|car\s+bomb|bombs?|suicide)\b",
    re.I,
)


ATTACK_OR_BLAST = re.compile(
    ATTACK_WORD.pattern[:-3] + r"|blasts?|explosions?|attacks?|massacre)\b", re.I
)


BACKGROUND = re.compile(
    r"\bsince\b|\bfor\s+years\b|\brepeatedly\b|\bregularly\b|\bha(?:s|ve)\s+been\s+carrying\b"
    r"|\bhundreds\s+of\b|\bin\s+recent\s+(?:days|weeks|months|years)\b|\bin\s+the\s+past\b",
    re.I,
)


# An attack or its dead told by a verb or a weapon, with no toll: "the assault started
# Thursday night", "bombers targeted two restaurants on Wednesday evening", "the
# policemen were killed on Monday morning", "two mortar shells landed near the square".
TOLD_ATTACK = re.compile(
    r"\b(?:assault|ambush|massacre|killings?|mortars?|shells|(?:car\s+)?bombers?|gunmen|"
    r"targeted|struck|shelled|bombed|raided|attacked|stormed|ambushed|exploded|detonated|"
    r"went\s+off|"
    r"landed|(?:was|were|been)\s+(?:killed|wounded|injured|martyred|shot|executed)|"
    r"lost\s+their\s+lives|clash(?:ed|es)|(?:it|which)\s+(?:took\s+place|happened|occurred)|"
    r"bl(?:ew|own|owing)\s+(?:themselves|himself|herself)\s+up)\b",
    re.I,
)


def told_attack(text: str) -> bool:
    """A sentence that tells the attack without a toll or a named party ("Tuesday
    evening's blast in Hasakeh struck outside a bakery")."""
    return bool(ATTACK_OR_BLAST.search(text) or TOLD_ATTACK.search(text)) and not (
        BACKGROUND.search(text)
    )


# "Thursday detonation", "Monday's blast": a day naming the attack, even in a sentence
# of background ("the last in a series of explosions since ...").
DAY_NOUN = re.compile(
    r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:attack|strike|air\s*strike|raid|bombing|blast|explosion|"
    r"detonation|shelling|ambush|massacre)s?\b",
    re.I,
)


def dated_noun(item: dict) -> bool:
    text, start = item["sent"].text, item["sent"].start
    return any(
        not d.reporting and d.precision == "day" and DAY_NOUN.match(text, d.end - start)
        for d in item["dates"]
    )


def pick_date(info: list, skip=frozenset()) -> DateExpr | None:
    """The event date: the first date of an event sentence that is not a side story;
    a date hanging on a reporting verb (or the wire's dateline) only if none is."""
    fallback = None
    for item in info:
        if item["cumulative"] or item["sent"].index in skip:
            continue
        if item["side_words"] and (item["claims"] or not BACK_TO_IT.search(item["sent"].text)):
            # "Meanwhile, the council said the attack took place overnight on Monday": with
            # no toll of its own and "the attack" pointing back, it still dates the event.
            continue
        if not (item["event"] or told_attack(item["sent"].text) or dated_noun(item)):
            continue
        own = [d for d in item["dates"] if d.own and not d.reporting]
        for d in own or item["dates"]:
            if not d.reporting:
                return d
            if fallback is None and d.reporting.split()[0] in FALLBACK_VERBS:
                fallback = d
    return fallback


# Words of a lead too common in this news to show that a later sentence tells the
# same thing again.
COMMON_STEMS = frozenset(
    "killed killing civilia people syrian democra observa accordi reporte provinc country "
    "governo norther souther eastern western monitor governm regime militan fighter "
    "injured wounded attacks several others britain network sources against between "
    "district village villages".split()
)
STEM = re.compile(r"[A-Za-z]{6,}")


def _stems(text: str) -> set[str]:
    return {w.lower()[:7] for w in STEM.findall(text)} - COMMON_STEMS


def told_again_day(info: list) -> DateExpr | None:
    """With no day anywhere else: "Two civilians were shot dead as SDF militiamen clamped
    down on a peaceful demonstration. Peaceful demonstrators took to the streets on Sunday
    (January 12) in al-Kibr village": the day of the sentence right after the lead that
    tells its subject again (a word of the lead's own), with no toll or side story of its
    own."""
    if not info:
        return None
    lead = _stems(info[0]["sent"].text)
    for item in info[1:3]:
        if item["claims"] or item["side_words"] or item["cumulative"]:
            return None
        text = item["sent"].text
        if BACKGROUND.search(text) or not lead & _stems(text):
            continue
        days = [d for d in item["dates"] if not d.reporting and d.precision == "day"]
        if days:
            return days[0]
    return None


BACK_TO_IT = re.compile(
    r"\bthe\s+(?:attack|strike|air\s*strike|blast|bombing|explosion|raid|shelling|assault)\s+"
    r"(?:took\s+place|happened|occurred|came|was\s+carried\s+out|hit|struck)\b",
    re.I,
)


FALLBACK_VERBS = (
    "said",
    "says",
    "reported",
    "announced",
    "stated",
    "told",
    "dateline",
    "condemned",
    "denounced",
)


def event_day(date_expr: DateExpr | None, info: list):
    if date_expr is None:
        return None, None
    event_date = date_expr.date
    if date_expr.time_note == "overnight":
        # "overnight" is the night that ended on the dateline's morning, unless a
        # voice already reported the attack the day before ("state television said
        # on Thursday" in Friday's copy): then the night began on that day.
        earlier = [
            d.date
            for it in info
            for d in it["dates"]
            if d.reporting and d.reporting not in DENYING_VERBS and d.date < event_date
        ]
        if earlier:
            event_date = min(earlier)
    return event_date, date_expr.precision


def mark_sides(info: list, event_date) -> tuple[int, int] | None:
    """Side stories: claims dated another day, or marked as another incident; the
    span of the first (or None)."""
    multi_span = None
    for item in info:
        other_days = [
            d
            for d in item["dates"]
            if not d.reporting and d.precision == "day" and event_date and d.date != event_date
        ]
        # (a sentence that also gives the event's own day tells the event: "a funeral on
        # March 29 for men killed two days earlier")
        other_day = bool(other_days) and not any(
            not d.reporting and d.date == event_date for d in item["dates"]
        )
        # "Meanwhile, SOHR said five children were among those killed": figures that
        # are only parts of a toll already given point back to this incident.
        back_reference = (
            bool(item["claims"])
            and all(c.among for c in item["claims"])
            and not other_day
            and any(it["claims"] for it in info[: item["sent"].index])
        )
        item["side"] = (
            bool(item["claims"])
            and not item["cumulative"]
            and (item["side_words"] or other_day)
            and not back_reference
        ) or (
            # "... an attack blamed on X (another day). Moscow has denied involvement.":
            # a denial right after a side story answers that story.
            not item["claims"]
            and item["sent"].index > 0
            and info[item["sent"].index - 1].get("side", False)
            and bool(DENIAL.search(item["sent"].text))
        )
        if item["side"] and multi_span is None:
            multi_span = (item["sent"].start, item["sent"].end)
    return multi_span


def same_place(places: list, claim) -> bool:
    """The place named after ``claim`` is the event's place, in it or near it."""
    at = next((p for p in places for m in p.mentions if m.start <= claim.place_start < m.end), None)
    # Two villages a few km apart are two places here: the text names each its toll.
    return at is not None and related(places[0], at, km=2.0)


def names_place(places: list, index: int) -> bool:
    return any(m.sentence == index and not m.reference for p in places for m in p.mentions)


def elsewhere(places: list, index: int) -> bool:
    """Sentence ``index`` names places (not as reference points), none of them the
    event's place, inside it, around it or near it."""
    here = [p for p in places if any(m.sentence == index and not m.reference for m in p.mentions)]
    return bool(here) and not any(related(places[0], p) for p in here)


def about_side_place(places: list, info: list, index: int) -> bool:
    """Sentence ``index`` names only places of a side story told before it."""
    if not elsewhere(places, index):
        return False
    here = [p for p in places if any(m.sentence == index and not m.reference for m in p.mentions)]
    told = [
        p
        for p in places
        if any(m.sentence < index and info[m.sentence]["side"] for m in p.mentions)
    ]
    return any(related(a, b) for a in here for b in told)


# A sentence about who did it, whether claimed, blamed or denied.
STANCE_WORD = re.compile(
    r"\b(?:claim\w*|blam\w+|accus\w+|den(?:y|ied|ies)|behind|responsib\w+|perpetrat\w+)\b",
    re.I,
)
