"""Draw: the graph's default view as a static picture (PNG, SVG or PDF) for reports, with matplotlib.

The picture shows what the HTML page opens on: the ``top`` actors by rank (:func:`kg.analysis.pagerank_undirected`,
PageRank over the dyads in either direction, weighted by events), actors of kind ``other`` left out
unless asked for. Nodes are coloured by kind (:data:`kg.render.KIND_COLOURS`) and sized by rank;
dyads are coloured by their most frequent QuadClass (:data:`kg.render.QUAD_COLOURS`, ties to the
lower class, as on the page), drawn as curved arrows whose width grows with the square root of
their events, from :data:`MIN_EDGE_WIDTH` to :data:`MAX_EDGE_WIDTH` points. Only the ``labels``
first actors are named, in type of :data:`MIN_FONT_SIZE` points or more at the figure's size.
The layout is seeded and the files carry no dates or versions, so the same graph always gives
the same bytes.

matplotlib is imported only when a picture is drawn (``pip install 'kg[notebooks]'`` installs it),
so ``import kg`` stays light.

>>> import tempfile
>>> from pathlib import Path
>>> from kg.graph import KnowledgeGraph
>>> actors = [{"actor_id": actor, "name": name, "kind": kind, "country": "", "sector": "", "code": "", "mentions": 1}
...           for actor, name, kind in [("iran", "Iran", "state"), ("hamas", "Hamas", "armed_group")]]
>>> kg = KnowledgeGraph.from_records([{"event_id": "e1", "article_id": "a1", "date": "2024-01-21",
...     "source_id": "iran", "target_id": "hamas", "quad_class": 1, "goldstein": 1.0, "confidence": 0.9,
...     "event_code": "040", "sentence": "Iran met Hamas.", "sentence_start": 0, "trigger_start": 5}], actors, [])
>>> path = write_picture(kg, Path(tempfile.mkdtemp()) / "actors.svg", top=150)
>>> "<text" in path.read_text(encoding="utf-8") and ">Iran<" in path.read_text(encoding="utf-8")
True
>>> default_view(kg.graph)
['hamas', 'iran']
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

import networkx as nx

from kg.cameo import QUAD_CLASSES
from kg.analysis.positions import pagerank_undirected
from kg.readwrite.files import atomic_path
from kg.render import (DEFAULT_TOP, HIDDEN_KINDS, KIND_COLOURS, LAYOUT_SEED, QUAD_COLOURS,
                       dominant_quad, pull_graph, rank_layout, rank_order)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from kg.graph import KnowledgeGraph

FORMATS = ("png", "svg", "pdf")
DEFAULT_LABELS = 30
FIGURE_SIZE = (12.0, 9.0)  # inches
DPI = 150  # PNG pixels per inch: 1800 x 1350
MIN_FONT_SIZE = 8.0  # points
MAX_FONT_SIZE = 14.0
MIN_NODE_AREA, MAX_NODE_AREA = 40.0, 900.0  # square points
MIN_EDGE_WIDTH, MAX_EDGE_WIDTH = 0.6, 4.5  # points
# The group colours: matplotlib's tab10 without its grey (kind "other"'s colour marks the rest).
GROUP_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf")
SVG_HASH_SALT = "kg"
# What a file would otherwise carry that changes from run to run or version to version.
METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def default_view(graph: nx.DiGraph, *, top: int = DEFAULT_TOP, hide: Iterable[str] = HIDDEN_KINDS,
                 ranks: dict[str, float] | None = None) -> list[str]:
    """The ids of the actors the default view shows, highest rank first (then by name and id).

    At most ``top`` actors, all of them when there are fewer, leaving out those whose kind is in
    ``hide``. Ranks are those of :func:`kg.analysis.pagerank_undirected` over the whole ``graph`` (pass
    ``ranks`` to reuse them), so an actor has the same rank in every view.

    >>> g = nx.DiGraph([("iran", "russia"), ("turkey", "russia"), ("russia", "ukraine"), ("x-acme", "russia")])
    >>> nx.set_node_attributes(g, {"x-acme": "other"}, "kind")
    >>> default_view(g, top=2)
    ['russia', 'iran']
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be a whole number of 1 or more, not {top!r}")
    ranks = pagerank_undirected(graph) if ranks is None else ranks
    hidden = set(hide)
    return [node for node in rank_order(graph, ranks) if graph.nodes[node].get("kind") not in hidden][:top]


