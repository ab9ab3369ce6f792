"""The ``kg`` command: outputs, messages and exit codes."""

from __future__ import annotations

import subprocess
import sys

from kg.cli import EXIT_NO_ARTICLES, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, main

OUTPUT_FILES = {"events.csv", "actors.csv", "articles.csv", "graph.graphml", "graph.html", "graph.gexf", "graph.json",
                "events.parquet", "events.gdelt.tsv", "unresolved.csv", "unresolved.actors.yaml", "kg.sqlite"}


def test_build_writes_every_output_and_says_where(copy_seeds, tmp_path, capsys):
    assert main(["build", str(copy_seeds), "-o", str(tmp_path / "out")]) == EXIT_OK
    assert {p.name for p in (tmp_path / "out").iterdir()} == OUTPUT_FILES
    out = capsys.readouterr().out
    assert "Read 2 article(s)" in out and str(tmp_path / "out" / "graph.html") in out


def test_bad_files_are_reported_and_the_rest_is_built(copy_seeds, tmp_path, capsys):
    (copy_seeds / "empty.txt").write_bytes(b"")
    (copy_seeds / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    assert main(["build", str(copy_seeds), "-o", str(tmp_path / "out")]) == EXIT_OK
    captured = capsys.readouterr()
    assert f"kg: skipped {copy_seeds / 'empty.txt'}: empty file" in captured.err
    assert f"kg: skipped {copy_seeds / 'binary.txt'}: binary file, not text" in captured.err
    assert "Read 2 article(s) (2 problem(s) reported above)" in captured.out


def test_no_readable_article_exits_1_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["build", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out")]) == EXIT_NO_ARTICLES
    assert "no article could be read" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_unknown_model_exits_2_with_a_clear_message(copy_seeds, tmp_path, capsys):
    assert main(["build", str(copy_seeds), "-o", str(tmp_path / "out"), "--model", "xx_no_such_model"]) == EXIT_USAGE
    assert "spaCy model 'xx_no_such_model' cannot be loaded" in capsys.readouterr().err


def test_unwritable_output_exits_3(copy_seeds, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["build", str(copy_seeds), "-o", str(blocker / "out")]) == EXIT_OUTPUT
    assert f"cannot write to {blocker / 'out'}" in capsys.readouterr().err


def test_console_script_runs_as_a_module():
    result = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=True)
    assert "build" in result.stdout


def test_missing_data_file_exits_2_naming_it(copy_seeds, tmp_path, capsys):
    missing = tmp_path / "no-such-actors.yaml"
    assert main(["build", str(copy_seeds), "-o", str(tmp_path / "out"), "--actors", str(missing)]) == EXIT_USAGE
    assert f"{missing}: cannot read actor file" in capsys.readouterr().err
