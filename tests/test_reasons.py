"""Reasons an editor can act on (scorer/model/reason_choice.py, scorer/knowledge/reasons.txt).

The shown reasons lead with what can be checked in the text, name findings with examples whose
numbers are the output's own findings, show the learned wording once and last in plain words,
never show a measure whose direction means nothing to an editor, and say "style only" when no
finding backs a low_quality verdict.
"""
from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pytest

from scorer.core.config import Config
from scorer.core.document import REASON_KINDS, Finding, Reason
from scorer.model.featurizer import coverage_features, declared_feature_names
from scorer.model.loading import load_model
from scorer.model.reason_choice import (
    CHECKABLE, STYLE_ONLY, STYLE_ONLY_FEATURE, choose_reasons, findings_phrase, parse_reason_table, reason_table,
    with_verdict_note,
)
from scorer.model.trained import TrainedModel
from scorer.model.word_lists import VOCABULARY_FEATURES
from scorer.pipeline import article_from_text, score_article
from scorer.signals.registry import REGISTRY

# Articles written for these tests.
REPORTED = (
    "Millbrook Water Board raises rates 4% after pipe failures\n\n"
    "The Millbrook Water Board voted 5-1 on Thursday to raise household water rates by 4% from July, after "
    "three main pipes burst in the city's east end in February, board minutes show.\n\n"
    "Board chair Rosa Delgado said the increase would pay for replacing 12 kilometres of cast-iron pipe laid in "
    "the 1950s. \"We are patching pipes our grandparents installed,\" Delgado said. \"That has to stop.\"\n\n"
    "The only member to vote against, Peter Holm, said the board should first publish the engineering report it "
    "commissioned last year. Holm said residents \"deserve to see the numbers before they pay for them.\"\n\n"
    "A typical household will pay about $38 more a year, according to the board's finance director, Grace Obi.\n"
)
PADDED = (
    "Millbrook Water Rates: Everything You Need To Know\n\n" + REPORTED
    + "\nKey Points\n- The board voted 5-1 to raise water rates by 4%.\n"
    "- Three main pipes burst in the east end in February.\n- A typical household will pay about $38 more.\n\n"
    "FAQ\n\nWhy are water rates going up?\n"
    "Water rates are going up to pay for replacing 12 kilometres of cast-iron pipe.\n\n"
    "When does the increase start?\nThe increase starts in July.\n\n"
    "Conclusion\nIn conclusion, the board voted to raise water rates by 4% to replace old pipes.\n"
)
VAGUE = (
    "Water Rates Set To Rise In Millbrook\n\n"
    "Experts say that the decision marks a crucial turning point for the city. It is widely believed that the "
    "aging infrastructure has been neglected for decades. Moreover, many believe the situation could worsen.\n\n"
    "Additionally, some observers note that residents may face further increases in the future. It is worth "
    "noting that the move plays a pivotal role in the ongoing conversation about public services.\n\n"
    "Critics argue that the board should have acted sooner. Furthermore, sources suggest that the plan could "
    "be revised. In today's fast-paced world, it remains to be seen how residents will react.\n"
)
BLAND = (
    "Water rates in Millbrook will rise this summer. The water board approved the change at its latest meeting. "
    "The money will go toward replacing old pipes across the city. Several pipes broke earlier this year. "
    "Households will see the change on their bills. The board plans to review its budget again next year. "
    "Residents can read more about the plan on the city website.\n"
)
DATE = dt.date(2026, 3, 12)


@pytest.fixture(scope="module")
def shipped():
    model = load_model()
    if not isinstance(model, TrainedModel):
        pytest.fail("no trained model is shipped in models/default")
    return model


def _score(text, model, **options):
    config = Config(today=DATE, **options)
    return score_article(article_from_text(text, config=config), config, model=model)


@pytest.fixture(scope="module")
def results(shipped):
    # Each fixture at the model's threshold, and at thresholds that force each verdict.
    return {(name, threshold): _score(text, shipped, threshold=threshold)
            for name, text in {"reported": REPORTED, "padded": PADDED, "vague": VAGUE, "bland": BLAND}.items()
            for threshold in (None, 0.001, 0.999)}


