"""How specific a word is: what makes a shared word evidence that one text was made from the other.

Two stories on the same topic share its common words ("said", "show", "family") and its names
("Kardashian", "Trump": the topic itself); a rewrite also keeps the story's *uncommon* words
("barrage", "swivel", "epinephrine"). A word's weight is its inverse document frequency in a
background of ordinary news (``scorer/knowledge/background_word_df.txt``: for each crudely
stemmed content word, in how many of N background articles it occurs); names, which are
what a same-topic story shares, weigh as a common word (:data:`NAME_WEIGHT`).

The table is rebuilt from any collection of news texts (one JSON object with a ``text`` per line) with

    python -m scorer.compare.specificity articles.jsonl > scorer/knowledge/background_word_df.txt
"""
from __future__ import annotations

import functools
import json
import math
import re
import sys
from collections import Counter
from importlib import resources
from typing import Callable, Iterable

from scorer.compare.tokens import content, stem, words

TABLE = "background_word_df.txt"
#: Background words seen in fewer articles than this are left out of the table (they weigh as unseen).
MIN_DF = 5
#: A name's weight: that of a word found in about a third of news articles (a name is the topic, not the story).
NAME_WEIGHT = 1.0
#: A capitalised word inside a sentence (after a lower-case word or a comma): a name, not a sentence start.
_INNER_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z’']+")


@functools.lru_cache(maxsize=1)
def background() -> tuple[int, dict[str, int]]:
    """(N, {stemmed word: articles it occurs in}) from the packaged table."""
    text = resources.files("scorer.knowledge").joinpath(TABLE).read_text(encoding="utf-8")
    n, table = 0, {}
    for line in text.splitlines():
        if line.startswith("#"):
            if line.startswith("# articles:"):
                n = int(line.split(":", 1)[1])
            continue
        word, _, count = line.partition("\t")
        table[word] = int(count)
    return n, table


def idf(word: str) -> float:
    n, table = background()
    return math.log((n + 1) / (table.get(word, 0) + 1))


def names(text: str) -> set[str]:
    """Stemmed lower-case forms of the capitalised words inside sentences of ``text``."""
    return {stem(w.lower().replace("’", "'")) for w in _INNER_CAPITAL.findall(text)}


def weigher(*texts: str) -> Callable[[str], float]:
    """A word → weight function for comparing ``texts``: names weigh :data:`NAME_WEIGHT`, other words their IDF."""
    named = set().union(*(names(t) for t in texts)) if texts else set()
    cache: dict[str, float] = {}

    def weight(word: str) -> float:
        if word not in cache:
            cache[word] = NAME_WEIGHT if word in named else idf(word)
        return cache[word]

    return weight


def build(texts: Iterable[str], min_df: int = MIN_DF) -> str:
    """The table's text for a background collection."""
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        df.update(set(content(words(text))))
    lines = [f"# articles: {n}", f"# content words (stemmed) found in at least {min_df} of them, and in how many"]
    lines += [f"{w}\t{c}" for w, c in sorted(df.items()) if c >= min_df]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    if len(sys.argv) != 2:
        sys.exit("usage: python -m scorer.compare.specificity ARTICLES.jsonl  (one JSON object with a 'text' per line)")
    with open(sys.argv[1], encoding="utf-8") as fh:
        sys.stdout.write(build(json.loads(line)["text"] for line in fh if line.strip()))
