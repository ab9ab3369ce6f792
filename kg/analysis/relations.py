"""Cooperation and conflict: per dyad, per actor, allies and adversaries, structural balance.

A relation's sign is weighted cooperation (QuadClasses 1-2) minus weighted conflict (3-4), its
``score``, where each event counts by :data:`QUAD_WEIGHTS` (a material act as three statements);
ties are settled by the sum of Goldstein values: +1 friendly, -1 hostile, 0 even. The same sign
is that of :func:`dyads` (one direction), :func:`alliances` and :func:`signed_graph` (both
directions) and :func:`kg.analysis.changes`. Structural balance (Heider;
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

from typing import Mapping

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from kg.analysis._common import (QUAD_WEIGHTS, TEXT_COLUMNS, check_weights, edge_table, names, node_id, pair_table,
                                 rounded, sign)
from kg.events.dates import event_dates
from kg.graph import QUAD_ATTRIBUTES, KnowledgeGraph

RELATIONS = {1: "ally", -1: "adversary", 0: "neutral"}
ALLIANCE_COLUMNS = ["actor_a", "name_a", "actor_b", "name_b", "events", *QUAD_ATTRIBUTES.values(), "cooperation",
                    "conflict", "score", "goldstein_mean", "sign", "relation"]


def _mean(total: pd.Series, events: pd.Series) -> pd.Series:
    """Per-event mean of a total (0 where there are no events)."""
    return (total / events.where(events > 0)).fillna(0.0)


def dyads(graph: nx.DiGraph, *, weights: Mapping[int, float] = QUAD_WEIGHTS) -> pd.DataFrame:
    """One row per directed dyad, most events first (then by ids).

    Columns: ``source_id``, ``source_name``, ``target_id``, ``target_name``, ``weight`` (events),
    ``articles``, the four QuadClass counts, ``cooperation``, ``conflict`` (events of QuadClasses
    1-2 and 3-4), ``sign`` (of the cooperation and conflict weighted by ``weights``, see
    :data:`QUAD_WEIGHTS`), ``goldstein_mean``, ``first_date``, ``last_date``, ``top_code``,
    ``top_code_name``, ``evidence``, ``evidence_article``.

    >>> table = dyads(nx.DiGraph([("a", "b", {"weight": 1}), ("b", "a", {"weight": 3})]))
    >>> table[["source_id", "weight"]].values.tolist()
    [['b', 3], ['a', 1]]
    """
    table = edge_table(graph, weights)
    actor_names = names(graph)
    table["source_name"] = table["source_id"].map(actor_names)
    table["target_name"] = table["target_id"].map(actor_names)
    table["sign"] = sign(table["score"], table["goldstein_total"])
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


def _period_graph(graph: KnowledgeGraph | nx.DiGraph, start: str | None, end: str | None) -> nx.DiGraph:
    """The dyad graph of the events from ``start`` to ``end`` (all of them when both are ``None``)."""
    if isinstance(graph, KnowledgeGraph):
        if start is None and end is None:
            return graph.graph
        return graph.subgraph(start=start, end=end).graph
    if start is not None or end is not None:
        raise TypeError("a period (start, end) needs the KnowledgeGraph, whose events are dated, "
                        "not its dyad graph: pass kg, not kg.graph")
    return graph


def _actor(graph: KnowledgeGraph | nx.DiGraph, actor: str) -> str:
    """The id of ``actor`` in the whole graph: by any name kg's resolver knows for a KnowledgeGraph,
    by id or name for a dyad graph."""
    return graph.actor_id(actor) if isinstance(graph, KnowledgeGraph) else node_id(graph, actor)


def alliances(graph: KnowledgeGraph | nx.DiGraph, start: str | None = None, end: str | None = None, *,
              actor: str | None = None, weights: Mapping[int, float] = QUAD_WEIGHTS) -> pd.DataFrame:
    """Who are allies and who adversaries, over a period: one row per pair of actors, both directions together.

    ``graph`` is the :class:`~kg.KnowledgeGraph` or its dyad graph (:attr:`kg.KnowledgeGraph.graph`);
    ``start`` and ``end`` (ISO dates ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, inclusive; either
    may be ``None``) keep the events of that period, as :meth:`kg.KnowledgeGraph.subgraph` does
    (undated events are then left out), and need the KnowledgeGraph. ``actor`` (an id or name;
    with a KnowledgeGraph any name kg's resolver knows, such as ``"US"``) keeps its pairs only.

    A pair's ``score`` is its weighted cooperation minus its weighted conflict, each event
    counting by its QuadClass as ``weights`` says (default :data:`QUAD_WEIGHTS`: 1 for a verbal
    event, 3 for a material one). Words are cheap: adversaries talk for years (the news corpus
    has 22 events of talks between the US and North Korea from 2015 to 2019, 19 threats and
    condemnations and two shows of force: allies by count, adversaries by weight) and allies
    criticise each other, while aid, sanctions and attacks cost the actor something, and
    CAMEO's Goldstein scale already rates them about twice as intense as words. So one attack
    outweighs two rounds of talks, and one shipment of aid two condemnations. A positive score
    makes the pair allies, a negative one adversaries; a score of 0 is settled by the sum of
    Goldstein values, and is ``neutral`` only when that is 0 too.

    Columns: ``actor_a``, ``name_a``, ``actor_b``, ``name_b`` (``actor_a`` < ``actor_b``),
    ``events``, the four QuadClass counts (``verbal_cooperation``, ``material_cooperation``,
    ``verbal_conflict``, ``material_conflict``), ``cooperation`` and ``conflict`` (events of
    QuadClasses 1-2 and 3-4, unweighted), ``score``, ``goldstein_mean``, ``sign`` and
    ``relation`` (``ally``, ``adversary``, ``neutral``). Allies first, then adversaries, each by
    the size of the score, then by events and ids; neutral pairs last.

    >>> kg = KnowledgeGraph.from_records([
    ...     {"event_id": f"e{n}", "article_id": "a", "date": date, "source_id": "usa", "target_id": "prk",
    ...      "quad_class": quad, "goldstein": goldstein, "event_code": code, "sentence_start": n}
    ...     for n, (date, quad, code, goldstein) in enumerate([
    ...         ("2017-03-01", 1, "036", 4.0), ("2017-04-01", 1, "040", 1.0), ("2017-08-01", 3, "130", -4.4),
    ...         ("2017-08-09", 3, "130", -4.4), ("2017-09-03", 4, "150", -7.2),
    ...         ("2018-06-12", 1, "040", 1.0), ("2018-06-12", 1, "057", 8.0)])], [], [])
    >>> alliances(kg)[["actor_a", "actor_b", "events", "cooperation", "conflict", "score", "relation"]].values.tolist()
    [['prk', 'usa', 7, 4, 3, -1.0, 'adversary']]
    >>> alliances(kg, "2018", "2018")[["events", "score", "relation"]].values.tolist()
    [[2, 2.0, 'ally']]
    """
    weights = check_weights(weights)
    centre = None if actor is None else _actor(graph, actor)
    period_graph = _period_graph(graph, start, end)
    pairs = pair_table(period_graph, weights)
    if centre is not None:
        pairs = pairs[(pairs["actor_a"] == centre) | (pairs["actor_b"] == centre)]
    actor_names = names(period_graph)
    pairs = pairs.assign(
        name_a=pairs["actor_a"].map(actor_names), name_b=pairs["actor_b"].map(actor_names),
        events=pairs["weight"].astype(int),
        goldstein_mean=_mean(pairs["goldstein_total"], pairs["weight"]),
        relation=pairs["sign"].map(RELATIONS),
        order=pairs["sign"].map({1: 0, -1: 1, 0: 2}),
        margin=pairs["score"].abs())
    pairs = pairs.sort_values(["order", "margin", "events", "actor_a", "actor_b"],
                              ascending=[True, False, False, True, True], kind="stable")
    return rounded(pairs[ALLIANCE_COLUMNS].reset_index(drop=True))


def _years(kg: KnowledgeGraph) -> list[str]:
    """The years (``YYYY``) in which the events of ``kg`` are dated, in order (see :func:`kg.events.dates.event_dates`).

    >>> _years(KnowledgeGraph.from_records([
    ...     {"event_id": "e1", "article_id": "a", "date": "2020-01-05", "event_date": "1981", "source_id": "isr",
    ...      "target_id": "irq", "quad_class": 4, "event_code": "190", "sentence_start": 0},
    ...     {"event_id": "e2", "article_id": "a", "date": "2020-01-05", "source_id": "isr", "target_id": "irn",
    ...      "quad_class": 3, "event_code": "111", "sentence_start": 9}], [], []))
    ['1981', '2020']
    """
    dates = event_dates(kg.events)
    return sorted({date[:4] for date in dates if date})


def alliances_by_year(kg: KnowledgeGraph, *, actor: str | None = None,
                      weights: Mapping[int, float] = QUAD_WEIGHTS) -> pd.DataFrame:
    """:func:`alliances` of each year in one table: a ``year`` column (``YYYY``), then those of :func:`alliances`.

    A year holds the events dated in it (by :func:`kg.events.dates.event_dates`: an event of ``1981``
    is in 1981, an article's own date otherwise); undated events are in no year. Rows by year,
    then as :func:`alliances` orders them; years without events (or without ``actor``'s) have
    no rows. A pair can be allies one year and adversaries the next.

    >>> kg = KnowledgeGraph.from_records([
    ...     {"event_id": f"e{n}", "article_id": "a", "date": date, "source_id": "usa", "target_id": "prk",
    ...      "quad_class": quad, "goldstein": goldstein, "event_code": code, "sentence_start": n}
    ...     for n, (date, quad, code, goldstein) in enumerate([
    ...         ("2017-03-01", 1, "036", 4.0), ("2017-08-01", 4, "150", -7.2), ("2018-06-12", 1, "057", 8.0)])],
    ...     [], [])
    >>> alliances_by_year(kg)[["year", "actor_a", "actor_b", "score", "relation"]].values.tolist()
    [['2017', 'prk', 'usa', -2.0, 'adversary'], ['2018', 'prk', 'usa', 1.0, 'ally']]
    """
    weights = check_weights(weights)
    centre = None if actor is None else kg.actor_id(actor)
    tables = [alliances(kg, year, year, actor=centre, weights=weights).assign(year=year) for year in _years(kg)]
    if not tables:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in ["year", *ALLIANCE_COLUMNS]})
    table = pd.concat(tables, ignore_index=True)
    return table[["year", *ALLIANCE_COLUMNS]]


def signed_graph(graph: nx.DiGraph, *, weights: Mapping[int, float] = QUAD_WEIGHTS) -> nx.Graph:
    """The undirected signed graph: an edge for every pair with a non-zero sign (as :func:`alliances`
    gives it, with ``weights``), with ``sign`` and ``weight`` (events).

    >>> signed_graph(nx.DiGraph([("a", "b", {"weight": 1, "material_conflict": 1})])).edges["a", "b"]
    {'sign': -1, 'weight': 1}
    """
    signed = nx.Graph()
    signed.add_nodes_from(graph.nodes(data=True))
    pairs = pair_table(graph, weights)
    pairs = pairs[pairs["sign"] != 0]
    signed.add_edges_from((a, b, {"sign": int(s), "weight": int(w)})
                          for a, b, s, w in zip(pairs["actor_a"], pairs["actor_b"], pairs["sign"], pairs["weight"]))
    return signed


def balance(graph: nx.DiGraph, *, weights: Mapping[int, float] = QUAD_WEIGHTS) -> pd.Series:
    """Structural balance of the signed graph (:func:`signed_graph`, with ``weights``): ``triads``
    (signed triangles), ``balanced``, ``unbalanced`` and ``balanced_share`` (NaN without triangles).

    Counted with sparse matrices rather than by listing triangles, which a dense graph has in
    millions. Each pair points from the actor of fewer partners to the one of more, so every
    triangle is one path i->j->k closed by i->k, and hubs do little work; with ``S`` the signed
    matrix so oriented, the sum of (S @ S) * S is balanced minus unbalanced triangles, and with
    ``|S|`` it counts them all.

    >>> g = nx.DiGraph([("a", "b", {"weight": 1, "verbal_cooperation": 1}),
    ...                 ("b", "c", {"weight": 1, "verbal_cooperation": 1}),
    ...                 ("a", "c", {"weight": 1, "material_conflict": 1})])
    >>> balance(g).to_dict()
    {'triads': 1, 'balanced': 0, 'unbalanced': 1, 'balanced_share': 0.0}
    """
    pairs = pair_table(graph, weights)
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
