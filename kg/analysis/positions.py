"""Centrality: who is central, who brokers, and an actor's ego network.

Distances for betweenness and closeness are ``1 / weight``: a dyad of many events is a short
path. Strength is degree weighted by events. Tables are indexed by ``actor_id`` and carry the
actor's ``name``.

>>> import networkx as nx
>>> g = nx.DiGraph([("tur", "rus", {"weight": 2}), ("irn", "rus", {"weight": 1}), ("rus", "ukr", {"weight": 3})])
>>> table = centrality(g)
>>> table.index.tolist()
['rus', 'ukr', 'tur', 'irn']
>>> table.loc[["rus"], ["degree", "strength", "betweenness"]].to_dict("records")
[{'degree': 3, 'strength': 6, 'betweenness': 0.333333}]
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse.csgraph import dijkstra

from kg.analysis._common import names, node_id, rounded
from kg.analysis.relations import dyads
from kg.graph import KnowledgeGraph

# Above these sizes betweenness and closeness are estimated from a seeded sample of source nodes
# (pivots). Betweenness runs one Dijkstra per pivot in Python, about 0.1 s each on a graph of
# 5,000 actors and 120,000 dyads; closeness runs them in C (scipy) and can afford many more.
EXACT_BETWEENNESS_NODES = 500
BETWEENNESS_PIVOTS = 64
EXACT_CLOSENESS_NODES = 2000
CLOSENESS_PIVOTS = 500

# CAMEO 045 "Mediate": the source brokers between its targets.
MEDIATION_CODES = frozenset({"045"})


def _distance(source: str, target: str, data: dict) -> float:
    return 1.0 / data.get("weight", 1)


def betweenness(graph: nx.DiGraph, *, pivots: int | None = None, seed: int = 0) -> pd.Series:
    """Normalised betweenness on distances ``1 / weight``, by actor.

    Exact up to :data:`EXACT_BETWEENNESS_NODES` nodes, else estimated from
    :data:`BETWEENNESS_PIVOTS` source nodes drawn with ``seed`` (``pivots`` overrides).

    >>> betweenness(nx.DiGraph([("a", "b"), ("b", "c")])).to_dict()
    {'a': 0.0, 'b': 0.5, 'c': 0.0}
    """
    if pivots is None and graph.number_of_nodes() > EXACT_BETWEENNESS_NODES:
        pivots = BETWEENNESS_PIVOTS
    if pivots is not None and pivots >= graph.number_of_nodes():
        pivots = None
    scores = nx.betweenness_centrality(graph, k=pivots, weight=_distance, seed=seed)
    return pd.Series(scores, name="betweenness", dtype=float).reindex(list(graph))


def closeness(graph: nx.DiGraph, *, pivots: int | None = None, seed: int = 0) -> pd.Series:
    """Closeness on distances ``1 / weight``, by actor, as NetworkX defines it for a directed graph.

    Incoming distances, scaled by the share of actors that reach the actor (Wasserman and
    Faust), so a graph in pieces compares fairly. Exact up to :data:`EXACT_CLOSENESS_NODES`
    nodes, else estimated from :data:`CLOSENESS_PIVOTS` source nodes drawn with ``seed``
    (Eppstein and Wang): the mean distance from the pivots stands for the mean from every actor.

    >>> closeness(nx.DiGraph([("a", "b"), ("b", "c")])).round(3).to_dict()
    {'a': 0.0, 'b': 0.5, 'c': 0.667}
    """
    nodes = list(graph)
    count = len(nodes)
    if count < 2:
        return pd.Series(0.0, index=nodes, name="closeness", dtype=float)
    if pivots is None and count > EXACT_CLOSENESS_NODES:
        pivots = CLOSENESS_PIVOTS
    sources = np.arange(count)
    if pivots is not None and pivots < count:
        sources = np.sort(np.random.default_rng(seed).choice(count, size=pivots, replace=False))
    lengths = nx.to_scipy_sparse_array(graph, nodelist=nodes, weight="weight", format="csr").astype(float)
    lengths.data = 1.0 / lengths.data
    distances = dijkstra(lengths, directed=True, indices=sources)
    distances[np.arange(len(sources)), sources] = np.inf  # an actor's distance to itself does not count
    reached = np.isfinite(distances)
    reaching = reached.sum(axis=0)
    total = np.where(reached, distances, 0.0).sum(axis=0)
    # Each actor is measured from the pivots other than itself.
    others = len(sources) - np.isin(np.arange(count), sources)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(total > 0, reaching / total * reaching / others, 0.0)
    return pd.Series(scores, index=nodes, name="closeness", dtype=float)


def eigenvector(graph: nx.DiGraph) -> pd.Series:
    """Eigenvector centrality on event counts (in-edges), by actor; Katz centrality where it does not converge.

    The Series is named after the measure that gave it, ``"eigenvector"`` or ``"katz"``. Katz's
    attenuation is 0.9 over the largest strength, a bound on the spectral radius, so it converges.

    >>> eigenvector(nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])).name
    'eigenvector'
    >>> eigenvector(nx.DiGraph([("a", "b")])).name
    'katz'
    """
    if graph.number_of_nodes() == 0:
        return pd.Series(dtype=float, name="eigenvector")
    try:
        scores, method = nx.eigenvector_centrality(graph, weight="weight"), "eigenvector"
    except nx.PowerIterationFailedConvergence:
        largest = max(max(dict(graph.in_degree(weight="weight")).values()),
                      max(dict(graph.out_degree(weight="weight")).values()), 1)
        scores, method = nx.katz_centrality(graph, alpha=0.9 / largest, weight="weight", max_iter=1000), "katz"
    return pd.Series(scores, name=method, dtype=float).reindex(list(graph))


def centrality(graph: nx.DiGraph, *, seed: int = 0) -> pd.DataFrame:
    """Every centrality measure of every actor, most central first.

    Columns: ``rank``, ``name``, ``kind``, ``degree`` (dyads, in + out), ``in_degree``,
    ``out_degree``, ``strength`` (events, in + out), ``in_strength``, ``out_strength``,
    ``pagerank``, ``pagerank_undirected``, ``betweenness``, ``closeness``, ``eigenvector``.
    Ranked by degree (how many actors it deals with, either way), then strength, then id.
    ``attrs["eigenvector_method"]`` is ``"katz"`` where eigenvector centrality did not converge
    (see :func:`eigenvector`).

    The two PageRanks differ in what a dyad means:

    - ``pagerank``: directed PageRank over the dyads weighted by events (NetworkX's
      ``pagerank``): rank flows from source to target, so it is high for the actors that
      important actors act upon (a target of much attention), and an actor that only acts ranks
      low;
    - ``pagerank_undirected``: PageRank over the dyads in either direction, weighted by events
      (:func:`pagerank_undirected`, rounded to 4 places): high for the actors busy with
      important actors either way. The HTML page sizes its nodes by it and shows it as
      "PageRank".

    The US acts on three actors and none acts on it: last by ``pagerank``, first by ``pagerank_undirected``.

    >>> g = nx.DiGraph([("usa", "irn", {"weight": 2}), ("usa", "prk", {"weight": 1}), ("usa", "cub", {"weight": 1})])
    >>> table = centrality(g)
    >>> table["pagerank"].idxmin(), table["pagerank_undirected"].idxmax()
    ('usa', 'usa')
    """
    nodes = list(graph)
    eigen = eigenvector(graph)
    table = pd.DataFrame({
        "name": pd.Series(names(graph)),
        "kind": pd.Series({node: str(data.get("kind", "")) for node, data in graph.nodes(data=True)}, dtype=str),
        "in_degree": pd.Series(dict(graph.in_degree()), dtype=int),
        "out_degree": pd.Series(dict(graph.out_degree()), dtype=int),
        "in_strength": pd.Series(dict(graph.in_degree(weight="weight")), dtype=int),
        "out_strength": pd.Series(dict(graph.out_degree(weight="weight")), dtype=int),
        "pagerank": pd.Series(nx.pagerank(graph, weight="weight"), dtype=float),
        "pagerank_undirected": pd.Series(pagerank_undirected(graph), dtype=float),
        "betweenness": betweenness(graph, seed=seed),
        "closeness": closeness(graph, seed=seed),
        "eigenvector": eigen.rename("eigenvector"),
    }, index=pd.Index(nodes, name="actor_id", dtype=str))
    table.insert(2, "degree", table["in_degree"] + table["out_degree"])
    table.insert(5, "strength", table["in_strength"] + table["out_strength"])
    table = table.reset_index().sort_values(["degree", "strength", "actor_id"], ascending=[False, False, True],
                                            kind="stable").set_index("actor_id")
    table.insert(0, "rank", range(1, len(table) + 1))
    table = rounded(table)
    table.attrs["eigenvector_method"] = eigen.name
    return table


def pagerank_undirected(graph: KnowledgeGraph | nx.DiGraph) -> dict[str, float]:
    """PageRank of each actor over its dyads in either direction, weighted by events (rounded to 4 places).

    Takes the :class:`~kg.KnowledgeGraph` or its dyad graph. Direction is left out on purpose:
    directed PageRank (the ``pagerank`` column of :func:`centrality`) would make an actor that
    only receives one event (a dead end) outrank the actors busy on both sides. A pair's events
    in both directions are summed into one undirected edge. This is the "PageRank" of the HTML
    page (node sizes and tooltips); the values sum to 1 (up to rounding), ``{}`` for no actors.

    >>> g = nx.DiGraph([("iran", "russia"), ("turkey", "russia"), ("russia", "ukraine")])
    >>> ranks = pagerank_undirected(g)
    >>> max(ranks, key=ranks.get), round(sum(ranks.values()), 2)
    ('russia', 1.0)
    """
    if isinstance(graph, KnowledgeGraph):
        graph = graph.graph
    both_ways = nx.Graph()
    both_ways.add_nodes_from(sorted(graph.nodes))
    for source, target, weight in graph.edges(data="weight", default=1):
        if both_ways.has_edge(source, target):
            both_ways.edges[source, target]["weight"] += weight
        else:
            both_ways.add_edge(source, target, weight=weight)
    if both_ways.number_of_nodes() == 0:
        return {}
    return {node: round(rank, 4) for node, rank in nx.pagerank(both_ways, weight="weight").items()}


def brokers(kg: KnowledgeGraph, *, betweenness_scores: pd.Series | None = None, seed: int = 0) -> pd.DataFrame:
    """Actors between others: high betweenness, or events mediating between parties (CAMEO 045).

    Columns: ``name``, ``betweenness``, ``mediations`` (mediating events as the source),
    ``mediated`` (the actors it mediated with, by name). Only actors with either; ranked by
    betweenness, then mediations, then id. Pass ``betweenness_scores`` to reuse a computed one.

    >>> kg = KnowledgeGraph.from_records([
    ...     {"event_id": "e1", "source_id": "rus", "target_id": "hamas", "event_code": "045", "quad_class": 1,
    ...      "goldstein": 5.0, "article_id": "a", "date": "", "confidence": 0.9, "sentence_start": 0}], [], [])
    >>> brokers(kg)[["mediations", "mediated"]].to_dict("index")
    {'rus': {'mediations': 1, 'mediated': 'hamas'}}
    """
    graph = kg.graph
    scores = betweenness(graph, seed=seed) if betweenness_scores is None else betweenness_scores
    actor_names = names(graph)
    mediations = kg.events[kg.events["event_code"].astype(str).isin(MEDIATION_CODES)]
    mediated = mediations.groupby("source_id")["target_id"].agg(
        lambda targets: ", ".join(sorted({actor_names.get(t, t) for t in targets})))
    table = pd.DataFrame({
        "name": pd.Series(actor_names, dtype=str),
        "betweenness": scores.reindex(list(graph)).fillna(0.0),
        "mediations": mediations["source_id"].value_counts().reindex(list(graph)).fillna(0).astype(int),
        "mediated": mediated.reindex(list(graph)).fillna(""),
    }, index=pd.Index(list(graph), name="actor_id", dtype=str))
    table = table[(table["betweenness"] > 0) | (table["mediations"] > 0)]
    table = table.reset_index().sort_values(["betweenness", "mediations", "actor_id"],
                                            ascending=[False, False, True], kind="stable")
    return rounded(table.set_index("actor_id"))


def ego_network(graph: nx.DiGraph, actor: str, radius: int = 1) -> pd.DataFrame:
    """The dyads among the actors within ``radius`` dyads of ``actor`` (id or name), as :func:`dyads` lists them.

    >>> g = nx.DiGraph([("a", "b", {"weight": 2}), ("b", "c", {"weight": 1}), ("c", "d", {"weight": 1})])
    >>> ego_network(g, "b")[["source_id", "target_id", "weight"]].values.tolist()
    [['a', 'b', 2], ['b', 'c', 1]]
    """
    return dyads(nx.ego_graph(graph, node_id(graph, actor), radius=radius, undirected=True))


__all__ = ["BETWEENNESS_PIVOTS", "CLOSENESS_PIVOTS", "EXACT_BETWEENNESS_NODES", "EXACT_CLOSENESS_NODES",
           "MEDIATION_CODES", "betweenness", "brokers", "centrality", "closeness", "ego_network", "eigenvector",
           "pagerank_undirected"]
