"""Hostile strings in the outputs: every file kg writes reads back whole, however odd the text (issue 17).

XML 1.0 forbids the C0 controls but tab, LF and CR, and U+FFFE/U+FFFF; a CSV reader ends a row at
a bare CR as at a LF; the GDELT table has no quoting for a line-based reader to rely on; and a
value that starts with a quote must survive the quote kg puts before spreadsheet formulas. (A lone
surrogate cannot even enter a table: pandas refuses it, so no writer meets one.)
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as etree

import networkx as nx
import pandas as pd
import pytest

import kg
from kg.actors import ACTOR_COLUMNS
from kg.cli import EXIT_OK, main
from kg.events import EVENT_COLUMNS
from kg.graph import ARTICLE_COLUMNS
from kg.datafiles import parse_yaml
from kg.readwrite import GDELT_COLUMNS, gdelt_events
from kg.readwrite.graphs import xml_ids

FORBIDDEN_IN_XML = "\x00\x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff"
# Allowed in XML 1.0, if discouraged or unusual: they must come back as they were.
ALLOWED_ODDITIES = "\x7f\x85\u2028\ufdd0\ufffd\U0010fffd"
GRAPHML = {"g": "http://graphml.graphdrawing.org/xmlns"}
GEXF = {"g": "http://www.gexf.net/1.2draft"}

ACTORS = {  # id -> name
    "iran\r1": "Iran \uffff",                  # a CR in an id, U+FFFF in a name
    "hamas\x01": "Hamas" + FORBIDDEN_IN_XML,   # a control character in an id
    "gaza\x01": "'-quoted",                    # three ids that only XML's forbidden characters tell apart
    "gaza\x02": "'plain",
    "gaza\ufffd": "''",
    "tab\tid": "=SUM(A1)",
    "line\nid": "\tlead",
    "odd": "Odd" + ALLOWED_ODDITIES,
    "'-actor": "'",
}
ARTICLES = [  # id, url, title
    ("wire\r7", "https://news.example/a\rb", "Doha \uffff talks"),
    ("tab\tart", "https://news.example/t\tu", "'+1"),
    ("line\nart", "https://news.example/l\nm", "\rlead"),
    ("'-art", "", "'@home"),
]
DYADS = [("iran\r1", "hamas\x01"), ("hamas\x01", "gaza\x01"), ("gaza\x01", "gaza\x02"), ("gaza\x02", "gaza\ufffd"),
         ("gaza\ufffd", "iran\r1"), ("tab\tid", "line\nid"), ("line\nid", "odd"), ("odd", "'-actor"),
         ("'-actor", "iran\r1")]


def hostile_graph() -> kg.KnowledgeGraph:
    """Every table full (no empty column), its text holding what breaks XML, CSV and TSV."""
    events = []
    for number, (source, target) in enumerate(DYADS):
        article_id = ARTICLES[number % len(ARTICLES)][0]
        sentence = f"{ACTORS[source]} met\r{ACTORS[target]}\tin\nDoha{FORBIDDEN_IN_XML}{ALLOWED_ODDITIES}."
        row = dict.fromkeys(EVENT_COLUMNS, "")
        row.update(event_id=f"e{number}\r\x01", article_id=article_id, date="2024-01-02", event_date="2024-01",
                   source_id=source, source_name=ACTORS[source], source_kind="other", source_text=ACTORS[source],
                   target_id=target, target_name=ACTORS[target], target_kind="other", target_text=ACTORS[target],
                   event_code="042", event_root="04", event_name="'-visit\r", quad_class=1, goldstein=1.9,
                   confidence=0.9, construction="=1+1", assertion="asserted", trigger="met\uffff",
                   trigger_start=number, sentence=sentence, sentence_start=0, sentence_end=len(sentence))
        events.append(row)
    actors = [{**dict.fromkeys(ACTOR_COLUMNS, ""), "actor_id": actor_id, "name": name, "kind": "other",
               "code": "'=X", "mentions": 1} for actor_id, name in ACTORS.items()]
    articles = [{**dict.fromkeys(ARTICLE_COLUMNS, ""), "article_id": article_id, "date": "2024-01-02", "title": title,
                 "url": url, "outlet": "'Wire\r", "path": f"in/{article_id}", "characters": 100, "events": 2}
                for article_id, url, title in ARTICLES]
    return kg.KnowledgeGraph.from_records(events, actors, articles)


@pytest.fixture
def saved(tmp_path):
    """(the hostile graph, the folder ``kg.save`` wrote it into)."""
    graph = hostile_graph()
    kg.save(graph, tmp_path / "out", html=False)
    return graph, tmp_path / "out"


def test_graphml_and_gexf_are_well_formed_and_whole(saved):
    graph, outdir = saved
    dyads = graph.graph
    for name, read in (("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)):
        etree.parse(outdir / name)   # raises on a file that is not well-formed XML
        read_back = read(outdir / name)
        assert (read_back.number_of_nodes(), read_back.number_of_edges()) == \
            (dyads.number_of_nodes(), dyads.number_of_edges()), name
        # Each id comes back as xml_ids made it; what XML allows (a CR, a tab, a LF) as it was.
        assert set(read_back) == set(xml_ids(dyads).values()) >= {"iran\r1", "tab\tid", "line\nid"}, name
        label = "name" if name == "graph.graphml" else "label"
        assert read_back.nodes["odd"][label] == "Odd" + ALLOWED_ODDITIES, name
        assert read_back.nodes["iran\r1"][label] == "Iran \ufffd", name


def test_ids_only_forbidden_characters_tell_apart_stay_apart_and_edges_keep_their_ends(saved):
    graph, outdir = saved
    for name, namespace in (("graph.graphml", GRAPHML), ("graph.gexf", GEXF)):
        root = etree.parse(outdir / name).getroot()
        nodes = [node.get("id") for node in root.iterfind(".//g:node", namespace)]
        edges = list(root.iterfind(".//g:edge", namespace))
        assert len(set(nodes)) == len(nodes) == graph.graph.number_of_nodes(), name
        assert "gaza\ufffd" in nodes, f"{name}: an id XML allows keeps its name"
        assert {"hamas\ufffd", "gaza\ufffd~2", "gaza\ufffd~3"} <= set(nodes), name
        assert {(edge.get("source"), edge.get("target")) for edge in edges} <= {(s, t) for s in nodes for t in nodes}
        ids = [edge.get("id") for edge in edges]
        assert None not in ids and len(set(ids)) == len(ids) == graph.graph.number_of_edges(), name


def test_csv_tables_load_back_the_very_same_strings(saved):
    graph, outdir = saved
    loaded = kg.load(outdir)
    for table in ("events", "actors", "articles"):
        pd.testing.assert_frame_equal(getattr(loaded, table), getattr(graph, table), obj=table)
    assert set(loaded.articles["url"]) >= {"https://news.example/a\rb", "https://news.example/t\tu"}
    assert set(loaded.actors["name"]) >= {"'-quoted", "'plain", "''", "'", "\tlead", "=SUM(A1)"}
    assert set(loaded.actors["actor_id"]) >= {"iran\r1", "tab\tid", "line\nid", "'-actor"}


def test_csv_rows_are_whole_for_the_csv_module_pandas_and_a_line_count(saved):
    graph, outdir = saved
    for table in ("events", "actors", "articles"):
        expected = getattr(graph, table)
        path = outdir / f"{table}.csv"
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert len(rows) == len(expected) + 1 and {len(row) for row in rows} == {len(expected.columns)}, table
        assert len(pd.read_csv(path, dtype=str, keep_default_na=False)) == len(expected), table
        # Rows end in LF; the only other LFs are those inside (quoted) cells; a CR never ends a row.
        data = path.read_bytes()
        line_feeds = sum(str(value).count("\n") for value in expected.to_numpy().ravel())
        assert data.count(b"\n") == len(expected) + 1 + line_feeds and b"\r\n" not in data, table


def test_a_leading_quote_survives_and_no_cell_reads_as_a_formula(saved):
    _graph, outdir = saved
    with open(outdir / "actors.csv", newline="", encoding="utf-8") as handle:
        names = {row["actor_id"]: row["name"] for row in csv.DictReader(handle)}
    # A value that looks defused (quotes, then a formula start) gets one quote more, so taking one
    # off gives it back; a quote before anything else is left as it is.
    assert names["gaza\x01"] == "''-quoted" and names["gaza\x02"] == "'plain" and names["''-actor"] == "'"
    assert names["gaza\ufffd"] == "''"
    assert names["tab\tid"] == "'=SUM(A1)" and names["line\nid"] == "'\tlead"
    for table in ("events", "actors", "articles"):
        with open(outdir / f"{table}.csv", newline="", encoding="utf-8") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        risky = [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r")
                 or cell.startswith("-") and not re.fullmatch(r"-[0-9.]+", cell)]
        assert risky == [], table


def test_gdelt_table_has_one_line_of_every_field_per_row(saved):
    graph, outdir = saved
    text = (outdir / "events.gdelt.tsv").read_bytes().decode("utf-8")   # no newline translation: a CR stays
    rows = len(gdelt_events(graph))
    for lines in (text.split("\n")[:-1], text.splitlines()):   # a LF reader and Python's every line break
        assert len(lines) == rows + 1
        assert {line.count("\t") for line in lines} == {len(GDELT_COLUMNS) - 1}
    table = pd.read_csv(outdir / "events.gdelt.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert list(table.columns) == GDELT_COLUMNS and len(table) == rows
    # The tab, CR and LF a cell held are spaces (and U+0085, U+2028): the cell is still readable.
    assert set(table["SOURCEURL"]) >= {"https://news.example/a b", "https://news.example/t u"}
    assert "Odd\x7f  \ufdd0\ufffd\U0010fffd" in set(table["Actor1Name"])


def test_hostile_outputs_are_byte_identical_across_saves(tmp_path):
    for run in ("first", "second"):
        kg.save(hostile_graph(), tmp_path / run, html=False)
    names = sorted(path.name for path in (tmp_path / "first").iterdir())
    assert names == sorted(path.name for path in (tmp_path / "second").iterdir())
    for name in names:
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes(), name


def test_build_of_hostile_jsonl_writes_files_every_command_reads(tmp_path, capsys):
    """Through the real pipeline: a JSONL id with a CR and a control character, text with U+FFFF."""
    source = tmp_path / "hostile.jsonl"
    records = [{"id": "wire\r7\x01b", "title": "Doha\uffff talks", "url": "https://news.example/a\rb",
                "text": "Iran met Hamas in Doha \uffff on Monday. Israel condemned Russia over the raid."},
               {"id": "desk\x01\r2", "text": "Turkey \uffff condemned Israel."}]
    source.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    outdir = tmp_path / "out"
    assert main(["build", str(source), "-o", str(outdir)]) == EXIT_OK
    found = int(re.search(r"found (\d+) event\(s\)", capsys.readouterr().out).group(1))
    assert found > 0
    for name, read in (("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)):
        etree.parse(outdir / name)
        assert read(outdir / name).number_of_edges() > 0, name
    nx.node_link_graph(json.loads((outdir / "graph.json").read_text(encoding="utf-8")), edges="edges")
    assert parse_yaml((outdir / "unresolved.actors.yaml").read_text(encoding="utf-8")) == {"actors": None}
    loaded = kg.load(outdir)
    assert len(loaded.events) == found
    read = {article.id: article.url or "" for article in kg.read_articles([source])}
    assert dict(zip(loaded.articles["article_id"], loaded.articles["url"])) == read   # as ingest gave them
    assert main(["render", str(outdir)]) == EXIT_OK
    assert main(["analyze", str(outdir)]) == EXIT_OK
    assert main(["export", str(outdir), "--format", "csv", "gdelt", "-o", str(tmp_path / "again")]) == EXIT_OK
    assert (tmp_path / "again" / "events.csv").read_bytes() == (outdir / "events.csv").read_bytes()
