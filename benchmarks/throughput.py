"""Text throughput on one core: the per-article path against ``score_many``, and against a previous checkout.

Usage::

    python benchmarks/throughput.py [--limit 1000] [--shared DIR] [--baseline-python /path/to/other/venv/bin/python]
                                    [--stages] [--json OUT]

Texts: the first ``--limit`` texts of ``<shared>/llmfake/train.jsonl`` (``<shared>`` defaults to
``<repo>/../shared/datasets``). The process is pinned to one processor (``sched_setaffinity``) and
to one BLAS/OpenMP thread (``OMP_NUM_THREADS=1`` and threadpoolctl), so figures are per core.
Each measurement scores every text after one warm-up text (the model and any dictionary
loaded, not counted) and prints articles per second of wall time and per CPU-second of the
process (the second is what a busy machine changes least):

* ``per-article``: ``scorer.score_text`` on each text, as a plugin calls it;
* ``score_many``: ``scorer.score_many(texts)`` (chunks of 64);
* ``baseline``: ``scorer.score_text`` in a subprocess run by ``--baseline-python`` (another
  checkout's environment, e.g. the previous main), in turn with the two above.

Then the largest |Δ probability| between the paths (unrounded), and whether labels and reasons
(messages and order; effects within 1e-6) agree. ``--stages`` times each stage of ``score_many``
over the same texts: where the remaining time goes. Figures, never assertions: a busy machine
gives lower ones, so compare paths measured in the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before numpy / scikit-learn load

REPO = Path(__file__).resolve().parents[1]

#: Run by --baseline-python: the public API only, so it works on any checkout.
BASELINE_CODE = r"""
import json, os, sys, time
try:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
except (AttributeError, OSError):
    pass
import scorer
texts = json.load(open(sys.argv[1], encoding="utf-8"))
def score(text):
    try:
        return scorer.score_text(text).label
    except scorer.ScorerError as exc:
        return "error: " + str(exc)
score(texts[0])  # warm-up: model, dictionaries
start, cpu = time.perf_counter(), time.process_time()
labels = [score(t) for t in texts]
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
# Untimed: the model's unrounded probabilities and effects, one article at a time.
from scorer.pipeline import article_from_text
from scorer.signals import analyze_all
model = scorer.load_model()
raw = []
for t in texts:
    a = article_from_text(t)
    try:
        p = model.predict(a, analyze_all(a))
        raw.append({"probability": p.probability, "reasons": [[r.feature, r.effect, r.message] for r in p.reasons]})
    except scorer.ScorerError as exc:
        raw.append({"error": str(exc)})
