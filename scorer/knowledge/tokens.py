"""Token keys and token tries: how the knowledge base's names, titles and event phrases are looked up in a text.

Text is split into tokens whose keys are normalised (lower case, no accents, no dots: "U.S." → "us"); every
phrase of the knowledge base becomes a path of keys in a :class:`Trie` (nested dicts), so a check walks an
article's tokens once with dictionary lookups instead of running one pattern per phrase.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple, Sequence

#: A word: letters/digits, with inner dots kept so "U.S." and "H.W." stay one token; hyphens split words.
_TOKEN_RE = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?|['’]s\b|[,;:()\[\]—–\"“”«»]")
#: Letters NFKD does not take apart.
_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "œ": "oe"})
POSSESSIVE = "'s"


#: Words :func:`normalise` remembers. Each entry holds the word and its key (about 170 bytes); a long batch
#: keeps bringing new words, and the common ones are what the cache is for (least recently used go first):
#: 65,536 took 9 MB, 16,384 3.6 MB, this under 1 MB.
NORMALISE_CACHE = 4_096


@functools.lru_cache(maxsize=NORMALISE_CACHE)
def normalise(word: str) -> str:
    """Lower case, no accents, no dots: "U.S." → "us", "Zelenskyy’s" is split before this."""
    if word.isascii() and word != "'s":
        return word.replace(".", "").lower()
    word = unicodedata.normalize("NFKD", word.translate(_FOLD))
    word = "".join(ch for ch in word if not unicodedata.combining(ch))
    if word in ("'s", "’s"):
        return POSSESSIVE
    return word.replace(".", "").lower()


class Token(NamedTuple):
    # A NamedTuple, not a frozen dataclass: a long article makes tens of thousands of
    # tokens, and a frozen dataclass costs several times more to construct.
    start: int
    end: int
    text: str
    key: str

    @property
    def is_word(self) -> bool:
        return self.key[:1].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() or self.text[:1].isdigit()


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        tokens.append(Token(match.start(), match.end(), word, normalise(word)))
    return tokens


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """The keys of ``tokenize(phrase)``, without making its tokens (the knowledge base indexes some
    4,000 phrases in every new process)."""
    return tuple(map(normalise, _TOKEN_RE.findall(phrase)))


_VALUE = ""  # a token key is never empty, so "" can hold a node's values


class Trie:
    """Token-sequence → set of values; walking it from a token position finds every phrase starting there."""

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, keys: Sequence[str], value: str) -> None:
        if not keys:
            return
        node = self.root
        for key in keys:
            node = node.setdefault(key, {})
        node.setdefault(_VALUE, set()).add(value)

    def longest(self, tokens: Sequence[Token], start: int, stop: int | None = None) -> tuple[int, frozenset[str]] | None:
        """(end, values) of the longest phrase starting at ``tokens[start]``, or None."""
        stop = len(tokens) if stop is None else stop
        node = self.root
        best = None
        i = start
        while i < stop:
            node = node.get(tokens[i].key)
            if node is None:
                break
            i += 1
            if _VALUE in node:
                best = (i, frozenset(node[_VALUE]))
        return best

    def __len__(self) -> int:
        count, stack = 0, [self.root]
        while stack:
            node = stack.pop()
            count += _VALUE in node
            stack.extend(child for key, child in node.items() if key != _VALUE)
        return count
