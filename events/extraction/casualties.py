"""Casualty figures in one sentence: how many, killed or injured, of whom, as worded.

A figure is read as killed or injured from the words around it: "N people were
killed", "killing N", "a death toll of N", "leaving N dead", "with N injured". A
figure after "including"/"among them" (or one "among" a larger figure) is a part
of the claim it belongs to ("19 killed, including 16 civilians") and is kept with
that claim (``including``), not summed as a claim of its own. "Killed and wounded"
together, figures of things (rockets, strikes, km, GMT times) and vague words
("several") give no claim. Relatives join the figure before them ("two children and
their mother" is three); a breakdown between dashes, "N of the wounded" and "two
critically" are parts. A count over a period ("this month", "in recent days", "the war
has killed") is marked ``cumulative``: it is not the incident's toll.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .numbers import Figure, find_figures
from .text import around

KILLED = (
    r"killed|killing|kills|kill|dead|died|die|deaths?|death\s+toll|toll|lives|life|martyred|"
    r"martyring|perished|slain|shot\s+dead|massacred|fatalities|executed|executing|beheaded|"
    r"beheading|blew\s+themselves\s+up|slaughtered|slaughtering|"
    # "Two adults and a child ... burned to death"
    r"(?:burned|burnt)\s+to\s+death|"
    # "abducting nine men before shooting them dead": the figure before is the toll
    r"(?:shooting|shot|gunning|gunned)\s+(?:them|him|her)\s+(?:dead|down)|"
    r"(?:killing|executing|executed)\s+them(?:\s+all)?"
)
INJURED = (
    r"injured|injuring|injures|injure|wounded|wounding|wounds|hurt|injuries|injury|"
    r"hospitali[sz]ed|suffocat\w+|affected\s+by\s+(?:the\s+)?(?:toxic\s+|poison\s+)?(?:gas|"
    r"chlorine|chemicals?|sarin)"
)
PERSON = (
    r"people|persons|person|civilians?|children|child|kids|women|woman|men|"
    r"man|girls?|boys?|babies|infants|"
    r"fighters?|soldiers?|troops|militants|combatants|members|policemen|"
    r"police\s+officers?|gendarmes?|residents|citizens|"
    r"others|more|servicemen|personnel|victims|bodies|family\s+members|"
    r"shepherds?|farmers?|journalists?|pupils|schoolchildren|villagers|inmates|prisoners|detainees|"
    r"protesters|demonstrators|mourners|shoppers|bystanders|drivers|tribesmen|males|females|"
    r"adults|elderly|"
    r"doctors?|students|workers|Americans|Iranians|jihadists|rebels|dead|injured|wounded|martyrs|innocents|"
    r"militiamen|loyalists|gunmen|forces|officers?|commanders?|leaders?|guards|conscripts|recruits|"
    r"paramedics|rescuers|volunteers|nationals|foreigners|Syrians|Iraqis|Afghans|"
    r"pilgrims|worshippers|displaced|refugees|hunters|passengers|staff|employees|"
    r"relatives|siblings|brothers|sisters|teachers|nurses|medics|"
    # "two children and their mother", "a man and his two sons"
    r"mothers?|fathers?|wife|wives|husbands?|sons|daughters?|grandchildren|grandsons?|"
    r"granddaughters?|grandmothers?|grandfathers?|toddlers?|teenagers?|youths?"
)
CIVILIAN = re.compile(
    r"civilian|pupil|schoolchild|villager|protester|demonstrator|mourner|shopper|bystander|"
    r"elderly|child|children|kids|women|woman|girl|boy|babies|infant|"
    r"resident|citizen|shepherd|farmer|student|journalist|doctor|worker|paramedic|"
    r"rescuer|volunteer|pilgrim|worshipper|displaced|refugee|hunter|passenger|"
    r"teacher|nurse|medic\b|mother|father|wife|wives|husband|daughter|\bsons?\b|grandchild|"
    r"toddler|teenager",
    re.I,
)
CHILDREN = re.compile(r"child|children|kids|girl|boy|babies|infant", re.I)
COMBATANT = re.compile(
    r"fighter|soldier|troop|militant|combatant|policem|police|servicem|"
    r"personnel|jihadist|rebel|members\s+of|militiam|loyalist|gunm|forces|"
    r"officer|commander|guard|conscript|recruit",
    re.I,
)
# "children under the age of 16", "a boy aged 12": an age, not a toll.
AGE_BEFORE = re.compile(r"\b(?:age\s+of|aged|ages\s+of)\s+$", re.I)
AGE_AFTER = re.compile(r"^(?:-|\s)(?:years?|months?)(?:-|\s)old\b", re.I)
NOT_PEOPLE = re.compile(
    r"^\s*(?:GMT|km|kilomet|metres|meters|miles|rockets?|missiles?|shells?|"
    r"(?:air\s*)?strikes?|airstrikes|raids?|barrel|mortar|"
    r"hours?|days?|weeks?|months?|years?|percent|per\s+cent|%|times|"
    r"engagements|projectiles|am\b|pm\b|a\.m|p\.m|sorties|villages|towns|"
    r"buildings|vehicles|families|homes|houses|bombs?|projectiles|cluster|"
    r"car|cars|tanks?|positions|sites|targets|kg|tonnes|of\s+them\b|family\b)",
    re.I,
)
AFTER_STRONG = re.compile(
    # "150 people in the city's residential Wadi district were injured": a place between
    rf"^\s*(?:(?:[\w’'()-]+\s+){{0,6}}?|"
    # "17 Syrian troops and members of allied forces were injured": two groups joined
    rf"(?:[\w’'-]+\s+){{0,2}}?(?:{PERSON})\s+and\s+(?:[\w’'()-]+\s+){{1,5}}?|"
    # "At least 14 pro-Iran militia fighters from Iraq and Afghanistan were killed"
    rf"(?:[\w’'-]+\s+){{0,2}}?(?:{PERSON})\s+"
    rf"(?:in|at|near|from)\s+(?:[\w’'()-]+\s+){{1,6}}?)(?:(?:were|was|have\s+been|had\s+been|"
    rf"are|is|been|got)\s+)?(?:also\s+|reportedly\s+|reported\s+|later\s+|"
    rf"then\s+|critically\s+|seriously\s+)?(?P<w>{KILLED}|{INJURED})\b",
    re.I,
)
BEFORE_STRONG = re.compile(
    rf"\b(?P<w>{KILLED}|{INJURED}|claiming\s+(?:the\s+)?li(?:fe|ves)\s+of|"
    rf"claimed\s+(?:the\s+)?li(?:fe|ves)\s+of|toll\s+(?:(?:had|has)\s+)?(?:of|to|at|stood\s+at|reached)|"
    # "The death toll is 9", "the toll now stands at 12"
    rf"toll\s+(?:is|was)(?:\s+now)?(?:\s+at)?|toll\s+(?:now\s+)?stands\s+at|"
    rf"toll\s+(?:\w+\s+)?(?:rose|climbed|increased|jumped|risen|climbing|rising)\s+to|"
    rf"gave\s+a\s+(?:lower\s+|higher\s+)?death\s+toll\s+of|"
    rf"(?:put|puts|putting|place|places|placed|placing)\s+the\s+(?:\w+\s+){{0,2}}toll\s+at|leaving|"
    # "identified the dead as two policemen and two soldiers", "the dead were three boys"
    rf"(?:identified|named|listed)\s+the\s+(?:dead|victims|slain)\s+as|"
    rf"\bthe\s+(?:dead|victims|fatalities)\s+(?:were|are|was)|"
    # SANA's "the martyrdom of five civilians and the injury of 12 others", "the bodies of"
    rf"(?:martyrdom|death|deaths|killing|bodies|injury|injuring|wounding|names)\s+of)\s+(?:a\s+total\s+of\s+|another\s+|"
    rf"(?:an?\s+|the\s+|one\s+)?(?:entire\s+|whole\s+)?family\s+of\s+|"
    # "wounded his two brothers"
    rf"(?:his|her|their)\s+)?[“\"]?$",
    re.I,
)
BOTH = re.compile(
    rf"^\s*(?:[\w’'-]+\s+){{0,3}}?(?:were\s+|was\s+)?(?:{KILLED})\s+(?:and|"
    rf"or)\s+(?:{INJURED})\b|^\s*(?:[\w’'-]+\s+){{0,2}}casualties",
    re.I,
)
AT_LEAST_AFTER = re.compile(r"^\s+at\s+least\b", re.I)
# "killed and wounded dozens of people": one figure for both, neither apart
BOTH_BEFORE = re.compile(
    rf"\b(?:{KILLED})\s+(?:and|or)\s+(?:{INJURED})\s+(?:at\s+least\s+|some\s+|about\s+)?$", re.I
)
SUBSET_BEFORE = re.compile(
    r"\b(?:including|includ\w+|among\s+them|among\s+whom|of\s+them|"
    r"of\s+whom|incl\.?)\s+(?:at\s+least\s+)?$",
    re.I,
)
# "Eleven people – eight civilians and three fighters – were killed" (a closing dash
# follows; "killed 12 civilians — 30 more were injured" is no breakdown)
DASH_BEFORE = re.compile(rf"\b(?:{PERSON})\s+(?:[–—]|--)\s*$", re.I)
DASH_AFTER = re.compile(r"^[^;.–—]{1,60}\s(?:[–—]|--)\s")
AMONG_WHOLE = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,2}(?:were|are)\s+(?:also\s+)?among\s+(?:those\s+|the\s+)"
    r"(?:who\s+(?:were\s+)?)?(?P<w>dead|killed|victims|fatalities|wounded|injured|died)\b",
    re.I,
)
AMONG_BEFORE = re.compile(
    r"\bamong\s+(?:the|those)\s+(?:\w+\s+)?(?P<w>dead|killed|victims|fatalities|wounded|"
    r"injured)\s+(?:(?:were|was|are|is)\s+)?(?:at\s+least\s+)?$",
    re.I,
)
OF_THEM_AFTER = re.compile(r"^,?\s+of\s+(?:them|whom|those)\b(?:\s+(?:were|are)\b)?", re.I)
SUBSET_AFTER = re.compile(r"^\s*(?:[\w’'-]+\s+){0,2}(?:were|are)\s+(?:also\s+)?among\b", re.I)
# whole month names or their short forms ("March 5", "Mar. 5"), not words that begin like
# one ("11 martyrs", "the mayor")
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
MONTH_BEFORE = re.compile(rf"\b{MONTHS}\s+$", re.I)
MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS}(?:\s|,|$)", re.I)
WHOLE_BEFORE = re.compile(
    r"\b(?:the\s+)?(?P<w>dead|killed|death\s+toll|victims|fatalities|wounded|injured)\b[^.;]{0,80}?\b(?:included|includes|include)\s+(?:at\s+least\s+)?$",
    re.I,
)
INCLUDING_CLAUSE = re.compile(
    r",\s*(?:including|among\s+them|incl\.?)[^,;]{0,60},|"
    # "Eleven people – eight civilians and three fighters – were killed": a breakdown
    r"\s(?:[–—]|--)\s[^–—;]{1,90}\s(?:[–—]|--)(?=\s)|"
    # "fighters of the Syrian Democratic Forces (SDF) have been killed": a gloss
    r"\s\([^()]{1,30}\)(?=\s)|"
    # "five people, aged between 10 and 40, were killed"
    r",\s*aged\b[^,;]{0,40},|"
    # "A man, named as Abdul Qader Shaman al Turki, ... was killed": his name
    r",\s*(?:named|identified)\s+as\s+[^,;]{1,60}?(?:,|(?=\s\s))|"
    # "20 people, mostly rebel fighters, have been killed"
    r",\s*(?:mostly|mainly|largely|most\s+of\s+them|many\s+of\s+them)\b[^,;]{0,40},|"
    # "five people, three of them children, were killed"
    r",\s*(?:[\w-]+\s+){1,2}of\s+(?:them|whom)\b[^,;]{0,40},|"
    r"\s+including\s+(?:[\w-]+\s+){0,3}?(?:women|children|men|"
    r"civilians)(?:\s+and\s+(?:[\w-]+\s+)?(?:women|children|men|"
    r"civilians))?(?=\s)",
    re.I,
)
# "two fighters, who were guarding a camp in Hasaka province, were killed": a relative
# clause that tells no toll of its own stands between a figure and its verb.
RELATIVE_CLAUSE = re.compile(
    rf",\s*(?:who|which)\s+(?:(?!{KILLED}|{INJURED})[^,;.])"
    # "Two adults and a child, who were aboard the SUV, burned to death"
    rf"{{1,140}},(?=\s+(?:were|was|have|had|are|{KILLED}|{INJURED})\b)",
    re.I,
)
# "the toll rose to 25", "bringing the death toll to 25": a new figure replaces the old.
UPDATE_BEFORE = re.compile(
    r"\b(?:rose|climbed|increased|jumped|risen|climbing|rising|raising|bringing|brought|"
    r"raised|updated|revised)\b[^.;]{0,30}$|\bnew\s+(?:death\s+)?toll\b[^.;]{0,20}$",
    re.I,
)
# "The death toll from Sunday's strikes has risen to 18": a toll named earlier.
TOLL_RISEN_BEFORE = re.compile(
    r"\b(?:(?:death\s+)?toll|number\s+of\s+(?:people\s+|those\s+|civilians\s+)?(?:killed|dead|"
    r"deaths|victims|fatalities|(?P<w>wounded|injured|injuries)))\b[^.;]{0,120}?\b(?:(?:risen|rose|"
    # "The death toll ... ranged between 56 and 200"
    r"climbed|jumped|increased)\s+to|reached|(?:stands|stood)\s+at|rang(?:ed|es|ing))\s+[“\"]?(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+)?$",
    re.I,
)
# "killed 12 fighters and 3 civilians", "eight civilians in tents ... and another 11
# in boats": figures joined by "and" (or a comma) add up to one claim.
COORDINATED = re.compile(
    r"^\s*(?:[\w’'()-]+,?\s+){0,8}?(?:and|,|as\s+well\s+as|plus|along\s+with|together\s+with|"
    r"alongside)\s+"
    r"(?:another\s+|other\s+|"
    r"an?\s+additional\s+|a\s+further\s+|(?:her|his|their)\s+)?$",
    re.I,
)
# "At least 20 civilians were killed, alongside nine Islamic State fighters": the second
# group is counted with the first after the verb.
ALONG_WITH_AFTER_VERB = re.compile(
    rf"^\s*(?:were|was|have\s+been|had\s+been)\s+(?:{KILLED}|{INJURED})\s*,?\s+(?:alongside|"
    r"along\s+with|together\s+with)\s+(?:at\s+least\s+)?$",
    re.I,
)
NOT_COORDINATED = re.compile(
    rf"\b(?:{KILLED}|{INJURED}|including|among|of\s+whom|of\s+them|said|according|"
    rf"while|whereas|but|before|after|when)\b|[;.]",
    re.I,
)
# "kills 20, at least 8 children": how many of the toll were children
SUB_GROUP_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+)?(?:children|kids|women|girls|boys|minors|babies|infants)\b", re.I
)
# "three Syrian and four Iranian fighters": the first figure shares the noun.
SHARED_NOUN = re.compile(r"^\s+(?:[\w’'-]+\s+)?(?:and|or)\s+$", re.I)
# "Three Russian and several Turkish soldiers were wounded": the noun is shared with an
# uncounted group, so at least that many.
SHARED_WITH_UNCOUNTED = re.compile(
    r"^\s+(?:[\w’'-]+\s+)?and\s+(?:several|many|some|a\s+few|a\s+number\s+of|other)\s+"
    r"(?=(?:[\w’'-]+\s+)?[\w’'-]+\s+(?:were|was|have|had)\b)",
    re.I,
)
ONE = re.compile(
    r"\b(?P<w>an?|one)\s+[“\"]?(?:(?:young|elderly|senior|local|[\w]+-year-old|[\w-]+-affiliated|"
    r"[\w.-]+-backed|al-Qaeda|Islamic|IS|ISIS|jihadist|rebel|military|field|civil\s+defen[cs]e|"
    # "a Turkish soldier", "an Iraqi fighter": a nationality
    r"(?:Syrian|Turkish|Russian|Iranian|Iraqi|Kurdish|Israeli|American|U\.?S\.?|Lebanese|"
    r"Jordanian|Palestinian|Afghan|Pakistani|British|French))\s+){0,2}?"
    r"(?P<n>civilian|child|girl|boy|woman|man|shepherd|"
    r"soldier|fighter|person|citizen|policeman|journalist|doctor|farmer|"
    r"baby|infant|leader|commander|officer|militant|volunteer|paramedic|mother|father|wife|"
    r"husband|son|daughter|grandmother|grandfather|toddler|teenager|youth)\b",
    re.I,
)


# "12 people in Atmeh and five in Ariha": where a figure's dead or injured were, named
# right after it. Two figures at two named places are two tolls, never one sum.
PLACE_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:in|at|on|near)\s+(?:the\s+)?(?:(?:[a-z-]+\s+){0,2}?(?:town|village|city|"
    r"district|neighbou?rhood|area|camp|countryside|suburb)\s+of\s+)?(?P<name>"
    r"(?:(?:al|el|ad|ar|as|ash|az|ez|an|at)-)?[A-Z][\w'’-]+"
    r"(?:[ -](?:(?:al|el|ad|ar|as|ash|az|ez|an|at)-)?[A-Z][\w'’-]+){0,3})"
)
NOT_A_PLACE = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Syria Syrian Russian Turkish
    Israeli American Iranian Iraqi Kurdish Islamic The A An US U.S. Coalition IS ISIS Assad
    Regime Government""".split()
)
HELD = frozenset("held controlled backed run led besieged".split())


