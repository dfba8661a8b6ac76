"""Modals that grant a point, deny an outcome or ask, rather than soften the writer's claim.

A hedge softens a claim the writer (or a quoted speaker) makes. A modal also grants an opponent's point
before answering it, across a sentence break as well as inside one ("Critics may scoff at the approach.
However, ..."; "And while the market might be overvalued, it's nothing like ..."; "Where others may long
for conformity, this outlet ..."), sits in a meta denial ("which is not to say ... maybe even routine"),
or states a preventable past ("It could have been prevented"). Used by :func:`cues.find_cues`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from scorer.knowledge.lexicons import load_lexicon

#: A sentence that answers the one before: the modal in that one granted a point.
_ANSWER_NEXT = re.compile(r"[^.!?\n]{0,200}?[.!?][\"”’)]*\s+(?:However|But|Yet|Still|Nevertheless|Nonetheless|Even so)\b")
#: A concessive clause opened after a conjunction ("And while ...", "But although ...") or by contrastive
#: "where" ("Where others may ..., this ..."), at the start of its sentence, the cue inside it.
_CONCESSIVE_AFTER_CONJUNCTION = re.compile(
    r"(?:^|[.!?]\s+|\n\s*)(?:(?:and|but|yet|so)\s+(?:while|although|though|even\s+if|whilst)|where)\b[^.;:!?\n]{0,120}$",
    re.IGNORECASE,
)
_CLAUSE_THEN_COMMA = re.compile(r"[^.;:!?\n]{0,120}?,")
#: "Which is not to say that ... maybe ...": what is denied is not claimed, softly or otherwise.
_NOT_TO_SAY = re.compile(r"\bnot\s+to\s+(?:say|suggest|imply)\b[^.!?\n]{0,160}$", re.IGNORECASE)
#: A modal perfect with a passive of preventing: a preventable past, not a softened claim.
_PREVENTABLE = re.compile(
    r"\s+been\s+(?:\w+ly\s+)?(?:prevented|avoided|averted|stopped|spared|handled\s+better|done\s+better)\b",
    re.IGNORECASE,
)
_FIRST_PERSON_BEFORE = re.compile(r"\b(?:I|we)\s+$", re.IGNORECASE)
_EITHER_WAY = re.compile(r"\b(?:may\s+or\s+may\s+not|might\s+or\s+might\s+not)\b", re.IGNORECASE)
_GRANTING_MODALS = frozenset({"may", "might"})


def grants_or_denies(text: str, start: int, end: int, entry: str) -> bool:
    """Whether the hedge cue ``entry`` at ``text[start:end]`` grants a point, sits in a denial or states a preventable past."""
    window = text[max(0, start - 160):start]
    idiom = _EITHER_WAY.search(text, max(0, start - 16), min(len(text), end + 16))
    if idiom and idiom.start() <= start < idiom.end() and _FIRST_PERSON_BEFORE.search(text, max(0, idiom.start() - 6), idiom.start()):
        return True  # "I may or may not have spilled some jam": a coy aside about oneself; "spots may or may not be present" doubts
    if _NOT_TO_SAY.search(window):
        return True
    if entry in ("could have", "might have") and _PREVENTABLE.match(text, end):
        return True
    if entry.split()[0] not in _GRANTING_MODALS:
        return False
    if _CONCESSIVE_AFTER_CONJUNCTION.search(window) and _CLAUSE_THEN_COMMA.match(text, start):
        return True
    # Across a sentence break only an opponent's reaction is granted ("Critics may scoff at it. However, ..."):
    # the writer's own "this may not be the most surprising fact. However, ..." still softens a claim.
    return bool(_ANSWER_NEXT.match(text, end)) and _crowd_before(text, start)


@lru_cache(maxsize=1)
def _crowds() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lexicon("attribution_generic_sources") if " " not in w)


def _crowd_before(text: str, start: int) -> bool:
    """Whether the modal's subject, the word right before it, heads a crowd ("critics", "others", "skeptics")."""
    words = re.findall(r"[\w'’-]+", text[max(0, start - 30):start])
    return bool(words) and words[-1].lower() in _crowds()


#: A noun of doubt as the object of "amid/amidst" or "despite" ("amid mounting speculation over ...", "Amidst all
#: the uncertainty, ..."): the circumstance of the news, not the writer softening a claim. Nouns by their suffix
#: or the few bare ones; at most three words (determiners, adjectives) between, none opening a clause.
_CIRCUMSTANCE_BEFORE = re.compile(
    r"\b(?:amid|amidst|despite)\s+(?:(?!(?:that|it|he|she|they|which|who|what|whether|if)\b)[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
_DOUBT_NOUN = re.compile(r"(?:\w+(?:tion|ty|ties|ness|ment|ence|ance|ances|ences|ures?)|doubts?|rumou?rs?|questions?)$", re.IGNORECASE)


def circumstance_or_proposal(text: str, start: int, end: int, entry: str) -> bool:
    """Whether a hedge cue is a circumstance noun after "amid", or a named person's proposal: a name (a
    capitalised word that does not open its sentence) right before "suggests" ("Liberal leader Stephane Dion
    suggests a 'diplomatic solution'") proposes; "The study suggests", "data suggests" stay hedges, and so does a name that is the object of a preposition ("correspondence with
    Diana suggests")."""
    if _DOUBT_NOUN.fullmatch(entry) and _CIRCUMSTANCE_BEFORE.search(text, max(0, start - 60), start):
        return True
    if entry in ("suggests", "suggested"):
        before = text[max(0, start - 40):start]
        return bool(re.search(r"(?:^|[^.!?\s]\s+)[A-Z][a-z]+\s+$", before)) and not re.search(
            r"(?:^|[.!?]\s+|\b(?:with|of|from|to|by|for|about|at|in|on|and|between)\s+(?:[A-Z][a-z]+\s+)*)[A-Z][a-z]+\s+$", before)
    return False
