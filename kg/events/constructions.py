"""Constructions: named rules that find an event's source and target in the dependency parse.

Each construction has a name, a role (``source``, ``target``, ``pair`` for both at once, or
``event`` for a whole event that no predicate word triggers) and a description, in
``kg/data/constructions.yaml``. A construction is either a tree pattern written as data for
spaCy's ``DependencyMatcher`` (its node ``trigger`` is the predicate word, ``argument`` the head
of the phrase that holds the actor, or ``source`` and ``target`` for a pair) or a function
registered here with :func:`construction`. A predicate's entry in the predicate files names the
constructions that find its arguments, in order; without one, its word class's defaults in
``constructions.yaml`` apply. The first construction that finds an actor gives the argument, so
each construction is also a feature of how an event was found (see :mod:`kg.events.confidence`).

Every construction is shown by sentences in the catalogue, ``tests/catalogue.yaml``.

>>> from kg.nlp import actor_dictionary, predicate_dictionary
>>> constructions = Constructions.default(actor_dictionary(), predicate_dictionary())
>>> constructions.plan(predicate_dictionary().verbs["meet"]).targets
('parties_between', 'object', 'preposition', 'collective', 'purpose_object', 'own_state')
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from spacy.matcher import DependencyMatcher

from kg.actors import ActorDictionary, ActorRef, mention_at, prep_objects
from kg.datafiles import read_yaml
from kg.events.arguments import (RELATIVE_PRONOUNS, Argument, ArgumentReader, LocalActors, a_people,
                                 agent_prepositions)
from kg.events.predicates import Match, Predicate, PredicateDictionary

ROLES = ("source", "target", "pair", "event")
MATCHES = "kg_construction_matches"  # where a document keeps the tree patterns' matches while it is read
ADDED = ("verb", "noun", "adjective", "symmetric", "complement", "locative", "all")  # see ``added`` in the data
CLAUSES = ("xcomp", "ccomp")
COMPLEMENT_PREPOSITIONS = {"to", "with", "on", "against", "from", "for", "into", "over", "between"}
PARTNER_PREPOSITIONS = {"to", "with", "against", "between"}  # before what the clause is about ("on", "over")
LOCATIVE_PREPOSITIONS = {"in", "inside", "across", "throughout", "within"}
STATE_PREPOSITIONS = {"in", "at"}  # "X is at war with Y", "X is in talks with Y"
COPULAS = {"be", "remain", "stay"}
DEONTIC = {"must", "should", "ought"}
PROTEST_ROOT = "14"
STATEMENT_ROOTS = {"10", "13"}  # demands and threats whose clause may only say what is
HOSTILE_ROOTS = {"13", "16", "17", "18", "19", "20"}  # threats, sanctions, coercion, violence
EVALUATION_CODE = "111"  # what calling someone names of ill is: criticism
ASKING_ROOTS = {"02", "10"}  # appeals and demands
MODIFIERS = ("compound", "amod", "nmod")  # the words before a noun that may name an actor
# A nominal event inside a phrase is background ("in its war with Iraq") unless the phrase says
# what was done: "acted as mediator", "followed suit with tariffs", "resolutions including sanctions".
CARRYING_PREPOSITIONS = {"as", "with", "including"}
VIOLENT_ROOTS = {"18", "19", "20"}  # assault, fight, mass violence: the roots an attack or a weapon does
WRONGDOING_ROOTS = {"13", "15", "16", "17", "18", "19", "20"}  # what an accusation may say someone did
# Events aimed at someone, whose modifier may name the target ("Trump's China tariffs"): conflict.
TARGETED_ROOTS = {"09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"}
CLIMB_STEPS = 6


@dataclass(frozen=True)
class Trigger:
    """A word that asserts an event here: the word, its predicate match, the sentence, and once
    they are found, the event's sources (target constructions leave them out)."""

    token: object
    match: Match
    sentence: object
    sources: tuple[Argument, ...] = ()

    @property
    def predicate(self) -> Predicate:
        return self.match.predicate

    @property
    def code(self) -> str:
        return self.match.code


