"""Hostile input files (issue 17): each is read, or named with its problem, and never stops the batch."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path


import kg
from kg.cli import EXIT_OK, main
from kg.ingest import IngestError, read_articles, read_file
from kg.sidecar import read_sidecar
from helpers import ROOT


def read_all(paths):
    errors: list[IngestError] = []
    return list(read_articles(paths, on_error=errors.append)), [str(e) for e in errors]


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:  # strict UTF-8: every cell is real text
        return list(csv.DictReader(handle))


def test_deeply_nested_html_is_read_in_about_linear_time(tmp_path):
    # 80,000 nested blocks (880 KB) took minutes when marking each block cost its whole subtree.
    depth = 80_000
    page = tmp_path / "nested.html"
    page.write_text("<html><body>" + "<div>" * depth + "<p>Iran met Hamas in Moscow.</p>"
                    + "<section hidden>" * 1000 + "Russia attacked Mars." + "</section>" * 1000
                    + "</div>" * depth + "<p>Israel condemned Russia.</p></body></html>", encoding="utf-8")
    code = "import sys; from kg.ingest import read_file; print(read_file(sys.argv[1])[0].text)"
    # A guard against hanging, not a benchmark: it takes about a second.
    done = subprocess.run([sys.executable, "-c", code, str(page)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Iran met Hamas in Moscow.\n\nIsrael condemned Russia.\n"


def test_undecodable_file_names_and_surrogate_ids_are_built_and_named(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text("Iran met Hamas in Moscow.", encoding="utf-8")
    (folder / os.fsdecode(b"bad\xff.jsonl")).write_text(
        '{not json\n{"id": "x\\ud800y", "url": "https://news.example/\\ud83d", "title": "T\\ud800",'
        ' "text": "Turkey condemned Israel."}\n', encoding="utf-8")
    (folder / "good.txt").write_text("Israel condemned Russia.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out)]) == EXIT_OK
    err = capsys.readouterr().err

    for file in out.iterdir():  # every output is text any UTF-8 reader takes
        if file.suffix in (".csv", ".graphml", ".html", ".yaml", ".json"):
            file.read_bytes().decode("utf-8")
    events = _rows(out / "events.csv")
    assert {(e["article_id"], e["source_name"], e["target_name"]) for e in events} >= {
        ("caf\\xe9", "Iran", "Hamas"), ("x\\ud800y", "Turkey", "Israel"), ("good", "Israel", "Russia")}
    articles = {a["article_id"]: a for a in _rows(out / "articles.csv")}
    assert articles["caf\\xe9"]["path"] == str(folder / "caf\\xe9.txt")
    assert articles["x\\ud800y"]["url"] == "https://news.example/\\ud83d"  # half an emoji
    assert f"{folder / 'bad'}\\xff.jsonl, record 1: line 1 is not valid JSON" in err


def test_decomposed_unicode_gives_the_events_of_composed_text(nlp, tmp_path):
    composed = "Türkiye condemned Israel. Iran met Hamas in Moscow."
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    (tmp_path / "nfc.txt").write_text(composed, encoding="utf-8")
    (tmp_path / "nfd.txt").write_text(decomposed, encoding="utf-8")
    (tmp_path / "more.jsonl").write_text(json.dumps({"id": unicodedata.normalize("NFD", "Türkiye-1"),
                                                     "title": decomposed, "text": decomposed}) + "\n")
    articles, errors = read_all([tmp_path])
    assert errors == [] and {a.text for a in articles} == {composed}
    assert [(a.id, a.title) for a in articles if a.title] == [("Türkiye-1", composed)]

    graph = kg.build([tmp_path], nlp=nlp)
    found = {name: {(e.source_name, e.event_code, e.target_name) for e in graph.events.itertuples()
                    if e.article_id == name} for name in ("nfc", "nfd", "Türkiye-1")}
    assert found["nfc"] and found["nfd"] == found["nfc"] == found["Türkiye-1"]
    for event in graph.events.itertuples():  # offsets index the text kg keeps: the composed one
        assert composed[event.sentence_start:event.sentence_end] == event.sentence


def test_a_first_word_date_that_heads_no_date_is_text(tmp_path, caplog):
    (tmp_path / "palms.txt").write_text("Date palms were burned in Gaza, and Israel condemned Hamas.\n")
    (tmp_path / "dated.txt").write_text("Date 2024-02-01\nIsrael condemned Hamas.\n")
    articles, errors = read_all([tmp_path])
    assert errors == [] and "palms" not in caplog.text
    assert [(a.id, a.date, a.text) for a in articles] == [
        ("dated", "2024-02-01", "Israel condemned Hamas.\n"),
        ("palms", None, "Date palms were burned in Gaza, and Israel condemned Hamas.\n")]


def test_a_csv_quote_left_open_is_reported_by_line_and_the_later_rows_are_read(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text('id,text\nc1,Iran met Hamas in Moscow.\nc2,"Israel condemned Russia.\nc3,Turkey condemned Israel.\n'
                    'c4,"Russia hosted Iran,"" it said."\nc5,"A quote" and more\nc6,"Open to the end\n'
                    'c7,Egypt met Qatar.\n', encoding="utf-8")
    articles, errors = read_all([path])
    assert [(a.id, a.text) for a in articles] == [
        ("c1", "Iran met Hamas in Moscow."), ("c3", "Turkey condemned Israel."),
        ("c4", 'Russia hosted Iran," it said.'), ("c5", "A quote and more"),
        ("c7", "Egypt met Qatar.")]  # no row swallows the rows after it
    assert len(errors) == 2
    assert errors[0].startswith(f"{path}, record 2: a quote opened on line 3 is not closed") and "line 4" in errors[0]
    assert errors[1].startswith(f"{path}, record 6: a quote opened on line 7 is not closed") and "line 8" in errors[1]

    index = tmp_path / "INDEX.tsv"  # a sidecar's table is read the same way
    index.write_text('id\ttitle\nc1\t"Talks\nc3\tTurkey speaks\n', encoding="utf-8")
    sidecar = read_sidecar(index)
    assert [str(p) for p in sidecar.problems] == [
        f"{index}, row 2: a quote opened on line 2 is not closed (the CSV reader stops at line 3: unexpected end "
        f"of data); this record is left out and reading goes on at line 3"]
    assert [sidecar.apply(a).title for a in articles[:2]] == [None, "Turkey speaks"]


def test_a_folder_walk_names_what_it_skips_and_never_blocks(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "good.txt").write_text("Iran met Hamas in Moscow.", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "other.txt").write_text("Israel condemned Russia.", encoding="utf-8")
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "linked").symlink_to(tmp_path / "elsewhere")
    os.mkfifo(folder / "pipe.txt")  # opening it would wait for a writer for ever
    (folder / "header.csv").write_text("id,text\n", encoding="utf-8")
    locked = folder / "locked"
    locked.mkdir()
    (locked / "secret.txt").write_text("Turkey condemned Israel.", encoding="utf-8")
    scandir = os.scandir

    def refusing(path="."):  # as chmod 000 does, whoever runs the test (root reads anything)
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    articles, errors = read_all([folder])
    assert [a.id for a in articles] == ["good"]
    assert errors == [
        # what the walk finds, in name order, then what reading finds
        f"{folder / 'dangling.txt'}: broken symbolic link (to {tmp_path / 'gone.txt'}, which does not exist)",
        f"{folder / 'linked'}: symbolic link to a folder, not followed "
        f"(name {os.path.realpath(tmp_path / 'elsewhere')} to read it)",
        f"{locked}: folder cannot be read (Permission denied)",
        f"{folder / 'loop.txt'}: symbolic link that loops (Too many levels of symbolic links)",
        f"{folder / 'pipe.txt'}: not a regular file (a named pipe, FIFO)",
        f"{folder / 'header.csv'}: CSV holds a header but no rows"]


def test_a_stray_nul_leaves_a_csv_readable_and_a_binary_file_is_still_refused(tmp_path):
    table = tmp_path / "batch.csv"
    table.write_bytes(b"id,text\nc1,Iran met\x00 Hamas in Moscow.\nc2,Israel condemned Russia.\n")
    binary = tmp_path / "program.txt"
    binary.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x03\x00>\x00\x01\x00\x00\x00" + bytes(range(256)) * 8)
    articles, errors = read_all([table, binary])
    assert [(a.id, a.text) for a in articles] == [("c1", "Iran met  Hamas in Moscow."),  # the NUL as a space
                                                  ("c2", "Israel condemned Russia.")]
    assert errors == [f"{binary}: binary file, not text"]
