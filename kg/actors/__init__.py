"""Actors: who the names in an article refer to.

:mod:`kg.actors.dictionary` holds the actor dictionary (states, organisations, people with dated
roles, agent words) and resolves names and phrases; :mod:`kg.actors.linker` is the spaCy
component that links the entities of a parsed article to actors. Around it:
:mod:`kg.actors.credits` marks datelines and photo credits, whose names are no actors;
:mod:`kg.actors.names` mends people's names; :mod:`kg.actors.coalitions` makes "the Saudi-led
coalition" one entity; :mod:`kg.actors.coref` resolves pronouns and "the group".

>>> resolve_actor("Turkish President Recep Tayyip Erdogan", date="2024-01-21").code
'TURGOV'
"""

from __future__ import annotations

import datetime as dt

from kg.actors.dictionary import (ACTOR_COLUMNS, KINDS, UNRESOLVED_PREFIX, Actor, ActorDictionary, ActorRef,
                                  actor_record, normalise, unresolved_actor)
from kg.actors.linker import ActorLinker, Mention, mention_at, mention_ref, mention_refs, phrase_sector, prep_objects
from kg.actors.coalitions import CoalitionJoiner
from kg.actors.coref import Coreference
from kg.actors.credits import CreditMarker, CreditRules
from kg.actors.names import NameJoiner

__all__ = ["ACTOR_COLUMNS", "KINDS", "UNRESOLVED_PREFIX", "Actor", "ActorDictionary", "ActorLinker", "ActorRef", "Mention",
           "CoalitionJoiner", "CreditMarker", "CreditRules", "NameJoiner", "actor_record", "Coreference", "mention_at", "mention_ref", "mention_refs", "normalise", "phrase_sector", "prep_objects", "resolve_actor",
           "unresolved_actor"]


def resolve_actor(text: str, date: str | dt.date | None = None, context: str | None = None,
                  dictionary: ActorDictionary | None = None) -> ActorRef | None:
    """The actor a name or phrase refers to, or ``None``.

    ``date`` (ISO string or ``datetime.date``) picks the role a person held then; ``context``
    (such as "Mexican" or "Somalia") gives the country when the text has none. The result has
    ``name``, ``country``, ``sector``, ``code`` and ``kind``. A phrase that names only a role
    ("soldiers", "a disgraced former minister") gives its sector, with no country.

    >>> ref = resolve_actor("Angela Merkel", date="2017-04-01")
    >>> ref.country, ref.sector
    ('DEU', 'GOV')
    >>> resolve_actor("Angela Merkel", date="2022-01-10").sector
    'ELI'
    >>> resolve_actor("soldiers").sector, resolve_actor("soldiers").country
    ('MIL', '')
    """
    dictionary = dictionary or ActorDictionary.default()
    when = date.isoformat() if isinstance(date, dt.date) else date
    ref = dictionary.resolve(text, when, context)
    if ref is not None:
        return ref
    sector = dictionary.resolve_sector(text)
    if not sector:
        return None
    return ActorRef(Actor(id="", name=" ".join(text.split()), kind="other"), sector)
