"""kg: knowledge graphs of geopolitical actors from news articles.

The stages, one module each: :mod:`kg.ingest` -> :mod:`kg.nlp` -> :mod:`kg.actors` ->
:mod:`kg.events` -> :mod:`kg.graph` -> :mod:`kg.analysis` / :mod:`kg.render` / :mod:`kg.draw` /
:mod:`kg.readwrite`; :mod:`kg.builder` runs them all (:func:`build`, :func:`save`, :func:`load`)
and :mod:`kg.cli` is the command line over it.

The names below load their module on first use, so ``import kg`` (and ``kg --help``) costs no
spaCy, pandas or NetworkX import until one is needed.

>>> import kg
>>> graph = kg.build(["seeds"])      # doctest: +SKIP
>>> kg.save(graph, "output")          # doctest: +SKIP
"""

from importlib import import_module

__version__ = "0.1.0"

_LAZY = {"resolve_actor": "kg.actors", "build": "kg.builder", "load": "kg.builder", "save": "kg.builder",
         "KnowledgeGraph": "kg.graph", "Article": "kg.ingest", "IngestError": "kg.ingest",
         "read_articles": "kg.ingest", "load_pipeline": "kg.nlp", "analysis": "kg.analysis"}

__all__ = ["Article", "IngestError", "KnowledgeGraph", "analysis", "build", "load", "load_pipeline",
           "read_articles", "resolve_actor", "save", "__version__"]


def __getattr__(name: str):
    if name in _LAZY:
        module = import_module(_LAZY[name])
        value = module if name == "analysis" else getattr(module, name)
    else:  # a submodule, as after an eager import: kg.actors, kg.events.dates
        try:
            value = import_module(f"kg.{name}")
        except ModuleNotFoundError:
            raise AttributeError(f"module 'kg' has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
