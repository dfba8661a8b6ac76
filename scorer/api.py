"""The Python API newsroom plugins call: strings or files in, :class:`ScoreResult` out.

Unlike ``pipeline.score_path`` (which the CLI uses to carry on past bad files),
these raise :class:`ScorerError` on bad input, as a library should.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Union

from scorer.model import loading as _model
from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, ScoreResult
from scorer.core.errors import ScorerError
from scorer.pipeline import BATCH_SIZE, article_from_bytes, article_from_text, error_result, read_input, score_article
from scorer.pipeline import score_many as _score_many


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


#: What :func:`score_many` takes: text (or HTML: the content decides), a file, an Article, or a
#: record ``{"text" or "html": ..., "input": ..., "url": ..., "date": ...}`` (as in a JSON Lines file).
ManyItem = Union[str, os.PathLike, Article, Mapping[str, Any]]


def score_many(
    items: Iterable[ManyItem], *, date: str | dt.date | None = None, url: str | None = None,
    config: Config | None = None, batch_size: int = BATCH_SIZE,
) -> Iterator[ScoreResult]:
    """Score many articles, yielding results in order as they are done (memory stays flat).

    Each item is a text (``str``; HTML when it looks like HTML), a file (a path-like object,
    e.g. :class:`pathlib.Path`), an :class:`Article`, or a record mapping with ``text`` or
    ``html`` and optionally ``input``, ``url`` and ``date``. The scores are those
    :func:`score_text` / :func:`score_file` give one by one, computed a chunk at a time.
    Unlike those, a problem with one item does not raise: its result holds the ``error``,
    so one bad input does not end a batch of thousands.
    """
    cfg = _config(config, date, url=url)
    return _score_many(_articles(items, cfg), cfg, load_model(cfg.model), batch_size=batch_size)


def _articles(items: Iterable[ManyItem], cfg: Config) -> Iterator[Article | ScoreResult]:
    """Each item as an Article to score, or as the result holding why it could not be read."""
    for n, item in enumerate(items):
        label = "-"
        try:
            if isinstance(item, Article):
                yield item
            elif isinstance(item, str):
                yield article_from_text(item, input=label, config=cfg)
            elif isinstance(item, os.PathLike):
                label = os.fspath(item)
                yield article_from_bytes(read_input(label, cfg), input=label, config=cfg)
            elif isinstance(item, Mapping):
                label = str(item.get("input") or "-")
                is_html = True if item.get("html") is not None else None
                text = item.get("html") if is_html else item.get("text")
                if not isinstance(text, str):
                    raise ScorerError(f"item {n}: a record needs a 'text' or 'html' string")
                yield article_from_text(text, input=label, config=_config(cfg, item.get("date"), url=item.get("url")), is_html=is_html)
            else:
                raise TypeError(f"item {n}: cannot score a {type(item).__name__}; give text, a path, an Article or a record")
        except TypeError:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad input must not end the batch
            yield error_result(label, exc)