def _place_after(text: str, offset: int, end: int, stop: int) -> tuple[str, int]:
    """The place named right after a figure ending at ``end`` (report offsets), before
    ``stop`` (the next figure): its name and report offset, or ("", -1)."""
    m = PLACE_AFTER.match(text[end - offset : stop - offset])
    if not m:
        return "", -1
    head = m.group("name").split()[0].split("-")
    if any(part in NOT_A_PLACE for part in head) or head[-1] in HELD:
        return "", -1  # "in Russian strikes", "in Turkish-backed areas"
    return m.group("name"), end + m.start("name")


@dataclass
class Claim:
    outcome: str
    min: int
    max: int | None
    population: str
    wording: str
    start: int
    end: int
    including: list[dict] = field(default_factory=list)
    summed: bool = False  # the figure adds up coordinated parts ("12 fighters and 3 civilians")
    update: bool = False  # an updated toll ("the toll rose to 25") replaces an earlier one
    among: bool = False  # only a part is given ("five children were among those killed")
    part: bool = False  # a part named by its whole ("the dead included 22 children")
    place: str = ""  # the place named right after the figure ("... in Atmeh")
    place_start: int = -1
    apart: bool = False  # a toll for another place than the sentence's first toll
    cumulative: bool = False  # a total over a period ("killed 120 civilians this month")
    other_day: bool = False  # a toll told as another day's ("a day after 20 were killed")
    added: bool = False  # more dead or hurt on top of a toll ("two more were also killed")
    superseded: bool = False  # told as the voice's earlier word ("Earlier, SANA reported 4")

    def as_dict(self) -> dict:
        out = {
            "outcome": self.outcome,
            "min": self.min,
            "max": self.max,
            "population": self.population,
            "wording": self.wording,
        }
        if self.including:
            out["including"] = self.including
        return out


