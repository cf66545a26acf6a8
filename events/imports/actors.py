"""Actor names as datasets write them, resolved to our actors.

A name is looked up by its key (actor_key): case, spacing, quote marks and ACLED's
period suffix ("Military Forces of Syria (2000-)") do not matter. Keys come from
each actor's slug, name and Arabic name and from its aliases (ActorAlias, seeded
from events/data/actor_aliases.csv). A name that resolves to nothing is unknown:
the resolver counts it, and the editor decides per name (ActorChoices) to create
it as a new, unreviewed actor or to map it to an existing one; a mapping is kept
as an alias so the next import of the same file knows the name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.text import slugify

from events.models import Actor, ActorAlias, ActorKind

CREATE = "+create"  # ActorChoices value: create the name as a new, unreviewed actor

_PERIOD = re.compile(r"\s*\(\s*\d{4}\s*[-–]\s*(\d{4})?\s*\)\s*$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'"})
_SPACES = re.compile(r"\s+")

# ACLED inter codes (ACLED Codebook): the kind of actor a code stands for, used for a
# created actor's kind.
ACLED_INTER_KIND = {
    "1": ActorKind.STATE,
    "2": ActorKind.NON_STATE,
    "3": ActorKind.NON_STATE,
    "4": ActorKind.NON_STATE,
    "5": ActorKind.NON_STATE,
    "6": ActorKind.NON_STATE,
    "7": ActorKind.CIVILIANS,
    "8": ActorKind.STATE,
}


def actor_key(name: str) -> str:
    text = _SPACES.sub(" ", (name or "").translate(_QUOTES)).strip()
    text = _PERIOD.sub("", text)
    return text.casefold()


def guess_kind(name: str) -> str:
    key = actor_key(name)
    if key.startswith(("government of ", "military forces of ", "police forces of ")):
        return ActorKind.STATE
    if key.startswith("civilians"):
        return ActorKind.CIVILIANS
    if key.startswith("unidentified"):
        return ActorKind.UNKNOWN
    return ActorKind.NON_STATE


@dataclass
class ActorChoices:
    """The editor's decision per unknown name: an actor slug, or CREATE. ``create_all``
    creates every name not listed."""

    mapping: dict[str, str] = field(default_factory=dict)
    create_all: bool = False

    @classmethod
    def from_file(cls, text: str, *, create_all: bool = False) -> ActorChoices:
        """``name,slug`` lines (the name may hold commas: the slug is after the last
        one); ``#`` starts a comment; ``+create`` as the slug creates the name."""
        mapping = {}
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, slug = line.rpartition(",")
            if not sep or not name.strip() or not slug.strip():
                raise ValueError(f"line {number}: expected 'name,slug', got {raw!r}")
            mapping[name.strip().strip('"')] = slug.strip()
        return cls(mapping=mapping, create_all=create_all)


class UnknownActorChoice(ValueError):
    pass


class ActorResolver:
    """Resolve dataset names to actors. Unknown names are counted in ``unknown``
    (name -> rows); with a choice they resolve to an existing actor or to a new,
    unsaved actor that ``save_new`` writes (inside the import's transaction)."""

    def __init__(self, choices: ActorChoices | None = None):
        self.choices = choices or ActorChoices()
        self.index: dict[str, Actor] = {}
        actors = list(Actor.objects.all())
        by_pk = {a.pk: a for a in actors}
        for actor in actors:
            for name in (actor.slug, actor.name, actor.name_ar):
                if name:
                    self.index.setdefault(actor_key(name), actor)
        for key, actor_id in ActorAlias.objects.values_list("key", "actor_id"):
            self.index.setdefault(key, by_pk[actor_id])
        self.by_slug = {a.slug: a for a in actors}
        self.chosen = {actor_key(n): s for n, s in self.choices.mapping.items()}
        self.keys: dict[str, str] = {}  # name as given -> actor_key(name)
        self.unknown: Counter[str] = Counter()
        self.new_actors: dict[str, Actor] = {}
        self.new_aliases: dict[str, ActorAlias] = {}
        for name, slug in self.choices.mapping.items():
            if slug != CREATE and slug not in self.by_slug:
                raise UnknownActorChoice(f"{name!r} is mapped to {slug!r}, which is no actor slug")

    def get(self, name: str, *, kind: str | None = None) -> Actor | None:
        """The actor for ``name``; None (and counted as unknown) if no choice covers it."""
        key = self.keys.get(name)
        if key is None:  # names repeat from row to row: normalised once each
            key = self.keys[name] = actor_key(name)
        if not key:
            return None
        actor = self.index.get(key)
        if actor is not None:
            return actor
        self.unknown[name.strip()] += 1
        choice = self.chosen.get(key)
        if choice is None and not self.choices.create_all:
            return None
        if choice is not None and choice != CREATE:
            actor = self.by_slug[choice]
            self.new_aliases[key] = ActorAlias(
                actor=actor, name=name.strip()[:200], source="mapped by an editor on import"
            )
        else:
            actor = Actor(
                slug=self._slug(name),
                name=name.strip()[:200],
                kind=kind or guess_kind(name),
                reviewed=False,
                description="Created by an import from an unknown name; not yet reviewed.",
            )
            self.new_actors[key] = actor
        self.index[key] = actor
        return actor

    def civilians(self) -> Actor | None:
        return self.index.get(actor_key("civilians"))

    @property
    def unresolved(self) -> dict[str, int]:
        return {
            name: n
            for name, n in self.unknown.items()
            if actor_key(name) not in self.new_actors and actor_key(name) not in self.new_aliases
        }

    def _slug(self, name: str) -> str:
        base = slugify(actor_key(name))[:56] or "actor"
        slug, n = base, 1
        while slug in self.by_slug:
            n += 1
            slug = f"{base}-{n}"
        self.by_slug[slug] = None
        return slug

    def save_new(self) -> tuple[list[Actor], list[ActorAlias]]:
        """Write the actors and aliases chosen since the last call; return them."""
        actors = [a for a in self.new_actors.values() if a.pk is None]
        aliases = [a for a in self.new_aliases.values() if a.pk is None]
        for actor in actors:
            actor.full_clean()
            actor.save()
        for alias in aliases:
            alias.save()
        return actors, aliases
