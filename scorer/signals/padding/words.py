"""Content words of each sentence, prepared once per article for the padding detectors.

A crude stemmer ("voted"/"votes"/"vote"), the stopword lexicon and the pairs of adjacent content
words (shared wording, where a shared word set may be coincidence).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from scorer.core.document import Article
from scorer.core.text import word_count
from scorer.knowledge.lexicons import load_lexicon

# Links and addresses are not content: "http://amzn.to/2B5WGKP" would otherwise share
# "http" and "amzn" with every other shopping link on the page.
# Possessive runs and an e-mail anchored at the start of a token: each token is scanned once (a
# 100,000-character token took 65 s with the backtracking form).
_URL = re.compile(r"(?:https?://|www\.)\S+|(?<!\S)(?:@|[^\s@])[^\s@]*+@\S+\.\w+|(?<![\w-])-*+\b[\w-]++\.(?:com|org|net|to|ly|co|io)/\S*", re.IGNORECASE)
#: A word (inner apostrophes and hyphens kept) or a number as written ("2,500", "3.5").
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,]*\d|\d")
#: Numbers written as words: a fact like a number in digits.
NUMBER_WORDS = frozenset(
    """
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
    thousand thousands million millions billion billions trillion dozen dozens percent half
    """.split()
)
#: Ordinals ("the second such meeting"): a count, so a new fact beside a passage without it. "first" is left
#: out: "at first", "first of all" are no count.
ORDINAL_WORDS = frozenset("second third fourth fifth sixth seventh eighth ninth tenth".split())


@dataclass(frozen=True)
class Prepared:
    """Per-article token data shared by the three detectors."""

    content: tuple[frozenset[str], ...]  # content stems of each sentence
    shingles: tuple[frozenset[tuple[str, str]], ...]  # adjacent content-stem pairs of each sentence
    words: tuple[int, ...]  # word count of each sentence
    body_number: tuple[int, ...]  # 1-based number of each paragraph among body paragraphs (0 = heading)


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(load_lexicon("stopwords"))


#: Words :func:`_stem` remembers (about 140 bytes each with its stem): bounded, since a long batch keeps
#: bringing new words and the common ones are what the cache is for (least recently used go first):
#: 16,384 held 3.6 MB in a long batch, this under 1 MB.
STEM_CACHE = 4_096


@functools.lru_cache(maxsize=STEM_CACHE)
def _stem(token: str) -> str:
    """A crude suffix stripper: enough to match "voted"/"votes"/"vote", no dictionary needed."""
    word = token.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix, keep in (("ing", 3), ("ed", 3), ("es", 3), ("s", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _content_sequence(text: str) -> list[str]:
    """The content stems of ``text`` in reading order (numbers kept as written)."""
    stop = _stopwords()
    sequence = []
    for token in TOKEN.findall(_URL.sub(" ", text)):
        lower = token.lower().replace("’", "'")
        if lower in stop:
            continue
        if token[0].isdigit():
            sequence.append(token.rstrip(".,"))
        elif len(lower) > 1:
            sequence.append(_stem(lower))
    return sequence


def _shingles(sequence: list[str]) -> frozenset[tuple[str, str]]:
    """Pairs of adjacent content words: shared wording, where a shared word set may be coincidence."""
    return frozenset(zip(sequence, sequence[1:]))


def prepare(article: Article) -> Prepared:
    numbers = []
    count = 0
    for paragraph in article.paragraphs:
        if paragraph.is_heading:
            numbers.append(0)
        else:
            count += 1
            numbers.append(count)
    sequences = [_content_sequence(s.text) for s in article.sentences]
    return Prepared(
        content=tuple(frozenset(sequence) for sequence in sequences),
        shingles=tuple(_shingles(sequence) for sequence in sequences),
        words=tuple(word_count(s.text) for s in article.sentences),
        body_number=tuple(numbers),
    )

