"""Faults and determinism, as users meet them: killed builds, builds in other processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pandas as pd

from helpers import ROOT, SEEDS

STORE = "kg.sqlite"


def _kg(*args: str, hash_seed: str) -> subprocess.Popen:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=ROOT, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _corpus(folder: Path) -> Path:
    """The seed articles and 40 variants of them: enough for a build to be killed half-way."""
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    text = (SEEDS / "003_298758dfde6df802.txt").read_text(encoding="utf-8")
    with open(folder / "variants.jsonl", "w", encoding="utf-8") as handle:
        for number in range(40):
            handle.write(json.dumps({"id": f"variant-{number:02d}", "date": f"2024-02-{number % 28 + 1:02d}",
                                     "text": f"Report {number}. " + text}) + "\n")
    return folder


def _outputs(folder: Path) -> dict[str, bytes]:
    """The output files (not the store, nor the hidden temporary files a killed run may leave)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != STORE and not p.name.startswith(".")}


def test_a_killed_build_leaves_no_corrupt_file_and_the_next_run_matches_a_clean_one(tmp_path):
    corpus = _corpus(tmp_path / "articles")
    clean = _kg("build", str(corpus), "-o", str(tmp_path / "clean"), hash_seed="1")
    assert clean.wait(timeout=300) == 0, clean.stderr.read()

    killed_dir = tmp_path / "killed"
    killed = _kg("build", str(corpus), "-o", str(killed_dir), hash_seed="2")
    # Kill it once it has stored some parsed articles, before it is done.
    deadline = time.monotonic() + 120
    while killed.poll() is None and time.monotonic() < deadline:
        if (killed_dir / STORE).exists() and (killed_dir / STORE).stat().st_size > 0:
            time.sleep(1.0)
            break
        time.sleep(0.05)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    for path in killed_dir.iterdir() if killed_dir.exists() else []:
        if path.name.endswith(".csv"):
            pd.read_csv(path)  # whatever is there is complete
        elif path.suffix == ".graphml":
            nx.read_graphml(path)

    again = _kg("build", str(corpus), "-o", str(killed_dir), hash_seed="3")
    assert again.wait(timeout=300) == 0, again.stderr.read()
    # Another process, another hash seed, a store left by a killed run: the same bytes.
    assert _outputs(killed_dir) == _outputs(tmp_path / "clean")


def test_two_builds_into_one_folder_do_not_mix(tmp_path):
    corpus = _corpus(tmp_path / "articles")
    first = _kg("build", str(corpus), "-o", str(tmp_path / "out"), hash_seed="1")
    time.sleep(0.5)
    second = _kg("build", str(corpus), "-o", str(tmp_path / "out"), hash_seed="2")
    codes = sorted([first.wait(timeout=300), second.wait(timeout=300)])
    errors = first.stderr.read() + second.stderr.read()
    # One build wins; the other is refused with a clear message, or runs after it.
    assert codes[0] == 0
    if codes[1] != 0:
        assert "another kg build" in errors.lower() or "locked" in errors.lower(), errors
    events = pd.read_csv(tmp_path / "out" / "events.csv")
    assert events["article_id"].nunique() > 40


def test_a_100000_character_line_is_parsed_and_the_batch_goes_on(nlp, tmp_path):
    import kg

    (tmp_path / "one-line.txt").write_text(("Iran met Hamas and Russia condemned Israel and " * 2200)[:100_000],
                                           encoding="utf-8")
    (tmp_path / "normal.txt").write_text("date 2024-01-21 Israel condemned Russia.\n", encoding="utf-8")
    graph = kg.build([tmp_path], nlp=nlp)
    assert sorted(graph.articles["article_id"]) == ["normal", "one-line"]
    assert set(zip(graph.events["article_id"], graph.events["event_root"])) == {("normal", "11")}
