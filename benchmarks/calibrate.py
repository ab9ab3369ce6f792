"""Calibrate event confidence: fit kg/data/confidence.yaml on news_dev and print its reliability.

    python benchmarks/calibrate.py [--gold PATH] [--check] [--folds N] [--table PATH] [--out-of-sample PATH]

An event's confidence is the measured precision, on the news_dev gold (``--gold``, default
``../shared/gold/news_dev/news_dev.gold.jsonl`` beside the repository), of the events found the
same way (see :mod:`kg.events.confidence`). The script

1. parses the gold cases that carry text (one pipeline load) and extracts kg's events with a
   neutral table (every event the same confidence, nothing left out), so that no confidence
   decides what is judged;
2. judges each event right or wrong as the coded score does (:func:`judge`, with
   :mod:`kg.evaluate`'s own matching): right when it matches any gold event of its case, with a
   root among the gold's codes, either direction when the gold event is symmetric;
3. chooses the shrinkage ``strength`` among :data:`STRENGTHS` by cross-validated log-loss
   (``--folds`` folds by article, :data:`REPEATS` shuffles), fits the table with the levels of the
   current table file (``--table``, default ``kg/data/confidence.yaml``) and writes it atomically
   (same inputs, same bytes);
4. prints reliability tables (confidence bins against measured precision, and the events that
   ``--min-confidence X`` keeps): in-sample, cross-validated (each article's events scored by a
   table fitted without its fold) and out of sample on the PLOVER gold sentences of
   ``tests/fixtures`` (``--out-of-sample``), each with the extractor itself setting confidences.

``--check`` fits without writing and exits 1 when the table file differs from what it would
write (a stale table). Exit 2: missing or unreadable gold, bad table file or options.
"""

from __future__ import annotations

import argparse
import copy
import math
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing kg
    sys.path.insert(0, str(ROOT))

from kg.evaluate import _event_matches, _predicted, event_scores, gold_articles, read_cases  # noqa: E402
from kg.events.confidence import ConfidenceTable, fit  # noqa: E402
from kg.events.extractor import event_record  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "news_dev" / "news_dev.gold.jsonl"
DEFAULT_TABLE = ROOT / "kg" / "data" / "confidence.yaml"
OUT_OF_SAMPLE = ROOT / "tests" / "fixtures" / "plover_gsr.gold.jsonl"
STRENGTHS = (1.0, 2.0, 4.0, 8.0, 16.0, 32.0)  # the shrinkage strengths cross-validation chooses among
REPEATS = 10  # shuffles of the folds for choosing the strength (the reliability table uses the first)
BINS = (0.0, 0.2, 0.4, 0.6, 0.8)
THRESHOLDS = (0.5, 0.6, 0.7, 0.8)
EXTRACTOR = "kg_event_extractor"


@dataclass(frozen=True)
class Found:
    """One extracted event, how it was found, its confidence and whether the coded score counts it right
    (``None``: the score does not count it, its two actors being one as the gold names them)."""

    case: str
    row: dict
    construction: str
    assertion: str
    unresolved: bool
    kinds: tuple[str, str]
    confidence: float
    right: bool | None

    @property
    def article(self) -> str:
        return article_of(self.case)

    @property
    def way(self) -> tuple:
        """What :func:`kg.events.confidence.fit` counts."""
        return (self.construction, self.assertion, self.unresolved, bool(self.right), self.kinds)


def article_of(case: str) -> str:
    """The article a gold case is a sentence of: ``newsdev_012-s7`` is of ``newsdev_012``.

    >>> article_of("newsdev_012-s7"), article_of("PLOVER-GSR01-AGREE-0001")
    ('newsdev_012', 'PLOVER-GSR01-AGREE-0001')
    """
    return re.sub(r"-s\d+$", "", case)


def judge(gold: list[dict], rows: Iterable[dict]) -> list[bool | None]:
    """Whether each event row (events.csv columns) is right as the coded score counts it: it matches
    a gold event of its article, with a root among the gold's codes, either direction when the gold
    event is symmetric. ``None`` for a row the score does not count (one actor on both sides)."""
    events_of: dict[str, list[dict]] = {}
    for case in gold:
        events_of.setdefault(str(case["article"]), []).extend(case["events"])
    verdicts: list[bool | None] = []
    for row in rows:
        article = str(row["article_id"])
        keys = _predicted([row]).get(article)
        if not keys:
            verdicts.append(None)
            continue
        (predicted,) = keys
        verdicts.append(any(_event_matches(event, predicted, True) for event in events_of.get(article, ())))
    return verdicts


def neutral_table() -> ConfidenceTable:
    """A table that gives every event the same confidence: nothing it says decides what is judged."""
    return ConfidenceTable(prior=0.5, strength=1.0, levels=(), counts={})


