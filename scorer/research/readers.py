"""Labelled sets: JSONL, CSV or a folder per label, read into :class:`LabelledRow` objects.

A labelled set is a JSONL or CSV file with a ``text`` (or ``html``) column and a
``label``, optionally ``date``, ``url`` and ``group``; or a folder with one
sub-folder per label holding one article per file. The format is described in
``training_data/README.md``. Every problem in a row is reported as an error naming
the file and line, before any slow work starts.

``positive`` names the labels that mean ``low_quality``. When ``negative`` is
given too, every label must be one of the two lists (a typo is an error);
otherwise every other label means ``ok``.
"""
from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from scorer.core.config import DEFAULT_MAX_BYTES, Config
from scorer.core.errors import ScorerError
from scorer.ingest.load import decode

#: Columns the readers understand; any other column is kept as metadata (for breakdowns).
KNOWN_COLUMNS = ("text", "html", "label", "date", "url", "group")
#: The files a folder set reads. Not ``scorer.ingest.inputs.ARTICLE_SUFFIXES``: scoring also reads
#: ``.shtml`` and ``.gz`` files, which a folder set never held; kept apart so training reads what it always read.
FOLDER_SET_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml")
DEFAULT_POSITIVE = ("low_quality",)
#: The meta column of a lead (see :mod:`scorer.research.screening`): the ``where`` of the article it was cut from.
LEAD_OF = "lead_of"
#: The meta column of a layout copy (see :mod:`scorer.research.augment`): the ``where`` of the article it was made from.
VARIANT_OF = "variant_of"

# Many scraped sets join paragraphs with two or more spaces on one line; models trained
# on them would otherwise learn "one long line = reported news, line breaks = rewrite".
_JOINED_PARAGRAPHS = re.compile(r"[ \t]{2,}")


class LabelledSetError(ScorerError):
    """A labelled set could not be read; the message names the file and line."""


@dataclass(frozen=True)
class LabelledRow:
    """One labelled article before extraction.

    ``where`` is ``file:line`` (or the file path for folder sets) for error messages;
    ``target`` is 1 for low_quality, 0 for ok; ``meta`` holds the other columns.
    """

    where: str
    content: str
    is_html: bool
    label: str
    target: int
    group: str
    date: _dt.date | None = None
    url: str | None = None
    meta: Mapping[str, str] = field(default_factory=dict)

    def config(self, today: _dt.date | None = None) -> Config:
        return Config(date=self.date, url=self.url, today=today)


def restore_paragraphs(text: str) -> str:
    """One paragraph per line for text whose paragraphs were joined by runs of spaces.

    Only text with no line break at all is touched: there the runs of spaces are the
    only trace of the paragraphs. Applied to every labelled text row alike.
    """
    if "\n" in text.strip():
        return text
    return _JOINED_PARAGRAPHS.sub("\n", text.strip())


def _parse_date(value: Any, where: str) -> _dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return _dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise LabelledSetError(f"{where}: date {value!r} is not YYYY-MM-DD") from None


class _LabelRule:
    def __init__(self, positive: Sequence[str], negative: Sequence[str] | None):
        self.positive = tuple(str(p) for p in positive) or DEFAULT_POSITIVE
        self.negative = tuple(str(n) for n in negative) if negative else None

    def target(self, label: Any, where: str) -> tuple[str, int]:
        if label is None or (isinstance(label, str) and not label.strip()):
            raise LabelledSetError(f"{where}: missing label")
        if isinstance(label, float) and label.is_integer():
            label = int(label)
        label = str(label).strip()
        if label in self.positive:
            return label, 1
        if self.negative is None or label in self.negative:
            return label, 0
        expected = ", ".join(self.positive + self.negative)
        raise LabelledSetError(f"{where}: unknown label {label!r} (expected one of: {expected})")


def _row_from_record(record: Mapping[str, Any], where: str, rule: _LabelRule, columns: Mapping[str, str], default_group: str) -> LabelledRow:
    def get(name: str) -> Any:
        return record.get(columns.get(name, name))

    text, html = get("text"), get("html")
    if text is not None and not isinstance(text, str) or html is not None and not isinstance(html, str):
        raise LabelledSetError(f"{where}: text/html must be a string")
    if text and text.strip():
        content, is_html = restore_paragraphs(text), False
    elif html and html.strip():
        content, is_html = html, True
    elif text is None and html is None:
        raise LabelledSetError(f"{where}: no {columns.get('text', 'text')!r} or {columns.get('html', 'html')!r} column")
    else:
        raise LabelledSetError(f"{where}: empty text")
    label, target = rule.target(get("label"), where)
    group = get("group")
    url = get("url")
    used = {columns.get(name, name) for name in KNOWN_COLUMNS}
    meta = {key: _meta_value(value) for key, value in record.items() if key not in used and _meta_value(value) is not None}
    return LabelledRow(
        where=where,
        content=content,
        is_html=is_html,
        label=label,
        target=target,
        group=str(group) if group not in (None, "") else default_group,
        date=_parse_date(get("date"), where),
        url=str(url) if url else None,
        meta=meta,
    )


