"""PETRARCH-2's CAMEO verb dictionary -> ``kg/data/predicates/10-petrarch.yaml``.

The source is ``CAMEO.2.0.txt`` of openeventdata/petrarch2 at
676801cd9cb2924bbbad09f86d15c9323e7097bf (``petrarch2/data/dictionaries/``; MIT licence,
Copyright (c) 2015 Open Event Data Alliance). It is read as PETRARCH-2's reader
(``PETRreader.read_verb_dictionary``) reads it:

* ``#`` starts a comment anywhere on a line, and so does ``;`` (two verb lines keep TABARI's
  comment mark);
* before the first block, ``&NAME`` starts a synonym set and ``+WORD`` lines are its members;
* ``---  NAME  [CODE]  ---`` starts a verb block; its other lines are verbs
  (``VERB {FORMS} [CODE]``, multi-word verbs as ``+ASK_FOR``) and patterns
  (``- SUBJECT * AFTER [CODE]``), which every verb of the block shares;
* ``~`` lines are transformations ("A said A will attack B" is a threat); they are not
  converted, since kg combines verbs in its own extractor.

The output is one YAML mapping:

``synonyms``
    name -> members. The name is lower case, without ``&`` and a trailing ``_`` (which only
    told PETRARCH to make no plurals); members are lower case, ``_`` between words becomes a
    space and a trailing ``_`` is dropped. PETRARCH adds regular plurals of the members; kg
    compares lemmas, so none are made. Repeated members are written once.
``verbs``
    lemma -> ``forms`` (the irregular forms listed in braces, same word order as the lemma,
    without repeats and the lemma itself; omitted without braces), ``code`` (the verb's own
    code, else the block's; omitted when that is ``[---]``: the verb alone is no event) and
    ``patterns``, the patterns of the verb's block in source order. Lemmas are lower case,
    multi-word verbs with spaces (``+ASK_FOR`` is "ask for"). A verb with neither code nor
    pattern is left out: it can give no event. A verb listed in several blocks gets the
    patterns of all of them, in file order; its code is that of its first listing, which is
    the entry PETRARCH-2's reader keeps. A one-word verb among the most common English words
    (:func:`common`: "help", "join", "leave", "expect") gets no code, only its patterns that name
    a word besides a preposition, or a preposition of a partner (:data:`PARTNER_PREPOSITIONS`:
    "speak with" is a consultation, "control for" says nothing): the synonym lists come mostly
    from WordNet, and such a verb stands for many events or none (kg's own table gives codes to
    the common verbs it has checked, such as "meet" and "attack"). The verbs of a block share one list of patterns, so
    the file writes each list once, with a YAML anchor named after its first verb
    (``patterns: &accelerate``), and the other verbs refer to it (``patterns: *accelerate``):
    4,900 pattern lines to read instead of 43,000.

A pattern is a flow mapping with the keys ``subject`` (the head noun of the words before
``*``), ``particle`` (a verb particle: one of :data:`PARTICLES`, written bare after ``*``),
``object`` (the other bare word, ``{PHRASE}`` (head last) or ``&SET`` after ``*``), ``prep``
and ``prep_object`` (a parenthesised phrase: ``(TO)``, ``(TO BORDER)``, ``(FOR {FINANCIAL
AID})``), all optional, and ``code``. Words are lower case; ``_`` inside a word joins the words
of a phrase; ``&name`` is a synonym set, also inside a phrase (``"&military aid"``).

Codes: ``[042:043]`` (a TABARI pair; the code after ``:`` is for the event seen the other way)
gives its first code; ``[---]`` (first code ``---``) gives ``null`` in a pattern, which says
that the combination is no event. A code must be in kg's CAMEO table
(:func:`kg.cameo.event_type`); a verb or block code that is not, or whose first code is empty
(``[:110]``), counts as no code.

Pattern lines are dropped for these reasons, each counted under its key by
:func:`read_dictionary` (a line counts once, under the first reason found: markers, the code,
then the words before ``*``, then those after it):

* ``marker``: it has one of the TABARI-era markers ``$ + % ^`` (source, target, ...), which
  ``dictionaries.rst`` does not document and PETRARCH-2's reader takes as plain words. Most of
  these lines are TABARI's linear phrases ("* CALL ON + TO RESIGN") that the pattern syntax
  cannot express once the markers are stripped, so none are kept.
* ``unreadable``: no ``[CODE]`` at its end, a bracket that does not close, or ``&`` inside a
  word (``FIGHTER_&AIRCRAFT``, which PETRARCH-2 cannot resolve either).
* ``empty first code``: ``[:173]``, an event only the other way round.
* ``unknown code``: not in kg's CAMEO table (``[080!]``).
* ``empty``: nothing but ``*``: the verb alone, whose code is the verb's.
* ``disjunction``: a ``/`` between alternatives (``(BY/WITH &WEAPON)``), which PETRARCH-2 no
  longer reads.
* ``undefined synonym set``: a ``&SET`` the file does not define (PETRARCH ignores these).
* ``pre-verb preposition``: a parenthesised phrase before ``*``.
* ``pre-verb non-noun``: a word before ``*`` that cannot be the subject: an auxiliary, modal or
  negation (:data:`AUXILIARIES`) or an adverb in ``-ly`` (no subject noun in the file ends in
  ``-ly``).
* ``several subjects``: more than one word or phrase before ``*``.
* ``bare preposition``: a preposition after ``*`` without parentheses (TABARI's syntax, "*
  SANCTIONS AGAINST"); the particles of :data:`PARTICLES` are read as particles, not as this.
* ``not a preposition``: a parenthesised phrase whose first word is not a preposition or
  particle (``(THE STAKES)``).
* ``several objects``: more than one object or particle outside parentheses ("* FIRST MOVE":
  TABARI's unbraced phrases), or more than one word after a preposition (``(TO A VOTE)``).
* ``several prepositional phrases``: the schema holds one (``prep``/``prep_object``), and
  keeping only the first would make ``(TO PRESS) (FOR OUSTER)`` mean "look to the press".
* ``duplicate``: the same keys as an earlier pattern of its block, which wins.

Verb lines that do not read as ``VERB {FORMS} [CODE]`` are dropped and counted as
``unreadable verb line`` (none in CAMEO.2.0.txt). Synonym sets and verbs come out sorted, patterns in source
order with their keys in a fixed order, so the same source gives the same file.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from wordfreq import zipf_frequency

from kg.cameo import event_type
from kg.readwrite.files import write_text

SOURCE = "CAMEO.2.0.txt"
SOURCE_REPO = "openeventdata/petrarch2"
SOURCE_COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
OUTPUT = "10-petrarch.yaml"
PATTERN_KEYS = ("subject", "particle", "object", "prep", "prep_object")
# A Zipf frequency of 4.5 is one word in 30,000 of English text (wordfreq): "help", "join" and
# "expect" are above it, "condemn", "disparage" and "taunt" well below.
COMMON_ZIPF = 4.5
PARTNER_PREPOSITIONS = frozenset({"with", "against"})  # "speak with", "side with", "fight against"

# Verb particles of English phrasal verbs. Some are prepositions too ("over the border"); a
# bare one after the verb is a particle, one in parentheses a preposition, as the source marks.
PARTICLES = frozenset("up down out off back away aside over forward apart together along around".split())
PREPOSITIONS = frozenset(
    "to for of from with into onto against at by on in about between among toward towards through "
    "under during after before behind beside beyond across upon amid amidst despite until inside "
    "outside within without via near as like since than per".split()) | PARTICLES
AUXILIARIES = frozenset(
    "will would shall should can could may might must not never no is are was were be been being "
    "am has have had do does did".split())
MARKERS = re.compile(r"[$+%^]")

_HEADER = re.compile(r"^---\s+(?P<name>\S+)\s+(?:\[(?P<code>[^\]]*)\])?")
_VERB = re.compile(r"^(?P<verb>[^\s{\[]+)\s*(?:\{(?P<forms>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?\s*$")
_PATTERN = re.compile(r"^-(?P<body>[^\[\]]*)\[(?P<code>[^\]]*)\]\s*$")
_ITEM = re.compile(r"\{[^{}()]*\}|\([^()]*\)|[^\s(){}]+")
_PREP_ITEM = re.compile(r"\{[^{}]*\}|[^\s{}]+")

_LICENCE = """\
The MIT License (MIT)

