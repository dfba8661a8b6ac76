"""Pyphen's English hyphenation points, without parsing its whole pattern file up front.

textstat counts the syllables of a word missing from the CMU dictionary as Pyphen's hyphenation
points plus one (``Pyphen(lang="en_US")``, left and right margins 2). Building a ``Pyphen`` parses
all 11,000 lines of ``hyph_en_US.dic`` with regular expressions, about a tenth of a second in
every process, and nearly every article has a word outside the dictionary (a name). Here the
same file is indexed by each pattern's letters with a few string operations, and a pattern's
digits are parsed, exactly as Pyphen parses them, only when a word uses it. ``positions`` is
Pyphen's algorithm (Liang's), step for step; ``tests/test_syllables.py`` checks the parsed
patterns and the points against Pyphen's own.

A pattern file with Pyphen's rarer syntax (``^^hh`` escapes, ``/`` non-standard hyphenation;
the English one has neither) is left to Pyphen itself.
"""
from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path
from typing import Callable

LANGUAGE = "en_US"
#: Pyphen's margins: no point within this many characters of either end of the word.
LEFT, RIGHT = 2, 2

# Pyphen 0.x's own pattern grammar (pyphen/__init__.py: ``parse``, ``ignored``).
_PARSE = re.compile(r"(\d?)(\D?)").findall
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_DIGITS = re.compile(r"\d")
_NONZERO_DIGIT = re.compile(r"[1-9]")


#: Words whose hyphenation points :class:`Patterns` remembers before it starts again.
POINTS_CACHE = 1_024


class Patterns:
    """The patterns of one ``hyph_*.dic`` file, parsed on first use."""

    def __init__(self, lines: list[str]):
        # Pyphen keeps the last of two patterns with the same letters, and skips one whose
        # digits are all zero (so such a pattern never replaces an earlier one).
        self.raw: dict[str, str] = {}
        for line in lines:
            if not line or line.startswith(_IGNORED) or not _NONZERO_DIGIT.search(line):
                continue
            self.raw[_DIGITS.sub("", line)] = line
        self.maxlen = max(len(key) for key in self.raw)
        self._parsed: dict[str, tuple[int, tuple[int, ...]]] = {}
        self._points: dict[str, list[int]] = {}

    def get(self, letters: str) -> tuple[int, tuple[int, ...]] | None:
        """(offset, values) of the pattern with these letters, as Pyphen's ``HyphDict.patterns`` holds it."""
        parsed = self._parsed.get(letters)
        if parsed is None:
            line = self.raw.get(letters)
            if line is None:
                return None
            values = tuple(int(digit or "0") for digit, _ in _PARSE(line))
            start, end = 0, len(values)
            while not values[start]:
                start += 1
            while not values[end - 1]:
                end -= 1
            parsed = self._parsed[letters] = (start, values[start:end])
        return parsed

    def points(self, word: str) -> list[int]:
        """Pyphen's ``HyphDict.positions(word)`` (as plain ints)."""
        word = word.lower()
        points = self._points.get(word)
        if points is None:
            pointed = f".{word}."
            references = [0] * (len(pointed) + 1)
            for i in range(len(pointed) - 1):
                stop = min(i + self.maxlen, len(pointed)) + 1
                for j in range(i + 1, stop):
                    pattern = self.get(pointed[i:j])
                    if not pattern:
                        continue
                    offset, values = pattern
                    window = slice(i + offset, i + offset + len(values))
                    references[window] = map(max, values, references[window])
            points = [i - 1 for i, reference in enumerate(references) if reference % 2]
            if len(self._points) >= POINTS_CACHE:
                # Words reach here only when the syllable table lacks them (names, typos): a long batch keeps
                # bringing new ones, so the memo is bounded (the callers that count often cache counts themselves).
                self._points.clear()
            self._points[word] = points
        return points


def positions(word: str) -> list[int]:
    """``Pyphen(lang="en_US").positions(word)``: hyphenation points away from the word's ends."""
    right = len(word) - RIGHT
    return [i for i in _points()(word) if LEFT <= i <= right]


@functools.cache
def _points() -> Callable[[str], list[int]]:
    path = _dictionary_path()
    if path is not None:
        with path.open("rb") as handle:
            encoding = handle.readline().decode().strip()
        if encoding.lower() == "microsoft-cp1251":
            encoding = "cp1251"
        text = path.read_text(encoding)
        lines = [line.strip() for line in text.split("\n")[1:]]
        if not any("^^" in line or "/" in line for line in lines):
            return Patterns(lines).points
    from pyphen import Pyphen  # the full parser, for syntax the fast index does not read

    return Pyphen(lang=LANGUAGE).hd.positions


def _dictionary_path() -> Path | None:
    """Where Pyphen's ``hyph_en_US.dic`` is installed, found without importing Pyphen (which lists every language)."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "dictionaries" / f"hyph_{LANGUAGE}.dic"
        if path.is_file():
            return path
    return None