class Plan(NamedTuple):
    """The constructions a predicate's arguments are found with, and the prepositions of its target."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    prepositions: tuple[str, ...]


@dataclass(frozen=True)
class Construction:
    """A named rule: its role, what it does, and the function or tree pattern that applies it."""

    name: str
    role: str
    description: str
    find: Callable | None = None
    patterns: tuple = ()  # DependencyMatcher patterns, each a tuple of node specs


_REGISTRY: dict[str, tuple[str, Callable]] = {}


def construction(name: str, role: str) -> Callable:
    """Register a function as the construction ``name`` (described in ``constructions.yaml``).

    A source or target construction takes ``(constructions, trigger)`` and returns the
    :class:`~kg.events.arguments.Argument` s it finds; a pair construction returns
    ``(source, target)`` pairs; an event construction takes ``(constructions, sentence)`` and
    yields ``(trigger word, code, source, target)``.
    """
    if role not in ROLES:
        raise ValueError(f"unknown construction role {role!r}")

    def register(function: Callable) -> Callable:
        _REGISTRY[name] = (role, function)
        return function
    return register


@dataclass
class Constructions:
    """The constructions of ``constructions.yaml`` and their defaults, ready to apply to parses."""

    actors: ActorDictionary
    predicates: PredicateDictionary
    rules: dict[str, Construction] = field(default_factory=dict)
    defaults: dict[str, Plan] = field(default_factory=dict)
    additions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    events: tuple[str, ...] = ()
    complement_roots: frozenset[str] = frozenset()

    unresolved_labels: frozenset[str] = frozenset()
    local: LocalActors = LocalActors()
    press_sectors: frozenset[str] = frozenset()
    press_roots: frozenset[str] = frozenset()

    def __post_init__(self):
        self.reader = ArgumentReader(self.actors, self.predicates, self.unresolved_labels, self.local)
        self._plans: dict[int, Plan] = {}
        self._matcher = None
        self._anchors: list[frozenset | None] = []  # per tree pattern: the words one of which it needs

    @classmethod
    def default(cls, actors: ActorDictionary, predicates: PredicateDictionary) -> "Constructions":
        """The constructions shipped with kg (``kg/data/constructions.yaml``)."""
        path = Path(str(resources.files("kg").joinpath("data/constructions.yaml")))
        return cls.from_file(path, actors, predicates)

    @classmethod
    def from_file(cls, path: str | Path, actors: ActorDictionary, predicates: PredicateDictionary) -> "Constructions":
        """Constructions from a data file; ``ValueError`` names the file and the problem."""
        data = read_yaml(path, "construction file") or {}
        rules = {}
        for name, spec in (data.get("constructions") or {}).items():
            registered = _REGISTRY.get(name)
            patterns = tuple(tuple(p) for p in ([spec["pattern"]] if spec.get("pattern") else [])
                             + list(spec.get("patterns") or ()))
            role = spec.get("role")
            if role not in ROLES:
                raise ValueError(f"{path}: construction {name!r} needs a role ({', '.join(ROLES)})")
            if registered is None and not patterns:
                raise ValueError(f"{path}: construction {name!r} has neither a pattern nor a registered function")
            if registered is not None and registered[0] != role:
                raise ValueError(f"{path}: construction {name!r} is registered as a {registered[0]} construction")
            rules[name] = Construction(name, role, str(spec.get("description", "")).strip(),
                                       registered[1] if registered else None, patterns)
        unlisted = sorted(set(_REGISTRY) - set(rules))
        if unlisted:
            raise ValueError(f"{path}: registered constructions not described: {', '.join(unlisted)}")
        press, local = data.get("press") or {}, data.get("local_actors") or {}
        made = cls(actors, predicates, rules,
                   unresolved_labels=frozenset(str(label) for label in data.get("unresolved_actors") or ()),
                   press_sectors=frozenset(str(s) for s in press.get("sectors") or ()),
                   press_roots=frozenset(str(r) for r in press.get("roots") or ()),
                   local=LocalActors(*(frozenset(str(w) for w in local.get(key) or ()) for key in (
                       "crowd_sectors", "generic_determiners", "place_prepositions", "time_words",
                       "own_people_roots", "own_people_sectors", "armed_crowd_sectors", "armed_roots"))))
        for word_class, spec in (data.get("defaults") or {}).items():
            made.defaults[word_class] = Plan(tuple(spec.get("sources") or ()), tuple(spec.get("targets") or ()), ())
        added = data.get("added") or {}
        made.additions = {group: tuple(added.get(group) or ()) for group in ADDED}
        made.events = tuple(data.get("events") or ())
        made.complement_roots = frozenset(str(root) for root in data.get("complement_roots") or ())
        for name in [n for plan in made.defaults.values() for n in plan.sources + plan.targets]:
            made._check(name, path)
        for name in made.events + tuple(n for names in made.additions.values() for n in names):
            made._check(name, path)
        return made

    def _check(self, name: str, where) -> None:
        if name not in self.rules:
            raise ValueError(f"{where}: unknown construction {name!r}")

    def plan(self, predicate: Predicate) -> Plan:
        """The constructions that find a predicate's arguments: its own lists or its class's, the
        prepositions it names turned into the ``preposition`` construction, then those that
        ``constructions.yaml`` adds for its word class, for a symmetric, complement or locative
        predicate, and for all."""
        plan = self._plans.get(id(predicate))  # by identity: a predicate's hash is its patterns'
        if plan is None:
            default = self.defaults[predicate.word_class]
            sources = predicate.sources if predicate.sources is not None else default.sources
            named = predicate.targets if predicate.targets is not None else default.targets
            targets = [n for n in named if n in self.rules]
            prepositions = tuple(n for n in named if n not in self.rules)
            if prepositions and "preposition" not in targets:
                targets.append("preposition")
            groups = {predicate.word_class: True, "symmetric": predicate.symmetric,
                      "complement": self.governs_clause(predicate), "locative": predicate.locative, "all": True}
            for group in ADDED:
                if groups.get(group):
                    targets += [name for name in self.additions[group] if name not in targets]
            if predicate.symmetric:  # "the conversation between Obama and Salman" is theirs, whoever dominates it
                targets = [n for n in targets if n in self.additions["symmetric"][:1]] + [
                    n for n in targets if n not in self.additions["symmetric"][:1]]
            for name in [*sources, *targets]:
                self._check(name, f"predicate {predicate.lemma!r}")
            plan = self._plans[id(predicate)] = Plan(tuple(sources), tuple(targets), prepositions)
        return plan

    def governs_clause(self, predicate: Predicate) -> bool:
        """Whether a predicate's clause is its content, and may hold its target: an appeal, intent,
        demand or threat ("urged Israel to halt", "threatened to cut off electricity to Azerbaijan"),
        by its entry or the root of its code."""
        return predicate.complement or bool(predicate.code) and predicate.code[:2] in self.complement_roots

    def prepositions(self, trigger: Trigger) -> set[str]:
        """Where the target may be: the predicate's prepositions and the one its pattern names."""
        found = set(self.plan(trigger.predicate).prepositions)
        pattern = trigger.match.pattern
        if pattern is not None and pattern.prep and not pattern.prep_object:
            found.add(pattern.prep)
        return found

    # --- applying ------------------------------------------------------------------------------

    @contextmanager
    def prepared(self, doc):
        """Run the tree patterns over a parsed document and keep their matches while it is read."""
        self.prepare(doc)
        try:
            yield doc
        finally:
            doc.user_data.pop(MATCHES, None)

    def prepare(self, doc) -> None:
        """Run the tree patterns over a parsed document (once, before :meth:`find`): over the
        sentences that have a word some pattern names ("between"), since the matcher's work grows
        with the words it is given."""
        if self._matcher is None:
            self._matcher = DependencyMatcher(doc.vocab)
            for rule in self.rules.values():
                for number, pattern in enumerate(rule.patterns):
                    self._matcher.add(f"{rule.name}#{number}", [list(pattern)])
                    self._anchors.append(_anchor(pattern))
        found: dict[tuple[str, int], list[dict]] = {}
        if len(self._matcher):
            anchors = frozenset().union(*self._anchors) if None not in self._anchors else None
            for sentence in doc.sents:
                if anchors is not None and not any(t.lower_ in anchors for t in sentence):
                    continue
                for match_id, tokens in self._matcher(sentence):
                    name, _, number = doc.vocab.strings[match_id].rpartition("#")
                    pattern = self.rules[name].patterns[int(number)]
                    nodes = {node["RIGHT_ID"]: sentence[i] for node, i in zip(pattern, tokens)}
                    found.setdefault((name, nodes["trigger"].i), []).append(nodes)
        doc.user_data[MATCHES] = found

    def find(self, name: str, trigger: Trigger):
        """What construction ``name`` finds for a trigger: arguments, or pairs for a pair construction."""
        rule = self.rules[name]
        if rule.find is not None:
            return rule.find(self, trigger)
        matches = trigger.token.doc.user_data.get(MATCHES, {}).get((name, trigger.token.i), [])
        if rule.role == "pair":  # a source and a target node, or one node of partners ("between A and B")
            pairs = []
            for nodes in matches:
                if "argument" in nodes:
                    pairs += combinations(self.reader.read([nodes["argument"]]), 2)
                else:
                    pairs += [(s, t) for s in self.reader.read([nodes["source"]])
                              for t in self.reader.read([nodes["target"]], target=True)]
            return pairs
        return self.reader.read([nodes["argument"] for nodes in matches], target=rule.role == "target")

    def sources(self, trigger: Trigger) -> tuple[list[Argument], str]:
        """The sources the first of the predicate's source constructions finds, and its name."""
        for name in self.plan(trigger.predicate).sources:
            found = self.find(name, trigger)
            if found:
                return found, name
        return [], ""

    def pairs(self, trigger: Trigger) -> tuple[list[tuple[Argument, Argument]], str]:
        """The (source, target) pairs of the first target construction that gives any (the trigger
        carries the sources), and its name; an actor is never its own partner."""
        for name in self.plan(trigger.predicate).targets:
            found = self.find(name, trigger)
            if self.rules[name].role == "target":
                found = [(s, t) for s in trigger.sources for t in found]
            found = [(s, t) for s, t in found if s.ref.node.id != t.ref.node.id and not self._press(trigger, t)
                     and not self._press_not_acting(trigger, s) and not self.reader.own_crowd(trigger.code, s, t)]
            if found:
                return found, name
        return [], ""

    def _press(self, trigger: Trigger, target: Argument) -> bool:
        """Whom one speaks to is no partner when it is the press: "told reporters", "spoke to CNN"."""
        return self.is_press(target) and trigger.code[:2] in self.press_roots

    def _press_not_acting(self, trigger: Trigger, source: Argument) -> bool:
        """The press acts only as the subject of the event's own verb ("CNN aired", "Al Jazeera's
        bureau chief accused"); a report it relays, a question it asks or a pronoun in its report
        is no act of the press ("asked by CBS News's Jeff Glor", "it would need a range of 4,800
        miles, Reuters reported")."""
        return self.is_press(source) and not (source.token.dep_ == "nsubj" and source.token.head == trigger.token
                                              and source.token.pos_ != "PRON")

    def is_press(self, argument: Argument) -> bool:
        """An argument that is the press (its sector is one of ``press.sectors`` in
        ``constructions.yaml``: ``JRN``, news agencies and broadcasters)."""
        return (argument.ref.sector or argument.ref.node.sector) in self.press_sectors

    def sentence_events(self, sentence) -> Iterator[tuple[str, tuple]]:
        """The events of the event constructions in a sentence: ``(name, (word, code, source, target))``."""
        for name in self.events:
            for found in self.rules[name].find(self, sentence):
                yield name, found


