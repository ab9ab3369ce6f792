"""Command line: ``kg build INPUT... -o OUTDIR``, a thin layer over :func:`kg.build`.

Exit codes: 0 success (some inputs may have been skipped, as reported); 1 no article could be
read; 2 bad command line, model or dictionary file; 3 the output could not be written.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kg import __version__
from kg.builder import build
from kg.ingest import IngestError
from kg.nlp import DEFAULT_MODEL, ModelError

EXIT_OK, EXIT_NO_ARTICLES, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3

log = logging.getLogger("kg")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Knowledge graphs of geopolitical actors from news.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="report more on stderr")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build_parser = commands.add_parser(
        "build", help="extract actors and events from articles and write the graph",
        description="Read articles (.txt, .md, .html, .jsonl, .csv files or folders of them) and write "
                    "events.csv, actors.csv, articles.csv, graph.graphml and graph.html into OUTDIR.")
    build_parser.add_argument("inputs", nargs="+", metavar="INPUT", help="article file or folder (searched recursively)")
    build_parser.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR", help="output folder")
    build_parser.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy pipeline to use (default {DEFAULT_MODEL})")
    build_parser.add_argument("--actors", action="append", default=[], metavar="FILE",
                              help="YAML file of more actors, people and agent words (repeatable)")
    build_parser.add_argument("--predicates", action="append", default=[], metavar="FILE",
                              help="YAML file of more event verbs and nouns (repeatable)")
    build_parser.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                              help="leave out events less confident than X (0..1, default 0)")
    build_parser.add_argument("--no-html", action="store_true", help="do not write graph.html")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="kg: %(message)s")
    return _build(args)


def _build(args: argparse.Namespace) -> int:
    def skipped(error: IngestError) -> None:
        print(f"kg: skipped {error}", file=sys.stderr)

    try:
        graph = build(args.inputs, model=args.model, actor_files=args.actors, predicate_files=args.predicates,
                      min_confidence=args.min_confidence, on_error=skipped)
    except (ModelError, ValueError) as error:
        print(f"kg: {error}", file=sys.stderr)
        return EXIT_USAGE
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
