"""The worker processes `scorer score` scores in: each article in a process that can be killed.

A worker loads the model once and scores one article at a time. The parent kills a worker whose
article runs well past its time budget (CPU time read from /proc, with a wall-clock backstop) or
replaces one that died; either way that article gets a one-line error and the batch goes on.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import time
from collections import deque
from typing import Iterator, Sequence

import click

from scorer.core.config import Config
from scorer.core.document import ScoreResult
from scorer.core.errors import ScorerError
from scorer.core.limits import budget_seconds
from scorer.pipeline import read_input, score_bytes, score_path

def _worker_context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    # fork while this process has not loaded scikit-learn: the worker then starts with every module
    # this process imported (the pipeline, numpy, the signal families) instead of importing them
    # again in a fork server and in the worker (most of a one-article command's time). The command
    # line never loads scikit-learn itself; its workers do.
    if "fork" in methods and "sklearn" not in sys.modules:
        return multiprocessing.get_context("fork")
    # Otherwise not fork: a process that has already run the model may hold OpenMP threads
    # (HistGradientBoosting), and a forked child that touches OpenMP deadlocks.
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


#: Seconds a worker may take to start (import scikit-learn, load the model) before it is given up.
_WORKER_START = 300.0
#: Extra seconds past an article's time budget before its worker is killed: the budget itself is
#: enforced inside the worker at stage boundaries; the kill is for a stage that never returns.
_KILL_GRACE = 5.0


def _hard_limit(config: Config, size: int) -> float | None:
    if not config.time_limit:
        return None
    return 2 * budget_seconds(config.time_limit, size) + _KILL_GRACE


def _worker_main(conn, config: Config) -> None:
    """A worker: load the model once, then score one task at a time until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    from scorer.model.loading import load_model

    # Loading the model and the warm-up fill caches that live as long as the worker (compiled
    # patterns, lexicons, the knowledge base): no garbage to collect while they are made, and
    # frozen afterwards, so that no later collection walks them again.
    gc.disable()
    try:
        model = load_model(config.model, trust=config.trust_model)
    except ScorerError as exc:
        conn.send(("failed", str(exc)))
        return
    _warm_up(config, model)
    gc.freeze()  # before collecting resumes, so that no collection walks what the loading made
    gc.enable()
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        path, data = task
        conn.send(("done", score_path(path, config, model) if data is None else score_bytes(data, path, config, model)))


#: Scored once by each new worker before its first article, so that one-time loading (knowledge
#: base indexes, lexicons) is not charged to the first article's time budget.
_WARM_UP = (b"WASHINGTON (Reuters) - The city council approved the budget on Tuesday, officials said. "
            b"\"We are pleased,\" said Mayor Jane Smith, according to a statement released by her office. " * 3)


def _warm_up(config: Config, model) -> None:
    from dataclasses import replace

    score_bytes(_WARM_UP, "warm-up", replace(config, time_limit=0), model)