# --- helpers shared by the constructions -----------------------------------------------------------

def _anchor(pattern) -> frozenset | None:
    """The words of a tree pattern's nodes (``LOWER``), one of which a sentence must have for the
    pattern to match; ``None`` when no node names one."""
    words = {str(node["RIGHT_ATTRS"]["LOWER"]).lower() for node in pattern
             if isinstance(node.get("RIGHT_ATTRS", {}).get("LOWER"), str)}
    return frozenset(words) or None


def passive(verb) -> bool:
    """A verb in the passive voice, or a past participle that modifies a noun or a clause ("a
    pathologist sent to Israel by Physicians for Human Rights", "asked by the broadcaster, Zarif said")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ in ("acl", "advcl") and verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "nsubj") for c in verb.children))  # "after Iran had launched" is active


def surface_subjects(verb) -> list:
    """The grammatical subject, active or passive: it controls a complement ("X is expected to offer")."""
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]


def clause_of(token) -> object:
    """The clause a word belongs to: its own verb, or for a noun the verb of its phrase."""
    own = token
    while own.pos_ not in ("VERB", "AUX", "ADJ") and own.head != own:
        own = own.head
    return own


def _objects(verb) -> list:
    return [c for c in verb.children if c.dep_ == ("nsubjpass" if passive(verb) else "dobj")]


def light_verb(predicates: PredicateDictionary, noun):
    """The verb that carries a nominal event as its object, if any, so that the noun is the event:
    a light verb ("held talks", "launched an attack"); a verb whose pattern names the object with
    an event of the same root ("staged an attack", "reiterated its demand"); or a verb that only
    the generated dictionary knows, by its coarse default code ("organized a general strike")."""
    measure = measured(predicates, noun)
    verb = measure.head
    if measure.dep_ != "dobj" or verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.lemma_.lower() in predicates.support_verbs:
        return verb
    carried, own = predicates.match(verb), predicates.match(noun)
    if own is None or carried is None:
        return None
    pattern = carried.pattern
    if pattern is None and carried.predicate.generated or pattern is not None and pattern.object and (
            predicates.words_fit(pattern.object, noun) and carried.code[:2] == own.code[:2]):
        return verb
    return None


def carrier(predicates: PredicateDictionary, noun):
    """The verb that carries a nominal event: its light verb ("held talks"), or the copula of a state
    it is in ("has been at war with the Houthis", "is in talks with Russia")."""
    verb = light_verb(predicates, noun)
    if verb is None and noun.dep_ == "pobj" and noun.head.lower_ in STATE_PREPOSITIONS:
        head = noun.head.head
        verb = head if head.lemma_.lower() in COPULAS else None
    return verb


def measured(predicates: PredicateDictionary, noun):
    """The measure a nominal event is counted in, which stands where the event would: "imposed [its
    largest package] of sanctions", "[five months] of negotiations halted"; else the noun itself."""
    of = noun.head
    if noun.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in predicates.carrier_nouns:
        return of.head
    return noun


