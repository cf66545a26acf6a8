"""Checking a geocoding query and reading the context words in it.

A query is the place name as a report writes it, optionally with words saying
where it is: "Al-Qusur, Deir Ezzor city", "Al-Qusour neighbourhood in Homs",
"Al-Qusur Deir ez-Zor", "حي القصور في حمص". :func:`split_parts` cuts a query at
explicit separators (commas, semicolons, slashes, brackets, a spaced dash, the
linking words in/near/at/and, في/قرب/بالقرب من, and و written on the article of the next
name: التمانعة والهبيط); :func:`phrase_variants` gives the
forms a part is tried in (as written, then without a settlement word (village, town,
city, قرية), then, where a direction word is in it, without the generic words around
the name but with the direction ("the village of Western Ghouta", "ريف الغوطة
الغربية"), then without generic words such as city,
neighbourhood, governorate, countryside, vicinity, farm, حي, مدينة, ريف, مزرعة, also
with a conjunction or preposition written on them (وقرية, ببلدة), a leading في, the
qualifiers شرقية, تحتاني (east, lower) and the like, without a leading
Arabic preposition ب or ل as in بحمص or لصعوة or a conjunction or preposition written on
the article (وبالرقة, فالرقة, كالرقة, للرقة), and with an article glued to a Latin name set
apart, as in Albab). في is also recognised typed as فى.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from django.utils.translation import gettext as _

from .normalize import ARABIC_LETTER_MAP, ARABIC_TASHKEEL, split_glued_article, strip_invisible

MAX_QUERY_LENGTH = 200


class QueryError(ValueError):
    """A query (or a ``near`` value) that cannot be looked up; the message says why
    in words fit for the person who typed it."""


def clean_query(text, *, near: bool = False) -> str:
    """The query (or, with ``near``, the 'near' value) with spaces tidied; QueryError
    in the request's language if it cannot be looked up."""

    # The messages are translated only when one is raised (a lookup's hot path).
    def what():
        return {"what": "'near'"} if near else {"what": _("the place name")}

    def subject():
        return {"what": "'near'"} if near else {"what": _("The place name")}

    if text is None or not isinstance(text, str):
        raise QueryError(_("Give %(what)s.") % what())
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(
            _("%(what)s is longer than %(limit)d characters.")
            % {**subject(), "limit": MAX_QUERY_LENGTH}
        )
    if not text.isprintable() and any(
        unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in text
    ):
        raise QueryError(_("%(what)s contains control characters.") % subject())
    cleaned = " ".join(strip_invisible(text).split())
    if not cleaned:
        raise QueryError(_("Give %(what)s.") % what())
    if not any(ch.isalpha() for ch in cleaned):
        raise QueryError(_("%(what)s has no letters in it.") % subject())
    return cleaned


SEPARATORS = re.compile(
    r"\s*(?:[,،;؛/\\|:()\[\]]|\s[-–—]\s)\s*"
    r"|\s+(?:in|near|at|inside|outside|around|and)\s+"
    r"|\s+(?:في|فى|قرب|بالقرب\s+من|داخل|و)\s+"
    # و written on the article of the next name ("التمانعة والهبيط", "نبل والزهراء").
    r"|\s+(?=وال[^\W\d_]{2})",
    re.IGNORECASE,
)
# The separators that are marks, not words: parts cut only by words ("X in Y", "X
# near Y") say which is the name, the first.
MARK_SEPARATORS = re.compile(r"[,،;؛/\\|:()\[\]]|\s[-–—]\s")


def linked_by_words(text: str) -> bool:
    """Whether ``text`` is cut into parts by linking words only ("Terbe Spi in the
    eastern countryside of Qamishli"), so that its first part is the name and the
    others say where it is, never the reverse."""
    return not MARK_SEPARATORS.search(text)