def _outcome(word: str) -> str:
    return "injured" if re.match(INJURED, word.lower()) else "killed"


def _population(noun_text: str) -> str:
    if CIVILIAN.search(noun_text):
        return "civilian"
    if COMBATANT.search(noun_text):
        return "combatant"
    return "unknown"


def _one_figures(text: str, offset: int, taken: list[Figure]) -> list[Figure]:
    out = []
    for m in ONE.finditer(text):
        s = offset + m.start()
        if any(f.start <= s < f.end for f in taken):
            continue
        out.append(Figure(s, offset + m.start("n"), 1, 1, m.group("w")))
    for m in COUPLE_OR_ANOTHER.finditer(text):
        # "a couple and their five children" (two), "... and injured another" (one)
        group = next(g for g in ("w", "w2", "w3") if m.group(g))
        s = offset + m.start(group)
        if any(f.start <= s < f.end for f in taken):
            continue
        n = 2 if group == "w" else 1
        out.append(Figure(s, offset + m.end(group), n, n, m.group(group)))
    for m in FAMILY_MEMBER.finditer(text):
        # "two children and their mother": one more, counted only with the figure before
        # (or right after the verb: "wounded his father")
        if not FAMILY_LEAD.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        s = offset + m.start("w")
        if not any(f.start <= s < f.end for f in taken):
            out.append(Figure(s, offset + m.end("w"), 1, 1, m.group("w")))
    return out


