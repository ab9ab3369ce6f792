"""The actor dictionary: known actors, the names that refer to them, and the words that name a sector.

The dictionary is data: the YAML and CSV files in ``kg/data/actors/`` (formats in the README
there) plus any file a user passes. :meth:`ActorDictionary.lookup` resolves a name;
:meth:`ActorDictionary.resolve` reads a whole phrase ("Kyiv police", "French Foreign Minister
Jean-Yves Le Drian", "the EU legislature").

>>> actors = ActorDictionary.default()
>>> ref = actors.lookup("the Kremlin")
>>> ref.actor.name, ref.sector, ref.code
('Russia', 'GOV', 'RUSGOV')
"""

from __future__ import annotations

import csv
import difflib
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Iterable, NamedTuple

from kg.cache import cached, extraction_digest, packed
from kg.datafiles import (DataError, Date, Extendable, ListOf, MapOf, OneOf, Record, Text, Whole, at_line,
                          cannot_read, check, collection_paused, read_yaml)

KINDS = ("state", "igo", "armed_group", "party", "bloc", "person", "other")
# Sectors through which a state itself acts; any other sector of a state's people is an actor of
# its own ("Syria (rebels)"), so that a state's rebels and its government are different nodes.
STATE_SECTORS = {"", "GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
SECTOR_NAMES = {
    "REB": "rebels", "OPP": "opposition", "PTY": "parties", "ELI": "elites", "CVL": "civilians",
    "CRM": "criminals", "BUS": "business", "JRN": "media", "MED": "medical", "HLH": "health",
    "EDU": "education", "REL": "religious groups", "LAB": "labour", "AGR": "agriculture", "NGO": "NGOs",
    "REF": "refugees", "SOC": "civil society", "UAF": "armed groups", "PRM": "paramilitaries",
    "PRE": "separatist entity", "IGO": "international bodies", "UNK": "unidentified people",
}
_ARMED_SECTORS = {"REB", "UAF", "PRM"}
PRESS_SECTOR = "JRN"  # news agencies, broadcasters and papers, which report what others say and do
# PLOVER agent codes that name no sector of an actor (weekdays, money, natural disasters).
NON_SECTORS = {"NON", "JNK"}
MAX_NAME_WORDS = 8
DOMINANCE = 10  # how many times more populous a namesake's state must be to win the name
UNRESOLVED_PREFIX = "x-"  # the id prefix of actors that are named entities the dictionary lacks
_POSSESSIVE = re.compile(r"'s\b|(?<=s)'(?=\s|$)")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_LED = re.compile(r"(?:the\s+|an?\s+)?(.+?)-led\s+(\w+)$", re.IGNORECASE)  # "the Saudi-led coalition"
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})

# The shapes of an actor file's YAML (kg/data/actors/README.md), checked before any of it is used.
# Names are text, never numbers (see kg.datafiles.Text); keys not named here are let be.
_NAME = Text(empty=False)
_NAMES = ListOf(_NAME)
_LEADERSHIP = Record({"actor": Text(), "country": Text(), "start": Date(), "end": Date()},
                     example="{country: SAU, start: 2015-03-26}")
ACTOR_ENTRY = Record({
    "id": _NAME, "name": _NAME, "kind": Text(choices=KINDS), "country": Text(), "sector": Text(), "code": Text(),
    "population": Whole(), "aliases": _NAMES, "adjectives": _NAMES, "shared_names": _NAMES, "capital": Text(),
    "metonyms": ListOf(OneOf((_NAME, Record({"name": _NAME, "sector": Text()}, required=("name",))))),
    "led_by": OneOf((_LEADERSHIP, ListOf(_LEADERSHIP))), "codes": ListOf(_NAME),
}, example="{id: wagner, name: Wagner Group, kind: armed_group}")
PERSON_ENTRY = Record({
    "person": _NAME, "aliases": _NAMES,
    "roles": ListOf(Record({"actor": Text(), "country": Text(), "sector": Text(), "title": Text(), "start": Date(),
                            "end": Date()}, example="{country: RUS, sector: GOV, start: 2012-05-07}")),
}, required=("roles",))
ACTOR_VOCABULARY = Record({
    "agents": MapOf(_NAME, example="{envoy: GOV}"),
    "definites": MapOf(ListOf(Text(choices=KINDS)), example="{group: [armed_group, party]}"),
    "actors": ListOf(),  # its entries are checked one by one, as they are added
    **{name: _NAMES for name in ("groups", "former", "honorifics", "not_actor_heads", "led_groups", "place_nouns",
                                 "not_actor_openers", "patron_words", "not_actors", "person_definites")},
})


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
        return base if not self.sector or self.sector in _blocks(base)[1:] else base + self.sector

    @property
    def node(self) -> Actor:
        """The graph node: the actor, or for a state's non-state sector an actor of its own."""
        actor = self.actor
        if actor.kind != "state" or self.sector in STATE_SECTORS:
            return actor
        label = SECTOR_NAMES.get(self.sector, self.sector.lower())
        kind = "armed_group" if self.sector in _ARMED_SECTORS else "party" if self.sector == "PTY" else "other"
        return Actor(id=f"{actor.id}-{self.sector.lower()}", name=f"{actor.name} ({label})", kind=kind,
                     country=actor.country, sector=self.sector, code=self.code)

    # The flat view that kg.resolve_actor callers use.
    @property
    def name(self) -> str:
        return self.node.name

    @property
    def country(self) -> str:
        return self.actor.country

    @property
    def kind(self) -> str:
        return self.node.kind


# The indexes of every name and person: most of what the start-up cache holds.
PACKED_FIELDS = ("names", "holders", "written", "_holders_by_name", "_people_by_last_word", "_written_by_key",
                 "_keys_by_actor", "_keys_by_holder")


def _blocks(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code), 3)]


class _Role(NamedTuple):
    actor_id: str
    sector: str
    title: str = ""
    start: str = ""
    end: str = ""
    held: bool = True  # false for the ELI role of someone out of office

    def holds_on(self, date: str) -> bool:
        return (self.start or "0") <= date and (not self.end or date < self.end)

    @property
    def default(self) -> bool:
        return not self.start and not self.end


