"""Per-source content estimates, shrunk toward the population (empirical Bayes).

Everything per article is summed in SQL (GROUP BY source over indexed columns); Python
only loops over sources. For each source:

* the **content estimate**: the mean over its articles of a linear content score ``z``
  (``content_weights.json``: a small ridge model from article signals to a 0–1 quality
  scale, or the model's own ``goodness`` when no weights are given). The source mean is
  shrunk toward the population mean by a normal model: between-source variance ``tau²``
  by the method of moments over the store's sources (or the weights file's value when the
  store has too few), within-source variance pooled with the store's (so ten articles do
  not claim a tiny spread), posterior mean and a central interval.
* each **criterion share** (criteria.py) with a Beta–binomial posterior whose Beta prior
  is fitted to the store's sources by moments.
"""
from __future__ import annotations

import importlib.resources
import json
import logging
import math
from dataclasses import asdict, dataclass
from typing import Any, Sequence

import numpy as np
from scipy import stats

from scorer.sources import criteria
from scorer.sources.store import Store

log = logging.getLogger(__name__)

#: Sources with fewer articles are listed "not rated".
MIN_ARTICLES = 5
#: Prior strength (in articles) of the pooled within-source variance.
_VARIANCE_PRIOR_ARTICLES = 10.0
#: The store needs this many rated sources to fit its own between-source variance.
_MIN_SOURCES_FOR_TAU = 8


@dataclass(frozen=True)
class ContentWeights:
    """A linear content score per article; the per-source mean of it is the estimate."""

    name: str
    intercept: float
    coefficients: dict[str, float]  # store column -> weight
    scale: str = "unit"  # "unit": z is on 0..1 (score = 100 z); "logit": score = 100 sigmoid(z)
    tau2: float | None = None  # between-source variance of z seen when fitting (fallback)
    mu: float | None = None  # population mean of z seen when fitting (fallback)
    fitted_on: str = ""

    def sql(self) -> str:
        allowed = set(_COLUMNS)
        terms = [repr(float(self.intercept))]
        for column, weight in self.coefficients.items():
            if column not in allowed:  # columns come from a file: never splice an unknown name into SQL
                raise ValueError(f"content weights name an unknown column {column!r}")
            terms.append(f"({float(weight)!r} * COALESCE({column}, 0))")
        return " + ".join(terms)

    def to_score(self, z: np.ndarray) -> np.ndarray:
        if self.scale == "logit":
            return 100.0 / (1.0 + np.exp(-z))
        return np.clip(100.0 * z, 0.0, 100.0)


_COLUMNS = ["goodness", "score"] + [criteria.column_of(f) for f in criteria.FEATURES] + ["c_" + c.name for c in criteria.CRITERIA]
BASELINE = ContentWeights(name="goodness", intercept=0.0, coefficients={"goodness": 1.0}, scale="logit",
                          fitted_on="nothing: the model's own log-odds of ok")


def shipped_weights() -> ContentWeights:
    """The packaged weights (``content_weights.json``), or the baseline when absent."""
    try:
        text = importlib.resources.files(__package__).joinpath("content_weights.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return BASELINE
    data = json.loads(text)
    return ContentWeights(**data)


@dataclass(frozen=True)
class EstimateOptions:
    """One estimate job: which model's rows, which weights, how sure, how many articles to rate."""

    model: str | None = None  # default: the latest model in the store
    min_articles: int = MIN_ARTICLES
    level: float = 0.90
    weights: ContentWeights | None = None  # default: shipped_weights()
    prior_k: float = 5.0  # a rater's value weighs like this many articles in the blend
    sources: tuple[str, ...] | None = None  # only these (all when None)


@dataclass(frozen=True)
class Share:
    criterion: str
    good: bool
    count: int
    share: float  # raw share k/n
    estimate: float  # shrunk (posterior mean)
    low: float
    high: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Rating:
    rater: str
    value: float  # 0..1 as imported
    label: str | None
    as_of: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Blend:
    value: float  # 0..100
    prior_weight: float  # k / (k + n): the raters' share of the blend
    raters: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "prior_weight": self.prior_weight, "raters": list(self.raters)}


@dataclass(frozen=True)
class SourceEstimate:
    source: str
    model: str | None
    articles: int
    syndicated: int  # copies of texts another source published first (not counted in the estimate)
    first_date: str | None
    last_date: str | None
    rated: bool
    score: float | None  # 0..100 content estimate (None when not rated)
    low: float | None
    high: float | None
    raw_mean: float | None  # unshrunk mean content score
    mean_article_score: float | None
    criteria: tuple[Share, ...] = ()
    ratings: tuple[Rating, ...] = ()
    blend: Blend | None = None
    disagreements: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k not in ("criteria", "ratings", "blend")}
        data["criteria"] = {c.criterion: c.as_dict() for c in self.criteria}
        data["ratings"] = {r.rater: r.as_dict() for r in self.ratings}
        data["blend"] = self.blend.as_dict() if self.blend else None
        data["disagreements"] = list(self.disagreements)
        return data


