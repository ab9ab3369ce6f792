"""Render: the knowledge graph as one self-contained, interactive HTML page (pyvis / vis-network).

The page embeds vis-network (from pyvis's bundle) inline and loads nothing from the network. It
does not use pyvis's own page template, which links Bootstrap from a CDN; kg's template
(``kg/templates/graph.html``) is rendered with autoescaping, the graph data is embedded as
HTML-safe JSON and tooltips are plain text, so article text cannot inject markup or script.

Nodes are coloured by kind and sized by PageRank (:func:`kg.analysis.pagerank_undirected`); edges are coloured by their
most frequent QuadClass and as wide as their event count. The page opens on the top actors by
rank, filters by actor kind, QuadClass, date and period, and finds an actor by any name kg's
resolver knows. Every graph is laid out here (:func:`view_layout`, seeded), and the page runs no
physics, so it opens at once and the same graph always gives the same file.

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

from kg.analysis.positions import pagerank_undirected
from kg.cameo import QUAD_CLASSES
from kg.events.dates import event_dates, period
from kg.options import COLOURINGS, DEFAULT_TOP
from kg.readwrite.files import write_text

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
# Beyond this many actors the spring refinement of the actors outside the default view (NetworkX's
# energy method, nodes-by-nodes) takes tens of seconds: each is left where its placed partners put it.
REFINED_LAYOUT_NODES = 2000
VIS_BUNDLE = "templates/lib/vis-9.1.2"
HIDDEN_KINDS = ("other",)  # kinds the page opens without (a checkbox shows them)
LABELLED = 30  # how many of the shown actors are named at the fitted zoom
MIN_LABEL_PX, MAX_LABEL_PX = 12, 22  # on-screen label sizes at the fitted zoom, lowest to highest rank
MAX_FIT_ZOOM = 2.5  # a view of a few actors is fitted no closer than this
COMMUNITY_SEED = 0
# The community colours: tab10 without its grey (kind "other"'s colour marks the small communities).
COMMUNITY_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22",
                     "#17becf")
MONTHLY_SPAN_MONTHS = 24  # dated events spanning at most this many months get a slider by month
# vis draws no label under drawThreshold - 1 pixels on screen and fades those under drawThreshold.
LABEL_SCALING = {"enabled": False, "drawThreshold": MIN_LABEL_PX, "maxVisible": 30}
OPTIONS = {
    "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
    "physics": {"enabled": False},
    "nodes": {"shape": "dot", "scaling": {"min": 8, "max": 40, "label": LABEL_SCALING},
              "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
              "smooth": {"type": "curvedCW", "roundness": 0.12}, "scaling": {"min": 1, "max": 8},
              "font": {"size": 0}},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
}
# Above PRECOMPUTED_LAYOUT_NODES actors: straight edges, and no edges while dragging.
PRECOMPUTED_OPTIONS = {
    **OPTIONS,
    "edges": {**OPTIONS["edges"], "smooth": False},
    "interaction": {**OPTIONS["interaction"], "hideEdgesOnDrag": True},
}


def rank_order(graph: nx.DiGraph, ranks: dict[str, float]) -> list[str]:
    """Every actor, highest rank first, then by name and id (the order of ``kg.draw.default_view``).

    >>> rank_order(nx.DiGraph([("iran", "russia"), ("turkey", "russia")]), {"iran": 0.25, "turkey": 0.25, "russia": 0.5})
    ['russia', 'iran', 'turkey']
    """
    return sorted(graph.nodes, key=lambda node: (-ranks.get(node, 0.0), str(graph.nodes[node].get("name", node)), node))


def pull_graph(graph: nx.DiGraph, nodes: list[str] | None = None) -> nx.Graph:
    """The undirected graph of ``nodes`` (default all, sorted) whose dyads pull by the log of their
    events (both directions summed), as the layouts of the page and of :mod:`kg.draw` read it.

    >>> pull_graph(nx.DiGraph([("a", "b", {"weight": 1}), ("b", "a", {"weight": 1})])).edges["a", "b"]["pull"] > 1
    True
    """
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(graph.nodes) if nodes is None else nodes)
    for source, target, weight in sorted(graph.subgraph(undirected.nodes).edges(data="weight", default=1)):
        pull = math.log1p(weight)
        if undirected.has_edge(source, target):
            undirected.edges[source, target]["pull"] += pull
        else:
            undirected.add_edge(source, target, pull=pull)
    return undirected


def rank_layout(pulls: nx.Graph, ranks: dict[str, float], seed: int = LAYOUT_SEED) -> dict:
    """Seeded ForceAtlas2 positions of a :func:`pull_graph`: strong gravity keeps actors linked only
    to hidden ones near the rest, and each node's size (its rank) keeps its neighbours off it.
    Beyond :data:`DENSE_LAYOUT_NODES` actors (ForceAtlas2 holds a nodes-by-nodes array), the
    sparse spring layout.

    >>> sorted(rank_layout(pull_graph(nx.DiGraph([("a", "b")])), {"a": 0.5, "b": 0.5}))
    ['a', 'b']
    """
    if pulls.number_of_nodes() > DENSE_LAYOUT_NODES:
        return nx.spring_layout(pulls, weight="pull", seed=seed)
    top_rank = max((ranks.get(node, 0.0) for node in pulls), default=0.0) or 1.0
    sizes = {node: 0.3 + 3.0 * math.sqrt(ranks.get(node, 0.0) / top_rank) for node in pulls}
    with np.errstate(invalid="ignore", divide="ignore"):
        positions = nx.forceatlas2_layout(pulls, seed=seed, max_iter=300, strong_gravity=True, weight="pull",
                                          node_size=sizes)
    if not all(np.isfinite(position).all() for position in positions.values()):
        # ForceAtlas2 divides by each node's swing, which is 0 once two lone actors settle: no position.
        return nx.spring_layout(pulls, weight="pull", seed=seed)
    return positions


def dominant_quad(data: dict) -> int:
    """A dyad's most frequent QuadClass, ties going to the lower class.

    >>> dominant_quad({"verbal_cooperation": 2, "material_cooperation": 0, "verbal_conflict": 2,
    ...                "material_conflict": 1})
    1
    """
    return max(QUAD_CLASSES, key=lambda number: (data.get(QUAD_ATTRIBUTES[number], 0), -number))


def view_layout(graph: nx.DiGraph, ranks: dict[str, float], *, top: int = DEFAULT_TOP,
                hide: tuple[str, ...] = HIDDEN_KINDS, seed: int = LAYOUT_SEED) -> dict[str, tuple[int, int]]:
    """Whole-pixel positions of every actor, laid out for the view the page opens on.

    The default view's actors (the ``top`` first by rank, no kind in ``hide``) are laid out first,
    alone (seeded ForceAtlas2, each actor's rank keeping its neighbours off it), so that view is as
    readable as it can be; every other actor is then put by its placed partners (a few seeded
    spring iterations with the view's actors held still, up to :data:`REFINED_LAYOUT_NODES`
    actors), so views that show more keep the same picture. Scaled so the default view's radius grows with the square root of its size.

    >>> g = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> positions = view_layout(g, pagerank_undirected(g), top=2)
    >>> sorted(positions) == ["a", "b", "c", "d"] and positions == view_layout(g, pagerank_undirected(g), top=2)
    True
    """
    if graph.number_of_nodes() == 0:
        return {}
    order = rank_order(graph, ranks)
    hidden = set(hide)
    core = [node for node in order if graph.nodes[node].get("kind") not in hidden][:top] or order[:top]
    undirected = pull_graph(graph)
    inner = undirected.subgraph(core)
    placed = rank_layout(inner, ranks, seed)
    points = np.array([placed[node] for node in core], dtype=float)
    points -= points.mean(axis=0)
    extent = float(np.abs(points).max()) or 1.0
    radius = LAYOUT_SPACING * math.sqrt(len(core))
    positions = {node: point * radius / extent for node, point in zip(core, points)}
    rest = [node for node in order if node not in positions]
    if rest:
        lengths = [float(np.linalg.norm(positions[a] - positions[b])) for a, b in inner.edges]
        step = float(np.median(lengths)) if lengths else radius / 4
        rng = np.random.default_rng(seed)
        for index, node in enumerate(rest):  # by rank: a partner of higher rank is placed already
            partners = [positions[n] for n in sorted(undirected.neighbors(node)) if n in positions]
            angle = rng.uniform(0, 2 * math.pi)
            offset = np.array([math.cos(angle), math.sin(angle)])
            if partners:
                positions[node] = np.mean(partners, axis=0) + offset * step * rng.uniform(0.5, 1.0)
            else:  # in no dyad with a placed actor: a ring around the picture
                positions[node] = offset * (radius + step * (1 + index % 5))
        if undirected.number_of_nodes() <= REFINED_LAYOUT_NODES:
            positions = nx.spring_layout(undirected, pos=positions, fixed=core, k=step, iterations=15, seed=seed,
                                         weight=None)
    return {node: (round(float(positions[node][0])), round(float(positions[node][1]))) for node in order}


def actor_aliases(kg: "KnowledgeGraph", dictionary=None) -> dict[str, list[str]]:
    """The other names kg's resolver knows for each actor of the graph, as the page's search takes them.

    An actor's names are those of its dictionary entry (aliases, metonyms such as "the Kremlin",
    the state organs acting for it) and those of the people who act for it in these events
    ("Putin", "Vladimir Putin"); each is kept only if :func:`kg.resolve_actor` gives the actor
    for it. Cities and adjectives are left out. Sorted case-insensitively; the actor's own name
    is not repeated.
    """
    from kg.actors import resolve_actor
    from kg.actors.dictionary import ActorDictionary, normalise

    ids = set(kg.graph.nodes)
    if not ids:
        return {}
    dictionary = dictionary or ActorDictionary.default()
    people = set()
    for column in ("source_person", "target_person"):
        if column in kg.events.columns:
            people |= {normalise(str(name)) for name in kg.events[column].dropna() if str(name)}
    candidates = dictionary.names_for(ids, people)
    labels = {node: normalise(str(data.get("name", node))) for node, data in kg.graph.nodes(data=True)}
    aliases: dict[str, list[str]] = {}
    for actor in sorted(candidates):
        shown = set()
        for key in candidates[actor]:
            if key == labels[actor]:
                continue
            for form in dictionary.written_forms(key) or [key]:  # "U.S." and "US"
                ref = resolve_actor(form, dictionary=dictionary)
                if ref is not None and ref.node.id == actor:
                    shown.add(form)
        if shown:
            aliases[actor] = sorted(shown, key=lambda form: (form.casefold(), form))
    return aliases


def _communities(graph: nx.DiGraph) -> dict[str, int]:
    if graph.number_of_nodes() == 0:
        return {}
    from kg.analysis import communities

    return {str(actor): int(number) for actor, number in communities(graph, seed=COMMUNITY_SEED)["community"].items()}


def _evidence_by_dyad(kg: "KnowledgeGraph", limit: int) -> dict[tuple[str, str], list[dict]]:
    """Up to ``limit`` evidence rows per dyad: those of its most frequent code first, then the most confident."""
    top = {(source, target): data["top_code"] for source, target, data in kg.graph.edges(data=True)}
    events = kg.events.assign(_other=[top.get((s, t)) != str(code) for s, t, code in
                                      zip(kg.events["source_id"], kg.events["target_id"], kg.events["event_code"])])
    ordered = events.sort_values(["_other", "confidence", "date", "article_id", "sentence_start"],
                                 ascending=[True, False, True, True, True], kind="stable")
    evidence: dict[tuple[str, str], list[dict]] = {}
    for row in ordered.to_dict("records"):
        items = evidence.setdefault((row["source_id"], row["target_id"]), [])
        if len(items) < limit and all(i["sentence"] != row["sentence"] for i in items):
            items.append(row)
    return evidence


def _events_by_dyad(kg: "KnowledgeGraph") -> dict[tuple[str, str], list[list]]:
    """Per dyad, ``[first day, last day, quad_class, events]``: what the page's QuadClass and date filters need.

    The days are those of the event's date (:func:`kg.events.dates.event_dates`: an event dated "2001"
    spans the year, as in :meth:`KnowledgeGraph.subgraph`); ``""`` for undated events.
    """
    events = kg.events.assign(_when=event_dates(kg.events))
    counts = events.groupby(["source_id", "target_id", "_when", "quad_class"], sort=True).size()
    spans = {when: period(when) if when else ("", "") for when in set(events["_when"])}
    by_dyad: dict[tuple[str, str], list[list]] = {}
    for (source, target, when, quad), count in counts.items():
        first, last = spans[when]
        by_dyad.setdefault((source, target), []).append([first, last, int(quad), int(count)])
    return by_dyad


def periods(kg: "KnowledgeGraph") -> dict:
    """The time control's periods: the years with dated events, or their months when all of them
    lie within :data:`MONTHLY_SPAN_MONTHS` months; each ``[label, first day, last day]``.

    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph.from_records([{"event_id": "e1", "article_id": "a", "date": "2022-03-01",
    ...     "source_id": "rus", "target_id": "ukr", "quad_class": 4, "sentence_start": 0, "trigger_start": 0}], [], [])
    >>> periods(kg)
    {'unit': 'month', 'periods': [['2022-03', '2022-03-01', '2022-03-31']]}
    """
    spans = [period(when) for when in sorted(set(event_dates(kg.events))) if when]
    if not spans:
        return {"unit": "year", "periods": []}
    first, last = min(span[0] for span in spans), max(span[1] for span in spans)
    months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    width = 7 if months <= MONTHLY_SPAN_MONTHS else 4
    keys = sorted({span[0][:width] for span in spans})
    return {"unit": "month" if width == 7 else "year", "periods": [[key, *period(key)] for key in keys]}


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
    if data.get("top_code"):
        lines.append(f"mostly {data['top_code']} {data.get('top_code_name', '')}".rstrip())
    for row in evidence:
        lines.append("")
        lines.append(f"{row['date'] or 'undated'} \u00b7 {row['article_id']} \u00b7 {row['event_code']} "
                     f"{row['event_name']}")
        lines.append(f"\u201c{_shorten(row['sentence'])}\u201d")
    return "\n".join(lines)


def build_network(kg: "KnowledgeGraph", max_evidence: int = 5, top: int = DEFAULT_TOP) -> Network:
    """The pyvis network of the dyad graph: coloured, sized, laid out, with tooltips and the data the page needs.

    Nodes are coloured by kind (``kind_colour``; ``community_colour`` by Louvain community), sized
    by :func:`kg.analysis.pagerank_undirected` and placed by :func:`view_layout`; ``order`` is their place by rank.
    Edges are coloured by their most frequent QuadClass, as wide as their event count, with
    ``quads`` (events per QuadClass 1-4), up to ``max_evidence`` evidence sentences (the dyad's
    most frequent code first) and their events as ``[first day, last day, quad_class, count]``.

    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph.from_records([{"event_id": "e1", "article_id": "a1", "date": "2024-01-21",
    ...     "source_id": "iran", "target_id": "hamas", "quad_class": 1, "goldstein": 1.0, "confidence": 0.9,
    ...     "event_code": "040", "event_name": "Consult", "sentence": "Iran met Hamas.", "sentence_start": 0,
    ...     "trigger_start": 5}], [], [])
    >>> edge = build_network(kg).edges[0]
    >>> edge["from"], edge["to"], edge["events"], edge["quads"], edge["title"].splitlines()[-1]
    ('iran', 'hamas', [['2024-01-21', '2024-01-21', 1, 1]], [1, 0, 0, 0], '“Iran met Hamas.”')
    """
    graph = kg.graph
    ranks = pagerank_undirected(graph)
    order = {node: index for index, node in enumerate(rank_order(graph, ranks))}
    large = graph.number_of_nodes() > PRECOMPUTED_LAYOUT_NODES
    positions = view_layout(graph, ranks, top=top)
    groups = _communities(graph)
    network = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    for node, data in graph.nodes(data=True):
        x, y = positions[node]
        colour = KIND_COLOURS.get(data["kind"], KIND_COLOURS["other"])
        group = groups.get(node, -1)
        network.add_node(node, label=data["name"], title=_node_tooltip(node, data, graph, ranks[node]),
                         value=ranks[node], color=colour, kind=data["kind"], order=order[node], x=x, y=y,
                         community=group, kind_colour=colour,
                         community_colour=COMMUNITY_COLOURS[group] if 0 <= group < len(COMMUNITY_COLOURS)
                         else KIND_COLOURS["other"])
    evidence = _evidence_by_dyad(kg, max_evidence)
    events = _events_by_dyad(kg)
    for source, target, data in graph.edges(data=True):
        quad = dominant_quad(data)
        network.add_edge(source, target, id=data["edge_id"], value=data["weight"], color=QUAD_COLOURS[quad],
                         quad_class=quad, quads=[int(data[QUAD_ATTRIBUTES[n]]) for n in sorted(QUAD_CLASSES)],
                         events=events[source, target],
                         title=_edge_tooltip(graph.nodes[source]["name"], graph.nodes[target]["name"], data,
                                             evidence.get((source, target), [])))
    network.options = PRECOMPUTED_OPTIONS if large else OPTIONS
    return network


def _community_legend(nodes: list[dict]) -> list[dict]:
    """The coloured communities: number, colour, size and their highest-ranked actors' names."""
    members: dict[int, list[dict]] = {}
    for node in nodes:
        if 0 <= node["community"] < len(COMMUNITY_COLOURS):
            members.setdefault(node["community"], []).append(node)
    legend = []
    for number in sorted(members):
        ranked = sorted(members[number], key=lambda node: node["order"])
        legend.append({"number": number, "colour": COMMUNITY_COLOURS[number], "size": len(ranked),
                       "names": ", ".join(node["label"] for node in ranked[:2])})
    return legend


