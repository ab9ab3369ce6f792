"""Coalitions an actor leads: the spaCy component that makes "the Saudi-led coalition" one entity.

"The Saudi-led coalition", "a U.S.-led international coalition", "Saudi Arabia-led forces" and
"the coalition led by France" name a coalition, not its leader: :class:`CoalitionJoiner` makes
the leader's name, "-led" and the noun (one of the dictionary's ``led_groups``) one ``ORG``
entity, and records its leader in ``doc._.leaders``; the actor linker resolves it with
:meth:`kg.actors.ActorDictionary.coalition_led_by` on the article date (the Saudi-led coalition in
Yemen from 2015, else a coalition of the leader's own: "France-led coalition").

>>> from kg.nlp import shared_pipeline
>>> doc = shared_pipeline()("The U.S.-led coalition struck the town.")
>>> [(ent.text, ent.label_) for ent in doc.ents]
[('U.S.-led coalition', 'ORG')]
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.actors.dictionary import ActorDictionary

if not Doc.has_extension("leaders"):
    Doc.set_extension("leaders", default=None)

HYPHENS = {"-", "–", "‑"}
MAX_MODIFIERS = 2  # words between "led" and the noun: "a U.S.-led international military coalition"
MAX_LEADER_WORDS = 4


class CoalitionJoiner:
    """spaCy component: "X-led coalition" and "the coalition led by X" made one entity whose
    leader is X (``doc._.leaders``: entity start -> the leader's token range, ``(start, end)``; plain
    numbers, since spans kept on their own document would make a cycle that is never freed)."""

    def __init__(self, dictionary: ActorDictionary):
        self.dictionary = dictionary

    def __call__(self, doc):
        leaders: dict[int, tuple[int, int]] = {}
        joined: list[Span] = []
        for token in doc:
            if token.lower_ != "led":
                continue
            found = self._hyphenated(doc, token.i) or self._passive(doc, token)
            if found is None:
                continue
            span, leader = found
            if not any(other.start < span.end and span.start < other.end for other in joined):
                joined.append(span)
                leaders[span.start] = (leader.start, leader.end)
        if joined:
            covered = {i for span in joined for i in range(span.start, span.end)}
            doc.ents = [*joined, *(e for e in doc.ents if not covered & set(range(e.start, e.end)))]
        doc._.leaders = leaders
        return doc

    def _hyphenated(self, doc, i: int) -> tuple[Span, Span] | None:
        """ "the Saudi-led coalition": a leader's name, a hyphen without spaces, "led", the noun."""
        if i < 2 or doc[i - 1].text not in HYPHENS or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
            return None
        leader = self._leader_before(doc, i - 1)
        noun = self._group_after(doc, i, _entity_at(doc, i - 2))
        if leader is None or noun is None:
            return None
        return Span(doc, leader.start, noun + 1, label="ORG"), leader

    def _passive(self, doc, led) -> tuple[Span, Span] | None:
        """ "the coalition led by Saudi Arabia": the noun, and the object of the participle's "by"."""
        group = led.head
        if led.dep_ != "acl" or group.i > led.i or not self.dictionary.is_led_group(group.text) or (
                group.ent_iob_ != "O"):
            return None
        for agent in (c for c in led.children if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by"):
            for body in (c for c in agent.children if c.dep_ == "pobj"):
                leader = _entity_at(doc, body.i)
                if leader is not None and self._leads(leader):
                    start = group.i
                    while start > 0 and _lower_modifier(doc[start - 1], group):
                        start -= 1  # "the international coalition led by ..."
                    return Span(doc, start, group.i + 1, label="ORG"), leader
        return None

    def _leader_before(self, doc, hyphen: int) -> Span | None:
        """The name before the hyphen: the entity it ends (or the words of a name the dictionary knows)."""
        entity = _entity_at(doc, hyphen - 1)
        if entity is not None:
            leader = Span(doc, entity.start, hyphen, label=entity.label_)
            return leader if self._leads(leader) else None
        for start in range(max(0, hyphen - MAX_LEADER_WORDS), hyphen):
            words = doc[start:hyphen]
            if all(w.text[:1].isupper() for w in words):
                leader = Span(doc, start, hyphen, label="GPE")
                if self._leads(leader):
                    return leader
        return None

    def _group_after(self, doc, led: int, leader: Span | None) -> int | None:
        """The coalition noun after "led", past at most two lower-case modifiers ("international"),
        outside any entity but the leader's (the recogniser may take "Saudi-led coalition" for one)."""
        for i in range(led + 1, min(len(doc), led + 2 + MAX_MODIFIERS)):
            token = doc[i]
            inside = token.ent_iob_ != "O" and not (leader is not None and leader.start <= i < leader.end)
            if inside or not token.is_lower or token.is_punct:
                return None  # "the Kurdish-led Syrian Democratic Forces" is a name of its own
            if self.dictionary.is_led_group(token.text):
                following = doc[i + 1] if i + 1 < len(doc) else None
                if following is not None and self.dictionary.is_led_group(following.text) and following.is_lower:
                    return i + 1  # "coalition forces"
                return i
        return None

    def _leads(self, leader: Span) -> bool:
        ref = self.dictionary.lookup(leader.text)
        return ref is not None and self.dictionary.coalition_led_by(ref) is not None


def _lower_modifier(token, head) -> bool:
    return token.head == head and token.dep_ in ("amod", "compound") and token.ent_iob_ == "O" and token.is_lower


def _entity_at(doc, i: int) -> Span | None:
    return next((e for e in doc.ents if e.start <= i < e.end), None)


def leader_of(ent) -> Span | None:
    """The leader of an entity :class:`CoalitionJoiner` made, or ``None``."""
    leaders = ent.doc._.leaders
    found = leaders.get(ent.start) if leaders else None
    return ent.doc[found[0]:found[1]] if found else None
