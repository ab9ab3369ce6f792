"""Metadata sidecars (``--metadata INDEX.tsv``): where each article came from, in a table beside them."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import kg
from kg.cli import EXIT_OK, EXIT_USAGE, main
from kg.ingest import IngestError, read_articles
from kg.sidecar import SidecarError, read_sidecar
from helpers import rss, write_docx, write_pdf


def sidecar_articles(folder, index):
    errors: list[IngestError] = []
    sidecar = read_sidecar(index)
    articles = list(sidecar.apply_all(read_articles([folder], on_error=errors.append, skip=[index])))
    return {a.id: a for a in articles}, errors + sidecar.problems + sidecar.unused()


def test_sidecar_row_gives_url_title_outlet_and_its_date_wins(tmp_path):
    (tmp_path / "clip.txt").write_text("date 2018-01-01\nEgypt mediated between Hamas and Fatah.\n")
    (tmp_path / "other.txt").write_text("Iran met Hamas.\n")
    index = tmp_path / "INDEX.tsv"
    index.write_text("file\turl\ttitle\toutlet\tdate\tword_count\n"
                     "clip.txt\thttps://c.example/1\tEgypt mediates\tPaper C\t2020-05-03\t7\n")
    articles, errors = sidecar_articles(tmp_path, index)
    assert errors == []  # the sidecar itself is neither an article nor an unsupported file
    clip = articles["clip"]
    assert (clip.url, clip.title, clip.outlet, clip.date) == ("https://c.example/1", "Egypt mediates", "Paper C",
                                                             "2020-05-03")
    assert (articles["other"].url, articles["other"].date) == (None, None)


def test_rows_naming_no_article_and_repeated_rows_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Iran met Hamas.\n")
    index = tmp_path / "index.csv"
    index.write_text("file,url\na.txt,https://a/1\ngone.txt,https://a/2\na.txt,https://a/3\n,https://a/4\n")
    articles, errors = sidecar_articles(tmp_path, index)
    assert articles["a"].url == "https://a/1"
    assert sorted(str(e) for e in errors) == sorted([
        f"{index}, row 4: file 'a.txt' is already in row 2; this row is left out",
        f"{index}, row 5: row has no 'file' or 'id'",
        f"{index}, row 3: names no article that was read ('gone.txt')"])


def test_jsonl_sidecar_by_id_reaches_records_and_feed_items(tmp_path):
    (tmp_path / "batch.jsonl").write_text(json.dumps({"id": "r1", "text": "Iran met Hamas.", "date": "2021-01-01"})
                                          + "\n")
    (tmp_path / "wire.rss").write_text(rss([{"title": "Turkey condemns Israel", "link": "https://w/1",
                                             "date": "Mon, 03 Jun 2019 08:00:00 GMT", "text": "Turkey condemned Israel."}]))
    index = tmp_path / "meta.jsonl"
    index.write_text("\n".join(json.dumps(row) for row in [
        {"id": "r1", "outlet": "Agency R", "date": "2021-02-02"},
        {"file": "wire.rss", "outlet": "Wire Inc", "url": "https://w/home", "date": "2000-01-01"}]) + "\n")
    articles, errors = sidecar_articles(tmp_path, index)
    assert errors == []
    assert (articles["r1"].outlet, articles["r1"].date) == ("Agency R", "2021-02-02")  # an id's row wins
    item = articles["wire-1"]
    # the row of a file of many articles fills only what they lack: each item keeps its link and date
    assert (item.url, item.date, item.outlet) == ("https://w/1", "2019-06-03", "World Wire")


@pytest.mark.parametrize("name, content, problem", [
    ("missing.tsv", None, "no such file"),
    ("index.tsv", "name\turl\na.txt\thttps://a\n", "no 'file' or 'id' column (columns: name, url)"),
    ("index.jsonl", "{not json\n", "line 1: not valid JSON"),
    ("index.xlsx", "PK", "expected a .csv, .tsv or .jsonl file"),
])
def test_a_sidecar_that_cannot_be_used_is_a_usage_error_naming_it(tmp_path, capsys, name, content, problem):
    (tmp_path / "a.txt").write_text("Iran met Hamas.\n")
    index = tmp_path / name
    if content is not None:
        index.write_text(content)
    with pytest.raises(SidecarError, match=re.escape(problem)):
        read_sidecar(index)
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "out"), "--metadata", str(index)]) == EXIT_USAGE
    assert f"kg: metadata file {index}" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # refused before anything is written


def test_folder_of_every_kind_builds_with_the_sidecar(tmp_path, capsys):
    """What a new user collects: a PDF, a Word file, a feed, a README, a clipping, a spreadsheet
    and the index of where each came from."""
    folder = tmp_path / "clippings"
    folder.mkdir()
    write_pdf(folder / "talks.pdf", ["Russia hosts talks", "Russia hosted talks between Hamas and Israel in Moscow."])
    write_docx(folder / "sanctions.docx", "Sanctions", ["The European Union imposed sanctions on Iran on Monday."])
    (folder / "world.rss").write_text(rss([
        {"title": "Turkey condemns Israel", "link": "https://wire.example/1", "date": "Mon, 03 Jun 2019 08:00:00 GMT",
         "text": "Turkey condemned Israel on Monday."},
        {"title": "China meets Russia", "link": "https://wire.example/2", "date": "Tue, 04 Jun 2019 08:00:00 GMT",
         "text": "<p>China's foreign minister met Russia's foreign minister in Beijing.</p>"}]))
    (folder / "README.md").write_text("My clippings. Iran met Hamas.\n")
    (folder / "clip.txt").write_text("date 2018-01-01\nEgypt condemned Israel.\n")
    (folder / "chart.xlsx").write_bytes(b"PK\x03\x04")
    (folder / "INDEX.tsv").write_text(
        "file\turl\toutlet\tdate\n"
        "talks.pdf\thttps://a.example/talks\tAgency A\t2020-05-01\n"
        "sanctions.docx\thttps://b.example/s\tPaper B\t2020-05-02\n"
        "clip.txt\thttps://b.example/c\tPaper B\t2020-05-03\n")
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--metadata", str(folder / "INDEX.tsv")]) == EXIT_OK
    captured = capsys.readouterr()
    assert f"kg: skipped {folder / 'chart.xlsx'}: unsupported type '.xlsx'" in captured.err
    assert "INDEX.tsv" not in captured.err and "README" not in captured.err
    assert "Read 5 article(s); skipped 1 file(s), as reported above" in captured.out
    articles = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False).set_index("article_id")
    assert articles.loc[["talks", "sanctions", "clip", "world-1", "world-2"], ["url", "date", "outlet"]].values.tolist() == [
        ["https://a.example/talks", "2020-05-01", "Agency A"], ["https://b.example/s", "2020-05-02", "Paper B"],
        ["https://b.example/c", "2020-05-03", "Paper B"], ["https://wire.example/1", "2019-06-03", "World Wire"],
        ["https://wire.example/2", "2019-06-04", "World Wire"]]
    events = kg.load(out).events
    assert set(events["article_id"]) == {"talks", "sanctions", "clip", "world-1", "world-2"}  # each document's events
    assert set(events.loc[events["article_id"] == "clip", "date"]) == {"2020-05-03"}
    gdelt = pd.read_csv(out / "events.gdelt.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert {"https://a.example/talks", "https://wire.example/1"} <= set(gdelt["SOURCEURL"])


def test_num_sources_counts_outlets_before_url_hosts():
    from kg.readwrite import gdelt_events
    from kg.graph import KnowledgeGraph

    event = {"date": "2024-01-21", "source_id": "iran", "source_name": "Iran", "source_country": "IRN",
             "source_sector": "", "source_code": "IRN", "target_id": "hamas", "target_name": "Hamas",
             "target_code": "PSEREB", "event_code": "040", "event_root": "04", "quad_class": 1, "goldstein": 1.0}
    graph = KnowledgeGraph.from_records(
        [{**event, "event_id": f"e{n}", "article_id": f"a{n}"} for n in (1, 2, 3)], [],
        [{"article_id": "a1", "url": "https://one.example/1", "outlet": "Paper B"},
         {"article_id": "a2", "url": "https://two.example/2", "outlet": "paper b"},
         {"article_id": "a3", "url": "https://two.example/3", "outlet": ""}])
    [row] = gdelt_events(graph).to_dict("records")
    assert (row["NumArticles"], row["NumSources"], row["SOURCEURL"]) == (3, 2, "https://one.example/1")


def test_a_path_key_finds_only_its_own_file_and_windows_paths_are_read(tmp_path):
    for folder in ("new", "sub"):
        (tmp_path / folder).mkdir()
    (tmp_path / "new" / "a.txt").write_text("Egypt met Hamas.\n")
    (tmp_path / "sub" / "b.txt").write_text("Turkey met Hamas.\n")
    index = tmp_path / "index.tsv"
    index.write_text("file\turl\n2019/a.txt\thttps://old/a\nsub\\b.txt\thttps://sub/b\n")
    errors: list[IngestError] = []
    sidecar = read_sidecar(index)
    urls = [a.url for a in sidecar.apply_all(read_articles([tmp_path], on_error=errors.append, skip=[index]))]
    assert urls == [None, "https://sub/b"] and errors == []  # 2019/a.txt is not new/a.txt
    assert [str(e) for e in sidecar.unused()] == [f"{index}, row 2: names no article that was read ('2019/a.txt')"]
