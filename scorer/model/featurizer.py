"""ArticleFeaturizer: articles → a fixed, named feature vector (a scikit-learn transformer).

Features are every signal family's named values, ``family.feature``
(``attribution.vague_per_1000_words``), plus the stylometric ones of
:mod:`scorer.signals.style` as ``style.feature``. Names are what an editor reads in
the explanations, so no feature is an opaque index.

An item given to ``fit``/``transform`` is one of

* an :class:`~scorer.core.document.Article` (signals are computed here),
* a pair ``(article, signals)`` when the signals are already computed (scoring),
* a mapping ``{"family.feature": value}`` made by :func:`extract_features`
  (training caches these, since computing signals is the slow part).

Undated articles: an article whose date is only a guess (``date_source ==
"today"``) has its date-dependent features (the anachronism family) set to 0,
"no stale fact found", when ``undated="neutral"`` (the default). A date guessed as
today is no evidence: the labelled sets carry no dates, and scoring their old
stories against today would teach the model that old news is suspect. The same
rule applies when scoring, so an undated article is never marked down for facts
stale only relative to a guessed date; its anachronism findings are still shown,
and ``--date`` makes them count.
"""
from __future__ import annotations

import logging
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article
from scorer.core.errors import ModelError
from scorer.model.features import (  # noqa: F401 - declared_feature_names re-exported (tests import it from here)
    STYLE,
    TEXT,
    _version_or_missing,
    coverage_features,
    declared_feature_names,
    extract_features,
)
from scorer.model.folds import cross_fit_folds
from scorer.model.word_lists import (
    VOCABULARY,
    VOCABULARY_FEATURES,
    VOCABULARY_VERSION,
    learn_vocabulary,
    tokens,
    word_list_rates,
)
from scorer.model.wording import FEATURE, FOLDS, WordingModel
from scorer.signals import FAMILIES

logger = logging.getLogger(__name__)


