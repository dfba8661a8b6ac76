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


def test_bad_input_raises_a_scorer_error(tmp_path):
    with pytest.raises(scorer.InputError):
        scorer.score_file(tmp_path / "missing.html")
    with pytest.raises(scorer.ScorerError):
        scorer.score_text("   ")
