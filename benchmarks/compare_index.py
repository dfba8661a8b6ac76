"""Finding the original of a rewrite among 100,000 articles: MinHash LSH query time and hit rate.

    python benchmarks/compare_index.py [--articles 100000] [--queries 200]

The index holds --articles texts: the llmfake human originals (../shared/datasets/llmfake, when present) and
synthetic articles to fill up to --articles (random draws from a Zipf-distributed vocabulary of 30,000 made-up
words plus common English words: the size of a real archive, not its texture). The queries are LLM
paraphrases / rewrites of the originals; a hit is the query's own original ranked first.
With no shared data, the originals are synthetic too and the queries are their rewrites with 40% of the words replaced.
Prints build time, query latency (p50 / p95 / max) and the hit rates; nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "datasets" / "llmfake" / "train.jsonl"
COMMON = ("the a of to and in that is was for on with as by at from said it he she they this have has be not are "
          "were which an will would been their its after more than about who also one two new first year years").split()


def synthetic(n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i:05d}x" for i in range(30_000)])
    ranks = np.arange(1, len(vocab) + 1)
    p = 1.0 / ranks ** 1.05
    p /= p.sum()
    cdf = np.cumsum(p)
    lengths = rng.integers(80, 400, size=n)
    texts = []
    for length in lengths:
        content = vocab[np.minimum(np.searchsorted(cdf, rng.random(int(length * 0.55))), len(vocab) - 1)]
        glue = rng.choice(COMMON, size=int(length * 0.45))
        words = np.concatenate([content, glue])
        rng.shuffle(words)
        texts.append(" ".join(words) + ".")
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    from scorer.compare import ArticleIndex

    rng = random.Random(args.seed)
    originals: dict[str, str] = {}
    queries: list[tuple[str, str]] = []
    if DATA.exists():
        machines = []
        with DATA.open() as fh:
            for line in fh:
                r = json.loads(line)
                if r["label"] == "human" and not r.get("origin_likely_non_article"):
                    originals[f"{r['source_dataset']}:{r['news_id']}"] = r["text"]
                elif r.get("method") in ("paraphrase_generation", "rewrite_generation") and r.get("pair_id"):
                    machines.append(r)
        machines = [m for m in machines if m["pair_id"] in originals and len(m["text"].split()) >= 40]
        picked = rng.sample(machines, min(args.queries, len(machines)))
        queries = [(m["pair_id"], m["text"]) for m in picked]
        generators = [m["generator"] for m in picked]
        source = f"llmfake: {len(originals)} originals, {len(queries)} rewrites as queries"
    else:
        for i, text in enumerate(synthetic(args.queries, args.seed + 1)):
            originals[f"orig{i}"] = text
            words = text.split()
            for j in rng.sample(range(len(words)), int(0.4 * len(words))):
                words[j] = f"r{rng.randrange(10**6)}"
            queries.append((f"orig{i}", " ".join(words)))
        source = "synthetic originals and rewrites (../shared absent)"
        generators = ["synthetic"] * len(queries)
    filler = max(args.articles - len(originals), 0)
    print(f"index: {args.articles:,} articles ({source}; {filler:,} synthetic)")
    start = time.perf_counter()
    texts = synthetic(filler, args.seed)
    print(f"generated the synthetic texts in {time.perf_counter() - start:.1f} s")
    index = ArticleIndex()
    start = time.perf_counter()
    index.add_many(originals.items())
    index.add_many((f"syn{i}", t) for i, t in enumerate(texts))
    build = time.perf_counter() - start
    print(f"built the index in {build:.1f} s ({build / len(index) * 1e6:.0f} µs per article), {len(index):,} articles")
    latencies, top1, top5, empty, by_gen = [], 0, 0, 0, {}
    for (key, text), gen in zip(queries, generators):
        start = time.perf_counter()
        found = index.query(text, k=5)
        latencies.append(time.perf_counter() - start)
        keys = [c.key for c in found]
        top1 += bool(keys) and keys[0] == key
        top5 += key in keys
        empty += not keys
        hits = by_gen.setdefault(gen, [0, 0])
        hits[0] += bool(keys) and keys[0] == key
        hits[1] += 1
    latencies.sort()
    print(f"query latency: p50 {statistics.median(latencies) * 1000:.1f} ms, p95 {latencies[int(0.95 * len(latencies))] * 1000:.1f} ms, "
          f"max {latencies[-1] * 1000:.1f} ms over {len(latencies)} queries")
    print(f"own original first: {top1}/{len(queries)} ({top1 / len(queries):.1%}); in the top 5: {top5}/{len(queries)}; "
          f"no candidate at all: {empty}")
    print("own original first, by generator: " + ", ".join(f"{g} {h}/{n}" for g, (h, n) in sorted(by_gen.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
