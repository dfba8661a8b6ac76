"""Every signal family separates a reported story from a padded rewrite of it, in the expected direction.

The two fixtures (``tests/fixtures/pair``) tell the same fictional story: one as
a reporter files it (named sources, quotes, numbers, dates), one as a content
farm pads it (question headings, a "Key Points" block and an FAQ that repeat
the body, filler, vague experts, ad markers, a related-links tail, "By Admin").

Each row is (family, feature, which article should score higher). A row whose
module is not written yet is skipped with that reason; once the module exists
the row runs, and a feature name it does not produce fails the test.
"""
from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest

from scorer.core.config import Config
from scorer.core.document import Article, SignalResult


REPORTED, PADDED = "reported", "padded"
TODAY = dt.date(2026, 1, 22)
PAIR = Path(__file__).resolve().parent / "fixtures" / "pair"


@dataclass(frozen=True)
class Row:
    family: str
    feature: str
    higher: str  # REPORTED or PADDED
    needs: tuple[str, ...] = ()  # modules beyond the family's own that the row depends on

    def __str__(self) -> str:
        return f"{self.family}.{self.feature}-higher-in-{self.higher}"


ROWS = [
    Row("padding", "padding_word_share", PADDED),
    Row("padding", "redundant_sentence_share", PADDED),
    Row("padding", "filler_word_share", PADDED),
    Row("padding", "seo_blocks", PADDED),
    Row("padding", "question_headings", PADDED),
    Row("padding", "headings_per_1000_words", PADDED),
    Row("readability", "vocabulary_variety", REPORTED),
    Row("readability", "sentence_length_cv", REPORTED),
    Row("page", "has_named_byline", REPORTED),
    Row("page", "has_date", REPORTED),
    # The ad markers and the related tail are in the fixture text; only the cleaner turns them into removals.
    Row("page", "boilerplate_removed", PADDED, needs=("scorer.ingest.clean",)),
    Row("boilerplate", "ad_markers", PADDED, needs=("scorer.ingest.clean",)),
    Row("boilerplate", "related_tails", PADDED, needs=("scorer.ingest.clean",)),
    Row("boilerplate", "removed_word_share", PADDED, needs=("scorer.ingest.clean",)),
    Row("attribution", "attributions_per_100_words", REPORTED),
    Row("attribution", "quotes_per_1000_words", REPORTED),
    Row("attribution", "named_sources_per_1000_words", REPORTED),
    # Neither version states a stale fact; what differs is that only the reported one is dated.
    Row("anachronism", "date_assumed", PADDED),
    Row("generalities", "vague_attributions_per_1000_words", PADDED),
    Row("generalities", "sweeping_statements_per_1000_words", PADDED),
]


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


@lru_cache(maxsize=None)
def _article(name: str) -> Article:
    text = (PAIR / f"{name}.txt").read_text(encoding="utf-8")
    config = Config(today=TODAY)
    if _module_exists("scorer.ingest.clean"):
        from scorer.pipeline import article_from_text

        return article_from_text(text, input=f"{name}.txt", config=config, is_html=False)
    # Until the cleaner lands: segment the raw text and date it as the pipeline would.
    from scorer.ingest.dates import find_dateline
    from scorer.ingest.segment import build_article

    dateline = find_dateline(text)
    return build_article(
        text, date=dateline or TODAY, date_source="text" if dateline else "today", input=f"{name}.txt"
    )


@lru_cache(maxsize=None)
def _result(family: str, name: str) -> SignalResult:
    from scorer.signals import family as registered

    return registered(family).analyze(_article(name), Config(today=TODAY))


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_family_separates_the_pair(row: Row):
    for module in (f"scorer.signals.{row.family}", *row.needs):
        if not _module_exists(module):
            pytest.skip(f"{module} is not written yet")
    reported, padded = _result(row.family, REPORTED), _result(row.family, PADDED)
    assert row.feature in reported.features, (
        f"{row.family} has no feature {row.feature!r}; it has {sorted(reported.features)}"
    )
    values = {REPORTED: reported.features[row.feature], PADDED: padded.features[row.feature]}
    lower = PADDED if row.higher == REPORTED else REPORTED
    assert values[row.higher] > values[lower], f"{row}: {values}"


def test_every_family_has_a_row():
    from scorer.signals import FAMILIES

    assert {row.family for row in ROWS} == set(FAMILIES)
