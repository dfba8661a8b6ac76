"""Quality gate: findings judged by hand stay at least as precise as when they were judged (issue 20, acceptance 3).

The current code is re-run on the articles of the fresh, hand-judged sample (``benchmarks/findings_audit_seed4.csv``,
drawn after the fixes); per kind, the share of the judged findings it still produces that were judged correct must
stay at or above the floors in ``benchmarks/findings_audit_floors.json``. The findings of the first sample (judged
before any fix) that were judged wrong and that the fixes removed must stay gone. Only the sampled articles are
scored. Skipped when the public datasets are absent. The audit itself (sampling, judging, tables) is
``benchmarks/findings_audit.py``; its write-up is ``benchmarks/findings_audit.md``.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmark_helpers import BENCHMARKS, load_benchmark

FLOORS = json.loads((BENCHMARKS / "findings_audit_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def audit(shared_datasets: Path):
    return load_benchmark("findings_audit")


def test_judged_fresh_sample_stays_at_or_above_the_floors(audit, shared_datasets: Path) -> None:
    table = audit.read_verdicts(BENCHMARKS.parent / FLOORS["sample"])
    kept, _ = audit.recheck(table, shared_datasets)
    measured = audit.precision_table(kept)
    failures = [
        f"{kind}: precision {measured[kind]['precision']:.3f} over {measured[kind]['judged']} judged findings < floor {floor}"
        for kind, floor in FLOORS["floors"].items()
        if kind in measured and measured[kind]["precision"] < floor
    ]
    assert not failures, "; ".join(failures)
    # Every kind with a floor is still produced on these articles: a kind that vanished is not "precise".
    assert set(FLOORS["floors"]) <= set(measured)


def test_findings_fixed_after_the_first_sample_stay_gone(audit, shared_datasets: Path) -> None:
    fixed = set(FLOORS["fixed_in_first_sample"])
    table = [r for r in audit.read_verdicts(BENCHMARKS.parent / FLOORS["first_sample"]) if r["id"] in fixed]
    assert len(table) == len(fixed)
    _, gone = audit.recheck(table, shared_datasets)
    back = sorted(fixed - set(gone))
    assert not back, f"{len(back)} findings judged wrong and fixed are produced again: {back[:5]}"
