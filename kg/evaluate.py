"""Evaluate: measure kg against gold data.

:func:`actor_accuracy` scores actor resolution on NGEC-style cases (text in, expected country
and sector out); :func:`event_scores` scores extracted events against gold events in the format
of the project's gold files (precision, recall and F1, "pair" and "coded"), counting exactly as
the shared ``score.py`` does; :func:`baseline_events` is the naive extractor kg is compared with.
:func:`read_gold` and :func:`read_events` read the files ``kg eval`` scores, refusing (with the
file and the line) what cannot be scored.

>>> cases = [{"input": {"text": "Kyiv police"}, "expected": {"country": {"op": "==", "value": "UKR"},
...           "code_1": {"op": "==", "value": "COP"}}}]
>>> scores = actor_accuracy(cases)
>>> scores.country, scores.sector
(1.0, 1.0)
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Iterable, Iterator

from kg.actors import ActorDictionary, ActorRef, resolve_actor
from kg.datafiles import DataError, Flag, ListOf, Record, Text, cannot_read, check
from kg.events import Event, PredicateDictionary
from kg.ingest import Article, normalise_date
from kg.nlp import predicate_dictionary

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%B %d, %Y")
# The columns of an events table that scoring reads (source_id and target_id too, when there).
SCORED_COLUMNS = ("article_id", "source_name", "source_country", "target_name", "target_country", "event_code")
# A gold case, as ../shared/gold/GOLD_FORMAT.md describes it; keys not named here are let be.
_JSON_OBJECT = Record(noun="a JSON object")
_GOLD_ACTOR = Record({"country": Text(empty=False), "name": ListOf(Text(empty=False))},
                     example='{"country": "IRN"}', noun="a JSON object")
_GOLD_EVENT = Record({"source": _GOLD_ACTOR, "target": _GOLD_ACTOR, "codes": ListOf(Text(empty=False)),
                      "symmetric": Flag(), "required": Flag(), "evidence": Text(), "id": Text()},
                     required=("source", "target", "codes", "required"), noun="a JSON object")
GOLD_CASE = Record({"article": Text(empty=False), "date": Text(), "text": Text(), "events": ListOf(_GOLD_EVENT)},
                   required=("article", "events"), noun="a JSON object")


@dataclass
class ActorScores:
    """Country and sector accuracy over the cases that expect them, with the misses."""

    country: float
    sector: float
    country_cases: int
    sector_cases: int
    misses: list[dict] = field(default_factory=list)


def read_cases(path: str | Path) -> list[dict]:
    """The cases of a JSON Lines file, one JSON object a line; ``ValueError`` names the file and the line.

    >>> read_cases("missing.jsonl")
    Traceback (most recent call last):
    ...
    ValueError: missing.jsonl: cannot read cases (No such file or directory)
    """
    return [case for _, case in _numbered_cases(path, "cases")]


def read_gold(path: str | Path) -> list[dict]:
    """The cases of a gold file (``GOLD_FORMAT.md``); ``ValueError`` names the file, the line and
    what is wrong: not JSON, not an object, no ``article``, a value of the wrong type (the shape
    is :data:`GOLD_CASE`; a number is refused where text belongs: the article id 12 never meets
    the events' "12").

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".jsonl") as handle:
    ...     _ = handle.write('{"article": "a", "events": []}\\n\\n{"events": []}\\n')
    ...     handle.flush()
    ...     read_gold(handle.name)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: ...jsonl, line 3: the case has no article
    """
    cases = []
    for number, case in _numbered_cases(path, "gold file"):
        try:
            check(case, GOLD_CASE)
        except DataError as error:
            raise ValueError(f"{path}, line {number}: {error.say('the case')}") from None
        cases.append(case)
    return cases


def _numbered_cases(path: str | Path, what: str) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each line of a JSON Lines file that is not blank."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = list(handle)
    except (OSError, UnicodeDecodeError) as error:
        raise cannot_read(path, what, error) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
            check(case, _JSON_OBJECT)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}, line {number}: not JSON ({error.msg}, column {error.colno})") from None
        except DataError as error:
            raise ValueError(f"{path}, line {number}: {error.say('the case')}") from None
        yield number, case


def read_events(path: str | Path) -> list[dict]:
    """The rows of an events table (CSV: ``events.csv`` of ``kg build``, or another extractor's
    with the columns :data:`SCORED_COLUMNS`); ``ValueError`` names the file and what is wrong: it
    cannot be read, or lacks columns (an ``actors.csv`` passed instead would score 0).

    >>> read_events("missing.csv")
    Traceback (most recent call last):
    ...
    ValueError: missing.csv: cannot read events file (No such file or directory)
    """
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in SCORED_COLUMNS if column not in (reader.fieldnames or ())]
            if missing:
                raise ValueError(f"{path}: not an events table: it lacks the column{'s' * (len(missing) > 1)} "
                                 f"{', '.join(missing)}")
            return list(reader)
    except (OSError, UnicodeDecodeError) as error:
        raise cannot_read(path, "events file", error) from None
    except csv.Error as error:
        raise ValueError(f"{path}, line {reader.line_num}: cannot read events file ({error})") from None


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


# --- Events -----------------------------------------------------------------------------------

def _gold_norm(text: str | None) -> str:
    text = (text or "").strip().lower()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _predicted(rows: Iterable[dict]) -> dict[str, set]:
    """Extracted events as the gold format counts them: once per article, actor pair and root."""
    by_article: dict[str, set] = {}
    for row in rows:
        actors = []
        for role in ("source", "target"):
            names = tuple(sorted({_gold_norm(row.get(f"{role}_name")), _gold_norm(row.get(f"{role}_id"))} - {""}))
            actors.append((names, (row.get(f"{role}_country") or "").strip().upper()))
        code = str(row.get("event_code") or "").strip()
        if actors[0] != actors[1]:
            by_article.setdefault(str(row["article_id"]), set()).add((actors[0], actors[1], code.zfill(2)[:2] if code else ""))
    return by_article


def _actor_matches(spec: dict, actor: tuple) -> bool:
    names, country = actor
    if "country" in spec and spec["country"].upper() != country:
        return False
    return "name" not in spec or bool({_gold_norm(n) for n in spec["name"]} & set(names))


def _event_matches(gold: dict, predicted: tuple, coded: bool) -> bool:
    source, target, root = predicted
    if coded and root not in gold["codes"]:
        return False
    if _actor_matches(gold["source"], source) and _actor_matches(gold["target"], target):
        return True
    return gold.get("symmetric", False) and _actor_matches(gold["source"], target) and _actor_matches(gold["target"], source)


@dataclass
class EventScores:
    """Precision, recall and F1 of extracted events against gold, as ``score.py`` defines them."""

    precision: float
    recall: float
    f1: float
    required: int
    matched: int
    predicted: int
    correct: int
    misses: list[tuple[str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str]] = field(default_factory=list)

    def line(self, label: str) -> str:
        return (f"{label:6s} P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"(matched {self.matched}/{self.required} required, {self.correct}/{self.predicted} predicted correct)")


def event_scores(gold: list[dict], rows: Iterable[dict]) -> dict[str, EventScores]:
    """Score extracted event rows (the events.csv columns) against gold cases: ``pair`` ignores the
    CAMEO code, ``coded`` demands a root from the gold list.

    >>> gold = [{"article": "a", "events": [{"source": {"country": "ISR"}, "target": {"country": "RUS"},
    ...          "codes": ["11"], "symmetric": False, "required": True, "evidence": ""}]}]
    >>> rows = [{"article_id": "a", "source_name": "Israel", "source_country": "ISR", "target_name": "Russia",
    ...          "target_country": "RUS", "event_code": "111"}]
    >>> event_scores(gold, rows)["coded"].f1
    1.0
    """
    predicted = _predicted(rows)
    scores = {}
    for coded in (False, True):
        required = matched = n_predicted = correct = 0
        misses, wrong = [], []
        for case in gold:
            found = predicted.get(case["article"], set())
            if not coded:
                found = {(s, t, "") for s, t, _ in found}
            for event in case["events"]:
                if event["required"]:
                    required += 1
                    if any(_event_matches(event, p, coded) for p in found):
                        matched += 1
                    else:
                        misses.append((case["article"], event.get("id") or event.get("evidence") or ""))
            for p in found:
                n_predicted += 1
                if any(_event_matches(event, p, coded) for event in case["events"]):
                    correct += 1
                else:
                    wrong.append((case["article"], str(p)))
        recall = matched / required if required else 0.0
        precision = correct / n_predicted if n_predicted else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores["coded" if coded else "pair"] = EventScores(round(precision, 3), round(recall, 3), round(f1, 3),
                                                           required, matched, n_predicted, correct, misses, wrong)
    return scores


def gold_articles(gold: list[dict]) -> list[Article]:
    """The gold cases that carry their own text, as articles (the first of any repeated id)."""
    articles: dict[str, Article] = {}
    for case in gold:
        if case.get("text") and case["article"] not in articles:
            articles[case["article"]] = Article(id=case["article"], text=case["text"], date=normalise_date(case.get("date")))
    return list(articles.values())


def baseline_events(doc, predicates: PredicateDictionary | None = None) -> list[Event]:
    """The naive baseline: every pair of actors in a sentence, in the order the sentence names them,
    with the code of the sentence's first predicate word (whatever its arguments)."""
    predicates = predicates or predicate_dictionary()
    events = []
    for sentence in doc.sents:
        trigger = next((t for t in sentence if predicates.is_event(t)), None)
        if trigger is None:
            continue
        code = predicates.match(trigger).code
        mentions = [m for m in doc._.mentions.values() if m.ref is not None and sentence.start <= m.start < sentence.end]
        nodes: dict[str, object] = {}
        for mention in sorted(mentions, key=lambda m: m.start):
            nodes.setdefault(mention.ref.node.id, mention)
        for first, second in combinations(nodes.values(), 2):
            events.append(Event(first.ref, second.ref, code, trigger.text, trigger.idx,
                                sentence.start_char, sentence.end_char, 0.5, first.text, second.text, sentence.text))
    return events
