"""Sentence alignment of a rewrite against its original.

Every sentence of the rewrite is matched to the original sentence (or two
consecutive sentences: rewrites merge and split) it is most like:

* **copied**: most of its word trigrams (shingles) occur in the original sentence(s)
  (exact and near copies: a changed number or an inserted adjective breaks only
  the few shingles around it);
* **paraphrased**: it shares enough content words with an original sentence
  (a set F1 on crudely stemmed content words, blended with rapidfuzz's
  token-sort ratio, which forgives inflections and spelling);
* **new**: nothing in the original is close.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from scorer.compare.tokens import content, shingles, words

#: Share of a rewrite sentence's trigrams found in the original sentence(s) from which it is a copy.
COPY_CONTAINMENT = 0.5
#: Blended lexical similarity from which a rewrite sentence paraphrases an original one.
PARAPHRASE_SIMILARITY = 0.38
#: ...and the fewest content words the two must share (one shared name is not a paraphrase).
MIN_SHARED_CONTENT = 2
#: A sentence not like any one original sentence, most of whose content words are
#: the original's all the same (it merges facts from several), is paraphrased too.
SPREAD_COVERAGE = 0.5
SPREAD_MIN_WORDS = 5


@dataclass(frozen=True)
class Unit:
    """A sentence prepared for matching."""

    start: int
    end: int
    text: str
    tokens: tuple[str, ...]
    content: frozenset[str]
    shingles: frozenset[tuple[str, ...]]


@dataclass(frozen=True)
class Match:
    """How one rewrite sentence relates to the original."""

    rewrite: int  # index into the rewrite's sentences
    original: tuple[int, ...]  # indices into the original's sentences (empty: new)
    kind: str  # copied | paraphrased | new
    similarity: float
    #: share of the sentence's words taken from the original (set by :mod:`scorer.compare.shares`)
    taken: float = 0.0

    def as_dict(self) -> dict:
        return {"rewrite": self.rewrite, "original": list(self.original), "kind": self.kind, "similarity": round(self.similarity, 3),
                "taken": self.taken}


def units(sentences: Sequence) -> list[Unit]:
    out = []
    for s in sentences:
        toks = words(s.text)
        out.append(Unit(s.start, s.end, s.text, tuple(toks), frozenset(content(toks)), frozenset(shingles(toks))))
    return out


def _merge(a: Unit, b: Unit) -> Unit:
    return Unit(a.start, b.end, a.text + " " + b.text, a.tokens + b.tokens, a.content | b.content,
                a.shingles | b.shingles | frozenset(shingles(list(a.tokens[-2:] + b.tokens[:2]))))


def _f1(r: frozenset, o: frozenset) -> tuple[float, int]:
    shared = len(r & o)
    if not shared:
        return 0.0, 0
    return 2 * shared / (len(r) + len(o)), shared


def _spread(j: int, r: Unit, o_units: list[Unit], doc_content: frozenset) -> Match:
    """A sentence that merges facts from across the original: most of its content words are the original's."""
    if len(r.content) < SPREAD_MIN_WORDS:
        return Match(j, (), "new", 0.0)
    coverage = len(r.content & doc_content) / len(r.content)
    if coverage < SPREAD_COVERAGE:
        return Match(j, (), "new", 0.0)
    # Point at the (up to two) original sentences that supply most of those words.
    ranked = sorted(range(len(o_units)), key=lambda i: -len(r.content & o_units[i].content))[:2]
    return Match(j, tuple(sorted(i for i in ranked if r.content & o_units[i].content)), "paraphrased", coverage * 0.5)


def align(original: Sequence, rewrite: Sequence) -> list[Match]:
    """One :class:`Match` per rewrite sentence (``original``/``rewrite``: Article.sentences)."""
    o_units = units(original)
    r_units = units(rewrite)
    # Candidates: every original sentence and every pair of consecutive ones.
    candidates: list[tuple[tuple[int, ...], Unit]] = [((i,), u) for i, u in enumerate(o_units)]
    candidates += [((i, i + 1), _merge(o_units[i], o_units[i + 1])) for i in range(len(o_units) - 1)]
    if not candidates or not r_units:
        return [Match(j, (), "new", 0.0) for j in range(len(r_units))]
    ratios = cdist([" ".join(sorted(u.content)) for u in r_units], [" ".join(sorted(c.content)) for _, c in candidates],
                   scorer=fuzz.token_sort_ratio, workers=1)
    doc_content = frozenset().union(*(u.content for u in o_units))
    matches = []
    for j, r in enumerate(r_units):
        copy: tuple[float, tuple[int, ...]] = (0.0, ())
        para: tuple[float, tuple[int, ...]] = (0.0, ())
        for k, (idx, cand) in enumerate(candidates):
            penalty = 0.97 if len(idx) == 2 else 1.0  # prefer one sentence when two explain it no better
            if r.shingles and len(r.tokens) >= 3:
                contained = len(r.shingles & cand.shingles) / len(r.shingles)
                if contained >= COPY_CONTAINMENT and contained * penalty > copy[0]:
                    copy = (contained * penalty, idx)
            f1, shared = _f1(r.content, cand.content)
            if shared < min(MIN_SHARED_CONTENT, max(len(r.content) - 1, 1)):
                continue
            sim = (0.6 * f1 + 0.4 * ratios[j, k] / 100.0) * penalty
            if sim >= PARAPHRASE_SIMILARITY and sim > para[0]:
                para = (sim, idx)
        if copy[1]:
            matches.append(Match(j, copy[1], "copied", float(min(copy[0], 1.0))))
        elif para[1]:
            matches.append(Match(j, para[1], "paraphrased", float(min(para[0], 1.0))))
        else:
            matches.append(_spread(j, r, o_units, doc_content))
    return matches
