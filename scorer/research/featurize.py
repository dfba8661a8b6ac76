"""Featurizing labelled rows (the slow part), in parallel and cached on disk by code version."""
from __future__ import annotations

import datetime as _dt
import functools
import gzip
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import joblib
import numpy as np

from scorer.core.errors import ScorerError
from scorer.model.featurizer import extract_features
from scorer.pipeline import article_from_text
from scorer.research.readers import LEAD_OF, VARIANT_OF, LabelledRow
from scorer.signals import FAMILIES

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the code and packaged data that features depend on (keys the feature cache).

    The rest of ``scorer.research`` is left out: it sits above the layers that compute features
    (the import contract in pyproject.toml), so a change to how training runs cannot change a
    feature, and need not throw the cache away. This module stays in: it calls the extraction.
    """
    root = Path(__file__).resolve().parents[1]  # the scorer package
    digest = hashlib.sha256()
    for file in sorted(root.rglob("*")):
        relative = file.relative_to(root)
        if relative.parts[0] == "research" and file.name != "featurize.py":
            continue
        if file.suffix in (".py", ".txt", ".csv", ".json", ".tsv") and "__pycache__" not in file.parts and "_bundled_models" not in file.parts:
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


# Taken once, when this module is imported with the code it describes: a digest read later (say after
# a `git merge` under a running benchmark) would file features of the old code under the new key.
code_version()


@dataclass
class FeaturizedSet:
    """Feature mappings of the rows that could be read, and the rows that could not."""

    rows: list[LabelledRow]
    features: list[dict[str, float]]
    texts: list[str]
    failed: list[tuple[LabelledRow, str]]

    @property
    def targets(self) -> list[int]:
        return [row.target for row in self.rows]

    @property
    def groups(self) -> list[str]:
        return [row.group for row in self.rows]

    @property
    def sources(self) -> list[str]:
        """The labelled set each row comes from: its ``source_dataset`` column, else its file."""
        return [row.meta.get("source_dataset") or row.where.rsplit(":", 1)[0] for row in self.rows]

    def subset(self, indices: Iterable[int]) -> "FeaturizedSet":
        """The rows at ``indices`` (in that order), with the same failed rows."""
        indices = list(indices)
        return FeaturizedSet([self.rows[i] for i in indices], [self.features[i] for i in indices], [self.texts[i] for i in indices], list(self.failed))

    @staticmethod
    def joined(*sets: "FeaturizedSet") -> "FeaturizedSet":
        """The rows of every set, one after the other."""
        return FeaturizedSet(
            [r for s in sets for r in s.rows], [f for s in sets for f in s.features], [t for s in sets for t in s.texts], [f for s in sets for f in s.failed]
        )

    @property
    def articles(self) -> np.ndarray:
        """Which rows are articles as read, not leads cut from them (see :func:`with_leads`) or layout copies (scorer.research.augment)."""
        return np.asarray([LEAD_OF not in row.meta and VARIANT_OF not in row.meta for row in self.rows], dtype=bool)


def _featurize_one(row: LabelledRow, today: _dt.date | None, options: Mapping[str, Any]) -> tuple[dict[str, float], str] | str:
    config = row.config(today)
    try:
        article = article_from_text(row.content, input=row.where, config=config, is_html=row.is_html)
        return extract_features(article, None, config, **options), article.text
    except (ScorerError, RecursionError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}" if not isinstance(exc, ScorerError) else str(exc)


def _row_key(row: LabelledRow, options: Mapping[str, Any]) -> str:
    digest = hashlib.sha256()
    for part in (row.content, str(row.is_html), row.date.isoformat() if row.date else "", row.url or "", json.dumps(options, sort_keys=True, default=list)):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def featurize_rows(
    rows: Sequence[LabelledRow],
    *,
    families: Sequence[str] | None = None,
    style: bool = True,
    undated: str = "neutral",
    today: _dt.date | None = None,
    n_jobs: int = 1,
    cache_dir: str | Path | None = None,
) -> FeaturizedSet:
    """Extract and featurize every row (the slow part), in parallel and cached when asked.

    The cache holds one file per code version, so a change to any signal
    invalidates it; it stores features and cleaned text keyed by a digest of the row. It is
    gzipped JSON, not a pickle: a cache file someone else planted can hold wrong numbers, but
    it cannot run code.
    """
    options = {"families": tuple(FAMILIES if families is None else families), "style": style, "undated": undated}
    cache: dict[str, Any] = {}
    cache_file = None
    if cache_dir is not None:
        cache_file = Path(cache_dir) / f"features-{code_version()}.json.gz"
        if cache_file.is_file():
            try:
                with gzip.open(cache_file, "rt", encoding="utf-8") as handle:
                    cache = json.load(handle)
                if not isinstance(cache, dict):
                    raise ValueError("not a mapping")
            except (OSError, EOFError, ValueError) as exc:  # a truncated or foreign cache is rebuilt, never trusted
                logger.warning("ignoring unreadable feature cache %s (%s)", cache_file, exc)
                cache = {}
    keys = [_row_key(row, options) for row in rows]
    todo = [i for i, key in enumerate(keys) if key not in cache]
    if todo:
        logger.info("featurizing %d of %d articles (%d cached)", len(todo), len(rows), len(rows) - len(todo))
        if n_jobs == 1 or len(todo) < 20:
            results = [_featurize_one(rows[i], today, options) for i in todo]
        else:
            results = joblib.Parallel(n_jobs=n_jobs, batch_size=16)(joblib.delayed(_featurize_one)(rows[i], today, options) for i in todo)
        for i, result in zip(todo, results):
            cache[keys[i]] = result
        if cache_file is not None:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_suffix(f".tmp{os.getpid()}")
            with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=1) as handle:
                json.dump(cache, handle)
            os.replace(tmp, cache_file)
    kept, features, texts, failed = [], [], [], []
    for row, key in zip(rows, keys):
        result = cache[key]
        if isinstance(result, str):
            failed.append((row, result))
        else:
            kept.append(row)
            features.append(result[0])
            texts.append(result[1])
    return FeaturizedSet(kept, features, texts, failed)
