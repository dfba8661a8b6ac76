"""Padding: text that adds words but no information.

Three kinds of findings, each a span of ``Article.text``:

* ``redundancy`` -- a sentence whose content words and wording are already in a
  short earlier passage (up to three consecutive sentences): FAQ answers and "Key
  Points" bullets that repeat the body, "In conclusion" summaries. The message
  names the paragraph it repeats and quotes it. List items outside a summary
  box, a template field repeated under each item and captions repeat words by
  design and are no restatements (``structure.py``); nor are a question and its
  answer, a speaker's quotation after the writer's paraphrase of it, or the body
  restating a labelled abstract (``acts.py``, whose voices come from ``speech.py``).
* ``seo_block`` -- a search-engine template block: a heading from the
  ``seo_headings`` lexicon with the section under it ("FAQ", "Conclusion"; over a
  list, the list alone: a "Key Points" box), an inline label ("Pro Tip: ...") with
  the list under it, a headline naming the format ("Budget: What You Need to Know",
  that line alone), or a question used as a heading.
* ``filler`` -- a sentence built on a stock phrase (``filler_phrases`` lexicon)
  that names no one and gives no number, date, place or quote.

Restatement is measured on content-word sets with an inverted index over earlier
sentences, seeded only by each sentence's rarest words, so one sentence costs
time proportional to the few earlier sentences sharing a rare word with it, not
a comparison with every earlier sentence.
"""
from __future__ import annotations

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, Finding, SignalResult
from scorer.core.text import per_1000_words, word_count
from scorer.signals.padding.filler import find_filler
from scorer.signals.padding.restatement import (
    MAX_SEEDS_PER_WORD, MIN_CONTENT_WORDS, MIN_SHARED_SHINGLES, MIN_SHARED_WORDS, PASSAGE_SENTENCES, QUOTE_CHARS,
    RESTATEMENT_THRESHOLD, SHINGLE_SHARE, find_restatements,
)
from scorer.signals.padding.seo import find_seo_blocks
from scorer.signals.padding.words import prepare
from scorer.signals.registry import FamilySpec, feature_specs, register

FAMILY = "padding"
#: Bumped whenever a feature's definition changes, so a model trained on the old
#: definitions refuses to load instead of silently mis-scoring.
VERSION = "8"  # 8: redundancy round (seed 7): a question and its answer, a quotation after its paraphrase or within one speaker's quotation, and the body restating a labelled abstract are no restatements (a verbatim copy in the same form still is); a count in words or an ordinal is a new fact. 7: findings round 2 (seed 6): a pipe-table row is structure like a list item (stats tables). 6: list items outside a summary box, a template field repeated under each item ("Label: value") and captions (a photo credit) are structure, not restatements. 5: a reporting cue makes a question's section reported only when it names someone ("according to reports", "it could be argued" do not). 4: generalisation round of the findings audit: question headings count only as an FAQ (two or more, each over a short unattributed answer); a question over a section that quotes or reports someone is an explainer or interview; a cut-off fragment is no filler
# 3: audit fixes: interview, dialogue and list questions are no SEO headings; parallel sentences with new numbers or names and list-beside-list are no restatements; quotes printed with doubled apostrophes
# 2: "Key Points" tables are SEO blocks

#: Plain words for the explanations: feature → template filled with ``value``.
DESCRIPTIONS: dict[str, str] = {
    "redundant_sentence_share": "{value:.0%} of sentences repeat something the article already said",
    "redundant_word_share": "{value:.0%} of the words are in sentences that repeat earlier ones",
    "filler_word_share": "{value:.0%} of the words are in stock-phrase sentences with no name, number, date or quote",
    "filler_phrases_per_1000_words": "{value:.1f} stock filler phrases per 1,000 words",
    "seo_blocks": "{value:.0f} search-engine template blocks (FAQ, key points, question headings)",
    "seo_block_word_share": "{value:.0%} of the words are in search-engine template blocks",
    "question_headings": "{value:.0f} headings phrased as questions",
    "headings_per_1000_words": "{value:.1f} headings per 1,000 words",
    "padding_word_share": "{value:.0%} of the words are padding (repeats, filler, template blocks)",
}


def analyze(article: Article, config: Config = DEFAULT_CONFIG) -> SignalResult:
    """Padding features and ``redundancy``/``seo_block``/``filler`` findings for ``article``."""
    prepared = prepare(article)
    total_words = word_count(article.text)
    findings: list[Finding] = []

    redundant = find_restatements(article, prepared, findings)
    blocks, block_paragraphs, question_headings = find_seo_blocks(article, findings)
    filler, stock_phrases = find_filler(article, findings)

    body = [i for i, s in enumerate(article.sentences) if not article.paragraphs[s.paragraph].is_heading]
    headings = sum(1 for p in article.paragraphs if p.is_heading)
    padded = {
        i
        for i, s in enumerate(article.sentences)
        if i in redundant or i in filler or s.paragraph in block_paragraphs
    }

    def share(indices) -> float:
        return sum(prepared.words[i] for i in indices) / max(total_words, 1)

    features = {
        "redundant_sentence_share": len(redundant) / max(len(body), 1),
        "redundant_word_share": share(redundant),
        "filler_word_share": share(filler),
        "filler_phrases_per_1000_words": per_1000_words(stock_phrases, total_words),
        "seo_blocks": float(blocks),
        "seo_block_word_share": share(i for i, s in enumerate(article.sentences) if s.paragraph in block_paragraphs),
        "question_headings": float(question_headings),
        "headings_per_1000_words": per_1000_words(headings, total_words),
        "padding_word_share": share(padded),
    }
    findings.sort(key=lambda f: (f.start, f.end, f.kind))
    return SignalResult(FAMILY, features, tuple(findings))


SPEC = register(
    FamilySpec(
        name=FAMILY, version=VERSION, analyze=analyze,
        features=feature_specs(tuple(DESCRIPTIONS), DESCRIPTIONS, ()),
        finding_kinds=("redundancy", "filler", "seo_block"),
    )
)


__all__ = [
    "DESCRIPTIONS", "FAMILY", "MAX_SEEDS_PER_WORD", "MIN_CONTENT_WORDS", "MIN_SHARED_SHINGLES", "MIN_SHARED_WORDS",
    "PASSAGE_SENTENCES", "QUOTE_CHARS", "RESTATEMENT_THRESHOLD", "SHINGLE_SHARE", "SPEC", "VERSION", "analyze",
]
