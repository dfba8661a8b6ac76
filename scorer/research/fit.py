"""Grouped cross-validation, the default threshold, the final fit and the saved model directory.

Articles of one ``group`` (a story and its rewrites) are always kept on one side
of a cross-validation split, so a model is never scored on a rewrite of a story
it was trained on.
"""
from __future__ import annotations

import json
import logging
import math
from pathlib import Path
from typing import Any, Mapping, Sequence

import joblib
import numpy as np

from scorer.core.errors import ScorerError
from scorer.model.classifier import ModelOptions, build_pipeline
from scorer.model.explain import reference_statistics
from scorer.model.folds import grouped_folds
from scorer.model.trained import CARD_FILE, METADATA_FILE, METRICS_FILE, MODEL_FILE
from scorer.research.featurize import FeaturizedSet
from scorer.research.metrics import metrics, threshold_at_fpr

logger = logging.getLogger(__name__)

#: Share of ok training articles (out-of-fold) a model may flag at its default threshold.
DEFAULT_TARGET_FPR = 0.03


def choose_threshold(y: Sequence[int], oof: Sequence[float], target_fpr: float = DEFAULT_TARGET_FPR) -> float:
    """The default threshold: the lowest probability at which at most ``target_fpr`` of the
    ok articles are flagged out-of-fold, and never below 0.5.

    Calibrated probabilities say how likely a rewrite is; the threshold says how sure the
    model must be before the label says low_quality. An editor's cost of flagging a
    reported story is higher than that of missing a rewrite, so the threshold is set on
    the ok articles, from cross-validated predictions the model did not train on.
    """
    # Stored to 4 decimals, rounded up: rounding down could let the next ok article through.
    return math.ceil(max(0.5, threshold_at_fpr(y, oof, target_fpr)) * 10_000) / 10_000


def _fit(pipeline: Any, featurized: FeaturizedSet, indices: np.ndarray | None = None) -> Any:
    """``pipeline`` fitted on the rows at ``indices`` (all rows when None), with their groups and sources."""
    y = np.asarray(featurized.targets)
    groups = np.asarray(featurized.groups)
    sources = np.asarray(featurized.sources)
    X = featurized.features
    if indices is not None:
        X, y, groups, sources = [X[i] for i in indices], y[indices], groups[indices], sources[indices]
    return pipeline.fit(
        X, y, features__groups=groups, classifier__groups=groups, classifier__sources=sources,
        classifier__feature_names=pipeline.named_steps["features"].planned_feature_names(X),
    )


def _fitted(options: ModelOptions, featurized: FeaturizedSet, indices: np.ndarray | None) -> Any:
    # Module level, so joblib's worker processes can run it.
    return _fit(build_pipeline(options), featurized, indices)


def fit_pipelines(featurized: FeaturizedSet, options: ModelOptions, subsets: Sequence[np.ndarray | None], n_jobs: int) -> list[Any]:
    """One pipeline fitted per subset of rows (None: every row), ``n_jobs`` at a time; each fit is the same as alone."""
    if n_jobs == 1 or len(subsets) == 1:
        return [_fitted(options, featurized, indices) for indices in subsets]
    return joblib.Parallel(n_jobs=min(n_jobs, len(subsets)))(joblib.delayed(_fitted)(options, featurized, indices) for indices in subsets)


def cross_validate_and_fit(featurized: FeaturizedSet, options: ModelOptions = ModelOptions(), n_jobs: int = 1) -> tuple[np.ndarray, list[dict[str, Any]], Any, dict[str, Any]]:
    """:func:`cross_validate` and :func:`fit_model` at once: the k fold fits and the final fit run ``n_jobs`` at a time."""
    folds = grouped_folds(np.asarray(featurized.targets), np.asarray(featurized.groups), options.n_splits, options.seed)
    *fold_pipelines, pipeline = fit_pipelines(featurized, options, [train for train, _ in folds] + [None], n_jobs)
    oof, fold_metrics = _out_of_fold(featurized, folds, fold_pipelines)
    return oof, fold_metrics, pipeline, reference_of(featurized, pipeline)


