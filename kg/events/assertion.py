"""Assertion: whether a sentence says an event happened, and if it only plans or reports it, how.

One step, configured by ``kg/data/assertion.yaml``, decides for each word that could assert an
event whether it does here:

- not at all, with the reason: ``negated`` ("did not condemn"); ``negated_clause``, in a clause
  that a negated or negative word governs ("refused to negotiate", "failed to reach agreement");
  ``condition``, in a condition or question ("if Iran attacks", "investigating whether X
  coordinated with Y"); ``reason`` ("arrested for collaborating with Israel"); ``obligation``
  ("Iraq must cooperate": see the ``reported_obligation`` construction); ``content`` of an appeal,
  demand, threat or promise ("threatened to break relations": the threat is the event);
  ``negated_content``, a promise not to do something ("vowed not to return the Golan Heights");
  ``nested``, a nominal event inside another predicate's object ("rejected North Korea's
  demand"); ``purpose`` ("imposed sanctions to pressure North Korea"); ``light_verb``, the verb
  that carries a nominal event ("gave a warm welcome": the welcome is the event); ``deferred``, a
  readiness adjective whose clause holds the event ("prepared to impose martial law");
  ``possibility``, what is feared, hoped or rumoured ("raised fears of a Turkish assault");
  ``unrealised``, a plan CAMEO has no code for: only intents (03) and threats (13) are planned
  events ("will summon the Irish ambassador" condemns no one yet);
- ``planned``: will, would, plans, expects, a possible, proposed or scheduled event ("talks are
  due to start"); a planned conflict is a threat (CAMEO 13), a planned meeting or cooperation an
  intent (03);
- ``reported``: what someone says, claims or reports happened ("X said Y attacked Z");
- an intent to cooperate that is negated is a refusal ("was not ready to cooperate with Russia",
  "did not agree to talks": CAMEO 120), asserted;
- ``asserted``: everything else.

The assertion is a feature of how an event was found, so it weighs in its confidence.

>>> from kg.nlp import load_pipeline
>>> nlp = load_pipeline()
>>> [(e.code, e.assertion) for e in nlp("Israel will attack Hamas.")._.events]
[('138', 'planned')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kg.datafiles import read_yaml
from kg.actors import prep_objects
from kg.events.constructions import CLAUSES, Constructions, Trigger, clause_of, light_verb, measured

KEPT = ("asserted", "planned", "reported")
LIST_KEYS = ("negation_dependencies", "negation_determiners", "conditions", "reasons", "modals", "obligations",
             "hedge_modifiers", "threat_markers", "negated_content_roots", "refusal_roots", "initiative_verbs",
             "commitment_roots", "planned_roots", "possibility_nouns", "possibility_prepositions",
             "schedule_words", "onset_verbs")


@dataclass(frozen=True)
class Assertion:
    """How a sentence asserts an event: ``status`` is one of :data:`KEPT` or the reason it does
    not assert it; ``code`` is the event's code as asserted (a planned attack is a threat)."""

    status: str
    code: str

    @property
    def kept(self) -> bool:
        return self.status in KEPT


