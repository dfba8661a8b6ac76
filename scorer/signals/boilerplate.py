"""Boilerplate: what the cleaner removed before scoring.

The cleaner keeps a record (kind, text) of every piece it dropped: ad markers,
site chrome, related-article tails. A page thick with them is built for ad
impressions more than for readers. The removed text is no longer in
``Article.text``, so this family has features and no findings.

:func:`removal_counts` and :func:`removed_word_share` are the one place these
counts are made; ``page`` reuses them.
"""
from __future__ import annotations

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, SignalResult
from scorer.core.text import per_1000_words, word_count
from scorer.signals.registry import FamilySpec, feature_specs, register

FAMILY = "boilerplate"
#: Bumped whenever a feature's definition changes, so a model trained on the old
#: definitions refuses to load instead of silently mis-scoring.
VERSION = "1"

#: Plain words for the explanations: feature → template filled with ``value``.
DESCRIPTIONS: dict[str, str] = {
    "ad_markers": "{value:.0f} advertisement markers removed",
    "site_chrome": "{value:.0f} lines of site chrome removed (menus, share and subscribe prompts)",
    "related_tails": "{value:.0f} related-article lists removed",
    "other_removed": "{value:.0f} other pieces of boilerplate removed",
    "ad_markers_per_1000_words": "{value:.1f} advertisement markers per 1,000 words of article",
    "removed_word_share": "{value:.0%} of the page's words were boilerplate",
}

#: Removal kinds the cleaner emits → the feature that counts them. A kind not listed
#: here (a newer cleaner) is counted in ``other_removed`` rather than lost.
KINDS: dict[str, str] = {
    "ad_marker": "ad_markers",
    "site_chrome": "site_chrome",
    "related_tail": "related_tails",
}


def removal_counts(article: Article) -> dict[str, int]:
    """Number of removed pieces per feature name (``ad_markers``, ``site_chrome``, ``related_tails``, ``other_removed``)."""
    counts = {name: 0 for name in KINDS.values()}
    counts["other_removed"] = 0
    for removal in article.removed:
        counts[KINDS.get(removal.kind, "other_removed")] += 1
    return counts


def removed_word_share(article: Article) -> float:
    """Share of the page's words (kept + removed) that the cleaner removed."""
    removed = sum(word_count(removal.text) for removal in article.removed)
    return removed / max(removed + word_count(article.text), 1)


def analyze(article: Article, config: Config = DEFAULT_CONFIG) -> SignalResult:
    """Counts of removed boilerplate per kind, ad markers per 1,000 kept words, removed-word share."""
    counts = removal_counts(article)
    features: dict[str, float] = {name: float(value) for name, value in counts.items()}
    # Ads are inserted every few paragraphs, so their count grows with length: the rate is what compares.
    features["ad_markers_per_1000_words"] = per_1000_words(counts["ad_markers"], word_count(article.text))
    features["removed_word_share"] = removed_word_share(article)
    return SignalResult(FAMILY, features)


SPEC = register(
    FamilySpec(
        name=FAMILY, version=VERSION, analyze=analyze,
        features=feature_specs(tuple(DESCRIPTIONS), DESCRIPTIONS, ()),
        finding_kinds=(), in_model=False,
    )
)
