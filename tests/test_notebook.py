"""The researcher's notebook runs headless, top to bottom, on the project's small labelled set."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "notebooks" / "researcher.ipynb"


def test_researcher_notebook_runs(tmp_path, monkeypatch, feature_cache):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    monkeypatch.setenv("SCORER_DATA", str(REPO / "training_data" / "examples.jsonl"))
    monkeypatch.setenv("SCORER_CACHE", str(feature_cache))  # the session's features: the examples are already extracted
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(REPO / "notebooks")}})
    client.execute()
    outputs = "".join(
        output.get("text", "") for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])
    )
    assert "cross-validated ROC-AUC" in outputs
    assert "confusion matrix" in outputs
    assert "points" in outputs  # the reasons of one article were printed
    images = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) >= 3
