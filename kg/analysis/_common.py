"""Helpers shared by the analyses: actor names and ids, dyad tables, the sign of a relation."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from kg.graph import QUAD_ATTRIBUTES

COOPERATION = [QUAD_ATTRIBUTES[1], QUAD_ATTRIBUTES[2]]
CONFLICT = [QUAD_ATTRIBUTES[3], QUAD_ATTRIBUTES[4]]
COUNT_COLUMNS = ["weight", "articles", *QUAD_ATTRIBUTES.values()]
TEXT_COLUMNS = ["first_date", "last_date", "top_code", "top_code_name", "evidence", "evidence_article"]
EDGE_COLUMNS = [*COUNT_COLUMNS, "goldstein_mean", *TEXT_COLUMNS]
FLOAT_DIGITS = 6


def names(graph: nx.Graph) -> dict[str, str]:
    """Each node's ``name`` attribute (its id where it has none)."""
    return {node: str(data.get("name", node)) for node, data in graph.nodes(data=True)}


def node_id(graph: nx.Graph, actor: str) -> str:
    """The node of ``actor``, given by id or by name (case-insensitive)."""
    if actor in graph:
        return actor
    for node, name in names(graph).items():
        if name.casefold() == actor.casefold():
            return node
    raise ValueError(f"no actor {actor!r} in this graph (give an actor_id or name from actors.csv)")


def edge_table(graph: nx.DiGraph) -> pd.DataFrame:
    """One row per dyad: ``source_id``, ``target_id`` and the dyad attributes of :func:`kg.graph.dyad_graph`.

    Attributes an edge lacks are 0 (counts) or empty (text), so hand-made graphs with only a
    ``weight`` work too. Adds ``cooperation`` and ``conflict`` (QuadClasses 1-2 and 3-4) and
    ``goldstein_total`` (the sum over the dyad's events).
    """
    rows = [{"source_id": source, "target_id": target, **data} for source, target, data in graph.edges(data=True)]
    table = pd.DataFrame(rows, columns=["source_id", "target_id", *EDGE_COLUMNS])
    table[TEXT_COLUMNS] = table[TEXT_COLUMNS].astype(object).fillna("")
    table[COUNT_COLUMNS] = table[COUNT_COLUMNS].fillna(0).astype(int)
    table["goldstein_mean"] = table["goldstein_mean"].fillna(0.0).astype(float)
    table["cooperation"] = table[COOPERATION].sum(axis=1).astype(int)
    table["conflict"] = table[CONFLICT].sum(axis=1).astype(int)
    table["goldstein_total"] = table["goldstein_mean"] * table["weight"]
    return table


def pair_table(graph: nx.DiGraph) -> pd.DataFrame:
    """One row per unordered pair of actors (``actor_a`` < ``actor_b``) with both directions summed:
    ``weight``, ``cooperation``, ``conflict``, ``goldstein_total`` and ``sign``."""
    edges = edge_table(graph)
    first = edges["source_id"] < edges["target_id"]
    edges["actor_a"] = edges["source_id"].where(first, edges["target_id"])
    edges["actor_b"] = edges["target_id"].where(first, edges["source_id"])
    pairs = edges.groupby(["actor_a", "actor_b"], sort=True, as_index=False)[
        ["weight", "cooperation", "conflict", "goldstein_total"]].sum()
    pairs["sign"] = sign(pairs["cooperation"], pairs["conflict"], pairs["goldstein_total"])
    return pairs


def sign(cooperation: pd.Series, conflict: pd.Series, goldstein_total: pd.Series) -> np.ndarray:
    """+1 (friendly), -1 (hostile) or 0: cooperation minus conflict events, ties settled by the Goldstein sum.

    >>> sign(pd.Series([3, 1, 1, 0]), pd.Series([1, 1, 1, 0]), pd.Series([2.0, -4.0, 0.0, 0.0])).tolist()
    [1, -1, 0, 0]
    """
    net = np.asarray(cooperation, dtype=float) - np.asarray(conflict, dtype=float)
    return np.where(net != 0, np.sign(net), np.sign(np.round(np.asarray(goldstein_total, dtype=float), 9))).astype(int)


def rounded(table: pd.DataFrame) -> pd.DataFrame:
    """Floats rounded to a fixed number of digits, so that files do not vary in the last bits."""
    return table.round({c: FLOAT_DIGITS for c in table.columns if table[c].dtype.kind == "f"})
