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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from scorer.core.errors import ModelError, ScorerError
from scorer.core.odds import AUTO_PRIOR, batch_prior, calibration_prior, for_prior
from scorer.model.loading import load_model
from scorer.model.trained import TrainedModel
from scorer.research.featurize import featurize_rows
from scorer.research.metrics import breakdown, metrics
from scorer.research.readers import read_labelled
from scorer.research.spec import DataSpec

logger = logging.getLogger(__name__)

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


@dataclass(frozen=True)
class EvaluationSpec:
    """Every option of one evaluation run (what ``scorer evaluate`` parses)."""

    data: DataSpec
    model_dir: str | Path | None = None
    by: tuple[str, ...] = ()
    threshold: float | None = None
    prior: float | str | None = None
    n_jobs: int = 1
    cache_dir: str | Path | None = None
    today: _dt.date | None = None
    #: Load ``model_dir`` although it is not the shipped model: unpickling it may run code, so only for a model
    #: you made or whose maker you trust (the shipped model is checked by its digest and needs no trust).
    trust_model: bool = False


def evaluate_model(spec: EvaluationSpec) -> EvaluationReport:
    """Score every labelled row of ``spec.data`` with the model in ``spec.model_dir`` (None: the shipped one) and measure.

    ``prior``: the share of low_quality articles the probabilities should assume (see
    :func:`scorer.core.odds.for_prior`); give the set's own share to measure calibration under its mix,
    or ``"auto"`` to estimate that share from the scores without the labels
    (:func:`scorer.core.odds.batch_prior`: the model's own prior on fewer than
    :data:`scorer.core.odds.MIN_BATCH_FOR_PRIOR` articles).
    """
    model = load_model(spec.model_dir, trust=spec.trust_model)
    if not isinstance(model, TrainedModel):
        raise ModelError("no trained model to evaluate (the shipped default is the interim rule); pass --model")
    data = spec.data
    rows = read_labelled(data.files, positive=data.positive, negative=data.negative, columns=dict(data.columns) or None)
    by, threshold, prior = spec.by, spec.threshold, spec.prior
    notes = _surprises(rows, data.positive, by)
    featurized = featurize_rows(rows, n_jobs=spec.n_jobs, cache_dir=spec.cache_dir, today=spec.today, **model.featurizer_options())
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
        raise ScorerError(f"no article could be scored ({failed[0][0]}: {failed[0][1]})" if failed else "no articles")
    cut = model.threshold if threshold is None else threshold
    report = EvaluationReport(
        model=model.name,
        data=[str(path) for path in data.files],
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
