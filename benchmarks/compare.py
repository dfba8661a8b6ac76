"""How well `compare` tells a rewrite of an article from another article on the same topic.

    python benchmarks/compare.py [--limit 400] [--audit-sample 40] [--split tune|heldout|all] [--seed 7] [--worst 15]

Data: ../shared/datasets/llmfake (human originals and their LLM paraphrases / rewrites, paired by story).
Positives: a machine text (paraphrase_generation or rewrite_generation) against its own original.
Negatives: the same machine text against the most similar OTHER original of the same source dataset
(TF-IDF cosine, nearest neighbour): a different story on the same topic.
Prints the AUROC of `taken`, the verdicts, and writes a sample of `changed` findings to audit by
hand (ids and spans, no texts, go to --audit-out; the verdicts are filled in by a person).

--split tune / --split heldout: two disjoint halves of the stories (by a fixed hash of the story id, so
no original and none of its rewrites is in both). Parameters of compare are chosen on the tune half;
the heldout half is the figure to report.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import roc_auc_score
from sklearn.metrics.pairwise import linear_kernel

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "datasets" / "llmfake" / "train.jsonl"
METHODS = ("paraphrase_generation", "rewrite_generation")


def load(path: Path):
    humans, machines = {}, []
    with path.open() as fh:
        for line in fh:
            r = json.loads(line)
            if r["label"] == "human" and not r.get("origin_likely_non_article"):
                humans[f"{r['source_dataset']}:{r['news_id']}"] = r
            elif r["label"] == "machine" and r.get("method") in METHODS and r.get("pair_id") and not r.get("origin_likely_non_article"):
                machines.append(r)
    machines = [m for m in machines if m["pair_id"] in humans and len(m["text"].split()) >= 40]
    return humans, machines


def judged_mislabelled(path: Path) -> set[tuple[str, str]]:
    """(machine id, original id) pairs a hand check judged mislabelled: a "rewrite" of its own original that
    is not a rewrite (it tells another story, comments on the task, outputs code), or an "other" original
    that tells the same story as the rewrite's own."""
    import csv

    if not path.exists():
        return set()
    with path.open(newline="", encoding="utf-8") as handle:
        return {(row["machine_id"], row["original_id"]) for row in csv.DictReader(handle)
                if row["verdict"] in ("not a rewrite", "same story")}


def split_of(pair_id: str) -> str:
    """A story's half: fixed by its id (crc32), so the two halves never share an original."""
    return "tune" if zlib.crc32(pair_id.encode()) % 2 == 0 else "heldout"


