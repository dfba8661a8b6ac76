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
from importlib import resources
from pathlib import Path
from typing import Mapping, Protocol

from .document import Article, Reason, SignalResult
from .text import per_1000_words

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.5
#: Share of low_quality articles a model's probabilities assume unless it says otherwise.
DEFAULT_PRIOR = 0.5


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


def calibration_prior(model: object) -> float:
    """The share of low_quality articles ``model``'s probabilities assume."""
    return float(getattr(model, "calibration_prior", DEFAULT_PRIOR))


def for_prior(probability, prior: float, model_prior: float = DEFAULT_PRIOR):
    """A probability calibrated for a share ``model_prior`` of low_quality articles, restated for a share ``prior``.

    Bayes' rule on the odds (Saerens, Latinne & Decaestecker 2002): what an article's
    features say is unchanged, only the base rate moves. A newsroom where one article in
    twenty is a rewrite should read a model calibrated for half and half with ``prior=0.05``.
    Works on one probability or an array of them.
    """
    import numpy as np

    from .config import check_prior

    check_prior(prior)
    check_prior(model_prior, "model_prior")
    return shift_log_odds(probability, np.log(prior / (1 - prior)) - np.log(model_prior / (1 - model_prior)))


def shift_log_odds(probability, shift):
    """Probabilities with ``shift`` added to their log-odds: one or an array (then ``shift`` may be one per row)."""
    import numpy as np

    p = np.clip(np.asarray(probability, dtype=float), 1e-12, 1 - 1e-12)
    odds = p / (1 - p) * np.exp(shift)
    shifted = odds / (1 + odds)
    return float(shifted) if shifted.ndim == 0 else shifted


#: Say this instead of a share to have it estimated from the batch's own scores (``--prior auto``).
AUTO_PRIOR = "auto"
#: Fewest scored articles from which a batch's own share of low_quality is estimated. On
#: fewer the estimate swings by more than a tenth either way, and the model's prior is kept.
MIN_BATCH_FOR_PRIOR = 50
#: An estimated share stays inside these bounds. On a batch of reported news the estimate
#: runs to 0, and a prior of 0 would call every article ok whatever its evidence.
ESTIMATED_PRIOR_BOUNDS = (0.01, 0.99)


def estimate_prior(probabilities, model_prior: float = DEFAULT_PRIOR, *, max_iter: int = 1000, tol: float = 1e-6) -> float:
    """The share of low_quality articles in a batch, estimated from its probabilities alone (no labels).

    The EM procedure of Saerens, Latinne & Decaestecker (2002): restate every probability
    for the current estimate, take their mean as the next estimate, until it settles. It
    assumes the batch differs from the training data in its mix only (label shift), not in
    what a rewrite or a reported story looks like. Bounded by :data:`ESTIMATED_PRIOR_BOUNDS`.
    """
    import numpy as np

    p = np.asarray(probabilities, dtype=float)
    if p.size == 0:
        raise ValueError("no probabilities to estimate a share from")
    low, high = ESTIMATED_PRIOR_BOUNDS
    share = float(np.clip(model_prior, low, high))
    for _ in range(max_iter):
        new = float(np.clip(np.mean(for_prior(p, share, model_prior)), low, high))
        if abs(new - share) < tol:
            return new
        share = new
    return share


def batch_prior(probabilities, model_prior: float = DEFAULT_PRIOR) -> float | None:
    """:func:`estimate_prior` for a batch of at least :data:`MIN_BATCH_FOR_PRIOR` articles; None for fewer."""
    return estimate_prior(probabilities, model_prior) if len(probabilities) >= MIN_BATCH_FOR_PRIOR else None


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
            Reason(feature=f"{kind}_per_1000_words", effect=100.0 * (_sigmoid(logit - delta) - probability), message=message)
            for delta, message, kind in contributions[:5]
        )
        return Prediction(probability=probability, reasons=reasons)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def default_model_dir() -> Path | None:
    """The shipped model directory inside the installed package, if a trained model is there."""
    try:
        path = Path(str(resources.files("scorer._bundled_models").joinpath("default")))
    except ModuleNotFoundError:
        # Imported straight from a source checkout (e.g. a worker process started with the
        # checkout on sys.path), where models/ is not mapped to scorer._bundled_models.
        path = Path(__file__).resolve().parent.parent / "models" / "default"
    return path if (path / "model.joblib").is_file() else None


def load_model(path: str | Path | None = None) -> Predictor:
    """The model in directory ``path``, or the shipped default when ``path`` is None."""
    if path is None:
        directory = default_model_dir()
        if directory is None:
            logger.info("no trained model shipped; using the interim rule")
            return InterimRule()
        path = directory
    from .trained import load_trained_model  # imported lazily: scikit-learn is slow to import

    return load_trained_model(Path(path))