def test_every_feature_a_model_can_use_has_a_stated_role():
    families = tuple(spec.name for spec in REGISTRY if spec.in_model)
    names = [n for n in declared_feature_names(families, style=True) if n not in coverage_features(families)]
    names += [f"vocabulary.{n}" for n in VOCABULARY_FEATURES] + ["vocabulary.machine_wording_score"]
    table = reason_table()
    missing = sorted(set(names) - set(table.roles))
    assert not missing, f"add a line for each to scorer/knowledge/reasons.txt (hidden until someone states its meaning): {missing}"
    for name in ("readability.letters_per_word", "style.commas_per_sentence", "style.word_length_mean"):
        assert table.role(name).role == "hidden"
    # Every finding kind a role names has words for it.
    assert {kind for role in table.roles.values() for kind in role.kinds} <= set(table.nouns)


def test_a_bad_line_is_refused_with_its_place():
    with pytest.raises(ValueError, match=r"reasons.txt:2: .*hidden"):
        parse_reason_table(["# ok", "feature\tstyle.x\thidden\t+"])
    with pytest.raises(ValueError, match=r"reasons.txt:1: role finding needs"):
        parse_reason_table(["feature\tstyle.x\tfinding\t+"])
    with pytest.raises(ValueError, match=r"reasons.txt:1: expected"):
        parse_reason_table(["feature style.x sometimes +"])


def _finding(kind, text, start):
    return Finding(kind, start, start + len(text), text, "")


def test_choice_hides_meaningless_directions_merges_findings_and_puts_wording_last():
    names = ["readability.letters_per_word", "generalities.vague_attributions_per_1000_words", "generalities.hedges_per_1000_words",
             "style.questions_per_1000_words", "style.placeholders", "readability.sentence_length_cv",
             "vocabulary.machine_wording_score", "vocabulary.rewrite_words_per_100_words", "padding.seo_blocks"]
    reference = {name: {"median": 1.0, "quantiles": list(np.linspace(0.0, 2.0, 101))} for name in names}
    x = np.array([6.0, 9.0, 4.0, 12.0, 2.0, 0.2, 3.0, 5.0, 1.0])
    # letters per word has the largest effect: hidden. Questions are above the median of a `+` feature yet
    # raise the score: against what they mean, not shown. The seo value is the median: no effect.
    effects = np.array([-30.0, -2.0, -1.5, 6.0, -8.0, -3.0, -40.0, -5.0, 0.0])
    findings = [_finding("vague_attribution", "Experts say", 0), _finding("hedge", "may", 20),
                _finding("vague_attribution", "It is widely believed", 40), _finding("vague_attribution", "experts say", 90)]
    reasons = choose_reasons(names, x, effects, reference, "reported news", findings, low_quality=True,
                             wording_examples=lambda name: "“crucial”", top=6)
    shown = [r.feature for r in reasons]
    assert "readability.letters_per_word" not in shown and "style.questions_per_1000_words" not in shown
    # Findings first, then counts, then style, then the wording once, last, in plain words with its total effect.
    assert [r.kind for r in reasons] == ["finding", "finding", "count", "style", "wording"]
    assert reasons[0].message.startswith("3 vague attributions (“Experts say”, “It is widely believed”):")
    assert reasons[1].message.startswith("1 hedge (“may”):")
    wording = reasons[-1]
    assert wording.effect == pytest.approx(-45.0) and wording.message.startswith("overall wording resembles machine rewrites (words such as “crucial”)")
    assert not re.search(r"\d", wording.message)
    # With room for two, the strongest two are kept and the wording still comes last.
    two = choose_reasons(names, x, effects, reference, "reported news", findings, low_quality=True, top=3)
    assert [r.feature for r in two] == ["style.placeholders", "readability.sentence_length_cv", "vocabulary.machine_wording_score"]


def test_evidence_stays_first_and_its_findings_are_not_said_twice():
    names = ["padding.seo_blocks", "padding.padding_word_share", "style.placeholders"]
    reference = {name: {"median": 0.0, "quantiles": [0.0] * 101} for name in names}
    evidence = Reason("padding.seo_block_word_share", -0.2, "2 search-engine template blocks …", "evidence")
    reasons = choose_reasons(names, np.array([2.0, 0.3, 1.0]), np.array([-6.0, -4.0, -9.0]), reference, "reported news",
                             [_finding("seo_block", "Key Points\n- a", 0), _finding("seo_block", "## FAQ", 10)],
                             low_quality=True, evidence=[evidence])
    assert reasons[0] is evidence
    assert [r.feature for r in reasons[1:]] == ["padding.padding_word_share", "style.placeholders"]
    assert reasons[1].message.startswith("2 search-engine template blocks (“Key Points”, “FAQ”):")


