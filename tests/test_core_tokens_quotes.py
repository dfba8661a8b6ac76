"""scorer.core.tokens and scorer.core.quotes: each regex and finder on the cases that tell them apart."""
from __future__ import annotations

import re

import pytest

from scorer.core import text as core_text
from scorer.core.quotes import closed_quote_spans, inside, quote_spans
from scorer.core.tokens import DOTTED_WORD, LETTER_RUN, LEXICON_WORD, LOWER_WORD, SMALL_TOKEN, WORD, word_literal
from scorer.knowledge.lexicons import phrase_pattern


def test_word_is_the_word_count_word():
    assert WORD.pattern == core_text.WORD_RE.pattern


@pytest.mark.parametrize(
    "pattern, text, expected",
    [
        (WORD, "Don't well-known U.S. 2024", ["Don't", "well-known", "U", "S"]),
        (LOWER_WORD, "Smith’s O-ring said", ["s", "ring", "said"]),
        (LETTER_RUN, "don't U.S. x2", ["don", "t", "U", "S", "x"]),
        (DOTTED_WORD, "U.S. AT&T Dr. well-known", ["U.S.", "AT&T", "Dr.", "well-known"]),
        (LEXICON_WORD, "well-known it's 24-7 -x", ["well-known", "it", "24-7"]),
        (SMALL_TOKEN, "U.S. officials, he said.", ["U.S.", "officials", ",", "he", "said", "."]),
    ],
)
def test_word_regexes(pattern, text, expected):
    assert pattern.findall(text) == expected


def test_word_literal_reads_either_apostrophe():
    pattern = re.compile(word_literal("it's"))
    assert pattern.fullmatch("it's") and pattern.fullmatch("it’s")
    assert phrase_pattern(["it's said"]).pattern.count(word_literal("it's")) == 1


@pytest.mark.parametrize(
    "text, open_ended, expected",
    [
        ("“We will win,” she said.", False, ["“We will win,”"]),
        ('He said "we will" and left.', False, ['"we will"']),
        ("“Still open at the end", False, []),
        ("“Still open at the end", True, ["“Still open at the end"]),
        ('Open "and on', True, ['"and on']),
        # A straight mark after a space and before a word opens; any other closes.
        ('He said "no. "Yes," she said', False, ['"no. "Yes,"']),
    ],
)
def test_quote_spans(text, open_ended, expected):
    assert [text[s:e] for s, e in quote_spans(text, 0, len(text), open_ended=open_ended)] == expected


def test_closed_quote_spans_pair_in_order_within_a_line():
    text = 'He said "no. "Yes," she said. “One two three” and “a\nb”'
    assert [text[s:e] for s, e in closed_quote_spans(text)] == ['"no. "', "“One two three”"]
    assert [text[s:e] for s, e in closed_quote_spans(text, 3)] == ["“One two three”"]


def test_inside():
    spans = [(2, 5), (10, 12)]
    assert [p for p in range(14) if inside(spans, p)] == [2, 3, 4, 10, 11]
