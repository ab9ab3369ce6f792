"""Datelines and credits: the spaCy component that marks the names in them as no actors.

A dateline ("SEOUL (Reuters) -", "BIARRITZ, France –") says where a story was filed and which
agency filed it; a photo credit ("REUTERS/Stringer", "| Jane Roe/AFP/Getty Images") who took a
picture. Neither place nor agency is an actor of the events the sentence tells. The patterns are
data (``kg/data/credits.yaml``); :class:`CreditMarker` runs before the parser, puts every match
into ``doc._.credits`` (:class:`Credit` s labelled ``DATELINE`` or ``CREDIT``), where the actor linker makes
no actor of the entities inside one, and starts a sentence after each match (and at a credit),
so that the parser does not run it into the sentence it precedes. The text and its offsets stay.

>>> from kg.nlp import shared_pipeline
>>> doc = shared_pipeline()("SEOUL (Reuters) - North Korea fired a missile.")
>>> [(credit.text, credit.label) for credit in doc._.credits]
[('SEOUL (Reuters) -', 'DATELINE')]
>>> sorted(m.text for m in doc._.mentions.values())
['North Korea']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc, Span

from kg.actors.dictionary import ActorDictionary
from kg.datafiles import parse_yaml, read_yaml

if not Doc.has_extension("credits"):
    Doc.set_extension("credits", default=None)

# What the placeholders of a pattern stand for ({agency} is made of the file's agencies).
PLACEHOLDERS = {
    # capitalised words, initials ("J.", "D.C.") the only ones to end in a full stop ("Caracas. John Doe")
    "name": r"(?:(?:[A-Z]\.)+|[A-Z][\w'’-]*)(?:[ \t]+(?:(?:[A-Z]\.)+|[A-Z][\w'’-]*)){0,2}",
    "place": r"[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3}",
    "dash": r"-{1,3}|–|—|‒|―",
}


class Credit(NamedTuple):
    """A dateline or credit: its tokens (``start`` .. ``end``), label and text. Plain values, since
    spans kept on their own document would make a cycle that is never freed."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class CreditRules:
    """The compiled patterns of a credits file."""

    datelines: tuple[re.Pattern, ...]
    credits: tuple[re.Pattern, ...]

    @classmethod
    def read(cls, path: str | Path | None = None) -> "CreditRules":
        """The rules of a credits file (by default kg's own, ``kg/data/credits.yaml``)."""
        if path is None:
            data = parse_yaml(resources.files("kg").joinpath("data/credits.yaml").read_text(encoding="utf-8"))
            where = "kg/data/credits.yaml"
        else:
            data, where = read_yaml(path, "credits file"), str(path)
        if not isinstance(data, dict):
            raise ValueError(f"{where}: expected a mapping with 'agencies', 'datelines' and 'credits'")
        agencies = sorted({str(a) for a in data.get("agencies") or []}, key=lambda a: (-len(a), a))
        values = {**PLACEHOLDERS, "agency": r"(?i:\b(?:" + "|".join(map(re.escape, agencies)) + r")\b)"}

        def compiled(pattern: str, anchored: bool) -> re.Pattern:
            expanded = re.sub(r"\{(\w+)\}", lambda m: f"(?:{values[m.group(1)]})" if m.group(1) in values
                              else m.group(0), str(pattern))
            try:
                return re.compile(r"^[ \t]*(" + expanded + ")" if anchored else "(" + expanded + ")", re.M)
            except re.error as error:
                raise ValueError(f"{where}: pattern {pattern!r} is no regular expression ({error})") from None

        return cls(tuple(compiled(p, True) for p in data.get("datelines") or []),
                   tuple(compiled(p, False) for p in data.get("credits") or []))


class CreditMarker:
    """spaCy component (before the parser): mark datelines and photo credits, which name no actor,
    into ``doc._.credits``, each a sentence of its own."""

    def __init__(self, dictionary: ActorDictionary, rules: CreditRules | None = None):
        self.dictionary = dictionary
        self.rules = rules or CreditRules.read()

    def __call__(self, doc):
        found: list[tuple[int, int, str]] = []
        for label, patterns in (("DATELINE", self.rules.datelines), ("CREDIT", self.rules.credits)):
            for pattern in patterns:
                for match in pattern.finditer(doc.text):
                    if "place" in match.re.groupindex and match.group("place") and self._names_an_actor(
                            match.group("place")):
                        continue  # "NATO — the alliance said": an actor, not where a story was filed
                    found.append((*match.span(1), label))
        spans: list[Span] = []
        for start, end, label in sorted(found, key=lambda f: (f[0], -f[1])):
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None or len(span) == 0 or spans and span.start < spans[-1].end:
                continue  # overlaps one already marked
            spans.append(span)
        for span in spans:
            for i in (span.start if span.label_ == "CREDIT" else 0, _next_word(doc, span.end)):
                if 0 < i < len(doc):
                    doc[i].is_sent_start = True
        doc._.credits = [Credit(span.start, span.end, span.label_, span.text) for span in spans]
        return doc

    def _names_an_actor(self, text: str) -> bool:
        ref = self.dictionary.lookup(text)
        return ref is not None and not self.dictionary.is_place(text)


def _next_word(doc, i: int) -> int:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def in_credit(doc, i: int) -> bool:
    """True when token ``i`` is inside a dateline or credit that :class:`CreditMarker` marked."""
    return any(span.start <= i < span.end for span in doc._.credits or ())
