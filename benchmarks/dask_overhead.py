"""What Dask itself costs a scoring worker: its profiler, and its background chores (docs/scale.md).

Usage::

    python benchmarks/dask_overhead.py                # 600 texts, partitions of 20
    python benchmarks/dask_overhead.py --articles 300

1. **Profiler**: one LocalCluster worker (made with Dask's defaults) scores the partitions of a
   generated WARC of ``llmfake`` texts (a private temporary folder); partitions alternate between
   this process (the single-process path), the worker with Dask's statistical profiler running, and
   the worker with it stopped. Printed: median CPU seconds per article of the whole process and of
   the scoring thread alone, for each. Interleaving makes a change in the machine's load hit all three alike.
2. **Background chores**: a 2-worker LocalCluster left idle for ``--idle`` seconds, made with Dask's
   defaults and then with :data:`scorer.scale.dask.CLUSTER_CONFIG`: CPU seconds per second of this
   process (scheduler and nannies live here) and of each worker.

Figures, not assertions.
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

REPO = Path(__file__).resolve().parents[1]


def _score(partition, config, out):
    """Score one partition: CPU seconds of the process and of this thread, and rows."""
    from scorer.scale.work import score_partition

    process, thread = time.process_time(), time.thread_time()
    summary = score_partition(partition, config, out)
    return time.process_time() - process, time.thread_time() - thread, summary.rows


def _profiler(on: bool, dask_worker=None) -> bool:
    for name in ("profile", "profile-cycle"):
        callback = dask_worker.periodic_callbacks.get(name)
        if callback is not None:
            callback.start() if on else callback.stop()
    return on


def _cpu(dask_worker=None) -> float:
    return time.process_time()


def profiler_ab(articles: int, size: int, shared: Path) -> dict:
    import distributed

    sys.path.insert(0, str(REPO / "benchmarks"))
    from scale import write_warc

    from scorer.core.config import Config
    from scorer.scale.dask import ScorerModel
    from scorer.scale.partition import plan
    from scorer.scale.work import ready_worker

    config = Config(today=dt.date(2026, 12, 7))
    work = Path(tempfile.mkdtemp(prefix="scorer-dask-overhead-"))
    try:
        warc = work / "texts.warc.gz"
        write_warc(warc, shared, articles, 0)
        partitions = plan([str(warc)], size).partitions
        out = str(work / "out")
        os.makedirs(out)
        ready_worker(config, freeze=False)
        cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None, host="127.0.0.1",
                                           silence_logs=logging.ERROR, env={"OMP_NUM_THREADS": "1"})
        client = distributed.Client(cluster)
        try:
            client.register_plugin(ScorerModel(config))
            per: dict[str, list[tuple[float, float]]] = {"this process": [], "worker, profiler on": [], "worker, profiler off": []}
            names = list(per)
            for i, partition in enumerate(partitions):
                name = names[i % 3]
                if name == "this process":
                    process, thread, rows = _score(partition, config, out)
                else:
                    client.run(_profiler, name.endswith("on"))
                    process, thread, rows = client.submit(_score, partition, config, out, pure=False).result()
                per[name].append((process / rows, thread / rows))
        finally:
            client.close()
            cluster.close()
        return {name: {"cpu_s_per_article_process": round(statistics.median(p for p, _ in v), 4),
                       "cpu_s_per_article_thread": round(statistics.median(t for _, t in v), 4), "partitions": len(v)}
                for name, v in per.items()}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def idle(seconds: float, tuned: bool) -> dict:
    import dask
    import distributed

    from scorer.scale.dask import CLUSTER_CONFIG

    with dask.config.set(CLUSTER_CONFIG if tuned else {}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, host="127.0.0.1",
                                           silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    try:
        time.sleep(2)
        own, workers = time.process_time(), client.run(_cpu)
        time.sleep(seconds)
        own, after = time.process_time() - own, client.run(_cpu)
    finally:
        client.close()
        cluster.close()
    return {"this_process_cpu_per_s": round(own / seconds, 4), "workers_cpu_per_s": [round((after[k] - workers[k]) / seconds, 4) for k in workers]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--partition-size", type=int, default=20)
    parser.add_argument("--idle", type=float, default=20.0, help="seconds each idle cluster is watched")
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets")
    args = parser.parse_args(argv)
    if not (args.shared / "llmfake" / "train.jsonl").exists():
        print(f"no shared sets at {args.shared} (set SCORER_SHARED to the folder holding datasets/)", file=sys.stderr)
        return 2
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)
    for name, figures in profiler_ab(args.articles, args.partition_size, args.shared).items():
        print(f"  {name:22} {figures}", flush=True)
    print(f"idle 2-worker LocalCluster, Dask's defaults:  {idle(args.idle, False)}", flush=True)
    print(f"idle 2-worker LocalCluster, CLUSTER_CONFIG:   {idle(args.idle, True)}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
