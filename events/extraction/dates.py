"""Event dates from the words of a report, resolved against its dateline.

Rules (D is the dateline date):

* a weekday ("on Monday", "Monday's", "late Monday", "early hours of Wednesday",
  "Sunday night") is the latest such day on or before D; the same weekday as D is D;
* "today", "this morning", "earlier today" -> D; "overnight" -> D (the night
  that ended on the dateline's morning; the pipeline moves it to the day before when
  a voice already reported the attack that day); "yesterday", "last night", "last evening"
  -> D - 1;
* a calendar date ("June 6", "16 January 2019", "Tuesday the 17th of July 2018") is
  that day; without a year, the latest such day on or before D;
* "last week" -> week precision, the Monday of the week before D's; "earlier this
  week"/"this week" -> week precision, the Monday of D's week; "last month" and
  "earlier this month" -> month precision (its first day);
* a date after "since" ("since midnight", "since March 2011") starts a period and is
  not an event date;
* relative words count from the wire's own dateline ("BEIRUT, Oct 22 (Reuters) -") when
  the story was reposted up to a week later (:func:`filed_day`); "today" inside a
  quotation counts from the day the voice spoke (:func:`spoken_day`);
* a later sentence that opens on another day ("On Saturday, three civilians were killed
  in a similar attack") tells another incident (:func:`mark_opening_day_stories`);
* "the night before", "the previous evening", "two days earlier" count back from the
  day the sentence gives before them (else the day its voice spoke, else D), and are
  the event's own day right after the killing's verb ("men killed two days earlier");
  "on Tuesday, one day after a blast that killed dozens" is the Monday when no toll
  comes before it; "last Friday" in a Friday's copy is a week before, "early on Friday"
  in a Thursday's copy (dated where the clock is behind) the next day; "at dawn
  Friday" is Friday; "after midnight" is like "overnight";
* a sentence opening on a day whose subject then speaks ("On Thursday, the SDF media
  centre released a statement, saying ...") gives the day it spoke; so do "said in a
  tweet on Monday" and a condemnation; a funeral's day ("mourners on Wednesday buried")
  is never the event's; "condemned Tuesday's strike" names the attack's day; the day a
  place changed hands ("which was liberated on Oct. 13") is no event's.

Each expression says whether it hangs on a reporting verb ("said on Wednesday",
"denied on Monday", "claimed responsibility on Thursday", "... on Monday that at least
96 people have died") or marks when a count stood
("as of Sunday", "the toll rose to 14 on Monday", "had risen to six by Monday"): such
dates are only used when no other date is found, and a denial's or a claim's date never.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from .datelines import dateline_end

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
TIME_WORDS = (
    r"(?:(?:late|early)\s+on|late|early|on|last|before\s+dawn\s+on|in\s+the\s+early\s+hours\s+of|early\s+hours\s+of|"
    r"the\s+early\s+hours\s+of)"
)

PATTERNS = [
    (
        "calendar",
        re.compile(
            rf"\b(?:{_WD},?\s+)?(?:the\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|"
            rf"th)?\s+(?:of\s+)?(?P<m1>{_MONTH})(?:,?\s+(?P<y1>(?:19|20)\d\d))?\b"
            rf"|\b(?:{_WD},?\s+)?(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|"
            rf"th)?(?:,?\s+(?P<y2>(?:19|20)\d\d))?\b",
            re.I,
        ),
    ),
    # "on the 22nd": that day of the dateline's month, or of the month before
    (
        "day_of_month",
        re.compile(
            r"\bon\s+the\s+(?P<d6>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:\w+\s+)?month)", re.I
        ),
    ),
    ("month", re.compile(rf"\b(?:in\s+)?(?P<m3>{_MONTH})\s+(?P<y3>(?:19|20)\d\d)\b", re.I)),
    # "24/10/2017", "2017-10-24" (day first, as wire copy outside the US writes it)
    (
        "numeric",
        re.compile(
            r"\b(?P<d4>\d{1,2})[/.](?P<m4>\d{1,2})[/.](?P<y4>(?:19|20)\d\d)\b"
            r"|\b(?P<y5>(?:19|20)\d\d)-(?P<m5>\d\d)-(?P<d5>\d\d)\b"
        ),
    ),
    # "on the night of Sunday to Monday", "overnight Sunday into Monday": the night
    # began on the first day.
    (
        "night_of",
        re.compile(
            rf"\b(?:(?:on\s+|during\s+)?the\s+night\s+(?:of|between)\s+(?P<wd>{_WD})\s+(?:to|into|and)"
            rf"\s+{_WD}\b|\bovernight\s+(?:on\s+|from\s+)?(?P<wd2>{_WD})(?:\s+(?:to|into)\s+{_WD})?\b|"
            rf"\b(?:late\s+)?(?:on\s+)?(?P<wd3>{_WD})\s+night\s+(?:to|into)\s+{_WD}(?:\s+morning)?\b)",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<tw>{TIME_WORDS})\s+)?(?P<wd>{_WD})(?:'s)?(?:\s+(?P<part>night|"
            rf"morning|evening|afternoon|midnight))?\b",
            re.I,
        ),
    ),
    # "in the early hours", "at dawn" with no day named: the dateline's own night
    (
        "early_hours",
        re.compile(
            r"\bin\s+the\s+early\s+hours(?:\s+of\s+(?:the\s+morning|today))?\b(?!\s+of\b)|"
            r"\b(?:at|before|just\s+after|shortly\s+after)\s+dawn(?:\s+today)?\b"
            rf"(?!\s+(?:on|of|{_WD})\b)|\bat\s+daybreak\b(?!\s+(?:on\s+)?{_WD}\b)",
            re.I,
        ),
    ),
    (
        "today",
        re.compile(
            r"\b(?:earlier\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b|"
            r"\b(?:earlier|later)\s+in\s+the\s+day\b|\b(?:a\s+few\s+|several\s+)?hours\s+ago\b",
            re.I,
        ),
    ),
    # "during the night" with no day named: the night that ended on the dateline's morning
    (
        "overnight",
        re.compile(
            r"\bovernight\b|\b(?:during|in)\s+the\s+night\b(?!\s+(?:of|between)\b)|"
            rf"\b(?:shortly\s+|just\s+|soon\s+)?after\s+midnight\b(?!\s+(?:on\s+)?{_WD}\b)",
            re.I,
        ),
    ),
    (
        "yesterday",
        re.compile(
            r"(?<!before\s)\byesterday(?:\s+(?:morning|evening|afternoon))?\b|\blast\s+(?:night|"
            r"evening)\b",
            re.I,
        ),
    ),
    # "two days ago", "three days earlier" (before the dateline)
    (
        "days_ago",
        re.compile(
            r"\b(?P<n>two|three|four|five|six|[2-6])\s+days\s+ago\b|"
            r"\bthe\s+day\s+before\s+yesterday\b",
            re.I,
        ),
    ),
    # "the previous day", "a day earlier": the day before the day the sentence reports
    # on ("..., a monitor said on Monday"), else before the dateline.
    (
        "previous_day",
        re.compile(
            r"\b(?:the\s+previous\s+(?:day|night|evening)|a\s+day\s+earlier|"
            r"the\s+(?:day|night|evening)\s+before(?!\s+(?:yesterday|last)\b)|"
            r"(?P<n2>two|three|four|five|six|[2-6])\s+days\s+(?:earlier|before)"
            r"(?!\s+(?:the|it|they|he|she|a|an)\b))\b",
            re.I,
        ),
    ),
    # "on Tuesday, one day after a massive explosion that killed dozens": the blast's
    # day counts back from the day the sentence gives.
    (
        "day_after",
        re.compile(
            r"\b(?P<n3>a|one|two|three|[1-3])\s+days?\s+after\s+(?:a|an|the)\s+"
            r"(?!(?:similar|another|previous|earlier|other)\b)(?:[\w-]+\s+){0,3}?"
            r"(?:explosion|blast|bombing|attack|strike|air\s*strike|raid|shelling|massacre)s?\s+"
            r"(?:that|which)\s+(?:killed|left|wounded|injured)\b",
            re.I,
        ),
    ),
    ("last_week", re.compile(r"\blast\s+week\b", re.I)),
    ("this_week", re.compile(r"\b(?:earlier\s+)?this\s+week\b", re.I)),
    ("last_month", re.compile(r"\blast\s+month\b", re.I)),
    ("this_month", re.compile(r"\b(?:earlier\s+)?this\s+month\b", re.I)),
]
REPORTING_BEFORE = re.compile(
    r"\b(said|says|say|reported|reports|announced|added|told\s+\w+|stated|confirmed|"
    r"denied|insisted|responded|statement|tweeted|wrote|posted|published|quoted|cited|"
    r"condemned|denounced|warned|noted|"
    # "Thousands attended on Wednesday the funerals of ...": a funeral's day, not the event's
    r"attended|buried|mourned|"
    # "said in a tweet on Monday", "in a statement on Sunday"
    r"(?:said\s+|wrote\s+|announced\s+)?in\s+an?\s+(?:tweet|post|video|speech|interview|briefing|"
    r"press\s+conference|statement|communiqu[eé])|"
    # "IS claimed responsibility on Thursday for ...": the claim's day, not the attack's
    r"claimed(?=\s+(?:responsibility|credit))|claimed\s+(?:responsibility|credit))"
    r"\s*(?:,\s*)?(?:on\s+)?$",
    re.I,
)
# "The ministry on Wednesday denied ...": the day of the statement, not of the event.
REPORTING_AFTER = re.compile(
    r"^\s*,?\s*(said|says|reported|announced|stated|confirmed|denied|insisted|accused|"
    # "on Friday claimed the lives of three": the event's day, not a claim's
    r"blamed|claimed(?!\s+(?:the\s+)?li(?:ves|fe)\b)|rejected|dismissed|condemned|denounced|"
    # "Mourners on Wednesday buried five civilians killed ...": the funeral's day
    r"buried|mourned|attended)\b",
    re.I,
)
# "(2200 GMT Thursday)", "(23:50 GMT Wednesday)": a local time given in GMT, whose day
# may be the day before the local one ("At around 12:50am (23:50 GMT Wednesday)").
# "The SDF blamed Turkey on Sunday for a drone strike that killed ...": the day of the
# accusation, not the strike's (not "an attack blamed on IS on Sunday").
BLAMED_BEFORE = re.compile(
    r"\b(blamed|accused)\s+(?!(?:on|of|for)\b)(?:the\s+)?(?:[\w'’.-]+\s+){1,3}(?:on\s+)?$", re.I
)
SINCE_BEFORE = re.compile(
    r"\bsince\s+(?:the\s+)?(?:\w+\s+){0,3}(?:\(\s*\d+\s*GMT\s+)?$|"
    r"\(\s*\d{1,2}:?\d{2}\s*(?:GMT|UTC)\s+(?:on\s+)?$",
    re.I,
)


# "On Thursday, the SDF media centre released a statement, saying two fighters were
# killed": a sentence that opens on a day whose subject then speaks, with nothing done
# in between; the day the voice spoke, not the event's.
OPENS_REPORT = re.compile(
    r"\s*,?\s*(?P<who>[^,;.\"“]{2,80}?)\s+(?P<verb>said|says|announced|reported|released|"
    r"issued|published|stated|confirmed|tweeted|told)\b",
    re.I,
)
DONE_WORD = re.compile(
    r"\b(?:killed|kill|wounded|injured|struck|hit|shelled|bombed|targeted|attacked|exploded|"
    r"died|fired|launched|carried|dropped|blew|detonated|stormed)\b",
    re.I,
)


# "Syrian activists sayid on Monday that at least 96 people have died": a day followed by
# a clause of what was said or learnt hangs on a verb of saying, whatever its spelling
# (not "a strike on Monday that killed 20", a relative clause of the strike).
THAT_CLAUSE = re.compile(
    r"\s*,?\s*that\s+(?:the|a|an|at\s+least|more\s+than|up\s+to|some|several|many|dozens|"
    r"scores|hundreds|\d+|its|their|his|her|they|he|she|it|there|no|one|two|three|four|five|"
    r"six|seven|eight|nine|ten)\b",
    re.I,
)


class _Said:
    """A reporting verb found by :func:`_opens_a_report` (like a match's group 1)."""

    def __init__(self, verb: str):
        self.verb = verb

    def group(self, _index: int) -> str:
        return self.verb


def _opens_a_report(text: str, m: re.Match):
    head = dateline_end(text) if m.start() < 80 else 0  # "QAMISHLI (North Press) - On ..."
    if head > m.start() or not OPENING.match(text[head : m.start()]):
        return None
    said = OPENS_REPORT.match(text, m.end())
    if said is None or DONE_WORD.search(said.group("who")):
        return None
    return _Said(said.group("verb") + " opening")


# "the town of Suluk, which was liberated on Oct. 13 from the YPG": when a place changed
# hands, told about the place, not the event's day.
TAKEN_BEFORE = re.compile(
    r"\b(?:which|that|after\s+it)\s+(?:was|were|had\s+been|has\s+been)\s+(?:captured|liberated|"
    r"seized|retaken|recaptured|taken|freed|cleared|handed\s+over)\b[^,;]{0,30}$",
    re.I,
)


@dataclass(frozen=True)
class DateExpr:
    start: int
    end: int
    date: dt.date
    precision: str  # day | week | month
    reporting: str = ""  # the reporting verb it hangs on, if any
    time_note: str = ""
    wording: str = ""
    relative: bool = False  # counted from the day of speaking ("today", "yesterday")
    # the event's own day though not the sentence's first ("a funeral on March 29 for
    # men killed two days earlier")
    own: bool = False


def _latest_on_or_before(day: dt.date, month: int, dom: int) -> dt.date | None:
    for year in (day.year, day.year - 1):
        try:
            candidate = dt.date(year, month, dom)
        except ValueError:
            return None
        if candidate <= day:
            return candidate
    return None


NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _days_back(m: re.Match) -> int:
    """1 for "the previous day"; n for "n days earlier", "n days after a blast"."""
    n = (m.groupdict().get("n2") or m.groupdict().get("n3") or "one").lower()
    return int(n) if n.isdigit() else NUMBER_WORDS[n]


def _resolve(kind: str, m: re.Match, dateline: dt.date) -> tuple[dt.date, str, str] | None:
    if kind == "calendar":
        month = MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
        dom = int(m.group("d1") or m.group("d2"))
        year = m.group("y1") or m.group("y2")
        if year:
            try:
                return dt.date(int(year), month, dom), "day", ""
            except ValueError:
                return None
        day = _latest_on_or_before(dateline, month, dom)
        return (day, "day", "") if day else None
    if kind == "numeric":
        day, month, year = (
            (m.group("d4"), m.group("m4"), m.group("y4"))
            if m.group("y4")
            else (m.group("d5"), m.group("m5"), m.group("y5"))
        )
        try:
            return dt.date(int(year), int(month), int(day)), "day", ""
        except ValueError:
            return None
    if kind == "day_of_month":
        dom = int(m.group("d6"))
        for back in range(0, 62):
            day = dateline - dt.timedelta(days=back)
            if day.day == dom:
                return day, "day", ""
        return None
    if kind == "night_of":
        weekday = (m.group("wd") or m.group("wd2") or m.group("wd3")).lower()
        back = (dateline.weekday() - WEEKDAYS.index(weekday)) % 7
        return dateline - dt.timedelta(days=back), "day", "night"
    if kind in ("previous_day", "day_after"):
        return dateline - dt.timedelta(days=_days_back(m)), "day", ""
    if kind == "month":
        return (
            dt.date(int(m.group("y3")), MONTHS[m.group("m3").lower().rstrip(".")], 1),
            "month",
            "",
        )
    if kind == "weekday":
        back = (dateline.weekday() - WEEKDAYS.index(m.group("wd").lower())) % 7
        words = (m.group("tw") or "").lower()
        if words == "last" and back == 0:
            back = 7  # "last Friday" in a Friday's copy: the week before
        elif words.startswith("early") and back == 6:
            # "said early on Friday" in Thursday's copy: a copy dated where the clock
            # is behind Syria's (the US), the next day's early hours there
            back = -1
        note = " ".join(
            x
            for x in (words.replace(" on", ""), (m.group("part") or "").lower())
            if x and x not in ("on", "last")
        )
        return dateline - dt.timedelta(days=back), "day", note
    if kind == "today":
        return dateline, "day", m.group(0).lower() if "this" in m.group(0).lower() else ""
    if kind == "overnight":
        return dateline, "day", "overnight"
    if kind == "yesterday":
        note = m.group(0).lower().replace("yesterday", "").strip()
        return dateline - dt.timedelta(days=1), "day", note
    if kind == "days_ago":
        n = (m.group("n") or "two").lower()
        back = int(n) if n.isdigit() else ["two", "three", "four", "five", "six"].index(n) + 2
        return dateline - dt.timedelta(days=back), "day", ""
    if kind == "early_hours":
        return dateline, "day", "dawn" if "dawn" in m.group(0).lower() else "early hours"
    monday = dateline - dt.timedelta(days=dateline.weekday())
    if kind == "last_week":
        return monday - dt.timedelta(days=7), "week", ""
    if kind == "this_week":
        return monday, "week", ""
    first = dateline.replace(day=1)
    if kind == "last_month":
        return (first - dt.timedelta(days=1)).replace(day=1), "month", ""
    return first, "month", ""


POSSESSIVE_DAY = re.compile(r"['’]s$")
RELATIVE_KINDS = frozenset({"today", "overnight", "yesterday", "early_hours", "days_ago"})
# "as of Sunday", "had risen to six by Monday" (not "killed by Monday's strike")
# "By the time rescue operations ended on Tuesday afternoon, the civil defence counted 28"
AS_OF_BEFORE = re.compile(r"\b(as\s+of|by)\s+(?:the\s+time\s+[^,;.]{0,60}?\s+)?$", re.I)
TOLL_WORD = re.compile(r"\btoll\b|\bnumber\s+of\b", re.I)
# "The toll rose to 14 on Monday", "The toll in a series of air raids on a town outside
# Damascus rose to 96 people early Monday": the day a count was updated, not the incident's.
TOLL_ROSE_BEFORE = re.compile(
    r"\b(?:toll|number\s+of\s+(?:the\s+)?(?:dead|killed|deaths|victims|wounded|injured))\b"
    r"[^.;]{0,110}?\b(rose|risen|climbed|increased|jumped|reached|stood|stands)\b"
    r"(?:\s+(?:to|at))?\s+[^.;,]{0,25}$",
    re.I,
)


# A cheap test: a sentence without any of these words has no date expression.
DATE_WORD = re.compile(
    r"day|night|week|month|dawn|hours|morning|evening|afternoon|\d|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec",
    re.I,
)


def find_dates(text: str, dateline: dt.date, *, offset: int = 0) -> list[DateExpr]:
    """Date expressions of ``text`` (a sentence starting at ``offset``), in order;
    those starting a period ("since ...") are left out."""
    if not DATE_WORD.search(text):
        return []
    found, taken, previous = [], [], []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            before = text[max(0, m.start() - 40) : m.start()]
            if SINCE_BEFORE.search(before) or TAKEN_BEFORE.search(before):
                taken.append((m.start(), m.end()))
                continue
            resolved = _resolve(kind, m, dateline)
            if resolved is None:
                continue
            day, precision, note = resolved
            taken.append((m.start(), m.end()))
            verb = (
                # "condemned Tuesday's strike": a possessive day names the attack
                (None if POSSESSIVE_DAY.search(m.group(0)) else REPORTING_BEFORE.search(before))
                or REPORTING_AFTER.match(text[m.end() :])
                or BLAMED_BEFORE.search(before)
                or _opens_a_report(text, m)
                or (_Said("said") if THAT_CLAUSE.match(text, m.end()) else None)
            )
            # "BEIRUT, Oct 24 (Reuters) -": the day the wire filed the story, at the
            # head of the text; like a reporting day, not the event's.
            filed = verb is None and offset + m.start() < 60 and m.end() <= dateline_end(text)
            if verb is None and not filed:
                # "As of Sunday, the death toll had reached 74": when a count stood,
                # like a reporting day, not the day of an incident.
                verb = AS_OF_BEFORE.search(before) or (
                    TOLL_ROSE_BEFORE.search(text[max(0, m.start() - 160) : m.start()])
                    if TOLL_WORD.search(text, 0, m.start())
                    else None
                )
                if verb and verb.group(1).lower() == "by" and re.search(r"['’]s$", m.group(0)):
                    verb = None
            found.append(
                DateExpr(
                    offset + m.start(),
                    offset + m.end(),
                    day,
                    precision,
                    "dateline" if filed else verb.group(1).lower() if verb else "",
                    note,
                    m.group(0),
                    kind in RELATIVE_KINDS,
                )
            )
            if kind in ("previous_day", "day_after"):
                previous.append((len(found) - 1, _days_back(m), kind, before))
    for i, back, kind, before in previous:
        # "the previous day, ..., a monitor said on Monday": the day before Monday;
        # "On March 29, a funeral ... for men killed two days earlier": March 27.
        here = found[i]
        earlier = [
            d for d in found if d.start < here.start and d.precision == "day" and d is not here
        ]
        said = [d for d in found if d.reporting and d.precision == "day"]
        anchor = earlier[-1] if earlier else said[0] if said else None
        own = bool(OWN_DAY_BEFORE.search(before)) or (
            kind == "day_after" and not DEAD_WORD.search(text, 0, here.start - offset)
        )
        if anchor is not None:
            found[i] = replace(here, date=anchor.date - dt.timedelta(days=back), own=own)
        elif own:
            found[i] = replace(here, own=own)
    return sorted(found, key=lambda d: d.start)


# "men killed two days earlier", "blew themselves up the night before": the day of the
# killing itself.
OWN_DAY_BEFORE = re.compile(
    r"\b(?:killed|died|wounded|injured|struck|hit|targeted|attacked|shelled|bombed|up)\s+$",
    re.I,
)
DEAD_WORD = re.compile(r"\b(?:killed|killing|died|dead|wounded|injured|martyred)\b", re.I)


def filed_day(text: str, dateline: dt.date) -> dt.date:
    """The day the wire filed the story, as its own dateline gives it ("BEIRUT, Oct 23
    (Reuters) -"), when that is up to a week before ``dateline`` (a reposted story
    dated later): "yesterday" and "on Sunday" count from it. Else ``dateline``."""
    end = dateline_end(text)
    if not end:
        return dateline
    for kind in ("calendar", "numeric"):
        m = dict(PATTERNS)[kind].search(text, 0, end)
        if m:
            resolved = _resolve(kind, m, dateline)
            if resolved and dt.timedelta(0) <= dateline - resolved[0] <= dt.timedelta(days=7):
                return resolved[0]
            return dateline
    return dateline


OPENING = re.compile(
    r"^\W*(?:(?:and|but|also|earlier|later|separately)\W+)?"
    r"(?:according\s+to\s+[^,;]{1,60},\s*)?(?:on\s+)?$",
    re.I,
)


def opening_date(text: str, dates: list[DateExpr], offset: int = 0) -> DateExpr | None:
    """The date a sentence opens on ("On Friday, at least five ...", "Last week, ...",
    "On Saturday, X told AFP that ..."); None when it opens otherwise."""
    for d in dates:
        if (not d.reporting or d.reporting.endswith(" opening")) and OPENING.match(
            text[: d.start - offset]
        ):
            return d
    return None


SPOKE_VERBS = ("said", "says", "told", "stated", "announced", "reported", "statement")


def spoken_day(expr: DateExpr, sentence: str, sentence_start: int, said: list[DateExpr], anchor):
    """'"US forces conducted a strike near Idlib today," the command said on Monday' in a
    Tuesday story: a relative day inside a quotation counts from the day the voice spoke
    (the latest such reporting day before ``anchor`` in ``said``), not from the dateline.
    None when ``expr`` is not such a day."""
    if not expr.relative:
        return None
    before = sentence[: expr.start - sentence_start]
    quoted = before.count('"') % 2 == 1 or before.count("“") > before.count("”")
    spoke = [
        d.date
        for d in said
        if d.precision == "day"
        and d.reporting.split()[:1]
        and d.reporting.split()[0] in SPOKE_VERBS
    ]
    if not quoted or not spoke or max(spoke) >= anchor:
        return None
    return expr.date - (anchor - max(spoke))


def mark_opening_day_stories(info: list) -> None:
    """ "... killed eight people, the monitor said on Monday. On Saturday, three civilians
    were killed in a similar attack": a later sentence that opens on a day no sentence
    before gave, with a toll of other figures, tells another incident. Such sentences of
    the pipeline's ``info`` (dicts of sent, dates, claims, cumulative, countrywide) get
    ``side_words``: they neither date the event nor give its toll."""
    figures: set[int] = set()
    days: set = set()
    for item in info:
        text = item["sent"].text
        opening = figures and opening_date(text, item["dates"], item["sent"].start)
        # (when no day was given before, the day it opens on may well be the event's)
        if opening and days and opening.date not in days:
            if item["claims"] and not item["cumulative"] and not item["countrywide"]:
                item["side_words"] = item["side_words"] or not figures & {
                    c.min for c in item["claims"]
                }
            elif not item["claims"] and OTHER_ATTACK.search(text) and not THE_ATTACK.search(text):
                # "On December 3, militants conducted a missile strike on ...": no toll,
                # but an attack of its own, not "the attack" told before.
                item["side_words"] = True
        if item["claims"] and not item["cumulative"] and not item["countrywide"]:
            figures |= {c.min for c in item["claims"]}
        days |= {d.date for d in item["dates"] if d.reporting != "dateline"}


_ATTACK_NOUN = (
    r"(?:attack|strike|air\s*strike|airstrike|raid|bombing|blast|explosion|shelling|ambush|"
    r"(?:missile|rocket|drone|mortar)\s+(?:strike|attack|fire))s?\b"
)
OTHER_ATTACK = re.compile(rf"\ban?\s+(?:[\w-]+\s+){{0,2}}?{_ATTACK_NOUN}", re.I)
THE_ATTACK = re.compile(rf"\b(?:the|this|that|its)\s+(?:[\w-]+\s+){{0,2}}?{_ATTACK_NOUN}", re.I)
