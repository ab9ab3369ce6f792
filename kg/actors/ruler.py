"""The actor ruler: the dictionary's written names found in a text, as entities, before ``ner``.

It does what spaCy's ``EntityRuler`` does with phrase patterns matched on ``ORTH`` and
``overwrite_ents`` (the longest match wins, then the first; a match replaces the entities it
overlaps), but keeps its patterns as token sequences: tokenising the dictionary's 38,000 names
and making a lexeme for each new word took seconds at every start, while the token sequences
load from kg's start-up cache (:mod:`kg.cache`) in milliseconds.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> ruler = ActorRuler(nlp)
>>> ruler.add_tokenised(tokenised(nlp, [{"label": "GPE", "pattern": "Saudi Arabia"},
...                                     {"label": "ORG", "pattern": "Hamas"}]))
>>> [(ent.text, ent.label_) for ent in ruler(nlp("Saudi Arabia and Hamas met.")).ents]
[('Saudi Arabia', 'GPE'), ('Hamas', 'ORG')]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

Tokenised = dict[tuple[str, ...], str]  # a pattern's token texts -> its entity label


def tokenised(nlp: Language, patterns: Iterable[dict]) -> Tokenised:
    """``EntityRuler``-style phrase patterns (``{"label": ..., "pattern": "text"}``) as token
    sequences, split by ``nlp``'s tokenizer (so they match what it makes of a text), each with its
    label; of patterns with the same tokens, the last one's."""
    patterns = list(patterns)
    docs = nlp.tokenizer.pipe(pattern["pattern"] for pattern in patterns)
    words = (tuple(token.text for token in doc) for doc in docs)
    return {tokens: pattern["label"] for pattern, tokens in zip(patterns, words) if tokens}


class ActorRuler:
    """spaCy component: sets ``doc.ents`` to the longest matches of its patterns, replacing the
    entities they overlap."""

    def __init__(self, nlp: Language, name: str = "kg_actor_ruler"):
        self.nlp = nlp
        self.name = name
        self.labels: dict[tuple[str, ...], str] = {}  # token texts -> entity label
        self._lengths: dict[str, tuple[int, ...]] = {}  # first token -> pattern lengths, longest first

    def add_tokenised(self, patterns: Tokenised) -> None:
        """Add patterns made by :func:`tokenised`; they replace patterns of the same tokens."""
        self.labels.update(patterns)
        lengths: dict[str, set[int]] = {}
        for words in self.labels:
            lengths.setdefault(words[0], set()).add(len(words))
        self._lengths = {word: tuple(sorted(sizes, reverse=True)) for word, sizes in lengths.items()}

    @property
    def state(self) -> tuple[dict, dict]:
        """What the ruler matches with (its patterns and their lengths by first word), as
        :meth:`set_state` takes it back: what kg's start-up cache keeps."""
        return self.labels, self._lengths

    def set_state(self, state: tuple[dict, dict]) -> None:
        self.labels, self._lengths = state

    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """Add ``EntityRuler``-style phrase patterns (``{"label": ..., "pattern": "text"}``)."""
        self.add_tokenised(tokenised(self.nlp, patterns))

    def __len__(self) -> int:
        return len(self.labels)

    def matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """``(label, start, end)`` of every pattern found, longest first, then by position."""
        words = [token.text for token in doc]
        found = []
        for start, word in enumerate(words):
            for length in self._lengths.get(word, ()):
                if start + length > len(words):
                    continue
                label = self.labels.get(tuple(words[start:start + length]))
                if label is not None:
                    found.append((label, start, start + length))
        return sorted(found, key=lambda match: (match[1] - match[2], match[1]))

    def __call__(self, doc: Doc) -> Doc:
        entities = list(doc.ents)
        new_entities = []
        seen: set[int] = set()
        for label, start, end in self.matches(doc):
            # As the EntityRuler does: a match is dropped when its first or last token is taken.
            if start in seen or end - 1 in seen:
                continue
            new_entities.append(Span(doc, start, end, label=label))
            entities = [entity for entity in entities if not (entity.start < end and entity.end > start)]
            seen.update(range(start, end))
        doc.ents = entities + new_entities
        return doc

    # --- serialisation, as spaCy's components have it -----------------------------------------

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps([[label, list(words)] for words, label in self.labels.items()]).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "ActorRuler":
        self.labels = {}
        self.add_tokenised({tuple(words): label for label, words in json.loads(data) if words})
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "patterns.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "ActorRuler":
        return self.from_bytes((ensure_path(path) / "patterns.json").read_bytes())