GENERIC_LATIN = frozenset(
    """city town village neighbourhood neighborhood district quarter area suburb suburbs
    countryside province governorate region camp hayy the of outskirts rural eastern western
    northern southern east west north south northeast northwest southeast southwest
    northeastern northwestern southeastern southwestern farm farms mountain mountains mount
    hill hills
    plain border vicinity vicinities surroundings surrounding environs periphery perimeter
    edge edges axis axes front fronts frontline frontlines""".split()
)
GENERIC_ARABIC = frozenset(
    """مدينة مدينه بلدة بلده قرية قريه حي ريف محافظة محافظه منطقة منطقه ناحية ناحيه مخيم
    شرق غرب شمال جنوب شرقي غربي شمالي جنوبي الشرقي الغربي الشمالي الجنوبي وسط
    شرقية غربية شمالية جنوبية الشرقية الغربية الشمالية الجنوبية تحتاني فوقاني التحتاني
    الفوقاني مزرعة مزرعه مزارع حارة حاره
    بلدتي مدينتي قريتي بلدات قرى مدن مداجن محيط أطراف اطراف ضواحي مناطق منطقتي
    في من على الى إلى قرب""".split()
)


def fold_arabic_word(word: str) -> str:
    """An Arabic word as the word lists below are compared: no diacritics or
    tatweel, the hamza forms of alef as ا, ة as ه, ى as ي (غربى is غربي, قريه قرية)."""
    return ARABIC_TASHKEEL.sub("", word).translate(ARABIC_LETTER_MAP)


# على folds to علي, a name (الشيخ علي): it stays generic as written only.
GENERIC_ARABIC_FOLDED = frozenset(fold_arabic_word(w) for w in GENERIC_ARABIC) - {"علي"}

POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)  # "Hama's northern countryside"


def without_possessive(word: str) -> str:
    """A word without an English possessive 's, unless fewer than three letters
    would be left: the Ra's (head) of Ra's al-Ayn is part of the name."""
    stem = POSSESSIVE.sub("", word)
    return stem if sum(ch.isalpha() for ch in stem) >= 3 else word


# Words saying what kind of settlement a name is: "Jasim village", "قرية جاسم". They
# tell nothing of which place it is (UCDP files "Jasim village" for a hamlet, reporters
# write it of the town).
SETTLEMENT_WORDS_LATIN = frozenset("village town city locality".split())
SETTLEMENT_WORDS_ARABIC = frozenset("قريه بلده مدينه".split())  # as fold_arabic_word gives them


def split_parts(text: str) -> list[str]:
    return [part.strip() for part in SEPARATORS.split(text) if part and part.strip()]


# Short words that begin names (بتل رفعت is "in Tall Rifat"); otherwise a preposition is
# taken off a first word of four letters or more only (بنش, Binnish, keeps its ب).
ARABIC_NAME_WORDS = frozenset("تل عين دير كفر جب بئر بير ام أم ابو أبو سد جسر حي".split())
ARABIC_PREFIXES = ("و", "ب", "ل", "ف", "وب", "ول")  # and, in/at, to/for, so


def _is_generic(word: str) -> bool:
    """A generic word, also with an Arabic conjunction or preposition written on it
    (وقرية, ببلدة, لمدينة)."""
    written = ARABIC_TASHKEEL.sub("", word).strip(".'’")
    if written.casefold() in GENERIC_LATIN or written in GENERIC_ARABIC:
        return True
    if "-" in written and all(p in GENERIC_LATIN for p in written.casefold().split("-")):
        return True  # "north-western", "south-east"
    plain = fold_arabic_word(written)
    if plain in GENERIC_ARABIC_FOLDED:
        return True
    return any(
        plain.startswith(p) and plain[len(p) :] in GENERIC_ARABIC_FOLDED for p in ARABIC_PREFIXES
    )


# ابو, ام, بو, ذو written together with the article of the name after them: أبوالحسن,
# امالميادين are أبو الحسن, ام الميادين.
GLUED_ARABIC_ARTICLE = re.compile(r"(?<![^\W\d_])([أاإ]بو|بو|[أاإ]م|ذو)(ال[^\W\d_]{2,})")


