"""The command line: each command reads its inputs, makes one library call, renders.

    scorer score article.html            a readable verdict with reasons and findings
    scorer score folder/ --format json   one JSON object per article per line
    scorer extract page.html             exactly the text that is scored
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import time
from collections import deque
from typing import Callable, Iterable, Iterator, Sequence

import click

from scorer import __version__
from scorer.cli.compare import compare_command
from scorer.cli.output import atomic_output
from scorer.cli.research import evaluate, train
from scorer.cli.serve import serve_command
from scorer.cli.sources import sources, store_results
from scorer.cli.types import AUTO, Prior
from scorer.core.config import Config, load_config
from scorer.core.document import ScoreResult
from scorer.core.errors import ScorerError
from scorer.core.limits import DEFAULT_TIME_LIMIT, budget_seconds
from scorer.core.odds import MIN_BATCH_FOR_PRIOR
from scorer.ingest.inputs import expand_inputs
from scorer.pipeline import (
    adapt_to_batch,
    article_from_bytes,
    read_input,
    score_bytes,
    score_path,
)
from scorer.render import summary_line, to_html, to_json_line, to_table

#: Batches at least this long get a progress bar on a terminal.
_PROGRESS_MIN = 5


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)


def _article_options(func: Callable) -> Callable:
    """Options shared by every command that reads articles."""
    for option in reversed(
        [
            click.argument("paths", nargs=-1, required=True),
            click.option("--date", type=_Date(), help="The article's date when the page gives none."),
            click.option("--url", help="The article's URL when the page gives none."),
            click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="A TOML file with a [scorer] table of settings."),
            click.option("--knowledge", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Extra office holders / events (same CSV format as the packaged ones). Repeatable."),
            click.option("--output", "-o", type=click.Path(), help="Write here instead of standard output (written beside it and renamed into place when complete; never one of the files read; a folder for --format parquet or --engine dask)."),
            click.option("--time-limit", type=click.FloatRange(0, 1e5),
                         help=f"CPU seconds allowed per 10,000 words of an article (at least this much per article; default {DEFAULT_TIME_LIMIT:g}); "
                              "past it the article ends with a one-line error. 0: no limit."),
        ]
    ):
        func = option(func)
    return func


def _make_config(config_file, **options) -> Config:
    """The job's Config, with the config file, knowledge files and dates checked once, here, before any article."""
    try:
        config = load_config(config_file, **options)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{config_file}: {exc}" if config_file else str(exc)) from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{config_file}: not UTF-8 text") from None
    _check_knowledge(config)
    return config


def _check_knowledge(config: Config) -> None:
    """Load the knowledge files now: an error names the file (and line) once, not once per article."""
    if not config.knowledge:
        return
    from scorer.knowledge.base import load_knowledge

    for path in config.knowledge:
        try:
            load_knowledge((path,))
        except csv.Error as exc:
            raise click.ClickException(f"{path}: not a readable knowledge CSV ({exc})") from None
        except (ScorerError, ValueError, OSError) as exc:
            message = str(exc)
            raise click.ClickException(message if path in message else f"{path}: {message}") from None
    try:
        load_knowledge(config.knowledge)
    except (csv.Error, ScorerError, ValueError, OSError) as exc:
        raise click.ClickException(f"knowledge files: {exc}") from None


def _model_files(config: Config) -> list[str]:
    return [config.model] if config.model else []


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scorer")
def cli() -> None:
    """How much to trust a news article: score it, see why, and see exactly what was scored."""
    # trafilatura warns on stderr whenever one of its modes finds nothing, which the
    # fallback handles; a user of the CLI should see only scorer's own one-line errors.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)


@cli.command()
@_article_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html", "parquet"]), default="table", show_default=True)
@click.option("--model", type=click.Path(exists=True, file_okay=False), help="A model directory made by `scorer train` (default: the shipped model); needs --trust-model.")
@click.option("--trust-model", is_flag=True,
              help="Load the --model directory (or the config file's model): a model is a pickle, and loading it runs any code "
                   "its maker put in it. Only for models you made or whose maker you trust; the shipped model is checked by its digest.")
