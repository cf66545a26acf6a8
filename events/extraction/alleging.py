"""Who the report says did it: the allegations of a report's event sentences, each
with the voices that make it.

Per sentence, :func:`events.extraction.attribution.find_allegations` finds who is
named as the perpetrator and how firmly (accused, claimed, denied, confirmed); this
module decides who says so:

* accused: the sentence's speakers, except a party's own voice and a denier ("The
  LCC said the planes were Russian while the Observatory said ...": the voice of the
  allegation's own clause); a party named as accusing with no voice speaking ("a
  blast Turkey blames on the YPG") through the party's voice; else the reporter;
* claimed: the group's outlet (Amaq) or the party's own voice, else its usual voice
  ("Turkey said" is Turkey's government);
* denied: the party's voice that denies, else the one the text names for it, else its
  usual one;
* "not clear whether the regime or its Russian ally" withdraws accusations in its own
  clause;
* one attack, one claimant, and a generic label ("jihadists") folded into the one
  armed group the report names.
"""

from __future__ import annotations

import re

from .actors import GENERIC_LABEL, NAMED_GROUPS, find_actors, refer_back
from .attribution import (
    ANSWERS_AFTER,
    CALLED_UNTRUE,
    DENIAL,
    DENYING_VERBS,
    GENERAL_DENIAL,
    OWN_NOT,
    Allegation,
    find_allegations,
)
from .speech import speaker_at
from .stories import ATTACK_OR_BLAST, BACKGROUND
from .text import clauses
from .voices import ANAPHORA

HEDGE = re.compile(
    r"\b(?:not|n[o’']t)\s+(?:immediately\s+)?(?:clear|known)\s+(?:whether|if|who|which)\b|"
    r"\bunclear\s+(?:whether|if|who)\b|"
    # "by either Syrian or Russian warplanes": the text does not say which
    r"\beither\s+(?:[\w-]+\s+){1,3}or\s+(?:[\w-]+\s+){0,2}(?:war)?(?:planes|jets|aircraft|"
    r"warplanes|forces|helicopters)\b|"
    # "jets believed to be Russian or Syrian", "without specifying whose planes"
    r"\b(?:Russian|Syrian|regime|government|Turkish|Israeli|coalition|American|US)\s+or\s+"
    r"(?:the\s+|its\s+)?(?:Russian|Syrian|regime|government|Turkish|Israeli|coalition|American|US)\b|"
    r"\bwithout\s+(?:specifying|saying|identifying|naming)\b",
    re.I,
)

STATE_CARRIERS = {"sana", "state_media", "state_tv"}
QUOTING = re.compile(
    r"(?:\s+news\s+agency|\s+agency)?(?:\s+(?:also|later|earlier|on\s+\w+day))*\s*,?\s+(?:quoted|quoting|cited|"
    r"citing)\b",
    re.I,
)
# The party each party's voice speaks for.
PARTY_OF_VOICE = {
    "russia_gov": "russia",
    "turkey_mod": "turkey",
    "sdf": "sdf",
    "russia_mod": "russia",
    "turkey_gov": "turkey",
    "coalition": "us_led_coalition",
    "is_claim": "islamic_state",
    "kurdish_source": "sdf",
    "israel_mil": "israel",
    "israel_source": "israel",
    "us_military": "united_states",
    # "the Syrian army said it targeted terrorist positions": the government's own word
    "gov_source": "government",
}
# A party's usual voice, when the text names none of its voices.
OWN_VOICE = {
    "ypg": "kurdish_source",
    # "the Syrian government accused Turkey", "Damascus blamed Israel"
    "government": "gov_source",
    **{party: voice for voice, party in reversed(PARTY_OF_VOICE.items())},
}
# Parties a voice speaks for besides its own ("US Central Command" for US forces).
ALSO_PARTY = {"coalition": {"united_states"}, "kurdish_source": {"ypg"}}
# Voices of a party's armed forces, which tell of their own strikes.
SELF_REPORTING = {
    "israel_mil",
    "israel_source",
    "coalition",
    "russia_mod",
    "turkey_mod",
    "us_military",
}
OWN_ATTACK = re.compile(
    r"\b(?:attacked|struck|targeted|bombed|carried\s+out\s+(?:an?\s+|the\s+)?(?:air\s*)?strikes?|"
    r"launched\s+(?:an?\s+)?(?:air\s*)?strikes?)\b",
    re.I,
)
# "Turkey said ...", "Moscow denied ...": a state named as speaking is its government.
STATE_NAME = re.compile(r"(?:Turkey|Ankara|Russia|Moscow|the\s+Kremlin|Kremlin)", re.I)
GOVERNMENT_VOICE = {"turkey": "turkey_gov", "russia": "russia_gov"}


