"""``scorer sources``: the article store and per-source estimates, from the command line.

Each command is a few lines around one call into :mod:`scorer.sources`.
"""
from __future__ import annotations

import csv
import io
import json
import signal
import sys
from typing import TYPE_CHECKING, Any, Iterable, Iterator

import click

if TYPE_CHECKING:  # the public type only: the package's modules are being moved into layers
    from scorer.core.document import ScoreResult

_STORE = click.option("--store", "store_path", required=True, type=click.Path(dir_okay=False),
                      help="The SQLite article store (created when missing).")
_MODEL = click.option("--model-name", help="Use the rows of this model (default: the latest model in the store).")


def _open(path: str):
    from scorer.sources import open_store

    try:
        return open_store(path)
    except Exception as exc:  # sqlite3.DatabaseError, a newer schema, a directory...
        raise click.ClickException(f"cannot open store {path}: {exc}") from None


def store_results(results: Iterable["ScoreResult"], store_path: str, source: str | None, model_path: str | None = None,
                  batch: int = 50) -> Iterator["ScoreResult"]:
    """Pass results through, recording each scored one in the store (``scorer score --store``)."""
    from scorer.sources.store import default_model_key, row_from_result

    model = None
    rows: list[dict] = []
    with _open(store_path) as store:
        for result in results:
            if result.error is None:
                model = model or default_model_key(model_path)
                row = row_from_result(result, model=model, source=source)
                if row is None:
                    click.echo(f"scorer: {result.input}: not stored: no URL or --source to name its source", err=True)
                else:
                    rows.append(row)
            if len(rows) >= batch:
                store.add_rows(rows)
                rows = []
            yield result
        if rows:
            store.add_rows(rows)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def sources() -> None:
    """Keep scored articles by source; estimate each source from its articles, beside named ratings.

    \b
    Examples:
      scorer sources ingest articles.jsonl pages/ --store news.db --jobs 2
      scorer sources list --store news.db --sort score
      scorer sources show example.com --store news.db
    """


def _interrupt(signum, frame):
    raise KeyboardInterrupt


@sources.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False))
@_STORE
@click.option("--source", help="Source key for rows that name none (and have no URL).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Score in this many processes.")
@click.option("--batch", type=click.IntRange(1, 100_000), default=200, show_default=True, help="Rows per committed transaction.")
def ingest(paths, store_path, source, jobs, batch) -> None:
    """Score JSON Lines / CSV rows (text or html, url, source, date, authors, title) and folders of pages into a store.

    \b
    Examples:
      scorer sources ingest articles.jsonl --store news.db
      scorer sources ingest crawl/ --store news.db --source example.com --jobs 2
    Bad rows are reported by file and line and skipped (exit status 1). An interrupt keeps every committed batch.
    """
    from scorer.sources.ingest import IngestOptions, count_records
    from scorer.sources.ingest import ingest as run

    options = IngestOptions(jobs=jobs, batch_size=batch, source=source)
    # SIGTERM (a scheduler's stop) takes the same path as Ctrl-C: finish cleanly, keep committed
    # batches, stop the worker processes (killed outright, they would be orphaned mid-article).
    try:
        previous = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread (an embedding application): leave its handlers alone
        previous = None
    try:
        with _open(store_path) as store:
            if sys.stderr.isatty():
                with click.progressbar(length=count_records(paths), label="ingesting", file=sys.stderr) as bar:
                    report = run(store, paths, options, progress=bar.update)
            else:
                report = run(store, paths, options)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    for problem in report.problems:
        click.echo(f"scorer: {problem.where}: {problem.why}", err=True)
    click.echo(report.summary(), err=True)
    if report.interrupted:
        sys.exit(130)
    if report.problems:
        sys.exit(1)


def _estimates(store, model, min_articles, wanted=None):
    from scorer.sources.estimate import EstimateOptions, estimate_sources

    return estimate_sources(store, EstimateOptions(model=model, min_articles=min_articles, sources=wanted))


def _fmt(value: Any, spec: str = ".0f") -> str:
    return "—" if value is None else format(value, spec)


