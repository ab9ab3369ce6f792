"""Command line: ``kg build INPUT... -o OUTDIR`` and ``kg eval GOLD``, thin layers over :func:`kg.build`
and :mod:`kg.evaluate`.

Exit codes: 0 success (some inputs may have been skipped, as reported); 1 no article could be
read; 2 bad command line, model or dictionary file; 3 the output could not be written.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from dataclasses import asdict
from pathlib import Path

from kg import __version__
from kg.builder import build, build_articles
from kg.evaluate import baseline_events, event_scores, gold_articles, read_cases
from kg.ingest import IngestError, read_articles
from kg.nlp import DEFAULT_MODEL, ModelError

EXIT_OK, EXIT_NO_ARTICLES, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3

log = logging.getLogger("kg")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Knowledge graphs of geopolitical actors from news.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="report more on stderr")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extraction = argparse.ArgumentParser(add_help=False)
    extraction.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy pipeline to use (default {DEFAULT_MODEL})")
    extraction.add_argument("--actors", action="append", default=[], metavar="FILE",
                            help="YAML or CSV file of more actors, people and agent words (repeatable)")
    extraction.add_argument("--predicates", action="append", default=[], metavar="FILE",
                            help="YAML file of more event verbs and nouns (repeatable)")
    extraction.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                            help="leave out events less confident than X (0..1, default 0)")

    build_parser = commands.add_parser(
        "build", parents=[extraction], help="extract actors and events from articles and write the graph",
        description="Read articles (.txt, .md, .html, .jsonl, .csv files or folders of them) and write "
                    "events.csv, actors.csv, articles.csv, graph.graphml and graph.html into OUTDIR.")
    build_parser.add_argument("inputs", nargs="+", metavar="INPUT", help="article file or folder (searched recursively)")
    build_parser.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR", help="output folder")
    build_parser.add_argument("--no-html", action="store_true", help="do not write graph.html")
    build_parser.set_defaults(run=_build)

    eval_parser = commands.add_parser(
        "eval", parents=[extraction], help="score event extraction against gold events",
        description="Run the extractor on the gold cases that carry their own text (and on --articles), or "
                    "score an events file, and print precision, recall and F1, pair and coded.")
    eval_parser.add_argument("gold", type=Path, metavar="GOLD.jsonl", help="gold file (one article per line)")
    eval_parser.add_argument("--events", type=Path, metavar="EVENTS.csv", help="score this events file instead")
    eval_parser.add_argument("--articles", nargs="+", default=[], metavar="PATH",
                             help="article files or folders for gold cases without text")
    eval_parser.add_argument("--baseline", action="store_true",
                             help="score the naive baseline (every actor pair of a sentence, first predicate's code)")
    eval_parser.add_argument("--show-misses", action="store_true", help="list missed and wrong events")
    eval_parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    eval_parser.set_defaults(run=_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="kg: %(message)s")
    try:
        return args.run(args)
    except (ModelError, ValueError) as error:
        print(f"kg: {error}", file=sys.stderr)
        return EXIT_USAGE


def _eval(args: argparse.Namespace) -> int:
    try:
        gold = read_cases(args.gold)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        print(f"kg: cannot read gold file {args.gold}: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.events:
        with open(args.events, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    else:
        articles = gold_articles(gold) + list(read_articles(args.articles, on_error=_report_skipped))
        if not articles:
            print(f"kg: the cases of {args.gold} carry no text: pass --events EVENTS.csv or --articles PATH",
                  file=sys.stderr)
            return EXIT_USAGE
        extract = baseline_events if args.baseline else None
        graph = build_articles(articles, model=args.model, actor_files=args.actors, predicate_files=args.predicates,
                               min_confidence=args.min_confidence, extract=extract)
        rows = graph.events.to_dict("records")
    scores = event_scores(gold, rows)
    if args.json:
        print(json.dumps({name: asdict(value) for name, value in scores.items()}, indent=1))
        return EXIT_OK
    for name in ("pair", "coded"):
        print(scores[name].line(name))
    if args.show_misses:
        for article, event in scores["coded"].misses:
            print("MISS", article, event[:100])
        for article, event in scores["coded"].wrong:
            print("WRONG", article, event)
    return EXIT_OK


def _report_skipped(error: IngestError) -> None:
    print(f"kg: skipped {error}", file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    graph = build(args.inputs, model=args.model, actor_files=args.actors, predicate_files=args.predicates,
                  min_confidence=args.min_confidence, on_error=_report_skipped)
    if graph.articles.empty:
        print("kg: no article could be read; nothing written", file=sys.stderr)
        return EXIT_NO_ARTICLES
    try:
        written = graph.save(args.output, html=not args.no_html)
    except OSError as error:
        print(f"kg: cannot write to {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_OUTPUT
    skipped_note = f" ({len(graph.problems)} problem(s) reported above)" if graph.problems else ""
    print(f"Read {len(graph.articles)} article(s){skipped_note}; found {len(graph.events)} event(s) "
          f"between {graph.graph.number_of_nodes()} actor(s) in {graph.graph.number_of_edges()} dyad(s).")
    unresolved = graph.unresolved()
    if not unresolved.empty:
        names = ", ".join(f"{row.name} ({row.mentions})" for row in unresolved.itertuples())
        print(f"Names not in the actor dictionary (add them with --actors): {names}")
    print(f"Wrote to {args.output}/:")
    for name, path in written.items():
        print(f"  {path}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
