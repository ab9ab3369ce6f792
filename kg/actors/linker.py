"""Actors in a parsed document: the spaCy component that links entities to actors.

:class:`ActorLinker` resolves every actor-like entity of a ``Doc`` into ``doc._.mentions``;
:func:`mention_ref` finds the actor a noun phrase refers to ("the Iranian envoy", "Hamas
representative Moussa Abu Marzouk", "Russia's invitation").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from kg.actors.coalitions import leader_of
from kg.actors.credits import in_credit
from kg.actors.dictionary import STATE_SECTORS, UNRESOLVED_PREFIX, ActorDictionary, ActorRef, normalise, unresolved_actor

# Entity labels that may name an actor; places (LOC, FAC) and unknown GPEs are not actors.
ACTOR_LABELS = {"GPE", "NORP", "ORG", "PERSON"}
UNRESOLVED_LABELS = {"NORP", "ORG", "PERSON"}
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "inside", "outside", "around", "across", "throughout", "within"}
# Where a capital names its government ("Kyiv said", "sanctions on Moscow"), rather than being where things happen.
ARGUMENT_RELATIONS = {"nsubj", "nsubjpass", "dobj", "dative", "pobj", "attr", "appos", "conj", "ROOT"}

for _name in ("date", "mentions", "coref", "credits", "leaders"):
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
    """The actor of the entity a token belongs to, or that a pronoun refers back to."""
    mention = mention_at(token)
    if mention is not None:
        return mention.ref
    coref = token.doc._.coref
    return coref.get(token.i) if coref else None


def _modifier_refs(token, depth: int = 3, within: tuple[int, int] | None = None,
                   patrons: frozenset[str] = frozenset()) -> list[ActorRef]:
    """The actors named among a phrase's modifiers, the nearest first ("Iranian envoy"), leaving out
    the words ``within`` a span and those behind a word of ``patrons`` ("an Iran-backed militia" is
    not Iran's)."""
    if depth == 0:
        return []
    found = []
    for child in sorted(token.children, key=lambda c: -c.i):
        if child.dep_ in _NP_MODIFIERS and child.lower_ not in patrons:
            inside = within is not None and within[0] <= child.i < within[1]
            own = None if inside else _own_ref(child)
            found += ([own] if own is not None else []) + _modifier_refs(child, depth - 1, within, patrons)
    return found


def _modifier_ref(token) -> ActorRef | None:
    refs = _modifier_refs(token)
    return refs[0] if refs else None


def prep_objects(token, prepositions: set[str]) -> list:
    """The objects of a word's prepositional phrases headed by one of ``prepositions`` ("to" is often
    parsed as a dative)."""
    return [pobj for prep in token.children if prep.dep_ in ("prep", "dative") and prep.lower_ in prepositions
            for pobj in prep.children if pobj.dep_ == "pobj"]


def _ethnic(ent) -> bool:
    """"Ethnic Albanians in Serbia" are not Albania."""
    return ent.label_ == "NORP" and (ent[0].lower_ == "ethnic" or ent.start > 0 and ent.doc[ent.start - 1].lower_ == "ethnic")


def _surnames_as_named(mentions: dict[int, Mention]) -> dict[int, Mention]:
    """A family name refers to the person the article names in full ("Liz Truss ... Truss said",
    "Kim Jong Un ... Kim said"), whatever kind of entity the recogniser took it for unless it names
    another actor: the person last named before it, or else the only one the article names."""
    everyone: dict[str, set] = {}
    for mention in mentions.values():
        for word in _name_ends(mention):
            everyone.setdefault(word, set()).add(mention.ref)
    last: dict[str, ActorRef] = {}
    found = {}
    for start, mention in sorted(mentions.items()):
        for word in _name_ends(mention):
            last[word] = mention.ref
        key = normalise(mention.text)
        if len(mention.text.split()) == 1 and (mention.label == "PERSON" or mention.ref is None
                                               or mention.ref.actor.kind == "other"):
            ref = last.get(key) or (next(iter(everyone[key])) if len(everyone.get(key, ())) == 1 else None)
            if ref is not None:
                found[start] = replace(mention, ref=ref)
    return found


def _name_ends(mention: Mention) -> set[str]:
    """The first and last words of a person's full name, the words a later mention may use alone."""
    words = mention.text.split()
    if mention.label != "PERSON" or len(words) < 2 or mention.ref is None or not (
            mention.ref.person or mention.ref.actor.id.startswith(UNRESOLVED_PREFIX)):
        return set()
    return {normalise(words[0]), normalise(words[-1])}


def _appositive_ref(token, dictionary: ActorDictionary) -> ActorRef | None:
    """The actor of a phrase in apposition, either way round ("the envoy, Ali Bagheri Kani", "a member
    of the Syrian parliament, Mohammed Mamoun")."""
    partners = [c for c in token.children if c.dep_ == "appos"]
    if token.dep_ == "appos":
        partners.append(token.head)
    for partner in partners:
        ref = _own_ref(partner) or _sole_modifier_ref(partner) or _membership_ref(partner, dictionary)
        if ref is not None:
            return ref
    return None


def _origin_ref(token) -> ActorRef | None:
    """The actor a person is "of": "King Hassan of Morocco", "Ismail Haniyeh of Hamas"."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for body in (c for c in prep.children if c.dep_ == "pobj"):
            ref = _own_ref(body)
            if ref is not None and not ref.person:
                return ref
    return None


def _sole_modifier_ref(token) -> ActorRef | None:
    """The actor among a phrase's modifiers when there is just one ("Croatian Serb refugees" have two)."""
    refs = _modifier_refs(token)
    return refs[0] if len({r.actor.id for r in refs}) == 1 else None


def _membership_ref(token, dictionary: ActorDictionary) -> ActorRef | None:
    """The body a member belongs to: "a member of the Syrian parliament" is Syria's legislature."""
    if not dictionary.is_group_word(token.lemma_):
        return None
    for prep in token.children:
        for body in (c for c in prep.children if prep.dep_ == "prep" and prep.lower_ == "of" and c.dep_ == "pobj"):
            ref = _own_ref(body) or _modifier_ref(body)
            if ref is not None:
                sector = phrase_sector(body, dictionary) if ref.actor.kind == "state" else ""
                return replace(ref, sector=sector or ref.sector)
    return None


def phrase_sector(token, dictionary: ActorDictionary) -> str:
    """The sector that the head of a phrase and its modifiers name ("Foreign Ministry" -> GOV)."""
    words = [t for t in token.subtree
             if (t == token or t.i < token.i and t.dep_ in ("compound", "amod"))
             and t.ent_type_ not in ("GPE", "NORP")]
    for size in range(len(words), 0, -1):
        for first in range(len(words) - size + 1):
            span = words[first:first + size]
            sector = dictionary.agent_sector(" ".join(t.text for t in span)) or dictionary.agent_sector(
                " ".join(t.lemma_ if t == token else t.text for t in span))
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
    patrons = dictionary.patron_words
    if ref is None or ref.actor.id.startswith(UNRESOLVED_PREFIX) and _modifier_refs(token, patrons=patrons):
        refs = _modifier_refs(token, patrons=patrons)  # an unknown name with a known modifier is the modifier's ("Iraqi Kurds")
        mention = mention_at(token)
        if mention is not None and mention.label in ("ORG", "FAC"):  # but a word of a name is the name's own:
            refs = _modifier_refs(token, within=(mention.start, mention.end), patrons=patrons)  # "the Baltic News Service"
        owners = [r for c in token.children if c.dep_ == "poss" for r in [_own_ref(c)] if r is not None]
        refs = owners[:1] + [r for r in refs if r not in owners[:1]]  # "China's U.N. ambassador" is China's
        distinct = {r.actor.id for r in refs}
        if refs and (len(distinct) == 1 or token.pos_ == "PROPN" or dictionary.is_group_word(token.lemma_)):
            ref = refs[0]
        elif refs and dictionary.agent_sector(token.text) == "" and _adjacent_modifier_ref(token):
            ref = _adjacent_modifier_ref(token)  # "its European Community partners" are the EC
    ref = ref or _appositive_ref(token, dictionary)
    if ref is None:
        return None
    ref = _people_of_state(token, ref)
    sector = ref.sector
    if ref.actor.kind == "state" and (not sector or sector == "ELI"):  # "the Bush administration" governs
        sector = phrase_sector(token, dictionary) or sector
    return replace(ref, sector=sector, person=ref.person or _person_in(token))


def _people_of_state(token, ref: ActorRef) -> ActorRef:
    """A people named with another state's adjective lives in that state: "Iraqi Kurds" (Kurds have
    no country) and "Bosnian Serbs" (Serbs are Serbia's) are Iraq's and Bosnia's civilians."""
    stateless = ref.actor.kind == "other" and not ref.actor.country
    demonym = ref.actor.kind == "state" and not ref.sector and token.ent_type_ == "NORP"
    if token.tag_ not in ("NNS", "NNPS") or not (stateless or demonym):
        return ref
    for child in token.children:
        if child.dep_ in ("amod", "compound") and child.i < token.i and child.ent_type_ in ("NORP", "GPE"):
            own = _own_ref(child)
            if own is not None and own.actor.kind == "state" and own.actor.id != ref.actor.id:
                return ActorRef(own.actor, "CVL")
    return ref


def _adjacent_modifier_ref(token) -> ActorRef | None:
    """The actor named by the modifier right before a noun, if any."""
    if token.i == 0:
        return None
    before = token.doc[token.i - 1]
    return _own_ref(before) if before.head == token and before.dep_ in ("compound", "amod") else None


def mention_refs(token, dictionary: ActorDictionary) -> list[ActorRef]:
    """The actors a noun phrase names: its actor, and the actors coordinated with the modifier that
    names it ("Hungarian and Romanian officials" are Hungary's and Romania's)."""
    ref = mention_ref(token, dictionary)
    if ref is None:
        return []
    refs = [ref]
    for child in token.children:
        if child.dep_ in _NP_MODIFIERS and _own_ref(child) is not None:
            for partner in child.conjuncts:
                other = _own_ref(partner)
                if other is not None and other.node.id not in {r.node.id for r in refs}:
                    sector = other.sector or (ref.sector if other.actor.kind == "state" else "")
                    refs.append(replace(other, sector=sector))
    return refs


class ActorLinker:
    """spaCy component: resolve every actor-like entity to an actor, into ``doc._.mentions``.

    Dictionary names resolve directly, by the article date (``doc._.date``), and so do phrases of
    names and agent words ("the Israeli Foreign Ministry") and coalitions ("the Saudi-led
    coalition", see :mod:`kg.actors.coalitions`); role names and unknown people resolve through
    their phrase in the parse ("the Iranian envoy, Ali Bagheri Kani"); places used as places ("met
    in Moscow") and unknown places resolve to nothing; other unknown organisations, people and
    groups become unresolved actors. Names inside a dateline or credit (``doc._.credits``, see
    :mod:`kg.actors.credits`) are no mentions at all.
    """

    def __init__(self, dictionary: ActorDictionary):
        self.dictionary = dictionary

    def __call__(self, doc):
        date = doc._.date
        mentions, places, entities = {}, set(), {}
        for ent in doc.ents:
            if ent.label_ not in ACTOR_LABELS or not self._may_name_an_actor(ent.text) or in_credit(doc, ent.start):
                continue
            entities[ent.start] = ent
            residence = self._residence(ent) if ent.label_ == "NORP" else None
            if residence is None and (self._used_as_place(ent) or _ethnic(ent)):
                places.add(ent.start)
            ref = residence or (None if ent.start in places else self._resolve(ent, date))
            mentions[ent.start] = Mention(ent.start, ent.end, ent.text, ent.label_, ref)
        named_in_full = _surnames_as_named(mentions)
        mentions.update(named_in_full)
        mentions.update(self._surnames_of_the_article(mentions, set(named_in_full), places, date))
        doc._.mentions = mentions
        mentions.update(self._titled(mentions, entities))
        # Context resolution reads only the dictionary's answers, so it runs after all of them.
        resolved = {start: replace(m, ref=self._from_context(entities[start])) for start, m in mentions.items()
                    if m.ref is None and start not in places}
        mentions = {**mentions, **resolved}
        mentions.update(_surnames_as_named(mentions))  # people the dictionary lacks: "Gen. Joseph Dunford ... Dunford"
        doc._.mentions = mentions
        return doc

    def _surnames_of_the_article(self, mentions: dict[int, Mention], bound: set[int], places: set[int],
                                 date: str | None) -> dict[int, Mention]:
        """A bare surname the article has not named in full refers to a person of a state the article
        names: of a name's namesakes the one of such a state ("Obama" in 2018 is the former US
        president in an article that names the US, not Equatorial Guinea's prime minister Obama
        Asue); a name the dictionary knows only in full, the one person of such a state with that
        surname ("Minister Ellwood" in a British article of 2018 is Tobias Ellwood). A full name only the
        officeholder and legislator lists know is that person only where the article names their state
        or no state. A name several actors share is the one of the state the article names most
        ("Labour" in a British article)."""
        named_at: dict[int, str] = {}  # mention start -> the country it names
        for start, mention in mentions.items():
            ref = mention.ref or (self.dictionary.lookup(mention.text) if start in places else None)
            if ref is not None and ref.actor.country and not (mention.label == "PERSON" and " " not in mention.text):
                named_at[start] = ref.actor.country
        countries = Counter(named_at.values())
        named = sorted(countries, key=lambda country: (-countries[country], country))
        found = {}
        for start, mention in mentions.items():
            if mention.ref is None and named and self.dictionary.is_shared_name(mention.text):
                ref = self.dictionary.lookup(mention.text, date, named[0])  # "Labour" in a British article
                if ref is not None:
                    found[start] = replace(mention, ref=ref)
                continue
            if start in bound or mention.label != "PERSON" or not named:
                continue
            if " " in mention.text:
                # Only the leaders lists name people news names without a country: one only the long
                # officeholder and legislator lists know ("Ahmed Ali") is someone else unless the
                # article names that person's state.
                ref = mention.ref
                elsewhere = {country for country, count in countries.items() if count > (named_at.get(start) == country)}
                if ref is not None and ref.person and elsewhere and ref.actor.country not in elsewhere and not (
                        self.dictionary.is_well_known(ref.person)):
                    found[start] = replace(mention, ref=None)
                continue
            if mention.ref is None:
                ref = self.dictionary.person_by_surname(mention.text, date, named)
            elif mention.ref.person and mention.ref.actor.country not in countries:
                ref = next((r for r in (self.dictionary.lookup(mention.text, date, country, places=False)
                                        for country in named) if r is not None and r.person
                            and r.actor.country in countries), None)
            else:
                continue
            if ref is not None:
                found[start] = replace(mention, ref=ref)
        return found

    def _may_name_an_actor(self, text: str) -> bool:
        """False for names on the ``not_actors`` list and for fragments the recogniser cuts from
        hyphenated words ("pro-" of "pro-Russian"): a name has two letters, or a letter and a digit
        and the dictionary knows it ("G7", "E3", "P5+1"; not "F-16")."""
        letters = len(re.findall(r"[^\W\d_]", text))
        named = letters >= 2 or letters == 1 and re.search(r"\d", text) is not None and (
            self.dictionary.lookup(text) is not None)
        return named and not text.endswith("-") and normalise(text) not in self.dictionary.not_actors

    def _titled(self, mentions: dict[int, Mention], entities: dict) -> dict[int, Mention]:
        """A person's title outweighs what the dictionary says of the name: "German Foreign Minister
        Oskar Fischer" is Germany's government, whatever namesake or date the dictionary knows."""
        titled = {}
        for start, mention in mentions.items():
            if mention.label != "PERSON" or mention.ref is None:
                continue
            ent = entities[start]
            before = ent.doc[ent.root.left_edge.i:ent.start]
            title = next((m.ref for m in map(mention_at, reversed(before))
                          if m is not None and m.ref is not None and m.ref.actor.kind != "bloc"), None)
            sector = phrase_sector(ent.root, self.dictionary)
            if title is not None and title.node.id != mention.ref.node.id:
                sector = sector if title.actor.kind == "state" else ""
                titled[start] = replace(mention, ref=ActorRef(title.actor, sector or title.sector, mention.ref.person))
            elif sector and mention.ref.sector == "ELI" and sector != "ELI":
                titled[start] = replace(mention, ref=replace(mention.ref, sector=sector))
        return titled

    def _resolve(self, ent, date) -> ActorRef | None:
        leader = leader_of(ent)
        if leader is not None:  # "the Saudi-led coalition"
            ref = self.dictionary.lookup(leader.text, date)
            coalition = self.dictionary.coalition_led_by(ref, date) if ref is not None else None
            if coalition is not None:
                return coalition
        if ent.label_ == "PERSON":  # "Austin" said: a person, never the city
            before = ent.doc[ent.start - 1] if ent.start > 0 else None
            if len(ent) == 1 and before is not None and before.is_title and before.pos_ == "PROPN" and not (
                    ent[0].is_sent_start or self.dictionary.agent_sector(before.text)
                    or normalise(before.text) in self.dictionary.honorifics):
                return None  # "Judge Alejandro Rivera" cut to "Rivera": not whoever else is a Rivera
            return self.dictionary.lookup_person(ent.text, date)
        if ent.label_ == "NORP":
            return self.dictionary.lookup(ent.text, date, people=False) or self.dictionary.resolve(ent.text, date)

        return self.dictionary.lookup(ent.text, date) or self.dictionary.resolve(
            ent.text, date, institution=ent.label_ in ("ORG", "FAC"))

    def _residence(self, ent) -> ActorRef | None:
        """The state a people lives in, when the text says so: "the Albanians of southern Serbia",
        "ethnic Albanians in Serbia", "ethnic Albanian guerrillas operating in Macedonia" are Serbia's
        and North Macedonia's (PLOVER codes minorities by where they live); for an ethnic group, also
        where the clause it is the subject of happens ("ethnic Albanians demonstrated in Serbia")."""
        if self.dictionary.is_bloc_name(ent.text):
            return None  # a bloc lives nowhere: "the West in Ukraine"
        root = ent.root
        head = root.head if root.dep_ in ("amod", "compound") and root.head.pos_ == "NOUN" else root
        sector = phrase_sector(head, self.dictionary) if head != root else ""
        if head != root and not _ethnic(ent) or sector in STATE_SECTORS - {""} | {"REF"}:
            return None  # "Albanian rebels in Macedonia", "Cambodian refugees in Thailand" keep their state
        places = prep_objects(head, {"of", "in"})
        places += [p for verb in head.children if verb.dep_ == "acl" for p in prep_objects(verb, {"in"})]
        if _ethnic(ent) and head.dep_ in ("nsubj", "nsubjpass"):
            places += prep_objects(head.head, LOCATIVE_PREPOSITIONS)
        for place in places:
            state = self._state_of_place(place)
            if state is not None and state.actor.country != (self.dictionary.lookup(ent.text) or state).actor.country:
                return ActorRef(state.actor, sector or "CVL")
        return None

    def _state_of_place(self, token) -> ActorRef | None:
        """The state that a place name (the head of a phrase, or its modifier) lies in."""
        for word in [token, *(c for c in token.children if c.dep_ in ("compound", "amod"))]:
            if word.ent_type_ in ("GPE", "LOC", "NORP"):
                span = next((e for e in word.doc.ents if e.start <= word.i < e.end), None)
                ref = self.dictionary.lookup(span.text) if span is not None else None
                if ref is not None and ref.actor.kind == "state":
                    return ref
        return None

    def _sentence_state(self, ent) -> ActorRef | None:
        """The state of an official the text names by title alone ("Prime Minister Mahendra Chaudhry"):
        the one state the sentence names, if it names just one and not as another person's title
        ("President Mitterand welcomed South African leader de Klerk" tells nothing of Mitterand)."""
        if phrase_sector(ent.root, self.dictionary) not in STATE_SECTORS - {""}:
            return None
        states = set()
        for start, mention in ent.doc._.mentions.items():
            token = ent.doc[start:mention.end].root
            if token.sent != ent.sent or start == ent.start:
                continue
            ref = mention.ref or self.dictionary.lookup(mention.text)
            if ref is None or ref.actor.kind != "state":
                continue
            if mention_at(token.head) is not None and mention_at(token.head).label == "PERSON" or (
                    token.head.pos_ == "NOUN" and self.dictionary.agent_sector(token.head.lemma_)
                    and token.head != ent.root):
                continue  # "South African leader F.W. de Klerk": someone else's title
            states.add(ref.actor)
        return ActorRef(states.pop(), phrase_sector(ent.root, self.dictionary)) if len(states) == 1 else None

    def _used_as_place(self, ent) -> bool:
        if ent.label_ == "GPE" and self.dictionary.lookup(ent.text) is None:
            return True
        if not self.dictionary.is_place(ent.text):
            return False
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS:
            return True
        if root.dep_ == "poss" and self.dictionary.is_capital(ent.text):
            # A capital owning what a government does acts ("Pyongyang's missile tests"); owning a
            # place it is one ("Moscow's streets").
            return bool({normalise(root.head.lemma_), normalise(root.head.text)} & self.dictionary.not_actor_heads)
        # A city or region modifying a place ("New York City's Grand Central Terminal") is a place;
        # modifying people ("Darfur rebels", "Kyiv police") it names them.
        modifies_people = root.dep_ in ("compound", "amod", "poss", "nmod") and self.dictionary.is_group_word(
            root.head.lemma_)
        if not self.dictionary.is_city_or_region(ent.text) or modifies_people:
            return False
        while root.dep_ in ("conj", "appos") and root.head != root:
            root = root.head
        # A city or region acts as the subject of a clause ("Kyiv said", "Mariupol held out"); where an
        # event happens to it, it is where the event happens ("shelled Mariupol", "Kirkuk was seized").
        if self.dictionary.is_capital(ent.text):  # "Moscow said", "sanctions on Moscow": its government
            return root.dep_ not in ARGUMENT_RELATIONS
        return root.dep_ not in ("nsubj", "ROOT")

    def _written_as_place(self, ent) -> bool:
        """A name written as a place below the state: after a place noun ("the city of Sinjar", "the
        towns of Bucha and Irpin", "the Azovstal plant", "an airport at Hostomel"), in apposition to
        one ("Hostomel, a town near Kyiv"), or after a preposition of place ("fighting in Zorbakh")."""
        root = ent.root
        while root.dep_ == "conj" and root.head != root:
            root = root.head
        head, nouns = root.head, self.dictionary.place_nouns
        # "at" is also where people work ("executives at Yunda Logistics"): an organisation's name after
        # it is a place only after a place noun
        at_place = head.lower_ in ("at", "of") and head.head.lemma_.lower() in nouns or (
            head.lower_ == "at" and ent.label_ != "ORG")
        if root.dep_ == "pobj" and (head.lower_ in LOCATIVE_PREPOSITIONS - {"at"} or at_place):
            return True
        if root.dep_ in ("compound", "appos") and head.pos_ == "NOUN" and head.lemma_.lower() in nouns:
            return True
        return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in nouns for c in root.children)

    def _from_context(self, ent) -> ActorRef | None:
        if self._written_as_place(ent):
            return None  # an unknown place is where things happen
        ref = _modifier_ref(ent.root) or _appositive_ref(ent.root, self.dictionary) or (
            _origin_ref(ent.root) or self._sentence_state(ent) if ent.label_ == "PERSON" else None)
        if ref is not None:
            sector = ref.sector or (phrase_sector(ent.root, self.dictionary) if ref.actor.kind == "state" else "")
            return replace(ref, sector=sector, person=ent.text if ent.label_ == "PERSON" else ref.person)
        if self.dictionary.agent_sector(ent.text) or ent.label_ not in UNRESOLVED_LABELS:
            return None  # a bare role ("the Foreign Ministry") names no one by itself
        words = normalise(ent.text).split() or [""]  # a name in another script has no key
        if words[-1] in self.dictionary.not_actor_heads or words[0] in self.dictionary.not_actor_openers:
            return None  # "the South Asia Free Trade Agreement", "Operation Northern Lance"
        return ActorRef(unresolved_actor(ent.text))
