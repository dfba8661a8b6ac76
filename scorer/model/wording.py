"""A character n-gram sub-model: how much an article's wording resembles the machine rewrites seen in training.

Interpretable signals miss much of what gives a rewrite away: the turns of phrase
themselves. A TF-IDF logistic regression on character 3–5-grams (within words)
catches those, and is strong on its own in this field. Here it is one feature
among the others, ``vocabulary.machine_wording_score`` (its log-odds), so the
classifier weighs it against the named signals and the explanations can say when
the wording, rather than a countable signal, drove the score.

Stacking needs honest training values: scored by a model fitted on the same rows,
every training article would look perfectly typical of its class and the
classifier would trust the feature blindly. :meth:`WordingModel.fit_scores`
therefore returns out-of-fold scores for the training rows (cross-fitting), and
the model fitted on all rows scores new articles. The folds hold out whole groups
(a story and its rewrites): a rewrite scored by a model that saw its sibling
rewrites looks more typical than any new article does.
"""
from __future__ import annotations

import copy
from collections import Counter
from typing import Any, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer

from scorer.core.memo import TwoGenerationMemo
from scorer.model.baseline import baseline_pipeline
from scorer.model.folds import cross_fit_folds

#: Feature name (in the vocabulary pseudo-family of scorer.model.featurizer).
FEATURE = "machine_wording_score"
#: Folds of the cross-fitting that gives training rows their out-of-fold scores.
FOLDS = 5
#: Words whose n-gram columns :meth:`WordingModel.counts` keeps between calls: a two-generation memo
#: (:class:`scorer.core.memo.TwoGenerationMemo`), as the portable scorer's (scorer.model.portable.WORD_CACHE).
WORD_CACHE = 20_000


