"""What a model learns from: rows left out (too short, copies posing as rewrites) and leads added.

In the public labelled sets both left-out kinds are artefacts of how the sets were made, and
a model would learn them as rules; leads show it short texts of both classes (see each function).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Sequence

import numpy as np

from scorer.core.text import word_count
from scorer.ingest.segment import split_sentences
from scorer.pipeline import MIN_WORDS
from scorer.research.featurize import FeaturizedSet, featurize_rows
from scorer.research.readers import LEAD_OF, VARIANT_OF, LabelledRow

__all__ = ["COPY_SHARE", "LEAD_MAX_WORDS", "LEAD_OF", "LEFT_OUT_KINDS", "article_leads", "screen_for_training", "verbatim_copies", "with_leads"]


#: A low_quality row is a copy, not a rewrite, when more than this share of its word 5-grams
#: also occur in an ok row of its group. It is the rule of the llmfake repair (see its SOURCE.md):
#: generation pipelines that failed saved their input as the "rewrite", and such rows teach a
#: model that reported prose is machine-written.
COPY_SHARE = 0.3
_SHINGLE_WORDS = 5


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + _SHINGLE_WORDS]) for i in range(max(1, len(words) - _SHINGLE_WORDS + 1))}


def verbatim_copies(rows: Sequence[LabelledRow], texts: Sequence[str], share: float = COPY_SHARE) -> list[int]:
    """Indices of the low_quality rows that share more than ``share`` of their word 5-grams with the ok rows of their group."""
    ok: dict[str, set[tuple[str, ...]]] = {}
    for row, text in zip(rows, texts):
        if row.target == 0:
            ok.setdefault(row.group, set()).update(_shingles(text))
    copies = []
    for i, (row, text) in enumerate(zip(rows, texts)):
        if row.target == 1 and row.group in ok:
            own = _shingles(text)
            if len(own & ok[row.group]) > share * len(own):
                copies.append(i)
    return copies


#: Why :func:`screen_for_training` leaves a row out.
LEFT_OUT_KINDS = ("too_short", "copy")


def screen_for_training(
    featurized: FeaturizedSet, min_words: int | None = None, copy_share: float = COPY_SHARE
) -> tuple[FeaturizedSet, list[tuple[LabelledRow, str, str]]]:
    """The rows fit to learn from, and the others as (row, kind, reason) (kinds: LEFT_OUT_KINDS).

    Left out: articles shorter than ``min_words`` after cleaning (default: the scorer's own
    minimum, below which it says an article is too short to judge), and low_quality rows that
    are copies of their group's ok article (:func:`verbatim_copies`, more than ``copy_share``). In the public sets both
    are artefacts of how the sets were made (cut-off generations, failed rewrites), and a model
    learns them as rules: "short means machine-written", "this reported prose is a rewrite".
    """
    min_words = MIN_WORDS if min_words is None else min_words
    reasons: dict[int, tuple[str, str]] = {}
    for i, text in enumerate(featurized.texts):
        words = word_count(text)
        if words < min_words:
            reasons[i] = ("too_short", f"{words} words after cleaning, fewer than {min_words}")
    for i in verbatim_copies(featurized.rows, featurized.texts, copy_share):
        reasons.setdefault(i, ("copy", f"a copy of an ok article of its group ({featurized.rows[i].group}), not a rewrite"))
    kept = featurized.subset(i for i in range(len(featurized.rows)) if i not in reasons)
    return kept, [(featurized.rows[i], kind, reason) for i, (kind, reason) in sorted(reasons.items())]


#: A lead is cut at the first sentence end after a length drawn log-uniformly between the
#: scorer's minimum (pipeline.MIN_WORDS) and this many words.
LEAD_MAX_WORDS = 200


def article_leads(featurized: FeaturizedSet, *, seed: int = 0, max_words: int = LEAD_MAX_WORDS) -> list[LabelledRow]:
    """The opening of each article, as a plain-text row with the article's label, group, date and columns.

    Why: in the public labelled sets nearly every short text is machine-written (human
    articles are seldom under 80 words), so a model learns "short means rewrite" and flags
    human briefs and page fragments with near certainty. Cutting leads from both classes
    alike shows it short texts of either kind, and that a short text says less. An article
    gives a lead only if it is at least twice the drawn length, so a lead is never most of it.
    """
    rng = np.random.default_rng(seed)
    leads = []
    for row, text in zip(featurized.rows, featurized.texts):
        # Drawn for every row, so one article's lead does not depend on which others are long enough.
        target = int(np.exp(rng.uniform(np.log(MIN_WORDS), np.log(max_words))))
        words = word_count(text)
        if LEAD_OF in row.meta or VARIANT_OF in row.meta or words < 2 * target:
            continue
        for _, end in split_sentences(text):
            lead_words = word_count(text[:end])
            if lead_words >= target:
                # A text with few sentence ends would give most of itself: no lead then.
                if lead_words <= 0.75 * words:
                    leads.append(replace(row, where=f"{row.where} (lead)", content=text[:end], is_html=False, meta={**row.meta, LEAD_OF: row.where}))
                break
    return leads


def with_leads(featurized: FeaturizedSet, *, seed: int = 0, **featurize_options: Any) -> FeaturizedSet:
    """``featurized`` followed by its articles' leads (:func:`article_leads`), featurized alike.

    A lead keeps its article's group, so cross-validation never tests an article on a
    model that trained on its lead.
    """
    leads = featurize_rows(article_leads(featurized, seed=seed), **featurize_options)
    # A lead that cannot be read is not the user's problem: only their articles are reported.
    leads.failed = []
    return FeaturizedSet.joined(featurized, leads)
