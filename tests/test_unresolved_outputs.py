"""unresolved.csv and unresolved.actors.yaml: the names a build could not resolve, and an actor file
to fill in and pass back with --actors."""

from __future__ import annotations

import csv
import re
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

import kg
from kg.actors import ActorDictionary
from kg.cli import EXIT_OK, main
from kg.datafiles import parse_yaml
from kg.readwrite import UNRESOLVED_CSV, UNRESOLVED_YAML, unresolved_actor_file
from kg.store import STORE_NAME

COLUMNS = ["name", "mentions", "articles", "label", "example_article", "example_sentence"]
# Invented names: no dictionary knows them. Each is named three times, in two articles.
ARTICLES = {
    "a1": "date 2024-03-04\nThe Harbour Freight Union condemned Israel on Monday. Union leader Adaeze Okonkwo "
          "said: \"We will not stop: #never.\"\nThe Harbour Freight Union later praised Russia.\n",
    "a2": "date 2024-03-05\nAdaeze Okonkwo urged Turkey to act. The Harbour Freight Union criticised Hamas, "
          "and Adaeze Okonkwo welcomed the statement.\n",
}
PACKAGED = sorted(p for p in (Path(kg.__file__).parent / "data" / "actors").iterdir()
                  if p.name.endswith((".yaml", ".yml", ".csv")))


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def article_text(article_id: str) -> str:
    return ARTICLES[article_id].split("\n", 1)[1]  # as kg reads it: without the date line


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("unresolved-articles")
    for article_id, text in ARTICLES.items():
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def output(articles, nlp, tmp_path_factory):
    """The folder of a build of ARTICLES with a store, as kg build writes it."""
    outdir = tmp_path_factory.mktemp("unresolved-output")
    kg.save(kg.build([articles], nlp=nlp, store=outdir / STORE_NAME), outdir, html=False)
    return outdir