@dataclass(frozen=True)
class Estimates:
    model: str | None
    weights: str
    level: float
    min_articles: int
    population_mean: float | None  # 0..100
    tau: float | None  # between-source sd, in content-score units (0..100 for unit scale)
    sources: tuple[SourceEstimate, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"model": self.model, "weights": self.weights, "level": self.level, "min_articles": self.min_articles,
                "population_mean": self.population_mean, "tau": self.tau,
                "sources": [s.as_dict() for s in self.sources]}


def _aggregate_sql(weights: ContentWeights) -> str:
    """One pass over a model's rows, grouped by source (the (model, source) index orders it): no Python loop over rows."""
    z = weights.sql()
    crit = ", ".join(f"SUM(c_{c.name})" for c in criteria.CRITERIA)
    return (f"SELECT source, COUNT(*), MIN(date), MAX(date), AVG({z}), AVG(({z}) * ({z})), AVG(score), {crit} "
            "FROM articles WHERE model = ? GROUP BY source")


def _aggregates(store: Store, model: str, weights: ContentWeights) -> dict[str, np.ndarray | list]:
    rows = store.conn.execute(_aggregate_sql(weights), (model,)).fetchall()
    if not rows:
        return {"source": []}
    cols = list(zip(*rows))
    return {"source": list(cols[0]), "n": np.array(cols[1], float), "first": list(cols[2]), "last": list(cols[3]),
            "mean": np.array(cols[4], float), "mean2": np.array(cols[5], float), "article_score": np.array(cols[6], float),
            "k": np.array(cols[7:], float).T.reshape(len(rows), len(criteria.CRITERIA))}


def shrink_means(mean: np.ndarray, mean2: np.ndarray, n: np.ndarray, eligible: np.ndarray,
                 tau2_fallback: float | None, mu_fallback: float | None = None) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Posterior mean and variance of each source's true mean (normal–normal, moments fit).

    Returns ``(post_mean, post_var, mu, tau2)``. ``eligible`` marks the sources the
    population is fitted on (enough articles). With fewer than a handful of them the
    population comes from the weights file (``*_fallback``) or, lacking that, nothing is
    shrunk: a store of one source must not shrink that source toward itself.
    """
    var = np.where(n > 1, (mean2 - mean**2) * n / np.maximum(n - 1, 1), np.nan)
    var = np.maximum(var, 0.0)
    many = n > 1
    pooled = float(np.sum((n[many] - 1) * var[many]) / max(np.sum(n[many] - 1), 1)) if many.any() else 1.0
    within = np.where(many, (_VARIANCE_PRIOR_ARTICLES * pooled + (n - 1) * np.nan_to_num(var)) / (_VARIANCE_PRIOR_ARTICLES + n - 1),
                      pooled)
    v = within / n
    if eligible.sum() >= _MIN_SOURCES_FOR_TAU:
        m, ve = mean[eligible], v[eligible]
        tau2 = max(float(np.var(m, ddof=1) - np.mean(ve)), 1e-8)
        for _ in range(20):  # fixed-point steps: precision-weighted mean, then tau² again
            w = 1.0 / (tau2 + ve)
            mu = float(np.sum(w * m) / np.sum(w))
            tau2 = max(float(np.sum(w * ((m - mu) ** 2 - ve)) / np.sum(w)), 1e-8)
    elif tau2_fallback is not None and mu_fallback is not None:
        mu, tau2 = mu_fallback, tau2_fallback
    else:
        mu, tau2 = float(np.mean(mean)), float("inf")
    if math.isinf(tau2):
        return mean.copy(), v, mu, tau2
    b = tau2 / (tau2 + v)
    return mu + b * (mean - mu), b * v, mu, tau2


def shrink_shares(k: np.ndarray, n: np.ndarray, eligible: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Beta–binomial posterior (mean, low, high) of each source's share; Beta prior fitted by moments."""
    ke, ne = k[eligible], n[eligible]
    if len(ke) >= 3:
        p = min(max(float(ke.sum() / ne.sum()), 0.01), 0.99)
        observed = float(np.var(ke / ne, ddof=1))
        binomial = float(np.mean(p * (1 - p) / ne))
        rho = min(max((observed - binomial) / (p * (1 - p)), 1e-3), 0.5)  # intra-source correlation
        strength = 1.0 / rho - 1.0
        a, b = p * strength, (1 - p) * strength
    else:
        a = b = 0.5  # too few sources to learn a population from: Jeffreys' prior, not the source's own share
    tail = (1 - level) / 2
    post_a, post_b = a + k, b + n - k
    return post_a / (post_a + post_b), stats.beta.ppf(tail, post_a, post_b), stats.beta.ppf(1 - tail, post_a, post_b)


def _syndicated_sql() -> str:
    """Copies a source holds of texts another source owns. Only texts seen under more than one source
    can be such copies: finding those first (one pass over the copies index) spares an index lookup
    per stored article (5x less CPU on a million rows, benchmarks/sources_scale.py)."""
    return ("WITH shared AS (SELECT content_hash FROM copies GROUP BY content_hash HAVING COUNT(*) > 1) "
            "SELECT c.source, COUNT(*) FROM shared s JOIN copies c ON c.content_hash = s.content_hash "
            "JOIN articles a ON a.content_hash = s.content_hash AND a.model = ? "
            "WHERE c.source != a.source GROUP BY c.source")


