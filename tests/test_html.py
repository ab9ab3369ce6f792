"""graph.html: self-contained, offline, escaped; checked statically and in headless Chromium."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import time
from html.parser import HTMLParser

import networkx as nx
import pytest

import kg
from kg.analysis import communities, pagerank_undirected
from kg.render import (COMMUNITY_COLOURS, DEFAULT_TOP, KIND_COLOURS, LABELLED, MAX_FIT_ZOOM, MIN_LABEL_PX,
                       PRECOMPUTED_LAYOUT_NODES,
                       QUAD_COLOURS, build_network, periods, rank_order, render_html, write_html)

HOSTILE = ("Israel condemned Russia over the <script>window.pwned = 1</script> affair. "
           "Iran met Hamas after the <img src=x onerror=\"window.pwned = 2\"> leak.")


class ResourceCollector(HTMLParser):
    """Every URL that an element would load, and the page's Content-Security-Policy."""

    def __init__(self):
        super().__init__()
        self.urls, self.csp, self.tags = [], "", []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        for name in ("src", "href", "data", "poster", "srcset", "action"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = attrs.get("content", "")


def test_page_references_no_other_resource(seed_output):
    html = (seed_output / "graph.html").read_text(encoding="utf-8")
    collector = ResourceCollector()
    collector.feed(html)
    assert collector.urls == []
    assert "default-src 'none'" in collector.csp
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html)