def test_findings_phrase_counts_every_finding_and_says_when_there_are_none():
    findings = [_finding("quote", f"“Quote number {i}”", 10 * i) for i in range(5)]
    assert findings_phrase(["quote"], findings) == "5 direct quotes (“Quote number 0”, “Quote number 1”, “Quote number 2”, …)"
    assert findings_phrase(["named_source"], findings) == "no mentions of named sources"


def test_style_only_note_follows_the_verdict():
    style = (Reason("readability.sentence_length_cv", -4.0, "sentence-length variation 0.20", "style"),
             Reason("vocabulary.machine_wording_score", -30.0, "overall wording resembles machine rewrites", "wording"))
    noted = with_verdict_note(style, "low_quality")
    assert noted[0] == Reason(STYLE_ONLY_FEATURE, 0.0, STYLE_ONLY, "note") and noted[1:] == style
    assert with_verdict_note(noted, "ok") == style  # a restated label drops it
    assert with_verdict_note(noted, "low_quality") == noted  # and never doubles it
    checked = (Reason("style.placeholders", -5.0, "1 template placeholder", "count"), *style)
    assert with_verdict_note(checked, "low_quality") == checked
    trusting = (Reason("attribution.quotes_per_1000_words", 3.0, "4 direct quotes", "finding"), *style)
    assert with_verdict_note(trusting, "low_quality")[0].feature == STYLE_ONLY_FEATURE  # a finding for trust backs nothing


def _nouns():
    table = reason_table()
    return {kind: nouns for kind, nouns in table.nouns.items()}


def test_shown_reasons_keep_the_contract_on_real_scores(results):
    table = reason_table()
    noted = 0
    for (name, _), result in results.items():
        assert result.error is None and result.score is not None, name
        kinds = [r.kind for r in result.reasons]
        assert set(kinds) <= set(REASON_KINDS), (name, kinds)
        # The wording: at most once, last, in plain words.
        assert kinds.count("wording") <= 1 and ("wording" not in kinds or kinds[-1] == "wording"), (name, kinds)
        for reason in result.reasons:
            assert "letter-sequence" not in reason.message
            if reason.kind == "wording":
                assert reason.message.startswith("overall wording resembles ")
            if reason.kind != "note":
                assert table.role(reason.feature).role != "hidden", (name, reason)
        # "style only" exactly when a low_quality verdict has no checkable reason lowering its score.
        backed = any(r.kind in CHECKABLE and r.effect < 0 for r in result.reasons)
        has_note = any(r.feature == STYLE_ONLY_FEATURE for r in result.reasons)
        assert has_note == (result.label == "low_quality" and not backed), (name, result.label, result.reasons)
        noted += has_note
        if has_note:
            assert result.reasons[0].message == STYLE_ONLY
    assert noted, "no fixture produced a style-only verdict: the check above tested nothing"


def test_a_reasons_numbers_are_the_findings_it_names(results):
    nouns = _nouns()
    checked = 0
    for (name, _), result in results.items():
        text = " ".join(result.article.text.split()).lower()
        for reason in result.reasons:
            if reason.kind not in ("finding", "evidence"):
                continue
            for kind, (singular, plural) in nouns.items():
                for number in re.findall(rf"(?:^|; )(\d+) (?:{re.escape(singular)}|{re.escape(plural)})\b", reason.message):
                    if reason.feature == "anachronism.anachronisms" and kind == "anachronism":
                        continue  # the stale-fact rule counts facts against a known date, checked in test_evidence
                    assert int(number) == sum(f.kind == kind for f in result.findings), (name, reason.message)
                    checked += 1
            for example in re.findall(r"“([^”]+)”", reason.message):
                assert " ".join(example.rstrip("…").split()).lower() in text, (name, example)
    assert checked, "no reason named a count of findings"


def test_a_padded_article_leads_with_its_template_blocks_named(results):
    padded = results[("padded", None)]
    first = padded.reasons[0]
    blocks = [f for f in padded.findings if f.kind == "seo_block"]
    assert first.kind == "evidence" and first.feature == "padding.seo_block_word_share" and first.effect <= 0
    assert first.message.startswith(f"{len(blocks)} search-engine template block")
    assert "“Key Points”" in first.message and "“FAQ”" in first.message
    assert re.search(r"\d+% of the words are in search-engine template blocks", first.message)


