"""Normalisation of place names to a lookup key.

Two spellings of one name should give the same key; the key is what the
``normalised`` matching stage compares (and what the fuzzy stage scores). A key
is lower-case, has no spaces, and is written in the script of the input. The
rules are applied in the order listed.

Both scripts
  B1. Unicode format and control characters (bidi marks U+200E/U+200F, zero-width
      joiners, BOM, tabs and other C0/C1 controls) are removed.
  B2. Runs of whitespace collapse; empty input gives the empty key.

Arabic script (used when the text contains any Arabic letter)
  A1. Tashkeel is dropped: fatha, damma, kasra, tanwin, shadda, sukun, dagger alef,
      Quranic marks, and the tatweel stretcher (دَيْرُ -> دير, الرقّة -> الرقة).
  A2. Letter forms are unified: alef with hamza above/below, madda and wasla -> ا;
      taa marbuta ة -> ه; alef maqsura ى -> ي; hamza on waw/yaa ؤ ئ -> و ي; a lone
      hamza ء is dropped. Persian/Urdu/Kurdish letter shapes often typed for the
      same letters are folded too (ی ي ې -> ي, ک -> ك, ە ھ -> ه, ۆ -> و).
      Arabic-Indic and Persian digits become ASCII digits (اللواء ١٣٧ -> 137).
  A3. The definite article ال is dropped at the start of each word, also after the
      conjunction/preposition prefixes و ب (والقصور, بالقصور -> قصور), as long as
      at least two letters remain.
  A4. Anything that is not a letter or digit (punctuation, ASCII hyphens) is a
      word break; words are then joined without spaces (دير الزور = ديرالزور only
      after A3, so "دير الزور" -> "ديرزور").

Latin transliterations
  L1. Letters are decomposed and diacritics dropped (ā -> a, ṣ -> s, ḩ -> h, ç -> c,
      ï -> i); ı ø ł đ æ œ ß are spelled out, and the Kurdish and Turkish ş is sh
      (Qamişlo, Qamishlo); the text is case-folded.
  L2. Ayn and hamza marks are dropped: ' ’ ‘ ʿ ʾ ` ´ ʼ ʻ ′ (Ma'arrat -> maarrat).
  L3. Every other non-letter/digit (hyphen, dot, comma, parentheses) is a word break.
  L4. The article is dropped when it stands before another word: al, el, il, ul and
      the assimilated forms ad, adh, an, ar, as, ash, at, ath, az, ed, en, er, es,
      esh, et, ez, ud, un, ur, us, ut, uz ("Al-Qusur", "ad Dana", "Deir ez-Zor"), and
      a, e, as some outlets write it before a sun letter ("a-Sukhna", "Deir e-Zor").
      An article glued to a doubled sun letter in a later word is dropped as well
      ("Deir Ezzor" -> deir zor), and an al/el glued to a later word that goes on
      with a consonant and three more letters ("Deir Alzour", "Ein Eltineh"; "Ras
      Alain" and "Kafr Alwan" are left alone).
  L4a. "Abdul", "Abdel", "Abdoul" before another word become "abd" (the article
      glued to Abd goes as in L4: Jabal Abd al Aziz, Abdul Aziz Mount); English
      plural generic words become singular (Tishreen Farms, Tishreen Farm).
  L4d. A first word of kind written several ways is written one way when another
      word follows: Kafar, Kfar, Kefr, Kufr -> kafr ("Kafar Hamra", Kafr Hamrah); Til
      (Kurdish) -> tall ("Til Temir"); Der -> deir ("Der Hafir"); Jabl, Jbel -> jabal;
      Shekh, Sheik, Cheikh -> sheikh; Kherbet -> khirbat. "Mount" and "Mt" are
      "mountain" wherever they stand ("al-Arbaen mount", Al Arbaeen mountain).
  L4b. Airport, airbase, air base, airfield (and "military" before them) are one
      word, airport: reporters name one air base all these ways.
  L4c. Oil field, oilfield, gas field, fields are one word, field: "Al Omar oil
      fields", "al-Omar oilfield" and "Omar field" name one field, and reporters
      call a gas field an oil field ("a-Heil oil field", Al Hail gas field).
  L5. "Abu", "Abou", "Albu", "Bou" before another word become "bu": reporters
      write Abu Kamal, Albu Kamal, Al-Bukamal and Boukamal for one town.
  L5a. A taa marbuta read out before the next word ("Hamrat Buwaytiyah", "Kasrat
      al-Faraj", "Maarat al-Numan", "Qalaat al-Madiq") loses its t, as the final one
      does (Hamra Buwaytiya, Kasra Faraj): -at or -et ending a word of five letters
      or more that another word follows becomes -a.
  L6. Endings of the -iyya family (-iyyah, -iyah, -iyeh, -iye, -ieh, -ia, -iya, ...)
      become "iya"; a final -eh or -ah becomes "a" (taa marbuta: Jableh, Jablah,
      Jabla).
  L7. Consonant spellings of one Arabic letter are unified: dj, dzh -> j (French
      for ج); gh -> g (غ: Baghuz/Baguz, Ghouta/Gouta); q, ck, c (not ch) -> k;
      ch, sch -> sh (French/German for ش); ph -> f; dh -> d (ذ ض: Dhiban/Diban);
      z̧ already became z by L1. A bare g is left alone: it stands for غ as often
      as for ج.
  L8. Diphthongs before a consonant or at the end of a word collapse: ay, ai, ei,
      ey -> "ay"; aw, ow, au -> "u" (Dayr/Deir/Dair, Sheikh/Shaykh, Zawr/Zor,
      Hawl/Hol).
  L9. Vowels collapse to three classes, as Arabic has three: ou, oo, o, u -> u;
      ee, ie, i, y between consonants -> i; aa, a -> a; e -> a (Levantine imala:
      Jebel/Jabal, Deraa/Daraa, Meyadin/Mayadin). A French silent final e after a
      consonant is dropped first (Hajine, Mayadine, Dibane).
  L10. Doubled letters collapse (Raqqa/Raqa, Muhassan/Muhasan, Deir Zzor).
  L10a. A doubled y with its kasra (Tayyibah, Sayyida) reads as the diphthong most
      reporters write (Taybeh, Sayda): "ayi" before a consonant becomes "ay".
  L11. A final h after a is dropped (Hamah/Hama: a taa marbuta) and spaces are
      removed, so "Deir ez Zor", "Deir-ez-Zor" and "Deirezzor" meet. After i or u a
      final h is a consonant, ح or خ written h (Mardih, Mardikh; Manuh, Manukh), and
      stays for the fuzzy stage to read as kh.

What the key does *not* do: it does not transliterate between scripts, and it
keeps i and a apart where the writer did (Idlib and Idleb meet in the fuzzy
stage, not here).
"""

