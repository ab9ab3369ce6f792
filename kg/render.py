"""Render: the knowledge graph as one self-contained, interactive HTML page (pyvis / vis-network).

The page embeds vis-network (from pyvis's bundle) inline and loads nothing from the network. It
does not use pyvis's own page template, which links Bootstrap from a CDN; kg's template
(``kg/templates/graph.html``) is rendered with autoescaping, the graph data is embedded as
HTML-safe JSON and tooltips are plain text, so article text cannot inject markup or script.

>>> import pandas as pd
>>> from kg.graph import KnowledgeGraph
>>> kg = KnowledgeGraph.from_records([], [], [])
>>> "<html" in render_html(kg)
True
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
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
MAX_SENTENCE_CHARS = 400
VIS_BUNDLE = "templates/lib/vis-9.1.2"
OPTIONS = {
    "layout": {"randomSeed": 7, "improvedLayout": True},
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


def _evidence_by_dyad(kg: "KnowledgeGraph", limit: int) -> dict[tuple[str, str], list[dict]]:
    ordered = kg.events.sort_values(["confidence", "date", "article_id", "sentence_start"],
                                    ascending=[False, True, True, True], kind="stable")
    evidence: dict[tuple[str, str], list[dict]] = {}
    for row in ordered.to_dict("records"):
        items = evidence.setdefault((row["source_id"], row["target_id"]), [])
        if len(items) < limit and all(i["sentence"] != row["sentence"] for i in items):
            items.append(row)
    return evidence


def _shorten(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_SENTENCE_CHARS else text[:MAX_SENTENCE_CHARS - 1] + "\u2026"


def _node_tooltip(node: str, data: dict, graph) -> str:
    partners = sorted(((graph.edges[node, n]["weight"] if graph.has_edge(node, n) else 0)
                       + (graph.edges[n, node]["weight"] if graph.has_edge(n, node) else 0), graph.nodes[n]["name"])
                      for n in set(graph.successors(node)) | set(graph.predecessors(node)))
    lines = [data["name"], f"kind: {data['kind']}"]
    lines += [f"{key}: {data[key]}" for key in ("country", "sector", "code") if data.get(key)]
    lines.append(f"mentions: {data.get('mentions', 0)}")
    if partners:
        top = sorted(partners, key=lambda p: (-p[0], p[1]))[:5]
        lines.append("top partners: " + ", ".join(f"{name} ({count})" for count, name in top))
    return "\n".join(lines)


def _edge_tooltip(source: str, target: str, data: dict, evidence: list[dict]) -> str:
    counts = ", ".join(f"{QUAD_CLASSES[number]} {data[name]}" for number, name in
                       ((n, QUAD_CLASSES[n].replace(" ", "_")) for n in QUAD_CLASSES) if data[name])
    lines = [f"{source} \u2192 {target}: {data['weight']} event(s) in {data['articles']} article(s)",
             f"{counts}; mean Goldstein {data['goldstein_mean']}"]
    for row in evidence:
        lines.append("")
        lines.append(f"{row['date'] or 'undated'} \u00b7 {row['article_id']} \u00b7 {row['event_code']} "
                     f"{row['event_name']}")
        lines.append(f"\u201c{_shorten(row['sentence'])}\u201d")
    return "\n".join(lines)


def build_network(kg: "KnowledgeGraph", max_evidence: int = 5) -> Network:
    """The pyvis network of the dyad graph: coloured, sized and with tooltips.

    Nodes are coloured by kind and sized by events; edges coloured by their most frequent
    QuadClass, as wide as their event count, with up to ``max_evidence`` evidence sentences.
    """
    graph = kg.graph
    network = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    for node, data in graph.nodes(data=True):
        events = int(graph.in_degree(node, weight="weight") + graph.out_degree(node, weight="weight"))
        network.add_node(node, label=data["name"], title=_node_tooltip(node, data, graph), value=events,
                         color=KIND_COLOURS.get(data["kind"], KIND_COLOURS["other"]), kind=data["kind"])
    evidence = _evidence_by_dyad(kg, max_evidence)
    for source, target, data in graph.edges(data=True):
        quad = max(QUAD_CLASSES, key=lambda n: (data[QUAD_CLASSES[n].replace(" ", "_")], -n))
        network.add_edge(source, target, value=data["weight"], color=QUAD_COLOURS[quad], quad_class=quad,
                         title=_edge_tooltip(graph.nodes[source]["name"], graph.nodes[target]["name"], data,
                                             evidence.get((source, target), [])))
    network.set_options(json.dumps(OPTIONS))
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
    nodes, edges, _heading, _height, _width, options = network.get_network_data()
    return _template().render(
        title=title, nodes=nodes, edges=edges, options=json.loads(options),
        vis_js=Markup(_bundle("vis-network.min.js")), vis_css=Markup(_bundle("vis-network.css")),
        kinds=KIND_COLOURS, quads={QUAD_CLASSES[n]: colour for n, colour in QUAD_COLOURS.items()},
        counts={"actors": kg.graph.number_of_nodes(), "dyads": kg.graph.number_of_edges(),
                "events": len(kg.events), "articles": len(kg.articles)},
    )


def write_html(kg: "KnowledgeGraph", path: str | Path, title: str = "kg: actor graph", max_evidence: int = 5) -> Path:
    """Write the HTML page atomically and return its path."""
    return write_text(path, render_html(kg, title, max_evidence))
