"""Hedge words that soften no claim: by the grammar around them, not by the example.

A hedge softens a claim the writer (or a quoted speaker) makes. The same words also:

- build a concession frame: "As improbable as it may seem, ...", "Easy as it might sound, ..." -- the
  point is granted, and every hedge word of the frame ("may", "seem") is one construction, never two cues;
- modify a noun as a term: "40 percent of likely Democrat voters", "all possible outcomes" -- prenominal
  "likely"/"possible"/"probable" after "of", a number or a quantifier names a category, it does not doubt a
  claim (after "a"/"the" it still guesses: "as a likely money-saving measure");
- state an ability shown: "demonstrates that it is possible to achieve ..." (a bare "it is possible to guess"
  still softens, as CoNLL-2010 annotates it);
- ask a rhetorical question: "How can he possibly justify ...?" -- "possibly" after "can/could" in a
  question is emphasis;
- name a situation: "under the uncertainty about Benitez's future", "the subject of much speculation" -- a
  doubt noun as a preposition's object, after a determiner or "much", with no "that" clause and not after
  "there is" (unnamed people doubting: a weasel), is what others doubt, not the writer;
("Generally airing twice weekly" = usually was tried and left: CoNLL-2010 annotates "generally favouring",
"generally speaking" as uncertain, and the recall floor fell.)
- give contact boilerplate: "He may be reached at ...", "can be contacted by ...".

Used by :func:`cues.find_cues` (kept apart: that module holds the matching itself).
"""
from __future__ import annotations

import re

_CONCESSION_FRAME = re.compile(
    r"(?:\bas\s+)?\b[\w-]+\s+as\s+(?:it|this|that|they|he|she|we|you|I|[\w'’-]+)\s+(?:may|might|could)"
    r"(?:\s+(?:well\s+)?(?:seem|sound|appear|be|look)(?:\s+to)?)?\b",
    re.IGNORECASE,
)
#: What opens a concession frame: its sentence's start, a comma or a conjunction ("but as hard as it may be").
_FRAME_OPEN = re.compile(r"(?:^|[.!?:;,\"“]\s*|\n\s*|\b(?:but|and|yet|so)\s+)$", re.IGNORECASE)
_PRENOMINAL = frozenset({"likely", "possible", "probable"})
#: Before a prenominal adjective that makes a category: "of", a number or a quantifier ("40 percent of likely
#: voters", "two possible routes", "all possible outcomes"). After "a"/"the" it still guesses ("as a likely
#: money-saving measure", "the likely winner": CoNLL-2010 annotates those as uncertain), so those are left.
_NOUN_PHRASE_BEFORE = re.compile(
    r"(?:\b(?:of|any|all|many|two|three|four|five|several|other|percent)|\d[\d,.%]*)\s+$",
    re.IGNORECASE,
)
#: After it, a word that heads or modifies the noun: not "to", "that", a verb's particle, a comma or a stop.
#: After it, a plural head within three words: a category of things or people ("likely Democrat voters", "possible
#: outcomes"); "dies of likely overdose" (singular) still guesses what happened.
_NOUN_AFTER = re.compile(
    r"(?:\s+(?!(?:to|that|than|if|when|for|as|and|or|but|because|in|on|at|by|with|from|of|is|are|was|were|be)\b)"
    r"[A-Za-z][\w'’-]*){0,2}?\s+(?!(?:is|was|has|as|this|thus|its|his|less|us)\b)[A-Za-z][\w'’-]*[^\Wsiu]s\b",
)
_ABILITY_AFTER = re.compile(r"\s+to\s+\w", re.IGNORECASE)
#: Only an ability shown or proved is asserted: "demonstrates that it is possible to"; a bare "it is possible to
#: guess the solution early" still softens (CoNLL-2010 annotates it).
_SHOWN_BEFORE = re.compile(
    r"\b(?:shows?|showed|shown|demonstrates?|demonstrated|proves?|proved|proven)\s+(?:that\s+)?$", re.IGNORECASE
)
_RHETORICAL_BEFORE = re.compile(r"\b(?:can|could|would)\s+(?:\w+\s+)?$", re.IGNORECASE)
_QUESTION_END = re.compile(r"[^.!?\n]{0,160}\?")
#: A doubt noun as a preposition's object, a determiner or "much" between: "under the uncertainty about", "the
#: subject of much speculation" -- a circumstance, as after "amid" (grants.py).
_SITUATION_BEFORE = re.compile(
    r"\b(?:of|under|over|about|with|by|to|into|from|on|in)\s+(?:the|this|that|much|all\s+the|such|some\s+of\s+the)\s+(?:[a-z]+\s+)?$",
    re.IGNORECASE,
)
#: "There is much speculation", "there has been some uncertainty": unnamed people doubting, a weasel.
_EXISTENTIAL_BEFORE = re.compile(r"\bthere\s+(?:is|are|was|were|has\s+been|have\s+been|remains?)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_THAT_AFTER = re.compile(r"\s+(?:that|whether)\b", re.IGNORECASE)
_DOUBT_NOUNS = frozenset({"uncertainty", "uncertainties", "speculation", "doubt", "doubts"})
_CONTACT_AFTER = re.compile(r"\s+(?:be\s+)?(?:reached|contacted|e-?mailed|found)\s+(?:at|by|on|via)\b", re.IGNORECASE)
_CONTACT_ENTRY = re.compile(r"(?:may|might|can|could)(?:\s+be)?$", re.IGNORECASE)


def softens_nothing(text: str, start: int, end: int, entry: str) -> bool:
    """Whether the hedge cue ``entry`` at ``text[start:end]`` softens no claim (see the module docstring)."""
    word = entry.lower()
    if _in_concession_frame(text, start, end):
        return True
    if word in _PRENOMINAL and _NOUN_PHRASE_BEFORE.search(text, max(0, start - 24), start) and _NOUN_AFTER.match(text, end):
        return True
    if word in ("it is possible", "it's possible", "it was possible") and _ABILITY_AFTER.match(text, end) and (
            _SHOWN_BEFORE.search(text, max(0, start - 40), start)):
        return True
    if word == "possibly" and _RHETORICAL_BEFORE.search(text, max(0, start - 24), start) and _QUESTION_END.match(text, end):
        return True
    if word in _DOUBT_NOUNS and _SITUATION_BEFORE.search(text, max(0, start - 24), start) and not _THAT_AFTER.match(text, end) \
            and not _EXISTENTIAL_BEFORE.search(text, max(0, start - 40), start):
        return True
    if _CONTACT_ENTRY.fullmatch(word) or word in ("may be", "might be", "can be", "could be"):
        tail = end - 3 if word.endswith(" be") else end
        return bool(_CONTACT_AFTER.match(text, tail))
    return False


def _in_concession_frame(text: str, start: int, end: int) -> bool:
    """"As improbable as it may seem": the cue lies inside the frame, which opens a clause."""
    for match in _CONCESSION_FRAME.finditer(text, max(0, start - 50), min(len(text), end + 20)):
        if match.start() <= start and end <= match.end() and _FRAME_OPEN.search(text, max(0, match.start() - 8), match.start()):
            return True
    return False
