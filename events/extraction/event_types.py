"""Event type and sub-type (our ACLED codes, events.models.SubEventType) from the
words of the incident's own sentences.

Cues are scored in the event sentences, the lead counting double; the sub-type
with the highest score wins, ties going to the more specific cue in this order:
suicide bomb, chemical weapon, air/drone strike, remote explosive/IED, grenade,
shelling, armed clash, attack. When the event sentences hold no cue, the other
sentences of the story are read (an ambush told after the toll). No cue gives no
type (the editor chooses).

An attack (an ambush, gunfire) on soldiers, with no civilian named among its dead and
no captive killed, is an armed clash: ACLED's "attack" is violence against civilians
(and against those who cannot fight back). Police, often coded either way, stay an
attack.

Israel's rockets and missiles fired into Syria are coded as air/drone strikes (as
ACLED codes Israeli strikes from jets or from beyond the border alike); its
artillery and tank fire stay shelling.
"""

from __future__ import annotations

import re

from events.models import SubEventType
from events.models.incidents import SUB_EVENT_PARENT

CUES: list[tuple[str, re.Pattern]] = [
    (
        SubEventType.SUICIDE_BOMB,
        re.compile(
            r"\bsuicide\s+(?:bomb\w*|attack\w*|vest|belt|car\s+bomb|blasts?|truck\s+bomb|"
            r"explosions?)|\bexplosive\s+(?:belts?|vests?)\b|\bblew\s+(?:him|her|"
            r"them)sel(?:f|ves)\s+up\b|\bdetonated\s+(?:him|her|them)sel(?:f|ves)\b|"
            r"\bself-detonat\w+|\bS-?VBIEDs?\b|\bsuicide\s+(?:car|truck|bomber)s?\b",
            re.I,
        ),
    ),
    (
        SubEventType.CHEMICAL_WEAPON,
        re.compile(r"\bchemical\b|\bchlorine\b|\bsarin\b|\bgas\s+attack\b|\bsuffocat\w+", re.I),
    ),
    (
        SubEventType.AIR_DRONE_STRIKE,
        re.compile(
            r"\bair\s*strikes?\b|\bairstrikes?\b|\bair\s+raids?\b|\baerial\b|"
            r"\bwarplanes?\b|\bwar\s+planes?\b|\b(?:fighter\s+)?jets?\b|\baircraft\b|\bplane\s+(?:bomb|struck|hit)\w*|"
            r"\bhelicopters?\b|\bbarrel\s+bombs?\b|\bdrones?\b|\bplanes\b|\bUAVs?\b|"
            r"\bsorties\b|\bbombers\b(?<!suicide\sbombers)|\bbombing\s+raids?\b|"
            r"\bstrikes?\b|\braids?\b|"
            # Israel strikes Syria from the air (or from beyond the border, coded alike)
            r"\bIsraeli\s+missiles?\b|\bair\s+bombardments?\b|\baviation\b|\bair\s+aggression\b",
            re.I,
        ),
    ),
    (
        SubEventType.REMOTE_EXPLOSIVE,
        re.compile(
            r"\bcar\s+bomb\w*|\bIEDs?\b|\bVBIEDs?\b|\bimprovised\s+explosive|\blandmines?\b|"
            # mines and what a war leaves behind ("unexploded ordnance", "a remnant of war")
            r"\bunexploded\b|\bordnance\b|\bremnants?\s+of\s+(?:the\s+)?war\b|"
            r"\bwar\s+remnants?\b|\bcluster\s+(?:bomblets?|munitions?\s+remnants?)\b|"
            r"\bminefields?\b|\b(?:sticky|magnetic|roadside)\s+bombs?\b|"
            # "a trapped motorcycle exploded": SMART's rendering of a booby-trapped one
            r"\btrapped\s+(?:car|motorcycle|motorbike|vehicle|truck)s?\b|"
            r"\b(?:truck|lorry|motorbike|motorcycle)\s+bomb\w*|\bbooby-?traps?\b|"
            r"\b(?:land\s+)?mines?\b(?=\s+(?:explo|blast|went|left))|"
            r"\bmine\s+explo\w+|\bbooby[- ]trapped\b|\bexplosive\s+device\b|"
            r"\bbomb\s+blasts?\b|\bblasts?\b|\b(?:twin|double|two)\s+bombings\b|\bbomb\s+attacks?\b|\bexplosion\b|\bmotorcycle\s+bomb\b|"
            r"\bbomb\s+(?:went\s+off|exploded)|"
            # "A bomb claimed by IS ... killed": a bomb with no other cue
            r"\b(?:a|the)\s+(?:roadside\s+|powerful\s+|large\s+)?bomb\b(?!\s+(?:shelters?|squad|disposal))",
            re.I,
        ),
    ),
    (
        SubEventType.GRENADE,
        re.compile(r"\b(?:hand\s+)?grenades?\b(?!\s+launchers?)", re.I),
    ),
    (
        SubEventType.SHELLING,
        re.compile(
            # ("Turkish artilleries bombarded villages": the plural some copy uses)
            r"\bshell(?:s|ing|ed)\b|\bartiller(?:y|ies)\b|\bmortars?\b|\brockets?\b|"
            r"(?<!Israeli\s)\bmissiles?\b|\bGrad\b|\brocket\s+launchers?\b|\btank\s+fire\b",
            re.I,
        ),
    ),
    (
        SubEventType.ARMED_CLASH,
        re.compile(
            r"\bclash(?:es|ed)\b|\bfighting\b|\bbattles?\b|\bgunfight\b|\bfirefight\b|"
            # "a counter attack", "attacked a checkpoint ... using machine guns"
            r"\bcounter[- ]?attack\b|\bmachine\s*guns?\b|\battacked\s+(?:a|the)\s+(?:\w+\s+)?"
            r"(?:checkpoint|position|post|base|outpost)s?\b|"
            # a ground offensive: "stormed", "launched an offensive", "an assault on" (not
            # "a rebel mortar assault on a market": the weapon's)
            r"\b(?:ground\s+)?offensive\b|(?<!mortar\s)(?<!rocket\s)(?<!missile\s)(?<!artillery\s)"
            r"\bassault\s+on\b|\bstormed\b|\bskirmish\w*|"
            r"\bexchanged?\s+fire\b|\bexchanges\s+of\s+fire\b|\bcombat\b",
            re.I,
        ),
    ),
    (
        SubEventType.ATTACK,
        re.compile(
            r"\bshot\s+dead\b|\bgunmen\b|\bexecut\w+\b|\bstabbed\b|\bopened\s+fire\b|"
            r"\bambush(?:ed|es)?\b|\bbus\s+attack\b|\bassassinat\w+|\bsnipers?\b|"
            r"\bsniper\s+fire\b|\bgunfire\b|\bgunned\s+down\b|\bshot\s+(?:and\s+killed|"
            r"him|her|them)\b|"
            # "security forces killed more than 40 people ..., calling it a massacre": a
            # massacre with no weapon named (generic: any weapon's cue outweighs it)
            r"\bmassacres?\b|"
            # an attack with no weapon named: weak, read only when nothing else is
            r"\battacks?\b",
            re.I,
        ),
    ),
]
ORDER = [sub for sub, _ in CUES]
WEIGHT = {  # generic words count less than specific ones
    SubEventType.AIR_DRONE_STRIKE: 1.0,
    SubEventType.REMOTE_EXPLOSIVE: 1.0,
}
GENERIC = re.compile(
    r"^(?:strikes?|raids?|blast|explosion|planes|offensive|combat|massacres?)$", re.I
)
WEAK = re.compile(r"^attacks?$", re.I)
# Israel's rockets and missiles are coded as air/drone strikes; so are the strikes it is
# said to have carried out from beyond the border.
ISRAEL = re.compile(
    r"\bby\s+(?:the\s+)?Israel(?:i\s+\w+)?\b|"
    r"\bIsrael(?:['’]s)?\s+(?:fired|launched|struck|hit|targeted|bombed|attacked|carried\s+out)\b|"
    r"\bIsraeli\s+(?:rockets?|missiles?|strikes?|attacks?|aggression|army|military|forces|"
    r"jets|warplanes|aircraft|fire|bombardment|raids?)\b",
    re.I,
)
ROCKET_OR_MISSILE = re.compile(r"^(?:rockets?|missiles?|rocket\s+launchers?)$", re.I)
# Who an attack's dead were: armed men (then an armed clash) or civilians (an attack).
ARMED_VICTIMS = re.compile(
    r"\b(?:soldiers?|troops|servicem[ae]n|militiam[ae]n|conscripts?|personnel|"
    r"(?:military|army)\s+(?:bus|convoy|vehicle|patrol|post|checkpoint|position)s?|"
    r"members\s+of\s+the\s+(?:[\w-]+\s+){0,3}(?:army|military|intelligence))\b",
    re.I,
)
# Captives killed (kidnapped, then shot; executed) are victims of an attack, armed or not.
CAPTIVES = re.compile(r"\b(?:kidnapp\w+|abduct\w+|execut\w+|captured|captives?)\b", re.I)
CIVILIAN_VICTIMS = re.compile(
    r"\b(?:civilians?|children|child|women|residents|shepherds?|farmers?|worshipp\w+|"
    r"truffle|displaced|famil(?:y|ies)|students?|journalists?|aid\s+workers?|passengers)\b",
    re.I,
)
# A drone that blows itself up is a drone strike, not a suicide bombing.
DRONE_SUICIDE = re.compile(r"\b(?:suicide|kamikaze)\s+drones?\b", re.I)


