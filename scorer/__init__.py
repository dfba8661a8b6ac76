"""scorer: how much to trust a news article.

The public API::

    import scorer
    result = scorer.score_file("article.html")
    result.score, result.label, result.reasons, result.findings
    scorer.score_html(html_string, date="2026-01-22")
    scorer.score_text(text)
    for result in scorer.score_many(texts_or_paths):  # a batch: same scores, several times faster
        ...
    results, share = scorer.adapt_to_batch(results)  # restated for the batch's own mix

Results are frozen dataclasses; ``result.as_dict()`` is the JSON output contract.
"""
from __future__ import annotations

import logging

from scorer.core.version import __version__  # noqa: E402

from scorer.api import extract_file, load_model, score_file, score_html, score_many, score_text  # noqa: E402
from scorer.core.config import Config, load_config  # noqa: E402
from scorer.core.document import Article, Finding, Reason, Removal, ScoreResult, SignalResult  # noqa: E402
from scorer.core.errors import ExtractionError, InputError, ModelError, ScorerError  # noqa: E402
from scorer.pipeline import adapt_to_batch  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "Config",
    "ExtractionError",
    "Finding",
    "InputError",
    "ModelError",
    "Reason",
    "Removal",
    "ScoreResult",
    "ScorerError",
    "SignalResult",
    "__version__",
    "adapt_to_batch",
    "extract_file",
    "load_config",
    "load_model",
    "score_file",
    "score_html",
    "score_many",
    "score_text",
]
