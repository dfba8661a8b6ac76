"""Researcher inputs: WARC / WARC.gz crawls, JSON Lines and Parquet tables, read as a stream of records.

Each reader yields :class:`Record` (an article to score: its input id, its text or HTML, and the
URL, date, source and title the file gives) or :class:`BadRecord` (what is wrong with one record,
named by file and record number: ``crawl.warc.gz:17``). Nothing reads a whole file into memory:
WARCs and JSON Lines are read record by record, Parquet row group by row group.

A file can also be cut into :class:`Chunk` s of about ``size`` records (byte offsets for WARC and
JSON Lines, row ranges for Parquet), so that several processes or machines read one large file
in parallel, each from its own offset (:func:`chunks`, then :func:`read_chunk`).

* **WARC**: ``response`` (and ``resource``) records whose HTTP status is 2xx and whose content
  type is HTML, XHTML or plain text; the URL is ``WARC-Target-URI``, the date ``WARC-Date`` (the
  crawl date: used only when the page itself gives none). Other records (requests, metadata,
  redirects, images) are skipped silently. Read with ``warcio`` (the ``scale`` extra).
* **JSON Lines** (``.jsonl``, ``.ndjson``): one object per line with ``text`` or ``html``, and
  optionally ``url``, ``date`` (``YYYY-MM-DD``, or an ISO date-time), ``source``, ``title``, ``id``.
* **Parquet**: the same columns (read with ``pyarrow``, the ``scale`` extra).

The input id is the record's ``id`` when it has one, else ``FILE:N`` (N counts from 1: the line
of a JSON Lines file, the row of a Parquet file, the record of a WARC file, all records counted).
Paths may be fsspec URLs (``s3://bucket/crawl.warc.gz``) when ``fsspec`` and its filesystem are installed.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import IO, Any, Iterator

from scorer.core.errors import InputError

#: File name endings read as record files (lower case), and their format.
RECORD_SUFFIXES = {
    ".warc": "warc",
    ".warc.gz": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
}

#: WARC payload content types scored (anything else is not an article).
_WARC_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_EXTRA = "pip install 'scorer[scale]'"


@dataclass(frozen=True)
class Record:
    """One article from a record file. ``content`` is bytes for a WARC payload (its encoding is detected)."""

    input: str
    content: str | bytes
    is_html: bool | None = None  # None: decided from the content
    url: str | None = None
    date: dt.date | None = None
    source: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class BadRecord:
    """A record that cannot be scored, named ``FILE:N``, with a one-line reason."""

    input: str
    error: str
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Chunk:
    """Records ``first`` .. ``first + count - 1`` of ``path``, starting at byte (or row) ``offset``."""

    path: str
    format: str
    offset: int
    first: int
    count: int


def record_format(path: str) -> str | None:
    """``"warc"``, ``"jsonl"`` or ``"parquet"`` from the file name, or None for an article file."""
    name = path.lower()
    for suffix, fmt in sorted(RECORD_SUFFIXES.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(suffix):
            return fmt
    return None


def iter_records(path: str, *, max_bytes: int | None = None) -> Iterator[Record | BadRecord]:
    """Every record of ``path`` in file order (the format from the file name)."""
    fmt = record_format(path)
    if fmt is None:
        raise InputError(f"{path}: not a record file (.warc, .warc.gz, .jsonl, .ndjson, .parquet)")
    yield from read_chunk(Chunk(path, fmt, 0, 1, -1), max_bytes=max_bytes)


def read_chunk(chunk: Chunk, *, max_bytes: int | None = None) -> Iterator[Record | BadRecord]:
    """The records of one chunk (``count`` -1: to the end of the file)."""
    reader = {"warc": _read_warc, "jsonl": _read_jsonl, "parquet": _read_parquet}[chunk.format]
    yield from reader(chunk, max_bytes)


def chunks(path: str, size: int) -> list[Chunk]:
    """``path`` cut into chunks of about ``size`` articles each, in file order (one pass over the file)."""
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, not {size}")
    fmt = record_format(path)
    if fmt == "warc":
        return _warc_chunks(path, size)
    if fmt == "jsonl":
        return _jsonl_chunks(path, size)
    if fmt == "parquet":
        rows = _parquet_file(path).metadata.num_rows
        return [Chunk(path, fmt, start, start + 1, min(size, rows - start)) for start in range(0, rows, size)]
    raise InputError(f"{path}: not a record file")


# --- opening files (local paths, or fsspec URLs) -------------------------------------------------


def open_binary(path: str) -> IO[bytes]:
    """A binary file object for a local path or an fsspec URL (``s3://``, ``gs://``, ``https://``...)."""
    if "://" in path and not path.startswith("file://"):
        try:
            import fsspec
        except ImportError:
            raise InputError(f"{path}: reading URLs needs fsspec ({_EXTRA} and the filesystem's package, e.g. s3fs)") from None
        return fsspec.open(path, "rb").open()
    try:
        return open(path.removeprefix("file://"), "rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


# --- WARC ----------------------------------------------------------------------------------------


def _warcio():
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise InputError(f"reading WARC files needs warcio ({_EXTRA})") from None
    return ArchiveIterator, ArchiveLoadFailed


def _is_article(record) -> bool:
    """A response/resource record with a 2xx status and a text content type."""
    if record.rec_type not in ("response", "resource"):
        return False
    headers = record.http_headers
    if record.rec_type == "response":
        if headers is None:
            return False
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            return False
        ctype = headers.get_header("Content-Type")
    else:
        ctype = record.rec_headers.get_header("Content-Type")
    if not ctype:
        return True  # let the content decide
    return ctype.split(";")[0].strip().lower() in _WARC_TYPES


def _warc_chunks(path: str, size: int) -> list[Chunk]:
    ArchiveIterator, ArchiveLoadFailed = _warcio()
    found: list[Chunk] = []
    start = first = None
    raw = articles = 0
    number = 0
    with open_binary(path) as handle:
        iterator = ArchiveIterator(handle)
        try:
            for record in iterator:
                number += 1
                if start is None:
                    start, first, raw, articles = iterator.get_record_offset(), number, 0, 0
                raw += 1
                articles += _is_article(record)
                if articles >= size:
                    found.append(Chunk(path, "warc", start, first, raw))
                    start = None
        except ArchiveLoadFailed:
            pass  # the reader reports it, by record number, when it reaches it
    if start is not None:
        found.append(Chunk(path, "warc", start, first, -1))  # to the end (and any error there)
    elif not found:
        found.append(Chunk(path, "warc", 0, 1, -1))
    return found


def _read_warc(chunk: Chunk, max_bytes: int | None) -> Iterator[Record | BadRecord]:
    ArchiveIterator, ArchiveLoadFailed = _warcio()
    number = chunk.first - 1
    with open_binary(chunk.path) as handle:
        if chunk.offset:
            handle.seek(chunk.offset)
        iterator = iter(ArchiveIterator(handle))
        while chunk.count < 0 or number - chunk.first + 1 < chunk.count:
            try:
                record = next(iterator)
            except StopIteration:
                return
            except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
                yield BadRecord(f"{chunk.path}:{number + 1}", f"unreadable WARC record ({_one_line(exc)}); the rest of the file is skipped")
                return
            number += 1
            name = f"{chunk.path}:{number}"
            if not _is_article(record):
                if _truncated(record):
                    yield BadRecord(name, "truncated WARC record (the file ends inside it)")
                    return
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                stream = record.content_stream()
                payload = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
            except Exception as exc:  # noqa: BLE001 - a broken payload (bad chunking, bad gzip) is one bad record
                yield BadRecord(name, f"unreadable payload ({_one_line(exc)})", url=url)
                continue
            if max_bytes is not None and len(payload) > max_bytes:
                yield BadRecord(name, f"payload is over the {max_bytes:,}-byte limit", url=url)
                continue
            if _truncated(record):
                yield BadRecord(name, "truncated WARC record (the file ends inside it)", url=url)
                return
            try:
                date = _parse_date(record.rec_headers.get_header("WARC-Date"))
            except ValueError:
                date = None  # the crawl date is only a fallback; a page with a bad one is still an article
            yield Record(name, payload, None, url=url, date=date)


def _truncated(record) -> bool:
    """True when the file ended before the record's Content-Length (what is left unread is drained first)."""
    raw = record.raw_stream
    while raw.read(65536):
        pass
    return getattr(raw, "limit", 0) > 0


# --- JSON Lines ----------------------------------------------------------------------------------


def _jsonl_chunks(path: str, size: int) -> list[Chunk]:
    found: list[Chunk] = []
    offset = 0
    start = first = None
    raw = articles = 0
    with open_binary(path) as handle:
        for number, line in enumerate(handle, 1):
            if start is None:
                start, first, raw, articles = offset, number, 0, 0
            raw += 1
            articles += bool(line.strip())
            offset += len(line)
            if articles >= size:
                found.append(Chunk(path, "jsonl", start, first, raw))
                start = None
    if start is not None:
        found.append(Chunk(path, "jsonl", start, first, raw))
    return found


def _read_jsonl(chunk: Chunk, max_bytes: int | None) -> Iterator[Record | BadRecord]:
    with open_binary(chunk.path) as handle:
        if chunk.offset:
            handle.seek(chunk.offset)
        for number, line in enumerate(handle, chunk.first):
            if chunk.count >= 0 and number >= chunk.first + chunk.count:
                return
            if not line.strip():
                continue
            name = f"{chunk.path}:{number}"
            if max_bytes is not None and len(line) > max_bytes * 2:  # JSON escapes: be generous
                yield BadRecord(name, f"line is over the {max_bytes:,}-byte limit")
                continue
            try:
                data = json.loads(line)
            except (ValueError, UnicodeDecodeError) as exc:
                yield BadRecord(name, f"not valid JSON ({_one_line(exc)})")
                continue
            yield _from_fields(name, data)


# --- Parquet -------------------------------------------------------------------------------------

_COLUMNS = ("id", "text", "html", "url", "date", "source", "title")


def _parquet_file(path: str):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"reading Parquet files needs pyarrow ({_EXTRA})") from None
    try:
        return pq.ParquetFile(open_binary(path))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a file that is not Parquet
        raise InputError(f"{path}: not a readable Parquet file ({_one_line(exc)})") from None


def _read_parquet(chunk: Chunk, max_bytes: int | None) -> Iterator[Record | BadRecord]:
    try:
        parquet = _parquet_file(chunk.path)
    except InputError as exc:
        yield BadRecord(f"{chunk.path}:{chunk.first}", str(exc).removeprefix(f"{chunk.path}: "))
        return
    names = set(parquet.schema_arrow.names)
    columns = [c for c in _COLUMNS if c in names]
    if "text" not in names and "html" not in names:
        yield BadRecord(f"{chunk.path}:{chunk.first}", "has neither a text nor an html column")
        return
    stop = parquet.metadata.num_rows if chunk.count < 0 else chunk.offset + chunk.count
    groups, row = [], 0
    group_start = None
    for index in range(parquet.metadata.num_row_groups):
        rows = parquet.metadata.row_group(index).num_rows
        if row + rows > chunk.offset and row < stop:
            groups.append(index)
            group_start = row if group_start is None else group_start
        row += rows
    if not groups:
        return
    row = group_start
    for batch in parquet.iter_batches(batch_size=256, row_groups=groups, columns=columns):
        for data in batch.to_pylist():
            if chunk.offset <= row < stop:
                yield _from_fields(f"{chunk.path}:{row + 1}", data)
            row += 1
            if row >= stop:
                return


# --- fields shared by JSON Lines and Parquet -----------------------------------------------------


def _from_fields(name: str, data: Any) -> Record | BadRecord:
    if not isinstance(data, dict):
        return BadRecord(name, f"a record must be an object with a text or html field, not {type(data).__name__}")
    url, source = data.get("url"), data.get("source")
    for key in ("url", "source", "title"):
        if data.get(key) is not None and not isinstance(data[key], str):
            return BadRecord(name, f"{key} must be a string, not {type(data[key]).__name__}", url=None, source=None)
    text, html = data.get("text"), data.get("html")
    if text is None and html is None:
        return BadRecord(name, "has neither text nor html", url=url, source=source)
    content = html if html is not None else text
    if not isinstance(content, str):
        return BadRecord(name, f"{'html' if html is not None else 'text'} must be a string, not {type(content).__name__}", url=url, source=source)
    try:
        date = _parse_date(data.get("date"))
    except ValueError:
        return BadRecord(name, f"date {data.get('date')!r} is not a date (YYYY-MM-DD)", url=url, source=source)
    ident = data.get("id")
    return Record(
        name if ident is None or ident == "" else str(ident),
        content,
        True if html is not None else None,
        url=url or None,
        date=date,
        source=source or None,
        title=data.get("title") or None,
    )


def _parse_date(value: Any) -> dt.date | None:
    """A date from ``YYYY-MM-DD``, an ISO date-time (``2024-05-01T10:00:00Z``), or a date/datetime object."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(value)
    return dt.date.fromisoformat(value.strip()[:10])


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
