"""Actors: the dictionary of known actors and the resolution of mentions in a parsed text.

An :class:`Actor` is a node of the graph (a state, an international organisation, an armed
group, a party, a bloc, an unaffiliated person, or an unresolved named entity). A mention refers
to an actor through an :class:`ActorRef`, which adds the sector it acts through ("the Kremlin"
is Russia's government, "Russian forces" its military) and the person who speaks for it.

The dictionary is data: YAML files in ``kg/data/actors/`` plus any file a user passes.

>>> actors = ActorDictionary.default()
>>> ref = actors.lookup("the Kremlin")
>>> ref.actor.name, ref.sector, ref.code
('Russia', 'GOV', 'RUSGOV')
"""

from __future__ import annotations

import re
import unicodedata
from copy import deepcopy
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc

from kg.datafiles import read_yaml

KINDS = ("state", "igo", "armed_group", "party", "bloc", "person", "other")
# Entity labels that may name an actor; places (LOC, FAC) and unknown GPEs are not actors.
ACTOR_LABELS = {"GPE", "NORP", "ORG", "PERSON"}
UNRESOLVED_LABELS = {"NORP", "ORG", "PERSON"}
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "inside", "outside", "around", "across", "throughout", "within"}


@dataclass(frozen=True)
class Actor:
    """A node of the graph: one real entity."""

    id: str
    name: str
    kind: str
    country: str = ""
    sector: str = ""
    code: str = ""


@dataclass(frozen=True)
class ActorRef:
    """An actor as one mention plays it: through a sector, perhaps by a named person."""

    actor: Actor
    sector: str = ""
    person: str = ""

    @property
    def code(self) -> str:
        """CAMEO-style code: the actor's code followed by the sector (``RUS`` + ``GOV``)."""
        base = self.actor.code
        return base if not self.sector or base.endswith(self.sector) else base + self.sector


@dataclass(frozen=True)
class _Alias:
    """What one dictionary name stands for."""

    actor_id: str
    sector: str = ""
    person: str = ""
    place: bool = False  # a city or building that names a government only when it acts
    start: str = ""
    end: str = ""
    label: str = "ORG"


