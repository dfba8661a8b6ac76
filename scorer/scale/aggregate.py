"""Per-source figures over a folder of result part files, in DuckDB.

    from scorer.scale.aggregate import per_source
    for row in per_source("scores/", by="domain"):
        print(row.key, row.articles, row.mean_score, row.low_quality_share)

``by`` is ``domain`` (the registered domain of the article's URL), ``host``, or ``source`` (the
input record's own ``source`` column, else the domain). Errors are counted apart and left out of
the mean and the share. DuckDB reads the Parquet files with its built-in reader; extension
auto-install and auto-load are switched off, so nothing is downloaded at run time.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

_KEYS = {
    "domain": '"domain"',
    "host": '"host"',
    "source": 'coalesce("source", "domain")',
}


@dataclass(frozen=True)
class SourceFigures:
    key: str | None  # None: results with no URL and no source
    articles: int  # scored (errors left out)
    mean_score: float | None
    low_quality_share: float | None
    errors: int

    def as_dict(self) -> dict:
        return {"key": self.key, "articles": self.articles, "mean_score": self.mean_score,
                "low_quality_share": self.low_quality_share, "errors": self.errors}


def connect():
    """An in-memory DuckDB connection that never installs or loads extensions by itself."""
    import duckdb

    connection = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    return connection


def _files(path: str) -> list[str]:
    if os.path.isdir(path):
        found = sorted(os.path.join(path, n) for n in os.listdir(path) if n.endswith(".parquet"))
        if not found:
            raise FileNotFoundError(f"{path} holds no .parquet files")
        return found
    return [path]


def per_source(path: str, *, by: str = "domain", min_articles: int = 0) -> list[SourceFigures]:
    """Article count, mean score and share labelled low_quality per source, most articles first.

    ``path`` is a folder of part files (``part-*.parquet``) or one Parquet file.
    """
    if by not in _KEYS:
        raise ValueError(f"by must be one of {', '.join(_KEYS)}, not {by!r}")
    key = _KEYS[by]
    query = f"""
        SELECT {key} AS key,
               count(*) FILTER (WHERE error IS NULL) AS articles,
               avg(score) FILTER (WHERE error IS NULL) AS mean_score,
               avg(CASE WHEN label = 'low_quality' THEN 1.0 ELSE 0.0 END) FILTER (WHERE error IS NULL) AS low_quality_share,
               count(*) FILTER (WHERE error IS NOT NULL) AS errors
        FROM read_parquet(?)
        GROUP BY key
        HAVING count(*) FILTER (WHERE error IS NULL) >= ?
        ORDER BY articles DESC, key NULLS LAST
    """
    connection = connect()
    try:
        rows = connection.execute(query, [_files(path), min_articles]).fetchall()
    finally:
        connection.close()
    return [SourceFigures(k, int(n), None if m is None else round(float(m), 4), None if s is None else round(float(s), 4), int(e))
            for k, n, m, s, e in rows]