# "US Central Command said it carried out the strike": the coalition's voice speaking for
# US forces
US_COMMAND = re.compile(r"CENTCOM|Central\s+Command|Pentagon", re.I)


def _party_of(m, text: str) -> str | None:
    """The party the voice mention ``m`` speaks for."""
    if m.voice.key == "coalition" and US_COMMAND.search(text, m.start, m.end):
        return "united_states"
    return PARTY_OF_VOICE.get(m.voice.key)


def speaks_for(voice_key: str, actor: str) -> bool:
    return PARTY_OF_VOICE.get(voice_key) == actor or actor in ALSO_PARTY.get(voice_key, ())


def party_voice(actor: str, has: set[str], outlet_key: str) -> str:
    """Who speaks for ``actor`` when the text says "Russia denied": the party's voice
    the text names ("Russia's defence ministry"), else its usual one."""
    named = [v for v, party in PARTY_OF_VOICE.items() if party == actor and v in has]
    return named[0] if named else OWN_VOICE.get(actor, outlet_key)


AND_DENIED = re.compile(
    r"\band\s+(?:\w+ly\s+)?(?:denied|rejected|dismissed)\s+(?:the\s+|any\s+|all\s+)?"
    r"(?:claims?|allegations?|accusations?|reports?|involvement|responsibility)\b",
    re.I,
)


def denies(m, sent_text: str) -> bool:
    """Whether the voice mention ``m`` denies in its sentence: "denied", or a party's
    own voice saying claims were untrue or its forces did not strike."""
    return m.verb in DENYING_VERBS or (
        m.verb in ("said", "says", "stated", "added", "announced")
        and m.voice.key in PARTY_OF_VOICE  # only a party's own voice denies so
        and bool(
            CALLED_UNTRUE.search(sent_text)
            or OWN_NOT.search(sent_text)
            # "the ministry said the report was false and denied the claims"
            or AND_DENIED.search(sent_text)
        )
    )


# "a blast Turkey blames on the YPG", "Damascus accused Israel of ...": a party named as
# the one who accuses, with no voice speaking in the sentence.
PARTY_ACCUSES = re.compile(
    # "the Turkish Defence Ministry accuses Kurds": the party through one of its bodies
    r"^(?:'s|’s)?(?:\s+(?:national|defen[cs]e|foreign|interior|ministry|government|military|army|"
    r"officials?|authorities|presidency))*"
    r"\s+(?:\w+ly\s+|has\s+|have\s+|had\s+|also\s+|on\s+\w+day\s+)*"
    r"(?:blames?|blamed|accuse[sd]?|holds|held)\b[^.;]*$",
    re.I,
)


def _accusing_party(sent, actors, al, has: set[str], outlet_key: str) -> list[str]:
    """The voice of a party that the sentence names as accusing ``al``'s actor (through
    the party's voice the text names, else its usual one); none if no party accuses."""
    for key, _start, end in reversed(actors):
        if end > al.start or key == al.actor or key not in OWN_VOICE:
            continue
        if PARTY_ACCUSES.match(sent.text[end - sent.start : al.start - sent.start]):
            return [party_voice(key, has, outlet_key)]
    return []


def _usual_voice(text: str, al: Allegation, outlet_key: str) -> str:
    """The voice of a party claiming with none of its voices named: "Turkey said ..."
    is its government, "the Turkish military said ..." its usual voice."""
    if al.actor in GOVERNMENT_VOICE and STATE_NAME.fullmatch(text[al.start : al.end]):
        return GOVERNMENT_VOICE[al.actor]
    return OWN_VOICE.get(al.actor, outlet_key)