def normalise(text: str) -> str:
    """The lookup key of a name: ASCII, lower case, no leading "the", no possessive.

    >>> normalise("the U.S.'s"), normalise("Erdoğan"), normalise("al-Qaeda")
    ('us', 'erdogan', 'al qaeda')
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("\u2019", "'").replace(".", "")
    text = re.sub(r"'s?$", "", text.strip())
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass
class ActorDictionary:
    """Known actors, the names that refer to them, and the words that name a sector."""

    actors: dict[str, Actor] = field(default_factory=dict)
    aliases: dict[str, list[_Alias]] = field(default_factory=dict)
    surface_names: dict[str, str] = field(default_factory=dict)  # written form -> entity label
    agents: dict[str, str] = field(default_factory=dict)  # "foreign minister" -> GOV
    groups: set[str] = field(default_factory=set)  # "representatives" (of X), "factions" (including X)

    @classmethod
    @cache
    def default(cls) -> "ActorDictionary":
        """The dictionary shipped with kg (read once, then shared)."""
        return cls.from_files(_packaged_files())

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> "ActorDictionary":
        """Build a dictionary from YAML files; later files override earlier ones."""
        dictionary = cls()
        for path in paths:
            dictionary.add_file(path)
        return dictionary

    def extended(self, paths: Iterable[str | Path]) -> "ActorDictionary":
        """A copy of this dictionary with the entries of more files added (itself if none)."""
        paths = list(paths)
        if not paths:
            return self
        copy = deepcopy(self)
        for path in paths:
            copy.add_file(path)
        return copy

    def add_file(self, path: str | Path) -> None:
        """Add the entries of one YAML file (a list of actors and people, or ``agents:``)."""
        data = read_yaml(path, "actor file")
        try:
            if isinstance(data, dict):
                for phrase, sector in (data.get("agents") or {}).items():
                    self.agents[normalise(phrase)] = str(sector)
                self.groups.update(normalise(word) for word in data.get("groups") or [])
                data = data.get("actors", [])
            for number, entry in enumerate(data or [], start=1):
                if "person" in entry:
                    self._add_person(entry)
                else:
                    self._add_actor(entry)
        except (TypeError, KeyError, AttributeError, ValueError) as error:
            where = f"entry {number}" if "number" in locals() else "top level"
            raise ValueError(f"{path}: {where} is malformed ({error!r})") from None

    def _add_actor(self, entry: dict) -> None:
        kind = entry.get("kind", "other")
        if kind not in KINDS:
            raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        country = entry.get("country", "")
        actor = Actor(id=entry["id"], name=entry["name"], kind=kind, country=country,
                      sector=entry.get("sector", ""), code=entry.get("code") or country)
        self.actors[actor.id] = actor
        label = {"state": "GPE", "bloc": "NORP"}.get(kind, "ORG")
        for name in [actor.name, *entry.get("aliases", [])]:
            self._add_alias(name, _Alias(actor.id, label=label))
        for name in entry.get("adjectives", []):
            self._add_alias(name, _Alias(actor.id, label="NORP"))
        if entry.get("capital"):
            self._add_alias(entry["capital"], _Alias(actor.id, sector="GOV", place=True, label="GPE"))
        for metonym in entry.get("metonyms", []):
            if isinstance(metonym, str):
                metonym = {"name": metonym}
            self._add_alias(metonym["name"], _Alias(actor.id, sector=metonym.get("sector", "GOV"),
                                                    place=True, label="ORG"))

    def _add_person(self, entry: dict) -> None:
        for role in entry["roles"]:
            if role["actor"] not in self.actors:
                raise ValueError(f"{entry['person']}: unknown actor {role['actor']!r}")
            alias = _Alias(role["actor"], sector=role.get("sector", ""), person=entry["person"],
                           start=str(role.get("start") or ""), end=str(role.get("end") or ""), label="PERSON")
            for name in [entry["person"], *entry.get("aliases", [])]:
                self._add_alias(name, alias)

    def _add_alias(self, name: str, alias: _Alias) -> None:
        key = normalise(name)
        if not key:
            return
        known = self.aliases.get(key, [])
        if alias.person:
            self.aliases[key] = [*known, alias]
        else:  # a later file's actor name replaces an earlier one
            self.aliases[key] = [*(a for a in known if a.person), alias]
        self.surface_names[name] = alias.label
        if name.lower().startswith("the "):
            self.surface_names[name[4:]] = alias.label

    def lookup(self, text: str, date: str | None = None) -> ActorRef | None:
        """The actor a name refers to on ``date`` (ISO), or ``None`` for an unknown name.

        >>> ActorDictionary.default().lookup("Iranian").actor.country
        'IRN'
        """
        alias = self._alias(normalise(text), date)
        if alias is None:
            return None
        return ActorRef(self.actors[alias.actor_id], sector=alias.sector, person=alias.person)

    def is_place(self, text: str) -> bool:
        """True when the name is a city or building that stands for a government only when it acts."""
        alias = self._alias(normalise(text), None)
        return bool(alias and alias.place)

    def _alias(self, key: str, date: str | None) -> _Alias | None:
        candidates = self.aliases.get(key)
        if not candidates:
            return None
        organisations = [a for a in candidates if not a.person]
        if organisations:
            return organisations[-1]
        if date:  # the role held on the article's date, else the latest one
            current = [a for a in candidates if (a.start or "0") <= date and (not a.end or date < a.end)]
            candidates = current or candidates
        return max(candidates, key=lambda a: (not a.end, a.end, a.start))

    def agent_sector(self, words: str) -> str:
        """The sector an agent phrase names ("foreign minister" -> GOV), or ``""``."""
        return self.agents.get(normalise(words), "")

    def is_group_word(self, lemma: str) -> bool:
        """True for a noun that stands for members of an actor ("representatives of Hamas")."""
        key = normalise(lemma)
        return key in self.groups or key in self.agents

    def ruler_patterns(self) -> list[dict]:
        """EntityRuler patterns for every written name, in a stable order."""
        return [{"label": label, "pattern": name} for name, label in sorted(self.surface_names.items())]


ACTOR_COLUMNS = ["actor_id", "name", "kind", "country", "sector", "code", "mentions"]


def actor_record(actor: Actor, mentions: int) -> dict:
    """One row of the actors table."""
    return {"actor_id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
            "sector": actor.sector, "code": actor.code, "mentions": mentions}


def _packaged_files() -> list[Path]:
    folder = resources.files("kg").joinpath("data/actors")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))


def unresolved_actor(text: str) -> Actor:
    """The actor for a named entity that matches nothing in the dictionary (kind ``other``)."""
    name = " ".join(text.split())
    name = re.sub(r"^(the|The)\s+", "", name)
    name = re.sub(r"['\u2019]s?$", "", name)
    slug = normalise(name).replace(" ", "-") or "unknown"
    return Actor(id=f"x-{slug}", name=name, kind="other")



# --- Mentions in a parsed document -------------------------------------------------------------

for _name in ("date", "mentions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# Dependency relations that modify a noun phrase without leaving it.
_NP_MODIFIERS = {"compound", "amod", "poss", "nmod", "npadvmod", "flat"}


@dataclass(frozen=True)
class Mention:
    """A named entity (tokens ``start``..``end``) and the actor it refers to, if any."""

    start: int
    end: int
    text: str
    label: str
    ref: ActorRef | None


def mention_at(token) -> Mention | None:
    """The mention that ``token`` belongs to, once :class:`ActorLinker` has run."""
    mentions = token.doc._.mentions
    if not mentions or token.ent_iob_ == "O":
        return None
    i = token.i
    while i > 0 and token.doc[i].ent_iob_ == "I":
        i -= 1
    return mentions.get(i)


def _own_ref(token) -> ActorRef | None:
    mention = mention_at(token)
    return mention.ref if mention else None


def _modifier_refs(token, depth: int = 3) -> list[ActorRef]:
    """The actors named among a phrase's modifiers, the nearest first ("Iranian envoy")."""
    if depth == 0:
        return []
    found = []
    for child in sorted(token.children, key=lambda c: -c.i):
        if child.dep_ in _NP_MODIFIERS:
            own = _own_ref(child)
            found += ([own] if own is not None else []) + _modifier_refs(child, depth - 1)
    return found


