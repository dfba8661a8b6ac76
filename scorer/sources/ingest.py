"""Ingest: score rows of JSON Lines / CSV files and folders of pages into a store.

Rows are scored in worker processes (``jobs``) and written by this process in batches,
each batch one transaction: an interrupt (SIGINT) loses only the batch in flight, and
re-running the same ingest adds nothing (the store ignores articles it already has).
Bad rows are reported by file and line and skipped; they never stop the ingest.
"""
from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import logging
import multiprocessing
import signal
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from scorer import api
from scorer.core.config import Config
from scorer.core.errors import ScorerError
from scorer.sources.store import Store, _iso_date, default_model_key, row_from_result

log = logging.getLogger(__name__)

PAGE_SUFFIXES = {".html", ".htm", ".xhtml", ".txt", ".text", ".md"}
ROW_SUFFIXES = {".jsonl", ".ndjson", ".csv"}


@dataclass(frozen=True)
class IngestOptions:
    """One ingest job. ``source`` forces the source key of every row that names none."""

    jobs: int = 1
    batch_size: int = 200
    source: str | None = None
    model_path: str | None = None


@dataclass(frozen=True)
class Record:
    where: str  # "file:line" or the page's path: what a bad-row message names
    text: str | None = None
    html: str | None = None
    path: str | None = None
    url: str | None = None
    source: str | None = None
    date: str | None = None
    authors: str | None = None
    title: str | None = None
    input_hash: str | None = None

    def raw_hash(self) -> str:
        """Hash of what would be scored and how it would be keyed: equal hashes need no re-scoring."""
        digest = hashlib.sha256()
        if self.path:
            digest.update(Path(self.path).read_bytes())
        else:
            digest.update((self.html or self.text or "").encode("utf-8"))
        for part in (self.url, self.source, self.date, self.authors, self.title):
            digest.update(b"\0" + (part or "").encode("utf-8"))
        return digest.hexdigest()


@dataclass(frozen=True)
class Problem:
    where: str
    why: str


@dataclass(frozen=True)
class IngestReport:
    offered: int = 0
    added: int = 0
    already: int = 0  # scored but already in the store (same text, same model)
    problems: tuple[Problem, ...] = ()
    interrupted: bool = False

    def summary(self) -> str:
        text = f"{self.offered} rows: {self.added} added, {self.already} already stored, {len(self.problems)} skipped"
        return text + (" (interrupted: every committed batch is kept)" if self.interrupted else "")


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v)
    text = str(value).strip()
    return text or None


def _record(where: str, raw: dict[str, Any], default_source: str | None) -> Record | Problem:
    text, html = _str(raw.get("text")), _str(raw.get("html"))
    if not text and not html:
        return Problem(where, "no 'text' or 'html'")
    return Record(where=where, text=text, html=html, url=_str(raw.get("url")),
                  source=_str(raw.get("source")) or default_source, date=_str(raw.get("date")),
                  authors=_str(raw.get("authors") or raw.get("author")), title=_str(raw.get("title")))


def iter_records(paths: Sequence[str], default_source: str | None = None) -> Iterator[Record | Problem]:
    """Every row or page under ``paths``, in order; unreadable ones as :class:`Problem`."""
    csv.field_size_limit(sys.maxsize)
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if file.suffix.lower() in ROW_SUFFIXES:
                    yield from iter_records([str(file)], default_source)
                elif file.suffix.lower() in PAGE_SUFFIXES:
                    yield Record(where=str(file), path=str(file), source=default_source)
        elif not path.exists():
            yield Problem(arg, "no such file or folder")
        elif path.suffix.lower() in {".jsonl", ".ndjson"}:
            with open(path, encoding="utf-8", errors="replace") as handle:
                for number, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    try:
                        raw = json.loads(line)
                    except json.JSONDecodeError as exc:
                        yield Problem(f"{arg}:{number}", f"not JSON ({exc.msg})")
                        continue
                    yield _record(f"{arg}:{number}", raw, default_source) if isinstance(raw, dict) \
                        else Problem(f"{arg}:{number}", "not a JSON object")
        elif path.suffix.lower() == ".csv":
            with open(path, encoding="utf-8", errors="replace", newline="") as handle:
                reader = csv.DictReader(handle)
                for raw in reader:
                    # line_num is where the row ENDS (a quoted field may span lines)
                    yield _record(f"{arg}:{reader.line_num}", raw, default_source)
        else:
            yield Record(where=arg, path=arg, source=default_source)


