"""What the words around a capitalised name say about it, before the gazetteer is
asked: a person's name ("President Bashar al-Assad", "Omar bin Khattab"), a group's
("Jabhat al-Shamiya", "Hamza Division"), an outlet's or an office's ("ARA News"),
a modifier ("the Assad regime", "Idlib rebels"), a landmark named after a person
("the Omar bin Khattab mosque"), a part of a longer name the gazetteer does not know
("Bab al-Salam": not Al-Bab). Such a name is not the event's place, unless a place
cue ("in", "near", "the town of", ...) comes right before it. (The wire's dateline
is in datelines.py.)

Also the kind of landmark a text names ("... mosque", "the X oil field"), so that a
landmark in the gazetteer is taken only when the text calls it by its kind.
"""

from __future__ import annotations

import re

NAME = r"[A-Z][\w'’-]*"

# The words a text uses for a kind of place, the one list for the extraction's rules
# (places.py, casualties.py, ...), as regular-expression alternations:
# settlements ("the town of X"), parts of a city ("the X neighbourhood"), a
# governorate's own words ("X province", "the countryside of X"), and the rest.
SETTLEMENT_WORDS = r"town|village|city|hamlet|settlement|locality|township"
URBAN_WORDS = r"neighbou?rhood|quarter"
PROVINCE_WORDS = r"province|governorate"
# "the countryside of Idlib", "rural Hama": the governorate outside its city.
COUNTRYSIDE_WORDS = r"countryside|rural\s+areas|outskirts|environs"
OTHER_PLACE_WORDS = r"district|suburb|area|region|camp"
# Any of them: "the <kind> of X", "X <kind>".
PLACE_KIND_WORDS = (
    rf"{SETTLEMENT_WORDS}|{URBAN_WORDS}|{PROVINCE_WORDS}|countryside|{OTHER_PLACE_WORDS}"
)
# Compass words that may stand before a kind ("the eastern countryside of", "northern
# Syria's").
COMPASS = (
    r"north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west"
)
COMPASS_ADJ = rf"(?:(?:{COMPASS})(?:ern)?|central|rural)"
CONNECTOR = r"(?:al|el|ad|an|ar|as|ash|at|az|ez|bin|ibn|bint|abu|abi|bani|ben|de|the|of)"

# A person's title or role right before a name, with up to two given names between
# ("President Bashar al-Assad", "spokesman Sharfan Darwish").
TITLE_BEFORE = re.compile(
    r"(?i:\b(?:president|premier|minister|general|(?:gen|lt|col|maj|brig|capt|sgt|mrs?|ms|dr)\b\.?|"
    r"king|prince|emir|mufti|bishop|leader|"
    r"chief|head|director|spokes(?:man|woman|person)|commander|governor|official|envoy|"
    r"activist|correspondent|journalist|reporter|photographer|doctor|surgeon|nurse|"
    r"resident|witness|farmer|teacher|brother|sister|son|daughter|wife|husband|mother|"
    r"uncle|cousin))\s+"
    rf"(?:(?:{CONNECTOR}[- ])?{NAME}\s+){{0,2}}(?:{CONNECTOR}[- ])?$"
)
# Common given names, so that "Bashar Assad" or "forces loyal to Hafez Assad" read as
# people even without a title; and the words that join parts of a person's name.
GIVEN_NAMES = frozenset(
    """bashar hafez maher asma rami rifaat basel mohammed muhammad mohammad mohamed
    ahmed ahmad ali omar umar othman uthman khaled khalid hassan hasan hussein husayn
    ibrahim mahmoud mustafa youssef yusuf abdullah abdallah abdel abdul abdulrahman
    faisal walid salim saleh salah tarek tariq samir nabil jamil karim majid fadi
    mazen ayman osama usama hamza zaid zeid anas bilal imad emad firas ghassan
    haitham hisham iyad jihad louay marwan nizar qasim qassem riad riyad sami
    suhail suheil wael yasser ziad recep tayyip vladimir sergei sergey donald
    barack joe emmanuel""".split()
)
PERSON_LINK = re.compile(r"^\s+(?:bin|ibn|bint|abu|abi)\s+[A-Z]")
PERSON_LINK_BEFORE = re.compile(rf"\b{NAME}\s+(?:bin|ibn|bint|abu|abi)\s+$")