@dataclass
class AssertionRules:
    """The assertion step: word lists from ``assertion.yaml``, word classes from the predicate files."""

    constructions: Constructions
    lists: dict[str, frozenset] = field(default_factory=dict)
    threat_codes: dict[str, str] = field(default_factory=dict)
    intent_codes: dict[str, str] = field(default_factory=dict)
    threat_code: str = "130"
    refusal_code: str = "120"

    @classmethod
    def default(cls, constructions: Constructions) -> "AssertionRules":
        """The assertion rules shipped with kg (``kg/data/assertion.yaml``)."""
        return cls.from_file(Path(str(resources.files("kg").joinpath("data/assertion.yaml"))), constructions)

    @classmethod
    def from_file(cls, path: str | Path, constructions: Constructions) -> "AssertionRules":
        """Assertion rules from a data file; ``ValueError`` names the file and the problem."""
        data = read_yaml(path, "assertion file") or {}
        missing = [key for key in LIST_KEYS + ("threat_codes", "intent_codes", "threat_code", "refusal_code")
                   if key not in data]
        if missing:
            raise ValueError(f"{path}: missing {', '.join(missing)}")
        return cls(constructions, {key: frozenset(str(w).lower() for w in data[key]) for key in LIST_KEYS},
                   {str(k): str(v) for k, v in data["threat_codes"].items()},
                   {str(k): str(v) for k, v in data["intent_codes"].items()}, str(data["threat_code"]),
                   str(data["refusal_code"]))

    @property
    def predicates(self):
        return self.constructions.predicates

    def assess(self, trigger: Trigger) -> Assertion:
        """Whether and how the sentence asserts the event of a trigger word."""
        token = trigger.token
        reason = self._not_asserted(token)
        copula_negated = token.pos_ == "ADJ" and token.dep_ == "acomp" and self._negated(token.head)
        if (reason == "negated" or copula_negated) and trigger.code[:2] in self.lists["refusal_roots"]:
            return Assertion("asserted", self.refusal_code)  # "was not ready to cooperate with Russia"
        if reason:
            return Assertion(reason, trigger.code)
        code = self._content_code(trigger)
        if self._planned(token):
            planned = self._planned_code(trigger) if code == trigger.code else code
            return Assertion("planned" if planned[:2] in self.lists["planned_roots"] else "unrealised", planned)
        return Assertion("reported" if self.reported(token) else "asserted", code)

    def _content_code(self, trigger: Trigger) -> str:
        """A commitment to do violence is a threat: "vowed to respond with fire and fury", "pledged to
        destroy Hamas" (the threat code of what is promised); any other keeps its code."""
        if trigger.code[:2] not in self.lists["commitment_roots"]:
            return trigger.code
        for clause in (c for c in trigger.token.children if c.dep_ in CLAUSES):
            content = self.predicates.match(clause)
            if content is not None and content.code[:2] in self.threat_codes:
                return self.threat_codes[content.code[:2]]
        return trigger.code

    def speaks(self, token) -> bool:
        """Whether a speech word asserts its saying (not negated or in a condition)."""
        return not (self._negated(token) or self._denied(token))

    # --- not asserted -----------------------------------------------------------------------------

    def _not_asserted(self, token) -> str:
        if self._negated(token):
            return "negated"
        if token.dep_ == "pcomp" and token.head.lower_ in self.lists["reasons"]:
            return "reason"  # "arrested for collaborating with Israel": an accusation, not a fact
        if self._possible(token):
            return "possibility"
        denied = self._denied(token)
        if denied:
            return denied
        own, governing = self._clauses(token)
        if any(self._obliged(clause) for clause in [own, *governing]):
            return "obligation"
        for clause in governing:
            if self._governs_content(clause):
                return "content"
        if self._negated_content(token):
            return "negated_content"
        for clause in [own, *governing]:  # "reiterated [its demand] that Israel ease", parsed as the verb's
            if clause.dep_ == "ccomp" and any(self._demands_content(noun) for noun in clause.head.children):
                return "content"
        if own != token and token.pos_ in ("NOUN", "PROPN") and in_object(token, own):
            if not (own.lemma_.lower() in self.predicates.support_verbs or light_verb(self.predicates, token) == own
                    ) and self.predicates.is_event(own):
                return "nested"
        if self._purpose(token):
            return "purpose"
        if self._carries(token):
            return "light_verb"
        if self._defers(token):
            return "deferred"
        return ""

    def _denied(self, token) -> str:
        """Negated by a governing clause or in a condition: "refused to negotiate", "if he gave them a veto"."""
        own, governing = self._clauses(token)
        # what ends or fails is a word's object or clause: "the talks ended" took place
        subject = own != token and _in_subject(token, own)
        for clause in ([own] if own != token and not subject else []) + governing:
            predicate = self.predicates.lookup(clause)
            if self._negated(clause) or clause.lemma_.lower() in self.predicates.negators or (
                    predicate is not None and predicate.negative):
                return "negated_clause"
        if any(self._conditional(clause) for clause in [own, *governing]):
            return "condition"
        return ""

    def _negated(self, token) -> bool:
        if any(c.dep_ in self.lists["negation_dependencies"] or c.lower_ in self.lists["negation_determiners"]
               and c.dep_ == "det" for c in token.children):
            return True
        return token.pos_ != "VERB" and token.dep_ in ("dobj", "nsubj", "nsubjpass") and any(
            c.dep_ in self.lists["negation_dependencies"] for c in token.head.children)

    def _conditional(self, clause) -> bool:
        """A condition ("if Iran attacks"), or a question ("investigating whether X coordinated with Y")."""
        return clause.dep_ in ("advcl", "ccomp") and any(c.dep_ == "mark" and c.lower_ in self.lists["conditions"]
                                                         for c in clause.children)

    def _obliged(self, clause) -> bool:
        """Must, should or ought to do it ("ought" is often parsed as the verb of its clause)."""
        return any(c.dep_ == "aux" and c.lower_ in self.lists["obligations"] for c in clause.children) or (
            clause.dep_ == "xcomp" and clause.head.lower_ in self.lists["obligations"])

    def _governs_content(self, clause) -> bool:
        """A word whose clause is its content: an appeal, demand, threat or promise."""
        match = self.predicates.match(clause)
        return match is not None and self.constructions.governs_clause(match.predicate) and not self._defers(clause)

    def _negated_content(self, token) -> bool:
        """A promise not to do something is no intent to cooperate: "vowed not to return the Golan"."""
        match = self.predicates.match(token)
        if match is None or match.code[:2] not in self.lists["negated_content_roots"]:
            return False
        return any(c.dep_ in CLAUSES and self._negated(c) for c in token.children)

    def _demands_content(self, noun) -> bool:
        """An object noun that governs a clause ("its demand", "a call", "the threat")."""
        if noun.dep_ != "dobj":
            return False
        match = self.predicates.match(noun)
        return match is not None and self.constructions.governs_clause(match.predicate)

    def _possible(self, token) -> bool:
        """What a noun of fear, hope or possibility is about: "fears of a Turkish assault", "the risk
        of war with Iran", "its ability to strike", "speculation that Russia would invade"; and a
        conflict that is expected or likely ("an Israeli strike on Iran was expected")."""
        if self._scheduling(token) is not None:
            match = self.predicates.match(token)  # "war between India and Pakistan is likely": nobody threatens it
            return match is not None and match.code[:2] in self.threat_codes
        node = token
        if node.dep_ in ("pobj", "pcomp") and node.head.dep_ == "prep":
            if node.head.lower_ not in self.lists["possibility_prepositions"]:
                return False  # "concern over Iran's attack" is about one that happened
            node = node.head
        if node is token and node.dep_ not in ("compound", "acl", "ccomp"):
            return False
        return node.head.pos_ in ("NOUN", "PROPN") and node.head.lemma_.lower() in self.lists["possibility_nouns"]

    def _carries(self, token) -> bool:
        """A light verb whose object is a nominal event ("gave a warm welcome", "held talks",
        "staged an attack") asserts only that."""
        objects = [c for c in token.children if c.dep_ == "dobj"]
        events = objects + [p for c in objects for p in prep_objects(c, {"of"}) if measured(self.predicates, p) == c]
        return any(c.pos_ in ("NOUN", "PROPN") and self.predicates.is_event(c) and light_verb(self.predicates, c) == token
                   for c in events)

    def _defers(self, token) -> bool:
        """An adjective of readiness whose clause holds the event: "prepared to impose martial law" is a
        planned imposition (a threat), "ready to meet" a planned meeting."""
        return token.pos_ == "ADJ" and any(c.dep_ in CLAUSES and self.predicates.is_event(c) for c in token.children)

    # --- planned and reported -------------------------------------------------------------------------

    def _planned(self, token) -> bool:
        """Planned, promised, expected or possible: "will meet", "plans to attack", "a possible war",
        "will work together to ...", "is open to negotiating", "talks are due to start" (a nominal event
        its verb schedules, see ``_scheduled``); through the verbs the clause complements
        or is conjoined with, not through what is said ("will say that Y attacked" reports an attack)."""
        own, _ = self._clauses(token)
        words = [token, own]
        while words[-1].dep_ in ("conj", "xcomp", "acomp") and words[-1].head != words[-1]:
            words.append(words[-1].head)
        for word in words:
            if any(c.dep_ == "aux" and c.lower_ in self.lists["modals"] for c in word.children):
                return True
            if word.dep_ in ("xcomp", "acl") and word.head.lemma_.lower() in self.predicates.hedges:
                return True
            if word.dep_ == "pcomp" and word.head.head.lemma_.lower() in self.predicates.hedges:
                return True  # "open to negotiating"
            if word.dep_ == "xcomp" and word.head.lemma_ == "be":
                return True  # "Taliban leaders were to travel to the US"
        if self._scheduled(token):
            return True  # "talks are due to start", "a summit is planned for May"
        modified = [token, token.head] if token.dep_ == "acl" else [token]  # "a draft resolution condemning Russia"
        return any(c.dep_ in ("amod", "compound") and c.lower_ in self.lists["hedge_modifiers"]
                   for word in modified for c in word.children)

    def _scheduling(self, token):
        """The word that schedules a nominal event as its verb's subject, if any: a passive schedule
        verb ("talks are expected") or a schedule adjective on a copula ("talks are due", "war is
        likely"); not an active verb ("the attack set off protests")."""
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ not in ("NOUN", "PROPN"):
            return None
        verb = token.head
        hedge = next((c for c in verb.children if c.dep_ == "acomp" and c.lemma_.lower() in self.lists["schedule_words"]),
                     None)
        if hedge is not None:
            return hedge
        if verb.lemma_.lower() in self.lists["schedule_words"] and any(c.dep_ == "auxpass" for c in verb.children) and (
                not any(c.dep_ == "prt" for c in verb.children)):  # "were set back by the attack"
            return verb
        return None

    def _scheduled(self, token) -> bool:
        """Whether a nominal event's verb schedules it to begin: "talks are due to start", "a summit
        is planned for May"; not a past plan ("was planned for months") or what is to end, last or
        fail ("are due to end", "are likely to fail")."""
        hedge = self._scheduling(token)
        if hedge is None or hedge is token.head and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in hedge.children):
            return False
        return all(c.lemma_.lower() in self.lists["onset_verbs"] for c in hedge.children if c.dep_ == "xcomp")

    def _purpose(self, token) -> bool:
        """A purpose is not an event yet: "imposed sanctions to pressure North Korea", "sent troops to
        help the army" (an infinitive clause of the verb, without its own subject)."""
        own = clause_of(token)
        if own.dep_ != "advcl" or any(c.dep_ in ("nsubj", "nsubjpass") for c in own.children):
            return False
        if own.head.lemma_.lower() in self.lists["initiative_verbs"]:
            return False  # "moved to expel the ambassador" (the parser's advcl) says what was done
        return any(c.dep_ == "aux" and c.tag_ == "TO" for c in own.children)

    def _planned_code(self, trigger: Trigger) -> str:
        """The code of an event that is only planned or announced: a conflict is a threat ("would
        blockade Paris", "will withdraw ... unless"), else the predicate's intent code, a material
        cooperation an intent to cooperate, anything else its own code."""
        root = trigger.code[:2]
        own, governing = self._clauses(trigger.token)
        conditional = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.lists["threat_markers"]
                                                    for m in c.children)
                          for clause in [own, *governing] for c in clause.children)
        if conditional or root in self.threat_codes:
            return self.threat_codes.get(root, self.threat_code)
        return trigger.predicate.intent or self.intent_codes.get(root, trigger.code)

    def reported(self, token) -> bool:
        """In what someone says happened: a clause that a speech word governs ("X said Y attacked Z")."""
        _, governing = self._clauses(token)
        return any(clause.lemma_.lower() in self.predicates.speech_verbs for clause in governing)

    def _clauses(self, token) -> tuple[object, list]:
        """The clause a word belongs to (its own verb; for a noun, the verb of its phrase) and the
        clauses that govern that one, innermost first ("aid" in "promised to continue military aid":
        continue, then promised); an adverbial clause is governed only when it is a condition."""
        own = clause_of(token)
        governing, node = [], own
        while node.dep_ in CLAUSES + ("acl", "advcl", "acomp", "conj") and node.head != node:
            if node.dep_ == "advcl" and not self._conditional(node):
                break
            node = node.head
            governing.append(node)
        return own, governing


def in_object(token, verb) -> bool:
    """True when the word is (in) the verb's object: "demanded [the withdrawal of Serbian forces]"."""
    node = token
    while node.head != node and node.head != verb:
        node = node.head
    return node.head == verb and node.dep_ in ("dobj", "dative", "attr")


def _in_subject(token, verb) -> bool:
    """True when the word is (in) the verb's subject: "[the talks between A and B] ended"."""
    node = token
    while node.head != node and node.head != verb:
        node = node.head
    return node.head == verb and node.dep_ in ("nsubj", "nsubjpass")
