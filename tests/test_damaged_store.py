"""A damaged store is never trusted (issue 17, case 1): whatever happened to ``OUTDIR/kg.sqlite``
(a table dropped, rows deleted or edited, a truncated, foreign or garbage file), the next build
says the store is damaged, names it, and gives every event a clean build gives."""

from __future__ import annotations

import sqlite3

import pytest

from kg.cli import EXIT_OK, EXIT_OUTPUT, main
from kg.store import STORE_NAME

ARTICLES = {
    "alpha": "date 2024-02-01\nRussia condemned Israel on Monday. Iran met Hamas in Moscow.",
    "beta": "date 2023-05-10\nTurkish President Recep Tayyip Erdogan urged Israel to stop the strikes. "
            "The United Nations criticised Hamas.",
}


def sql(statement: str):
    def damage(store):
        with sqlite3.connect(store) as connection:
            connection.executescript(statement)
    return damage


def truncated(store):
    data = store.read_bytes()
    store.write_bytes(data[: len(data) // 3])


def garbage(store):
    store.write_bytes(b"this is no database\n" * 500)


def foreign(store):
    store.unlink()
    with sqlite3.connect(store) as connection:
        connection.execute("CREATE TABLE articles (id INTEGER, title TEXT)")
        connection.execute("INSERT INTO articles VALUES (1, 'another program')")


DAMAGES = {
    "events table dropped": sql("DROP TABLE events"),
    "actors rows deleted": sql("DELETE FROM actors WHERE position % 2 = 0"),
    "event rows deleted": sql("DELETE FROM events WHERE position = 0"),
    "a record emptied": sql("UPDATE events SET record = '{}' WHERE position = 0"),
    "a record not json": sql("UPDATE actors SET record = 'not json' WHERE position = 0"),
    "an article row edited": sql("UPDATE articles SET record = replace(record, 'alpha', 'gamma')"),
    "truncated": truncated,
    "garbage": garbage,
    "foreign schema": foreign,
}


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def clean(inputs, tmp_path):
    out = tmp_path / "clean"
    assert main(["build", str(inputs), "-o", str(out), "--no-html"]) == EXIT_OK
    return out


@pytest.mark.parametrize("rebuild", [False, True], ids=["build", "rebuild"])
@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_store_is_rebuilt_and_gives_every_event(damage, rebuild, inputs, clean, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(inputs), "-o", str(out), "--no-html"]) == EXIT_OK
    damage(out / STORE_NAME)
    capsys.readouterr()
    assert main(["build", str(inputs), "-o", str(out), "--no-html", *(["--rebuild"] if rebuild else [])]) == EXIT_OK
    error = capsys.readouterr().err
    for name in ("events.csv", "actors.csv", "articles.csv"):
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    if not rebuild or damage in (truncated, garbage, foreign):  # --rebuild reads no record back
        assert f"the store {out / STORE_NAME} is damaged" in error
    # The store is whole again: the next build reads it back silently, with the same result.
    assert main(["build", str(inputs), "-o", str(out), "--no-html"]) == EXIT_OK
    assert "damaged" not in capsys.readouterr().err
    assert (out / "events.csv").read_bytes() == (clean / "events.csv").read_bytes()


def test_a_clean_store_says_nothing_and_parses_nothing_again(inputs, tmp_path, capsys, parsed):
    out = tmp_path / "out"
    main(["build", str(inputs), "-o", str(out), "--no-html"])
    parsed.clear()
    capsys.readouterr()
    assert main(["build", str(inputs), "-o", str(out), "--no-html"]) == EXIT_OK
    assert parsed == [] and "damaged" not in capsys.readouterr().err


def test_a_store_another_program_holds_is_not_wiped(inputs, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(inputs), "-o", str(out), "--no-html"]) == EXIT_OK
    holder = sqlite3.connect(out / STORE_NAME, isolation_level=None, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")  # a sqlite3 shell, a backup tool
    capsys.readouterr()
    try:
        assert main(["build", str(inputs), "-o", str(out), "--no-html"]) == EXIT_OUTPUT
        assert "damaged" not in capsys.readouterr().err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with sqlite3.connect(out / STORE_NAME) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == len(ARTICLES)
