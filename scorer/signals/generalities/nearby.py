"""Vague attributions whose source a neighbouring sentence names: not unsourced claims (findings only).

A cue sentence sees only itself; an editor reads its neighbours. Two constructions, chosen on audit seeds 1-7
(``benchmarks/findings_audit.md``, "Findings round 4"), follow from how news English names a source once and
then refers back to it:

- hearsay adverbs and passives ("reportedly", "supposedly", "is said to", "according to reports", "sources
  say") lean on a report; when the sentence itself cites a *named* outlet or document ("Radar Online claims
  that ...", "according to Reuters"), or the one after tags the story "according to" one ("According to an
  insider at OK!", "according to a new Fast Company report"), that report is the source;
- "allegedly" next to a sentence that states the charge or the proceedings (a word of
  ``generalities_legal_context.txt`` in the sentence before or after, across a paragraph break) is the legal
  caution on an accusation, as it already is inside its own paragraph (``cues._legal_context``).

Only the findings change: the cue still counts in the family's rates (features, CoNLL-2010 and the model are
untouched, so no family version moves). A crowd that speaks followed by one named member's quotation ("critics
say ... . '...,' said Jane Roe") was tried and left: the judges of seeds 1-7 called it correct as often as wrong.
"""
from __future__ import annotations

import re
from typing import Sequence

from scorer.core.document import Sentence
from scorer.knowledge.lexicons import lexicon_pattern

#: Cues that lean on a report rather than on a crowd (lexicon entries, without the kind prefix).
HEARSAY = frozenset({
    "reportedly", "supposedly", "purportedly", "is said to", "are said to", "was said to", "were said to",
    "is reported to", "are reported to", "was reported to", "were reported to", "according to reports",
    "according to sources", "it is reported", "it was reported", "it has been reported", "it is said",
    "it is rumoured", "it is rumored",
})
#: A capitalised word that is not a name: determiners, pronouns, sentence openers, and the unnamed source
#: itself printed in title case ("... According to Source" in a list of headlines).
_NOT_NAME = frozenset("""the a an this that these those it its he she they we i you his her their our my your
    but and or so yet if when while as in on at for of to from by with after before since according some many
    most other others there here what which who one mr mrs ms dr source sources insider insiders report reports
    people friend friends""".split())
#: A named outlet or document cited: "according to [a/an/the] [up to 4 words] <Capitalised>" where the words
#: between are the source's own head and modifiers ("According to an insider at OK!", "according to a new Fast
#: Company report", "according to a report by Us Weekly"). "a source close to Pitt" names whom the source is
#: close to, not the source: "to", "close", "near", "familiar", "with" stop the match.
_ACCORDING_NAMED = re.compile(
    r"\baccording\s+to\s+(?:(?:a|an|the|one)\s+)?(?:(?!(?:to|close|near|familiar|with)\b)(?-i:[a-z])[\w'’-]*\s+){0,4}?"
    r"(?-i:(?P<name>[A-Z][\w&'’!.-]*))", re.IGNORECASE)
#: A named outlet that reports ("Radar Online claims", "Reuters reports", "The Wrap reported").
_OUTLET_REPORTS = re.compile(
    r"(?P<name>[A-Z][\w&'’!.-]*(?:\s+[A-Z][\w&'’!.-]*){0,3})\s+(?:first\s+|has\s+|had\s+)?"
    r"(?:reports|reported|claims|claimed|revealed|reveals)\b")
#: Which neighbours may name a report's source, relative to the cue's sentence (chosen on seeds 1-7).
REPORT_NEIGHBOURS = (0, 1)
#: Which neighbours may state the charge an "allegedly" hedges.
LEGAL_NEIGHBOURS = (-1, 1)


def _named(match: re.Match[str]) -> bool:
    """The match names someone: its first word is not a determiner, pronoun, opener or unnamed source."""
    words = match.group("name").split()
    if words[0].lower().rstrip(".!") in _NOT_NAME:
        words = words[1:]  # "The Wrap reported", "The Hindustan Times reports": the article opens the name
    return bool(words) and words[0].lower().rstrip(".!") not in _NOT_NAME


def _cites_named_outlet(text: str, start: int, end: int) -> bool:
    return any(_named(m) for m in _ACCORDING_NAMED.finditer(text, start, end)) or any(
        _named(m) for m in _OUTLET_REPORTS.finditer(text, start, end))


def sourced_nearby(text: str, sentences: Sequence[Sentence], index: int, entry: str) -> bool:
    """Whether the vague-attribution cue (lexicon ``entry``) in ``sentences[index]`` has its source named by its
    own sentence or a neighbour, or is the legal caution on a charge stated next to it."""
    def around(offsets: tuple[int, ...]) -> list[Sentence]:
        return [sentences[i] for i in (index + d for d in offsets) if 0 <= i < len(sentences)]

    if entry in HEARSAY:
        # In the cue's own sentence an outlet that reports ("Radar Online claims that ... supposedly") is its
        # source; the next sentence's "X reported" reports a claim of its own ("In the USSR, as Hedrick Smith
        # reported, ..."), so there only "according to <named outlet>" (a tag on the same story) counts.
        own = sentences[index]
        if _cites_named_outlet(text, own.start, own.end):
            return True
        return any(any(_named(m) for m in _ACCORDING_NAMED.finditer(text, s.start, s.end))
                   for s in around(REPORT_NEIGHBOURS) if s is not own)
    if entry == "allegedly":
        pattern = lexicon_pattern("generalities_legal_context")
        return any(pattern.search(text, s.start, s.end) for s in around(LEGAL_NEIGHBOURS))
    return False
