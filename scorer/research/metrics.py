"""Metrics for a low_quality classifier: ROC-AUC, PR-AUC, F1, precision, recall and false-positive
rate at a threshold, the threshold where the FPR is 1% and the recall there, the expected
calibration error (and its bounds under recalibration or an estimated prior), the confusion
matrix, and breakdowns by any column.
"""
from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

import numpy as np
from scipy.special import expit, logit
from sklearn.metrics import average_precision_score, roc_auc_score

from scorer.core.odds import estimate_prior, for_prior


#: Bins of the expected calibration error (equal width over [0, 1]).
ECE_BINS = 10


def expected_calibration_error(y: Sequence[int], p: Sequence[float], bins: int = ECE_BINS) -> float:
    """Share-weighted mean |observed rate − mean predicted probability| over equal-width bins."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    if len(y) == 0:
        return float("nan")
    index = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = index == b
        if mask.any():
            total += mask.mean() * abs(y[mask].mean() - p[mask].mean())
    return float(total)


def calibration_error_if_calibrated(
    p: Sequence[float], *, share: float | None = None, model_prior: float = 0.5, draws: int = 1000, seed: int = 0,
) -> dict[str, float]:
    """The ECE a perfectly calibrated model giving these very probabilities would show on a set this size.

    Labels are drawn from the probabilities ``draws`` times (consistency resampling,
    Bröcker & Smith 2007). On a few hundred articles even a calibrated model shows some ECE:
    an ECE near ``mean`` is mostly sampling noise; one above ``p95`` is evidence of miscalibration.

    With ``share``, the model is taken as perfectly calibrated for a share ``model_prior`` of
    low_quality articles and the set as holding a share ``share``: labels are drawn from the
    probabilities restated for it (:func:`scorer.core.odds.for_prior`), while the ECE is taken of
    the probabilities as given. That is the ECE the mix alone costs a model that is right
    about everything else.
    """
    p = np.asarray(p, dtype=float)
    if len(p) == 0:
        return {"mean": float("nan"), "p95": float("nan")}
    truth = p if share is None else for_prior(p, share, model_prior)
    rng = np.random.default_rng(seed)
    drawn = [expected_calibration_error(rng.random(len(p)) < truth, p) for _ in range(draws)]
    return {"mean": float(np.mean(drawn)), "p95": float(np.percentile(drawn, 95))}


#: The maps :func:`best_shared_recalibration` searches: slopes (for log-odds above and below 0) and shifts.
RECALIBRATION_SLOPES = np.linspace(0.3, 2.0, 35)
RECALIBRATION_SHIFTS = np.linspace(-1.5, 1.5, 31)


def best_shared_recalibration(sets: Mapping[str, tuple[Sequence[int], Sequence[float]]]) -> dict[str, Any]:
    """The lowest worst-set ECE that any one recalibration of these probabilities reaches on all ``sets`` at once.

    A bound, not a model: the map is chosen with the sets' own labels. It searches maps of the
    log-odds ``l`` of the form ``a·l + b`` for ``l >= 0`` and ``c·l + b`` below (two slopes and one
    shift: every Platt map, and ones that sharpen one end and soften the other) over
    :data:`RECALIBRATION_SLOPES` and :data:`RECALIBRATION_SHIFTS`, minimising the largest ECE
    among the sets. When even that stays above a target, no calibration step can meet the
    target on these sets; only scores that rank the articles better can.
    """
    logits = {name: (np.asarray(y, dtype=float), logit(np.clip(np.asarray(p, dtype=float), 1e-9, 1 - 1e-9))) for name, (y, p) in sets.items()}
    shifts = RECALIBRATION_SHIFTS[:, None]
    best: dict[str, Any] = {"worst": math.inf}
    for high in RECALIBRATION_SLOPES:
        for low in RECALIBRATION_SLOPES:
            # One row per shift: every shift of this pair of slopes at once.
            errors = {name: _ece_rows(y, expit(np.where(odds >= 0, high * odds, low * odds) + shifts)) for name, (y, odds) in logits.items()}
            worst = np.max(np.vstack(list(errors.values())), axis=0)
            at = int(np.argmin(worst))
            if worst[at] < best["worst"]:
                best = {"worst": float(worst[at]), "per_set": {name: float(e[at]) for name, e in errors.items()},
                        "map": {"slope_high": float(high), "slope_low": float(low), "shift": float(RECALIBRATION_SHIFTS[at])}}
    return best


def _ece_rows(y: np.ndarray, p: np.ndarray, bins: int = ECE_BINS) -> np.ndarray:
    """:func:`expected_calibration_error` of each row of ``p`` against the same labels ``y``.

    A bin's share times |observed rate − mean probability| is |Σy − Σp| / n over its articles.
    """
    rows, n = p.shape
    index = np.minimum((p * bins).astype(int), bins - 1) + bins * np.arange(rows)[:, None]
    labels = np.bincount(index.ravel(), weights=np.broadcast_to(y, p.shape).ravel(), minlength=rows * bins)
    probabilities = np.bincount(index.ravel(), weights=p.ravel(), minlength=rows * bins)
    return np.abs(labels - probabilities).reshape(rows, bins).sum(axis=1) / n


def calibration_error_at_estimated_prior(y: Sequence[int], p: Sequence[float], model_prior: float = 0.5) -> tuple[float, float]:
    """The ECE once ``p`` is restated for the share of low_quality estimated from ``p`` alone, and that share.

    What ``scorer evaluate --prior auto`` measures: the labels only score the result, they
    never inform the share (:func:`scorer.core.odds.estimate_prior`).
    """
    p = np.asarray(p, dtype=float)
    share = estimate_prior(p, model_prior)
    return expected_calibration_error(y, for_prior(p, share, model_prior)), share


def threshold_at_fpr(y: Sequence[int], p: Sequence[float], fpr: float = 0.01) -> float:
    """The lowest threshold at which at most ``fpr`` of the ok articles are flagged."""
    y = np.asarray(y)
    negatives = np.sort(np.asarray(p, dtype=float)[y == 0])[::-1]
    if len(negatives) == 0:
        return 0.5
    allowed = int(math.floor(fpr * len(negatives)))
    # Flag strictly above the (allowed+1)-th highest ok score.
    return float(np.nextafter(negatives[allowed], 1.0)) if allowed < len(negatives) else 0.0


def metrics(y: Sequence[int], p: Sequence[float], threshold: float = 0.5) -> dict[str, Any]:
    """Every figure of an evaluation for labels ``y`` (1 = low_quality) and probabilities ``p``."""
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    both = 0 < y.sum() < len(y)
    flagged = p >= threshold
    tp = int((flagged & (y == 1)).sum())
    fp = int((flagged & (y == 0)).sum())
    fn = int((~flagged & (y == 1)).sum())
    tn = int((~flagged & (y == 0)).sum())
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
    at_1 = threshold_at_fpr(y, p, 0.01) if (y == 0).any() else None
    recall_at_1 = float((p[y == 1] >= at_1).mean()) if at_1 is not None and (y == 1).any() else None
    return {
        "n": int(len(y)),
        "low_quality": int(y.sum()),
        "ok": int((y == 0).sum()),
        "roc_auc": float(roc_auc_score(y, p)) if both else None,
        "pr_auc": float(average_precision_score(y, p)) if both else None,
        "threshold": float(threshold),
        "f1": f1,
        "precision": precision,
        "recall": recall,
        "fpr": fp / (fp + tn) if fp + tn else None,
        "flagged_rate": float(flagged.mean()) if len(y) else None,
        "threshold_at_1pct_fpr": at_1,
        "recall_at_1pct_fpr": recall_at_1,
        "ece": expected_calibration_error(y, p),
        "confusion": {"tn": tn, "fp": fp, "fn": fn, "tp": tp},
    }


def breakdown(y: Sequence[int], p: Sequence[float], values: Sequence[str], threshold: float = 0.5) -> dict[str, dict[str, Any]]:
    """``metrics`` per distinct value of a column (rows without the column count as "-")."""
    y = np.asarray(y)
    p = np.asarray(p)
    values = np.asarray([v if v is not None else "-" for v in values], dtype=object)
    return {str(v): metrics(y[values == v], p[values == v], threshold) for v in sorted(set(values), key=str)}
