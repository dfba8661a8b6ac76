"""Metrics, calibration error, breakdowns and the report table."""
from __future__ import annotations

import numpy as np
import pytest

from scorer.research.evaluation import EvaluationReport, format_report
from scorer.research.metrics import breakdown, best_shared_recalibration, calibration_error_if_calibrated, expected_calibration_error, metrics, threshold_at_fpr


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


def test_calibration_error_of_a_calibrated_model_tells_noise_from_miscalibration():
    rng = np.random.default_rng(1)
    p = rng.uniform(0, 1, 300)
    calibrated = (rng.random(300) < p).astype(int)
    noise = calibration_error_if_calibrated(p, draws=300)
    # A calibrated model on 300 articles still shows some ECE, and its own ECE is within that noise.
    assert 0.01 < noise["mean"] < noise["p95"] < 0.1
    assert expected_calibration_error(calibrated, p) <= noise["p95"]
    # Probabilities 0.2 too high are far outside it.
    shifted = np.clip(p + 0.2, 0, 1)
    assert expected_calibration_error(calibrated, shifted) > 2 * calibration_error_if_calibrated(shifted, draws=300)["p95"]
    assert calibration_error_if_calibrated(p, draws=300) == noise  # seeded
    assert np.isnan(calibration_error_if_calibrated([])["mean"])
    # Calibrated for half and half but read on a set of two thirds: the mix alone adds error, more the further it is.
    mixed = calibration_error_if_calibrated(p, share=0.67, draws=300)
    assert mixed["mean"] > noise["mean"] + 0.03
    assert calibration_error_if_calibrated(p, share=0.85, draws=300)["mean"] > mixed["mean"]
    assert calibration_error_if_calibrated(p, share=0.5, draws=300) == noise  # the model's own mix: as without a share


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


def test_reason_wording():
    from scorer.model.explain import describe, humanize, percentile_phrase

    stats = {"quantiles": list(np.linspace(0, 10, 101))}
    assert percentile_phrase(9.75, stats, "reported news") == "more than in 97% of reported news"
    assert percentile_phrase(0.5, stats, "reported news") == "less than in 94% of reported news"
    assert percentile_phrase(5.0, stats, "reported news") == "typical of reported news"
    assert percentile_phrase(50.0, stats, "reported news") == "more than in 99% of reported news"
    assert describe("style.stock_phrases_per_1000_words", 5.0).startswith("5.0 stock connectives")
    assert humanize("attribution.vague_per_1000_words") == "vague per 1,000 words (attribution)"
    assert describe("nosuch.some_share", 0.25) == "some share (nosuch): 0.25"


def test_feature_effects_add_up_for_a_linear_model():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    from scorer.model.explain import feature_effects
    from scorer.model.classifier import GroupCalibratedClassifier

    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    y = (X[:, 0] - X[:, 1] + rng.normal(scale=0.5, size=200) > 0).astype(int)
    model = Pipeline([("scale", StandardScaler()), ("classifier", GroupCalibratedClassifier(LogisticRegression(), prior=None))]).fit(X, y)
    medians = np.median(X, axis=0)
    x = np.array([2.0, -1.0, 0.3])
    effects = feature_effects(model, x, medians)
    p = model.predict_proba(np.vstack([medians, x]))[:, 1]
    # Effects are score points: they add up to the score difference from the reference article.
    assert effects.sum() == pytest.approx(100 * (p[0] - p[1]), rel=1e-6)
    assert effects[0] < 0 and effects[1] < 0  # both push towards low_quality


def test_calibration_error_at_estimated_prior_uses_no_labels():
    from scorer.research.metrics import calibration_error_at_estimated_prior, expected_calibration_error
    from scorer.core.odds import estimate_prior, for_prior

    rng = np.random.default_rng(1)
    truth = rng.random(3000) < 0.7
    p = 1 / (1 + np.exp(-3 * np.where(truth, rng.normal(1.5, 1, truth.size), rng.normal(-1.5, 1, truth.size))))
    ece, share = calibration_error_at_estimated_prior(truth, p)
    assert share == estimate_prior(p) and abs(share - truth.mean()) < 0.03
    assert ece == expected_calibration_error(truth, for_prior(p, share)) < expected_calibration_error(truth, p)
    # Other labels, same share: the labels only score the result.
    assert calibration_error_at_estimated_prior(~truth, p)[1] == share


def test_best_shared_recalibration_bounds_what_any_calibration_step_can_do(monkeypatch):
    from scorer.research import metrics as evaluation

    # A coarser grid than the benchmark's, to keep the test quick; the steps still hit 0.5 and 1.0.
    monkeypatch.setattr(evaluation, "RECALIBRATION_SLOPES", np.linspace(0.25, 2.0, 15))
    monkeypatch.setattr(evaluation, "RECALIBRATION_SHIFTS", np.linspace(-2.0, 2.0, 17))
    rng = np.random.default_rng(2)
    logit = rng.normal(0, 2.5, 2000)
    sigmoid = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    y = (rng.random(2000) < sigmoid(logit)).astype(int)
    overconfident = sigmoid(2 * logit)
    alone = best_shared_recalibration({"a": (y, overconfident)})
    assert alone["map"] == {"slope_high": 0.5, "slope_low": 0.5, "shift": 0.0}  # undoes the doubling
    assert alone["worst"] < expected_calibration_error(y, overconfident) / 2
    # Two sets whose labels need opposite shifts: one map cannot serve both, while each alone is easy.
    p = sigmoid(logit)
    more = (rng.random(2000) < sigmoid(logit + 1.5)).astype(int)
    fewer = (rng.random(2000) < sigmoid(logit - 1.5)).astype(int)
    both = best_shared_recalibration({"more": (more, p), "fewer": (fewer, p)})
    each = max(best_shared_recalibration({n: (labels, p)})["worst"] for n, labels in (("more", more), ("fewer", fewer)))
    assert both["worst"] > 2 * each
    assert set(both["per_set"]) == {"more", "fewer"} and max(both["per_set"].values()) == both["worst"]
    # The figures are the plain ECE of the probabilities the chosen map gives.
    m = both["map"]
    mapped = sigmoid(np.where(logit >= 0, m["slope_high"] * logit, m["slope_low"] * logit) + m["shift"])
    assert both["per_set"]["more"] == pytest.approx(expected_calibration_error(more, mapped))
