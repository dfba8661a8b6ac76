"""Quality floors of the COMMITTED default model on the shared public data.

The floors live in ``benchmarks/quality_floors.json`` under ``"classifier"``; a
change may raise them but must not silently lower them. They were measured with
this test's own subsets (all of the cross-dataset sets, the first articles of the
real-news sets, to keep the run within a few minutes on 2 cores) and the full
figures are in ``models/default/MODEL_CARD.md`` (``python benchmarks/classifier.py``).

Extracted features are cached in the test session's private feature cache (conftest.py
``feature_cache``), so each set is extracted once per session, and held by this module
(``featurized``), so each set is featurized once however many tests score it.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parent.parent
FLOORS = REPO / "benchmarks" / "quality_floors.json"

#: How many articles of each real-news set this test scores (the full sets are in the benchmark).
REAL_NEWS_SUBSET = {"aeb-scrapinghub": 121, "l3s-gn1": 150, "polnear": 300}

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def floors():
    return json.loads(FLOORS.read_text())["classifier"]


@pytest.fixture(scope="module")
def model():
    from scorer.model.loading import default_model_dir, load_model
    from scorer.model.trained import TrainedModel

    if default_model_dir() is None:
        pytest.fail("no trained model is shipped in models/default")
    loaded = load_model()
    assert isinstance(loaded, TrainedModel)
    return loaded


@pytest.fixture(scope="module")
def sets(shared_datasets):
    sys.path.insert(0, str(REPO / "benchmarks"))
    import shared_sets as S

    root = shared_datasets
    return {
        "sheepdog-test": S.sheepdog("test", root),
        "politifact-plusplus": S.politifact_plusplus(root),
        **{name: S.REAL_NEWS[name](root)[:n] for name, n in REAL_NEWS_SUBSET.items()},
    }


@pytest.fixture(scope="module")
def featurized(model, feature_cache):
    """``featurized(key, rows)``: the rows featurized once for this module, however many tests score them.

    The session's feature cache would spare the extraction, but each call still reads and rewrites the
    whole cache file (megabytes of gzipped JSON once these sets are in it).
    """
    from scorer.research.featurize import featurize_rows

    memo = {}

    def get(key, rows):
        if key not in memo:
            memo[key] = featurize_rows(rows, n_jobs=2, cache_dir=feature_cache, **model.featurizer_options())
        return memo[key]

    return get


def _scores(model, featurized):
    p = model.predict_features(featurized.features)
    scored = ~np.isnan(p)
    return np.asarray(featurized.targets)[scored], p[scored]


@pytest.mark.parametrize("name", ["sheepdog-test", "politifact-plusplus"])
def test_cross_dataset_auroc_and_calibration(model, sets, floors, name, featurized):
    from scorer.research.metrics import metrics

    y, p = _scores(model, featurized(name, sets[name]))
    m = metrics(y, p, model.threshold)
    assert m["roc_auc"] >= floors[name]["roc_auc_min"], m
    assert m["ece"] <= floors[name]["ece_max"], m


@pytest.mark.parametrize("name", ["sheepdog-test", "politifact-plusplus"])
def test_calibration_for_the_sets_own_mix_estimated_without_labels(model, sets, floors, name, featurized):
    from scorer.research.metrics import calibration_error_at_estimated_prior
    from scorer.core.odds import calibration_prior

    y, p = _scores(model, featurized(name, sets[name]))
    ece, share = calibration_error_at_estimated_prior(y, p, calibration_prior(model))
    assert abs(share - y.mean()) < 0.1  # the label-free estimate lands near the set's true mix
    assert ece <= floors[name]["ece_prior_auto_max"]


@pytest.mark.parametrize("name", list(REAL_NEWS_SUBSET))
def test_real_news_is_rarely_flagged(model, sets, floors, name, featurized):
    y, p = _scores(model, featurized(name, sets[name]))
    assert len(p) >= 0.8 * len(sets[name])  # almost every page is extracted and English
    flagged = float((p >= model.threshold).mean())
    assert flagged <= floors[name]["flagged_max"], flagged


@pytest.mark.parametrize("transform", ["no_breaks", "first_150_words"])
@pytest.mark.parametrize("name", list(REAL_NEWS_SUBSET))
def test_real_news_is_rarely_flagged_without_its_breaks_or_cut_short(model, sets, floors, name, transform, featurized):
    """The same articles' extracted text pasted as one paragraph, or cut to its first 150 words (issue 20)."""
    from scorer.research.augment import transformed_rows

    original = featurized(name, sets[name])
    y, p = _scores(model, featurized((name, transform), transformed_rows(original, transform)))
    assert len(p) >= 0.8 * len(sets[name])
    flagged = float((p >= model.threshold).mean())
    assert flagged <= floors[name][f"flagged_max_{transform}"], flagged


def test_shipped_model_metadata(model):
    meta = model.metadata
    assert meta["training_data"]["articles"] > 4000
    assert "cross_validation" in meta["metrics"]
    assert (REPO / "models" / "default" / "MODEL_CARD.md").is_file()
    assert (REPO / "models" / "default" / "model.joblib").stat().st_size < 20_000_000