@click.option("--threshold", type=click.FloatRange(0, 1), help="Probability of low_quality from which the label is low_quality.")
@click.option("--prior", type=Prior(),
              help="Share of low-quality articles you expect among those you score; probabilities and labels follow it "
                   f"(default: the model's, 0.5 for the shipped one). 'auto' estimates it from the batch's own scores ({MIN_BATCH_FOR_PRIOR}+ articles).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Score this many files in parallel.")
@click.option("--store", type=click.Path(dir_okay=False), help="Also record every scored article in this SQLite store (see `scorer sources`).")
@click.option("--source", help="With --store: the source key of these articles (default: the registered domain of their URL).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="dask: score partitions on a Dask cluster (docs/scale.md).")
@click.option("--workers", type=click.IntRange(1, 1024), help="Worker processes for --engine dask (default: one per core; --jobs for local).")
@click.option("--scheduler", metavar="ADDRESS", help="A Dask scheduler (tcp://host:8786) instead of a LocalCluster.")
@click.option("--partition-size", type=click.IntRange(1), default=250, show_default=True, help="Articles per partition / part file.")
def score(paths, **options) -> None:
    """Score articles (HTML or text files, folders, globs, or - for stdin).

    \b
    Examples:
      scorer score article.html
      scorer score news/ --format json --output scores.jsonl --jobs 2
      scorer score feed/ --prior auto     # probabilities for the feed's own estimated mix
      curl -s https://example.com/story | scorer score - --date 2026-01-22
      scorer score crawl.warc.gz -o scores/ --format parquet --engine dask --workers 2
    """
    # The options travel no further than this function: they become one Config here.
    o = options
    fmt, output, jobs, engine = o["fmt"], o["output"], o["jobs"], o["engine"]
    auto = o["prior"] == AUTO
    config = _make_config(o["config_file"], date=o["date"], url=o["url"], knowledge=tuple(o["knowledge"]) or None, model=o["model"],
                          threshold=o["threshold"], prior=None if auto else o["prior"], time_limit=o["time_limit"],
                          trust_model=o["trust_model"] or None)
    from scorer.cli.scale import (  # record files, Parquet, Dask: scorer/cli/scale.py
        score_scaled,
        wants_scale,
    )
    if wants_scale(paths, fmt, engine):
        return score_scaled(paths, config, fmt=fmt, output=output, engine=engine, workers=o["workers"] or (None if engine == "dask" else jobs),
                            scheduler=o["scheduler"], partition_size=o["partition_size"], auto_prior=auto)
    inputs = expand_inputs(paths)
    read = [*inputs.paths, o["config_file"], *config.knowledge, *_model_files(config)]
    results: list[ScoreResult] = [ScoreResult(input=arg, error=why) for arg, why in inputs.problems]
    for result in results:
        click.echo(f"scorer: {result.input}: {result.error}", err=True)
    with atomic_output(output, read=read) as out:
        scored: Iterable[ScoreResult] = _score_all(inputs.paths, config, jobs, echo_errors=not _table_on_terminal(out, fmt))
        if auto:
            # The batch's share needs every score before the first can be restated: nothing streams.
            scored = _batch_prior(list(scored))
        if o["store"]:
            scored = store_results(scored, o["store"], o["source"], o["model"])
        if fmt == "html":
            scored = list(scored)
            results.extend(scored)
            out.write(to_html(scored))
        else:
            for result in scored:
                results.append(result)
                out.write((to_json_line(result) if fmt == "json" else to_table(result, detail=len(inputs.paths) < 20)) + "\n")
                out.flush()
    _finish(results)


@cli.command()
@_article_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def extract(paths, date, url, config_file, knowledge, output, time_limit, fmt) -> None:
    """Print the cleaned text that would be scored, and what was removed.

    \b
    Examples:
      scorer extract page.html
      scorer extract page.html --format json
    """
    config = _make_config(config_file, date=date, url=url, knowledge=tuple(knowledge) or None, time_limit=time_limit)
    inputs = expand_inputs(paths)
    results = [ScoreResult(input=arg, error=why) for arg, why in inputs.problems]
    with atomic_output(output, read=[*inputs.paths, config_file, *config.knowledge]) as out:
        for path in inputs.paths:
            try:
                article = article_from_bytes(read_input(path, config), input=path, config=config)
            except ScorerError as exc:
                results.append(ScoreResult(input=path, error=str(exc)))
                click.echo(f"scorer: {path}: {exc}", err=True)
                if fmt == "json":
                    out.write(json.dumps({"input": path, "error": str(exc)}) + "\n")
                continue
            results.append(ScoreResult(input=path, article=article))
            if fmt == "json":
                record = {"input": path, "error": None, "text": article.text, **article.metadata_dict(),
                          "removed": [r.as_dict() for r in article.removed]}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                if len(inputs.paths) > 1:
                    out.write(f"==> {path} <==\n")
                out.write(article.text.rstrip("\n") + "\n")
    _finish(results, summary=len(results) > 1)


def _table_on_terminal(out, fmt: str) -> bool:
    """True when the text table and stderr are the same terminal: the table's error line is then enough."""
    return fmt == "table" and out is sys.stdout and _isatty(sys.stdout) and _isatty(sys.stderr)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


def _score_all(paths: Sequence[str], config: Config, jobs: int, echo_errors: bool = True) -> Iterator[ScoreResult]:
    """Score in order; errors are results too, reported on stderr as they happen (see ``echo_errors``).

    Every article is scored in a worker process (:class:`_Workers`) that is killed when the
    article runs well past its time budget or replaced when it dies; either way that article
    gets an error line and the batch goes on.
    """
    show_bar = len(paths) >= _PROGRESS_MIN and _isatty(sys.stderr)
    yield from _report(_Workers(config, min(jobs, max(len(paths), 1))).run(paths), len(paths), show_bar, echo_errors)


def _batch_prior(results: list[ScoreResult]) -> list[ScoreResult]:
    """``--prior auto``: the results restated for their batch's estimated share of low_quality."""
    adapted, share = adapt_to_batch(results)
    scored = sum(1 for r in results if r.error is None)
    if share is None:
        click.echo(f"scorer: --prior auto needs at least {MIN_BATCH_FOR_PRIOR} scored articles ({scored} here); kept the model's prior", err=True)
    else:
        click.echo(f"scorer: --prior auto: about {share:.0%} of these {scored} articles look low quality; probabilities are stated for that share", err=True)
    return adapted


def _report(results: Iterator[ScoreResult], total: int, show_bar: bool, echo_errors: bool) -> Iterator[ScoreResult]:
    with click.progressbar(length=total, label="scoring", file=sys.stderr) if show_bar else _NoBar() as bar:
        for result in results:
            if result.error is not None and echo_errors:
                click.echo(f"scorer: {result.input}: {result.error}", err=True)
            bar.update(1)
            yield result


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n):
        pass


def _worker_context() -> multiprocessing.context.BaseContext:
    # Not fork: a process that has already run the model holds OpenMP threads
    # (HistGradientBoosting), and a forked child that touches OpenMP deadlocks.
    methods = multiprocessing.get_all_start_methods()
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

    try:
        model = load_model(config.model, trust=config.trust_model)
    except ScorerError as exc:
        conn.send(("failed", str(exc)))
        return
    _warm_up(config, model)
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


class _Workers:
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


def _load_model_or_fail(config: Config):
    from scorer.model.loading import load_model

    try:
        return load_model(config.model, trust=config.trust_model)
    except ScorerError as exc:
        raise click.ClickException(str(exc)) from None


def _finish(results: Sequence[ScoreResult], summary: bool = True) -> None:
    """Summary on stderr; exit 1 when any input failed (after the whole batch ran)."""
    if summary and (len(results) > 1 or any(r.error for r in results)):
        click.echo(summary_line(results), err=True)
    if any(r.error is not None for r in results):
        sys.exit(1)


for _command in (train, evaluate, sources, compare_command, serve_command):
    cli.add_command(_command)


def main() -> None:  # pragma: no cover - console entry point
    cli()
