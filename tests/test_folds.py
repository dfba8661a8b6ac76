"""Folds for cross-validation and for the out-of-fold values of stacked features (scorer.model.folds)."""
from __future__ import annotations

import numpy as np
from sklearn.model_selection import StratifiedKFold

from scorer.model.folds import cross_fit_folds


def _groups_of(n_groups: int, size: int) -> np.ndarray:
    return np.repeat([f"story{i}" for i in range(n_groups)], size)


def test_cross_fit_folds_hold_out_whole_groups():
    groups = _groups_of(20, 3)
    y = np.tile([0, 1, 1], 20)  # each story: its original and two rewrites
    folds = cross_fit_folds(y, groups, 5, seed=0)
    assert len(folds) == 5
    held_out = np.concatenate([test for _, test in folds])
    assert sorted(held_out) == list(range(len(y)))  # every row gets exactly one out-of-fold value
    for train, test in folds:
        assert not set(groups[train]) & set(groups[test])


def test_without_groups_every_row_is_its_own_group():
    y = np.array([0, 1] * 10)
    folds = cross_fit_folds(y, None, 5, seed=3)
    expected = StratifiedKFold(5, shuffle=True, random_state=3).split(np.zeros(len(y)), y)
    assert all(np.array_equal(test, want) for (_, test), (_, want) in zip(folds, expected))


def test_too_few_rows_or_groups_of_a_class_give_no_folds():
    assert cross_fit_folds(np.array([0] * 10 + [1] * 4), None, 5, seed=0) == []
    # Plenty of rows, but the rewrites come from 4 stories only.
    y = np.array([0] * 10 + [1] * 12)
    groups = np.array([f"h{i}" for i in range(10)] + list(np.repeat(["a", "b", "c", "d"], 3)))
    assert cross_fit_folds(y, groups, 5, seed=0) == []