def picture_format(path: str | Path, fmt: str | None = None) -> str:
    """The picture format: ``fmt`` if given, else from the file's suffix; a ``ValueError`` names what is wrong.

    >>> picture_format("report/graph.SVG"), picture_format("graph.out", fmt="png")
    ('svg', 'png')
    """
    if fmt is not None:
        chosen = str(fmt).lower().lstrip(".")
        if chosen not in FORMATS:
            raise ValueError(f"cannot draw a picture as {fmt!r}: the formats are {', '.join(FORMATS)}")
        return chosen
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        shown = f"'.{suffix}'" if suffix else "no suffix"
        raise ValueError(f"cannot tell a picture format from {str(path)!r} ({shown}): name the file "
                         f"{', '.join('.' + name for name in FORMATS)}, or give the format")
    return suffix


def _layout(graph: nx.DiGraph, nodes: list[str], ranks: dict[str, float],
            seed: int) -> dict[str, tuple[float, float]]:
    """The page's layout of ``nodes`` alone (:func:`kg.render.rank_layout`)."""
    if not nodes:
        return {}
    positions = rank_layout(pull_graph(graph, nodes), ranks, seed)
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def _scale(value: float, top: float, low: float, high: float) -> float:
    return low + (high - low) * (math.sqrt(value / top) if top > 0 else 0.0)


def _place_labels(fig, axes, labels: list[tuple[str, str, float, float]],
                  positions: dict[str, tuple[float, float]]) -> None:
    """Name each node of ``labels`` (``node, text, radius in points, font size``), most important first,
    beside its disc: above it, else below, right or left, whichever overlaps the labels placed so
    far and the labelled discs least (the first that overlaps nothing)."""
    from matplotlib.transforms import Bbox

    renderer = fig.canvas.get_renderer()
    points = fig.dpi / 72
    taken: list = []
    for node, _text, radius, _size in labels:
        x, y = axes.transData.transform(positions[node])
        r = radius * points
        taken.append(Bbox.from_extents(x - r, y - r, x + r, y + r))
    # A pale box behind the text rather than a stroked halo, which would turn an SVG's text into paths.
    backing = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
    for index, (node, text, radius, size) in enumerate(labels):
        gap = radius + 2
        best = None
        for dx, dy, ha, va in ((0, gap, "center", "bottom"), (0, -gap, "center", "top"),
                               (gap, 0, "left", "center"), (-gap, 0, "right", "center")):
            label = axes.annotate(text, positions[node], xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                  zorder=4, fontsize=size, bbox=backing)
            box = label.get_window_extent(renderer)
            overlap = sum(_overlap(box, other) for number, other in enumerate(taken) if number != index)
            if best is None or overlap < best[0]:
                if best is not None:
                    best[1].remove()
                best = (overlap, label, box)
            else:
                label.remove()
            if overlap == 0:
                break
        taken.append(best[2])


def _overlap(one, other) -> float:
    width = min(one.x1, other.x1) - max(one.x0, other.x0)
    height = min(one.y1, other.y1) - max(one.y0, other.y0)
    return width * height if width > 0 and height > 0 else 0.0


def _title(graph: nx.DiGraph, nodes: list[str], hide: tuple[str, ...]) -> str:
    """What the picture shows: "The 150 top actors by PageRank, of 251 (kind other left out)"."""
    hidden = sum(1 for _node, kind in graph.nodes(data="kind") if kind in hide)
    left_out = f" (kind {', '.join(hide)} left out)" if hidden else ""
    if not nodes:
        return "No actors to show" + left_out
    if len(nodes) + hidden == graph.number_of_nodes():
        return f"All {len(nodes)} actors" + (f" but the {hidden} of kind {', '.join(hide)}" if hidden else "") \
            + ", sized by PageRank"
    return f"The {len(nodes)} top actors by PageRank, of {graph.number_of_nodes()}{left_out}"


