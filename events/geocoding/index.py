"""The in-memory gazetteer index the matcher reads, so no lookup queries the database.

Built once per process from Place and PlaceName rows and rebuilt when they change:

* in this process, saving or deleting a Place or PlaceName (signals) and the
  gazetteer loaders (which write in bulk) call :func:`invalidate`; the next lookup
  rebuilds. A rebuild that saw changes not yet committed is redone once the
  (innermost) transaction or savepoint they were made in is over, so a
  rolled-back edit does not linger;
* changes made by another process are noticed by a cheap version check (row
  counts and highest ids of places, spellings and place history) run at most every
  ``GEOCODE_INDEX_CHECK_SECONDS`` (setting, default 2 s). Renaming an existing
  spelling in another process is the one change that check cannot see; it shows
  after that process's next add/delete or a restart.

What it holds: one :class:`PlaceEntry` per place (names, parent chain, the located
ancestor with precision code and radius, prominence, and ``events``: the conflict
events the cited datasets place there plus the incidents on file placed there, as
counted when the index was built; new incidents count from the next rebuild, so an
import does not rebuild the index per row), and for the spellings an
exact-text table, a normalised-key table, and trigram postings over the distinct
keys that give the fuzzy stage its candidate set. Derived spellings reporters also
write are indexed beside those on file: a name without its qualifier or generic
word, and (weaker, :func:`partial_names`) one of a village's two names alone. Stray
Arabic alternate names (stages.stray_arabic_names) are found on first use.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from rapidfuzz import fuzz, process

from events.models import Incident, Place, PlaceKind, PlaceName

from .normalize import ARTICLE_SET as ARTICLE_WORDS
from .normalize import is_arabic, latin_skeleton, normalize_name, strip_invisible
from .precision import precision_and_radius

GOVERNORATE = PlaceKind.GOVERNORATE
POSTINGS_BUDGET = 4000  # keys listed by the trigrams a fuzzy lookup counts
SKELETON_MIN = 3  # consonants: shorter skeletons name too many places to mean one
PROVINCE_WORDS = frozenset({"governorate", "province", "muhafazat", "محافظة", "محافظه"})
# Rapidfuzz ratio of two Arabic keys taken for one name. Two villages' names can share
# most letters: معرشمارين (Maar Shamarin) and معرتمصرين (Maarratmisrin) score 78.
ARABIC_NAME_LIKE = 80
SHORT_SKELETON = 2  # indexed all the same, to find short names by their reading


def fold(text: str) -> str:
    """The exact-stage form of a spelling: case-folded, invisible characters
    dropped, whitespace collapsed. Nothing else is changed."""
    return " ".join(strip_invisible(text or "").split()).casefold()


PARENTHETICAL = re.compile(r"\s*\([^)]*\)\s*")
CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")  # ISO 3166-2 codes filed as spellings


def spellings_of(text: str) -> list[str]:
    """A spelling as filed, plus the same without a parenthetical gloss:
    "Deir ez-Zor Airport (military airbase)" is also found as "Deir ez-Zor Airport"."""
    if "(" not in text:
        return [text]
    bare = " ".join(PARENTHETICAL.sub(" ", text).split())
    return [text, bare] if bare and bare != text else [text]


QUALIFIERS = frozenset(
    """sharqi sharqiyah sharqiya gharbi gharbiyah gharbiya fawqani fauqani foqani tahtani
    kabir kabirah kabira saghir saghirah saghira shamali shamaliyah janubi janubiyah
    شرقي الشرقي شرقية الشرقية غربي الغربي غربية الغربية فوقاني الفوقاني تحتاني التحتاني
    كبير الكبير كبيرة الكبيرة صغير الصغير صغيرة الصغيرة شمالي الشمالي جنوبي الجنوبي""".split()
)
LEADING_QUALIFIERS = frozenset(
    "eastern western northern southern east west north south upper lower".split()
)
QUALIFIER_ARTICLES = frozenset("al el ash esh ath at as ad".split())


def without_qualifier(text: str) -> str | None:
    """A name without the word that tells two same-named places apart ("Al Jurdi ash
    Sharqi" -> "Al Jurdi", "Baghuz Fawqani" -> "Baghuz", "Eastern Ghouta" ->
    "Ghouta", "East Farahaniah" -> "Farahaniah", "الصفصافة التحتاني" -> "الصفصافة"),
    or None: reporters often leave it
    out. The matcher ranks such a derived spelling just below one on file."""
    words = text.replace("-", " ").split()
    if len(words) < 2:
        return None
    if words[-1].casefold() in QUALIFIERS:
        words = words[:-1]
        if len(words) > 1 and words[-1].casefold() in QUALIFIER_ARTICLES:
            words = words[:-1]
    elif words[0].casefold() in LEADING_QUALIFIERS:
        words = words[1:]
    else:
        return None
    return " ".join(words)


# A leading word that says what kind of place a name is, which reporters often leave
# out ("Khirbat Marata" written Maratah, "Tall Salhab" Salhab, "Jabal at Turkuman"
# Turkman Mountain), and trailing English ones UCDP keeps ("Jabal al Akrad mountain").
LEADING_GENERIC = frozenset(
    """mazraat mazraa mazraet mazrat mazrah mazraah mazraa tall tal tell tel khirbat khirbet
    khirbit kherbet khirbah khirba jabal jebel jabel jbel ayn ain ein dayr deir dair kafr kfar
    kafar kfer hayy hay qaryat qaryet bir wadi ard jubb sahl hawsh hosh housh
    مزرعة مزرعه تل خربة خربه جبل عين دير كفر حي قرية قريه بئر بير وادي ارض أرض جب سهل حوش
    مطار""".split()
)
# An air base is named by its place: reporters write "Kweiris" for Kuweires airbase
# (مطار كويرس); the village of that name ranks by the events placed at each.
TRAILING_GENERIC = frozenset(
    """mountain mountains mount hill hills farm farms area plain island village town
    complex locality suburb airbase airport airfield""".split()
)
MIN_SHORT_KEY = 5  # a shortened spelling with a shorter key names too many places
# ... but a name an English word of kind follows is a name of its own: Al Mallah farms
# is "al-Mallah" (key mala), a Latin leading word of kind is less often left out so.
MIN_SHORT_KEY_BEFORE_KIND = 4


def without_generic(text: str) -> list[str]:
    """A name without a trailing English generic word (mountain, hill, farm, area, ...),
    without a leading one (Mazraat, Tall, Khirbat, Jabal, Ayn, Dayr, Kafr, Hayy, Qaryat,
    Bir, Wadi, Ard, ... and their Arabic forms), and without both: "Jabal al Akrad
    mountain" -> "Jabal al Akrad", "al Akrad mountain", "al Akrad". Only forms whose
    key keeps at least MIN_SHORT_KEY letters (MIN_SHORT_KEY_BEFORE_KIND for the name
    before a trailing word alone)."""
    words = text.replace("-", " ").split()
    forms = []
    if len(words) > 1 and words[-1].casefold() in TRAILING_GENERIC:
        forms.append((words[:-1], MIN_SHORT_KEY_BEFORE_KIND))
    lead = words[0].casefold().replace("’", "").replace("'", "") if words else ""
    if len(words) > 1 and lead in LEADING_GENERIC:
        forms.append((words[1:], MIN_SHORT_KEY))
        if len(words) > 2 and words[-1].casefold() in TRAILING_GENERIC:
            forms.append((words[1:-1], MIN_SHORT_KEY))
    texts = ((" ".join(f), least) for f, least in forms)
    return [t for t, least in texts if len(normalize_name(t)) >= least]


def shortened_forms(text: str) -> list[str]:
    """Spellings derived from one on file that reporters also write: without the
    qualifier (:func:`without_qualifier`), without a generic word
    (:func:`without_generic`), and without both."""
    forms = []
    if q := without_qualifier(text):
        forms.append(q)
    for base in (text, q):
        if base:
            forms += without_generic(base)
    return list(dict.fromkeys(f for f in forms if f != text))


# First words that do not name a place on their own: the head of a construct ("Khan
# Shaykhun", "Maarat al-Numan", "Abu Kamal", "Umm Batinah", "Bayt Jinn", "Hammam
# al-Turkman"), a word of kind, rank or side, in the spellings GeoNames also keeps
# (French: Kafer, Cheikh, Machta).
NOT_A_NAME_ALONE = LEADING_GENERIC | frozenset(
    """abu bu albu umm bayt bani banu khan qasr ras maarat maarah mazraat hamrat qalat
    bab nahr jisr shaykh shaikh sheik cheikh kafer kufer mar sayyidah sitt tall talul
    tulul dar zawr hajj mazar mashhad nabi arab hammam mashta machta hawsh tahtani
    shekh shejkh chikh kherba khirba kherbet
    eastern western northern southern upper lower old new greater""".split()
)
SETTLEMENT_KINDS = frozenset({PlaceKind.VILLAGE, PlaceKind.TOWN})


@functools.lru_cache(maxsize=1)
def _not_a_name_keys() -> frozenset[str]:
    return frozenset(normalize_name(w) for w in NOT_A_NAME_ALONE) - {""}


CONSTRUCT_HEADS = frozenset("abu bu albu umm bayt raqqat hamrat mazraat".split())


def partial_names(text: str, kind: str) -> list[str]:
    """One name of a village's or town's two-word Latin name that reporters write
    alone: the first, when the second is a second name, not an article, qualifier or
    generic word ("Rakaya Sijneh" -> "Rakaya"); the second, when the first is the head
    of a construct (Abu, Umm, Bayt, a word in -at: "Abu Naytal" -> "Naytal", "Raqqat
    Samra" -> "Samra"), also with its article ("Abu al Alaya" -> "al Alaya"). The
    matcher ranks such a short form well below any spelling on file and reads the
    query on."""
    words = text.replace("-", " ").split()
    if (
        kind in SETTLEMENT_KINDS
        and len(words) == 3
        and words[0].casefold() in CONSTRUCT_HEADS
        and words[1].casefold() in ARTICLE_WORDS
        and len(normalize_name(words[2])) >= MIN_SHORT_KEY
    ):
        # "Abu al Alaya" -> "al Alaya": the head of the construct left out.
        return [f"{words[1]} {words[2]}"]
    if kind not in SETTLEMENT_KINDS or len(words) != 2 or is_arabic(text):
        return []
    first, second = (normalize_name(w) for w in words)
    plain = [w.casefold().replace("’", "").replace("'", "") for w in words]
    if not second or not words[1][:1].isupper() or plain[1] in ARTICLE_WORDS:
        return []
    construct = plain[0] in CONSTRUCT_HEADS or re.search(r"[ae]t$", plain[0])
    if construct:
        return [words[1]] if len(second) >= MIN_SHORT_KEY else []
    if (
        len(first) < MIN_SHORT_KEY
        or first in _not_a_name_keys()
        or plain[1] in QUALIFIERS | TRAILING_GENERIC | QUALIFIER_ARTICLES
    ):
        return []
    return [words[0]]


def trigrams(key: str) -> set[str]:
    padded = f"^{key}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@dataclass(slots=True)
class PlaceEntry:
    pk: int
    slug: str
    name: str
    name_ar: str
    kind: str
    parent_pk: int | None
    lon: float | None
    lat: float | None
    coord_precision_m: int | None
    country_code: str
    population: int | None
    ancestors: tuple[int, ...] = ()  # parent chain, nearest first
    anchor_pk: int | None = None  # located ancestor, or the place itself
    precision: str = ""
    uncertainty_m: int | None = None
    prominence: int = 0  # own population, else the nearest ancestor's
    events: int = 0  # conflict events placed here: cited datasets' count + incidents on file
    prior: float | None = None  # the matcher's place prior, computed on first use

    @property
    def located(self) -> bool:
        return self.lon is not None


class GazetteerIndex:
    def __init__(self, places: dict[int, PlaceEntry], names: list[tuple[int, str, bool, str]]):
        """``names`` rows are (place pk, spelling, preferred, stored key); the stored
        key is PlaceName.key, kept current by PlaceName.save, the loaders and
        events.loaders.refresh_name_keys."""
        self.places = places
        self.name_place: list[int] = []
        self.name_text: list[str] = []
        self.name_preferred: list[bool] = []
        self.name_folded: list[str] = []
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.derived: set[int] = set()  # spellings without a qualifier, not on file
        self.partial: set[int] = set()  # derived: one of a name's two words (partial_names)
        self.name_key: list[str] = []
        self.split_part: set[int] = set()  # one part of a name filed as "A/B"
        for place_pk, filed, preferred, stored_key in names:
            if place_pk not in places:
                continue
            for text in spellings_of(filed):
                i = len(self.name_text)
                self.name_place.append(place_pk)
                self.name_text.append(text)
                self.name_preferred.append(preferred)
                folded = fold(text)
                self.name_folded.append(folded)
                self.exact[folded].append(i)
                key = stored_key if text == filed else normalize_name(text)
                self.name_key.append(key)
                if key:
                    self.by_key[key].append(i)
            shortened = shortened_forms(filed)
            partial = [p for p in partial_names(filed, places[place_pk].kind) if p not in shortened]
            for n, short in enumerate([*shortened, *partial]):
                if not (key := normalize_name(short)):
                    continue
                if n >= len(shortened):
                    self.partial.add(len(self.name_text))
                self.derived.add(len(self.name_text))
                self.name_key.append(key)
                self.by_key[key].append(len(self.name_text))
                self.name_place.append(place_pk)
                self.name_text.append(short)
                self.name_preferred.append(False)
                self.name_folded.append(fold(short))
        self.exact = dict(self.exact)
        self.by_key = dict(self.by_key)
        self.keys: list[str] = list(self.by_key)
        postings: dict[str, list[int]] = defaultdict(list)
        for k, key in enumerate(self.keys):
            for gram in trigrams(key):
                postings[gram].append(k)
        self.postings = {g: np.asarray(ks, dtype=np.int32) for g, ks in postings.items()}
        # Latin keys by consonant skeleton, for Arabic queries (stages.transliterated)
        # and reporters' vowels (stages.fuzzy).
        # Keys only codes have ("SY-HL", ISO 3166-2) are no name a reading can match.
        named = {k for i, k in enumerate(self.name_key) if not CODE.match(self.name_text[i])}
        self.code_keys = set(self.keys) - named
        self.skeletons: dict[str, list[str]] = defaultdict(list)
        for key in self.keys:
            if key in self.code_keys or is_arabic(key):
                continue
            if len(sk := latin_skeleton(key)) >= SHORT_SKELETON:
                self.skeletons[sk].append(key)
        self.skeletons = dict(self.skeletons)
        self.by_slug = {entry.slug: entry.pk for entry in places.values()}
        place_names: dict[int, list[int]] = defaultdict(list)
        for i, place_pk in enumerate(self.name_place):
            place_names[place_pk].append(i)
        self.place_names = {
            pk: sorted(idxs, key=lambda i: not self.name_preferred[i])
            for pk, idxs in place_names.items()
        }
        # Each place's Arabic keys (spellings on file, not derived), for the
        # transliterated stage: a place whose Arabic names differ from an Arabic query
        # is less likely to be the one it names.
        arabic_keys: dict[int, set[str]] = defaultdict(set)
        for i, key in enumerate(self.name_key):
            if key and i not in self.derived and is_arabic(key):
                arabic_keys[self.name_place[i]].add(key)
        self.arabic_keys = {pk: tuple(keys) for pk, keys in arabic_keys.items()}
        # Governorates by their bare name ("Hama" for Hama Governorate, "Rif Dimashq",
        # حماة for محافظة حماة): a context word naming one means the province as often
        # as its capital ("Abu Dali, Hama").
        self.governorate_by_name: dict[str, list[int]] = defaultdict(list)
        for i, text in enumerate(self.name_text):
            pk = self.name_place[i]
            if i in self.derived or places[pk].kind != GOVERNORATE:
                continue
            words = text.split()
            bare = [w for w in words if w.casefold() not in PROVINCE_WORDS]
            if bare and len(bare) < len(words) and (key := normalize_name(" ".join(bare))):
                if pk not in self.governorate_by_name[key]:
                    self.governorate_by_name[key].append(pk)
        self.governorate_by_name = dict(self.governorate_by_name)
        # The places whose own name a key is (the main name, Latin or Arabic, or a
        # preferred spelling), for the spellings split off a name filed as two
        # (UCDP's "Al Eis/Ash Shaykh Isa" joins two villages): a place holding the key
        # only as such a part is less likely the one meant than the place it names.
        slash_parts: dict[int, set[str]] = defaultdict(set)
        for i, text in enumerate(self.name_text):
            if "/" in text:
                parts = (normalize_name(part) for part in text.split("/"))
                slash_parts[self.name_place[i]].update(k for k in parts if k)
        for i, key in enumerate(self.name_key):
            pk = self.name_place[i]
            if pk in slash_parts and key in slash_parts[pk] and not self.name_preferred[i]:
                if key != normalize_name(places[pk].name):
                    self.split_part.add(i)
        main_places: dict[str, set[int]] = defaultdict(set)
        for pk, entry in places.items():
            for text in (entry.name, entry.name_ar):
                if text and (key := normalize_name(text)):
                    main_places[key].add(pk)
        for i, key in enumerate(self.name_key):
            if key and self.name_preferred[i] and i not in self.derived:
                main_places[key].add(self.name_place[i])
        self.main_places = {
            k: frozenset(main_places[k])
            for k in {self.name_key[i] for i in self.split_part}
            if k in main_places
        }
        self.version: tuple = ()
        self.checked_at = 0.0
        self.tentative_block = None  # the transaction whose uncommitted rows we saw
        self._stray: set[int] | None = None

    @property
    def stray(self) -> set[int]:
        """Alternate names on file that are more likely another place's
        (stages.stray_arabic_names, stages.stray_latin_names), found on first use;
        they leave the place's Arabic names that the transliterated stage compares."""
        if self._stray is None:
            from .stages import stray_arabic_names, stray_latin_names

            self._stray = set()  # while they are found, no name is stray
            self._stray = stray_arabic_names(self) | stray_latin_names(self)
            for i in self._stray:
                pk = self.name_place[i]
                if pk not in self.arabic_keys:
                    continue
                self.arabic_keys[pk] = tuple(
                    k for k in self.arabic_keys[pk] if k != self.name_key[i]
                )
        return self._stray

    def weak(self, i: int) -> bool:
        """Whether a match on spelling ``i`` leaves the query open to later readings:
        a village's first name alone, or a stray alternate name."""
        return i in self.partial or (self._stray is not None and i in self._stray)

    def arabic_name_like(self, place_pk: int, key: str) -> bool:
        """Whether the place has no Arabic name on file, or one whose key is close to
        ``key`` (an Arabic key): rapidfuzz ratio >= ARABIC_NAME_LIKE, or one holding
        the other (حمام, ابوحمام)."""
        names = self.arabic_keys.get(place_pk)
        if not names or not key:
            return True
        return any(
            key in name or name in key or fuzz.ratio(key, name) >= ARABIC_NAME_LIKE
            for name in names
        )

    @property
    def name_count(self) -> int:
        return len(self.name_text)

    def fuzzy_keys(
        self, key: str, *, cutoff: float, limit: int, max_candidates: int = 400
    ) -> list[tuple[str, float]]:
        """Distinct keys scoring at least ``cutoff`` (rapidfuzz ratio, 0-100) against
        ``key``, best first. Candidates are the keys sharing enough of ``key``'s
        trigrams, counted over its rarer trigrams (the commonest, such as "^al", are
        skipped once the rarer ones list a few thousand keys): a third of those
        trigrams, or all but three for short keys, since a one-letter slip changes at
        most three. So a lookup scores a few hundred keys, not every spelling."""
        n = len(query_grams := trigrams(key))
        postings = sorted((self.postings[g] for g in query_grams if g in self.postings), key=len)
        kept, size = [], 0
        for posting in postings:
            if size + len(posting) > POSTINGS_BUDGET and len(kept) >= (n + 1) // 2:
                break
            kept.append(posting)
            size += len(posting)
        if not kept:
            return []
        k = len(kept) + (n - len(postings))  # grams unknown to the index count as kept
        needed = max(1, min(k - 3, -(-k // 3)))
        ids, shared = np.unique(np.concatenate(kept), return_counts=True)
        enough = shared >= needed
        candidates, shared = ids[enough], shared[enough]
        if len(candidates) > max_candidates:
            candidates = candidates[np.argpartition(shared, -max_candidates)[-max_candidates:]]
        choices = [self.keys[i] for i in candidates.tolist()]
        found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        return [(choice, score) for choice, score, _ in found]


def _entries() -> dict[int, PlaceEntry]:
    rows = Place.objects.values_list(
        "pk",
        "slug",
        "name",
        "name_ar",
        "kind",
        "parent_id",
        "geom",
        "coord_precision_m",
        "country_code",
        "population",
        "reported_events",
    )
    placed = dict(
        Incident.objects.filter(place__isnull=False)
        .values_list("place_id")
        .annotate(n=Count("id"))
        .values_list("place_id", "n")
    )
    places = {}
    for pk, slug, name, name_ar, kind, parent, geom, cprec, cc, pop, reported in rows.iterator(
        2000
    ):
        places[pk] = PlaceEntry(
            pk=pk,
            slug=slug,
            name=name,
            name_ar=name_ar,
            kind=kind,
            parent_pk=parent,
            lon=geom.x if geom is not None else None,
            lat=geom.y if geom is not None else None,
            coord_precision_m=cprec,
            country_code=cc,
            population=pop,
            events=(reported or 0) + placed.get(pk, 0),
        )
    for entry in places.values():
        chain, node, seen = [], entry.parent_pk, {entry.pk}
        while node is not None and node not in seen and node in places:
            chain.append(node)
            seen.add(node)
            node = places[node].parent_pk
        entry.ancestors = tuple(chain)
        anchor = next((p for p in (entry.pk, *chain) if places[p].located), None)
        entry.anchor_pk = anchor
        anchor_entry = places[anchor] if anchor is not None else None
        entry.precision, entry.uncertainty_m = precision_and_radius(
            kind=entry.kind,
            coord_precision_m=entry.coord_precision_m,
            anchor_kind=anchor_entry.kind if anchor_entry else None,
            anchor_coord_precision_m=anchor_entry.coord_precision_m if anchor_entry else None,
            is_self=anchor == entry.pk,
        )
        entry.prominence = next(
            (places[p].population for p in (entry.pk, *chain) if places[p].population), 0
        )
    return places


def db_version() -> tuple:
    names = PlaceName.objects.aggregate(n=Count("id"), top=Max("id"))
    places = Place.objects.aggregate(n=Count("id"), top=Max("id"))
    history = Place.history.aggregate(top=Max("history_id"))
    return (names["n"], names["top"], places["n"], places["top"], history["top"])


def build_index() -> GazetteerIndex:
    version = db_version()
    places = _entries()
    names = list(
        PlaceName.objects.values_list("place_id", "name", "is_preferred", "key").iterator(5000)
    )
    index = GazetteerIndex(places, names)
    index.version = version
    index.checked_at = time.monotonic()
    return index


# --- the process-wide index and its invalidation -------------------------------------

_lock = threading.Lock()
_current: GazetteerIndex | None = None
_dirty = True
_uncommitted_block = None


def _innermost_block():
    return connection.atomic_blocks[-1] if connection.in_atomic_block else None


def invalidate() -> None:
    """Mark the index stale; the next lookup rebuilds it. Called on every change to
    places or spellings (signals below) and by the bulk gazetteer loaders."""
    global _dirty, _uncommitted_block
    _dirty = True
    _uncommitted_block = _innermost_block()
    if connection.in_atomic_block:
        # Seen from other threads' connections the change exists only after commit.
        transaction.on_commit(_mark_dirty)


def _mark_dirty() -> None:
    global _dirty
    _dirty = True


def _block_open(block) -> bool:
    return any(b is block for b in connection.atomic_blocks)


def _tentative_expired(index: GazetteerIndex) -> bool:
    return index.tentative_block is not None and not _block_open(index.tentative_block)


def get_index() -> GazetteerIndex:
    global _current, _dirty, _uncommitted_block
    index = _current
    now = time.monotonic()
    check_every = getattr(settings, "GEOCODE_INDEX_CHECK_SECONDS", 2.0)
    if index is not None and not _dirty and not _tentative_expired(index):
        if now - index.checked_at < check_every:
            return index
        if db_version() == index.version:
            index.checked_at = now
            return index
    with _lock:
        block = _uncommitted_block if _block_open(_uncommitted_block) else None
        _dirty = False
        fresh = build_index()
        fresh.tentative_block = block
        _current = fresh
        return fresh


@receiver(post_save, sender=Place)
@receiver(post_delete, sender=Place)
@receiver(post_save, sender=PlaceName)
@receiver(post_delete, sender=PlaceName)
def gazetteer_changed(sender, raw=False, **kwargs):
    invalidate()