# "... and their mother", "... along with his wife": one relative added to a figure.
FAMILY_LEAD = re.compile(rf"\b(?:and|along\s+with|together\s+with|{KILLED}|{INJURED})\s+$", re.I)
FAMILY_MEMBER = re.compile(
    r"\b(?P<w>their|his|her)\s+"
    r"(?=(?:mother|father|wife|"
    r"husband|son|daughter|brother|sister|grandmother|grandfather|grandson|granddaughter|"
    r"child|baby|infant|uncle|aunt|cousin|nephew|niece)\b)",
    re.I,
)
POSSESSIVE = frozenset({"their", "his", "her"})


COUPLE_OR_ANOTHER = re.compile(
    rf"(?P<w>\ba\s+(?:young\s+|married\s+)?couple)\b(?!\s+of\b)|"
    # "... and injured another", "killed three people and wounded a fourth"
    rf"\b(?:{KILLED}|{INJURED})\s+(?P<w2>another|a\s+(?:third|fourth|fifth|sixth|seventh))"
    rf"(?=\s*(?:[,.;]|and\b|$))|"
    rf"\band\s+(?P<w3>another)\s+(?:(?:was|were)\s+)?(?=(?:{INJURED}|{KILLED})\b)",
    re.I,
)


THE_BEFORE_CUE = re.compile(r"\b(?:the|a)\s+$", re.I)


def _not_people(text: str, fig: Figure, offset: int) -> bool:
    """A number that counts things, a year or a day of a month, not people."""
    span = around(text, offset, fig.start, fig.end, before=12, after=90)
    after = INCLUDING_CLAUSE.sub(lambda m: " " * len(m.group(0)), span.after)
    return bool(
        NOT_PEOPLE.match(after)
        or (1900 <= fig.min <= 2100 and fig.max == fig.min)
        or MONTH_BEFORE.search(span.before)
        or AGE_BEFORE.search(span.before)
        or AGE_AFTER.match(text[fig.end - offset : fig.end - offset + 12])
        or MONTH_AFTER.match(after)
        or UNIT_AFTER.match(text[fig.end - offset : fig.end - offset + 14])
        or MODEL_BEFORE.search(text[max(0, fig.start - offset - 20) : fig.start - offset])
    )


PART_OF_THE = re.compile(
    r"^\s+of\s+(?:the|those)\s+(?:[\w-]+\s+)?(?:wounded|injured|dead|killed|victims|"
    r"casualties|fatalities)\b",
    re.I,
)
SEVERITY_AFTER = re.compile(
    r"^\s+(?:of\s+them\s+)?(?:critically|seriously|severely|gravely|badly)\b", re.I
)
# "a three-day truce", "a 23-mm gun", "a two-storey building": a measure, not people
UNIT_AFTER = re.compile(
    r"^-(?:day|week|month|year|hour|minute|storey|story|floor|km|kilomet\w*|mm|metre|meter|mile|"
    r"inch|ton|tonne|kg|kilo|lane|point|stage|phase|round)s?\b",
    re.I,
)
# "Su-24 jets", "an F-16", "Division 25", "Route 4", "Resolution 2254": a name's number
MODEL_BEFORE = re.compile(
    r"(?<![\w-])[A-Za-z]{1,4}-$|\b(?:Division|Brigade|Regiment|Battalion|Corps|Route|Highway|"
    r"Resolution|Article|Room|Unit|No\.?|Number|Hospital|Checkpoint|Gate|Sector|Building|Block|"
    r"Camp|Station|Base|Hill|Point)\s+$"
)


def _noun(after: str):
    # "five and wounded 12": "and"/"or" part two figures, not a figure from its noun
    return re.match(rf"^\s*(?:(?!(?:and|or)\s)[\w’'-]+\s+){{0,2}}?(?:{PERSON})\b", after, re.I)


def _coordinated(gap: str) -> bool:
    return bool(
        (COORDINATED.match(gap) and not NOT_COORDINATED.search(gap))
        or ALONG_WITH_AFTER_VERB.match(gap)
    )


