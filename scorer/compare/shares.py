"""How much of the rewrite's wording comes from the original, word by word.

Every word of a rewrite sentence is

* **copied** when it sits in a word trigram found in the original sentence(s) the sentence is aligned to;
* **paraphrased** in the measure of the sentence's *specific* content found in the closest original passage
  (its aligned sentence(s); for a sentence aligned to none, the original sentence or pair of consecutive
  sentences that shares most of it): the content words the two share, each weighted by how specific it is
  (:mod:`scorer.compare.specificity`), over all of the sentence's content words, weighted the same way;
* **new** otherwise.

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


def word_shares(o_art, r_art, matches: Sequence[Match]) -> Shares:
    """Copied / paraphrased / new shares of the rewrite's words (sum 1), and the alignment with per-sentence shares."""
    o_units = units(o_art.sentences)
    r_units = units(r_art.sentences)
    weight = weigher(o_art.text, r_art.text)
    passages = _passages(o_units)
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
            source = max((p.content for _, p in passages), key=lambda c: _kept(u, c, weight))
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