from __future__ import annotations

import functools
import re
import unicodedata

# --- both scripts ---------------------------------------------------------------

_INVISIBLE_CATEGORIES = {"Cc", "Cf"}


def strip_invisible(text: str) -> str:
    """Rule B1: drop control and format characters (keeps ordinary spaces)."""
    if text.isprintable():
        return text
    return "".join(
        " " if ch in "\t\n\r" else ch
        for ch in text
        if ch in "\t\n\r" or unicodedata.category(ch) not in _INVISIBLE_CATEGORIES
    )


# --- Arabic script --------------------------------------------------------------

ARABIC_CHARS = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
ARABIC_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ARABIC_LETTER_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ء": "",
        "ی": "ي",
        "ې": "ي",
        "ک": "ك",
        "ە": "ه",
        "ھ": "ه",
        "ۆ": "و",
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
ARABIC_WORD = re.compile(r"[^\W_]+")
ARABIC_ARTICLE = re.compile(r"^(?:[وب])?ال(?=..)")
ARABIC_ABU = frozenset({"ابو", "بو"})


def is_arabic(text: str) -> bool:
    return bool(ARABIC_CHARS.search(text))


def normalize_arabic(text: str) -> str:
    text = ARABIC_TASHKEEL.sub("", text).translate(ARABIC_LETTER_MAP)
    words = [ARABIC_ARTICLE.sub("", w) for w in ARABIC_WORD.findall(text)]
    last = len(words) - 1
    return "".join("بو" if i < last and w in ARABIC_ABU else w for i, w in enumerate(words))


