"""Scoring at scale: partitions of a crawl scored in this process, in local processes or on Dask,
written as partitioned Parquet (or JSON Lines), and aggregated per source in DuckDB.

    from scorer.scale import run
    summary = run(["crawl.warc.gz", "articles.jsonl"], "scores/", engine="dask", workers=2)
    print(summary.line())

    from scorer.scale.aggregate import per_source
    per_source("scores/", by="domain")

Modules: :mod:`~scorer.scale.partition` (cutting the inputs), :mod:`~scorer.scale.work` (what a
worker does), :mod:`~scorer.scale.engines` (local engines and :func:`run`), :mod:`~scorer.scale.dask`
(the Dask engine), :mod:`~scorer.scale.parquet` (the output schema and writer),
:mod:`~scorer.scale.aggregate` (DuckDB). Needs the ``scale`` extra: ``pip install 'scorer[scale]'``.
"""
from __future__ import annotations

from scorer.scale.engines import ENGINES, FORMATS, RunSummary, run
from scorer.scale.partition import PARTITION_SIZE, Partition, plan

__all__ = ["ENGINES", "FORMATS", "PARTITION_SIZE", "Partition", "RunSummary", "plan", "run"]
