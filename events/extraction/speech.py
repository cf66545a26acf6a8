"""Who said what, clause by clause: the reporting frames of one sentence.

A frame is a reporting verb ("said", "told", "reported", "according to", ...), the
voices that are its subject, and its complement: the span of the sentence that the
speaker answers for. The speaker rule of docs/extraction-coding.md then reads off a
frame: a figure or an allegation is the voice's whose frame holds it, the innermost
one when frames nest ("Y said ..., according to X": Y's), and the reporter's when no
frame holds it.

Orders read:

* forward, "X said (that) ...": from the verb to the end of the sentence, or to the
  clause that the next voice speaks ("X said 53 died, while Y put the toll at 25");
* inverted, "..., the Observatory said" and '"...," the ministry said', also after the
  verb ("..., said the Observatory"): from the start of the sentence (or the end of the
  frame before) to the voice;
* mid-sentence, "Ten people, the monitor said, were killed": the sentence around it;
* "according to X", anywhere: the rest of the sentence.

A pronoun or a noun standing for a voice named before ("it said", "the group added",
"the monitor said") speaks for the voices the caller passes as ``previous``.
A quotation running over several sentences speaks with the voice named where it
closes (:func:`opens_quote`, :func:`closes_quote`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .voices import AFTER_TIGHT, BEFORE

# what may stand between a clause's start and an inverted speaker: "..., the Britain-based
# monitor said", '"...," the ministry said'
INVERTED_LEAD = re.compile(
    r"(?:,|[\"”]|’(?!\w))\s*,?\s*(?!(?:which|that|who|whom|and|but|while|as)\b)"
    r"(?:[\w'’.()-]+\s+){0,8}\(?$",
    re.I,
)
PUNCT = re.compile(r"[,;:\"“”]")
# the speaker's own words going on after an inverted frame: "..., said X, adding that ..."
PARTICIPLE = re.compile(
    r",\s+(?:adding|blaming|accusing|saying|noting|explaining|claiming|denying|stressing)\b",
    re.I,
)
# whom a voice told: "told AFP", "told Syria Direct", "told reporters"
RECEIVER = re.compile(r"\s+(?:the\s+|an?\s+)?[\w.'’-]+(?:\s+[A-Z][\w.'’-]*)*")
# a sentence opening with "According to X, ...": the frame reaches the first comma after X
OPENING = re.compile(r"^\W*(?:and\s+|but\s+)?(?:\w+ly\s+)?according\s+to\b", re.I)
# where a new clause may start: "while", "whereas", "but", "as", ";"
CLAUSE_BREAK = re.compile(
    r",?\s+while\s+|;\s+|,\s+whereas\s+|,\s+but\s+|,\s+as\s+(?!well\b|many\b|much\b)|,\s+and\s+",
    re.I,
)
# what may follow the verb of an inverted frame before a comma or the sentence's end: "...,
# the monitor said.", "..., the ministry said in a tweet on Monday, adding ...", "Ten people,
# the monitor said, were killed"; a forward frame's complement follows it instead ("...,
# SANA said 31 people were killed")
FRAME_TAIL = re.compile(
    r"^(?:\s+(?:on|in|late|early|earlier|later|last|this|yesterday|today|tonight|to|told|via|"
    r"through|at|from|by|citing|quoting|while|when|after|before|according|without|as|"
    r"\w+day|\w+ly)\b[^,;“”\"]*?)?\s*(?:,|[.!?]?[\"”’)]?\s*$)",
    re.I,
)
# pronouns and nouns that stand for a voice named before
ANAPHOR = re.compile(
    r"\b(?P<who>it|he|she|they|both|the\s+(?:[\w-]+\s+){0,2}?(?:source|official|agency|group|"
    r"monitor|observatory|ministry|army|military|statement|spokes(?:man|woman|person)|"
    r"broadcaster|organi[sz]ation|centre|center|network|council|command))\s+(?:also\s+|later\s+|"
    r"further\s+|then\s+)?(?P<verb>said|says|added|adds|reported|stated|noted|told|announced|"
    r"confirmed|claimed|denied|blamed|accused)\b",
    re.I,
)


@dataclass(frozen=True)
class Frame:
    """A reporting frame: ``speakers`` (voice mentions; none for an anaphor the caller
    gave no voice for), the verb's words, where the frame's own words stand (``start``,
    ``end``: the voice and its verb) and its complement (``content``), report offsets."""

    speakers: tuple
    verb: str
    start: int
    end: int
    content: tuple[int, int]
    anaphor: bool
    verb_at: int  # where the verb starts: what it governs is the voice's too

    @property
    def keys(self) -> list[str]:
        return list(dict.fromkeys(m.voice.key for m in self.speakers))

    def holds(self, pos: int) -> bool:
        if self.verb_at <= pos < self.end:
            return True  # "gave the same toll", "held the YPG responsible"
        return self.content[0] <= pos < self.content[1] and not self.start <= pos < self.end


def _verb_after(sent, m):
    """The reporting verb after mention ``m`` (local start, end, words) or None."""
    found = AFTER_TIGHT.match(sent.text[m.end - sent.start :])
    if not found:
        return None
    base = m.end - sent.start
    return base + found.start("verb"), base + found.end("verb"), found.group("verb").lower()


def _verb_before(sent, m):
    """The reporting words before mention ``m`` ("according to", "said", "citing")."""
    lo = max(0, m.start - sent.start - 80)
    found = BEFORE.search(sent.text, max(lo, m.start - sent.start - 50), m.start - sent.start)
    if not found:
        found = DOCUMENT_OF.search(sent.text, lo, m.start - sent.start)
    if not found:
        return None
    return found.start(), found.end(), found.group(0).split()[0].lower()


# "according to a statement by the SDF", "according to figures from the health ministry"
DOCUMENT_OF = re.compile(
    r"\baccording\s+to\s+(?:[\w'’-]+\s+){0,3}?(?:reports?|figures|data|statements?|tally|count|"
    r"sources?)\s+(?:by|from|of|issued\s+by|released\s+by)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)


JOINED = re.compile(r"^\s*,?\s*(?:and|or)\s+(?:the\s+|an?\s+)?(?:[\w'’-]+\s+){0,2}$", re.I)


def _cut(text: str, start: int, stop: int) -> int:
    """The end of a forward frame's complement that starts at ``start``: the last clause
    break before ``stop`` (where the next frame's voice stands), else ``stop``."""
    if stop >= len(text):
        return len(text)
    cut = stop
    for b in CLAUSE_BREAK.finditer(text, start, stop):
        cut = b.start()
    return cut


def frames(sent, mentions: list, previous: list = ()) -> list[Frame]:
    """The reporting frames of sentence ``sent`` (a text.Sentence) whose voice mentions
    are ``mentions`` (voices.find_mentions; those marked as speaking are the subjects);
    ``previous``: the voices that spoke last, for "it said", "the group added"."""
    text, off = sent.text, sent.start
    raw = []  # (verb start, verb end, verb, [mentions], kind)
    speaking = [m for m in mentions if m.speaker and m.verb != "via"]
    unplaced = []  # speaking voices whose verb the reader cannot place
    for i, m in enumerate(speaking):
        after = _verb_after(sent, m)
        before = _verb_before(sent, m) if not after else None
        if after:
            # joined subjects ("SANA and the Observatory both reported") share one verb
            same = next((r for r in raw if r[0] == after[0]), None)
            if same:
                gap = text[same[3][-1].end - off : m.start - off]
                if (
                    JOINED.match(gap)
                    or not PUNCT.search(gap)  # "chief of the Russian Center ... Alexey Bakin said"
                    or "," in text[m.end - off : after[0]]  # "SOHR, a monitoring group, said"
                ):
                    same[3].append(m)
                else:
                    # "the Syrian Democratic Forces (SDF), the SDF said": the voice nearest
                    # the verb is its subject
                    same[3][:] = [m]
                continue
            raw.append((after[0], after[1], after[2], [m], "after"))
        elif before:
            same = next((r for r in raw if r[0] == before[0] and r[4] == "before"), None)
            if same:
                same[3].append(m)
                continue
            raw.append((before[0], before[1], before[2], [m], "before"))
        elif raw and raw[-1][3] and JOINED.match(text[raw[-1][3][-1].end - off : m.start - off]):
            # "according to SANA and the Observatory": the second voice of the same frame
            raw[-1][3].append(m)
        elif i + 1 < len(speaking) and JOINED.match(
            text[m.end - off : speaking[i + 1].start - off]
        ):
            # "SANA and the Observatory both reported": the first voice, joined to the next
            nxt = speaking[i + 1]
            after = _verb_after(sent, nxt)
            if after:
                raw.append((after[0], after[1], after[2], [m], "after"))
        else:
            unplaced.append(m)
    named = {(r[0], r[1]) for r in raw}
    for a in ANAPHOR.finditer(text):
        if any(s <= a.start("verb") < e for s, e in named):
            continue
        if any(m.start - off <= a.start() < m.end - off for m in mentions):
            continue
        who = a.group("who").lower()
        plural = who in ("they", "both")
        raw.append(
            (
                a.start("verb"),
                a.end("verb"),
                a.group("verb").lower(),
                list(previous if plural else previous[:1]),
                "anaphor",
            )
        )
    raw.sort(key=lambda r: r[0])

    out = []
    for i, (vs, ve, verb, ms, kind) in enumerate(raw):
        if kind == "anaphor":  # its voices stand in an earlier sentence
            subject_start, subject_end = _anaphor_start(text, vs), ve
        else:
            subject_start = min([m.start - off for m in ms] + [vs])
            subject_end = max([m.end - off for m in ms] + [ve])
        prev_end = out[-1].end - off if out else 0
        next_start = raw[i + 1][0] if i + 1 < len(raw) else len(text)
        if i + 1 < len(raw):
            nxt = raw[i + 1]
            if nxt[4] == "anaphor":
                next_start = _anaphor_start(text, nxt[0])
            else:
                next_start = min([m.start - off for m in nxt[3]] + [nxt[0]])
        if kind == "before" and verb == "according":
            if OPENING.match(text[:vs] + " according to"):
                comma = text.find(",", subject_end)
                begin = comma + 1 if comma != -1 and comma < next_start else subject_end
                content = (begin, len(text))
            else:
                content = (0, len(text))
        elif kind == "before":
            # "..., said the Observatory", "... on Monday reported the Observatory": what
            # comes before the verb, and what its participle adds after ("..., said Birusk
            # Hasakeh, a spokesman for the YPG, blaming Turkish warplanes")
            if text[prev_end:vs].strip(" ,—–-"):
                more = PARTICIPLE.search(text, subject_end, next_start)
                content = (prev_end, next_start if more else vs)
            else:
                content = (subject_end, _cut(text, subject_end, next_start))
        else:
            head = text[prev_end:subject_start]
            told = RECEIVER.match(text[ve:]) if verb in ("told", "tells", "tell") else None
            skip = ve + (told.end() if told else 0)
            tail = FRAME_TAIL.match(text[skip:])
            lead = INVERTED_LEAD.search(head)
            if lead and tail and "toll" not in verb and len(head[: lead.start()].split()) > 3:
                # inverted, or mid-sentence when words follow its tail
                rest = skip + tail.end()
                content = (prev_end, len(text) if rest < len(text) else subject_start)
            else:
                content = (ve, _cut(text, ve, next_start))
        out.append(
            Frame(
                tuple(ms),
                verb,
                off + subject_start,
                off + subject_end,
                (off + content[0], off + content[1]),
                kind == "anaphor",
                off + vs,
            )
        )
    # a voice the sentence makes speak through words the reader does not know: the whole
    # sentence is its, unless a narrower frame holds a span
    out += [
        Frame((m,), m.verb or "said", m.start, m.end, (off, off + len(text)), False, m.start)
        for m in unplaced
    ]
    return out


def _anaphor_start(text: str, verb_start: int) -> int:
    for a in ANAPHOR.finditer(text):
        if a.start("verb") == verb_start:
            return a.start()
    return verb_start


def speaker_at(found: list[Frame], pos: int) -> Frame | None:
    """The frame whose complement holds report offset ``pos``: the innermost (narrowest)
    one; None when no frame holds it (the reporter's own words)."""
    holding = [f for f in found if f.holds(pos)]
    if not holding:
        return None
    return min(holding, key=lambda f: f.content[1] - f.content[0])


def opens_quote(text: str) -> bool:
    """A quotation starts in this sentence and does not end in it."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def closes_quote(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("”") > text.count("“")
