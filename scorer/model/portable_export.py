"""Export a fitted scorer pipeline as the plain arrays :mod:`scorer.model.portable` scores with.

Apart from the reader because only this side needs the fitted scikit-learn objects; a process
that scores from ``model.npz`` never imports it.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np

from scorer.model.portable import PORTABLE_FILE, PORTABLE_FORMAT, NotExportable


def export_arrays(pipeline: Any) -> dict[str, np.ndarray]:
    """The arrays of a fitted scorer pipeline (:func:`scorer.model.classifier.build_pipeline`).

    Raises :class:`NotExportable` for any part :class:`PortablePipeline` cannot compute.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier, VotingClassifier
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from scorer.model import classifier as classifier_module
    from scorer.model.directions import DirectedLogisticRegression

    names = [name for name, _ in pipeline.steps]
    if names != ["features", "compress", "scale", "classifier"]:
        raise NotExportable(f"pipeline steps {names}")
    features, compress, scale, calibrated = (step for _, step in pipeline.steps)
    if compress.func is not classifier_module.signed_log1p or compress.kw_args or compress.validate:
        raise NotExportable("the compress step is not signed_log1p")
    if not (scale.with_mean and scale.with_std):
        raise NotExportable("scaling without centring or without scaling")
    arrays: dict[str, np.ndarray] = {
        "format": np.array(PORTABLE_FORMAT),
        "feature_names": np.asarray(features.get_feature_names_out(), dtype=str),
        "rewrite_words": np.asarray(getattr(features, "rewrite_words_", []) or [], dtype=str),
        "reported_words": np.asarray(getattr(features, "reported_words_", []) or [], dtype=str),
        "scale_mean": np.asarray(scale.mean_, dtype=np.float64),
        "scale_scale": np.asarray(scale.scale_, dtype=np.float64),
    }
    wording = getattr(features, "wording_", None)
    if wording is not None:
        v = wording.vectorizer_
        tfidf = v._tfidf
        if not (type(v) is TfidfVectorizer and wording._counts_by_word() and v.sublinear_tf and v.use_idf and v.norm == "l2"
                and v.dtype == np.float32 and type(wording.classifier_) is LogisticRegression and wording.classifier_.coef_.shape[0] == 1):
            raise NotExportable("a wording sub-model other than char_wb sublinear TF-IDF (float32, l2) + logistic regression")
        terms = np.empty(len(v.vocabulary_), dtype=object)
        for term, column in v.vocabulary_.items():
            terms[column] = term
        if any("\0" in term for term in terms):
            raise NotExportable("an n-gram holding a NUL character (numpy strings cannot keep it)")
        arrays.update({
            "wording_terms": terms.astype(str),
            "wording_ngram_range": np.asarray(v.ngram_range, dtype=np.int64),
            "wording_idf": np.asarray(tfidf.idf_),
            "wording_coef": np.asarray(wording.classifier_.coef_[0]),
            "wording_intercept": np.asarray(wording.classifier_.intercept_),
        })
    if calibrated.method != "sigmoid":
        raise NotExportable(f"{calibrated.method} calibration")
    arrays["calibration_coef"] = np.asarray(calibrated.calibrator_.coef_, dtype=np.float64)
    arrays["calibration_intercept"] = np.asarray(calibrated.calibrator_.intercept_, dtype=np.float64)
    estimator = calibrated.estimator_
    if isinstance(estimator, VotingClassifier):
        if estimator.voting != "soft" or list(estimator.classes_) != [0, 1]:
            raise NotExportable("a voting ensemble that is not soft, or not on classes 0 and 1")
        members = estimator.estimators_
        arrays["voting"] = np.array(1)
        if estimator.weights is not None:
            arrays["voting_weights"] = np.asarray(estimator.weights, dtype=np.float64)
    else:
        members = [estimator]
    arrays["members"] = np.array(len(members))
    for i, member in enumerate(members):
        if list(member.classes_) != [0, 1]:
            raise NotExportable("a classifier not on classes 0 and 1")
        if isinstance(member, (DirectedLogisticRegression, LogisticRegression)):
            if member.coef_.shape[0] != 1:
                raise NotExportable("a multi-class logistic regression")
            arrays[f"m{i}_kind"] = np.array("directed" if isinstance(member, DirectedLogisticRegression) else "logistic")
            arrays[f"m{i}_coef"] = np.asarray(member.coef_)
            arrays[f"m{i}_intercept"] = np.asarray(member.intercept_)
        elif isinstance(member, HistGradientBoostingClassifier):
            arrays.update(_trees(member, i))
        else:
            raise NotExportable(f"a {type(member).__name__}")
    return arrays


def _trees(model: Any, i: int) -> dict[str, np.ndarray]:
    if model.n_trees_per_iteration_ != 1 or model.is_categorical_ is not None:
        raise NotExportable("boosting with several trees per iteration or categorical features")
    nodes = [predictor.nodes for (predictor,) in model._predictors]
    if any(n["is_categorical"].any() for n in nodes):
        raise NotExportable("boosting with categorical splits")
    flat = np.concatenate(nodes)
    return {
        f"m{i}_kind": np.array("trees"),
        f"m{i}_baseline": np.asarray(model._baseline_prediction, dtype=np.float64).reshape(-1),
        f"m{i}_starts": np.concatenate([[0], np.cumsum([len(n) for n in nodes])]).astype(np.int64),
        f"m{i}_feature": flat["feature_idx"].astype(np.int64),
        f"m{i}_threshold": flat["num_threshold"].astype(np.float64),
        f"m{i}_left": flat["left"].astype(np.int64),
        f"m{i}_right": flat["right"].astype(np.int64),
        f"m{i}_is_leaf": flat["is_leaf"].astype(np.uint8),
        f"m{i}_missing_left": flat["missing_go_to_left"].astype(np.uint8),
        f"m{i}_value": flat["value"].astype(np.float64),
    }


def write_portable(directory: str | Path, pipeline: Any, source_sha256: str) -> Path:
    """Write ``pipeline``'s arrays to ``directory/model.npz``, naming the model.joblib they came from."""
    arrays = export_arrays(pipeline)
    arrays["source_sha256"] = np.array(source_sha256)
    target = Path(directory) / PORTABLE_FILE
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(buffer.getvalue())
    partial.replace(target)
    return target
