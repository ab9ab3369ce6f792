"""The notebooks: committed without outputs; they run on an existing build (KG_BUILD), from the repository root
and from notebooks/, on the seed build and in under two minutes on the news corpus, and draw pictures."""

from __future__ import annotations

import time

import nbformat
import pytest
from nbclient import NotebookClient

from helpers import ROOT

NOTEBOOKS = ROOT / "notebooks"


def _code_cells(path):
    return [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda path: path.name)
def test_notebook_is_committed_without_outputs(path):
    cells = _code_cells(path)
    assert cells
    assert all(cell.outputs == [] and cell.execution_count is None for cell in cells)


def _run(name: str, folder) -> list[str]:
    """Execute a notebook with ``folder`` as its working directory; return the text of its outputs."""
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text") or output.get("data", {}).get("text/plain", ""))
            if output.get("data", {}).get("image/png"):
                texts.append("<image>")
    return texts


def test_centrality_notebook_ranks_the_seed_graph(seed_output, monkeypatch):
    monkeypatch.setenv("KG_BUILD", str(seed_output))
    texts = _run("centrality.ipynb", ROOT)
    ranking = next(text for text in texts if "pagerank" in text)
    assert ranking.index("Russia") < ranking.index("Iran")
    assert texts.count("<image>") == 2


def test_corpus_notebook_runs_from_its_folder_on_the_seed_build(seed_output, monkeypatch):
    monkeypatch.setenv("KG_BUILD", str(seed_output))
    texts = _run("corpus.ipynb", NOTEBOOKS)
    assert any("2024-01" in text and "material_conflict" in text for text in texts)
    assert texts.count("<image>") >= 2


@pytest.mark.parametrize("name", ["centrality.ipynb", "corpus.ipynb"])
def test_notebooks_load_the_news_build_in_under_two_minutes(news_output, monkeypatch, name):
    monkeypatch.setenv("KG_BUILD", str(news_output))
    started = time.monotonic()
    texts = _run(name, NOTEBOOKS)
    assert time.monotonic() - started < 120
    assert texts[0].startswith("236 articles")  # the build was loaded, not the seeds built
    assert "<image>" in texts
    if name == "corpus.ipynb":
        per_year = next(text for text in texts if "adversaries" in text and "central" in text)
        assert "2022" in per_year and "Russia" in per_year
