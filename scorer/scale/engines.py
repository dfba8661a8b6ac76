"""Run a scoring job over partitions: in this process, on local worker processes, or on Dask.

    from scorer.scale import run
    summary = run(["crawl.warc.gz"], "scores/", engine="dask", workers=2)   # scores/part-00000.parquet ...

Every engine runs :func:`scorer.scale.work.score_partition` on the same partitions, so the part
files are the same whichever runs them. Results never travel back to the caller, only counts:
memory stays flat however large the job.
"""
from __future__ import annotations

import glob
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.errors import ScorerError
from scorer.scale.partition import Partition, plan
from scorer.scale.work import PartSummary, ready_worker, score_partition

ENGINES = ("local", "dask")
FORMATS = ("parquet", "json")


@dataclass(frozen=True)
class RunSummary:
    out_dir: str
    engine: str
    workers: int
    parts: int
    rows: int
    low_quality: int
    errors: int
    seconds: float
    problems: tuple[tuple[str, str], ...]  # inputs that came to nothing (missing folder, unreadable file)

    @property
    def scored(self) -> int:
        return self.rows - self.errors

    def line(self) -> str:
        errors = self.errors + len(self.problems)
        return (f"{self.scored} scored, {self.low_quality} low_quality, {errors} error{'s' if errors != 1 else ''}"
                f" ({self.parts} part{'s' if self.parts != 1 else ''} in {self.out_dir}, {self.seconds:.1f} s,"
                f" {self.rows / max(self.seconds, 1e-9):.1f} articles/s, {self.engine} engine, {self.workers} worker{'s' if self.workers != 1 else ''})")


def prepare_out_dir(out_dir: str, overwrite: bool = False) -> None:
    """Create ``out_dir``; refuse one that already holds part files (stale parts would mix two runs) unless ``overwrite``."""
    if "://" in out_dir:
        return  # object storage: the caller's bucket and prefix
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise FileExistsError(f"{out_dir} is a file; the output of a scaled run is a folder of part files")
    old = sorted(glob.glob(os.path.join(out_dir, "part-*.parquet")) + glob.glob(os.path.join(out_dir, "part-*.jsonl")))
    if old and not overwrite:
        raise FileExistsError(f"{out_dir} already holds {len(old)} part file(s) from an earlier run; remove them or choose another folder")
    for path in old:
        os.remove(path)
    os.makedirs(out_dir, exist_ok=True)


def run(
    inputs: Iterable[str],
    out_dir: str,
    *,
    config: Config = DEFAULT_CONFIG,
    fmt: str = "parquet",
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    partition_size: int | None = None,
    overwrite: bool = False,
    processes: bool = True,
    on_part: Callable[[PartSummary, int], None] | None = None,
) -> RunSummary:
    """Score ``inputs`` (files, folders, globs, WARC / JSON Lines / Parquet files) into part files in ``out_dir``.

    ``engine="local"`` scores in this process (``workers`` 1) or in that many local processes;
    ``engine="dask"`` on a new ``LocalCluster`` of ``workers`` processes, or on the cluster at
    ``scheduler`` (``tcp://host:8786``); ``processes=False`` runs the LocalCluster's workers as threads of this
    process (for tests). ``partition_size``: articles per partition (None: up to 250, fewer for a small job; see
    :func:`scorer.scale.partition.plan`). ``on_part(summary, total_parts)`` is called as each part is written.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    started = time.perf_counter()
    job = plan(inputs, partition_size)
    prepare_out_dir(out_dir, overwrite)
    if engine == "dask":
        try:
            from scorer.scale.dask import run_partitions
        except ImportError as exc:
            raise ScorerError(f"the dask engine needs dask[distributed] (pip install 'scorer[scale]'): {exc}") from None

        summaries = run_partitions(job.partitions, config, out_dir, fmt, workers=workers, scheduler=scheduler,
                                    processes=processes, on_part=on_part)
    else:
        summaries = run_local(job.partitions, config, out_dir, fmt, workers=workers, on_part=on_part)
    return RunSummary(
        out_dir=out_dir,
        engine=engine,
        workers=workers,
        parts=len(summaries),
        rows=sum(s.rows for s in summaries),
        low_quality=sum(s.low_quality for s in summaries),
        errors=sum(s.errors for s in summaries),
        seconds=time.perf_counter() - started,
        problems=job.problems,
    )


def run_local(partitions: Sequence[Partition], config: Config, out_dir: str, fmt: str, *, workers: int = 1,
              on_part: Callable[[PartSummary, int], None] | None = None) -> list[PartSummary]:
    """Partitions scored in this process, or in ``workers`` local processes (one model each)."""
    done: list[PartSummary] = []
    if workers == 1 or len(partitions) < 2:
        ready_worker(config, freeze=False)  # as every other engine's workers: the same warm-up before the first partition
        for partition in partitions:
            done.append(score_partition(partition, config, out_dir, fmt))
            if on_part:
                on_part(done[-1], len(partitions))
        return done
    # Not fork: a process that has run the model holds OpenMP threads, and a forked child that touches them deadlocks.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(config,)) as pool:
        futures = [pool.submit(score_partition, p, config, out_dir, fmt) for p in partitions]
        for future in as_completed(futures):
            done.append(future.result())
            if on_part:
                on_part(done[-1], len(partitions))
    return sorted(done, key=lambda s: s.index)


def _init_worker(config: Config) -> None:
    ready_worker(config)