Copyright (c) 2015 Open Event Data Alliance

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""
HEADER = "\n".join([
    "# CAMEO verb patterns from PETRARCH-2 for kg's predicate dictionary: synonym sets, and verbs",
    "# with their CAMEO codes and patterns (the format is described in kg/datagen/petrarch.py).",
    "# Generated by `python -m kg.datagen` (kg/datagen/petrarch.py) from petrarch2/data/dictionaries/",
    f"# {SOURCE}, {SOURCE_REPO}@{SOURCE_COMMIT}. Do not edit by hand.",
    "#",
    *(f"# {line}".rstrip() for line in _LICENCE.splitlines())])


class Dropped(ValueError):
    """A pattern or code that is not converted; the message is the reason counted."""


@dataclass(frozen=True)
class Pattern:
    """One pattern: the words around the verb (empty = not required) and its code."""

    subject: str = ""
    particle: str = ""
    object: str = ""
    prep: str = ""
    prep_object: str = ""
    code: str | None = None

    @property
    def key(self) -> tuple[str, ...]:
        """What the pattern matches, without its code: two patterns with one key are duplicates."""
        return tuple(getattr(self, name) for name in PATTERN_KEYS)

    def entry(self) -> dict:
        """The YAML mapping: the keys that are set, in a fixed order, then the code."""
        return {**{name: getattr(self, name) for name in PATTERN_KEYS if getattr(self, name)}, "code": self.code}