# Heads of armed groups' names ("Jabhat al-Shamiya", "Jaish al-Islam", "Liwa al-Quds").
GROUP_HEAD = (
    r"(?:Jabhat|Jabha|Jaish|Jaysh|Liwa|Liwaa|Harakat|Harakah|Ahrar|Faylaq|Failaq|Kataib|"
    r"Kata'ib|Katibat|Katiba|Ansar|Jund|Hayat|Hay'at|Hayaat|Tahrir|Saraya|Quwat|Firqat|"
    r"Alwiya|Tajammu|Thuwar|Suqour|Suqur|Sukour|Fursan|Usud|Asa'ib|Asaib|Nour|Nur)"
)
GROUP_HEAD_BEFORE = re.compile(rf"\b{GROUP_HEAD}(?:\s+{NAME})?\s+(?:{CONNECTOR}[- ])?$")
GROUP_NAMED = re.compile(rf"^{GROUP_HEAD}\s")
# What follows a name that makes it the name of a group, an outlet or an office.
ORGANISATION_AFTER = re.compile(
    r"^(?:\s+[A-Z][\w'’-]*){0,3}\s+(?:Division|Brigades?|Battalions?|Front|Legion|Corps|"
    r"Regiment|Movement|Army|Council|Command|Operations\s+Room|Group|Party|Militia|Units|"
    r"Guards?|Shield|News|Agency|TV|Television|Network|Media|Radio|Press|Post|Times|"
    r"Cent(?:er|re)|Observatory|Office|Committees?|Foundation|Organi[sz]ation|Society|"
    r"Union|Directorate|Coalition|Alliance|Association)\b"
)
# A name used as a modifier of an armed actor ("the Assad regime", "Idlib rebels",
# "Assad's forces"); not of officials or a military site ("Hasakah officials said",
# "Hama military airport": there the place stands).
ACTOR_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:regime|government|forces|force|militias?|troops|army|loyalists|"
    r"fighters|rebels|soldiers|supporters|loyalists|allies|jets|warplanes|helicopters|"
    r"aircraft|family|clan|dynasty|insurgents|jihadists|gunmen)\b"
)
# A place cue right before a name: then it is a place whatever follows it.
PLACE_CUE_BEFORE = re.compile(
    r"(?i:\b(?:in|near|at|into|outside|inside|around|across|throughout|towards?|"
    rf"outskirts\s+of|(?:{PLACE_KIND_WORDS})\s+of)\s+(?:the\s+)?"
    r"(?:(?:eastern|western|northern|southern|central|rural)\s+)?)$"
)

# A capitalised name running on with an article into another capitalised word
# ("Bab al-Salam", "Busra al-Harir"): a part of it alone is not the place.
ARTICLE_JOIN = r"(?:(?:al|el|Al|El)[- ]|(?:ad|an|ar|as|ash|at|az|ez|es)-)"
RUNS_ON = re.compile(rf"^[ -]{ARTICLE_JOIN}[A-Z]")
RUNS_INTO = re.compile(rf"\b{NAME}[ -]{ARTICLE_JOIN}$")
HEAD_BEFORE = re.compile(r"(?<![\w'’-])(?P<head>[A-Z][\w'’]*) $")
ARTICLED = re.compile(rf"^{ARTICLE_JOIN}[A-Z]")

# Landmarks: a name right before one of these nouns (with at most a few name words
# between) names a building or site, not a town.
LANDMARK_NOUNS = (
    r"mosque|hospital|clinic|school|college|university|market|marketplace|bakery|church|"
    r"square|roundabout|street|bridge|stadium|prison|checkpoint|dam|airport|air\s*base|"
    r"airbase|airfield|base|factory|plant|station|(?:oil|gas)\s*field|oilfield|field|"
    r"gate|hotel|mall|cemetery|shrine|tomb|hall|park|building|tower"
)
LANDMARK_AFTER = re.compile(
    rf"^(?:\s+(?:{CONNECTOR}[- ])?[A-Z][\w'’-]*)*\s+(?i:{LANDMARK_NOUNS})\b"
)
PERSON_NAMED = re.compile(
    r"\b(?:bin|ibn|bint|abu|abi|Sheikh|Imam|Saint|St\.|Martyr|Prophet|King|Caliph|Sayyida|"
    r"Sayeda|Sayyidah|Lady)\b"
)
LANDMARK_KIND = re.compile(rf"\b(?:{LANDMARK_NOUNS}|village|camp|crossing)\b", re.I)
KIND_AFTER = re.compile(
    rf"^\s+(?:{CONNECTOR}[- ])?(?:[A-Z][\w'’-]*\s+)?({LANDMARK_KIND.pattern})", re.I
)
KIND_BEFORE = re.compile(rf"({LANDMARK_KIND.pattern})\s+of\s+(?:the\s+)?$", re.I)
SAME_KIND = {
    "oilfield": "field",
    "oil field": "field",
    "gas field": "field",
    "airbase": "base",
    "air base": "base",
    "airfield": "airport",
    "roundabout": "square",
    "marketplace": "market",
}


