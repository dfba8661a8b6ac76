"""Attribution: who says so -- direct quotes, named sources, documents cited.

A reported story tells the reader where each claim comes from: "White House
press secretary Karoline Leavitt said", "according to the operator, Arriva",
"a report by the IMF found". Padding and invented copy rarely do. This family
counts those attributions, normalised by length, and highlights each direct
quote (kind ``quote``) and each source it names (kind ``named_source``).

How an attribution is found (rules only, no model download):

1. A *cue* is a reporting verb ("said", "told", "wrote", "found", "believes";
   ``attribution_reporting_verbs.txt``) or a phrase after which the source
   follows ("according to"; ``attribution_cues.txt``).
2. The *source* is the noun phrase next to the cue: before a verb ("Smith
   said", "Smith, 45, a nurse, said", "Smith also told reporters"), after it
   when the verb follows a comma or a closing quote ('..." said Smith') and
   after an "according to" cue. A source phrase is built from capitalised
   words, titles ("Sen."), role nouns and their modifiers ("former campaign
   adviser"), document nouns ("report", "data") and joining words ("of",
   "for", "by") between them.
3. The source is classified: ``name`` (holds a proper name), ``role`` (a
   definite role: "the operator", "the company"), ``document`` (headed by a
   document noun, when the text says which document: "the report", "a report
   by the IMF", "census data"), ``pronoun`` ("he said") or ``vague`` (a crowd
   or an unnamed speaker: "experts say", "some analysts", "officials", and
   documents that say nothing of which: "according to reports"). Only
   ``name``, ``role`` and ``document`` are *named sources*; vague ones are left
   to the generalities family, pronouns refer back to a source already named.
4. A few more shapes: the agent of a passive ("was echoed by Gov. Martin
   O'Malley"), the subject of a sentence for a participle (", saying ..."),
   a survey cited with "in" ("In a Des Moines Register poll, ..."), and a
   speaker label in capitals or before a quotation ("TAPPER: ...").
5. A source reported inside someone else's statement ("Cruz said Rubio
   promised ...") is dropped: the article's source is Cruz.

``find_sources(text)`` exposes steps 1-5 on raw text for the evaluation
against PolNeAR (``benchmarks/attribution.py``: named-source overlap F1 on
dev, with the definitions of match and of "named" in its docstring).
Direct quotes are found separately (``find_quotes``) and linked to the
nearest attribution in their paragraph.

Modules, each importing only those above it: ``words`` (closed-class grammar
and limits), ``vocab`` (the lexicons as sets and patterns, tokens, paragraphs),
``phrases`` (growing a source phrase from a token), ``classify`` (the kind of a
source), ``sources`` (cues, the rules that find their source,
``find_attributions``), ``quotes`` (direct quotes and who is quoted),
``features`` (``analyze``: features and findings). This module registers
``SPEC``; quote spans and word regexes come from :mod:`scorer.core.quotes` and
:mod:`scorer.core.tokens`.
"""
from __future__ import annotations

from scorer.signals.attribution.features import DESCRIPTIONS, FAMILY, VERSION, analyze
from scorer.signals.attribution.quotes import MIN_QUOTE_WORDS, QUOTE_CUE_WINDOW, Quote, find_quotes
from scorer.signals.attribution.sources import NAMED_KINDS, Attribution, find_attributions, find_sources
from scorer.signals.attribution.words import MAX_APPOSITIVE_TOKENS, MAX_SOURCE_TOKENS
from scorer.signals.registry import FamilySpec, feature_specs, register

SPEC = register(
    FamilySpec(
        name=FAMILY, version=VERSION, analyze=analyze,
        features=feature_specs(tuple(DESCRIPTIONS), DESCRIPTIONS, ()),
        finding_kinds=("named_source", "quote"),
    )
)

__all__ = [
    "DESCRIPTIONS", "FAMILY", "MAX_APPOSITIVE_TOKENS", "MAX_SOURCE_TOKENS", "MIN_QUOTE_WORDS", "NAMED_KINDS",
    "QUOTE_CUE_WINDOW", "SPEC", "VERSION", "Attribution", "Quote", "analyze", "find_attributions", "find_quotes",
    "find_sources",
]
