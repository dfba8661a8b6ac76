"""``scorer train`` and ``scorer evaluate``: a researcher's round trip in two commands.

Each command parses its options, makes one library call
(:func:`scorer.research.training.train`, :func:`scorer.research.evaluation.evaluate_model`) and
renders the result. ``scorer.cli.main`` adds both to the main group.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import click
from click.core import ParameterSource

from scorer.cli.model_out import refuse_reading_into, staged_model_dir
from scorer.cli.output import atomic_output, refuse_reading
from scorer.cli.types import Prior
from scorer.core.errors import ScorerError
from scorer.model.classifier import CLASSIFIERS, DEFAULT_WORDING
from scorer.model.loading import UNTRUSTED, default_model_dir
from scorer.model.trained import MODEL_FILE
from scorer.pipeline import MIN_WORDS
from scorer.research.evaluation import (
    EvaluationSpec,
    evaluate_model,
    format_metrics_table,
    format_report,
    report_json,
)
from scorer.research.fit import check_out_dir
from scorer.research.screening import COPY_SHARE, LEAD_MAX_WORDS
from scorer.research.spec import LAYOUTS, DataSpec, TrainSpec
from scorer.research.training import train as train_model


def is_shipped_model(directory: str) -> bool:
    """Whether ``directory`` holds the shipped model's own file (loaded after its digest is checked, no trust needed)."""
    shipped = default_model_dir()
    try:
        return shipped is not None and os.path.samefile(Path(directory) / MODEL_FILE, shipped / MODEL_FILE)
    except OSError:
        return False


def _columns(pairs: tuple[str, ...]) -> dict[str, str]:
    columns = {}
    for pair in pairs:
        standard, sep, name = pair.partition("=")
        if not sep or standard not in ("text", "html", "label", "group", "date", "url") or not name:
            raise click.BadParameter(f"{pair!r}: expected STANDARD=NAME with STANDARD one of text, html, label, group, date, url", param_hint="--column")
        columns[standard] = name
    return columns


def _labelled_set_options(data_required: bool = True):
    """The options ``train`` and ``evaluate`` share: the labelled sets, their labels and columns, jobs, cache, format."""

    def decorate(func):
        for option in reversed(
            [
                click.argument("data", nargs=-1, required=data_required, type=click.Path(exists=True)),
                click.option("--positive", multiple=True, default=("low_quality",), show_default=True, help="A label that means low_quality. Repeatable."),
                click.option("--negative", multiple=True, help="A label that means ok. Repeatable; when given, any other label is an error."),
                click.option("--column", "columns", multiple=True, metavar="STANDARD=NAME", help="Read a standard column under another name, e.g. group=pair_id. Repeatable."),
                click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Extract articles in parallel."),
                click.option("--cache", type=click.Path(file_okay=False), help="Keep extracted features here to make reruns fast."),
                click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True),
            ]
        ):
            func = option(func)
        return func

    return decorate


