"""Event extraction: typed, directed actor-to-actor events read off the dependency parse.

:class:`EventExtractor` is the spaCy component. For every word that asserts an event here (a
predicate of :mod:`kg.events.predicates` with a code), the assertion step
(:mod:`kg.events.assertion`) decides whether and how the sentence asserts it; the predicate's
source constructions (:mod:`kg.events.constructions`) find who acts, the first that finds an
actor winning, and its target constructions whom they act on. The constructions an event was
found with and its assertion set its confidence (:mod:`kg.events.confidence`).

>>> from kg.nlp import load_pipeline
>>> nlp = load_pipeline()
>>> doc = nlp("Israel condemned Russia on Monday.")
>>> [(e.source.actor.name, e.code, e.target.actor.name, e.construction) for e in doc._.events]
[('Israel', '111', 'Russia', 'subject>object')]
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Iterator

from spacy.tokens import Doc

from kg.actors import ActorDictionary, ActorRef
from kg.cameo import event_type
from kg.events.arguments import Argument
from kg.events.assertion import AssertionRules
from kg.events.confidence import ConfidenceTable
from kg.events.constructions import Constructions, Trigger
from kg.events.dates import event_date
from kg.events.predicates import PredicateDictionary

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)

# News sentences run to 70 words at most; a longer "sentence" is a table, a list or text without
# punctuation, where parses are unreliable and the evidence unreadable (and the rules slow).
MAX_SENTENCE_TOKENS = 250


@dataclass(frozen=True)
class Event:
    """One event a sentence asserts, with the evidence for it (character offsets in the text) and
    how it was found: the source and target constructions (``"subject>object"``) and the assertion."""

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
    construction: str = ""
    assertion: str = "asserted"
    unresolved: bool = False
    event_date: str = ""


EVENT_COLUMNS = [
    "event_id", "article_id", "date", "event_date",
    "source_id", "source_name", "source_kind", "source_country", "source_sector", "source_code",
    "source_person", "source_text",
    "target_id", "target_name", "target_kind", "target_country", "target_sector", "target_code",
    "target_person", "target_text",
    "event_code", "event_root", "event_name", "quad_class", "goldstein", "confidence",
    "construction", "assertion",
    "trigger", "trigger_start", "sentence", "sentence_start", "sentence_end",
]


def event_record(article_id: str, date: str | None, event: Event) -> dict:
    """One row of the events table: the event, its CAMEO values and its provenance.

    ``event_id`` is a hash of the event's content, so it is the same in every run.
    """
    kind = event_type(event.code)
    record = {"article_id": article_id, "date": date or "", "event_date": event.event_date}
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
        "construction": event.construction, "assertion": event.assertion,
        "trigger": event.trigger, "trigger_start": event.trigger_start, "sentence": event.sentence,
        "sentence_start": event.sentence_start, "sentence_end": event.sentence_end,
    })
    identity = "|".join(str(record[k]) for k in ("article_id", "sentence_start", "trigger_start", "source_id",
                                                  "target_id", "event_code"))
    record["event_id"] = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:16]
    return {column: record[column] for column in EVENT_COLUMNS}


class EventExtractor:
    """spaCy component: the events of each sentence, into ``doc._.events``.

    Sentences longer than ``MAX_SENTENCE_TOKENS`` tokens, and those that name no actor, give no events.
    """

    def __init__(self, actors: ActorDictionary, predicates: PredicateDictionary,
                 constructions: Constructions | None = None, assertion: AssertionRules | None = None,
                 confidence: ConfidenceTable | None = None):
        self.actors = actors
        self.predicates = predicates
        self.constructions = constructions or Constructions.default(actors, predicates)
        self.assertion = assertion or AssertionRules.default(self.constructions)
        self.confidence = confidence or ConfidenceTable.default()

    def __call__(self, doc):
        doc._.events = self.extract(doc)
        return doc

    def extract(self, doc) -> list[Event]:
        """Events of a parsed document whose actors are linked, one per sentence, pair and root."""
        best: dict[tuple, Event] = {}
        named = sorted([*(doc._.mentions or {}), *(doc._.coref or {})])  # where actors are named
        with self.predicates.remembering(doc), self.constructions.prepared(doc):
            for sentence in doc.sents:
                if len(sentence) > MAX_SENTENCE_TOKENS or not _names_one(named, sentence):
                    continue
                for event in [*self._predicate_events(sentence), *self._construction_events(sentence)]:
                    key = (sentence.start, event.source.node.id, event.target.node.id, event.code[:2])
                    if key not in best or event.confidence > best[key].confidence:
                        best[key] = event
        return sorted(best.values(), key=lambda e: (e.sentence_start, e.trigger_start, e.source.node.id,
                                                    e.target.node.id, e.code))

    def _predicate_events(self, sentence) -> Iterator[Event]:
        for token in sentence:
            match = self.predicates.match(token)
            if match is None:
                continue
            trigger = Trigger(token, match, sentence)
            assertion = self.assertion.assess(trigger)
            if not assertion.kept:
                continue
            sources, source_rule = self.constructions.sources(trigger)
            pairs, target_rule = self.constructions.pairs(replace(trigger, sources=tuple(sources)))
            for source, target in pairs:
                yield self._event(source, target, assertion.code, token, sentence, f"{source_rule}>{target_rule}",
                                  assertion.status)

    def _construction_events(self, sentence) -> Iterator[Event]:
        for name, (word, trigger, code, source, target) in self.constructions.sentence_events(sentence):
            if self.assertion.speaks(word) and source.ref.node.id != target.ref.node.id and not (
                    self.constructions.is_press(source) or self.constructions.is_press(target)):
                yield self._event(source, target, code, trigger, sentence, name, "asserted")

    def _event(self, source: Argument, target: Argument, code: str, trigger, sentence, construction: str,
               assertion: str) -> Event:
        # The evidence is the sentence without the blank lines and spaces the parser left around it.
        text = sentence.text.strip()
        start = sentence.start_char + len(sentence.text) - len(sentence.text.lstrip())
        unresolved = source.unresolved or target.unresolved
        confidence = self.confidence.of(construction, assertion, unresolved,
                                        actor_kinds=(source.ref.node.kind, target.ref.node.kind))
        return Event(source.ref, target.ref, code, trigger.text, trigger.idx, start, start + len(text),
                     confidence, source.text, target.text, text, construction, assertion, unresolved,
                     event_date(trigger, trigger.doc._.date))


def _names_one(named: list[int], sentence) -> bool:
    """Whether a sentence names an actor at all (an entity or a pronoun that refers to one): one that
    names none can give no event."""
    at = bisect_left(named, sentence.start)
    return at < len(named) and named[at] < sentence.end