@dataclass(slots=True)
class _Holder:
    """A person or a state organ that acts for actors through (possibly dated) roles."""

    name: str
    is_person: bool
    roles: list[_Role] = field(default_factory=list)
    listed: bool = False  # named by a file whose names are ruler patterns (the well-known)

    def roles_on(self, date: str | None) -> list[_Role]:
        """The roles held on ``date``, one per actor (namesakes share a holder; with no date, the one
        latest role still open, else the latest); a former official's last role turned into ELI
        (``held`` false). Of two roles for one actor the government wins,
        then any other office, then a seat in the legislature (a president is also commander in
        chief, a minister sits in parliament: both act for the government), then the later one."""
        dated = [r for r in self.roles if not r.default]
        defaults = [r for r in self.roles if r.default]
        if date is None:
            current = [r for r in dated if not r.end]
            if current:
                return [max(current, key=_precedence)]
            latest = defaults[0] if defaults else max(dated, key=lambda r: (r.end, r.start), default=None)
            return [latest] if latest else []
        holding = [r for r in dated if r.holds_on(date)]
        if holding:
            best = {}
            for role in sorted(holding, key=_precedence):
                best[role.actor_id] = role
            return list(best.values())
        if defaults:
            return defaults[:1]
        if not dated or not self.is_person:
            return []
        latest = max(dated, key=lambda r: (r.end or "9", r.start))
        return [_Role(latest.actor_id, "ELI", f"former {latest.title}".strip(), held=False)]


def _sector_rank(sector: str) -> int:
    """How a role's sector ranks against a person's other roles: the government, then any other
    office, then a seat in the legislature."""
    return {"GOV": 2, "LEG": 0}.get(sector, 1)


def _precedence(role: _Role) -> tuple[int, str]:
    return _sector_rank(role.sector), role.start


class _Name(NamedTuple):
    """What one dictionary name stands for: an actor (through a sector) or a role holder."""

    actor_id: str = ""
    sector: str = ""
    holder: int = -1  # index into ActorDictionary.holders
    place: bool = False  # a city, region or building that is an actor only when it acts
    weak_sector: bool = False  # a place's sector, which an agent word overrides ("Kyiv police")
    people: bool = False  # an adjective or demonym ("Albanian", "Albanians"), which names a people
    shared: bool = False  # a name several actors bear ("Labour"): the country of the text picks one


@dataclass(frozen=True)
class _Leadership:
    """A coalition that an actor leads between two dates (the Saudi-led coalition from 2015)."""

    leader_id: str
    coalition_id: str
    start: str = ""
    end: str = ""

    def holds_on(self, date: str | None) -> bool:
        return date is None or (self.start or "0") <= date and (not self.end or date < self.end)


def normalise(text: str) -> str:
    """The lookup key of a name: ASCII, lower case, no leading "the", no possessive.

    >>> normalise("the U.S.'s"), normalise("Erdoğan"), normalise("al-Qaeda"), normalise("People's Republic")
    ('us', 'erdogan', 'al qaeda', 'people republic')
    """
    text = _POSSESSIVE.sub("", _fold(text).lower().replace(".", "").strip())
    text = _NOT_ALPHANUMERIC.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


def _fold(text: str) -> str:
    if text.isascii():
        return text
    text = text.translate(_QUOTES)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slug(text: str) -> str:
    """An id made of a name: ``slug("Côte d'Ivoire") == "cote-d-ivoire"``."""
    return re.sub(r"[^a-z0-9]+", "-", _fold(text).lower()).strip("-")


# A word that begins at least this many names, this many times as often as it ends one, is a given name.
GIVEN_NAME_MIN_PEOPLE = 3
GIVEN_NAME_DOMINANCE = 2
RESPELLING_SIMILARITY = 0.8  # "Evelyne"/"Evelyn", "Mohamed"/"Mohammed"
RARE_SURNAME = 2  # at most this many people bear a surname that a respelled first name may go with


