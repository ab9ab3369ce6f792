"""Event extraction: typed, directed actor-to-actor events read off the dependency parse.

:class:`EventExtractor` is the spaCy component. For every word that asserts an event (see
:mod:`kg.events.predicates`) it finds the source (the subject, a possessor, a "by"/"from" phrase,
or the subject of a verb higher up) and the target (the object, a prepositional phrase the
predicate names, an actor in the clause it governs, or for some the place where it happens). It
gives nothing for negated words and for the content of refusals, appeals, threats and promises
("refused to negotiate" asserts no talks); planned or promised events take their intent code.
"X said Y must withdraw" is X's demand on Y.

>>> from kg.nlp import load_pipeline
>>> nlp = load_pipeline()
>>> doc = nlp("Israel condemned Russia on Monday.")
>>> [(e.source.actor.name, e.code, e.target.actor.name) for e in doc._.events]
[('Israel', '111', 'Russia')]
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from itertools import combinations
from typing import Iterator

from spacy.tokens import Doc

from kg.actors import UNRESOLVED_PREFIX, ActorDictionary, ActorRef, mention_at, mention_refs, prep_objects
from kg.cameo import event_type
from kg.events.predicates import Predicate, PredicateDictionary

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)

MODALS = {"will", "would", "could", "may", "might", "shall", "'ll"}
DEONTIC = {"must", "should", "ought"}
LISTING_PREPOSITIONS = {"including", "like"}
MEMBER_PREPOSITIONS = {"of", "from", "in", "throughout", "across"}
COMPLEMENT_PREPOSITIONS = {"to", "with", "on", "against", "from", "for", "into", "over", "between"}
LOCATIVE_PREPOSITIONS = {"in", "inside", "across", "throughout", "within"}
CLAUSES = ("xcomp", "ccomp")
CONDITIONS = {"if", "unless", "whether"}
PROTEST_ROOT = "14"
HEDGE_MODIFIERS = {"possible", "potential", "planned", "proposed", "likely", "future", "prospective", "eventual"}
# A planned or announced event of these roots is a threat (CAMEO 13) or an intent (03) to do it.
THREAT_CODES = {"14": "133", "15": "138", "16": "1312", "17": "137", "18": "138", "19": "138", "20": "138"}
INTENT_CODES = {"06": "031", "07": "033", "08": "035"}
# How sure an event is, by how its source was found.
CONFIDENCE = {"direct": 0.9, "nominal": 0.8, "inherited": 0.8, "climbed": 0.6, "reported": 0.4}
HEDGE_FACTOR = 0.6  # a planned or expected event without an intent code of its own
INDIRECT_TARGET_FACTOR = 0.9  # a target found in a governed clause or as the place of the event
DEMAND_CONFIDENCE = 0.7
UNRESOLVED_FACTOR = 0.5  # a name the dictionary does not know may not be an actor at all


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
        return self.token.doc[self.token.left_edge.i:self.token.i + 1].text


# News sentences run to 70 words at most; a longer "sentence" is a table, a list or text without
# punctuation, where parses are unreliable and the evidence unreadable (and the rules slow).
MAX_SENTENCE_TOKENS = 250


class EventExtractor:
    """spaCy component: the events of each sentence, into ``doc._.events``.

    Sentences longer than ``MAX_SENTENCE_TOKENS`` tokens give no events.
    """

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
            if len(sentence) > MAX_SENTENCE_TOKENS:
                continue
            found = list(self._reported_demands(sentence))
            for token in sentence:
                match = self.predicates.match(token)
                if match is not None and not (self._denied(token) or self._governed(token) or self._supports(token)
                                              or self._defers(token)):
                    found += self._events(token, *match, sentence)
            for event in found:
                key = (sentence.start, event.source.node.id, event.target.node.id, event.code[:2])
                if key not in best or event.confidence > best[key].confidence:
                    best[key] = event
        return sorted(best.values(), key=lambda e: (e.sentence_start, e.trigger_start, e.source.node.id,
                                                    e.target.node.id, e.code))

    def _events(self, token, predicate: Predicate, code: str, sentence) -> Iterator[Event]:
        if token.pos_ == "ADJ":
            sources, how = self._adjective_sources(token)
            targets = []
        elif token.pos_ in ("VERB", "AUX"):
            sources, how = self._verb_sources(token)
            targets = self._verb_targets(token, predicate)
        elif token.dep_ == "dobj" and token.head.lemma_.lower() in self.predicates.reception_verbs:
            sources = self._arguments(prep_objects(token, {"from", "by"}) or prep_objects(token.head, {"from", "by"}))
            targets = self._arguments([c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")], target=True)
            how = "nominal"
        else:
            sources, how = self._noun_sources(token, predicate)
            targets = self._noun_targets(token, predicate)
        confidence = CONFIDENCE[how]
        if not targets and not (predicate.symmetric and len(sources) > 1):
            if predicate.complement:
                targets = self._complement_targets(token, sources)
            if not targets and predicate.locative:
                targets = self._locative_targets(token, sources)
            if not targets and code[:2] == PROTEST_ROOT:
                targets = self._own_state(sources)
            confidence *= INDIRECT_TARGET_FACTOR
        if self._hedged(token):
            code, confidence = self._planned(predicate, code, confidence, token)
        if predicate.symmetric and not (sources and targets):
            pairs = list(combinations(sources or targets, 2))
        else:
            pairs = [(s, t) for s in sources for t in targets]
        for source, target in pairs:
            if source.ref.node.id != target.ref.node.id:
                sure = confidence * (UNRESOLVED_FACTOR if _unresolved(source) or _unresolved(target) else 1)
                yield self._event(source, target, code, token, sentence, sure)

    @staticmethod
    def _event(source: _Argument, target: _Argument, code: str, trigger, sentence, confidence: float) -> Event:
        # The evidence is the sentence without the blank lines and spaces the parser left around it.
        text = sentence.text.strip()
        start = sentence.start_char + len(sentence.text) - len(sentence.text.lstrip())
        return Event(source.ref, target.ref, code, trigger.text, trigger.idx, start, start + len(text),
                     round(confidence, 2), source.text, target.text, text)

    # --- what is asserted ----------------------------------------------------------------------

    def _denied(self, token) -> bool:
        """Negated; in a clause that a negated or negative word governs ("refused to negotiate",
        "failed to reach agreement", "ended mediation efforts"); or in a condition ("if he gave them
        a veto")."""
        if _negated(token) or token.dep_ == "pcomp" and token.head.lower_ == "for":
            return True  # "arrested for collaborating with Israel": an accusation, not a fact
        own, governing = _clauses(token)
        for clause in ([own] if own != token else []) + governing:
            predicate = self.predicates.lookup(clause)
            if _negated(clause) or clause.lemma_.lower() in self.predicates.negators or (
                    predicate is not None and predicate.negative):
                return True
        return any(_conditional(clause) for clause in [own, *governing])

    def _governed(self, token) -> bool:
        """The content of another word, not an event of its own: a clause that an appeal, demand, threat
        or promise governs ("threatened to break relations", "promised to continue military aid"); what
        someone must or should do ("said Kagame must agree"); a nominal event another predicate is about
        ("rejected North Korea's demand", "demanded the withdrawal of Serbian forces")."""
        own, governing = _clauses(token)
        if any(_deontic(clause) for clause in [own, *governing]):
            return True
        for clause in governing:
            predicate = self.predicates.lookup(clause)
            if predicate is not None and predicate.complement and not self._defers(clause):
                return True
        for clause in [own, *governing]:  # "reiterated [its demand] that Israel ease", parsed as the verb's
            if clause.dep_ == "ccomp" and any(self._demands_content(noun) for noun in clause.head.children):
                return True
        if own != token and token.pos_ in ("NOUN", "PROPN") and _in_object(token, own):
            lemma = own.lemma_.lower()
            return lemma not in self.predicates.support_verbs and self.predicates.lookup(own) is not None
        return False

    def _defers(self, token) -> bool:
        """An adjective of readiness whose clause holds the event: "prepared to impose martial law" is a
        planned imposition (a threat), "ready to meet" a planned meeting."""
        return token.pos_ == "ADJ" and any(c.dep_ in CLAUSES and self.predicates.match(c) for c in token.children)

    def _demands_content(self, noun) -> bool:
        """An object noun that governs a clause ("its demand", "a call", "the threat")."""
        if noun.dep_ != "dobj":
            return False
        predicate = self.predicates.lookup(noun)
        return predicate is not None and predicate.complement

    def _supports(self, token) -> bool:
        """A verb that carries a nominal event ("gave a warm welcome", "offered mediation") asserts only that."""
        return token.lemma_.lower() in self.predicates.support_verbs and any(
            c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and self.predicates.lookup(c) for c in token.children)

    def _hedged(self, token) -> bool:
        """Planned, promised, expected or possible: "will meet", "plans to attack", "a possible war"."""
        own, _ = _clauses(token)
        for word in {token, own}:
            if any(c.dep_ == "aux" and c.lower_ in MODALS for c in word.children):
                return True
            if word.dep_ in ("xcomp", "acl") and word.head.lemma_.lower() in self.predicates.hedges:
                return True
        return any(c.dep_ == "amod" and c.lower_ in HEDGE_MODIFIERS for c in token.children)

    def _planned(self, predicate: Predicate, code: str, confidence: float, token) -> tuple[str, float]:
        """The code and confidence of an event that is only planned or announced: its intent code; a
        conflict is a threat ("would blockade Paris", "will withdraw ... unless"), a material
        cooperation an intent to cooperate; anything else keeps its code, with less confidence."""
        root = code[:2]
        own, governing = _clauses(token)
        conditional = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
                          for clause in [own, *governing] for c in clause.children)
        if conditional or root in THREAT_CODES:
            return (THREAT_CODES.get(root, "130"), confidence)
        if predicate.intent:
            return predicate.intent, confidence
        if root in INTENT_CODES:
            return INTENT_CODES[root], confidence
        return code, confidence * HEDGE_FACTOR

    # --- sources -------------------------------------------------------------------------------

    def _verb_sources(self, verb) -> tuple[list[_Argument], str]:
        direct = self._arguments(_subjects(verb))
        if direct:
            return direct, "direct"
        return self._implicit_sources(verb)

    def _adjective_sources(self, adjective) -> tuple[list[_Argument], str]:
        """"Syria is willing to withdraw": the subject of the verb the adjective completes."""
        if adjective.dep_ == "amod":
            return self._arguments([adjective.head]), "direct"
        subjects = self._arguments(_surface_subjects(adjective.head))
        return (subjects, "direct") if subjects else self._implicit_sources(adjective.head)

    def _noun_sources(self, noun, predicate: Predicate | None) -> tuple[list[_Argument], str]:
        owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        own = self._arguments(owners, expand_members=False) + self._arguments(
            prep_objects(noun, _agent_prepositions(predicate, {"by", "from"})))
        if own:
            return own, "nominal"
        return self._implicit_sources(noun)

    def _implicit_sources(self, token) -> tuple[list[_Argument], str]:
        """The source of a predicate without its own subject, found higher in the tree.

        "Erdogan accused the West ... and urged Israel": a conjoined verb shares the subject.
        "Moscow is expected to offer": the subject of the verb it complements. "X urged Y to halt",
        "X accused Y of attacking": the object of an object-control verb acts (reported, weak).
        "Russia's stance in offering mediation": the possessor of a phrase higher up (weak).
        """
        node, how = token, "inherited"
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "pobj" and token.head.lower_ != "as":
            return [], how  # a nominal inside a phrase ("in its war with Iraq") is background, not reported
        if _passive(token):
            return [], how  # "a pathologist sent to Israel": whoever sent them is not named
        for _ in range(6):
            head = node.head
            if head == node or node.dep_ in ("ccomp", "parataxis", "relcl", "appos"):
                break
            if node.dep_ == "prep" and node.lower_ == "of":
                break  # "prisoners of war", "two days of fighting": the phrase's owner did not do it
            if node.dep_ in ("xcomp", "pcomp", "pobj") and head.lemma_.lower() in self.predicates.object_control:
                objects = self._arguments([c for c in head.children if c.dep_ in ("dobj", "dative")])
                if objects:
                    return objects, "inherited" if node.dep_ == "xcomp" else "reported"
            if node.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "pobj", "prep", "dobj", "compound", "acl", "acomp"):
                break
            if node.dep_ not in ("conj", "xcomp", "acomp"):
                how = "climbed"
            if head.pos_ in ("VERB", "AUX"):
                if self._blocks(head, node):
                    break
                subjects = self._arguments(_surface_subjects(head))
                if subjects:
                    return subjects, how
                if _surface_subjects(head):
                    break  # "as the leaders of the two countries sought to ease": its own, unnamed subject
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
        if "dobj" in predicate.targets:
            heads += [c for c in verb.children if c.dep_ == ("nsubjpass" if _passive(verb) else "dobj")]
            if verb.dep_ == "acl" and verb.tag_ == "VBN":
                heads.append(verb.head)  # "the town shelled by rebels"
        if "dative" in predicate.targets:
            heads += [c for c in verb.children if c.dep_ in ("dative", "dobj")]
        heads += prep_objects(verb, set(predicate.targets))
        # The parser often hangs the phrase on the object: "shared [evidence with the U.S.]",
        # "lifted [a blockade on Palestinian lorries]"; but a demanded event's phrases are its own
        # ("demanded [the withdrawal of Serbian forces from Bosnia]").
        heads += [pobj for obj in verb.children if obj.dep_ in ("dobj", "nsubjpass")
                  and not (predicate.complement and self.predicates.lookup(obj) is not None)
                  for pobj in prep_objects(obj, set(predicate.targets) - {"dobj", "dative"})]
        return self._arguments(heads, target=True)

    def _noun_targets(self, noun, predicate: Predicate) -> list[_Argument]:
        owners = [noun, noun.head] if noun.dep_ == "compound" else [noun]
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.predicates.support_verbs:
            owners.append(noun.head)  # "paid compensation [to British nationals]"
        return self._arguments([o for owner in owners for o in prep_objects(owner, set(predicate.targets))],
                               target=True)

    def _own_state(self, sources: list[_Argument]) -> list[_Argument]:
        """The state that people protest against when the text names no one: their own. A people named
        by its demonym ("Young Algerians", "Iraqi Kurds") protests as civilians."""
        sources[:] = [_Argument(ActorRef(s.ref.actor, "CVL"), s.token) if _a_people(s) else s for s in sources]
        found = []
        for source in sources:
            state = self.actors.state(source.ref.actor.country) if source.ref.node.kind != "state" else None
            if state is not None:
                found.append(_Argument(ActorRef(state, "GOV"), source.token))
        return found

    def _complement_targets(self, token, sources: list[_Argument]) -> list[_Argument]:
        """The target inside the clause a word governs: its subject when it names someone else ("demanded
        that the US cancel"), else an object or a prepositional phrase ("threatened to cut off
        electricity to Nakhichevan"), one clause deeper at most."""
        exclude = {a.ref.node.id for a in sources}
        clauses = [c for c in token.children if c.dep_ in CLAUSES + ("acl",)]
        if token.dep_ == "dobj":  # "reiterated its demand that Israel ease", the clause hung on the verb
            clauses += [c for c in token.head.children if c.dep_ == "ccomp" and c.i > token.i]
        for clause in clauses:
            found = self._clause_targets(clause, exclude, depth=2)
            if found:
                return found
        nominals = [c for c in token.children if c.dep_ == "dobj"] + prep_objects(token, {"for", "to", "on"})
        for noun in nominals:  # "demanded the withdrawal of Serbian forces", "called for sanctions against Nigeria"
            predicate = self.predicates.lookup(noun)
            if predicate is None:
                continue
            candidates = [self._event_participants(noun, predicate), self._noun_targets(noun, predicate)]
            if predicate.complement:  # "insisted on its demands that Burundi's government grant"
                candidates += [self._complement_targets(noun, sources)]
            for found in candidates:
                found = [a for a in found if a.ref.node.id not in exclude]
                if found:
                    return found
        return []

    def _clause_targets(self, clause, exclude: set[str], depth: int) -> list[_Argument]:
        subjects = _surface_subjects(clause)
        objects = [c for c in clause.children if c.dep_ in ("dobj", "dative", "attr")]
        groups = [subjects, objects, prep_objects(clause, COMPLEMENT_PREPOSITIONS),
                  [p for obj in objects for p in prep_objects(obj, COMPLEMENT_PREPOSITIONS | {"of"})]]
        for heads in groups:
            found = [a for a in self._arguments(heads, target=True) if a.ref.node.id not in exclude]
            if found:
                return found
        # where it happens: "threatened to institute a curfew in Algiers" (a state's own place is its people)
        places = self._arguments([p for word in [clause, *objects] for p in prep_objects(word, {"in"})], target=True)
        found = [a for a in places if a.ref.node.id not in exclude]
        if found:
            return found
        if depth > 1:
            for deeper in (c for c in clause.children if c.dep_ in CLAUSES + ("advcl",)):
                found = self._clause_targets(deeper, exclude, depth - 1)
                if found:
                    return found
        return [_Argument(ActorRef(a.ref.actor, "CVL"), a.token) for a in places
                if a.ref.actor.kind == "state" and mention_at(a.token) is not None]

    def _locative_targets(self, token, sources: list[_Argument]) -> list[_Argument]:
        """The place where it happens: "lifted the curfew in Montenegro" (its people), "troops on alert
        in the West Bank"; a state's own country is its people ("shortened the curfew in Sudan")."""
        owners = [token, *(c for c in token.children if c.dep_ in ("dobj", "nsubjpass"))]
        places = [p for owner in owners for p in prep_objects(owner, LOCATIVE_PREPOSITIONS | {"at"})]
        places += [inner for place in places for inner in prep_objects(place, LOCATIVE_PREPOSITIONS)]
        found = []
        for place in places:
            ref = self._place_ref(place)
            if ref is not None:
                own = any(source.ref.node.id == ref.node.id for source in sources)
                found.append(_Argument(ActorRef(ref.actor, "CVL" if own else ref.sector), place))
        return found

    def _event_participants(self, noun, predicate: Predicate) -> list[_Argument]:
        """Who a nominal event stands for as an argument: "demanded the withdrawal of Serbian forces"
        (Serbia), "host a meeting between A and B" (A and B), "demanded a meeting of the Council"."""
        owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod")]
        found = self._arguments(owners, expand_members=False)
        if not found:
            found = self._arguments(prep_objects(noun, {"between"}))
        if not found:
            found = self._arguments(prep_objects(noun, _agent_prepositions(predicate, {"of", "by", "from"})))
        return found

    # --- reported demands ------------------------------------------------------------------------

    def _reported_demands(self, sentence) -> Iterator[Event]:
        """"X said Y must withdraw", "X issued a reminder to Y that it must cooperate": X demands of Y
        (CAMEO 100)."""
        for token in sentence:
            if token.lemma_.lower() not in self.predicates.speech_verbs or self._denied(token):
                continue
            for clause in (c for c in token.children if c.dep_ in ("ccomp", "acl")):
                modal = next((c for c in clause.children if c.dep_ == "aux" and c.lower_ in DEONTIC), None)
                if modal is None:
                    continue
                sources = (self._arguments(_subjects(token)) if token.pos_ in ("VERB", "AUX")
                           else self._noun_sources(token, self.predicates.lookup(token))[0])
                for source in sources:
                    for target in self._arguments(_surface_subjects(clause)):
                        if source.ref.node.id != target.ref.node.id:
                            yield self._event(source, target, "100", modal, sentence, DEMAND_CONFIDENCE)

    # --- arguments -----------------------------------------------------------------------------

    def _arguments(self, heads: list, expand_members: bool = True, target: bool = False) -> list[_Argument]:
        """The actors of argument phrases, with their coordinated and listed members.

        A ``target`` phrase is read more widely than a source: an event in it stands for its
        participants ("demanded the withdrawal of Serbian forces"), a place named by the predicate
        for its state ("arrived in Amman"), a thing for whom it is of or by ("the return of U.N.
        inspectors", "an admission by Moscow"), or, failing all, for where it is ("to a force in
        Liberia"). A subject is read strictly: "the war offers Russia a chance" has no source.
        """
        found: dict[str, _Argument] = {}
        for head in heads:
            for token in [head, *head.conjuncts]:
                for argument in self._phrase_arguments(token, expand_members, target, depth=2):
                    found.setdefault(argument.ref.node.id, argument)
        return list(found.values())

    def _phrase_arguments(self, token, expand_members: bool, target: bool, depth: int) -> list[_Argument]:
        listed = prep_objects(token, LISTING_PREPOSITIONS)
        if listed and depth:
            members = self._arguments(listed, target=target)
            if members:
                return members
        predicate = self.predicates.lookup(token) if token.pos_ in ("NOUN", "PROPN") else None
        if predicate is not None:
            return self._event_participants(token, predicate) if target and depth else []
        refs = mention_refs(token, self.actors)
        if refs:
            return [_Argument(ref, token) for ref in refs]
        if target and mention_at(token) is not None:
            place = self._place_ref(token)
            return [_Argument(place, token)] if place else []
        if not depth:
            return []
        if expand_members and self.actors.is_group_word(token.lemma_):
            members = [a for member in prep_objects(token, MEMBER_PREPOSITIONS)
                       for m in [member, *member.conjuncts]
                       for a in self._member_arguments(token, m, target, depth - 1)]
            if members:
                return members
        if target:  # "the return of U.N. inspectors", "a camp for Congolese refugees", "links with Serbia"
            for prepositions in ({"of", "by"}, {"for", "with", "to", "against", "on", "from"}, {"in"}):
                found = [a for obj in prep_objects(token, prepositions) for member in [obj, *obj.conjuncts]
                         for a in self._phrase_arguments(member, False, obj.head.lower_ == "in", depth - 1)]
                if found:
                    return found
        return []

    def _member_arguments(self, group, member, target: bool, depth: int) -> list[_Argument]:
        """"Representatives of Hamas", "Thousands of Nigerians", "Demonstrators in Baghdad": the actor
        the members belong to, through the sector the group word names when it is a state's."""
        found = self._phrase_arguments(member, True, target, depth)
        if not found and mention_at(member) is not None:
            place = self._place_ref(member)
            found = [_Argument(place, member)] if place else []
        sector = self.actors.agent_sector(group.text) or self.actors.agent_sector(group.lemma_)
        return [_Argument(ActorRef(a.ref.actor, sector or a.ref.sector or "CVL", a.ref.person), a.token)
                if a.ref.actor.kind == "state" and not a.ref.person else a for a in found]

    def _place_ref(self, token) -> ActorRef | None:
        """The state a place name stands for: a capital for the state, a city or region for its people."""
        mention = mention_at(token)
        ref = mention.ref if mention and mention.ref else (self.actors.lookup(mention.text) if mention else None)
        if ref is None:
            return None
        return ActorRef(ref.actor, "" if ref.sector == "GOV" else ref.sector, ref.person)


