"""Package-data vocabularies: one phrase a line, ``#`` starts a comment.

A newsroom extends a list by editing the file (or passing its own file via the
config) without touching code. A list is matched either as one alternation regex
(:func:`phrase_pattern`, for the few places that embed it in a larger expression) or,
with the same matches and no regex to compile, by word look-up (:func:`phrase_matcher`,
:mod:`scorer.knowledge.phrase_matcher`); both are built once per list and cached.
"""
from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from typing import Iterable

from scorer.knowledge.phrase_matcher import PhraseMatcher, alternation_order

_PACKAGE = "scorer.knowledge"


def read_phrases(lines: Iterable[str]) -> tuple[str, ...]:
    phrases = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            phrases.append(line)
    return tuple(dict.fromkeys(phrases))


@functools.lru_cache(maxsize=None)
def load_lexicon(name: str) -> tuple[str, ...]:
    """The phrases of ``scorer/knowledge/lexicons/<name>.txt``."""
    path = resources.files(_PACKAGE).joinpath("lexicons", f"{name}.txt")
    phrases = read_phrases(path.read_text(encoding="utf-8").splitlines())
    if not phrases:
        raise ValueError(f"lexicon {name!r} is empty")
    return phrases


def load_lexicon_file(path: str | Path) -> tuple[str, ...]:
    """A user's own phrase file, same format as the packaged ones."""
    return read_phrases(Path(path).read_text(encoding="utf-8").splitlines())


def phrase_pattern(phrases: Iterable[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One word-bounded alternation over ``phrases``, longest first so the longest phrase wins.

    Inside a phrase, a space matches any run of whitespace and ``*`` matches
    one word (so "experts * say" covers "experts now say").
    """
    phrases = alternation_order(phrases)
    if not phrases:
        raise ValueError("phrase_pattern needs at least one phrase")
    parts = []
    for phrase in phrases:
        # Either apostrophe matches either: lexicons are typed with ', pages use ’ as often.
        tokens = [r"[\w'’-]+" if token == "*" else _token_pattern(token) for token in phrase.split()]
        parts.append(r"\s+".join(tokens))
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", flags)


def _token_pattern(token: str) -> str:
    return "".join("['’]" if ch in "'’" else re.escape(ch) for ch in token)


@functools.lru_cache(maxsize=None)
def lexicon_pattern(name: str) -> re.Pattern[str]:
    return phrase_pattern(load_lexicon(name))


def phrase_matcher(phrases: Iterable[str]) -> PhraseMatcher:
    """The matches of :func:`phrase_pattern` (same definition, same order of preference) without a regex:
    built in microseconds, where compiling the alternation takes milliseconds per list."""
    return PhraseMatcher(phrases)


@functools.lru_cache(maxsize=None)
def lexicon_matcher(name: str) -> PhraseMatcher:
    return PhraseMatcher(load_lexicon(name))