def _syndicated(store: Store, model: str) -> dict[str, int]:
    rows = store.conn.execute(_syndicated_sql(), (model,)).fetchall()
    return {r[0]: r[1] for r in rows}


def _ratings(store: Store) -> dict[str, list[Rating]]:
    out: dict[str, list[Rating]] = {}
    for row in store.conn.execute("SELECT rater, source, value, label, as_of FROM ratings ORDER BY rater"):
        out.setdefault(row[1], []).append(Rating(rater=row[0], value=row[2], label=row[3], as_of=row[4]))
    return out


def blend(content: float | None, n: int, ratings: Sequence[Rating], k: float) -> Blend | None:
    """Raters' mean value (as 0–100) weighted ``k/(k+n)``, content ``n/(k+n)``: raters fade as articles accumulate."""
    if not ratings:
        return None
    prior = 100.0 * float(np.mean([r.value for r in ratings]))
    weight = 1.0 if content is None or n == 0 else k / (k + n)
    return Blend(value=round(weight * prior + (1 - weight) * (content if content is not None else prior), 1),
                 prior_weight=round(weight, 4), raters=tuple(r.rater for r in ratings))


def estimate_sources(store: Store, options: EstimateOptions = EstimateOptions()) -> Estimates:
    """Every source's estimate (sources with ratings but no articles included, unrated)."""
    weights = options.weights or shipped_weights()
    model = options.model or store.latest_model()
    agg = _aggregates(store, model, weights) if model else {"source": []}
    ratings = _ratings(store)
    wanted = set(options.sources) if options.sources else None
    estimates: list[SourceEstimate] = []
    mu_score = tau_score = None
    if agg["source"]:
        n = agg["n"]
        eligible = n >= options.min_articles
        post, post_var, mu, tau2 = shrink_means(agg["mean"], agg["mean2"], n, eligible, weights.tau2, weights.mu)
        zq = stats.norm.ppf(0.5 + options.level / 2)
        lo_z, hi_z = post - zq * np.sqrt(post_var), post + zq * np.sqrt(post_var)
        score, low, high, raw = (weights.to_score(x) for x in (post, lo_z, hi_z, agg["mean"]))
        mu_score = round(float(weights.to_score(np.array([mu]))[0]), 1)
        tau_score = (round(math.sqrt(tau2) * (100 if weights.scale == "unit" else 25), 2)  # logit: sigmoid's slope at 0.5 is 1/4
                     if math.isfinite(tau2) else None)
        shares = [shrink_shares(agg["k"][:, j], n, eligible, options.level) for j in range(len(criteria.CRITERIA))]
        syndicated = _syndicated(store, model)
        for i, source in enumerate(agg["source"]):
            if wanted is not None and source not in wanted:
                continue
            rated = bool(eligible[i])
            crit = tuple(Share(criterion=c.name, good=c.good, count=int(agg["k"][i, j]), share=round(agg["k"][i, j] / n[i], 4),
                               estimate=round(float(shares[j][0][i]), 4), low=round(float(shares[j][1][i]), 4),
                               high=round(float(shares[j][2][i]), 4)) for j, c in enumerate(criteria.CRITERIA))
            rats = tuple(ratings.get(source, ()))
            s, lo, hi = (round(float(x[i]), 1) for x in (score, low, high))
            # Only a content score put on the raters' 0-1 scale (weights fitted to one: scale "unit") can
            # disagree with a rater; the model's own log-odds scale is not theirs.
            disagree = tuple(f"{r.rater} {100 * r.value:.0f} outside content interval {lo:.0f}–{hi:.0f}"
                             for r in rats if rated and weights.scale == "unit" and not lo <= 100 * r.value <= hi)
            estimates.append(SourceEstimate(
                source=source, model=model, articles=int(n[i]), syndicated=syndicated.get(source, 0),
                first_date=agg["first"][i], last_date=agg["last"][i], rated=rated,
                score=s if rated else None, low=lo if rated else None, high=hi if rated else None,
                raw_mean=round(float(raw[i]), 1), mean_article_score=round(float(agg["article_score"][i]), 1),
                criteria=crit, ratings=rats, blend=blend(s, int(n[i]), rats, options.prior_k), disagreements=disagree))
    seen = {e.source for e in estimates}
    for source, rats in ratings.items():  # rated by someone, no articles yet: the blend is the raters' value
        if source not in seen and (wanted is None or source in wanted):
            estimates.append(SourceEstimate(source=source, model=model, articles=0, syndicated=0, first_date=None,
                                            last_date=None, rated=False, score=None, low=None, high=None, raw_mean=None,
                                            mean_article_score=None, ratings=tuple(rats),
                                            blend=blend(None, 0, rats, options.prior_k)))
    return Estimates(model=model, weights=weights.name, level=options.level, min_articles=options.min_articles,
                     population_mean=mu_score, tau=tau_score, sources=tuple(estimates))
