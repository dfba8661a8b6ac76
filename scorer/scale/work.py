"""What a worker does: score the articles of one partition and write its part file.

The same functions run in the calling process (``engine="local"``), in local worker processes,
and on Dask workers, so every engine writes the same rows. A worker loads the model once
(:func:`model_for` caches it per process) and pins BLAS/OpenMP to one thread (:func:`pin_threads`):
parallelism comes from workers, and a thread team per one-row prediction only makes them fight.
"""
from __future__ import annotations

import gc
import logging
import os
import posixpath
from dataclasses import dataclass, replace
from typing import Iterator

from scorer.core.config import Config
from scorer.core.document import ScoreResult
from scorer.core.errors import ScorerError
from scorer.ingest.records import BadRecord, Record, read_chunk
from scorer.model.loading import load_model
from scorer.model.predictor import Predictor
from scorer.pipeline import article_from_bytes, article_from_text, score_article, score_path
from scorer.render import to_json_line
from scorer.scale.partition import Partition

logger = logging.getLogger(__name__)

_MODELS: dict[str | None, Predictor] = {}
_LIMITS: list = []  # threadpoolctl's handle, kept so the limit stays in force

#: Bad-record messages a partition sends back (the rest are counted, and all are in the output).
MAX_MESSAGES = 50


def pin_threads() -> None:
    """One BLAS/OpenMP thread in this process (environment for libraries not loaded yet, threadpoolctl for those that are)."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn depends on threadpoolctl
        return
    _LIMITS[:] = [threadpool_limits(limits=1)]


def model_for(config: Config) -> Predictor:
    """The model of ``config``, loaded once per process."""
    if config.model not in _MODELS:
        _MODELS[config.model] = load_model(config.model, trust=config.trust_model)
        pin_threads()  # after the model's libraries are loaded, so threadpoolctl sees them
    return _MODELS[config.model]


#: Scored once by each worker before its first partition, so that what loads on first use (lexicons,
#: the knowledge base's indexes) is loaded with the model and frozen with it (:func:`ready_worker`).
_WARM_UP = ("WASHINGTON (Reuters) - The city council approved the budget on Tuesday, officials said. "
            "\"We are pleased,\" said Mayor Jane Smith, according to a statement released by her office. ") * 3


def ready_worker(config: Config, *, freeze: bool = True) -> Predictor:
    """Make this process a scoring worker: one BLAS/OpenMP thread, the model loaded and warmed up, then
    (``freeze``, for a process that only scores) every object made so far frozen (``gc.freeze``), so the
    collector never walks the model and lexicons again. Not ``freeze`` in a caller's own process."""
    pin_threads()
    gc.disable()  # nothing to collect while the model and the caches are built
    try:
        model = model_for(config)
        score_article(article_from_text(_WARM_UP, input="warm-up", config=replace(config, time_limit=0)), replace(config, time_limit=0), model)
    except ScorerError:
        raise  # a model that cannot load (an untrusted or broken model directory) stops the job
    except Exception:  # noqa: BLE001 - a warm-up that fails only means the first article loads what it needs
        logger.exception("warm-up failed")
    finally:
        gc.enable()
    if freeze:
        gc.collect()  # garbage made so far is collected first: a frozen cycle would never be
        gc.freeze()
    return model


def score_record(record: Record, config: Config, model: Predictor) -> ScoreResult:
    """Score one record; a problem becomes ``ScoreResult.error``, never an exception."""
    cfg = config.with_options(url=record.url, date=record.date)
    try:
        if isinstance(record.content, bytes):
            article = article_from_bytes(record.content, input=record.input, config=cfg)
        else:
            article = article_from_text(record.content, input=record.input, config=cfg, is_html=record.is_html)
        if record.title and not article.title:
            article = replace(article, title=record.title)
        return score_article(article, cfg, model)
    except ScorerError as exc:
        return ScoreResult(input=record.input, error=str(exc))
    except RecursionError:
        return ScoreResult(input=record.input, error="page is nested too deeply to extract")
    except MemoryError:
        return ScoreResult(input=record.input, error="page is too large to process")
    except Exception as exc:  # noqa: BLE001 - a bug on one record must not end a crawl
        logger.exception("unexpected failure on %s", record.input)
        return ScoreResult(input=record.input, error=f"internal error ({type(exc).__name__}: {exc}); please report it with this record")


@dataclass(frozen=True)
class Scored:
    """A result with the input record's own source and URL (for the aggregation keys)."""

    result: ScoreResult
    source: str | None = None
    url: str | None = None


def iter_scored(partition: Partition, config: Config, model: Predictor | None = None) -> Iterator[Scored]:
    """The partition's results, in input order, as they are scored."""
    model = model or model_for(config)
    for path in partition.files:
        yield Scored(score_path(path, config, model))
    if partition.chunk is not None:
        for record in read_chunk(partition.chunk, max_bytes=config.max_bytes):
            if isinstance(record, BadRecord):
                yield Scored(ScoreResult(input=record.input, error=record.error), record.source, record.url)
            else:
                yield Scored(score_record(record, config, model), record.source, record.url)


@dataclass(frozen=True)
class PartSummary:
    """What a partition sends back: counts and a few error messages, never the results."""

    index: int
    path: str
    rows: int
    low_quality: int
    errors: int
    messages: tuple[tuple[str, str], ...]  # (input, error), at most MAX_MESSAGES


def score_partition(partition: Partition, config: Config, out_dir: str, fmt: str = "parquet") -> PartSummary:
    """Score ``partition`` and write ``out_dir/part-NNNNN.parquet`` (or ``.jsonl``) in row groups.

    ``out_dir`` may be an fsspec URL (``s3://bucket/scores``) when fsspec and its filesystem are installed.
    The part is written under a temporary name and renamed when complete (locally), so a
    retried or killed task never leaves a half-written part behind.
    """
    if fmt not in ("parquet", "json"):
        raise ValueError(f"format must be parquet or json, not {fmt!r}")
    model = model_for(config)
    pin_threads()  # here too: OpenMP's thread count is per thread, and a Dask task runs in its own thread
    target = posixpath.join(out_dir, partition.part_name(fmt)) if "://" in out_dir else os.path.join(out_dir, partition.part_name(fmt))
    local = "://" not in out_dir
    temporary = f"{target}.tmp-{os.getpid()}" if local else target
    rows = low = errors = 0
    messages: list[tuple[str, str]] = []
    with _open_out(temporary) as handle:
        if fmt == "parquet":
            from scorer.scale.parquet import ParquetResultWriter

            writer = ParquetResultWriter(handle)
            write = lambda s: writer.write(s.result, source=s.source, url=s.url)  # noqa: E731
        else:
            writer = None
            write = lambda s: handle.write((to_json_line(s.result) + "\n").encode("utf-8"))  # noqa: E731
        for scored in iter_scored(partition, config, model):
            write(scored)
            rows += 1
            low += scored.result.label == "low_quality"
            if scored.result.error is not None:
                errors += 1
                if len(messages) < MAX_MESSAGES:
                    messages.append((scored.result.input, scored.result.error))
        if writer is not None:
            writer.close()
    if local:
        os.replace(temporary, target)
    return PartSummary(partition.index, target, rows, low, errors, tuple(messages))


def _open_out(path: str):
    if "://" in path:
        import fsspec

        return fsspec.open(path, "wb").open()
    return open(path, "wb")