# The same cues, matched on lower-cased text: twice as fast as ignoring case (no cue
# uses an upper-case escape such as \S or \W).
LOWER_CUES = [(sub, re.compile(p.pattern.lower(), p.flags & ~re.I)) for sub, p in CUES]


def classify(
    sentences: list[tuple[int, str]], others: list[tuple[int, str]] = ()
) -> tuple[str, str, tuple[int, int] | None]:
    """(event type, sub-event type, span of the deciding cue) from ``sentences``
    given as (offset, text), the lead first; from ``others`` (the rest of the story,
    side stories left out) when they give no cue."""
    found = _classify(sentences)
    if not found[1] and others:
        found = _classify(others)
    return found


def _classify(sentences) -> tuple[str, str, tuple[int, int] | None]:
    scores: dict[str, float] = {}
    first_span: dict[str, tuple[int, int]] = {}
    words: dict[str, list[str]] = {}
    israel = False
    for n, (offset, text) in enumerate(sentences):
        weight = 2.0 if n == 0 else 1.0
        israel = israel or bool(ISRAEL.search(text))
        text = DRONE_SUICIDE.sub(lambda m: "drone".ljust(len(m.group(0))), text)
        lower = text.lower()
        cues = CUES
        if len(lower) == len(text):  # (some letters grow when lower-cased: "İ")
            text, cues = lower, LOWER_CUES
        for sub, pattern in cues:
            for m in pattern.finditer(text):
                word = m.group(0)
                value = weight * (0.1 if WEAK.match(word) else 0.5 if GENERIC.match(word) else 1.0)
                scores[sub] = scores.get(sub, 0.0) + value
                words.setdefault(sub, []).append(word)
                first_span.setdefault(sub, (offset + m.start(), offset + m.end()))
    if not scores:
        return "", "", None
    shelling = words.get(SubEventType.SHELLING, [])
    if israel and shelling and all(ROCKET_OR_MISSILE.match(w) for w in shelling):
        # "A rocket attack by Israel against positions near Damascus"
        air = SubEventType.AIR_DRONE_STRIKE
        scores[air] = scores.get(air, 0.0) + scores.pop(SubEventType.SHELLING)
        first_span.setdefault(air, first_span[SubEventType.SHELLING])
    text_of = " ".join(text for _, text in sentences)
    # A suicide cue decides over the blast/explosion words it comes with.
    best = max(
        ORDER,
        key=lambda sub: (
            scores.get(sub, 0.0)
            + (100 if sub == SubEventType.SUICIDE_BOMB and sub in scores else 0),
            -ORDER.index(sub),
        ),
    )
    span = first_span.get(best)
    if (
        best == SubEventType.ATTACK
        and ARMED_VICTIMS.search(text_of)
        and not CIVILIAN_VICTIMS.search(text_of)
        and not CAPTIVES.search(text_of)
    ):
        # "IS cells attacked a military bus, killing 15 soldiers": an armed clash
        best = SubEventType.ARMED_CLASH
    return str(SUB_EVENT_PARENT[SubEventType(best)]), str(best), span
