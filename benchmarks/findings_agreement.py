"""Agreement between two judges of the same findings-audit sample (per kind: both precisions, raw agreement, Cohen's kappa).

    python benchmarks/findings_agreement.py benchmarks/findings_audit_seed4.csv benchmarks/findings_audit_seed4_judge2.csv

Why: a precision figure from one judge's reading of "what counted as correct" (findings_audit.md) moves with the
judge. Two readings of one sample show how much, so samples judged by different people can be compared.
Only findings both files judged are counted.
"""
from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path


def verdicts(path: Path) -> dict[str, tuple[str, bool]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["id"]: (row["kind"], row["verdict"] == "correct") for row in csv.DictReader(handle) if row["verdict"]}


def kappa(pairs: list[tuple[bool, bool]]) -> tuple[float, float]:
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return observed, (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args()
    first, second = verdicts(args.first), verdicts(args.second)
    by_kind: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for key in sorted(first.keys() & second.keys()):
        kind = first[key][0]
        by_kind[kind].append((first[key][1], second[key][1]))
        by_kind["all"].append((first[key][1], second[key][1]))
    print(f"{'kind':20s} {'n':>4s} {'first':>6s} {'second':>6s} {'agree':>6s} {'kappa':>6s} {'1st ok/2nd not':>15s} {'2nd ok/1st not':>15s}")
    for kind in sorted(by_kind, key=lambda k: (k == "all", k)):
        pairs = by_kind[kind]
        observed, k = kappa(pairs)
        n = len(pairs)
        print(f"{kind:20s} {n:4d} {sum(a for a, _ in pairs) / n:6.3f} {sum(b for _, b in pairs) / n:6.3f} {observed:6.3f} {k:6.2f} "
              f"{sum(a and not b for a, b in pairs):15d} {sum(b and not a for a, b in pairs):15d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
