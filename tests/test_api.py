"""The Python API raises on bad input (a library should) and returns typed results."""
from pathlib import Path

import pytest

import scorer

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_public_api_is_explicit():
    for name in scorer.__all__:
        assert hasattr(scorer, name), name


def test_score_file_text_and_html_agree():
    html = (EXAMPLES / "reported.html").read_text()
    from_file = scorer.score_file(EXAMPLES / "reported.html")
    from_string = scorer.score_html(html)
    assert isinstance(from_file, scorer.ScoreResult)
    assert from_file.as_dict() | {"input": "-"} == from_string.as_dict()


def test_date_argument_fills_a_missing_date():
    result = scorer.score_text("The council voted 7-2 on Tuesday to approve the budget, said Mayor Jane Roe.", date="2026-01-22")
    assert result.article.date.isoformat() == "2026-01-22" and result.article.date_source == "option"


def test_a_very_short_article_is_scored_with_a_warning_first():
    short = scorer.score_text("Ferry fire: all 212 passengers safe, the port said.")
    assert short.reasons[0].feature == "article.words" and short.reasons[0].effect == 0.0
    assert "too short" in short.reasons[0].message and 0 <= short.score <= 100
    full = scorer.score_file(EXAMPLES / "reported.html")
    assert all(reason.feature != "article.words" for reason in full.reasons)


def test_bad_input_raises_a_scorer_error(tmp_path):
    with pytest.raises(scorer.InputError):
        scorer.score_file(tmp_path / "missing.html")
    with pytest.raises(scorer.ScorerError):
        scorer.score_text("   ")
