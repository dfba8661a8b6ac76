"""Segmentation: paragraphs, headings and sentences keep exact offsets into the text."""
import datetime as dt

import pytest

from scorer.core.text import word_count
from scorer.ingest.segment import build_article, is_heading, split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. Senate voted. It passed 52-48.", ["The U.S. Senate voted.", "It passed 52-48."]),
        ("Gov. Jane Roe spoke on Jan. 5 in St. Louis. Then she left.", ["Gov. Jane Roe spoke on Jan. 5 in St. Louis.", "Then she left."]),
        ('"We will win," he said. "Soon."', ['"We will win," he said.', '"Soon."']),
        ("Prices rose 3.5 percent. Really? Yes!", ["Prices rose 3.5 percent.", "Really?", "Yes!"]),
        ("No end punctuation here", ["No end punctuation here"]),
        ("He said no... and then left.", ["He said no... and then left."]),
    ],
)
def test_split_sentences(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


@pytest.mark.parametrize(
    "line, heading",
    [
        ("## Key Points", True),
        ("What Happened on the Ferry?", True),
        ("Frequently Asked Questions", True),
        ("The council voted 7-2 on Tuesday to approve the budget.", False),
        ("Why would anyone vote against a budget that cuts taxes for every family in the city?", False),
        ("and then some", False),
    ],
)
def test_is_heading(line, heading):
    assert is_heading(line) is heading


def test_article_offsets_index_the_text():
    text = "Budget passes\n\nThe council voted 7-2. Mayor Jane Roe said it was fair.\nA second paragraph.\n"
    article = build_article(text, date=dt.date(2026, 1, 2), date_source="option")
    assert [p.is_heading for p in article.paragraphs] == [True, False, False]
    for unit in article.paragraphs + article.sentences:
        assert text[unit.start:unit.end] == unit.text
    assert [s.paragraph for s in article.sentences] == [0, 1, 1, 2]
    assert article.words == 16


def test_word_count_ignores_punctuation_and_numbers():
    assert word_count("It's 7 o'clock — well-known, isn't it?") == 5


@pytest.mark.parametrize(
    "text",
    ["They sat in the sun. It was warm.", "He said no. Then he left.", "She fell ill. Doctors came.", "It reached critical mass. Prices fell."],
)
def test_words_that_look_like_abbreviations_still_end_sentences(text):
    assert len(split_sentences(text)) == 2