@click.command()
@_labelled_set_options(data_required=False)
@click.option("--spec", "spec_file", type=click.Path(exists=True, dir_okay=False), help="A TOML file of these options (names as here, e.g. folds = 5, keep_all = true); options given here win.")
@click.option("--out", required=True, type=click.Path(file_okay=False), help="The model directory to write (built beside it and put in place only when complete; never a folder holding what the command reads).")
@click.option("--classifier", type=click.Choice(CLASSIFIERS), default="logistic", show_default=True)
@click.option("--calibration", type=click.Choice(["sigmoid", "isotonic"]), default="sigmoid", show_default=True)
@click.option("--prior", type=click.FloatRange(0.01, 0.99), default=0.5, show_default=True, help="Share of low_quality articles the probabilities assume.")
@click.option("--threshold", type=click.FloatRange(0, 1), help="Default threshold to store (default: the probability that flags 3% of ok training articles out-of-fold, at least 0.5).")
@click.option("--families", help="Comma-separated signal families the model uses (default: padding,attribution,generalities,anachronism,readability).")
@click.option("--wording", type=click.IntRange(0, 2_000_000), default=DEFAULT_WORDING, show_default=True, help="Character n-grams of the wording sub-model (its score becomes one feature); 0 turns it off.")
@click.option("--across-sources", is_flag=True, help="Calibrate on scores of each labelled set (source_dataset column, else file) from a model fitted on the other sets.")
@click.option("--directed", is_flag=True, help="Constrain which way known signals may push the score (scorer/knowledge/feature_directions.txt).")
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True, help="Grouped cross-validation folds.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--name", help="The model's name in score output (default: the directory name).")
@click.option("--skip-failed", is_flag=True, help="Leave out articles that cannot be extracted instead of stopping.")
@click.option("--keep-all", is_flag=True, help=f"Learn from every row: also articles under {MIN_WORDS} words and low_quality rows that share more than {COPY_SHARE:.0%} of their word 5-grams with their group's ok article.")
@click.option("--overwrite", is_flag=True, help="Replace the model already in --out (a directory holding anything else is never written to).")
@click.option("--no-leads", is_flag=True, help=f"Do not also learn from each article's opening (its first {MIN_WORDS}-{LEAD_MAX_WORDS} words, same label), which teaches the model that short texts say less.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="copies", show_default=True, help="How training evens out layout between the sets: 'copies' adds each article again without paragraph breaks and cut to its opening words (both labels alike), 'flatten' rewrites some articles in place, 'none' leaves them as read.")
@click.option("--no-template-evidence", is_flag=True, help="Do not add the fixed weight for search-engine template blocks (scorer/evidence.py) to the learned model: for labelled sets that hold such pages, let the model learn it.")
def train(data, spec_file, out, fmt, overwrite, **options) -> None:
    """Train a model on labelled sets: grouped cross-validation report, then fit on everything.

    \b
    Examples:
      scorer train training_data/examples.jsonl --out /tmp/m
      scorer train llmfake.jsonl --positive machine --negative human --column group=pair_id --out models/mine -j 2
      scorer train --spec llmfake.toml --out models/mine --seed 1
    """
    # Only the options given on the command line: the rest come from --spec, or the spec's defaults.
    context = click.get_current_context()
    given = {key: value for key, value in options.items() if context.get_parameter_source(key) is not ParameterSource.DEFAULT}
    if "columns" in given:
        given["columns"] = _columns(given["columns"])
    if data:
        given["data"] = data
    try:
        spec = TrainSpec.from_toml(spec_file, **given) if spec_file else TrainSpec.from_options(**given)
        if not spec.data.files:
            raise click.UsageError("give the labelled sets (DATA), or a --spec file that names them (data = [...])")
        # Checked before the slow part: --out may not hold what is read, nor anything but a model.
        refuse_reading_into(out, [*map(str, spec.data.files), spec_file, spec.cache_dir])
        check_out_dir(out, overwrite=overwrite)
        # Trained into a folder beside --out that replaces it only once the model is saved:
        # an error or Ctrl-C leaves the previous model as it was.
        with staged_model_dir(out) as staging:
            result = train_model(spec.data.files, staging, spec, overwrite=overwrite)
    except (ScorerError, ValueError) as exc:
        raise click.ClickException(str(exc).splitlines()[0]) from None
    if fmt == "json":
        click.echo(json.dumps({"model": str(out), "cross_validation": result.cv, "training_data": result.metadata["training_data"]}, indent=2))
        return
    info = result.metadata["training_data"]
    click.echo(f"{info['articles']} articles ({info['low_quality']} low_quality, {info['ok']} ok) in {info['groups']} groups")
    if result.failed:
        click.echo(f"skipped {len(result.failed)} article(s) that could not be extracted, e.g. {result.failed[0][0].where}")
    if result.left_out:
        row, _, reason = result.left_out[0]
        counts = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in info["left_out"].items() if n)
        click.echo(f"left out {len(result.left_out)} article(s) ({counts}; --keep-all keeps them), e.g. {row.where}: {reason}")
    if info["leads"]:
        click.echo(f"also learned from {info['leads']} leads (the opening of each long enough article, same label; --no-leads skips them)")
    click.echo(f"grouped {result.cv['folds']}-fold cross-validation of the articles:")
    click.echo(format_metrics_table({"cv": result.cv}))
    click.echo(f"default threshold {result.metadata['threshold']:.3f} ({result.metadata['threshold_rule']})")
    click.echo(f"model saved to {out}")


@click.command()
@_labelled_set_options()
@click.option("--model", type=click.Path(exists=True, file_okay=False), help="A model directory (default: the shipped model); needs --trust-model.")
@click.option("--trust-model", is_flag=True,
              help="Load the --model directory: a model is a pickle, and loading it runs any code its maker put in it. "
                   "Only for models you made or whose maker you trust; the shipped model is checked by its digest.")
@click.option("--by", multiple=True, metavar="COLUMN", help="Also break the metrics down by this column (e.g. generator). Repeatable.")
@click.option("--threshold", type=click.FloatRange(0, 1), help="Probability from which an article counts as low_quality (default: the model's).")
@click.option("--prior", type=Prior(),
              help="Share of low_quality articles the probabilities assume (default: the model's); the set's own share measures "
                   "calibration under its mix, 'auto' estimates that share from the scores without the labels.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here instead of standard output "
              "(written beside it and renamed into place when complete; never the labelled set or the model it reads).")
def evaluate(data, positive, negative, columns, jobs, cache, fmt, model, trust_model, by, threshold, prior, output) -> None:
    """Measure a model on labelled sets: ROC-AUC, PR-AUC, F1, FPR, calibration, confusion matrix.

    \b
    Examples:
      scorer evaluate training_data/examples.jsonl --model /tmp/m --trust-model
      scorer evaluate test.jsonl --positive machine --model models/mine --trust-model --by generator --format json
    """
    # Refused before the slow part (and before anything is unpickled): a user's model needs --trust-model,
    # and the report may never replace the labelled set or the model it reads.
    if model and not trust_model and not is_shipped_model(model):
        raise click.ClickException(f"{model}: not loaded: {UNTRUSTED}")
    read = [*map(str, data), *(str(f) for f in Path(model).iterdir() if f.is_file())] if model else list(map(str, data))
    refuse_reading(output, read)
    try:
        spec = EvaluationSpec(
            DataSpec(tuple(map(str, data)), tuple(positive), tuple(negative) or None, tuple(_columns(columns).items())),
            model_dir=model, by=tuple(by), threshold=threshold, prior=prior, n_jobs=jobs, cache_dir=cache,
            trust_model=trust_model,
        )
        report = evaluate_model(spec)
    except (ScorerError, ValueError) as exc:
        raise click.ClickException(str(exc).splitlines()[0]) from None
    text = report_json(report) if fmt == "json" else format_report(report)
    with atomic_output(output, read=read) as out:
        out.write(text + "\n")
