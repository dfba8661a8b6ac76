"""Generalities: claims with no one behind them -- vague attribution, hedges, sweeping statements.

A reported story says who claims what. Copy written to fill space leans on
nobody in particular ("experts say", "it is widely acknowledged", "critics
have argued"), softens every claim into a possibility ("may", "probably",
"it seems") and praises or generalises without a measure ("one of the
greatest", "countless", "many"). This family finds those *cues*, decides for
each sentence whether it is uncertain, and reports rates an editor can read.

How a cue is found (rules and package data only, no model download):

1. Four vocabularies in ``scorer/knowledge/lexicons`` (one phrase a line), each
   matched with one compiled alternation over the whole text:
   ``generalities_weasel_phrases.txt`` (kind ``vague_attribution``: "it is
   said", "widely regarded", "reportedly"), ``generalities_hedges.txt`` (kind
   ``hedge``: "may", "probably", "suggests"), ``generalities_sweeping.txt``
   (kind ``sweeping``: "one of the greatest", "countless", "many").
2. One construction for unnamed speakers: a crowd from
   ``generalities_vague_sources.txt`` ("experts", "some critics", "people
   familiar with the matter") next to a reporting verb (the attribution
   family's ``attribution_reporting_verbs.txt``), or after "according to".
   It is *not* vague when a name is attached: "experts at the Met Office
   said", "critics, including Senator Jane Roe, argued", "Met Office experts
   said" (a capitalised word that does not open the sentence), nor when a
   determiner points back to people already named ("the researchers said").
3. Context rules: phrases in ``generalities_not_cues.txt`` ("likely voters",
   "most recent") hold no cue; "May" the month ("in May", "May 2024", "Theresa May") is not
   a hedge; a cue inside a direct quotation of three words or more is the
   speaker's wording, reported on the record, and is skipped; overlapping
   cues keep the longest. From the findings audit (``benchmarks/findings_audit.py``):
   "may"/"might" in a concessive clause that opens its sentence ("While the rumour
   may sound exciting, ...") grants a point and is no hedge; "could have"/"might
   have" followed by a denial ("but didn't", ". Instead, ...") is a counterfactual;
   a cue after a verb of avoiding ("avoid relying on unverified sources") is advice;
   a crowd whose verb is a noun ("many promises", "think tanks"), or whose
   prepositional phrase holds a pronoun's or a gerund's clause ("most of the
   information you see"), is no source; nor is a count ("one study in 19 people
   found", "10 people pleaded guilty"), a bare quantifier after a verb ("seeing
   some hope", ", offering few specifics"), a crowd pointing back ("most of whom
   thought") or a phrase whose agent is named ("accused by Yemeni authorities",
   "reports received by UNICEF"). "may" before ", but" grants a point ("may seem a
   cliché, but ..."); idioms on a modal ("might as well", "than anyone could have
   predicted") are not-cues, as are measured likelihoods ("twice as likely as") and
   "likely nominee"; "alleged" as a verb ("has alleged that") is no hedge; quotes
   printed with doubled apostrophes count as quotes.

How a sentence is judged uncertain: every distinct cue has a weight, learned
on the train split of the CoNLL-2010 Wikipedia weasel/hedge sentences and
shipped as ``generalities_cue_weights.txt`` (``python
benchmarks/generalities.py --learn``); a phrase a newsroom adds without a
weight gets its kind's default weight. A sentence is uncertain when the bias
plus the weights of its distinct cues is above zero (a logistic model over cue
presence, so every decision can be read off the highlighted cues).

Findings: each cue with a positive weight in an uncertain sentence, as
``vague_attribution`` or ``hedge`` with a one-line message. Sweeping cues are
counted in a feature but not highlighted (no finding kind of their own).

:func:`find_cues`, :func:`sentence_cues` and :func:`is_uncertain` expose the
rules on raw text for the evaluation (``benchmarks/generalities.py``).

Modules, each importing only those above it: ``phrases`` (phrase lists as
prefix tries, lexicon entries), ``weights`` (the learned cue weights),
``vocab`` (closed-class grammar, the lexicons compiled once), ``cues``
(``find_cues``, the crowd construction, sentence scores), ``features``
(``analyze``: features and findings). This module registers ``SPEC``.
"""
from __future__ import annotations

from scorer.signals.generalities.cues import (
    CONSTRUCTION_KEY, MIN_QUOTE_WORDS, Cue, find_cues, is_uncertain, sentence_cues, sentence_score,
)
from scorer.signals.generalities.features import DESCRIPTIONS, FAMILY, FINDING_KINDS, MESSAGES, VERSION, analyze
from scorer.signals.generalities.phrases import trie_pattern
from scorer.signals.generalities.vocab import LEXICONS
from scorer.signals.generalities.weights import WEIGHTS_FILE, Weights, load_weights, parse_weights
from scorer.signals.registry import FamilySpec, feature_specs, register

SPEC = register(
    FamilySpec(
        name=FAMILY, version=VERSION, analyze=analyze,
        features=feature_specs(tuple(DESCRIPTIONS), DESCRIPTIONS, ()),
        finding_kinds=FINDING_KINDS,
    )
)

__all__ = [
    "CONSTRUCTION_KEY", "DESCRIPTIONS", "FAMILY", "FINDING_KINDS", "LEXICONS", "MESSAGES", "MIN_QUOTE_WORDS", "SPEC",
    "VERSION", "WEIGHTS_FILE", "Cue", "Weights", "analyze", "find_cues", "is_uncertain", "load_weights",
    "parse_weights", "sentence_cues", "sentence_score", "trie_pattern",
]
