"""Text measures that readability and stylometry share: sentence lengths, word length, vocabulary variety.

Where the two families compute a measure the same way, there is one function here. Where they
compute it differently, both ways are here under different names: a trained model holds the values
each family produces, so a difference stays until a family's ``VERSION`` is bumped and the model retrained.

======================  ===========================================  ===========================================
measure                 readability                                  style (stylometry)
======================  ===========================================  ===========================================
words of a sentence     :func:`sentence_words` with ``WORD_RE``      :func:`sentence_words` with :data:`STYLE_WORD`
                        (``core.text``: "well-known" is one word)    ("well-known" is two words)
which sentences         :func:`body_sentences` (headings left out)   the same
sentence-length spread  :func:`pstdev_float`: squares summed in      :func:`pstdev_exact` (``statistics.pstdev``,
                        floats, around the given mean                exact sums): may differ in the last digit
word length             :func:`mean_letters`: letters only           :func:`mean_characters`: the token's
                        (apostrophes and hyphens not counted),       characters, apostrophes included, of the
                        of the body sentences' words                 whole text's words
vocabulary variety      :func:`moving_average_ttr`: every window     :func:`strided_average_ttr`: about 40
                        (exact MATTR), 100 words                     windows at even strides, 50 words
======================  ===========================================  ===========================================

Both variety measures fall back to the plain type-token ratio for a text no longer than one window
(:func:`_short_text_ttr`, the one part they share).
"""
from __future__ import annotations

import math
import re
import statistics
from typing import Sequence

from scorer.core.document import Article, Sentence

#: Stylometry's word: letters and apostrophes, no hyphens ("well-known" is two words).
STYLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def body_sentences(article: Article) -> list[Sentence]:
    """The article's sentences outside headings (a heading is not a sentence for rhythm or readability)."""
    return [s for s in article.sentences if not article.paragraphs[s.paragraph].is_heading]


def sentence_words(texts: Sequence[str], word: re.Pattern[str]) -> list[list[str]]:
    """The ``word`` tokens of each text, in order; texts without a word are left out."""
    return [tokens for tokens in (word.findall(text) for text in texts) if tokens]


def pstdev_float(values: Sequence[float], mean: float) -> float:
    """Population standard deviation around ``mean``, the squares summed in floats (readability's spread)."""
    return math.sqrt(sum((value - mean) ** 2 for value in values) / len(values))


def pstdev_exact(values: Sequence[float]) -> float:
    """Population standard deviation with exact sums (``statistics.pstdev``, stylometry's spread)."""
    return statistics.pstdev(values)


def mean_letters(words: Sequence[str]) -> float:
    """Mean letters per word: apostrophes and hyphens do not count (readability's ``letters_per_word``)."""
    return sum(len(word.replace("'", "").replace("’", "").replace("-", "")) for word in words) / max(len(words), 1)


def mean_characters(words: Sequence[str]) -> float:
    """Mean characters per token, apostrophes included (stylometry's ``word_length_mean``)."""
    return sum(map(len, words)) / max(len(words), 1)


def _short_text_ttr(words: Sequence[str], window: int) -> float | None:
    """The plain type-token ratio of a text no longer than one window (0 for no words); None for a longer text."""
    if not words:
        return 0.0
    if len(words) <= window:
        return len(set(words)) / len(words)
    return None


def moving_average_ttr(words: list[str], window: int) -> float:
    """Mean type-token ratio over every ``window``-word stretch (Covington & McFall 2010).

    Texts shorter than one window fall back to their plain type-token ratio,
    which reads a little high for very short texts.
    """
    short = _short_text_ttr(words, window)
    if short is not None:
        return short
    counts: dict[str, int] = {}
    for word in words[:window]:
        counts[word] = counts.get(word, 0) + 1
    total = len(counts)
    for position in range(window, len(words)):
        incoming, outgoing = words[position], words[position - window]
        counts[incoming] = counts.get(incoming, 0) + 1
        counts[outgoing] -= 1
        if counts[outgoing] == 0:
            del counts[outgoing]
        total += len(counts)
    return total / (len(words) - window + 1) / window


def strided_average_ttr(words: list[str], window: int = 50) -> float:
    """Moving-average type/token ratio sampled at about 40 windows: unlike plain TTR it does not fall with length.

    Not :func:`moving_average_ttr`: the windows start at even strides rather than at every word (and
    the last one may be left out), so the value differs from the exact measure.
    """
    short = _short_text_ttr(words, window)
    if short is not None:
        return short
    step = max(1, (len(words) - window) // 40)
    ratios = [len(set(words[i:i + window])) / window for i in range(0, len(words) - window + 1, step)]
    return sum(ratios) / len(ratios)
