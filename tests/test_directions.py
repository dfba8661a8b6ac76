"""Direction constraints: known signals may only push the score the way they mean."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier, VotingClassifier

from scorer.model.directions import DirectedLogisticRegression, feature_directions, parse_directions, signs_for, with_signs


def _data(seed: int = 0):
    rng = np.random.default_rng(seed)
    n = 400
    y = rng.integers(0, 2, n)
    informative = y + rng.normal(0, 0.7, n)  # more -> low quality, as its sign says
    misleading = y + rng.normal(0, 0.7, n)  # also more -> low quality, but declared "-" below
    noise = rng.normal(0, 1, n)
    return np.column_stack([informative, misleading, noise]), y


def test_weights_against_their_sign_are_dropped_and_the_rest_refitted():
    X, y = _data()
    free = DirectedLogisticRegression(C=1.0).fit(X, y)
    assert free.coef_[0][1] > 0  # unconstrained, the data makes it a low-quality signal
    directed = DirectedLogisticRegression(C=1.0, signs=[1, -1, 0]).fit(X, y)
    assert directed.coef_[0][1] == 0.0 and not directed.kept_[1]
    assert directed.coef_[0][0] > 0
    p = directed.predict_proba(X)[:, 1]
    assert p.shape == (len(y),) and np.all((p > 0) & (p < 1))
    assert (directed.predict(X) == y).mean() > 0.7


def test_boosting_and_ensembles_get_the_signs():
    ensemble = VotingClassifier([("logistic", DirectedLogisticRegression()), ("boosting", HistGradientBoostingClassifier(max_iter=20))], voting="soft")
    constrained = with_signs(ensemble, [1, -1, 0])
    logistic, boosting = (member for _, member in constrained.estimators)
    assert logistic.signs == [1, -1, 0] and boosting.monotonic_cst == [1, -1, 0]
    assert ensemble.estimators[0][1].signs is None  # the original is untouched
    X, y = _data(1)
    model = constrained.fit(X, y)
    # Monotonic in the "-" feature: raising it never raises the probability of low quality.
    grid = X[:50].copy()
    higher = grid.copy()
    higher[:, 1] += 2.0
    assert np.all(model.named_estimators_["boosting"].predict_proba(higher)[:, 1] <= model.named_estimators_["boosting"].predict_proba(grid)[:, 1] + 1e-12)


def test_directions_file_names_real_features_only():
    from scorer.model.featurizer import VOCABULARY
    from scorer.model.word_lists import VOCABULARY_FEATURES
    from scorer.signals import FAMILIES
    from scorer.model.featurizer import declared_feature_names
    from scorer.model.wording import FEATURE

    known = set(declared_feature_names(FAMILIES, True)) | {f"{VOCABULARY}.{n}" for n in (*VOCABULARY_FEATURES, FEATURE)}
    directions = feature_directions()
    assert directions, "the directions file is empty"
    assert set(directions) <= known, set(directions) - known
    # The padding signals of the issue can never make an article look more trustworthy.
    assert directions["padding.seo_blocks"] == directions["padding.filler_phrases_per_1000_words"] == 1
    assert directions["attribution.distinct_named_sources"] == -1
    assert signs_for(["padding.seo_blocks", "style.mean_sentence_length"]) == [1, 0]


@pytest.mark.parametrize("line", ["padding.seo_blocks", "padding.seo_blocks up", "a + b"])
def test_bad_direction_lines_name_the_line(line):
    with pytest.raises(ValueError, match=r"feature_directions.txt:2"):
        parse_directions(["# comment", line])