@dataclass
class Verb:
    """One verb line: its lemma, irregular forms and own code (``None`` = the block's)."""

    lemma: str
    forms: tuple[str, ...] = ()
    code: str | None = None


@dataclass
class Block:
    """One verb block: its verbs and the patterns they share."""

    name: str
    code: str | None
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class Dictionary:
    """A verb dictionary as read: synonym sets (in file order), blocks, and counts of what was
    read and dropped (see :func:`read_dictionary`)."""

    synonyms: dict[str, list[str]]
    blocks: list[Block]
    counts: Counter


def strip_comment(line: str) -> str:
    """The part of a line that is read: comments start at ``#``, or at TABARI's ``;``.

    >>> strip_comment("RIP {RIPPING RIPS RIPPED};shan   7/11/93"), strip_comment("- * AID  [070]  # RUSH")
    ('RIP {RIPPING RIPS RIPPED}', '- * AID  [070]  ')
    """
    return re.split(r"[#;]", line, maxsplit=1)[0]


def words_text(raw: str) -> str:
    """Source words as kg writes them: lower case, ``_`` and blanks as single spaces.

    >>> words_text("CASH_"), words_text("+ASK_FOR"), words_text("{AIR_STRIKE}")
    ('cash', 'ask for', 'air strike')
    """
    return " ".join(raw.strip("{}+").replace("+", "").replace("_", " ").split()).lower()


def set_name(raw: str) -> str:
    """A synonym set's name: lower case, without ``&`` and a trailing ``_``.

    >>> set_name("&AUXVERB1_"), set_name("&FIGHT_OF_WORDS")
    ('auxverb1', 'fight_of_words')
    """
    return raw.lstrip("&").rstrip("_").lower()


def parse_code(text: str | None) -> str | None:
    """The code of a ``[...]`` group: its first code, ``None`` for ``---`` (or no group).

    ``Dropped`` names the reason when there is no usable code.

    >>> parse_code("070"), parse_code("042:043"), parse_code("---"), parse_code(None)
    ('070', '042', None, None)
    >>> try:
    ...     parse_code(":173")
    ... except Dropped as reason:
    ...     print(reason)
    empty first code
    """
    if text is None:
        return None
    first = text.split(":", 1)[0].strip()
    if first == "---":
        return None
    if not first:
        raise Dropped("empty first code")
    try:
        event_type(first)
    except ValueError:
        raise Dropped("unknown code") from None
    return first


def phrase(raw: str, synonyms: dict[str, list[str]]) -> str:
    """A word, ``{PHRASE}`` or ``&SET`` of a pattern as written in the YAML file.

    >>> phrase("{&MILITARY AID}", {"military": ["army"]}), phrase("SPY_", {})
    ('&military aid', 'spy')
    """
    if "/" in raw:
        raise Dropped("disjunction")
    words = []
    for word in raw.strip("{}").split():
        if word.startswith("&"):
            if set_name(word) not in synonyms:
                raise Dropped("undefined synonym set")
            words.append("&" + set_name(word))
        elif "&" in word:
            raise Dropped("unreadable")
        else:
            words.append(words_text(word))
    return " ".join(words)


