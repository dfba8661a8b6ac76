"""Alternatives to how `compare` counts a rewrite's taken share, measured on the same pairs as benchmarks/compare.py.

    python benchmarks/compare_variants.py [--split tune|heldout|all] [--limit N] [--seed 7]

Each variant changes one thing in the per-sentence credit of the share as it was at 582665e (the alignment is
the shipped one) and prints its AUROC, so that a proposed mechanism is judged on the tune half first and on
the held-out half beside it:

* ``shipped``      the shipped share (:func:`scorer.compare.shares.word_shares`: copied + paraphrased);
* ``best-passage`` the share of 582665e: a sentence with no counterpart credited from the passage that shares most
                   of its words, whichever other sentences drew on it (copied trigrams + specificity-weighted kept
                   content); the variants below change it in one way each;
* ``strict``       the shipped rule made stricter: an unaligned sentence may not draw on an original sentence
                   that an aligned sentence already has either (the shipped rule allows it: rewrites split sentences);
* ``sentence-idf`` each word's weight also multiplied by its IDF over the original's own sentences (a word in
                   many of the original's sentences is its topic, not evidence for one sentence);
* ``two-shared``   a sentence with no counterpart is credited only when it shares two content words or more
                   with its closest passage (one shared word is not a paraphrase);
* ``shrunk``       each sentence's kept share shrunk by a prior of one average word (short sentences credited less);
* ``vocabulary``   the document-level check alone: the specificity-weighted share of the rewrite's distinct
                   content words found anywhere in the original;
* ``mean``         the mean of ``best-passage`` and ``vocabulary``.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare as bench  # noqa: E402  (the benchmark's data loading and pairing)

from sklearn.metrics import roc_auc_score  # noqa: E402


def strict_share(o_art, r_art, o_units, r_units, matches, weight, passages) -> float:
    """The shipped share with the original sentences of aligned rewrite sentences closed to unaligned ones."""
    from scorer.compare import shares

    closed = {i for m in matches if m.kind != "new" for i in m.original}
    open_passages = [(idx, p) for idx, p in passages if not closed.intersection(idx)]
    original = shares._unaligned_sources
    shares._unaligned_sources = lambda ms, ru, _passages, w: original(ms, ru, open_passages, w)
    try:
        result = shares.word_shares(o_art, r_art, matches)
    finally:
        shares._unaligned_sources = original
    return result.copied + result.paraphrased


def sentence_share(o_units, r_units, matches, weight, passages, *, min_new_shared=1, prior=0.0) -> float:
    """The word share of 582665e (scorer.compare.shares.word_shares then) with the two knobs the variants turn."""
    def kept(u, source):
        total = sum(weight(w) for w in u.content)
        return sum(weight(w) for w in u.content & source) / (total + prior) if total else 0.0

    taken = total = 0.0
    for m, u in zip(matches, r_units):
        n = len(u.tokens)
        total += n
        if not n or not passages:
            continue
        if m.kind != "new":
            source = frozenset().union(*(o_units[i].content for i in m.original))
            grams = frozenset().union(*(o_units[i].shingles for i in m.original))
            if len(m.original) == 2:
                grams = grams | passages[len(o_units) + m.original[0]][1].shingles
        else:
            source = max((p.content for _, p in passages), key=lambda c: kept(u, c))
            if len(u.content & source) < min_new_shared:
                source = frozenset()
            grams = frozenset()
        covered = [tuple(u.tokens) in grams] * n if n < 3 else [False] * n
        for i in range(n - 2):
            if u.tokens[i:i + 3] in grams:
                covered[i] = covered[i + 1] = covered[i + 2] = True
        c = sum(covered)
        taken += c + (n - c) * kept(u, source)
    return taken / total if total else 0.0


def variants(original: str, rewrite: str) -> dict[str, float]:
    import scorer
    from scorer.compare.align import align, units
    from scorer.compare.core import read_side
    from scorer.compare.shares import _passages, word_shares
    from scorer.compare.specificity import weigher

    cfg = scorer.Config()
    o_art, r_art = read_side(original, "original", cfg), read_side(rewrite, "rewrite", cfg)
    matches = align(o_art.sentences, r_art.sentences)
    o_units, r_units = units(o_art.sentences), units(r_art.sentences)
    weight = weigher(o_art.text, r_art.text)
    passages = _passages(o_units)
    s = len(o_units)
    sf = Counter(w for u in o_units for w in u.content)

    def topic_weight(w: str) -> float:
        f = sf.get(w, 0)
        return weight(w) * (math.log((s + 1) / (f + 1)) / math.log(s + 1) if s > 1 and f else 1.0)

    shipped = word_shares(o_art, r_art, matches)
    out = {"shipped": shipped.copied + shipped.paraphrased,
           "strict": strict_share(o_art, r_art, o_units, r_units, matches, weight, passages),
           "best-passage": sentence_share(o_units, r_units, matches, weight, passages),
           "sentence-idf": sentence_share(o_units, r_units, matches, topic_weight, passages),
           "two-shared": sentence_share(o_units, r_units, matches, weight, passages, min_new_shared=2),
           "shrunk": sentence_share(o_units, r_units, matches, weight, passages, prior=3.0)}
    o_words = frozenset().union(*(u.content for u in o_units)) if o_units else frozenset()
    r_words = frozenset().union(*(u.content for u in r_units)) if r_units else frozenset()
    denominator = sum(weight(w) for w in r_words)
    out["vocabulary"] = sum(weight(w) for w in r_words & o_words) / denominator if denominator else 0.0
    out["mean"] = (out["best-passage"] + out["vocabulary"]) / 2
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--split", choices=("all", "tune", "heldout"), default="tune")
    args = parser.parse_args()
    if not bench.DATA.exists():
        print(f"skipped: {bench.DATA} is absent (needs ../shared/datasets/llmfake)")
        return 0
    humans, machines = bench.load(bench.DATA)
    y: list[int] = []
    scores: dict[str, list[float]] = {}
    # the same pairs as benchmarks/compare.py with the same arguments
    for m, own, other in bench.draw_pairs(humans, machines, split=args.split, limit=args.limit, rng=random.Random(args.seed)):
        for label, key in ((1, own), (0, other)):
            y.append(label)
            for name, value in variants(humans[key]["text"], m["text"]).items():
                scores.setdefault(name, []).append(value)
    print(f"split: {args.split}, seed {args.seed}; pairs: {len(y)}")
    for name, values in scores.items():
        print(f"  {name:13s} AUROC {roc_auc_score(y, values):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
