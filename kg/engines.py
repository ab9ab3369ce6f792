"""Engines: where the NLP of a build runs, in this process, in local worker processes or on a Dask cluster.

Every engine takes ``(index, Article)`` pairs and yields ``(index, result)`` pairs in the same
order, a result being the plain records of one article (:func:`article_result`): only articles
and records travel between processes, never spaCy objects. Articles are sent in small batches
with a bounded number in flight, so neither the articles nor their parses are all held at once.
Each worker process loads its spaCy pipeline once (:func:`kg.nlp.shared_pipeline` is cached per
process).

>>> from kg.ingest import Article
>>> [index for index, result in run(iter([(0, Article(id="a1", text="Iran met Hamas."))]), Settings())]
[0]
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import Counter, deque
from dataclasses import dataclass
from itertools import chain, islice
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.actors import UNRESOLVED_PREFIX, Actor, actor_record
from kg.events import Event, event_record
from kg.ingest import Article
from kg.nlp import parse_articles, shared_pipeline
from kg.options import DEFAULT_MODEL, ENGINES

BATCH_SIZE = 8  # articles per task: small enough to keep two workers evenly busy to the end
Extract = Callable[[Doc], list[Event]]
Indexed = tuple[int, Article]


@dataclass(frozen=True)
class Settings:
    """What decides extraction besides the article: the model, the users' data files, the threshold."""

    model: str = DEFAULT_MODEL
    actor_files: tuple[str, ...] = ()
    predicate_files: tuple[str, ...] = ()
    min_confidence: float = 0.0

    def pipeline(self) -> Language:
        """This process's pipeline for these settings (loaded once per process)."""
        return shared_pipeline(self.model, self.actor_files, self.predicate_files)


def article_result(doc: Doc, article: Article, min_confidence: float = 0.0, extract: Extract | None = None) -> dict:
    """The plain records of one parsed article: its row, its events, the actors it names and how it
    names the unresolved ones.

    ``actors`` lists each actor once: ``mentioned`` ones with their mention count and the
    record of their last mention, then those that only take part in events (see :func:`merge`).
    ``unresolved`` lists each unresolved actor (id ``x-...``) the article mentions, in the order of
    its first mention: the entity label of each of its mentions, in text order, and the sentence
    of the first (see :func:`merge_unresolved`).
    """
    mentioned: dict[str, Actor] = {}
    mentions: Counter[str] = Counter()
    unresolved: dict[str, dict] = {}
    for start, mention in sorted(doc._.mentions.items()):
        if mention.ref is not None:
            node = mention.ref.node
            mentioned[node.id] = node
            mentions[node.id] += 1
            if node.id.startswith(UNRESOLVED_PREFIX):
                if node.id not in unresolved:
                    unresolved[node.id] = {"actor_id": node.id, "labels": [], "sentence": doc[start].sent.text.strip()}
                unresolved[node.id]["labels"].append(mention.label)
    kept = [event for event in (extract(doc) if extract else doc._.events) if event.confidence >= min_confidence]
    in_events: dict[str, Actor] = {}
    for event in kept:
        for node in (event.source.node, event.target.node):
            if node.id not in mentioned:
                in_events.setdefault(node.id, node)
    row = {"article_id": article.id, "date": article.date or "", "title": article.title or "",
           "url": article.url or "", "outlet": article.outlet or "", "path": article.path, "characters": len(article.text), "events": len(kept)}
    return {"row": row, "events": [event_record(article.id, article.date, event) for event in kept],
            "actors": [{"record": actor_record(node, mentions[actor_id]), "mentioned": True}
                       for actor_id, node in mentioned.items()] +
                      [{"record": actor_record(node, 0), "mentioned": False} for node in in_events.values()],
            "unresolved": list(unresolved.values())}