def phrase_variants(text: str) -> list[str]:
    """``text`` as written, then without generic words (and an English possessive
    's: "Hama's countryside"), then (Arabic) without a leading preposition ب or ل or
    conjunction و, then (Latin) with a glued article set apart ("Albab"); empty and
    repeated forms are left out."""
    return list(dict.fromkeys(v for v in iter_variants(text) if v))


def iter_variants(text: str):
    """The forms of :func:`phrase_variants`, computed one at a time (so a lookup that
    succeeds as written does no more work)."""
    yield text
    yield GLUED_ARABIC_ARTICLE.sub(r"\1 \2", text)
    yield without_settlement_word(text) or ""
    words = [without_possessive(w) for w in text.split()]
    # Generic words around a name that has a direction word in it, the direction kept:
    # "Western Ghouta countryside", "the village of Eastern Ghariyah", "Eastern
    # Ghouta's" and "ريف الغوطة الغربية" are not any Ghouta or Ghariyah.
    core = _with_directions(words)
    if core:
        yield " ".join(core)
    if words and not _is_generic(words[0]):
        for first in without_arabic_prefix(words[0]):
            # The whole phrase, direction words kept: "فالغرية الشرقية" is الغرية الشرقية.
            yield " ".join([first, *words[1:]])
    stripped = [w for w in words if not _is_generic(w)]
    yield " ".join(stripped)
    for first in without_arabic_prefix(stripped[0]) if stripped else ():
        rest = [first, *stripped[1:]]
        yield " ".join(w for w in rest if not _is_generic(w))
    yield split_glued_article(" ".join(stripped)) or ""


# A conjunction (و, ف) and a preposition (ب, ل, ك) written on the article of a name:
# وبالرقة, فالرقة, كالرقة; ل and the article are written لل (للرقة, وللحسكة).
ARABIC_PREFIXED_ARTICLE = re.compile(r"^(?:[وف]?[بك]|[وف])(?=ال[^\W\d_]{2})")
ARABIC_LAM_ARTICLE = re.compile(r"^[وف]?لل(?=[^\W\d_]{2})")


def without_arabic_prefix(word: str) -> list[str]:
    """``word`` without a conjunction or preposition written on it: a leading ب, ل
    or و (بحمص, لصعوة, وكفرنبل) off a word of four letters or more, or off a word
    that begins names (بتل رفعت; بنش, Binnish, keeps its ب); and any of و ف ب ك ل
    written on the article (وبالرقة, فالرقة, للرقة: الرقة). Empty if it has none."""
    forms = []
    if word[:1] in ("ب", "ل", "و") and (len(word) > 3 or word[1:] in ARABIC_NAME_WORDS):
        forms.append(word[1:])
    if m := ARABIC_PREFIXED_ARTICLE.match(word):
        forms.append(word[m.end() :])
    elif m := ARABIC_LAM_ARTICLE.match(word):
        forms.append("ال" + word[m.end() :])
    return list(dict.fromkeys(f for f in forms if f != word))


@functools.lru_cache(maxsize=8192)
def without_settlement_word(text: str) -> str | None:
    """``text`` without a last word village, town, city or locality, or a first word
    قرية, بلدة or مدينة (and a final possessive 's), or None when it has none."""
    words = text.split()
    if len(words) < 2:
        return None
    if words[-1].casefold() in SETTLEMENT_WORDS_LATIN:
        words = words[:-1]
        words[-1] = without_possessive(words[-1])
    elif fold_arabic_word(words[0]) in SETTLEMENT_WORDS_ARABIC:
        words = words[1:]
    else:
        return None
    return " ".join(words)


