"""The fixed template evidence added to the learned model (scorer/evidence.py)."""
import copy
import datetime as dt
import math

import numpy as np
import pytest

from scorer.core.config import Config
from scorer.model.evidence import FEATURE, FLOOR_PERCENTILE, TemplateEvidence, template_evidence
from scorer.model.loading import load_model
from scorer.pipeline import article_from_text, score_article
from scorer.model.trained import TrainedModel

EVIDENCE = TemplateEvidence(FEATURE, floor=0.03, log_odds_per_unit=10.0)

STORY = (
    "The Harbour City council voted 7-2 on Tuesday to double ferry inspections after an engine fire forced 140 "
    "passengers to evacuate in March, council minutes show.\n\n"
    "Port director Amina Okafor told the council that inspectors would check every passenger ferry twice a month "
    "from April. \"We were lucky in March,\" Okafor said. \"Nobody should have to rely on luck.\"\n\n"
    "The two councillors who voted against the plan, Tom Reyes and Li Wen, said the $1.2 million cost should be "
    "shared with the ferry operators. Reyes said operators had \"profited for years from lax oversight.\"\n\n"
    "The ferry operator, BlueLine Marine, said in a statement that it welcomed the inspections and had already "
    "replaced the engine that caught fire.\n"
)
# The same story as a content farm serves it: every block restates the body.
PADDED = (
    "Harbour City Ferry Inspections: What You Need To Know\n\n" + STORY
    + "\nKey Points\n- The council voted 7-2 to double ferry inspections.\n"
    "- Inspectors will check every passenger ferry twice a month from April.\n- The plan costs $1.2 million.\n\n"
    "Frequently Asked Questions\n\nWhy did the council double inspections?\n"
    "The council doubled inspections after an engine fire forced 140 passengers to evacuate in March.\n\n"
    "How much will the plan cost?\nThe plan will cost $1.2 million.\n\n"
    "Conclusion\nIn conclusion, the council voted to double ferry inspections, and inspectors will check every "
    "ferry twice a month from April.\n"
)


def test_no_shift_up_to_the_floor_then_a_fixed_rate_above_it():
    shifts = EVIDENCE.log_odds([0.0, 0.03, 0.13, 0.53, float("nan")])
    np.testing.assert_allclose(shifts, [0.0, 0.0, 1.0, 5.0, 0.0])
    assert EVIDENCE.of_rows([{FEATURE: 0.23}, {}]).tolist() == pytest.approx([2.0, 0.0])


def test_apply_adds_to_the_log_odds_and_keeps_nan():
    p = EVIDENCE.apply(np.array([0.2, 0.5, np.nan]), np.array([math.log(4), 0.0, 1.0]))
    assert p[0] == pytest.approx(0.5) and p[1] == pytest.approx(0.5) and np.isnan(p[2])


def test_the_floor_is_the_reference_percentile_and_needs_the_feature():
    quantiles = list(np.linspace(0.0, 1.0, 101))
    found = template_evidence({FEATURE: {"median": 0.5, "quantiles": quantiles}})
    assert found.floor == pytest.approx(quantiles[FLOOR_PERCENTILE])
    assert template_evidence({"attribution.quotes": {"median": 0, "quantiles": quantiles}}) is None
    assert TemplateEvidence.from_dict(found.as_dict()) == found and TemplateEvidence.from_dict(None) is None


@pytest.fixture(scope="module")
def shipped_pair():
    """The shipped model as it is, and the same pipeline without the evidence."""
    shipped = load_model()
    if not isinstance(shipped, TrainedModel) or shipped.evidence is None:
        pytest.fail("the shipped model carries no template evidence; retrain it with benchmarks/classifier.py --train-default")
    bare = TrainedModel(shipped.pipeline, {**shipped.metadata, "evidence": None}, shipped.path)
    return shipped, bare


def _score(text, model):
    return score_article(article_from_text(text, config=Config(today=dt.date(2026, 3, 12))), model=model)


