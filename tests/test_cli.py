"""The ``kg`` command: outputs, messages and exit codes."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest

import kg
from kg.cli import EXIT_NO_ARTICLES, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, main
from kg.nlp import DEFAULT_MODEL

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
    assert "Read 2 article(s); skipped 2 file(s), as reported above" in captured.out


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


@pytest.mark.parametrize("arguments, option, value", [
    (["render", "OUT", "--start", "2022-13"], "--start", "2022-13"),
    (["render", "OUT", "--end", "2022-02-30"], "--end", "2022-02-30"),
    (["render", "OUT", "--start", "March"], "--start", "March"),
    (["build", "IN", "-o", "OUT", "--min-confidence", "2"], "--min-confidence", "2"),
    (["build", "IN", "-o", "OUT", "--min-confidence", "-0.1"], "--min-confidence", "-0.1"),
    (["build", "IN", "-o", "OUT", "--min-confidence", "nan"], "--min-confidence", "nan"),
    (["eval", "GOLD", "--min-confidence", "1.5"], "--min-confidence", "1.5"),
    (["build", "IN", "-o", "OUT", "--jobs", "0"], "--jobs", "0"),
    (["render", "OUT", "--focus", "Iran", "--hops", "-1"], "--hops", "-1"),
    (["render", "OUT", "--min-weight", "0"], "--min-weight", "0"),
    (["render", "OUT", "--max-evidence", "-2"], "--max-evidence", "-2"),
    (["analyze", "OUT", "--top", "0"], "--top", "0"),
    (["analyze", "OUT", "--seed", "-1"], "--seed", "-1"),
])
def test_bad_option_value_exits_2_naming_the_option_and_the_value(tmp_path, capsys, arguments, option, value):
    arguments = [str(tmp_path / a) if a in ("IN", "OUT", "GOLD") else a for a in arguments]
    with pytest.raises(SystemExit) as exit_:
        main(arguments)
    assert exit_.value.code == EXIT_USAGE
    error = capsys.readouterr().err
    assert f"argument {option}: expected" in error and f"not {value!r}" in error
    assert not (tmp_path / "OUT").exists()


def test_api_refuses_bad_dates_and_confidence(seed_graph):
    with pytest.raises(ValueError, match="start must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not '2022-13'"):
        seed_graph.subgraph(start="2022-13")
    with pytest.raises(ValueError, match="min_confidence must be a number from 0 to 1, not 2"):
        kg.build(["seeds"], min_confidence=2)


def test_progress_on_a_terminal_says_what_loads_then_counts_to_the_total(copy_seeds, monkeypatch, nlp):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    kg.build([copy_seeds], nlp=nlp, progress=True)
    shown = terminal.getvalue()
    assert f"loading {DEFAULT_MODEL} and kg's dictionaries" in shown
    assert re.search(r"parsing: 100%.*\b2/2 \[\d\d:\d\d<00:00", shown), shown  # total, elapsed and time left


def test_render_refuses_a_start_after_the_end(seed_output, capsys):
    assert main(["render", str(seed_output), "--start", "2024", "--end", "2022-06", "-o", "/dev/null"]) == EXIT_USAGE
    assert "--start 2024 is after --end 2022-06" in capsys.readouterr().err


def test_render_says_when_no_event_passes_the_filters(seed_output, tmp_path, capsys):
    assert main(["render", str(seed_output), "--start", "1900", "--end", "1901", "-o", str(tmp_path / "p.html")]) == EXIT_OK
    assert "no event of this build passes these filters" in capsys.readouterr().err
    assert main(["render", str(seed_output), "-o", str(tmp_path / "all.html")]) == EXIT_OK
    assert "no event" not in capsys.readouterr().err


def test_a_reader_that_stops_early_ends_the_command_quietly(copy_seeds, tmp_path):
    """``kg build ... | head -1`` when head has gone: the outputs are written, and no traceback follows."""
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)  # a reader that has stopped before kg says anything: every write fails
    try:
        result = subprocess.run([sys.executable, "-m", "kg", "build", str(copy_seeds), "-o", str(tmp_path / "out")],
                                stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(write_end)
    assert result.returncode == 141 and "Traceback" not in result.stderr, result.stderr
    assert kg.load(tmp_path / "out").events.shape[0] > 0
