"""An article's named features, without scikit-learn: what scoring needs from the featurizer.

:func:`extract_features` turns an article and its signals into ``{"family.feature": value}``;
the names, versions and descriptions of the features are here too. The scikit-learn transformer
that learns the vocabulary features and builds the matrix is
:class:`scorer.model.featurizer.ArticleFeaturizer`; a model loaded without scikit-learn
(:mod:`scorer.model.portable`) uses only this module.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, SignalResult
from scorer.core.errors import ModelError
from scorer.model.word_lists import DESCRIPTIONS, VOCABULARY, VOCABULARY_VERSION
from scorer.signals import FAMILIES, REGISTRY
from scorer.signals import style as stylometry

#: The name of the stylometric pseudo-family.
STYLE = stylometry.FAMILY

#: Keys under this prefix describe the article but are never model features.
META = "_meta"
ENGLISH = f"{META}.english"
TEXT = f"{META}.text"


def family_version(family: str) -> str:
    """The version a family declares in the registry (the learned vocabulary's is this module's).

    Raises KeyError when the family does not exist in this installation.
    """
    if family == VOCABULARY:
        return VOCABULARY_VERSION
    return REGISTRY.get(family).version


def feature_description(name: str) -> str:
    """The plain-words template of feature ``family.feature`` ("" when it has none)."""
    family, _, feature = name.partition(".")
    if family == VOCABULARY:
        return DESCRIPTIONS.get(feature, "")
    return REGISTRY.get(family).description(feature) if family in REGISTRY else ""


def declared_feature_names(families: Iterable[str], style: bool) -> list[str]:
    """The ``family.feature`` names that :func:`extract_features` gives for ``families`` (and style), as declared."""
    names = [f"{family}.{name}" for family in families for name in REGISTRY.get(family).feature_names()]
    if style:
        names += [f"{STYLE}.{name}" for name in stylometry.SPEC.feature_names()]
    return names


def coverage_features(families: Iterable[str]) -> frozenset[str]:
    """``family.feature`` names that a family declares as coverage: what its check looked at, not
    evidence about the writing. They appear in the signals, never as model features."""
    return frozenset(
        f"{family}.{spec.name}" for family in families if family in REGISTRY for spec in REGISTRY.get(family).features if spec.coverage
    )


def _version_or_missing(family: str) -> str:
    try:
        return family_version(family)
    except KeyError:
        return "missing"


def compute_signals(article: Article, config: Config = DEFAULT_CONFIG, families: Iterable[str] = FAMILIES) -> dict[str, SignalResult]:
    """The signal results of ``families`` for ``article`` (all seven by default)."""
    return {family: REGISTRY.get(family).analyze(article, config) for family in families}


def extract_features(
    article: Article,
    signals: Mapping[str, SignalResult] | None = None,
    config: Config = DEFAULT_CONFIG,
    *,
    families: Sequence[str] = FAMILIES,
    style: bool = True,
    undated: str = "neutral",
) -> dict[str, float]:
    """One article's named features, in a stable order (families, then style)."""
    if signals is None:
        signals = compute_signals(article, config, families)
    features: dict[str, float] = {}
    for family in families:
        try:
            result = signals[family]
        except KeyError:
            raise ModelError(f"signal family {family!r} was not computed for {article.input}") from None
        neutral = undated == "neutral" and REGISTRY.get(family).date_dependent and article.date_source == "today"
        for name, value in result.features.items():
            features[f"{family}.{name}"] = 0.0 if neutral else _number(value)
    if style:
        for name, value in stylometry.analyze(article, config).features.items():
            features[f"{STYLE}.{name}"] = _number(value)
    features[ENGLISH] = 1.0 if stylometry.looks_english(article.text) else 0.0
    # Kept for the learned word lists, which are fitted with the model (see ArticleFeaturizer).
    features[TEXT] = article.text  # type: ignore[assignment]
    return features


def _number(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if np.isfinite(number) else 0.0