def test_a_story_padded_with_template_blocks_scores_lower_and_says_why(shipped_pair):
    shipped, bare = shipped_pair
    with_evidence, without = _score(PADDED, shipped), _score(PADDED, bare)
    assert with_evidence.probability > without.probability
    [reason] = [r for r in with_evidence.reasons if r.feature == FEATURE]
    assert reason.effect < 0 and "template blocks" in reason.message and "fixed rule" in reason.message
    assert reason.effect == pytest.approx(100 * (without.probability - with_evidence.probability), abs=0.05)


def test_a_story_without_template_blocks_is_untouched(shipped_pair):
    shipped, bare = shipped_pair
    assert _score(STORY, shipped).probability == pytest.approx(_score(STORY, bare).probability)
    assert all(r.feature != FEATURE for r in _score(STORY, shipped).reasons)


def test_stale_fact_evidence_counts_only_facts_checked_against_a_known_date():
    from scorer.model.evidence import StaleFactEvidence

    rule = StaleFactEvidence(log_odds_per_fact=2.0, max_facts=3)
    rows = [
        {"anachronism.anachronisms": 0.0, "anachronism.date_assumed": 0.0},
        {"anachronism.anachronisms": 1.0, "anachronism.date_assumed": 0.0},
        {"anachronism.anachronisms": 5.0, "anachronism.date_assumed": 0.0},
        {"anachronism.anachronisms": 2.0, "anachronism.date_assumed": 1.0},
    ]
    assert list(rule.of_rows(rows)) == [0.0, 2.0, 6.0, 0.0]
    p = rule.apply(np.array([0.1, 0.1, 0.1, 0.1]), rows, threshold=0.56)
    assert p[0] == pytest.approx(0.1) and p[3] == pytest.approx(0.1)  # nothing found, or the date was a guess
    assert p[1] >= 0.56 and p[2] > p[1]  # never ok on style alone once a stale fact is verified
    assert StaleFactEvidence.from_dict(rule.as_dict()) == rule and StaleFactEvidence.from_dict(None) is None


REPORTED = (
    "Council approves ferry budget\n"
    "The Port Ellis council voted 7-2 on Tuesday to fund two new ferries, the harbour master, Ann Cole, said.\n"
    "“We have waited six years for this,” Cole told reporters after the vote. The ferries will cost $42 million, "
    "according to the council's budget report, and the first is due in 2027.\n"
    "Opposition councillor Raj Patel said the price was too high and asked for an independent review of the contract."
)
STALE = " Former US President Donald Trump, who visited the harbour in March, praised the plan on Wednesday."


@pytest.mark.parametrize("extra", ["", " Donald Trump, who visited the harbour in March, praised the plan on Wednesday."])
def test_a_stale_fact_lowers_the_score_and_says_why_only_against_a_known_date(extra):
    model = load_model(None)
    plain = score_article(article_from_text(REPORTED + extra, config=Config(date=dt.date(2026, 1, 22))), Config(), model)
    stale = score_article(article_from_text(REPORTED + STALE, config=Config(date=dt.date(2026, 1, 22))), Config(), model)
    assert any(f.kind == "anachronism" for f in stale.findings)
    assert stale.score < plain.score and stale.label == "low_quality"
    assert stale.reasons[0].feature == "anachronism.anachronisms" and "stale fact" in stale.reasons[0].message
    # Undated (the date is only assumed to be today): the finding is shown, the score does not move for it.
    undated_plain = score_article(article_from_text(REPORTED + extra, config=Config(today=dt.date(2026, 1, 22))), Config(), model)
    undated = score_article(article_from_text(REPORTED + STALE, config=Config(today=dt.date(2026, 1, 22))), Config(), model)
    assert undated.article.date_source == "today" and any(f.kind == "anachronism" for f in undated.findings)
    assert not any(r.feature == "anachronism.anachronisms" for r in undated.reasons)
    without_rule = copy.copy(model)
    without_rule.stale_facts = None
    assert undated.probability == score_article(article_from_text(REPORTED + STALE, config=Config(today=dt.date(2026, 1, 22))), Config(), without_rule).probability
    assert stale.probability > score_article(article_from_text(REPORTED + STALE, config=Config(date=dt.date(2026, 1, 22))), Config(), without_rule).probability
    assert undated_plain.error is None