# --- Latin transliterations -------------------------------------------------------

LATIN_SPELLED_OUT = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ş": "sh",
        "Ş": "sh",
    }
)
LATIN_MARKS = re.compile("['’‘ʿʾ`´ʼʻ′ˈ‛]")
NON_ALNUM = re.compile(r"[^a-z0-9]+")
ARTICLES = (
    "al el il ul a e ad adh an ar as ash at ath az ed en er es esh et ez ud un ur us ut uz".split()
)
ARTICLE_SET = frozenset(ARTICLES)
GLUED_ARTICLE = re.compile(
    r"^[ae](t|d|r|z|s|n|l|sh|th|dh)(?=\1[aeiouy])|^[ae]l(?=[^aeiouyl][a-z]{3})"
)
ABU_FORMS = frozenset({"abu", "abou", "abo", "albu", "albou", "bou", "bu"})
CONSTRUCT_T = re.compile(r"(?<=[a-z]{3})[ae]t$")
ENDINGS = [
    (re.compile(r"(?:iyyah|iyyeh|iyya|iyah|iyeh|iyye|iye|ieh|iah|iya|ia|ie)$"), "iya"),
    (re.compile(r"(?<=[^aeiou])[ae]h$"), "a"),
]
ACCENTED_FINAL_E = re.compile(r"[éèÉÈ](?![^\W_])")
FRENCH_FINAL_E = re.compile(r"(?<=[^aeiouy])e$")
CONSONANTS = [
    (re.compile(r"dzh|dj"), "j"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"sch|ch"), "sh"),
    (re.compile(r"ck|q|c"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"dh"), "d"),
]
_C = "[^aeiouy]"
DIPHTHONGS = [
    (re.compile(rf"(?:ay|ai|ei|ey)(?={_C}|$)"), "ay"),
    (re.compile(rf"(?:aw|ow|au)(?={_C}|$)"), "u"),
]
VOWELS = [
    (re.compile(r"ou|oo|o"), "u"),
    (re.compile(rf"ee|ie|(?<={_C})y(?={_C}|$)"), "i"),
    (re.compile(r"e"), "a"),
]
DOUBLED = re.compile(r"(.)\1+")
FINAL_H = re.compile(r"(?<=a)h$")
SHADDA_YA = re.compile(rf"ayi(?={_C})")


def _latin_words(text: str) -> list[str]:
    text = ACCENTED_FINAL_E.sub("eh", text.translate(LATIN_SPELLED_OUT))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.translate(LATIN_SPELLED_OUT).replace("ß", "ss")
    text = LATIN_MARKS.sub("", text)
    return NON_ALNUM.sub(" ", text).split()


def _latin_word(word: str, position: int) -> str:
    if position > 0:
        word = GLUED_ARTICLE.sub("", word)
    for pattern, replacement in ENDINGS:
        word = pattern.sub(replacement, word)
    word = FRENCH_FINAL_E.sub("", word) if len(word) > 3 else word
    for pattern, replacement in CONSONANTS:
        word = pattern.sub(replacement, word)
    for pattern, replacement in DIPHTHONGS:
        word = pattern.sub(replacement, word)
    for pattern, replacement in VOWELS:
        word = pattern.sub(replacement, word)
    word = DOUBLED.sub(r"\1", word)
    word = SHADDA_YA.sub("ay", word)
    return FINAL_H.sub("", word)


