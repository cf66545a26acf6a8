"""Parties a report may name as perpetrators, matched by our own patterns.

Each pattern key is either the slug of an Actor in our table (events.models.Actor)
or, for parties not in the table yet (Turkey, Israel, Hayat Tahrir al-Sham), a key
of its own; :func:`actor_names` reads the table, so an actor added there is named
by its own name. Alias dictionaries (ACLED/UCDP actor names) plug in through
:func:`extra_patterns`, which reads the ``events.ActorAlias`` table when that model
is installed and adds each alias as a pattern for its actor.

SANA's "terrorists"/"terrorist groups", "rebels", "militants" and "jihadists"
(without the Islamic State named next to them) are read as the armed opposition.
"""

from __future__ import annotations

import functools
import re
import time

PATTERNS: list[tuple[str, str]] = [
    (
        "unidentified_aircraft",
        r"unidentified\s+(?:aircraft|warplanes|planes|jets|drones?)|"
        r"unknown\s+(?:aircraft|warplanes|planes|jets|drones?)",
    ),
    (
        "us_led_coalition",
        r"(?:U\.?S\.?|US|"
        r"American|Washington)[- ]led\s+(?:international\s+|military\s+|anti-[\w-]+\s+)?"
        r"(?:coalition|alliance)(?:\s+forces)?|"
        r"international\s+coalition|(?<!National\s)\bcoalition(?!\s+government)|CJTF-OIR|"
        # "US-led air strikes", "U.S.-led warplanes": the coalition named by its leader alone
        r"(?:U\.?S\.?|US|American|Washington)[- ]led(?=\s+(?:air\s*strikes?|airstrikes?|strikes?|"
        r"air\s+raids?|raids?|bombing|bombardment|warplanes?|jets?|aircraft|planes?|drones?)\b)",
    ),
    ("russia", r"\bRussia(?:n)?\b|\bMoscow\b|\bWagner(?:\s+Group)?\b"),
    (
        "united_states",
        r"\bU\.?S\.?\s+(?:forces|military|troops|army|drones?|special\s+forces|warplanes|"
        r"air\s+force)\b|\bAmerican\s+(?:forces|troops|military)\b|"
        # "American drones", "an American aggression": the weapon or the act names the party
        r"\bAmerican(?=\s+(?:drones?|warplanes?|jets?|aircraft|helicopters?|air\s*strikes?|airstrikes?|"
        r"strikes?|raids?|missiles?|aggression)\b)|"
        # "US airstrikes on ...": the weapon names the party
        r"\b(?-i:U\.?S\.?)(?=\s+(?:air\s*strikes?|airstrikes?|strikes?|air\s+raids?|raids?|jets|aircraft)\b)|"
        r"\b[Tt]he\s+US\b(?![-.])|\bUnited\s+States\b(?!-)",
    ),
    (
        "government",
        r"Syrian\s+(?:regime|government|army|air\s+force|forces|troops|"
        r"(?:fighter\s+|war\s*)?(?:warplanes?|jets?|planes?|aircraft|helicopters?)|military)|\bregime\b|\bAssad(?:'s|"
        r"’s)?\s+(?:regime|forces)|pro-(?:government|regime)\s+forces|"
        r"government\s+(?:forces|troops|warplanes|jets|aircraft|helicopters|artillery|"
        r"army)|\bSyrian(?=\s*(?:-|/|\band\b)\s*Russian)|(?<=Russian-)Syrian\b|(?<=Russian\sand\s)Syrian\b|"
        # "Syrian air strikes", "Syrian shelling": the weapon names the state
        r"\bSyrian(?=\s+(?:air\s*strikes?|airstrikes?|air\s+raids?|shelling|bombardment|barrel\s+bombs?|"
        r"artillery))|"
        # "forces loyal to President Bashar al-Assad", "troops loyal to Damascus"
        r"\b(?:forces|troops|militias?|fighters|gunmen|units)\s+loyal\s+to\s+(?:the\s+)?(?:Syrian\s+)?"
        r"(?:(?:President\s+)?(?:Bashar\s+)?(?:al-)?Assad|regime|government|Damascus)\b|"
        r"\bgovernment(?=\s+and\s+(?:Russian|Iranian)\b)|"
        # "government air strikes", "government shelling": the weapon names the party
        r"\bgovernment(?=\s+(?:air\s*strikes?|airstrikes?|air\s+raids?|raids?|shelling|"
        r"bombardment|bombing|barrel\s+bombs?|rockets?|missiles?|shells?|mortars?))|"
        # "pro-Assad militias", "pro-Damascus gunmen"
        r"\bpro-(?:Assad|Damascus|government|regime)\s+(?:militias?|militiamen|fighters|gunmen|"
        r"troops|paramilitar(?:y|ies))\b|"
        # "the government of Syrian President Bashar Assad", "Assad militia helicopters"
        r"\bthe\s+government\s+of\s+(?:Syrian\s+)?President\b|"
        r"\bAssad(?:'s|’s)?\s+(?:government|militias?|army|troops|helicopters|warplanes|jets|"
        r"aircraft|artillery|air\s+force|military|loyalists)\b|"
        # the government's militias by their own names
        r"\bShabb?iha\b|\bLiwa\s+al-Quds\b|"
        # "government-backed militias", "regime-allied fighters"
        r"\b(?:government|regime|Assad|Damascus)-(?:backed|allied|aligned|affiliated)\s+(?:militias?|"
        r"militiamen|fighters|forces|gunmen|groups|paramilitar(?:y|ies))\b|"
        # "strikes it blamed on Damascus", "accused Damascus of": the capital for the state
        r"(?:(?<=blamed\son\s)|(?<=accused\s)|(?<=blaming\s))Damascus\b|"
        # "the LCC said the warplanes were Syrian": the adjective alone, ending its clause
        r"(?<=\bwere\s)Syrian(?=\s*(?:[,.;]|\s(?:while|and|but|whereas)\b))|"
        # The army and its named units and militias
        r"\bSyrian\s+Arab\s+Army\b|\bSAA\b|\bNational\s+Defen[cs]e\s+Forces\b|\bNDF\b|"
        r"\bTiger\s+Forces\b|\b(?:4th|Fourth)\s+(?:Armou?red\s+)?Division\b|"
        r"\bRepublican\s+Guard\b|\b(?:Fifth|5th)\s+(?:Assault\s+)?Corps\b|"
        # "loyalist forces", "Assad loyalists": the government's side
        r"\bloyalists?(?:\s+(?:forces|troops|militias?|gunmen|fighters))?\b",
    ),
    (
        "islamic_state",
        r"\bIslamic\s+State(?:\s+in\s+Iraq\s+and\s+Syria)?\b|\bISIS\b|\bISIL\b|"
        r"\bIS\b|\bDaesh\b|\bthe\s+jihadists?\b(?=[^.]{0,40}\bIS\b)",
    ),
    (
        "hts",
        r"\bHayat\s+Tahrir\s+al-Sham\b|\bHay(?:'|’)?at\s+Tahrir\b|\bHTS\b|"
        r"\bTahrir\s+al-Sham\b|\b(?:al-)?Nusra(?:\s+Front)?\b|"
        r"\bJabhat\s+al-Nusra\b|"
        # its names before 2017, and its English name
        r"\b(?:Jabhat\s+)?Fat(?:e|a)h\s+al-Sham(?:\s+Front)?\b|"
        r"\bLevant\s+Liberation\s+(?:Committee|Organi[sz]ation|Body|Board|Authority)\b",
    ),
    # QSD: the SDF's Arabic initials, as Arabic-language outlets write them
    (
        "sdf",
        r"\bSyrian\s+Democratic\s+Forces\b|\bSDF\b|\bQSD\b|\bKurdish-led\s+forces\b|"
        # "the U.S.-backed Syrian forces": how AP names the SDF
        r"\b(?:U\.?S\.?|US|American|coalition)[-‐]backed\s+Syrian\s+(?:forces|fighters)\b",
    ),
    # The PKK itself when the wire names it in full; "PKK" and "PKK/YPG" alone are how
    # Ankara names the YPG (above).
    ("pkk", r"\bKurdistan\s+Workers(?:'|’)?\s*(?:'|’)?\s+Party\b"),
    (
        "jihadist_groups",
        r"\b(?:al[- ])?Qa(?:e|i|')?da\b|\bH(?:u|o)rr?as\s+al[- ]?D(?:i|ee)n\b|"
        r"\bTurk(?:i|e)stan(?:i)?\s+Islamic\s+Party\b|\bAnsar\s+al[- ]Tawhid\b",
    ),
    ("hezbollah", r"\bH[ei]zb(?:o|u|a)llah\b|\bHizbull?ah\b"),
    (
        "iran",
        r"\bIran(?:ian)?[- ](?:backed|allied|aligned|affiliated|sponsored)\s+(?:militias?|"
        r"militiamen|fighters|forces|groups|paramilitar(?:y|ies))\b|"
        r"\b(?:Iran(?:'s|’s)\s+)?(?:Islamic\s+)?Revolutionary\s+Guards?(?:\s+Corps)?\b|\bIRGC\b|"
        r"\bIranian\s+(?:forces|troops|militias?|drones?|missiles?|military)\b|"
        # "pro-Iranian militias": the militias Tehran arms and pays
        r"\bpro-Iran(?:ian)?\s+(?:militias?|militiamen|fighters|forces|groups|gunmen|paramilitar(?:y|ies))\b|"
        r"\bQuds\s+Force\b|\bFatemiyoun\b|\bFatimiyoun\b|\bZainabiyoun\b",
    ),
    (
        "ypg",
        r"\bYPG\b|\bPeople(?:'s|’s)?\s+Protection\s+Units\b|\bPKK\b|\bPYD\b|"
        # "Turkey accuses Kurds of the explosions": Ankara's word for the YPG
        r"(?:(?<=accused\s)|(?<=accuses\s)|(?<=blamed\s)|(?<=blames\s))Kurds\b|"
        # "the Kurdish militia", "Kurdish militants": the YPG as Ankara and wires name it
        r"\bKurdish\s+(?:militias?|militiamen|militants?|fighters|rebels|"
        r"People(?:'s|’s)?\s+Protection\s+Units)\b",
    ),
    (
        "sna",
        r"\b(?:Turk(?:ish|ey)|Ankara)-backed\s+(?:Syrian\s+)?(?:rebels?|forces|factions|fighters|"
        r"groups|militias?|militants?(?:\s+groups)?|opposition(?:\s+fighters|\s+factions)?|"
        r"Free\s+Syrian\s+Army|FSA)\b|"
        r"\bSyrian\s+National\s+Army\b|\bSNA\b|"
        # "armed groups supported by Ankara"
        r"\b(?:armed\s+)?(?:groups|factions|militias|fighters|rebels|mercenaries)\s+(?:supported|backed|"
        r"funded|armed|sponsored)\s+by\s+(?:Ankara|Turkey)\b|"
        # its factions named by wires
        r"\bSultan\s+Murad\b|\bHamza(?:t)?\s+Division\b|\bAhrar\s+al-Sharqiya\b|"
        r"\b(?:al-)?Amshat\b|\bSultan\s+Suleiman\s+Shah\b",
    ),
    ("turkey", r"\bTurk(?:ey|ish)\b|\bAnkara\b"),
    # "the Zionist enemy": Syrian state media's name for Israel
    (
        "israel",
        r"\bIsrael(?:i)?\b|\bZionist\s+(?:enemy|entity|occupation|regime|aggression)\b|\bIDF\b",
    ),
    (
        "opposition",
        r"\b(?:Turkey-backed\s+)?(?:rebels?|insurgents?|militants?|jihadists?|"
        r"terrorists?)(?:\s+(?:groups?|organi[sz]ations?|factions))?\b|"
        r"\barmed\s+(?:groups|opposition)\b|\bopposition\s+(?:fighters|groups|"
        r"factions)\b|\bIslamist\s+(?:factions|fighters|rebels|groups|insurgents)\b|\bmilitant\s+groups\b|"
        r"\bterrorist\s+groups?\b|"
        # rebel factions named by wires
        r"\bFree\s+Syrian\s+Army\b|\bFSA\b|\bJa(?:i|y|u|ye)sh\s+al-(?:Islam|Izza|Fatah|Nasr|Nukhba|Sunna)\b|"
        r"\bAhrar\s+al-Sham\b|\bFaylaq\s+al-Rahman\b|\bNational\s+(?:Front\s+for\s+Liberation|"
        r"Liberation\s+Front)\b|\bNour\s+al-Din\s+al-Zenki\b",
    ),
]
OWN = frozenset(pattern for _key, pattern in PATTERNS)
# Words one of which every match of our own pattern contains (lower case).
NEEDLES = {
    "government": (
        "syria",
        "loyal",
        "regime",
        "assad",
        "government",
        "damascus",
        "loyalist",
        "saa",
        "ndf",
        "national def",
        "tiger",
        "division",
        "republican",
        "corps",
        "shabiha",
        "shabbiha",
        "liwa al-quds",
    ),
    "jihadist_groups": ("qaeda", "qaida", "hurras", "horas", "turkistan", "turkestan", "ansar"),
    "us_led_coalition": ("coalition", "cjtf", "alliance", "-led", " led"),
    "opposition": (
        "rebel",
        "insurgent",
        "militant",
        "jihadist",
        "terrorist",
        "armed",
        "opposition",
        "islamist",
        "free syrian",
        "fsa",
        "jaish",
        "jaysh",
        "jaush",
        "jayesh",
        "ahrar",
        "faylaq",
        "liberation",
        "zenki",
    ),
    "united_states": ("u.s", "us ", "american", "the us", "united states"),
    "ypg": ("ypg", "people", "pkk", "kurdish", "pyd", "kurds"),
    "sdf": ("syrian democratic", "sdf", "qsd", "kurdish-led", "backed syrian"),
    "pkk": ("kurdistan",),
    "hezbollah": ("hezb", "hizb"),
    "iran": ("iran", "revolutionary", "irgc", "quds", "fatemiyoun", "fatimiyoun", "zainabiyoun"),
    "sna": (
        "backed",
        "by ankara",
        "by turkey",
        "syrian national army",
        "sna",
        "sultan",
        "hamza",
        "sharqiya",
        "amshat",
    ),
    "hts": ("hayat", "hay'at", "hay’at", "hts", "tahrir", "nusra", "sham", "levant liberation"),
    "israel": ("israel", "zionist", "idf"),
    "turkey": ("turk", "ankara"),
    "russia": ("russia", "moscow", "wagner"),
    "unidentified_aircraft": ("unidentified", "unknown"),
}
NOT_THE_PARTY_BEFORE = re.compile(r"(?:pro|anti)-$", re.I)
NOT_THE_PARTY_AFTER = re.compile(
    # "Russian-made jets", "Iranian-supplied drones": whose make, not who flew them
    r"-(?:held|controlled|backed|allied|run|affiliated|linked|made|built|supplied|designed)\b",
    re.I,
)
# "IS-linked militants", "an al-Qaeda-affiliated group": that group's own fighters
LINKABLE = frozenset({"islamic_state", "hts", "jihadist_groups"})
LINKED = re.compile(
    # "HTS-led rebels": the group at their head
    r"(-(?:linked|affiliated|inspired|loyal|led|dominated))\s+(?:militants?|fighters|gunmen|cells?|"
    r"jihadists|groups?|members|insurgents|bombers?|attackers?|terrorists|rebels|factions|alliance|"
    r"coalition|forces)\b",
    re.I,
)
# "a terrorist attack", "the terrorist explosion": the adjective labels the event and
# names nobody ("a terrorist car bomb attack" still names the car bomb's users)
TERROR_EVENT = re.compile(
    r"[”\"’']?\s+(?:attacks?|explosions?|blasts?|acts?|bombings?|incidents?|operations?)\b",
    re.I,
)
UNKNOWN_BEFORE = re.compile(r"\b(?:unknown|unidentified|anonymous)\s+$", re.I)
OWN_NAMES = {
    "turkey": "Turkish armed forces",
    "israel": "Israeli armed forces",
    "hts": "Hayat Tahrir al-Sham",
}