def items(text: str, item: re.Pattern = _ITEM) -> list[str]:
    """The words, ``{...}`` phrases and ``(...)`` phrases of one side of a pattern.

    >>> items(" POLICE (TO BORDER) {ARMS SHIPMENT}")
    ['POLICE', '(TO BORDER)', '{ARMS SHIPMENT}']
    """
    if item.sub("", text).strip():
        raise Dropped("unreadable")   # a bracket that does not close
    return item.findall(text)


def subject_of(text: str, synonyms: dict[str, list[str]]) -> str:
    """The subject (head noun) a pattern's words before ``*`` require, or ``""``."""
    found = items(text)
    if any(item.startswith("(") for item in found):
        raise Dropped("pre-verb preposition")
    if any(item.lower() in AUXILIARIES or item.lower().endswith("ly") for item in found):
        raise Dropped("pre-verb non-noun")
    if len(found) > 1:
        raise Dropped("several subjects")
    return phrase(found[0], synonyms) if found else ""


def after_verb(text: str, synonyms: dict[str, list[str]]) -> dict[str, str]:
    """The particle, object, prep and prep_object of a pattern's words after ``*``."""
    found = items(text)
    bare = [item for item in found if not item.startswith("(")]
    phrases = [item[1:-1] for item in found if item.startswith("(")]
    if any(item.lower() in PREPOSITIONS - PARTICLES for item in bare):
        raise Dropped("bare preposition")
    if len(phrases) > 1:
        raise Dropped("several prepositional phrases")
    parts = {}
    if phrases:
        prep, *rest = items(phrases[0], _PREP_ITEM) or [""]
        if prep.lower() not in PREPOSITIONS:
            raise Dropped("not a preposition" if "/" not in prep else "disjunction")
        if len(rest) > 1:
            raise Dropped("several objects")
        parts["prep"] = prep.lower()
        if rest:
            parts["prep_object"] = phrase(rest[0], synonyms)
    particles = [item.lower() for item in bare if item.lower() in PARTICLES]
    objects = [item for item in bare if item.lower() not in PARTICLES]
    if len(particles) > 1 or len(objects) > 1:
        raise Dropped("several objects")
    if particles:
        parts["particle"] = particles[0]
    if objects:
        parts["object"] = phrase(objects[0], synonyms)
    return parts


def parse_pattern(line: str, synonyms: dict[str, list[str]]) -> Pattern:
    """One ``- ... * ... [CODE]`` line (comment stripped) as a :class:`Pattern`.

    >>> parse_pattern("- * POLICE (TO BORDER)  [153]", {})
    Pattern(subject='', particle='', object='police', prep='to', prep_object='border', code='153')
    >>> parse_pattern("- * OFF TALK [164]", {}).entry()
    {'particle': 'off', 'object': 'talk', 'code': '164'}
    """
    if MARKERS.search(line[1:]):
        raise Dropped("marker")
    match = _PATTERN.match(line.strip())
    if not match or match["body"].count("*") != 1:
        raise Dropped("unreadable")
    code = parse_code(match["code"])
    before, after = match["body"].split("*")
    if not (before.strip() or after.strip()):
        raise Dropped("empty")
    return Pattern(subject=subject_of(before, synonyms), **after_verb(after, synonyms), code=code)


def parse_verb(line: str) -> tuple[Verb, bool]:
    """One verb line as a :class:`Verb`, and whether its own code was dropped.

    >>> parse_verb("+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]")
    (Verb(lemma='ask for', forms=('asked for', 'asking for', 'asks for'), code='020'), False)
    >>> parse_verb("SPY {SPIES SPIED SPIES SPYING}[090]")[0].forms
    ('spies', 'spied', 'spying')
    """
    match = _VERB.match(line.strip())
    if not match:
        raise Dropped("unreadable verb line")
    lemma = words_text(match["verb"])
    forms = [words_text(form) for form in (match["forms"] or "").replace(",", " ").split()]
    try:
        code, dropped = parse_code(match["code"]), False
    except Dropped:
        code, dropped = None, True
    return Verb(lemma, tuple(dict.fromkeys(f for f in forms if f != lemma)), code), dropped


