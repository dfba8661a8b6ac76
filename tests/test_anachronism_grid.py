"""The anachronism check on a grid generated from the knowledge base (issue 20's targets as floors)."""
from __future__ import annotations

import random

from scorer.core.config import Config
from scorer.ingest.segment import build_article
from scorer.research.anachronism_grid import VERB_PHRASES, generate
from scorer.signals import family

PRECISION_FLOOR = 0.98
RECALL_FLOOR = 0.95


def _flagged(case) -> bool:
    article = build_article(case.text, date=case.date, date_source="metadata")
    return bool(family("anachronism").analyze(article, Config()).findings)


def test_grid_covers_every_frame_and_both_verdicts():
    grid = generate()
    frames = {case.frame for case in grid}
    assert {"title name", "possessive before", "appositive after", "lower-case title", "former title name", "then-title", "year in sentence"} <= frames
    assert {case.when for case in grid} == {"inside", "before", "after"}
    assert 0.3 < sum(case.flag for case in grid) / len(grid) < 0.9
    assert len(VERB_PHRASES) >= 10


def test_precision_and_recall_on_a_sample_of_the_grid():
    grid = generate(seed=1)
    sample = random.Random(7).sample(grid, 1500)
    rows = [(case.flag, _flagged(case)) for case in sample]
    tp = sum(e and f for e, f in rows)
    fp = sum(f and not e for e, f in rows)
    fn = sum(e and not f for e, f in rows)
    misses = [case.text for case, (e, f) in zip(sample, rows) if e != f][:5]
    assert tp / (tp + fp) >= PRECISION_FLOOR, misses
    assert tp / (tp + fn) >= RECALL_FLOOR, misses
