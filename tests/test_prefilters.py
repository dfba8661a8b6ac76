"""Searches skipped by a cheaper necessary condition find exactly what the full search finds.

anachronism's age patterns run only on sentences holding a unit word ("year", "day", ...) or
"anniversary", which every pattern needs inside its match: the findings must be the same as with
the filter letting every sentence through, on the anachronism fixtures and on generated age phrases.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path


from scorer.core.config import Config
from scorer.ingest.segment import build_article
from scorer.signals import family
from scorer.signals.anachronism import ages

FIXTURES = Path(__file__).parent / "fixtures" / "anachronism_cases.jsonl"

AGES = ["two years old", "nearly three-year-old", "a decade since", "18 months after", "its second anniversary",
        "began last year", "this year's", "now four years old,", "five weeks into", "entered its third year", "20 days of the war"]
EVENTS = ["the war in Ukraine", "the COVID-19 pandemic", "Russia's invasion of Ukraine", "the conflict", "the Gaza war"]


def _texts() -> list[tuple[str, dt.date]]:
    cases = [json.loads(line) for line in FIXTURES.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [(c["text"], dt.date.fromisoformat(c["date"])) for c in cases]
    rng = random.Random(7)
    for _ in range(150):
        parts = [rng.choice(EVENTS), rng.choice(["is", "has raged for", "which", ",", "as"]), rng.choice(AGES), rng.choice(EVENTS)]
        texts.append((" ".join(parts).capitalize() + ". Officials said on Tuesday the talks would go on.", dt.date(2025, rng.randint(1, 12), 1)))
    return texts


def _findings(text: str, day: dt.date) -> list:
    article = build_article(text, date=day, date_source="metadata")
    result = family("anachronism").analyze(article, Config())
    return [(f.kind, f.start, f.end, f.message) for f in result.findings], result.features


def test_every_age_pattern_needs_a_unit_word():
    for pattern, *_ in ages._AGE_PATTERNS:
        for text, _ in _texts():
            for match in pattern.finditer(text):
                assert ages._NEEDED_WORD.search(match.group()), (pattern.pattern[:60], match.group())


def test_age_findings_are_the_same_without_the_filter(monkeypatch):
    texts = _texts()
    filtered = [_findings(t, d) for t, d in texts]
    monkeypatch.setattr(ages, "_NEEDED_WORD", re.compile(""))  # lets every sentence through
    assert [_findings(t, d) for t, d in texts] == filtered
    assert any(f for f, _ in filtered)  # the texts do produce findings