def bare_name(word: str) -> str:
    """A name word without its article ("al-Assad" -> "assad")."""
    word = word.strip("’'").lower()
    head, sep, rest = word.partition("-")
    if sep and re.fullmatch(CONNECTOR, head):
        return rest
    return word


def surname_after_title(text: str, start: int) -> bool:
    """The name at ``start`` is a person's: after a title or role, or after a common
    given name ("Bashar Assad")."""
    before = text[max(0, start - 60) : start]
    if TITLE_BEFORE.search(before):
        return True
    prev = re.search(rf"({NAME})\s+(?:{CONNECTOR}[- ])?$", before)
    return bool(prev and bare_name(prev.group(1)) in GIVEN_NAMES)


# "the Turkish border town of Kilis", "Turkey's southern Hatay province": a place of
# another country, which our gazetteer of Syria would only match to a namesake.
FOREIGN_BEFORE = re.compile(
    r"(?:\b(?:Turkish|Iraqi|Lebanese|Jordanian|Israeli|Iranian)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:town|city|village|province|region|district|capital)\s+of\s+(?:the\s+)?|"
    r"\b(?:Turkey|Iraq|Lebanon|Jordan|Israel|Iran)['’]s\s+(?:[a-z][\w-]*\s+){0,2})$"
)
# "a family displaced from X", "who had fled X": where people came from, not the event.
CAME_FROM = re.compile(
    r"(?i:\b(?:displaced|fled|fleeing|evacuated|escaped|originally|hailing|arrived|"
    r"transferred|moved)\s+(?:\w+\s+){0,2}?from\s+(?:the\s+)?(?:[\w-]+\s+)?)$"
)


def not_a_place(text: str, start: int, end: int) -> str | None:
    """Why the capitalised name at text[start:end] is not a place here, or None."""
    before = text[max(0, start - 60) : start]
    if FOREIGN_BEFORE.search(before):
        return "foreign"
    after = text[end : end + 60]
    cue = bool(PLACE_CUE_BEFORE.search(before))
    if PERSON_LINK.match(after) or PERSON_LINK_BEFORE.search(before):
        return "person"  # "Omar bin Khattab"
    if not cue and surname_after_title(text, start):
        return "person"
    if GROUP_HEAD_BEFORE.search(before) or GROUP_NAMED.match(text[start:end]):
        return "group"
    if not cue and ORGANISATION_AFTER.match(after):
        return "organisation"
    if not cue and ACTOR_AFTER.match(after):
        return "modifier"
    landmark = LANDMARK_AFTER.match(after)
    if landmark and PERSON_NAMED.search(text[start : end + landmark.end()]):
        return "landmark"  # "the Omar bin Khattab mosque": in the town the text names
    return None


def runs_on(text: str, start: int, end: int) -> bool:
    """The name at text[start:end] is part of a longer name joined by an article
    ("Bab" or "al-Salam" in "Bab al-Salam")."""
    if RUNS_ON.match(text[end : end + 12]) or RUNS_INTO.search(text[max(0, start - 30) : start]):
        return True
    # "Busra al-Harir": an articled name right after a bare capitalised head word.
    head = HEAD_BEFORE.search(text[max(0, start - 30) : start])
    return bool(
        head
        and ARTICLED.match(text[start:end])
        and head.group("head") not in NOT_HEADS
        and not head.group("head").endswith(("'s", "’s"))
    )


# Words that may stand right before an articled place name without being part of it.
NOT_HEADS = frozenset(
    """The In At On Near From Of And Or But To By For With Into Outside Inside Around
    Across Syria Syria's Syria’s Sunday Monday Tuesday Wednesday Thursday Friday Saturday
    Northern Southern Eastern Western Central Rural Greater""".split()
)


def landmark_kind_named(text: str, start: int, end: int) -> set[str]:
    """The kinds of landmark the text calls the name at text[start:end] ("the
    Marjeh Square", "the square of Marjeh", "al-Omar oil field")."""
    after = text[end : end + 30]
    before = text[max(0, start - 30) : start]
    kinds = {m.group(0) for m in LANDMARK_KIND.finditer(text[start:end])}
    m = KIND_AFTER.match(after)
    if m:
        kinds.add(m.group(1))
    m = KIND_BEFORE.search(before)
    if m:
        kinds.add(m.group(1))
    return {_kind(k) for k in kinds}


def _kind(word: str) -> str:
    word = " ".join(word.lower().split())
    return SAME_KIND.get(word, word)


