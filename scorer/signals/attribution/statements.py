"""Whether an attribution reports words: a stance or action cue counts only with a statement after it.

PolNeAR annotates beliefs, wishes and actions as attributions ("the candidate is hoping to win", "the
Alouettes named Smith coach"), so ``find_attributions`` keeps them for that benchmark. An editor reads a
*named source* as someone who says something; the findings and the named-source features keep a source
found by a cue of ``attribution_stance_verbs.txt`` or ``attribution_action_verbs.txt`` only when a statement follows that cue.
"""
from __future__ import annotations

import re
from functools import lru_cache

from scorer.core.clauses import statement_follows
from scorer.knowledge.lexicons import load_lexicon
from scorer.signals.attribution.sources import Attribution


@lru_cache(maxsize=1)
def _stance_cues() -> frozenset[str]:
    return frozenset(load_lexicon("attribution_stance_verbs")) | frozenset(load_lexicon("attribution_action_verbs"))


#: The end of the sentence right after the cue.
_SENTENCE_END = re.compile(r"""\s*(?:[.!?]|$)""")
#: A quotation opening right after the cue, and its words up to the closing mark.
_QUOTED = re.compile(r"""\s*(?:''|``|["“‘'])(?P<words>[^"”’'`\n]{1,80})(?:''|["”’'])""")
#: A participle's agent: "by" and a determiner or a name within a short time or place phrase ("published in
#: October 2018 by the Drug Enforcement Administration"); "said by phone" has no determiner or name after "by".
_PASSIVE_BY = re.compile(r"""(?:\s+(?:in|on|at|last|this|early|late|[A-Z][a-z]+|\d[\d,]*)){0,4}\s+by\s+(?:the\b|[A-Z])""")
#: A quotation this short, every word capitalised, is a title ("published ''Character Studies''"), not words said.
TITLE_WORDS = 6


def reports_words(text: str, attribution: Attribution) -> bool:
    """False for a source found before a cue with no statement after it.

    Any cue: a quoted title right after it is the name of a work, not words said ("Singer published
    ''Character Studies''"); a sentence ending right after it holds a statement only when the statement came
    before the source -- a quotation, or a clause the source follows after a comma ('"...," she believes.',
    "Prices will rise, the bank predicted.") -- not in "..., but Chaffetz declined." A stance or action cue
    of the lexicons needs a statement after it (:func:`statement_follows`).
    """
    if attribution.source_end > attribution.cue_start:
        return True  # a cue with its source after it ('"...," thought Smith')
    after = attribution.cue_end
    quoted = _QUOTED.match(text, after)
    if quoted and _title(quoted.group("words")):
        return False
    if text[attribution.cue_start:after].lower().endswith("ed") and _PASSIVE_BY.match(text, after):
        return False  # "data published in October 2018 by the agency": a participle after its object, the agent follows
    if _SENTENCE_END.match(text, after):
        return _statement_before(text, attribution.source_start)
    cue = " ".join(text[attribution.cue_start:after].lower().split())
    return cue not in _stance_cues() or statement_follows(text, after)


def _statement_before(text: str, position: int) -> bool:
    """Whether the sentence before a source at ``position`` holds what it said: a quotation closing, or a clause
    ending in a comma right before the source (with "the", "a" or a title between)."""
    start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position), position - 400, 0)
    before = text[start:position]
    if any(mark in before for mark in ('"', "”", "’’", "''")):
        return True
    return bool(re.search(r",\s*(?:(?:the|a|an|his|her|its|their)\s+)?$", before, re.IGNORECASE))


def _title(words: str) -> bool:
    tokens = [w for w in words.replace(",", " ").split() if w[:1].isalpha()]
    return 0 < len(tokens) <= TITLE_WORDS and all(w[0].isupper() for w in tokens)


#: Most lines of running text end with one of these; a short line without it is a heading or a label.
_LINE_END = re.compile(r"""[.!?…:;]['"”’)\]]*$|["”’]$""")
#: A short line: headings and kickers run to a dozen words ("Aidy recalls big guns").
MAX_HEADING_WORDS = 12


def in_headline(text: str, attribution: Attribution, start: int, end: int) -> bool:
    """A source in a heading's words: a short line with no closing stop, or a cue in title case mid-line.

    "Aidy recalls big guns" (a sports page's heading), "Home » News » AICPA Addresses the Crisis" and a
    run of headlines ("Kylie Jenner Is Reportedly Expecting ...") name a subject, not a source saying
    something. A transcript's speaker label ("TAPPER: ...") is not judged here.
    """
    if attribution.rule == "label":
        return False
    line = text[start:end].strip()
    if not _LINE_END.search(line) and len(line.split()) <= MAX_HEADING_WORDS:
        return True
    cue = text[attribution.cue_start:attribution.cue_end]
    before = text[start:attribution.cue_start].rstrip()
    sentence_initial = not before or before[-1] in ".!?:;\"“”'‘’(—–-"
    return cue[:1].isupper() and not sentence_initial
