"""Under the minimum of words, no verdict: score, label and probability are null with the reason, in every format."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from scorer import api
from scorer.cli import cli
from scorer.core.config import Config
from scorer.pipeline import MIN_WORDS

from .conftest import TODAY

pytestmark = pytest.mark.timeout(600)

SHORT = "The council met on Tuesday. It approved the plan."


@pytest.mark.parametrize("text", [SHORT, "— — — ### *** 1234 5678 !!! ??? ... %%% $$$ 12-34 56.78", "word " * (MIN_WORDS - 1)])
def test_too_short_or_symbols_only_gets_no_verdict(text):
    result = api.score_text(text, config=Config(today=TODAY))
    assert result.error is None
    assert result.score is None and result.label is None and result.probability is None
    assert result.reasons[0].feature == "article.words" and "too short" in result.reasons[0].message


def test_no_verdict_in_every_output_format(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text(SHORT)
    runner = CliRunner()
    as_json = json.loads(runner.invoke(cli, ["score", str(path), "--format", "json"], catch_exceptions=False).stdout)
    assert as_json["score"] is None and as_json["label"] is None and "too short" in as_json["reasons"][0]["message"]
    table = runner.invoke(cli, ["score", str(path)], catch_exceptions=False).stdout
    assert "no verdict" in table
    page = runner.invoke(cli, ["score", str(path), "--format", "html"], catch_exceptions=False).stdout
    assert "no verdict" in page
