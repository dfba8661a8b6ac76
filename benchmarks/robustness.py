"""Robust to layout and length, newer generators caught: the previous model beside the new one, same run.

    python benchmarks/robustness.py                       # (a) and (b), models/default against ecfbc9d's
    python benchmarks/robustness.py --model DIR           # a trial model instead of models/default
    python benchmarks/robustness.py --skip-cv             # (a) only
    python benchmarks/robustness.py --json out.json       # also write the figures

(a) Real reported news flagged: the share of each shared human set (aeb-scrapinghub,
    l3s-gn1, polnear) labelled low_quality at each model's own default threshold, as read
    (HTML pages from their HTML) and with its extracted text transformed
    (scorer.research.augment.TRANSFORMS): paragraph breaks removed, cut to its first 150
    words, both, whitespace normalised.
(b) detectrl-xsum dev (BBC news vs ChatGPT, Claude-instant, PaLM-2, Llama-2-70b with prompt,
    paraphrase and typo attacks), cross-validated so no model sees what it is scored on:
    leave one generator out (and, with ``--attacks``, one attack family out; with ``--methods``, one attack method). Each fold trains the
    shipped configuration (benchmarks/classifier.py: llmfake + sheepdog train, screened, leads,
    layout copies) plus the detectrl rows of the other generators (methods) and of the other
    folds of the human rows (length-matched as in training, see shared_sets.detectrl_xsum),
    then scores the held-out rows as they are. Reported: AUROC over all held-out rows and per
    generator (method), the share caught at the new model's default threshold, beside the
    previous model's figures on the same rows (in-sample when the previous model was trained on detectrl-xsum dev).

Requires the previous model to load in this code: if its feature versions differ (signal
families changed since), it is run on this code's features and the report says so.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import classifier as B  # noqa: E402  (the shipped training configuration and its helpers)
import shared_sets as S  # noqa: E402

from scorer.model.trained import TrainedModel, load_trained_model  # noqa: E402
from scorer.model.evidence import template_evidence  # noqa: E402
from scorer.research.augment import TRANSFORMS, transformed_rows  # noqa: E402
from scorer.research.fit import fit_pipelines, reference_of  # noqa: E402
from scorer.research.featurize import FeaturizedSet, featurize_rows  # noqa: E402
from scorer.research.metrics import metrics  # noqa: E402
from scorer.research.readers import LEAD_OF, VARIANT_OF  # noqa: E402

PREVIOUS = B.PREVIOUS
HUMAN_FLAG_TARGET = 0.03
AUROC_TARGET = 0.97
CAUGHT_TARGET = 0.85

logger = logging.getLogger("robustness")


def featurize(rows, jobs: int) -> FeaturizedSet:
    return featurize_rows(rows, n_jobs=jobs, cache_dir=B.CACHE)


def flagged(model: TrainedModel, fs: FeaturizedSet) -> tuple[float, int]:
    p = model.predict_features(fs.features)
    p = p[~np.isnan(p)]
    return float((p >= model.threshold).mean()) if len(p) else float("nan"), int(len(p))


def human_flags(models: dict[str, TrainedModel], root: Path, jobs: int) -> dict:
    results: dict = {}
    for set_name, loader in S.REAL_NEWS.items():
        original = featurize(loader(root), jobs)
        results[set_name] = {}
        for name in TRANSFORMS:
            fs = original if name == "original" else featurize(transformed_rows(original, name), jobs)
            results[set_name][name] = {model_name: dict(zip(("flagged", "scored"), flagged(m, fs))) for model_name, m in models.items()}
            # The newest model's probabilities, for the flag rates at another threshold (see bound()).
            p = list(models.values())[-1].predict_features(fs.features)
            results[set_name][name]["_p"] = [float(x) for x in p[~np.isnan(p)]]
    return results


def bound(report: dict, scores: np.ndarray, dev: FeaturizedSet, column: str, flags: dict | None) -> dict:
    """What catching CAUGHT_TARGET of every held-out ``column`` value would take: the highest threshold that does,
    and the share of human articles flagged there (detectrl-xsum's held-out ones; the shared sets' under each transform)."""
    ok = ~np.isnan(scores)
    p, y = scores[ok], np.asarray(dev.targets)[ok]
    values = np.asarray([row.meta[column] for row in dev.rows])[ok]
    threshold = float(min(np.quantile(p[values == v], 1 - CAUGHT_TARGET) for v in set(values[y == 1])))
    out = {"threshold": threshold, "detectrl_human_flagged": float((p[y == 0] >= threshold).mean())}
    if flags:
        out["shared_flagged"] = {s: {t: float((np.asarray(row[t]["_p"]) >= threshold).mean()) for t in TRANSFORMS} for s, row in flags.items()}
    return out


def print_flags(results: dict, models: list[str]) -> None:
    print(f"== (a) real news flagged at each model's default threshold (target <= {HUMAN_FLAG_TARGET:.0%}); " + " | ".join(models))
    print(f"{'set':18}" + "".join(f"{t:>26}" for t in TRANSFORMS))
    for set_name, row in results.items():
        cells = []
        for t in TRANSFORMS:
            cells.append(" → ".join(f"{row[t][m]['flagged']:.1%}" for m in models) + f" of {row[t][models[-1]]['scored']}")
        print(f"{set_name:18}" + "".join(f"{c:>26}" for c in cells))
    print()


def origin(row) -> str:
    """The article a training row was read as (a lead or layout copy points to it)."""
    return row.meta.get(LEAD_OF) or row.meta.get(VARIANT_OF) or row.where


def held_out_cv(data: dict, dev: FeaturizedSet, matched: FeaturizedSet, column: str, seed: int, n_jobs: int) -> np.ndarray:
    """Out-of-fold probabilities for ``dev`` rows: one fold per value of ``column`` among machine rows,
    the human rows dealt into as many folds (seeded); each fold's model never saw its rows in any form."""
    base = B.combine(data["llmfake-decontaminated"], data["sheepdog-train-decontaminated"])
    values = sorted({row.meta[column] for row in dev.rows if row.target == 1})
    rng = np.random.default_rng(seed)
    human = [i for i, row in enumerate(dev.rows) if row.target == 0]
    human_fold = dict(zip(human, rng.permutation(len(human)) % len(values)))
    fold_of = [human_fold[i] if row.target == 0 else values.index(row.meta[column]) for i, row in enumerate(dev.rows)]
    where_fold = {row.where: k for row, k in zip(dev.rows, fold_of)}
    # Screened, with leads and layout copies, once: a fold drops every row made from its held-out articles.
    everything = B.screened(B.combine(base, matched))
    subsets = [np.asarray([i for i, row in enumerate(everything.rows) if where_fold.get(origin(row)) != k]) for k in range(len(values))]
    start = time.time()
    pipelines = fit_pipelines(everything, B.scorer_options(), subsets, n_jobs)
    oof = np.full(len(dev.rows), np.nan)
    for k, (value, keep, pipeline) in enumerate(zip(values, subsets, pipelines)):
        # As scorer train does: the fixed template evidence on top of the learned model.
        evidence = template_evidence(reference_of(everything.subset(keep), pipeline))
        test = [i for i, f in enumerate(fold_of) if f == k]
        features = [dev.features[i] for i in test]
        oof[test] = evidence.apply(pipeline.predict_proba(features)[:, 1], evidence.of_rows(features))
        logger.info("held out %s=%s: %d training rows, %d scored", column, value, len(keep), len(test))
    logger.info("%d fits in %.0fs", len(values), time.time() - start)
    return oof


