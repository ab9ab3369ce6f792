"""Export: write the knowledge graph's tables and graphs to files.

Every file is written to a temporary file beside its destination and then renamed over it, so a
crash or a kill never leaves a partial or corrupt output file.

>>> import networkx as nx, tempfile
>>> from pathlib import Path
>>> g = nx.DiGraph()
>>> g.add_edge("iran", "hamas", edge_id="iran->hamas", weight=2)
>>> path = write_graphml(g, Path(tempfile.mkdtemp()) / "g.graphml")
>>> nx.read_graphml(path).edges["iran", "hamas"]["weight"]
2
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import networkx as nx
import pandas as pd

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it to ``path``, else delete it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(temporary)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_text(path: str | Path, text: str) -> Path:
    """Write a UTF-8 text file atomically."""
    with atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)


def write_csv(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as UTF-8 CSV (no index, ``\\n`` line ends) atomically."""
    with atomic_path(path) as temporary:
        table.to_csv(temporary, index=False, lineterminator="\n", encoding="utf-8")
    return Path(path)


def write_tables(kg: "KnowledgeGraph", outdir: str | Path) -> dict[str, Path]:
    """Write ``events.csv``, ``actors.csv`` and ``articles.csv`` into ``outdir``."""
    outdir = Path(outdir)
    return {f"{name}.csv": write_csv(table, outdir / f"{name}.csv")
            for name, table in (("events", kg.events), ("actors", kg.actors), ("articles", kg.articles))}


def write_graphml(graph: nx.Graph, path: str | Path) -> Path:
    """Write a graph as GraphML that Gephi reads whole: every edge has a unique ``id``.

    Edges take their id from the ``edge_id`` attribute (multigraph keys otherwise).
    """
    with atomic_path(path) as temporary:
        nx.write_graphml(graph, temporary, edge_id_from_attribute="edge_id")
    return Path(path)