def _meta_value(value: Any) -> str | None:
    # Breakdowns are by simple categorical columns; lists and long texts are not kept.
    if value is None or isinstance(value, (list, dict)):
        return None
    text = str(value)
    return text if len(text) <= 200 else None


def read_labelled(
    paths: Sequence[str | Path],
    positive: Sequence[str] = DEFAULT_POSITIVE,
    negative: Sequence[str] | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[LabelledRow]:
    """Every row of every labelled set in ``paths`` (JSONL, CSV or folder per label).

    ``columns`` maps a standard column (``text``, ``label``, ``group``...) to the
    name it has in these files, e.g. ``{"group": "pair_id"}``.
    """
    rule = _LabelRule(positive, negative)
    columns = dict(columns or {})
    rows: list[LabelledRow] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            rows.extend(_read_folder(path, rule))
        elif not path.is_file():
            raise LabelledSetError(f"{path}: no such file or folder")
        elif path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
            rows.extend(_read_jsonl(path, rule, columns))
        elif path.suffix.lower() in (".csv", ".tsv"):
            rows.extend(_read_csv(path, rule, columns))
        else:
            raise LabelledSetError(f"{path}: not a labelled set (expected .jsonl, .csv or a folder with one sub-folder per label)")
    if not rows:
        raise LabelledSetError(f"{', '.join(map(str, paths))}: no labelled articles")
    return rows


def _read_jsonl(path: Path, rule: _LabelRule, columns: Mapping[str, str]) -> list[LabelledRow]:
    rows = []
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise LabelledSetError(f"{where}: not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise LabelledSetError(f"{where}: expected a JSON object")
            rows.append(_row_from_record(record, where, rule, columns, default_group=where))
    return rows


def _read_csv(path: Path, rule: _LabelRule, columns: Mapping[str, str]) -> list[LabelledRow]:
    rows = []
    csv.field_size_limit(50_000_000)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
        try:
            for record in reader:
                # DictReader's line_num is the physical line where the record ended.
                where = f"{path}:{reader.line_num}"
                if None in record:
                    raise LabelledSetError(f"{where}: more fields than the header has")
                rows.append(_row_from_record(record, where, rule, columns, default_group=where))
        except csv.Error as exc:
            raise LabelledSetError(f"{path}:{reader.line_num}: {exc}") from None
    return rows


def _read_folder(path: Path, rule: _LabelRule) -> list[LabelledRow]:
    rows = []
    subfolders = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not subfolders:
        raise LabelledSetError(f"{path}: a folder set needs one sub-folder per label")
    for folder in subfolders:
        for file in sorted(folder.rglob("*")):
            if not file.is_file() or file.suffix.lower() not in FOLDER_SET_SUFFIXES:
                continue
            where = str(file)
            label, target = rule.target(folder.name, where)
            try:
                raw = file.read_bytes()
            except OSError as exc:
                raise LabelledSetError(f"{where}: {exc.strerror}") from None
            try:
                loaded = decode(raw, max_bytes=DEFAULT_MAX_BYTES)
            except ScorerError as exc:
                raise LabelledSetError(f"{where}: {exc}") from None
            if not loaded.text.strip():
                raise LabelledSetError(f"{where}: empty text")
            content = loaded.text if loaded.is_html else restore_paragraphs(loaded.text)
            # A story's rewrites share a file stem prefix ("story-12.txt", "story-12.rewrite.txt").
            group = file.name.split(".", 1)[0]
            rows.append(LabelledRow(where, content, loaded.is_html, label, target, group, meta={"folder": folder.name}))
    if not rows:
        raise LabelledSetError(f"{path}: no article files ({', '.join(FOLDER_SET_SUFFIXES)}) in its sub-folders")
    return rows


def data_digest(rows: Iterable[LabelledRow]) -> str:
    """SHA-256 over the content, label and group of every row: identifies the training data."""
    digest = hashlib.sha256()
    for row in rows:
        for part in (row.content, row.label, row.group, row.date.isoformat() if row.date else "", row.url or ""):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
    return digest.hexdigest()