# "Rebels said pro-government forces shelled the town": an attack told by its verb.
ATTACK_DONE = re.compile(
    r"\b(?:shelled|bombed|struck|pounded|targeted|fired|dropped|detonated|attacked|ambushed|"
    r"hit|raided|carried\s+out|launched|planted|blew\s+up|neutrali[sz]ed|"
    r"been\s+(?:shelling|bombing|targeting|pounding|firing\s+on|attacking))\b",
    re.I,
)


# "SANA said it was an American aggression": Syrian state media's word for an attack
AGGRESSION = re.compile(r"\baggression\b", re.I)


# "since the morning", "since dawn": the day's own attack, not background
SINCE_TODAY = re.compile(
    r"\bsince\s+(?:the\s+(?:early\s+)?(?:morning|afternoon|evening)|dawn|daybreak|midnight|"
    r"early\s+(?:morning|\w+day)|(?:this|last)\s+(?:morning|night)|\w+day\s+(?:morning|night))\b",
    re.I,
)


def _background(sent: str) -> bool:
    """Whether a sentence tells the war's background ("has carried out strikes since
    2015", "for years") rather than the event ("targeting the city since the morning")."""
    return any(
        not (m.group(0).lower() == "since" and SINCE_TODAY.match(sent, m.start()))
        for m in BACKGROUND.finditer(sent)
    )


def _told(item: dict) -> bool:
    """Whether a sentence that is not one of the event's still tells who did it: an
    attack told by its verb, with no toll and no attack noun ("Rebels said
    pro-government forces shelled the town"), an attack noun told by a voice ("The
    casualties were caused by mortar attacks by PKK/YPG terrorists, according to the
    ministry's statement"), or a party's voice saying its forces did not strike
    ("Russia's defence ministry said its aircraft had not flown over X")."""
    if item["event"] or item["side"] or item["cumulative"]:
        return False
    sent, mentions = item["sent"].text, item["mentions"]
    by_verb = bool(
        ATTACK_DONE.search(sent)
        or (
            (ATTACK_OR_BLAST.search(sent) or AGGRESSION.search(sent))
            and (any(m.speaker for m in mentions) or ANAPHORA.search(sent))
        )
    )
    return (
        (by_verb or bool(STANCE_WORD.search(sent)))
        and not _background(sent)
        and bool(find_actors(sent))
    ) or (
        bool(OWN_NOT.search(sent) or DENIAL.search(sent))
        and any(m.speaker and m.voice.key in PARTY_OF_VOICE for m in mentions)
    )


# "Islamic State is suspected", "Russia's defence ministry dismissed the report": a
# stance on who did it, with no attack word
STANCE_WORD = re.compile(
    r"\b(?:claim\w*|blam\w+|accus\w+|den(?:y|ied|ies)|behind|responsib\w+|perpetrat\w+|"
    r"suspect\w*|dismiss\w*|reject\w*|attribut\w+|hallmarks)\b",
    re.I,
)


def _another_day(item: dict, event_date) -> bool:
    """Whether a sentence dates what it tells to another day than the event's ("Late
    Wednesday, air defenses intercepted missiles" in a story of Thursday's strikes)."""
    days = [d.date for d in item["dates"] if d.precision == "day" and not d.reporting]
    return event_date is not None and bool(days) and all(day != event_date for day in days)


def _carried_on(item: dict, before: dict | None) -> list[str]:
    """The voice whose account a toll sentence naming no voice goes on with: the one voice
    that gave a toll in the sentence right before ("At least 56 civilians were killed ...,
    according to the Observatory. Ten others were killed in coalition strikes on X": the
    Observatory's account, the coding guide's rule for tolls)."""
    if before is None or item["mentions"] or not item["claims"] or not before["claims"]:
        return []
    keys = list(dict.fromkeys(m.voice.key for m in before.get("speakers", [])))
    return keys if len(keys) == 1 else []