def cv_report(dev: FeaturizedSet, column: str, scores: dict[str, np.ndarray], thresholds: dict[str, float]) -> dict:
    # Rows some model has no verdict on (not English: NaN) are left out for every model alike.
    scored = np.all([~np.isnan(p) for p in scores.values()], axis=0)
    dev = dev.subset(np.flatnonzero(scored))
    scores = {model: p[scored] for model, p in scores.items()}
    y = np.asarray(dev.targets)
    values = np.asarray([row.meta[column] for row in dev.rows])
    human = y == 0
    out: dict = {"column": column, "overall": {}, "per_value": {}, "human_flagged": {}, "not_scored": int((~scored).sum())}
    for model, p in scores.items():
        out["overall"][model] = {"roc_auc": metrics(y, p)["roc_auc"], "caught": float((p[~human] >= thresholds[model]).mean())}
        out["human_flagged"][model] = float((p[human] >= thresholds[model]).mean())
    for value in sorted(set(values[~human])):
        rows = human | (values == value)
        out["per_value"][value] = {
            model: {"roc_auc": metrics(y[rows], p[rows])["roc_auc"], "caught": float((p[values == value] >= thresholds[model]).mean()), "n": int((values == value).sum())}
            for model, p in scores.items()
        }
    return out


def print_cv(title: str, report: dict, models: list[str]) -> None:
    print(f"== (b) {title} (AUROC target >= {AUROC_TARGET}, caught >= {CAUGHT_TARGET:.0%}); " + " → ".join(models))
    o = report["overall"]
    print(f"{'all held-out rows':34} AUROC " + " → ".join(f"{o[m]['roc_auc']:.3f}" for m in models)
          + "   caught " + " → ".join(f"{o[m]['caught']:.1%}" for m in models)
          + "   human flagged " + " → ".join(f"{report['human_flagged'][m]:.1%}" for m in models))
    for value, row in report["per_value"].items():
        print(f"{value:34} AUROC " + " → ".join(f"{row[m]['roc_auc']:.3f}" for m in models)
              + "   caught " + " → ".join(f"{row[m]['caught']:.1%}" for m in models) + f"   ({row[models[0]]['n']} rows)")
    b = report.get("bound")
    if b:
        print(f"bound: catching {CAUGHT_TARGET:.0%} of every held-out {report.get('column', 'value')} takes a threshold of {b['threshold']:.3f} or lower; "
              f"there {b['detectrl_human_flagged']:.1%} of detectrl's held-out human articles are flagged"
              + ("; shared human sets flagged (original / no breaks / first 150 words): " + ", ".join(
                  f"{s} {r['original']:.1%} / {r['no_breaks']:.1%} / {r['first_150_words']:.1%}" for s, r in b["shared_flagged"].items()) if "shared_flagged" in b else ""))
    print()


