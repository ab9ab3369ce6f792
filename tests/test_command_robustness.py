"""The kg command under odd conditions (issue 17): the order of the inputs changes no byte,
Ctrl-C ends a build with one line and leaves no partial file, a missing optional engine is named."""

from __future__ import annotations

import builtins
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from kg.cli import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, main
from kg.tempfiles import HOST
from helpers import SEEDS

# An unknown name written two ways in two folders: whichever was read last used to name it.
FIRST = "date 2018-03-10\nBritain said Russia used Novichok against the Skripals. Novichok agents condemned Britain."
SECOND = "date 2018-03-12\nRussia denied that novichok was used. The novichok program threatened Britain."


def test_the_order_of_the_inputs_changes_no_byte(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, text in ((first, FIRST), (second, SECOND)):
        folder.mkdir()
        (folder / f"{folder.name}.txt").write_text(text, encoding="utf-8")
    outputs = []
    for order in ((first, second), (second, first)):
        out = tmp_path / f"out-{order[0].name}"
        assert main(["build", *map(str, order), "-o", str(out)]) == EXIT_OK
        outputs.append(out)
    names = sorted(path.name for path in outputs[0].iterdir() if path.name != "kg.sqlite")
    assert "actors.csv" in names and names == sorted(p.name for p in outputs[1].iterdir() if p.name != "kg.sqlite")
    assert [name for name in names if (outputs[0] / name).read_bytes() != (outputs[1] / name).read_bytes()] == []


def test_ctrl_c_ends_a_build_with_one_line_and_no_partial_file(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for number in range(60):  # a build of a minute: the signal comes while it parses
        for seed in sorted(SEEDS.glob("*.txt")):
            (corpus / f"{number}-{seed.name}").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    build = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--jobs", "2"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 120
    while not (out / "kg.sqlite").exists() and time.monotonic() < deadline:  # the store opens as parsing starts
        time.sleep(0.05)
    time.sleep(0.5)
    build.send_signal(signal.SIGINT)
    output, error = build.communicate(timeout=120)
    assert "Read " not in output  # it did not finish
    assert build.returncode == EXIT_INTERRUPTED
    assert error.strip().splitlines() == ["kg: interrupted"]
    assert "Traceback" not in error
    assert [path.name for path in out.iterdir() if path.name.endswith(".tmp")] == []


def test_engine_dask_without_dask_is_named(tmp_path, monkeypatch, capsys):
    real_import = builtins.__import__

    def without_dask(name, *args, **kwargs):
        if name.split(".")[0] == "dask":
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_dask)
    code = main(["build", str(SEEDS), "-o", str(tmp_path / "out"), "--engine", "dask", "--jobs", "2"])
    assert code == EXIT_USAGE
    assert "--engine dask needs Dask" in capsys.readouterr().err


def test_what_a_killed_run_left_half_written_goes_at_the_next_build(tmp_path):
    out = tmp_path / "out"
    killed = textwrap.dedent(f"""
        import os, signal
        from kg.readwrite.files import atomic_path
        with atomic_path({str(out / "events.csv")!r}) as temporary:
            temporary.write_text("half a table")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    assert subprocess.run([sys.executable, "-c", killed]).returncode == -signal.SIGKILL
    (left,) = [path for path in out.iterdir() if path.name.endswith(".tmp")]
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as writer:  # a live writer's file stays
        live = out / f".graph.html.{HOST}-{writer.pid}.x1y2z3.tmp"
        live.write_text("being written")
        assert main(["build", str(SEEDS), "-o", str(out)]) == EXIT_OK
        writer.kill()
    assert not left.exists() and live.exists()
    assert sorted(path.name for path in out.iterdir() if path.name.endswith(".tmp")) == [live.name]


def test_what_was_parsed_before_ctrl_c_is_kept_in_the_store(tmp_path, monkeypatch):
    import sqlite3

    import kg
    import kg.builder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(6):
        (corpus / f"a{number}.txt").write_text(f"Iran condemned Israel on day {number}.", encoding="utf-8")
    real_run = kg.builder.run

    def interrupted(*args, **kwargs):
        for count, item in enumerate(real_run(*args, **kwargs)):
            if count == 3:
                raise KeyboardInterrupt
            yield item

    monkeypatch.setattr(kg.builder, "run", interrupted)
    with pytest.raises(KeyboardInterrupt):
        kg.build([corpus], store=tmp_path / "out" / "kg.sqlite")
    with sqlite3.connect(tmp_path / "out" / "kg.sqlite") as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
