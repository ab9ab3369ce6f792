"""Events: typed, directed, evidenced actor-to-actor events in CAMEO.

:mod:`kg.events.predicates` is the predicate dictionary (which words assert which events);
:mod:`kg.events.extractor` reads events off the dependency parse.
"""

from kg.events.extractor import EVENT_COLUMNS, Event, EventExtractor, event_record
from kg.events.predicates import Predicate, PredicateDictionary

__all__ = ["EVENT_COLUMNS", "Event", "EventExtractor", "Predicate", "PredicateDictionary", "event_record"]
