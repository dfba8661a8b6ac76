"""Metrics, calibration error, breakdowns and the report table."""
from __future__ import annotations

import numpy as np
import pytest

from scorer.evaluation import (
    EvaluationReport,
    breakdown,
    expected_calibration_error,
    format_report,
    metrics,
    threshold_at_fpr,
)


def test_metrics_on_a_known_example():
    y = [0, 0, 0, 0, 1, 1, 1, 1]
    p = [0.1, 0.2, 0.3, 0.6, 0.4, 0.7, 0.8, 0.9]
    m = metrics(y, p, threshold=0.5)
    assert m["confusion"] == {"tn": 3, "fp": 1, "fn": 1, "tp": 3}
    assert m["precision"] == pytest.approx(0.75)
    assert m["recall"] == pytest.approx(0.75)
    assert m["f1"] == pytest.approx(0.75)
    assert m["fpr"] == pytest.approx(0.25)
    assert m["roc_auc"] == pytest.approx(15 / 16)
    assert 0 < m["pr_auc"] <= 1


def test_metrics_with_one_class_leave_auc_empty():
    m = metrics([0, 0, 0], [0.1, 0.7, 0.2])
    assert m["roc_auc"] is None and m["pr_auc"] is None
    assert m["flagged_rate"] == pytest.approx(1 / 3)
    assert m["fpr"] == pytest.approx(1 / 3)


def test_expected_calibration_error():
    # Perfectly calibrated bins: 0.25 predicted, 1 of 4 positive.
    assert expected_calibration_error([1, 0, 0, 0], [0.25] * 4) == pytest.approx(0.0)
    assert expected_calibration_error([1, 1], [0.0, 0.0]) == pytest.approx(1.0)
    assert expected_calibration_error([0, 1], [0.05, 0.95]) == pytest.approx(0.05)


def test_threshold_at_fpr_flags_at_most_that_share_of_ok():
    rng = np.random.default_rng(0)
    y = np.array([0] * 500 + [1] * 100)
    p = np.concatenate([rng.uniform(0, 0.8, 500), rng.uniform(0.5, 1, 100)])
    t = threshold_at_fpr(y, p, 0.01)
    assert (p[y == 0] >= t).mean() <= 0.01
    assert (p[y == 0] >= np.nextafter(t, 0) - 0.01).mean() > 0.0


def test_breakdown_by_column():
    y = [0, 1, 0, 1]
    p = [0.1, 0.9, 0.6, 0.4]
    table = breakdown(y, p, ["a", "a", "b", "b"])
    assert table["a"]["roc_auc"] == 1.0 and table["b"]["roc_auc"] == 0.0
    assert table["b"]["confusion"]["fp"] == 1


def test_format_report_names_every_figure():
    y = [0, 0, 1, 1]
    p = [0.2, 0.3, 0.8, 0.6]
    report = EvaluationReport("m", ["x.jsonl"], metrics(y, p), {"generator": breakdown(y, p, ["h", "h", "g", "g"])})
    text = format_report(report)
    for word in ("ROC-AUC", "PR-AUC", "F1", "precision", "recall", "FPR", "ECE", "1% FPR", "confusion", "by generator"):
        assert word in text
    assert report.as_dict()["overall"]["n"] == 4
