"""The orchestrator: one input in, one :class:`ScoreResult` out.

Stages, in order (each its own module):

1. ``load``     bytes → text; encoding detected; HTML or text decided from the content
2. ``extract``  HTML only: trafilatura → body text + title, author, date, site, url, links
3. ``clean``    residual boilerplate (ad markers, site chrome, related tails), every removal recorded
4. ``dates``    the article date: page metadata → ``--date`` → dateline in the text → today
5. ``text``     segmentation into an immutable :class:`Article` (paragraphs, headings, sentences)
6. ``signals``  every signal family: features + findings
7. ``model``    probability of low_quality, score 0–100, label, reasons

Limits (:mod:`scorer.core.limits`): a :class:`~scorer.core.limits.Deadline` set from the
input's size (``Config.time_limit`` seconds per 10,000 words) is checked at every stage
boundary above; past it the article ends with a one-line error. Text that is not text (NUL,
lone surrogates, control characters) is refused before any stage runs. Memory is bounded: the
extractor gets a bounded page (:func:`~scorer.ingest.extract.bounds.bound_page`), the analysis at
most ``Config.max_chars`` characters with over-long tokens cut (:func:`~scorer.core.limits.bound_text`);
each cut is a note in ``Article.limits`` and the first reason. An article under
:data:`MIN_WORDS` words gets no verdict: ``score``, ``label`` and ``probability`` are None and
the first reason says why.
"""
from __future__ import annotations

import inspect
import math
import logging
import sys
from dataclasses import replace
from pathlib import Path
from os import PathLike
from typing import Any, Iterable, Iterator, Mapping, Sequence, Union

from scorer.ingest import clean
from scorer.ingest import extract
from scorer.ingest import load
from scorer.ingest import embeds
from scorer.ingest.extract.bounds import bound_page
from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.ingest.dates import find_dateline, parse_iso_date
from scorer.core.document import Article, Finding, Reason, Removal, ScoreResult, SignalResult
from scorer.core.errors import ScorerError
from scorer.core.limits import Deadline, bound_text, check, check_text
from scorer.model.predictor import Prediction, Predictor
from scorer.model.reason_choice import with_verdict_note
from scorer.core.odds import batch_prior, calibration_prior, for_prior
from scorer.model.loading import load_model
from scorer.signals import analyze_all
from scorer.core.text import word_count, words_phrase
from scorer.ingest.segment import build_article

logger = logging.getLogger(__name__)

#: Articles shorter than this get no verdict (score, label and probability None; the first reason
#: says why), and training leaves them out: the signals need some text to mean anything.
MIN_WORDS = 20


def article_from_text(text: str, *, input: str = "-", config: Config = DEFAULT_CONFIG, is_html: bool | None = None,
                      deadline: Deadline | None = None) -> Article:
    """Stages 2–5 on already-decoded text (``is_html`` None: decide from the content).

    ``deadline``: the article's time budget (None: one is set from ``config.time_limit``).
    """
    if not isinstance(text, str):
        raise ScorerError(f"text must be a string, not {type(text).__name__}")
    if len(text) > config.max_bytes:
        raise ScorerError(f"input is {len(text):,} characters, over the {config.max_bytes:,} limit")
    check_text(text)
    if deadline is None:
        deadline = Deadline.for_input(config.time_limit, len(text))
    if is_html is None:
        is_html = load.looks_like_html(text)
    meta_date = None
    notes: tuple[str, ...] = ()
    if is_html:
        html, page_note = bound_page(text)
        notes = (page_note,) if page_note else ()
        page = extract.extract_html(html, url=config.url)
        del html  # a copy when scripts were dropped: not kept while the rest runs
        check(deadline, "extraction")
        body, title, author, site, url, links = page.text, page.title, page.author, page.site, page.url, page.links
        meta_date = parse_iso_date(page.date)
        repeated = tuple(Removal("repeated_block", copy) for copy in page.repeated)
        del page
    else:
        body, title, author, site, url, links = text, None, None, None, config.url, 0
        repeated = ()
        if embeds.has_markup(text) and embeds.is_text_with_embeds(text):
            # Prose with embed codes pasted in: its tags are not words (players and scripts dropped, blocks as breaks).
            body = embeds.without_markup(text)
            notes += ("markup pasted into the text (embedded players, posts, tags) was removed before reading it",)
    # The analysis works on at most config.max_chars characters (its memory grows with the text), with
    # over-long tokens cut; the article's ``limits`` record each cut.
    body, cuts = bound_text(body, config.max_chars)
    notes += cuts
    cleaned, removed = clean.clean_text(body)
    removed = repeated + removed
    del body
    check(deadline, "cleaning")
    if not cleaned.strip():
        raise ScorerError("no article text left after removing boilerplate")
    date, date_source = resolve_date(meta_date, cleaned, config)
    article = build_article(
        cleaned,
        date=date,
        date_source=date_source,
        title=title,
        author=author,
        site=site,
        url=url or config.url,
        source_format="html" if is_html else "text",
        links=links,
        removed=removed,
        input=input,
        limits=notes,
    )
    check(deadline, "segmentation")
    return article


