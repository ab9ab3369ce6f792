"""Build: articles in, knowledge graph out (ingest -> NLP -> actors -> events -> graph), and a
built graph saved to a folder and loaded back (:func:`save`, :func:`load`).

>>> import kg
>>> graph = kg.build(["seeds"])                                    # doctest: +SKIP
>>> graph.events[["source_name", "event_code", "target_name"]]      # doctest: +SKIP
>>> kg.save(graph, "output")                                       # doctest: +SKIP
>>> kg.load("output").events.equals(graph.events)                  # doctest: +SKIP
True
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from tqdm import tqdm

from kg.engines import Extract, Indexed, Settings, merge, merge_unresolved, run
from kg.graph import KnowledgeGraph
from kg.ingest import Article, IngestError, count_articles, find_files, read_articles
from kg.nlp import DEFAULT_MODEL
from kg.readwrite import read_tables, write_actor_file, write_exports, write_unresolved_table
from kg.sidecar import Sidecar, read_sidecar
from kg.store import Store, article_key, settings_fingerprint

STORE_BATCH = 32  # articles per store transaction: a killed build loses at most this much work


def build(inputs: Iterable[str | Path], *, model: str = DEFAULT_MODEL, actor_files: Iterable[str | Path] = (),
          predicate_files: Iterable[str | Path] = (), min_confidence: float = 0.0, nlp: Language | None = None,
          on_error: Callable[[IngestError], None] | None = None, store: str | Path | Store | None = None,
          jobs: int = 1, engine: str = "local", scheduler: str | None = None,
          progress: bool = False, exclude: Iterable[str] = (),
          metadata: str | Path | Sidecar | None = None) -> KnowledgeGraph:
    """Read the articles in ``inputs`` (files or folders) and build their knowledge graph.

    ``model`` names any installed spaCy pipeline; ``actor_files`` and ``predicate_files`` extend
    the packaged dictionaries; events below ``min_confidence`` are left out. Files that cannot
    be read are skipped: each problem goes to ``on_error`` and into ``KnowledgeGraph.problems``.
    The pipeline for a model and set of files is loaded once per process and shared
    (:func:`kg.nlp.shared_pipeline`); pass your own as ``nlp`` to use another.

    ``exclude`` holds globs of files a folder walk leaves out (see :func:`kg.ingest.find_files`).
    ``metadata`` is a sidecar (a file, or one :func:`kg.sidecar.read_sidecar` read) whose rows give
    the articles their url, title, date and outlet; the walk leaves it out, and each row that
    names no article read is a problem. A sidecar that cannot be used at all raises
    :class:`kg.sidecar.SidecarError`. ``min_confidence`` outside 0..1 raises ``ValueError``.

    ``store`` (a path, usually ``OUTDIR/kg.sqlite``, or a :class:`kg.store.Store`) keeps what
    each article gave, so that a later build parses only new or changed articles and gives the
    same result as a cold one; the files kg writes beside it (OUTDIR's ``events.csv``,
    ``graph.html``, ...) are never read as articles, should OUTDIR lie inside an input folder. ``jobs``, ``engine`` and ``scheduler`` say where parsing runs (see
    :func:`kg.engines.run`); ``progress`` shows a progress bar on stderr when it is a terminal.
    """
    problems: list[str] = []

    def report(error: IngestError) -> None:
        problems.append(str(error))
        if on_error is not None:
            on_error(error)

    _check_confidence(min_confidence)
    sidecar = read_sidecar(metadata) if isinstance(metadata, (str, Path)) else metadata
    for problem in sidecar.problems if sidecar else ():
        report(problem)
    own = [(store.path if isinstance(store, Store) else Path(store)).parent] if store is not None else []
    files = find_files(inputs, report, exclude, skip=[sidecar.path] if sidecar else [], outputs=own)
    articles = read_articles(files, on_error=report)
    graph = build_articles(sidecar.apply_all(articles) if sidecar else articles, model=model, actor_files=actor_files,
                           predicate_files=predicate_files, min_confidence=min_confidence, nlp=nlp, store=store,
                           jobs=jobs, engine=engine, scheduler=scheduler, progress=progress,
                           total=count_articles(files) if _shows_progress(progress) else None)
    for problem in sidecar.unused() if sidecar else ():
        report(problem)
    graph.problems = problems
    return graph


def build_articles(articles: Iterable[Article], *, model: str = DEFAULT_MODEL,
                   actor_files: Iterable[str | Path] = (), predicate_files: Iterable[str | Path] = (),
                   min_confidence: float = 0.0, nlp: Language | None = None, extract: Extract | None = None,
                   store: str | Path | Store | None = None, jobs: int = 1, engine: str = "local",
                   scheduler: str | None = None, progress: bool = False, total: int | None = None) -> KnowledgeGraph:
    """Build the knowledge graph of :class:`kg.ingest.Article` objects (see :func:`build`).

    Articles are streamed: only their records, never their parses, are kept. ``extract``
    replaces kg's event extractor (the naive baseline of :mod:`kg.evaluate` uses it; it bypasses
    the store, whose records are kg's own). ``total``, the number of articles expected, gives
    the progress bar its length and time left.
    """
    _check_confidence(min_confidence)
    settings = Settings(model, tuple(str(f) for f in actor_files), tuple(str(f) for f in predicate_files),
                        min_confidence)
    opened = Store(store) if isinstance(store, (str, Path)) else (None if extract else store)
    fingerprint = opened and settings_fingerprint(model, settings.actor_files, settings.predicate_files,
                                                  min_confidence, pipeline=nlp)
    results: list[dict | None] = []
    keys: list[str] = []
    bar = tqdm(total=total, unit=" articles", file=sys.stderr, disable=not _shows_progress(progress),
               desc="reading", dynamic_ncols=True)

    def on_phase(phase: str) -> None:
        if phase == "loading":
            bar.set_description(f"loading {model} and kg's dictionaries", refresh=True)
        else:
            # The time left is the parsing rate's: start the clock again once the pipeline is loaded.
            done = bar.n
            bar.reset(total=total)
            bar.n = bar.initial = done
            bar.set_description("parsing", refresh=True)

    def unstored() -> Iterator[Indexed]:
        for article in articles:
            results.append(None)
            if opened:
                keys.append(article_key(article, fingerprint))
                results[-1] = opened.get(keys[-1])
            if results[-1] is None:
                yield len(results) - 1, article
            else:
                bar.update()

    fresh: dict[str, dict] = {}
    try:
        for index, result in run(unstored(), settings, engine=engine, jobs=jobs, scheduler=scheduler, nlp=nlp,
                                 extract=extract, on_phase=on_phase):
            results[index] = result
            bar.update()
            if opened:
                fresh[keys[index]] = result
                if len(fresh) >= STORE_BATCH:
                    opened.put(fresh)
                    fresh = {}
        if opened and results:
            opened.put(fresh)
            opened.keep_only(keys)
    except KeyboardInterrupt:
        if opened and fresh:  # what was parsed before Ctrl-C is kept: the next build goes on from there
            opened.put(fresh)
        raise
    finally:
        bar.close()
        if opened is not None and opened is not store:
            opened.close()
    # In an order of their own, not the inputs': `kg build A B` and `kg build B A` write the same bytes.
    results.sort(key=_canonical_order)
    return KnowledgeGraph.from_records(*merge(results), unresolved=merge_unresolved(results))


def _canonical_order(result: dict) -> tuple[str, str, str]:
    def text(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)

    return str(result["row"]["article_id"]), text(result["row"]), text(result["events"])


def _shows_progress(progress: bool) -> bool:
    return progress and sys.stderr.isatty()


def _check_confidence(min_confidence: float) -> None:
    if not 0.0 <= min_confidence <= 1.0:  # NaN fails both comparisons
        raise ValueError(f"min_confidence must be a number from 0 to 1, not {min_confidence!r}")


def save(graph: KnowledgeGraph, outdir: str | Path, *, html: bool = True, actor_file: bool = True) -> dict[str, Path]:
    """Write a build into ``outdir``: the tables and every export (:func:`kg.readwrite.write_exports`),
    the unresolved names as a table (``unresolved.csv``) and as an actor file to fill in (``unresolved.actors.yaml``, unless
    ``actor_file`` is false: see :func:`kg.readwrite.write_actor_file`) and the page
    (``graph.html``, unless ``html`` is false: :func:`kg.render.write_html`). Returns file name ->
    path. Each file is written whole or not at all.

    >>> import tempfile, kg
    >>> written = kg.save(kg.KnowledgeGraph.from_records([], [], []), tempfile.mkdtemp(), html=False)
    >>> sorted(written)[:3]
    ['actors.csv', 'articles.csv', 'events.csv']
    """
    from kg.render import write_html  # pyvis and jinja load only when a page is written

    outdir = Path(outdir)
    written = write_exports(graph, outdir)
    written["unresolved.csv"] = write_unresolved_table(graph, outdir)
    if actor_file:
        written["unresolved.actors.yaml"] = write_actor_file(graph, outdir)
    if html:
        written["graph.html"] = write_html(graph, outdir / "graph.html")
    return written


def load(outdir: str | Path) -> KnowledgeGraph:
    """Load a knowledge graph that ``kg build`` (or :func:`save`) wrote into ``outdir``; no NLP is run.

    >>> import tempfile, kg
    >>> outdir = tempfile.mkdtemp()
    >>> _ = kg.save(kg.KnowledgeGraph.from_records([], [{"actor_id": "iran", "name": "Iran", "mentions": 1}], []), outdir,
    ...     html=False)
    >>> kg.load(outdir).actors["name"].tolist()
    ['Iran']
    """
    return read_tables(outdir)
