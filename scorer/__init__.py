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

import importlib
from typing import TYPE_CHECKING, Any

from scorer.core.version import __version__

if TYPE_CHECKING:  # what the names below are, for type checkers; at run time they load on first use
    from scorer.api import extract_file, load_model, score_file, score_html, score_many, score_text
    from scorer.core.config import Config, load_config
    from scorer.core.document import Article, Finding, Reason, Removal, ScoreResult, SignalResult
    from scorer.core.errors import ExtractionError, InputError, ModelError, ScorerError
    from scorer.pipeline import adapt_to_batch

#: Where each public name lives. They are imported on first use (PEP 562): importing any part of
#: scorer (``scorer.cli`` for one command, ``scorer.core`` in a worker) runs this file first, and
#: should not load the whole pipeline (numpy, every signal family) unless it is used.
_EXPORTS = {
    **dict.fromkeys(("extract_file", "load_model", "score_file", "score_html", "score_many", "score_text"), "scorer.api"),
    **dict.fromkeys(("Config", "load_config"), "scorer.core.config"),
    **dict.fromkeys(("Article", "Finding", "Reason", "Removal", "ScoreResult", "SignalResult"), "scorer.core.document"),
    **dict.fromkeys(("ExtractionError", "InputError", "ModelError", "ScorerError"), "scorer.core.errors"),
    "adapt_to_batch": "scorer.pipeline",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
