"""The two-generation memo that bounds the per-word caches of a long batch (issue 21, acceptance 4)."""
from __future__ import annotations

import random

import pytest

from scorer.core.memo import TwoGenerationMemo


@pytest.mark.parametrize("size", [1, 2, 7, 64])
def test_never_holds_more_than_its_size_and_never_a_wrong_value(size):
    memo: TwoGenerationMemo[str, int] = TwoGenerationMemo(size)
    rng = random.Random(size)
    for _ in range(2_000):
        key = f"w{rng.randrange(200)}"
        found = memo.get(key)
        assert found is None or found == int(key[1:])
        if found is None:
            memo.put(key, int(key[1:]))
        assert len(memo.young) + len(memo.old) <= max(2, size)


def test_words_in_use_survive_the_turnover_and_unused_ones_go():
    memo: TwoGenerationMemo[str, int] = TwoGenerationMemo(100)
    common = [f"common{i}" for i in range(10)]
    for word in common:
        memo.put(word, 1)
    for i in range(1_000):  # a stream of new words, the common ones met again now and then
        memo.put(f"rare{i}", 0)
        if i % 20 == 0:
            assert all(memo.get(word) == 1 for word in common)
    assert all(memo.get(word) == 1 for word in common)
    assert memo.get("rare0") is None
    assert memo.get("rare999") == 0


def test_a_key_of_the_old_generation_moves_to_the_young_one():
    memo: TwoGenerationMemo[str, int] = TwoGenerationMemo(4)  # generations of 2
    memo.put("a", 1)
    memo.put("b", 2)
    memo.put("c", 3)  # the young generation was full: {a, b} is now the old one
    assert "a" in memo.old and "a" not in memo.young
    assert memo.get("a") == 1
    assert "a" in memo.young
    memo.clear()
    assert len(memo) == 0 and memo.get("a") is None