class _Worker:
    def __init__(self, ctx, config: Config):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, config), daemon=True)
        self.process.start()
        child.close()
        self.state = "starting"
        self.task: tuple[int, str] | None = None
        self.until: float | None = time.monotonic() + _WORKER_START
        self.limit: float | None = None
        self.cpu_start: float | None = None

    def give(self, index: int, path: str, data: bytes | None, limit: float | None) -> None:
        self.task = (index, path)
        self.state = "busy"
        self.limit = limit
        self.cpu_start = _cpu_seconds(self.process.pid)
        # Wall-clock backstop only (a busy machine stretches wall time; the CPU check below is the real one).
        self.until = None if limit is None else time.monotonic() + _WALL_FACTOR * limit
        self.conn.send((path, data))

    def over_limit(self) -> bool:
        """True when the article has used more CPU than its hard limit, or far more wall-clock time."""
        if self.state != "busy" or self.until is None or self.limit is None:
            return False
        if time.monotonic() > self.until:
            return True
        cpu = _cpu_seconds(self.process.pid)
        return cpu is not None and self.cpu_start is not None and cpu - self.cpu_start > self.limit

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Workers:
    """Worker processes that score one article at a time, in input order.

    A worker still busy past the article's hard limit (:func:`_hard_limit`) is killed, as is one
    that dies (``kill -9``, out of memory): its article gets an error line, a new worker takes
    its place, and the rest of the batch goes on.
    """

    def __init__(self, config: Config, size: int):
        self.config = config
        self.size = max(size, 1)
        self.ctx = _worker_context()
        self.failed_starts = 0

    def run(self, paths: Sequence[str]) -> Iterator[ScoreResult]:
        queue = deque(enumerate(paths))
        done: dict[int, ScoreResult] = {}
        emitted = 0
        stdin = None
        workers = [_Worker(self.ctx, self.config) for _ in range(min(self.size, len(paths)))]
        try:
            while emitted < len(paths):
                for worker in workers:
                    if worker.state == "idle" and queue:
                        index, path = queue.popleft()
                        data = None
                        if path == "-":
                            if stdin is None:
                                try:
                                    stdin = read_input("-", self.config)
                                except ScorerError as exc:
                                    done[index] = ScoreResult(input=path, error=str(exc))
                                    continue
                            data = stdin
                        worker.give(index, path, data, _hard_limit(self.config, self._size_of(path, data)))
                while emitted in done:
                    yield done.pop(emitted)
                    emitted += 1
                if emitted >= len(paths):
                    break
                self._wait(workers, done)
        finally:
            for worker in workers:
                worker.stop()

    def _size_of(self, path: str, data: bytes | None) -> int:
        if data is not None:
            return len(data)
        try:
            size = os.stat(path).st_size
        except OSError:
            return 0
        return min(size, self.config.max_bytes)

    def _wait(self, workers: list[_Worker], done: dict[int, ScoreResult]) -> None:
        now = time.monotonic()
        timeouts = [min(w.until - now, _POLL) for w in workers if w.until is not None]
        waits = [w.conn for w in workers] + [w.process.sentinel for w in workers]
        ready = multiprocessing.connection.wait(waits, timeout=max(0.0, min(timeouts)) if timeouts else None)
        for position, worker in enumerate(list(workers)):
            message = None
            if worker.conn in ready:
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    message = None
            if message is not None:
                kind, value = message
                if kind == "failed":
                    raise click.ClickException(value)
                if kind == "done" and worker.task is not None:
                    done[worker.task[0]] = value
                worker.task, worker.state, worker.until = None, "idle", None
                continue
            late = worker.over_limit() or (worker.state == "starting" and worker.until is not None and time.monotonic() > worker.until)
            if worker.process.sentinel in ready or not worker.process.is_alive() or late:
                if worker.state == "starting":
                    worker.stop()
                    self.failed_starts += 1
                    if self.failed_starts > _MAX_FAILED_STARTS:
                        raise click.ClickException(f"the scoring worker could not start ({_exit_reason(worker.process.exitcode)})")
                    workers[position] = _Worker(self.ctx, self.config)
                    continue
                if worker.task is not None:
                    index, path = worker.task
                    why = ("took far longer than its time limit; stopped (raise it with --time-limit)" if late
                           else f"the worker scoring it stopped ({_exit_reason(worker.process.exitcode)}); the rest of the batch went on")
                    done[index] = ScoreResult(input=path, error=why)
                worker.stop()
                workers[position] = _Worker(self.ctx, self.config)


#: Workers that may die while starting (killed, out of memory) before the batch is given up.
_MAX_FAILED_STARTS = 3
#: Seconds between checks of a busy worker's CPU time.
_POLL = 1.0
#: A busy worker is also killed after this many times its hard limit in wall-clock time.
_WALL_FACTOR = 10.0
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") and "SC_CLK_TCK" in os.sysconf_names else 100


def _cpu_seconds(pid: int | None) -> float | None:
    """CPU seconds (user + system) process ``pid`` has used, from /proc; None where there is no /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return None


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"
