"""Render: the knowledge graph as one self-contained, interactive HTML page (pyvis / vis-network).

The page embeds vis-network (from pyvis's bundle) inline and loads nothing from the network. It
does not use pyvis's own page template, which links Bootstrap from a CDN; kg's template
(``kg/templates/graph.html``) is rendered with autoescaping, the graph data is embedded as
HTML-safe JSON and tooltips are plain text, so article text cannot inject markup or script.

Nodes are coloured by kind and sized by PageRank (:func:`centrality`); edges are coloured by their
most frequent QuadClass and as wide as their event count. The page filters by actor kind,
QuadClass and date range and finds an actor by name. Physics lays a small graph out and then
stops; a graph of more than :data:`PRECOMPUTED_LAYOUT_NODES` actors is laid out here instead, so
the page opens at once.

>>> from kg.graph import KnowledgeGraph
>>> kg = KnowledgeGraph.from_records([], [], [])
>>> "<html" in render_html(kg)
True
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import networkx as nx
import numpy as np
from markupsafe import Markup
from pyvis.network import Network

from kg.cameo import QUAD_CLASSES
from kg.export import write_text

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

KIND_COLOURS = {
    "state": "#4e79a7", "igo": "#59a14f", "armed_group": "#e15759", "party": "#b07aa1",
    "bloc": "#76b7b2", "person": "#edc948", "other": "#bab0ac",
}
QUAD_COLOURS = {1: "#8cc084", 2: "#1a7f37", 3: "#f28e2b", 4: "#c0392b"}
QUAD_ATTRIBUTES = {number: name.replace(" ", "_") for number, name in QUAD_CLASSES.items()}
MAX_SENTENCE_CHARS = 400
TOP_PARTNERS = 5
# Above this many actors the browser's own layout (physics, vis's "improved layout") takes
# seconds to minutes, so Python lays the graph out once and the page draws it as it is.
PRECOMPUTED_LAYOUT_NODES = 1000
LAYOUT_SEED = 7
LAYOUT_SPACING = 60  # pixels per unit of sqrt(nodes): keeps the average distance between nodes steady
DENSE_LAYOUT_NODES = 3000
VIS_BUNDLE = "templates/lib/vis-9.1.2"
OPTIONS = {
    "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": True},
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120, "avoidOverlap": 0.4},
        "stabilization": {"enabled": True, "iterations": 400, "fit": True},
    },
    "nodes": {"shape": "dot", "scaling": {"min": 10, "max": 40}, "font": {"size": 16}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "smooth": {"type": "continuous"},
              "scaling": {"min": 1, "max": 8}},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
}
PRECOMPUTED_OPTIONS = {
    **OPTIONS,
    "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
    "physics": {"enabled": False},
    "edges": {**OPTIONS["edges"], "smooth": False},
    "interaction": {**OPTIONS["interaction"], "hideEdgesOnDrag": True},
}


def centrality(graph: nx.DiGraph) -> dict[str, float]:
    """PageRank of each actor over its dyads in either direction, weighted by events (rounded to 4 places).

    Direction is left out on purpose: directed PageRank would make an actor that only receives
    one event (a dead end) outrank the actors busy on both sides.

    >>> g = nx.DiGraph([("iran", "russia"), ("turkey", "russia"), ("russia", "ukraine")])
    >>> ranks = centrality(g)
    >>> max(ranks, key=ranks.get), round(sum(ranks.values()), 2)
    ('russia', 1.0)
    """
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


def precomputed_layout(graph: nx.Graph, seed: int = LAYOUT_SEED,
                       dense_limit: int = DENSE_LAYOUT_NODES) -> dict[str, tuple[int, int]]:
    """Whole-pixel positions for every node from a seeded layout, so the same graph gets the same picture.

    ForceAtlas2 with strong gravity (which keeps small components near the rest) lays out graphs
    of up to ``dense_limit`` nodes; it holds a nodes-by-nodes array, so larger graphs get the
    sparse spring layout instead. The picture is centred and scaled to a radius that grows with
    the square root of the node count, so nodes stay about as far apart in any graph.

    >>> positions = precomputed_layout(nx.path_graph(["a", "b", "c"]))
    >>> sorted(positions) == ["a", "b", "c"] and positions == precomputed_layout(nx.path_graph(["a", "b", "c"]))
    True
    """
    if graph.number_of_nodes() == 0:
        return {}
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(graph.nodes))
    undirected.add_edges_from(sorted(graph.edges))
    if undirected.number_of_nodes() <= dense_limit:
        positions = nx.forceatlas2_layout(undirected, seed=seed, max_iter=50, strong_gravity=True)
    else:
        positions = nx.spring_layout(undirected, seed=seed)
    points = np.array([positions[node] for node in undirected], dtype=float)
    points -= points.mean(axis=0)
    extent = float(np.abs(points).max()) or 1.0
    points *= LAYOUT_SPACING * math.sqrt(len(points)) / extent
    return {node: (round(float(x)), round(float(y))) for node, (x, y) in zip(undirected, points)}


def _evidence_by_dyad(kg: "KnowledgeGraph", limit: int) -> dict[tuple[str, str], list[dict]]:
    ordered = kg.events.sort_values(["confidence", "date", "article_id", "sentence_start"],
                                    ascending=[False, True, True, True], kind="stable")
    evidence: dict[tuple[str, str], list[dict]] = {}
    for row in ordered.to_dict("records"):
        items = evidence.setdefault((row["source_id"], row["target_id"]), [])
        if len(items) < limit and all(i["sentence"] != row["sentence"] for i in items):
            items.append(row)
    return evidence


def _events_by_dyad(kg: "KnowledgeGraph") -> dict[tuple[str, str], list[list]]:
    """Per dyad, ``[date, quad_class, events]`` triples: what the page's QuadClass and date filters need."""
    counts = kg.events.groupby(["source_id", "target_id", "date", "quad_class"], sort=True).size()
    by_dyad: dict[tuple[str, str], list[list]] = {}
    for (source, target, date, quad), count in counts.items():
        by_dyad.setdefault((source, target), []).append([str(date), int(quad), int(count)])
    return by_dyad