def _outcome_of(strong_before, strong_after, noun_text: str, after: str):
    """(outcome, cue word) of a figure, or None when nothing marks it killed or injured."""
    if strong_after and not (strong_before and noun_text == "" and strong_after.start("w") > 25):
        word = strong_after.group("w")
    elif strong_before:
        word = strong_before.group("w")
        if word.lower() == "leaving":
            tail = re.match(rf"^\s*(?:[\w’'-]+\s+){{0,2}}(?P<w>{KILLED}|{INJURED})\b", after, re.I)
            if not tail:
                return None
            word = tail.group("w")
    else:
        return None
    if not noun_text and not re.match(r"toll|gave|put|claim", word, re.I) and not strong_after:
        # "killed 16" alone is fine; a bare number after an unrelated verb is not.
        # "killing three “crusaders”": a quoted noun is still the figure's
        if not re.match(r"^\s*(?:[,.;)“\"‘]|$|and\b|in\b|on\b|when\b|after\b|as\b|—|–|-)", after):
            return None
    outcome = (
        "killed" if re.match(r"claim|toll|gave|put|life|lives", word, re.I) else _outcome(word)
    )
    return outcome, word


def _summed(
    first: Claim, fig: Figure, population: str, wording: str, end: int, text: str, offset: int
) -> Claim:
    """``first`` and the figure coordinated with it as one claim; the parts are kept."""
    parts = (
        first.including
        if first.summed
        else [_part(first.population, first.min, first.max, first.wording)]
    )
    parts = [*parts, _part(population, fig.min, fig.max, wording)]
    total = Claim(
        first.outcome,
        first.min + fig.min,
        None if first.max is None or fig.max is None else first.max + fig.max,
        first.population if first.population == population else "unknown",
        text[first.start - offset : end - offset],
        first.start,
        end,
        parts,
    )
    total.summed = True
    return total


def _part(population: str, low: int, high: int | None, wording: str) -> dict:
    return {"population": population, "min": low, "max": high, "wording": wording}