def figure(kg: "KnowledgeGraph", *, top: int = DEFAULT_TOP, labels: int = DEFAULT_LABELS,
           hide: Iterable[str] = HIDDEN_KINDS, title: str | None = None,
           size: tuple[float, float] = FIGURE_SIZE, seed: int = LAYOUT_SEED,
           groups: Mapping[str, object] | None = None) -> "Figure":
    """The default view as a matplotlib :class:`~matplotlib.figure.Figure` (not registered with pyplot).

    ``top``, ``hide``: as :func:`default_view`; ``labels``: how many of the first actors are named
    (0 for none); ``title``: the heading (default: what is shown, of how many actors);
    ``size``: inches; ``seed``: the layout's. ``groups``: colour the actors by group instead of
    kind (say ``kg.analysis.communities(graph)["community"]``), each of the largest groups named
    in the legend after its first actor, the rest grey. A notebook shows the figure when it is a
    cell's value.
    """
    from matplotlib.figure import Figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if isinstance(labels, bool) or not isinstance(labels, int) or labels < 0:
        raise ValueError(f"labels must be a whole number of 0 or more, not {labels!r}")
    hide = tuple(hide)
    graph = kg.graph
    ranks = pagerank_undirected(graph)
    nodes = default_view(graph, top=top, hide=hide, ranks=ranks)
    view = graph.subgraph(nodes)
    positions = _layout(graph, nodes, ranks, seed)
    colours = _colours(graph, nodes, groups)

    fig = Figure(figsize=size, layout=None)
    FigureCanvasAgg(fig)  # measures the labels; savefig picks the canvas of each format
    axes = fig.add_axes((0.01, 0.01, 0.80, 0.92))
    axes.set_axis_off()
    if title is None:
        title = _title(graph, nodes, hide)
    fig.suptitle(title, x=0.01, y=0.985, ha="left", va="top", fontsize=MAX_FONT_SIZE)

    top_rank = max((ranks[node] for node in nodes), default=0.0)
    edges = sorted(view.edges(data=True), key=lambda edge: (edge[2].get("weight", 1), edge[0], edge[1]))
    heaviest = max((data.get("weight", 1) for _s, _t, data in edges), default=1)
    if edges:
        nx.draw_networkx_edges(
            view, positions, ax=axes, edgelist=[(source, target) for source, target, _data in edges],
            edge_color=[QUAD_COLOURS[dominant_quad(data)] for _s, _t, data in edges],
            width=[_scale(data.get("weight", 1), heaviest, MIN_EDGE_WIDTH, MAX_EDGE_WIDTH) for _s, _t, data in edges],
            alpha=0.7, arrows=True, arrowstyle="-|>", arrowsize=7, connectionstyle="arc3,rad=0.12",
            node_size=[_scale(ranks[node], top_rank, MIN_NODE_AREA, MAX_NODE_AREA) for node in nodes],
            nodelist=nodes)
    # Lowest rank first, so the large nodes are drawn over the small.
    drawn = nodes[::-1]
    if drawn:
        axes.scatter([positions[node][0] for node in drawn], [positions[node][1] for node in drawn],
                     s=[_scale(ranks[node], top_rank, MIN_NODE_AREA, MAX_NODE_AREA) for node in drawn],
                     c=[colours[node] for node in drawn],
                     edgecolors="white", linewidths=0.8, zorder=3)
    if nodes:
        xs = [x for x, _y in positions.values()]
        ys = [y for _x, y in positions.values()]
        pad_x = 0.05 * ((max(xs) - min(xs)) or 1.0)
        pad_y = 0.05 * ((max(ys) - min(ys)) or 1.0)
        axes.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
        axes.set_ylim(min(ys) - pad_y, max(ys) + pad_y * 1.5)
    _place_labels(fig, axes, [(node, str(graph.nodes[node].get("name", node)),
                               math.sqrt(_scale(ranks[node], top_rank, MIN_NODE_AREA, MAX_NODE_AREA)) / 2,
                               _scale(ranks[node], top_rank, MIN_FONT_SIZE, MAX_FONT_SIZE)) for node in nodes[:labels]],
                  positions)

    if groups is not None:
        _legends(fig, _group_handles(graph, nodes, groups), "community (size: rank)")
        return fig
    _legends(fig, _kind_handles(graph, nodes), "actor kind (size: rank)")
    return fig


def _colours(graph: nx.DiGraph, nodes: list[str], groups: Mapping[str, object] | None) -> dict[str, str]:
    if groups is None:
        return {node: KIND_COLOURS.get(graph.nodes[node].get("kind"), KIND_COLOURS["other"]) for node in nodes}
    order = _group_order(nodes, groups)
    return {node: GROUP_COLOURS[order[groups[node]]] if order.get(groups.get(node), len(GROUP_COLOURS))
            < len(GROUP_COLOURS) else KIND_COLOURS["other"] for node in nodes}


