"""The command line: each command reads its inputs, makes one library call, renders.

    scorer score article.html            a readable verdict with reasons and findings
    scorer score folder/ --format json   one JSON object per article per line
    scorer extract page.html             exactly the text that is scored
"""
from __future__ import annotations

import csv
import datetime as dt
import gc
import json
import logging
import sys
from typing import Callable, Iterable, Iterator, Sequence

import click

from scorer.cli.lazy import LazyGroup
from scorer.cli.output import atomic_output
from scorer.cli.types import AUTO, Prior
from scorer.cli.workers import Workers
from scorer.core.config import Config, load_config
from scorer.core.document import ScoreResult
from scorer.core.errors import ScorerError
from scorer.core.limits import DEFAULT_TIME_LIMIT
from scorer.core.odds import MIN_BATCH_FOR_PRIOR
from scorer.core.version import __version__
from scorer.ingest.inputs import expand_inputs
from scorer.pipeline import adapt_to_batch, article_from_bytes, read_input
from scorer.render import counts_line, to_html, to_json_line, to_table

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


#: Commands imported only when run (or listed by --help): `scorer score` needs none of what they import.
_LAZY_COMMANDS = {
    "train": "scorer.cli.research:train",
    "evaluate": "scorer.cli.research:evaluate",
    "sources": "scorer.cli.sources:sources",
    "compare": "scorer.cli.compare:compare_command",
    "serve": "scorer.cli.serve:serve_command",
}


@click.group(cls=LazyGroup, lazy_subcommands=_LAZY_COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--all-findings", is_flag=True,
              help="Also show the findings of rules editors judged wrong more often than right (scorer/knowledge/findings_withheld.txt); "
                   "scores and reasons are the same either way.")
@click.option("--store", type=click.Path(dir_okay=False), help="Also record every scored article in this SQLite store (see `scorer sources`).")
@click.option("--source", help="With --store: the source key of these articles (default: the registered domain of their URL).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="dask: score partitions on a Dask cluster (docs/scale.md).")
@click.option("--workers", type=click.IntRange(1, 1024), help="Worker processes for --engine dask (default: one per core; --jobs for local).")
@click.option("--scheduler", metavar="ADDRESS", help="A Dask scheduler (tcp://host:8786) instead of a LocalCluster.")
@click.option("--partition-size", type=click.IntRange(1),
              help="Articles per partition / part file (default: 250, or fewer for a small job, about 64 partitions of at least 25).")
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
                          trust_model=o["trust_model"] or None, all_findings=o["all_findings"] or None)
    from scorer.cli.scale import (  # record files, Parquet, Dask: scorer/cli/scale.py
        score_scaled,
        wants_scale,
    )
    if wants_scale(paths, fmt, engine):
        return score_scaled(paths, config, fmt=fmt, output=output, engine=engine, workers=o["workers"] or (None if engine == "dask" else jobs),
                            scheduler=o["scheduler"], partition_size=o["partition_size"], auto_prior=auto)
    inputs = expand_inputs(paths)
    read = [*inputs.paths, o["config_file"], *config.knowledge, *_model_files(config)]
    tally = _Tally()
    for arg, why in inputs.problems:
        tally.add(ScoreResult(input=arg, error=why))
        click.echo(f"scorer: {arg}: {why}", err=True)
    with atomic_output(output, read=read) as out:
        scored: Iterable[ScoreResult] = _score_all(inputs.paths, config, jobs, echo_errors=not _table_on_terminal(out, fmt))
        if auto:
            # The batch's share needs every score before the first can be restated: nothing streams.
            scored = _batch_prior(list(scored))
        if o["store"]:
            from scorer.cli.sources import store_results

            scored = store_results(scored, o["store"], o["source"], o["model"])
        if fmt == "html":
            scored = list(scored)  # one page for the whole batch
            for result in scored:
                tally.add(result)
            out.write(to_html(scored))
        else:
            for result in scored:  # written as it comes and dropped: only counts are kept
                tally.add(result)
                out.write((to_json_line(result) if fmt == "json" else to_table(result, detail=len(inputs.paths) < 20)) + "\n")
                out.flush()
    _finish(tally)


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
    tally = _Tally()
    for arg, why in inputs.problems:
        tally.add(ScoreResult(input=arg, error=why))
    with atomic_output(output, read=[*inputs.paths, config_file, *config.knowledge]) as out:
        for path in inputs.paths:
            try:
                article = article_from_bytes(read_input(path, config), input=path, config=config)
            except ScorerError as exc:
                tally.add(ScoreResult(input=path, error=str(exc)))
                click.echo(f"scorer: {path}: {exc}", err=True)
                if fmt == "json":
                    out.write(json.dumps({"input": path, "error": str(exc)}) + "\n")
                continue
            tally.add(ScoreResult(input=path, article=article))
            if fmt == "json":
                record = {"input": path, "error": None, "text": article.text, **article.metadata_dict(),
                          "removed": [r.as_dict() for r in article.removed]}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                if len(inputs.paths) > 1:
                    out.write(f"==> {path} <==\n")
                out.write(article.text.rstrip("\n") + "\n")
    _finish(tally, summary=tally.total > 1)


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
    yield from _report(Workers(config, min(jobs, max(len(paths), 1))).run(paths), len(paths), show_bar, echo_errors)


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


def _load_model_or_fail(config: Config):
    from scorer.model.loading import load_model

    try:
        return load_model(config.model, trust=config.trust_model)
    except ScorerError as exc:
        raise click.ClickException(str(exc)) from None


class _Tally:
    """Counts of a batch's results; the results themselves are not kept, so memory stays flat in the batch's length."""

    def __init__(self) -> None:
        self.total = self.errors = self.low_quality = 0

    def add(self, result: ScoreResult) -> None:
        self.total += 1
        self.errors += result.error is not None
        self.low_quality += result.label == "low_quality"

    def line(self) -> str:
        return counts_line(self.total - self.errors, self.low_quality, self.errors)


def _finish(tally: _Tally, summary: bool = True) -> None:
    """Summary on stderr; exit 1 when any input failed (after the whole batch ran)."""
    if summary and (tally.total > 1 or tally.errors):
        click.echo(tally.line(), err=True)
    if tally.errors:
        sys.exit(1)


def main() -> None:
    """The `scorer` program (the console script and ``python -m scorer``): the command line in a process that ends with it.

    Before the interpreter exits, everything the command loaded (the pipeline's modules, compiled
    patterns, lexicons, the model) is frozen out of the cyclic garbage collector: the collections of
    the interpreter's shutdown would otherwise walk all of it just before the process ends (about
    30 ms of a one-article command). The exit is otherwise as usual: atexit handlers, flushed
    streams, the exit status. Not done for ``cli`` itself, which tests call in a long-lived process.
    """
    try:
        cli(prog_name="scorer")
    finally:
        gc.freeze()
