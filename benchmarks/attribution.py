"""Benchmark of the attribution signal against PolNeAR's annotated attribution sources.

    python benchmarks/attribution.py                # precision / recall / F1 on train and dev
    python benchmarks/attribution.py --split train  # one split only (while tuning: train)
    python benchmarks/attribution.py --diagnose     # train only: precision per cue word, missed sources
    python benchmarks/attribution.py --speed        # time find_attributions + analyze on ~1,000 words

Data: ``../shared/datasets/polnear`` (``SCORER_SHARED`` overrides; read SOURCE.md
there). PolNeAR annotates every attribution in 2016 US political news as
source + cue + content spans. Rules are tuned on ``train`` only; ``dev`` is
reported, never looked at case by case (``--diagnose`` refuses it). Texts are
read in place and never copied.

What is compared
----------------
* **Articles**: some articles have several annotation files (one per
  annotator); the first file of each article in the JSONL order is used, so
  every article counts once.
* **Gold sources**: the ``source`` spans of attributions that have one
  (discontinuous sources are the union of their pieces).
* **Named gold sources**: gold sources holding a proper name. A token is a
  name token when it starts with a capital letter, is not "I" nor a
  determiner or pronoun ("The", "Some", "His", "He"...), and either does not open a sentence or
  appears capitalised in mid-sentence somewhere else in the same article (so
  "Trump said" at a sentence start is named, "Analysts said" is not). A
  source that opens with a count or a quantifier is a crowd, not a named
  source, even when it holds a name ("some Democrats", "58 percent of Florida
  Latino voters", "one Trump campaign source"): the task counts such vague
  sources as not named. This definition reads only the gold text, not the
  extractor's lexicons.
* **Pronoun sources**: PolNeAR *does* annotate pronouns as sources ("he",
  "she", "who", "they": about 23 % of train sources). They are not named
  sources and the main score leaves them out of the recall set; the second
  row ("all sources") scores ``find_sources(text, include_pronouns=True)``
  against every gold source, pronouns and vague crowds ("analysts") included.
* **Overlap match**: a predicted span matches a gold span when they share at
  least one token (a character overlap containing a letter or digit). Each
  gold span and each predicted span is matched at most once (greedy, in text
  order).

Main score ("named sources"): predictions are ``find_sources(text)`` (names,
definite roles, documents). A prediction is correct when it matches *any*
gold source -- first the named ones, then the rest, because a correctly found
"the official said" is right even though it holds no name. Precision =
matched predictions / predictions; recall = matched named gold sources /
named gold sources; F1 their harmonic mean.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scorer.signals.attribution import analyze, find_attributions, find_sources  # noqa: E402

SHARED = Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets"
POLNEAR = SHARED / "polnear"

# Capitalised words that are never names: determiners and pronouns ("The", "Some", "He", "They").
_GOLD_DETERMINERS = frozenset(
    "the a an this that these those some many most several few both all other another any each every no "
    "his her its their our my your one i we you he she they it who me us him them".split()
)
_TOKEN = re.compile(r"[A-Za-z][\w'’.-]*")
# A source opening with a count or a quantifier is a crowd, not a named source ("some Democrats",
# "58 percent of Florida Latino voters", "two Republican senators", "one Trump campaign source").
_CROWD = re.compile(
    r"(?:some|many|several|most|few|fewer|numerous|various|other|others|all|both|certain|half|dozens|hundreds|"
    r"thousands|millions|a\s+majority|a\s+number|a\s+handful|a\s+few|a\s+group|each|every|any|no|none|more|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|\d)\b|.*\b(?:percent|per\s+cent)\b|.*%",
    re.IGNORECASE,
)


@dataclass
class Score:
    predicted: int = 0
    matched_predicted: int = 0
    gold: int = 0
    matched_gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.predicted += other.predicted
        self.matched_predicted += other.matched_predicted
        self.gold += other.gold
        self.matched_gold += other.matched_gold

    def row(self, label: str) -> str:
        return (
            f"{label:<28} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
            f"   (pred {self.matched_predicted}/{self.predicted}, gold {self.matched_gold}/{self.gold})"
        )


def load_articles(split: str, root: Path = POLNEAR) -> list[dict]:
    """One annotation file per article (the first in file order)."""
    seen: set[str] = set()
    articles = []
    with open(root / f"{split}.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["article"] in seen:
                continue
            seen.add(row["article"])
            articles.append(row)
    return articles


def gold_sources(article: dict) -> list[list[tuple[int, int]]]:
    """Each gold source as its list of (start, end) pieces; empty sources dropped."""
    sources = []
    for attribution in article["attributions"]:
        pieces = [(p["start"], p["end"]) for p in attribution.get("source") or [] if p["text"].strip()]
        if pieces:
            sources.append(pieces)
    return sources


def _opens_sentence(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in " \t\xa0“\"‘'([”’)]":
        k -= 1
    return k < 0 or text[k] in ".!?:\n"


def mid_sentence_capitals(text: str) -> frozenset[str]:
    """Words the article capitalises somewhere other than at a sentence start: its proper names."""
    return frozenset(m.group() for m in _TOKEN.finditer(text) if m.group()[0].isupper() and not _opens_sentence(text, m.start()))


def is_named(text: str, pieces: list[tuple[int, int]], capitals: frozenset[str]) -> bool:
    if _CROWD.match(text[pieces[0][0]:pieces[-1][1]].strip()):
        return False
    for start, end in pieces:
        for match in _TOKEN.finditer(text, start, end):
            word = match.group()
            if not word[0].isupper() or word.lower() in _GOLD_DETERMINERS:
                continue
            if not _opens_sentence(text, match.start()) or word in capitals:
                return True
    return False


def _overlaps(text: str, span: tuple[int, int], pieces: list[tuple[int, int]]) -> bool:
    for start, end in pieces:
        lo, hi = max(span[0], start), min(span[1], end)
        if lo < hi and re.search(r"\w", text[lo:hi]):
            return True
    return False


def _match(text: str, predicted: list[tuple[int, int]], gold: list[list[tuple[int, int]]], taken: set[int]) -> set[int]:
    """Greedy one-to-one matching in text order; returns the predicted indices matched (gold indices go into ``taken``)."""
    matched = set()
    for p_index, span in enumerate(predicted):
        for g_index, pieces in enumerate(gold):
            if g_index not in taken and _overlaps(text, span, pieces):
                taken.add(g_index)
                matched.add(p_index)
                break
    return matched


def score_article(article: dict, *, include_pronouns: bool = False) -> Score:
    text = article["text"]
    gold = gold_sources(article)
    predicted = find_sources(text, include_pronouns=include_pronouns)
    if include_pronouns:
        taken: set[int] = set()
        matched = _match(text, predicted, gold, taken)
        return Score(len(predicted), len(matched), len(gold), len(taken))
    capitals = mid_sentence_capitals(text)
    named = [pieces for pieces in gold if is_named(text, pieces, capitals)]
    other = [pieces for pieces in gold if not is_named(text, pieces, capitals)]
    taken_named: set[int] = set()
    matched = _match(text, predicted, named, taken_named)
    rest = [span for i, span in enumerate(predicted) if i not in matched]
    matched_rest = _match(text, rest, other, set())
    return Score(len(predicted), len(matched) + len(matched_rest), len(named), len(taken_named))


def evaluate(split: str, *, include_pronouns: bool = False, root: Path = POLNEAR) -> Score:
    total = Score()
    for article in load_articles(split, root):
        total.add(score_article(article, include_pronouns=include_pronouns))
    return total


def diagnose(limit: int = 40) -> None:
    """Train only: how precise each cue word is, and which cues the missed named sources had."""
    per_cue: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    missed_cues: collections.Counter[str] = collections.Counter()
    examples: list[str] = []
    for article in load_articles("train"):
        text = article["text"]
        gold = gold_sources(article)
        capitals = mid_sentence_capitals(text)
        for attribution in find_attributions(text):
            if not attribution.named:
                continue
            span = (attribution.source_start, attribution.source_end)
            cue = text[attribution.cue_start:attribution.cue_end].lower()
            per_cue[cue][0] += 1
            per_cue[cue][1] += any(_overlaps(text, span, pieces) for pieces in gold)
            if not any(_overlaps(text, span, pieces) for pieces in gold) and len(examples) < limit:
                line_start = text.rfind("\n", 0, span[0]) + 1
                examples.append(f"FP [{text[span[0]:span[1]]}] {cue!r}: ...{text[max(line_start, span[0] - 60):attribution.cue_end + 40]!r}")
        spans = find_sources(text)
        for a in article["attributions"]:
            pieces = [(p["start"], p["end"]) for p in a.get("source") or [] if p["text"].strip()]
            if pieces and is_named(text, pieces, capitals) and not any(_overlaps(text, s, pieces) for s in spans):
                cue = " ".join(p["text"] for p in a.get("cue") or []).lower()
                missed_cues[cue] += 1
    print("cue precision (named sources found, share overlapping a gold source), most frequent first:")
    for cue, (n, ok) in sorted(per_cue.items(), key=lambda kv: -kv[1][0])[:80]:
        print(f"  {cue:<20} {n:>5}  {ok / n:.2f}")
    print("\ncues of missed named gold sources:")
    print("  " + "; ".join(f"{cue} {n}" for cue, n in missed_cues.most_common(80)))
    print("\nfalse positives:")
    for example in examples:
        print("  " + example)


def speed(repeat: int = 50) -> None:
    import datetime as dt

    from scorer.ingest.segment import build_article

    words: list[str] = []
    for article in load_articles("train"):
        words.extend(article["text"].split(" "))
        if len(words) > 1000:
            break
    text = " ".join(words[:1000])
    article = build_article(text, date=dt.date(2016, 6, 1), date_source="option")
    analyze(article)
    start = time.perf_counter()
    for _ in range(repeat):
        analyze(article)
    print(f"analyze on {len(text.split())} words: {1000 * (time.perf_counter() - start) / repeat:.2f} ms per article")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--diagnose", action="store_true", help="train only: per-cue precision and misses")
    parser.add_argument("--speed", action="store_true", help="time analyze on ~1,000 words")
    parser.add_argument("--split", choices=("train", "dev"), action="append", help="only this split (repeatable)")
    args = parser.parse_args()
    if not POLNEAR.is_dir():
        sys.exit(f"PolNeAR not found at {POLNEAR}")
    if args.diagnose:
        diagnose()
        return
    if args.speed:
        speed()
        return
    for split in args.split or ("train", "dev"):
        start = time.perf_counter()
        named = evaluate(split)
        everything = evaluate(split, include_pronouns=True)
        print(f"{split} ({len(load_articles(split))} articles, {time.perf_counter() - start:.1f} s)")
        print("  " + named.row("named sources"))
        print("  " + everything.row("all sources (with pronouns)"))


if __name__ == "__main__":
    main()
