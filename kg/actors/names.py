"""Whole personal names: the spaCy component that mends names the dictionary ruler cut short.

The ruler marks every dictionary name it finds, and the entity recogniser then leaves those
tokens alone; so in "Judge Alejandro Rivera" or "U.S. negotiator Paul Nitze" a one-word alias
("Rivera", "Paul") becomes the whole entity, and resolves to whoever else bears it.
:class:`NameJoiner` widens such an entity over the capitalised proper nouns around it, so the
linker sees the person's full name.

>>> from kg.nlp import shared_pipeline
>>> doc = shared_pipeline()("U.S. negotiator Paul Nitze met them.")
>>> [(ent.text, ent.label_) for ent in doc.ents]
[('U.S.', 'GPE'), ('Paul Nitze', 'PERSON')]
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.actors.dictionary import ActorDictionary, normalise


class NameJoiner:
    """spaCy component: widen an entity that may be a person's name over the name's other words,
    and take a name after a personal title for a person's ("King Hassan", not the Indian city)."""

    def __init__(self, dictionary: ActorDictionary):
        self.dictionary = dictionary

    def __call__(self, doc):
        entities = []
        for ent in doc.ents:
            titled = self._after_title(ent)
            if titled or ent.label_ == "PERSON" or self.dictionary.may_be_person(ent.text):
                start, end = self._widened(doc, ent.start, ent.end)
                if titled or (start, end) != (ent.start, ent.end):
                    ent = Span(doc, start, end, label="PERSON")
            entities.append(ent)
        doc.ents = entities  # widening takes only tokens outside entities, so none overlap
        return doc

    def _after_title(self, ent) -> bool:
        """A place-like name right after a capitalised personal title ("King Hassan", "Emir Tamim")."""
        if ent.label_ == "PERSON" or ent.start == 0 or not self.dictionary.may_be_person(ent.text) and (
                self.dictionary.lookup(ent.text) is not None and not self.dictionary.is_city_or_region(ent.text)):
            return False
        title = ent.doc[ent.start - 1]
        return title.is_title and title.lower_ in self.dictionary.person_definites | self.dictionary.honorifics

    def _widened(self, doc, start: int, end: int) -> tuple[int, int]:
        while start > 0 and self._name_word(doc[start - 1]) and _attached(doc[start - 1], doc[start:end]):
            start -= 1
        while end < len(doc):
            if self._name_word(doc[end]) and _attached(doc[end], doc[start:end]):
                end += 1
            elif _joins_name(doc, end):  # "Zia-Ul-Haq"
                end += 2
            else:
                break
        return start, end

    def _name_word(self, token) -> bool:
        """A capitalised proper noun outside any entity, that is not a title ("President", "Mr.")."""
        return (token.pos_ == "PROPN" and token.is_title and token.ent_iob_ == "O"
                and normalise(token.text) not in self.dictionary.honorifics
                and not self.dictionary.agent_sector(token.text) and not self.dictionary.lookup(token.text))


def _attached(token, name) -> bool:
    """The parse joins the word to the name ("Paul" is a compound of "Nitze"; "Interior" in "Minister
    for Interior Aftab Sherpao" is not)."""
    return token.head in name or any(word.head == token for word in name)


def _joins_name(doc, i: int) -> bool:
    """A hyphen inside a name, written without spaces ("Zia-Ul")."""
    return (doc[i].text == "-" and i + 1 < len(doc) and doc[i].ent_iob_ == "O" and not doc[i - 1].whitespace_
            and not doc[i].whitespace_ and doc[i + 1].is_title and doc[i + 1].ent_iob_ == "O")
