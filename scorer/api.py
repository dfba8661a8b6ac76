"""The Python API newsroom plugins call: strings or files in, :class:`ScoreResult` out.

Unlike ``pipeline.score_path`` (which the CLI uses to carry on past bad files),
these raise :class:`ScorerError` on bad input, as a library should.
"""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

from scorer.model import loading as _model
from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, ScoreResult
from scorer.pipeline import article_from_bytes, article_from_text, read_input, score_article


@functools.lru_cache(maxsize=8)
def load_model(path: str | None = None, trust: bool = False) -> _model.Predictor:
    """The model in directory ``path``, or the shipped one (checked by its digest). Cached.

    A model is a pickle and loading it runs its code: a directory you name loads only with
    ``trust=True`` (``Config(trust_model=True)`` for the score functions); otherwise ModelError.
    """
    return _model.load_model(path, trust=trust)


def _config(config: Config | None, date: str | dt.date | None, **options: Any) -> Config:
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return (config or DEFAULT_CONFIG).with_options(date=date, **options)


def score_text(text: str, *, date: str | dt.date | None = None, url: str | None = None, config: Config | None = None, input: str = "-") -> ScoreResult:
    """Score plain text (or HTML: the content decides)."""
    cfg = _config(config, date, url=url)
    return score_article(article_from_text(text, input=input, config=cfg), cfg, load_model(cfg.model, cfg.trust_model))


def score_html(html: str, *, date: str | dt.date | None = None, url: str | None = None, config: Config | None = None, input: str = "-") -> ScoreResult:
    """Score an HTML page."""
    cfg = _config(config, date, url=url)
    return score_article(article_from_text(html, input=input, config=cfg, is_html=True), cfg, load_model(cfg.model, cfg.trust_model))


def score_file(path: str | Path, *, date: str | dt.date | None = None, url: str | None = None, config: Config | None = None) -> ScoreResult:
    """Score a file (HTML or text, any common encoding)."""
    cfg = _config(config, date, url=url)
    article = article_from_bytes(read_input(str(path), cfg), input=str(path), config=cfg)
    return score_article(article, cfg, load_model(cfg.model, cfg.trust_model))


def extract_file(path: str | Path, *, date: str | dt.date | None = None, url: str | None = None, config: Config | None = None) -> Article:
    """The cleaned article exactly as it would be scored."""
    cfg = _config(config, date, url=url)
    return article_from_bytes(read_input(str(path), cfg), input=str(path), config=cfg)