def cross_validate(featurized: FeaturizedSet, options: ModelOptions = ModelOptions(), n_jobs: int = 1) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """Grouped k-fold out-of-fold probabilities and each fold's metrics (measured on articles, not leads)."""
    folds = grouped_folds(np.asarray(featurized.targets), np.asarray(featurized.groups), options.n_splits, options.seed)
    return _out_of_fold(featurized, folds, fit_pipelines(featurized, options, [train for train, _ in folds], n_jobs))


def _out_of_fold(featurized: FeaturizedSet, splits: Sequence[tuple[np.ndarray, np.ndarray]], pipelines: Sequence[Any]) -> tuple[np.ndarray, list[dict[str, Any]]]:
    y = np.asarray(featurized.targets)
    articles = featurized.articles
    X = featurized.features
    oof = np.zeros(len(y))
    folds = []
    for k, ((train, test), pipeline) in enumerate(zip(splits, pipelines)):
        oof[test] = pipeline.predict_proba([X[i] for i in test])[:, 1]
        test = test[articles[test]]
        fold = metrics(y[test], oof[test])
        fold["fold"] = k
        folds.append(fold)
        logger.info("fold %d: ROC-AUC %s", k, fold["roc_auc"])
    return oof, folds


def fit_model(featurized: FeaturizedSet, options: ModelOptions = ModelOptions()) -> tuple[Any, dict[str, Any]]:
    """The pipeline fitted on every row, and the reference statistics of the ok rows for explanations."""
    pipeline = _fit(build_pipeline(options), featurized)
    return pipeline, reference_of(featurized, pipeline)


def reference_of(featurized: FeaturizedSet, pipeline: Any) -> dict[str, Any]:
    """The reference statistics of ``featurized``'s ok articles under a pipeline fitted on them (what explanations compare with)."""
    y = np.asarray(featurized.targets)
    featurizer = pipeline.named_steps["features"]
    # Explanations compare an article with ok articles as read, not with their leads.
    reference = (y == 0) & featurized.articles
    # Their learned features out-of-fold: in-sample, ok articles look far more typical than a new article.
    matrix = featurizer.out_of_fold_matrix(featurized.features)[reference]
    return reference_statistics(matrix, list(featurizer.feature_names_))


def save_model(pipeline: Any, metadata: Mapping[str, Any], out_dir: str | Path) -> Path:
    """Write ``model.joblib``, ``metadata.json`` and ``metrics.json`` into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, out / MODEL_FILE, compress=3)
    (out / METADATA_FILE).write_text(json.dumps(metadata, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    (out / METRICS_FILE).write_text(json.dumps(metadata.get("metrics", {}), indent=1) + "\n", encoding="utf-8")
    return out


def check_out_dir(out_dir: str | Path, *, overwrite: bool = False) -> None:
    """Refuse a model directory whose writing would lose the user's files.

    ``out_dir`` may be missing or empty; a model directory (``model.joblib`` and its
    companions, nothing else) only with ``overwrite``; anything else is refused.
    """
    out = Path(out_dir)
    if not out.exists():
        return
    if not out.is_dir():
        raise ScorerError(f"{out} is a file, not a model directory")
    contents = {path.name for path in out.iterdir()}
    if not contents:
        return
    # What save_model writes, and the card of the shipped model: only these may be replaced.
    if MODEL_FILE in contents and contents <= {MODEL_FILE, METADATA_FILE, METRICS_FILE, CARD_FILE}:
        if overwrite:
            return
        raise ScorerError(f"{out} already holds a model; pass --overwrite to replace it")
    raise ScorerError(f"{out} is not empty and is not a model directory; refusing to write a model among its files")
