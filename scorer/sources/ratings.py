"""External ratings, each kept under its rater's name and never merged into the content estimate.

Formats read by :func:`read_ratings`:

* ``csv``: ``source,value[,label]`` with ``value`` on 0–1 (higher = more reliable);
* ``lin2023``: Lin et al. (2023) ``domain_pc1.csv`` (``domain,pc1``; pc1 already on 0–1);
* ``baly``: Baly et al. ``corpus.tsv`` (MBFC factuality ``low``/``mixed``/``high`` → 0 / 0.5 / 1).

No rating list ships with the package: users import the ones they have the right to use.
"""
from __future__ import annotations

import csv
import datetime as dt
import logging
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from scorer.sources.keys import source_key
from scorer.sources.store import Store, transaction

log = logging.getLogger(__name__)

FORMATS = ("csv", "lin2023", "baly")
BALY_FACT = {"low": 0.0, "mixed": 0.5, "high": 1.0}


@dataclass(frozen=True)
class RatingRow:
    source: str
    value: float
    label: str | None = None


@dataclass(frozen=True)
class ImportReport:
    rater: str
    imported: int
    skipped: tuple[str, ...]  # "file:line: why"


def read_ratings(path: str | Path, fmt: str = "csv") -> tuple[list[RatingRow], list[str]]:
    """Rows of a ratings file, and the problems ("file:line: why") of the rows skipped."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown ratings format {fmt!r} (one of {', '.join(FORMATS)})")
    rows: list[RatingRow] = []
    problems: list[str] = []
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t" if fmt == "baly" else ",")
        for raw in reader:
            where = f"{path}:{reader.line_num}"
            try:
                row = _row(raw, fmt)
            except (KeyError, ValueError, TypeError) as exc:
                problems.append(f"{where}: {exc}")
                continue
            if row is not None:
                rows.append(row)
    return rows, problems


def _row(raw: dict[str, str], fmt: str) -> RatingRow | None:
    if fmt == "lin2023":
        name, value, label = raw["domain"], float(raw["pc1"]), None
    elif fmt == "baly":
        fact = (raw["fact"] or "").strip().lower()
        if fact not in BALY_FACT:
            raise ValueError(f"factuality {fact!r} is not low/mixed/high")
        name, value, label = raw.get("source_url_normalized") or raw["source_url"], BALY_FACT[fact], fact
    else:
        name, value, label = raw["source"], float(raw["value"]), (raw.get("label") or None)
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise ValueError(f"value {value} is not on 0–1")
    key = source_key(source=name)
    if not key:
        raise ValueError(f"no source key in {name!r}")
    return RatingRow(source=key, value=value, label=label)


def import_ratings(store: Store, path: str | Path, rater: str, fmt: str = "csv", as_of: str | None = None) -> ImportReport:
    """Replace ``rater``'s ratings in ``store`` with the file's, in one transaction."""
    if not rater.strip():
        raise ValueError("a rater needs a name")
    rows, problems = read_ratings(path, fmt)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with transaction(store.conn):
        store.conn.execute("DELETE FROM ratings WHERE rater = ?", (rater,))
        store.conn.executemany(
            "INSERT OR REPLACE INTO ratings (rater, source, value, label, as_of, imported_at) VALUES (?,?,?,?,?,?)",
            [(rater, r.source, r.value, r.label, as_of, now) for r in rows])
    log.info("imported %d ratings by %s (%d rows skipped)", len(rows), rater, len(problems))
    return ImportReport(rater=rater, imported=len(rows), skipped=tuple(problems))


def raters(store: Store) -> Iterator[tuple[str, int]]:
    yield from store.conn.execute("SELECT rater, COUNT(*) FROM ratings GROUP BY rater ORDER BY rater")
