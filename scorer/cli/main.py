"""The command line: each command reads its inputs, makes one library call, renders.

    scorer score article.html            a readable verdict with reasons and findings
    scorer score folder/ --format json   one JSON object per article per line
    scorer extract page.html             exactly the text that is scored
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Sequence

import click

from scorer import __version__
from scorer.core.config import Config, load_config
from scorer.core.document import ScoreResult
from scorer.ingest.inputs import expand_inputs
from scorer.cli.types import AUTO, Prior
from scorer.core.odds import MIN_BATCH_FOR_PRIOR
from scorer.pipeline import adapt_to_batch, article_from_bytes, read_input, score_path
from scorer.core.errors import ScorerError
from scorer.render import summary_line, to_html, to_json_line, to_table
from scorer.cli.compare import compare_command
from scorer.cli.research import evaluate, train
from scorer.cli.serve import serve_command
from scorer.cli.sources import sources, store_results

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
            click.option("--output", "-o", type=click.Path(writable=True), help="Write here instead of standard output (a folder for --format parquet or --engine dask)."),
        ]
    ):
        func = option(func)
    return func


def _make_config(config_file, **options) -> Config:
    try:
        return load_config(config_file, **options)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{config_file}: {exc}") from None


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
@click.option("--model", type=click.Path(exists=True, file_okay=False), help="A model directory made by `scorer train` (default: the shipped model).")
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
                          threshold=o["threshold"], prior=None if auto else o["prior"])
    from scorer.cli.scale import score_scaled, wants_scale  # record files, Parquet, Dask: scorer/cli/scale.py
    if wants_scale(paths, fmt, engine):
        return score_scaled(paths, config, fmt=fmt, output=output, engine=engine, workers=o["workers"] or (None if engine == "dask" else jobs),
                            scheduler=o["scheduler"], partition_size=o["partition_size"], auto_prior=auto)
    inputs = expand_inputs(paths)
    _refuse_overwriting_inputs(output, inputs.paths)
    results: list[ScoreResult] = [ScoreResult(input=arg, error=why) for arg, why in inputs.problems]
    for result in results:
        click.echo(f"scorer: {result.input}: {result.error}", err=True)
    with _open_output(output) as out:
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
def extract(paths, date, url, config_file, knowledge, output, fmt) -> None:
    """Print the cleaned text that would be scored, and what was removed.

    \b
    Examples:
      scorer extract page.html
      scorer extract page.html --format json
    """
    config = _make_config(config_file, date=date, url=url, knowledge=tuple(knowledge) or None)
    inputs = expand_inputs(paths)
    _refuse_overwriting_inputs(output, inputs.paths)
    results = [ScoreResult(input=arg, error=why) for arg, why in inputs.problems]
    with _open_output(output) as out:
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
    """Score in order; errors are results too, reported on stderr as they happen (see ``echo_errors``)."""
    show_bar = len(paths) >= _PROGRESS_MIN and _isatty(sys.stderr)
    if jobs > 1 and len(paths) > 1 and "-" not in paths:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=_worker_context(), initializer=_init_worker, initargs=(config,)
        ) as pool:
            iterator = pool.map(_worker_score, paths, chunksize=4)
            yield from _report(iterator, len(paths), show_bar, echo_errors)
    else:
        model = _load_model_or_fail(config)
        yield from _report((score_path(p, config, model) for p in paths), len(paths), show_bar, echo_errors)


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


_WORKER: dict = {}


def _worker_context() -> multiprocessing.context.BaseContext:
    # Not fork: a process that has already run the model holds OpenMP threads
    # (HistGradientBoosting), and a forked child that touches OpenMP deadlocks.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _init_worker(config: Config) -> None:
    from scorer.model.loading import load_model

    _WORKER["config"] = config
    _WORKER["model"] = load_model(config.model)


def _worker_score(path: str) -> ScoreResult:
    return score_path(path, _WORKER["config"], _WORKER["model"])


def _load_model_or_fail(config: Config):
    from scorer.model.loading import load_model

    try:
        return load_model(config.model)
    except ScorerError as exc:
        raise click.ClickException(str(exc)) from None


def _refuse_overwriting_inputs(output: str | None, paths: Sequence[str]) -> None:
    if output and any(p != "-" and os.path.exists(output) and os.path.samefile(output, p) for p in paths if os.path.exists(p)):
        raise click.ClickException(f"--output {output} is one of the inputs; refusing to overwrite it")


class _open_output:
    """Standard output, or a file written only once everything is ready to start."""

    def __init__(self, path: str | None):
        self.path = path

    def __enter__(self):
        if self.path is None:
            self.handle = sys.stdout
        else:
            try:
                self.handle = open(self.path, "w", encoding="utf-8")
            except OSError as exc:
                raise click.ClickException(f"cannot write {self.path}: {exc.strerror}") from None
        return self.handle

    def __exit__(self, *exc):
        if self.path is not None:
            self.handle.close()
        return False


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
