"""graph.html: self-contained, offline, escaped; checked statically and in headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser

import pytest

import kg

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
    graph.save(folder / "out")
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


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (make test installs Debian's chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class LoadedPage:
    """A page opened from disk, with every request, console message and error it caused."""

    def __init__(self, browser, path):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.requests, self.console, self.errors = [], [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgNetwork !== undefined")
        self.page.wait_for_function("window.kgNetwork.physics.options.enabled === false", timeout=20000)

    def _route(self, route):
        self.requests.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    def hover_edge(self, source: str, target: str) -> str:
        """Move the mouse onto the middle of an edge and return the tooltip's text."""
        point = self.page.evaluate("""([source, target]) => {
            const network = window.kgNetwork;
            const edge = network.body.data.edges.get().find(e => e.from === source && e.to === target);
            const middle = network.body.edges[edge.id].edgeType.getPoint(0.5);
            const dom = network.canvasToDOM(middle);
            const box = document.getElementById("graph").getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""", [source, target])
        self.page.mouse.move(point["x"] - 30, point["y"] - 30)
        self.page.mouse.move(point["x"], point["y"], steps=5)
        tooltip = self.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        return tooltip.inner_text()

    def close(self):
        self.context.close()


def test_page_draws_the_whole_graph_offline(browser, seed_output, seed_graph):
    page = LoadedPage(browser, seed_output / "graph.html")
    try:
        drawn = page.page.evaluate("[window.kgNetwork.body.nodeIndices.length, window.kgNetwork.body.edgeIndices.length]")
        assert drawn == [seed_graph.graph.number_of_nodes(), seed_graph.graph.number_of_edges()]
        assert page.requests == [(seed_output / "graph.html").as_uri()]
        assert page.console == [] and page.errors == []
        tooltip = page.hover_edge("israel", "russia")
        assert "Israel \u2192 Russia" in tooltip and "drawn staunch condemnation from Israel" in tooltip
    finally:
        page.close()


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
