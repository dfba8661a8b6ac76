"""Finding rules withheld from the output: those editors judged wrong more often than right.

Every finding names the rule that made it (``Finding.rule``). The blind precision audits
(``benchmarks/findings_audit.py``, verdicts in ``benchmarks/findings_audit_seed*.csv``) judge
findings one by one; a rule whose judged precision is, with 95% confidence, under one half
(the upper end of its Wilson interval below 0.5, at least 5 judged) shows an editor more wrong
highlights than right ones. Such rules are listed in ``findings_withheld.txt`` (package data,
written by ``python benchmarks/findings_audit.py withheld --write``) and their findings are left
out of what the signals report. What the rule measures still counts: the family's features (and
so the model and its reasons) are computed before, and do not change. ``Config.all_findings``
shows them again, for research and for re-judging.
"""
from __future__ import annotations

import functools
from dataclasses import replace
from importlib import resources

from scorer.core.document import SignalResult

WITHHELD_FILE = "findings_withheld.txt"


def parse_withheld(text: str) -> frozenset[tuple[str, str]]:
    """``(kind, rule)`` pairs from the file's lines: kind, a tab, the rule, then tab-separated counts; ``#`` comments."""
    pairs = set()
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, rule, *_ = line.split("\t")
        pairs.add((kind.strip(), rule.strip()))
    return frozenset(pairs)


@functools.lru_cache(maxsize=1)
def withheld_rules() -> frozenset[tuple[str, str]]:
    """The withheld ``(kind, rule)`` pairs of the package's file."""
    return parse_withheld(resources.files("scorer.knowledge").joinpath(WITHHELD_FILE).read_text(encoding="utf-8"))


def without_withheld(result: SignalResult) -> SignalResult:
    """``result`` without the findings of withheld rules (the same object when none is withheld)."""
    withheld = withheld_rules()
    if not any((f.kind, f.rule) in withheld for f in result.findings):
        return result
    return replace(result, findings=tuple(f for f in result.findings if (f.kind, f.rule) not in withheld))
