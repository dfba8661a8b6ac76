"""Quality gate: named sources found on PolNeAR dev stay at or above the pinned floors.

The metric (overlap match, what counts as a named gold source, how pronouns are
treated) is defined once, in ``benchmarks/attribution.py``; the floors sit in
``benchmarks/quality_floors.json`` under "attribution". Skipped when
``../shared/datasets/polnear`` is absent. Takes about a second.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from benchmark_helpers import load_benchmark, quality_floors

bench = load_benchmark("attribution")
FLOORS = quality_floors("attribution")


@pytest.fixture(scope="module")
def polnear(shared_datasets: Path) -> Path:
    root = shared_datasets / "polnear"
    if not (root / "dev.jsonl").is_file():
        pytest.skip(f"PolNeAR dev split not found at {root}")
    return root


@pytest.mark.shared
def test_named_sources_on_dev_meet_the_floors(polnear: Path) -> None:
    score = bench.evaluate("dev", root=polnear)
    measured = {"f1": score.f1, "precision": score.precision, "recall": score.recall}
    failures = [
        f"dev {name} {measured[name]:.4f} < floor {FLOORS[name]['min']}"
        for name in ("f1", "precision", "recall")
        if measured[name] < FLOORS[name]["min"]
    ]
    assert not failures, "; ".join(failures)


def test_overlap_match_counts_each_span_once() -> None:
    text = "Smith and Jones said so."
    gold = [[(0, 5)], [(10, 15)]]  # "Smith", "Jones"
    # One prediction covering both gold sources matches only one of them.
    taken: set[int] = set()
    assert bench._match(text, [(0, 15)], gold, taken) == {0} and taken == {0}
    # A prediction sharing only a space with a gold span does not match.
    assert bench._match(text, [(5, 6)], [[(5, 10)]], set()) == set()
    # Two predictions on one gold source: the second is a false positive.
    assert bench._match(text, [(0, 3), (2, 5)], [[(0, 5)]], set()) == {0}


@pytest.mark.parametrize(
    "text, span, named",
    [
        ("Later, Smith said so.", (7, 12), True),
        ("Analysts said so. The analysts agreed.", (0, 8), False),  # capitalised only as a sentence opener
        ("He said so. Smith agreed.", (0, 2), False),  # pronoun
        ("The talks failed, some Democrats said.", (18, 32), False),  # a quantified crowd
        ("Trump said so. Then Trump left.", (0, 5), True),  # sentence-initial but a name elsewhere
    ],
)
def test_what_counts_as_a_named_gold_source(text, span, named) -> None:
    assert bench.is_named(text, [span], bench.mid_sentence_capitals(text)) is named
