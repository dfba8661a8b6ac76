"""Learned word lists: the words most typical of machine rewrites and of reported news in labelled texts.

The lists are fitted state of :class:`~scorer.model.featurizer.ArticleFeaturizer` (``vocabulary > 0``);
two features count them, under the ``vocabulary`` pseudo-family (learned by the model, not a signal family).
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np

#: The learned-vocabulary pseudo-family (see ArticleFeaturizer.vocabulary).
VOCABULARY = "vocabulary"
VOCABULARY_VERSION = "1"
VOCABULARY_FEATURES = ("rewrite_words_per_100_words", "reported_words_per_100_words")
_TOKEN = re.compile(r"[a-z][a-z']+")
#: A word must occur in this many training articles to enter a learned word list.
VOCABULARY_MIN_DOCS = 20


#: Plain-words descriptions of the learned-vocabulary features (used by the explanations).
DESCRIPTIONS = {
    "machine_wording_score": "wording like the machine rewrites in the training data: {value:+.1f} on a letter-sequence model (higher is more like them)",
    "rewrite_words_per_100_words": "{value:.1f} words per 100 from the wording typical of machine rewrites in the training data",
    "reported_words_per_100_words": "{value:.1f} words per 100 from the wording typical of reported news in the training data",
}


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'"))


def learn_vocabulary(texts: Sequence[str], y: Sequence[int], size: int) -> tuple[list[str], list[str]]:
    """The ``size`` words most typical of low_quality articles, and of ok ones, in labelled texts.

    Words are ranked by the log ratio of the share of low_quality vs ok articles that use
    them (each class weighted equally, add-one smoothed), among words used by at least
    VOCABULARY_MIN_DOCS articles. When each rewrite is paired with its original story, as
    in the labelled sets, topic words cancel out and what remains is wording.
    """
    y = np.asarray(y)
    doc_words = [set(tokens(t)) for t in texts]
    counts = {0: {}, 1: {}}
    for words, label in zip(doc_words, y):
        bucket = counts[int(label)]
        for w in words:
            bucket[w] = bucket.get(w, 0) + 1
    n1, n0 = max(int((y == 1).sum()), 1), max(int((y == 0).sum()), 1)
    scored = []
    for w in set(counts[0]) | set(counts[1]):
        c1, c0 = counts[1].get(w, 0), counts[0].get(w, 0)
        if c1 + c0 < VOCABULARY_MIN_DOCS:
            continue
        scored.append((float(np.log((c1 + 1) / (n1 + 2)) - np.log((c0 + 1) / (n0 + 2))), w))
    scored.sort()
    reported = [w for _, w in scored[:size]]
    rewrite = [w for _, w in scored[::-1][:size]]
    return sorted(rewrite), sorted(reported)


def word_list_rates(text: str, rewrite_words: Sequence[str], reported_words: Sequence[str]) -> tuple[float, float]:
    """Words per 100 from each learned list, in the order of :data:`VOCABULARY_FEATURES`."""
    words = tokens(text)
    n = max(len(words), 1)
    rewrite, reported = set(rewrite_words), set(reported_words)
    return 100.0 * sum(w in rewrite for w in words) / n, 100.0 * sum(w in reported for w in words) / n
