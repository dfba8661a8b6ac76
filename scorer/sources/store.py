"""The article store: every scored article kept by source, in one SQLite file.

WAL mode and a busy timeout let several ingests write one store at once (each batch is
one ``BEGIN IMMEDIATE`` transaction, so an interrupt loses at most the batch in flight).
A ``schema_version`` table and :func:`migrate` carry older stores forward.

An article is identified by the hash of its normalised text and the model that scored
it: re-scoring it with the same model adds nothing (UNIQUE(content_hash, model)); a new
model adds rows named by that model. Each source that published the same text is kept
in ``copies``; the article row is owned by the earliest-dated one, so a republisher does
not borrow the wire's quality (it lists the copy as syndicated instead).
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import math
import re
import sqlite3
import time
from contextlib import contextmanager
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from scorer.core.errors import ScorerError
from scorer.model.loading import default_model_dir, model_digest
from scorer.model.predictor import InterimRule
from scorer.model.trained import read_metadata
from scorer.sources import criteria
from scorer.sources.keys import host_of, source_key

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 60_000
_TOKEN = re.compile(r"\w+")
_FEATURE_COLUMNS = [criteria.column_of(f) for f in criteria.FEATURES]
_CRITERION_COLUMNS = ["c_" + c.name for c in criteria.CRITERIA]


def _schema_v1() -> list[str]:
    features = ",\n  ".join(f"{c} REAL" for c in _FEATURE_COLUMNS)
    crits = ",\n  ".join(f"{c} INTEGER NOT NULL DEFAULT 0" for c in _CRITERION_COLUMNS)
    return [
        f"""CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  content_hash TEXT NOT NULL,
  model TEXT NOT NULL,
  source TEXT NOT NULL,
  url TEXT, host TEXT,
  date TEXT, month TEXT, date_source TEXT,
  input TEXT, byline TEXT, title TEXT,
  words INTEGER, probability REAL, score REAL, label TEXT,
  goodness REAL,            -- minus the log-odds of low_quality: higher = better
  signals TEXT,             -- JSON: {{family: {{feature: value}}}}
  finding_counts TEXT,      -- JSON: {{kind: count}} of findings and removed boilerplate
  top_findings TEXT,        -- JSON: a few findings to show a reader
  added_at TEXT NOT NULL,
  {features},
  {crits},
  UNIQUE (content_hash, model))""",
        "CREATE INDEX articles_model_source ON articles (model, source)",
        "CREATE INDEX articles_source_month ON articles (source, month)",
        """CREATE TABLE copies (
  content_hash TEXT NOT NULL, source TEXT NOT NULL, url TEXT, date TEXT, input TEXT,
  seen INTEGER NOT NULL,
  UNIQUE (content_hash, source))""",
        "CREATE INDEX copies_source ON copies (source)",
        """CREATE TABLE models (name TEXT PRIMARY KEY, seen INTEGER NOT NULL)""",
        """CREATE TABLE ratings (
  rater TEXT NOT NULL, source TEXT NOT NULL, value REAL NOT NULL, label TEXT, as_of TEXT,
  imported_at TEXT NOT NULL,
  UNIQUE (rater, source))""",
        "CREATE INDEX ratings_source ON ratings (source)",
    ]


_SCHEMA_V2 = [
    # the hash of the raw input row, so a re-ingest skips rows it already has without scoring them
    "ALTER TABLE articles ADD COLUMN input_hash TEXT",
    "CREATE INDEX articles_input ON articles (input_hash, model)",
]

#: Steps from version i to i+1; a new step is appended, never edited.
MIGRATIONS: tuple[list[str], ...] = (_schema_v1(), _SCHEMA_V2)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception, Ctrl-C included.

    A Ctrl-C is raised after the statement it interrupts returns: it can land after COMMIT
    has already ended the transaction, when ROLLBACK would fail with "no transaction is active".
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the store's schema to :data:`SCHEMA_VERSION`; returns the version it found."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    with transaction(conn):  # two processes opening a new store must not both create it
        row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        found = row[0] or 0
        if found > SCHEMA_VERSION:
            raise RuntimeError(f"store schema version {found} is newer than this scorer ({SCHEMA_VERSION}); upgrade scorer")
        for version in range(found, SCHEMA_VERSION):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version VALUES (?)", (version + 1,))
    return found


def content_hash(text: str) -> str:
    """Hash of the text's words, lower-cased: spacing and punctuation changes are the same article."""
    words = " ".join(_TOKEN.findall(text.lower()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=16)
def model_key(name: str | None, path: str | None) -> str:
    """``name@digest``: the digest (of the model directory's files) tells retrained models with one name apart."""
    folder = Path(path) if path else None
    if folder and folder.is_dir():
        return f"{name or 'model'}@{model_digest(folder)[:12]}"
    return name or "model"


def _iso_date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    for fmt in ("%m/%d/%y", "%m/%d/%Y", "%d %B %Y", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def row_from_result(result: Any, *, model: str, source: str | None = None, url: str | None = None,
                    input: str | None = None, byline: str | None = None, title: str | None = None,
                    date: Any = None, input_hash: str | None = None) -> dict[str, Any] | None:
    """One store row from a :class:`scorer.ScoreResult`; None when it has no source key, failed, or has
    no verdict (too short to judge: nothing to estimate a source from).

    Explicit ``url``/``byline``/``title``/``date`` (a data set's own columns) win over what
    the extractor found in the page.
    """
    if result.error is not None or result.article is None or result.probability is None:
        return None
    data = result.as_dict()
    meta = data["article"]
    url = url or meta.get("url")
    key = source_key(url, source)
    if not key:
        return None
    byline = byline or meta.get("author")
    title = title or meta.get("title")
    given = _iso_date(date)
    iso = given or _iso_date(meta.get("date"))
    date_source = ("data" if given else meta.get("date_source"))
    if date_source == "today":
        iso = None  # "today" is when we scored it, not when it was published: no date span from it
    if iso and iso > (dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1)).isoformat():
        # not published yet, so not a publication date (a data set's "2050" read from a URL's
        # "...-by-2050"): a wrong date would stretch the source's date span and history
        iso, date_source = None, "future date ignored"
    p = min(max(float(data["probability"]), 1e-4), 1 - 1e-4)
    counts = Counter(f["kind"] for f in data.get("findings", ()))
    counts.update(r["kind"] for r in data.get("removed", ()))
    top = [{"kind": f["kind"], "text": f.get("text", "")[:160]} for f in data.get("findings", ())
           if f["kind"] not in ("quote", "named_source")][:5]
    text = result.article.text
    row = {
        "content_hash": content_hash(text), "model": model, "source": key, "url": url, "host": host_of(url),
        "date": iso, "month": iso[:7] if iso else None, "date_source": date_source, "input": input or data.get("input"),
        "byline": byline, "title": title, "words": meta.get("words"), "probability": data["probability"],
        "score": data["score"], "label": data["label"], "goodness": -math.log(p / (1 - p)),
        "signals": json.dumps(data["signals"], separators=(",", ":")),
        "finding_counts": json.dumps(dict(counts), separators=(",", ":")),
        "top_findings": json.dumps(top, separators=(",", ":"), ensure_ascii=False),
        "input_hash": input_hash,
    }
    for feature, value in criteria.feature_values(data["signals"]).items():
        row[criteria.column_of(feature)] = value
    for name, flag in criteria.flags(data, byline, title, text).items():
        row["c_" + name] = flag
    return row


_ROW_COLUMNS = ["content_hash", "model", "source", "url", "host", "date", "month", "date_source", "input", "byline",
                "title", "words", "probability", "score", "label", "goodness", "signals", "finding_counts",
                "top_findings", "input_hash", *_FEATURE_COLUMNS, *_CRITERION_COLUMNS]
_INSERT = (f"INSERT OR IGNORE INTO articles ({', '.join(_ROW_COLUMNS)}, added_at) "
           f"VALUES ({', '.join(':' + c for c in _ROW_COLUMNS)}, :added_at)")


@dataclass(frozen=True)
class AddReport:
    added: int  # new article rows
    copies: int  # new (text, source) sightings, syndicated copies included
    seen: int  # rows offered


class Store:
    """An open article store. Use :func:`open_store`; close it (or use ``with``)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                    check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a committed batch survives a crash of this process
        migrate(self.conn)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def add(self, result: Any, *, source: str | None = None, model: str | None = None, **fields: Any) -> bool:
        """Store one :class:`scorer.ScoreResult`; False when it was already there (or has no source key)."""
        if model is None:
            model = default_model_key()
        row = row_from_result(result, model=model, source=source, **fields)
        return row is not None and self.add_rows([row]).added == 1

    def add_rows(self, rows: Iterable[Mapping[str, Any]]) -> AddReport:
        """Insert rows made by :func:`row_from_result` in ONE transaction (all or nothing)."""
        rows = list(rows)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        added = copies = 0
        with transaction(self.conn):
            for row in rows:
                cur = self.conn.execute(_INSERT, {**row, "added_at": now})
                added += cur.rowcount
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO copies (content_hash, source, url, date, input, seen) VALUES (?,?,?,?,?,?)",
                    (row["content_hash"], row["source"], row["url"], row["date"], row["input"], time.time_ns()))
                copies += cur.rowcount
                if cur.rowcount:
                    self._assign_owner(row["content_hash"])
                self.conn.execute("INSERT OR IGNORE INTO models (name, seen) VALUES (?, ?)", (row["model"], time.time_ns()))
        return AddReport(added=added, copies=copies, seen=len(rows))

    def _assign_owner(self, chash: str) -> None:
        """Give the article to its earliest-dated source (undated last, then first seen)."""
        owner = self.conn.execute(
            "SELECT source, url, date FROM copies WHERE content_hash = ? "
            "ORDER BY date IS NULL, date, seen LIMIT 1", (chash,)).fetchone()
        self.conn.execute(
            "UPDATE articles SET source = ?, url = ?, host = ?, date = COALESCE(?, date), "
            "month = COALESCE(substr(?, 1, 7), month) WHERE content_hash = ? AND source != ?",
            (owner["source"], owner["url"], host_of(owner["url"]), owner["date"], owner["date"], chash, owner["source"]))

    def has_input(self, input_hash: str, model: str) -> bool:
        """True when a row with this raw input was already scored by ``model``."""
        return self.conn.execute("SELECT 1 FROM articles WHERE input_hash = ? AND model = ? LIMIT 1",
                                 (input_hash, model)).fetchone() is not None

    def models(self) -> list[str]:
        """Models in the store, oldest first."""
        return [r[0] for r in self.conn.execute("SELECT name FROM models ORDER BY seen")]

    def latest_model(self) -> str | None:
        row = self.conn.execute("SELECT name FROM models ORDER BY seen DESC LIMIT 1").fetchone()
        return row[0] if row else None

    def count(self, model: str | None = None) -> int:
        if model is None:
            return self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        return self.conn.execute("SELECT COUNT(*) FROM articles WHERE model = ?", (model,)).fetchone()[0]

    def iter_articles(self, model: str | None = None, source: str | None = None) -> Iterator[dict[str, Any]]:
        """Article rows as dicts (for export and ``show``; aggregates never loop over rows)."""
        sql, args = "SELECT * FROM articles WHERE 1=1", []
        if model:
            sql, args = sql + " AND model = ?", [*args, model]
        if source:
            sql, args = sql + " AND source = ?", [*args, source]
        for row in self.conn.execute(sql + " ORDER BY id", args):
            yield dict(row)


def open_store(path: str | Path) -> Store:
    """Open (creating or migrating) the store at ``path``."""
    return Store(path)


def default_model_key(model_path: str | None = None) -> str:
    """The key of the model ``scorer`` scores with: its name (from its metadata, so nothing is unpickled)
    plus a digest of its files; the interim rule's name when no model is shipped."""
    folder = Path(model_path) if model_path else default_model_dir()
    if folder is None:
        return InterimRule.name
    try:
        name = read_metadata(folder).get("name")
    except ScorerError:
        name = None
    return model_key(name, str(folder))