class ArticleFeaturizer(TransformerMixin, BaseEstimator):
    """Turn articles into the named feature matrix the classifier sees.

    Parameters
    ----------
    families : tuple of str or None
        Signal families to use (None: every family in :data:`scorer.signals.FAMILIES`).
    style : bool
        Add the stylometric features of :mod:`scorer.signals.style`.
    undated : {"neutral", "keep"}
        What to do with date-dependent features of articles whose date is a guess (see module doc).
    config : Config or None
        Handed to the signal analyzers when the featurizer computes signals itself.
    vocabulary : int
        When > 0, ``fit`` learns the ``vocabulary`` words most typical of low_quality and of
        ok training articles (:func:`learn_vocabulary`), and two features count them:
        ``vocabulary.rewrite_words_per_100_words`` and ``vocabulary.reported_words_per_100_words``.
        The lists are fitted state (``rewrite_words_``, ``reported_words_``), so a grouped
        cross-validation learns them on the training folds only.
    wording : int
        When > 0, ``fit`` also trains a character n-gram model of the training texts with at
        most ``wording`` n-grams (:class:`scorer.model.wording.WordingModel`), and its log-odds
        become the feature ``vocabulary.machine_wording_score``. ``fit_transform`` gives the
        training rows their out-of-fold scores (kept as ``oof_wording_``, in the order of the
        training rows), so the classifier learns how far to trust it; the word-list rates of
        the training rows are out-of-fold too (``oof_vocabulary_``). ``fit(X, y, groups)``
        holds out whole groups (:mod:`scorer.model.folds`).
    """

    def __init__(
        self,
        families: tuple[str, ...] | None = None,
        style: bool = True,
        undated: str = "neutral",
        config: Config | None = None,
        vocabulary: int = 0,
        wording: int = 0,
    ):
        self.families = families
        self.style = style
        self.undated = undated
        self.config = config
        self.vocabulary = vocabulary
        self.wording = wording

    def _families(self) -> tuple[str, ...]:
        return tuple(FAMILIES if self.families is None else self.families)

    def _rows(self, X: Iterable[Any]) -> list[Mapping[str, float]]:
        if self.undated not in ("neutral", "keep"):
            raise ValueError(f"undated must be 'neutral' or 'keep', not {self.undated!r}")
        config = self.config or DEFAULT_CONFIG
        rows = []
        for item in X:
            if isinstance(item, Article):
                rows.append(extract_features(item, None, config, families=self._families(), style=self.style, undated=self.undated))
            elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Article):
                rows.append(extract_features(item[0], item[1], config, families=self._families(), style=self.style, undated=self.undated))
            elif isinstance(item, Mapping):
                rows.append(item)
            else:
                raise TypeError(f"cannot featurize a {type(item).__name__}: give an Article, (Article, signals) or a feature mapping")
        return rows

    def _prefixes(self) -> set[str]:
        return set(self._families()) | ({STYLE} if self.style else set())

    def _base_names(self, rows: Sequence[Mapping[str, Any]]) -> list[str]:
        if not rows:
            raise ValueError("cannot fit the featurizer on no articles")
        prefixes = self._prefixes()
        coverage = coverage_features(prefixes)
        # Keep only the configured families (a cached mapping may hold more), and no coverage counts.
        return [name for name in rows[0] if name.split(".", 1)[0] in prefixes and name not in coverage]

    def planned_feature_names(self, X: Iterable[Any]) -> list[str]:
        """The names ``fit(X, y)`` will give its features, without fitting (for the classifier's constraints)."""
        return self._names(self._rows(X))

    def _names(self, rows: Sequence[Mapping[str, Any]]) -> list[str]:

        names = self._base_names(rows)
        if self.vocabulary > 0:
            names += [f"{VOCABULARY}.{name}" for name in VOCABULARY_FEATURES]
        if self.wording > 0:
            names.append(f"{VOCABULARY}.{FEATURE}")
        return names

    def fit(self, X: Iterable[Any], y: Any = None, groups: Any = None) -> "ArticleFeaturizer":
        """Learn the word lists and the wording model from labelled rows.

        ``groups`` (a story and its rewrites share one) decide the folds of the learned
        features' out-of-fold training values (:mod:`scorer.model.folds`); without them each row is
        its own group.
        """
        rows = self._rows(X)
        names = self._names(rows)
        prefixes = self._prefixes()
        base = self._base_names(rows)
        missing = [name for row in rows[1:] for name in base if name not in row]
        if missing:
            raise ValueError(f"feature {missing[0]!r} is missing from some articles")
        self.rewrite_words_: list[str] = []
        self.reported_words_: list[str] = []
        self.oof_vocabulary_ = None
        versions = {family: _version_or_missing(family) for family in sorted(prefixes)}
        texts = [str(row.get(TEXT, "")) for row in rows]
        if self.vocabulary > 0:
            if y is None:
                raise ValueError("learning a vocabulary needs the labels: fit(X, y)")
            self.rewrite_words_, self.reported_words_ = learn_vocabulary(texts, y, self.vocabulary)
            self.oof_vocabulary_ = self._out_of_fold_vocabulary(texts, np.asarray(y, dtype=int), groups)
            versions[VOCABULARY] = VOCABULARY_VERSION
        self.wording_ = None
        self.oof_wording_ = None
        if self.wording > 0:
            if y is None:
                raise ValueError("learning the wording model needs the labels: fit(X, y)")

            self.wording_ = WordingModel(max_features=self.wording)
            self.oof_wording_ = self.wording_.fit_scores(texts, y, groups)
            versions[VOCABULARY] = VOCABULARY_VERSION
        self.feature_names_ = np.asarray(names, dtype=object)
        self.feature_versions_ = versions
        self.n_features_in_ = len(names)
        return self

    def _out_of_fold_vocabulary(self, texts: Sequence[str], y: np.ndarray, groups: Any) -> np.ndarray:
        """Each training row's word-list rates, counted with lists learned without its group.

        The lists are the words that best tell the classes apart *in the training rows*: counted
        with them, a training row looks more typical of its class than a new article, and the
        classifier would trust the rates too much. With too few rows to hold any out, the
        rates are counted with the lists learned from every row.
        """

        folds = cross_fit_folds(y, groups, FOLDS, 0)  # the wording model's folds (its seed is 0 too)
        if not folds:
            return np.asarray([word_list_rates(t, self.rewrite_words_, self.reported_words_) for t in texts], dtype=float)
        rates = np.zeros((len(texts), len(VOCABULARY_FEATURES)))
        for train, test in folds:
            rewrite, reported = learn_vocabulary([texts[i] for i in train], y[train], self.vocabulary)
            for i in test:
                rates[i] = word_list_rates(texts[i], rewrite, reported)
        return rates

    def vocabulary_found(self, text: str, feature: str, limit: int = 5) -> list[str]:
        """The learned words of ``feature``'s list that ``text`` uses, most frequent first (for reasons)."""
        check_is_fitted(self, "feature_names_")
        if not feature.endswith("_words_per_100_words"):
            return []  # the wording model's letter sequences do not read as examples
        words = set(self.rewrite_words_ if feature.endswith("rewrite_words_per_100_words") else self.reported_words_)
        counts: dict[str, int] = {}
        for w in tokens(text):
            if w in words:
                counts[w] = counts.get(w, 0) + 1
        return [w for w, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]]

    def fit_transform(self, X: Iterable[Any], y: Any = None, groups: Any = None, **fit_params: Any) -> np.ndarray:
        # The training rows get the learned features' out-of-fold values, not their in-sample ones:
        # in-sample, every training article looks perfectly typical of its class.
        X = list(X)
        self.fit(X, y, groups)
        return self._transform(X, self.oof_wording_, self.oof_vocabulary_)

    def transform(self, X: Iterable[Any]) -> np.ndarray:
        return self._transform(X, None, None)

    def _transform(self, X: Iterable[Any], wording_scores: np.ndarray | None, vocabulary_rates: np.ndarray | None) -> np.ndarray:
        check_is_fitted(self, "feature_names_")
        rows = self._rows(X)
        if getattr(self, "rewrite_words_", None):
            if vocabulary_rates is None:
                vocabulary_rates = [word_list_rates(str(row.get(TEXT, "")), self.rewrite_words_, self.reported_words_) for row in rows]
            names = [f"{VOCABULARY}.{name}" for name in VOCABULARY_FEATURES]
            rows = [{**row, **dict(zip(names, map(float, rates)))} for row, rates in zip(rows, vocabulary_rates)]
        if getattr(self, "wording_", None) is not None:

            if wording_scores is None:
                wording_scores = self.wording_.scores([str(row.get(TEXT, "")) for row in rows])
            rows = [{**row, f"{VOCABULARY}.{FEATURE}": float(v)} for row, v in zip(rows, wording_scores)]
        matrix = np.zeros((len(rows), len(self.feature_names_)), dtype=float)
        for i, row in enumerate(rows):
            try:
                matrix[i] = [row[name] for name in self.feature_names_]
            except KeyError as exc:
                raise ModelError(
                    f"this model needs feature {exc.args[0]!r}, which this version of scorer does not compute; "
                    "retrain the model with `scorer train`"
                ) from None
        return matrix

    def out_of_fold_matrix(self, X: Iterable[Any]) -> np.ndarray:
        """The training rows ``X`` (those ``fit`` saw, in its order) as ``fit_transform`` gave them to the classifier."""
        return self._transform(X, self.oof_wording_, getattr(self, "oof_vocabulary_", None))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "feature_names_")
        return self.feature_names_.copy()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # Items are Articles or mappings, not a numeric array.
        tags.input_tags.two_d_array = False
        tags.input_tags.dict = True
        tags.requires_fit = True
        return tags