QUALIFIER_WORDS = frozenset(
    """eastern western northern southern east west north south upper lower sharqi gharbi
    shamali janubi fawqani tahtani sharqiyah gharbiyah shamaliyah janubiyah
    شرقي غربي شمالي جنوبي الشرقي الغربي الشمالي الجنوبي شرقية غربية شمالية جنوبية
    الشرقية الغربية الشمالية الجنوبية تحتاني فوقاني التحتاني الفوقاني""".split()
)


QUALIFIER_WORDS_FOLDED = frozenset(fold_arabic_word(w) for w in QUALIFIER_WORDS)


@functools.lru_cache(maxsize=8192)
def qualifiers(text: str) -> frozenset[str]:
    """The words in ``text`` that tell same-named places apart by direction or
    height (eastern, الغربية, tahtani), lower-cased."""
    words = (fold_arabic_word(w).casefold() for w in text.replace("-", " ").split())
    return frozenset(w for w in words if w in QUALIFIER_WORDS_FOLDED)


# Buildings and sites reporters name inside a place ("a school in Hajin", "سجن في
# البوكمال"): alone, or with an article, a demonstrative or a number, never a place's
# name (As Sijn, the prison, is an old name of al-Mazraah, not "the prison" of a report).
FACILITY_LATIN = frozenset(
    """prison jail school hospital clinic mosque church bridge roundabout square street
    road market bakery checkpoint station building house home headquarters hq base
    factory silo silos stadium camp crossing dam a an the one two three its his their
    several""".split()
)
FACILITY_ARABIC = frozenset(
    """سجن مشفى مستشفى مدرسه جامع مسجد كنيسه جسر دوار ساحه شارع طريق سوق فرن حاجز محطه
    مبنى بنايه منزل بيت مقر قاعده معمل مصنع صوامع ملعب مخيم معبر سد كازيه مدارس""".split()
)


def is_facility_phrase(text: str) -> bool:
    """Whether ``text`` only says what kind of building or site something is (with an
    article or a small word): "a school", "the prison", "سجن", "المشفى"."""
    words = text.split()
    if not words:
        return False
    kinds = 0
    for word in words:
        plain = fold_arabic_word(ARABIC_TASHKEEL.sub("", word)).casefold().strip(".'’")
        bare = plain[2:] if plain.startswith("ال") else plain
        if plain in FACILITY_LATIN or bare in FACILITY_ARABIC:
            kinds += plain not in ("a", "an", "the", "one", "two", "three", "its", "his")
            continue
        return False
    return kinds > 0


# Words of kind that belong to a landmark's name as filed ("Al Arbaeen mountain",
# "Tishrin dam", "Al-Hol camp"): a fuzzy reading that keeps one is closer to such a name.
LANDMARK_KIND_WORDS = frozenset(
    "mount mountain mt hill dam camp airport airbase airfield field oilfield".split()
)


def ends_with_landmark_kind(text: str) -> bool:
    """Whether the last word of ``text`` says it is a mountain, hill, dam, camp, air
    base or oil field ("al-Arbaen mount")."""
    words = text.split()
    return len(words) > 1 and words[-1].casefold().strip(".") in LANDMARK_KIND_WORDS


def is_generic_phrase(text: str) -> bool:
    """Whether every word of ``text`` is a generic one (city, eastern, الغربية)."""
    words = text.split()
    return bool(words) and all(_is_generic(w) for w in words)


def _with_directions(words: list[str]) -> list[str]:
    """``words`` without the generic words around them other than direction words,
    if a direction word is among them (else empty)."""
    start, end = 0, len(words)
    while start < end - 1 and _is_generic(words[start]) and not _is_direction(words[start]):
        start += 1
    while end > start + 1 and _is_generic(words[end - 1]) and not _is_direction(words[end - 1]):
        end -= 1
    core = words[start:end]
    if any(_is_direction(w) for w in core) and not all(_is_generic(w) for w in core):
        return core
    return []


def _is_direction(word: str) -> bool:
    return fold_arabic_word(word).casefold() in QUALIFIER_WORDS_FOLDED
