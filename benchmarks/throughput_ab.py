"""Text throughput of this checkout against another one, interleaved chunk by chunk on one core.

Usage::

    python benchmarks/throughput_ab.py --baseline-python /path/to/previous/main/python [--limit 1000] [--chunk 100] [--path score_many]

The first ``--limit`` texts of ``<shared>/llmfake/train.jsonl`` (as ``throughput.py`` reads them) are cut
into chunks of ``--chunk``; two worker processes, one per environment, both pinned to the same processor
with one BLAS/OpenMP thread, load their model and score one warm-up text, then score the chunks in
turn: chunk 1 in A then in B, chunk 2 in B then in A, and so on, so a change in the machine's load
falls on both. Each worker times its own chunks (wall and CPU of its process). Printed: articles per
second of wall time and per CPU-second for each side over the whole set, the ratio, and the largest
|Δ probability| between the two sides' unrounded probabilities (and how many labels differ).
``--path`` is ``score_many`` (the batch API) or ``score_text`` (one call per article).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import load_texts  # noqa: E402  (the same 1,000 texts as the throughput benchmark)

REPO = Path(__file__).resolve().parents[1]

WORKER = r"""
import json, os, sys, time
os.environ["OMP_NUM_THREADS"] = "1"
os.sched_setaffinity(0, {int(sys.argv[1])})
from threadpoolctl import threadpool_limits
threadpool_limits(1)
import scorer
path = sys.argv[2]

def run(texts):
    if path == "score_many":
        return list(scorer.score_many(texts))
    out = []
    for t in texts:
        try:
            out.append(scorer.score_text(t))
        except scorer.ScorerError as exc:
            out.append(exc)
    return out

def raw(texts):
    # Unrounded probabilities, untimed: the model's own predict on each article.
    from scorer.pipeline import article_from_text
    from scorer.signals import analyze_all
    model = scorer.load_model()
    values = []
    for t in texts:
        try:
            a = article_from_text(t)
            values.append(model.predict(a, analyze_all(a)).probability)
        except scorer.ScorerError:
            values.append(None)
    return values

run(["The city council approved the budget on Tuesday, officials said. " * 20])  # warm-up
print(json.dumps({"ready": scorer.__file__}), flush=True)
for line in sys.stdin:
    texts = json.loads(line)
    start, cpu = time.perf_counter(), time.process_time()
    results = run(texts)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    labels = [getattr(r, "label", None) if not isinstance(r, Exception) else "error" for r in results]
    print(json.dumps({"wall": wall, "cpu": cpu, "labels": labels, "raw": raw(texts)}), flush=True)
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline-python", required=True)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--chunk", type=int, default=100)
    parser.add_argument("--path", choices=["score_many", "score_text"], default="score_many")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "datasets")
    args = parser.parse_args(argv)
    texts = load_texts(args.shared, args.limit)
    cpu = min(os.sched_getaffinity(0))
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    sides = {"this checkout": sys.executable, "baseline": args.baseline_python}
    workers = {}
    for name, python in sides.items():
        # From the file system root, so that each python imports its own checkout's scorer.
        workers[name] = subprocess.Popen([python, "-c", WORKER, str(cpu), args.path], cwd="/", env=env, text=True,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        print(f"{name}: {json.loads(workers[name].stdout.readline())['ready']}")
    totals = {name: {"wall": 0.0, "cpu": 0.0, "labels": [], "raw": []} for name in sides}
    chunks = [texts[i : i + args.chunk] for i in range(0, len(texts), args.chunk)]
    for index, chunk in enumerate(chunks):
        order = list(sides) if index % 2 == 0 else list(reversed(sides))
        for name in order:
            workers[name].stdin.write(json.dumps(chunk) + "\n")
            workers[name].stdin.flush()
            reply = json.loads(workers[name].stdout.readline())
            for key in ("wall", "cpu"):
                totals[name][key] += reply[key]
            totals[name]["labels"] += reply["labels"]
            totals[name]["raw"] += reply["raw"]
    for worker in workers.values():
        worker.stdin.close()
        worker.wait()
    n = len(texts)
    print(f"{n} llmfake texts, {args.path}, chunks of {args.chunk} interleaved, one processor ({cpu}), one BLAS/OpenMP thread")
    for name, t in totals.items():
        print(f"  {name:<14} {n / t['wall']:7.1f} articles/s wall   {n / t['cpu']:7.1f} per CPU-second")
    a, b = totals["this checkout"], totals["baseline"]
    print(f"  ratio (this / baseline): wall {b['wall'] / a['wall']:.2f}x, CPU {b['cpu'] / a['cpu']:.2f}x")
    deltas = [abs(x - y) for x, y in zip(a["raw"], b["raw"]) if x is not None and y is not None]
    refused = sum((x is None) != (y is None) for x, y in zip(a["raw"], b["raw"]))
    print(f"  identity: max |Δprobability| {max(deltas, default=0.0):.3g} over {len(deltas)} articles, "
          f"labels differ {sum(x != y for x, y in zip(a['labels'], b['labels']))}, refusals differ {refused}")


if __name__ == "__main__":
    main(sys.argv[1:])
