"""Events: typed, directed actor-to-actor events, read off the dependency parse.

A predicate (a verb such as "condemn", or a noun such as "talks") asserts an event; its
arguments are found in the parse: the subject or possessor is the source, the object or a
prepositional phrase named in the predicate dictionary is the target. The predicate dictionary
is data (``kg/data/predicates.yaml``) that users can extend.

>>> from kg.nlp import load_pipeline
>>> nlp = load_pipeline()
>>> doc = nlp("Israel condemned Russia on Monday.")
>>> [(e.source.actor.name, e.code, e.target.actor.name) for e in doc._.events]
[('Israel', '111', 'Russia')]
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Iterator

from spacy.tokens import Doc

from kg.actors import ActorDictionary, ActorRef, mention_at, mention_ref
from kg.cameo import event_type
from kg.datafiles import Extendable, read_yaml

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)

MODALS = {"will", "would", "could", "may", "might", "should", "shall"}
LISTING_PREPOSITIONS = {"including", "like"}
MEMBER_PREPOSITIONS = {"of", "from"}
# How sure an event is, by how its source was found.
CONFIDENCE = {"direct": 0.9, "nominal": 0.8, "inherited": 0.8, "climbed": 0.6, "reported": 0.4}
HEDGE_FACTOR = 0.6


@dataclass(frozen=True)
class Predicate:
    """A word that asserts an event, with its CAMEO code and where its target is."""

    lemma: str
    code: str
    targets: tuple[str, ...] = ()
    symmetric: bool = False
    intent: str = ""


@dataclass
class PredicateDictionary(Extendable):
    """Verbs and nouns that assert events, and the verb classes that shape their arguments."""

    verbs: dict[str, Predicate] = field(default_factory=dict)
    nouns: dict[str, Predicate] = field(default_factory=dict)
    reception_verbs: set[str] = field(default_factory=set)
    hedges: set[str] = field(default_factory=set)
    object_control: set[str] = field(default_factory=set)
    support_verbs: set[str] = field(default_factory=set)

    @classmethod
    @cache
    def default(cls) -> "PredicateDictionary":
        """The predicate dictionary shipped with kg."""
        dictionary = cls()
        dictionary.add_file(Path(str(resources.files("kg").joinpath("data/predicates.yaml"))))
        return dictionary

    def add_file(self, path: str | Path) -> None:
        """Add the predicates and verb classes of one YAML file."""
        path = Path(path)
        data = read_yaml(path, "predicate file") or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping with 'verbs' and/or 'nouns'")
        for section, table in (("verbs", self.verbs), ("nouns", self.nouns)):
            default_targets = ("dobj",) if section == "verbs" else ()
            for lemma, spec in (data.get(section) or {}).items():
                table[str(lemma).lower()] = _predicate(path, str(lemma), spec, default_targets)
        for name in ("reception_verbs", "hedges", "object_control", "support_verbs"):
            getattr(self, name).update(str(word).lower() for word in data.get(name) or [])

    def lookup(self, token) -> Predicate | None:
        """The predicate a token asserts, by its lemma (verbs and nouns only)."""
        if token.pos_ == "VERB":
            table = self.verbs
        elif token.pos_ in ("NOUN", "PROPN"):
            table = self.nouns
        else:
            return None
        return table.get(token.lemma_.lower()) or table.get(token.lower_)


def _predicate(path: Path, lemma: str, spec: dict, default_targets: tuple[str, ...]) -> Predicate:
    if not isinstance(spec, dict) or "code" not in spec:
        raise ValueError(f"{path}: predicate {lemma!r} needs a 'code'")
    codes = [str(spec["code"])] + ([str(spec["intent"])] if spec.get("intent") else [])
    for code in codes:
        try:
            event_type(code)
        except ValueError as error:
            raise ValueError(f"{path}: predicate {lemma!r}: {error}") from None
    return Predicate(lemma, str(spec["code"]), tuple(spec.get("targets") or default_targets),
                     bool(spec.get("symmetric", False)), str(spec.get("intent") or ""))


@dataclass(frozen=True)
class Event:
    """One event a sentence asserts, with the evidence for it (character offsets in the text)."""

    source: ActorRef
    target: ActorRef
    code: str
    trigger: str
    trigger_start: int
    sentence_start: int
    sentence_end: int
    confidence: float
    source_text: str
    target_text: str
    sentence: str


EVENT_COLUMNS = [
    "event_id", "article_id", "date",
    "source_id", "source_name", "source_kind", "source_country", "source_sector", "source_code",
    "source_person", "source_text",
    "target_id", "target_name", "target_kind", "target_country", "target_sector", "target_code",
    "target_person", "target_text",
    "event_code", "event_root", "event_name", "quad_class", "goldstein", "confidence",
    "trigger", "trigger_start", "sentence", "sentence_start", "sentence_end",
]


def event_record(article_id: str, date: str | None, event: Event) -> dict:
    """One row of the events table: the event, its CAMEO values and its provenance.

    ``event_id`` is a hash of the event's content, so it is the same in every run.
    """
    kind = event_type(event.code)
    record = {"article_id": article_id, "date": date or ""}
    for role, ref, text in (("source", event.source, event.source_text), ("target", event.target, event.target_text)):
        node = ref.node
        record.update({
            f"{role}_id": node.id, f"{role}_name": node.name, f"{role}_kind": node.kind,
            f"{role}_country": node.country, f"{role}_sector": ref.sector or node.sector,
            f"{role}_code": ref.code, f"{role}_person": ref.person, f"{role}_text": text,
        })
    record.update({
        "event_code": event.code, "event_root": kind.root, "event_name": kind.name,
        "quad_class": kind.quad_class, "goldstein": kind.goldstein, "confidence": event.confidence,
        "trigger": event.trigger, "trigger_start": event.trigger_start, "sentence": event.sentence,
        "sentence_start": event.sentence_start, "sentence_end": event.sentence_end,
    })
    identity = "|".join(str(record[k]) for k in ("article_id", "sentence_start", "trigger_start", "source_id",
                                                  "target_id", "event_code"))
    record["event_id"] = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:16]
    return {column: record[column] for column in EVENT_COLUMNS}


@dataclass(frozen=True)
class _Argument:
    ref: ActorRef
    token: object  # the head token of the phrase

    @property
    def text(self) -> str:
        mention = mention_at(self.token)
        if mention:
            return mention.text
        doc = self.token.doc
        return doc[self.token.left_edge.i:self.token.i + 1].text


class EventExtractor:
    """spaCy component: the events of each sentence, into ``doc._.events``."""

    def __init__(self, actors: ActorDictionary, predicates: PredicateDictionary):
        self.actors = actors
        self.predicates = predicates

    def __call__(self, doc):
        doc._.events = self.extract(doc)
        return doc

    def extract(self, doc) -> list[Event]:
        """Events of a parsed document whose actors are linked, one per sentence, pair and root."""
        best: dict[tuple, Event] = {}
        for sentence in doc.sents:
            for token in sentence:
                predicate = self.predicates.lookup(token)
                if predicate is None or _negated(token):
                    continue
                for event in self._events(token, predicate, sentence):
                    key = (sentence.start, event.source.node.id, event.target.node.id, event.code[:2])
                    if key not in best or event.confidence > best[key].confidence:
                        best[key] = event
        return sorted(best.values(), key=lambda e: (e.sentence_start, e.trigger_start, e.source.node.id,
                                                    e.target.node.id, e.code))

    def _events(self, token, predicate: Predicate, sentence) -> Iterator[Event]:
        if token.pos_ == "VERB":
            sources, how = self._verb_sources(token)
            targets = self._verb_targets(token, predicate)
        elif token.dep_ == "dobj" and token.head.lemma_.lower() in self.predicates.reception_verbs:
            sources = self._arguments(_prep_objects(token, {"from", "by"}) or
                                      _prep_objects(token.head, {"from", "by"}))
            targets = self._arguments([c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")])
            how = "nominal"
        else:
            sources, how = self._noun_sources(token)
            targets = self._noun_targets(token, predicate)
        code, confidence = predicate.code, CONFIDENCE[how]
        if self._hedged(token):
            code, confidence = (predicate.intent, confidence) if predicate.intent else (
                code, confidence * HEDGE_FACTOR)
        if predicate.symmetric and not (sources and targets):
            pairs = list(combinations(sources or targets, 2))
        else:
            pairs = [(s, t) for s in sources for t in targets]
        for source, target in pairs:
            if source.ref.node.id == target.ref.node.id:
                continue
            yield Event(source.ref, target.ref, code, token.text, token.idx, sentence.start_char,
                        sentence.end_char, round(confidence, 2), source.text, target.text, sentence.text)

    # --- sources -------------------------------------------------------------------------------

    def _verb_sources(self, verb) -> tuple[list[_Argument], str]:
        direct = self._arguments(_subjects(verb))
        if direct:
            return direct, "direct"
        return self._implicit_sources(verb)

    def _noun_sources(self, noun) -> tuple[list[_Argument], str]:
        own = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod") and mention_ref(
            c, self.actors)] + _prep_objects(noun, {"by", "from"})
        if own:
            return self._arguments(own, expand_members=False), "nominal"
        return self._implicit_sources(noun)

    def _implicit_sources(self, token) -> tuple[list[_Argument], str]:
        """The source of a predicate without its own subject, found higher in the tree.

        "Erdogan accused the West ... and urged Israel": a conjoined verb shares the subject.
        "Moscow is expected to offer": the subject of the verb it complements. "X urged Y to halt",
        "X accused Y of attacking": the object of an object-control verb acts (reported, weak).
        "Russia's stance in offering mediation": the possessor of a phrase higher up (weak).
        """
        node, how = token, "inherited"
        for _ in range(6):
            head = node.head
            if head is node or node.dep_ in ("ccomp", "parataxis", "relcl", "appos"):
                break
            if node.dep_ in ("xcomp", "pcomp", "pobj") and head.lemma_.lower() in self.predicates.object_control:
                objects = self._arguments([c for c in head.children if c.dep_ in ("dobj", "dative")])
                if objects:
                    return objects, "inherited" if node.dep_ == "xcomp" else "reported"
            if node.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "pobj", "prep", "dobj", "compound", "acl"):
                break
            if node.dep_ not in ("conj", "xcomp"):
                how = "climbed"
            if head.pos_ in ("VERB", "AUX"):
                if self._blocks(head, node):
                    break
                subjects = self._arguments(_surface_subjects(head))
                if subjects:
                    return subjects, how
            elif head.pos_ in ("NOUN", "PROPN") and node.dep_ != "compound":
                owners = self._arguments([head], expand_members=False)
                if owners:
                    return owners, how
            node = head
        return [], how

    def _blocks(self, head, node) -> bool:
        """A predicate verb above stops the climb, unless it merely supports a nominal event."""
        lemma = head.lemma_.lower()
        if lemma in self.predicates.support_verbs or lemma in self.predicates.hedges:
            return False
        return node.dep_ == "dobj" and self.predicates.lookup(head) is not None

    # --- targets -------------------------------------------------------------------------------

    def _verb_targets(self, verb, predicate: Predicate) -> list[_Argument]:
        heads = []
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if "dobj" in predicate.targets:
            heads += [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        if "dative" in predicate.targets:
            heads += [c for c in verb.children if c.dep_ in ("dative", "dobj")]
        heads += _prep_objects(verb, set(predicate.targets))
        return self._arguments(heads)

    def _noun_targets(self, noun, predicate: Predicate) -> list[_Argument]:
        owners = [noun, noun.head] if noun.dep_ == "compound" else [noun]
        return self._arguments([o for owner in owners for o in _prep_objects(owner, set(predicate.targets))])

    # --- arguments -----------------------------------------------------------------------------

    def _arguments(self, heads: list, expand_members: bool = True) -> list[_Argument]:
        """The actors of argument phrases, with their coordinated and listed members."""
        found: dict[str, _Argument] = {}
        for head in heads:
            for token in [head, *head.conjuncts]:
                for argument in self._phrase_arguments(token, expand_members, depth=2):
                    found.setdefault(argument.ref.node.id, argument)
        return list(found.values())

    def _phrase_arguments(self, token, expand_members: bool, depth: int) -> list[_Argument]:
        listed = _prep_objects(token, LISTING_PREPOSITIONS)
        if listed and depth:
            return self._arguments(listed)
        ref = mention_ref(token, self.actors)
        if ref is not None:
            return [_Argument(ref, token)]
        if expand_members and depth and self.actors.is_group_word(token.lemma_):
            return [a for member in _prep_objects(token, MEMBER_PREPOSITIONS)
                    for m in [member, *member.conjuncts]
                    for a in self._phrase_arguments(m, expand_members, depth - 1)]
        return []

    def _hedged(self, token) -> bool:
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in token.children):
            return True
        return token.dep_ == "xcomp" and token.head.lemma_.lower() in self.predicates.hedges


def _subjects(verb) -> list:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive:
        return [pobj for agent in verb.children if agent.dep_ == "agent"
                for pobj in agent.children if pobj.dep_ == "pobj"]
    return [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]


def _surface_subjects(verb) -> list:
    """The grammatical subject, active or passive: it controls a complement ("X is expected to offer")."""
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]


def _prep_objects(token, prepositions: set[str]) -> list:
    return [pobj for prep in token.children if prep.dep_ == "prep" and prep.lower_ in prepositions
            for pobj in prep.children if pobj.dep_ == "pobj"]


def _negated(token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("no", "never") and c.dep_ == "det" for c in token.children):
        return True
    return token.pos_ != "VERB" and token.dep_ in ("dobj", "nsubj", "nsubjpass") and any(
        c.dep_ == "neg" for c in token.head.children)
