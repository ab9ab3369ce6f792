"""Cooperation and conflict: per dyad, per actor, allies and adversaries, structural balance.

A relation's sign is cooperation (QuadClasses 1-2) minus conflict (3-4) events, ties settled by
the sum of Goldstein values: +1 friendly, -1 hostile, 0 even. Structural balance (Heider;
Cartwright and Harary) reads the undirected signed graph: a triangle is balanced when the
product of its signs is positive ("the enemy of my enemy is my friend").

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_edge("a", "b", weight=2, verbal_cooperation=2)
>>> g.add_edge("b", "c", weight=1, material_conflict=1)
>>> g.add_edge("c", "a", weight=1, verbal_conflict=1)
>>> balance(g).to_dict()
{'triads': 1, 'balanced': 1, 'unbalanced': 0, 'balanced_share': 1.0}
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from kg.analysis._common import TEXT_COLUMNS, edge_table, names, node_id, pair_table, rounded, sign
from kg.graph import QUAD_ATTRIBUTES

RELATIONS = {1: "ally", -1: "adversary", 0: "neutral"}


def _mean(total: pd.Series, events: pd.Series) -> pd.Series:
    """Per-event mean of a total (0 where there are no events)."""
    return (total / events.where(events > 0)).fillna(0.0)


def dyads(graph: nx.DiGraph) -> pd.DataFrame:
    """One row per directed dyad, most events first (then by ids).

    Columns: ``source_id``, ``source_name``, ``target_id``, ``target_name``, ``weight`` (events),
    ``articles``, the four QuadClass counts, ``cooperation``, ``conflict``, ``sign``,
    ``goldstein_mean``, ``first_date``, ``last_date``, ``top_code``, ``top_code_name``,
    ``evidence``, ``evidence_article``.

    >>> table = dyads(nx.DiGraph([("a", "b", {"weight": 1}), ("b", "a", {"weight": 3})]))
    >>> table[["source_id", "weight"]].values.tolist()
    [['b', 3], ['a', 1]]
    """
    table = edge_table(graph)
    actor_names = names(graph)
    table["source_name"] = table["source_id"].map(actor_names)
    table["target_name"] = table["target_id"].map(actor_names)
    table["sign"] = sign(table["cooperation"], table["conflict"], table["goldstein_total"])
    table = table.sort_values(["weight", "source_id", "target_id"], ascending=[False, True, True], kind="stable")
    columns = ["source_id", "source_name", "target_id", "target_name", "weight", "articles", *QUAD_ATTRIBUTES.values(),
               "cooperation", "conflict", "sign", "goldstein_mean", *TEXT_COLUMNS]
    return rounded(table[columns].reset_index(drop=True))


def cooperation_conflict(graph: nx.DiGraph) -> pd.DataFrame:
    """Cooperation and conflict events per actor, sent and received, most cooperative first.

    Columns: ``name``, ``cooperation_sent``, ``conflict_sent``, ``cooperation_received``,
    ``conflict_received``, ``goldstein_sent`` and ``goldstein_received`` (mean per event) and
    ``net_cooperation`` (all cooperation minus all conflict).

    >>> g = nx.DiGraph([("rus", "ukr", {"weight": 2, "material_conflict": 2, "goldstein_mean": -10.0})])
    >>> table = cooperation_conflict(g)
    >>> table.loc[["ukr"], ["conflict_received", "goldstein_received", "net_cooperation"]].to_dict("records")
    [{'conflict_received': 2, 'goldstein_received': -10.0, 'net_cooperation': -2}]
    """
    edges = edge_table(graph)
    totals = ["weight", "cooperation", "conflict", "goldstein_total"]
    index = pd.Index(list(graph), name="actor_id", dtype=str)
    sent = edges.groupby("source_id")[totals].sum().reindex(index, fill_value=0)
    received = edges.groupby("target_id")[totals].sum().reindex(index, fill_value=0)
    table = pd.DataFrame({
        "name": pd.Series(names(graph), dtype=str),
        "cooperation_sent": sent["cooperation"].astype(int),
        "conflict_sent": sent["conflict"].astype(int),
        "cooperation_received": received["cooperation"].astype(int),
        "conflict_received": received["conflict"].astype(int),
        "goldstein_sent": _mean(sent["goldstein_total"], sent["weight"]),
        "goldstein_received": _mean(received["goldstein_total"], received["weight"]),
    }, index=index)
    table["net_cooperation"] = (table["cooperation_sent"] + table["cooperation_received"]
                                - table["conflict_sent"] - table["conflict_received"])
    table = table.reset_index().sort_values(["net_cooperation", "actor_id"], ascending=[False, True], kind="stable")
    return rounded(table.set_index("actor_id"))


def alliances(graph: nx.DiGraph, actor: str | None = None) -> pd.DataFrame:
    """Who are allies and who adversaries: one row per pair of actors, both directions together.

    Columns: ``actor_a``, ``name_a``, ``actor_b``, ``name_b`` (``actor_a`` < ``actor_b``),
    ``events``, ``cooperation``, ``conflict``, ``goldstein_mean``, ``sign`` and ``relation``
    (``ally``, ``adversary``, ``neutral``). Allies first, then adversaries, each by the size of
    the difference between cooperation and conflict; ``actor`` (id or name) keeps its pairs only.

    >>> g = nx.DiGraph([("a", "b", {"weight": 2, "verbal_conflict": 2}),
    ...                 ("b", "a", {"weight": 1, "verbal_cooperation": 1})])
    >>> alliances(g)[["actor_a", "actor_b", "events", "relation"]].values.tolist()
    [['a', 'b', 3, 'adversary']]
    """
    pairs = pair_table(graph)
    if actor is not None:
        centre = node_id(graph, actor)
        pairs = pairs[(pairs["actor_a"] == centre) | (pairs["actor_b"] == centre)]
    actor_names = names(graph)
    pairs = pairs.assign(
        name_a=pairs["actor_a"].map(actor_names), name_b=pairs["actor_b"].map(actor_names),
        events=pairs["weight"].astype(int),
        goldstein_mean=_mean(pairs["goldstein_total"], pairs["weight"]),
        relation=pairs["sign"].map(RELATIONS),
        order=pairs["sign"].map({1: 0, -1: 1, 0: 2}),
        margin=(pairs["cooperation"] - pairs["conflict"]).abs())
    pairs = pairs.sort_values(["order", "margin", "events", "actor_a", "actor_b"],
                              ascending=[True, False, False, True, True], kind="stable")
    columns = ["actor_a", "name_a", "actor_b", "name_b", "events", "cooperation", "conflict", "goldstein_mean",
               "sign", "relation"]
    return rounded(pairs[columns].reset_index(drop=True))


def signed_graph(graph: nx.DiGraph) -> nx.Graph:
    """The undirected signed graph: an edge for every pair with a non-zero sign, with ``sign`` and ``weight``.

    >>> signed_graph(nx.DiGraph([("a", "b", {"weight": 1, "material_conflict": 1})])).edges["a", "b"]
    {'sign': -1, 'weight': 1}
    """
    signed = nx.Graph()
    signed.add_nodes_from(graph.nodes(data=True))
    pairs = pair_table(graph)
    pairs = pairs[pairs["sign"] != 0]
    signed.add_edges_from((a, b, {"sign": int(s), "weight": int(w)})
                          for a, b, s, w in zip(pairs["actor_a"], pairs["actor_b"], pairs["sign"], pairs["weight"]))
    return signed


def balance(graph: nx.DiGraph) -> pd.Series:
    """Structural balance of the signed graph: ``triads`` (signed triangles), ``balanced``,
    ``unbalanced`` and ``balanced_share`` (NaN without triangles).

    Counted with sparse matrices rather than by listing triangles, which a dense graph has in
    millions. Each pair points from the actor of fewer partners to the one of more, so every
    triangle is one path i->j->k closed by i->k, and hubs do little work; with ``S`` the signed
    matrix so oriented, the sum of (S @ S) * S is balanced minus unbalanced triangles, and with
    ``|S|`` it counts them all.
    """
    pairs = pair_table(graph)
    pairs = pairs[pairs["sign"] != 0]
    nodes = pd.Index(sorted(set(pairs["actor_a"]) | set(pairs["actor_b"])))
    a, b = nodes.get_indexer(pairs["actor_a"]), nodes.get_indexer(pairs["actor_b"])
    partners = np.bincount(np.concatenate([a, b]), minlength=len(nodes))
    order = np.lexsort((np.arange(len(nodes)), partners))  # by partners, then by id
    position = np.empty(len(nodes), dtype=int)
    position[order] = np.arange(len(nodes))
    forward = position[a] < position[b]
    rows, columns = np.where(forward, a, b), np.where(forward, b, a)
    shape = (len(nodes), len(nodes))
    signs = sparse.csr_array((pairs["sign"].to_numpy(dtype=float), (rows, columns)), shape=shape)
    links = abs(signs)
    triads = int(round((links @ links).multiply(links).sum()))
    difference = int(round((signs @ signs).multiply(signs).sum()))
    balanced = (triads + difference) // 2
    return pd.Series({"triads": triads, "balanced": balanced, "unbalanced": triads - balanced,
                      "balanced_share": round(balanced / triads, 6) if triads else float("nan")}, dtype=object)