def _nominal(token) -> bool:
    return token.pos_ in ("NOUN", "PROPN")


# --- sources ---------------------------------------------------------------------------------------

@construction("subject", "source")
def _subject(c: Constructions, trigger: Trigger) -> list[Argument]:
    verb = trigger.token
    if verb.pos_ not in ("VERB", "AUX") or passive(verb):
        return []
    return c.reader.read([s for s in verb.children if s.dep_ in ("nsubj", "csubj")])


@construction("adjective_subject", "source")
def _adjective_subject(c: Constructions, trigger: Trigger) -> list[Argument]:
    adjective = trigger.token
    if adjective.pos_ != "ADJ":
        return []
    if adjective.dep_ == "amod":
        return c.reader.read([adjective.head])
    found = c.reader.read(surface_subjects(adjective.head))
    return found or _climb(c, adjective.head)[0]


@construction("owner", "source")
def _owner(c: Constructions, trigger: Trigger) -> list[Argument]:
    """The possessor of a nominal event, else the actors among its modifiers: "Russia's invitation",
    "U.S. negotiations"; with both, the possessor acts ("Trump's China tariffs")."""
    noun = trigger.token
    if not _nominal(noun):
        return []
    owners = c.reader.read([m for m in noun.children if m.dep_ == "poss"], members=False)
    return owners or c.reader.read([m for m in noun.children if m.dep_ in MODIFIERS], members=False)


@construction("agent_phrase", "source")
def _agent_phrase(c: Constructions, trigger: Trigger) -> list[Argument]:
    noun = trigger.token
    if not _nominal(noun):
        return []
    prepositions = agent_prepositions(trigger.predicate, {"by", "from"}) - c.prepositions(trigger)
    heads = prep_objects(noun, prepositions)
    if not heads and _received(c, noun):  # "drew from Israel condemnation", as the parser often hangs it
        heads = prep_objects(noun.head, prepositions)
    if not heads and "by" in prepositions:  # "the detention of journalists by Iran": the parser hangs it on them
        heads = [agent for patient in prep_objects(noun, {"of"}) for agent in prep_objects(patient, {"by"})]
    return c.reader.read(heads)


@construction("passive_agent", "source")
def _passive_agent(c: Constructions, trigger: Trigger) -> list[Argument]:
    verb = trigger.token
    return c.reader.read([p for agent in verb.children if agent.dep_ == "agent" for p in agent.children
                          if p.dep_ == "pobj"]) if verb.pos_ in ("VERB", "AUX") else []


@construction("instrument_agent", "source")
def _instrument_agent(c: Constructions, trigger: Trigger) -> list[Argument]:
    """The agent of an attack or weapon that is the subject of a violent verb: "an airstrike by X
    killed", "Israeli missiles hit"; a war, a chance or a decision acts for no one."""
    verb = trigger.token
    if verb.pos_ not in ("VERB", "AUX") or passive(verb) or trigger.code[:2] not in VIOLENT_ROOTS:
        return []
    found = []
    subjects = [s for s in verb.children if s.dep_ == "nsubj" and _nominal(s)]
    if verb.dep_ == "relcl" and any(s.dep_ == "nsubj" and s.lower_ in RELATIVE_PRONOUNS for s in verb.children):
        subjects.append(verb.head)  # "its drone strike that killed Soleimani"
    for subject in subjects:
        match = c.predicates.match(subject)
        if match is not None and (match.code[:2] not in VIOLENT_ROOTS or match.predicate.symmetric):
            continue
        if match is None and not c.predicates.words_fit("&weapon", subject):
            continue
        instrument = Trigger(subject, match or trigger.match, trigger.sentence)
        found += _owner(c, instrument) or c.reader.read(prep_objects(subject, {"by", "from"}))
    return found


@construction("participle_head", "source")
def _participle_head(c: Constructions, trigger: Trigger) -> list[Argument]:
    """A present participle that modifies a noun acts for it: "a force fighting Boko Haram"."""
    verb = trigger.token
    if verb.dep_ != "acl" or verb.tag_ != "VBG":
        return []
    return c.reader.read([verb.head])


@construction("light_verb_subject", "source")
def _light_verb_subject(c: Constructions, trigger: Trigger) -> list[Argument]:
    """The subject of the verb that carries a nominal event: "X held talks", "X launched an attack";
    or of the copula a state noun depends on: "X is at war with Y", "X is in talks with Y"."""
    noun = trigger.token
    verb = carrier(c.predicates, noun) if _nominal(noun) else None
    if verb is None:
        return []
    carried = Trigger(verb, trigger.match, trigger.sentence)
    return _subject(c, carried) or c.reader.read(prep_objects(verb, {"by"}) if passive(verb) else []) or next(
        (found for found, kind in [_climb(c, verb)] if kind in ("shared_subject", "controlled_subject")), [])