def uncomment(text: str, name: str, **values: str) -> str:
    """``text`` with the entry of ``name`` uncommented and its empty values filled in."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("# - ") and f'"{name}"' in line)
    end = start + 1
    while end < len(lines) and lines[end].startswith("#   "):
        end += 1
    entry = "\n".join(line[2:] for line in lines[start:end])
    for key, value in values.items():
        entry, count = re.subn(rf'\b{key}: ""', f"{key}: {value}", entry)
        assert count == 1, key
    return "\n".join(lines[:start] + [entry] + lines[end:])


def test_unresolved_csv_rows(output):
    path = output / UNRESOLVED_CSV
    assert path.read_text(encoding="utf-8").split("\n", 1)[0] == ",".join(COLUMNS)
    rows = {row["name"]: row for row in read_rows(path)}
    union, person = rows["Harbour Freight Union"], rows["Adaeze Okonkwo"]
    assert (union["mentions"], union["articles"], union["label"]) == ("3", "2", "ORG")
    assert (person["mentions"], person["articles"], person["label"]) == ("3", "2", "PERSON")
    # The example is the first mention's sentence: a real sentence of the article, naming the name.
    assert union["example_article"] == person["example_article"] == "a1"
    assert union["example_sentence"] == "The Harbour Freight Union condemned Israel on Monday."
    # (where the sentence ends is spaCy's call: the closing quote may go with the next one)
    assert person["example_sentence"].startswith('Union leader Adaeze Okonkwo said: "We will not stop: #never.')
    for row in (union, person):
        assert row["example_sentence"] in article_text(row["example_article"])
        assert row["name"] in row["example_sentence"]
    mentions = [int(row["mentions"]) for row in rows.values()]
    assert mentions == sorted(mentions, reverse=True)
    # Every unresolved actor of actors.csv has its row, with the same mentions.
    unresolved = {r["name"]: r["mentions"] for r in read_rows(output / "actors.csv") if r["actor_id"].startswith("x-")}
    assert unresolved == {name: row["mentions"] for name, row in rows.items()}


def test_unresolved_files_are_the_same_from_every_build_and_from_the_store(articles, output, nlp, parsed,
                                                                             tmp_path):
    cold = tmp_path / "cold"
    kg.save(kg.build([articles], nlp=nlp), cold, html=False)
    assert sorted(parsed) == ["a1", "a2"]
    warm = tmp_path / "warm"
    shutil.copy(output / STORE_NAME, tmp_path / STORE_NAME)
    kg.save(kg.build([articles], nlp=nlp, store=tmp_path / STORE_NAME), warm, html=False)
    assert sorted(parsed) == ["a1", "a2"]  # nothing parsed again: every article came from the store
    for name in (UNRESOLVED_CSV, UNRESOLVED_YAML):
        assert (cold / name).read_bytes() == (output / name).read_bytes() == (warm / name).read_bytes(), name


def test_actor_file_loads_unedited_and_filled_in(output, tmp_path):
    path = output / UNRESOLVED_YAML
    text = path.read_text(encoding="utf-8")
    assert parse_yaml(text) == {"actors": None}
    ActorDictionary.from_files([*PACKAGED, path])  # unedited: loads, adds nothing
    filled = tmp_path / "filled.yaml"
    filled.write_text(uncomment(text, "Adaeze Okonkwo", country="NGA", sector="GOV"), encoding="utf-8")
    assert parse_yaml(filled.read_text(encoding="utf-8"))["actors"] == [
        {"person": "Adaeze Okonkwo", "roles": [{"country": "NGA", "sector": "GOV", "start": ""}]}]
    actors = ActorDictionary.from_files([*PACKAGED, filled])
    ref = actors.lookup_person("Adaeze Okonkwo", "2024-03-04")
    assert (ref.actor.id, ref.sector, ref.person) == ("nigeria", "GOV", "Adaeze Okonkwo")
    assert actors.lookup("Harbour Freight Union") is None  # still commented out


def test_rebuild_with_the_filled_in_file_resolves_the_name_and_keeps_the_file(articles, output, tmp_path, capsys):
    outdir = tmp_path / "out"
    shutil.copytree(output, outdir)
    actor_file = outdir / UNRESOLVED_YAML
    actor_file.write_text(uncomment(actor_file.read_text(encoding="utf-8"), "Adaeze Okonkwo", country="NGA",
                                    sector="GOV"), encoding="utf-8")
    edited = actor_file.read_bytes()
    assert main(["build", str(articles), "-o", str(outdir), "--no-html", "--actors", str(actor_file)]) == EXIT_OK
    printed = capsys.readouterr().out
    names = [row["name"] for row in read_rows(outdir / UNRESOLVED_CSV)]
    assert "Adaeze Okonkwo" not in names and "Harbour Freight Union" in names
    assert "Adaeze Okonkwo" not in printed.split("Names not in the actor dictionary")[1].split("\n")[0]
    # The user's edits survive: the file passed with --actors is not written over.
    assert actor_file.read_bytes() == edited
    assert f"Kept {actor_file}" in printed and f"  {outdir / UNRESOLVED_CSV}\n" in printed
    assert f"  {actor_file}\n" not in printed
    events = read_rows(outdir / "events.csv")
    assert any(row["source_person"] == "Adaeze Okonkwo" and row["source_id"] == "nigeria" for row in events)


def test_cli_lists_both_files(articles, tmp_path, capsys):
    assert main(["build", str(articles), "-o", str(tmp_path), "--no-html"]) == EXIT_OK
    printed = capsys.readouterr().out
    assert f"  {tmp_path / UNRESOLVED_CSV}\n" in printed and f"  {tmp_path / UNRESOLVED_YAML}\n" in printed


def test_every_name_resolved_writes_a_header_and_an_empty_actor_file(seed_output):
    assert (seed_output / UNRESOLVED_CSV).read_text(encoding="utf-8") == ",".join(COLUMNS) + "\n"
    assert parse_yaml((seed_output / UNRESOLVED_YAML).read_text(encoding="utf-8")) == {"actors": None}
    ActorDictionary.from_files([*PACKAGED, seed_output / UNRESOLVED_YAML])


HOSTILE = [
    'Say "no": #1 \\ \'quoted\'',
    "Two\nlines\r\nand\u2028separators\u2029and\x85next",
    "--- ... - item: {a: [b]} &anchor *alias !tag %directive @at `tick` | > ?",
    "bell\x07 delete\x7f c1\x9b bom\ufeff nonchar\ufffe emoji \U0001F600",
]


def test_actor_file_keeps_any_text_inside_comments_and_quotes():
    table = pd.DataFrame([{"name": text, "mentions": 2, "articles": 1, "label": label, "example_article": text,
                           "example_sentence": text}
                          for text in HOSTILE for label in ("ORG", "PERSON")])
    table["name"] = [f"{name} {i}" for i, name in enumerate(table["name"])]  # one entry per row
    text = unresolved_actor_file(table)
    assert parse_yaml(text) == {"actors": None}
    header, entries = text.split("\nactors:\n")
    entries = "\n".join(line[2:] if line.startswith(("# - ", "#   ")) else line for line in entries.split("\n"))
    entries = parse_yaml(header + "\nactors:\n" + entries)["actors"]
    assert [entry.get("person", entry.get("name")) for entry in entries] == list(table["name"])
    assert all(entry["kind"] == "other" and entry["country"] == "" for entry in entries if "id" in entry)


def test_render_and_export_work_on_builds_without_the_files(output, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(output, old)
    for name in (UNRESOLVED_CSV, UNRESOLVED_YAML):
        (old / name).unlink()
    assert kg.load(old).unresolved_names is None
    assert main(["render", str(old)]) == EXIT_OK
    assert main(["export", str(old), "--format", "csv", "graphml"]) == EXIT_OK
    assert not (old / UNRESOLVED_CSV).exists()
    loaded = kg.load(output)
    assert loaded.unresolved_names is not None
    assert list(loaded.unresolved_names["name"]) == [row["name"] for row in read_rows(output / UNRESOLVED_CSV)]


def test_a_store_of_an_older_schema_is_not_reused(articles, output, nlp, parsed, tmp_path):
    store = tmp_path / STORE_NAME
    shutil.copy(output / STORE_NAME, store)
    with sqlite3.connect(store) as connection:  # what a build before the unresolved table left
        connection.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
        connection.execute("DELETE FROM unresolved")
    kg.save(kg.build([articles], nlp=nlp, store=store), tmp_path / "out", html=False)
    assert sorted(parsed) == ["a1", "a2"]
    assert (tmp_path / "out" / UNRESOLVED_CSV).read_bytes() == (output / UNRESOLVED_CSV).read_bytes()
