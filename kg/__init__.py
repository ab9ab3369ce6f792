"""kg: knowledge graphs of geopolitical actors from news articles.

The stages, one module each: :mod:`kg.ingest` -> :mod:`kg.nlp` -> :mod:`kg.actors` ->
:mod:`kg.events` -> :mod:`kg.graph` -> :mod:`kg.analysis` / :mod:`kg.render` / :mod:`kg.draw` /
:mod:`kg.readwrite`; :mod:`kg.builder` runs them all (:func:`build`, :func:`save`, :func:`load`)
and :mod:`kg.cli` is the command line over it.

>>> import kg
>>> graph = kg.build(["seeds"])      # doctest: +SKIP
>>> kg.save(graph, "output")          # doctest: +SKIP
"""

__version__ = "0.1.0"

from kg.actors import resolve_actor  # noqa: E402
from kg.builder import build, load, save  # noqa: E402
from kg.graph import KnowledgeGraph  # noqa: E402
from kg.ingest import Article, IngestError, read_articles  # noqa: E402
from kg.nlp import load_pipeline  # noqa: E402
from kg import analysis  # noqa: E402

__all__ = ["Article", "IngestError", "KnowledgeGraph", "analysis", "build", "load", "load_pipeline",
           "read_articles", "resolve_actor", "save", "__version__"]
