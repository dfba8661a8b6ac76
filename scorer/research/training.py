"""Training a model: the orchestrator behind ``scorer train``.

:func:`train_rows` runs the stages in order, each in its own module:

1. featurize every row, cached (:mod:`scorer.research.featurize`);
2. screen out texts too short to judge and copies posing as rewrites, add each article's
   lead (:mod:`scorer.research.screening`);
3. grouped cross-validation, the fit on everything, the fixed template evidence, the
   default threshold (:mod:`scorer.research.fit`);
4. save the model with its metadata: the spec's :meth:`~scorer.research.spec.TrainSpec.as_dict`
   and what training measured.

:func:`train` reads the labelled sets first (:mod:`scorer.research.readers`). Every option is
one frozen :class:`~scorer.research.spec.TrainSpec`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from scorer.model.evidence import StaleFactEvidence
from scorer.model.evidence import template_evidence as find_template_evidence
from scorer.model.trained import MODEL_FORMAT, library_versions
from scorer.pipeline import MIN_WORDS
from scorer.research.augment import flattened, with_layout_copies
from scorer.research.featurize import FeaturizedSet, featurize_rows
from scorer.research.fit import check_out_dir, choose_threshold, cross_validate_and_fit, save_model
from scorer.research.metrics import metrics
from scorer.research.readers import LEAD_OF, VARIANT_OF, LabelledRow, LabelledSetError, data_digest, read_labelled
from scorer.research.screening import LEFT_OUT_KINDS, screen_for_training, with_leads
from scorer.research.spec import TrainSpec
from scorer.signals import FAMILIES

logger = logging.getLogger(__name__)


@dataclass
class TrainResult:
    """What ``scorer train`` reports: the cross-validated metrics and where the model went."""

    out_dir: Path
    metadata: dict[str, Any]
    cv: dict[str, Any]
    oof: np.ndarray
    failed: list[tuple[LabelledRow, str]]
    #: Rows read and extracted but not learned from: (row, kind, reason), see :func:`screen_for_training`.
    left_out: list[tuple[LabelledRow, str, str]] = field(default_factory=list)


def _featurized_for_training(rows: Sequence[LabelledRow], spec: TrainSpec) -> tuple[FeaturizedSet, list[tuple[LabelledRow, str, str]], list[LabelledRow]]:
    """The rows to learn from (screened, with leads), the rows left out, and the articles learned from."""
    model = spec.model
    # Every family is extracted (one cache entry serves any choice of families); the model uses `families`.
    featurize_options = {"families": FAMILIES, "style": model.style, "undated": model.undated, "n_jobs": spec.n_jobs, "cache_dir": spec.cache_dir}
    featurized = featurize_rows(rows, **featurize_options)
    if featurized.failed and not spec.screening.skip_failed:
        row, error = featurized.failed[0]
        more = f" (and {len(featurized.failed) - 1} more)" if len(featurized.failed) > 1 else ""
        raise LabelledSetError(f"{row.where}: {error}{more}")
    labels = sorted({row.label for row in featurized.rows})  # as read, before any is left out
    featurized, left_out = screen_for_training(featurized, copy_share=spec.screening.copy_share) if spec.screening.screen else (featurized, [])
    if left_out:
        logger.info("left out %d article(s), e.g. %s: %s", len(left_out), left_out[0][0].where, left_out[0][2])
    y = np.asarray(featurized.targets)
    if y.sum() == 0 or y.sum() == len(y):
        # Say why a class is missing: the labels given, or the screen that left articles out.
        why = ""
        if left_out:
            words = {"too_short": f"under {MIN_WORDS} words", "copy": "copies of their group's ok article"}
            counts = {kind: sum(k == kind for _, k, _ in left_out) for kind in LEFT_OUT_KINDS}
            why = "; left out: " + ", ".join(f"{n} {words[kind]}" for kind, n in counts.items() if n) + " (--keep-all learns from them)"
        raise LabelledSetError(
            f"need both low_quality and ok articles; labels found: {', '.join(labels)} (positive: {', '.join(spec.data.positive)}){why}"
        )
    article_rows = featurized.rows
    if spec.screening.leads:
        featurized = with_leads(featurized, seed=model.seed, **featurize_options)
    if spec.screening.layout == "copies":
        featurized = with_layout_copies(featurized, seed=model.seed, **featurize_options)
    elif spec.screening.layout == "flatten":
        featurized = flattened(featurized, seed=model.seed, **featurize_options)
    return featurized, left_out, article_rows


def train_rows(rows: Sequence[LabelledRow], out_dir: str | Path, spec: TrainSpec = TrainSpec()) -> TrainResult:
    """Featurize, cross-validate by group, fit on everything, save. The library behind ``scorer train``."""
    spec = spec.named(Path(out_dir).name)
    featurized, left_out, article_rows = _featurized_for_training(rows, spec)
    y = np.asarray(featurized.targets)
    is_article = featurized.articles
    # The fold fits and the final fit are independent: run n_jobs at a time.
    oof, folds, pipeline, stats = cross_validate_and_fit(featurized, spec.model, spec.n_jobs)
    # The fixed template evidence (scorer.model.evidence) is part of the model's probability: the
    # threshold and the cross-validation figures are those of the model as it will score.
    evidence = find_template_evidence(stats) if spec.screening.template_evidence else None
    if evidence is not None:
        oof = evidence.apply(oof, evidence.of_rows(featurized.features))
    # Reported on the articles: a lead is training material, not an article of the user's.
    y_articles, oof = y[is_article], oof[is_article]
    threshold = choose_threshold(y_articles, oof, spec.target_fpr) if spec.threshold is None else spec.threshold
    cv = metrics(y_articles, oof, threshold)
    cv["folds"] = len(folds)
    cv["fold_roc_auc"] = [fold["roc_auc"] for fold in folds]
    featurizer = pipeline.named_steps["features"]
    options = spec.as_dict()
    metadata = {
        "format": MODEL_FORMAT,
        "name": options["name"],
        "threshold": threshold,
        "threshold_rule": options["threshold_rule"],
        "features": [str(n) for n in featurizer.feature_names_],
        "feature_versions": dict(featurizer.feature_versions_),
        "vocabulary": {"rewrite_words": featurizer.rewrite_words_, "reported_words": featurizer.reported_words_},
        "featurizer": options["featurizer"],
        "model": options["model"],
        "labels": options["labels"],
        "training_data": {
            **options["training_data"],
            "digest": data_digest(article_rows),
            "articles": int(len(y_articles)),
            "low_quality": int(y_articles.sum()),
            "ok": int(len(y_articles) - y_articles.sum()),
            "groups": len(set(featurized.groups)),
            "skipped": len(featurized.failed),
            "left_out": {kind: sum(k == kind for _, k, _ in left_out) for kind in LEFT_OUT_KINDS},
            "leads": sum(LEAD_OF in row.meta for row in featurized.rows),
            "layout_copies": sum(VARIANT_OF in row.meta for row in featurized.rows),
            "flattened": sum(row.meta.get("layout") == "no_breaks" for row in featurized.rows),
        },
        "libraries": library_versions(),
        "metrics": {"cross_validation": cv},
        "reference": {"population": spec.population, "features": stats},
        "evidence": evidence.as_dict() if evidence is not None else None,
        # Not applied to the out-of-fold scores above: labelled rows carry no dates, so it moves none of them.
        "stale_fact_evidence": StaleFactEvidence().as_dict() if spec.screening.stale_fact_evidence else None,
    }
    out = save_model(pipeline, metadata, out_dir)
    return TrainResult(out, metadata, cv, oof, featurized.failed, left_out)


def train(paths: Sequence[str | Path], out_dir: str | Path, spec: TrainSpec | None = None, *, overwrite: bool = False, **options: Any) -> TrainResult:
    """Read the labelled sets in ``paths`` and train a model into ``out_dir`` (see :func:`check_out_dir`).

    ``spec`` (default: every default), changed by ``options`` (:meth:`TrainSpec.from_options` names).
    """
    spec = (spec or TrainSpec()).with_options(data=list(paths), **options)
    check_out_dir(out_dir, overwrite=overwrite)
    data = spec.data
    rows = read_labelled(data.files, positive=data.positive, negative=data.negative, columns=dict(data.columns))
    # The model records the files' names, not where they were on this machine.
    return train_rows(rows, out_dir, spec.with_options(data=[Path(f).name for f in data.files]))
