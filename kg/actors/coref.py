"""Light coreference: pronouns and definite descriptions that refer back to an actor.

:class:`Coreference` is a spaCy component that runs after the actor linker and fills
``doc._.coref`` (token index -> :class:`ActorRef`), only where the antecedent is unambiguous:

- a possessive in a conjunct refers to the first conjunct: "Yemen's Houthi rebels and their allies"
  (the rebels' allies);
- a pronoun in reported speech refers to the speaker: "Hungary said it will support" (it is
  Hungary), "Syria says it is willing to withdraw its troops" (its is Syria's);
- another pronoun refers to the one compatible actor named just before it (in its sentence or
  the previous one): "he"/"his" to a person, "it"/"its" to a state or organisation, "they"/
  "their" to a group or an organisation; never an object to its own clause's subject ("the US
  urged them" does not urge the US);
- "the group", "the country", "the bloc", "the coalition" refer to the last actor of that kind,
  and "the envoy", "the minister" to the last person, within the last three sentences (the words
  and kinds are the dictionary's ``definites`` and ``person_definites``).
"""

from __future__ import annotations

from kg.actors.dictionary import PRESS_SECTOR, ActorDictionary, ActorRef
from kg.actors.linker import mention_at, mention_ref

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
CLAUSE_LINKS = {"ccomp", "xcomp", "advcl", "conj", "acomp", "pcomp", "relcl"}
SUBJECTS = {"nsubj", "nsubjpass"}
# Plural nouns for people, which name a group of an actor's people rather than something it owns.
PEOPLE = {"official", "leader", "minister", "diplomat", "representative", "member", "rebel", "militant",
          "soldier", "troop", "force", "fighter", "negotiator", "authority", "lawmaker", "delegate", "people"}
WINDOW_SENTENCES = 3


class Coreference:
    """spaCy component: resolve pronouns and definite descriptions into ``doc._.coref``."""

    def __init__(self, dictionary: ActorDictionary):
        self.dictionary = dictionary

    def __call__(self, doc):
        doc._.coref = {}
        history: list[tuple[int, object, ActorRef]] = []  # (sentence number, head token, reference)
        for number, sentence in enumerate(doc.sents):
            for token in sentence:
                ref = self._antecedent(token, number, history)
                if ref is not None:
                    doc._.coref[token.i] = ref
                else:
                    ref = mention_ref(token, self.dictionary) if _is_phrase_head(token) else None
                if ref is not None:
                    history.append((number, token, ref))
        return doc

    def _antecedent(self, token, sentence: int, history) -> ActorRef | None:
        word = token.lower_
        if token.pos_ == "PRON" and word in PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS:
            partner = _conjunct_owner(token, self.dictionary)
            if partner is not None:
                return partner
            bound = _coargument_subject(token)
            return _speaker(token, self.dictionary) or _unique(
                [ref for n, head, ref in history if n >= sentence - 1 and head.i not in bound
                 and _compatible(word, head, ref)])
        if token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and not any(
                c.dep_ in ("amod", "compound", "poss", "prep") for c in token.children) and mention_at(token) is None:
            lemma = token.lemma_.lower()
            recent = [(head, ref) for n, head, ref in history if n >= sentence - WINDOW_SENTENCES]
            if lemma in self.dictionary.definites:
                kinds = self.dictionary.definites[lemma]
                return _unique([ref for _, ref in recent if ref.node.kind in kinds])
            if lemma in self.dictionary.person_definites:
                return _unique([ref for _, ref in recent if ref.person])
        return None


def _is_phrase_head(token) -> bool:
    """A noun phrase head that can name an actor (one per phrase, so the history holds no repeats)."""
    if token.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    mention = mention_at(token)
    return mention is None or token.i == mention.end - 1 or token.head.i >= mention.end or token.head.i < mention.start


def _conjunct_owner(token, dictionary: ActorDictionary) -> ActorRef | None:
    """A possessive in a conjunct refers to the first conjunct: "Yemen's Houthi rebels and their
    allies" (the rebels' allies, not Yemen's)."""
    owner = token.head
    if token.dep_ != "poss" or owner.dep_ != "conj" or owner.head.pos_ not in ("NOUN", "PROPN"):
        return None
    ref = mention_ref(owner.head, dictionary)
    return ref if ref is not None and _compatible(token.lower_, owner.head, ref) else None


def _speaker(token, dictionary: ActorDictionary) -> ActorRef | None:
    """The subject a pronoun binds to: for a possessive, the subject of its own clause ("Russia's
    relations ... due to its invasion"); then the subject of the clause its clause is reported or
    planned in ("Hungary said it will support")."""
    clause = token.head if token.dep_ in SUBJECTS | {"poss"} else None
    while clause is not None and clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
        clause = clause.head
    if clause is None:
        return None
    own_clause = token.dep_ == "poss"
    while own_clause or clause.dep_ in CLAUSE_LINKS and clause.head != clause:
        if not own_clause:
            clause = clause.head
        own_clause = False
        subjects = [c for c in clause.children if c.dep_ in SUBJECTS and token not in c.subtree]
        refs = [(r, s) for s in subjects for r in [mention_ref(s, dictionary)] if r is not None]
        if any(r.sector == PRESS_SECTOR or r.node.sector == PRESS_SECTOR for r, _ in refs):
            return None  # the press relays what others say: "it would need a range of 4,800 miles, Reuters reported"
        if refs:
            compatible = [r for r, s in refs if _compatible(token.lower_, s, r)]
            return compatible[0] if len(compatible) == 1 else None
    return None


def _coargument_subject(token) -> set[int]:
    """The words of the subject of the clause whose object a pronoun is, which it cannot refer to
    unless it is reflexive: "the US urged them to halt", "Iran told him" (not the US, not Iran)."""
    if token.lower_.endswith(("self", "selves")):
        return set()
    verb = token.head if token.dep_ in ("dobj", "dative") else (
        token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else None)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return set()
    return {t.i for s in verb.children if s.dep_ in SUBJECTS for t in s.subtree}


def _compatible(pronoun: str, head, ref: ActorRef) -> bool:
    """Whether a pronoun can refer to the actor a phrase names: the phrase's number is its own when
    it names the actor itself ("Palestinian leaders", "Palestinians"), the actor's when it only owns
    it ("Russia's relations ... its invasion")."""
    personal = bool(ref.person) or head.ent_type_ == "PERSON"
    own = mention_at(head) is not None or head.pos_ == "PRON" or not any(
        c.dep_ in ("poss", "compound", "amod") for c in head.children)
    plural = head.ent_type_ == "NORP" or head.tag_ in ("NNS", "NNPS") and (own or head.lemma_.lower() in PEOPLE)
    if pronoun in PERSON_PRONOUNS:
        return personal
    if pronoun in THING_PRONOUNS:
        return not personal and not plural
    return not personal or plural


def _unique(refs: list[ActorRef]) -> ActorRef | None:
    nodes = {ref.node.id for ref in refs}
    return refs[-1] if len(nodes) == 1 else None