@sources.command(name="list")
@_STORE
@_MODEL
@click.option("--min-articles", type=click.IntRange(1), default=5, show_default=True, help="Fewer articles than this: listed, not rated.")
@click.option("--sort", type=click.Choice(["score", "articles", "source"]), default="score", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def list_(store_path, model_name, min_articles, sort, fmt) -> None:
    """Every source in the store: content estimate with interval, criteria, ratings.

    \b
    Example:
      scorer sources list --store news.db --sort articles --format json
    """
    with _open(store_path) as store:
        result = _estimates(store, model_name, min_articles)
    rows = [s for s in result.sources if s.articles > 0]
    key = {"score": lambda s: (s.score is None, -(s.score or 0), s.source),
           "articles": lambda s: (-s.articles, s.source), "source": lambda s: s.source}[sort]
    rows.sort(key=key)
    if fmt == "json":
        for s in rows:
            click.echo(json.dumps(s.as_dict(), ensure_ascii=False))
        return
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        raters = sorted({r.rater for s in rows for r in s.ratings})
        writer.writerow(["source", "articles", "syndicated", "first_date", "last_date", "rated", "score", "low", "high",
                         "mean_article_score", "model", *[f"rating:{r}" for r in raters], "blend", "blend_prior_weight"])
        for s in rows:
            given = {r.rater: r.value for r in s.ratings}
            writer.writerow([s.source, s.articles, s.syndicated, s.first_date, s.last_date, s.rated, s.score, s.low, s.high,
                             s.mean_article_score, s.model, *[given.get(r, "") for r in raters],
                             s.blend.value if s.blend else "", s.blend.prior_weight if s.blend else ""])
        click.echo(out.getvalue(), nl=False)
        return
    click.echo(f"model {result.model}; content weights {result.weights}; {result.level:.0%} intervals; "
               f"not rated below {result.min_articles} articles; population {_fmt(result.population_mean, '.1f')}")
    click.echo(f"{'source':32} {'articles':>8} {'dates':23} {'content':>7} {'interval':>9}  ratings (blend, prior weight)")
    for s in rows:
        dates = f"{s.first_date or '?'}–{s.last_date or '?'}" if s.first_date or s.last_date else ""
        interval = f"{_fmt(s.low)}–{_fmt(s.high)}" if s.rated else "not rated"
        ratings = ", ".join(f"{r.rater} {100 * r.value:.0f}" for r in s.ratings)
        if s.blend:
            ratings += f" (blend {s.blend.value:.0f}, prior {s.blend.prior_weight:.0%})"
        click.echo(f"{s.source[:32]:32} {s.articles:>8} {dates:23} {_fmt(s.score):>7} {interval:>9}  {ratings}")


@sources.command()
@click.argument("source")
@_STORE
@_MODEL
@click.option("--min-articles", type=click.IntRange(1), default=5, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(source, store_path, model_name, min_articles, fmt) -> None:
    """One source: estimate, interval, criteria, the articles that pulled it down, history by month.

    \b
    Example:
      scorer sources show example.com --store news.db
    """
    from scorer.sources.keys import source_key
    from scorer.sources.report import source_report

    key = source_key(source=source) or source
    with _open(store_path) as store:
        result = _estimates(store, model_name, min_articles, wanted=(key,))
        if not result.sources:
            raise click.ClickException(f"no source {key!r} in {store_path}")
        report = source_report(store, result.sources[0])
    click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=1) if fmt == "json" else report.text())


@sources.command()
@_STORE
@_MODEL
@click.option("--ratings", "ratings_file", required=True, type=click.Path(exists=True, dir_okay=False),
              help="CSV source,value[,label] (value on 0–1).")
@click.option("--format", "ratings_format", type=click.Choice(["csv", "lin2023", "baly"]), default="csv", show_default=True)
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.75, show_default=True,
              help="AUROC counts sources rated at or above this as positive.")
@click.option("--min-articles", type=click.IntRange(1), default=5, show_default=True)
def evaluate(store_path, model_name, ratings_file, ratings_format, threshold, min_articles) -> None:
    """Agreement of the content estimates with a ratings file: Spearman and AUROC, bootstrap 95% intervals.

    \b
    Example:
      scorer sources evaluate --store news.db --ratings lin_pc1.csv
    """
    from scorer.sources.evaluate import evaluate as run
    from scorer.sources.ratings import read_ratings

    rows, problems = read_ratings(ratings_file, ratings_format)
    for problem in problems[:20]:
        click.echo(f"scorer: {problem}", err=True)
    with _open(store_path) as store:
        result = _estimates(store, model_name, min_articles)
    content = {s.source: s.score for s in result.sources if s.rated}
    baseline = {s.source: s.mean_article_score for s in result.sources if s.rated}
    rating = {r.source: r.value for r in rows}
    click.echo(f"model {result.model}; {len(content)} rated sources; {len(set(content) & set(rating))} with a rating")
    for name, estimate in (("content estimate", content), ("mean article score", baseline)):
        for metric in run(estimate, rating, threshold):
            click.echo(f"{name:18}  {metric.text()}")


@sources.command()
@_STORE
@_MODEL
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False), help="FILE.csv, FILE.jsonl or FILE.parquet.")
@click.option("--what", type=click.Choice(["articles", "sources"]), default="articles", show_default=True)
def export(store_path, model_name, output, what) -> None:
    """Export stored articles (or per-source estimates) to CSV, JSON Lines or Parquet (needs pyarrow).

    \b
    Example:
      scorer sources export --store news.db -o articles.parquet
    """
    from scorer.sources.export import ExportError
    from scorer.sources.export import export as run

    with _open(store_path) as store:
        try:
            count = run(store, output, what=what, model=model_name)
        except ExportError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {count} {what} to {output}", err=True)


@sources.group()
def ratings() -> None:
    """Named external ratings, kept beside the content estimate (never merged into it)."""


@ratings.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_STORE
@click.option("--rater", required=True, help="The rater's name, shown beside its values.")
@click.option("--as-of", help="The date the ratings describe (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["csv", "lin2023", "baly"]), default="csv", show_default=True,
              help="csv: source,value[,label] on 0–1; lin2023: domain_pc1.csv; baly: MBFC factuality corpus.tsv.")
def import_(file, store_path, rater, as_of, fmt) -> None:
    """Import a rater's values (replacing that rater's earlier import).

    \b
    Example:
      scorer sources ratings import domain_pc1.csv --rater lin2023 --format lin2023 --store news.db
    """
    from scorer.sources.ratings import import_ratings

    with _open(store_path) as store:
        report = import_ratings(store, file, rater, fmt, as_of)
    for problem in report.skipped[:20]:
        click.echo(f"scorer: {problem}", err=True)
    click.echo(f"imported {report.imported} ratings by {report.rater}; {len(report.skipped)} rows skipped", err=True)
    if report.skipped:
        sys.exit(1)