def find_claims(text: str, offset: int = 0) -> list[Claim]:
    """Claims of one sentence (``text`` starting at ``offset`` in the report)."""
    figures = find_figures(text, offset)
    figures = sorted(figures + _one_figures(text, offset, figures), key=lambda f: f.start)
    has_dash = "–" in text or "—" in text or "--" in text
    relatives, blanked = [], text
    if ", who" in text or ", which" in text:
        relatives = [m.span() for m in RELATIVE_CLAUSE.finditer(text)]
        blanked = RELATIVE_CLAUSE.sub(lambda m: " " * len(m.group(0)), text)
    subset = [
        bool(
            SUBSET_BEFORE.search(text[max(0, f.start - offset - 45) : f.start - offset])
            or AMONG_BEFORE.search(text[max(0, f.start - offset - 60) : f.start - offset])
            or (
                has_dash
                and DASH_BEFORE.search(text[max(0, f.start - offset - 45) : f.start - offset])
                and DASH_AFTER.match(text[f.end - offset :])
            )
        )
        for f in figures
    ]
    if "(" in text:
        # "three civilians (two children and a woman) were killed": a breakdown in brackets
        for m in BRACKET_PARTS.finditer(text):
            for j, f in enumerate(figures):
                if m.start() < f.start - offset < m.end():
                    subset[j] = True
    for j in range(1, len(figures)):
        gap = text[figures[j - 1].end - offset : figures[j].start - offset]
        if re.fullmatch(r"\s*,\s*", gap) and SUB_GROUP_AFTER.match(text[figures[j].end - offset :]):
            # "Shelling in Raqqa kills 20, at least 8 children": a bare toll, then how many
            # of them were children
            subset[j] = True
        if subset[j - 1] and re.fullmatch(
            r"\s*(?:[\w-]+\s+){0,2}?(?:,\s*|\s*and\s+|\s*,\s*and\s+)", gap
        ):
            subset[j] = True
    claims: list[Claim] = []
    pending_subsets: list[tuple[Figure, str, str]] = []
    made = -2  # index of the figure that made the last claim
    skipped = None  # the previous figure, when it had no outcome of its own
    for i, fig in enumerate(figures):
        # the next figure that is not a part ("nine civilians including three children in
        # the village of X": X is where the nine died)
        next_start = next(
            (f.start for j, f in enumerate(figures[i + 1 :], i + 1) if not subset[j]),
            offset + len(text),
        )
        # a dashed aside may part a figure from its verb by more than 90 characters
        span = around(text, offset, fig.start, fig.end, before=45, after=180 if has_dash else 90)
        s, e, before = span.start, span.end, span.before
        after = INCLUDING_CLAUSE.sub(lambda m: " " * len(m.group(0)), span.after)
        for rel in relatives:
            if e <= rel[0] < e + len(after):
                # the clause blanked, and as many characters more read after it
                after = INCLUDING_CLAUSE.sub(
                    lambda m: " " * len(m.group(0)), blanked[e : e + 90 + rel[1] - rel[0]]
                )
                break
        # A figure quoted on its own ("left “nearly 50” rebels dead"): the closing
        # quotation mark does not part it from its noun.
        after = re.sub(r"^[”\"’]", " ", after)
        if "“" in after[:4] or '"' in after[:4]:
            # 'At least two "military personnel" were killed': a quoted noun is its noun
            # ('four “terrorists” were killed': the verb after it is its verb)
            unquoted = re.sub(r'[“”"]', " ", after)
            if (_noun(unquoted) and not _noun(after)) or (
                AFTER_STRONG.match(unquoted) and not AFTER_STRONG.match(after)
            ):
                after = unquoted
        part_of = OF_THEM_AFTER.match(after)
        if part_of and claims and made == i - 1:
            # "fifteen civilians, eight of them children", "7 killed, 3 of whom were
            # children": a part of the toll just given.
            rest = _noun(after[part_of.end() :])
            rest_text = rest.group(0).rstrip() if rest else ""
            claims[-1].including.append(
                _part(
                    "children" if CHILDREN.search(rest_text) else _population(rest_text),
                    fig.min,
                    fig.max,
                    text[s : e + part_of.end() + len(rest_text)].strip(),
                )
            )
            continue
        if (
            _not_people(text, fig, offset)
            # "wounded at least 40, two critically": how badly some were hurt, not a toll
            or (SEVERITY_AFTER.match(after) and re.search(r",\s*$", before))
            # "11 of the wounded were in critical condition": a part of a toll
            or PART_OF_THE.match(after)
        ):
            continue
        noun, shared = _noun(after), False
        uncounted = None if noun else SHARED_WITH_UNCOUNTED.match(after)
        if uncounted:
            noun = _noun(after[uncounted.end() :])
            shared = noun is not None
            uncounted = uncounted if shared else None
        if noun is None and i + 1 < len(figures):
            # "three Syrian and four Iranian fighters": the noun of the next figure.
            gap = text[e : figures[i + 1].start - offset]
            if SHARED_NOUN.match(gap):
                nxt = figures[i + 1].end - offset
                noun = _noun(text[nxt : nxt + 90])
                shared = noun is not None
        if noun is None and fig.wording.lower() in ("a", "an", "one"):
            noun = re.match(r"^\s*[\w’'-]+", after)  # "an Iranian citizen": ONE's own noun
        noun_text = noun.group(0) if noun else ""
        noun_len = len(noun_text.rstrip()) if noun and not shared else 0
        wording = text[s : e + noun_len].strip() if noun_len else fig.wording
        fig_end = fig.end + noun_len
        if subset[i]:
            part = {
                "population": "children" if CHILDREN.search(noun_text) else _population(noun_text),
                "min": fig.min,
                "max": fig.max,
                "wording": wording,
            }
            if claims:
                claims[-1].including.append(part)
                continue
            whole = WHOLE_BEFORE.search(text[:s])
            among = None if whole else AMONG_BEFORE.search(text[:s])
            if whole or among:
                # "The dead ... included 22 children", "Among the dead were five children":
                # at least that many.
                claims.append(
                    _part_of_whole(whole or among, fig, noun_text, wording, among=bool(among))
                )
            continue
        if SUBSET_AFTER.match(after):
            pending_subsets.append((fig, noun_text, wording))
            continue
        if BOTH.match(after) or BOTH_BEFORE.search(before):
            continue
        strong_after = AFTER_STRONG.match(after)
        between = [
            f
            for j, f in enumerate(figures[i + 1 :], i + 1)
            if not subset[j]
            and not _not_people(text, figures[j], offset)
            # "A man, ..., who worked as a shepherd, was killed": not a figure between
            and not any(r0 <= f.start - offset < r1 for r0, r1 in relatives)
        ]
        if strong_after and between and between[0].start - offset < e + strong_after.start("w"):
            strong_after = None  # another figure stands between
        if strong_after and THE_BEFORE_CUE.search(after[: strong_after.start("w")]):
            strong_after = None  # "a doctor ... confirmed the death toll": not this figure's
        strong_before = BEFORE_STRONG.search(before)
        if (
            strong_after
            and strong_before
            and re.search(r"\band\b|,", after[: strong_after.start("w")])
        ):
            strong_after = None  # "killed six civilians and wounded eight": the verb before wins
        outcome = _outcome_of(strong_before, strong_after, noun_text, after)
        risen = TOLL_RISEN_BEFORE.search(text[:s]) if outcome is None else None
        if risen:
            # "the number of wounded rose to 50" is an injured toll
            outcome = ("injured", "wounded") if risen.group("w") else ("killed", "toll")
        if outcome is None and re.search(r"\b(?:bodies|dead|martyrs)\s*$", noun_text, re.I):
            # "15 bodies were recovered", "we counted 15 dead", SANA's "received 5 martyrs"
            outcome = ("killed", "dead")
        population = _population(noun_text)
        if outcome is None:
            if not noun_text and claims and made == i - 1:
                population = claims[-1].population  # "eight civilians ... and another 11"
            if made == i - 1 and claims and _coordinated(text[claims[-1].end - offset : s]):
                place = _place_after(text, offset, fig_end, next_start)
                first = claims[-1]
                if first.place and place[0] and place[0] != first.place:
                    # "killed 12 people in Atmeh and five in Ariha": two places, two tolls.
                    apart = Claim(
                        first.outcome, fig.min, fig.max, population, wording, fig.start, fig_end
                    )
                    apart.place, apart.place_start = place
                    apart.apart = True
                    claims.append(apart)
                else:
                    claims[-1] = _summed(first, fig, population, wording, fig_end, text, offset)
                made = i
            elif skipped and skipped[0] == i - 1 and _coordinated(text[skipped[2] - offset : s]):
                # "an Iranian, four Syrians and three other fighters were killed": a list
                listed = _summed(skipped[1], fig, population, wording, fig_end, text, offset)
                skipped = (i, listed, fig_end)
            else:
                pending = Claim("", fig.min, fig.max, population, wording, fig.start, fig_end)
                skipped = (i, pending, fig_end)
            continue
        word = outcome[1]
        outcome = outcome[0]
        if not noun_text and strong_before and re.match(r"toll|gave|put|plac", word, re.I):
            # Keep the words that make a bare number a toll: "death toll of 14".
            cue = re.search(r"(?:death\s+)?toll\b.*$", before, re.I)
            wording = (cue.group(0) if cue else "") + fig.wording
        claim = Claim(outcome, fig.min, fig.max, population, wording, fig.start, fig_end)
        if claim.max is not None and (uncounted or AT_LEAST_AFTER.match(text[fig_end - offset :])):
            claim.max = None  # "the death of 6 persons at least"
        claim.update = bool(UPDATE_BEFORE.search(before) or TOLL_RISEN_BEFORE.search(text[:s]))
        if skipped and skipped[0] == i - 1 and _coordinated(text[skipped[2] - offset : s]):
            # "12 fighters and 3 civilians were killed": the first figure joins this one.
            skipped[1].outcome = outcome
            claim = _summed(skipped[1], fig, population, wording, fig_end, text, offset)
        skipped = None
        if (
            fig.wording.lower() in POSSESSIVE
            and not claim.summed
            and not re.search(rf"\b(?:{KILLED}|{INJURED})\s+$", before)
        ):
            continue  # "the commander and his brother": no figure to add the relative to
        for sub, sub_noun, sub_wording in pending_subsets:
            claim.including.append(
                {
                    "population": "children"
                    if CHILDREN.search(sub_noun)
                    else _population(sub_noun),
                    "min": sub.min,
                    "max": sub.max,
                    "wording": sub_wording,
                }
            )
        pending_subsets = []
        claim.place, claim.place_start = _place_after(text, offset, fig_end, next_start)
        claims.append(claim)
        made = i
    _mark_period_totals(text, offset, claims)
    _mark_other_days(text, offset, claims)
    claims = _join_parts(text, offset, claims)
    _mark_added(text, offset, claims)
    first_place: dict[str, str] = {}
    for claim in claims:
        # "Seven people were killed in Atmeh and three others died in Sarmada".
        if claim.place:
            first = first_place.setdefault(claim.outcome, claim.place)
            claim.apart = claim.apart or first != claim.place
    if not claims:
        # "five children were among those killed" with no whole toll in the sentence:
        # at least that many (as "the dead included five children").
        for sub, sub_noun, sub_wording in pending_subsets:
            whole = AMONG_WHOLE.match(text[sub.end - offset :])
            if whole:
                claims.append(_part_of_whole(whole, sub, sub_noun, sub_wording, among=True))
    return claims