CARD_START = "<!-- robustness: written by `python benchmarks/robustness.py --card` -->"
CARD_END = "<!-- /robustness -->"


def card_block(results: dict, names: list[str], command: str) -> str:
    """The model card's robustness section, from this run's figures (previous → new in every cell)."""
    def pair(values, percent=True):
        return " → ".join(f"{v:.1%}" if percent else f"{v:.3f}" for v in values)

    previous = names[0].split(" ", 1)[1].strip("()")
    lines = [f"Measured by `{command}`; every cell is the previous model (models/default at {previous}) → this one, same run.", ""]
    if "human_flags" in results:
        lines += ["Real reported news flagged as low_quality at each model's default threshold, as read and with its extracted text "
                  "transformed (`scorer.research.augment.TRANSFORMS`):", "",
                  "| set | " + " | ".join(TRANSFORMS) + " |", "|---|" + "---|" * len(TRANSFORMS)]
        for set_name, row in results["human_flags"].items():
            lines.append(f"| {set_name} | " + " | ".join(pair(row[t][m]["flagged"] for m in names) + f" of {row[t][names[-1]]['scored']}" for t in TRANSFORMS) + " |")
        lines.append("")
    for column in ("generator", "attack", "method"):
        report = results.get(f"leave_one_{column}_out")
        if report is None:
            continue
        lines += [f"detectrl-xsum dev, leave one {column} out: each {column}'s texts (and a share of the human articles) scored by a "
                  f"model trained without them (fitted {report.get('fitted', '?')}); {results['previous_on_detectrl']}. "
                  f"Caught at each model's default threshold.", "",
                  f"| {column} | AUROC | caught |", "|---|---|---|"]
        o = report["overall"]
        lines.append("| all held-out rows | " + pair((o[m]["roc_auc"] for m in names), False) + " | " + pair(o[m]["caught"] for m in names)
                     + f" (human articles flagged {pair(report['human_flagged'][m] for m in names)}) |")
        for value, row in report["per_value"].items():
            lines.append(f"| {value} ({row[names[0]]['n']}) | " + pair((row[m]["roc_auc"] for m in names), False) + " | " + pair(row[m]["caught"] for m in names) + " |")
        b = report.get("bound")
        if b:
            lines.append("")
            lines.append(f"Catching {CAUGHT_TARGET:.0%} of every held-out {column} would take a threshold of {b['threshold']:.3f} or lower (the default is "
                         f"{results['models'][names[-1]]['threshold']:.3f}); there {b['detectrl_human_flagged']:.1%} of detectrl's held-out human articles are flagged"
                         + ("; and of the shared human sets (original / no breaks / first 150 words): " + "; ".join(
                             f"{s} {r['original']:.1%} / {r['no_breaks']:.1%} / {r['first_150_words']:.1%}" for s, r in b["shared_flagged"].items()) if "shared_flagged" in b else "")
                         + ".")
        lines.append("")
    return "\n".join(lines).rstrip()


def write_card(card: Path, block: str) -> None:
    text = card.read_text(encoding="utf-8")
    start, end = text.index(CARD_START) + len(CARD_START), text.index(CARD_END)
    card.write_text(text[:start] + "\n" + block + "\n" + text[end:], encoding="utf-8")