PATTERNS_TTL_SECONDS = 5.0
_compiled_cache: tuple[float, list[tuple[str, re.Pattern, tuple[str, ...]]]] | None = None


_literals: dict[str, str] = {}  # alias pattern -> the lower-case name it matches


def extra_patterns() -> list[tuple[str, str]]:
    """(actor slug, regex) pairs from the actor alias table (``events.ActorAlias``,
    ACLED/UCDP names and abbreviations) when that model is installed; none before."""
    from django.apps import apps

    try:
        alias = apps.get_model("events", "ActorAlias")
    except LookupError:
        return []
    pairs = []
    for slug, name in alias.objects.values_list("actor__slug", "name"):
        name = " ".join(name.split())
        if len(name) >= 3:
            pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
            _literals[pattern] = name.lower()
            pairs.append((slug, pattern))
    return pairs


def compiled() -> list[tuple[str, re.Pattern, tuple[str, ...]]]:
    """Our patterns, then the aliases (read again at most every few seconds); each with
    the lower-case words one of which the text must contain for it to match (an alias's
    own name; NEEDLES for our patterns; none for a pattern without a list)."""
    global _compiled_cache
    now = time.monotonic()
    if _compiled_cache is None or now - _compiled_cache[0] > PATTERNS_TTL_SECONDS:
        out = []
        for key, pattern in [*PATTERNS, *extra_patterns()]:
            # "IS" must stay upper case; everything else is case-blind.
            flags = 0 if key == "islamic_state" else re.IGNORECASE
            literal = _literals.get(pattern)
            needles = (literal,) if literal else NEEDLES.get(key, ()) if pattern in OWN else ()
            out.append((key, re.compile(pattern, flags), needles))
        _compiled_cache = (now, out)
    return _compiled_cache[1]