def _climb(c: Constructions, token) -> tuple[list[Argument], str]:
    """The source of a predicate without its own subject, found higher in the tree, and how:

    - ``shared_subject``: a conjoined verb shares the subject ("Erdogan accused the West ... and
      urged Israel");
    - ``controlled_subject``: the subject of the verb it complements ("Moscow is expected to offer");
    - ``controller_object``: the object of an object-control verb ("X urged Y to halt": Y halts);
    - ``accused_object``: the object of an accusation ("X accused Y of attacking": Y attacked, as X says);
    - ``climbed_subject``: the subject of a verb or the owner of a phrase higher up ("Jordan angered
      Israel by hosting Hamas leaders").
    """
    node, kind = measured(c.predicates, token), "shared_subject"
    if _nominal(node) and node.dep_ == "pobj" and node.head.lower_ not in CARRYING_PREPOSITIONS:
        return [], kind  # a nominal inside a phrase ("in its war with Iraq") is background, not reported
    if passive(token):
        return [], kind  # "a pathologist sent to Israel": whoever sent them is not named
    if token.pos_ in ("VERB", "AUX") and surface_subjects(token):
        return [], kind  # "since the rebels attacked Aleppo, Russia bombed them": its own subject, unnamed
    for _ in range(CLIMB_STEPS):
        head = node.head
        if head == node or node.dep_ in ("ccomp", "parataxis", "relcl", "appos"):
            break
        if node.dep_ == "prep" and head.lemma_.lower() in c.predicates.object_control:
            objects = c.reader.read([o for o in head.children if o.dep_ in ("dobj", "dative")])
            if objects:  # "accused Iran of supporting Hamas": Iran supports, as the accuser says
                return objects, "accused_object"
        if node.dep_ == "prep" and node.lower_ == "of":
            break  # "prisoners of war", "two days of fighting": the phrase's owner did not do it
        if node.dep_ in ("xcomp", "pcomp", "pobj") and head.lemma_.lower() in c.predicates.object_control:
            controllers = [o for o in head.children if o.dep_ in ("dobj", "dative")]
            objects = c.reader.read(controllers)
            if objects:
                return objects, "controller_object" if node.dep_ == "xcomp" else "accused_object"
            if node.dep_ == "xcomp" and controllers:
                return [], "controller_object"  # "membership would force it to strengthen": it, unnamed, does it
        if node.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "pobj", "prep", "dobj", "compound", "acl", "acomp"):
            break
        if node.dep_ in ("xcomp", "acomp") and kind == "shared_subject":
            kind = "controlled_subject"
        elif node.dep_ not in ("conj", "xcomp", "acomp"):
            kind = "climbed_subject"
        if head.pos_ in ("VERB", "AUX"):
            if _blocks(c, head, node):
                break
            # a passive verb's subject controls its complement ("Moscow is expected to offer") but
            # does not act in its adverbial phrases ("IS was contained by airstrikes and forces to aid")
            heads = surface_subjects(head) if node.dep_ in ("xcomp", "conj") or not passive(head) else [
                p for agent in head.children if agent.dep_ == "agent" for p in agent.children if p.dep_ == "pobj"]
            subjects = c.reader.read(heads)
            if subjects:
                return subjects, kind
            if heads or surface_subjects(head):
                break  # "as the leaders of the two countries sought to ease": its own, unnamed subject
        elif _nominal(head) and node.dep_ != "compound":
            owners = c.reader.read([head], members=False)
            if owners:
                return owners, kind
        node = head
    return [], kind


def _blocks(c: Constructions, head, node) -> bool:
    """A predicate verb above stops the climb, unless it merely supports a nominal event."""
    lemma = head.lemma_.lower()
    if lemma in c.predicates.support_verbs or lemma in c.predicates.hedges:
        return False
    return node.dep_ == "dobj" and c.predicates.is_event(head)


def _climbing(kind: str) -> Callable:
    def find(c: Constructions, trigger: Trigger) -> list[Argument]:
        found, how = _climb(c, trigger.token)
        return found if how == kind else []
    find.__doc__ = f"The source {kind.replace('_', ' ')} found by climbing the tree (see ``_climb``)."
    return find


for _kind in ("shared_subject", "controlled_subject", "controller_object", "accused_object", "climbed_subject"):
    construction(_kind, "source")(_climbing(_kind))


# --- targets ---------------------------------------------------------------------------------------

@construction("object", "target")
def _object(c: Constructions, trigger: Trigger) -> list[Argument]:
    verb = trigger.token
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    heads = _objects(verb)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        heads.append(verb.head)  # "the town shelled by rebels"
    return c.reader.read(heads, target=True)


@construction("dative", "target")
def _dative(c: Constructions, trigger: Trigger) -> list[Argument]:
    verb = trigger.token
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    return c.reader.read([o for o in verb.children if o.dep_ == "dative"], target=True)


@construction("preposition", "target")
def _preposition(c: Constructions, trigger: Trigger) -> list[Argument]:
    word, prepositions = trigger.token, c.prepositions(trigger)
    if not prepositions:
        return []
    if _nominal(word):
        owners = [word, word.head] if word.dep_ == "compound" else [word]
        support = carrier(c.predicates, word)
        owners += [support] if support is not None else []  # "paid compensation [to British nationals]"
        found = c.reader.read([o for owner in owners for o in prep_objects(owner, prepositions)], target=True)
        # the phrase may hang on what the event moves: "the withdrawal [of forces from Panama]"
        moved = prep_objects(word, {"of"}) if "of" not in prepositions else []
        return found or c.reader.read([p for m in moved for p in prep_objects(m, prepositions)], target=True)
    heads = prep_objects(word, prepositions)
    # The parser often hangs the phrase on the object: "shared [evidence with the U.S.]",
    # "lifted [a blockade on Palestinian lorries]"; but a demanded event's phrases are its own
    # ("demanded [the withdrawal of Serbian forces from Bosnia]").
    heads += [pobj for obj in word.children if obj.dep_ in ("dobj", "nsubjpass")
              and not (c.governs_clause(trigger.predicate) and c.predicates.is_event(obj))
              for pobj in prep_objects(obj, prepositions)]
    return c.reader.read(heads, target=True)


