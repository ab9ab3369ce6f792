"""The predicate dictionary: which words assert which CAMEO events, and how their arguments attach.

It is data (``kg/data/predicates.yaml``, format described at its top) that users extend with
files of their own (``kg build --predicates FILE``).

>>> predicates = PredicateDictionary.default()
>>> predicates.verbs["condemn"].code, predicates.verbs["call on"].complement
('111', True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from kg.cameo import event_type
from kg.datafiles import Extendable, read_yaml

WORD_CLASSES = {"verbs": ("VERB",), "nouns": ("NOUN", "PROPN"), "adjectives": ("ADJ",)}
VERB_CLASSES = ("reception_verbs", "hedges", "object_control", "support_verbs", "speech_verbs", "negators")


@dataclass(frozen=True)
class Predicate:
    """A word that asserts an event: its CAMEO code and where its arguments are."""

    lemma: str
    code: str
    targets: tuple[str, ...] = ()
    symmetric: bool = False
    intent: str = ""
    objects: tuple[tuple[str, str], ...] = ()  # (object lemma, code): the event depends on the object
    complement: bool = False
    locative: bool = False
    negative: bool = False

    def code_for(self, object_lemma: str | None) -> str | None:
        """The code with this direct object, or ``None`` when the object makes it no event."""
        if not self.objects:
            return self.code
        objects = dict(self.objects)
        return objects.get(object_lemma or "") or objects.get("*")


@dataclass
class PredicateDictionary(Extendable):
    """Verbs, nouns and adjectives that assert events, and the verb classes that shape arguments."""

    verbs: dict[str, Predicate] = field(default_factory=dict)
    nouns: dict[str, Predicate] = field(default_factory=dict)
    adjectives: dict[str, Predicate] = field(default_factory=dict)
    reception_verbs: set[str] = field(default_factory=set)
    hedges: set[str] = field(default_factory=set)
    object_control: set[str] = field(default_factory=set)
    support_verbs: set[str] = field(default_factory=set)
    speech_verbs: set[str] = field(default_factory=set)
    negators: set[str] = field(default_factory=set)

    @classmethod
    @cache
    def default(cls) -> "PredicateDictionary":
        """The predicate dictionary shipped with kg."""
        dictionary = cls()
        dictionary.add_file(Path(str(resources.files("kg").joinpath("data/predicates.yaml"))))
        return dictionary

    def add_file(self, path: str | Path) -> None:
        """Add the predicates and verb classes of one YAML file; later entries win."""
        path = Path(path)
        data = read_yaml(path, "predicate file") or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping with 'verbs', 'nouns' and/or 'adjectives'")
        for section in WORD_CLASSES:
            table = getattr(self, section)
            default_targets = ("dobj",) if section == "verbs" else ()
            for lemma, spec in (data.get(section) or {}).items():
                table[str(lemma).lower()] = _predicate(path, str(lemma), spec, default_targets)
        for name in VERB_CLASSES:
            getattr(self, name).update(str(word).lower() for word in data.get(name) or [])

    def lookup(self, token) -> Predicate | None:
        """The predicate a word may assert (phrasal verbs and two-word nouns included)."""
        lemma = token.lemma_.lower()
        if token.pos_ in WORD_CLASSES["verbs"]:
            particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
            prepositions = [c.lower_ for c in token.children if c.dep_ == "prep"]
            for word in particles + prepositions:  # "call on", "break off", "call for"
                if f"{lemma} {word}" in self.verbs:
                    return self.verbs[f"{lemma} {word}"]
            return self.verbs.get(lemma) or self.verbs.get(token.lower_)
        if token.pos_ in WORD_CLASSES["nouns"]:
            if token.pos_ == "PROPN" and token.ent_type_:
                return None  # a word of a name ("the Shan-e-Mustafa Rally")
            head = token.head
            if token.dep_ == "compound" and (f"{token.lower_} {head.lemma_.lower()}" in self.nouns
                                             or f"{token.lower_} {head.lower_}" in self.nouns):
                return None  # "war" in "war games" is part of another predicate
            modifiers = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i == token.i - 1]
            for modifier in modifiers:  # "air strike", "war games", "ethnic cleansing"
                for key in (f"{modifier.lower_} {lemma}", f"{modifier.lower_} {token.lower_}"):
                    if key in self.nouns:
                        return self.nouns[key]
            return self.nouns.get(lemma) or self.nouns.get(token.lower_)
        if token.pos_ in WORD_CLASSES["adjectives"] and token.dep_ in ("acomp", "xcomp", "amod"):
            return self.adjectives.get(lemma)
        return None

    def match(self, token) -> tuple[Predicate, str] | None:
        """The predicate a word asserts here and its code, given its direct object."""
        predicate = self.lookup(token)
        if predicate is None:
            return None
        code = predicate.code_for(_object_lemma(token))
        return (predicate, code) if code else None

    def is_predicate(self, token) -> bool:
        """True when the word asserts an event here."""
        return self.match(token) is not None


def _object_lemma(token) -> str | None:
    passive = any(c.dep_ == "auxpass" for c in token.children)
    for child in token.children:
        if child.dep_ == ("nsubjpass" if passive else "dobj"):
            return child.lemma_.lower()
    return None


def _predicate(path: Path, lemma: str, spec: dict, default_targets: tuple[str, ...]) -> Predicate:
    if not isinstance(spec, dict) or "code" not in spec:
        raise ValueError(f"{path}: predicate {lemma!r} needs a 'code'")
    objects = {str(k).lower(): str(v) for k, v in (spec.get("objects") or {}).items()}
    for code in [str(spec["code"]), *([str(spec["intent"])] if spec.get("intent") else []), *objects.values()]:
        try:
            event_type(code)
        except ValueError as error:
            raise ValueError(f"{path}: predicate {lemma!r}: {error}") from None
    targets = spec["targets"] if "targets" in spec else default_targets
    return Predicate(lemma, str(spec["code"]), tuple(targets or ()), bool(spec.get("symmetric", False)),
                     str(spec.get("intent") or ""), tuple(sorted(objects.items())), bool(spec.get("complement")),
                     bool(spec.get("locative")), bool(spec.get("negative")))
