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


def reports_words(text: str, attribution: Attribution) -> bool:
    """False for a source found before a stance or action cue with no statement after it."""
    cue = " ".join(text[attribution.cue_start:attribution.cue_end].lower().split())
    if cue not in _stance_cues() or attribution.source_end > attribution.cue_start:
        return True  # a speech verb, or a cue with its source after it ('"...," thought Smith')
    return statement_follows(text, attribution.cue_end)


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
