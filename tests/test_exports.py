"""Exports (``kg export`` and ``kg build``): GEXF timeline, node-link JSON, Parquet, GDELT table; ``kg render``."""

from __future__ import annotations

import json
import re
import shutil

import networkx as nx
import pandas as pd
import pytest
import xml.etree.ElementTree as etree

import kg
from kg.cli import main
from kg.readwrite import GDELT_COLUMNS, write_exports

EXPORT_FILES = ["events.csv", "actors.csv", "articles.csv", "graph.graphml", "graph.gexf", "graph.json",
                "events.parquet", "events.gdelt.tsv"]
GEXF = {"g": "http://www.gexf.net/1.2draft"}


@pytest.fixture
def build_copy(seed_output, tmp_path):
    """A writable copy of the seed build folder."""
    return shutil.copytree(seed_output, tmp_path / "build")


def test_build_writes_every_export(seed_output):
    assert set(EXPORT_FILES) <= {p.name for p in seed_output.iterdir()}


def test_exports_are_byte_identical_across_runs_and_after_loading(seed_graph, seed_output, tmp_path):
    again = write_exports(seed_graph, tmp_path / "again")
    reloaded = write_exports(kg.load(seed_output), tmp_path / "reloaded")
    assert list(again) == list(reloaded) == EXPORT_FILES
    for name in EXPORT_FILES:
        original = (seed_output / name).read_bytes()
        assert again[name].read_bytes() == original, name
        assert reloaded[name].read_bytes() == original, name


def test_gexf_round_trip_is_dynamic_with_typed_attributes(seed_output, seed_graph):
    graph = nx.read_gexf(seed_output / "graph.gexf")
    dyads = seed_graph.graph
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (dyads.number_of_nodes(), dyads.number_of_edges())
    assert graph.graph["mode"] == "dynamic"
    assert graph.nodes["hamas"]["label"] == "Hamas" and graph.nodes["hamas"]["kind"] == "armed_group"
    for source, target, data in dyads.edges(data=True):
        exported = graph.edges[source, target]
        assert exported["id"] == data["edge_id"]
        assert exported["weight"] == data["weight"]
        assert isinstance(exported["articles"], int) and exported["articles"] == data["articles"]
        assert isinstance(exported["goldstein_mean"], float) and exported["evidence"] == data["evidence"]


def test_gexf_timeline_follows_event_dates(seed_output, seed_graph):
    root = etree.parse(seed_output / "graph.gexf").getroot()
    assert root.find("g:graph", GEXF).get("timeformat") == "date"
    # networkx would stamp today's date: a file that changes by the day is not reproducible.
    dated = seed_graph.events[seed_graph.events["date"] != ""]
    assert root.find("g:meta", GEXF).get("lastmodifieddate") == dated["date"].max()
    spells = {edge.get("id"): sorted(spell.get("start") for spell in edge.iterfind("g:spells/g:spell", GEXF))
              for edge in root.iterfind(".//g:edge", GEXF)}
    for source, target, data in seed_graph.graph.edges(data=True):
        days = dated[(dated["source_id"] == source) & (dated["target_id"] == target)]["date"]
        assert spells[data["edge_id"]] == sorted(set(days))
    assert any(days == [] for days in spells.values()), "the undated seed article's dyads carry no time"
    starts = {node.get("id"): (node.get("start"), node.get("end")) for node in root.iterfind(".//g:node", GEXF)}
    russia = dated[(dated["source_id"] == "russia") | (dated["target_id"] == "russia")]["date"]
    assert starts["russia"] == (russia.min(), russia.max())


def test_node_link_json_round_trip(seed_output, seed_graph):
    data = json.loads((seed_output / "graph.json").read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="edges")
    assert nx.utils.graphs_equal(graph, seed_graph.graph)
    assert isinstance(graph.edges["israel", "russia"]["weight"], int)


def test_parquet_round_trip(seed_output, seed_graph):
    events = pd.read_parquet(seed_output / "events.parquet")
    assert list(events.columns) == list(seed_graph.events.columns)
    assert events["event_id"].tolist() == seed_graph.events["event_id"].tolist()
    assert events["quad_class"].dtype.kind == "i" and events["confidence"].dtype.kind == "f"
    assert events["sentence"].tolist() == seed_graph.events["sentence"].tolist()


