"""Graph formats for Gephi and friends: GraphML, GEXF with a timeline, NetworkX node-link JSON.

NetworkX reads each of them back (``nx.read_graphml``, ``nx.read_gexf``, ``nx.node_link_graph``);
kg's writers add what those tools need: a unique id on every edge, dates for Gephi's timeline and
the same bytes for the same graph.

Both XML writers go through :func:`xml_safe` first: XML 1.0 forbids the C0 controls but tab, LF
and CR, lone surrogates and U+FFFE/U+FFFF anywhere in a document, and one such character in an
article's text would make the whole file unreadable. Each is replaced by U+FFFD, the character
decoders put in place of what they cannot read (as in ``unresolved.actors.yaml``), in ids,
attribute names and values alike; ids that only those characters told apart are kept apart (see
:func:`xml_ids`), so every edge still points at its own nodes. The CSV tables keep the text whole.

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
import re
from pathlib import Path
from typing import TYPE_CHECKING, Hashable, Iterable

import networkx as nx
import pandas as pd

from kg.events.dates import event_dates, period
from kg.readwrite.files import atomic_path, write_text

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph


# Every character but those XML 1.0 allows (https://www.w3.org/TR/xml/#charsets).
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD.

    >>> print(ascii(xml_text("Doha\\uffff talks\\x01\\r\\n")))
    'Doha\\ufffd talks\\ufffd\\r\\n'
    """
    return _XML_FORBIDDEN.sub("\ufffd", text)


def xml_ids(ids: Iterable[Hashable]) -> dict[Hashable, Hashable]:
    """Each of ``ids`` mapped to an id XML can hold, distinct ids to distinct ids.

    An id that is text keeps what XML allows and has the rest replaced (:func:`xml_text`); when
    that makes it another id's, it takes the first free ``~2``, ``~3``... suffix, in the order of
    ``ids``. An id XML already allows is never renamed. Other ids (numbers) are kept.

    >>> print(ascii(xml_ids(["gaza\\x01", "gaza\\x02", "gaza\\ufffd", 7])))
    {'gaza\\x01': 'gaza\\ufffd~2', 'gaza\\x02': 'gaza\\ufffd~3', 'gaza\\ufffd': 'gaza\\ufffd', 7: 7}
    """
    ids = list(dict.fromkeys(ids))
    taken = {i for i in ids if not isinstance(i, str) or not _XML_FORBIDDEN.search(i)}
    safe = {}
    for original in ids:
        if original in taken:
            safe[original] = original
            continue
        cleaned = candidate = xml_text(original)
        number = 1
        while candidate in taken:
            number += 1
            candidate = f"{cleaned}~{number}"
        taken.add(candidate)
        safe[original] = candidate
    return safe


def xml_safe(graph: nx.Graph, edge_id: str) -> nx.Graph:
    """A copy of ``graph`` that an XML 1.0 file can hold: node ids and edge ids (the ``edge_id``
    attribute, and the keys of a multigraph) made safe by :func:`xml_ids`, every attribute name and
    text value (in lists and tuples too) by :func:`xml_text`. The same id becomes the same safe
    id everywhere, so every edge keeps its ends.

    >>> g = nx.DiGraph()
    >>> g.add_edge("iran\\x01", "hamas", edge_id="iran\\x01->hamas", evidence="met\\uffff")
    >>> print(ascii(list(xml_safe(g, "edge_id").edges(data=True))))
    [('iran\\ufffd', 'hamas', {'edge_id': 'iran\\ufffd->hamas', 'evidence': 'met\\ufffd'})]
    """
    nodes = xml_ids(graph.nodes)
    edges = list(graph.edges(keys=True, data=True) if graph.is_multigraph() else graph.edges(data=True))
    edge_ids = xml_ids([data[edge_id] for *_ends, data in edges if edge_id in data]
                       + ([key for _source, _target, key, _data in edges] if graph.is_multigraph() else []))
    safe = graph.__class__()
    safe.graph.update(_xml_attributes(graph.graph))
    for node, data in graph.nodes(data=True):
        safe.add_node(nodes[node], **_xml_attributes(data))
    for source, target, *multigraph_key, data in edges:
        attributes = _xml_attributes(data)
        if edge_id in data:
            attributes[edge_id] = edge_ids[data[edge_id]]
        safe.add_edge(nodes[source], nodes[target], *(edge_ids[key] for key in multigraph_key), **attributes)
    return safe


def _xml_attributes(data: dict) -> dict:
    return {_xml_value(name): _xml_value(value) for name, value in data.items()}


def _xml_value(value):
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_xml_value(item) for item in value)
    return value


def write_graphml(graph: nx.Graph, path: str | Path) -> Path:
    """Write a graph as GraphML that Gephi reads whole: every edge has a unique ``id``.

    Edges take their id from the ``edge_id`` attribute (multigraph keys otherwise); what XML
    forbids is replaced first (:func:`xml_safe`).
    """
    with atomic_path(path) as temporary:
        nx.write_graphml(xml_safe(graph, edge_id="edge_id"), temporary, edge_id_from_attribute="edge_id")
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
    instead (or none), so the same graph always gives the same bytes. Edges take their id from the
    ``id`` attribute; what XML forbids is replaced first (:func:`xml_safe`).
    """
    graph = xml_safe(graph, edge_id="id")
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
