"""A fitted model as plain arrays: scoring without scikit-learn and without unpickling.

Starting `scorer score one.txt` used to spend most of its time importing scikit-learn and scipy
and unpickling ``model.joblib``. What the fitted pipeline computes on a new article is small
arithmetic on a few arrays: word-list rates, a character n-gram TF-IDF and a logistic
regression (the wording sub-model), signed log1p, standard scaling, a logistic regression and
300 depth-3 trees averaged (the ensemble), then a one-feature logistic calibration.
`scorer.model.portable_export` takes those arrays out of the fitted pipeline and
saves them as ``model.npz`` beside ``model.joblib`` (numpy's format, read with
``allow_pickle=False``: loading it runs no code), and :class:`PortablePipeline` computes the
same numbers with numpy alone, in the same order of operations, so the probabilities agree
with scikit-learn's to rounding (tests/test_portable_model.py).

The exported file names the sha256 of the ``model.joblib`` it was made from; a loader uses
it only when that digest matches, so a retrained model whose arrays were not exported again
is read from ``model.joblib`` as before. scikit-learn stays the reference: training,
evaluation and any model this module cannot express (isotonic calibration, categorical
trees, other classifiers) use the pickled pipeline.

The pieces offer what :class:`scorer.model.trained.TrainedModel` asks of a pipeline:
``named_steps["features"]`` (``transform`` of feature mappings, ``vocabulary_found``,
``get_feature_names_out``), slicing (``pipeline[1:]``), ``transform``, ``decision_scores``,
``calibrate`` and ``predict_proba``.
"""
from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from scorer.core.memo import TwoGenerationMemo
from scorer.model.features import TEXT
from scorer.model.word_lists import VOCABULARY, VOCABULARY_FEATURES, tokens, word_list_rates

#: The exported file, beside model.joblib.
PORTABLE_FILE = "model.npz"
#: Bumped when the arrays or their meaning change; a file of another format is not used.
PORTABLE_FORMAT = 1
#: Words whose n-gram columns the wording scorer keeps between texts, about 200 bytes each: a two-generation
#: memo (:class:`scorer.core.memo.TwoGenerationMemo`), so the words in use survive when it starts again.
#: A plain dict emptied when full at 50,000 words held about 12 MB in a long batch, and at 20,000 scored 6%
#: slower (each emptying made every word of the next texts a miss).
WORD_CACHE = 20_000
#: The wording sub-model's feature (scorer.model.wording.FEATURE).
WORDING_FEATURE = f"{VOCABULARY}.machine_wording_score"


class NotExportable(ValueError):
    """The fitted pipeline uses something this module cannot compute; keep using model.joblib."""


def _exp(v: float) -> float:
    try:
        return math.exp(v)
    except OverflowError:
        return math.inf


def _expit(x: Any) -> np.ndarray:
    """scipy.special.expit: 1 / (1 + exp(-x)) with the C library's exp.

    Not numpy's exp: on processors with AVX-512 numpy has its own, which differs from the C
    library's in the last bit for about 2% of values; the C library's (Python's math.exp) gives
    scikit-learn's probabilities exactly. Scoring calls this on a few dozen values.
    """
    x = np.asarray(x, dtype=np.float64)
    flat = x.ravel().tolist()
    e = np.fromiter((_exp(-v) for v in flat), dtype=np.float64, count=len(flat)).reshape(x.shape)
    return 1.0 / (1.0 + e)


def signed_log1p(X: Any) -> np.ndarray:
    """The ``compress`` step (:func:`scorer.model.classifier.signed_log1p`), operation for operation."""
    X = np.asarray(X, dtype=float)
    return np.sign(X) * np.log1p(np.abs(X))


# ----------------------------------------------------------------------------------------------
# Prediction with numpy alone


