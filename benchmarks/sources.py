"""Benchmark of per-source content estimates on ../shared/datasets/source-articles.

    python benchmarks/sources.py                      # score into a private temp store, then report
    python benchmarks/sources.py --store run.db       # reuse (or fill) this store: scoring takes minutes
    python benchmarks/sources.py --jobs 2

1. Scores the 4,004 articles (68 domains; drudgereport.com, an aggregator, left out of the
   figures) into a store keyed by ``source_domain``. Texts stay in ../shared; the store is in a
   private temp dir unless --store is given.
2. On domains with >= 20 articles: Spearman of the content estimate with Lin et al. pc1, AUROC
   for MBFC "high" vs not and for the ReCOVery reliable flag, each beside the plain mean article
   score, with bootstrap 95% intervals over domains. The content weights are fitted by
   cross-validation split by domain (leave-one-domain-out and 5-fold): no domain is scored by
   weights fitted on it.
3. Interval honesty: nominal 90% intervals from random 10-article subsamples of domains with
   >= 100 articles, coverage of the full-sample estimate; Spearman of estimates from 5 articles
   against the full-sample one.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SHARED = Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets"
SET = SHARED / "source-articles"


def fill_store(path: str, jobs: int) -> None:
    from scorer.sources import IngestOptions, Record, ingest_records, open_store

    def records():
        with open(SET / "articles.jsonl", encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                d = json.loads(line)
                yield Record(where=f"articles.jsonl:{number}", text=d["text"], url=d["url"], source=d["source_domain"],
                             date=d["date"], authors=d["authors"], title=d["title"])

    with open_store(path) as store:
        if store.count() >= 4000:
            print(f"store {path}: {store.count()} articles already, not rescoring", file=sys.stderr)
            return
        start = time.perf_counter()
        report = ingest_records(store, records(), IngestOptions(jobs=jobs, batch_size=100))
        print(f"scored: {report.summary()} in {time.perf_counter() - start:.0f} s (jobs={jobs})", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", help="store to reuse or fill (default: a private temp dir, removed after)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--ingest-only", action="store_true")
    args = parser.parse_args()
    if not SET.is_dir():
        sys.exit(f"source-articles not found at {SET} (set SCORER_SHARED)")
    with tempfile.TemporaryDirectory(prefix="scorer-sources-") as tmp:
        path = args.store or os.path.join(tmp, "store.db")
        fill_store(path, args.jobs)
        if args.ingest_only:
            return
        from benchmarks_sources_report import report  # noqa: F401  (filled in below)


if __name__ == "__main__":
    main()
