"""Who a sentence says did it, and how firmly.

Frames (ACTOR is a match of events.extraction.actors):

* accused: "ACTOR air strike/artillery fire/warplanes" (a weapon or attack word
  right after the actor), "strikes/fired/carried out ... by ACTOR", "ACTOR (forces,
  fighter, ...) fired/shelled/struck/detonated/launched ...", "accused/blamed ACTOR",
  "attributed blame to ACTOR", "ACTOR was behind";
* claimed: "ACTOR claimed", "claimed by ACTOR", or the group's own outlet speaking
  ("Amaq said ...") about the attack;
* denied: "ACTOR('s ministry) denied ...", "ACTOR ... did not hit/carry out ...";
  a general denial ("has repeatedly denied harming civilians") is not about this
  incident and is left out;
* confirmed: "the Coalition (later) confirmed/acknowledged/admitted".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import around

WEAPON = (
    r"air\s*strikes?|airstrikes?|strikes?|raids?|air\s+raids?|bombing|"
    r"bombardment|shelling|artillery(?:\s+fire)?|artilleries|"
    r"fire|rockets?|rocket\s+fire|missiles?|warplanes?|war\s+planes?|planes?|"
    r"jets?|aircraft|helicopters?|drones?|gunships?|"
    r"attacks?|suicide\s+attacks?|bombers?|mortars?|shells|barrel\s+bombs|"
    r"aggression|onslaught|offensive\s+on|bombardments|bombings|(?:car\s+)?bombs?|"
    r"blasts?|explosions?|ambush(?:es)?|assaults?"
)
AGENT_NOUN = (
    r"(?:groups?|forces|fighters?|militants|troops|army|terrorists|jihadists|members|gunmen|"
    r"cells?|bombers?|attackers?|air\s+force|artillery|navy|militias?|soldiers|allies|ally|enemy|"
    r"military|mercenaries|factions?|proxies|units|affiliates|militiamen|commandos|operatives)"
)
ATTACK_VERB = (
    r"fired|shelled|targeted|bombed|struck|pounded|launched|detonated|"
    r"carried\s+out|attacked|hit|shot|killed|staged|mounted|waged|unleashed|conducted|perpetrated|"
    r"dropped|stormed|blew|performed|(?:clamped|cracked)\s+down\s+on|swept\s+into|blown\s+(?:themselves|himself|herself)\s+up|rammed|opened\s+fire|set\s+off|stepped\s+up|detonated|executed|"
    r"beheaded|abducted|kidnapped|ambushed|raided|assaulted|overran|bombarded|gunned\s+down|"
    r"assassinated|massacred|murdered|slaughtered|mortared|rocketed|shot\s+dead|"
    # "Israel renewed its aggression by firing missiles"
    r"(?:renewed|resumed|continued|intensified)\s+(?:its|their)|"
    # "the coalition committed a new massacre", "jihadists have been targeting the city"
    r"committed\s+(?:an?\s+|another\s+)?(?:new\s+|fresh\s+)?(?:massacre|attack|crime)|"
    r"(?:been\s+|(?:is|are|was|were)\s+(?:still\s+)?(?:\w+ly\s+)?)?(?:targeting|shelling|bombing|pounding|"
    r"firing|attacking|striking)"
)
MODIFIER = re.compile(
    rf"^(?:[/-][\w-]+)?(?:'s|’s|'|’)?(?:\s+and\s+[\w-]+)?\s+(?:[\w-]+(?:'s|’s|'|’)?\s+)?(?:{WEAPON})\b"
    # "FSA bomb disposal experts", "regime air raid shelters": not a weapon used
    r"(?!\s+(?:disposal|squads?|experts?|shelters?|technicians|victims?|survivors?))|"
    rf"^-led\s+(?:{WEAPON})\b",  # "Turkish-led bombardment"
    re.I,
)
# "IS has carried out similar attacks", "Israel has launched hundreds of strikes": other
# attacks than the one reported
OTHER_ATTACKS = (
    r"(?:similar|previous|other|past|earlier|such|many|several|numerous|repeated|frequent|"
    r"(?:dozens|hundreds|scores|thousands)\s+of|a\s+(?:series|string|spate|wave|number)\s+of)\s+"
    r"(?:[\w-]+\s+)?(?:attacks?|strikes?|raids?|air\s*strikes?|bombings?|operations|assaults?|"
    r"massacres|shelling)\b"
)
OTHER_BEFORE = re.compile(
    rf"\b{OTHER_ATTACKS}[^.;]{{0,60}}$|"
    # "this bombing followed an aerial attack by regime forces": an earlier attack
    r"\b(?:followed|preceded|came\s+after)\s+(?:an?|the|another)\s+(?:[\w-]+\s+){0,2}(?:attacks?|strikes?|"
    r"raids?|bombings?|shelling|bombardment|operations?|offensive|assault)\b[^.;]{0,20}$",
    re.I,
)
# "a loyalist suburb often targeted by rebel shelling": a habit, not this attack
HABITUAL_BY = re.compile(
    r"\b(?:often|frequently|regularly|routinely|repeatedly|constantly|usually)\s+(?:been\s+)?"
    r"(?:targeted|hit|shelled|bombed|struck|attacked|pounded)\s+by\s+(?:the\s+)?$",
    re.I,
)
# "Damascus regularly accuses Israel of ...": a habit, not this incident's accusation
HABITUAL_BEFORE = re.compile(
    r"\b(?:regularly|routinely|often|frequently|repeatedly|usually|long|previously|typically)\s+"
    r"(?:accus|blam|h[oe]ld)\w*\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
VERB_AFTER = re.compile(
    # '"terrorist groups" fired': a quoted name, its closing mark first
    # "the Turkish occupation forces shelled", "ISIS sleeper cells killed"
    rf"^[”\"’']?(?:[/-][\w-]+)?(?:'s|’s)?(?:\s*\([^)]*\))?"
    rf"(?:(?:\s+(?:occupation|sleeper|terror|terrorist|militant|jihadist|extremist|armed|"
    rf"military|government|regime))*\s+{AGENT_NOUN}(?:\s*\([^)]{{0,40}}\))?)?"
    # "regime forces and their Russian allies bombed", "Assad's forces and Iranian militias
    # shelled", "the Turkish army and its mercenaries shelled": the first party struck too
    rf"(?:\s+and\s+(?:its|their|the)?\s*(?:(?:[\w'’-]+\s+){{0,3}}?(?:allies|ally|backers?|partners?|"
    rf"{AGENT_NOUN})|"
    # "Hayat Tahrir al-Sham and Jaish al-Izza shelled": another group by its name
    rf"(?:(?-i:[A-Z])[\w'’-]*|al-[\w'’-]+)(?:\s+(?:(?-i:[A-Z])[\w'’-]*|al-[\w'’-]+)){{0,3}}))?"
    # "Syrian troops backed by Russian air power shelled ...", "terrorist organizations
    # positioned in Idlib countryside targeted ..."
    rf"(?:\s*,?\s+(?:backed|supported|aided|helped|led)\s+by\s+[^,.;]{{0,40}}?,?(?=\s+[a-z])|"
    rf"\s*,?\s+(?:positioned|stationed|based|deployed|entrenched|holed\s+up|active|operating)\s+"
    rf"(?:in|on|at|near|from)\s+[^,.;]{{0,40}}?,?(?=\s+[a-z])|"
    # "jihadists west of Aleppo have been targeting the city"
    rf"\s+(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|in|near|around)\s+"
    rf"(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?(?=\s+(?:have|has|had)\s+been\b))?"
    # "the YPG, which Ankara views as a terrorist group, may have carried out the attack"
    rf"(?:\s*,\s*(?:which|who)\s[^.;,]{{0,80}},)?(?:\s+(?:\w+ly|also|then|had|"
    rf"have|has|may|might|could|would|(?:on|late|early)\s+\w+day))*\s+[“\"]?(?:{ATTACK_VERB})\b"
    rf"(?!\s+{OTHER_ATTACKS})",
    re.I,
)
CLAIM_AFTER = re.compile(
    rf"^(?:\s*\([^)]*\))?(?:\s+(?:terrorist|militant|jihadist|extremist))?(?:\s+{AGENT_NOUN})?"
    # "HTS, a former Al Qaeda affiliate previously known as Nusra, claimed"
    rf"(?:\s*,\s*(?:an?|the|which|who)\s[^.;,]{{0,100}},)?"
    rf"(?:(?:\s+(?:\w+ly|also|later|has|have|had|on\s+\w+day|late\s+\w+day))*\s+(?:claimed|claims|"
    rf"(?:took|takes|assumed|accepted)\s+responsibility)\b"
    # "the SDF claimed that the Turkish army shelled": its assertion, not a claim of the attack
    rf"(?!\s+(?:that|in\s+a\s+statement\s+that)\s+(?!(?:it|its|one\s+of\s+its|the\s+group(?:'s|’s)?|"
    rf"their)\b))"
    # "Islamic State, which claimed the attack, said ...": the claim in its relative clause
    rf"|\s*,\s*(?:which|who)\s+(?:has\s+|had\s+|later\s+|also\s+|quickly\s+)*claimed\b)"
    # "IS has claimed similar bombings in the past": other attacks
    rf"(?!\s+(?:similar|previous|other|many|several|numerous|dozens|past|earlier|most|some|"
    rf"a\s+(?:series|string|spate|wave|number))\b)",
    re.I,
)
# "Russia was blamed for the raid", "the regime is accused of the attack"
BLAMED_AFTER = re.compile(
    r"^(?:/[\w-]+)?\s+(?:was|were|is|are|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:blamed|accused|"
    # "Islamic State is suspected, the Observatory said"
    r"held\s+responsible|suspected\s+of|suspected(?=\s*[,.;]|\s+(?:by|in|of)\b))\b",
    re.I,
)
# "the YPG/PKK was responsible", "IS was behind the attack"
BEHIND_AFTER = re.compile(
    # "rebels in Eastern Ghouta were responsible"
    r"^(?:/[\w-]+)?(?:\s+[\w-]+){0,4}\s+(?:was|were|is|are|may\s+be|might\s+be|could\s+be|must\s+be|"
    r"may\s+have\s+been|might\s+have\s+been|could\s+have\s+been)\s+(?:\w+ly\s+)?"
    # "IS is believed to be behind the bombing"
    r"(?:(?:believed|thought|suspected|said|widely\s+seen)\s+to\s+(?:be|have\s+been)\s+)?(?:behind|"
    r"responsible(?!\s+for\s+(?:previous|similar|other|earlier|many|several|a\s+(?:series|"
    r"string|spate|wave))))\b|"
    # "ISIS remains the main suspect"
    r"^\s+(?:remains?|is|was|are|were)\s+(?:the\s+)?(?:main|prime|chief|primary|likely|top|leading|"
    r"first)\s+suspects?\b",
    re.I,
)
DENY_AFTER = re.compile(
    # "the United States had not launched any airstrikes"
    r"^(?:'s|’s)?(?:\s+[\w-]+){0,3}\s+(?:did\s+not|didn't|never|(?:had|has|have)\s+not|hadn't|"
    r"hasn't|haven't)\s+(?:hit|carry|carried|strike|struck|target|targeted|bomb|bombed|conduct|"
    r"conducted|fly|flown|launch|launched)\b|"
    # "The YPG denied any involvement", "Russia has denied its jets struck the village",
    # "the People's Protection Units (YPG) on Thursday denied"
    r"^(?:'s|’s)?(?:\s*\([^)]{0,40}\)|\))?"
    # "Russia, which has backed Assad since 2015, denied", "Russia's defence ministry denied"
    r"(?:\s*,\s*(?:which|who)\s[^.;]{0,100}?,|(?<=s)(?:\s+(?-i:[a-z])[\w-]+){1,2}(?=\s+(?:\w+ly\s+|"
    r"has\s+|have\s+|had\s+|on\s+\w+day\s+|later\s+)*(?:denied|denies|rejected|dismissed)\b))?"
    r"(?:\s+(?:\w+ly|also|has|have|had|on\s+\w+day|later|quickly|swiftly))*\s+"
    r"(?:denied|denies|rejected|dismissed)\b(?!\s+(?:that\s+)?(?:it|they)\s+(?:was|were)\s+"
    r"(?:targeted|hit))",
    re.I,
)
# "Turkey blamed the YPG, which denied involvement": the accused party's own denial
DENIED_RELATIVE = re.compile(
    r"^(?:'s|’s)?(?:\s*\([^)]{0,40}\))?\s*,\s*(?:which|who)\s+(?:\w+ly\s+|has\s+|have\s+|had\s+)*"
    r"(?:denied|denies|rejected|dismissed)\b",
    re.I,
)
BY_BEFORE = re.compile(
    rf"\b(?:{WEAPON}|fired|carried\s+out|launched|committed|killed|targeted|conducted|"
    rf"staged|mounted|perpetrated|slaughtered|massacred|murdered|"
    # "the village was shelled by Turkish forces", "a mine planted by IS"
    rf"hit|shelled|bombed|struck|pounded|raided|attacked|ambushed|planted|caused|triggered|"
    rf"executed|shot|abducted|kidnapped|assassinated|"
    rf"dropped)\b[^.;]{{0,35}}?(?<!backed\s)(?<!held\s)(?<!controlled\s)(?<!run\s)(?<!supported\s)(?<!\bled\s)"
    # "a checkpoint manned by rebels", "a town captured by IS": whose place, not who struck
    rf"(?<!manned\s)(?<!guarded\s)(?<!operated\s)(?<!occupied\s)(?<!captured\s)(?<!seized\s)"
    rf"(?<!defended\s)(?<!used\s)(?<!owned\s)(?<!besieged\s)(?<!surrounded\s)\bby\s+(?:the\s+)?"
    # "air strikes by regime and Russian forces": both parties
    rf"(?:[\w-]+\s+and\s+(?:the\s+)?)?(?:[\w-]+(?:/\s?|\s+))?[“\"‘']?$",
    re.I,
)
LEFTOVER_BEFORE = re.compile(
    r"\b(?:remnants?\s+of|left\s+(?:behind\s+)?by|"
    r"planted\s+(?:earlier\s+)?by|left\s+over\s+(?:from|by))\s+(?:the\s+)?$",
    re.I,
)
# "jets believed to be Russian", "a drone thought to be Israeli"
BELIEVED_BEFORE = re.compile(
    rf"\b(?:{WEAPON}),?\s+(?:\w+\s+)?(?:believed|thought|suspected|said|likely)\s+to\s+"
    rf"(?:be|have\s+been)\s+(?:from\s+)?(?:the\s+)?$|"
    # "the jets were Russian", "the planes were probably Russian"
    rf"\b(?:the|these|those)\s+(?:{WEAPON})\s+(?:were|was)\s+(?:\w+ly\s+|most\s+likely\s+)?$|"
    # "the monitor identified the planes as Russian"
    rf"\bidentif(?:ied|ying|ies)\s+(?:the\s+)?(?:{WEAPON})\s+as\s+(?:being\s+)?(?:from\s+)?(?:the\s+)?$|"
    # "shelling from areas held by X"
    rf"\b(?:{WEAPON})\s+from\s+(?:areas?|positions?|territory|regions?|villages?)\s+(?:held|"
    rf"controlled)\s+by\s+(?:the\s+)?$",
    re.I,
)
# "missiles launched from Israel", "a drone fired from Turkey": a state's territory names it
FROM_STATE = frozenset({"israel", "turkey"})
FROM_BEFORE = re.compile(
    rf"\b(?:{WEAPON}|fired|launched|came|coming|flew)\s+(?:[\w-]+\s+){{0,2}}?from\s+(?:inside\s+)?"
    rf"(?:the\s+)?(?:direction\s+of\s+(?:the\s+)?)?$",
    re.I,
)
# "a shell fired from regime positions"
POSITIONS_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:positions?|areas?|territory|posts?|bases?|checkpoints?|lines)\b", re.I
)
# "rebels and the SDF traded fire": a clash, neither side named as the one who struck
CLASH_AFTER = re.compile(
    r"^(?:\s+(?:\w+ly|also|had|have|has))*\s+(?:traded|exchanged|clashed|fought)\b", re.I
)
# "warplanes of the US-led coalition", "jets belonging to the regime"
OF_BEFORE = re.compile(
    r"\b(?:warplanes|war\s*planes|jets|aircraft|planes|helicopters|drones|artillery|gunboats|"
    r"tanks)\s+(?:belonging\s+to|of|from)\s+(?:the\s+)?[“\"‘']?$",
    re.I,
)
# "an IS-claimed suicide bombing"
HYPHEN_CLAIMED = re.compile(r"^-claimed\b", re.I)
CLAIMED_BY_BEFORE = re.compile(r"\bclaimed\s+by\s+(?:the\s+)?$", re.I)
ACCUSE_BEFORE = re.compile(
    r"\b(?:accus\w+|blam\w+|attributed\s+(?:(?:the\s+)?blame\s+)?to|held\s+responsible|"
    r"holding\s+responsible|pointed\s+(?:the\s+finger\s+)?(?:at|to)|blam(?:ed|es|ing)\s+on)\s+(?:both\s+)?"
    # "accused the armed Kurdish YPG", "blamed the so-called Jaish al-Islam"
    r"(?:the\s+)?(?:(?:armed|so-called|notorious|outlawed|banned|extremist|terrorist|jihadist|"
    r"militant|hardline|radical|separatist|Kurdish|Syrian|Arab|Islamist|Sunni|Shiite|foreign|"
    r"local)\s+){0,2}[“\"‘']?$|"
    # "the Observatory said it suspected IS", "police suspect the YPG"
    r"\b(?:it|they|he|she|we|officials?|police|authorities|sources?|forces)\s+(?:\w+ly\s+)?"
    r"suspect(?:ed|s)?\s+(?:that\s+)?(?:the\s+)?$|"
    # "security forces believe it to be the work of the YPG"
    r"\b(?:the\s+)?work\s+of\s+(?:the\s+)?$|"
    # "the perpetrators are Turkey-backed militant groups"
    r"\bperpetrators?\s+(?:are|were|was|is)\s+(?:the\s+)?$|"
    # "the attack bore the hallmarks of the Islamic State group"
    r"\bhallmarks\s+of\s+(?:an?\s+)?(?:the\s+)?$|"
    # "attributed the bombing to IS"
    r"\battribut\w+\s+(?:the|an?|this|that|it)\s+(?:[\w-]+\s+){0,3}?to\s+(?:the\s+)?$|"
    # "security forces believe it to be the work of the YPG"
    r"\b(?:the\s+)?work\s+of\s+(?:the\s+)?(?:(?:terrorist|armed|Kurdish|militant|jihadist)\s+){0,2}$|"
    # "blamed the blast on the Syrian Kurdish YPG"
    r"\bblam\w+\s+(?:the|an?|this|that)\s+(?:[\w-]+\s+){0,3}?on\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?[“\"‘']?$",
    re.I,
)
# "the ministry held the YPG responsible"
# "Ankara held Kurdish militants from the YPG and the PKK responsible": each party named
# between "held" and "responsible"
HELD_BEFORE = re.compile(r"\b(?:held|holds?|holding)\s+(?:[^.;]{0,80}?\s)?(?:the\s+)?$", re.I)
RESPONSIBLE_AFTER = re.compile(
    r"^(?:[^.;]{0,90}?\s)?(?:fully\s+|directly\s+)?responsible\b",
    re.I,
)
CONFIRM_AFTER = re.compile(
    r"^(?:\s+\w+)?\s+(?:later\s+)?(?:confirmed|acknowledged|admitted)\b", re.I
)
# "the coalition said it carried out a strike", "Turkey's defence ministry said its jets
# struck": the party's own word that it struck.
SELF_AFTER = re.compile(
    r"^(?:'s|’s)?(?:\s+[\w-]+){0,3}?\s+(?:said|says|announced|stated|confirmed|acknowledged|"
    r"admitted)\s+"
    r"(?:(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+|in\s+a\s+statement\s+)?(?:that\s+)?"
    r"(?:(?:it|its\s+(?:forces|aircraft|jets|warplanes|planes|drones|troops|army|military|"
    r"fighters|units))\s+(?:had\s+|has\s+)?"
    r"(?:carried\s+out|conducted|struck|launched|hit|targeted|bombed|detonated|"
    # "Turkey's defence ministry said it had neutralised 12 terrorists"
    r"neutrali[sz]ed|destroyed|killed|eliminated|"
    r"(?:was|is)\s+(?:responsible|behind))\b|"
    # "Turkey said the strikes were against PKK bases": the party tells what its strikes hit
    r"(?:the|its|these|those|their)\s+(?:[\w-]+\s+)?(?:air\s*strikes|airstrikes|strikes|raids|"
    r"operations?|bombardment)\s+(?:had\s+|have\s+)?(?:were\s+|was\s+)?(?:against|targeted|"
    r"aimed\s+at|directed\s+at|hit|struck|destroyed|only\s+targeted|targeting)\b)",
    re.I,
)
# "a strike by the coalition against IS has killed": the party after "against" is the
# target, not the subject of the verb that follows it.
TARGET_BEFORE = re.compile(
    r"\b(?:against|targeting|fighting|battling)\s+(?:the\s+)?$|"
    # "clashes between rebels and regime forces killed 50", "fighting with IS left 10 dead":
    # the clashes killed, not the party named last
    r"\b(?:between|clash(?:es|ed)?\s+with|fighting\s+with|battles?\s+with)\s+(?:[^.;]{0,60}?\s+and\s+)?"
    r"(?:the\s+)?$",
    re.I,
)
# "in retaliation for the pro-Iran militias' drone attacks": the attack answered, not this one
RETALIATION_BEFORE = re.compile(
    r"\b(?:retaliation|response|revenge|reprisal|retribution)\s+(?:to|for)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w'’-]+\s+){0,6}$",
    re.I,
)
# "The attack came as Kurdish forces held off an assault by Turkey": the setting of the
# attack, not its perpetrator
SETTING_BEFORE = re.compile(r"\b(?:came|comes|coming)\s+(?:as|amid|while|during)\b[^.;]*$", re.I)
BACKER_BEFORE = re.compile(
    r"\b(?:backed|supported|aided|helped|covered|assisted|supplied)\s+by\s+(?:the\s+)?$", re.I
)
# "no Russian aircraft was operating in the area": the party is said not to have been there
NEGATED_BEFORE = re.compile(r"\b(?:no|neither|nor)\s+(?:the\s+)?$", re.I)
# "in January the Islamic State group claimed a suicide attack", "a day after militants'
# mortar fire killed nine": an attack at another time than the one reported
OTHER_TIME_BEFORE = re.compile(
    # a month or year only after "but", "while", a comma...: "In March, Russian jets struck
    # X" may open a report on March's own attack
    r"(?:\b(?:but|while|whereas|although|and)|[,;])\s+(?:in|since)\s+"
    r"(?:(?:early|late|mid-?)\s*)?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|(?:19|20)\d\d)\s*,?\s+(?:the\s+)?$|"
    r"\b(?:last\s+(?:week|month|year)|earlier\s+this\s+(?:week|month|year)|"
    r"(?:a|one|two|three|four|five|several|\d+)\s+(?:days?|weeks?|months?|years?)\s+"
    r"(?:after|before))\s*,?\s+(?:the\s+)?$",
    re.I,
)
GENERAL_DENIAL = re.compile(
    r"\b(?:repeatedly|consistently|always|routinely)\s+denied\b|\bhas\s+denied\s+targeting\b", re.I
)


# "15 pro-regime fighters killed in a strike", "soldiers shot by snipers": the party is
# the one it was done to
PASSIVE_NEXT = re.compile(
    r"\s+(?:by|alongside)\b|(?:(?<=killed)|(?<=shot)|(?<=executed)|(?<=beheaded)|(?<=abducted)|"
    r"(?<=kidnapped))\s+(?:in|during|when|while|after|as|on)\b",
    re.I,
)


def _acts(after: str) -> bool:
    m = VERB_AFTER.match(after)
    return bool(m) and not PASSIVE_NEXT.match(after, m.end())


# "Turkish forces immediately retaliated with artillery fire", "killed by SDF shelling
# that was fired in response": the answer to the attack, another one
ANSWERS_AFTER = re.compile(
    r"[^.;]{0,60}?\b(?:retaliated|responded|hit\s+back|fired\s+back|returned\s+fire|"
    r"fired\s+in\s+(?:response|retaliation))\b",
    re.I,
)


@dataclass(frozen=True)
class Allegation:
    actor: str
    stance: str  # accused | claimed | denied | confirmed
    start: int
    end: int


def find_allegations(
    text: str, offset: int, actors: list[tuple[str, int, int]]
) -> list[Allegation]:
    """Allegations of one sentence; ``actors`` are its actor mentions (report offsets)."""
    out = []
    general_denial = bool(GENERAL_DENIAL.search(text))
    for key, start, end in actors:
        span = around(text, offset, start, end, before=60, after=80)
        before, after = span.before, span.after
        stance = None
        if DENY_AFTER.match(after):
            stance = "denied"
        elif (
            CLAIM_AFTER.match(after)
            or CLAIMED_BY_BEFORE.search(before)
            or HYPHEN_CLAIMED.match(after)
        ):
            stance = "claimed"
        elif key == "us_led_coalition" and CONFIRM_AFTER.match(after):
            stance = "confirmed"
        elif SELF_AFTER.match(after):
            stance = "claimed"
        elif (
            (
                not TARGET_BEFORE.search(before)
                and not CLASH_AFTER.match(after)
                and (MODIFIER.match(after) or _acts(after))
            )
            or BEHIND_AFTER.match(after)
            or BLAMED_AFTER.match(after)
            or (BY_BEFORE.search(before) and not OTHER_BEFORE.search(before))
            or (ACCUSE_BEFORE.search(before) and not HABITUAL_BEFORE.search(before))
            or BELIEVED_BEFORE.search(before)
            or LEFTOVER_BEFORE.search(before)
            or OF_BEFORE.search(before)
            or (FROM_BEFORE.search(before) and (key in FROM_STATE or POSITIONS_AFTER.match(after)))
            or (HELD_BEFORE.search(before) and RESPONSIBLE_AFTER.match(after))
        ):
            stance = "accused"
        if stance and (
            NEGATED_BEFORE.search(before)
            # "government forces, backed by Russian warplanes, shelled": the backer
            or (stance == "accused" and BACKER_BEFORE.search(before))
            or OTHER_TIME_BEFORE.search(before)
            or (stance == "accused" and HABITUAL_BY.search(before))
            or (stance == "accused" and RETALIATION_BEFORE.search(before))
            or (stance == "accused" and SETTING_BEFORE.search(text, 0, start - offset))
        ):
            continue
        if stance is None and out and out[-1].end <= start:
            # "blamed both the Syrian regime and Russia", "by regime and Russian forces":
            # a party joined by "and" to one just alleged shares its stance.
            gap = text[out[-1].end - offset : start - offset]
            if JOINED.fullmatch(gap):
                stance = out[-1].stance
        if stance == "denied" and general_denial:
            continue
        if stance:
            out.append(Allegation(key, stance, start, end))
            if stance == "accused" and DENIED_RELATIVE.match(after):
                out.append(Allegation(key, "denied", start, end))
    return out


JOINED = re.compile(
    # "accused regime forces and Iranian militias", "the Syrian regime and its Russian ally"
    r"(?:'s|’s)?(?:\s+(?:forces|troops|fighters|militias?|army|jets|warplanes|aircraft|units|"
    r"artillery|drones?|helicopters))?(?:\s*\([^()]{0,40}\))?\s*,?\s*(?:and|as\s+well\s+as|along\s+with|"
    r"together\s+with)\s+(?:the\s+|its\s+ally\s+|its\s+allies\s+|its\s+|their\s+)?"
)


# Denials, read by the pipeline and by events.extraction.stories.
DENYING_VERBS = {"denied", "insisted", "rejected", "dismissed"}


DENIAL = re.compile(
    r"\b(?:did\s+not|didn't|denied|denies|deny)\b|"
    r"\b(?:claims?|reports?|allegations?|accusations?)\b[^.;]{0,80}\b(?:were|was|are|is)\s+"
    r"(?:\w+ly\s+)?(?:untrue|false|baseless|fabricated|lies|fake|groundless|unfounded|not\s+true|"
    r"disinformation|propaganda)\b|"
    r"\b(?:its|their)\s+(?:[\w-]+\s+){0,2}(?:had|have|has|did|were|was)\s+not\s+(?:been\s+)?"
    r"(?:carr|conduct|strik|struck|bomb|hit|target|fl[yieo]|involv|launch)",
    re.I,
)


# "X said that claims of civilian casualties were untrue": a party's voice denying.
CALLED_UNTRUE = re.compile(
    r"\b(?:claims?|reports?|allegations?|accusations?)\b[^.;]{0,80}\b(?:were|was|are|is)\s+"
    r"(?:\w+ly\s+)?(?:untrue|false|baseless|fabricated|lies|fake|groundless|unfounded|not\s+true|"
    r"disinformation|propaganda)\b",
    re.I,
)


# "The ministry said its jets had not carried out any strikes near X": the voice's own
# forces did not strike.
OWN_NOT = re.compile(
    r"\b(?:its|their)\s+(?:[\w-]+\s+){0,2}(?:had|have|has|did|were|was)\s+not\s+(?:been\s+)?"
    r"(?:carr|conduct|strik|struck|bomb|hit|target|fl[yieo]|involv|launch)",
    re.I,
)