ABD_FORMS = frozenset({"abdul", "abdel", "abdoul", "abdal", "abdil"})
PLURAL_GENERIC = {
    "farms": "farm",
    "mountains": "mountain",
    "hills": "hill",
    "villages": "village",
    "fields": "field",
    "oilfield": "field",
    "oilfields": "field",
    "gasfield": "field",
    "gasfields": "field",
}
# L4d: one spelling for a first word of kind (before another word) ...
KIND_WORD_FORMS = {
    **dict.fromkeys("kafar kfar kefr kefar kafer kfer kufr kfr".split(), "kafr"),
    "til": "tall",
    "der": "deir",
    **dict.fromkeys("jabl jbel jebl jbal".split(), "jabal"),
    **dict.fromkeys("shekh sheik shiekh sheykh shikh cheikh chiekh chekh".split(), "sheikh"),
    **dict.fromkeys("kherbet kherbat khrbet khirbet".split(), "khirbat"),
}
# ... and one for a mountain, wherever the word stands.
MOUNTAIN_FORMS = frozenset({"mount", "mt"})
FIELD_KINDS = frozenset({"oil", "gas"})
# An air base is written airport, airbase, air base or airfield, often with "military".
AIRFIELD_WORDS = frozenset({"airport", "airbase", "airfield", "aerodrome"})


def _airfield_words(words: list[str]) -> list[str]:
    """L4b: "Al Dumayr Military Airport", "Al-Dameer airport", "Hamdan air base",
    "Hamdan military airbase" all end in the one word "airport"."""
    if not any(w in AIRFIELD_WORDS or w == "air" for w in words):
        return words
    out: list[str] = []
    for i, w in enumerate(words):
        if w == "air" and i + 1 < len(words) and words[i + 1] in ("base", "field"):
            continue
        if w in ("base", "field") and i > 0 and words[i - 1] == "air":
            w = "airport"
        out.append("airport" if w in AIRFIELD_WORDS else w)
    return [
        w for i, w in enumerate(out) if not (w == "military" and out[i + 1 : i + 2] == ["airport"])
    ]


def normalize_latin(text: str) -> str:
    words = _latin_words(text)
    # L4a. "Abdul Aziz", "Abdel Aziz" are "Abd al Aziz": the article goes as in L4.
    words = ["abd" if w in ABD_FORMS and i < len(words) - 1 else w for i, w in enumerate(words)]
    words = [PLURAL_GENERIC.get(w, w) for w in words]
    # L4d. "Kafar Hamra", "Til Temir", "Der Hafir", "al-Arbaen mount".
    last = len(words) - 1
    words = [
        "mountain" if w in MOUNTAIN_FORMS else KIND_WORD_FORMS.get(w, w) if i < last else w
        for i, w in enumerate(words)
    ]
    # L4c. "Al Omar oil fields", "al-Omar oilfield", "Omar field"; "Al Hail gas field",
    # "a-Heil oil field": one field, whatever it yields.
    words = [
        w
        for i, w in enumerate(words)
        if not (w in FIELD_KINDS and words[i + 1 : i + 2] == ["field"])
    ]
    words = _airfield_words(words)
    kept: list[str] = []
    for i, word in enumerate(words):
        last = i == len(words) - 1
        if not last and word in ARTICLE_SET:
            continue
        if not last and word in ABU_FORMS:
            kept.append("bu")
            continue
        kept.append(CONSTRUCT_T.sub("a", word) if not last else word)
    return "".join(_latin_word(w, i) for i, w in enumerate(kept))


GLUED_LEADING_ARTICLE = re.compile(
    r"^(?:(?P<al>[ae]l)(?=[a-z]{3})|(?P<sun>[ae](?P<c>t|d|r|z|s|n|sh|th|dh))(?=(?P=c)[aeiouy]))",
    re.IGNORECASE,
)


