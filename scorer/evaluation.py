"""Metrics for a low_quality classifier, breakdowns by any column, and the text baseline.

``metrics(y, p, threshold)`` gives ROC-AUC, PR-AUC, F1, precision, recall and
false-positive rate at the model's threshold, the threshold where the FPR is 1%
and the recall there, the expected calibration error, and the confusion matrix.
``evaluate_model`` runs a saved model over labelled sets and breaks the same
metrics down by any metadata column (``generator``, ``source_dataset``...).

The baseline is a character 3–5-gram TF-IDF logistic regression on the cleaned
text: strong on the set it is trained on, it is what the interpretable model must
beat on sets it has never seen.
"""
from __future__ import annotations

import datetime as _dt
import json
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

logger = logging.getLogger(__name__)

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
    probabilities restated for it (:func:`scorer.model.for_prior`), while the ECE is taken of
    the probabilities as given. That is the ECE the mix alone costs a model that is right
    about everything else.
    """
    from .model import for_prior

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
    from scipy.special import expit, logit

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
    never inform the share (:func:`scorer.model.estimate_prior`).
    """
    from .model import estimate_prior, for_prior

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
    from sklearn.metrics import average_precision_score, roc_auc_score

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


# --------------------------------------------------------------------------- a saved model on labelled sets


@dataclass
class EvaluationReport:
    """What ``scorer evaluate`` prints: overall metrics, breakdowns, and rows that could not be scored."""

    model: str
    data: list[str]
    overall: dict[str, Any]
    by: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    failed: list[tuple[str, str]] = field(default_factory=list)
    prior: float | None = None  # the share of low_quality the probabilities are stated for
    prior_estimated: bool = False  # estimated from the set's own scores (prior="auto")
    notes: list[str] = field(default_factory=list)  # what the reader should know first (a label or column never seen)

    def as_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "data": self.data,
            "prior": self.prior,
            "prior_estimated": self.prior_estimated,
            "notes": self.notes,
            "overall": self.overall,
            "by": self.by,
            "failed": [{"where": where, "error": error} for where, error in self.failed],
        }


def evaluate_model(
    paths: Sequence[str | Path],
    model_dir: str | Path | None,
    *,
    positive: Sequence[str] = ("low_quality",),
    negative: Sequence[str] | None = None,
    columns: Mapping[str, str] | None = None,
    by: Sequence[str] = (),
    threshold: float | None = None,
    prior: float | str | None = None,
    n_jobs: int = 1,
    cache_dir: str | Path | None = None,
    today: _dt.date | None = None,
) -> EvaluationReport:
    """Score every labelled row with the model in ``model_dir`` (None: the shipped one) and measure.

    ``prior``: the share of low_quality articles the probabilities should assume (see
    :func:`scorer.model.for_prior`); give the set's own share to measure calibration under its mix,
    or ``"auto"`` to estimate that share from the scores without the labels
    (:func:`scorer.model.batch_prior`: the model's own prior on fewer than
    :data:`scorer.model.MIN_BATCH_FOR_PRIOR` articles).
    """
    from .model import AUTO_PRIOR, batch_prior, calibration_prior, for_prior, load_model
    from .trained import TrainedModel
    from .training import featurize_rows, read_labelled

    model = load_model(model_dir)
    if not isinstance(model, TrainedModel):
        from .errors import ModelError

        raise ModelError("no trained model to evaluate (the shipped default is the interim rule); pass --model")
    rows = read_labelled(paths, positive=positive, negative=negative, columns=columns)
    notes = _surprises(rows, positive, by)
    featurized = featurize_rows(rows, n_jobs=n_jobs, cache_dir=cache_dir, today=today, **model.featurizer_options())
    p = model.predict_features(featurized.features) if featurized.rows else np.zeros(0)
    scored = ~np.isnan(p)
    failed = [(row.where, error) for row, error in featurized.failed]
    failed += [(row.where, "not English: not scored") for row, ok in zip(featurized.rows, scored) if not ok]
    rows = [row for row, ok in zip(featurized.rows, scored) if ok]
    p = p[scored]
    model_prior = calibration_prior(model)
    if prior == AUTO_PRIOR:
        prior = batch_prior(p, model_prior)
        estimated = prior is not None
    else:
        estimated = False
    if prior is not None and len(p):
        p = for_prior(p, prior, model_prior)
    y = np.asarray([row.target for row in rows], dtype=int)
    if len(y) == 0:
        from .errors import ScorerError

        raise ScorerError(f"no article could be scored ({failed[0][0]}: {failed[0][1]})" if failed else "no articles")
    cut = model.threshold if threshold is None else threshold
    report = EvaluationReport(
        model=model.name,
        data=[str(path) for path in paths],
        overall=metrics(y, p, cut),
        failed=failed,
        prior=model_prior if prior is None else float(prior),
        prior_estimated=estimated,
        notes=notes,
    )
    for column in by:
        values = [row.meta.get(column, row.label if column == "label" else None) for row in rows]
        report.by[column] = breakdown(y, p, values, cut)
    return report


