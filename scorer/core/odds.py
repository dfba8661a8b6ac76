"""Odds arithmetic: restating a calibrated probability for another share of low_quality articles.

Bayes' rule on the odds (Saerens, Latinne & Decaestecker 2002). Used by the model (its
prior, the evidence rules), by the pipeline (``--prior``, ``--prior auto``) and by evaluation.
"""
from __future__ import annotations

import numpy as np

from scorer.core.config import check_prior

#: Share of low_quality articles a model's probabilities assume unless it says otherwise.
DEFAULT_PRIOR = 0.5


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
    check_prior(prior)
    check_prior(model_prior, "model_prior")
    return shift_log_odds(probability, np.log(prior / (1 - prior)) - np.log(model_prior / (1 - model_prior)))


def shift_log_odds(probability, shift):
    """Probabilities with ``shift`` added to their log-odds: one or an array (then ``shift`` may be one per row)."""
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
