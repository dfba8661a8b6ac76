"""Lexicon phrases matched by word look-up: the matches of :func:`~scorer.knowledge.lexicons.phrase_pattern`
without compiling a regular expression.

Why: a phrase list compiled as one alternation costs a regex compile per list at start-up (the
attribution cues alone were 947 patterns, most of a one-article command's first-use time), and at
run time ``re`` tries every branch at every position. Here a list is a dictionary from the first
word of each phrase to the phrases starting with it, built in microseconds; a text is folded for
case once, cut into its runs of word characters once (cached for the few lists read in turn), and
only phrases whose first word is at a run are tried, each with a few ``startswith`` checks.

The definition matched is exactly ``phrase_pattern``'s regex, ``(?<!\\w)(?:p1|p2|...)(?!\\w)`` with
``re.IGNORECASE`` and the phrases sorted longest (in characters) first:

* a literal character matches as ``re.IGNORECASE`` matches it (:func:`fold` maps each character to
  one representative of the characters ``re`` treats as the same), either apostrophe matches either;
* a space in a phrase matches any run of whitespace (``\\s+``); ``*`` matches one ``[\\w'’-]+`` run,
  which is always the longest such run (what follows it can never extend the match);
* at a position, the first phrase in that order that matches wins (not the longest match), and
  scanning resumes where a match ends, as ``finditer`` does.

``tests/test_phrase_matcher.py`` compares the two on generated texts and on every packaged lexicon.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable, Iterator

import _sre
from re import _casefix  # type: ignore[attr-defined]  # the case pairs re adds to simple lower-casing

_WORD_RUN = re.compile(r"\w+")
_SPACE_RUN = re.compile(r"\s+")
_WILD_RUN = re.compile(r"[\w'’-]+")  # what ``*`` stands for (scorer.core.tokens.PHRASE_WORD)
_LEADING_WORD = re.compile(r"\w*")
_LOOSE_START = re.compile(r"(?<!\w)\S")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WILD = None  # a ``*`` token


def _canonical(char: str) -> str:
    """The one character standing for every character ``re.IGNORECASE`` matches ``char`` with."""
    if char in "'’":
        return "'"
    code = ord(char)
    if not _sre.unicode_iscased(code):
        return char
    lower = _sre.unicode_tolower(code)
    return chr(min((lower, *_casefix._EXTRA_CASES.get(lower, ()))))


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _canonical(chr(code))
        return value


_FOLD = _FoldTable()


@functools.lru_cache(maxsize=4096)
def _lower_is_canonical(char: str) -> bool:
    """True when ``str.lower`` of ``char`` in any text is its canonical character (one character, no context)."""
    return char != "Σ" and char.lower() == _canonical(char)


def fold(text: str) -> str:
    """``text`` with every character replaced by its canonical one: same length, same positions."""
    if text.isascii():
        return text.lower()  # an ASCII character's canonical character is its lower case
    if all(_lower_is_canonical(c) for c in set(_NON_ASCII.findall(text)) if c != "’"):
        return text.lower().replace("’", "'")
    return text.translate(_FOLD)


@functools.lru_cache(maxsize=2)
def _scan(text: str) -> tuple[str, frozenset[str]]:
    """The folded text and the set of its runs of word characters (folded): shared by the lists read in turn
    (two texts kept: a folded copy of a very long article is not held for long).
    Most lists share no first word with most texts (a sentence, a line), and the set says so at C speed."""
    folded = fold(text)
    return folded, frozenset(_WORD_RUN.findall(folded))


_last_folded: tuple[str, str] = ("", "")


def _folded(text: str) -> str:
    """``fold(text)``, remembered for the last text: a caller trying phrases at many positions of one text
    (``match``) folds it once, without the cost of a cache look-up per call."""
    global _last_folded
    last_text, folded = _last_folded
    if text is not last_text:
        folded = fold(text)
        _last_folded = (text, folded)
    return folded


def _run_starts(folded: str, keys: Iterable[str]) -> list[tuple[int, str]]:
    """Where each of ``keys`` stands as a whole run of word characters in ``folded``, in text order."""
    starts = []
    for key in keys:
        size = len(key)
        position = folded.find(key)
        while position >= 0:
            after = position + size
            if (position == 0 or not _is_word(folded[position - 1])) and (after == len(folded) or not _is_word(folded[after])):
                starts.append((position, key))
            position = folded.find(key, after)
    starts.sort()
    return starts


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # exactly ``\w`` on str (tests check every code point)


class PhraseMatch:
    """The part of ``re.Match`` the phrase users read: ``start``, ``end``, ``span`` and ``group()``."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int) -> None:
        self.string, self._start, self._end = string, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, index: int = 0) -> str:
        if index != 0:
            raise IndexError("no such group")
        return self.string[self._start : self._end]

    def __repr__(self) -> str:
        return f"<PhraseMatch span={self.span()!r} match={self.group()!r}>"


def alternation_order(phrases: Iterable[str]) -> list[str]:
    """The order phrases are tried in: longest first, so the longest phrase wins; then alphabetical.

    Why the second key: phrases of one length used to keep the set's order, which changes with the hash
    seed, so two processes could match "x y" or "x *" on "x y-z" differently (a finding's text that
    depended on which process scored the article)."""
    return sorted(set(phrases), key=lambda phrase: (-len(phrase), phrase))


