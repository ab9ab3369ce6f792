"""Hostile text: formulas, markup and odd ids in articles stay data in every output."""

from __future__ import annotations

import csv
import json

import networkx as nx

import kg
from kg.cli import EXIT_OK, main

HOSTILE_ARTICLES = [
    {"id": "../../escape", "title": "=HYPERLINK(\"http://evil.example\",\"x\")",
     "text": "-2+3 Iran met Hamas in Doha.\n\n@SUM(A1) Israel condemned Russia over the <script>alert(1)</script> "
             "affair & the \"</data>\" leak."},
    {"id": "+cmd|' /C calc'!A0", "text": "=1+1 Turkey condemned Israel."},
]


def test_formulas_markup_and_path_ids_stay_data(tmp_path):
    source = tmp_path / "in" / "hostile.jsonl"
    source.parent.mkdir()
    source.write_text("".join(json.dumps(a) + "\n" for a in HOSTILE_ARTICLES), encoding="utf-8")
    outdir = tmp_path / "work" / "out"
    assert main(["build", str(source), "-o", str(outdir)]) == EXIT_OK
    # Nothing written outside the output folder, whatever the article ids say.
    assert sorted(p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*") if p.is_file()) == \
        ["in"] + ["work"] * len(list(outdir.iterdir()))

    with open(outdir / "events.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with open(outdir / "articles.csv", newline="", encoding="utf-8") as handle:
        articles = list(csv.DictReader(handle))
    cells = [value for row in rows + articles for value in row.values()]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@") and not _number(c)]
    assert {"'+cmd|' /C calc'!A0", "'=HYPERLINK(\"http://evil.example\",\"x\")"} <= set(cells)
    assert {(r["source_name"], r["target_name"]) for r in rows} >= {("Iran", "Hamas"), ("Turkey", "Israel")}

    # Loading takes the quotes off: the text is the article's again.
    loaded = kg.load(outdir)
    assert set(loaded.articles["article_id"]) == {"../../escape", "+cmd|' /C calc'!A0"}
    text = "\n\n".join(a["text"] for a in HOSTILE_ARTICLES[:1])
    for event in loaded.events[loaded.events["article_id"] == "../../escape"].itertuples():
        assert text[event.sentence_start:event.sentence_end] == event.sentence

    graph = nx.read_graphml(outdir / "graph.graphml")
    evidence = " ".join(data["evidence"] for _, _, data in graph.edges(data=True))
    assert "<script>alert(1)</script>" in evidence and '"</data>"' in evidence


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
