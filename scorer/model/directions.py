"""Direction constraints: which way a named feature may push the probability of low_quality.

The directions are package data (``scorer/knowledge/feature_directions.txt``, which says
why they exist). Two classifiers honour them:

* :class:`DirectedLogisticRegression` fits a logistic regression, drops every
  constrained feature whose weight came out the wrong way, and refits until none
  does (a dropped feature keeps weight 0);
* gradient boosting gets them as ``monotonic_cst``.

The steps between the featurizer and the classifier (signed log1p, standard
scaling) are increasing, so a direction stated on the raw feature holds on the
classifier's input.
"""
from __future__ import annotations

import functools
from importlib import resources
from typing import Any, Mapping, Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.ensemble import HistGradientBoostingClassifier, VotingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

DIRECTIONS_FILE = "feature_directions.txt"


def parse_directions(lines: Sequence[str], where: str = DIRECTIONS_FILE) -> dict[str, int]:
    """``{feature: +1 | -1}`` from ``<feature> +|-`` lines (``#`` comments, blank lines ignored)."""
    directions: dict[str, int] = {}
    for number, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2 or parts[1] not in ("+", "-"):
            raise ValueError(f"{where}:{number}: expected '<feature> +' or '<feature> -', got {raw.strip()!r}")
        directions[parts[0]] = 1 if parts[1] == "+" else -1
    return directions


@functools.lru_cache(maxsize=1)
def feature_directions() -> Mapping[str, int]:
    text = resources.files("scorer.knowledge").joinpath(DIRECTIONS_FILE).read_text(encoding="utf-8")
    return parse_directions(text.splitlines())


def signs_for(names: Sequence[str], directions: Mapping[str, int] | None = None) -> list[int]:
    """+1, -1 or 0 (free) for each feature name, in order."""
    directions = feature_directions() if directions is None else directions
    return [directions.get(str(name), 0) for name in names]


class DirectedLogisticRegression(ClassifierMixin, BaseEstimator):
    """Logistic regression whose weights follow ``signs`` (+1: ≥ 0, -1: ≤ 0, 0: free).

    A feature whose weight comes out against its sign is dropped and the model
    refitted, until every weight agrees: the result is a plain logistic
    regression on the kept features, with weight 0 for the dropped ones.
    """

    def __init__(self, C: float = 1.0, class_weight: Any = None, max_iter: int = 1000, random_state: Any = None, signs: Sequence[int] | None = None):
        self.C = C
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state
        self.signs = signs

    def fit(self, X: Any, y: Any) -> "DirectedLogisticRegression":

        X = np.asarray(X, dtype=float)
        n = X.shape[1]
        signs = np.zeros(n) if self.signs is None else np.asarray(self.signs, dtype=float)
        if signs.shape != (n,):
            raise ValueError(f"signs has {signs.shape[0]} entries for {n} features")
        keep = np.ones(n, dtype=bool)
        base = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter, random_state=self.random_state)
        while True:
            model = clone(base).fit(X[:, keep], y)
            coef = np.zeros(n)
            coef[keep] = model.coef_[0]
            wrong = keep & (coef * signs < 0)
            if not wrong.any() or wrong.sum() == keep.sum():
                break
            keep &= ~wrong
        self.coef_ = coef[np.newaxis, :]
        self.intercept_ = model.intercept_
        self.classes_ = model.classes_
        self.kept_ = keep
        self.n_features_in_ = n
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "coef_")
        return np.asarray(X, dtype=float) @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X: Any) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: Any) -> np.ndarray:
        return self.classes_[(self.decision_function(X) > 0).astype(int)]


def with_signs(estimator: Any, signs: Sequence[int]) -> Any:
    """A clone of ``estimator`` constrained to ``signs`` (a directed LR, boosting, or a voting ensemble of them)."""
    estimator = clone(estimator)
    if isinstance(estimator, VotingClassifier):
        estimator.estimators = [(name, with_signs(member, signs)) for name, member in estimator.estimators]
    elif isinstance(estimator, DirectedLogisticRegression):
        estimator.set_params(signs=list(signs))
    elif isinstance(estimator, HistGradientBoostingClassifier):
        estimator.set_params(monotonic_cst=list(signs))
    return estimator
