"""Helpers shared by the analyses: actor names and ids, dyad tables, the sign of a relation."""

from __future__ import annotations

import math
from types import MappingProxyType
from typing import Mapping

import networkx as nx
import numpy as np
import pandas as pd

from kg.graph import QUAD_ATTRIBUTES

# How much one event of each QuadClass counts towards the sign of a relation (exported as
# kg.analysis.QUAD_WEIGHTS): 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
# 4 material conflict. A material act (aid, military cooperation, sanctions, an attack) counts as
# three statements (talks, appeals, threats, condemnations), whether it cooperates or conflicts:
# - CAMEO's own Goldstein scale rates material acts about twice as intense as words (mean
#   |Goldstein| of its codes: 6.9 for material and 3.6 for verbal cooperation, 7.6 and 4.5 for
#   conflict), and that is a floor: intensity is not evidence of alignment;
# - words are cheap: adversaries negotiate for years (the US and North Korea) and allies
#   criticise each other, while aid, sanctions and attacks cost the actor something;
# - weights above 3 hand the sign of a pair to single events, where extraction errors weigh most.
# Cooperation and conflict get the same weights, so a pair with as much of each is even.
QUAD_WEIGHTS: Mapping[int, float] = MappingProxyType({1: 1.0, 2: 3.0, 3: 1.0, 4: 3.0})
QUAD_SIGNS = {1: 1, 2: 1, 3: -1, 4: -1}
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


def check_weights(weights: Mapping[int, float]) -> dict[int, float]:
    """``weights`` as a dict of the four QuadClasses to finite, non-negative numbers, else ``ValueError``.

    >>> check_weights({1: 1, 2: 3, 3: 1, 4: 3})
    {1: 1.0, 2: 3.0, 3: 1.0, 4: 3.0}
    >>> check_weights({1: 1, 2: 3})
    Traceback (most recent call last):
    ...
    ValueError: weights must give a number for each QuadClass 1, 2, 3 and 4, not {1: 1, 2: 3}
    """
    try:
        checked = {quad: float(weights[quad]) for quad in QUAD_ATTRIBUTES}
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"weights must give a number for each QuadClass 1, 2, 3 and 4, not {weights!r}") from None
    if set(weights) != set(QUAD_ATTRIBUTES) or not all(math.isfinite(w) and w >= 0 for w in checked.values()):
        raise ValueError(f"weights must give a finite number >= 0 for each QuadClass 1, 2, 3 and 4 (and no other "
                         f"key), not {weights!r}")
    return checked


def score(counts: pd.DataFrame, weights: Mapping[int, float] = QUAD_WEIGHTS) -> pd.Series:
    """Weighted cooperation minus weighted conflict, per row of a table with the four QuadClass counts.

    >>> score(pd.DataFrame({"verbal_cooperation": [5], "material_cooperation": [0], "verbal_conflict": [1],
    ...                     "material_conflict": [1]})).tolist()
    [1.0]
    """
    weights = check_weights(weights)
    total = pd.Series(0.0, index=counts.index)
    for quad, column in QUAD_ATTRIBUTES.items():
        total += QUAD_SIGNS[quad] * weights[quad] * counts[column].astype(float)
    return total.rename("score")


def edge_table(graph: nx.DiGraph, weights: Mapping[int, float] = QUAD_WEIGHTS) -> pd.DataFrame:
    """One row per dyad: ``source_id``, ``target_id`` and the dyad attributes of :func:`kg.graph.dyad_graph`.

    Attributes an edge lacks are 0 (counts) or empty (text), so hand-made graphs with only a
    ``weight`` work too. Adds ``cooperation`` and ``conflict`` (QuadClasses 1-2 and 3-4),
    ``score`` (:func:`score` with ``weights``) and ``goldstein_total`` (the sum over the dyad's
    events).
    """
    rows = [{"source_id": source, "target_id": target, **data} for source, target, data in graph.edges(data=True)]
    table = pd.DataFrame(rows, columns=["source_id", "target_id", *EDGE_COLUMNS])
    table[TEXT_COLUMNS] = table[TEXT_COLUMNS].astype(object).fillna("")
    table[COUNT_COLUMNS] = table[COUNT_COLUMNS].fillna(0).astype(int)
    table["goldstein_mean"] = table["goldstein_mean"].fillna(0.0).astype(float)
    table["cooperation"] = table[COOPERATION].sum(axis=1).astype(int)
    table["conflict"] = table[CONFLICT].sum(axis=1).astype(int)
    table["score"] = score(table, weights)
    table["goldstein_total"] = table["goldstein_mean"] * table["weight"]
    return table


def pair_table(graph: nx.DiGraph, weights: Mapping[int, float] = QUAD_WEIGHTS) -> pd.DataFrame:
    """One row per unordered pair of actors (``actor_a`` < ``actor_b``) with both directions summed:
    ``weight``, the four QuadClass counts, ``cooperation``, ``conflict``, ``score``,
    ``goldstein_total`` and ``sign`` (of the score, ties by the Goldstein sum)."""
    edges = edge_table(graph, weights)
    first = edges["source_id"] < edges["target_id"]
    edges["actor_a"] = edges["source_id"].where(first, edges["target_id"])
    edges["actor_b"] = edges["target_id"].where(first, edges["source_id"])
    pairs = edges.groupby(["actor_a", "actor_b"], sort=True, as_index=False)[
        ["weight", *QUAD_ATTRIBUTES.values(), "cooperation", "conflict", "score", "goldstein_total"]].sum()
    pairs["sign"] = sign(pairs["score"], pairs["goldstein_total"])
    return pairs


def sign(net: pd.Series, goldstein_total: pd.Series) -> np.ndarray:
    """+1 (friendly), -1 (hostile) or 0: the sign of the (weighted) cooperation minus conflict,
    ties settled by the Goldstein sum.

    >>> sign(pd.Series([2.0, 0.0, 0.0, 0.0]), pd.Series([-2.0, -4.0, 3.0, 0.0])).tolist()
    [1, -1, 1, 0]
    """
    net = np.round(np.asarray(net, dtype=float), 9)
    return np.where(net != 0, np.sign(net), np.sign(np.round(np.asarray(goldstein_total, dtype=float), 9))).astype(int)


def rounded(table: pd.DataFrame) -> pd.DataFrame:
    """Floats rounded to a fixed number of digits, so that files do not vary in the last bits."""
    return table.round({c: FLOAT_DIGITS for c in table.columns if table[c].dtype.kind == "f"})