@dataclass
class ActorDictionary(Extendable):
    """Known actors, the names that refer to them, and the words that name a sector."""

    actors: dict[str, Actor] = field(default_factory=dict)
    names: dict[str, list[_Name]] = field(default_factory=dict)
    holders: list[_Holder] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)  # written form -> entity label, for the ruler
    agents: dict[str, str] = field(default_factory=dict)  # "foreign minister" -> GOV
    groups: set[str] = field(default_factory=set)  # "representatives" (of X), "factions" (including X)
    former: set[str] = field(default_factory=set)  # "former", "ex": a government role becomes ELI
    population: dict[str, int] = field(default_factory=dict)  # country code -> people
    not_actors: set[str] = field(default_factory=set)  # "Brexit", "GMT": entities that never act
    definites: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "group" -> kinds it refers back to
    person_definites: set[str] = field(default_factory=set)  # "envoy": refers back to the last person
    honorifics: set[str] = field(default_factory=set)  # "sheikh", "dr": may open a name, no part of it
    not_actor_heads: set[str] = field(default_factory=set)  # "agreement": an unknown name ending so is no actor
    not_actor_openers: set[str] = field(default_factory=set)  # "operation": an unknown name opening so is no actor
    led_groups: set[str] = field(default_factory=set)  # "coalition": "the Saudi-led coalition" is a coalition
    place_nouns: set[str] = field(default_factory=set)  # "town": "the town of Bucha" is a place
    shared_names: set[str] = field(default_factory=set)  # "labour": names that several actors bear
    patron_words: frozenset[str] = frozenset()  # "backed": "an Iran-backed militia" is not Iran's
    leaderships: list[_Leadership] = field(default_factory=list)  # which coalition an actor leads when
    first_words: Counter = field(default_factory=Counter)  # how many people's full names start with a word
    last_words: Counter = field(default_factory=Counter)  # ... and end with it
    _states: dict[str, str] = field(default_factory=dict)  # country code -> state id
    _holders_by_name: dict[tuple[bool, str], int] = field(default_factory=dict)  # by written and normalised name
    _people_by_last_word: dict[str, list[int]] = field(default_factory=dict)  # "anite" -> holders so named
    _holder_names: set[tuple[int, str, bool]] = field(default_factory=set)  # (holder, written name, ruler) added
    _written_by_key: dict[str, list[str]] = field(default_factory=dict)  # normalised name -> written forms
    # actor id -> its normalised names -> whether the name stands for it alone (no adjective, city or shared name)
    _keys_by_actor: dict[str, dict[str, bool]] = field(default_factory=dict)
    _keys_by_holder: dict[int, list[str]] = field(default_factory=dict)  # holder -> its normalised names
    _listed_organs: list[int] = field(default_factory=list)  # listed holders that are no person
    _references: list[tuple[str, str]] = field(default_factory=list)  # (actor id, where it is named)

    def __getstate__(self) -> dict:
        """What a pickle (the start-up cache) keeps: the large indexes packed
        (:func:`kg.cache.packed`), so that a run unpickles only the parts its lookups touch, and
        not the memo of the names added, which only speeds loading files up."""
        state = dict(self.__dict__)
        for name in PACKED_FIELDS:
            state[name] = packed(state[name])
        state["_holder_names"] = set()
        return state

    @classmethod
    @cache
    def default(cls) -> "ActorDictionary":
        """The dictionary shipped with kg (read once, then shared; kept in the start-up cache,
        :mod:`kg.cache`, between runs)."""
        return cached("actors", [extraction_digest(), []], lambda: cls.from_files(_packaged_files()))

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> "ActorDictionary":
        """Build a dictionary from YAML and CSV files; later files override earlier ones."""
        dictionary = cls()
        with collection_paused():
            for path in paths:
                dictionary.add_file(path)
        dictionary.check_references()
        return dictionary

    def check_references(self) -> None:
        """Fail, naming the file, when a role names an organisation that no file defines."""
        for actor_id, where in self._references:
            if actor_id not in self.actors:
                raise ValueError(f"{where}: no actor has the id {actor_id!r}")
        self._references.clear()

    # --- loading -------------------------------------------------------------------------------

    def add_file(self, path: str | Path) -> None:
        """Add the entries of one YAML or CSV file; ``ValueError`` names the file, the entry and
        the problem, and in a YAML file the line (of the value at fault, when a value has the
        wrong type: the shapes are :data:`ACTOR_ENTRY`, :data:`PERSON_ENTRY` and
        :data:`ACTOR_VOCABULARY`).

        Numbers are refused where text belongs (a name, an alias, a country), not turned into
        text: YAML reads ``1984`` unquoted as a number, and ``1_000`` as a number no one wrote
        (1000); ``"1984"`` in quotes is a name.

        >>> import tempfile
        >>> with tempfile.NamedTemporaryFile("w", suffix=".yaml") as handle:
        ...     _ = handle.write("- id: oceania\\n  name: Oceania\\n  aliases: [Airstrip One, 1984]\\n")
        ...     handle.flush()
        ...     ActorDictionary().add_file(handle.name)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: ...: entry 1 is malformed (aliases item 2 is the number 1984, not text: put it in quotes) at line 3
        """
        path = Path(path)
        if path.suffix.lower() == ".csv":
            self._add_csv(path)
            return
        data, where = read_yaml(path, "actor file"), ()
        if isinstance(data, dict):
            try:
                check(data, ACTOR_VOCABULARY)
            except DataError as error:
                raise ValueError(f"{path}: {error}{at_line(path, error.keys)}") from None
            self._add_vocabulary(data)
            data, where = data.get("actors") or [], ("actors",)
        if not isinstance(data, list):
            raise ValueError(f"{path}: expected a list of actors and people, or a mapping with 'agents'")
        for number, entry in enumerate(data, start=1):
            try:
                person = isinstance(entry, dict) and "person" in entry
                check(entry, PERSON_ENTRY if person else ACTOR_ENTRY)
                if person:
                    self._add_yaml_person(entry, f"{path}: entry {number}")
                else:
                    self._add_actor(entry, f"{path}: entry {number}")
            except ValueError as error:
                keys = (*where, number - 1, *(error.keys if isinstance(error, DataError) else ()))
                raise ValueError(f"{path}: entry {number} is malformed ({error}){at_line(path, keys)}") from None

    def _add_vocabulary(self, data: dict) -> None:
        for phrase, sector in (data.get("agents") or {}).items():
            self.agents[normalise(phrase)] = sector
        self.groups.update(normalise(word) for word in data.get("groups") or [])
        self.former.update(normalise(word) for word in data.get("former") or [])
        self.honorifics.update(normalise(word) for word in data.get("honorifics") or [])
        self.not_actor_heads.update(normalise(word) for word in data.get("not_actor_heads") or [])
        self.led_groups.update(normalise(word) for word in data.get("led_groups") or [])
        self.place_nouns.update(normalise(word) for word in data.get("place_nouns") or [])
        self.not_actor_openers.update(normalise(word) for word in data.get("not_actor_openers") or [])
        self.patron_words = self.patron_words | {word.lower() for word in data.get("patron_words") or []}
        self.not_actors.update(normalise(word) for word in data.get("not_actors") or [])
        for word, kinds in (data.get("definites") or {}).items():
            self.definites[normalise(word)] = tuple(kinds or ())
        self.person_definites.update(normalise(word) for word in data.get("person_definites") or [])

    def _add_csv(self, path: Path) -> None:
        try:
            self._add_rows(path)
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise cannot_read(path, "actor file", error) from None

    def _add_rows(self, path: Path) -> None:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = set(reader.fieldnames or [])
            if {"phrase", "sector"} <= columns:
                add = self._add_agent_row
            elif {"name", "country", "type"} <= columns:
                add = self._add_place_row
            elif {"id", "name", "kind"} <= columns:
                add = self._add_organisation_row
            elif {"name", "kind", "country", "actor", "sector", "start", "end"} <= columns:
                add = self._add_role_row
            else:
                raise ValueError(f"{path}: unknown kind of actor table (columns: {', '.join(sorted(columns))})")
            for number, row in enumerate(reader, start=2):
                try:
                    if None in row or None in row.values():  # DictReader's marks of extra and missing cells
                        given = [value for key, value in row.items() if key is not None and value is not None]
                        cells = len(given) + len(row.get(None, ()))
                        raise ValueError(f"{cells} cell{'s' * (cells != 1)} where the header has "
                                         f"{len(reader.fieldnames)} (a cell with a comma needs quotes)")
                    add(row, f"{path}, line {number}")
                except (KeyError, ValueError) as error:
                    raise ValueError(f"{path}, line {number}: {error}") from None

    def _add_agent_row(self, row: dict, where: str) -> None:
        key = normalise(row["phrase"])
        if key and key not in self.agents and row["sector"] not in NON_SECTORS:
            self.agents[key] = row["sector"]

    def _add_place_row(self, row: dict, where: str) -> None:
        state = self._state_for(row["country"])
        if state is None:
            return
        self._add_name(row["name"], _Name(state, "CVL", place=True, weak_sector=True), "GPE")

    def _add_organisation_row(self, row: dict, where: str) -> None:
        entry = {key: row.get(key, "") for key in ("id", "name", "kind", "country", "sector", "code")}
        entry["aliases"] = [a for a in (row.get("aliases") or "").split("|") if a]
        self._add_actor(entry, where)

    def _add_role_row(self, row: dict, where: str) -> None:
        ruler = (row.get("ruler") or "").strip().lower()
        if ruler not in ("", "yes", "no"):
            raise ValueError(f"ruler is {row.get('ruler')!r}: it must be empty, 'yes' or 'no'")
        listed = ruler != "no"
        holder = self._holder(row["name"], row["kind"] == "person", listed)
        aliases = [row["name"], *(a for a in (row.get("aliases") or "").split("|") if a)]
        self._add_role(holder, row, aliases, where, ruler=listed)

    def _add_yaml_person(self, entry: dict, where: str) -> None:
        holder = self._holder(entry["person"], True)
        aliases = [entry["person"], *(entry.get("aliases") or ())]
        for role in entry["roles"] or ():
            self._add_role(holder, role, aliases, where)

    def _add_role(self, holder: int, role: dict, aliases: list[str], where: str, ruler: bool = True) -> None:
        actor_id = role.get("actor") or self._state_for(role.get("country") or "")
        if not actor_id:
            raise ValueError(f"{self.holders[holder].name}: a role needs an 'actor' id or a state's 'country'")
        if actor_id not in self.actors:
            self._references.append((actor_id, where))
        # Interned: 130,000 roles share 18,000 strings (in the start-up cache, within each chunk of holders).
        fields = (actor_id, role.get("sector"), role.get("title"), role.get("start"), role.get("end"))
        self.holders[holder].roles.append(_Role(*(sys.intern(str(value or "")) for value in fields)))
        label = "PERSON" if self.holders[holder].is_person else "ORG"
        for alias in aliases:
            if (holder, alias, ruler) not in self._holder_names:  # a holder's rows repeat its aliases
                self._holder_names.add((holder, alias, ruler))
                self._add_name(alias, _Name(holder=holder), label if ruler else "")

    def _holder(self, name: str, is_person: bool, listed: bool = True) -> int:
        """The index of the holder so named, made on first sight. Only ``listed`` people (the ruler's
        names) count towards telling given names: half the officials looked up only are Chinese,
        Korean and Vietnamese names, which begin with the family name ("Xi Jinping")."""
        written = self._holders_by_name.get((is_person, name))  # a holder's rows follow each other
        if written is not None and (self.holders[written].listed or not listed):
            return written
        normalised = normalise(name)
        key = (is_person, normalised)
        if key not in self._holders_by_name:
            self._holders_by_name[key] = len(self.holders)
            self.holders.append(_Holder(name, is_person))
            # "Tim Renton, Baron Renton of Mount Harry" is a Renton
            words = (normalise(name.partition(",")[0]) if "," in name else normalised).split()
            if is_person and len(words) > 1:
                self._people_by_last_word.setdefault(words[-1], []).append(len(self.holders) - 1)
        index = self._holders_by_name[key]
        if listed and not self.holders[index].listed:
            self._count_name_words(index)
        self._holders_by_name[(is_person, name)] = index
        if listed and not is_person and not self.holders[index].listed:
            self._listed_organs.append(index)
        self.holders[index].listed |= listed
        return index

    def _count_name_words(self, index: int) -> None:
        """Count a listed person's first and last words, which tell given names from surnames."""
        holder = self.holders[index]
        words = normalise(holder.name).split()
        if holder.is_person and len(words) > 1:
            self.first_words[words[0]] += 1
            self.last_words[words[-1]] += 1


    def _add_actor(self, entry: dict, where: str) -> None:
        if "id" not in entry and "name" not in entry:  # additions to the state of a country
            state_id = self._state_for(entry.get("country") or "")
            if state_id is None:
                raise ValueError(f"no state has the country code {entry.get('country')!r}")
            entry = {**entry, "id": state_id}
        if "id" not in entry:
            raise ValueError("it has a name but no id")
        known = self.actors.get(entry["id"])
        if known is None and not entry.get("name"):
            raise ValueError(f"no actor has the id {entry['id']!r}: a new actor needs a name")
        if known is None:
            kind = entry.get("kind") or "other"
            if kind not in KINDS:
                raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
            country = entry.get("country") or ""
            actor = Actor(id=entry["id"], name=entry["name"], kind=kind, country=country,
                          sector=entry.get("sector") or "", code=entry.get("code") or country)
        else:  # a later file adds to (or corrects) an actor an earlier one defined
            changes = {k: entry[k] for k in ("name", "kind", "country", "sector", "code") if entry.get(k)}
            actor = Actor(**{**known.__dict__, **changes})
        self.actors[actor.id] = actor
        if actor.kind == "state" and actor.country:
            self._states[actor.country] = actor.id
            if entry.get("population"):
                self.population[actor.country] = entry["population"]
        label = {"state": "GPE", "bloc": "NORP"}.get(actor.kind, "ORG")
        for name in [actor.name, *(entry.get("aliases") or ())]:
            self._add_name(name, _Name(actor.id), label)
        for name in entry.get("adjectives") or ():
            self._add_name(name, _Name(actor.id, people=True), "NORP")
        for name in entry.get("shared_names") or ():
            self._add_name(name, _Name(actor.id, shared=True), label)
            self.shared_names.add(normalise(name))
        for leadership in _as_list(entry.get("led_by")):
            leader = leadership.get("actor") or self._state_for(leadership.get("country") or "")
            if not leader:
                raise ValueError(f"{actor.id}: led_by needs a leader's 'actor' id or a state's 'country'")
            if leader not in self.actors:
                self._references.append((leader, f"{where}: led_by"))
            self.leaderships.append(_Leadership(leader, actor.id, str(leadership.get("start") or ""),
                                                str(leadership.get("end") or "")))
        if entry.get("capital"):
            self._add_name(entry["capital"], _Name(actor.id, "GOV", place=True, weak_sector=True), "GPE")
        for metonym in entry.get("metonyms") or ():
            if isinstance(metonym, str):
                metonym = {"name": metonym}
            self._add_name(metonym["name"], _Name(actor.id, metonym.get("sector", "GOV"), place=True), "ORG")

    def _add_name(self, written: str, name: _Name, label: str) -> None:
        key = normalise(written)
        if not key:
            return
        known = self.names.get(key, [])
        if name.place and name.weak_sector and any(not n.weak_sector for n in known):
            return  # a place name never hides an actor's name ("Georgia" the country, not the US state)
        if name.holder >= 0:
            if name not in known:
                self.names[key] = [*known, name]
                self._keys_by_holder.setdefault(name.holder, []).append(key)
        else:  # an actor's name replaces other actors' use of it, but not role holders' (nor shares one)
            self.names[key] = [*(n for n in known if n.holder >= 0 or name.shared and n.shared), name]
            self._index_actor_names(key, {n.actor_id for n in known if n.holder < 0} | {name.actor_id})
        if not label:  # looked up only: the entity recogniser must find it
            return
        self._add_written(written, key, label)
        if written.lower().startswith("the ") and label != "NORP":  # "the West" but not "West Darfur"
            self._add_written(written[4:], key, label)

    def _index_actor_names(self, key: str, actor_ids: set[str]) -> None:
        names = self.names.get(key, [])
        for actor_id in actor_ids:
            own = [n for n in names if n.holder < 0 and n.actor_id == actor_id]
            if own:
                self._keys_by_actor.setdefault(actor_id, {})[key] = any(
                    not (n.people or n.weak_sector or n.shared) for n in own)
            else:
                self._keys_by_actor.get(actor_id, {}).pop(key, None)

    def _add_written(self, written: str, key: str, label: str) -> None:
        if written in self.written:
            return
        self.written[written] = label
        forms = self._written_by_key.setdefault(key, [])
        if all(written.casefold() != form.casefold() for form in forms):
            forms.append(written)

    def written_forms(self, key: str) -> list[str]:
        """How the ruler's names of a normalised name are written, first seen first, one per
        casing: ``["U.S.", "US"]`` for ``"us"``; empty for a name the ruler does not find."""
        return self._written_by_key.get(key, [])

    def names_for(self, actor_ids: Iterable[str], people: Iterable[str] = ()) -> dict[str, set[str]]:
        """The normalised names that stand for each of ``actor_ids``: its own (not its adjectives,
        cities or names it shares), those of the state organs acting for it and those of the
        ``people`` (normalised names) who hold a role for it.

        >>> names = ActorDictionary.default().names_for(["russia"], people=["vladimir putin"])["russia"]
        >>> sorted(name for name in ["russia", "kremlin", "putin", "moscow", "russian"] if name in names)
        ['kremlin', 'putin', 'russia']
        """
        ids = set(actor_ids)
        found = {actor: {key for key, alone in self._keys_by_actor.get(actor, {}).items() if alone}
                 for actor in sorted(ids)}
        holders = {self.holder_index(person) for person in people} - {None}
        for index in sorted(holders | set(self._listed_organs)):
            for role in self.holders[index].roles_on(None):
                if role.held and role.actor_id in ids:
                    found[role.actor_id].update(self._keys_by_holder.get(index, ()))
        return {actor: keys for actor, keys in found.items() if keys}

    def holder_index(self, name: str, is_person: bool = True) -> int | None:
        """The index in :attr:`holders` of the person (or organisation) of that normalised or
        written name, or None."""
        return self._holders_by_name.get((is_person, name))

    def _state_for(self, country: str) -> str | None:
        return self._states.get(country.upper()) if country else None

    # --- coalitions ----------------------------------------------------------------------------

    def is_led_group(self, word: str) -> bool:
        """True for a noun that, led by an actor, names a coalition ("the Saudi-led coalition")."""
        return normalise(word) in self.led_groups

    def coalition_led_by(self, leader: ActorRef, date: str | None = None) -> ActorRef | None:
        """The coalition an actor leads on ``date``: a state's coalition in the dictionary (``led_by``:
        "the Saudi-led coalition" in 2016 is the one at war in Yemen), else a coalition of its own
        ("France-led coalition", kind ``bloc``, with the leader's country and coded as the leader's
        military, the CAMEO reading of "French-led forces"); what an organisation
        or bloc leads is itself, through its military ("a NATO-led force"). ``None`` for a leader that
        leads no coalition (a person, a party, an armed group: "a Hamas-led government" is Hamas's).

        >>> actors = ActorDictionary.default()
        >>> actors.coalition_led_by(actors.lookup("Saudi"), "2016-01-01").actor.id
        'saudi-led-coalition'
        >>> ref = actors.coalition_led_by(actors.lookup("France"), "2013-01-15")
        >>> ref.name, ref.kind, ref.country, ref.code
        ('France-led coalition', 'bloc', 'FRA', 'FRAMIL')
        """
        actor = leader.actor
        if leader.person or actor.kind not in ("state", "igo", "bloc"):
            return None
        for leadership in reversed(self.leaderships):
            if leadership.leader_id == actor.id and leadership.holds_on(date):
                return ActorRef(self.actors[leadership.coalition_id])
        if actor.kind != "state":
            return ActorRef(actor, leader.sector or "MIL")
        code = actor.code + ("" if actor.code.endswith("MIL") else "MIL")
        return ActorRef(Actor(id=f"{actor.id}-led-coalition", name=f"{actor.name}-led coalition", kind="bloc",
                              country=actor.country, code=code))

    # --- lookup --------------------------------------------------------------------------------

    def lookup(self, text: str, date: str | None = None, country: str = "", places: bool = True,
               people: bool = True) -> ActorRef | None:
        """The actor a name refers to on ``date`` (ISO), or ``None`` for an unknown or ambiguous name.

        ``country`` (ISO3) prefers the reading in that country when a name has several;
        ``places=False`` ignores readings as a place (for a name the text uses for a person), and
        ``people=False`` readings as a person (for a group's adjective: "Christian").

        >>> ActorDictionary.default().lookup("Iranian").actor.country
        'IRN'
        """
        return self._lookup_key(normalise(text), date, country, places, people)

    def _lookup_key(self, key: str, date: str | None, country: str = "", places: bool = True,
                    people: bool = True) -> ActorRef | None:
        """An actor's name first, then a role holder, then a place.

        Of several people with the name, those in office on the date beat former officials, and
        one in a state ten times as populous as the others' beats them ("Obama" in 2015 is the US
        president, not Equatorial Guinea's prime minister); otherwise the name is ambiguous.
        """
        names, roles, place_names = self._readings(key, date)
        if key in self.shared_names:  # "Labour": only the text's country says whose
            names = [reading for reading in names if country and reading[0].actor.country == country]
            return names[-1][0] if names else None
        if country:
            names, roles, place_names = ([r for r in refs if r[0].actor.country == country] or refs
                                         for refs in (names, roles, place_names))
        if names:
            return names[-1][0]  # the latest file's reading
        if people and not roles and not place_names:
            respelled = self._respelled(key)
            if respelled:
                return self._lookup_key(respelled, date, country, places, people)
        if not people:
            roles = [(ref, held) for ref, held in roles if not ref.person]
        if roles:
            return self._most_likely_holder(roles)
        return place_names[-1][0] if place_names and places else None

    def _most_likely_holder(self, roles: list[tuple[ActorRef, bool]]) -> ActorRef | None:
        in_office = [ref for ref, held in roles if held]
        if len({ref.actor.id for ref in in_office}) > 1:  # a namesake in government before one in a legislature
            best = max(_sector_rank(ref.sector) for ref in in_office)
            in_office = [ref for ref in in_office if _sector_rank(ref.sector) == best]
        candidates = {(ref.person, ref.actor.id): ref for ref in (in_office or [ref for ref, _ in roles])}
        if len(candidates) == 1:
            return next(iter(candidates.values()))
        if len({ref.actor.id for ref in candidates.values()}) == 1:  # "Bush" in 2000: either way the US
            refs = list(candidates.values())
            sectors = {r.sector for r in refs}
            if len(sectors) > 1 and "GOV" in sectors:  # one person in two files: the office outranks the rest
                sectors = {"GOV"}
            return ActorRef(refs[0].actor, sectors.pop() if len(sectors) == 1 else "")
        ranked = sorted(candidates.values(), key=lambda ref: -self.population.get(ref.actor.country, 0))
        first, second = (self.population.get(ref.actor.country, 0) for ref in ranked[:2])
        return ranked[0] if first >= DOMINANCE * max(second, 1) else None

    def _readings(self, key: str, date: str | None) -> tuple[list, list, list]:
        """The readings of a name on a date, as (reference, held) pairs: as an actor's name, a role
        holder's (held false for a former official), and a place's."""
        names, roles, place_names = [], [], []
        for name in self.names.get(key, []):
            if name.holder >= 0 and self.holders[name.holder].is_person and self._given_name(key):
                continue
            if name.holder < 0:
                actor = self.actors[name.actor_id]
                (place_names if name.weak_sector else names).append((ActorRef(actor, name.sector or actor.sector), True))
                continue
            roles += [(ref, role.held) for ref, role in self._holder_refs(name.holder, date)]
        return names, roles, place_names

    def _holder_refs(self, index: int, date: str | None) -> list[tuple[ActorRef, _Role]]:
        """What a role holder acts as on ``date``: one reference per role it holds then."""
        holder = self.holders[index]
        refs = []
        for role in holder.roles_on(date):
            actor = self.actors[role.actor_id]
            refs.append((ActorRef(actor, role.sector or actor.sector, holder.name if holder.is_person else ""), role))
        return refs

    def _respelled(self, key: str) -> str:
        """The name of the one person whose name is ``key`` with its first word spelled otherwise
        ("Evelyne Anite" for Evelyn Anite, "Mohamed Hussein Roble" for Mohammed Hussein Roble), or ``""``."""
        words = key.split()
        namesakes = self._people_by_last_word.get(words[-1], ()) if len(words) > 1 else ()
        if len(namesakes) > RARE_SURNAME:
            return ""  # "Jon Stewart" is no John Stewart: only a rare surname tells a respelling from another person
        found = set()
        for holder in namesakes:
            other = normalise(self.holders[holder].name).split()
            if (len(other) == len(words) and other[1:] == words[1:] and other[0][0] == words[0][0]
                    and other[0] != words[0]
                    and difflib.SequenceMatcher(None, other[0], words[0]).ratio() >= RESPELLING_SIMILARITY):
                found.add(" ".join(other))
        return found.pop() if len(found) == 1 else ""

    def is_shared_name(self, text: str) -> bool:
        """True for a name several actors bear, which the text's country decides.

        >>> ActorDictionary.default().is_shared_name("Labour")
        True
        """
        return normalise(text) in self.shared_names

    def is_well_known(self, person: str) -> bool:
        """True for a person a leaders list or a curated file names (a ruler pattern), false for one
        only the long officeholder and legislator lists know, whose name many others bear.

        >>> actors = ActorDictionary.default()
        >>> actors.is_well_known("Vladimir Putin"), actors.is_well_known("Tobias Ellwood")
        (True, False)
        """
        index = self._holders_by_name.get((True, normalise(person)))
        return index is not None and self.holders[index].listed

    def person_by_surname(self, surname: str, date: str | None, countries: Iterable[str]) -> ActorRef | None:
        """The person of one of ``countries`` whose full name ends with ``surname`` ("Minister
        Ellwood" in a British article of 2018): those in office on ``date`` before former officials,
        the well-known (the leaders lists) before the rest, then by office; ``None`` for a given name,
        when there is no such person, or several of the same rank.

        >>> ActorDictionary.default().person_by_surname("Lavrov", "2020-01-01", ["RUS"]).code
        'RUSGOV'
        """
        key = normalise(surname).rpartition(" ")[2]  # "al-Assad" is an Assad
        if not key or self._given_name(key):
            return None  # "Harry" is no one's surname in particular
        wanted = set(countries)
        found: dict[tuple, list[ActorRef]] = {}
        for index in self._people_by_last_word.get(key, ()):
            for ref, role in self._holder_refs(index, date):
                if ref.actor.country in wanted:
                    rank = (role.held, self.holders[index].listed, _sector_rank(role.sector))
                    found.setdefault(rank, []).append(ref)
        best = found[max(found)] if found else []
        return best[0] if len({(ref.person, ref.actor.id) for ref in best}) == 1 else None

    def is_place(self, text: str) -> bool:
        """True when the name is a place that stands for an actor only when it acts ("Moscow")."""
        names = self.names.get(normalise(text), [])
        return bool(names) and all(n.place for n in names)

    def is_bloc_name(self, text: str) -> bool:
        """True for a bloc's own name ("the West", "Arab coalition"), not its adjective ("Arabs"): a
        people lives somewhere ("Arabs in Israel"), a bloc does not ("the West in Ukraine")."""
        names = self.names.get(normalise(text), [])
        return bool(names) and all(n.holder < 0 and not n.people and self.actors[n.actor_id].kind == "bloc"
                                   for n in names)

    def is_city_or_region(self, text: str) -> bool:
        """True for a name that only names a city, region or capital."""
        return self._only_place(normalise(text))

    def _only_place(self, key: str) -> bool:
        """True for a city or region name, whose sector an agent word overrides ("Kyiv police")."""
        names = self.names.get(key, [])
        return bool(names) and all(n.weak_sector for n in names)

    def _ambiguous_alone(self, key: str) -> bool:
        """A one-word name that may be part of another name: a place, a person, a bloc ("West" in
        "West Africans" and "West Darfur"), but not a state or an organisation ("Russian", "NATO")."""
        def alone_ambiguous(name: _Name) -> bool:
            if name.holder >= 0:
                return self.holders[name.holder].is_person
            return name.weak_sector or self.actors[name.actor_id].kind == "bloc"

        names = self.names.get(key, [])
        return bool(names) and all(alone_ambiguous(n) for n in names)

    def _given_name(self, key: str) -> bool:
        """A word that begins many people's names more often than it ends them ("Paul", "Mohammad",
        "Kim"): alone it names no one in particular, whatever aliases the sources give."""
        first = self.first_words[key]
        return first >= GIVEN_NAME_MIN_PEOPLE and first > GIVEN_NAME_DOMINANCE * self.last_words[key]

    def lookup_person(self, text: str, date: str | None = None) -> ActorRef | None:
        """The person a name refers to, read with or without the forms of address ("Mr. Trump", "Sheikh
        Hamad bin Khalifa al-Thani") and titles ("President Bashar al-Assad") that open it.

        >>> ActorDictionary.default().lookup_person("Dr Vladimir Putin", "2020-01-01").code
        'RUSGOV'
        """
        words = text.split()
        while True:
            ref = self.lookup(" ".join(words), date, places=False)
            if ref is not None or len(words) < 2:
                return ref
            title = next((size for size in range(min(3, len(words) - 1), 0, -1) if self._is_title(words[:size])), 0)
            if not title:
                return None
            words = words[title:]

    def _is_title(self, words: list[str]) -> bool:
        """Whether words that open a name are a title: a form of address ("Sheikh", "Gov."), a role that
        refers to a person ("Secretary", "Foreign Secretary") or an agent phrase ("Defense Minister")."""
        last = normalise(words[-1])
        return last in self.honorifics or last in self.person_definites or bool(self.agent_sector(" ".join(words)))

    def may_be_person(self, text: str) -> bool:
        """True when the name reads as a person or a place only ("Paul", "Rivera", "Vladimir Putin"),
        and at least once as a person."""
        names = self.names.get(normalise(text), [])
        people = [n for n in names if n.holder >= 0 and self.holders[n.holder].is_person]
        return bool(people) and all(n in people or n.weak_sector for n in names)

    def _only_person(self, key: str) -> bool:
        names = self.names.get(key, [])
        return bool(names) and all(n.holder >= 0 and self.holders[n.holder].is_person for n in names)

    def state(self, country: str) -> Actor | None:
        """The state actor of an ISO3 country code."""
        state_id = self._state_for(country)
        return self.actors[state_id] if state_id else None

    def agent_sector(self, words: str) -> str:
        """The sector an agent phrase names ("foreign minister" -> GOV), or ``""``."""
        return self.agents.get(normalise(words), "")

    def is_group_word(self, lemma: str) -> bool:
        """True for a noun that stands for members of an actor ("representatives of Hamas")."""
        key = normalise(lemma)
        return key in self.groups or key in self.agents

    def ruler_patterns(self) -> list[dict]:
        """EntityRuler patterns for the written names of actors and people, in a stable order.

        Places are left to the entity recogniser (there are too many, and most are not actors), except
        capitals and places whose name holds another pattern, which the longer name must beat
        ("Northern Ireland" is not Ireland, "Mexico City" not Mexico, "the West Bank" not the West);
        so are one-word names of people that also begin other people's names.
        """
        keys = {written: normalise(written) for written in self.written}

        def unnamed(key: str) -> bool:
            # A one-word name that begins someone's full name ("Khalifa", "Hamad") would cut that name short.
            return self._only_place(key) or " " not in key and self.first_words[key] > 0 and self._only_person(key)

        named = {written for written, key in keys.items() if not unnamed(key)}
        words = {word for written in named for word in written.split()}

        def opens_with_a_the_name(parts: list[str]) -> bool:
            """ "West Bank" opens with "West" of "the West", and is no longer: in "the West Bank" the
            two patterns tie, and the one that starts first would win."""
            return any("the " + " ".join(parts[:j]) in named for j in range(max(1, len(parts) - 1), len(parts)))

        def wanted(written: str, label: str) -> bool:
            if written in named or label == "GPE" and self._is_capital(written):
                return True
            parts = written.split()
            return len(parts) > 1 and any(part in words for part in parts) and (any(
                " ".join(parts[i:j]) in named for i in range(len(parts)) for j in range(i + 1, len(parts) + 1))
                or opens_with_a_the_name(parts))

        patterns = [(written, label) for written, label in sorted(self.written.items()) if wanted(written, label)]
        # A name written with its "the" ("the West") may open a sentence ("The West"); a name that
        # opens with such a name ("West Bank") needs its "the" too ("the West Bank").
        extra = set()
        for written, label in patterns:
            if written.startswith("the ") and label == "NORP":  # the others match without their "the"
                extra.add(("The " + written[4:], label))
            elif not written.lower().startswith("the ") and opens_with_a_the_name(written.split()):
                extra.update({("the " + written, label), ("The " + written, label)})
        return [{"label": label, "pattern": written}
                for written, label in patterns + sorted(e for e in extra if e[0] not in self.written)]

    def _is_capital(self, written: str) -> bool:
        return any(n.sector == "GOV" and n.place for n in self.names.get(normalise(written), []))

    def is_capital(self, written: str) -> bool:
        """True for a state's capital, which names its government when it acts ("Moscow said")."""
        return any(n.sector == "GOV" and n.place and n.weak_sector for n in self.names.get(normalise(written), []))

    # --- phrases -------------------------------------------------------------------------------

    def resolve(self, text: str, date: str | None = None, context: str | None = None,
                institution: bool = False) -> ActorRef | None:
        """The actor a whole phrase refers to: a name, or names and agent words together.

        "Kyiv police" is Ukraine's police, "the EU legislature" the EU's legislature, "French
        Foreign Minister Jean-Yves Le Drian" France's government (or the person's role, when
        known). ``context`` (such as "Mexican" or "Somalia") picks among readings of a name and
        supplies the country when the phrase has none; ``institution`` says the phrase names an
        organisation, whose name may hold a place ("Baghdad University" is Iraqi). Returns ``None``
        when no actor is named.

        >>> ActorDictionary.default().resolve("Kyiv police").code
        'UKRCOP'
        """
        led = _LED.match(text.strip())
        if led and self.is_led_group(led.group(2)):  # "the U.S.-led coalition", as the pipeline reads it
            leader = self.resolve(led.group(1), date)
            coalition = self.coalition_led_by(leader, date) if leader is not None else None
            if coalition is not None:
                return coalition
        around = self.resolve(context, date) if context else None
        country = around.actor.country if around else ""
        phrase = _Phrase.read(text, self, institution)
        ref, weak = self._lookup_key(phrase.key, date, country), self._only_place(phrase.key)
        if ref is None:
            ref, weak = phrase.actor(self, date, country)
        if ref is None and around is not None:
            ref, weak = ActorRef(around.actor, around.sector), True
        return phrase.apply_sector(ref, weak) if ref is not None else None

    def resolve_sector(self, text: str) -> str:
        """The sector a phrase's agent words name ("a disgraced former minister" -> ELI), or ``""``."""
        phrase = _Phrase.read(text, self)
        if phrase.former and phrase.sector in STATE_SECTORS - {""}:
            return "ELI"
        return phrase.sector


