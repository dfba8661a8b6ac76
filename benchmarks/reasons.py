"""How often the first reason an editor reads names something to check, before and after a change.

    python benchmarks/reasons.py                     # this tree beside the previous main (ecfbc9d), same run
    python benchmarks/reasons.py --before REV_OR_DIR # another baseline: a git revision or a source tree
    python benchmarks/reasons.py --n 50              # a smaller sample

Sample (seeded, read in place from ``../shared/datasets``; ``SCORER_SHARED`` overrides it; no text is
written anywhere): ``--n`` machine rewrites of ``llmfake`` and ``--n`` real news pages of ``l3s-gn1``.
Each article is scored with the shipped model of each tree (no date given: the stale-fact rule does not
fire). The baseline is exported with ``git archive`` into a temporary folder and scored in a subprocess
whose ``PYTHONPATH`` puts it first; the subprocess prints only features, kinds and messages of reasons.

Figures per set, for each tree:

* ``checkable first``: the first reason names a finding or a count an editor can check by reading: its
  feature's role in ``scorer/knowledge/reasons.txt`` (this tree's) is ``findings``, ``finding`` or
  ``count`` (a note such as "style only" is not), or its ``kind`` says so;
* ``quotes the article first``: the first reason also quotes an example from the article's findings;
* ``wording first``: the first reason is the learned wording (``vocabulary.*``);
* ``style first`` / ``no reason``: the first reason is a style measure (neither checkable nor the wording,
  nor a note) / there is none;
* ``hidden shown``: share of articles with at least one reason (not a note) on a feature whose direction means
  nothing to an editor (role ``hidden``);
* ``style-only notes``: share of low_quality verdicts that carry the "style only" note.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

BASELINE = "ecfbc9d"
SEED = 20
CHECKABLE_ROLES = ("findings", "finding", "count")
CHECKABLE_KINDS = ("evidence", "finding", "count")


def sample(n: int, seed: int = SEED):
    import shared_sets

    rng = random.Random(seed)
    rewrites = [r for r in shared_sets.llmfake() if r.target == 1]
    news = shared_sets.l3s_gn1()
    return {"llmfake rewrites": rng.sample(rewrites, min(n, len(rewrites))), "l3s-gn1 news": rng.sample(news, min(n, len(news)))}


def collect(n: int, seed: int) -> None:
    """Score the sample with the scorer importable here; one JSON line per article on stdout."""
    from scorer.api import score_many

    for name, rows in sample(n, seed).items():
        records = [{"html" if r.is_html else "text": r.content, "input": r.where} for r in rows]
        for result in score_many(records):
            reasons = [{"feature": r.feature, "message": r.message, "kind": getattr(r, "kind", None), "effect": r.effect}
                       for r in result.reasons]
            texts = [f.text for f in result.findings]
            print(json.dumps({"set": name, "label": result.label, "error": result.error, "reasons": reasons,
                              "finding_texts": texts}, ensure_ascii=False))


def run_tree(source: Path | None, n: int, seed: int) -> list[dict]:
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    out = subprocess.run([sys.executable, __file__, "--collect", "--n", str(n), "--seed", str(seed)],
                         env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"scoring with {source or 'this tree'} failed:\n{out.stderr[-2000:]}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def export(rev: str, into: Path) -> Path:
    data = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def figures(rows: list[dict]) -> dict[str, dict[str, float]]:
    from scorer.core.document import Finding
    from scorer.model.reason_choice import STYLE_ONLY_FEATURE, example, reason_table

    table = reason_table()
    out: dict[str, dict[str, float]] = {}
    for name in dict.fromkeys(r["set"] for r in rows):
        scored = [r for r in rows if r["set"] == name and r["error"] is None and r["label"] is not None]
        low = [r for r in scored if r["label"] == "low_quality"]

        def checkable(reason: dict) -> bool:
            if reason.get("kind"):
                return reason["kind"] in CHECKABLE_KINDS
            return table.role(reason["feature"]).role in CHECKABLE_ROLES

        def quotes(reason: dict, texts: list[str]) -> bool:
            # An example as the reasons quote it: the finding's first line, unmarked, clipped.
            shown = (example(Finding("-", 0, len(t), t, "")) for t in texts)
            return checkable(reason) and any(f"“{s[:20]}" in reason["message"] for s in shown if s)

        first = [(r["reasons"][0] if r["reasons"] else None, r) for r in scored]
        out[name] = {
            "articles": len(scored),
            "low_quality": len(low),
            "checkable first": _share(sum(1 for f, _ in first if f and checkable(f)), len(scored)),
            "quotes the article first": _share(sum(1 for f, r in first if f and quotes(f, r["finding_texts"])), len(scored)),
            "wording first": _share(sum(1 for f, _ in first if f and f["feature"].startswith("vocabulary.")), len(scored)),
            "style first": _share(sum(1 for f, _ in first if f and not checkable(f) and not f["feature"].startswith("vocabulary.")
                                      and f.get("kind") != "note"), len(scored)),
            "no reason": _share(sum(1 for f, _ in first if f is None), len(scored)),
            # Notes ("style only", "too short") are no feature's contribution.
            "hidden shown": _share(sum(1 for r in scored if any(table.role(x["feature"]).role == "hidden" and x.get("kind") != "note"
                                                                 for x in r["reasons"])), len(scored)),
            "style-only notes": _share(sum(1 for r in low if any(x["feature"] == STYLE_ONLY_FEATURE for x in r["reasons"])), len(low)),
        }
    return out


def _share(k: int, n: int) -> float:
    return round(k / n, 3) if n else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="articles per set (default 200)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--before", default=BASELINE, help=f"baseline: a git revision or a source folder (default {BASELINE})")
    parser.add_argument("--detail", action="store_true", help="also list the commonest first reasons of this tree")
    parser.add_argument("--collect", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.collect:
        collect(args.n, args.seed)
        return
    with tempfile.TemporaryDirectory(prefix="scorer-reasons-") as tmp:
        before_dir = Path(args.before) if Path(args.before).is_dir() else export(args.before, Path(tmp))
        before = figures(run_tree(before_dir, args.n, args.seed))
    after_rows = run_tree(None, args.n, args.seed)
    after = figures(after_rows)
    if args.detail:
        for name in dict.fromkeys(r["set"] for r in after_rows):
            firsts = Counter((r["reasons"][0]["kind"], r["reasons"][0]["feature"]) for r in after_rows
                             if r["set"] == name and r["label"] is not None and r["reasons"])
            print(f"{name}: first reasons in this tree: " + ", ".join(f"{k}/{f} {n}" for (k, f), n in firsts.most_common(8)))
    print(f"{'set':<18} {'figure':<26} {'before (' + args.before + ')':>18} {'after (this tree)':>18}")
    for name, values in after.items():
        for key, value in values.items():
            print(f"{name:<18} {key:<26} {before.get(name, {}).get(key, float('nan')):>18} {value:>18}")


if __name__ == "__main__":
    main()