def _group_order(nodes: list[str], groups: Mapping[str, object]) -> dict[object, int]:
    """Groups by how many of ``nodes`` they hold (then by their first node's place)."""
    sizes: dict[object, list[int]] = {}
    for place, node in enumerate(nodes):
        if node in groups:
            sizes.setdefault(groups[node], [0, place])[0] += 1
    ranked = sorted(sizes, key=lambda group: (-sizes[group][0], sizes[group][1]))
    return {group: number for number, group in enumerate(ranked)}


def _group_handles(graph: nx.DiGraph, nodes: list[str], groups: Mapping[str, object]) -> list:
    from matplotlib.lines import Line2D

    order = _group_order(nodes, groups)
    first = {}
    for node in nodes:
        first.setdefault(groups.get(node), node)
    handles = []
    for group, number in sorted(order.items(), key=lambda item: item[1])[:len(GROUP_COLOURS)]:
        members = sum(1 for node in nodes if groups.get(node) == group)
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=9, markeredgecolor="white",
                              markerfacecolor=GROUP_COLOURS[number],
                              label=f"{graph.nodes[first[group]].get('name', first[group])}"
                                    + (f" and {members - 1} more" if members > 1 else "")))
    if len(order) > len(GROUP_COLOURS):
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=9, markeredgecolor="white",
                              markerfacecolor=KIND_COLOURS["other"], label="others"))
    return handles


def _kind_handles(graph: nx.DiGraph, nodes: list[str]) -> list:
    from matplotlib.lines import Line2D

    kinds_shown = {graph.nodes[node].get("kind") for node in nodes}
    kinds = [kind for kind in KIND_COLOURS if kind in kinds_shown] + sorted(str(k) for k in kinds_shown - set(KIND_COLOURS))
    return [Line2D([], [], marker="o", linestyle="", markersize=9, markeredgecolor="white",
                           markerfacecolor=KIND_COLOURS.get(kind, KIND_COLOURS["other"]), label=kind.replace("_", " "))
                    for kind in kinds]


def _legends(fig: "Figure", node_handles: list, node_title: str) -> None:
    """The legends in the right-hand column: the nodes' colours, then the QuadClasses'."""
    from matplotlib.lines import Line2D

    quad_handles = [Line2D([], [], color=colour, linewidth=3, label=f"{number} {QUAD_CLASSES[number]}")
                    for number, colour in QUAD_COLOURS.items()]
    legend_style = {"loc": "upper left", "frameon": False, "fontsize": 10, "title_fontsize": 11,
                    "alignment": "left"}
    if node_handles:
        fig.legend(handles=node_handles, title=node_title, bbox_to_anchor=(0.815, 0.90), **legend_style)
    fig.legend(handles=quad_handles, title="dyad: main QuadClass\n(width: events)",
               bbox_to_anchor=(0.815, 0.90 - 0.035 * (len(node_handles) + 2.5)), **legend_style)


def write_picture(kg: "KnowledgeGraph", path: str | Path, *, top: int = DEFAULT_TOP, labels: int = DEFAULT_LABELS,
                  fmt: str | None = None, hide: Iterable[str] = HIDDEN_KINDS, title: str | None = None,
                  size: tuple[float, float] = FIGURE_SIZE, dpi: int = DPI, seed: int = LAYOUT_SEED) -> Path:
    """Draw the default view (:func:`figure`) into ``path``, atomically, and return the path.

    The format is ``fmt`` (``png``, ``svg`` or ``pdf``), else the file's suffix; any other is a
    ``ValueError``, raised before anything is drawn. ``dpi`` sets a PNG's pixels per inch (the
    default, 150, gives 1800 x 1350). SVG keeps its text as text (searchable, editable).

    >>> import kg                                                        # doctest: +SKIP
    >>> kg.draw.write_picture(kg.load("output"), "report/actors.png", top=60)  # doctest: +SKIP
    PosixPath('report/actors.png')
    """
    chosen = picture_format(path, fmt)
    try:
        import matplotlib
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError("drawing a picture needs matplotlib: pip install 'kg[notebooks]'",
                                  name=error.name) from error

    with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT, "svg.fonttype": "none", "pdf.fonttype": 42,
                                "font.family": "DejaVu Sans"}):
        fig = figure(kg, top=top, labels=labels, hide=hide, title=title, size=size, seed=seed)
        with atomic_path(path) as temporary:
            fig.savefig(temporary, format=chosen, dpi=dpi, metadata=METADATA[chosen], facecolor="white")
    return Path(path)
