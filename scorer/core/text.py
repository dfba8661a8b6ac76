"""Text utilities every layer shares: the marks extraction leaves on a line, words and how they are counted.

Segmentation (paragraphs, headings, sentences, the :class:`~scorer.core.document.Article`)
lives in :mod:`scorer.ingest.segment`.
"""
from __future__ import annotations

import re

#: How extraction marks an HTML heading (``## Title``); shared by cleaning and the signals.
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
#: The mark that opens a list item ("- ", "• ", "1. ", "2) ").
LIST_MARK = re.compile(r"^(?:[-*•·▪►»›>+]+|\d{1,2}[.)])\s+")


#: A word as the signals count it: ASCII letters, then letters, apostrophes and hyphens
#: ("don't", "well-known", "it’s"). Digits, underscores and non-Latin letters are not words.
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


#: A line that ends like a finished sentence: ".", "!", "?" or "…", then any closing quotes
#: or brackets. The cleaner's test for prose (a teaser headline, a menu or a tag list has none).
ENDS_SENTENCE = re.compile(r"""[.!?…]["'”’)\]]*$""")


def word_count(text: str) -> int:
    """Words as the signals count them (letters, apostrophes and hyphens)."""
    return len(WORD_RE.findall(text))


def words_phrase(n: int) -> str:
    """"1 word", "250 words": a count as the output prints it."""
    return f"{n:,} word" if n == 1 else f"{n:,} words"


def per_1000_words(count: float, words: int) -> float:
    """Normalise a count by length so a long article is not penalised for being long."""
    return 1000.0 * count / max(words, 1)