def _surprises(rows: Sequence[Any], positive: Sequence[str], by: Sequence[str]) -> list[str]:
    """A positive label no row carries (a typo makes every article ok) and columns no row has."""
    from collections import Counter

    notes = []
    if rows and not any(row.target for row in rows):
        seen = ", ".join(f"{label} {n}" for label, n in Counter(row.label for row in rows).most_common())
        notes.append(f"no row is labelled {' or '.join(map(repr, positive))}, so every article counts as ok (labels seen: {seen}); "
                     "give the low-quality label with --positive")
    for column in by:
        if column != "label" and not any(row.meta.get(column) is not None for row in rows):
            notes.append(f"no row has a column {column!r}; its breakdown puts every article under '-'")
    return notes


# --------------------------------------------------------------------------- rendering


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


_COLUMNS = ("n", "low_quality", "roc_auc", "pr_auc", "f1", "precision", "recall", "fpr", "recall_at_1pct_fpr", "ece")


def format_metrics_table(rows: Mapping[str, Mapping[str, Any]], first: str = "") -> str:
    """A plain-text table, one line per named metrics dict."""
    width = max([len(first)] + [len(name) for name in rows]) + 2
    header = first.ljust(width) + "".join(c.rjust(12) for c in ("n", "low_q", "ROC-AUC", "PR-AUC", "F1", "precision", "recall", "FPR", "rec@1%FPR", "ECE"))
    lines = [header]
    for name, m in rows.items():
        lines.append(name.ljust(width) + "".join(_fmt(m.get(c)).rjust(12) for c in _COLUMNS))
    return "\n".join(lines)


def format_report(report: EvaluationReport) -> str:
    """The table ``scorer evaluate`` prints."""
    m = report.overall
    c = m["confusion"]
    lines = [
        f"model: {report.model}",
        f"data: {', '.join(report.data)}",
        *(f"note: {note}" for note in report.notes),
        "",
        format_metrics_table({"all": m}),
        "",
        f"threshold {m['threshold']:.3f} (default); threshold for 1% FPR: {_fmt(m['threshold_at_1pct_fpr'])}",
        _prior_line(report),
        "confusion matrix (rows: true label, columns: predicted)",
        f"{'':>14}{'ok':>10}{'low_quality':>13}",
        f"{'ok':>14}{c['tn']:>10}{c['fp']:>13}",
        f"{'low_quality':>14}{c['fn']:>10}{c['tp']:>13}",
    ]
    for column, table in report.by.items():
        lines += ["", f"by {column}:", format_metrics_table(table, column)]
    if report.failed:
        lines += ["", f"{len(report.failed)} article(s) could not be scored, e.g. {report.failed[0][0]}: {report.failed[0][1]}"]
    return "\n".join(lines)


def _prior_line(report: EvaluationReport) -> str:
    if report.prior is None:
        return "probabilities as the model gives them"
    how = " (estimated from the scores without the labels: --prior auto)" if report.prior_estimated else ""
    return f"probabilities stated for a share of {report.prior:.3f} low_quality{how}"


def report_json(report: EvaluationReport) -> str:
    return json.dumps(report.as_dict(), indent=2)


# --------------------------------------------------------------------------- the baseline


def baseline_pipeline(seed: int = 0) -> Any:
    """Character 3–5-gram TF-IDF + logistic regression (class-balanced) on the cleaned text."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2, max_features=300_000)),
            ("classifier", LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000, random_state=seed)),
        ]
    )
