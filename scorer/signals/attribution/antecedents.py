"""Who "he", "she" and "who" refer to in a quote's speech tag: the person the sentence is about.

A quote's message names its speaker. For a pronoun the last named source was taken, which goes wrong
when another person has come in since without a speech verb of their own (findings audit seed 9,
``wrong_speaker``): "Real Time host Bill Maher said ... . Retired Army Col. Lawrence Wilkerson started
Maher's rant when he ... later said, "..."" (Wilkerson's words, not Maher's); "President Shimon Peres,
who cautioned that talks "may be slow ..."" (Peres, not the Bush named before); "Kardashian's sister,
Khloé Kardashian, also took to social media ... . She tweeted, "..."" (Khloé). Only the grammar's
plainest cases are taken, and only a full name (two or more capitalised words, titles included):

- a relative "who" takes the name right before it (", who cautioned"), unless "the" comes before that name (an
  organisation: "a lawyer for the Sierra Club, who");
- "he" or "she" inside a sentence takes the name that opens that sentence, its subject (a sentence opened
  by a quotation has no subject here);
- "he" or "she" opening a sentence takes the subject of the sentence before, or the name in apposition
  to a possessive subject ("Kardashian's sister, Khloé Kardashian, ...").

Anything else keeps the last named source. Messages only: no feature reads the speaker's name.
"""
from __future__ import annotations

import bisect
import re
from typing import Sequence

from scorer.signals.attribution.words import _CLAUSE_OPENERS, _DETERMINERS, _PRONOUNS, _SENTENCE_OPENERS, _SKIP_BEFORE_VERB

#: A full name with its titles: two or more capitalised words ("Israeli President Shimon Peres",
#: "Retired Army Col. Lawrence Wilkerson"), not ending in a possessive.
_NAME = r"(?:[A-Z][\w.’'-]*\s+){1,6}[A-Z][\w’'-]*(?<![’']s)"
_BEFORE_WHO = re.compile(rf"(?P<name>{_NAME}),?\s*$")
#: A name after "the" is an organisation or a thing ("a lawyer for the Sierra Club, who ..."), not who "who" is:
#: the relative clause goes with the appositive's head (the lawyer), named earlier. People take no article
#: ("captured by Connecticut Republican Christopher Shays, who noted").
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
#: A sentence opened by a full name and then a lower-case word (its verb or an adverb): the subject. A sentence
#: opened by a quotation has none here: its capitalised first words are the quotation's ('"Ms Bhutto would have
#: done her best," he added').
_SUBJECT = re.compile(rf"^(?P<name>{_NAME})(?=,?\s+[a-z])")
#: A sentence opened by a possessive and a noun, then a full name in apposition: "Kardashian's sister, Khloé Kardashian,".
_APPOSITIVE_SUBJECT = re.compile(rf"^[A-Z][\w-]*['’]s\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?,\s+(?P<name>{_NAME}),")
#: Words that open a sentence in capitals without naming anyone ("The", "After", "But"): never the first word
#: of a name here (the attribution family's closed-class sets).
_NOT_FIRST = _DETERMINERS | _PRONOUNS | _CLAUSE_OPENERS | _SENTENCE_OPENERS | _SKIP_BEFORE_VERB | frozenset("of by what".split())
#: How far back (characters) the name before a relative "who" is looked for.
_WINDOW = 600


def _full_name(match: re.Match[str] | None) -> tuple[int, str] | None:
    if match is None:
        return None
    name = match.group("name")
    if name.split()[0].lower() in _NOT_FIRST:
        return None
    return match.start("name"), name


def _subject(text: str, start: int, end: int) -> tuple[int, str] | None:
    """The full name that is the subject of the sentence ``text[start:end]``, with its position."""
    sentence = text[start:end]
    found = _full_name(_SUBJECT.match(sentence)) or _full_name(_APPOSITIVE_SUBJECT.match(sentence))
    return None if found is None else (start + found[0], found[1])


def antecedent(text: str, pronoun_start: int, pronoun: str, sentence_starts: Sequence[int]) -> tuple[int, str] | None:
    """The full name a speech tag's pronoun refers to, with its position, or None when the grammar does not say.

    ``sentence_starts``: where the article's sentences start, in order (the segmenter's ``Article.sentences``,
    which knows that "Col." or "Dr." ends no sentence)."""
    word = pronoun.lower()
    if word == "who":
        lo = max(0, pronoun_start - _WINDOW)
        match = _BEFORE_WHO.search(text, lo, pronoun_start)
        if match is None or _THE_BEFORE.search(text, lo, match.start("name")):
            return None
        return _full_name(match)
    if word not in ("he", "she"):
        return None
    at = bisect.bisect_right(sentence_starts, pronoun_start) - 1
    if at < 0:
        return None
    own = sentence_starts[at]
    if text[own:pronoun_start].strip(" \"“‘'"):
        return _subject(text, own, pronoun_start)  # inside its sentence: that sentence's subject
    if at >= 1:
        return _subject(text, sentence_starts[at - 1], own)  # opening its sentence: the subject of the one before
    return None
