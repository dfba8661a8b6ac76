"""Results as Parquet: one row per article, written in row groups (memory flat in the batch size).

Columns, in this order:

* the contract's scalars: ``input``, ``error``, ``score``, ``label``, ``probability``, ``threshold``,
  ``prior``, ``model``
* ``article.title``, ``article.author``, ``article.site``, ``article.url``, ``article.date`` (a
  Parquet date), ``article.date_source``, ``article.words``
* ``signals.<family>.<feature>`` for every feature of every family shown in the output (float64;
  the names come from the signal registry, so every part file of a run has the same schema)
* ``reasons``, ``findings``, ``removed``: lists of structs with the contract's keys
* beside the contract, for aggregation: ``source`` (the input record's own source, if any),
  ``host`` and ``domain`` (of the article's URL, else of the record's URL; :mod:`scorer.scale.hosts`)

A row with ``error`` set has nulls elsewhere (but ``input``, and ``source``/``host``/``domain``
when the record gave a URL). :func:`contract_dicts` turns rows back into the JSON Lines contract
objects, so a Parquet file and the JSON Lines output of the same run compare equal.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
from typing import IO, Any, Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from scorer.core.document import ScoreResult
from scorer.scale.hosts import domain_of, host_of
from scorer.signals import REGISTRY

#: Rows buffered before a row group is written.
ROW_GROUP_SIZE = 500

_SCALARS = [
    ("input", pa.string()),
    ("error", pa.string()),
    ("score", pa.float64()),
    ("label", pa.string()),
    ("probability", pa.float64()),
    ("threshold", pa.float64()),
    ("prior", pa.float64()),
    ("model", pa.string()),
]
_ARTICLE = [
    ("title", pa.string()),
    ("author", pa.string()),
    ("site", pa.string()),
    ("url", pa.string()),
    ("date", pa.date32()),
    ("date_source", pa.string()),
    ("words", pa.int64()),
]
_REASON = pa.struct([("feature", pa.string()), ("effect", pa.float64()), ("message", pa.string()), ("kind", pa.string())])
_FINDING = pa.struct([("kind", pa.string()), ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                      ("message", pa.string()), ("rule", pa.string())])
_REMOVAL = pa.struct([("kind", pa.string()), ("text", pa.string())])
_LISTS = [("reasons", pa.list_(_REASON)), ("findings", pa.list_(_FINDING)), ("removed", pa.list_(_REMOVAL))]
_KEYS = [("source", pa.string()), ("host", pa.string()), ("domain", pa.string())]


@functools.lru_cache(maxsize=1)
def signal_columns() -> tuple[tuple[str, str], ...]:
    """(family, feature) for every signal column, in output order (from the registry)."""
    return tuple((spec.name, feature) for spec in REGISTRY if spec.in_output for feature in spec.feature_names())


@functools.lru_cache(maxsize=1)
def schema() -> pa.Schema:
    """The schema of every results file."""
    fields = [pa.field(name, kind, nullable=name != "input") for name, kind in _SCALARS]
    fields += [pa.field(f"article.{name}", kind) for name, kind in _ARTICLE]
    fields += [pa.field(f"signals.{family}.{feature}", pa.float64()) for family, feature in signal_columns()]
    fields += [pa.field(name, kind) for name, kind in _LISTS + _KEYS]
    return pa.schema(fields)


def to_row(result: ScoreResult, *, source: str | None = None, url: str | None = None) -> dict[str, Any]:
    """One Parquet row for ``result``; ``source`` and ``url`` are the input record's own (if any)."""
    row: dict[str, Any] = dict.fromkeys(schema().names)
    contract = result.as_dict()
    for name, _ in _SCALARS:
        row[name] = contract.get(name)
    article = result.article if result.error is None else None
    if article is not None:
        for name, value in contract["article"].items():
            row[f"article.{name}"] = value
        row["article.date"] = article.date
        for family, signal in contract["signals"].items():
            for feature, value in signal.items():
                key = f"signals.{family}.{feature}"
                if key not in row:
                    raise ValueError(f"signal {family}.{feature} is not declared by its family (not in the Parquet schema)")
                row[key] = float(value)
        for name, _ in _LISTS:
            row[name] = contract[name]
        url = article.url or url
    row["source"] = source
    row["host"] = host_of(url)
    row["domain"] = domain_of(url)
    return row


def contract_dicts(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The JSON Lines contract objects of Parquet rows (the inverse of :func:`to_row`, less the keys)."""
    families: dict[str, list[str]] = {}
    for family, feature in signal_columns():
        families.setdefault(family, []).append(feature)
    for row in rows:
        if row.get("error") is not None:
            yield {"input": row["input"], "error": row["error"]}
            continue
        out = {name: row[name] for name, _ in _SCALARS}
        article = {name: row[f"article.{name}"] for name, _ in _ARTICLE}
        if isinstance(article["date"], dt.date):
            article["date"] = article["date"].isoformat()
        out["article"] = article
        out["signals"] = {
            family: {feature: _number(row[f"signals.{family}.{feature}"]) for feature in features if row.get(f"signals.{family}.{feature}") is not None}
            for family, features in families.items()
            if any(row.get(f"signals.{family}.{feature}") is not None for feature in features)
        }
        for name, _ in _LISTS:
            out[name] = list(row[name] or [])
        yield out


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def read_rows(path: str, columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """The rows of one results file, or of every ``*.parquet`` in a folder (sorted), streamed."""
    paths = sorted(os.path.join(path, n) for n in os.listdir(path) if n.endswith(".parquet")) if os.path.isdir(path) else [path]
    for one in paths:
        parquet = pq.ParquetFile(one)
        for batch in parquet.iter_batches(batch_size=ROW_GROUP_SIZE, columns=columns):
            yield from batch.to_pylist()


class ParquetResultWriter:
    """Rows appended one at a time, written a row group at a time to ``sink`` (a path or a binary file)."""

    def __init__(self, sink: str | IO[bytes], row_group_size: int = ROW_GROUP_SIZE):
        self._writer = pq.ParquetWriter(sink, schema(), compression="zstd")
        self._rows: list[dict[str, Any]] = []
        self.row_group_size = row_group_size
        self.written = 0

    def write(self, result: ScoreResult, *, source: str | None = None, url: str | None = None) -> None:
        self._rows.append(to_row(result, source=source, url=url))
        if len(self._rows) >= self.row_group_size:
            self.flush()

    def flush(self) -> None:
        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=schema()))
            self.written += len(self._rows)
            self._rows = []

    def close(self) -> None:
        self.flush()
        self._writer.close()

    def __enter__(self) -> "ParquetResultWriter":
        return self

    def __exit__(self, *exc) -> bool:
        self.close()
        return False
