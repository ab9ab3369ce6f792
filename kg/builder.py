"""Build: articles in, knowledge graph out (ingest -> NLP -> actors -> events -> graph).

>>> import kg
>>> graph = kg.build(["seeds"])                                    # doctest: +SKIP
>>> graph.events[["source_name", "event_code", "target_name"]]      # doctest: +SKIP
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from kg.actors import Actor, actor_record
from kg.events import Event, event_record
from kg.graph import KnowledgeGraph
from kg.ingest import Article, IngestError, read_articles
from kg.nlp import DEFAULT_MODEL, parse_articles, shared_pipeline


def build(inputs: Iterable[str | Path], *, model: str = DEFAULT_MODEL, actor_files: Iterable[str | Path] = (),
          predicate_files: Iterable[str | Path] = (), min_confidence: float = 0.0, nlp: Language | None = None,
          on_error: Callable[[IngestError], None] | None = None) -> KnowledgeGraph:
    """Read the articles in ``inputs`` (files or folders) and build their knowledge graph.

    ``model`` names any installed spaCy pipeline; ``actor_files`` and ``predicate_files`` extend
    the packaged dictionaries; events below ``min_confidence`` are left out. Files that cannot
    be read are skipped: each problem goes to ``on_error`` and into ``KnowledgeGraph.problems``.
    The pipeline for a model and set of files is loaded once per process and shared
    (:func:`kg.nlp.shared_pipeline`); pass your own as ``nlp`` to use another.
    """
    problems: list[str] = []

    def report(error: IngestError) -> None:
        problems.append(str(error))
        if on_error is not None:
            on_error(error)

    graph = build_articles(read_articles(inputs, on_error=report), model=model, actor_files=actor_files,
                           predicate_files=predicate_files, min_confidence=min_confidence, nlp=nlp)
    graph.problems = problems
    return graph


def build_articles(articles: Iterable[Article], *, model: str = DEFAULT_MODEL,
                   actor_files: Iterable[str | Path] = (), predicate_files: Iterable[str | Path] = (),
                   min_confidence: float = 0.0, nlp: Language | None = None,
                   extract: Callable[[Doc], list[Event]] | None = None) -> KnowledgeGraph:
    """Build the knowledge graph of :class:`kg.ingest.Article` objects (see :func:`build`).

    ``extract`` replaces kg's event extractor (the naive baseline of :mod:`kg.evaluate` uses it).
    """
    nlp = nlp or shared_pipeline(model, tuple(str(f) for f in actor_files), tuple(str(f) for f in predicate_files))
    events, rows = [], []
    actors: dict[str, Actor] = {}
    mentions: Counter[str] = Counter()
    for doc, article in parse_articles(nlp, articles):
        for mention in doc._.mentions.values():
            if mention.ref is not None:
                node = mention.ref.node
                actors[node.id] = node
                mentions[node.id] += 1
        kept = [e for e in (extract(doc) if extract else doc._.events) if e.confidence >= min_confidence]
        for event in kept:
            for node in (event.source.node, event.target.node):
                actors.setdefault(node.id, node)
        events += [event_record(article.id, article.date, event) for event in kept]
        rows.append(_article_record(article, len(kept)))
    return KnowledgeGraph.from_records(
        events, [actor_record(actor, mentions[actor_id]) for actor_id, actor in actors.items()], rows)


def _article_record(article: Article, events: int) -> dict:
    return {"article_id": article.id, "date": article.date or "", "title": article.title or "",
            "url": article.url or "", "path": article.path, "characters": len(article.text), "events": events}


def load(outdir: str | Path) -> KnowledgeGraph:
    """Load a knowledge graph that ``kg build`` saved in ``outdir`` (no NLP is run)."""
    return KnowledgeGraph.load(outdir)