class PhraseMatcher:
    """A phrase list with the matching methods of a compiled ``phrase_pattern`` (``match``, ``fullmatch``,
    ``search``, ``finditer``, ``findall``); no regular expression is compiled."""

    __slots__ = ("phrases", "_by_key", "_loose")

    def __init__(self, phrases: Iterable[str]) -> None:
        # The same order as phrase_pattern's alternation: the first phrase that matches at a position wins.
        ordered = alternation_order(phrases)
        if not ordered:
            raise ValueError("a phrase list needs at least one phrase")
        self.phrases = tuple(ordered)
        by_key: dict[str, list[tuple[int, tuple[str | None, ...]]]] = {}
        loose: list[tuple[int, tuple[str | None, ...]]] = []
        for rank, phrase in enumerate(ordered):
            tokens = tuple(_WILD if token == "*" else fold(token) for token in phrase.split())
            first = tokens[0]
            key = "" if first is None else _LEADING_WORD.match(first).group()
            if tokens == (key,):
                tokens = ()  # one word, all word characters: matches wherever its key is a whole run
            # A phrase opening with "*" or a non-word character can start at any non-space character.
            (loose if not key else by_key.setdefault(key, [])).append((rank, tokens))
        self._by_key = by_key
        self._loose = loose

    # --- the regex's behaviour at one position ---------------------------------------------------

    def _end_at(self, text: str, folded: str, start: int, key: str) -> int:
        """End of the match at ``start`` (the start of a word run ``key``, or of a non-word character when
        ``key`` is empty), or -1. The lookbehind has been checked by the caller."""
        entries = self._by_key.get(key, ()) if key else ()
        if self._loose:
            entries = sorted([*entries, *self._loose])
        for _, tokens in entries:
            if not tokens:
                return start + len(key)
            end = self._tokens_end(text, folded, start, tokens)
            if end >= 0:
                return end
        return -1

    @staticmethod
    def _tokens_end(text: str, folded: str, position: int, tokens: tuple[str | None, ...]) -> int:
        for index, token in enumerate(tokens):
            if index:
                space = _SPACE_RUN.match(text, position)
                if space is None:
                    return -1
                position = space.end()
            if token is None:
                run = _WILD_RUN.match(text, position)
                if run is None:
                    return -1
                position = run.end()
            elif folded.startswith(token, position):
                position += len(token)
            else:
                return -1
        if position < len(text) and _is_word(text[position]):
            return -1
        return position

    def _match_at(self, text: str, folded: str, position: int) -> int:
        if position > 0 and _is_word(text[position - 1]):
            return -1
        if position >= len(text):
            return -1
        run = _LEADING_WORD.match(folded, position).group()
        if not run and (not self._loose or text[position].isspace()):
            return -1
        return self._end_at(text, folded, position, run)

    # --- the re.Pattern methods the users call ----------------------------------------------------

    def match(self, text: str, pos: int = 0) -> PhraseMatch | None:
        """A match starting exactly at ``pos`` (the text before ``pos`` still counts for the word boundary)."""
        last_text, folded = _last_folded
        if text is not last_text:
            folded = _folded(text)
        if self._loose:
            end = self._match_at(text, folded, pos)
            return PhraseMatch(text, pos, end) if end >= 0 else None
        # The common case inlined (a caller tries many positions): a word run here, then its phrases.
        if pos > 0 and _is_word(text[pos - 1]):
            return None
        run = _WORD_RUN.match(folded, pos)
        if run is None:
            return None
        entries = self._by_key.get(run.group())
        if entries is None:
            return None
        for _, tokens in entries:
            end = run.end() if not tokens else self._tokens_end(text, folded, pos, tokens)
            if end >= 0:
                return PhraseMatch(text, pos, end)
        return None

    def ends(self, text: str, pos: int = 0) -> Iterator[int]:
        """Where each phrase matching at ``pos`` ends, in the regex's order of preference: what a regex that
        goes on after the alternation (``(?:phrases)tail``) would try in turn. A ``*`` ends only at the
        longest run (a regex could backtrack to a shorter one before a hyphen or apostrophe)."""
        folded = _folded(text)
        if pos >= len(text) or (pos > 0 and _is_word(text[pos - 1])):
            return
        run = _LEADING_WORD.match(folded, pos).group()
        entries = sorted([*(self._by_key.get(run, ()) if run else ()), *self._loose]) if self._loose else self._by_key.get(run, ())
        for _, tokens in entries:
            end = pos + len(run) if not tokens else self._tokens_end(text, folded, pos, tokens)
            if end >= 0:
                yield end

    def fullmatch(self, text: str) -> PhraseMatch | None:
        """A match of the whole of ``text`` by one phrase (``re``'s fullmatch tries every phrase for that)."""
        folded = fold(text)
        if not text or (not self._loose and not _is_word(text[0])):
            return None
        run = _LEADING_WORD.match(folded).group()
        entries = sorted([*(self._by_key.get(run, ()) if run else ()), *self._loose])
        if any((len(run) if not tokens else self._tokens_end(text, folded, 0, tokens)) == len(text) for _, tokens in entries):
            return PhraseMatch(text, 0, len(text))
        return None

    def finditer(self, text: str) -> Iterator[PhraseMatch]:
        folded, runs = _scan(text)
        if self._loose:
            starts: Iterable[tuple[int, str]] = ((m.start(), _LEADING_WORD.match(folded, m.start()).group())
                                                 for m in _LOOSE_START.finditer(text))
        else:
            keys = runs.intersection(self._by_key)
            if not keys:
                return
            starts = _run_starts(folded, keys)
        after = 0
        for start, key in starts:
            if start < after:
                continue
            end = self._end_at(text, folded, start, key)
            if end >= 0:
                yield PhraseMatch(text, start, end)
                after = end

    def findall(self, text: str) -> list[str]:
        return [m.group() for m in self.finditer(text)]

    def search(self, text: str) -> PhraseMatch | None:
        return next(self.finditer(text), None)


__all__ = ["PhraseMatch", "PhraseMatcher", "fold"]
