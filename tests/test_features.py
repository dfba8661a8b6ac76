"""ArticleFeaturizer and the stylometric features: conventions, names, the undated rule."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from scorer.signals import style as stylometry
from scorer.core.document import SignalResult
from scorer.core.errors import ModelError
from scorer.model.featurizer import ArticleFeaturizer, extract_features
from scorer.ingest.segment import build_article

REPORTED = (
    "Council approves ferry inspections\n"
    "The Harbour City council voted 7-2 on Monday to inspect every ferry twice a month, port director Amina Okafor said. "
    "\"We are not waiting,\" she said. Inspections cost $1.2 million a year.\n"
    "The fire on March 3 forced 212 passengers off the Northbank ferry, according to the coastguard."
)
PADDED = (
    "Ferry Safety: What You Need To Know\n"
    "In today's world, ferry safety is crucial. Additionally, experts say inspections play a vital role. "
    "Moreover, it is important to note that safety is paramount. Furthermore, many believe more is needed.\n"
    "Overall, only time will tell. Byline: [Your Name]"
)


def article(text: str, date_source: str = "option"):
    return build_article(text, date=dt.date(2025, 3, 4), date_source=date_source)


def fake_signals(value: float) -> dict[str, SignalResult]:
    return {
        "anachronism": SignalResult("anachronism", {"stale_titles": value, "event_age_errors": value}),
        "padding": SignalResult("padding", {"filler_per_1000_words": 2 * value}),
    }


@pytest.mark.parametrize(
    "text, feature, expected",
    [
        ("One two three four. One two three four.", "sentence_length_mean", 4.0),
        ("One two three four. One two three four.", "sentence_length_variation", 0.0),
        ("Additionally, it is crucial. Moreover, it is vital.", "connective_openers_share", 1.0),
        ("He paid $1,200 on March 3 in 2024.", "numbers_per_1000_words", 1000.0 * 3 / 5),
        ("Written by [Your Name] for the site.", "placeholders", 1.0),
        ("You can do it. You will.", "second_person_per_1000_words", 1000.0 * 2 / 6),
        ("\"It works,\" she said.", "quote_marks_per_1000_words", 1000.0 * 2 / 4),
        ("Officials said it. She says so.", "said_per_1000_words", 1000.0 * 2 / 6),
    ],
)
def test_stylometry_values(text, feature, expected):
    features = stylometry.analyze(article(text)).features
    assert features[feature] == pytest.approx(expected, rel=1e-6)


def test_stylometry_names_all_described_and_finite():
    features = stylometry.analyze(article(PADDED)).features
    assert tuple(features) == stylometry.FEATURES
    assert all(np.isfinite(v) for v in features.values())
    # An empty-ish article must not divide by zero.
    assert all(np.isfinite(v) for v in stylometry.analyze(article("Hi")).features.values())


def test_padded_text_has_more_stock_phrases_than_reported():
    padded = stylometry.analyze(article(PADDED)).features
    reported = stylometry.analyze(article(REPORTED)).features
    assert padded["stock_phrases_per_1000_words"] > reported["stock_phrases_per_1000_words"]
    assert padded["numbers_per_1000_words"] < reported["numbers_per_1000_words"]


def test_extract_features_names_family_dot_feature():
    features = extract_features(article(REPORTED), fake_signals(1.0), families=("anachronism", "padding"))
    assert list(features)[:3] == ["anachronism.stale_titles", "anachronism.event_age_errors", "padding.filler_per_1000_words"]
    assert all(name.startswith(("anachronism.", "padding.", "style.", "_meta.")) for name in features)
    assert features["_meta.english"] == 1.0


def test_looks_english():
    assert stylometry.looks_english(REPORTED)
    assert not stylometry.looks_english("Характеристики бега можно увеличить за счет кодов и стандартная скорость игрока")
    spanish = "El gobierno de la ciudad anunció que los autobuses serán gratuitos durante el verano para todos los vecinos " * 3
    assert not stylometry.looks_english(spanish)


def test_undated_articles_get_neutral_date_features():
    undated = extract_features(article(REPORTED, "today"), fake_signals(3.0), families=("anachronism", "padding"))
    dated = extract_features(article(REPORTED, "option"), fake_signals(3.0), families=("anachronism", "padding"))
    assert undated["anachronism.stale_titles"] == 0.0 and dated["anachronism.stale_titles"] == 3.0
    # Only the date-dependent family is touched.
    assert undated["padding.filler_per_1000_words"] == dated["padding.filler_per_1000_words"] == 6.0
    kept = extract_features(article(REPORTED, "today"), fake_signals(3.0), families=("anachronism",), undated="keep")
    assert kept["anachronism.stale_titles"] == 3.0


def test_featurizer_follows_sklearn_conventions():
    featurizer = ArticleFeaturizer(families=("anachronism", "padding"))
    assert clone(featurizer).get_params() == featurizer.get_params()
    with pytest.raises(NotFittedError):
        featurizer.transform([{}])
    items = [(article(REPORTED), fake_signals(1.0)), (article(PADDED), fake_signals(2.0))]
    assert featurizer.fit(items) is featurizer
    names = featurizer.get_feature_names_out()
    matrix = featurizer.transform(items)
    assert matrix.shape == (2, len(names))
    assert featurizer.feature_versions_["style"] == stylometry.VERSION
    # Cached feature mappings give the same matrix as articles.
    mappings = [extract_features(a, s, families=("anachronism", "padding")) for a, s in items]
    np.testing.assert_allclose(featurizer.transform(mappings), matrix)


def test_featurizer_refuses_missing_feature_and_bad_items():
    featurizer = ArticleFeaturizer(families=("padding",), style=False).fit([{"padding.x": 1.0}])
    with pytest.raises(ModelError, match="padding.x"):
        featurizer.transform([{"padding.y": 1.0}])
    with pytest.raises(TypeError):
        featurizer.transform([42])
    with pytest.raises(ValueError):
        ArticleFeaturizer(undated="maybe").fit([{"padding.x": 1.0}])


def test_coverage_counts_are_signals_not_model_features():
    """What the anachronism check looked at (mentions checked) says nothing about the writing: never a model feature."""
    from scorer.signals.anachronism import COVERAGE_FEATURES, FEATURES

    text = "The war in Ukraine, now nearly two years old, goes on. President Donald Trump spoke on Monday."
    dated = build_article(text, date=dt.date(2026, 11, 20), date_source="metadata")
    featurizer = ArticleFeaturizer(families=("anachronism",), style=False).fit([dated])
    names = list(featurizer.get_feature_names_out())
    assert names == [f"anachronism.{n}" for n in FEATURES if n not in COVERAGE_FEATURES]
    # The signal still reports them.
    assert extract_features(dated, families=("anachronism",))["anachronism.event_ages_checked"] == 1.0
