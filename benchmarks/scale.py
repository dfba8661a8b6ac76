"""Scoring at scale: a generated WARC scored in one process and on Dask with 1 and 2 local workers.

Usage::

    python benchmarks/scale.py                        # 20,000 articles (issue 21, acceptance 5)
    python benchmarks/scale.py --articles 4000        # smaller, on a busy machine
    python benchmarks/scale.py --articles 2000 --workers 1,2 --skip-local

The WARC is written into a private temporary folder (removed at the end unless ``--keep``) from the
shared sets: every ``--html-every``-th record is one of the 121 ``aeb-scrapinghub`` pages (as an
HTTP response with ``text/html``, its real URL), the others are ``llmfake/train.jsonl`` texts
(``text/plain``, a URL per source). Nothing is committed.

Every run is pinned to one BLAS/OpenMP thread per process (``OMP_NUM_THREADS=1`` and the others,
set here before anything loads; the Dask workers are single-threaded). Printed: the seconds the
planning pass takes alone (it reads the WARC once in this process, and is part of every run),
then for each run its wall seconds and articles/s (the whole run: planning, cluster start-up and
model loading included), articles/s after its first part was written (past start-up), the CPU
seconds of this process (the single-process run's scoring, or Dask's client and scheduler) and of
the worker processes, per article; then the speed-up of 2 workers over 1, and whether the Parquet
output of every Dask run equals the single-process run's (same rows, sorted by input; if not, the
rows and columns that differ). Figures, not assertions.

Estimated from CPU per article measured under load (about 0.022 s a text, 0.12 s a page): the
default run (20,000 articles, every 5th a page; three runs) takes about 35 minutes on a quiet 2-core
machine, ``--articles 4000`` about 7.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"  # before numpy / scikit-learn load, here and in the Dask workers this process starts

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from scorer.core.config import Config  # noqa: E402
from scorer.scale import plan, run  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def write_warc(path: Path, shared: Path, n: int, html_every: int) -> dict:
    pages = sorted((shared / "aeb-scrapinghub" / "html").glob("*.html"))
    urls = {}
    with open(shared / "aeb-scrapinghub" / "ground_truth.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            urls[Path(row["html_file"]).name] = row.get("url")
    texts = []
    with open(shared / "llmfake" / "train.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("text"):
                texts.append((row.get("id", ""), row["text"]))
    counts = {"html": 0, "text": 0}
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "scorer benchmarks/scale.py"}))
        for i in range(n):
            if html_every and i % html_every == 0:
                page = pages[(i // html_every) % len(pages)]
                body, ctype = page.read_bytes(), "text/html; charset=utf-8"
                url = urls.get(page.name) or f"https://pages.example/{page.stem}"
                counts["html"] += 1
            else:
                ident, text = texts[i % len(texts)]
                source = ident.split(":")[1] if ident.count(":") >= 2 else "llmfake"
                body, ctype = text.encode("utf-8"), "text/plain; charset=utf-8"
                url = f"https://www.{source}.example/{i}"
                counts["text"] += 1
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                          warc_headers_dict={"WARC-Date": "2026-01-15T12:00:00Z"}))
    counts["bytes"] = path.stat().st_size
    return counts


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process, and of its finished children (the Dask worker processes, once the cluster is closed)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def differences(table: pa.Table, expected: pa.Table, limit: int = 5) -> dict:
    """How two sorted result tables differ: row counts, then the inputs and columns of the rows that differ."""
    if table.num_rows != expected.num_rows:
        return {"rows": table.num_rows, "expected_rows": expected.num_rows}
    rows, columns, examples = 0, set(), []
    for got, want in zip(table.to_pylist(), expected.to_pylist()):
        if got != want:
            rows += 1
            changed = sorted(k for k in want if got.get(k) != want[k])
            columns.update(changed)
            if len(examples) < limit:
                examples.append({"input": want["input"], "columns": changed})
    return {"rows_differing": rows, "columns": sorted(columns), "examples": examples}


def sorted_table(folder: Path) -> pa.Table:
    table = pa.concat_tables([pq.read_table(p) for p in sorted(folder.glob("part-*.parquet"))])
    return table.sort_by("input")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", "--n", dest="n", type=int, default=20_000, help="articles in the generated WARC (default 20,000)")
    parser.add_argument("--html-every", type=int, default=5, help="every K-th record is an HTML page, the others texts (0: texts only)")
    parser.add_argument("--workers", default="1,2", help="Dask worker counts to run, comma-separated (default 1,2)")
    parser.add_argument("--partition-size", type=int, help="articles per partition (default: scorer's, 250 or fewer for a small job)")
    parser.add_argument("--skip-local", action="store_true", help="no single-process run (then the first Dask run is the reference)")
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared" / "datasets")))
    parser.add_argument("--today", default="2026-12-07", help="the date assumed for undated articles (fixed, so runs compare)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args(argv)
    if not (args.shared / "llmfake" / "train.jsonl").exists():
        print(f"no shared sets at {args.shared} (set --shared or SCORER_SHARED)", file=sys.stderr)
        return 2
    import datetime as dt

    config = Config(today=dt.date.fromisoformat(args.today))
    work = Path(tempfile.mkdtemp(prefix="scorer-scale-bench-"))
    report: dict = {"n": args.n, "cores": os.cpu_count(), "load_average_at_start": os.getloadavg()}
    try:
        warc = work / "bench.warc.gz"
        started = time.perf_counter()
        report["warc"] = write_warc(warc, args.shared, args.n, args.html_every)
        report["warc"]["seconds_to_write"] = round(time.perf_counter() - started, 1)
        print(f"wrote {warc} ({report['warc']['html']} pages, {report['warc']['text']} texts, "
              f"{report['warc']['bytes'] / 1e6:.1f} MB) in {report['warc']['seconds_to_write']} s", flush=True)
        started, cpu = time.perf_counter(), time.process_time()
        partitions = len(plan([str(warc)], args.partition_size).partitions)
        report["plan"] = {"partitions": partitions, "seconds": round(time.perf_counter() - started, 2), "cpu_seconds": round(time.process_time() - cpu, 2)}
        print(f"planning alone (a pass over the WARC in this process, part of every run): {json.dumps(report['plan'])}", flush=True)
        runs = [] if args.skip_local else [("local", 1)]
        runs += [("dask", int(w)) for w in args.workers.split(",") if w.strip()]
        report["runs"] = []
        for engine, workers in runs:
            out = work / f"out-{engine}-{workers}"
            done: list[tuple[float, int]] = []  # (when, rows) as each part is written
            own, children = _cpu()
            summary = run([str(warc)], str(out), config=config, engine=engine, workers=workers, partition_size=args.partition_size,
                          on_part=lambda part, total: done.append((time.perf_counter(), part.rows)))
            own, children = (after - before for after, before in zip(_cpu(), (own, children)))
            figures = {"engine": engine, "workers": workers, "rows": summary.rows, "errors": summary.errors,
                       "seconds": round(summary.seconds, 1), "articles_per_s": round(summary.rows / summary.seconds, 2)}
            if len(done) > 2:
                # Past start-up: the rows of every part but the first, over the time from the first part to the last.
                figures["articles_per_s_after_first_part"] = round(sum(r for _, r in done[1:]) / (done[-1][0] - done[0][0]), 2)
            figures["cpu_seconds_per_article"] = round((own + children) / max(summary.rows, 1), 4)
            figures["cpu_seconds_this_process"] = round(own, 1)  # the scoring itself (local), or client + scheduler (dask)
            figures["cpu_seconds_workers"] = round(children, 1)
            figures["load_average_after"] = round(os.getloadavg()[0], 1)
            report["runs"].append(figures)
            print(json.dumps(figures), flush=True)
        reference = work / (f"out-{runs[0][0]}-{runs[0][1]}")
        expected = sorted_table(reference)
        report["identical_to_" + reference.name] = {}
        for e, w in runs[1:]:
            table = sorted_table(work / f"out-{e}-{w}")
            same = table.equals(expected)
            report["identical_to_" + reference.name][f"{e}-{w}"] = same if same else differences(table, expected)
        dask = {r["workers"]: r["seconds"] for r in report["runs"] if r["engine"] == "dask"}
        if 1 in dask and 2 in dask:
            report["speedup_2_over_1_dask_workers"] = round(dask[1] / dask[2], 2)
            steady = {r["workers"]: r.get("articles_per_s_after_first_part") for r in report["runs"] if r["engine"] == "dask"}
            if steady.get(1) and steady.get(2):
                report["speedup_2_over_1_after_first_part"] = round(steady[2] / steady[1], 2)
        local = next((r["seconds"] for r in report["runs"] if r["engine"] == "local"), None)
        if local and 2 in dask:
            report["speedup_2_dask_workers_over_one_process"] = round(local / dask[2], 2)
        report["load_average_at_end"] = os.getloadavg()
        print(json.dumps(report, indent=2))
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
