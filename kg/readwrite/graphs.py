"""Graph formats for Gephi and friends: GraphML, GEXF with a timeline, NetworkX node-link JSON.

NetworkX reads each of them back (``nx.read_graphml``, ``nx.read_gexf``, ``nx.node_link_graph``);
kg's writers add what those tools need: a unique id on every edge, dates for Gephi's timeline and
the same bytes for the same graph.

>>> import networkx as nx, tempfile
>>> from pathlib import Path
>>> g = nx.DiGraph()
>>> g.add_edge("iran", "hamas", edge_id="iran->hamas", weight=2)
>>> path = write_graphml(g, Path(tempfile.mkdtemp()) / "g.graphml")
>>> nx.read_graphml(path).edges["iran", "hamas"]["weight"]
2
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from kg.events.dates import event_dates, period
from kg.readwrite.files import atomic_path, write_text

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph


def write_graphml(graph: nx.Graph, path: str | Path) -> Path:
    """Write a graph as GraphML that Gephi reads whole: every edge has a unique ``id``.

    Edges take their id from the ``edge_id`` attribute (multigraph keys otherwise).
    """
    with atomic_path(path) as temporary:
        nx.write_graphml(graph, temporary, edge_id_from_attribute="edge_id")
    return Path(path)


def timeline_graph(kg: "KnowledgeGraph") -> nx.DiGraph:
    """The dyad graph dated for Gephi's timeline: actors live from their first to their last event,
    dyads on each date they had one (a ``spells`` list of ``(first day, last day)``).

    Events are dated by :func:`kg.events.dates.event_dates`: an event the sentence dates only by year or
    month is a spell over that whole year or month. Nodes take their name as ``label``; edges their
    ``edge_id`` as ``id``. Undated events add no time, so an actor or dyad known only from undated
    articles is always shown.

    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph.from_records([
    ...     {"event_id": "e1", "article_id": "a", "date": "2022-03-01", "source_id": "rus", "target_id": "ukr",
    ...      "quad_class": 4, "goldstein": -10.0, "confidence": 0.9, "event_code": "190", "sentence": "s"},
    ...     {"event_id": "e2", "article_id": "b", "date": "2022-03-09", "source_id": "rus", "target_id": "ukr",
    ...      "quad_class": 4, "goldstein": -10.0, "confidence": 0.9, "event_code": "190", "sentence": "t"}], [], [])
    >>> g = timeline_graph(kg)
    >>> g.nodes["rus"]["start"], g.nodes["rus"]["end"], g.edges["rus", "ukr"]["spells"]
    ('2022-03-01', '2022-03-09', [('2022-03-01', '2022-03-01'), ('2022-03-09', '2022-03-09')])
    """
    events = kg.events.assign(when=event_dates(kg.events))
    dated = events[events["when"] != ""]
    spans = {value: period(value) for value in set(dated["when"])}
    dated = dated.assign(first=dated["when"].map(lambda value: spans[value][0]),
                         last=dated["when"].map(lambda value: spans[value][1]))
    days = dated.groupby(["source_id", "target_id"])["when"].unique()
    acting = pd.concat([dated[["source_id", "first", "last"]].set_axis(["actor", "first", "last"], axis=1),
                        dated[["target_id", "first", "last"]].set_axis(["actor", "first", "last"], axis=1)])
    lifetimes = acting.groupby("actor").agg(min=("first", "min"), max=("last", "max"))
    graph = nx.DiGraph()
    for node, data in kg.graph.nodes(data=True):
        span = {"start": lifetimes.at[node, "min"], "end": lifetimes.at[node, "max"]} if node in lifetimes.index else {}
        graph.add_node(node, label=data["name"], **data, **span)
    for source, target, data in kg.graph.edges(data=True):
        attributes = {key: value for key, value in data.items() if key != "edge_id"}
        if (source, target) in days.index:
            attributes["spells"] = sorted(spans[when] for when in days[source, target])
        graph.add_edge(source, target, id=data["edge_id"], **attributes)
    return graph


def write_gexf(graph: nx.Graph, path: str | Path) -> Path:
    """Write a graph as GEXF 1.2 (dynamic when it carries ``start``/``end``/``spells``).

    networkx stamps the file with today's date; kg puts the latest date in the graph there
    instead (or none), so the same graph always gives the same bytes.
    """
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(graph)
    meta = writer.xml.find("meta")
    dates = [str(d) for _node, d in graph.nodes(data="end") if d] + \
            [str(end) for _s, _t, spells in graph.edges(data="spells") for _start, end in (spells or [])]
    if dates:
        meta.set("lastmodifieddate", max(dates))
    else:
        del meta.attrib["lastmodifieddate"]
    with atomic_path(path) as temporary, open(temporary, "wb") as handle:
        writer.write(handle)
    return Path(path)


def write_node_link_json(graph: nx.Graph, path: str | Path) -> Path:
    """Write a graph as NetworkX node-link JSON (``nodes`` and ``edges`` lists, keys sorted)."""
    data = nx.node_link_data(graph, edges="edges")
    return write_text(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
