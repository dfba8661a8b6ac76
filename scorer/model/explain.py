"""Reasons: the features that moved one article's score most, in plain words.

A feature's effect is measured from a reference article whose every feature sits at
its median among the ok articles the model was trained on (for the shipped model:
reported news): the reference is scored again with that one feature set to this
article's value, and the change in score points is the effect ("this alone would
take a typical reported article from 82 to 61"). Measuring from the reference,
not from the article itself, keeps effects readable when an article is far out
in the tail, where removing any single feature no longer moves a saturated
probability. It works for any classifier and includes the calibration.

Each reason says the value in words, and where it falls among those training
articles: "5.0 vague attributions per 1,000 words — more than in 95% of reported
news". The reference percentiles are stored in the model's metadata at training.

Which effects are shown, in what order and words, is :mod:`scorer.model.reason_choice`.
"""
from __future__ import annotations

import logging
from typing import Any, Mapping, Sequence

import numpy as np

from scorer.model.featurizer import feature_description

logger = logging.getLogger(__name__)

#: Reasons shown per article, and the smallest effect (score points) worth showing.
TOP_REASONS = 5
MIN_EFFECT = 0.5

#: Number of quantiles of each feature stored in the model (0th..100th percentile).
QUANTILES = np.linspace(0.0, 1.0, 101)


def reference_statistics(matrix: np.ndarray, names: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Median and percentiles of each feature over the reference (ok) training articles."""
    stats = {}
    for j, name in enumerate(names):
        column = np.asarray(matrix[:, j], dtype=float)
        stats[name] = {
            "median": float(np.median(column)),
            "quantiles": [round(float(q), 6) for q in np.quantile(column, QUANTILES)],
        }
    return stats


def percentile_phrase(value: float, stats: Mapping[str, Any], population: str) -> str:
    """Where ``value`` falls among the reference articles, in words."""
    quantiles = np.asarray(stats["quantiles"], dtype=float)
    below = 100.0 * float((quantiles < value).mean())
    above = 100.0 * float((quantiles > value).mean())
    if below >= 60:
        return f"more than in {_round_pct(below)}% of {population}"
    if above >= 60:
        return f"less than in {_round_pct(above)}% of {population}"
    return f"typical of {population}"


def _round_pct(pct: float) -> int:
    # "more than in 100%" would be false for the top value itself.
    return int(min(99, max(1, np.floor(pct))))


def humanize(name: str) -> str:
    """``attribution.vague_per_1000_words`` → ``vague per 1,000 words (attribution)``."""
    family, _, feature = name.partition(".")
    words = feature.replace("_per_1000_words", " per 1,000 words").replace("_per_1000", " per 1,000").replace("_", " ")
    return f"{words} ({family})"


def describe(name: str, value: float) -> str:
    """The value of feature ``name`` in plain words."""
    template = feature_description(name)
    if template:
        try:
            return template.format(value=value)
        except (ValueError, KeyError, IndexError):
            logger.debug("bad description template for %s", name)
    shown = f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"
    return f"{humanize(name)}: {shown}"


def feature_effects(pipeline: Any, x: np.ndarray, medians: np.ndarray) -> np.ndarray:
    """Score points each feature adds (+) or takes away (−) relative to the reference article.

    ``pipeline`` maps a feature matrix to probabilities (the model without its
    featurizer); its last step must offer ``decision_scores`` and ``calibrate``
    (:class:`scorer.model.classifier.GroupCalibratedClassifier` does).

    Each feature's share of the change in the classifier's score (log-odds), from the
    reference article to this one, is converted to score points at the rate the
    calibration maps that change. For a linear classifier the effects add up
    exactly to the difference between this article's score and the reference's;
    far in the tails, where the probability saturates, they shrink together
    instead of vanishing one by one.
    """
    prepare, classifier = pipeline[:-1], pipeline[-1]
    n = len(x)
    trials = np.tile(medians, (n + 2, 1))
    trials[np.arange(n), np.arange(n)] = x  # row j: the reference with feature j from the article
    trials[n + 1] = x  # row n: the reference; row n+1: the article
    scores = classifier.decision_scores(prepare.transform(trials))
    s_ref, s_art = scores[n], scores[n + 1]
    deltas = scores[:n] - s_ref
    p_ref, p_art = classifier.calibrate(np.array([s_ref, s_art]))
    if abs(s_art - s_ref) > 1e-9:
        rate = 100.0 * (p_ref - p_art) / (s_art - s_ref)
    else:
        step = 1e-3
        rate = -100.0 * (classifier.calibrate(np.array([s_ref + step]))[0] - p_ref) / step
    return rate * deltas


def batch_effects(pipeline: Any, X: np.ndarray, medians: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Calibrated probabilities and feature effects of a batch of articles, from one call to the classifier.

    The same figures as :func:`feature_effects` gives each row of ``X`` (m articles × n features),
    without scoring each article on its own: every article's n trial rows (the reference with one
    feature taken from the article), the articles themselves and the reference (once) are stacked
    into one matrix of m·n + m + 1 rows and scored together. Returns the m probabilities of
    low_quality (the article rows, calibrated) and the m × n effects in score points.
    """
    prepare, classifier = pipeline[:-1], pipeline[-1]
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    trials = np.tile(medians, (m * n + m + 1, 1))
    block = trials[: m * n].reshape(m, n, n)
    block[:, np.arange(n), np.arange(n)] = X  # article i, row j: the reference with feature j from the article
    trials[m * n : m * n + m] = X  # the articles
    # the last row: the reference
    scores = classifier.decision_scores(prepare.transform(trials))
    s_ref = scores[-1]
    s_art = scores[m * n : m * n + m]
    deltas = scores[: m * n].reshape(m, n) - s_ref
    calibrated = classifier.calibrate(np.concatenate([[s_ref], s_art]))
    p_ref, p_art = calibrated[0], calibrated[1:]
    rates = np.empty(m)
    for i in range(m):
        if abs(s_art[i] - s_ref) > 1e-9:
            rates[i] = 100.0 * (p_ref - p_art[i]) / (s_art[i] - s_ref)
        else:
            step = 1e-3
            rates[i] = -100.0 * (classifier.calibrate(np.array([s_ref + step]))[0] - p_ref) / step
    return p_art, rates[:, np.newaxis] * deltas


def reference_medians(reference: Mapping[str, Mapping[str, Any]], names: Sequence[str]) -> np.ndarray:
    """The reference article: each feature at its median among the reference articles."""
    return np.asarray([reference[name]["median"] for name in names], dtype=float)


def feature_message(name: str, value: float, stats: Mapping[str, Any] | None, population: str) -> str:
    """The value in words and, given the reference statistics, where it falls among ``population``."""
    message = describe(name, value)
    return f"{message} — {percentile_phrase(value, stats, population)}" if stats else message
