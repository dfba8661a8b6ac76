"""Precision and recall of the anachronism check on a grid generated from the knowledge base.

    python benchmarks/anachronism_grid.py [--verbs N] [--misses K] [--json OUT]

The grid (scorer.research.anachronism_grid): every office holder × title forms × verbs × dates
inside, before and after the term, plus "then-", a year in the sentence, and "former". A case
counts as flagged when the anachronism family returns any finding. Prints overall and per-frame
figures beside the hand-written cases (tests/fixtures/anachronism_cases.jsonl) and the first
misses and false alarms of each frame.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scorer.core.config import Config  # noqa: E402
from scorer.ingest.segment import build_article  # noqa: E402
from scorer.research.anachronism_grid import generate  # noqa: E402
from scorer.signals import family  # noqa: E402

CASES = REPO / "tests" / "fixtures" / "anachronism_cases.jsonl"


def flagged(text: str, date: dt.date) -> bool:
    article = build_article(text, date=date, date_source="metadata")
    return bool(family("anachronism").analyze(article, Config()).findings)


def scores(rows: list[tuple[bool, bool]]) -> tuple[float, float, int]:
    tp = sum(e and f for e, f in rows)
    fp = sum(f and not e for e, f in rows)
    fn = sum(e and not f for e, f in rows)
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0), len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbs", type=int, default=1, help="verb phrases per frame and date")
    parser.add_argument("--misses", type=int, default=3, help="examples of errors to print per frame")
    parser.add_argument("--json", type=Path, help="write every case with its verdict here")
    args = parser.parse_args()
    grid = generate(verbs_per_frame=args.verbs)
    results = [(case, flagged(case.text, case.date)) for case in grid]
    hand = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    hand_rows = [(c["flag"], flagged(c["text"], dt.date.fromisoformat(c["date"]))) for c in hand]
    p, r, n = scores([(c.flag, f) for c, f in results])
    hp, hr, hn = scores(hand_rows)
    print(f"grid: {n} cases ({sum(c.flag for c in grid)} stale), precision {p:.3f}, recall {r:.3f}")
    print(f"hand-written cases: {hn}, precision {hp:.3f}, recall {hr:.3f}")
    by_frame = collections.defaultdict(list)
    for case, f in results:
        by_frame[(case.frame, case.when)].append((case, f))
    print(f"\n{'frame':24} {'when':7} {'n':>5} {'precision':>9} {'recall':>7}")
    for (frame, when), rows in sorted(by_frame.items()):
        fp_, fr_, fn_ = scores([(c.flag, f) for c, f in rows])
        print(f"{frame:24} {when:7} {fn_:5d} {fp_:9.3f} {fr_:7.3f}")
    print("\nerrors (first per frame):")
    for (frame, when), rows in sorted(by_frame.items()):
        wrong = [(c, f) for c, f in rows if c.flag != f][: args.misses]
        for case, f in wrong:
            print(f"  {'MISS' if case.flag else 'FALSE'} {case.date} [{frame}/{when}] {case.text}")
    if args.json:
        args.json.write_text("\n".join(json.dumps({**c.as_dict(), "flagged": f}) for c, f in results) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