def test_a_rewrite_leads_with_findings_quoted_from_it(results):
    vague = results[("vague", None)]
    first = vague.reasons[0]
    assert vague.label == "low_quality" and first.kind == "finding" and first.effect < 0
    quoted = re.findall(r"“([^”]+)”", first.message)
    assert quoted and all(any(f.text.startswith(q.rstrip("…")) for f in vague.findings) for q in quoted)


def test_stale_facts_then_template_blocks_lead_when_both_are_found(shipped):
    stale = PADDED.replace(
        "A typical household will pay",
        "Former US President Donald Trump praised the plan in a post on Wednesday. A typical household will pay",
    )
    result = _score(stale, shipped, date=DATE)
    facts = [f for f in result.findings if f.kind == "anachronism"]
    assert facts, "the fixture's stale title was not found"
    first, second = result.reasons[:2]
    assert (first.kind, first.feature) == ("evidence", "anachronism.anachronisms") and first.effect < 0
    assert first.message.startswith(f"{len(facts)} stale fact") and "“Former US President Donald Trump”" in first.message
    assert (second.kind, second.feature) == ("evidence", "padding.seo_block_word_share")
    assert result.label == "low_quality" and not any(r.feature == STYLE_ONLY_FEATURE for r in result.reasons)


def _model_reasons_point_the_way_of(result) -> bool:
    """The model's own reasons (not the fixed rules' evidence, notes or the wording) list those
    pointing the way of the label first: a verdict is explained by what pushed it there."""
    ways = [(r.effect < 0) != (result.label == "low_quality") for r in result.reasons if r.kind in ("finding", "count", "style")]
    return ways == sorted(ways)


# Reported with quotes and named sources, padded with filler and vague sources: reasons both ways.
MIXED = (
    "City council approves new bus lanes on Main Street\n\n"
    "The Riverton City Council voted 6-3 on Tuesday to add bus lanes along Main Street, a plan that "
    "transit director Lena Ortiz said would cut commute times by about eight minutes. \"Buses are stuck in the same "
    "traffic as everyone else,\" Ortiz told the council. Council member Raj Patel, who voted against the plan, said "
    "shop owners had not been consulted. \"We heard from three businesses this week alone,\" Patel said.\n\n"
    "In today's fast-paced world, it is important to note that transportation plays a pivotal role in shaping our "
    "communities. Experts say that change is never easy. Many believe that the decision could be a game-changer. "
    "Some critics argue that only time will tell whether the lanes deliver on their promise.\n\n"
    "Construction is scheduled to begin in May and will cost $4.2 million, according to a city budget document.\n"
)


@pytest.mark.parametrize("options", [{"threshold": 0.001}, {"threshold": 0.999}, {"prior": 0.001}, {"prior": 0.999},
                                     {"threshold": 0.2, "prior": 0.9}])
def test_reasons_follow_the_label_a_users_threshold_or_prior_gives(shipped, options):
    for name, text in {"reported": REPORTED, "padded": PADDED, "vague": VAGUE, "bland": BLAND, "mixed": MIXED}.items():
        result = _score(text, shipped, **options)
        assert result.label is not None, name
        assert _model_reasons_point_the_way_of(result), (name, options, result.label, result.reasons)


def test_the_mixed_fixture_has_reasons_both_ways_so_the_order_check_can_fail(shipped):
    leads = set()
    for threshold in (0.001, 0.999):
        result = _score(MIXED, shipped, threshold=threshold)
        first = next(r for r in result.reasons if r.kind in ("finding", "count", "style"))
        leads.add((result.label, first.effect < 0))
    assert leads == {("low_quality", True), ("ok", False)}, leads


@pytest.mark.parametrize("options", [{"threshold": 0.95}, {"prior": 0.02}, {"threshold": 0.9, "prior": 0.1}])
def test_a_stale_fact_keeps_its_floor_at_a_users_threshold_or_prior(shipped, options):
    stale = REPORTED.replace(
        "A typical household will pay", "Former US President Donald Trump praised the plan on Wednesday. A typical household will pay", 1)
    assert stale != REPORTED, "the fixture sentence moved: the stale fact was not inserted"
    result = _score(stale, shipped, date=DATE, **options)
    assert any(f.kind == "anachronism" for f in result.findings)
    assert result.label == "low_quality", (options, result.probability, result.threshold)
    assert result.reasons[0].feature == "anachronism.anachronisms"
