"""Event dates: the date a sentence gives its event, where that is not the article's own time.

An article of 2020 that says "Israel destroyed the Osirak reactor in 1981" reports an event of
1981. :func:`event_date` reads such a date off the parse: a ``DATE`` entity that hangs from the
event's trigger word within its own clause, read by the rules of ``kg/data/dates.yaml`` into an
ISO date as precise as the text (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``). Relative dates
("last year", "two years ago") count back from the article date. :func:`period` gives the days
such a date spans, for time slices and timelines; :func:`event_dates` dates each event of an
events table (its own date, else its article's).

>>> from kg.nlp import shared_pipeline
>>> nlp = shared_pipeline()
>>> doc = nlp.make_doc("Israel destroyed the Osirak reactor in 1981.")
>>> doc._.date = "2020-01-05"
>>> doc = nlp(doc)
>>> event_date(doc[1], doc._.date)
'1981'
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kg.datafiles import read_yaml
from kg.ingest import normalise_date

if TYPE_CHECKING:
    import pandas as pd

# The word classes of the date patterns; any other word of a pattern stands for itself.
CLASSES = {
    "YEAR": lambda word, rules: len(word) == 4 and word.isdigit(),
    "MONTH": lambda word, rules: word in rules.months,
    "DAY": lambda word, rules: len(word) <= 2 and word.isdigit() and 1 <= int(word) <= 31,
    "NUMBER": lambda word, rules: word.isdigit() or word in rules.numbers,
    "UNIT": lambda word, rules: word in rules.units,
}


@dataclass(frozen=True)
class DateRules:
    """The rules of ``kg/data/dates.yaml`` (its comments say what each list does)."""

    attach: frozenset[str]
    prepositions: frozenset[str]
    modifiers: frozenset[str]
    places: frozenset[str]
    future_auxiliaries: frozenset[str]
    past_tags: frozenset[str]
    ignore: frozenset[str]
    absolute: tuple[tuple[str, ...], ...]
    relative: tuple[tuple[str, ...], ...]
    units: dict[str, str]
    numbers: dict[str, int]
    months: dict[str, int]

    @classmethod
    def from_file(cls, path: str | Path) -> "DateRules":
        """Date rules from a data file; ``ValueError`` names the file and the problem."""
        data = read_yaml(path, "date rules") or {}
        missing = [name for name in cls.__dataclass_fields__ if name not in data]
        if missing:
            raise ValueError(f"{path}: missing {', '.join(missing)}")
        # Dependency, entity and tag labels keep their case; words are matched lower-case.
        labels = {name: frozenset(map(str, data[name])) for name in ("attach", "modifiers", "places", "past_tags")}
        words = {name: frozenset(str(word).lower() for word in data[name])
                 for name in ("prepositions", "future_auxiliaries", "ignore")}
        return cls(**labels, **words,
                   absolute=tuple(tuple(map(str, pattern)) for pattern in data["absolute"]),
                   relative=tuple(tuple(map(str, pattern)) for pattern in data["relative"]),
                   units={str(k): str(v) for k, v in data["units"].items()},
                   numbers={str(k): int(v) for k, v in data["numbers"].items()},
                   months={str(k): int(v) for k, v in data["months"].items()})


@cache
def default_rules() -> DateRules:
    """The date rules shipped with kg (``kg/data/dates.yaml``), read once."""
    return DateRules.from_file(Path(str(resources.files("kg").joinpath("data/dates.yaml"))))


def event_date(trigger, article_date: str | None) -> str:
    """The date the sentence gives the event of ``trigger`` (a spaCy token), or ``""``.

    Only a ``DATE`` entity in the trigger's own phrase or clause counts (never one of a clause
    below it or beside it). The result is ``""`` when the date is the article's own time (it
    contains the article date: "in 2020" or "this month" in an article of 2020-01-05), lies after
    the article date or in the future ("will meet in 2030"), is a weekday or a period ("the
    1990s"), or when the trigger has two dates that disagree. Without an article date only
    absolute dates with a year are read.

    >>> from kg.nlp import shared_pipeline
    >>> doc = shared_pipeline()("Russia invaded Ukraine last year and condemned NATO on Monday.")
    >>> event_date(doc[1], "2023-02-24"), event_date(doc[1], None), event_date(doc[6], "2023-02-24")
    ('2022', '', '')
    """
    rules = default_rules()
    if any(child.dep_ == "aux" and child.lower_ in rules.future_auxiliaries for child in trigger.children):
        return ""
    article = normalise_date(article_date)
    day = dt.date.fromisoformat(article) if article else None
    past = trigger.tag_ in rules.past_tags or any(
        child.dep_ in ("aux", "auxpass") and child.tag_ in rules.past_tags for child in trigger.children)
    values = {value for phrase in _attached_dates(trigger, rules) if (value := _read(phrase, day, past, rules))}
    if not values:
        return ""
    # "in 2011, on 15 March 2011": dates agree when the most precise one continues the others.
    best = max(values, key=len)
    if not all(best.startswith(value) for value in values):
        return ""
    if article and (article.startswith(best) or best > article[:len(best)]):
        return ""
    return best


def _attached_dates(trigger, rules: DateRules) -> list[str]:
    """The date phrases hanging from the trigger within its clause, in sentence order."""
    found = {}
    # Only the relations of the rules are followed down, so a date under a ccomp, relcl, advcl,
    # conj or object is never reached: it dates another event.
    stack = [trigger]
    while stack:
        word = stack.pop()
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in rules.prepositions:
                for target in child.children:
                    if target.dep_ != "pobj":
                        continue
                    if target.ent_type_ == "DATE":
                        found[target.i] = target
                    elif target.ent_type_ in rules.places:
                        stack.append(target)
            elif child.ent_type_ == "DATE" and child.dep_ in rules.attach:
                found[child.i] = child
            elif child.dep_ in rules.modifiers and child.ent_type_ != "DATE":
                stack.append(child)
    return [_phrase(found[index]) for index in sorted(found)]


def _phrase(token) -> str:
    """The words of the ``DATE`` entity of ``token`` that are in its own phrase: the entity
    recogniser sometimes runs a date over the words before it ("seized the tanker 18 months ago")."""
    doc, start, end = token.doc, token.i, token.i + 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[max(start, token.left_edge.i):min(end, token.right_edge.i + 1)].text


def _words(phrase: str, rules: DateRules) -> list[str]:
    """The words of a date, lower-case, with digits and letters apart: "mid-2014" is ``["2014"]``."""
    words, current = [], ""
    for character in phrase.lower() + " ":
        if current and (character.isdigit() != current[-1].isdigit() or not character.isalnum()):
            words.append(current)
            current = ""
        if character.isalnum():
            current += character
    return [word for word in words if word not in rules.ignore]


def _match(pattern: tuple[str, ...], words: list[str], rules: DateRules) -> dict[str, str] | None:
    """The words of each class of ``pattern`` when ``words`` are exactly that pattern, else ``None``."""
    if len(pattern) != len(words):
        return None
    matched = {}
    for part, word in zip(pattern, words):
        if part in CLASSES:
            if not CLASSES[part](word, rules):
                return None
            matched[part] = word
        elif part != word:
            return None
    return matched


def _read(phrase: str, article: dt.date | None, past: bool, rules: DateRules) -> str:
    """An ISO date from the words of a date (``""`` if they are none the rules read)."""
    words = _words(phrase, rules)
    for pattern in rules.absolute:
        matched = _match(pattern, words, rules)
        if matched is None:
            continue
        month = rules.months[matched["MONTH"]] if "MONTH" in matched else None
        day = int(matched["DAY"]) if "DAY" in matched else None
        if "YEAR" in matched:
            year = int(matched["YEAR"])
        elif article is None or not past:
            return ""
        else:  # the last such month or day up to the article's
            year = article.year - ((month, day or 0) > (article.month, article.day if day else 0))
        return _iso(year, month, day)
    if article is None:
        return ""
    for pattern in rules.relative:
        matched = _match(pattern, words, rules)
        if matched is None:
            continue
        count = matched.get("NUMBER", "1")
        count = int(count) if count.isdigit() else rules.numbers[count]
        if rules.units[matched["UNIT"]] == "year":
            return _iso(article.year - count, None, None)
        months = article.year * 12 + article.month - 1 - count
        return _iso(months // 12, months % 12 + 1, None)
    return ""


def _iso(year: int, month: int | None, day: int | None) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``""`` for a day that does not exist (30 February,
    or "5000 years ago")."""
    try:
        full = dt.date(year, month or 1, day or 1).isoformat()
    except (ValueError, OverflowError):
        return ""
    return full[:10 if day else 7 if month else 4]


def period(value: str) -> tuple[str, str]:
    """The first and the last day of an ISO date of any precision (``ValueError`` if it is none).

    >>> period("1981"), period("2024-02"), period("2024-02-10")
    (('1981-01-01', '1981-12-31'), ('2024-02-01', '2024-02-29'), ('2024-02-10', '2024-02-10'))
    """
    year, month, day = ([int(part) for part in str(value).split("-")] + [0, 0])[:3]
    first = dt.date(year, month or 1, day or 1)
    if day:
        return first.isoformat(), first.isoformat()
    last = dt.date(year, month, calendar.monthrange(year, month)[1]) if month else dt.date(year, 12, 31)
    return first.isoformat(), last.isoformat()


def event_dates(events: pd.DataFrame) -> pd.Series:
    """When each event happened, as far as kg knows: its ``event_date`` where the sentence dates
    it, else its article's ``date`` (``""`` when neither is known): the date by which views,
    slices and exports place an event in time.

    >>> import pandas as pd
    >>> event_dates(pd.DataFrame({"date": ["2020-01-05", "2020-01-05", ""], "event_date": ["1981", "", ""]})).tolist()
    ['1981', '2020-01-05', '']
    """
    # A table made from records without an event_date (or a date) holds NaN there, as floats.
    dates = events["date"].astype(object).fillna("").astype(str)
    if "event_date" not in events.columns:
        return dates
    own = events["event_date"].astype(object).fillna("").astype(str)
    return own.where(own != "", dates)
