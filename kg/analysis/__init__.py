"""Analyses of the knowledge graph: plain functions over its graphs that return pandas tables.

- :mod:`kg.analysis.positions`: :func:`centrality` (degree, strength, PageRank directed and
  undirected, betweenness, closeness, eigenvector or Katz), :func:`pagerank_undirected` (the
  HTML page's PageRank), :func:`brokers`, :func:`ego_network`;
- :mod:`kg.analysis.groups`: :func:`communities` (Louvain, seeded);
- :mod:`kg.analysis.relations`: :func:`dyads`, :func:`cooperation_conflict`, :func:`alliances`
  (over a period) and :func:`alliances_by_year`, where a material event counts as
  :data:`QUAD_WEIGHTS` says, :func:`signed_graph`, :func:`balance` (structural balance);
- :mod:`kg.analysis.timeline`: :func:`between`, :func:`per_month`, :func:`changes`.

Functions take the dyad graph (:attr:`kg.KnowledgeGraph.graph`), or the
:class:`~kg.KnowledgeGraph` where they need its events. Tables are keyed by ``actor_id`` with
the actor's ``name``, in a fixed order; random choices are seeded.

>>> import kg
>>> graph = kg.load("output")                                    # doctest: +SKIP
>>> kg.analysis.centrality(graph.graph).head(3)                 # doctest: +SKIP
>>> kg.analysis.write_analysis(kg.analysis.analysis_tables(graph), "output")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import pandas as pd

from kg.analysis._common import QUAD_WEIGHTS
from kg.analysis.relations import alliances, alliances_by_year, balance, cooperation_conflict, dyads, signed_graph
from kg.analysis.positions import (betweenness, brokers, centrality, closeness, ego_network, eigenvector,
                                   pagerank_undirected)
from kg.analysis.groups import communities
from kg.analysis.timeline import between, changes, per_month
from kg.readwrite.tables import write_csv
from kg.graph import KnowledgeGraph

TOP_COLUMNS = ["rank", "name", "kind", "degree", "strength", "pagerank", "pagerank_undirected", "betweenness",
               "community"]


def analysis_tables(kg: KnowledgeGraph, *, seed: int = 0) -> dict[str, pd.DataFrame]:
    """The tables ``kg analyze`` writes, by file name.

    ``centrality.csv`` (:func:`centrality`, with each actor's ``community``),
    ``communities.csv`` (:func:`communities`) and ``dyads.csv`` (:func:`dyads`).

    >>> tables = analysis_tables(KnowledgeGraph.from_records([
    ...     {"event_id": "e1", "article_id": "a", "date": "2024-01-02", "source_id": "rus", "target_id": "ukr",
    ...      "quad_class": 4, "event_code": "190", "sentence_start": 0}], [], []))
    >>> sorted(tables), tables["centrality.csv"]["actor_id"].tolist()
    (['centrality.csv', 'communities.csv', 'dyads.csv'], ['rus', 'ukr'])
    """
    graph = kg.graph
    groups = communities(graph, seed=seed)
    ranked = centrality(graph, seed=seed)
    ranked["community"] = groups["community"].reindex(ranked.index)
    return {"centrality.csv": ranked.reset_index(), "communities.csv": groups.reset_index(),
            "dyads.csv": dyads(graph)}


def write_analysis(tables: Mapping[str, pd.DataFrame], outdir: str | Path) -> dict[str, Path]:
    """Write each table of :func:`analysis_tables` into ``outdir`` under its name, atomically.

    >>> write_analysis(analysis_tables(kg.load("output")), "output")["dyads.csv"]  # doctest: +SKIP
    PosixPath('output/dyads.csv')
    """
    return {name: write_csv(table, Path(outdir) / name) for name, table in tables.items()}


def top_actors(ranked: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The ``top`` first rows of the centrality table, with the columns worth reading at a glance.

    >>> table = pd.DataFrame({"rank": [1], "name": ["Russia"], "kind": ["state"], "degree": [6], "strength": [8],
    ...     "pagerank": [0.1380081], "pagerank_undirected": [0.2011], "betweenness": [0.142857], "community": [0],
    ...     "closeness": [0.4]})
    >>> print(top_actors(table).to_string(index=False))
     rank   name  kind  degree  strength  pagerank  pagerank_undirected  betweenness  community
        1 Russia state       6         8     0.138                0.201        0.143          0
    """
    return ranked.head(top)[[c for c in TOP_COLUMNS if c in ranked]].round(3)


__all__ = ["QUAD_WEIGHTS", "alliances", "alliances_by_year", "analysis_tables", "balance", "between", "betweenness",
           "brokers", "centrality", "changes", "closeness", "communities", "cooperation_conflict", "dyads",
           "ego_network", "eigenvector", "pagerank_undirected", "per_month", "signed_graph", "top_actors",
           "write_analysis"]