def extract(extractor, table: ConfidenceTable, parsed: Sequence[tuple], gold: list[dict]) -> list[Found]:
    """The events of parsed gold articles as the extractor finds them with ``table``, judged."""
    extractor = copy.copy(extractor)  # the shared pipeline's own extractor stays as it is
    extractor.confidence = table
    events, rows = [], []
    for doc, article in parsed:
        for event in extractor.extract(doc):
            events.append(event)
            rows.append(event_record(article.id, article.date, event))
    return [Found(row["article_id"], row, event.construction, event.assertion, event.unresolved,
                  (event.source.node.kind, event.target.node.kind), event.confidence, right)
            for event, row, right in zip(events, rows, judge(gold, rows))]


def counted(found: Iterable[Found]) -> list[Found]:
    return [f for f in found if f.right is not None]


def folds(articles: Iterable[str], k: int, seed: int) -> dict[str, int]:
    """Articles dealt into ``k`` folds after a shuffle with ``seed``: the same every run."""
    order = sorted(set(articles))
    random.Random(seed).shuffle(order)
    return {article: i % k for i, article in enumerate(order)}


def cross_validated(found: list[Found], fold_of: dict[str, int], k: int, levels, strength: float) -> list[float]:
    """Each event's confidence from a table fitted on the other folds' events (its features as given)."""
    predictions = [0.0] * len(found)
    for fold in range(k):
        table = fit([f.way for f in found if fold_of[f.article] != fold], levels, strength)
        for i, f in enumerate(found):
            if fold_of[f.article] == fold:
                predictions[i] = table.of(f.construction, f.assertion, f.unresolved, actor_kinds=f.kinds)
    return predictions


def losses(predictions: Sequence[float], truths: Sequence[bool]) -> tuple[float, float]:
    """Mean log-loss and Brier score of confidences against right (True) and wrong (False).

    >>> losses([0.5, 0.5], [True, False])
    (0.6931, 0.25)
    """
    if not truths:
        return 0.0, 0.0
    log = brier = 0.0
    for p, right in zip(predictions, truths):
        p = min(max(p, 1e-3), 1 - 1e-3)
        log -= math.log(p if right else 1 - p)
        brier += (p - right) ** 2
    return round(log / len(truths), 4), round(brier / len(truths), 4)


def choose_strength(found: list[Found], articles: list[str], k: int, levels) -> tuple[float, dict[float, tuple]]:
    """The strength of least cross-validated log-loss (ties: the stronger), with every candidate's scores."""
    truths = [bool(f.right) for f in found]
    shuffles = [folds(articles, k, seed) for seed in range(REPEATS)]
    scores = {}
    for strength in STRENGTHS:
        runs = [losses(cross_validated(found, fold_of, k, levels, strength), truths) for fold_of in shuffles]
        scores[strength] = (round(sum(r[0] for r in runs) / len(runs), 4), round(sum(r[1] for r in runs) / len(runs), 4))
    best = min(STRENGTHS, key=lambda s: (scores[s][0], -s))
    return best, scores


def reliability(found: list[Found], gold: list[dict], title: str) -> str:
    """A markdown table of confidence bins against measured precision, and of what thresholds keep."""
    found = counted(found)
    lines = [f"**{title}**", "", "| confidence | events | right | precision | mean confidence |", "|---|--:|--:|--:|--:|"]

    def line(label: str, group: list[Found]) -> str:
        right = sum(bool(f.right) for f in group)
        precision = f"{right / len(group):.2f}" if group else "-"
        mean = f"{sum(f.confidence for f in group) / len(group):.2f}" if group else "-"
        return f"| {label} | {len(group)} | {right} | {precision} | {mean} |"

    edges = [*BINS, 1.0]
    for low, high in zip(edges, edges[1:]):
        last = high == 1.0
        group = [f for f in found if low <= f.confidence and (f.confidence <= high if last else f.confidence < high)]
        lines.append(line(f"[{low:.1f}, {high:.1f}{']' if last else ')'}", group))
    lines.append(line("all events", found))
    recalls = []
    for threshold in THRESHOLDS:
        kept = [f for f in found if f.confidence >= threshold]
        lines.append(line(f"kept at `--min-confidence {threshold}`", kept))
        recalls.append(f"{threshold}: {event_scores(gold, [f.row for f in kept])['coded'].recall:.3f}")
    scores = event_scores(gold, [f.row for f in found])["coded"]
    lines += ["", f"As `kg eval` counts them: coded P={scores.precision:.3f} R={scores.recall:.3f} "
                  f"({scores.correct}/{scores.predicted}); coded recall kept at " + ", ".join(recalls)]
    return "\n".join(lines)


class GoldError(Exception):
    """A gold file that is missing, unreadable or without text (exit 2)."""


def read_gold(path: Path, what: str) -> list[dict]:
    """The cases of a gold file that must carry text; :class:`GoldError` says what is wrong."""
    if not path.is_file():
        raise GoldError(f"{what} {path} is missing (news_dev lives in ../shared/gold beside the "
                        f"repository; pass --gold PATH)")
    try:
        gold = read_cases(path)
        articles = gold_articles(gold)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise GoldError(f"cannot read {what} {path}: {error}") from None
    if not articles:
        raise GoldError(f"{what} {path} has no case that carries its text")
    return gold


