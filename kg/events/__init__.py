"""Events: typed, directed, evidenced actor-to-actor events in CAMEO.

The flow of one sentence: :mod:`kg.events.predicates` says which words assert which events;
:mod:`kg.events.assertion` whether the sentence asserts each; :mod:`kg.events.constructions`
finds their sources and targets, and :mod:`kg.events.arguments` reads those phrases into actors;
:mod:`kg.events.confidence` says how often events found so were right; :mod:`kg.events.extractor`
is the spaCy component that runs it all.
"""

from kg.events.extractor import EVENT_COLUMNS, Event, EventExtractor, event_record
from kg.events.predicates import Match, Pattern, Predicate, PredicateDictionary

__all__ = ["EVENT_COLUMNS", "Event", "EventExtractor", "Match", "Pattern", "Predicate", "PredicateDictionary",
           "event_record"]
