"""Command line: ``kg build INPUT... -o OUTDIR`` and ``kg eval GOLD``, thin layers over :func:`kg.build`
and :mod:`kg.evaluate`; ``kg render OUTDIR`` and ``kg export OUTDIR`` over :mod:`kg.render` and
:mod:`kg.readwrite`; ``kg analyze OUTDIR`` over :mod:`kg.analysis`.

Exit codes: 0 success (some inputs may have been skipped, as reported); 1 no article could be
read; 2 bad command line, model, data file or folder without a build; 3 the output could not be
written, or another build is writing to it; 141 the reader of the command's output stopped early.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import re
import sqlite3
import sys
from dataclasses import asdict
from pathlib import Path

from typing import TYPE_CHECKING

from kg import __version__
from kg.options import (COLOURINGS, DEFAULT_EVIDENCE, DEFAULT_MODEL, DEFAULT_TOP, ENGINES, EXPORT_FORMATS,
                        RENDER_FORMATS, STORE_NAME, UNRESOLVED_YAML, available_cores)

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph
    from kg.ingest import IngestError

EXIT_OK, EXIT_NO_ARTICLES, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 128 + 13  # killed by SIGPIPE, as the shell reports it
EXIT_INTERRUPTED = 128 + 2  # stopped by SIGINT (Ctrl-C), as the shell reports it

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
    extraction.add_argument("--min-confidence", type=_confidence, default=0.0, metavar="X",
                            help="leave out events less confident than X (0..1, default 0)")

    build_parser = commands.add_parser(
        "build", parents=[extraction], help="extract actors and events from articles and write the graph",
        description="Read articles (.txt, .md, .html, .pdf, .docx, .rss, .atom, .xml feeds, .jsonl, .csv files or "
                    "folders of them) and write "
                    "events.csv, actors.csv, articles.csv, graph.graphml and graph.html into OUTDIR.")
    build_parser.add_argument("inputs", nargs="+", metavar="INPUT", help="article file or folder (searched recursively)")
    build_parser.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR", help="output folder")
    build_parser.add_argument("--no-html", action="store_true", help="do not write graph.html")
    build_parser.add_argument("--jobs", type=_jobs, default=1, metavar="N",
                              help="parse in N worker processes (or N Dask workers), or 'auto': one per CPU core "
                                   f"this process may use ({available_cores()} here); default 1")
    build_parser.add_argument("--engine", choices=ENGINES, default="local",
                              help="where parsing runs: this machine, or a Dask cluster (default local)")
    build_parser.add_argument("--scheduler", metavar="ADDRESS",
                              help="Dask scheduler address (tcp://host:8786); without it --engine dask "
                                   "starts a local cluster of --jobs workers")
    build_parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                              help="leave out the files of a folder whose path in it or name matches GLOB "
                                   "(repeatable; README, LICENSE and CHANGELOG files are always left out)")
    build_parser.add_argument("--metadata", type=Path, metavar="FILE",
                              help="CSV, TSV or JSON Lines sidecar with a 'file' or 'id' column and any of url, title, "
                                   "date, outlet: fills articles.csv and the GDELT table (its date wins over the file's)")
    build_parser.add_argument("--rebuild", action="store_true",
                              help=f"parse every article again instead of reusing what OUTDIR/{STORE_NAME} holds")
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
    _add_render_and_export(commands)
    _add_analyze(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="kg: %(message)s")
    if not args.verbose:  # pypdf warns of each flaw it reads past; a PDF it cannot read is reported anyway
        logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        return args.run(args)
    except ValueError as error:
        print(f"kg: {error}", file=sys.stderr)
        return EXIT_USAGE
    except RuntimeError as error:
        from kg.nlp import ModelError  # loaded already when a model could not be

        if not isinstance(error, ModelError):
            raise
        print(f"kg: {error}", file=sys.stderr)
        return EXIT_USAGE


def run() -> None:
    """The ``kg`` command: :func:`main`, then exit at once. Every output is written and closed by
    then; the interpreter's teardown would only free the actor dictionary's million objects, one
    by one, for two seconds. A reader that stops early (``kg build ... | head``) ends the command
    quietly, with the shell's code for a broken pipe; Ctrl-C ends it with one line and the
    shell's code for an interrupt, leaving the files already written whole and no partial one."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to say to it
        code = EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        print("\nkg: interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    sys.stderr.flush()
    os._exit(code)


def _eval(args: argparse.Namespace) -> int:
    from kg.builder import build_articles
    from kg.evaluate import baseline_events, event_scores, gold_articles, read_events, read_gold
    from kg.ingest import read_articles

    gold = read_gold(args.gold)  # a ValueError names the file and the line: main reports it (exit 2)
    if args.events:
        rows = read_events(args.events)
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


def _wrote(folder: Path, written: dict[str, Path]) -> int:
    print(f"Wrote to {folder}/:")
    for path in written.values():
        print(f"  {path}")
    return EXIT_OK


def _cannot_write(where: Path, error: Exception) -> int:
    print(f"kg: cannot write to {where}: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
    return EXIT_OUTPUT


def _report_skipped(error: IngestError) -> None:
    from tqdm import tqdm

    tqdm.write(f"kg: skipped {error}", file=sys.stderr)  # above a progress bar, not glued to it


def _report_damage(message: str) -> None:
    from tqdm import tqdm

    tqdm.write(f"kg: {message}", file=sys.stderr)


def _positive(value: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {value!r}")
    return int(value)


def _jobs(value: str) -> int:
    return available_cores() if value.strip() == "auto" else _positive(value)


def _non_negative(value: str) -> int:
    if not value.strip().isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of 0 or more, not {value!r}")
    return int(value)


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not 0.0 <= number <= 1.0:  # NaN fails both comparisons
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, not {value!r}")
    return number


def _skipped_note(problems: list[IngestError], metadata: Path | None) -> str:
    """'skipped 2 file(s) and 1 record(s), as reported above' for a build's problems."""
    from kg.ingest import safe_path

    sidecar = metadata and safe_path(metadata)  # as problems name it
    counts = {"file(s)": sum(1 for p in problems if p.record is None),
              "record(s)": sum(1 for p in problems if p.record is not None and p.path != sidecar),
              "metadata row(s)": sum(1 for p in problems if p.record is not None and p.path == sidecar)}
    parts = [f"{count} {what}" for what, count in counts.items() if count]
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"; skipped {listed}, as reported above"


def _build(args: argparse.Namespace) -> int:
    if args.scheduler and args.engine != "dask":
        print("kg: --scheduler needs --engine dask", file=sys.stderr)
        return EXIT_USAGE
    from kg.builder import build, save
    from kg.sidecar import read_sidecar
    from kg.store import Store

    sidecar = read_sidecar(args.metadata) if args.metadata else None  # refused before the output folder is made
    problems: list[IngestError] = []

    def report(error: IngestError) -> None:
        problems.append(error)
        _report_skipped(error)

    # The store stays open (and the output folder locked) until the files are written.
    with Store(args.output / STORE_NAME, reuse=not args.rebuild, report=_report_damage) as store:
        try:
            graph = build(args.inputs, model=args.model, actor_files=args.actors, predicate_files=args.predicates,
                          min_confidence=args.min_confidence, on_error=report, store=store,
                          jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, progress=True,
                          exclude=args.exclude, metadata=sidecar)
            if graph.articles.empty:
                print("kg: no article could be read; nothing written", file=sys.stderr)
                return EXIT_NO_ARTICLES
            # An actor file made from unresolved.actors.yaml may be that very file: never overwrite it.
            actor_file = args.output / UNRESOLVED_YAML
            keep = any(_same_file(Path(path), actor_file) for path in args.actors)
            written = save(graph, args.output, html=not args.no_html, actor_file=not keep)
        except (OSError, sqlite3.Error) as error:
            return _cannot_write(args.output, error)
    print(f"Read {len(graph.articles)} article(s){_skipped_note(problems, args.metadata)}; found {len(graph.events)} event(s) "
          f"between {graph.graph.number_of_nodes()} actor(s) in {graph.graph.number_of_edges()} dyad(s).")
    unresolved = graph.unresolved()
    if not unresolved.empty:
        names = ", ".join(f"{row.name} ({row.mentions})" for row in unresolved.itertuples())
        print(f"Names not in the actor dictionary (add them with --actors): {names}")
    if keep:
        print(f"Kept {actor_file} as it is: it is one of this build's --actors files.")
    return _wrote(args.output, written)


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.samefile(other)
    except OSError:  # either is missing
        return path.resolve() == other.resolve()


# --- kg render, kg export: redraw and re-export a finished build, no NLP --------------------------

def _add_render_and_export(commands) -> None:
    render_parser = commands.add_parser(
        "render", help="draw graph.html again from a build's saved tables (no NLP), optionally filtered",
        description="Read the tables that 'kg build' wrote into OUTDIR and write the HTML page again, keeping "
                    "only the events that pass every filter given.")
    render_parser.add_argument("outdir", type=Path, metavar="OUTDIR", help="a folder written by kg build")
    render_parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                               help="the file to write (default OUTDIR/graph.html without filters, else a file "
                                    "named after them, such as OUTDIR/graph-focus-russia-q3-4-from-2022.html)")
    render_parser.add_argument("--min-weight", type=_positive, default=1, metavar="N",
                               help="keep only dyads with at least N events")
    render_parser.add_argument("--quad-class", type=int, nargs="+", choices=[1, 2, 3, 4], metavar="Q",
                               help="keep only these QuadClasses: 1 verbal cooperation, 2 material cooperation, "
                                    "3 verbal conflict, 4 material conflict")
    render_parser.add_argument("--start", type=_iso_date, metavar="DATE",
                               help="keep events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD; undated events go)")
    render_parser.add_argument("--end", type=_iso_date, metavar="DATE", help="keep events on or before DATE")
    render_parser.add_argument("--focus", metavar="ACTOR",
                               help="keep the actors near ACTOR (an actor id, name or alias: 'US', 'Putin')")
    render_parser.add_argument("--hops", type=_non_negative, default=1, metavar="N",
                               help="with --focus: how many dyads away from ACTOR to go (default 1)")
    render_parser.add_argument("--max-evidence", type=_positive, default=DEFAULT_EVIDENCE, metavar="N",
                               help="evidence sentences per dyad tooltip (default 5)")
    render_parser.add_argument("--format", choices=RENDER_FORMATS, default="html",
                               help="html: the interactive page (default); png or svg: a static picture of the "
                                    "view the page opens on, for reports")
    render_parser.add_argument("--top", type=_positive, default=DEFAULT_TOP, metavar="N",
                               help=f"the page opens on (a picture shows) the top N actors by rank (default {DEFAULT_TOP})")
    render_parser.add_argument("--colour", "--color", choices=COLOURINGS, default="kind",
                               help="colour actors by kind (default) or by Louvain community")
    render_parser.set_defaults(run=_render)

    export_parser = commands.add_parser(
        "export", help="write a build's graph and events in other formats (no NLP)",
        description="Read the tables that 'kg build' wrote into OUTDIR and write them as GraphML, GEXF (with a "
                    "timeline), node-link JSON, Parquet, CSV and a GDELT-style event table.")
    export_parser.add_argument("outdir", type=Path, metavar="OUTDIR", help="a folder written by kg build")
    export_parser.add_argument("--format", nargs="+", choices=EXPORT_FORMATS, default=list(EXPORT_FORMATS),
                               dest="formats", metavar="FORMAT",
                               help=f"one or more of {', '.join(EXPORT_FORMATS)} (default all)")
    export_parser.add_argument("-o", "--output", type=Path, metavar="DIR", help="write here instead of OUTDIR")
    export_parser.set_defaults(run=_export)


def _iso_date(value: str) -> str:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    try:
        if match:
            datetime.date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        match = None
    if not match:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def _load_build(outdir: Path) -> KnowledgeGraph | None:
    from kg.builder import load

    try:
        return load(outdir)
    except FileNotFoundError as error:
        print(f"kg: {error}", file=sys.stderr)
        return None


def _render(args: argparse.Namespace) -> int:
    if args.hops != 1 and args.focus is None:
        print("kg: --hops needs --focus", file=sys.stderr)
        return EXIT_USAGE
    if args.start and args.end and args.start[:len(args.end)] > args.end[:len(args.start)]:
        print(f"kg: --start {args.start} is after --end {args.end}", file=sys.stderr)
        return EXIT_USAGE
    graph = _load_build(args.outdir)
    if graph is None:
        return EXIT_USAGE
    focus = graph.actor_id(args.focus) if args.focus is not None else None
    graph = graph.subgraph(start=args.start, end=args.end, quad_classes=args.quad_class, min_weight=args.min_weight,
                           focus=focus, hops=args.hops)
    if graph.events.empty:  # say so: an empty page looks like a broken one
        around = f" around {args.focus} ({focus})" if focus is not None else ""
        print(f"kg: no event of this build passes these filters{around}; drawing an empty graph", file=sys.stderr)
    path = args.output or args.outdir / _page_name(args, focus, f".{args.format}")
    try:
        if args.format == "html":
            from kg.render import write_html

            write_html(graph, path, max_evidence=args.max_evidence, top=args.top, colour=args.colour)
        else:
            from kg.draw import write_picture

            write_picture(graph, path, top=args.top, fmt=args.format)
    except OSError as error:
        return _cannot_write(path, error)
    print(f"Drew {graph.graph.number_of_nodes()} actor(s) in {graph.graph.number_of_edges()} dyad(s) "
          f"({len(graph.events)} event(s)) into {path}")
    return EXIT_OK


def _page_name(args: argparse.Namespace, focus: str | None, suffix: str) -> str:
    """``graph.html`` for the whole graph, else a name that says which view it is, so that a
    filtered view never overwrites the build's page: ``graph-focus-russia-q3-4-from-2022.html``."""
    parts = []
    if focus is not None:
        parts.append(f"focus-{focus}" + (f"-hops-{args.hops}" if args.hops != 1 else ""))
    if args.quad_class:
        parts.append("q" + "-".join(str(q) for q in sorted(set(args.quad_class))))
    if args.start:
        parts.append(f"from-{args.start}")
    if args.end:
        parts.append(f"to-{args.end}")
    if args.min_weight > 1:
        parts.append(f"min-{args.min_weight}")
    if args.top != DEFAULT_TOP:
        parts.append(f"top-{args.top}")
    if args.format == "html" and args.colour != "kind":
        parts.append(f"by-{args.colour}")
    if args.format == "html" and args.max_evidence != DEFAULT_EVIDENCE:
        parts.append(f"evidence-{args.max_evidence}")
    name = "-".join(["graph", *parts])
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name) + suffix


def _export(args: argparse.Namespace) -> int:
    from kg.readwrite import write_exports

    graph = _load_build(args.outdir)
    if graph is None:
        return EXIT_USAGE
    output = args.output or args.outdir
    try:
        written = write_exports(graph, output, args.formats)
    except OSError as error:
        return _cannot_write(output, error)
    return _wrote(output, written)



# --- kg analyze: centrality, communities and dyads of a finished build, no NLP ---------------------

def _add_analyze(commands) -> None:
    analyze_parser = commands.add_parser(
        "analyze", help="rank the actors of a build and write centrality.csv, communities.csv, dyads.csv (no NLP)",
        description="Read the tables that 'kg build' wrote into OUTDIR, print the most central actors (by the "
                    "number of actors they deal with, then by events) and write centrality.csv, communities.csv "
                    "and dyads.csv into OUTDIR.")
    analyze_parser.add_argument("outdir", type=Path, metavar="OUTDIR", help="a folder written by kg build")
    analyze_parser.add_argument("--top", type=_positive, default=10, metavar="N", help="actors to print (default 10)")
    analyze_parser.add_argument("--seed", type=_non_negative, default=0, metavar="N",
                                help="seed of the sampled measures and of Louvain communities (default 0)")
    analyze_parser.set_defaults(run=_analyze)


def _analyze(args: argparse.Namespace) -> int:
    from kg.analysis import analysis_tables, top_actors, write_analysis

    graph = _load_build(args.outdir)
    if graph is None:
        return EXIT_USAGE
    tables = analysis_tables(graph, seed=args.seed)
    try:
        written = write_analysis(tables, args.outdir)
    except OSError as error:
        return _cannot_write(args.outdir, error)
    ranked = tables["centrality.csv"]
    print(f"{len(ranked)} actor(s) in {len(tables['dyads.csv'])} dyad(s) and "
          f"{tables['communities.csv']['community'].nunique()} community(s). Top {min(args.top, len(ranked))} "
          f"by degree (actors dealt with), then strength (events):")
    print(top_actors(ranked, args.top).to_string(index=False))
    if ranked.attrs.get("eigenvector_method") == "katz":
        print("(eigenvector centrality did not converge: the eigenvector column holds Katz centrality)")
    return _wrote(args.outdir, written)


if __name__ == "__main__":
    run()
