"""The notebooks: committed without outputs, and they run (from the repository root and from notebooks/)."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from helpers import ROOT, SEEDS

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


def test_corpus_notebook_runs_from_its_folder_on_a_folder_of_articles(monkeypatch):
    monkeypatch.setenv("KG_ARTICLES", str(SEEDS))
    texts = _run("corpus.ipynb", NOTEBOOKS)
    assert any("2024-01" in text and "material_conflict" in text for text in texts)
    assert "<image>" in texts