@dataclass
class _Phrase:
    """A phrase read as a sequence of dictionary names and agent words."""

    key: str  # the whole phrase as a lookup key
    names: list[str]  # keys of the names written with a capital letter, in order
    sector: str  # the sector its head (last) agent word names
    former: bool  # "former", "ex-", "retired"

    @classmethod
    def read(cls, text: str, dictionary: ActorDictionary, institution: bool = False) -> "_Phrase":
        text = _POSSESSIVE.sub("", _fold(text)).replace(".", "")
        words = [w for w in re.split(r"[^A-Za-z0-9]+", text) if w]
        if words and words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        lowered = [w.lower() for w in words]
        shouting = not any(c.islower() for c in text)
        known = [False] * len(words)  # words that belong to a name or an agent phrase
        names, sectors, former, i = [], [], False, 0
        while i < len(words):
            for size in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
                key = " ".join(lowered[i:i + size])
                if key in dictionary.names:
                    if shouting or any(c.isupper() for c in "".join(words[i:i + size])):
                        names.append((key, i, size))
                    break
                if key in dictionary.agents:
                    sectors.append(dictionary.agents[key])
                    break
            else:
                size = 1
                former = former or lowered[i] in dictionary.former
            known[i:i + size] = [size > 1 or lowered[i] in dictionary.names or lowered[i] in dictionary.agents] * size
            i += size
        capitalised = [w[:1].isupper() and not shouting for w in words]
        unknown_name = [c and not k for c, k in zip(capitalised, known)]
        names = [key for key, start, size in names
                 if not (size == 1 and dictionary._ambiguous_alone(key)
                         and not (institution and dictionary._only_place(key)) and (
                     _in_unknown_name(start, unknown_name) or _in_unknown_name(start, capitalised)
                     and not dictionary._only_place(key) and not dictionary._only_person(key)))]
        informative = [sector for sector in sectors if sector != "UNK"]
        sector = (informative or sectors or [""])[-1]
        return cls(" ".join(lowered), names, sector, former)

    def actor(self, dictionary: ActorDictionary, date: str | None, country: str) -> tuple[ActorRef | None, bool]:
        """The most specific actor named (a role holder or organisation, then a state, then a place),
        and whether its sector is only a place's (which an agent word overrides)."""
        readings = [(ref, dictionary._only_place(key)) for key in self.names
                    for ref in [dictionary._lookup_key(key, date, country)] if ref is not None]
        if not readings:
            return None, False
        return max(reversed(readings), key=lambda r: (not r[1], bool(r[0].person) or r[0].actor.kind != "state"))

    def apply_sector(self, ref: ActorRef, weak: bool) -> ActorRef:
        sector = self.sector if self.sector and (weak or not ref.sector) else ref.sector
        if self.former and sector in STATE_SECTORS - {""}:
            sector = "ELI"
        return ActorRef(ref.actor, sector, ref.person)


