"""The files ``kg build`` writes: columns, GraphML round trip, atomic and deterministic writes."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
import xml.etree.ElementTree as etree

import kg
from helpers import SEEDS
from kg.readwrite import atomic_path, write_csv

EVENT_COLUMNS_REQUIRED = [
    "event_id", "article_id", "date", "source_id", "source_name", "source_country", "source_sector",
    "target_id", "target_name", "target_country", "target_sector", "event_code", "event_root", "quad_class",
    "goldstein", "confidence", "trigger", "sentence", "sentence_start", "sentence_end", "source_code", "target_code",
]
ACTOR_COLUMNS_REQUIRED = ["actor_id", "name", "kind", "country", "sector", "mentions", "code"]


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_events_csv_columns_and_values(seed_output):
    rows = read_rows(seed_output / "events.csv")
    assert rows and set(EVENT_COLUMNS_REQUIRED) <= set(rows[0])
    for row in rows:
        assert len(row["event_code"]) >= 3 and row["event_code"].isdigit()   # CAMEO code as text, "045"
        assert row["event_root"] == row["event_code"][:2]
        assert row["quad_class"] in {"1", "2", "3", "4"}
        assert -10 <= float(row["goldstein"]) <= 10
        assert 0 < float(row["confidence"]) <= 1
        assert row["source_country"] == "" or len(row["source_country"]) == 3
    assert len({r["event_id"] for r in rows}) == len(rows)
    condemn = next(r for r in rows if r["event_code"] == "111")
    assert (condemn["source_name"], condemn["target_name"], condemn["quad_class"], condemn["goldstein"]) == (
        "Israel", "Russia", "3", "-2.0")


def test_actors_csv(seed_output):
    rows = {r["actor_id"]: r for r in read_rows(seed_output / "actors.csv")}
    assert set(ACTOR_COLUMNS_REQUIRED) <= set(next(iter(rows.values())))
    assert rows["russia"]["kind"] == "state" and rows["russia"]["country"] == "RUS"
    assert rows["hamas"]["kind"] == "armed_group" and rows["hamas"]["code"] == "PSEREB"
    assert {r["kind"] for r in rows.values()} <= {"state", "igo", "armed_group", "party", "bloc", "person", "other"}


def test_graphml_round_trip(seed_output, seed_graph):
    graph = nx.read_graphml(seed_output / "graph.graphml")
    assert graph.is_directed()
    assert set(graph.nodes) == set(seed_graph.graph.nodes)
    assert graph.number_of_edges() == seed_graph.graph.number_of_edges()
    assert graph.nodes["israel"]["name"] == "Israel" and graph.nodes["israel"]["country"] == "ISR"
    edge = graph.edges["israel", "russia"]
    assert edge["weight"] >= 1 and edge["verbal_conflict"] >= 1 and "condemnation" in edge["evidence"]
    assert sum(d["weight"] for _, _, d in graph.edges(data=True)) == len(seed_graph.events)


def test_graphml_edges_have_unique_ids_and_scalar_data(seed_output):
    tree = etree.parse(seed_output / "graph.graphml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = [e.get("id") for e in tree.iterfind(".//g:edge", ns)]
    assert ids and None not in ids and len(set(ids)) == len(ids)
    types = {k.get("attr.type") for k in tree.iterfind(".//g:key", ns)}
    assert types <= {"string", "long", "double", "int", "float", "boolean"}


def test_event_multigraph_has_one_edge_per_event(seed_graph, tmp_path):
    from kg.readwrite import write_graphml
    path = write_graphml(seed_graph.event_graph, tmp_path / "events.graphml")
    graph = nx.read_graphml(path)
    assert graph.number_of_edges() == len(seed_graph.events)
    tree = etree.parse(path)
    ids = [e.get("id") for e in tree.iterfind(".//{http://graphml.graphdrawing.org/xmlns}edge")]
    assert sorted(ids) == sorted(seed_graph.events["event_id"])


def test_saved_graph_loads_back(seed_output, seed_graph):
    loaded = kg.load(seed_output)
    assert loaded.events.equals(seed_graph.events)
    assert loaded.actors.equals(seed_graph.actors)
    assert nx.utils.graphs_equal(loaded.graph, seed_graph.graph)


def test_two_builds_write_identical_files(nlp, tmp_path, copy_seeds):
    for run in ("first", "second"):
        kg.save(kg.build([copy_seeds], nlp=nlp), tmp_path / run)
    for name in ("events.csv", "actors.csv", "articles.csv", "graph.graphml", "graph.html"):
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes(), name


def test_failed_write_leaves_neither_partial_file_nor_temporary(tmp_path):
    target = tmp_path / "events.csv"
    target.write_text("old complete content\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as temporary:
            temporary.write_text("half a ta", encoding="utf-8")
            raise RuntimeError("killed mid-write")
    assert target.read_text(encoding="utf-8") == "old complete content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_write_csv_replaces_atomically(tmp_path):
    import pandas as pd
    path = write_csv(pd.DataFrame({"a": [1, 2]}), tmp_path / "t.csv")
    assert path.read_text(encoding="utf-8") == "a\n1\n2\n"


def test_an_output_folder_inside_the_input_is_never_read_back(copy_seeds, capsys):
    """``kg build . -o out`` twice: the second build reads the same articles and writes the same bytes."""
    from fnmatch import fnmatch

    from kg.cli import main
    from kg.options import OUTPUT_FILES

    out = copy_seeds / "out"
    outputs = []
    for _ in range(2):
        assert main(["build", str(copy_seeds), "-o", str(out)]) == 0
        assert main(["render", str(out), "--quad-class", "4"]) == 0
        assert main(["analyze", str(out)]) == 0
        outputs.append({p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.suffix != ".sqlite"})
    assert outputs[0] == outputs[1]
    assert sorted(kg.load(out).articles["article_id"]) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    unlisted = [name for name in outputs[0] if not any(fnmatch(name, pattern) for pattern in OUTPUT_FILES)]
    assert unlisted == [], "kg.options.OUTPUT_FILES lacks what kg writes"
    capsys.readouterr()


def test_a_graph_from_partial_records_saves_a_build_that_loads(tmp_path):
    """Records written by hand (a notebook) may leave counts out: the build they save still loads."""
    event = {"event_id": "e1", "article_id": "a1", "source_id": "iran", "target_id": "israel",
             "event_code": "111", "quad_class": 3, "goldstein": -2.0, "confidence": 0.9,
             "trigger_start": 5, "sentence_start": 0, "sentence_end": 24, "sentence": "Iran criticised Israel."}
    graph = kg.KnowledgeGraph.from_records([event], [{"actor_id": "iran", "name": "Iran"},
                                                     {"actor_id": "israel", "name": "Israel", "mentions": 2}],
                                           [{"article_id": "a1", "title": "Iran and Israel"}])
    kg.save(graph, tmp_path, html=False)
    loaded = kg.load(tmp_path)
    assert dict(zip(loaded.actors["actor_id"], loaded.actors["mentions"])) == {"israel": 2, "iran": 0}
    assert loaded.articles["events"].tolist() == [0] and loaded.events["event_id"].tolist() == ["e1"]