def _fail(message: str) -> int:
    print(f"calibrate: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold cases with text (default: news_dev)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the table file is not what a fit writes")
    parser.add_argument("--folds", type=int, default=10, help="cross-validation folds by article (default 10)")
    parser.add_argument("--table", type=Path, default=DEFAULT_TABLE, help="the table file to read levels from and write")
    parser.add_argument("--out-of-sample", type=Path, default=OUT_OF_SAMPLE,
                        help="gold cases of another text type, scored with the fitted table (default: PLOVER)")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    try:
        gold = read_gold(args.gold, "gold file")
        other = read_gold(args.out_of_sample, "out-of-sample gold") if args.out_of_sample.is_file() else None
        current = ConfidenceTable.from_file(args.table)
    except (GoldError, ValueError) as error:
        return _fail(str(error))
    levels = current.levels
    cases = gold_articles(gold)
    articles = sorted({article_of(article.id) for article in cases})
    if not 2 <= args.folds <= len(articles):
        return _fail(f"--folds must be between 2 and the number of articles ({len(articles)}), not {args.folds}")

    from kg.nlp import ModelError, parse_articles, shared_pipeline
    try:
        nlp = shared_pipeline()
    except (ModelError, ValueError) as error:
        return _fail(str(error))
    extractor = nlp.get_pipe(EXTRACTOR)
    parsed = list(parse_articles(nlp, cases))
    neutral = extract(extractor, neutral_table(), parsed, gold)
    found = counted(neutral)
    print(f"{args.gold.name}: {len(cases)} cases of {len(articles)} articles, {len(found)} events "
          f"({sum(bool(f.right) for f in found)} right), {len(neutral) - len(found)} not counted by the score; "
          f"levels {' / '.join('+'.join(level) for level in levels) or '(none: the prior alone)'}")

    strength, scores = choose_strength(found, articles, args.folds, levels)
    table = fit([f.way for f in found], levels, strength)
    text = table.to_yaml()

    if args.check:
        on_disk = args.table.read_text(encoding="utf-8") if args.table.is_file() else ""
        if on_disk != text:
            print(f"{args.table} is stale: a fit on {args.gold.name} gives another table (prior {table.prior:.4f}, "
                  f"strength {strength:g}, {len(table.counts)} counts; on disk: prior {current.prior:.4f}, "
                  f"strength {current.strength:g}, {len(current.counts)} counts): run python benchmarks/calibrate.py",
                  file=sys.stderr)
            return 1
        print(f"{args.table} is up to date ({time.perf_counter() - started:.1f} s)")
        return 0

    from kg.readwrite.files import write_text
    write_text(args.table, text)

    prior_only = losses([table.prior] * len(found), [bool(f.right) for f in found])
    print(f"\nstrength by {args.folds}-fold cross-validation by article ({REPEATS} shuffles), "
          f"prior alone: log-loss {prior_only[0]:.3f}, Brier {prior_only[1]:.3f}\n")
    print("| strength | CV log-loss | CV Brier |\n|--:|--:|--:|")
    for s in STRENGTHS:
        print(f"| {s:g}{' (chosen)' if s == strength else ''} | {scores[s][0]:.3f} | {scores[s][1]:.3f} |")
    print(f"\nwrote {args.table}: prior {table.prior:.3f}, strength {strength:g}, {len(table.counts)} counts\n")

    in_sample = extract(extractor, table, parsed, gold)
    off = [f for f in counted(in_sample)
           if f.confidence != table.of(f.construction, f.assertion, f.unresolved, actor_kinds=f.kinds)]
    if off:
        print(f"note: {len(off)} of {len(in_sample)} events have another confidence than the table gives their "
              f"features: the extractor does not pass every feature to ConfidenceTable.of (actor_kinds?)\n")
    print(reliability(in_sample, gold, f"In sample: {args.gold.name}, the fitted table"), end="\n\n")

    fold_of = folds(articles, args.folds, 0)
    held_out = []
    for fold in range(args.folds):
        fold_table = fit([f.way for f in found if fold_of[f.article] != fold], levels, strength)
        held_out += extract(extractor, fold_table, [(d, a) for d, a in parsed if fold_of[article_of(a.id)] == fold], gold)
    print(reliability(held_out, gold, f"Cross-validated: {args.gold.name}, {args.folds} folds by article, "
                                      f"each scored by a table fitted on the others"), end="\n\n")

    if other is not None:
        other_parsed = list(parse_articles(nlp, gold_articles(other)))
        print(reliability(extract(extractor, table, other_parsed, other), other,
                          f"Out of sample: {args.out_of_sample.name}, the fitted table"), end="\n\n")
    else:
        print(f"(no out-of-sample gold at {args.out_of_sample})\n")
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