# "have killed 120 civilians this month / in recent days / so far": a count over a period,
# not one incident's toll; "the deadliest attack this year" ranks the incident instead.
_LONG = r"(?:war|conflict|uprising|revolution|offensive|campaign|operation|escalation)"
PERIOD_TOTAL = re.compile(
    r"\bthis\s+(?:week|month|year)\b|\bso\s+far\b|\bto\s+date\b|"
    r"\bin\s+recent\s+(?:days|weeks|months|years)\b|"
    r"\b(?:in|over|during|within)\s+(?:the\s+)?(?:past|last|previous)\s+(?:[\w-]+\s+)?"
    r"(?:days|weeks|months|years)\b|\bsince\s+the\s+(?:start|beginning|outbreak)\b|"
    # "Syria's conflict has killed more than 370,000", "the offensive has killed 300",
    # "500,000 people have been killed in the war", "since the offensive began"
    rf"\b{_LONG}\b[^.;]{{0,40}}?\b(?:has|have|had)\s+(?:now\s+|so\s+far\s+|already\s+)?"
    r"(?:killed|left|claimed)\b|"
    rf"\b(?:has|have|had)\s+(?:now\s+|so\s+far\s+)?been\s+killed\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:in|during|since)\s+(?:the|Syria['’]s|this|its)\s+(?:[\w-]+\s+)?{_LONG}\b|"
    rf"\bsince\s+(?:the|its)\s+(?:[\w-]+\s+){{0,2}}?{_LONG}\s+(?:began|started|was\s+launched)\b|"
    # "40 killed across the province": a total for many places
    r"\bacross\s+(?:the\s+)?(?:province|governorate|region|country)\b",
    re.I,
)
# "two men were also killed", "another three died", "in addition to the death of four
# IS members", "... while 23 attackers were killed": more dead (or hurt) on top of a
# toll, told apart from it; a voice's parts add up (merge_claim).
ADDED_BEFORE = re.compile(
    r"\b(?:another|a\s+further|an\s+additional|plus|in\s+addition\s+to(?:\s+the\s+"
    r"(?:deaths?|killing|injury|injuries|wounding)\s+of)?)\s+(?:at\s+least\s+)?$",
    re.I,
)
ADDED_AFTER = re.compile(
    rf"^\s+(?:more\b|(?:[\w’'-]+\s+){{0,3}}?(?:(?:were|was|have\s+been|had\s+been|have|had)\s+)?"
    rf"also\s+(?:been\s+)?(?:{KILLED}|{INJURED})\b)",
    re.I,
)
BRACKET_PARTS = re.compile(
    rf"(?<=[a-z])\s+\((?![^()]*\b(?:{KILLED}|{INJURED})\b)[^()]{{1,80}}\)", re.I
)
# "including 10 children in addition to a woman": a part; "20 died while the LCC said
# 12 were killed": another voice's figure
PART_GAP = re.compile(r"\b(?:including|among|of\s+(?:them|whom))\b", re.I)
NOT_ADDED_GAP = re.compile(
    r"\b(?:said|says|say|reported|according|put|told|gave)\b",
    re.I,
)
ADDED_GAP = re.compile(r"\bwhile\b|\bwhereas\b|\bin\s+addition\b|\bas\s+well\s+as\b", re.I)


def _join_parts(text: str, offset: int, claims: list) -> list:
    """ "Six civilians were killed in X and three fighters were killed nearby": two
    figures of one outcome for disjoint groups (or the second "also") in one sentence are
    one toll, unless they are at two places or another voice's."""
    out: list[Claim] = []
    for claim in claims:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.outcome == claim.outcome
            and not any(
                c.part or c.update or c.apart or c.among or c.other_day for c in (prev, claim)
            )
            and prev.cumulative == claim.cumulative
            and (not claim.place or claim.place == prev.place)
        ):
            gap = text[prev.end - offset : claim.start - offset]
            if (
                JOIN_GAP.search(gap)
                and not NOT_ADDED_GAP.search(gap)
                and not PART_GAP.search(gap)
                and (
                    {prev.population, claim.population} == {"civilian", "combatant"}
                    or ADDED_AFTER.match(text[claim.end - offset : claim.end - offset + 60])
                )
            ):
                joined = _added_up(prev, claim)
                joined.end = claim.end
                out[-1] = joined
                continue
        out.append(claim)
    return out


JOIN_GAP = re.compile(
    r"^[^.;]*\b(?:and|while|whereas|in\s+addition\s+to|as\s+well\s+as|besides|plus)\b", re.I
)


def _mark_added(text: str, offset: int, claims: list) -> None:
    for i, claim in enumerate(claims):
        if claim.update or claim.part:
            continue
        s, e = claim.start - offset, claim.end - offset
        earlier = [c for c in claims[:i] if c.outcome == claim.outcome and not c.part]
        gap = text[earlier[-1].end - offset : s] if earlier else ""
        if PART_GAP.search(gap):
            continue  # "13 civilians, including 10 children in addition to a woman"
        claim.added = bool(
            ADDED_BEFORE.search(text[max(0, s - 45) : s])
            or ADDED_AFTER.match(text[e : e + 60])
            or (
                earlier
                and ADDED_GAP.search(text[earlier[-1].end - offset : s])
                and not NOT_ADDED_GAP.search(text[earlier[-1].end - offset : s])
            )
        )


PERIOD_RANKING = re.compile(
    r"\b(?:highest|deadliest|worst|bloodiest|largest|biggest|first|second|third|fourth|fifth|"
    r"latest|single|\d+(?:st|nd|rd|th))\b[^.;,]{0,50}$",
    re.I,
)


RUNNING_TOTAL = re.compile(r",\s*(?:bringing|raising|taking|pushing|lifting)\b", re.I)
# "killed 10 in X on Monday, a day after 20 were killed in Y": a toll of another day
OTHER_DAY_GAP = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|six|several|few|\d+)\s+(?:days?|weeks?)|the\s+day|"
    r"hours)\s+(?:after|before|earlier)\b|\b(?:last|previous)\s+(?:week|month)\b|"
    r"\bearlier\s+(?:this|that|in\s+the)\s+(?:week|month)\b",
    re.I,
)