# ---- scoring, in this process or a worker -------------------------------------------------
_WORKER: dict[str, Any] = {}


def _init_worker(model_path: str | None) -> None:
    # The parent decides what an interrupt means (finish the batch, close the store);
    # workers dying mid-row on SIGINT would only turn rows into spurious errors.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["model_path"] = model_path
    _WORKER["model"] = default_model_key(model_path)


def score_record(record: Record) -> tuple[str, dict[str, Any] | None, str | None]:
    """``(where, row, None)`` or ``(where, None, why)``."""
    if "model" not in _WORKER:
        _WORKER["model_path"] = None
        _WORKER["model"] = default_model_key(None)
    config = Config().with_options(model=_WORKER["model_path"]) if _WORKER["model_path"] else None
    try:
        date = _iso_date(record.date)
        if record.path:
            result = api.score_file(record.path, url=record.url, config=config)
        elif record.html:
            result = api.score_html(record.html, date=date, url=record.url, config=config, input=record.where)
        else:
            result = api.score_text(record.text or "", date=date, url=record.url, config=config, input=record.where)
    except ScorerError as exc:
        return record.where, None, str(exc)
    return _row_of(record, result)


def _row_of(record: Record, result: Any) -> tuple[str, dict[str, Any] | None, str | None]:
    if result.error is not None:
        return record.where, None, result.error
    if result.probability is None:
        return record.where, None, "too short to judge: no verdict, not stored"
    row = row_from_result(result, model=_WORKER["model"], source=record.source, url=record.url,
                          input=record.where, byline=record.authors, title=record.title, date=record.date,
                          input_hash=record.input_hash)
    if row is None:
        return record.where, None, "no source: give a 'url' or 'source' (or --source)"
    return record.where, row, None


def score_records(records: Sequence[Record]) -> list[tuple[str, dict[str, Any] | None, str | None]]:
    """:func:`score_record` for a chunk, in order. Text and HTML rows go through :func:`scorer.score_many`
    (one vectorised model call per chunk, the scores ``score_text`` gives one by one: the per-article
    cost of ``scorer score`` on a record file); pages keep their own path (a URL per file)."""
    if "model" not in _WORKER:
        _WORKER["model_path"] = None
        _WORKER["model"] = default_model_key(None)
    config = Config().with_options(model=_WORKER["model_path"]) if _WORKER["model_path"] else None
    rows = [r for r in records if not r.path]
    items = [{("html" if r.html else "text"): r.html or r.text or "", "input": r.where, "url": r.url,
              "date": _iso_date(r.date)} for r in rows]
    scored = iter(list(api.score_many(items, config=config)) if rows else [])  # in the order of ``rows``
    return [score_record(r) if r.path else _row_of(r, next(scored)) for r in records]


def _context() -> multiprocessing.context.BaseContext:
    # Not fork: a parent that already ran the model holds OpenMP threads a forked child can deadlock on.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


#: Rows scored together in one task (one model call): small enough that an interrupt waits little.
CHUNK = 16


def _chunks(records: Iterator[Record | Problem], size: int) -> Iterator[list[Record] | Problem]:
    """Runs of up to ``size`` records, in order; a problem passes through on its own."""
    run: list[Record] = []
    for record in records:
        if isinstance(record, Problem):
            if run:
                yield run
                run = []
            yield record
            continue
        run.append(record)
        if len(run) >= size:
            yield run
            run = []
    if run:
        yield run