def _template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.PackageLoader("kg", "templates"),
                                     autoescape=True, keep_trailing_newline=True)
    return environment.get_template("graph.html")


def _bundle(name: str) -> str:
    text = resources.files("pyvis").joinpath(f"{VIS_BUNDLE}/{name}").read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise RuntimeError(f"pyvis bundle {name} cannot be inlined safely")
    return text


def render_html(kg: "KnowledgeGraph", title: str = "kg: actor graph", max_evidence: int = 5,
                top: int = DEFAULT_TOP, colour: str = "kind") -> str:
    """The HTML page of the knowledge graph, as a string.

    It opens on the ``top`` actors by rank (all of them in a smaller graph), without actors of
    kind ``other``, coloured by ``colour`` (``"kind"`` or ``"community"``); the page's controls
    change all of these.
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be a whole number of 1 or more, not {top!r}")
    if colour not in COLOURINGS:
        raise ValueError(f"colour must be one of {', '.join(COLOURINGS)}, not {colour!r}")
    network = build_network(kg, max_evidence, top)
    # The date boxes span the days the events fall on (an event of "1981" spans that year), as the filter reads them.
    spans = [period(when) for when in set(event_dates(kg.events)) if when]
    dates = {"first": min(first for first, _last in spans), "last": max(last for _first, last in spans)} if spans \
        else {"first": "", "last": ""}
    present = {kind for _node, kind in kg.graph.nodes(data="kind")}
    kinds = [kind for kind in KIND_COLOURS if kind in present] + sorted(present - set(KIND_COLOURS))
    aliases = actor_aliases(kg)
    labels = {node["id"]: node["label"] for node in network.nodes}
    names = sorted([[label, actor] for actor, label in labels.items()]
                   + [[alias, actor] for actor, forms in aliases.items() for alias in forms],
                   key=lambda pair: (pair[0].casefold(), pair[0], pair[1]))
    actors = kg.graph.number_of_nodes()
    settings = {"top": min(top, actors), "hidden": list(HIDDEN_KINDS), "labelled": LABELLED,
                "minLabel": MIN_LABEL_PX, "maxLabel": MAX_LABEL_PX, "maxZoom": MAX_FIT_ZOOM, "colour": colour,
                "quadColours": {str(number): colour for number, colour in QUAD_COLOURS.items()},
                "time": periods(kg), "names": names}
    return _template().render(
        title=title, nodes=network.nodes, edges=network.edges, options=network.options, settings=settings,
        vis_js=Markup(_bundle("vis-network.min.js")), vis_css=Markup(_bundle("vis-network.css")),
        kinds={kind: KIND_COLOURS.get(kind, KIND_COLOURS["other"]) for kind in kinds}, hidden=HIDDEN_KINDS,
        quads={number: (QUAD_CLASSES[number], colour) for number, colour in QUAD_COLOURS.items()},
        dates=dates,
        communities=_community_legend(network.nodes), names=[(name, labels[actor]) for name, actor in names],
        counts={"actors": actors, "dyads": kg.graph.number_of_edges(),
                "events": len(kg.events), "articles": len(kg.articles)},
    )


def write_html(kg: "KnowledgeGraph", path: str | Path, title: str = "kg: actor graph", max_evidence: int = 5,
               top: int = DEFAULT_TOP, colour: str = "kind") -> Path:
    """Write the HTML page atomically and return its path."""
    return write_text(path, render_html(kg, title, max_evidence, top, colour))
