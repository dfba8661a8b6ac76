"""How much of the rewrite's wording comes from the original, word by word.

Every word of a rewrite sentence is

* **copied** when it sits in a word trigram found in the original sentence(s) the sentence is aligned to;
* **paraphrased** in the measure of the sentence's *specific* content found in the closest original passage
  (its aligned sentence(s); for a sentence aligned to none, the original sentence or pair of consecutive
  sentences that shares most of it and that no other unaligned sentence has drawn on already): the content
  words the two share, each weighted by how specific it is (:mod:`scorer.compare.specificity`), over all of
  the sentence's content words, weighted the same way;
* **new** otherwise.

Why one unaligned sentence per original passage: a sentence with no counterpart is credited from whatever
passage shares most of its words, and a story on the same topic has a few passages dense in the topic's words
(the opening that names everyone) from which every one of its sentences would take credit. A rewrite's
unaligned sentences, when they do come from the original, come from different places in it. So the unaligned
sentences are given passages strongest match first, each original sentence to one of them (sentences aligned
by :mod:`scorer.compare.align` are not limited: a rewrite splits and merges sentences). Measured on the tune
half of benchmarks/compare.py and beside it on the held-out half (README, Compare).

Why graded, not all-or-nothing per sentence: a rewrite keeps a story's uncommon words and facts in
sentences that are otherwise reworded, padded or merged, and a story on the same topic shares only its
topic's common words and names. Counting the share of specific content a sentence keeps tells the two
apart better than a yes/no per sentence (benchmarks/compare.py), and it stays explainable: each
alignment row carries the share ``taken`` of its sentence, and the sentence kinds (copied / paraphrased /
new) still say which sentences have a counterpart.
"""
from __future__ import annotations

import dataclasses
from typing import Callable, Sequence

from scorer.compare.align import Match, Unit, _merge, units
from scorer.compare.specificity import weigher


@dataclasses.dataclass(frozen=True)
class Shares:
    copied: float
    paraphrased: float
    new: float
    #: share of the rewrite's words in sentences aligned to the original (what the verdict reads)
    aligned: float
    matches: tuple[Match, ...]  # the alignment, each row with its sentence's taken share


def _passages(o_units: list[Unit]) -> list[tuple[tuple[int, ...], Unit]]:
    return [((i,), u) for i, u in enumerate(o_units)] + [((i, i + 1), _merge(o_units[i], o_units[i + 1])) for i in range(len(o_units) - 1)]


def _kept(unit: Unit, source: frozenset, weight: Callable[[str], float]) -> float:
    """Weighted share of ``unit``'s content words found in ``source``."""
    total = sum(weight(w) for w in unit.content)
    return sum(weight(w) for w in unit.content & source) / total if total else 0.0


def _unaligned_sources(matches: Sequence[Match], r_units: list[Unit], passages: list[tuple[tuple[int, ...], Unit]],
                       weight: Callable[[str], float]) -> dict[int, frozenset]:
    """{rewrite sentence: content words of the passage it is credited from} for the sentences aligned to none.

    Strongest (sentence, passage) match first; an original sentence serves one unaligned sentence. Ties are
    broken by the sentence's words, not its position, so that reordering a rewrite does not change its share.
    """
    ranked = []
    for m, u in zip(matches, r_units):
        if m.kind != "new" or not u.content:
            continue
        for k, (idx, p) in enumerate(passages):
            kept = _kept(u, p.content, weight)
            if kept > 0:
                ranked.append((-kept, u.tokens, k, m.rewrite, idx))
    ranked.sort()
    used: set[int] = set()
    out: dict[int, frozenset] = {}
    for _, _, k, j, idx in ranked:
        if j in out or used.intersection(idx):
            continue
        out[j] = passages[k][1].content
        used.update(idx)
    return out


def word_shares(o_art, r_art, matches: Sequence[Match]) -> Shares:
    """Copied / paraphrased / new shares of the rewrite's words (sum 1), and the alignment with per-sentence shares."""
    o_units = units(o_art.sentences)
    r_units = units(r_art.sentences)
    weight = weigher(o_art.text, r_art.text)
    passages = _passages(o_units)
    sources = _unaligned_sources(matches, r_units, passages, weight)
    copied = paraphrased = new = 0.0
    aligned = total = 0
    out = []
    for m, u in zip(matches, r_units):
        n = len(u.tokens)
        total += n
        if not n or not passages:
            new += n
            out.append(m)
            continue
        if m.kind != "new":
            aligned += n
            source = frozenset().union(*(o_units[i].content for i in m.original))
            grams = frozenset().union(*(o_units[i].shingles for i in m.original))
            if len(m.original) == 2:
                grams = grams | passages[len(o_units) + m.original[0]][1].shingles  # trigrams across the two
        else:
            source = sources.get(m.rewrite, frozenset())
            grams = frozenset()
        covered = [False] * n
        if n < 3:
            covered = [tuple(u.tokens) in grams] * n
        for i in range(n - 2):
            if u.tokens[i:i + 3] in grams:
                covered[i] = covered[i + 1] = covered[i + 2] = True
        c = sum(covered)
        kept = _kept(u, source, weight)
        copied += c
        paraphrased += (n - c) * kept
        new += (n - c) * (1 - kept)
        out.append(dataclasses.replace(m, taken=round((c + (n - c) * kept) / n, 3)))
    if not total:
        return Shares(0.0, 0.0, 1.0, 0.0, tuple(out))
    return Shares(round(copied / total, 4), round(paraphrased / total, 4), round(new / total, 4), round(aligned / total, 4), tuple(out))
