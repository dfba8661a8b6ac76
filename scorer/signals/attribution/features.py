"""The attribution signal: features and findings of an article."""
from __future__ import annotations

import bisect
import logging
from dataclasses import replace
from typing import Sequence

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, Finding, SignalResult
from scorer.core.text import MARKDOWN_HEADING, per_1000_words, word_count
from scorer.signals.attribution.quotes import Quote, _speakers, find_quotes
from scorer.signals.attribution.sources import Attribution, find_attributions
from scorer.signals.attribution.statements import bare_crowd, embedded_object, in_headline, reports_words
from scorer.signals.attribution.vocab import _vocab
from scorer.signals.attribution.words import _DETERMINERS, _SENTENCE_OPENERS

logger = logging.getLogger("scorer.signals.attribution")

FAMILY = "attribution"
#: Bumped whenever a feature's definition changes, so a model trained on the old
#: definitions refuses to load instead of silently mis-scoring.
VERSION = "8"  # 8: findings round 3 (seed 7): a negated verb reports nothing ("has not commented") unless "that", a quotation or a colon follows; "advocate", "reject", "sketch" are actions (a statement must follow); an action's object and infinitive is a plan ("sketched a plan to bundle"); a clause after "but/and/while" is not what a stance verb reports; "deny them permits" refuses; a common noun before "called/named + Name" is naming; an infinitive's object is no source; a page's ownership footer is no source; media labels ("PDF:") are no speakers; a negated verb with a clause after it, rejecting what was said ("rejected the allegation") or a quotation opening the next sentence still report; a bare plural group with a public-crowd head ("Trump fans", attribution_public_crowds.txt) is a crowd, vague. 7: findings round 2 (seed 6): two or more words in capitals before a title-case name are a caption credit, not part of the source ("USA TODAY Trump"); a month after a time preposition is a date ("In May, the FBI"); template fields ("Byline:", "Dateline:") in attribution_not_speakers; a quantified crowd with a lower-case head is vague, not a name ("some Republican leaders"). 6: session 13 findings precision: an -ing cue after a determiner, possessive or "of"/"on"/"against" names no source; a lone page label with no speech after it (a dateline) is no speaker; a sentence ending right after the cue needs the statement before the source; a quoted title after the cue is no statement; a participle with its agent after ("data published ... by the agency") names no source; a cut-off source takes its head noun; "that" before a name is trimmed; blow and procedure verbs ("ripped", "appealed", "appointed") need a statement after them. 5: generalisation round of the findings audit: a stance or action cue ("hoping to win", "named Smith coach") needs a statement after it to name a source; short unpunctuated lines and breadcrumbs name no source
# 4: findings audit: a line ending on its cue (a heading), linking verbs, gerunds, page labels ("Title:", "FAQ:"), times, prepositional objects, questions and quoted titles name no source; "decided"/"passed" need a statement after them; "a report from the region" cites no document; quotes: a speaker after the quote ("said an insider") or carried from the paragraph before, a quoted headline is no quote
# 3: a document with nothing to tell which one ("according to reports") is vague

#: Plain words for the explanations: feature → template filled with ``value``.
DESCRIPTIONS: dict[str, str] = {
    "quotes_per_1000_words": "{value:.1f} direct quotes per 1,000 words",
    "attributed_quote_share": "{value:.0%} of direct quotes say who said them",
    "attributions_per_100_words": "{value:.2f} attributed statements per 100 words",
    "named_sources_per_1000_words": "{value:.1f} mentions of named sources per 1,000 words",
    "distinct_named_sources": "{value:.0f} different sources named",
    "named_attribution_share": "{value:.0%} of attributed statements name their source",
    "sourced_paragraph_share": "{value:.0%} of paragraphs say where their information comes from",
    "documents_cited_per_1000_words": "{value:.1f} documents or data sets cited per 1,000 words",
}