print(json.dumps({"seconds": elapsed, "cpu": cpu, "labels": labels, "raw": raw, "file": scorer.__file__}))
"""


def pin_one_core() -> str:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"processor {cpu}"
    except (AttributeError, OSError) as exc:
        return f"not pinned ({exc})"


def load_texts(shared: Path, limit: int) -> list[str]:
    texts = []
    with open(shared / "llmfake" / "train.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    return texts


def compare(name: str, a: dict, b: dict) -> dict:
    """Largest |Δ probability| (unrounded) and disagreements in labels and reasons between two paths."""
    delta, labels, reasons, errors = 0.0, 0, 0, 0
    labels = sum(x != y for x, y in zip(a["labels"], b["labels"], strict=True))
    for x, y in zip(a["raw"], b["raw"], strict=True):
        if "error" in x or "error" in y:
            errors += x.get("error") != y.get("error")
            continue
        delta = max(delta, abs(x["probability"] - y["probability"]))
        rx, ry = x["reasons"], y["reasons"]
        reasons += not (len(rx) == len(ry) and all(
            f1 == f2 and m1 == m2 and abs(e1 - e2) < 1e-6 for (f1, e1, m1), (f2, e2, m2) in zip(rx, ry)
        ))
    out = {"max_abs_delta_probability": delta, "labels_differ": labels, "reasons_differ": reasons, "errors_differ": errors}
    print(f"  {name}: max |Δprobability| {delta:.3g}, labels differ {labels}, reasons differ (message, order, effect ≥ 1e-6) {reasons}, "
          f"errors differ {errors}")
    return out


def raw_predictions(texts: list[str], batched: bool) -> list[dict]:
    """The model's unrounded probabilities and reasons: one article at a time, or in score_many's chunks."""
    import scorer
    from scorer.pipeline import BATCH_SIZE, article_from_text
    from scorer.signals import analyze_all

    model = scorer.load_model()
    pairs = []
    for text in texts:
        article = article_from_text(text)
        pairs.append((article, analyze_all(article)))
    if batched:
        predictions = [p for i in range(0, len(pairs), BATCH_SIZE) for p in model.predict_many(pairs[i : i + BATCH_SIZE])]
    else:
        predictions = []
        for article, signals in pairs:
            try:
                predictions.append(model.predict(article, signals))
            except scorer.ScorerError as exc:
                predictions.append(exc)
    return [{"error": str(p)} if isinstance(p, Exception) else
            {"probability": p.probability, "reasons": [[r.feature, r.effect, r.message] for r in p.reasons]} for p in predictions]


def run_baseline(python: str, texts: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "texts.json"
        path.write_text(json.dumps(texts), encoding="utf-8")
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        # Run from an empty directory, so `import scorer` finds that environment's scorer, not this checkout.
        done = subprocess.run([python, "-c", BASELINE_CODE, str(path)], cwd=tmp, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def stages(texts: list[str]) -> None:
    """Seconds per article in each stage of score_many, over ``texts``."""
    import scorer
    from scorer.pipeline import BATCH_SIZE, _scored, article_from_text
    from scorer.signals import REGISTRY

    config = scorer.Config()
    model = scorer.load_model()
    timings: dict[str, float] = {}

    def timed(name, fn, *args, **kwargs):
        start = time.process_time()
        value = fn(*args, **kwargs)
        timings[name] = timings.get(name, 0.0) + time.process_time() - start
        return value

    for i in range(0, len(texts), BATCH_SIZE):
        pairs = []
        for text in texts[i : i + BATCH_SIZE]:
            article = timed("1 load/clean/segment", article_from_text, text, input="-", config=config)  # type: ignore[arg-type]
            signals = {spec.name: timed(f"2 signal {spec.name}", spec.analyze, article, config) for spec in REGISTRY if spec.in_output}
            pairs.append((article, signals))
        features = [timed("3 features (style, english, rows)", model.features_of, a, s) for a, s in pairs]
        featurizer = model.pipeline.named_steps["features"]
        from scorer.model.speed import fast_prediction
        from scorer.model.explain import batch_effects

        with fast_prediction():
            X = timed("4 featurizer transform (word lists, wording TF-IDF+LR)", featurizer.transform, features)
            timed("5 classifier + explanations (one call)", batch_effects, model.pipeline[1:], X, model._medians())
        predictions = timed("6 predict_many total (3-5 again + reasons)", model.predict_many, pairs)
        for (a, s), p in zip(pairs, predictions):
            if isinstance(p, Exception):  # refused (not English): an error result
                continue
            timed("7 result (verdict, findings)", _scored, a, s, p, config, model)
    n = len(texts)
    print("  stage breakdown, CPU ms per article (6 repeats 3-5 and adds the reasons' wording):")
    for name, seconds in sorted(timings.items()):
        print(f"    {1000 * seconds / n:7.2f}  {name}")
    body = sum(v for k, v in timings.items() if not k.startswith(("3", "4", "5")))
    print(f"    {1000 * body / n:7.2f}  total (1, 2, 6, 7) → {n / body:.0f} articles/s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "datasets")
    parser.add_argument("--baseline-python", help="another environment's python (the previous main): the same texts through its scorer.score_text")
    parser.add_argument("--stages", action="store_true", help="also time each stage of score_many")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)

    where = pin_one_core()
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    import scorer

    texts = load_texts(args.shared, args.limit)
    print(f"{len(texts)} llmfake texts, one core ({where}, one BLAS/OpenMP thread)")
    figures: dict = {"articles": len(texts)}

    def measure(name, key, fn):
        start, cpu = time.perf_counter(), time.process_time()
        results = fn()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        figures[key] = {"per_s_wall": len(texts) / wall, "per_cpu_s": len(texts) / cpu}
        print(f"  {name:<40} {len(texts) / wall:7.1f} articles/s wall, {len(texts) / cpu:7.1f} per CPU-second")
        return results

    def score_text(text: str) -> str:
        try:
            return scorer.score_text(text).label
        except scorer.ScorerError as exc:  # e.g. a text not in English
            return "error: " + str(exc)

    score_text(texts[0])  # warm-up: model, dictionaries
    single = measure("per-article (score_text)", "per_article", lambda: [score_text(t) for t in texts])
    many = measure("score_many", "score_many", lambda: list(scorer.score_many(texts)))
    if args.baseline_python:
        base = run_baseline(args.baseline_python, texts)
        figures["baseline"] = {"per_s_wall": len(texts) / base["seconds"], "per_cpu_s": len(texts) / base["cpu"]}
        print(f"  {'baseline score_text (' + base['file'] + ')':<40} {figures['baseline']['per_s_wall']:7.1f} articles/s wall, "
              f"{figures['baseline']['per_cpu_s']:7.1f} per CPU-second")
        for key in ("per_s_wall", "per_cpu_s"):
            print(f"  {key}: score_many / baseline {figures['score_many'][key] / figures['baseline'][key]:.2f}×, "
                  f"per-article / baseline {figures['per_article'][key] / figures['baseline'][key]:.2f}×")

    print("identity (the model's unrounded probabilities and effects):")
    path_single = {"labels": single, "raw": raw_predictions(texts, batched=False)}
    path_many = {"labels": [r.label if r.error is None else "error: " + r.error for r in many], "raw": raw_predictions(texts, batched=True)}
    figures["per_article_vs_score_many"] = compare("per-article vs score_many", path_single, path_many)
    if args.baseline_python:
        figures["baseline_vs_score_many"] = compare("baseline vs score_many", base, path_many)
        figures["baseline_vs_per_article"] = compare("baseline vs per-article", base, path_single)
    if args.stages:
        stages(texts)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
