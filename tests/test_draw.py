"""Static pictures of the default view (kg.draw): valid PNG/SVG/PDF, legend and labels, no 'other'
actors, at most ``top`` actors, byte-identical twice, a clear error for a bad suffix."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import kg
from kg import draw
from kg.analysis import pagerank_undirected

PNG = b"\x89PNG\r\n\x1a\n"


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


@pytest.fixture(scope="module")
def news(news_output):
    return kg.load(news_output)


def test_svg_has_the_legend_the_top_labels_and_no_other_actor(news, tmp_path):
    path = draw.write_picture(news, tmp_path / "news.svg", top=150, labels=30)
    texts = _texts(path.read_text(encoding="utf-8"))
    graph = news.graph
    ranks = pagerank_undirected(graph)
    shown = draw.default_view(graph, top=150)
    assert all(graph.nodes[node]["kind"] != "other" for node in shown)
    names = [graph.nodes[node]["name"] for node in shown[:30]]
    # the labels, in rank order, and nothing else names an actor
    assert [text for text in texts if text in set(names)] == names
    top_other = max((node for node in graph if graph.nodes[node]["kind"] == "other"), key=ranks.get)
    assert graph.nodes[top_other]["name"] not in texts
    for entry in ("state", "armed group", "1 verbal cooperation", "4 material conflict"):
        assert entry in texts
    # labels are legible: 8 pt or more
    sizes = [float(size) for size in re.findall(r"font(?:-size)?:\s*([0-9.]+)px", path.read_text(encoding="utf-8"))]
    assert sizes and min(sizes) >= 8


def test_at_most_top_actors_are_drawn(news, tmp_path):
    assert draw.default_view(news.graph, top=20) == draw.default_view(news.graph)[:20]
    texts = _texts(draw.write_picture(news, tmp_path / "top.svg", top=20, labels=100).read_text(encoding="utf-8"))
    names = {news.graph.nodes[node]["name"] for node in news.graph}
    assert len([text for text in texts if text in names]) == 20
    assert any(text.startswith("The 20 top actors by PageRank") for text in texts)


def test_all_actors_when_fewer_than_top_and_other_only_when_asked(seed_graph):
    view = draw.default_view(seed_graph.graph, top=150, hide=())
    assert sorted(view) == sorted(seed_graph.graph)


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_the_same_graph_gives_the_same_bytes(news, tmp_path, suffix):
    first = draw.write_picture(news, tmp_path / f"a.{suffix}").read_bytes()
    second = draw.write_picture(news, tmp_path / f"b.{suffix}").read_bytes()
    assert first == second
    assert first.startswith({"png": PNG, "svg": b"<?xml", "pdf": b"%PDF"}[suffix])
    assert b"Matplotlib v" not in first and b"matplotlib version" not in first.lower()
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_png_is_1800_by_1350_pixels(seed_graph, tmp_path):
    data = draw.write_picture(seed_graph, tmp_path / "seed.png").read_bytes()
    assert data.startswith(PNG)
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1800, 1350)


def test_fmt_wins_over_the_suffix(seed_graph, tmp_path):
    path = draw.write_picture(seed_graph, tmp_path / "picture.out", fmt="svg")
    assert path.read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize("name, fmt, message", [
    ("graph.jpg", None, "'.jpg'"), ("graph", None, "no suffix"), ("graph.png", "gif", "'gif'")])
def test_a_bad_format_is_a_clear_value_error_and_writes_nothing(seed_graph, tmp_path, name, fmt, message):
    with pytest.raises(ValueError, match=re.escape(message)) as raised:
        draw.write_picture(seed_graph, tmp_path / name, fmt=fmt)
    assert "png" in str(raised.value) and "svg" in str(raised.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("top", [0, -1, 1.5, True])
def test_top_must_be_a_positive_whole_number(seed_graph, tmp_path, top):
    with pytest.raises(ValueError, match="top"):
        draw.write_picture(seed_graph, tmp_path / "graph.png", top=top)


def test_an_empty_graph_draws_a_picture(tmp_path):
    empty = kg.KnowledgeGraph.from_records([], [], [])
    assert draw.write_picture(empty, tmp_path / "empty.png").read_bytes().startswith(PNG)


def test_communities_colour_the_actors(seed_graph, tmp_path):
    groups = kg.analysis.communities(seed_graph.graph)["community"]
    figure = draw.figure(seed_graph, groups=groups)
    legend_texts = [text.get_text() for legend in figure.legends for text in legend.get_texts()]
    assert any(" more" in text or text in set(seed_graph.actors["name"]) for text in legend_texts)


def test_import_kg_does_not_import_matplotlib():
    code = "import sys, kg, kg.draw; print('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