def _modifier_ref(token) -> ActorRef | None:
    refs = _modifier_refs(token)
    return refs[0] if refs else None


def _appositive_ref(token) -> ActorRef | None:
    """The actor of a phrase in apposition, either way round."""
    partners = [c for c in token.children if c.dep_ == "appos"]
    if token.dep_ == "appos":
        partners.append(token.head)
    for partner in partners:
        ref = _own_ref(partner) or _modifier_ref(partner)
        if ref is not None:
            return ref
    return None


def phrase_sector(token, dictionary: ActorDictionary) -> str:
    """The sector that the head of a phrase and its modifiers name ("Foreign Ministry" -> GOV)."""
    words = [t for t in token.subtree
             if (t is token or t.i < token.i and t.dep_ in ("compound", "amod"))
             and t.ent_type_ not in ("GPE", "NORP")]
    for size in range(len(words), 0, -1):
        for first in range(len(words) - size + 1):
            span = words[first:first + size]
            sector = dictionary.agent_sector(" ".join(t.text for t in span)) or dictionary.agent_sector(
                " ".join(t.lemma_ if t is token else t.text for t in span))
            if sector:
                return sector
    appositions = [c for c in token.children if c.dep_ == "appos"]
    return next((s for s in (phrase_sector(a, dictionary) for a in appositions) if s), "")


def _person_in(token) -> str:
    for candidate in [token, *(c for c in token.children if c.dep_ == "appos")]:
        mention = mention_at(candidate)
        if mention and mention.label == "PERSON":
            return mention.text
    return ""


def mention_ref(token, dictionary: ActorDictionary) -> ActorRef | None:
    """The actor that a noun phrase headed by ``token`` refers to, or ``None``.

    Looks at the entity the token belongs to, then at the phrase's modifiers ("Iranian envoy",
    "Hamas representative Moussa Abu Marzouk", "Russia's invitation"), then at an apposition
    ("the envoy, Ali Bagheri Kani"). A common noun that names no role ("war", "operations")
    stands for the actor among its modifiers only when there is just one ("Israeli military
    operations", not "the Israel-Hamas war"). Agent words give the sector ("envoy" -> GOV).
    """
    ref = _own_ref(token)
    if ref is None:
        refs = _modifier_refs(token)
        distinct = {r.actor.id for r in refs}
        if refs and (len(distinct) == 1 or token.pos_ == "PROPN" or dictionary.is_group_word(token.lemma_)):
            ref = refs[0]
    ref = ref or _appositive_ref(token)
    if ref is None:
        return None
    sector = ref.sector or (phrase_sector(token, dictionary) if ref.actor.kind == "state" else "")
    return replace(ref, sector=sector, person=ref.person or _person_in(token))


class ActorLinker:
    """spaCy component: resolve every actor-like entity to an actor, into ``doc._.mentions``.

    Dictionary names resolve directly, by the article date (``doc._.date``); role names and
    unknown people resolve through their phrase ("the Iranian envoy, Ali Bagheri Kani");
    capitals used as places ("met in Moscow") and unknown places resolve to nothing; other
    unknown organisations, people and groups become unresolved actors.
    """

    def __init__(self, dictionary: ActorDictionary):
        self.dictionary = dictionary

    def __call__(self, doc):
        date = doc._.date
        mentions, places = {}, set()
        for ent in doc.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            if self._used_as_place(ent):
                places.add(ent.start)
            ref = None if ent.start in places else self.dictionary.lookup(ent.text, date)
            mentions[ent.start] = Mention(ent.start, ent.end, ent.text, ent.label_, ref)
        doc._.mentions = mentions
        from_context = {
            start: replace(m, ref=self._from_context(doc[m.start:m.end]))
            for start, m in mentions.items() if m.ref is None and start not in places
        }
        doc._.mentions = {**mentions, **from_context}
        return doc

    def _used_as_place(self, ent) -> bool:
        if ent.label_ == "GPE" and self.dictionary.lookup(ent.text) is None:
            return True
        return (self.dictionary.is_place(ent.text) and ent.root.dep_ == "pobj"
                and ent.root.head.lower_ in LOCATIVE_PREPOSITIONS)

    def _from_context(self, ent) -> ActorRef | None:
        ref = _modifier_ref(ent.root) or _appositive_ref(ent.root)
        if ref is not None:
            sector = ref.sector or (phrase_sector(ent.root, self.dictionary) if ref.actor.kind == "state" else "")
            return replace(ref, sector=sector, person=ent.text if ent.label_ == "PERSON" else ref.person)
        if self.dictionary.agent_sector(ent.text) or ent.label_ not in UNRESOLVED_LABELS:
            return None  # a bare role ("the Foreign Ministry") names no one by itself
        return ActorRef(unresolved_actor(ent.text))