@pytest.fixture(scope="module")
def hostile_output(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "articles.jsonl"
    source.write_text(json.dumps({"id": "<b>x</b>", "text": HOSTILE, "date": "2024-01-21"}) + "\n", encoding="utf-8")
    graph = kg.build([source], nlp=nlp)
    assert len(graph.events) == 2, "the hostile sentences must yield events for this test to mean anything"
    kg.save(graph, folder / "out")
    return folder / "out"


def test_article_text_is_escaped_in_the_page(hostile_output):
    html = (hostile_output / "graph.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>window.pwned" not in html and "<b>x</b>" not in html
    collector = ResourceCollector()
    collector.feed(html)
    assert "img" not in collector.tags and "b" not in collector.tags


# --- in a real browser ------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
DRAWN = "[window.kgNetwork.body.nodeIndices.length, window.kgNetwork.body.edgeIndices.length]"


@contextlib.contextmanager
def chromium():
    """Headless Debian Chromium driven by Playwright (the browser of these tests and of docs/screenshot.py)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def browser():
    pytest.importorskip("playwright.sync_api")
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (make test installs Debian's chromium)")
    with chromium() as browser:
        yield browser


class LoadedPage:
    """A page opened from disk, with every request, console message and error it caused.

    Waits until the page has drawn its first view (the layout comes with the page: no physics).
    """

    def __init__(self, browser, path, timeout: float = 20000):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.requests, self.console, self.errors = [], [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgNetwork !== undefined", timeout=timeout)
        self.page.wait_for_function("window.kgReady === true && window.kgNetwork.physics.options.enabled === false",
                                    timeout=timeout)

    def _route(self, route):
        self.requests.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    def drawn(self) -> list[int]:
        """How many nodes and edges the network draws now."""
        return self.page.evaluate(DRAWN)

    def hover(self, point: dict) -> str:
        """Move the mouse onto a point of the canvas and return the tooltip's text."""
        box = self.page.locator("#graph").bounding_box()
        x, y = box["x"] + point["x"], box["y"] + point["y"]
        self.page.mouse.move(x - 30, y - 30)
        self.page.mouse.move(x, y, steps=5)
        tooltip = self.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        return tooltip.inner_text()

    def hover_edge(self, source: str, target: str) -> str:
        """Move the mouse onto the middle of an edge and return the tooltip's text."""
        return self.hover(self.page.evaluate("""([source, target]) => {
            const network = window.kgNetwork;
            const edge = network.body.data.edges.get().find(e => e.from === source && e.to === target);
            return network.canvasToDOM(network.body.edges[edge.id].edgeType.getPoint(0.5));
        }""", [source, target]))

    def hover_node(self, node: str) -> str:
        """Move the mouse onto a node and return the tooltip's text."""
        return self.hover(self.page.evaluate(
            "(node) => window.kgNetwork.canvasToDOM(window.kgNetwork.getPosition(node))", node))

    def shown(self) -> tuple[set[str], set[tuple[str, str]]]:
        """The actors and dyads the page shows now."""
        return set(self.page.evaluate("window.kgNetwork.body.nodeIndices")), set(map(tuple, self.page.evaluate(
            "window.kgNetwork.body.edgeIndices.map(id => [window.kgNetwork.body.edges[id].fromId, window.kgNetwork.body.edges[id].toId])")))

    def fitted(self) -> bool:
        """Whether the view is fitted to what it shows: every actor on the canvas, and the drawing spanning most of it."""
        return self.page.evaluate("""(MAX_FIT_ZOOM) => {
            const network = window.kgNetwork, ids = network.body.nodeIndices;
            if (!ids.length) return true;
            const canvas = network.canvas.frame.canvas.getBoundingClientRect();
            const points = ids.map(id => network.canvasToDOM(network.getPosition(id)));
            const xs = points.map(p => p.x), ys = points.map(p => p.y);
            const inside = points.every(p => p.x >= -1 && p.y >= -1 && p.x <= canvas.width + 1 && p.y <= canvas.height + 1);
            const spread = Math.max((Math.max(...xs) - Math.min(...xs)) / canvas.width, (Math.max(...ys) - Math.min(...ys)) / canvas.height);
            return inside && (ids.length < 3 || spread > 0.5 || network.getScale() >= MAX_FIT_ZOOM - 0.01);
        }""", MAX_FIT_ZOOM)

    def labels(self) -> dict[str, float]:
        """The actors whose names are drawn now, and their size on screen in pixels."""
        return dict(self.page.evaluate("""Object.values(window.kgNetwork.body.nodes)
            .filter(n => window.kgNetwork.body.nodeIndices.includes(n.id) && n.labelModule.visible())
            .map(n => [n.id, n.labelModule.fontOptions.size * window.kgNetwork.getScale()])"""))

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def seed_page(browser, seed_output):
    page = LoadedPage(browser, seed_output / "graph.html")
    yield page
    page.close()


def counts(graph) -> list[int]:
    return [graph.graph.number_of_nodes(), graph.graph.number_of_edges()]


def test_page_draws_the_whole_graph_offline(seed_page, seed_output, seed_graph):
    assert seed_page.drawn() == counts(seed_graph)
    assert seed_page.requests == [(seed_output / "graph.html").as_uri()]
    assert seed_page.console == [] and seed_page.errors == []
    tooltip = seed_page.hover_edge("israel", "russia")
    assert "Israel \u2192 Russia" in tooltip and "drawn staunch condemnation from Israel" in tooltip


def test_node_tooltip_tells_kind_country_centrality_and_partners(seed_page, seed_graph):
    tooltip = seed_page.hover_node("hamas")
    rank = pagerank_undirected(seed_graph.graph)["hamas"]
    assert "kind: armed_group" in tooltip and "country: PSE" in tooltip and f"PageRank: {rank:.4f}" in tooltip
    assert re.search(r"top partners: .*Iran \(\d+\)", tooltip)


def test_nodes_are_sized_by_centrality(seed_page, seed_graph):
    sizes = dict(seed_page.page.evaluate(
        "window.kgNetwork.body.nodeIndices.map(id => [id, window.kgNetwork.body.nodes[id].options.size])"))
    ranks = pagerank_undirected(seed_graph.graph)
    ordered = sorted(ranks, key=ranks.get)
    assert [sizes[node] for node in ordered] == sorted(sizes.values())
    assert sizes[ordered[0]] < sizes[ordered[-1]]


def set_filters(page, kinds=None, quads=None, start="", end=""):
    """Tick the given actor kinds and QuadClasses only (all when None), set the dates; return the drawn counts."""
    page.page.evaluate("""([kinds, quads]) => {
        const tick = (selector, wanted, value) => document.querySelectorAll(selector).forEach(box => {
            box.checked = wanted === null || wanted.includes(value(box)); });
        tick("#kinds input", kinds, box => box.value);
        tick("#quads input", quads, box => Number(box.value));
    }""", [kinds, quads])
    page.page.fill("#start", start)
    page.page.fill("#end", end)
    page.page.dispatch_event("#end", "change")
    return page.drawn()


def test_filters_show_what_kg_render_would_draw(seed_page, seed_graph):
    try:
        seed_page.page.fill("#top", str(seed_graph.graph.number_of_nodes()))
        assert set_filters(seed_page, quads=[3, 4]) == counts(seed_graph.subgraph(quad_classes=[3, 4]))
        # Undated events go as soon as a date is set, as in KnowledgeGraph.subgraph.
        assert set_filters(seed_page, start="2024-01-01") == counts(seed_graph.subgraph(start="2024-01-01"))
        assert set_filters(seed_page, end="2023-12-31") == [0, 0]
        assert set_filters(seed_page, quads=[1], start="2024-01-21", end="2024-01-21") == counts(
            seed_graph.subgraph(quad_classes=[1], start="2024-01-21", end="2024-01-21"))
        kind = dict(seed_graph.graph.nodes(data="kind"))
        without_groups = [(s, t) for s, t in seed_graph.graph.edges if "armed_group" not in (kind[s], kind[t])]
        drawn = set_filters(seed_page, kinds=sorted(set(kind.values()) - {"armed_group"}))
        assert drawn == [len({n for edge in without_groups for n in edge}), len(without_groups)]
        assert 0 < len(without_groups) < seed_graph.graph.number_of_edges()
        assert seed_page.page.inner_text("#visible") == f"{drawn[0]} actors, {drawn[1]} dyads"
    finally:
        seed_page.page.click("#reset")
    assert seed_page.drawn() == counts(seed_graph)


def test_search_selects_an_actor_and_its_neighbours(seed_page, seed_graph):
    seed_page.page.fill("#actor", "hamas")
    seed_page.page.press("#actor", "Enter")
    selected = seed_page.page.evaluate("window.kgNetwork.getSelectedNodes()")
    assert sorted(selected) == sorted({"hamas"} | set(nx.all_neighbors(seed_graph.graph, "hamas")))
    assert seed_page.shown()[0] == set(selected) and seed_page.fitted()
    seed_page.page.fill("#actor", "Atlantis")
    seed_page.page.press("#actor", "Enter")
    assert seed_page.page.inner_text("#status") == "no actor matches"
    seed_page.page.click("#reset")


def test_hostile_text_runs_nothing_in_the_browser(browser, hostile_output):
    page = LoadedPage(browser, hostile_output / "graph.html")
    try:
        tooltip = page.hover_edge("israel", "russia")
        assert "<script>window.pwned = 1</script>" in tooltip   # shown as text...
        page.hover_edge("iran", "hamas")
        assert page.page.evaluate("window.pwned") is None      # ...never run
        assert page.page.evaluate("document.querySelectorAll('img, b').length") == 0
        assert page.errors == []
    finally:
        page.close()


# --- a graph too large for the browser to lay out -------------------------------------------------

def ring_of_actors(size: int) -> kg.KnowledgeGraph:
    """A knowledge graph of ``size`` actors, each acting on the next (no NLP): a quick large graph."""
    kinds = list(KIND_COLOURS)
    actors = [{"actor_id": f"a{i:04d}", "name": f"Actor {i}", "kind": kinds[i % len(kinds)], "country": "",
               "sector": "", "code": "", "mentions": 1} for i in range(size)]
    events = [{"event_id": f"e{i}", "article_id": f"article-{i % 40}",
               "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
               "source_id": f"a{i:04d}", "target_id": f"a{(i + 1) % size:04d}", "quad_class": 1 + i % 4,
               "goldstein": 1.0, "confidence": 0.9, "event_code": "040", "event_name": "Consult",
               "sentence": f"Actor {i} met Actor {(i + 1) % size}.", "sentence_start": 0, "trigger_start": 8}
              for i in range(size)]
    return kg.KnowledgeGraph.from_records(events, actors, [])


def test_large_graph_opens_laid_out_and_still(browser, tmp_path):
    graph = ring_of_actors(PRECOMPUTED_LAYOUT_NODES + 50)
    path = write_html(graph, tmp_path / "large.html")
    started = time.monotonic()
    page = LoadedPage(browser, path, timeout=10000)
    try:
        opened = time.monotonic() - started
        assert page.shown() == view_of(graph, pagerank_undirected(graph.graph), DEFAULT_TOP)
        assert opened < 10, f"a graph of {graph.graph.number_of_nodes()} actors took {opened:.1f} s to open"
        assert page.errors == [] and page.console == []
        show_everything(page, graph.graph.number_of_nodes())
        assert page.drawn() == counts(graph)
        # Drawn where Python put them: the browser computed no layout and moved nothing.
        moved = page.page.evaluate('''window.kgData.nodes.get().filter(node => {
            const drawn = window.kgNetwork.getPosition(node.id);
            return !Number.isInteger(node.x) || drawn.x !== node.x || drawn.y !== node.y; }).length''')
        assert moved == 0
        started = time.monotonic()
        assert set_filters(page, quads=[4]) == counts(graph.subgraph(quad_classes=[4]))
        assert time.monotonic() - started < 3
    finally:
        page.close()


# --- the news corpus: views at corpus scale ----------------------------------------------------

@pytest.fixture(scope="module")
def news_graph(news_output):
    return kg.load(news_output)


@pytest.fixture(scope="module")
def news_page(browser, news_graph, tmp_path_factory):
    path = write_html(news_graph, tmp_path_factory.mktemp("news-page") / "graph.html", title="kg: news")
    page = LoadedPage(browser, path)
    page.path = path
    yield page
    page.close()


def view_of(graph: kg.KnowledgeGraph, ranks: dict[str, float], top: int, hide=("other",)):
    """What the page should show of ``graph`` (already filtered): the ``top`` first actors by rank in a
    dyad between kinds not hidden, and the dyads among them."""
    kind = dict(graph.graph.nodes(data="kind"))
    dyads = {(s, t) for s, t in graph.graph.edges if kind[s] not in hide and kind[t] not in hide}
    active = {node for dyad in dyads for node in dyad}
    keep = set(sorted(active, key=lambda node: (-ranks[node], graph.graph.nodes[node]["name"], node))[:top])
    return keep, {(s, t) for s, t in dyads if s in keep and t in keep}


def show_everything(page, actors: int):
    """All kinds, all actors: the page then shows what KnowledgeGraph.subgraph gives."""
    page.page.evaluate("document.querySelectorAll('#kinds input[type=checkbox]').forEach(box => { box.checked = true; })")
    page.page.fill("#top", str(actors))
    page.page.dispatch_event("#top", "change")


def test_news_default_view_is_the_top_actors_by_rank(news_page, news_graph):
    ranks = pagerank_undirected(news_graph.graph)
    top5 = rank_order(news_graph.graph, ranks)[:5]
    shown_nodes, shown_edges = news_page.shown()
    assert 0 < len(shown_nodes) <= DEFAULT_TOP and set(top5) <= shown_nodes
    assert (shown_nodes, shown_edges) == view_of(news_graph, ranks, DEFAULT_TOP)
    assert not any(news_graph.graph.nodes[node]["kind"] == "other" for node in shown_nodes)
    assert news_page.console == [] and news_page.errors == [] and news_page.requests == [news_page.path.as_uri()]
    assert news_page.fitted()
    labels = news_page.labels()
    assert set(top5) <= set(labels) and len(labels) <= LABELLED
    assert min(labels.values()) >= MIN_LABEL_PX - 0.01, "a label is drawn smaller than legible"
    assert labels[top5[0]] > labels[top5[4]] or ranks[top5[0]] == ranks[top5[4]]


def test_news_filters_give_what_subgraph_gives_and_refit(news_page, news_graph):
    ranks = pagerank_undirected(news_graph.graph)
    actors = news_graph.graph.number_of_nodes()
    try:
        show_everything(news_page, actors)
        assert news_page.drawn() == counts(news_graph)
        for options in ({"quads": [3, 4]}, {"quads": [1]}, {"start": "2020-01-01"}, {"end": "2016-12-31"},
                        {"quads": [4], "start": "2022-01-01", "end": "2022-06-30"}):
            quads = options.get("quads")
            set_filters(news_page, kinds=None, quads=quads, start=options.get("start", ""), end=options.get("end", ""))
            expected = news_graph.subgraph(quad_classes=quads, start=options.get("start"), end=options.get("end"))
            assert news_page.shown() == (set(expected.graph.nodes), set(expected.graph.edges)), options
            assert news_page.fitted(), options
            colours = set(news_page.page.evaluate(
                "window.kgNetwork.body.edgeIndices.map(id => window.kgNetwork.body.edges[id].options.color.color)"))
            allowed = {QUAD_COLOURS[quad] for quad in (quads or QUAD_COLOURS)}
            assert colours <= allowed, f"{options}: edges coloured by classes not shown"
        # The top-N control applies to whatever the filters leave.
        set_filters(news_page, kinds=None, quads=[3, 4])
        news_page.page.fill("#top", "20")
        news_page.page.dispatch_event("#top", "change")
        assert news_page.shown() == view_of(news_graph.subgraph(quad_classes=[3, 4]), ranks, 20, hide=())
    finally:
        news_page.page.click("#reset")
    assert news_page.shown() == view_of(news_graph, ranks, DEFAULT_TOP) and news_page.fitted()


def test_news_reset_view_resets_the_zoom(news_page):
    view = "(() => { const p = window.kgNetwork.getViewPosition(); return [window.kgNetwork.getScale(), p.x, p.y]; })()"
    fitted = news_page.page.evaluate(view)
    news_page.page.evaluate("window.kgNetwork.moveTo({scale: 3, position: {x: 500, y: 500}})")
    news_page.page.click("#reset")
    assert news_page.page.evaluate(view) == pytest.approx(fitted, abs=1e-6)


def test_news_time_control_steps_through_periods(news_page, news_graph):
    ranks = pagerank_undirected(news_graph.graph)
    control = periods(news_graph)
    steps = control["periods"]
    assert control["unit"] == "year" and len(steps) > 3
    slider = news_page.page.locator("#period")
    try:
        show_everything(news_page, news_graph.graph.number_of_nodes())
        sizes = []
        for index in (0, len(steps) // 2, len(steps) - 1):
            slider.fill(str(index))
            label, _first, last = steps[index]
            assert news_page.page.inner_text("#period-label") == f"up to {label}"
            expected = news_graph.subgraph(end=last)
            assert news_page.shown() == (set(expected.graph.nodes), set(expected.graph.edges)), label
            sizes.append(len(expected.graph.edges))
        assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
        news_page.page.select_option("#period-mode", "within")
        label, first, last = steps[-1]
        expected = news_graph.subgraph(start=first, end=last)
        assert news_page.shown() == (set(expected.graph.nodes), set(expected.graph.edges))
        assert news_page.page.inner_text("#period-label") == label
        news_page.page.select_option("#period-mode", "upto")
        # Play starts from the first period and moves on by itself.
        news_page.page.click("#play")
        assert news_page.page.inner_text("#period-label") == f"up to {steps[0][0]}"
        deadline = time.monotonic() + 5
        while news_page.page.inner_text("#period-label") != f"up to {steps[1][0]}" and time.monotonic() < deadline:
            news_page.page.wait_for_timeout(100)
        assert news_page.page.inner_text("#period-label") == f"up to {steps[1][0]}"
        news_page.page.click("#play")  # stop
    finally:
        news_page.page.click("#reset")
    assert news_page.page.inner_text("#period-label") == "all time"
    assert news_page.shown() == view_of(news_graph, ranks, DEFAULT_TOP) and news_page.errors == []


@pytest.mark.parametrize("name, actor", [("US", "united-states"), ("Putin", "russia"), ("the Kremlin", "russia")])
def test_news_search_takes_the_resolvers_names(news_page, news_graph, name, actor):
    assert news_graph.actor_id(name) == actor
    options = news_page.page.evaluate("Array.from(document.querySelectorAll('#actor-names option'), o => o.value)")
    assert name in options or name.removeprefix("the ") in options, "the name is not suggested"
    try:
        news_page.page.fill("#actor", name)
        news_page.page.press("#actor", "Enter")
        label = news_graph.graph.nodes[actor]["name"]
        assert news_page.page.inner_text("#status").startswith(f"focus: {label} and ")
        near = news_graph.subgraph(focus=name)
        kind = dict(near.graph.nodes(data="kind"))
        expected = near.graph.subgraph([node for node in near.graph if kind[node] != "other"])
        assert news_page.shown() == (set(expected.nodes), set(expected.edges))
        assert news_page.fitted()
    finally:
        news_page.page.click("#reset")


def test_news_colour_by_community(news_page, news_graph):
    groups = communities(news_graph.graph, seed=0)["community"]
    try:
        news_page.page.select_option("#colour", "community")
        colours = dict(news_page.page.evaluate(
            "window.kgNetwork.body.nodeIndices.map(id => [id, window.kgNetwork.body.nodes[id].options.color.background])"))
        assert colours and all(colour == (COMMUNITY_COLOURS[groups[node]] if groups[node] < len(COMMUNITY_COLOURS)
                                          else KIND_COLOURS["other"]) for node, colour in colours.items())
        assert news_page.page.is_visible("#communities")
    finally:
        news_page.page.select_option("#colour", "kind")
    assert news_page.errors == []


def test_news_page_is_deterministic_and_evidence_leads_with_the_main_code(news_graph):
    assert render_html(news_graph) == render_html(news_graph)
    network = build_network(news_graph)
    data = {edge["id"]: edge for edge in network.edges}
    checked = 0
    for source, target, attributes in news_graph.graph.edges(data=True):
        if attributes["weight"] < 3:
            continue
        lines = data[attributes["edge_id"]]["title"].splitlines()
        first = next(line for line in lines if " \u00b7 " in line)
        assert f" {attributes['top_code']} " in first, (source, target, first)
        checked += 1
    assert checked > 10


def test_date_boxes_span_the_event_dates_not_the_article_dates():
    """An article of 2020 that reports an event of 1981: the page's date boxes reach back to 1981."""
    event = {"article_id": "a1", "date": "2020-01-05", "source_id": "isr", "target_id": "irq", "quad_class": 4,
             "goldstein": -10.0, "confidence": 0.9, "event_code": "195", "sentence_start": 0, "trigger_start": 7}
    graph = kg.KnowledgeGraph.from_records(
        [{**event, "event_id": "e1", "event_date": "1981", "sentence": "Israel bombed Osirak in 1981."},
         {**event, "event_id": "e2", "event_date": "2020-02", "sentence": "Israel struck Iraq in February."}],
        [], [])
    page = render_html(graph)
    for box in ("start", "end"):
        tag = re.search(rf'<input type="date" id="{box}"[^>]*>', page)[0]
        assert 'min="1981-01-01"' in tag and 'max="2020-02-29"' in tag, tag


def test_a_page_of_two_lone_actors_is_drawn(tmp_path):
    """ForceAtlas2 gives no position to two actors of one dyad once they settle: the page falls back."""
    from kg.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Zorblax Industries condemned Russia on Monday.", encoding="utf-8")
    (tmp_path / "zorblax.yaml").write_text("- id: zorblax\n  name: Zorblax Industries\n  kind: other\n",
                                           encoding="utf-8")
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                 "--actors", str(tmp_path / "zorblax.yaml")]) == 0
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert "Zorblax Industries" in page and "Russia" in page
    assert len(re.findall(r'"[xy]": -?\d+[,}]', page)) == 4  # both actors placed, in whole pixels
