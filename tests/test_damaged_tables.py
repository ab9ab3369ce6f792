"""A build's tables edited or damaged by hand (issue 17): every command that reads them (render,
analyze, export) refuses them alike, with one line naming the file, and the row and column of a
bad cell, instead of a traceback or a message naming nothing."""

from __future__ import annotations

import csv
import io

import pytest

from kg.cli import EXIT_OK, EXIT_USAGE, main

ARTICLE = "date 2024-02-01\nRussia condemned Israel on Monday. Iran met Hamas in Moscow."


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("damaged-tables")
    (folder / "in").mkdir()
    (folder / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["build", str(folder / "in"), "-o", str(folder / "clean"), "--no-html"]) == EXIT_OK
    return folder / "clean"


def edited(build, tmp_path, table: str, column: str, value: str):
    out = tmp_path / "out"
    out.mkdir()
    for path in build.iterdir():
        if path.is_file():
            (out / path.name).write_bytes(path.read_bytes())
    rows = list(csv.DictReader(io.StringIO((out / table).read_text(encoding="utf-8"))))
    rows[-1][column] = value
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (out / table).write_text(text.getvalue(), encoding="utf-8")
    return out, len(rows)


COMMANDS = [["render"], ["analyze"], ["export", "--format", "gexf"]]


@pytest.mark.parametrize("table, column, value, noun", [
    ("events.csv", "trigger_start", "1" + "0" * 30, "a whole number"),
    ("events.csv", "quad_class", "three", "a whole number"),
    ("events.csv", "date", "2022-13-45", "a date"),
    ("events.csv", "event_date", "last week", "a date"),
    ("events.csv", "goldstein", "minus two", "a number"),
    ("actors.csv", "mentions", "", "a whole number"),
    ("articles.csv", "date", "2024-02-30", "a date"),
])
def test_a_bad_cell_is_named_by_file_row_and_column_in_every_command(build, tmp_path, capsys, table, column, value,
                                                                     noun):
    out, rows = edited(build, tmp_path, table, column, value)
    for command in COMMANDS:
        capsys.readouterr()
        assert main([command[0], str(out), *command[1:]]) == EXIT_USAGE, command
        (line,) = capsys.readouterr().err.strip().splitlines()
        assert line.startswith(f"kg: {out / table}, row {rows}: {column} is {value!r}, not {noun}"), command


@pytest.mark.parametrize("damage", ["empty", "folder", "latin-1", "cut in a quote"])
def test_a_table_that_cannot_be_read_is_named(build, tmp_path, capsys, damage):
    out, _ = edited(build, tmp_path, "events.csv", "sentence", "Iran met Hamas.")
    events = out / "events.csv"
    if damage == "empty":
        events.write_bytes(b"")
    elif damage == "folder":
        events.unlink()
        events.mkdir()
    elif damage == "latin-1":
        events.write_bytes(events.read_bytes().replace(b"Iran met", "Ir\xe1n met".encode("latin-1")))
    else:
        events.write_text(events.read_text(encoding="utf-8") + 'e9,"an open quote\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["render", str(out)]) == EXIT_USAGE
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"kg: {events}: cannot read the events table (")


def test_a_clean_build_still_loads_in_every_command(build, tmp_path, capsys):
    out, _ = edited(build, tmp_path, "events.csv", "sentence", "Iran met Hamas in Moscow.")
    for command in COMMANDS:
        assert main([command[0], str(out), *command[1:]]) == EXIT_OK, command
