"""The text baseline: a character 3–5-gram TF-IDF logistic regression on the cleaned text.

Strong on the set it is trained on, it is what the interpretable model must beat on sets it
has never seen; the wording sub-model (:mod:`scorer.model.wording`) reuses it as a feature.
"""
from __future__ import annotations

from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline


def baseline_pipeline(seed: int = 0) -> Any:
    """Character 3–5-gram TF-IDF + logistic regression (class-balanced) on the cleaned text."""
    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2, max_features=300_000)),
            ("classifier", LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000, random_state=seed)),
        ]
    )
