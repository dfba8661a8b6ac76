"""Cross-validation folds that keep a story and its rewrites together.

Two kinds of callers need them: model selection (``scorer.research.training``: cross-validation,
calibration scores) and stacking (``scorer.model.featurizer``: the learned word lists and the
wording sub-model give training rows values from models that did not see them). Both must
hold out whole groups: a rewrite's sibling rewrites share its story's words, so a model
that saw them scores it as if it knew the story, which a new article never is.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold


def grouped_folds(y: Sequence[int], groups: Sequence[str], n_splits: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified folds that never split a group; fewer folds when there are few groups."""
    y = np.asarray(y)
    groups = np.asarray(groups)
    per_class = min(len(set(groups[y == label])) for label in (0, 1))
    n = min(n_splits, per_class)
    if n < 2:
        raise ValueError(f"need at least 2 groups of each label for cross-validation, have {per_class}")
    splitter = StratifiedGroupKFold(n_splits=n, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(y)), y, groups))


def cross_fit_folds(y: Sequence[int], groups: Sequence[str] | None, n_splits: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Folds for out-of-fold stacked values: ``n_splits`` of them, or none when a class has too few rows or groups.

    Without ``groups`` every row is its own group (plain stratified folds). No folds means
    the caller has nothing honest to give its training rows, and says so in its own way.
    """

    y = np.asarray(y, dtype=int)
    if groups is None:
        if min(np.bincount(y, minlength=2)) < n_splits:
            return []
        return list(StratifiedKFold(n_splits, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))
    groups = np.asarray(groups)
    if min(len(set(groups[y == label])) for label in (0, 1)) < n_splits:
        return []
    return grouped_folds(y, groups, n_splits, seed)
