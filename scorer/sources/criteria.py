"""What one article can show of the NewsGuard-style criteria, as yes/no flags.

NewsGuard rates a newsroom on nine criteria; an article's text can only witness a few
of them, and only partly. Each flag below says which criterion it stands for, and
whether seeing it speaks for (``good=True``) or against the source. The per-source
share of each flag is what ``estimate.py`` shrinks and reports. Flags are computed
once, when an article is stored, so aggregates are plain SQL sums.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Mapping

# Feature columns the store keeps per article (beside the full signals JSON) so per-source
# means are SQL AVG()s. Rates per 1,000 words are heavy-tailed: stored as log1p(rate) so one
# freak article does not own its source's mean.
FEATURES: tuple[str, ...] = (
    "padding.padding_word_share",
    "padding.filler_word_share",
    "padding.redundant_sentence_share",
    "attribution.quotes_per_1000_words",
    "attribution.attributed_quote_share",
    "attribution.named_sources_per_1000_words",
    "attribution.named_attribution_share",
    "attribution.sourced_paragraph_share",
    "attribution.documents_cited_per_1000_words",
    "generalities.vague_attributions_per_1000_words",
    "generalities.hedges_per_1000_words",
    "generalities.sweeping_statements_per_1000_words",
    "generalities.uncertain_sentence_share",
    "anachronism.anachronisms",
    "boilerplate.ad_markers",
    "readability.reading_ease",
    "readability.grade_level",
    "readability.words_per_sentence",
    "readability.letters_per_word",
    "readability.vocabulary_variety",
)


def column_of(feature: str) -> str:
    return "f_" + feature.replace(".", "__")


@dataclass(frozen=True)
class Criterion:
    name: str
    criterion: str  # the NewsGuard-style criterion it partly witnesses
    good: bool  # True: a higher share speaks for the source


CRITERIA: tuple[Criterion, ...] = (
    Criterion("named_byline", "reveals who is in charge / names content creators", True),
    Criterion("named_sources", "gathers and presents information responsibly (named sources)", True),
    Criterion("vague_attribution", "gathers and presents information responsibly (vague attribution)", False),
    Criterion("sensational_headline", "avoids deceptive headlines", False),
    Criterion("ad_labels", "clearly labels advertising", False),
    Criterion("padding", "presents information responsibly (padding and template blocks)", False),
    Criterion("stale_facts", "does not repeatedly publish false content (stale facts, anachronisms)", False),
    Criterion("correction_notice", "regularly corrects or clarifies errors", True),
    Criterion("opinion_label", "handles the difference between news and opinion", True),
)

_NOT_A_PERSON = re.compile(
    r"\b(staff|desk|editor(ial)?s?|team|newsroom|wire|press|associated|reuters|news|agency|admin|contributor|guest|"
    r"correspondent|bureau|report(s|er)?|media|online|daily|times|post)\b",
    re.I,
)
_NAME = re.compile(r"\b[A-Z][a-z'’.-]+(?:\s+[A-Z]\.?)?\s+[A-Z][A-Za-z'’-]+")
_SENSATIONAL = re.compile(
    r"\b(shocking|stunning|you won'?t believe|destroys?|slams?|blasts?|epic|insane|bombshell|outrage(ous)?|"
    r"unbelievable|jaw[- ]dropping|must see|exposed|meltdown|humiliat\w*|obliterat\w*|what happened next|"
    r"breaking)\b",
    re.I,
)
_CORRECTION = re.compile(
    r"(\bcorrection\s*[:—-]|\ban earlier version of this (article|story)|\bthis (article|story) has been (corrected|updated to correct)|"
    r"\bclarification\s*[:—-]|\bwe regret the error)",
    re.I,
)
_OPINION = re.compile(r"^\s*(opinion|op-ed|commentary|editorial|analysis|column)\s*[:|—-]", re.I)
_OPINION_TEXT = re.compile(r"\b(the views expressed|opinions expressed) (here|in this (article|piece|column))\b", re.I)
_SPONSORED = re.compile(r"\b(sponsored (content|post|by)|paid (content|post|partnership)|advertorial|promoted content)\b", re.I)


def byline_names_person(byline: str | None) -> bool:
    """True when the byline looks like a person's name, not a desk or an agency."""
    if not byline or not byline.strip():
        return False
    for part in re.split(r",|\band\b|&|;", byline):
        part = part.strip()
        if part and _NAME.search(part) and not _NOT_A_PERSON.search(part):
            return True
    return False


def sensational_headline(title: str | None) -> bool:
    """Headline cues of sensationalism: loaded words, exclamation, shouting capitals."""
    if not title:
        return False
    words = re.findall(r"[A-Za-z]{3,}", title)
    shouting = sum(1 for w in words if w.isupper()) >= 2
    return bool(_SENSATIONAL.search(title)) or "!" in title or shouting


def _value(signals: Mapping[str, Mapping[str, float]], feature: str) -> float:
    family, name = feature.split(".", 1)
    value = signals.get(family, {}).get(name, 0.0)
    return float(value) if value is not None and math.isfinite(float(value)) else 0.0


def feature_values(signals: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """The stored value of each of :data:`FEATURES` (rates log1p-transformed)."""
    values = {}
    for feature in FEATURES:
        value = _value(signals, feature)
        values[feature] = math.log1p(max(value, 0.0)) if "_per_" in feature else value
    return values


def flags(result: Mapping[str, Any], byline: str | None, title: str | None, text: str = "") -> dict[str, int]:
    """The criteria flags of one scored article (``result`` is ``ScoreResult.as_dict()``)."""
    signals = result.get("signals", {})
    kinds = {f.get("kind") for f in result.get("findings", ())}
    removed_kinds = {r.get("kind") for r in result.get("removed", ())}
    head = text[:3000]
    opinion = bool(title and _OPINION.match(title)) or bool(_OPINION.match(head)) or bool(_OPINION_TEXT.search(head))
    return {
        "named_byline": int(byline_names_person(byline) or _value(signals, "page.has_named_byline") > 0),
        "named_sources": int(_value(signals, "attribution.named_sources_per_1000_words") > 0
                             and _value(signals, "attribution.named_attribution_share") >= 0.5),
        "vague_attribution": int(_value(signals, "generalities.vague_attributions_per_1000_words") >= 3.0),
        "sensational_headline": int(sensational_headline(title)),
        "ad_labels": int("ad_marker" in removed_kinds or _value(signals, "boilerplate.ad_markers") > 0
                         or bool(_SPONSORED.search(head))),
        "padding": int(_value(signals, "padding.padding_word_share") >= 0.10 or "seo_block" in kinds),
        "stale_facts": int(_value(signals, "anachronism.anachronisms") > 0),
        "correction_notice": int(bool(_CORRECTION.search(text))),
        "opinion_label": int(opinion),
    }
