"""Helpers for the tests of scorer.sources: synthetic store rows (no scoring needed)."""
from __future__ import annotations

import json

from scorer.sources import criteria

FIXTURE_ARTICLES = "sources/articles.jsonl"


def synthetic_row(source: str, i: int, goodness: float, *, model: str = "m@1", date: str | None = "2026-01-15",
                  content_hash: str | None = None, flags: dict | None = None) -> dict:
    """A store row as row_from_result would make it, with a chosen goodness (log-odds of ok)."""
    import math

    p = 1 / (1 + math.exp(goodness))
    row = {
        "content_hash": content_hash or f"{source}-{i}", "model": model, "source": source, "url": f"https://{source}/{i}",
        "host": source, "date": date, "month": date[:7] if date else None, "date_source": "data", "input": f"x:{i}",
        "byline": None, "title": f"t{i}", "words": 300, "probability": p, "score": round(100 * (1 - p), 1), "label": "ok",
        "goodness": goodness, "signals": "{}", "finding_counts": "{}", "top_findings": json.dumps([{"kind": "hedge", "text": "may"}]), "input_hash": None,
    }
    for feature in criteria.FEATURES:
        row[criteria.column_of(feature)] = 0.0
    for c in criteria.CRITERIA:
        row["c_" + c.name] = int((flags or {}).get(c.name, 0))
    return row


def ingest_fixture(db, fixtures) -> None:
    """Score the fixture articles into ``db`` with the CLI (8 articles, two sources)."""
    from click.testing import CliRunner

    from scorer.cli import cli

    result = CliRunner().invoke(cli, ["sources", "ingest", str(fixtures / FIXTURE_ARTICLES), "--store", str(db)],
                                catch_exceptions=False)
    assert result.exit_code == 0 and "8 added" in result.output, result.output


_SCORED: dict = {}


def scored_store_once(tmp_path_factory, fixtures):
    """One store of the scored fixture articles per test session (scoring is the slow part); copy before writing."""
    if "db" not in _SCORED:
        db = tmp_path_factory.mktemp("scored") / "s.db"
        ingest_fixture(db, fixtures)
        _SCORED["db"] = db
    return _SCORED["db"]