def _mark_other_days(text: str, offset: int, claims: list) -> None:
    for prev, claim in itertools.pairwise(claims):
        gap = text[prev.end - offset : claim.start - offset]
        if not claim.update and OTHER_DAY_GAP.search(gap):
            claim.other_day = True


def _mark_period_totals(text: str, offset: int, claims: list) -> None:
    """Mark the claims whose words, up to the claims around them, count a period."""
    for claim in claims:
        s, e = claim.start - offset, claim.end - offset
        lo = max((c.end - offset for c in claims if c.end - offset <= s), default=0)
        hi = min((c.start - offset for c in claims if c.start - offset >= e), default=len(text))
        lead = RUNNING_TOTAL.search(text, e, hi)
        if lead:
            hi = lead.start()  # "12 were killed, bringing the number ... this month to 150"
        for m in PERIOD_TOTAL.finditer(text, lo, hi):
            if not PERIOD_RANKING.search(text[max(lo, m.start() - 60) : m.start()]):
                claim.cumulative = True
                break


def _part_of_whole(whole, fig, noun_text: str, wording: str, *, among: bool = False) -> Claim:
    """A part of a toll named by its whole ("the dead included 22 children", "five
    children were among those killed"): at least that many, of the whole's outcome."""
    outcome = "injured" if re.search(INJURED, whole.group("w"), re.I) else "killed"
    end = fig.end + len(noun_text.rstrip())
    return Claim(
        outcome,
        fig.min,
        None,
        _population(noun_text),
        wording,
        fig.start,
        end,
        among=among,
        part=True,
    )


POPULATION_ORDER = {"civilian": 2, "combatant": 1, "unknown": 0}


def merge_claim(src, claim: Claim, shared: bool) -> None:
    """Keep in ``src.claims`` (outcome -> (Claim, shared)) the figure a voice gives for
    the incident, ``claim`` being its next figure in the text."""
    current = src.claims.get(claim.outcome)
    spans = src.claim_spans.setdefault(claim.outcome, [])
    if current is None:
        src.claims[claim.outcome] = (claim, shared)
        spans[:] = [(claim.start, claim.end)]
        return
    old, old_shared = current
    if claim.superseded and not old.superseded:
        return  # "Earlier, SANA reported ... killing 4": its later figure stands
    if old_shared and not shared and not claim.part:
        # "killed at least a dozen, state media and a monitor said", then "state media
        # said 12 people were killed": the voice's own figure.
        src.claims[claim.outcome] = (claim, shared)
        spans[:] = [(claim.start, claim.end)]
        return
    if claim.part and not old.part:
        return  # "The dead included seven children" after the voice's whole toll: a part
    if old.part and not claim.part and not claim.added:
        # "The dead included seven children", then the voice's whole toll
        src.claims[claim.outcome] = (claim, old_shared and shared)
        spans[:] = [(claim.start, claim.end)]
        return
    if old.place and claim.place and old.place != claim.place and not claim.update:
        return  # "four in Al-Bara", then "also nine in nearby Balyun": another village's toll
    if not (claim.update or claim.part or old.part or old.among) and (
        claim.added or {old.population, claim.population} == {"civilian", "combatant"}
    ):
        # "killed 14 civilians", then "eight fighters were killed in the strikes";
        # "... while 23 attackers were killed": the voice's parts add up to its toll.
        src.claims[claim.outcome] = (_added_up(old, claim), old_shared and shared)
        spans.append((claim.start, claim.end))
        return
    if claim.update and claim.min != old.min:
        # "The toll rose to 25": the source's newer figure.
        src.claims[claim.outcome] = (claim, old_shared and shared)
        spans[:] = [(claim.start, claim.end)]
        return
    if old.min == claim.min:
        spans.append((claim.start, claim.end))
        merged = Claim(
            old.outcome,
            old.min,
            None if (old.max is None or claim.max is None) else old.max,
            max(old.population, claim.population, key=POPULATION_ORDER.get),
            old.wording if old.max is None or claim.max is not None else claim.wording,
            old.start,
            old.end,
            old.including or claim.including,
        )
        src.claims[claim.outcome] = (merged, old_shared and shared)
    elif old_shared and not shared:
        src.claims[claim.outcome] = (claim, shared)
        spans[:] = [(claim.start, claim.end)]
    elif not claim.among and (shared or not old_shared) and claim.min > old.min:
        # The voice's later, higher toll for the incident is its last word ("more than a
        # dozen", then "14 civilians"; "more than 180", then "at least 183"); a lower one
        # after it is a part ("15 were killed ... nine of them Syrians").
        src.claims[claim.outcome] = (claim, old_shared and shared)
        spans[:] = [(claim.start, claim.end)]


def _added_up(old: Claim, claim: Claim) -> Claim:
    parts = old.including if old.summed else [_part(old.population, old.min, old.max, old.wording)]
    total = Claim(
        old.outcome,
        old.min + claim.min,
        None if old.max is None or claim.max is None else old.max + claim.max,
        old.population if old.population == claim.population else "unknown",
        old.wording,
        old.start,
        old.end,
        [*parts, _part(claim.population, claim.min, claim.max, claim.wording)],
    )
    total.summed = True
    return total


# "A medical source gave the same death toll": the voice gives the toll told last.
SAME_TOLL = re.compile(
    r"\b(?:gave|give|gives|reported|confirmed|confirms|put|cited)\s+(?:the\s+)?"
    r"same\s+(?:death\s+)?(?:toll|figure|number)\b",
    re.I,
)


def same_toll(text: str, offset: int, claims: list, earlier: list) -> list:
    """The killed toll told last (in ``earlier``), as this sentence's, when the sentence
    gives no killed figure but says its voice gave or confirmed the same toll."""
    if "same" not in text or any(c.outcome == "killed" for c in claims):
        return []
    m = SAME_TOLL.search(text)
    told = [c for c in earlier if c.outcome == "killed" and not c.part and not c.cumulative]
    if not m or not told:
        return []
    last = told[-1]
    copy = Claim(
        "killed",
        last.min,
        last.max,
        last.population,
        m.group(0),
        offset + m.start(),
        offset + m.end(),
    )
    return [copy]