def split_glued_article(text: str) -> str | None:
    """``text`` with an article glued to its first word set apart ("Albab" -> "Al bab",
    "Arraqqah" -> "Ar raqqah"), or None if it has none. Not part of the key (that
    would turn Aleppo into "eppo"): the matcher tries it only when the query as
    written finds nothing."""
    words = text.split()
    if not words or is_arabic(text):
        return None
    m = GLUED_LEADING_ARTICLE.match(words[0])
    if m is None:
        return None
    cut = m.end("al") if m.group("al") else m.end("sun")
    return " ".join([words[0][:cut], words[0][cut:], *words[1:]])


# --- consonant skeletons, across scripts ---------------------------------------------
#
# A reporter may write in Arabic a village the gazetteer knows only in Latin letters
# (UCDP's villages have no Arabic name on file). Both spellings keep the name's
# consonants: هتاش and Hattash are h-t-sh, كديران and Kudayran k-d-r-n. The skeleton
# is that consonant sequence in one alphabet: letters Latin transliteration
# conflates share a symbol (ق ك -> k, ت ط ث -> t, س ص -> s, د ض ذ -> d, ز ظ -> z,
# ح ه -> h); long vowels, ayn and hamza (ا و ي ع ء), a final taa marbuta and Latin
# vowels, y and w are dropped. Repeats are kept: a doubled consonant is already
# single in both (shadda is dropped; the Latin key collapses doubles), so a repeat
# has a vowel between (دشيشة, Dashisha: d-sh-sh). It is compared only across
# scripts, in the matcher's last stage.

ARABIC_SKELETON = str.maketrans(
    {
        "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d",
        "ر": "r", "ز": "z", "س": "s", "ش": "c", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
        "ع": "", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n",
        "ه": "h", "ا": "", "و": "", "ي": "", "ى": "", "ء": "", "پ": "b", "چ": "j",
        "گ": "k", "ڤ": "f",
    }
)  # fmt: skip
LATIN_SKELETON_PAIRS = [(re.compile("sh"), "c"), (re.compile("kh"), "x"), (re.compile("th"), "t")]
LATIN_SKELETON_DROP = re.compile("[aeiouyw]")


def arabic_skeleton(text: str) -> str:
    """The consonant skeleton of an Arabic-script name ('' if none)."""
    text = ARABIC_TASHKEEL.sub("", text).translate(ARABIC_LETTER_MAP)
    words = [ARABIC_ARTICLE.sub("", w) for w in ARABIC_WORD.findall(text)]
    words = [w[:-1] if len(w) > 2 and w.endswith("ه") else w for w in words]
    return "".join(words).translate(ARABIC_SKELETON)


# A consonant written with ه or ح after it reads in Latin letters as one of the digraphs
# the Latin key and skeleton fold (مشهد: Mashhad, key mashad, skeleton m-sh-d; إسحاق:
# Ishaq, i-sh-q), so an Arabic skeleton is also compared with those pairs merged.
MERGED_DIGRAPHS = re.compile("([csktxdg])h")
MERGED_AS = {"c": "c", "s": "c", "k": "x", "x": "x", "t": "t", "d": "d", "g": "g"}


def merged_skeleton(skeleton: str) -> str:
    """An Arabic skeleton with a consonant and the h after it read as the Latin
    digraph they make (mchd: mcd); the skeleton itself if it has no such pair."""
    return MERGED_DIGRAPHS.sub(lambda m: MERGED_AS[m.group(1)], skeleton)


def latin_skeleton(key: str) -> str:
    """The consonant skeleton of a Latin lookup key (normalize_latin's output)."""
    for pattern, symbol in LATIN_SKELETON_PAIRS:
        key = pattern.sub(symbol, key)
    return LATIN_SKELETON_DROP.sub("", key)


@functools.lru_cache(maxsize=32768)
def normalize_name(text: str) -> str:
    """The lookup key of a place name in either script ('' for empty input).
    Cached: loaders and the index ask for the same spellings' keys repeatedly."""
    text = " ".join(strip_invisible(text or "").split())
    if not text:
        return ""
    if is_arabic(text):
        return normalize_arabic(text)
    return normalize_latin(text)
