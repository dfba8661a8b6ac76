"""Vague-attribution cues that put no claim in anyone's mouth, or whose source is named right after.

A vague attribution is a claim given to nobody in particular ("experts say", "it is believed"). The same
words also make a superlative ("Perhaps most telling, ..."), a phrasal or passive verb ("officials called
off the show", "bugs found by you"), a condition ("if it emerged"), a weighing ("while TPS is considered in the aftermath of a disaster"). ("reportedly" followed by
"According to ..." in the next sentence was tried and left: the audit's judges disagreed on it.) Used by
:func:`cues.find_cues`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from scorer.core.clauses import statement_follows
from scorer.knowledge.lexicons import load_lexicon

#: A crowd word that is a superlative's degree word before an -ing adjective ("most telling", "more worrying").
_SUPERLATIVE = re.compile(r"^(?:the\s+)?(?:most|more|least)\s+\w+ing$", re.IGNORECASE)
#: After the crowd's verb: a particle (a phrasal verb, "called off") or "by" (a passive participle, "found by you").
_PARTICLE_OR_AGENT = re.compile(r"\s+(?:off|up|down|away|by)\b", re.IGNORECASE)
#: A choice after a crowd's action verb ("voted for", "campaigned against").
_CHOICE_AFTER = re.compile(r"\s+(?:for|against)\b", re.IGNORECASE)
#: A condition opening right before the cue ("if it emerged", "unless it is shown").
_CONDITION_BEFORE = re.compile(r"\b(?:if|unless|whether)\s+(?:it\s+|this\s+)?$", re.IGNORECASE)
#: "is considered" then a preposition, a time clause or the end of the clause: weighed, not judged by anyone.
_WEIGHED_AFTER = re.compile(r"\s*\b(?:in|for|during|after|before|when|while|carefully)\b", re.IGNORECASE)
_CONSIDERED = re.compile(r"\b(?:is|are|was|were|be|being|been)\s+considered$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _action_verbs() -> frozenset[str]:
    """Verbs that report an action towards others, not words ("voted", "backed", "named"): attribution_action_verbs."""
    return frozenset(" ".join(v.lower().split()) for v in load_lexicon("attribution_action_verbs"))


def no_claim_put(text: str, start: int, end: int, key: str) -> bool:
    """Whether the vague-attribution cue ``text[start:end]`` (lexicon entry or crowd construction ``key``) attributes nothing."""
    cue = " ".join(text[start:end].split())
    if _SUPERLATIVE.match(cue):
        return True
    if key.endswith("[reporting verb]") and _PARTICLE_OR_AGENT.match(text, end):
        return True
    if key.endswith("[reporting verb]") and cue.split()[-1].lower() in _action_verbs() and _CHOICE_AFTER.match(text, end) \
            and not statement_follows(text, end):
        # "More people voted for Trump than for Clinton": a crowd choosing, no claim put in its mouth. Only a choice
        # ("for"/"against"): a crowd's stance ("others supported them", "historians see nothing unusual") is what
        # CoNLL-2010 annotates as a weasel, and reading every action verb so cost its floor.
        return True
    if _CONDITION_BEFORE.search(text, max(0, start - 14), start):
        return True
    # A negated "it is not known" is left a cue: CoNLL-2010 annotates it as uncertainty, and a stated unknown
    # still tells the reader that the claim is not established.
    return bool(_CONSIDERED.search(cue) and _WEIGHED_AFTER.match(text, end))
