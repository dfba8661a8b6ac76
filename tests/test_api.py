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


def test_a_very_short_article_gets_no_verdict_and_says_why_first():
    short = scorer.score_text("Ferry fire: all 212 passengers safe, the port said.")
    assert short.reasons[0].feature == "article.words" and short.reasons[0].effect == 0.0
    assert "too short" in short.reasons[0].message
    assert short.score is None and short.label is None and short.probability is None  # no verdict (README "Safety and limits")
    full = scorer.score_file(EXAMPLES / "reported.html")
    assert all(reason.feature != "article.words" for reason in full.reasons)


def test_bad_input_raises_a_scorer_error(tmp_path):
    with pytest.raises(scorer.InputError):
        scorer.score_file(tmp_path / "missing.html")
    with pytest.raises(scorer.ScorerError):
        scorer.score_text("   ")


def test_a_page_that_is_only_a_site_notice_is_not_scored():
    banner = (
        "This website uses cookies to remember your choices and measure traffic. "
        "By using this site you agree to our use of cookies and to our privacy terms."
    )
    with pytest.raises(scorer.ScorerError, match="no article text"):
        scorer.score_html(f"<html><body><main><p>{banner}</p></main></body></html>")
    with pytest.raises(scorer.ScorerError, match="no article text"):
        scorer.score_text(banner)
    error_page = "<p>Page not found</p><p>Sorry, the page you are looking for has moved. Return to the homepage.</p>"
    with pytest.raises(scorer.ScorerError, match="no article text"):
        scorer.score_html(f"<html><body><main>{error_page}</main></body></html>")


def test_a_prior_restates_the_probability_for_the_stream_scored():
    import numpy as np

    from scorer.core.config import Config
    from scorer.core.odds import for_prior

    assert for_prior(0.5, 0.2) == pytest.approx(0.2)  # no evidence either way: the base rate
    assert for_prior(0.9, 0.1) == pytest.approx(0.5)  # odds 9:1, times 1:9
    assert for_prior(0.3, 0.5) == pytest.approx(0.3) and for_prior(0.3, 0.2, model_prior=0.2) == pytest.approx(0.3)
    np.testing.assert_allclose(for_prior(np.array([0.1, 0.5, 0.9]), 0.25), [1 / 28, 0.25, 0.75])
    for bad in (0.0, 1.0, -0.1):
        with pytest.raises(ValueError):
            for_prior(0.5, bad)
        with pytest.raises(ValueError):
            Config(prior=bad)
    base = scorer.score_file(EXAMPLES / "wire.txt")
    rare = scorer.score_file(EXAMPLES / "wire.txt", config=Config(prior=0.05))
    common = scorer.score_file(EXAMPLES / "wire.txt", config=Config(prior=0.9))
    assert 0 < base.probability < 1
    for restated, prior in ((rare, 0.05), (common, 0.9)):
        # base.probability is rounded to 4 decimals; restated from the exact one, the result lies
        # between the restated ends of that rounding interval (then rounded itself).
        low, high = for_prior(max(base.probability - 5e-5, 1e-9), prior), for_prior(base.probability + 5e-5, prior)
        assert low - 5e-5 <= restated.probability <= high + 5e-5
    assert rare.probability < base.probability < common.probability and rare.score > base.score > common.score
    # Only the probability moves: what the article says, and why, stays.
    assert [f.text for f in rare.findings] == [f.text for f in base.findings]


def test_estimate_prior_recovers_a_batch_mix_from_calibrated_scores():
    import numpy as np

    from scorer.core.odds import ESTIMATED_PRIOR_BOUNDS, estimate_prior

    rng = np.random.default_rng(0)
    for share in (0.1, 0.3, 0.7):
        truth = rng.random(4000) < share
        # Scores of a model calibrated for half and half: log-odds = 3 x a unit-variance signal at +-1.5.
        signal = np.where(truth, rng.normal(1.5, 1, truth.size), rng.normal(-1.5, 1, truth.size))
        p = 1 / (1 + np.exp(-3 * signal))
        assert estimate_prior(p) == pytest.approx(truth.mean(), abs=0.03)
    assert estimate_prior(np.full(100, 1e-4)) == ESTIMATED_PRIOR_BOUNDS[0]  # all reported news: the floor, not 0
    with pytest.raises(ValueError):
        estimate_prior([])


def test_adapt_to_batch_restates_every_result_for_the_estimated_share():
    from dataclasses import replace

    from scorer.core.odds import MIN_BATCH_FOR_PRIOR

    base = scorer.score_file(EXAMPLES / "wire.txt")
    failed = scorer.ScoreResult(input="bad.html", error="not a page")
    few, share = scorer.adapt_to_batch([base, failed])
    assert share is None and few == [base, failed]
    # A batch where most articles score as rewrites: the estimated share is high, and every probability rises.
    batch = [replace(base, input=f"{i}.txt", probability=0.97 if i % 4 else 0.02) for i in range(MIN_BATCH_FOR_PRIOR)] + [failed]
    adapted, share = scorer.adapt_to_batch(batch)
    assert 0.6 < share < 0.9
    assert adapted[-1] is failed
    for before, after in zip(batch[:-1], adapted):
        assert after.prior == share and after.probability > before.probability
        assert after.score == pytest.approx(100 * (1 - after.probability), abs=0.1)
        assert after.label == ("low_quality" if after.probability >= after.threshold else "ok")
        assert after.findings == before.findings
        # The reasons explain the article, not the base rate: they stay, except the "style only" note, which
        # follows the restated label (wire.txt's reasons all raise its score: none backs a low_quality label).
        note = [r for r in after.reasons if r.feature == "verdict.style_only"]
        assert [r for r in after.reasons if r.feature != "verdict.style_only"] == list(before.reasons)
        assert len(note) == (after.label == "low_quality") and all(r.kind == "note" and r.effect == 0 for r in note)
        assert all(r.effect > 0 for r in before.reasons)



def test_table_says_why_even_when_no_feature_sets_the_article_apart():
    from dataclasses import replace

    from scorer.render import to_table

    result = scorer.score_file(EXAMPLES / "wire.txt")
    plain = to_table(replace(result, reasons=()))
    assert plain.splitlines()[1] == "  why: nothing an editor can check sets it apart from typical reported news"
    reasoned = to_table(replace(result, reasons=(scorer.Reason("style.x", -3.0, "something unusual"),)))
    assert "    − something unusual" in reasoned and "nothing an editor" not in reasoned