def landmark_kinds(name: str) -> set[str]:
    """The kinds a gazetteer landmark's own name gives ("Marjeh Square" -> square)."""
    return {_kind(m.group(0)) for m in LANDMARK_KIND.finditer(name)}


PEOPLE = re.compile(
    TITLE_BEFORE.pattern.removesuffix(rf"(?:{CONNECTOR}[- ])?$")
    + rf"(?:{CONNECTOR}[- ])?(?P<last>{NAME})"
)
GIVEN_THEN_NAME = re.compile(
    rf"(?<![\w'’-])(?P<given>{NAME})\s+(?:(?:{CONNECTOR})[- ])?(?P<last>{NAME})"
)


def people_named(text: str) -> set[str]:
    """Surnames (without article) of the people the text names after a title or a
    common given name: "Assad" in "President Bashar al-Assad" or "Bashar Assad"."""
    out = {bare_name(m.group("last")) for m in PEOPLE.finditer(text)}
    for m in GIVEN_THEN_NAME.finditer(text):
        if bare_name(m.group("given")) in GIVEN_NAMES:
            out.add(bare_name(m.group("last")))
    return out


# Letters a name may start with in different romanisations of one Arabic letter
# (Ain/Ayn/Ein, Qamishli/Kamishli, Jisr/Gisr, Shaddadi/Chaddadi).
INITIAL_CLASSES = ("aeiouy'‘’`ʿ", "qkgc", "jgy", "sc", "hk", "zd")


def same_initial(written: str, matched: str) -> bool:
    """A fuzzy match may differ in spelling but not in the first letter of its
    name (after the article): "Bab al-Kheir" is not "Sabah al-Khair"."""

    def initial(name: str) -> str:
        words = [bare_name(w) for w in name.split() if not re.fullmatch(CONNECTOR, w.lower())]
        return words[0][:1].lower() if words and words[0] else ""

    a, b = initial(written), initial(matched)
    return a == b or any(a in group and b in group for group in INITIAL_CLASSES)


# Words that open an Arabic place name and are not a place on their own (Maarat,
# Kafr, Tell, Deir, Ain, Khan, Jisr, Ras, ...).
TOPONYM_HEADS = frozenset(
    """maarat maaret marat maarrat ma'arat ma’arat maarret kafr kfar kafar tal tall tel
    tell deir dayr ain ayn ein khan jisr ras bab beit bayt bir qasr wadi umm hayy khirbet
    khirbat mazraat mazraa jabal jebel sheikh shaykh tallet talet""".split()
)
HEAD_NEXT = re.compile(r"^ [A-Z]")
HEAD_PREV = re.compile(r"(?<![\w'’-])([A-Z][\w'’]*) $")


def head_of_unknown_name(text: str, start: int, end: int) -> bool:
    """ "Maarat" or "Harma" of "Maarat Harma", a name the gazetteer did not know as a
    whole: the opening word of an Arabic place name, or the word after it, alone
    names some other place."""
    name = text[start:end]
    if " " not in name and name.lower() in TOPONYM_HEADS and HEAD_NEXT.match(text[end : end + 2]):
        return True
    prev = HEAD_PREV.search(text[max(0, start - 12) : start])
    return bool(prev and prev.group(1).lower() in TOPONYM_HEADS)


