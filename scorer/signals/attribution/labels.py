"""Speaker labels of a transcript ("TAPPER: ...") told from kickers, widgets and datelines."""
from __future__ import annotations

import re

from scorer.signals.attribution.words import _DETERMINERS, _PRONOUNS

#: A speaker label followed by a quotation ('John Bolton: "..."'): the only lone label that is a speaker.
_QUOTE_AFTER_LABEL = re.compile(r"\s*[\"“‘'«]")
#: The first sentence after a label, and the pronouns that make it someone's turn.
_FIRST_SENTENCE = re.compile(r"[^.!?\n]{1,300}[.!?]?")
_FIRST_SECOND_PERSON = re.compile(r"\b(?:I|I'm|I’m|we|you|my|our|your|me|us)\b", re.IGNORECASE)


def _speech_after(text: str, position: int) -> bool:
    """Whether the line after a lone label reads as someone's turn: a quotation, a question, or the first or
    second person ("TAPPER: Do you think ...?"), not a dateline's report ("LONDON: Britain introduced ...")."""
    if _QUOTE_AFTER_LABEL.match(text, position):
        return True
    sentence = _FIRST_SENTENCE.match(text, position)
    return sentence is not None and (sentence.group().endswith("?") or bool(_FIRST_SECOND_PERSON.search(sentence.group())))


def _kicker(text: str, match) -> bool:
    """A label line that is a kicker or a widget: its label holds a determiner or pronoun ("RATE THIS
    ARTICLE:") or a headline in title case follows it ("LAS VEGAS SHOCKER: Ed Sheeran Dominates ...")."""
    if any(word.lower() in _DETERMINERS or word.lower() in _PRONOUNS for word in match.group("np").split()):
        return True
    line_end = text.find("\n", match.end())
    words = [w for w in text[match.end():line_end if line_end >= 0 else len(text)].split()[:12] if len(w) > 3 and w.isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
