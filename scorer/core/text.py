"""Text utilities every layer shares: the marks extraction leaves on a line, words and how they are counted.

Segmentation (paragraphs, headings, sentences, the :class:`~scorer.core.document.Article`)
lives in :mod:`scorer.ingest.segment`.

Two word counts on purpose, and neither may replace the other (the shipped model's
features and the extractor's thresholds were measured with each):

* :func:`word_count` counts :data:`WORD_RE` words (letters, apostrophes, hyphens):
  what the signals normalise by; "52-48", "3.5" and "—" are not words.
* :func:`whitespace_word_count` counts whitespace-separated tokens, numbers and
  punctuation runs included: the length of a text as printed (``Article.words``, the
  ``words`` of the output) and the extractor's comparison of its modes.
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

#: A run of Unicode word characters (letters of any script, digits, underscore). Differs
#: from :data:`WORD_RE` on purpose where any token counts: the extractor compares a line
#: with the page title word by word (a title in Greek or "Top 10 …" must match), and a line
#: with no such character at all is rendering residue ("#", "|---|").
ANY_WORD_RE = re.compile(r"\w+")


#: A line that ends like a finished sentence: ".", "!", "?" or "…", then any closing quotes
#: or brackets. The cleaner's test for prose (a teaser headline, a menu or a tag list has none).
ENDS_SENTENCE = re.compile(r"""[.!?…]["'”’)\]]*$""")

#: :data:`ENDS_SENTENCE`, or a line ending in ":" or ";". The extractor's test for a paragraph
#: worth recovering between precision mode's blocks: a paragraph that introduces a list or a
#: quotation ends in a colon and is still article prose. Wider than the cleaner's test on
#: purpose: there a line ending in ":" may be a label ("Tags:"), and is not taken as prose.
ENDS_SENTENCE_OR_CLAUSE = re.compile(r"[.!?…:;]['\"”’)\]]*$")


def word_count(text: str) -> int:
    """Words as the signals count them (letters, apostrophes and hyphens)."""
    return len(WORD_RE.findall(text))


def whitespace_word_count(text: str) -> int:
    """Whitespace-separated tokens of ``text`` (numbers and punctuation runs included).

    Not :func:`word_count`: this is the printed length of a text (the extractor
    compares its precision and balanced passes with it, and ``Article.words`` counts the same way).
    """
    return len(text.split())


def words_phrase(n: int) -> str:
    """"1 word", "250 words": a count as the output prints it."""
    return f"{n:,} word" if n == 1 else f"{n:,} words"


def per_1000_words(count: float, words: int) -> float:
    """Normalise a count by length so a long article is not penalised for being long."""
    return 1000.0 * count / max(words, 1)


#: File endings a folder given on the command line is searched for (a file named
#: explicitly is read whatever its ending). The labelled-set reader
#: (``scorer.research.readers.FOLDER_SET_SUFFIXES``) keeps its own narrower, ordered tuple,
#: without ".shtml" and ".gz": its error message lists the endings in order, and widening it
#: would change which files of a labelled set the shipped model was trained on.
ARTICLE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".txt", ".text", ".md", ".gz"})