class WordingModel:
    """Character 3–5-gram TF-IDF + logistic regression, with cross-fitted training scores.

    ``max_features`` bounds the vocabulary (and so the size of the saved model);
    ``C`` is the inverse regularisation strength of the logistic regression.
    """

    def __init__(self, max_features: int = 100_000, C: float = 4.0, seed: int = 0):
        self.max_features = max_features
        self.C = C
        self.seed = seed

    def __getstate__(self) -> dict[str, Any]:
        # The n-gram vocabulary is a dict of 100,000 strings, which joblib's unpickler (pure Python)
        # takes about 0.6 s to read; as one numpy array it loads in milliseconds. Saved so, it is
        # rebuilt on load: every process that scores an article starts that much sooner.
        state = dict(self.__dict__)
        state.pop("_word_columns", None)  # a cache, rebuilt as articles are scored
        vectorizer = state.get("vectorizer_")
        if vectorizer is not None and isinstance(getattr(vectorizer, "vocabulary_", None), dict):
            vocabulary = vectorizer.vocabulary_
            terms = np.empty(len(vocabulary), dtype=object)
            for term, column in vocabulary.items():
                terms[column] = term
            vectorizer = copy.copy(vectorizer)
            del vectorizer.vocabulary_
            state["vectorizer_"] = vectorizer
            state["_terms"] = terms.astype(str)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        terms = state.pop("_terms", None)
        self.__dict__.update(state)
        if terms is not None:
            self.vectorizer_.vocabulary_ = {term: column for column, term in enumerate(terms.tolist())}

    def _template(self) -> Any:
        # The same model as the benchmark's baseline (scorer.model.baseline.baseline_pipeline), with a
        # bounded vocabulary so the saved model stays small.

        return baseline_pipeline(self.seed).set_params(
            tfidf__min_df=3, tfidf__max_features=self.max_features, tfidf__dtype=np.float32, classifier__C=self.C
        )

    def _classifier(self) -> Any:
        return clone(self._template().named_steps["classifier"])

    def fit_scores(self, texts: Sequence[str], y: Sequence[int], groups: Sequence[str] | None = None) -> np.ndarray:
        """Fit on all ``texts``; return each one's score from a model that saw neither it nor its group.

        Without ``groups`` each text is its own group. All zeros when a class has fewer than
        :data:`FOLDS` texts (or groups): too few to hold any out.
        """

        y = np.asarray(y, dtype=int)
        # The vocabulary and IDF use no labels, so fitting them once on every training text leaks nothing.
        self.vectorizer_ = clone(self._template().named_steps["tfidf"])
        matrix = self.vectorizer_.fit_transform(texts)
        # Only for introspection, and as large as the corpus: not worth saving with the model.
        self.vectorizer_.stop_words_ = None
        oof = np.zeros(len(y))
        for train, test in cross_fit_folds(y, groups, FOLDS, self.seed):
            oof[test] = self._classifier().fit(matrix[train], y[train]).decision_function(matrix[test])
        self.classifier_ = self._classifier().fit(matrix, y)
        return oof

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Log-odds that each text is worded like the machine rewrites of the training data."""
        if self._counts_by_word():
            matrix = self.vectorizer_._tfidf.transform(self.counts(texts), copy=False)
        else:
            matrix = self.vectorizer_.transform(texts)
        return self.classifier_.decision_function(matrix)

    def _counts_by_word(self) -> bool:
        """Whether :meth:`counts` can stand in for the vectorizer's own counting (the n-grams never cross a word)."""
        v = self.vectorizer_
        return (
            type(v) is TfidfVectorizer and v.analyzer == "char_wb" and v.input == "content" and v.preprocessor is None
            and v.strip_accents is None and v.lowercase and not v.binary and isinstance(getattr(v, "vocabulary_", None), dict)
        )

    def counts(self, texts: Sequence[str]) -> Any:
        """The n-gram count matrix the vectorizer makes of ``texts``, the same numbers made faster.

        ``char_wb`` n-grams stay inside words, so a text's counts are the sum of its words' counts:
        each distinct word is cut into n-grams once (by the vectorizer's own function) and its
        columns are remembered, instead of cutting and looking up every n-gram of every text.
        """
        v = self.vectorizer_
        vocabulary = v.vocabulary_
        cache: TwoGenerationMemo[str, np.ndarray] | None = self.__dict__.get("_word_columns")
        if not isinstance(cache, TwoGenerationMemo):
            cache = self.__dict__["_word_columns"] = TwoGenerationMemo(WORD_CACHE)
        rows_columns: list[np.ndarray] = []
        rows_values: list[np.ndarray] = []
        for text in texts:
            # The vectorizer lowercases, then splits on white space (the same words with or without
            # its normalisation of white-space runs).
            words = Counter(text.lower().split())
            arrays = []
            for word in words:
                columns = cache.get(word)
                if columns is None:
                    columns = np.fromiter((vocabulary[g] for g in v._char_wb_ngrams(word) if g in vocabulary), dtype=np.int64)
                    cache.put(word, columns)
                arrays.append(columns)
            if not arrays:
                rows_columns.append(np.zeros(0, dtype=np.int64))
                rows_values.append(np.zeros(0, dtype=np.int64))
                continue
            columns = np.concatenate(arrays)
            times = np.repeat(np.fromiter(words.values(), dtype=np.int64, count=len(words)), [len(a) for a in arrays])
            unique, where = np.unique(columns, return_inverse=True)  # sorted, as the vectorizer sorts them
            rows_columns.append(unique)
            rows_values.append(np.bincount(where, weights=times, minlength=len(unique)).astype(np.int64))
        indptr = np.concatenate([[0], np.cumsum([len(c) for c in rows_columns])]) if rows_columns else np.zeros(1, dtype=np.int64)
        dtype = np.int64 if indptr[-1] > np.iinfo(np.int32).max else np.int32
        matrix = sp.csr_array(
            (np.concatenate(rows_values).astype(np.intc) if rows_values else np.zeros(0, dtype=np.intc),
             np.concatenate(rows_columns).astype(dtype) if rows_columns else np.zeros(0, dtype=dtype),
             indptr.astype(dtype)),
            shape=(len(indptr) - 1, len(vocabulary)), dtype=v.dtype,
        )
        matrix.sort_indices()
        try:
            from sklearn.utils._sparse import _align_api_if_sparse
        except ImportError:  # pragma: no cover - older scikit-learn: a csr_matrix, as it made
            return sp.csr_matrix(matrix)
        return _align_api_if_sparse(matrix)
