"""Building articles for the signal tests without the load/extract/clean stages."""
from __future__ import annotations

import datetime as dt

from scorer.core.document import Article
from scorer.ingest.segment import build_article

DATE = dt.date(2025, 3, 4)


def make_article(text: str, *, date_source: str = "today", **metadata) -> Article:
    """``text`` segmented as the pipeline would after cleaning, with the given metadata."""
    return build_article(text, date=DATE, date_source=date_source, **metadata)


def findings_of(result, kind: str) -> list:
    return [finding for finding in result.findings if finding.kind == kind]