def read_dictionary(text: str) -> Dictionary:
    """Read a PETRARCH verb dictionary.

    ``counts`` holds ``synonym sets``, ``verb blocks``, ``verb lines``, ``verbs`` (distinct
    lemmas), ``patterns read``, ``patterns kept`` (over all blocks), ``transformations`` (not
    converted), ``verb codes dropped`` (verb or block codes not in the CAMEO table, or with an
    empty first code), ``unreadable verb line`` and, for each reason of the module docstring,
    the patterns dropped for it.
    """
    synonyms: dict[str, list[str]] = {}
    blocks: list[Block] = []
    counts: Counter = Counter()
    current_set = ""
    for raw in text.splitlines():
        line = strip_comment(raw).rstrip()
        if not line.strip():
            continue
        if line.startswith("---"):
            blocks.append(_block(line, counts))
        elif line.startswith("~"):
            counts["transformations"] += 1
        elif not blocks and line.startswith("&"):
            current_set = set_name(line.strip())
            synonyms.setdefault(current_set, [])
        elif not blocks and line.startswith("+") and current_set:
            members = synonyms[current_set]
            member = words_text(line)
            if member not in members:
                members.append(member)
        elif blocks and line.startswith("-"):
            counts["patterns read"] += 1
            _add_pattern(blocks[-1], line, synonyms, counts)
        elif blocks:
            counts["verb lines"] += 1
            try:
                verb, dropped = parse_verb(line)
            except Dropped as reason:
                counts[str(reason)] += 1
                continue
            counts["verb codes dropped"] += dropped
            blocks[-1].verbs.append(verb)
    counts["synonym sets"] = len(synonyms)
    counts["verb blocks"] = len(blocks)
    counts["verbs"] = len({verb.lemma for block in blocks for verb in block.verbs})
    counts["patterns kept"] = sum(len(block.patterns) for block in blocks)
    return Dictionary(synonyms, blocks, counts)


def _block(line: str, counts: Counter) -> Block:
    match = _HEADER.match(line)
    try:
        code = parse_code(match["code"])
    except Dropped:
        code = None
        counts["verb codes dropped"] += 1
    return Block(match["name"], code)


def _add_pattern(block: Block, line: str, synonyms: dict[str, list[str]], counts: Counter) -> None:
    try:
        pattern = parse_pattern(line, synonyms)
    except Dropped as reason:
        counts[str(reason)] += 1
        return
    if any(pattern.key == known.key for known in block.patterns):
        counts["duplicate"] += 1
    else:
        block.patterns.append(pattern)


def common(lemma: str) -> bool:
    """A one-word verb among the most common English words (:data:`COMMON_ZIPF`): such verbs mean
    many things ("help", "join", "leave", "expect"), so only their patterns say which event.

    >>> common("help"), common("disparage"), common("ask for")
    (True, False, False)
    """
    return " " not in lemma and zipf_frequency(lemma, "en") >= COMMON_ZIPF


def merged_verbs(blocks: list[Block]) -> dict[str, dict]:
    """Each verb's YAML entry, by lemma (sorted): forms, code and patterns of all its listings.

    The first listing gives the code; later listings add forms and the patterns of their
    blocks that are not already there. Verbs with neither code nor pattern are left out.
    """
    forms: dict[str, dict[str, None]] = {}
    codes: dict[str, str | None] = {}
    patterns: dict[str, dict[tuple, Pattern]] = {}
    for block in blocks:
        for verb in block.verbs:
            forms.setdefault(verb.lemma, {}).update(dict.fromkeys(verb.forms))
            codes.setdefault(verb.lemma, verb.code or block.code)
            known = patterns.setdefault(verb.lemma, {})
            for pattern in block.patterns:
                known.setdefault(pattern.key, pattern)
    entries = {}
    for lemma in sorted(codes):
        entry: dict = {}
        if forms[lemma]:
            entry["forms"] = list(forms[lemma])
        if codes[lemma] and not common(lemma):
            entry["code"] = codes[lemma]
        kept = [p for p in patterns[lemma].values()
                if not common(lemma) or p.subject or p.object or p.prep_object or p.prep in PARTNER_PREPOSITIONS]
        if kept:
            entry["patterns"] = [pattern.entry() for pattern in kept]
        if "code" in entry or "patterns" in entry:
            entries[lemma] = entry
    return entries


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