def test_gdelt_table_aggregates_events_by_day_pair_and_code(seed_output, seed_graph):
    table = pd.read_csv(seed_output / "events.gdelt.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert list(table.columns) == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
    events = seed_graph.events
    keys = events.groupby(["date", "source_id", "target_id", "event_code"]).size()
    assert len(table) == len(keys) and table["NumMentions"].astype(int).sum() == len(events)
    assert table["GLOBALEVENTID"].is_unique and table["GLOBALEVENTID"].str.isdigit().all()
    condemn = table[table["EventCode"] == "111"].iloc[0]
    assert (condemn["Actor1Name"], condemn["Actor2Name"], condemn["Actor1CountryCode"]) == ("Israel", "Russia", "ISR")
    assert (condemn["EventBaseCode"], condemn["EventRootCode"], condemn["QuadClass"], condemn["GoldsteinScale"]) == (
        "111", "11", "3", "-2.0")
    dated = table[table["SQLDATE"] != ""]
    assert set(dated["SQLDATE"]) == {d.replace("-", "") for d in events["date"] if d}
    assert (dated["Year"] == dated["SQLDATE"].str[:4]).all() and (dated["MonthYear"] == dated["SQLDATE"].str[:6]).all()
    assert set(table["SOURCEURL"]) <= set(seed_graph.articles["article_id"])   # the seeds have no URLs


def test_unknown_export_format_is_refused(seed_graph, tmp_path):
    with pytest.raises(ValueError, match="gephi"):
        write_exports(seed_graph, tmp_path, ["gephi"])


# --- the command line -------------------------------------------------------------------------

def test_kg_export_writes_only_the_formats_asked_for(seed_output, tmp_path, capsys):
    assert main(["export", str(seed_output), "--format", "gexf", "json", "-o", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["graph.gexf", "graph.json"]
    assert str(tmp_path / "out" / "graph.gexf") in capsys.readouterr().out


def test_kg_render_filters_the_saved_events(build_copy, seed_graph, capsys):
    assert main(["render", str(build_copy), "--quad-class", "3", "4", "-o", str(build_copy / "conflict.html")]) == 0
    conflict = seed_graph.subgraph(quad_classes=[3, 4]).graph
    html = (build_copy / "conflict.html").read_text(encoding="utf-8")
    drawn_edges = json.loads(re.search(r"const allEdges = new vis\.DataSet\((.*)\);$", html, re.M).group(1))
    assert sorted((e["from"], e["to"]) for e in drawn_edges) == sorted(conflict.edges)
    assert 0 < conflict.number_of_edges() < seed_graph.graph.number_of_edges()
    said = capsys.readouterr().out
    assert f"Drew {conflict.number_of_nodes()} actor(s) in {conflict.number_of_edges()} dyad(s)" in said


def test_kg_render_focus_writes_a_page_named_after_the_view_and_leaves_graph_html(build_copy, seed_graph, capsys):
    before = (build_copy / "graph.html").read_bytes()
    assert main(["render", str(build_copy), "--focus", "Turkey", "--hops", "1", "--start", "2024-01"]) == 0
    assert (build_copy / "graph.html").read_bytes() == before
    path = build_copy / "graph-focus-turkey-from-2024-01.html"
    assert str(path) in capsys.readouterr().out
    near = seed_graph.subgraph(focus="turkey", hops=1, start="2024-01").graph
    assert f"{near.number_of_nodes()} actors, {near.number_of_edges()} dyads" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("alias", ["Putin", "the Kremlin", "RUSSIA", "russia"])
def test_kg_render_focus_takes_what_the_resolver_knows(build_copy, seed_graph, alias):
    assert main(["render", str(build_copy), "--focus", alias, "--quad-class", "3", "4"]) == 0
    near = seed_graph.subgraph(focus="russia", quad_classes=[3, 4]).graph
    html = (build_copy / "graph-focus-russia-q3-4.html").read_text(encoding="utf-8")
    assert f"{near.number_of_nodes()} actors, {near.number_of_edges()} dyads" in html


def test_kg_render_draws_a_picture_of_the_view_for_a_report(build_copy, seed_graph, capsys):
    before = (build_copy / "graph.html").read_bytes()
    assert main(["render", str(build_copy), "--format", "svg"]) == 0
    svg = (build_copy / "graph.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and ">Russia<" in svg
    assert main(["render", str(build_copy), "--focus", "Russia", "--format", "png", "--top", "3"]) == 0
    png = build_copy / "graph-focus-russia-top-3.png"
    assert png.read_bytes().startswith(b"\x89PNG") and str(png) in capsys.readouterr().out
    assert (build_copy / "graph.html").read_bytes() == before


@pytest.mark.parametrize("arguments, message", [
    (["--focus", "Atlantis"], "no actor 'Atlantis'"),
    (["--focus", "Rusia"], "no actor 'Rusia' in this graph; did you mean Russia?"),
    (["--hops", "2"], "--hops needs --focus"),
])
def test_kg_render_refuses_bad_requests(build_copy, capsys, arguments, message):
    assert main(["render", str(build_copy), *arguments]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("command", ["render", "export"])
def test_folder_without_a_build_is_a_usage_error(tmp_path, capsys, command):
    assert main([command, str(tmp_path)]) == 2
    assert "run 'kg build' first" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
