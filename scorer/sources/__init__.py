"""Sources: every scored article kept by publisher, and per-source estimates beside named ratings.

    from scorer.sources import open_store, estimate_sources, EstimateOptions
    with open_store("articles.db") as store:
        store.add(scorer.score_file("story.html"), source="example.com")
        for estimate in estimate_sources(store, EstimateOptions(min_articles=5)):
            print(estimate.source, estimate.score, estimate.low, estimate.high)

The estimate is content evidence: what a source's stored articles show, shrunk toward the
population when there are few. It is not a verdict on a newsroom, and external ratings stay
beside it under their raters' names.
"""
from __future__ import annotations

import logging

from scorer.sources.estimate import (
    ContentWeights,
    EstimateOptions,
    Estimates,
    SourceEstimate,
    estimate_sources,
    shipped_weights,
)
from scorer.sources.evaluate import Metric, evaluate
from scorer.sources.ingest import (
    IngestOptions,
    IngestReport,
    Record,
    ingest,
    ingest_records,
)
from scorer.sources.keys import source_key
from scorer.sources.ratings import ImportReport, import_ratings, read_ratings
from scorer.sources.report import SourceReport, source_report
from scorer.sources.store import AddReport, Store, open_store

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "AddReport",
    "ContentWeights",
    "EstimateOptions",
    "Estimates",
    "ImportReport",
    "IngestOptions",
    "IngestReport",
    "Metric",
    "Record",
    "SourceEstimate",
    "SourceReport",
    "Store",
    "estimate_sources",
    "evaluate",
    "import_ratings",
    "ingest",
    "ingest_records",
    "open_store",
    "read_ratings",
    "shipped_weights",
    "source_key",
    "source_report",
]