def _shorten(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_SENTENCE_CHARS else text[:MAX_SENTENCE_CHARS - 1] + "\u2026"


def _node_tooltip(node: str, data: dict, graph: nx.DiGraph, rank: float) -> str:
    partners = sorted(((graph.edges[node, n]["weight"] if graph.has_edge(node, n) else 0)
                       + (graph.edges[n, node]["weight"] if graph.has_edge(n, node) else 0), graph.nodes[n]["name"])
                      for n in set(graph.successors(node)) | set(graph.predecessors(node)))
    lines = [data["name"], f"kind: {data['kind']}"]
    lines += [f"{key}: {data[key]}" for key in ("country", "sector", "code") if data.get(key)]
    lines.append(f"mentions: {data.get('mentions', 0)}")
    lines.append(f"PageRank: {rank:.4f}")
    if partners:
        top = sorted(partners, key=lambda p: (-p[0], p[1]))[:TOP_PARTNERS]
        lines.append("top partners: " + ", ".join(f"{name} ({count})" for count, name in top))
    return "\n".join(lines)


def _edge_tooltip(source: str, target: str, data: dict, evidence: list[dict]) -> str:
    counts = ", ".join(f"{QUAD_CLASSES[number]} {data[name]}" for number, name in QUAD_ATTRIBUTES.items()
                       if data[name])
    dates = data["first_date"] if data["first_date"] == data["last_date"] else \
        f"{data['first_date']} to {data['last_date']}"
    lines = [f"{source} \u2192 {target}: {data['weight']} event(s) in {data['articles']} article(s)",
             f"{counts}; mean Goldstein {data['goldstein_mean']}" + (f"; {dates}" if dates else "")]
    for row in evidence:
        lines.append("")
        lines.append(f"{row['date'] or 'undated'} \u00b7 {row['article_id']} \u00b7 {row['event_code']} "
                     f"{row['event_name']}")
        lines.append(f"\u201c{_shorten(row['sentence'])}\u201d")
    return "\n".join(lines)


def build_network(kg: "KnowledgeGraph", max_evidence: int = 5) -> Network:
    """The pyvis network of the dyad graph: coloured, sized, with tooltips and the data the filters need.

    Nodes are coloured by kind and sized by :func:`centrality`; edges coloured by their most
    frequent QuadClass, as wide as their event count, with up to ``max_evidence`` evidence
    sentences and their events as ``[date, quad_class, count]`` triples. A graph of more than
    :data:`PRECOMPUTED_LAYOUT_NODES` actors gets fixed positions and no physics.

    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph.from_records([{"event_id": "e1", "article_id": "a1", "date": "2024-01-21",
    ...     "source_id": "iran", "target_id": "hamas", "quad_class": 1, "goldstein": 1.0, "confidence": 0.9,
    ...     "event_code": "040", "event_name": "Consult", "sentence": "Iran met Hamas.", "sentence_start": 0,
    ...     "trigger_start": 5}], [], [])
    >>> edge = build_network(kg).edges[0]
    >>> edge["from"], edge["to"], edge["events"], edge["title"].splitlines()[-1]
    ('iran', 'hamas', [['2024-01-21', 1, 1]], '“Iran met Hamas.”')
    """
    graph = kg.graph
    ranks = centrality(graph)
    large = graph.number_of_nodes() > PRECOMPUTED_LAYOUT_NODES
    positions = precomputed_layout(graph) if large else {}
    network = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    for node, data in graph.nodes(data=True):
        placement = dict(zip(("x", "y"), positions[node])) if large else {}
        network.add_node(node, label=data["name"], title=_node_tooltip(node, data, graph, ranks[node]),
                         value=ranks[node], color=KIND_COLOURS.get(data["kind"], KIND_COLOURS["other"]),
                         kind=data["kind"], **placement)
    evidence = _evidence_by_dyad(kg, max_evidence)
    events = _events_by_dyad(kg)
    for source, target, data in graph.edges(data=True):
        quad = max(QUAD_CLASSES, key=lambda n: (data[QUAD_ATTRIBUTES[n]], -n))
        network.add_edge(source, target, id=data["edge_id"], value=data["weight"], color=QUAD_COLOURS[quad],
                         quad_class=quad, events=events[source, target],
                         title=_edge_tooltip(graph.nodes[source]["name"], graph.nodes[target]["name"], data,
                                             evidence.get((source, target), [])))
    network.options = PRECOMPUTED_OPTIONS if large else OPTIONS
    return network


def _template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.PackageLoader("kg", "templates"),
                                     autoescape=True, keep_trailing_newline=True)
    return environment.get_template("graph.html")


