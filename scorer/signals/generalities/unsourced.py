"""Vague-attribution cues that put no claim in anyone's mouth, or whose source is named right after.

A vague attribution is a claim given to nobody in particular ("experts say", "it is believed"). The same
words also make a superlative ("Perhaps most telling, ..."), a phrasal or passive verb ("officials called
off the show", "bugs found by you"), a condition ("if it emerged"), a weighing ("while TPS is considered in the aftermath of a disaster"). ("reportedly" followed by
"According to ..." in the next sentence was tried and left: the audit's judges disagreed on it; a document
cited at the head of the same sentence, "According to the study, ...", covers it.) A crowd that is a preposition's object
("announced his side to journalists") is spoken to, not quoted. Used by
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


#: A crowd as a preposition's object ("to journalists", "for fans"); "according to experts" is a source, and
#: "with some charging that ..." is an absolute clause whose subject the crowd is.
_OBJECT_OF_PREPOSITION = re.compile(r"(?<!according)\s+(?:to|for|from|at|about|than)\s+$", re.IGNORECASE)
#: Sentence adverbs that lean on a source: the sentence's own "According to the study, ..." is that source.
#: Another clause ("it is believed", "some say") makes a claim of its own and stays.
_SENTENCE_ADVERBS = frozenset({"reportedly", "allegedly", "supposedly", "purportedly", "apparently"})
#: A document cited at the head of the same sentence: "According to the study, ...", "According to the report, ...".
_SOURCED_BEFORE = re.compile(r"\baccording\s+to\s+(?:the|this|that|its|his|her|their)\s+(?:new\s+|latest\s+|same\s+)?(?P<doc>[\w-]+),[^.!?\n]*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _documents() -> frozenset[str]:
    """Documents (attribution_documents): "According to the study, ..." cites one, which covers "reportedly"."""
    return frozenset(w.lower() for w in load_lexicon("attribution_documents"))


def _sentence_start(text: str, position: int) -> int:
    window = max(0, position - 300)
    ends = [m.end() for m in re.finditer(r"[.!?\n]\s", text[window:position])]
    return window + ends[-1] if ends else window


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
    if key.endswith("[reporting verb]") and _OBJECT_OF_PREPOSITION.search(text, max(0, start - 24), start):
        return True  # "announced his side to journalists": the crowd is spoken to, not the source
    sourced = _SOURCED_BEFORE.search(text, _sentence_start(text, start), start)
    if key.split(": ", 1)[-1] in _SENTENCE_ADVERBS and sourced and sourced.group("doc").lower() in _documents():
        return True  # "According to the study, participants reportedly burned ...": the sentence names its source
    # A negated "it is not known" is left a cue: CoNLL-2010 annotates it as uncertainty, and a stated unknown
    # still tells the reader that the claim is not established.
    return bool(_CONSIDERED.search(cue) and _WEIGHED_AFTER.match(text, end))