def merge(results: Iterable[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """Events, actors and article rows of article results taken in the order given (:func:`kg.build`
    gives them in the order of their article ids, so that the order of its inputs changes nothing).

    An actor's record is that of its last mention (or, never mentioned, of its first event) and
    its mentions are summed, so the tables do not depend on which worker parsed what.

    >>> iran = {"actor_id": "iran", "name": "Iran", "mentions": 2}
    >>> merge([{"row": {}, "events": [], "actors": [{"record": iran, "mentioned": True}]}] * 2)[1]
    [{'actor_id': 'iran', 'name': 'Iran', 'mentions': 4}]
    """
    events, rows = [], []
    mentioned: dict[str, dict] = {}
    in_events: dict[str, dict] = {}
    mentions: Counter[str] = Counter()
    for result in results:
        events += result["events"]
        rows.append(result["row"])
        for actor in result["actors"]:
            actor_id = actor["record"]["actor_id"]
            if actor["mentioned"]:
                mentioned[actor_id] = actor["record"]
                mentions[actor_id] += actor["record"]["mentions"]
            else:
                in_events.setdefault(actor_id, actor["record"])
    actors = [{**record, "mentions": mentions[actor_id]} for actor_id, record in {**in_events, **mentioned}.items()]
    return events, actors, rows


def merge_unresolved(results: Iterable[dict]) -> list[dict]:
    """The unresolved actors of article results taken in the order given (see :func:`merge`), each
    once, in the order of their first mention: ``actor_id``, ``mentions``, ``articles`` (how many mention it), ``label``
    (the most frequent entity label of its mentions, on a tie the first seen) and the article and
    sentence of its first mention (``example_article``, ``example_sentence``).

    >>> names = {"actor_id": "x-acme", "labels": ["ORG", "PERSON", "PERSON"], "sentence": "Acme spoke."}
    >>> merge_unresolved([{"row": {"article_id": "a1"}, "unresolved": [names]},
    ...                   {"row": {"article_id": "a2"}, "unresolved": [{**names, "labels": ["ORG"]}]}])
    [{'actor_id': 'x-acme', 'mentions': 4, 'articles': 2, 'label': 'ORG', 'example_article': 'a1', 'example_sentence': 'Acme spoke.'}]
    """
    found: dict[str, dict] = {}
    labels: dict[str, Counter[str]] = {}
    for result in results:
        for names in result.get("unresolved", ()):
            actor_id = names["actor_id"]
            if actor_id not in found:
                found[actor_id] = {"actor_id": actor_id, "mentions": 0, "articles": 0, "label": "",
                                   "example_article": result["row"]["article_id"],
                                   "example_sentence": names["sentence"]}
                labels[actor_id] = Counter()
            found[actor_id]["mentions"] += len(names["labels"])
            found[actor_id]["articles"] += 1
            labels[actor_id].update(names["labels"])
    for actor_id, entry in found.items():
        # most_common keeps the order of first appearance among equal counts
        entry["label"] = labels[actor_id].most_common(1)[0][0] if labels[actor_id] else ""
    return list(found.values())


# The pipeline a forking parent leaves to its worker processes (None: each loads its own).
_worker_pipeline: Language | None = None


def extract_batch(settings: Settings, batch: list[Indexed], extract: Extract | None = None) -> list[tuple[int, dict]]:
    """Parse a batch of articles in this process and return ``(index, result)`` pairs.

    The pipeline is the one a forking parent left in :data:`_worker_pipeline`, else this
    process's own for ``settings``.
    """
    nlp = _worker_pipeline or settings.pipeline()
    articles = (article for _, article in batch)
    return [(index, article_result(doc, article, settings.min_confidence, extract))
            for (index, _), (doc, article) in zip(batch, parse_articles(nlp, articles, batch_size=len(batch)))]


def run(items: Iterator[Indexed], settings: Settings, *, engine: str = "local", jobs: int = 1,
        scheduler: str | None = None, nlp: Language | None = None, extract: Extract | None = None,
        on_phase: Callable[[str], None] | None = None) -> Iterator[tuple[int, dict]]:
    """Extract the records of ``items`` with ``engine`` (``local`` or ``dask``) and ``jobs`` workers.

    ``local`` with one job parses in this process; with more, in a pool of worker processes.
    ``dask`` submits batches to the Dask scheduler at ``scheduler`` (``tcp://host:8786``) or,
    without one, to a ``LocalCluster`` of ``jobs`` worker processes. Nothing is loaded or
    started until the first article arrives, so a build that parses nothing stays fast.
    ``on_phase`` is told ``"loading"`` before the pipeline loads (or the workers start) and
    ``"parsing"`` once it has.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    first = next(items, None)
    if first is None:
        return
    items = chain([first], items)
    phase = on_phase or (lambda name: None)
    phase("loading")
    if engine == "dask":
        yield from _run_dask(items, settings, jobs, scheduler, extract, phase)
    elif jobs == 1:
        nlp = nlp or settings.pipeline()
        phase("parsing")
        yield from _run_here(items, settings, nlp, extract)
    else:
        yield from _run_processes(items, settings, jobs, nlp, extract, phase)


def _run_here(items: Iterator[Indexed], settings: Settings, nlp: Language,
              extract: Extract | None) -> Iterator[tuple[int, dict]]:
    indexes: deque[int] = deque()  # nlp.pipe keeps the order, so indexes come back in turn

    def articles() -> Iterator[Article]:
        for index, article in items:
            indexes.append(index)
            yield article

    for doc, article in parse_articles(nlp, articles()):
        yield indexes.popleft(), article_result(doc, article, settings.min_confidence, extract)


def _batches(items: Iterator[Indexed], size: int = BATCH_SIZE) -> Iterator[list[Indexed]]:
    while batch := list(islice(items, size)):
        yield batch


def _in_order(tasks: Iterable, submit: Callable, result: Callable, window: int) -> Iterator[tuple[int, dict]]:
    # At most `window` batches in flight: workers never wait, and memory holds only those batches.
    pending: deque = deque()
    for task in tasks:
        pending.append(submit(task))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def _run_processes(items: Iterator[Indexed], settings: Settings, jobs: int, nlp: Language | None,
                   extract: Extract | None, phase: Callable[[str], None]) -> Iterator[tuple[int, dict]]:
    global _worker_pipeline
    if "fork" in multiprocessing.get_all_start_methods():
        # Forked workers share the parent's loaded pipeline (copy-on-write) instead of each
        # spending seconds loading its own.
        context = multiprocessing.get_context("fork")
        _worker_pipeline = nlp or settings.pipeline()
    else:  # pragma: no cover - spawn: every worker loads the pipeline for `settings`
        context = multiprocessing.get_context("spawn")
    try:
        with context.Pool(jobs, initializer=_ignore_interrupts) as pool:
            phase("parsing")
            yield from _in_order(_batches(items), lambda batch: pool.apply_async(extract_batch, (settings, batch, extract)),
                                 lambda task: task.get(), window=2 * jobs)
    finally:
        _worker_pipeline = None


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process of the terminal: the parent stops the build, workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_dask(items: Iterator[Indexed], settings: Settings, jobs: int, scheduler: str | None,
              extract: Extract | None, phase: Callable[[str], None]) -> Iterator[tuple[int, dict]]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ValueError("--engine dask needs Dask, which is not installed: pip install \"dask[distributed]\" "
                         "(or, in kg's folder, pip install \".[dask]\")") from None

    cluster = None if scheduler else LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                  dashboard_address=":0")
    try:
        client = Client(scheduler or cluster)
    except OSError as error:
        raise ValueError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    try:
        workers = max(1, sum(client.nthreads().values()))
        phase("parsing")
        yield from _in_order(_batches(items), lambda batch: client.submit(extract_batch, settings, batch, extract,
                                                                           pure=False),
                             lambda future: future.result(), window=2 * workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