def analyze(article: Article, config: Config = DEFAULT_CONFIG) -> SignalResult:
    """Quotes, named sources, documents and sourced paragraphs of ``article``."""
    text = article.text
    paragraphs = [(p.start, p.end) for p in article.paragraphs]
    headings = [i for i, p in enumerate(article.paragraphs) if p.is_heading]
    starts = [start for start, _ in paragraphs]

    def paragraph_of(position: int) -> int:
        return bisect.bisect_right(starts, position) - 1

    # An HTML heading ("## ...") names no source: in its title case every capitalised run looks
    # like a name ("Why Everyone Is Talking About the Vote"), and who a story quotes is in its
    # body. Plain-text headings stay: there a short line is often a transcript's speaker turn
    # ("RADDATZ: Can you declare anything off-limits?").
    page_headings = {i for i in headings if MARKDOWN_HEADING.match(article.paragraphs[i].text)}
    # A belief, wish or action with no statement after it ("is hoping to win", "named Smith coach") is an
    # attribution for PolNeAR, not a source saying something for an editor (statements.py).
    # A bare plural group ("Trump fans insist") is a crowd: no one in it is named (statements.py).
    attributions = [
        replace(a, kind="vague") if bare_crowd(text, a) else a for a in find_attributions(text, paragraphs)
        if paragraph_of(a.source_start) not in page_headings and reports_words(text, a)
        and not in_headline(text, a, *paragraphs[paragraph_of(a.source_start)])
    ]
    quotes = find_quotes(text, attributions, paragraphs, headings)
    words = word_count(text)

    informative = [a for a in attributions if a.kind != "vague"]
    named = [a for a in attributions if a.named]
    documents = _document_mentions(text, attributions)
    body = [i for i, p in enumerate(article.paragraphs) if not p.is_heading and word_count(p.text) > 0]
    sourced: set[int] = set()
    for position in [a.cue_start for a in informative] + [q.start for q in quotes if q.attribution]:
        sourced.add(paragraph_of(position))
    attributed_quotes = [q for q in quotes if q.attribution is not None and q.attribution.kind != "vague"]

    features = {
        "quotes_per_1000_words": per_1000_words(len(quotes), words),
        "attributed_quote_share": len(attributed_quotes) / len(quotes) if quotes else 0.0,
        "attributions_per_100_words": 100.0 * len(informative) / max(words, 1),
        "named_sources_per_1000_words": per_1000_words(len(named), words),
        "distinct_named_sources": float(len({a.key for a in named if a.kind != "document"})),
        "named_attribution_share": _named_share(attributions),
        "sourced_paragraph_share": len(sourced & set(body)) / len(body) if body else 0.0,
        "documents_cited_per_1000_words": per_1000_words(documents, words),
    }
    # An object inside a relative clause or an appositive ("who watched the Saturday debate said", "a broker in
    # Fort Lauderdale, Florida, said") is no source for the editor; the features count it as before (statements.py).
    findings = [_source_finding(text, a) for a in named if not embedded_object(text, a)]
    resolved = _speakers(text, attributions, [s.start for s in article.sentences])
    # A speech tag found by its shape after a quote ('"...," she captioned') names its speaker itself.
    resolved.update({q.attribution: text[q.attribution.source_start:q.attribution.source_end]
                     for q in quotes if q.attribution is not None and q.attribution.rule == "tag"})
    findings += [_quote_finding(text, q, resolved) for q in quotes]
    findings.sort(key=lambda f: (f.start, f.kind))
    logger.debug("attribution: %d attributions, %d quotes in %d words", len(attributions), len(quotes), words)
    return SignalResult(FAMILY, features, tuple(findings))


def _document_mentions(text: str, attributions: Sequence[Attribution]) -> int:
    """Documents cited as a source, plus documents named with their author anywhere ("a report by the IMF")."""
    vocab = _vocab()
    spans = [(a.source_start, a.source_end) for a in attributions if a.kind == "document"]
    count = len(spans)
    for match in list(vocab.document_by.finditer(text)) + [
        m for m in vocab.document_of.finditer(text)
        if m.group(1).lower() not in _DETERMINERS and m.group(1).lower() not in _SENTENCE_OPENERS
    ]:
        if not any(s <= match.start() < e or match.start() <= s < match.end() for s, e in spans):
            spans.append(match.span())
            count += 1
    return count



def _source_finding(text: str, attribution: Attribution) -> Finding:
    source = text[attribution.source_start:attribution.source_end]
    cue = _one_line(text[attribution.cue_start:attribution.cue_end])
    if attribution.kind == "document":
        message = f"Cites a document or data as its source (“{cue}”)."
    elif attribution.kind == "role":
        message = f"Source given by role only, no name (“{cue}”)."
    else:
        message = f"Names who says so (“{cue}”)."
    return Finding("named_source", attribution.source_start, attribution.source_end, source, message, rule=f"attribution: {attribution.rule or 'unknown'}")


def _quote_finding(text: str, quote: Quote, resolved: dict[Attribution, str]) -> Finding:
    speaker = resolved.get(quote.attribution) if quote.attribution is not None else None
    if speaker:
        message = f"Direct quote ({quote.words} words) attributed to {_one_line(speaker)}."
    elif quote.attribution is not None:
        message = f"Direct quote ({quote.words} words) attributed only vaguely."
    else:
        message = f"Direct quote ({quote.words} words) with no speaker named nearby."
    rule = f"quote: attributed ({quote.attribution.rule or 'unknown'})" if quote.attribution is not None else "quote: unattributed"
    return Finding("quote", quote.start, quote.end, text[quote.start:quote.end], message, rule=rule)


def _named_share(attributions: Sequence[Attribution]) -> float:
    """Share of attributions whose source is named, counting "he said" after a named source as named."""
    if not attributions:
        return 0.0
    seen_name = False
    named = 0
    for attribution in sorted(attributions, key=lambda a: a.source_start):
        if attribution.named:
            named += 1
            seen_name = seen_name or attribution.kind == "name"
        elif attribution.kind == "pronoun" and seen_name:
            named += 1
    return named / len(attributions)


def _one_line(text: str) -> str:
    return " ".join(text.split())