def find_actors(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """(key, start, end) of every actor mention in ``text``, longest first on overlap
    (``offset`` added to each position). A sentence is read several times (for its
    type, for who did it, for denials): the last few texts' mentions are kept, for the
    patterns of the moment (a report's sentences, not a whole batch's)."""
    patterns = compiled()
    return [
        (key, offset + start, offset + end)
        for key, start, end in _mentions(text, len(patterns), id(patterns))
    ]


@functools.lru_cache(maxsize=64)
def _mentions(text: str, _count: int, _version: int) -> tuple[tuple[str, int, int], ...]:
    return tuple(_find_actors(text, 0))


def _find_actors(text: str, offset: int) -> list[tuple[str, int, int]]:
    raw = []
    lower = text.lower()
    for key, pattern, needles in compiled():
        if needles and not any(n in lower for n in needles):
            continue  # none of the words every match contains (an alias name, ...)
        for m in pattern.finditer(text):
            raw.append((m.start(), m.end(), key))
    raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    out, last = [], -1
    for start, end, key in raw:
        if start < last:
            continue
        last = end
        linked = key in LINKABLE and LINKED.match(text[end:])
        if linked:
            # "IS-linked militants", "HTS-led rebels": the group's own fighters, one mention
            end += len(linked.group(0))
            last = end
        elif NOT_THE_PARTY_BEFORE.search(
            text[max(0, start - 5) : start]
        ) or NOT_THE_PARTY_AFTER.match(text[end : end + 12]):
            continue  # "pro-regime fighters", "rebel-held city": not the party acting
        if key == "opposition" and UNKNOWN_BEFORE.search(text[max(0, start - 14) : start]):
            continue  # "unknown militants", "unidentified gunmen": no party named
        if (
            key == "opposition"
            and text[start:end].lower() == "terrorist"
            and TERROR_EVENT.match(text, end)
        ):
            continue  # 'a "terrorist attack"', "the terrorist explosion": a label, no party
        if (
            out
            and out[-1][0] != key
            and APPOSITION_GAP.fullmatch(text[out[-1][2] - offset : start])
            and GENERIC_HEAD.fullmatch(text[start:end])
        ):
            continue  # "the Islamic State (ISIS) terrorist group": the same party's head noun
        if (
            out
            and ALIAS_GAP.fullmatch(text[out[-1][2] - offset : start])
            and text[end : end + 1] == ")"
        ):
            continue  # "the Kurdistan Workers' Party (PKK)": the party's initials, not another
        out.append((key, offset + start, offset + end))
    if "turk" in lower:
        out = _with_proxies(text, offset, out)
    return out


# "the Turkish army and its mercenaries", "Turkish forces and their affiliated factions":
# the Syrian factions Ankara backs, as Kurdish and Syrian outlets name them
PROXIES = re.compile(
    r"\s+(?:(?:occupation|army|forces|troops|military|state)\s+){0,2}and\s+(?:its|their)\s+"
    r"(?:Syrian\s+)?(?:(?:affiliated|allied|loyal|backed)\s+)?(?P<p>mercenaries|proxies|"
    r"factions|militias|(?:armed\s+)?groups)\b",
    re.I,
)


def _with_proxies(text: str, offset: int, actors: list) -> list:
    out = []
    for i, (key, start, end) in enumerate(actors):
        out.append((key, start, end))
        m = PROXIES.match(text, end - offset) if key == "turkey" else None
        if m and not any(
            s < offset + m.end() and offset + m.start("p") < e for _k, s, e in actors[i + 1 :]
        ):
            out.append(("sna", offset + m.start("p"), offset + m.end("p")))
    return out


ALIAS_GAP = re.compile(r"\s*\(")
# A generic label right after a named party, its aliases in brackets between, is that
# party's head noun, not a second party.
APPOSITION_GAP = re.compile(r"\s*(?:\(?[^()]{0,60}\))?\s*")
GENERIC_HEAD = re.compile(
    r"(?:terrorists?|militants?|jihadists?|extremists?)(?:\s+(?:groups?|organi[sz]ations?|factions))?"
    r"|terrorist\s+groups?",
    re.I,
)


NAMES_TTL_SECONDS = 5.0
_names_cache: tuple[float, dict[str, str], frozenset[str]] | None = None


def actor_names() -> dict[str, str]:
    """Display names: the Actor table's (read at most every few seconds), then our
    own for parties not in it."""
    global _names_cache
    from events.models import Actor

    now = time.monotonic()
    if _names_cache is None or now - _names_cache[0] > NAMES_TTL_SECONDS:
        table = dict(Actor.objects.values_list("slug", "name"))
        _names_cache = (now, {**OWN_NAMES, **table}, frozenset(table))
    return dict(_names_cache[1])


def in_table(slug: str) -> bool:
    """Whether ``slug`` is an Actor of our table (read with :func:`actor_names`)."""
    if _names_cache is None:
        actor_names()
    return slug in _names_cache[2]


# Armed groups a later "the group", "the terrorists" or "the militants" refers back to.
NAMED_GROUPS = frozenset(
    {"islamic_state", "hts", "ypg", "pkk", "sdf", "sna", "hezbollah", "jihadist_groups"}
)
GENERIC_LABEL = re.compile(
    r"(?:terrorists?|militants?|jihadists?|extremists?|insurgents)(?:\s+(?:groups?|organi[sz]ations?))?"
    r"|(?:terrorist|militant|jihadist|extremist)\s+(?:groups?|organi[sz]ations?)",
    re.I,
)
DEFINITE = re.compile(r"\b(?:the|these|those)\s+(?:[\w-]+\s+){0,2}$", re.I)
# "The group claimed ...", "the extremist group said it carried out": a named group
# spoken of again
THE_GROUP = re.compile(
    r"\b[Tt]he\s+(?:(?:extremist|jihadist|militant|Sunni|Islamist|Muslim|terror|terrorist|"
    r"radical|hardline)\s+){0,3}(?:group|organi[sz]ation)\b(?=(?:\s*,[^,.;]{0,60},)?\s+(?:\w+ly\s+|"
    r"also\s+|later\s+|has\s+|had\s+|on\s+\w+day\s+)*(?:claimed|said\s+(?:it|its)\b|denied|denies))"
)


def refer_back(
    text: str,
    sent_text: str,
    offset: int,
    actors: list[tuple[str, int, int]],
    alleged: tuple[tuple[str, int], ...] = (),
) -> list[tuple[str, int, int]]:
    """``actors`` of the sentence at ``offset`` of report ``text``, a definite generic label
    ("the terrorists, who ...", "the jihadists", "The group claimed") read as an armed
    group named before it: the last one already alleged (``alleged``: (key, start) of the
    report's allegations so far), else the last one named."""
    generic = [
        i
        for i, (key, start, end) in enumerate(actors)
        if key == "opposition"
        and GENERIC_LABEL.fullmatch(text[start:end])
        and DEFINITE.search(text[max(0, start - 40) : start])
    ]
    groups = [(m.start(), m.end()) for m in THE_GROUP.finditer(sent_text)]
    if not generic and not groups:
        return actors
    out = list(actors)
    for i in generic:
        named = _named_before(text, out[i][1], alleged)
        if named:
            out[i] = (named, out[i][1], out[i][2])
    for start, end in groups:
        start, end = start + offset, end + offset
        if any(s < end and start < e for _k, s, e in out):
            continue
        named = _named_before(text, start, alleged)
        if named:
            out.append((named, start, end))
    out.sort(key=lambda a: a[1])
    return out


def _named_before(text: str, position: int, alleged) -> str | None:
    before = [(start, key) for key, start in alleged if key in NAMED_GROUPS and start < position]
    if before:
        return max(before)[1]
    for key, _start, _end in reversed(find_actors(text[:position])):
        if key in NAMED_GROUPS:
            return key
    return None
