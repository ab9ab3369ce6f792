"""Arguments: the actors an argument phrase names.

A construction (:mod:`kg.events.constructions`) finds where an argument is, the head word of a
phrase; :class:`ArgumentReader` reads the phrase into actors, through the phrase constructions
that the catalogue shows: coordination ("the US and the UK"), listing ("parties including A and
B"), membership ("representatives of Hamas", "thousands of Nigerians"), relative pronouns ("the
coalition that ..."), and, for a target, an event standing for its participants ("demanded the
withdrawal of Serbian forces"), a place for its state ("arrived in Amman") and a thing for whom
it is of or for ("the return of U.N. inspectors") or by ("a freeze sought by Mr. Obama").

>>> from kg.nlp import actor_dictionary, load_pipeline, predicate_dictionary
>>> doc = load_pipeline()("Representatives of Hamas and Fatah met.")
>>> reader = ArgumentReader(actor_dictionary(), predicate_dictionary())
>>> sorted(a.ref.actor.name for a in reader.read([doc[0]]))
['Fatah', 'Hamas']
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.actors import UNRESOLVED_PREFIX, ActorDictionary, ActorRef, mention_at, mention_refs, phrase_sector, prep_objects
from kg.events.predicates import Predicate, PredicateDictionary

LISTING_PREPOSITIONS = {"including", "like"}
MEMBER_PREPOSITIONS = {"of", "from", "in", "throughout", "across"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# A target phrase that names no actor itself stands for whom it is of or by, then for whom it is
# for, with, to, against, on or from, then for where it is.
WIDE_TARGET_PREPOSITIONS = ({"of", "by"}, {"for", "with", "to", "against", "on", "from"}, {"in"})
DEPTH = 2  # how many phrases deep a reading may go


@dataclass(frozen=True)
class LocalActors:
    """How a local organisation or crowd the dictionary lacks is read (``local_actors`` in
    ``constructions.yaml``): the sectors a crowd may have, the determiners of no particular crowd,
    the prepositions of the place it belongs to, and what may happen between a state and its own
    people: the roots of such events, the sectors that act at home, and the armed crowds that fight
    their own state."""

    crowd_sectors: frozenset[str] = frozenset()
    generic_determiners: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    time_words: frozenset[str] = frozenset()  # phrases that say when, not who: "on the eve of ..."
    own_people_roots: frozenset[str] = frozenset()
    own_people_sectors: frozenset[str] = frozenset()
    armed_crowd_sectors: frozenset[str] = frozenset()
    armed_roots: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Argument:
    """An actor an argument phrase names, and the word that names it."""

    ref: ActorRef
    token: object
    assumed: bool = False  # a local actor's state taken from its sentence, not from its own phrase

    @property
    def text(self) -> str:
        """The words of the article that name the actor."""
        mention = mention_at(self.token)
        if mention:
            return mention.text
        return self.token.doc[self.token.left_edge.i:self.token.i + 1].text

    @property
    def unresolved(self) -> bool:
        """A name the dictionary does not know (it may not be an actor at all)."""
        return self.ref.actor.id.startswith(UNRESOLVED_PREFIX)


class ArgumentReader:
    """Reads argument phrases into the actors they name."""

    def __init__(self, actors: ActorDictionary, predicates: PredicateDictionary,
                 unresolved_labels: frozenset[str] = frozenset(), local: LocalActors = LocalActors()):
        self.actors = actors
        self.predicates = predicates
        self.unresolved_labels = unresolved_labels  # the kinds of unknown names that may still act
        self.local = local

    def read(self, heads: list, *, target: bool = False, members: bool = True) -> list[Argument]:
        """The actors of the phrases headed by ``heads``, with their coordinated and listed members.

        A ``target`` phrase is read more widely than a source: an event in it stands for its
        participants, a place for its state, a thing for whom it is of, by or for. A subject is
        read strictly: "the war offers Russia a chance" has no source. ``members=False`` reads a
        modifier without its members ("Hungarian and Romanian officials" are read by the linker).
        """
        found: dict[str, Argument] = {}
        for head in heads:
            for token in [head, *head.conjuncts]:
                for argument in self._phrase(self._antecedent(token), members, target, DEPTH):
                    found.setdefault(argument.ref.node.id, argument)
        return list(found.values())

    def participants(self, noun, predicate: Predicate | None) -> list[Argument]:
        """Who a nominal event stands for as an argument: "demanded the withdrawal of Serbian forces"
        (Serbia), "host a meeting between A and B" (A and B), "boycott all contact with the US" (the
        partner of a symmetric event), "demanded a meeting of the Council"."""
        owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        found = self.read(owners, members=False)
        if not found:  # "boycott all contact with the US", "the deal between Iran and the US"
            found = self.read(prep_objects(noun, {"between", "with"} if predicate and predicate.symmetric
                                           else {"between"}))
        if not found and predicate and predicate.symmetric and noun.dep_ == "pobj":
            verb = noun.head.head  # "withdrew from the deal with Iran", as the parser often hangs it
            found = self.read([p for p in prep_objects(verb, {"with"}) if p.i > noun.i])
        if not found:
            found = self.read(prep_objects(noun, agent_prepositions(predicate, {"of", "by", "from"})))
        return found or self.read(_participle_agents(noun))

    def place(self, token) -> ActorRef | None:
        """The state a place name stands for: a capital for the state, a city or region for its people."""
        mention = mention_at(token)
        ref = mention.ref if mention and mention.ref else (self.actors.lookup(mention.text) if mention else None)
        if ref is None:
            return None
        return ActorRef(ref.actor, "" if ref.sector == "GOV" else ref.sector, ref.person)

    def _may_act(self, ref: ActorRef, token) -> bool:
        """An unknown name acts only if it is of a kind that may be an actor nobody listed (a person):
        an unknown organisation, facility or people ("Osirak", "African") is rather not an actor."""
        if not ref.actor.id.startswith(UNRESOLVED_PREFIX):
            return True
        mention = mention_at(token)
        return mention is not None and mention.label in self.unresolved_labels

    @staticmethod
    def _antecedent(token):
        """A relative pronoun stands for the phrase its clause modifies: "the coalition that struck"."""
        clause = token.head
        if token.lower_ in RELATIVE_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass") and clause.dep_ == "relcl":
            return clause.head
        return token

    def _phrase(self, token, members: bool, target: bool, depth: int) -> list[Argument]:
        listed = prep_objects(token, LISTING_PREPOSITIONS) + _such_as(token)
        if listed and depth:
            found = self.read(listed, target=target)
            if found:
                return found
        if token.ent_type_ in ("DATE", "TIME") or token.lemma_.lower() in self.local.time_words:
            return []  # a time is no one: "launched the rocket on the eve of Chinese New Year"
        match = self.predicates.match(token) if token.pos_ in ("NOUN", "PROPN") else None
        if match is not None:
            return self.participants(token, match.predicate) if target and depth else []
        refs = mention_refs(token, self.actors)
        if refs:
            return [Argument(ref, token) for ref in refs if self._may_act(ref, token)]
        if target and mention_at(token) is not None:
            place = self.place(token)
            return [Argument(place, token)] if place else []
        if not depth:
            return []
        if members and self.actors.is_group_word(token.lemma_):
            found = [a for member in prep_objects(token, MEMBER_PREPOSITIONS) for m in [member, *member.conjuncts]
                     for a in self._members(token, m, target, depth - 1)]
            if found:
                return found
        if target:
            for prepositions in WIDE_TARGET_PREPOSITIONS:
                found = [a for obj in prep_objects(token, prepositions) for member in [obj, *obj.conjuncts]
                         for a in self._phrase(member, False, obj.head.lower_ == "in", depth - 1)]
                if found:
                    return found
            found = self.read(_participle_agents(token))  # "a settlement freeze sought by Mr. Obama"
            if found:
                return found
        local = self._local_actor(token)
        return [local] if local else []

    def own_crowd(self, code: str, source: Argument, target: Argument) -> bool:
        """A crowd whose state is assumed from its sentence, when that is its counterpart's: "the US
        began supporting rebel groups", "Russian troops shelled civilians" say nothing of whose
        rebels or civilians they are. Read as between a state and its own people are only the
        events of ``own_people_roots`` ("Ukraine urged civilians to leave"), those of
        ``own_people_sectors`` ("Egyptian police opened fire on demonstrators"), and the fighting
        (``armed_roots``) of armed crowds (``armed_crowd_sectors``): "rebels attacked the Malian
        army", "Pakistani forces killed five militants"."""
        root = code[:2]
        if root in self.local.own_people_roots or any(
                (a.ref.sector or a.ref.actor.sector) in self.local.own_people_sectors for a in (source, target)):
            return False
        return any(crowd.assumed and crowd.ref.actor.country == other.ref.actor.country
                   and not (root in self.local.armed_roots and crowd.ref.sector in self.local.armed_crowd_sectors)
                   for crowd, other in ((source, target), (target, source)))

    def _local_actor(self, token) -> Argument | None:
        """A local organisation or crowd the dictionary lacks, read as its state's sector: an unknown
        name with a sector word ("the Azadliq opposition coalition", "Moslem fundamentalist
        demonstrators") or a crowd of a people's sector ("demonstrators", "political opponents"),
        of the state of a place in its phrase or clause ("in Baku"), else of the one country its
        sentence names. A crowd of nobody in particular ("all parties", "other refugees") is none."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        mention = mention_at(token)
        named = [m for m in [mention, *(mention_at(c) for c in token.subtree
                                        if c.i < token.i and c.dep_ in ("compound", "amod", "nmod"))]
                 if m is not None and m.label in ("ORG", "NORP", "PERSON") and (
                     m.ref is None or m.ref.actor.id.startswith(UNRESOLVED_PREFIX))]
        crowd = not named and token.tag_ in ("NNS", "NNPS") and not any(
            c.dep_ == "poss" or c.lower_ in self.local.generic_determiners for c in token.children)
        if not (named or crowd):
            return None
        sector = phrase_sector(token, self.actors)
        if sector in ("", "UNK", "GOV", "ELI") or crowd and sector not in self.local.crowd_sectors:
            return None
        country = self._place_country(token, 2) or (
            self._place_country(token.head, 1) if token.dep_ in ("nsubj", "nsubjpass", "dobj") else "")
        assumed = not country
        if assumed:
            countries = self._sentence_countries(token)
            country = countries.pop() if len(countries) == 1 else ""
        state = self.actors.state(country) if country else None
        return Argument(ActorRef(state, sector), token, assumed) if state is not None else None

    def _place_country(self, token, depth: int) -> str:
        """The country of a place phrase on a word: "in Baku", "based in Trinidad", "at a jail in Dili"."""
        if depth == 0:
            return ""
        places = prep_objects(token, self.local.place_prepositions)
        places += [p for verb in token.children if verb.dep_ == "acl" for p in prep_objects(verb, self.local.place_prepositions)]
        for place in places:
            for word in [place, *place.conjuncts, *(c for c in place.children if c.dep_ in ("compound", "amod", "poss", "appos"))]:
                ref = self.place(word) if mention_at(word) is not None else None
                if ref is not None and ref.actor.country:
                    return ref.actor.country
            inner = self._place_country(place, depth - 1)
            if inner:
                return inner
        return ""

    def _sentence_countries(self, token) -> set[str]:
        """The countries the sentence of a word names (states, their places, national bodies), not
        counting those named only as the owner of an event ("Russian strikes killed civilians": the
        civilians' country is not said)."""
        doc, sentence = token.doc, token.sent
        found = set()
        for start, mention in (doc._.mentions or {}).items():
            if not sentence.start <= start < sentence.end:
                continue
            root = doc[start:mention.end].root
            if root.dep_ in ("amod", "compound", "nmod", "poss") and self.predicates.is_event(root.head):
                continue
            ref = mention.ref or self.actors.lookup(mention.text)
            if ref is not None and not ref.actor.id.startswith(UNRESOLVED_PREFIX) and ref.actor.country:
                found.add(ref.actor.country)
        return found

    def _members(self, group, member, target: bool, depth: int) -> list[Argument]:
        """"Representatives of Hamas", "Thousands of Nigerians", "Demonstrators in Baghdad": the actor
        the members belong to, through the sector the group word names when it is a state's."""
        found = self._phrase(member, True, target, depth)
        if not found and mention_at(member) is not None:
            place = self.place(member)
            found = [Argument(place, member)] if place else []
        sector = self.actors.agent_sector(group.text) or self.actors.agent_sector(group.lemma_)
        return [Argument(ActorRef(a.ref.actor, sector or a.ref.sector or "CVL", a.ref.person), a.token)
                if a.ref.actor.kind == "state" and not a.ref.person else a for a in found]


def _participle_agents(token) -> list:
    """The agents of the past participles that modify a phrase: "a cease-fire offered by the coalition"."""
    return [p for verb in token.children if verb.dep_ == "acl" and verb.tag_ == "VBN"
            for agent in verb.children if agent.dep_ == "agent" for p in agent.children if p.dep_ == "pobj"]


def _such_as(token) -> list:
    """The objects of "such as" after a phrase: "nations such as Jordan and Qatar"."""
    return [pobj for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "as"
            and any(c.lower_ == "such" for c in prep.children) for pobj in prep.children if pobj.dep_ == "pobj"]


def agent_prepositions(predicate: Predicate | None, prepositions: set[str]) -> set[str]:
    """The prepositions that may introduce a nominal event's agent: those it does not take its target
    with ("a demand from the US", but "the withdrawal from Bosnia")."""
    return prepositions - set(predicate.targets or () if predicate else ())


def a_people(argument: Argument) -> bool:
    """A state's people named by a plural demonym or a people word it modifies ("Algerians", "Iraqi
    Kurds"), as opposed to the state ("Algeria")."""
    token, ref = argument.token, argument.ref
    return (ref.actor.kind == "state" and not ref.sector and not ref.person and token.tag_ in ("NNS", "NNPS")
            and (token.ent_type_ == "NORP" or any(c.ent_type_ == "NORP" and c.dep_ in ("amod", "compound")
                                                  for c in token.children)))