def resolve_date(meta_date, text: str, config: Config):
    """Page metadata → the user's ``--date`` → a dateline in the text → today."""
    if meta_date is not None:
        return meta_date, "metadata"
    if config.date is not None:
        return config.date, "option"
    dateline = find_dateline(text)
    if dateline is not None:
        return dateline, "text"
    return config.resolved_today(), "today"


def article_from_bytes(data: bytes, *, input: str = "-", config: Config = DEFAULT_CONFIG, deadline: Deadline | None = None) -> Article:
    """Stages 1–5 on raw bytes."""
    if deadline is None:
        deadline = Deadline.for_input(config.time_limit, len(data))
    loaded = load.decode(data, max_bytes=config.max_bytes)
    check(deadline, "loading")
    return article_from_text(loaded.text, input=input, config=config, is_html=loaded.is_html, deadline=deadline)


def read_input(path: str, config: Config = DEFAULT_CONFIG) -> bytes:
    """The bytes of a path, or of standard input for ``-``."""
    if path == "-":
        data = sys.stdin.buffer.read(config.max_bytes + 1)
        if len(data) > config.max_bytes:
            raise ScorerError(f"standard input is over the {config.max_bytes:,}-byte limit")
        return data
    return load.read_bytes(Path(path), max_bytes=config.max_bytes)


def score_article(article: Article, config: Config = DEFAULT_CONFIG, model: Predictor | None = None,
                  deadline: Deadline | None = None) -> ScoreResult:
    """Stages 6–7: signals, then the model's probability, score, label and reasons.

    The same code as :func:`score_many`, on a batch of one (a problem raises, as a library should).
    Under :data:`MIN_WORDS` words the result has no verdict (score, label, probability None).
    """
    model = model or load_model(config.model, trust=config.trust_model)
    if deadline is None:
        deadline = Deadline.for_input(config.time_limit, len(article.text))
    signals = analyze_all(article, config)
    check(deadline, "the signals")
    (prediction,) = _predict_many(model, [(article, signals)], config)
    if isinstance(prediction, BaseException):
        raise prediction
    check(deadline, "the model")
    return _scored(article, signals, prediction, config, model)


#: Articles scored together by :func:`score_many`: enough that the model's per-call costs vanish,
#: few enough that a chunk's trial rows (65 per article) stay a few megabytes.
BATCH_SIZE = 64

BatchItem = Union[Article, str, PathLike, ScoreResult]


