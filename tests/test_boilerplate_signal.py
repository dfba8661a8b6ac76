"""Boilerplate signal: what the cleaner removed, counted per kind and as a share of words."""
from __future__ import annotations

import pytest

from scorer.core.document import Removal
from scorer.signals import boilerplate
from signal_helpers import make_article

BODY = " ".join(["The council voted on Monday to approve the plan."] * 10)  # 90 words

AD = Removal("ad_marker", "Advertisement")
CHROME = Removal("site_chrome", "Skip to content")
TAIL = Removal("related_tail", "You may also like\n10 Ways to Save Water at Home")

# (case id, removed records, expected counts, expected removed-word share)
CASES = [
    ("nothing removed", (), {"ad_markers": 0, "site_chrome": 0, "related_tails": 0, "other_removed": 0}, 0.0),
    ("two ad markers", (AD, AD), {"ad_markers": 2, "site_chrome": 0, "related_tails": 0, "other_removed": 0}, 2 / 92),
    (
        "one of each kind",
        (AD, CHROME, TAIL),
        {"ad_markers": 1, "site_chrome": 1, "related_tails": 1, "other_removed": 0},
        (1 + 3 + 10) / (90 + 14),
    ),
    (
        "an unknown kind is kept, not lost",
        (Removal("cookie_banner", "We use cookies"),),
        {"ad_markers": 0, "site_chrome": 0, "related_tails": 0, "other_removed": 1},
        3 / 93,
    ),
]


@pytest.mark.parametrize("case, removed, counts, share", CASES, ids=[c[0] for c in CASES])
def test_boilerplate(case, removed, counts, share):
    result = boilerplate.analyze(make_article(BODY, removed=removed))
    for name, value in counts.items():
        assert result.features[name] == value
    assert result.features["removed_word_share"] == pytest.approx(share)
    assert result.findings == ()  # removed text is not in the article: nothing to highlight


def test_ad_rate_is_per_1000_kept_words():
    short = boilerplate.analyze(make_article(BODY, removed=(AD,))).features
    long = boilerplate.analyze(make_article(" ".join([BODY] * 2), removed=(AD, AD))).features
    assert short["ad_markers_per_1000_words"] == pytest.approx(1000 / 90)
    assert long["ad_markers_per_1000_words"] == pytest.approx(short["ad_markers_per_1000_words"])


def test_removal_counts_is_the_helper_page_uses():
    article = make_article(BODY, removed=(AD, TAIL))
    assert boilerplate.removal_counts(article) == {"ad_markers": 1, "site_chrome": 0, "related_tails": 1, "other_removed": 0}


def test_empty_article():
    features = boilerplate.analyze(make_article("")).features
    assert all(value == 0 for value in features.values())


def test_every_feature_has_a_description():
    features = boilerplate.analyze(make_article(BODY)).features
    assert set(boilerplate.DESCRIPTIONS) == set(features)
    for name, template in boilerplate.DESCRIPTIONS.items():
        assert template.format(value=features[name])