class Steps:
    """A chain of steps, indexed and sliced like a scikit-learn Pipeline."""

    def __init__(self, steps: Sequence[tuple[str, Any]]):
        self.steps = list(steps)
        self.named_steps = dict(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return Steps(self.steps[index])
        return self.steps[index][1]

    def transform(self, X: Any) -> Any:
        for _, step in self.steps:
            X = step.transform(X)
        return X

    def predict_proba(self, X: Any) -> np.ndarray:
        return self.steps[-1][1].predict_proba(self[:-1].transform(X))


class PortablePipeline(Steps):
    """The exported model: features → signed log1p → scaling → calibrated classifier."""


class _Function:
    def __init__(self, func):
        self.func = func

    def transform(self, X: Any) -> np.ndarray:
        return self.func(X)


class _Scaler:
    def __init__(self, mean: np.ndarray, scale: np.ndarray):
        self.mean, self.scale = mean, scale

    def transform(self, X: Any) -> np.ndarray:
        X = np.array(X, dtype=np.float64)  # a copy, as StandardScaler(copy=True) makes
        X -= self.mean
        X /= self.scale
        return X


class WordingScorer:
    """The wording sub-model: character 3–5-grams within words, sublinear TF-IDF, l2, logistic regression.

    Counts as :meth:`scorer.model.wording.WordingModel.counts` does (each distinct word cut into
    n-grams once), then the TF-IDF and the decision function in float32 with the same order of
    operations as scikit-learn and scipy's sparse product.
    """

    def __init__(self, terms: np.ndarray, ngram_range: tuple[int, int], idf: np.ndarray, coef: np.ndarray, intercept: np.ndarray):
        # The n-grams sorted, with their columns: looked up with one binary search per text
        # instead of building a dict of 100,000 strings at every start.
        order = np.argsort(terms, kind="stable")
        self.sorted_terms, self.sorted_columns = terms[order], order.astype(np.int64)
        self._column_type = np.int32 if len(terms) <= np.iinfo(np.int32).max else np.int64
        self.min_n, self.max_n = ngram_range
        self.idf, self.coef, self.intercept = idf, coef, intercept
        # Each word's columns as the bytes of an int32 array (int64 past 2**31 terms): about 200 bytes a word where an ndarray
        # object of its own took about 350.
        self._word_columns: TwoGenerationMemo[str, bytes] = TwoGenerationMemo(WORD_CACHE)

    def _ngrams(self, word: str) -> list[str]:
        # scikit-learn's char_wb n-grams of one word (no white space inside): padded with a
        # space each side; a word shorter than n gives one n-gram, the whole padded word.
        w = f" {word} "
        grams = []
        for n in range(self.min_n, self.max_n + 1):
            offset = 0
            grams.append(w[offset:offset + n])
            while offset + n < len(w):
                offset += 1
                grams.append(w[offset:offset + n])
            if offset == 0:
                break
        return grams

    def _lookup(self, words: list[str]) -> list[bytes]:
        """Each word's columns: its n-grams in the vocabulary, in n-gram order, repeats kept."""
        grams = [self._ngrams(word) for word in words]
        flat = [g for gs in grams for g in gs]
        if not flat:
            return [b"" for _ in words]
        found = np.searchsorted(self.sorted_terms, flat)
        at = np.minimum(found, len(self.sorted_terms) - 1)
        # numpy strings drop trailing NULs: an n-gram holding one matches no term (none holds one).
        hit = (found < len(self.sorted_terms)) & (self.sorted_terms[at] == np.asarray(flat))
        if any("\0" in word for word in words):
            hit &= np.fromiter(("\0" not in g for g in flat), dtype=bool, count=len(flat))
        columns = np.where(hit, self.sorted_columns[at], -1).astype(self._column_type)
        out, start = [], 0
        for gs in grams:
            mine = columns[start:start + len(gs)]
            out.append(mine[mine >= 0].tobytes())
            start += len(gs)
        return out

    def _row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """One text's sorted columns and their TF-IDF values (float32, l2-normalised)."""
        words = Counter(text.lower().split())
        memo = self._word_columns
        arrays: list[bytes | None] = list(map(memo.young.get, words))  # most words: one C-level pass
        if None in arrays:
            missing: list[tuple[int, str]] = []
            for i, word in enumerate(words):
                if arrays[i] is None:
                    arrays[i] = memo.get(word)  # the old generation
                    if arrays[i] is None:
                        missing.append((i, word))
            # Taken from what _lookup returns, not read back: a text with more new words than a generation
            # holds turns the memo over while they are put.
            for (i, word), found in zip(missing, self._lookup([word for _, word in missing])):
                arrays[i] = found
                memo.put(word, found)
        if not arrays:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        columns = np.frombuffer(b"".join(arrays), dtype=self._column_type)
        size = columns.itemsize
        times = np.repeat(np.fromiter(words.values(), dtype=np.int64, count=len(words)), [len(a) // size for a in arrays])
        unique, where = np.unique(columns, return_inverse=True)
        counts = np.bincount(where, weights=times, minlength=len(unique)).astype(np.int64)
        data = counts.astype(np.intc).astype(np.float32)
        # TfidfTransformer: sublinear tf, idf, then each row divided by its l2 norm; the norm is
        # summed in double, in column order, as scikit-learn's row normalisation does.
        np.log(data, data)
        data += 1.0
        data *= self.idf[unique]
        squares = (data * data).astype(np.float64)
        norm = float(np.cumsum(squares)[-1]) if len(squares) else 0.0
        if norm != 0.0:
            # Each value divided in double, then stored as float32 (C's float /= double).
            data = (data.astype(np.float64) / np.sqrt(norm)).astype(np.float32)
        return unique, data

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Log-odds that each text is worded like the machine rewrites (float32 sums, in column order, as scipy's)."""
        out = np.empty(len(texts), dtype=np.float32)
        for i, text in enumerate(texts):
            columns, data = self._row(text)
            products = data * self.coef[columns]
            out[i] = (np.cumsum(products, dtype=np.float32)[-1] if len(products) else np.float32(0.0)) + self.intercept[0]
        return out


class PortableFeaturizer:
    """Feature mappings (made by :func:`scorer.model.features.extract_features`) → the model's matrix."""

    def __init__(self, names: np.ndarray, rewrite_words: list[str], reported_words: list[str], wording: WordingScorer | None):
        self.feature_names_ = names
        self.rewrite_words_ = rewrite_words
        self.reported_words_ = reported_words
        self.wording_ = wording

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return self.feature_names_.copy()

    def transform(self, rows: Sequence[Mapping[str, Any]]) -> np.ndarray:
        rows = list(rows)
        for row in rows:
            if not isinstance(row, Mapping):
                raise TypeError(f"the exported model featurizes feature mappings, not a {type(row).__name__}")
        if self.rewrite_words_:
            names = [f"{VOCABULARY}.{name}" for name in VOCABULARY_FEATURES]
            rates = [word_list_rates(str(row.get(TEXT, "")), self.rewrite_words_, self.reported_words_) for row in rows]
            rows = [{**row, **dict(zip(names, map(float, r)))} for row, r in zip(rows, rates)]
        if self.wording_ is not None:
            scores = self.wording_.scores([str(row.get(TEXT, "")) for row in rows])
            rows = [{**row, WORDING_FEATURE: float(v)} for row, v in zip(rows, scores)]
        matrix = np.zeros((len(rows), len(self.feature_names_)), dtype=float)
        for i, row in enumerate(rows):
            matrix[i] = [row[name] for name in self.feature_names_]
        return matrix

    def vocabulary_found(self, text: str, feature: str, limit: int = 5) -> list[str]:
        """As :meth:`scorer.model.featurizer.ArticleFeaturizer.vocabulary_found`: the learned words ``text`` uses."""
        if not feature.endswith("_words_per_100_words"):
            return []
        words = set(self.rewrite_words_ if feature.endswith("rewrite_words_per_100_words") else self.reported_words_)
        counts = Counter(w for w in tokens(text) if w in words)
        return [w for w, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]]


class _Logistic:
    """A (directed) logistic regression: ``X @ coef + intercept``."""

    def __init__(self, coef: np.ndarray, intercept: np.ndarray, directed: bool):
        self.coef, self.intercept, self.directed = coef, intercept, directed

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        if self.directed:  # DirectedLogisticRegression.decision_function
            return np.asarray(X, dtype=float) @ self.coef[0] + self.intercept[0]
        return (X @ self.coef.T + self.intercept).reshape(-1)  # LogisticRegression.decision_function

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        if self.directed:
            p = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        else:
            p = _expit(self.decision_function(X))
        return np.column_stack([1.0 - p, p]) if self.directed else np.stack([1 - p, p], axis=1)


class _Trees:
    """Gradient-boosted binary trees on raw feature values (HistGradientBoostingClassifier.predict)."""

    def __init__(self, baseline: float, starts: np.ndarray, feature: np.ndarray, threshold: np.ndarray, left: np.ndarray,
                 right: np.ndarray, is_leaf: np.ndarray, missing_left: np.ndarray, value: np.ndarray):
        self.baseline = baseline
        self.starts = starts
        self.feature, self.threshold, self.left, self.right = feature, threshold, left, right
        self.is_leaf, self.missing_left, self.value = is_leaf.astype(bool), missing_left.astype(bool), value

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        rows = np.arange(len(X))
        raw = np.zeros(len(X), dtype=np.float64)
        raw += self.baseline
        for start in self.starts[:-1]:
            node = np.full(len(X), start, dtype=np.int64)
            leaf = self.is_leaf[node]
            while not leaf.all():
                x = X[rows, self.feature[node]]
                go_left = np.where(np.isnan(x), self.missing_left[node], x <= self.threshold[node])
                node = np.where(leaf, node, start + np.where(go_left, self.left[node], self.right[node]))
                leaf = self.is_leaf[node]
            raw += self.value[node]
        return raw

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        p = _expit(self.decision_function(X))
        proba = np.empty((len(p), 2), dtype=p.dtype)
        proba[:, 1] = p
        proba[:, 0] = 1 - p
        return proba


class _SoftVote:
    def __init__(self, members: list[Any], weights: np.ndarray | None):
        self.members, self.weights = members, weights

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return np.average(np.asarray([m.predict_proba(X) for m in self.members]), axis=0, weights=self.weights)


class PortableCalibrated:
    """GroupCalibratedClassifier with a sigmoid calibration: decision scores, then a one-feature logistic map."""

    def __init__(self, estimator: Any, calibration_coef: np.ndarray, calibration_intercept: np.ndarray):
        self.estimator = estimator
        self.calibration_coef, self.calibration_intercept = calibration_coef, calibration_intercept

    def decision_scores(self, X: Any) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        if hasattr(self.estimator, "decision_function"):
            return np.asarray(self.estimator.decision_function(X), dtype=float)
        p = np.clip(self.estimator.predict_proba(X)[:, 1], 1e-6, 1 - 1e-6)
        return np.log(p / (1 - p))

    def calibrate(self, scores: np.ndarray) -> np.ndarray:
        scores = np.asarray(scores, dtype=float).reshape(-1, 1)
        p = _expit((scores @ self.calibration_coef.T + self.calibration_intercept).reshape(-1))
        return np.clip(p, 0.0, 1.0)

    def predict_proba(self, X: Any) -> np.ndarray:
        p = self.calibrate(self.decision_scores(X))
        return np.column_stack([1 - p, p])


# ----------------------------------------------------------------------------------------------
# The file (written by scorer.model.portable_export, which needs the fitted scikit-learn objects)


def from_arrays(arrays: Mapping[str, np.ndarray]) -> PortablePipeline:
    """The :class:`PortablePipeline` of the arrays :func:`scorer.model.portable_export.export_arrays` wrote."""
    if int(arrays["format"]) != PORTABLE_FORMAT:
        raise NotExportable(f"exported model format {int(arrays['format'])}, this scorer reads {PORTABLE_FORMAT}")
    wording = None
    if "wording_terms" in arrays:
        low, high = (int(n) for n in arrays["wording_ngram_range"])
        wording = WordingScorer(arrays["wording_terms"], (low, high), arrays["wording_idf"], arrays["wording_coef"], arrays["wording_intercept"])
    featurizer = PortableFeaturizer(np.asarray(arrays["feature_names"].tolist(), dtype=object), arrays["rewrite_words"].tolist(),
                                    arrays["reported_words"].tolist(), wording)
    members: list[Any] = []
    for i in range(int(arrays["members"])):
        kind = str(arrays[f"m{i}_kind"])
        if kind == "trees":
            members.append(_Trees(float(arrays[f"m{i}_baseline"][0]), *(arrays[f"m{i}_{key}"] for key in
                                  ("starts", "feature", "threshold", "left", "right", "is_leaf", "missing_left", "value"))))
        else:
            members.append(_Logistic(arrays[f"m{i}_coef"], arrays[f"m{i}_intercept"], directed=kind == "directed"))
    estimator = _SoftVote(members, arrays.get("voting_weights")) if "voting" in arrays else members[0]
    return PortablePipeline([
        ("features", featurizer),
        ("compress", _Function(signed_log1p)),
        ("scale", _Scaler(arrays["scale_mean"], arrays["scale_scale"])),
        ("classifier", PortableCalibrated(estimator, arrays["calibration_coef"], arrays["calibration_intercept"])),
    ])


def read_portable(directory: str | Path, source_sha256: str) -> PortablePipeline | None:
    """The exported model in ``directory``, or None when there is none, it is unreadable, or it was
    made from another model.joblib than the one whose sha256 is ``source_sha256``."""
    path = Path(directory) / PORTABLE_FILE
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
        if str(arrays.get("source_sha256")) != source_sha256:
            return None
        return from_arrays(arrays)
    except Exception:  # noqa: BLE001 - a damaged file (bad zip, truncated array, wrong keys): use model.joblib
        return None

