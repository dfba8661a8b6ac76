"""How many findings of each kind the code produces on articles no audit sample used (counts only, nobody judges).

    python benchmarks/findings_volume.py --docs 15 --exclude benchmarks/findings_audit_seed*.csv

Run it on two checkouts (main and a branch) to see how much a precision change costs in volume: a kind whose count
falls a lot needs a fresh judged sample to tell whether the dropped findings were wrong. Articles are taken per
dataset in a fixed hash order (not the audit's seeded draw) from the rows the given verdict files do not hold; the
texts are not printed.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import findings_audit as audit  # noqa: E402


def volume(docs: int, exclude: list[Path], by_dataset: bool = False) -> dict[str, int]:
    """Findings per kind (``by_dataset``: per "dataset kind", e.g. "l3s-gn1 redundancy")."""
    seen = {(r["dataset"], r["row"]) for path in exclude for r in csv.DictReader(path.open(encoding="utf-8"))}
    counts: Counter[str] = Counter()
    for dataset in audit.DATASETS:
        rows = sorted((r for r in audit.rows(dataset) if (dataset, r) not in seen),
                      key=lambda r: hashlib.sha1(("vol" + r).encode()).hexdigest())
        for row in rows[:docs]:
            counts.update(f"{dataset} {c.kind}" if by_dataset else c.kind for c in audit.candidates(dataset, row))
    return dict(sorted(counts.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=15, help="articles per dataset")
    parser.add_argument("--exclude", type=Path, nargs="*", default=[], help="verdict files whose articles are left out")
    parser.add_argument("--by-dataset", action="store_true", help="count per dataset and kind (real news vs rewrites)")
    args = parser.parse_args(argv)
    for path in args.exclude:
        if not path.is_file():
            print(f"findings_volume: {path}: no such verdict file", file=sys.stderr)
            return 2
    print(json.dumps(volume(args.docs, args.exclude, args.by_dataset)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
