"""Evaluate: measure kg against gold data.

:func:`actor_accuracy` scores actor resolution on NGEC-style cases (text in, expected country
and sector out).

>>> cases = [{"input": {"text": "Kyiv police"}, "expected": {"country": {"op": "==", "value": "UKR"},
...           "code_1": {"op": "==", "value": "COP"}}}]
>>> scores = actor_accuracy(cases)
>>> scores.country, scores.sector
(1.0, 1.0)
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.actors import ActorDictionary, ActorRef, resolve_actor

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%B %d, %Y")


@dataclass
class ActorScores:
    """Country and sector accuracy over the cases that expect them, with the misses."""

    country: float
    sector: float
    country_cases: int
    sector_cases: int
    misses: list[dict] = field(default_factory=list)


def read_cases(path: str | Path) -> list[dict]:
    """The cases of a JSON Lines file."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def case_date(value: str | None) -> str | None:
    """An ISO date from a case's free-form query date ("12 April 2022"); "today" means none given.

    >>> case_date("1 july 2021"), case_date("Today")
    ('2021-07-01', None)
    """
    if not value or value.strip().lower() == "today":
        return None
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip().title(), pattern).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"unreadable date {value!r}")


def plover_country(ref: ActorRef | None) -> str:
    """The country NGEC/PLOVER give an actor: its ISO3 country, or for an international body the
    first block of its code (UNO for United Nations bodies, EUR for the EU, IGO for the others)."""
    if ref is None:
        return ""
    if ref.actor.country:
        return ref.actor.country
    return ref.actor.code[:3] if ref.actor.kind in ("igo", "bloc") else ""


def _holds(expectation: dict, value) -> bool:
    op, wanted = expectation["op"], expectation["value"]
    if op == "==":
        return value == wanted
    if op == "!=":
        return value != wanted
    if op == "in":
        return value in wanted
    raise ValueError(f"unknown operator {op!r}")


def actor_accuracy(cases: list[dict], dictionary: ActorDictionary | None = None) -> ActorScores:
    """Resolve each case's text and compare country and sector (``code_1``) with what it expects."""
    hits = {"country": 0, "code_1": 0}
    totals = {"country": 0, "code_1": 0}
    misses = []
    for case in cases:
        given, expected = case["input"], case["expected"]
        wanted = {key: expected[key] for key in ("country", "code_1") if key in expected}
        if not wanted:
            continue
        ref = resolve_actor(given["text"], date=case_date(given.get("query_date")),
                            context=given.get("context") or given.get("known_country"), dictionary=dictionary)
        found = {"country": plover_country(ref), "code_1": ref.sector if ref else ""}
        for key, expectation in wanted.items():
            totals[key] += 1
            if _holds(expectation, found[key]):
                hits[key] += 1
            else:
                misses.append({"id": case.get("id", ""), "text": given["text"], "field": key,
                               "expected": expectation["value"], "found": found[key]})
    return ActorScores(
        country=hits["country"] / totals["country"] if totals["country"] else 0.0,
        sector=hits["code_1"] / totals["code_1"] if totals["code_1"] else 0.0,
        country_cases=totals["country"], sector_cases=totals["code_1"], misses=misses)