def _a_people(argument: _Argument) -> bool:
    """A state's people named by a plural demonym or a people word it modifies ("Algerians", "Iraqi
    Kurds"), as opposed to the state ("Algeria")."""
    token, ref = argument.token, argument.ref
    return (ref.actor.kind == "state" and not ref.sector and not ref.person and token.tag_ in ("NNS", "NNPS")
            and (token.ent_type_ == "NORP" or any(c.ent_type_ == "NORP" and c.dep_ in ("amod", "compound")
                                                  for c in token.children)))


def _clauses(token) -> tuple[object, list]:
    """The clause a word belongs to (its own verb; for a noun, the verb of its phrase) and the
    clauses that govern that one, innermost first ("aid" in "promised to continue military aid":
    continue, then promised)."""
    own = token
    while own.pos_ not in ("VERB", "AUX", "ADJ") and own.head != own:
        own = own.head
    governing, node = [], own
    while node.dep_ in CLAUSES + ("acl", "advcl", "acomp", "conj") and node.head != node:
        if node.dep_ == "advcl" and not _conditional(node):
            break
        node = node.head
        governing.append(node)
    return own, governing


def _conditional(clause) -> bool:
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in clause.children)


def _deontic(clause) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in clause.children)


def _in_object(token, verb) -> bool:
    """True when the word is (in) the verb's object: "demanded [the withdrawal of Serbian forces]"."""
    node = token
    while node.head != node and node.head != verb:
        node = node.head
    return node.head == verb and node.dep_ in ("dobj", "dative", "attr")


def _unresolved(argument: _Argument) -> bool:
    return argument.ref.actor.id.startswith(UNRESOLVED_PREFIX)


def _passive(verb) -> bool:
    """A verb in the passive voice, or a past participle that modifies a noun ("a pathologist sent to
    Israel by Physicians for Human Rights")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or verb.dep_ == "acl" and verb.tag_ == "VBN"


def _subjects(verb) -> list:
    if _passive(verb):
        return [pobj for agent in verb.children if agent.dep_ == "agent"
                for pobj in agent.children if pobj.dep_ == "pobj"]
    return [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]


def _surface_subjects(verb) -> list:
    """The grammatical subject, active or passive: it controls a complement ("X is expected to offer")."""
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]


def _agent_prepositions(predicate: Predicate | None, prepositions: set[str]) -> set[str]:
    """The prepositions that may introduce a nominal event's agent: those it does not take its target
    with ("a demand from the US", but "the withdrawal from Bosnia")."""
    return prepositions - set(predicate.targets if predicate else ())


def _negated(token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("no", "never") and c.dep_ == "det" for c in token.children):
        return True
    return token.pos_ != "VERB" and token.dep_ in ("dobj", "nsubj", "nsubjpass") and any(
        c.dep_ == "neg" for c in token.head.children)
