"""Quality gate: extraction + cleaning on the public annotated sets stay at or above the pinned floors.

The metric code lives in ``benchmarks/extraction.py`` (one copy, shared with the
benchmark report); the floors in ``benchmarks/extraction_floors.json``. Skipped
when ``../shared/datasets`` is absent. Runs the scorer only (no baselines), on
two worker processes: about a minute.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("scorer_benchmark_extraction", BENCHMARKS / "extraction.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # worker processes unpickle functions by module name
    spec.loader.exec_module(module)
    return module


bench = _load_benchmark()
FLOORS = json.loads((BENCHMARKS / "extraction_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures(shared_datasets: Path) -> dict:
    present = [name for name in bench.SETS if (shared_datasets / name).is_dir()]
    if not present:
        pytest.skip("none of the extraction benchmark sets is present")
    return bench.evaluate(shared_datasets, sets=present, systems=("scorer",), jobs=2)


@pytest.mark.shared
@pytest.mark.parametrize("set_name", [name for name in FLOORS if not name.startswith("_")])
def test_scorer_meets_floors(figures: dict, set_name: str) -> None:
    if set_name not in figures:
        pytest.skip(f"{set_name} not present")
    failures = bench.check_floors({set_name: figures[set_name]}, {set_name: FLOORS[set_name]})
    assert not failures, "\n".join(failures)


def test_metric_matches_the_zyte_definition() -> None:
    # Identical texts: perfect. Disjoint: nothing. Empty prediction: recall 0, no precision term.
    assert bench.shingle_scores([("a b c d e", "a b c d e")])["f1"] == 1.0
    assert bench.page_counts("a b c d e f", "x y z w v") == (0.0, 0.4, 0.6)  # 3 gold shingles, 2 predicted
    scores = bench.shingle_scores([("a b c d e", "a b c d e"), ("a b c d e", "")])
    assert scores["precision"] == 1.0 and scores["recall"] == 0.5
    # Multisets, not sets: a repeated paragraph counts twice.
    tp, fp, fn = bench.page_counts("a b c d", "a b c d a b c d")
    assert fp > 0


def test_snippet_metric() -> None:
    scores = bench.snippet_scores([(["kept text"], ["menu item"], "Some kept   text here, no menu.")])
    assert (scores["with_kept"], scores["without_excluded"]) == (1, 1)


def test_floor_checker_reports_both_directions() -> None:
    figures = {"s": {"scorer": {"a": 0.5, "b": 0.5}}}
    failures = bench.check_floors(figures, {"s": {"a": {"min": 0.6}, "b": {"max": 0.4}}})
    assert len(failures) == 2