def _scored(records: Iterator[Record | Problem], options: IngestOptions) -> Iterator[tuple[str, dict | None, str | None]]:
    chunk = max(1, min(CHUNK, options.batch_size))
    if options.jobs <= 1:
        _WORKER.update(model_path=options.model_path, model=default_model_key(options.model_path))
        for item in _chunks(records, chunk):
            if isinstance(item, Problem):
                yield item.where, None, item.why
            else:
                yield from score_records(item)
        return
    window = max(1, options.batch_size * options.jobs // chunk)  # tasks in flight, each a chunk
    with ProcessPoolExecutor(options.jobs, mp_context=_context(), initializer=_init_worker,
                             initargs=(options.model_path,)) as pool:
        pending: list[Future | Problem] = []

        def drain() -> Iterator[tuple[str, dict | None, str | None]]:
            for p in pending:
                if isinstance(p, Problem):
                    yield p.where, None, p.why
                else:
                    yield from p.result()

        try:
            for item in _chunks(records, chunk):
                pending.append(item if isinstance(item, Problem) else pool.submit(score_records, item))
                if len(pending) >= window:  # bounded: a million-row file is not all in memory
                    yield from drain()
                    pending = []
            yield from drain()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def ingest(store: Store, paths: Sequence[str], options: IngestOptions,
           progress: Callable[[int], None] | None = None) -> IngestReport:
    """Score every row under ``paths`` into ``store``; KeyboardInterrupt keeps committed batches and returns."""
    return ingest_records(store, iter_records(paths, options.source), options, progress)


def ingest_records(store: Store, records: Iterator[Record | Problem], options: IngestOptions,
                   progress: Callable[[int], None] | None = None) -> IngestReport:
    """Score ``records`` into ``store`` in batches (see :func:`ingest`)."""
    offered = added = 0
    problems: list[Problem] = []
    batch: list[dict[str, Any]] = []
    interrupted = False

    def flush() -> None:
        nonlocal added
        if batch:
            added += store.add_rows(batch).added
            log.info("committed a batch of %d rows", len(batch))
            batch.clear()

    model = default_model_key(options.model_path)

    def unseen() -> Iterator[Record | Problem]:
        nonlocal skipped
        for record in records:
            if isinstance(record, Record):
                try:
                    record = dataclasses.replace(record, input_hash=record.raw_hash())
                except OSError as exc:
                    yield Problem(record.where, f"cannot read: {exc.strerror}")
                    continue
                if store.has_input(record.input_hash, model):
                    skipped += 1  # same raw row, same model: already stored, not worth scoring again
                    if progress:
                        progress(1)
                    continue
            yield record

    skipped = 0
    try:
        for where, row, why in _scored(unseen(), options):
            offered += 1
            if row is None:
                problems.append(Problem(where, why or "failed"))
            else:
                batch.append(row)
            if len(batch) >= options.batch_size:
                flush()
            if progress:
                progress(1)
        flush()
    except KeyboardInterrupt:
        interrupted = True  # the batch in flight is dropped whole; everything committed stays
        log.warning("interrupted: %d rows added before the interrupt are kept", added)
    scored = offered - len(problems) - (len(batch) if interrupted else 0)
    return IngestReport(offered=offered + skipped, added=added, already=max(scored - added, 0) + skipped,
                        problems=tuple(problems), interrupted=interrupted)


def count_records(paths: Sequence[str]) -> int:
    """A cheap count for the progress bar (lines / rows / pages; bad rows included)."""
    total = 0
    for arg in paths:
        path = Path(arg)
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if suffix in {".jsonl", ".ndjson"}:
                with open(file, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif suffix == ".csv":
                with open(file, encoding="utf-8", errors="replace", newline="") as handle:
                    total += sum(1 for _ in csv.DictReader(handle))
            elif suffix in PAGE_SUFFIXES or not path.is_dir():
                total += 1
    return total