@construction("modifier_target", "target")
def _modifier_target(c: Constructions, trigger: Trigger) -> list[Argument]:
    """An actor among a nominal event's modifiers that is not its source: "Trump's China tariffs",
    "Washington's Iran sanctions"."""
    noun = trigger.token
    if not _nominal(noun) or trigger.predicate.symmetric or trigger.code[:2] not in TARGETED_ROOTS:
        return []  # "Obama's Paris pledge" is no pledge to France
    exclude = {a.ref.node.id for a in trigger.sources}
    return [a for a in c.reader.read([m for m in noun.children if m.dep_ in MODIFIERS], target=True, members=False)
            if a.ref.node.id not in exclude]


@construction("reaction_subject", "target")
def _reaction_subject(c: Constructions, trigger: Trigger) -> list[Argument]:
    """Whoever responds to a nominal event was its target: "China responded to Trump's tariffs",
    "Israel struck Gaza in response to Hamas's rocket attacks"."""
    noun = trigger.token
    if not (_nominal(noun) and noun.dep_ == "pobj" and noun.head.lower_ == "to"):
        return []
    reaction = noun.head.head
    if reaction.lemma_.lower() not in c.predicates.reaction_words:
        return []
    verb = reaction
    if _nominal(reaction) and reaction.dep_ == "pobj":  # "in response to": the verb the phrase modifies
        verb = reaction.head.head
    exclude = {a.ref.node.id for a in trigger.sources}
    return [a for a in _sources_of(c, verb) if a.ref.node.id not in exclude] if verb.pos_ in ("VERB", "AUX") else []


@construction("participle_object", "target")
def _participle_object(c: Constructions, trigger: Trigger) -> list[Argument]:
    """What a participle says a nominal event is aimed at: "U.S. tariffs targeting Chinese exports",
    "sanctions aimed at Russian banks"."""
    noun = trigger.token
    if not _nominal(noun):
        return []
    participles = [k for k in noun.children if k.dep_ == "acl" and k.tag_ in ("VBG", "VBN")]
    heads = [o for k in participles for o in k.children if o.dep_ == "dobj"]
    heads += [o for k in participles for o in prep_objects(k, {"at", "against", "on"})]
    exclude = {a.ref.node.id for a in trigger.sources}
    return [a for a in c.reader.read(heads, target=True) if a.ref.node.id not in exclude]


@construction("light_verb_object", "target")
def _light_verb_object(c: Constructions, trigger: Trigger) -> list[Argument]:
    """The recipient of the verb that carries a nominal event: "gave Mandela a warm welcome"."""
    noun = trigger.token
    verb = light_verb(c.predicates, noun) if _nominal(noun) else None
    if verb is None:
        return []
    return c.reader.read([d for d in verb.children if d.dep_ == "dative"], target=True)


@construction("complement", "target")
def _complement(c: Constructions, trigger: Trigger) -> list[Argument]:
    """The target inside the clause a word governs: its subject when it names someone else ("demanded
    that the US cancel"), else an object or a prepositional phrase ("threatened to cut off
    electricity to Nakhichevan"), one clause deeper at most. An object-control verb's target is
    whom it addresses: the subject of a passive one ("Kosovo was urged by the EU to talk to
    Serbia"), and none from the clause when it has an object ("urged them to halt attacks on Israel")."""
    token = trigger.token
    if token.lemma_.lower() in c.predicates.object_control:
        if passive(token):  # "urged by the EU to talk to Serbia, Kosovo agreed": Kosovo was urged
            urged = surface_subjects(token) or (
                [token.head] if token.dep_ == "acl" else surface_subjects(token.head) if token.dep_ == "advcl" else [])
            return c.reader.read(urged, target=True)
        if any(k.dep_ in ("xcomp", "ccomp") for k in token.children) and any(
                o.dep_ in ("dobj", "dative") and not c.predicates.is_event(o) for o in token.children):
            return []  # "urged them to halt attacks on Israel" asks them, whoever they are, not Israel
    return complement_targets(c, token, {a.ref.node.id for a in trigger.sources})


