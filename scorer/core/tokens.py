"""Word regexes and tokenizers, one of each kind, named for what they match.

They differ on purpose; each says how it differs from :data:`WORD`, the word of
:func:`scorer.core.text.word_count`. Use the one whose definition you need rather
than writing another.
"""
from __future__ import annotations

import re

#: A word: a letter, then letters, apostrophes (either kind) and hyphens ("don't", "well-known").
#: The same expression as ``scorer.core.text.WORD_RE`` (what ``word_count`` counts).
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

#: A :data:`WORD` written in lower case, standing alone between word boundaries. Unlike
#: ``WORD`` filtered by ``islower()``, a boundary inside a word starts a new one: "Smith’s"
#: yields "s" (after the curly apostrophe), "O-ring" yields "ring".
LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")

#: A run of ASCII letters only, not preceded by a letter: "don't" is "don" and "t", "U.S." is
#: "U" and "S". Where a lexicon is indexed by the letters its phrases start with.
LETTER_RUN = re.compile(r"(?<![A-Za-z])[A-Za-z]+")

#: A :data:`WORD` that also keeps full stops and ampersands ("U.S.", "AT&T", "Dr."): for asking
#: whether any word of a stretch is capitalised, where an initialism counts as one word.
DOTTED_WORD = re.compile(r"[A-Za-z][A-Za-z'’.&-]*")

#: A word as a phrase lexicon is looked up: letters, digits and underscores (``\w``), hyphenated
#: compounds kept whole, never starting inside a word nor after an apostrophe or hyphen.
LEXICON_WORD = re.compile(r"(?<![\w'’-])\w+(?:-\w+)*")

#: What ``*`` in a lexicon phrase stands for: one word of ``\w``, apostrophes and hyphens (the
#: same expression as ``scorer.knowledge.lexicons.phrase_pattern`` uses for ``*``). A pattern
#: fragment, not compiled.
PHRASE_WORD = r"[\w'’-]+"

#: Small tokens for reading a few words around a match: an initialism ("U.S.") whole, a word with
#: its apostrophes, ampersands and hyphens, or one punctuation mark (a full stop after a word is
#: its own token).
SMALL_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[\w'’&-]+|[^\w\s]")



def word_literal(word: str) -> str:
    """A pattern matching ``word`` literally, except that either apostrophe (' or ’) matches either:
    lexicons are typed with ', pages use ’ as often (as ``phrase_pattern`` reads a phrase's words)."""
    return "".join("['’]" if ch in "'’" else re.escape(ch) for ch in word)


__all__ = ["DOTTED_WORD", "LETTER_RUN", "LEXICON_WORD", "LOWER_WORD", "PHRASE_WORD", "SMALL_TOKEN", "WORD", "word_literal"]
