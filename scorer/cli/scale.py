"""``scorer score`` at scale: record files (WARC, JSON Lines, Parquet), Parquet output, the Dask engine.

``scorer score`` hands over to :func:`score_scaled` when it is given a record file, ``--format
parquet`` or ``--engine dask``; everything else stays in :mod:`scorer.cli.main`.

    scorer score crawl.warc.gz --format json                     # one JSON object per article, as for files
    scorer score crawl.warc.gz -o scores/ --format parquet       # scores/part-00000.parquet ...
    scorer score crawl.warc.gz -o scores/ --format parquet --engine dask --workers 2
    scorer score 's3://bucket/cc-news/*.warc.gz' -o s3://bucket/scores --engine dask --scheduler tcp://10.0.0.5:8786
"""
from __future__ import annotations

import os
import sys
from typing import Sequence

import click

from scorer.core.config import Config
from scorer.core.document import ScoreResult
from scorer.core.errors import ScorerError
from scorer.ingest.records import record_format
from scorer.render import to_html, to_json_line, to_table

#: The formats that write a folder of part files.
PART_FORMATS = ("parquet",)


def wants_scale(paths: Sequence[str], fmt: str, engine: str) -> bool:
    """True when ``scorer score`` should run here: a record file, Parquet output or the Dask engine."""
    return engine != "local" or fmt in PART_FORMATS or any(record_format(p) for p in paths)


def score_scaled(paths: Sequence[str], config: Config, *, fmt: str, output: str | None, engine: str, workers: int | None,
                 scheduler: str | None, partition_size: int | None, auto_prior: bool) -> None:
    """Run ``scorer score`` for record files, Parquet output or the Dask engine; exits 1 when any input failed."""
    if auto_prior:
        raise click.ClickException("--prior auto needs the whole batch at once: not with record files, --format parquet or --engine dask "
                                   "(give the share with --prior S)")
    if scheduler and engine != "dask":
        raise click.ClickException("--scheduler is for --engine dask")
    workers = workers or os.cpu_count() or 1
    if engine == "dask" or fmt in PART_FORMATS:
        _to_parts(paths, config, fmt=fmt, output=output, engine=engine, workers=workers, scheduler=scheduler, partition_size=partition_size)
    else:
        _to_stream(paths, config, fmt=fmt, output=output, partition_size=partition_size)


def _to_parts(paths, config, *, fmt, output, engine, workers, scheduler, partition_size) -> None:
    from scorer.scale import run

    if fmt not in ("parquet", "json"):
        raise click.ClickException(f"--engine {engine} writes --format parquet or json (a folder of part files), not {fmt}")
    if not output:
        raise click.ClickException("--format parquet and --engine dask write a folder of part files: name it with --output DIR")
    show = sys.stderr.isatty()

    def on_part(part, total):
        for name, error in part.messages:
            click.echo(f"scorer: {name}: {error}", err=True)
        if part.errors > len(part.messages):
            click.echo(f"scorer: {part.path}: {part.errors - len(part.messages)} more errors (see the error column)", err=True)
        if show:
            on_part.done += 1
            click.echo(f"\rscoring: {on_part.done}/{total} parts", err=True, nl=on_part.done == total)
    on_part.done = 0

    try:
        summary = run(paths, output, config=config, fmt=fmt, engine=engine, workers=workers, scheduler=scheduler,
                      partition_size=partition_size, on_part=on_part)
    except (ScorerError, FileExistsError, OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    for arg, why in summary.problems:
        click.echo(f"scorer: {arg}: {why}", err=True)
    click.echo(summary.line(), err=True)
    if summary.errors or summary.problems:
        sys.exit(1)


def _to_stream(paths, config, *, fmt, output, partition_size) -> None:
    """One process, results rendered as they come (record files read as a stream)."""
    from scorer.scale.partition import plan
    from scorer.scale.work import iter_scored, model_for

    job = plan(paths, partition_size)
    results: list[ScoreResult] = [ScoreResult(input=arg, error=why) for arg, why in job.problems]
    for result in results:
        click.echo(f"scorer: {result.input}: {result.error}", err=True)
    try:
        model = model_for(config)
    except ScorerError as exc:
        raise click.ClickException(str(exc)) from None
    out = sys.stdout if output is None else open(output, "w", encoding="utf-8")
    counts = {"scored": 0, "low_quality": 0, "errors": len(results)}  # counts, not results: memory stays flat
    try:
        scored = (s.result for p in job.partitions for s in iter_scored(p, config, model))
        if fmt == "html":
            collected = list(scored)  # one page for the whole batch
            out.write(to_html(results + collected))
            results = collected
            scored = iter(())
        for result in results if fmt == "html" else scored:
            if result.error is not None:
                counts["errors"] += 1
                click.echo(f"scorer: {result.input}: {result.error}", err=True)
            else:
                counts["scored"] += 1
                counts["low_quality"] += result.label == "low_quality"
            if fmt != "html":
                out.write((to_json_line(result) if fmt == "json" else to_table(result, detail=False)) + "\n")
                out.flush()
    finally:
        if output is not None:
            out.close()
    errors = counts["errors"]
    click.echo(f"{counts['scored']} scored, {counts['low_quality']} low_quality, {errors} error{'s' if errors != 1 else ''}", err=True)
    if errors:
        sys.exit(1)