def complement_targets(c: Constructions, token, exclude: set[str]) -> list[Argument]:
    """The targets of the clause ``token`` governs, leaving out the actors in ``exclude``."""
    clauses = [k for k in token.children if k.dep_ in CLAUSES + ("acl",)]
    if token.dep_ == "dobj":  # "reiterated its demand that Israel ease", the clause hung on the verb
        clauses += [k for k in token.head.children if k.dep_ == "ccomp" and k.i > token.i]
    own = c.predicates.match(token)
    if own and own.code[:2] in STATEMENT_ROOTS:
        # "insisted that nobody had been tougher", "warned that Russia was preparing propaganda": claims
        clauses = [k for k in clauses if not _declarative(k)]
    if own and own.predicate.negative:  # "refused to impose sanctions on Moscow" rejects no one there
        clauses = [k for k in clauses if not (c.predicates.match(k) and c.predicates.match(k).code[:2] in HOSTILE_ROOTS)]
    asking = own is not None and own.code[:2] in ASKING_ROOTS  # what is asked for may be someone's
    for clause in clauses:
        found = _clause_targets(c, clause, exclude, depth=2)
        if found:
            return found
    nominals = [k for k in token.children if k.dep_ == "dobj"] + prep_objects(token, {"for", "to", "on"})
    for noun in nominals:  # "demanded the withdrawal of Serbian forces", "called for sanctions against Nigeria"
        match = c.predicates.match(noun)
        if match is None:
            if noun.dep_ == "dobj" and _nominal(noun) and asking:  # "demanded a U.N. presence", "an admission by Moscow"
                owners = [m for m in noun.children if m.dep_ in ("poss", *MODIFIERS)] + prep_objects(noun, {"by", "from"})
                found = [a for a in c.reader.read(owners, target=True, members=False) if a.ref.node.id not in exclude]
                if found:
                    return found
            continue
        inner = Trigger(noun, match, noun.sent)
        candidates = [lambda: c.reader.participants(noun, match.predicate), lambda: _preposition(c, inner)]
        if c.governs_clause(match.predicate):  # "insisted on its demands that Burundi's government grant"
            candidates.append(lambda: complement_targets(c, noun, exclude))
        for candidate in candidates:
            found = [a for a in candidate() if a.ref.node.id not in exclude]
            if found:
                return found
    return []


def _declarative(clause) -> bool:
    """A clause that says what is, not what must be: a finite verb without a modal ("insisted that it
    had done nothing wrong"), as opposed to "demanded that the US cancel" or "insisted Iran must stop"."""
    # a base form ("that the US cancel", "that they refuse") is a subjunctive: a demand
    finite = [a for a in clause.children if a.dep_ == "aux" and a.tag_ in ("VBD", "VBZ", "VBP")]
    return clause.tag_ in ("VBD", "VBZ") or clause.tag_ == "VBN" and any(a.lemma_ == "have" for a in finite) or (
        clause.tag_ == "VBG" and any(a.lemma_ == "be" for a in finite))  # "was preparing"


def _sources_of(c: Constructions, token) -> list[Argument]:
    """Who does what a word says, to leave them out of its clause's targets ("X urged Y to ..." has X)."""
    if token.pos_ in ("VERB", "AUX"):
        subjects = [s for s in token.children if s.dep_ in ("nsubj", "csubj")] if not passive(token) else [
            p for agent in token.children if agent.dep_ == "agent" for p in agent.children if p.dep_ == "pobj"]
        return c.reader.read(subjects) or _climb(c, token)[0]
    if _nominal(token):
        owners = [m for m in token.children if m.dep_ in ("poss", "compound", "amod", "nmod")]
        return c.reader.read(owners, members=False) or c.reader.read(prep_objects(token, {"by", "from"})) or _climb(
            c, token)[0]
    return []


def _clause_targets(c: Constructions, clause, exclude: set[str], depth: int) -> list[Argument]:
    subjects = surface_subjects(clause)
    objects = [k for k in clause.children if k.dep_ in ("dobj", "dative", "attr")]
    groups = [subjects, objects, prep_objects(clause, PARTNER_PREPOSITIONS),
              prep_objects(clause, COMPLEMENT_PREPOSITIONS - PARTNER_PREPOSITIONS),
              [p for obj in objects for p in prep_objects(obj, COMPLEMENT_PREPOSITIONS | {"of"})]]
    for heads in groups:
        found = [a for a in c.reader.read(heads, target=True) if a.ref.node.id not in exclude]
        if found:
            return found
    # where it happens: "threatened to institute a curfew in Algiers" (a state's own place is its people)
    places = c.reader.read([p for word in [clause, *objects] for p in prep_objects(word, {"in"})], target=True)
    found = [a for a in places if a.ref.node.id not in exclude]
    if found:
        return found
    if depth > 1:
        for deeper in (k for k in clause.children if k.dep_ in CLAUSES + ("advcl",)):
            found = _clause_targets(c, deeper, exclude, depth - 1)
            if found:
                return found
    return [Argument(ActorRef(a.ref.actor, "CVL"), a.token) for a in places
            if a.ref.actor.kind == "state" and mention_at(a.token) is not None]


@construction("purpose_object", "target")
def _purpose_object(c: Constructions, trigger: Trigger) -> list[Argument]:
    """Whom an act is for or against, when only its purpose names them: "imposed sanctions to pressure
    North Korea", "sent troops to help the Iraqi army"."""
    word = trigger.token
    verb = light_verb(c.predicates, word) if _nominal(word) else word
    if verb is None:
        return []
    purposes = [k for k in verb.children if k.dep_ == "advcl" and any(a.dep_ == "aux" and a.tag_ == "TO"
                                                                        for a in k.children)]
    exclude = {a.ref.node.id for a in trigger.sources}
    return [a for a in c.reader.read([o for k in purposes for o in k.children if o.dep_ in ("dobj", "dative")],
                                     target=True) if a.ref.node.id not in exclude]


@construction("locative", "target")
def _locative(c: Constructions, trigger: Trigger) -> list[Argument]:
    """The place where it happens: "lifted the curfew in Montenegro" (its people), "troops on alert
    in the West Bank"; a state's own country is its people ("shortened the curfew in Sudan")."""
    token = trigger.token
    owners = [token, *(k for k in token.children if k.dep_ in ("dobj", "nsubjpass"))]
    places = [p for owner in owners for p in prep_objects(owner, LOCATIVE_PREPOSITIONS | {"at"})]
    places += [inner for place in places for inner in prep_objects(place, LOCATIVE_PREPOSITIONS)]
    sources = {a.ref.node.id for a in trigger.sources}
    found = []
    for place in places:
        ref = c.reader.place(place)
        if ref is not None:
            found.append(Argument(ActorRef(ref.actor, "CVL" if ref.node.id in sources else ref.sector), place))
    return found


# --- pairs -----------------------------------------------------------------------------------------

