"""Models: the object that turns an article's signals into a probability of ``low_quality``.

Every model offers ``predict(article, signals) -> Prediction``. ``load_model``
loads only the shipped default model or a directory the user names, because
loading a joblib pickle runs code.

Until a trained model is shipped in ``models/default``, the default is the
documented :class:`InterimRule`, so the output contract is complete from day one.
"""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Mapping, Protocol

from scorer.core.document import Article, Reason, SignalResult
from scorer.core.text import per_1000_words

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class Prediction:
    """A model's verdict on one article: probability of low_quality and the reasons behind it."""

    probability: float
    reasons: tuple[Reason, ...] = ()


class Predictor(Protocol):
    """What scores an article. A predictor may also say ``calibration_prior``: the share of
    low_quality articles its probabilities assume (0.5 when it does not say)."""

    name: str
    threshold: float

    def predict(self, article: Article, signals: Mapping[str, SignalResult]) -> Prediction: ...


# Interim rule: finding kinds per 1,000 words and their weights in log-odds.
# Positive weights push towards low_quality. Chosen by hand from what the findings
# mean, not fitted: replaced by the trained model once one ships.
_INTERIM_WEIGHTS = {
    "vague_attribution": (0.35, "vague attributions"),
    "hedge": (0.08, "hedges"),
    "filler": (0.45, "filler sentences"),
    "redundancy": (0.30, "sentences that restate earlier ones"),
    "seo_block": (0.40, "SEO blocks (FAQ, key points, question headings)"),
    "anachronism": (1.50, "stale or wrong office titles and event ages"),
    "named_source": (-0.12, "named sources"),
    "quote": (-0.10, "direct quotes"),
}
_INTERIM_BIAS = -0.5


class InterimRule:
    """A hand-weighted logistic rule over finding rates, used only when no trained model is shipped."""

    name = "interim-rule"
    threshold = DEFAULT_THRESHOLD

    def predict(self, article: Article, signals: Mapping[str, SignalResult]) -> Prediction:
        counts: dict[str, int] = {}
        for result in signals.values():
            for finding in result.findings:
                counts[finding.kind] = counts.get(finding.kind, 0) + 1
        logit = _INTERIM_BIAS
        contributions = []
        for kind, (weight, words) in _INTERIM_WEIGHTS.items():
            rate = per_1000_words(counts.get(kind, 0), article.words)
            # Saturate so one very short article cannot run away with the score.
            delta = weight * min(rate, 20.0)
            logit += delta
            if counts.get(kind):
                contributions.append((delta, f"{rate:.1f} {words} per 1,000 words", kind))
        probability = _sigmoid(logit)
        contributions.sort(key=lambda item: abs(item[0]), reverse=True)
        # Effect in score points: how much higher the score would be without this contribution.
        reasons = tuple(
            Reason(feature=f"{kind}_per_1000_words", effect=100.0 * (_sigmoid(logit - delta) - probability), message=message, kind="count")
            for delta, message, kind in contributions[:5]
        )
        return Prediction(probability=probability, reasons=reasons)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