def score_many(items: Iterable[BatchItem], config: Config = DEFAULT_CONFIG, model: Predictor | None = None, *, batch_size: int = BATCH_SIZE) -> Iterator[ScoreResult]:
    """Score many inputs, yielding each result in input order as soon as its chunk is done.

    An item is an :class:`Article`, a path (``str`` or path-like, ``-`` for standard input) or a
    :class:`ScoreResult` that already holds an error (passed through, so a caller that prepares
    articles itself keeps its failures in order). Items are read ``batch_size`` at a time: the
    signals of each article, then one call to the model for the whole chunk
    (``Predictor.predict_many`` when the model has it). Results are the same as
    :func:`score_article` gives one by one; memory stays flat whatever the number of items. A
    problem with one input becomes that result's ``error``, as in :func:`score_path`.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    model = model or load_model(config.model, trust=config.trust_model)
    chunk: list[BatchItem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= batch_size:
            yield from _score_chunk(chunk, config, model)
            chunk = []
    if chunk:
        yield from _score_chunk(chunk, config, model)


def _score_chunk(chunk: Sequence[BatchItem], config: Config, model: Predictor) -> list[ScoreResult]:
    results: list[ScoreResult | None] = [None] * len(chunk)
    pending: list[tuple[int, Article, dict[str, SignalResult]]] = []
    for i, item in enumerate(chunk):
        if isinstance(item, ScoreResult):
            results[i] = item
            continue
        label = item.input if isinstance(item, Article) else str(item)
        try:
            if isinstance(item, Article):
                article, deadline = item, Deadline.for_input(config.time_limit, len(item.text))
            else:
                data = read_input(str(item), config)
                deadline = Deadline.for_input(config.time_limit, len(data))
                article = article_from_bytes(data, input=label, config=config, deadline=deadline)
            signals = analyze_all(article, config)
            check(deadline, "the signals")
            pending.append((i, article, signals))
        except Exception as exc:  # noqa: BLE001 - one bad input must not end the batch
            results[i] = error_result(label, exc)
    try:
        predictions = _predict_many(model, [(article, signals) for _, article, signals in pending], config)
    except Exception:  # noqa: BLE001 - find which article it was: score them one by one
        predictions = []
        for _, article, signals in pending:
            try:
                predictions.extend(_predict_many(model, [(article, signals)], config))
            except Exception as exc:  # noqa: BLE001
                predictions.append(exc)
    for (i, article, signals), prediction in zip(pending, predictions):
        try:
            if isinstance(prediction, BaseException):
                raise prediction
            results[i] = _scored(article, signals, prediction, config, model)
        except Exception as exc:  # noqa: BLE001
            results[i] = error_result(article.input, exc)
    return results  # type: ignore[return-value]


def _predict_many(model: Predictor, items: Sequence[tuple[Article, Mapping[str, SignalResult]]], config: Config) -> list[Any]:
    """The model's predictions for ``items`` in one call (one by one for a model without ``predict_many``).

    An article the model refuses gets the exception in its place.
    """
    predict_many = getattr(model, "predict_many", None)
    if predict_many is not None:
        decision = _decision_threshold(model, config)
        if decision is not None and "threshold" in inspect.signature(predict_many).parameters:
            return list(predict_many(items, threshold=decision))
        return list(predict_many(items))
    out: list[Any] = []
    for article, signals in items:
        try:
            out.append(model.predict(article, signals))
        except ScorerError as exc:
            out.append(exc)
    return out


def _decision_threshold(model: Predictor, config: Config) -> float | None:
    """The probability, on the model's own scale, from which this config labels an article low_quality.

    None when the config keeps the model's threshold and prior. Otherwise the model is told, so that
    the reasons it picks point the way of the label the user will see (and the stale-fact floor,
    "never ok on style alone", holds at the user's threshold).
    """
    if config.threshold is None and config.prior is None:
        return None
    threshold = config.threshold if config.threshold is not None else model.threshold
    if config.prior is None:
        return threshold
    # The label compares for_prior(p, config.prior, model_prior) with the threshold; the odds shift is
    # monotone, so shifting the threshold back gives the same rule on the model's scale. The round trip
    # is not exact in floating point: step up until it lands on or above the threshold, so that a
    # probability floored here is still labelled low_quality (a few ulps at most).
    model_prior = calibration_prior(model)
    decision = float(for_prior(threshold, model_prior, config.prior))
    for _ in range(64):
        if float(for_prior(decision, config.prior, model_prior)) >= threshold:
            break
        decision = math.nextafter(decision, 1.0)
    return decision


def _scored(article: Article, signals: dict[str, SignalResult], prediction: Prediction, config: Config, model: Predictor) -> ScoreResult:
    """Stage 7 for one article whose signals and prediction are made: probability, score, label, reasons."""
    threshold = config.threshold if config.threshold is not None else model.threshold
    probability = min(max(prediction.probability, 0.0), 1.0)
    prior = calibration_prior(model)
    if config.prior is not None:
        probability, prior = for_prior(probability, config.prior, prior), config.prior
    words = word_count(article.text)  # as the signals and the training screen count them (no bare numbers)
    verdict = _verdict(probability, threshold)
    reasons = with_verdict_note(prediction.reasons, verdict["label"])
    if article.limits:
        reasons = (Reason("article.limits", 0.0, "not all of it was read: " + "; ".join(article.limits), "note"), *reasons)
    if words < MIN_WORDS:
        short = Reason("article.words", 0.0, f"too short to judge: {words_phrase(words)} the signals can read, under {MIN_WORDS}; no verdict, read it yourself", "note")
        reasons = (short, *prediction.reasons)
        verdict = {"score": None, "label": None, "probability": None}
    return ScoreResult(
        input=article.input,
        **verdict,
        threshold=round(threshold, 4),
        prior=prior,
        article=article,
        signals=signals,
        reasons=reasons,
        findings=collect_findings(signals),
        model=model.name,
    )


def _verdict(probability: float, threshold: float) -> dict[str, Any]:
    """Score, label and rounded probability for a probability of low_quality."""
    return {
        "score": round(100.0 * (1.0 - probability), 1),
        "label": "low_quality" if probability >= threshold else "ok",
        "probability": round(probability, 4),
    }


def restated(result: ScoreResult, prior: float) -> ScoreResult:
    """``result`` with probability, score and label restated for a share ``prior`` of low_quality articles.

    Reasons and findings stay: they explain the article, not the base rate.
    """
    if result.error is not None or result.probability is None or result.prior is None or result.threshold is None:
        return result
    probability = for_prior(result.probability, prior, result.prior)
    verdict = _verdict(probability, result.threshold)
    # A label that changes may need, or lose, the "style only" note.
    return replace(result, **verdict, prior=prior, reasons=with_verdict_note(result.reasons, verdict["label"]))


def adapt_to_batch(results: Sequence[ScoreResult]) -> tuple[list[ScoreResult], float | None]:
    """Results restated for the share of low_quality their batch is estimated to hold (``--prior auto``).

    The share comes from the scored results' probabilities alone
    (:func:`scorer.core.odds.batch_prior`). Returns the share, or None with the results
    unchanged when fewer than :data:`~scorer.core.odds.MIN_BATCH_FOR_PRIOR` were scored.
    """
    scored = [r for r in results if r.error is None and r.probability is not None and r.prior is not None]
    priors = {r.prior for r in scored}
    if len(priors) > 1:
        raise ValueError(f"the results assume different priors ({', '.join(map(str, sorted(priors)))}); score them with one model")
    share = batch_prior([r.probability for r in scored], priors.pop()) if scored else None
    if share is None:
        return list(results), None
    return [restated(r, share) for r in results], share


def collect_findings(signals: Mapping[str, SignalResult]) -> tuple[Finding, ...]:
    """All findings, in reading order."""
    findings = [finding for result in signals.values() for finding in result.findings]
    return tuple(sorted(findings, key=lambda f: (f.start, f.end, f.kind)))


def score_path(path: str, config: Config = DEFAULT_CONFIG, model: Predictor | None = None) -> ScoreResult:
    """Score one path (or ``-``); a problem with the input becomes ``ScoreResult.error``, never an exception."""
    return _guarded(path, lambda: read_input(path, config), config, model)


def score_bytes(data: bytes, input: str, config: Config = DEFAULT_CONFIG, model: Predictor | None = None) -> ScoreResult:
    """:func:`score_path` on bytes already read (standard input read by a parent process)."""
    return _guarded(input, lambda: data, config, model)


def _guarded(path: str, read, config: Config, model: Predictor | None) -> ScoreResult:
    try:
        data = read()
        deadline = Deadline.for_input(config.time_limit, len(data))
        article = article_from_bytes(data, input=path, config=config, deadline=deadline)
        return score_article(article, config, model, deadline=deadline)
    except Exception as exc:  # noqa: BLE001 - a bug on one input must not end a batch of thousands
        return error_result(path, exc)


def error_result(input: str, exc: BaseException) -> ScoreResult:
    """The result for an input that could not be scored: a one-line message (a bug is logged too)."""
    if isinstance(exc, ScorerError):
        return ScoreResult(input=input, error=str(exc))
    if isinstance(exc, RecursionError):
        return ScoreResult(input=input, error="page is nested too deeply to extract")
    if isinstance(exc, MemoryError):
        return ScoreResult(input=input, error="page is too large to process")
    logger.error("unexpected failure on %s", input, exc_info=exc)
    message = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]  # one line, whatever the exception says
    return ScoreResult(input=input, error=f"internal error ({message}); please report it with this file")