def _head() -> str:
    import subprocess

    return subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=S.SHARED)
    parser.add_argument("--model", type=Path, default=REPO / "models" / "default", help="the new model (default: models/default)")
    parser.add_argument("--previous", default=PREVIOUS, help=f"the git revision whose models/default is the previous model (default {PREVIOUS})")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-cv", action="store_true", help="only (a)")
    parser.add_argument("--skip-flags", action="store_true", help="only (b)")
    parser.add_argument("--methods", action="store_true", help="also leave one attack method out (9 more fits)")
    parser.add_argument("--attacks", action="store_true", help="also leave one attack family out (direct, prompt, paraphrase, adversarial: 4 more fits)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--reuse-cv", type=Path, help="take (b)'s held-out scores from this earlier --json output instead of refitting (figures at this run's thresholds)")
    parser.add_argument("--card", action="store_true", help="write the figures into the model's MODEL_CARD.md (its robustness section)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")

    old, note = B.previous_model(args.previous)
    # A trial model the user made (trusted: made by this benchmark's user), or the shipped one.
    new = load_trained_model(args.model)
    models = {f"previous ({args.previous})": old, f"new ({args.model.name})": new}
    names = list(models)
    print(f"previous: {args.previous}'s models/default, threshold {old.threshold:.4f}{note}")
    print(f"new: {args.model}, threshold {new.threshold:.4f}\n")
    results: dict = {"models": {n: {"threshold": m.threshold} for n, m in models.items()}}
    # A previous model trained on detectrl-xsum dev has seen every held-out row: its figures there are in-sample.
    saw = any("detectrl" in str(f) for f in old.metadata.get("training_data", {}).get("files", []))
    results["previous_on_detectrl"] = ("the previous model was trained on all of detectrl-xsum dev, so its figures here are in-sample, not held out"
                                       if saw else "the previous model never saw detectrl-xsum")

    if not args.skip_flags:
        results["human_flags"] = human_flags(models, args.shared, args.jobs)
        print_flags(results["human_flags"], names)

    if not args.skip_cv:
        data: dict = {}
        dev = featurize(S.detectrl_xsum(args.shared), args.jobs)
        matched = featurize(S.detectrl_xsum(args.shared, length_matched=True), args.jobs)
        thresholds = {n: m.threshold for n, m in models.items()}
        previous_scores = old.predict_features(dev.features)
        earlier = json.loads(args.reuse_cv.read_text()) if args.reuse_cv else {}
        for column in ("generator",) + (("attack",) if args.attacks else ()) + (("method",) if args.methods else ()):
            if f"leave_one_{column}_out" in earlier:
                reused = earlier[f"leave_one_{column}_out"]
                if reused["rows"] != [row.where for row in dev.rows]:
                    raise SystemExit(f"{args.reuse_cv}: its held-out scores are for other rows")
                oof = np.asarray(reused["scores"], dtype=float)
                print(f"(b) leave one {column} out: held-out scores reused from {args.reuse_cv} (fitted {reused.get('fitted', '?')})")
            else:
                data = data or B.load_all(args.shared, args.jobs)  # only a fit needs the training sets
                oof = held_out_cv(data, dev, matched, column, B.SEED, args.jobs)
                if args.json:  # kept at once: the fits are the slow part
                    args.json.with_suffix(f".{column}-scores.json").write_text(json.dumps({"rows": [r.where for r in dev.rows], "scores": list(map(float, oof))}))
            report = cv_report(dev, column, {names[0]: previous_scores, names[1]: oof}, thresholds)
            report["bound"] = bound(report, oof, dev, column, results.get("human_flags"))
            report.update(rows=[row.where for row in dev.rows], scores=[float(x) for x in oof],
                          fitted=earlier.get(f"leave_one_{column}_out", {}).get("fitted") or f"{time.strftime('%Y-%m-%d %H:%M')} at {_head()}")
            results[f"leave_one_{column}_out"] = report
            print_cv(f"detectrl-xsum dev, leave one {column} out (new: models trained without it; {results['previous_on_detectrl']})", report, names)

    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    if args.card:
        shown, skip = [], False
        for a in sys.argv[1:]:
            if skip or a == "--card":
                skip = False
                continue
            skip = a in ("--json", "--reuse-cv")  # their values are files of this run, not figures
            if not skip:
                shown.append(a)
        command = "python benchmarks/robustness.py " + " ".join(shown)
        if args.reuse_cv:
            command += "`, the held-out scores of (b) from an earlier run of the same command without `--reuse-cv"
        write_card(args.model / "MODEL_CARD.md", card_block(results, names, command.strip()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
