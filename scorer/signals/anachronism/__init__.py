"""Anachronisms: stale titles and stale ages, checked against the knowledge base and the article's date.

Content farms recycle old copy, so their text carries facts that were true when
it was first written: a sitting head of state called "former", someone who left
office still given the title, a war's age that was right two years ago. Three
checks, each a finding of kind ``anachronism`` whose message gives the evidence:

1. **"former" (or "-elect") for a sitting office holder** — "former President Trump" or
   "President-elect Trump" in 2026.
2. **a current title for someone not in that office on the date** — "Chancellor
   Scholz" in 2026 (left office), "President Vance" in 2019 (not yet in it).
3. **a stated age of a known event off by a year or more** — "the nearly
   two-year-old conflict", "the two-year war", "now in its third year", "two years
   into the war" in a 2026 article about Russia's invasion of Ukraine.

How a mention is found (one pass, dictionary lookups, no per-person pattern):
the text is tokenised once; at each token the title trie gives the longest
title ("U.S. President", "Prime Minister", "Chancellor"); a name must follow it
directly ("President Donald J. Trump", surname-only "Chancellor Merz"), or stand
in apposition ("Joe Biden, the former president," / "the US president, Donald
Trump,"). The title restricts which of the person's offices are meant, so
"former Vice President Biden" is checked against the vice presidency only.

What makes a mention correct, and so never a finding:
- a modifier that places it in time: "then-President", "the late", "future",
  "incoming", "acting", "interim", "caretaker", "a President Trump" (hypothetical);
- a time frame in the same sentence: a past year in which the title fitted
  ("in 2019, President Trump said"), or words that put the sentence in the past
  ("at the time", "years ago", "during his presidency", "died", "legacy"...);
- for someone not yet in office, future or conditional wording ("would", "if", "once");
- a quotation: people quoted may use old titles, and quotes of the past are the past;
- history: someone who left office more than :data:`HISTORY_YEARS` ago named by
  the old title is a historical reference, not recycled copy;
- the days around a change of office (:data:`GRACE_DAYS`), when usage lags;
- when several people share the name ("President Bush", "Premier Li"), a finding
  needs the title to be wrong for every one of them.

The article date comes from the pipeline (metadata → ``--date`` → dateline →
today). When it was assumed to be today every message says so and how to set it.
"""
from __future__ import annotations

import logging

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, Finding, SignalResult
from scorer.core.text import per_1000_words
from scorer.knowledge.base import load_knowledge
from scorer.signals.anachronism.ages import AGE_TOLERANCE, check_ages
from scorer.signals.anachronism.context import KIND, Context, date_note
from scorer.signals.anachronism.judge import GRACE_DAYS, HISTORY_YEARS, judge, office_message
from scorer.signals.anachronism.mentions import find_mentions
from scorer.signals.registry import FamilySpec, feature_specs, register

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

FAMILY = "anachronism"
VERSION = "1"  # 1: coverage counts are no longer model features; ages said after the event
FEATURES = ("anachronisms", "anachronisms_per_1000_words", "office_mentions_checked", "event_ages_checked", "date_assumed")
#: Features that say what the check covered, not what the writing is like: shown as signals, never used by a model.
#: In the labelled sets they count mentions in the articles that a dateline dates (real news carries datelines,
#: rewrites drop them), so a model learned "an event age was checked: reported news" and raised the score of an
#: article for every stale age it stated.
COVERAGE_FEATURES = ("office_mentions_checked", "event_ages_checked", "date_assumed")


def analyze(article: Article, config: Config = DEFAULT_CONFIG) -> SignalResult:
    """Find anachronisms in ``article`` against the knowledge base (packaged + ``config.knowledge``)."""
    kb = load_knowledge(tuple(config.knowledge))
    ctx = Context(article, kb)
    findings: list[Finding] = []
    checked = 0
    for mention in find_mentions(ctx):
        if not any(ctx.kb.terms(p, mention.offices) for p in mention.persons):
            continue  # the title names an office this person never held in the knowledge base
        checked += 1
        verdict = judge(ctx, mention)
        if verdict is None:
            continue
        kind, person, term = verdict
        message = office_message(ctx, kind, person, term, mention.title_text) + date_note(article)
        findings.append(Finding(KIND, mention.start, mention.end, article.text[mention.start:mention.end], message, rule=f"office title: {kind}"))
    age_findings, ages_checked = check_ages(ctx)
    findings.extend(age_findings)
    findings.sort(key=lambda f: (f.start, f.end))
    features = {
        "anachronisms": float(len(findings)),
        "anachronisms_per_1000_words": per_1000_words(len(findings), article.words),
        "office_mentions_checked": float(checked),
        "event_ages_checked": float(ages_checked),
        "date_assumed": 1.0 if article.date_source == "today" else 0.0,
    }
    return SignalResult(FAMILY, features, tuple(findings))


SPEC = register(
    FamilySpec(
        name=FAMILY, version=VERSION, analyze=analyze,
        features=feature_specs(FEATURES, {}, COVERAGE_FEATURES),
        finding_kinds=(KIND,), date_dependent=True,
    )
)


__all__ = [
    "AGE_TOLERANCE", "COVERAGE_FEATURES", "FAMILY", "FEATURES", "GRACE_DAYS", "HISTORY_YEARS", "KIND", "SPEC", "VERSION",
    "analyze",
]
