"""The scoring worker pool with its admission control, and the recent-results cache.

Scoring runs in a process pool sized to the cores (``worker.py``): each worker loads the
model once and pins its math libraries to one thread. The event loop only admits jobs
(429 when the queue is full) and awaits them here.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import secrets
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import scorer
from scorer.model.loading import default_model_dir, model_digest
from scorer.serve import worker
from scorer.serve.errors import ApiError
from scorer.serve.settings import ServeSettings

logger = logging.getLogger("scorer.serve")


def model_info(settings: ServeSettings) -> dict[str, Any]:
    """Name, digest and threshold of the model the workers load (read once, in the main process)."""
    model = scorer.load_model(settings.model, trust=settings.trust_model)
    directory = Path(settings.model) if settings.model else default_model_dir()
    digest = None
    try:
        digest = "sha256:" + model_digest(directory) if directory is not None else None
    except OSError:  # the digest is informative: an unreadable file leaves it out
        logger.warning("could not compute the model digest", exc_info=True)
    return {"model": model.name, "digest": digest, "threshold": model.threshold}


class Scheduler:
    """The worker pool and its admission control: at most workers + queue jobs at once, else 429."""
    def __init__(self, settings: ServeSettings):
        self.settings = settings
        self.workers = settings.resolved_workers()
        self.capacity = self.workers + settings.resolved_queue()
        self.inflight = 0
        self.completed = 0  # jobs run to the end (health reports it; tests use it)
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        methods = multiprocessing.get_all_start_methods()
        # Not fork: the parent may hold OpenMP threads; a forked child that touches OpenMP can deadlock.
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        config = scorer.Config(model=self.settings.model, trust_model=self.settings.trust_model)
        self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=worker.init, initargs=(config, os.getpid()))
        # Start every worker now (model loaded, pipeline warm) rather than on the first requests.
        pids = {f.result() for f in [self.pool.submit(worker.ping) for _ in range(self.workers * 2)]}
        logger.info("scoring workers ready: %d (pids %s)", self.workers, ", ".join(map(str, sorted(pids))))

    def stop(self) -> None:
        """Stop the workers; ones still busy after a moment are terminated (a job cannot be interrupted otherwise)."""
        if self.pool is None:
            return
        processes = list(getattr(self.pool, "_processes", {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            proc.join(timeout=2)
            if proc.is_alive():
                proc.terminate()
        self.pool = None

    def admit(self, jobs: int = 1) -> None:
        if self.inflight + jobs > self.capacity:
            raise ApiError(429, "too_many_requests", f"the server is busy ({self.inflight} jobs in progress or queued, "
                           f"limit {self.capacity}); retry shortly", headers={"Retry-After": "1"})
        self.inflight += jobs

    def release(self, jobs: int = 1) -> None:
        self.inflight -= jobs

    async def run(self, fn, *args):
        if self.pool is None:
            raise ApiError(503, "not_ready", "the scoring workers are not running")
        future = self.pool.submit(fn, *args)
        try:
            result = await asyncio.wait_for(asyncio.wrap_future(future), self.settings.job_timeout)
            self.completed += 1
            return result
        except asyncio.TimeoutError:
            future.cancel()
            raise ApiError(503, "scoring_timeout", f"scoring took longer than {self.settings.job_timeout:g} s") from None
        except BrokenProcessPool:
            logger.error("a scoring worker died; restarting the pool")
            self.stop()
            self.start()
            raise ApiError(500, "internal_error", "a scoring worker died on this request; please report it") from None


class ReviewCache:
    """Recently scored results, by id, for ``GET /v1/review/{id}`` (in memory, least recently used dropped)."""
    def __init__(self, size: int):
        self.size, self.items = size, OrderedDict()

    def put(self, result) -> str:
        key = secrets.token_urlsafe(9)
        self.items[key] = result
        while len(self.items) > self.size:
            self.items.popitem(last=False)
        return key

    def get(self, key: str):
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        return None
