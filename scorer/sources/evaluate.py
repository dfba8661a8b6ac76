"""How well per-source estimates agree with a named rating: Spearman and AUROC, bootstrap intervals.

The bootstrap resamples SOURCES (the unit the estimate is about), never articles.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Mapping, Sequence

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class Metric:
    name: str
    value: float | None
    low: float | None
    high: float | None
    n: int  # sources used
    positives: int | None = None  # AUROC only

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        if self.value is None:
            return f"{self.name}: n/a (n={self.n})"
        extra = f", {self.positives} positive" if self.positives is not None else ""
        return f"{self.name}: {self.value:.3f} [{self.low:.3f}, {self.high:.3f}] (n={self.n}{extra})"


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    return float(stats.spearmanr(x, y).statistic)


def _auroc(score: np.ndarray, positive: np.ndarray) -> float:
    """Probability a random positive scores above a random negative (ties count half)."""
    ranks = stats.rankdata(score)
    n_pos, n_neg = positive.sum(), (~positive).sum()
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def bootstrap(fn, arrays: Sequence[np.ndarray], rounds: int = 2000, seed: int = 0, level: float = 0.95,
              valid=lambda *a: True) -> tuple[float, float]:
    """Percentile interval of ``fn`` over resamples of the rows of ``arrays``."""
    rng = np.random.default_rng(seed)
    n = len(arrays[0])
    values = []
    for _ in range(rounds):
        idx = rng.integers(0, n, n)
        sample = [a[idx] for a in arrays]
        if valid(*sample):
            value = fn(*sample)
            if np.isfinite(value):
                values.append(value)
    if not values:
        return float("nan"), float("nan")
    tail = (1 - level) / 2 * 100
    return float(np.percentile(values, tail)), float(np.percentile(values, 100 - tail))


def spearman(estimate: Mapping[str, float], rating: Mapping[str, float], name: str = "spearman", rounds: int = 2000) -> Metric:
    keys = sorted(set(estimate) & set(rating))
    if len(keys) < 3:
        return Metric(name, None, None, None, len(keys))
    x = np.array([estimate[k] for k in keys], float)
    y = np.array([rating[k] for k in keys], float)
    low, high = bootstrap(_spearman, [x, y], rounds, valid=lambda a, b: np.ptp(a) > 0 and np.ptp(b) > 0)
    return Metric(name, round(_spearman(x, y), 4), round(low, 4), round(high, 4), len(keys))


def auroc(estimate: Mapping[str, float], positive: Mapping[str, bool], name: str = "auroc", rounds: int = 2000) -> Metric:
    keys = sorted(set(estimate) & set(positive))
    x = np.array([estimate[k] for k in keys], float)
    y = np.array([bool(positive[k]) for k in keys])
    if len(keys) < 3 or y.all() or not y.any():
        return Metric(name, None, None, None, len(keys), int(y.sum()))
    low, high = bootstrap(_auroc, [x, y], rounds, valid=lambda a, b: b.any() and not b.all())
    return Metric(name, round(_auroc(x, y), 4), round(low, 4), round(high, 4), len(keys), int(y.sum()))


def evaluate(estimate: Mapping[str, float], rating: Mapping[str, float], threshold: float = 0.5, rounds: int = 2000) -> tuple[Metric, Metric]:
    """Spearman with the rating values, and AUROC for rating >= ``threshold`` (e.g. MBFC high = 1.0)."""
    return (spearman(estimate, rating, "spearman", rounds),
            auroc(estimate, {k: v >= threshold for k, v in rating.items()}, f"auroc(rating>={threshold:g})", rounds))
