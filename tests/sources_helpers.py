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
        "goodness": goodness, "signals": "{}", "finding_counts": "{}", "top_findings": json.dumps([{"kind": "hedge", "text": "may"}]),
    }
    for feature in criteria.FEATURES:
        row[criteria.column_of(feature)] = 0.0
    for c in criteria.CRITERIA:
        row["c_" + c.name] = int((flags or {}).get(c.name, 0))
    return row
