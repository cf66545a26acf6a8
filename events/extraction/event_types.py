"""Event type and sub-type (our ACLED codes, events.models.SubEventType) from the
words of the incident's own sentences.

Cues are scored in the event sentences, the lead counting double; the sub-type
with the highest score wins, ties going to the more specific cue in this order:
suicide bomb, chemical weapon, air/drone strike, remote explosive/IED, shelling,
armed clash, attack. No cue gives no type (the editor chooses).
"""

from __future__ import annotations

import re

from events.models import SubEventType
from events.models.incidents import SUB_EVENT_PARENT

CUES: list[tuple[str, re.Pattern]] = [
    (
        SubEventType.SUICIDE_BOMB,
        re.compile(
            r"\bsuicide\s+(?:bomb\w*|attack\w*|vest|belt|car\s+bomb|blasts?|"
            r"explosions?)|\bexplosive\s+(?:belts?|vests?)\b|\bblew\s+(?:him|"
            r"them)sel(?:f|ves)\s+up\b",
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
            r"\bhelicopters?\b|\bbarrel\s+bombs?\b|\bdrones?\b|\bplanes\b|"
            r"\bstrikes?\b|\braids?\b|"
            # Israel strikes Syria from the air (or from beyond the border, coded alike)
            r"\bIsraeli\s+missiles?\b|\bair\s+bombardments?\b|\baviation\b|\bair\s+aggression\b",
            re.I,
        ),
    ),
    (
        SubEventType.REMOTE_EXPLOSIVE,
        re.compile(
            r"\bcar\s+bomb\w*|\bIEDs?\b|\bimprovised\s+explosive|\blandmines?\b|"
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
        SubEventType.SHELLING,
        re.compile(
            r"\bshell(?:s|ing|ed)\b|\bartillery\b|\bmortars?\b|\brockets?\b|"
            r"(?<!Israeli\s)\bmissiles?\b|\bGrad\b|\brocket\s+launchers?\b",
            re.I,
        ),
    ),
    (
        SubEventType.ARMED_CLASH,
        re.compile(
            r"\bclash(?:es|ed)\b|\bfighting\b|\bbattles?\b|\bgunfight\b|\bfirefight\b|"
            # "a counter attack", "attacked a checkpoint ... using machine guns"
            r"\bcounter[- ]?attack\b|\bmachine\s*guns?\b|\battacked\s+(?:a|the)\s+(?:\w+\s+)?"
            r"(?:checkpoint|position|post|base|outpost)s?\b",
            re.I,
        ),
    ),
    (
        SubEventType.ATTACK,
        re.compile(
            r"\bshot\s+dead\b|\bgunmen\b|\bexecut\w+\b|\bstabbed\b|\bopened\s+fire\b|"
            r"\bambush(?:ed|es)?\b|\bbus\s+attack\b",
            re.I,
        ),
    ),
]
ORDER = [sub for sub, _ in CUES]
WEIGHT = {  # generic words count less than specific ones
    SubEventType.AIR_DRONE_STRIKE: 1.0,
    SubEventType.REMOTE_EXPLOSIVE: 1.0,
}
GENERIC = re.compile(r"^(?:strikes?|raids?|blast|explosion|planes)$", re.I)


def classify(sentences: list[tuple[int, str]]) -> tuple[str, str, tuple[int, int] | None]:
    """(event type, sub-event type, span of the deciding cue) from ``sentences``
    given as (offset, text), the lead first."""
    scores: dict[str, float] = {}
    first_span: dict[str, tuple[int, int]] = {}
    for n, (offset, text) in enumerate(sentences):
        weight = 2.0 if n == 0 else 1.0
        for sub, pattern in CUES:
            for m in pattern.finditer(text):
                value = weight * (0.5 if GENERIC.match(m.group(0)) else 1.0)
                scores[sub] = scores.get(sub, 0.0) + value
                first_span.setdefault(sub, (offset + m.start(), offset + m.end()))
    if not scores:
        return "", "", None
    # A suicide cue decides over the blast/explosion words it comes with.
    best = max(
        ORDER,
        key=lambda sub: (
            scores.get(sub, 0.0)
            + (100 if sub == SubEventType.SUICIDE_BOMB and sub in scores else 0),
            -ORDER.index(sub),
        ),
    )
    return str(SUB_EVENT_PARENT[SubEventType(best)]), str(best), first_span.get(best)
