"""The predicate dictionary: which words assert which CAMEO events, and where their arguments are.

It is data: the files of ``kg/data/predicates/`` in name order (``10-petrarch.yaml``, generated
from PETRARCH-2's CAMEO verb dictionary by ``python -m kg.datagen``; ``50-kg.yaml``, kg's own
table, which overrides it), then users' files (``kg build --predicates FILE``). The format is
described at the top of ``50-kg.yaml``.

A verb's code may depend on the words around it, as PETRARCH's patterns say: "rush aid" is 070
(provide aid), "rush troops to the border" 154 (mobilise), "rush" alone no event.

>>> predicates = PredicateDictionary.default()
>>> predicates.verbs["condemn"].code, predicates.verbs["call on"].complement
('111', True)
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from kg.cameo import event_type
from kg.datafiles import (DataError, Extendable, Flag, ListOf, MapOf, OneOf, Record, Text, Whole, at_line, check,
                          read_yaml)

WORD_CLASSES = {"verbs": "verb", "nouns": "noun", "adjectives": "adjective"}
PARTS_OF_SPEECH = {"verb": ("VERB",), "noun": ("NOUN", "PROPN"), "adjective": ("ADJ",)}
# Word lists that shape constructions and assertion (see the top of 50-kg.yaml).
WORD_LISTS = ("reception_verbs", "hedges", "object_control", "support_verbs", "speech_verbs", "negators",
              "carrier_nouns", "accusing_words", "wrongdoing_words", "reaction_words", "labelling_verbs",
              "condemning_words")
# The word lists of verbs that shape other events rather than being one (see ``_own_code``).
SHAPING_LISTS = ("reception_verbs", "hedges", "object_control", "support_verbs", "speech_verbs", "negators")
PATTERN_KEYS = ("subject", "particle", "object", "prep", "prep_object")
# Old spellings of target rules in predicate files: "dobj" is the object rule.
TARGET_ALIASES = {"dobj": "object"}
ADJECTIVE_RELATIONS = ("acomp", "xcomp", "amod")
MEMO = "kg_predicate_matches"  # where a document remembers its words' matches while it is read

# The shapes of a predicate file (the format at the top of 50-kg.yaml), checked before any of it is
# used; keys not named here are let be. A code may be written unquoted (194), words may not.
_WORD = Text(empty=False)
_WORDS = ListOf(_WORD)
_CODE = OneOf((Text(), Whole()))
PATTERN = Record({"code": _CODE, **{key: Text() for key in PATTERN_KEYS}},
                 example='{object: aid, code: "070"}')
PREDICATE = Record({
    "code": _CODE, "intent": _CODE, "patterns": ListOf(PATTERN, example='[{object: aid, code: "070"}]'),
    "objects": MapOf(_CODE, example='{aid: "070"}'), "forms": _WORDS, "sources": _WORDS,
    "targets": ListOf(_WORD, example="[dobj, with]"),
    **{flag: Flag() for flag in ("symmetric", "complement", "locative", "negative", "extend")},
}, example='{code: "194", targets: [dobj]}')
PREDICATE_FILE = Record({
    "generated_from": Text(), "synonyms": MapOf(_WORDS, example="{weapon: [gun, rifle]}"),
    # each predicate is checked apart, as it is added
    **{section: MapOf(example='{shell: {code: "194"}}') for section in WORD_CLASSES},
    **{name: _WORDS for name in WORD_LISTS},
})


@dataclass(frozen=True)
class Pattern:
    """Words around a predicate that decide its code (PETRARCH's verb patterns).

    ``object`` is the head noun of the object ("aid"), a phrase whose last word is the head
    ("arms shipment") or a synonym set ("&weapon"); ``subject`` and ``prep_object`` likewise;
    ``prep`` a preposition whose phrase follows the predicate; ``particle`` a verb particle or
    adverb ("back down", "work together").
    ``code`` ``None`` means the combination is no event.
    """

    code: str | None
    subject: str = ""
    particle: str = ""
    object: str = ""
    prep: str = ""
    prep_object: str = ""

    @property
    def size(self) -> int:
        """How many words the pattern asks for: the more, the more specific."""
        return sum(bool(getattr(self, key)) for key in PATTERN_KEYS)


@dataclass(frozen=True)
class Predicate:
    """A word that asserts an event: its code, the patterns that change it, and its constructions.

    ``sources`` and ``targets`` name the constructions (``kg/data/constructions.yaml``) that
    find its arguments, in order, or prepositions whose phrase holds the target ("met with");
    ``None`` means its word class's defaults.
    """

    lemma: str
    word_class: str
    code: str | None
    patterns: tuple[Pattern, ...] = ()
    sources: tuple[str, ...] | None = None
    targets: tuple[str, ...] | None = None
    symmetric: bool = False
    intent: str = ""
    complement: bool = False
    locative: bool = False
    negative: bool = False
    generated: bool = False  # last given by a generated file (``generated_from:``): kg's word lists override it


class Match(NamedTuple):
    """A predicate as a word asserts it here: its code and the pattern that chose the code, if any."""

    predicate: Predicate
    code: str
    pattern: Pattern | None


@dataclass
class PredicateDictionary(Extendable):
    """Verbs, nouns and adjectives that assert events, synonym sets, and the word lists that shape
    constructions."""

    verbs: dict[str, Predicate] = field(default_factory=dict)
    nouns: dict[str, Predicate] = field(default_factory=dict)
    adjectives: dict[str, Predicate] = field(default_factory=dict)
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)  # an inflected form -> the verb it is of
    reception_verbs: set[str] = field(default_factory=set)
    hedges: set[str] = field(default_factory=set)
    object_control: set[str] = field(default_factory=set)
    support_verbs: set[str] = field(default_factory=set)
    speech_verbs: set[str] = field(default_factory=set)
    negators: set[str] = field(default_factory=set)
    carrier_nouns: set[str] = field(default_factory=set)  # "a package of sanctions", "a mediation effort"
    accusing_words: set[str] = field(default_factory=set)
    wrongdoing_words: set[str] = field(default_factory=set)
    reaction_words: set[str] = field(default_factory=set)
    labelling_verbs: set[str] = field(default_factory=set)
    condemning_words: set[str] = field(default_factory=set)

    def __post_init__(self):
        self._readings: dict[str, tuple] = {}  # a pattern's words -> their readings (see _alternatives)
        self._indexes: dict[int, dict] = {}  # id of a predicate -> its patterns by their words (see _index)

    @classmethod
    def default(cls) -> "PredicateDictionary":
        """The predicate dictionary shipped with kg (the files of ``kg/data/predicates/``)."""
        dictionary = cls()
        folder = Path(str(resources.files("kg").joinpath("data/predicates")))
        for path in sorted(folder.glob("*.yaml")):
            dictionary.add_file(path)
        return dictionary

    def add_file(self, path: str | Path) -> None:
        """Add the predicates, synonym sets and word lists of one YAML file; later entries win.
        ``ValueError`` names the file, the predicate, the problem and the line (of the value at
        fault, when a value has the wrong type: the shapes are :data:`PREDICATE_FILE`,
        :data:`PREDICATE` and :data:`PATTERN`).

        >>> import tempfile
        >>> with tempfile.NamedTemporaryFile("w", suffix=".yaml") as handle:
        ...     _ = handle.write("verbs:\\n  shell: {code: '194', targets: dobj}\\n")
        ...     handle.flush()
        ...     PredicateDictionary().add_file(handle.name)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: ...: predicate 'shell': targets is text, not a list such as ["dobj"] at line 2
        """
        path = Path(path)
        self._readings, self._indexes = {}, {}  # synonym sets and patterns may change
        data = read_yaml(path, "predicate file") or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping with 'verbs', 'nouns' and/or 'adjectives'")
        try:
            check(data, PREDICATE_FILE)
        except DataError as error:
            raise ValueError(f"{path}: {error}{at_line(path, error.keys)}") from None
        for name, words in (data.get("synonyms") or {}).items():
            self.synonyms[name.lower()] = tuple(word.lower() for word in words or ())
        generated = bool(data.get("generated_from"))
        for section, word_class in WORD_CLASSES.items():
            table = getattr(self, section)
            for written, spec in (data.get(section) or {}).items():
                lemma = written.lower()
                try:
                    check(spec, PREDICATE)
                    table[lemma] = _predicate(lemma, word_class, spec, generated, table.get(lemma))
                except DataError as error:
                    where = at_line(path, (section, written, *error.keys))
                    raise ValueError(f"{path}: predicate {lemma!r}: {error}{where}") from None
                if section == "verbs":
                    self.forms.update((form.lower(), lemma) for form in spec.get("forms") or ())
        for name in WORD_LISTS:
            getattr(self, name).update(word.lower() for word in data.get(name) or [])

    def lookup(self, token) -> Predicate | None:
        """The predicate a word may assert (phrasal verbs and two-word nouns included), whatever its code here."""
        lemma = token.lemma_.lower()
        if token.pos_ in PARTS_OF_SPEECH["verb"]:
            single = self.verbs.get(lemma) or self.verbs.get(token.lower_) or self.verbs.get(
                self.forms.get(token.lower_, ""))
            particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
            # a preposition before the verb is no particle of it: "On Thursday, Russia called ..."
            prepositions = [c.lower_ for c in token.children if c.dep_ == "prep" and c.i > token.i]
            for word in particles + prepositions:  # "call on", "break off", "call for"
                phrasal = self.verbs.get(f"{lemma} {word}")
                # kg's own entry for the verb outranks a generated one for the phrase ("meet with")
                if phrasal is not None and not (phrasal.generated and single is not None and not single.generated):
                    return phrasal
            return single
        if token.pos_ in PARTS_OF_SPEECH["noun"]:
            if token.pos_ == "PROPN" and token.ent_type_:
                return None  # a word of a name ("the Shan-e-Mustafa Rally")
            head = token.head
            if token.dep_ == "compound" and (f"{token.lower_} {head.lemma_.lower()}" in self.nouns
                                             or f"{token.lower_} {head.lower_}" in self.nouns):
                return None  # "war" in "war games" is part of another predicate
            if token.dep_ == "compound" and head.pos_ in ("NOUN", "PROPN") and not self.lookup(head) and (
                    head.lemma_.lower() not in self.carrier_nouns):
                return None  # a kind of thing, no event: "a Syria war monitor", "war crimes", "attack helicopters"
            modifiers = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i == token.i - 1]
            for modifier in modifiers:  # "air strike", "war games", "ethnic cleansing"
                for key in (f"{modifier.lower_} {lemma}", f"{modifier.lower_} {token.lower_}"):
                    if key in self.nouns:
                        return self.nouns[key]
            return self.nouns.get(lemma) or self.nouns.get(token.lower_)
        if token.pos_ in PARTS_OF_SPEECH["adjective"] and token.dep_ in ADJECTIVE_RELATIONS:
            return self.adjectives.get(lemma)
        return None

    def match(self, token) -> Match | None:
        """The event a word asserts here: its predicate and the code the words around it give
        (the most specific pattern that fits, else the predicate's own code), or ``None``.

        Within :meth:`remembering` a document, each word's match is worked out once.
        """
        memo = token.doc.user_data.get(MEMO)
        if memo is not None and token.i in memo:
            return memo[token.i]
        found = self._match(token)
        if memo is not None:
            memo[token.i] = found
        return found

    @contextmanager
    def remembering(self, doc):
        """Remember the matches of a document's words while it is being read (the extractor asks
        for the same words many times)."""
        doc.user_data[MEMO] = {}
        try:
            yield doc
        finally:
            doc.user_data.pop(MEMO, None)

    def _match(self, token) -> Match | None:
        predicate = self.lookup(token)
        if predicate is None:
            return None
        pattern = None
        if predicate.patterns:
            around = _Surroundings.of(token)
            index = self._index(predicate)
            candidates = sorted({n for word in around.words() for n in index.get(word, ())})
            for candidate in (predicate.patterns[n] for n in candidates):  # the first of the most specific
                if (pattern is None or candidate.size > pattern.size) and self._fits(candidate, around):
                    pattern = candidate
        code = pattern.code if pattern else self._own_code(predicate)
        return Match(predicate, code, pattern) if code else None

    def _own_code(self, predicate: Predicate) -> str | None:
        """A predicate's code without a pattern. A generated entry for a word of kg's word lists
        (hedges, speech, light, negating, receiving and object-control verbs: "expect", "tell",
        "hold") has none: in kg these words shape other events rather than being one."""
        if predicate.generated and any(predicate.lemma in getattr(self, name) for name in SHAPING_LISTS):
            return None
        return predicate.code

    def is_event(self, token) -> bool:
        """True when the word asserts an event here (it is a predicate and has a code)."""
        return self.match(token) is not None

    def _fits(self, pattern: Pattern, around: "_Surroundings") -> bool:
        if pattern.particle and pattern.particle not in around.particles:
            return False
        if pattern.subject and not any(self._fit(pattern.subject, words) for words in around.subjects):
            return False
        if pattern.object and not any(self._fit(pattern.object, words) for words in around.objects):
            return False
        if pattern.prep:
            phrases = around.phrases.get(pattern.prep)
            if phrases is None:
                return False
            if pattern.prep_object and not any(words and self._fit(pattern.prep_object, words) for words in phrases):
                return False
        return True

    def words_fit(self, words: str, head) -> bool:
        """Whether a phrase headed by ``head`` is ``words``: a word, a phrase whose last word is the
        head and whose other words modify it ("arms shipment"), or a synonym set ("&weapon")."""
        return self._fit(words, _phrase_words(head))

    def _fit(self, words: str, phrase: tuple[frozenset, frozenset]) -> bool:
        heads, before = phrase
        return any(last in heads and all(word in before for word in modifiers)
                   for last, modifiers in self._alternatives(words))

    def _index(self, predicate: Predicate) -> dict[str, tuple[int, ...]]:
        """The patterns of a predicate by the words that must be around it for them to fit: the heads
        their object, subject or prepositional object may have, else their preposition or particle
        (a pattern fits only where one of its words is)."""
        index = self._indexes.get(id(predicate))  # by identity: hashing a predicate hashes all its patterns
        if index is None:
            found: dict[str, list[int]] = {}
            for number, pattern in enumerate(predicate.patterns):
                words = next((spec for spec in (pattern.object, pattern.subject, pattern.prep_object) if spec), "")
                anchors = {last for last, _ in self._alternatives(words)} if words else {
                    f"prep:{pattern.prep}" if pattern.prep else f"particle:{pattern.particle}"}
                for anchor in anchors:
                    found.setdefault(anchor, []).append(number)
            index = self._indexes[id(predicate)] = {word: tuple(numbers) for word, numbers in found.items()}
        return index

    def _alternatives(self, words: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The (head word, modifiers) readings of a pattern's words, synonym sets spelt out."""
        found = self._readings.get(words)
        if found is None:
            if words.startswith("&"):
                found = tuple(reading for member in self.synonyms.get(words[1:], ())
                              for reading in self._alternatives(member))
            else:
                *modifiers, last = words.split()
                found = ((last, tuple(modifiers)),)
            self._readings[words] = found
        return found


class _Surroundings(NamedTuple):
    """The words around a predicate that its patterns ask about, read once."""

    subjects: list
    particles: set
    objects: list
    phrases: dict  # preposition -> the words of its objects (None for a phrase without one)

    def words(self) -> set[str]:
        """The words a pattern may be anchored on here (see ``PredicateDictionary._index``)."""
        heads = {w for phrase in [*self.subjects, *self.objects] for w in phrase[0]}
        heads |= {w for phrases in self.phrases.values() for phrase in phrases if phrase for w in phrase[0]}
        return heads | {f"prep:{p}" for p in self.phrases} | {f"particle:{p}" for p in self.particles}

    @classmethod
    def of(cls, token) -> "_Surroundings":
        children = list(token.children)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
        objects = [c for c in children if c.dep_ in (("nsubjpass",) if passive else ("dobj", "attr"))]
        phrases: dict[str, list] = {}
        for owner in [token, *objects]:
            for prep in owner.children:
                if prep.dep_ in ("prep", "dative", "agent"):  # a passive's agent is its "by" phrase
                    heads = [_phrase_words(o) for o in prep.children if o.dep_ == "pobj"]
                    phrases.setdefault(prep.lower_, []).extend(heads or [None])
        return cls([_phrase_words(c) for c in children if c.dep_ == "nsubj"],
                   {c.lower_ for c in children if c.dep_ in ("prt", "advmod")},  # "work together" has an adverb
                   [_phrase_words(o) for o in objects], phrases)


def _phrase_words(head) -> tuple[frozenset, frozenset]:
    """A phrase's head (its lemma and its form) and the words before it that modify it."""
    return (frozenset((head.lemma_.lower(), head.lower_)),
            frozenset(w for t in head.lefts for w in (t.lower_, t.lemma_.lower())))


def _predicate(lemma: str, word_class: str, spec: dict, generated: bool, base: Predicate | None) -> Predicate:
    """The predicate an entry of the shape :data:`PREDICATE` describes (:class:`DataError` for
    one kg cannot use). An entry replaces an earlier file's entry for the word, unless it says
    ``extend: true``: then it overrides the fields it gives and adds its patterns before the
    earlier ones (which lose to it on the same words)."""
    base = base if base is not None and spec.get("extend") else None
    if base is None and "code" not in spec and not spec.get("patterns") and not spec.get("objects"):
        raise DataError((), "needs a 'code' or 'patterns'")
    base = base or Predicate(lemma, word_class, None, generated=generated)
    code = _code(spec["code"], ("code",)) if "code" in spec else base.code
    patterns = [_pattern(p, ("patterns", number)) for number, p in enumerate(spec.get("patterns") or ())]
    objects = {k.lower(): _code(v, ("objects", k)) for k, v in (spec.get("objects") or {}).items()}
    if objects:  # the older form: with another object (or none) the word asserts no event, unless "*" says
        code = objects.pop("*", None)
        patterns = [Pattern(object_code, object=word) for word, object_code in sorted(objects.items())] + patterns
    given = {(p.subject, p.particle, p.object, p.prep, p.prep_object) for p in patterns}
    patterns += [p for p in base.patterns if (p.subject, p.particle, p.object, p.prep, p.prep_object) not in given]
    sources, targets = (tuple(TARGET_ALIASES.get(name, name.lower()) for name in spec[key] or ())
                        if key in spec else getattr(base, key) for key in ("sources", "targets"))
    flags = {flag: bool(spec[flag]) if flag in spec else getattr(base, flag)
             for flag in ("symmetric", "complement", "locative", "negative")}
    intent = (_code(spec["intent"], ("intent",)) or "") if "intent" in spec else base.intent
    return Predicate(lemma, word_class, code, tuple(patterns), sources, targets, intent=intent, generated=generated,
                     **flags)


def _code(value: str | int | None, keys: tuple) -> str | None:
    """A CAMEO code as a predicate file gives it (``"194"`` or ``194``), or ``None`` for none."""
    if value is None or value == "":
        return None
    code = str(value)
    try:
        event_type(code)
    except ValueError as error:
        raise DataError(keys, f"is an {error}") from None
    return code


def _pattern(spec: dict, keys: tuple) -> Pattern:
    if "code" not in spec:
        raise DataError(keys, "needs a 'code' (null for no event)")
    unknown = set(spec) - {"code", *PATTERN_KEYS}
    if unknown:
        raise DataError(keys, f"has the unknown key {sorted(map(str, unknown))[0]!r}")
    return Pattern(_code(spec["code"], (*keys, "code")), **{k: spec[k].lower() for k in PATTERN_KEYS if spec.get(k)})
