"""Scoring on a Dask cluster: a ``LocalCluster`` by default, any cluster by its scheduler address.

    from scorer.scale import run
    run(["crawl.warc.gz"], "scores/", engine="dask", workers=2)                     # a LocalCluster here
    run(["s3://bucket/crawl/*.warc.gz"], "s3://bucket/scores", engine="dask",
        scheduler="tcp://scheduler:8786")                                             # an existing cluster

or ``scorer score crawl.warc.gz --engine dask --workers 2 -o scores/ --format parquet``.

Each partition (paths and offsets, never article text) is one task; the worker reads its share of
the inputs, scores it and writes its own ``part-NNNNN.parquet``, and sends back only counts. A
worker plugin pins BLAS/OpenMP to one thread and loads the model once per worker process when the
worker starts (the model is the shipped one, or a directory every worker can read). Workers run
one thread each: the pipeline is Python, so a second thread in one process only waits for the GIL.
Needs ``dask[distributed]`` (the ``scale`` extra).
"""
from __future__ import annotations

import logging
import os
import uuid
from typing import Callable, Sequence

import dask
import distributed

from scorer.core.config import Config
from scorer.scale.partition import Partition
from scorer.scale.work import PartSummary, ready_worker, score_partition

logger = logging.getLogger(__name__)


#: Dask settings a LocalCluster is made with (its scheduler and nannies here, its workers through
#: the nannies). Dask's defaults suit short tasks on a busy cluster; here a task scores for seconds,
#: and every background chore takes CPU from the cores the workers need (on 2 cores, with 2 workers,
#: there is no spare one). Measured on 2 cores: the statistical profiler (the running task's stack
#: sampled every 10 ms) took 2-8% of a busy worker's CPU; the event-loop ticks (every 20 ms),
#: the nannies' memory checks (every 100 ms) and the system monitor took 4.4% of a core in this
#: process and 2% in each idle worker, 0.9% and 0.4% at the intervals below.
CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


class ScorerModel(distributed.WorkerPlugin):
    """Readies a worker once, when it starts: one BLAS/OpenMP thread, ``config``'s model loaded and warmed up,
    the long-lived objects frozen for the garbage collector, and Dask's profiler stopped (on any cluster)."""

    name = "scorer-model"

    def __init__(self, config: Config, *, freeze: bool = True):
        self.config = config
        self.freeze = freeze  # False when the workers are threads of the caller's process

    def setup(self, worker) -> None:
        for name in ("profile", "profile-cycle"):  # a cluster started elsewhere may have it on
            callback = getattr(worker, "periodic_callbacks", {}).get(name)
            if callback is not None:
                callback.stop()
        ready_worker(self.config, freeze=self.freeze)


def local_cluster(workers: int, *, processes: bool = True):
    """A ``LocalCluster`` of ``workers`` single-threaded worker processes on the loopback address, no dashboard."""
    options = {}
    if processes:  # a Nanny starts each worker process with this environment; threads share this process's
        options = {"host": "127.0.0.1", "env": {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}}
    with dask.config.set(CLUSTER_CONFIG):  # a Nanny hands the configuration it was made with to its worker process
        return distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
            silence_logs=logging.ERROR,  # "worker still alive, killing" at shutdown is routine here
            **options,
        )


def run_partitions(
    partitions: Sequence[Partition],
    config: Config,
    out_dir: str,
    fmt: str = "parquet",
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    processes: bool = True,
    on_part: Callable[[PartSummary, int], None] | None = None,
) -> list[PartSummary]:
    """Score ``partitions`` on Dask: on the cluster at ``scheduler``, or on a new ``LocalCluster`` of ``workers``.

    ``out_dir`` must be writable by every worker (a shared folder, or an fsspec URL such as ``s3://bucket/scores``).
    """
    cluster = None
    if scheduler is None:
        cluster = local_cluster(workers or os.cpu_count() or 1, processes=processes)
        client = distributed.Client(cluster)
    else:
        client = distributed.Client(scheduler)
    try:
        client.register_plugin(ScorerModel(config, freeze=processes or scheduler is not None))
        run_id = uuid.uuid4().hex[:12]  # task keys unique to this run, on a cluster others may share
        futures = [client.submit(score_partition, p, config, out_dir, fmt, key=f"scorer-part-{p.index:05d}-{run_id}", pure=False)
                   for p in partitions]
        done: list[PartSummary] = []
        for future in distributed.as_completed(futures):
            summary = future.result()
            future.release()
            done.append(summary)
            if on_part:
                on_part(summary, len(partitions))
        return sorted(done, key=lambda s: s.index)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