def collect(
    text: str,
    info: list,
    main: list,
    *,
    event_date,
    has: set[str],
    outlet_key: str,
    source_for,
    known,
) -> tuple:
    """Allegations of the report: in the event's sentences ``main``, and in the other
    sentences of ``info`` that tell who did it (:func:`_told`) with no other day than
    the event's (the pipeline's sentence records: "sent", "mentions", "speakers",
    "event", "side", "cumulative", "dates"), as {(actor, stance): {"span", "by",
    "spans"}}; and how the lead names the perpetrator (text, start, end) or None.
    ``source_for(key, span)`` makes each alleging voice a source; ``known`` are the
    voices by key (a key not in it is left out)."""
    told = [
        it
        for it in info
        if _told(it)
        # with no event day found, a day it names cannot be another one's
        and (
            event_date is None
            or all(d.date == event_date for d in it["dates"] if d.precision == "day")
        )
    ]
    lead = main[0]["sent"].index if main else -1
    items = sorted(
        [it for it in main if it["sent"].index == lead or not _another_day(it, event_date)] + told,
        key=lambda it: it["sent"].index,
    )
    alleged: dict[tuple[str, str], dict] = {}

    def allege(alleged: dict, al: Allegation, stance: str, by: list[str]) -> None:
        entry = alleged.setdefault(
            (al.actor, stance), {"span": (al.start, al.end), "by": [], "spans": []}
        )
        if (al.start, al.end) not in entry["spans"]:
            entry["spans"].append((al.start, al.end))
        for key in by:
            if key not in known and key != "outlet":
                continue
            source_for(key, (al.start, al.start))
            if key not in entry["by"]:
                entry["by"].append(key)

    stated = None
    by_index = {it["sent"].index: it for it in info}
    for item in items:
        sent = item["sent"]
        carried_on = _carried_on(item, by_index.get(sent.index - 1))
        own_spans = [(m.start, m.end, PARTY_OF_VOICE.get(m.voice.key)) for m in item["mentions"]]
        actors = [
            a
            for a in find_actors(sent.text, sent.start)
            if not any(s < a[2] and a[1] < e and party != a[0] for s, e, party in own_spans)
        ]
        actors = refer_back(
            text,
            sent.text,
            sent.start,
            actors,
            tuple((actor, entry["span"][0]) for (actor, _stance), entry in alleged.items()),
        )
        found = find_allegations(sent.text, sent.start, actors)
        if sent.index != lead:
            # past the lead, a party hitting back is another attack than the event
            found = [
                al
                for al in found
                if not ANSWERS_AFTER.match(sent.text, al.end - sent.start) or al.stance == "denied"
            ]
        hedges = [sent.start + h.start() for h in HEDGE.finditer(sent.text)]
        if hedges:
            # "not clear whether the regime or its Russian ally": nobody is accused, in
            # the clause that says so ("X said the planes were Syrian while the
            # Observatory said it was not clear" keeps X's word).
            parts = clauses(sent) or [(sent.start, sent.end)]
            hedged = [c for c in parts if any(c[0] <= h < c[1] for h in hedges)]
            found = [
                al
                for al in found
                if al.stance != "accused" or not any(a <= al.start < b for a, b in hedged)
            ]
        deniers = [m for m in item["speakers"] if denies(m, sent.text)]
        if GENERAL_DENIAL.search(sent.text):
            deniers = []
        claimers = [m for m in item["mentions"] if m.voice.key == "is_claim"]
        # A party's voice denying, with no actor named ("Moscow denied bombing ..."):
        # the party denies.
        for m in deniers:
            party = _party_of(m, text)
            if party and not any(al.actor == party for al in found):
                found.append(Allegation(party, "denied", m.start, m.end))
        # "US officials said the United States had not launched any strikes": the party's
        # own voice in a sentence that has it deny is its denier
        denying = {al.actor for al in found if al.stance == "denied"}
        for al in found:
            stance = al.stance
            own = [m for m in item["speakers"] if speaks_for(m.voice.key, al.actor)]
            own_deniers = [
                m for m in item["speakers"] if m in deniers or (al.actor in denying and m in own)
            ]
            own_deniers = [m for m in own_deniers if speaks_for(m.voice.key, al.actor)]
            accusers = [
                m.voice.key
                for m in item["speakers"]
                if m not in deniers and m.voice.key != "is_claim" and m not in own
            ]
            if "gov_source" in accusers:
                # "Police officials said ..., SANA reported", "a statement carried by SANA":
                # the state agency carries the officials' word; "SANA quoted a military
                # source as saying": the agency speaks
                quoting = [
                    m.voice.key
                    for m in item["mentions"]
                    if m.voice.key in STATE_CARRIERS and QUOTING.match(text, m.end)
                ]
                accusers = [k for k in accusers if k not in STATE_CARRIERS and k != "gov_source"]
                accusers = list(dict.fromkeys(accusers + (quoting or ["gov_source"])))
            if accusers:
                # "The LCC said the planes were Russian while the Observatory said ...":
                # the voice whose reporting frame holds the allegation
                said = item.get("said", [])
                frame = speaker_at(said, al.start)
                near = [k for k in frame.keys if k in accusers] if frame else []
                if frame is None and any(f.keys for f in said):
                    near = [outlet_key]  # no voice's frame holds it: the reporter's telling
                accusers = near or accusers
            if own_deniers and stance == "accused":
                if accusers:  # "Moscow denied ... after a monitor said Russian strikes ..."
                    allege(alleged, al, "accused", accusers)
                stance = "denied"
            if stance == "accused" and own and not accusers:
                stance = "claimed"  # the party's own voice says it struck
            if stance == "denied":
                by = [m.voice.key for m in own_deniers or own] or [
                    party_voice(al.actor, has, outlet_key)
                ]
            elif stance == "claimed":
                by = [m.voice.key for m in claimers or own] or [_usual_voice(text, al, outlet_key)]
            elif stance == "confirmed":
                by = [OWN_VOICE.get(al.actor, outlet_key)]
            else:
                by = (
                    accusers
                    or _accusing_party(sent, actors, al, has, outlet_key)
                    or carried_on
                    or [outlet_key]
                )
            allege(alleged, al, stance, by)
            if stated is None and sent.index == lead:
                stated = (text[al.start : al.end], al.start, al.end)
        # An IS outlet speaking about the attack is a claim even without "claimed".
        if claimers and not any(
            a.actor == "islamic_state" and a.stance == "claimed" for a in found
        ):
            if any(m.speaker for m in claimers):
                m = claimers[0]
                allege(
                    alleged,
                    Allegation("islamic_state", "claimed", m.start, m.end),
                    "claimed",
                    ["is_claim"],
                )

        # "An Israeli military spokesman reported that fighter planes attacked military
        # targets": a party's own voice telling of its attack, no one else named, claims it.
        if not found and OWN_ATTACK.search(sent.text) and not DENIAL.search(sent.text):
            for m in item["speakers"]:
                party = _party_of(m, text)
                if party and m.voice.key in SELF_REPORTING:
                    allege(
                        alleged,
                        Allegation(party, "claimed", m.start, m.end),
                        "claimed",
                        [m.voice.key],
                    )

    # One attack, one claimant: "an umbrella group of Islamist rebels has claimed" and
    # "Hayat Tahrir al-Sham ... claimed responsibility" name the same group.
    if ("opposition", "claimed") in alleged and any(
        stance == "claimed" and actor != "opposition" for actor, stance in alleged
    ):
        del alleged[("opposition", "claimed")]
    # "a landmine planted by jihadists", then "left behind by IS militants": a generic
    # label and the one armed group the report names with the same stance are one party.
    generic = alleged.get(("opposition", "accused"))
    if generic and all(GENERIC_LABEL.fullmatch(text[a:b]) for a, b in generic["spans"]):
        named = [key for key in alleged if key[0] in NAMED_GROUPS and key[1] == "accused"]
        if len(named) == 1:
            entry = alleged[named[0]]
            entry["by"] += [key for key in generic["by"] if key not in entry["by"]]
            entry["spans"] += generic["spans"]
            del alleged[("opposition", "accused")]
    return alleged, stated
