"""Layout and length variants of a text, and training copies made with them.

Why: the public labelled sets differ in layout by how they were collected (one set keeps
paragraph breaks, another has one paragraph per text; human articles run longer than the
machine texts made from them). A model trained on them as they are learns "one long
paragraph", "many short paragraphs" or "a long text" as a label cue, and an editor's
article then scores differently when pasted without its line breaks or cut short.

:func:`layout_copies` gives every training article of BOTH classes the same variants
(paragraph breaks removed; cut to its first :data:`CUT_WORDS` words), each with its
original's label and group, so the transform is never a label cue and cross-validation
never splits an article from its copies. The same transforms (:data:`TRANSFORMS`) are
what ``benchmarks/robustness.py`` and the invariance tests apply to human articles.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Callable

import numpy as np

from scorer.core.text import MARKDOWN_HEADING
from scorer.research.featurize import FeaturizedSet, featurize_rows
from scorer.research.readers import LEAD_OF, VARIANT_OF, LabelledRow

__all__ = [
    "CUT_WORDS", "FLAT_SHARE", "TRANSFORMS", "flattened", "first_words", "layout_copies", "normalised_whitespace", "transformed_rows", "with_layout_copies", "without_breaks",
]

#: The length an article is cut to (the short BBC-style texts of the newer generator sets are about this long).
CUT_WORDS = 150

_SPACES = re.compile(r"[ \t\u00a0]+")
_TOKEN = re.compile(r"\S+")


def without_breaks(text: str) -> str:
    """``text`` as one paragraph: every line joined by a single space (an extracted heading's ``##`` mark dropped)."""
    return " ".join(MARKDOWN_HEADING.sub("", line.strip()) for line in text.splitlines() if line.strip())


def normalised_whitespace(text: str) -> str:
    """Runs of spaces and tabs made one space, lines stripped, blank lines dropped (one line per paragraph)."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def first_words(text: str, n: int = CUT_WORDS) -> str:
    """The first ``n`` whitespace-separated words of ``text``, its line breaks kept (the whole text if shorter)."""
    for i, match in enumerate(_TOKEN.finditer(text), 1):
        if i == n:
            return text[: match.end()]
    return text


#: Named transforms of an article's text, in the order reports show them.
TRANSFORMS: dict[str, Callable[[str], str]] = {
    "original": lambda text: text,
    "no_breaks": without_breaks,
    "first_150_words": first_words,
    "first_150_no_breaks": lambda text: without_breaks(first_words(text)),
    "whitespace": normalised_whitespace,
}


def transformed_rows(featurized: FeaturizedSet, transform: str) -> list[LabelledRow]:
    """Each article's extracted text under one of :data:`TRANSFORMS`, as plain-text rows (label, group, date, URL kept).

    What an editor who pastes the article (without its breaks, or only its opening) gives the scorer.
    """
    change = TRANSFORMS[transform]
    return [replace(row, where=f"{row.where} ({transform})", content=change(text), is_html=False) for row, text in zip(featurized.rows, featurized.texts)]


def _copy(row: LabelledRow, text: str, kind: str) -> LabelledRow:
    return replace(row, where=f"{row.where} ({kind})", content=text, is_html=False, meta={**row.meta, VARIANT_OF: row.where, "variant": kind})


def layout_copies(featurized: FeaturizedSet, *, seed: int = 0, cut_words: int = CUT_WORDS) -> list[LabelledRow]:
    """Variants of each article (not of leads or other copies), with its label, group, date and columns.

    * ``no_breaks``: the whole article as one paragraph, when it has more than one;
    * ``first_words``: its first ``cut_words`` words, when it is at least 1.5 times that long
      (a shorter cut would be most of it), with its breaks removed for a seeded half of the
      articles, kept for the other half.

    Applied to both classes alike: which articles get which copy depends on their layout and
    length only, never on their label.
    """
    rng = np.random.default_rng(seed)
    copies = []
    for row, text in zip(featurized.rows, featurized.texts):
        # Drawn for every row, so one article's copies do not depend on which others qualify.
        flat_cut = bool(rng.random() < 0.5)
        if LEAD_OF in row.meta or VARIANT_OF in row.meta:
            continue
        flat = without_breaks(text)
        if flat != text.strip():
            copies.append(_copy(row, flat, "no_breaks"))
        if len(text.split()) >= 1.5 * cut_words:
            cut = first_words(text, cut_words)
            copies.append(_copy(row, without_breaks(cut) if flat_cut else cut, "first_words"))
    return copies


#: The share of training rows (articles and leads, both classes) learned without their paragraph breaks.
FLAT_SHARE = 0.5


def flattened(featurized: FeaturizedSet, *, seed: int = 0, share: float = FLAT_SHARE, **featurize_options: Any) -> FeaturizedSet:
    """``featurized`` with a seeded ``share`` of its rows (articles and leads, either class) as one paragraph.

    The cheap form of :func:`layout_copies`: no row is added, so training costs what it did, yet
    within every labelled set both classes come with and without breaks in the same proportion,
    and leads without breaks are the short single-paragraph texts that public sets of newer
    generators are made of. A flattened row keeps its label, group and place; ``meta["layout"]``
    says it was flattened. Rows with one paragraph already are left as they are.
    """
    rng = np.random.default_rng(seed)
    chosen: list[int] = []
    rows: list[LabelledRow] = []
    for i, (row, text) in enumerate(zip(featurized.rows, featurized.texts)):
        # Drawn for every row, so one row's fate does not depend on the others' layout.
        if rng.random() >= share:
            continue
        flat = without_breaks(text)
        if flat != text.strip():
            chosen.append(i)
            rows.append(replace(row, content=flat, is_html=False, meta={**row.meta, "layout": "no_breaks"}))
    done = featurize_rows(rows, **featurize_options)
    readable = {id(row): (features, text) for row, features, text in zip(done.rows, done.features, done.texts)}
    out = FeaturizedSet(list(featurized.rows), list(featurized.features), list(featurized.texts), list(featurized.failed))
    for i, row in zip(chosen, rows):
        if id(row) in readable:  # a flattened text that cannot be read keeps its original
            out.rows[i] = row
            out.features[i], out.texts[i] = readable[id(row)]
    return out


def with_layout_copies(featurized: FeaturizedSet, *, seed: int = 0, **featurize_options: Any) -> FeaturizedSet:
    """``featurized`` followed by its articles' layout copies (:func:`layout_copies`), featurized alike."""
    copies = featurize_rows(layout_copies(featurized, seed=seed), **featurize_options)
    # A copy that cannot be read is training material lost, not the user's problem.
    copies.failed = []
    return FeaturizedSet.joined(featurized, copies)