# A plain YAML scalar that every reader takes as this string: letters first, then letters,
# digits, blanks, hyphens and apostrophes. The words that YAML 1.1 reads as booleans or null
# are quoted too, for readers other than kg's (which only knows true and false).
_PLAIN = re.compile(r"[a-z][a-z0-9' -]*")
_YAML_WORDS = frozenset("y n yes no on off true false null".split())


def scalar(value: str | None) -> str:
    """A string (or ``None``) as a YAML scalar: plain where that is safe, else double-quoted.

    >>> [scalar(v) for v in ("ask for", "off", "&food", "070", "pa'anga", "f/a-18", None)]
    ['ask for', '"off"', '"&food"', '"070"', "pa'anga", '"f/a-18"', 'null']
    """
    if value is None:
        return "null"
    if _PLAIN.fullmatch(value) and value.strip() == value and value not in _YAML_WORDS:
        return value
    return json.dumps(value)


def _flow_list(values: list[str]) -> str:
    return "[" + ", ".join(scalar(value) for value in values) + "]"


def _flow_mapping(entry: dict) -> str:
    return "{" + ", ".join(f"{key}: {scalar(value)}" for key, value in entry.items()) + "}"


def predicates_yaml(synonyms: dict[str, list[str]], verbs: dict[str, dict]) -> str:
    """The text of the predicate file: the header, the synonym sets (sorted), then the verbs
    (entries of :func:`merged_verbs`), each list of patterns once (see the module docstring)."""
    lines = [HEADER, "", f"generated_from: {SOURCE_REPO}@{SOURCE_COMMIT}", "synonyms:"]
    lines += [f"  {scalar(name)}: {_flow_list(synonyms[name])}" for name in sorted(synonyms)]
    lines.append("verbs:")
    anchors: dict[tuple, str] = {}
    for lemma, entry in verbs.items():
        lines.append(f"  {scalar(lemma)}:")
        if "forms" in entry:
            lines.append(f"    forms: {_flow_list(entry['forms'])}")
        if "code" in entry:
            lines.append(f"    code: {json.dumps(entry['code'])}")
        if "patterns" in entry:
            shared = tuple(tuple(pattern.items()) for pattern in entry["patterns"])
            if shared in anchors:
                lines.append(f"    patterns: *{anchors[shared]}")
                continue
            anchors[shared] = lemma.replace(" ", "_")   # unique: lemmas have no "_"
            lines.append(f"    patterns: &{anchors[shared]}")
            lines += [f"      - {_flow_mapping(pattern)}" for pattern in entry["patterns"]]
    return "\n".join(lines) + "\n"


_TOTALS = ("synonym sets", "verb blocks", "verb lines", "verbs", "verbs written", "patterns read", "patterns kept")


def summary(counts: Counter) -> str:
    """One line of counts for the developer running the converter: the totals, then what was
    dropped or not converted.

    >>> summary(Counter({"patterns read": 3, "patterns kept": 2, "marker": 1})).split("; ")[1]
    'not converted: marker 1'
    """
    totals = ", ".join(f"{key} {counts[key]}" for key in _TOTALS)
    dropped = ", ".join(f"{key} {value}" for key, value in sorted(counts.items()) if key not in _TOTALS and value)
    return f"kg.datagen.petrarch: {totals}; not converted: {dropped or 'nothing'}"


def write_predicates(source: Path, out_dir: Path) -> tuple[Path, Counter]:
    """Write ``out_dir/10-petrarch.yaml`` (atomically) from the dictionary file ``source``.

    Return its path and the counts of :func:`read_dictionary`, with ``verbs written`` added.
    """
    dictionary = read_dictionary(Path(source).read_text(encoding="utf-8"))
    verbs = merged_verbs(dictionary.blocks)
    dictionary.counts["verbs written"] = len(verbs)
    path = write_text(Path(out_dir) / OUTPUT, predicates_yaml(dictionary.synonyms, verbs))
    print(summary(dictionary.counts), file=sys.stderr)
    return path, dictionary.counts