def draw_pairs(humans: dict, machines: list[dict], *, split: str, limit: int, rng: random.Random):
    """(machine row, its own original's key, another original's key) for ``limit`` rewrites of one ``split`` drawn with ``rng``.

    The other original is the most similar human text (TF-IDF cosine) on the same topic from another
    near-duplicate cluster: a mismatched pair as hard as the set allows.
    """
    keys = sorted(humans)
    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit([humans[k]["text"] for k in keys])
    matrix = tfidf.transform([humans[k]["text"] for k in keys])
    position = {k: i for i, k in enumerate(keys)}
    if split != "all":
        machines = [m for m in machines if split_of(m["pair_id"]) == split]
    for m in rng.sample(machines, min(limit, len(machines))):
        own = m["pair_id"]
        sims = linear_kernel(matrix[position[own]], matrix).ravel()
        sims[position[own]] = -1
        for i in sims.argsort()[::-1]:
            other = keys[i]
            if other.split(":")[0] == own.split(":")[0] and humans[other]["dup_cluster"] != humans[own]["dup_cluster"]:
                break
        yield m, own, other


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=400, help="machine texts sampled (each gives one positive and one negative pair)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--split", choices=("all", "tune", "heldout"), default="all",
                        help="sample the rewrites of one half of the stories only (tune: to choose parameters on; heldout: to report)")
    parser.add_argument("--audit-sample", type=int, default=40, help="changed findings written out for a hand check")
    parser.add_argument("--audit-out", type=Path, default=Path("/tmp/compare_changed_sample.jsonl"))
    parser.add_argument("--worst", type=int, default=0,
                        help="list the N lowest own-original and N highest other-original pairs (ids and taken), to judge by hand")
    parser.add_argument("--judged", type=Path, default=ROOT / "benchmarks" / "compare_errors_audit.csv",
                        help="a hand check of the worst pairs (compare_errors_audit.csv): the AUROC is also printed "
                             "without the pairs it judged mislabelled (a 'rewrite' that is not one, another "
                             "original that tells the same story) - a post-hoc figure, to show the benchmark's noise")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (needs ../shared/datasets/llmfake)")
        return 0
    from scorer.compare import compare

    humans, machines = load(DATA)
    y, taken, verdicts, changed_rows, gens, pairs = [], [], Counter(), [], [], []
    rng = random.Random(args.seed)  # draws the pairs, then shuffles the changed findings for the audit
    start = time.perf_counter()
    for m, own, other in draw_pairs(humans, machines, split=args.split, limit=args.limit, rng=rng):
        for label, orig_key in ((1, own), (0, other)):
            result = compare(humans[orig_key]["text"], m["text"], findings=False)
            y.append(label)
            pairs.append((m["id"], humans[orig_key]["id"]))
            taken.append(result.taken)
            gens.append(m["generator"])
            verdicts[(label, result.verdict_code)] += 1
            if label == 1:
                for c in result.changed:
                    changed_rows.append({"machine_id": m["id"], "original_id": humans[orig_key]["id"], "kind": c.kind,
                                         "rewrite_span": [c.start, c.end], "original_span": [c.original.start, c.original.end]})
    elapsed = time.perf_counter() - start
    print(f"split: {args.split}, seed {args.seed}; pairs: {len(y)} ({sum(y)} rewrite-vs-own-original, {len(y) - sum(y)} rewrite-vs-other-original on the same topic)")
    print(f"AUROC of taken: {roc_auc_score(y, taken):.4f}")
    for gen in sorted(set(gens)):
        idx = [i for i, g in enumerate(gens) if g == gen]
        print(f"  {gen:18s} AUROC {roc_auc_score([y[i] for i in idx], [taken[i] for i in idx]):.4f}  ({len(idx) // 2} rewrites)")
    mislabelled = judged_mislabelled(args.judged)
    keep = [i for i, pair in enumerate(pairs) if pair not in mislabelled]
    if len(keep) < len(y):
        print(f"AUROC of taken without the {len(y) - len(keep)} pair(s) {args.judged.name} judged mislabelled "
              f"(post-hoc: those pairs were found by looking at the worst ones): "
              f"{roc_auc_score([y[i] for i in keep], [taken[i] for i in keep]):.4f}")
    if args.worst:
        # The pairs that cost the AUROC most, for a hand check (compare_errors_audit.csv records the verdicts).
        for label, side, sign in ((1, "lowest own-original", 1), (0, "highest other-original", -1)):
            ranked = sorted((i for i in range(len(y)) if y[i] == label), key=lambda i: sign * taken[i])[: args.worst]
            for rank, i in enumerate(ranked, 1):
                print(f"  {side} {rank}: taken {taken[i]:.3f}  {pairs[i][0]}  vs  {pairs[i][1]}")
    pos = sorted(t for t, l in zip(taken, y) if l)
    neg = sorted(t for t, l in zip(taken, y) if not l)
    print(f"taken median: own original {pos[len(pos) // 2]:.3f}, other original {neg[len(neg) // 2]:.3f}")
    for label in (1, 0):
        print(("own original:   " if label else "other original: ") + ", ".join(f"{c} {n}" for (l, c), n in sorted(verdicts.items()) if l == label))
    print(f"changed findings on own-original pairs: {len(changed_rows)}; {elapsed / len(y) * 1000:.0f} ms per comparison (findings=False)")
    rng.shuffle(changed_rows)
    with args.audit_out.open("w") as fh:
        for row in changed_rows[: args.audit_sample]:
            fh.write(json.dumps(row) + "\n")
    print(f"wrote {min(args.audit_sample, len(changed_rows))} changed findings to audit to {args.audit_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