@construction("own_state", "pair")
def _own_state(c: Constructions, trigger: Trigger) -> list[tuple[Argument, Argument]]:
    """The state that people protest against when the text names no one: their own. A people named
    by its demonym ("Young Algerians", "Iraqi Kurds") protests as civilians."""
    if trigger.code[:2] != PROTEST_ROOT:
        return []
    pairs = []
    for source in trigger.sources:
        source = Argument(ActorRef(source.ref.actor, "CVL"), source.token) if a_people(source) else source
        state = c.actors.state(source.ref.actor.country) if source.ref.node.kind != "state" else None
        if state is not None:
            pairs.append((source, Argument(ActorRef(state, "GOV"), source.token)))
    return pairs

@construction("collective", "pair")
def _collective(c: Constructions, trigger: Trigger) -> list[tuple[Argument, Argument]]:
    """Conjoined actors of a symmetric event are each other's partners: "Hamas and Fatah met"."""
    return list(combinations(trigger.sources, 2)) if trigger.predicate.symmetric else []


@construction("reception_subject", "target")
def _reception_subject(c: Constructions, trigger: Trigger) -> list[Argument]:
    """"X drew condemnation from Y": Y condemns X, the subject of the verb that receives the event."""
    noun = trigger.token
    if not _received(c, noun):
        return []
    return c.reader.read([s for s in noun.head.children if s.dep_ in ("nsubj", "nsubjpass")], target=True)


def _received(c: Constructions, noun) -> bool:
    """A nominal event that its verb's subject receives: "drew condemnation", "faced sanctions"."""
    return _nominal(noun) and noun.dep_ == "dobj" and noun.head.lemma_.lower() in c.predicates.reception_verbs


# --- events without a predicate word ------------------------------------------------------------------

@construction("reported_obligation", "event")
def _reported_obligation(c: Constructions, sentence) -> Iterator[tuple]:
    """"X said Y must withdraw", "X issued a reminder to Y that it must cooperate": X demands of Y (100)."""
    for token in sentence:
        if token.lemma_.lower() not in c.predicates.speech_verbs:
            continue
        for clause in reported_clauses(token) + [k for k in token.children if k.dep_ == "acl"]:
            modal = next((k for k in clause.children if k.dep_ == "aux" and k.lower_ in DEONTIC), None)
            if modal is None or passive(clause):
                continue  # "Russia should be readmitted" asks it of someone else
            sources = _sources_of(c, token)
            targets = c.reader.read(surface_subjects(clause))
            if {a.ref.node.id for a in sources} & {a.ref.node.id for a in targets}:
                continue  # "the US and Russia should work together": a proposal, not a demand
            for source in sources:
                for target in targets:
                    yield token, modal, "100", source, target


@construction("reported_wrongdoing", "event")
def _reported_wrongdoing(c: Constructions, sentence) -> Iterator[tuple]:
    """"X charged that Y is resorting to predatory tactics", "X's suspicion that Y interfered in the
    election": a clause in which Y does wrong, under a word of accusing or believing, is X's
    accusation of Y (CAMEO 112). Doing wrong is a word of the ``wrongdoing_words`` list or a
    predicate of the roots in ``WRONGDOING_ROOTS`` (threats, force and violence)."""
    for token in sentence:
        if token.lemma_.lower() not in c.predicates.accusing_words:
            continue
        clauses = reported_clauses(token) + [k for k in token.children if k.dep_ == "acl"]
        for clause in (k for k in clauses if k.pos_ in ("VERB", "AUX")):
            if not _wrongdoing(c, clause):
                continue
            sources = _sources_of(c, token)
            for target in c.reader.read(surface_subjects(clause)):
                for source in sources:
                    yield token, token, "112", source, target


@construction("reported_evaluation", "event")
def _reported_evaluation(c: Constructions, sentence) -> Iterator[tuple]:
    """"X said Y's leaders were a mafia", "X described Y as an aggressor": calling someone a word of
    ``condemning_words`` (a pejorative noun or adjective) criticises them (CAMEO 111)."""
    for token in sentence:
        lemma = token.lemma_.lower()
        if lemma in c.predicates.speech_verbs:  # "said Y was a terrorist group"
            judged = [(surface_subjects(k), [a for a in k.children if a.dep_ in ("attr", "acomp")])
                      for k in reported_clauses(token) if k.lemma_ == "be"]
        elif lemma in c.predicates.labelling_verbs:  # "described Y as an aggressor", "called Y a rogue state"
            named = [o for o in token.children if o.dep_ == "dobj"]
            judged = [(named, [k for k in token.children if k.dep_ in ("oprd", "xcomp", "attr")]
                       + prep_objects(token, {"as"}))]
        else:
            continue
        for subjects, descriptions in judged:
            if not any(_condemning(c, d) for d in descriptions):
                continue
            for target in c.reader.read(subjects):
                for source in _sources_of(c, token):
                    yield token, token, EVALUATION_CODE, source, target


def _condemning(c: Constructions, phrase) -> bool:
    words = [phrase, *(m for m in phrase.children if m.dep_ in ("amod", "compound", "advmod"))]
    return any(w.lemma_.lower() in c.predicates.condemning_words or w.lower_ in c.predicates.condemning_words
               for w in words)


def reported_clauses(speech) -> list:
    """The clauses a word of saying reports: its clausal complements, or the clause it is inserted
    in ("Iran's elite, Pompeo said, were a mafia", which the parser hangs the other way round)."""
    found = [k for k in speech.children if k.dep_ == "ccomp"]
    if speech.dep_ == "parataxis" and speech.head.pos_ in ("VERB", "AUX"):
        found.append(speech.head)
    return found


def _wrongdoing(c: Constructions, verb) -> bool:
    if verb.lemma_.lower() in c.predicates.wrongdoing_words:
        return True
    match = c.predicates.match(verb)
    return match is not None and match.code[:2] in WRONGDOING_ROOTS
