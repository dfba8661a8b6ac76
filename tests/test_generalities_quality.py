"""Quality gate: the "uncertain" class of the CoNLL-2010 Wikipedia test split stays at or above the floors.

How the sentences are de-duplicated and split (by document, seeded) is defined
once, in ``benchmarks/generalities.py``; the floors sit in
``benchmarks/quality_floors.json`` under "generalities". The cue weights were
learned on the train split only. Skipped when the datasets are absent. Takes
a few seconds.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from benchmark_helpers import load_benchmark, quality_floors

bench = load_benchmark("generalities")
FLOORS = quality_floors("generalities")


@pytest.fixture(scope="module")
def sentences(shared_datasets: Path) -> list:
    for name in (bench.CONLL, bench.SZEGED):
        if not (shared_datasets / name).is_dir():
            pytest.skip(f"{name} not found under {shared_datasets}")
    return bench.load_sentences(shared_datasets)


@pytest.mark.shared
def test_uncertain_sentences_on_test_meet_the_floors(sentences: list) -> None:
    score = bench.evaluate(item for item in sentences if item.split == "test")
    measured = {"f1": score.f1, "precision": score.precision, "recall": score.recall}
    failures = [
        f"test {name} {measured[name]:.4f} < floor {FLOORS[name]['min']}"
        for name in ("f1", "precision", "recall")
        if measured[name] < FLOORS[name]["min"]
    ]
    assert not failures, "; ".join(failures)


@pytest.mark.shared
def test_the_floor_honours_the_issue() -> None:
    # Issue 4 asks for F >= 0.62 on held-out sentences; a floor below that would hide a regression.
    assert FLOORS["f1"]["min"] >= 0.62


@pytest.mark.shared
def test_split_is_by_document_and_train_never_holds_a_test_sentence(sentences: list, shared_datasets: Path) -> None:
    test_keys = {item.key for item in sentences if item.split == "test"}
    train_keys = {item.key for item in sentences if item.split == "train"}
    assert test_keys and train_keys and not test_keys & train_keys
    groups: dict[str, set[str]] = {}
    for item in sentences:
        groups.setdefault(item.group, set()).add(item.split)
    assert all(len(splits) == 1 for splits in groups.values())
    # Cue spans mined for the lexicons come only from documents of the train split.
    mined = bench.train_cue_sentences(shared_datasets)
    assert not {bench.sentence_key(row["text"]) for row in mined} & test_keys


def test_split_is_fixed_by_the_seed() -> None:
    assert bench.split_of("doc:Tim Witherspoon_2358") == bench.split_of("doc:Tim Witherspoon_2358")
    shares = [bench.split_of(f"doc:{i}") == "test" for i in range(4000)]
    assert abs(sum(shares) / len(shares) - bench.TEST_FRACTION) < 0.03


def test_sentence_key_undoes_ptb_tokens() -> None:
    assert bench.sentence_key("Sgt. Pepper 's album -LRB- 1967 -RRB- ``") == bench.sentence_key("Sgt. Pepper's album (1967) \"")
    assert bench.detokenise("a -LRB- b -RRB- , c 's") == "a (b), c's"