def _bundle(name: str) -> str:
    text = resources.files("pyvis").joinpath(f"{VIS_BUNDLE}/{name}").read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise RuntimeError(f"pyvis bundle {name} cannot be inlined safely")
    return text


def render_html(kg: "KnowledgeGraph", title: str = "kg: actor graph", max_evidence: int = 5) -> str:
    """The HTML page of the knowledge graph, as a string."""
    network = build_network(kg, max_evidence)
    dates = sorted(date for date in kg.events["date"].astype(str) if date)
    present = {kind for _node, kind in kg.graph.nodes(data="kind")}
    kinds = [kind for kind in KIND_COLOURS if kind in present] + sorted(present - set(KIND_COLOURS))
    return _template().render(
        title=title, nodes=network.nodes, edges=network.edges, options=network.options,
        vis_js=Markup(_bundle("vis-network.min.js")), vis_css=Markup(_bundle("vis-network.css")),
        kinds={kind: KIND_COLOURS.get(kind, KIND_COLOURS["other"]) for kind in kinds},
        quads={number: (QUAD_CLASSES[number], colour) for number, colour in QUAD_COLOURS.items()},
        dates={"first": dates[0] if dates else "", "last": dates[-1] if dates else ""},
        counts={"actors": kg.graph.number_of_nodes(), "dyads": kg.graph.number_of_edges(),
                "events": len(kg.events), "articles": len(kg.articles)},
    )


def write_html(kg: "KnowledgeGraph", path: str | Path, title: str = "kg: actor graph", max_evidence: int = 5) -> Path:
    """Write the HTML page atomically and return its path."""
    return write_text(path, render_html(kg, title, max_evidence))