def _as_list(value) -> list[dict]:
    return [] if not value else [value] if isinstance(value, dict) else list(value)


def _in_unknown_name(position: int, unknown_name: list[bool]) -> bool:
    """True when a word stands next to capitalised words the dictionary does not know: it is part
    of some other name ("Juan" in "Juan Carlos Jobet" is no town in France)."""
    return any(0 <= i < len(unknown_name) and unknown_name[i] for i in (position - 1, position + 1))


def _packaged_files() -> list[Path]:
    folder = resources.files("kg").joinpath("data/actors")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".yaml", ".yml", ".csv")))


def unresolved_actor(text: str) -> Actor:
    """The actor for a named entity that matches nothing in the dictionary (kind ``other``)."""
    name = " ".join(text.split())
    name = re.sub(r"^(the|The)\s+", "", name)
    name = re.sub(r"['\u2019]s?$", "", name)
    return Actor(id=f"{UNRESOLVED_PREFIX}{slug(name) or 'unknown'}", name=name, kind="other")


ACTOR_COLUMNS = ["actor_id", "name", "kind", "country", "sector", "code", "mentions"]


def actor_record(actor: Actor, mentions: int) -> dict:
    """One row of the actors table."""
    return {"actor_id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
            "sector": actor.sector, "code": actor.code, "mentions": mentions}
