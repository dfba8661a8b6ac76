"""scikit-learn's own estimator checks (DESIGN.md convention 7) for the classifier classes and the featurizer."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import (
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_parameters_default_constructible,
    check_set_params,
    parametrize_with_checks,
)

from scorer.model.classifier import GroupCalibratedClassifier
from scorer.model.directions import DirectedLogisticRegression
from scorer.model.featurizer import ArticleFeaturizer


# Why a check cannot pass today. Both classes are binary by design (low_quality against ok) and take
# the dense float matrix the pipeline's scaler gives them, so they skip scikit-learn's input validation
# (``validate_data``): a check that feeds more than two classes, sparse, complex, object or 1-d data, or
# NaN, fails. Making these pass means changing the classes themselves (validate_data in fit/predict,
# check_is_fitted in DirectedLogisticRegression.predict, n_iter_), which is behaviour, not structure:
# left to the owners of scorer/model/classifier.py and scorer/model/directions.py.
_BINARY = "binary by design (low_quality vs ok): the check fits more than two classes"
_NO_VALIDATION = "takes the pipeline's dense float matrix as is: no validate_data, so no check of this input"
_GROUPED = "its calibration needs at least 2 groups of each label (grouped out-of-fold scores)"

_CALIBRATED = {
    "check_classifiers_classes": _BINARY,
    "check_classifiers_train": _BINARY,
    "check_classifiers_regression_target": _BINARY,
    "check_classifiers_multilabel_output_format_predict": _BINARY,
    "check_classifiers_multilabel_output_format_predict_proba": _BINARY,
    "check_supervised_y_2d": _BINARY,
    "check_classifier_multioutput": _BINARY,
    "check_requires_y_none": "fit needs y: the calibration is supervised",
    "check_fit_score_takes_y": _BINARY,
    "check_estimators_overwrite_params": _BINARY,
    "check_dont_overwrite_parameters": _BINARY,
    "check_estimators_fit_returns_self": _BINARY,
    "check_readonly_memmap_input": _BINARY,
    "check_n_features_in_after_fitting": _BINARY,
    "check_positive_only_tag_during_fit": _BINARY,
    "check_estimators_dtypes": _BINARY,
    "check_methods_sample_order_invariance": _BINARY,
    "check_methods_subset_invariance": _BINARY,
    "check_dict_unchanged": _BINARY,
    "check_f_contiguous_array_estimator": _BINARY,
    "check_classifier_data_not_an_array": _BINARY,
    "check_complex_data": _NO_VALIDATION,
    "check_dtype_object": _NO_VALIDATION,
    "check_estimator_sparse_tag": _NO_VALIDATION,
    "check_estimator_sparse_array": _NO_VALIDATION,
    "check_estimator_sparse_matrix": _NO_VALIDATION,
    "check_fit2d_predict1d": _NO_VALIDATION,
    "check_fit2d_1sample": _GROUPED,
    "check_fit2d_1feature": _GROUPED,
    "check_classifiers_one_label": _GROUPED,
}
_DIRECTED = {
    "check_classifiers_classes": _BINARY,
    "check_classifiers_train": _BINARY,
    "check_classifiers_train(readonly_memmap=True)": _BINARY,
    "check_classifiers_train(readonly_memmap=True,X_dtype=float32)": _BINARY,
    "check_class_weight_classifiers": _BINARY,
    "check_estimators_unfitted": "predict before fit fails with AttributeError, not NotFittedError (no check_is_fitted)",
    "check_n_features_in_after_fitting": _NO_VALIDATION,
    "check_estimators_nan_inf": _NO_VALIDATION,
    "check_estimator_sparse_tag": _NO_VALIDATION,
    "check_estimator_sparse_array": _NO_VALIDATION,
    "check_estimator_sparse_matrix": _NO_VALIDATION,
    "check_fit1d": _NO_VALIDATION,
    "check_fit2d_predict1d": _NO_VALIDATION,
    "check_non_transformer_estimators_n_iter": "keeps no n_iter_ (it refits a logistic regression after dropping wrong-way features)",
}


def _expected_failed_checks(estimator) -> dict[str, str]:
    if isinstance(estimator, GroupCalibratedClassifier):
        return _CALIBRATED
    if isinstance(estimator, DirectedLogisticRegression):
        return _DIRECTED
    return {}


@parametrize_with_checks(
    [GroupCalibratedClassifier(n_splits=3), DirectedLogisticRegression()],
    expected_failed_checks=_expected_failed_checks,
)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


# ArticleFeaturizer takes Articles, (Article, signals) pairs or feature mappings, never a numeric
# array: the data-driven checks of parametrize_with_checks (which fit on random float arrays) cannot
# apply. The checks below need no data (parameters, get_params/set_params, __init__ storing
# parameters only); fitting and NotFittedError are tested with feature mappings.


@pytest.mark.parametrize(
    "check", [check_parameters_default_constructible, check_no_attributes_set_in_init, check_get_params_invariance, check_set_params]
)
def test_featurizer_parameter_checks(check):
    check("ArticleFeaturizer", ArticleFeaturizer(families=("padding",), vocabulary=5))


def test_featurizer_fits_mappings_returns_self_and_refuses_use_before_fit():
    rows = [{"padding.filler_word_share": float(i % 3), "padding.redundant_word_share": float(i)} for i in range(8)]
    featurizer = ArticleFeaturizer(families=("padding",), style=False)
    with pytest.raises(NotFittedError):
        featurizer.transform(rows)
    assert featurizer.fit(rows, np.array([0, 1] * 4)) is featurizer
    assert featurizer.transform(rows).shape[0] == len(rows)
    fitted = [name for name in vars(featurizer) if name.endswith("_") and not name.startswith("_")]
    assert fitted and "feature_names_" in fitted
    unfitted = clone(featurizer)
    assert not [name for name in vars(unfitted) if name.endswith("_") and not name.startswith("_")]