# A governorate's countryside: "Idlib countryside", "Hama's northern countryside", "the
# eastern countryside of Deir Ezzor province", "rural Raqqa", "Damascus Countryside",
# "Reef Dimashq", "the Idlib region". The place is the governorate (outside its city),
# not the city.
COUNTRYSIDE_AFTER = re.compile(
    rf"^(?:['’]s)?\s+(?:{COMPASS_ADJ}\s+)?(?:countryside|rural\s+areas|hinterland|region)\b",
    re.I,
)
COUNTRYSIDE_BEFORE = re.compile(
    rf"(?:\b(?:countryside|rural\s+areas|hinterland)\s+of\s+(?:the\s+)?|\brural\s+)"
    rf"(?:(?:{COMPASS_ADJ})\s+)?$",
    re.I,
)
# "in southern Idlib", "in eastern Deir ez-Zor", "northern Hama": a compass word right
# before a governorate's seat names a part of the governorate, not of the city (except
# in the cities whose own halves the wires call so: "eastern Aleppo", "southern
# Damascus"); "the city" after it keeps the city.
COMPASS_BEFORE = re.compile(
    rf"(?i:\b(?:in|across|of|on|into|throughout|struck|hit|targeted|shelled|bombed)\s+"
    rf"(?:the\s+)?(?:[\w-]+-(?:held|controlled|run)\s+)?(?:{COMPASS})(?:ern)?\s+)$"
)
# "the Idlib village of X", "the village of X in Hasakah", "the Raqqa desert", "the
# Badia of Homs": a seat named as what holds a village or a desert is its governorate.
HOLDS_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:(?:village|hamlet|town)s?\s+of\b|(?:desert|badia|steppe)\b)", re.I
)
HOLDS_BEFORE = re.compile(
    r"(?:\b(?:village|hamlet|town)s?\s+(?:of\s+)?(?:[\w'’-]+\s+){0,4}?in\s+(?:the\s+)?|"
    r"\b(?:desert|badia|steppe)\s+of\s+(?:the\s+)?)$",
    re.I,
)
CITY_HALVES = frozenset({"aleppo", "halab", "damascus", "dimashq"})
COUNTRYSIDE_NAME = re.compile(
    r"^(?:(?:Rif|Reef|Rural|Rif-)\s*\S+|\S+(?:\s+\S+)?\s+(?:Countryside|countryside))$"
)
# "the Khan Shaykhun district of Idlib province": a district of the governorate (an
# administrative area named after its town), not a part of a city.
DISTRICT_OF_PROVINCE = re.compile(
    rf"^\s+district\s+(?:of|in)\s+(?:the\s+)?(?:[\w'’-]+\s+){{1,3}}(?:{PROVINCE_WORDS})\b",
    re.I,
)
# "outside the city of Deir Ezzor", "near Damascus", "on the outskirts of Hama": the
# place is around the city; a village the text names next in the story is the place.
AROUND_BEFORE = re.compile(
    r"\b(?:outside|near|nearby|around|outskirts\s+of|vicinity\s+of|close\s+to|on\s+the\s+edge\s+of)"
    rf"\s+(?:the\s+)?(?:(?:Syrian|besieged|rebel-held|northern|southern|eastern|western|"
    rf"central)\s+)?(?:(?:{SETTLEMENT_WORDS}|capital|provincial\s+capital)\s+(?:of\s+)?)?$",
    re.I,
)
# Buildings named after a person or a saint more than a town ("the al-Zahraa Mosque",
# "the Omar school"): a same-named quarter of a city far away is not meant.
BUILDING_KINDS = frozenset(
    "mosque hospital clinic school college university bakery church hotel mall shrine tomb "
    "cemetery".split()
)
# What a person quoted by name is ("said Abu Omar, a rescuer from Saraqeb"): after a
# reporting verb, the name with one of these is a person, however like a village it is.
ROLE_WORDS = (
    r"activist|resident|witness|doctor|rescuer|volunteer|journalist|reporter|farmer|"
    r"father|mother|brother|sister|relative|survivor|medic|paramedic|nurse|teacher|fighter|"
    r"leader|member|official|officer|commander|spokes(?:man|woman|person)|head|director|"
    r"chief|worker|shopkeeper|trader|student|citizen|displaced|lawyer|cleric|engineer"
)
QUOTED_PERSON = re.compile(r"(?i:\b(?:said|says|told|according\s+to|quoting|quoted)\s+)$")
QUOTED_PERSON_AFTER = re.compile(
    rf"^,\s+(?:the\s+|an?\s+)?(?:[\w'’-]+\s+){{0,3}}?(?i:{ROLE_WORDS})\b"
)
# "... in the province of Idlib, a day after strikes killed 12 in the town of Ariha",
# "(the deadliest) since strikes on Ariha killed 40":
# what follows in the sentence is another, earlier incident.
EARLIER_INCIDENT = re.compile(
    r"\b(?:(?:(?:a|one|two|three|four|five|several|\d+)\s+)?(?:days?|weeks?|hours?|months?)|"
    r"the\s+day|a\s+week)\s+after\b|"
    # "the deadliest since strikes on Ariha killed 40"
    r"\b(?:deadliest|worst|bloodiest|heaviest|largest|biggest)\s+(?:[\w-]+\s+){0,4}?since\b",
    re.I,
)
# Where fire came from ("mortar attacks by the YPG from Syria's Manbij on the zone",
# "shelling by militants from Eastern Ghouta"): not where it struck.
FIRED_FROM = re.compile(
    r"(?i:\b(?:fired|launched|shell(?:ing|s|ed)|rockets?|mortars?|missiles?|attacks?|fire|"
    # "a Russian jet which took off from the Khmeimim airbase": where the plane came from
    r"artillery|cannons?|took\s+off|taking\s+off|took-off|flew\s+in|departed)\b[^.;]{0,60}?"
    r"\bfrom\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?)$"
)
