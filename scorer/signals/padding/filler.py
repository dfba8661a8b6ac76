"""Filler: sentences built on a stock phrase that name no one and give no number, date, place or quote."""
from __future__ import annotations

import functools
import re

from scorer.core.document import Article, Finding, Sentence
from scorer.core.text import ENDS_SENTENCE
from scorer.knowledge.lexicons import lexicon_matcher, load_lexicon
from scorer.signals.padding.speech import inside_quotation, straight_quotes
from scorer.signals.padding.words import NUMBER_WORDS, TOKEN

_DIGIT = re.compile(r"\d")
# A quote is concrete content only if it holds a few words, not a scare-quoted term.
_QUOTE = re.compile(r"[\"“][^\"“”]*?(?:\s[^\"“”\s]+){2,}[^\"“”]*?[\"”]")

# Closed classes of English words that make a sentence concrete (a count, a date).
# They are language facts, not an editorial vocabulary, so they live here and not
# in a lexicon file (the number words are in :mod:`scorer.signals.padding.words`).
_DATE_WORDS = frozenset(
    """
    january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday yesterday today tonight tomorrow
    """.split()
)


def find_filler(article: Article, findings: list[Finding]) -> tuple[set[int], int]:
    """Sentences built on a stock phrase with no concrete content; also all stock-phrase hits."""
    pattern = lexicon_matcher("filler_phrases")
    names = _proper_names(article)
    filler: set[int] = set()
    hits = 0
    for index, sentence in enumerate(article.sentences):
        if article.paragraphs[sentence.paragraph].is_heading:
            continue
        phrases = [m.group() for m in pattern.finditer(sentence.text)]
        if not phrases:
            continue
        hits += len(phrases)
        if _is_concrete(sentence, names) or inside_quotation(article, sentence):
            continue
        if _reported_claim(sentence.text, phrases[0]):
            continue  # "The company had argued that in an era of ...": the company's case, reported
        if _fragment(sentence):
            continue  # "All in all, the": a text cut off mid-sentence, not a stock-phrase sentence
        filler.add(index)
        findings.append(
            Finding(
                "filler",
                sentence.start,
                sentence.end,
                sentence.text,
                f'Stock phrase "{phrases[0]}" in a sentence with no name, number, date, place or quote',
                rule=f"filler_phrases: {phrases[0].lower()}",
            )
        )
    return filler, hits


# A definite subject (a pronoun, or "the/its/his/her/their" and up to three words), a few auxiliaries, then
# a reporting verb and "that": the rest of the sentence is someone's reported words.
_REPORTED_OPENING = r"""^\W*(?:he|she|it|(?:the|this|that|its|his|her|their)(?:\s+[\w'’-]+){1,3}?)\s+
    (?:(?:had|has|have|was|were|is|also|previously|repeatedly|long)\s+)*(?:%s)\s+that\b"""


def _reported_claim(text: str, phrase: str) -> bool:
    """Whether the stock phrase is inside a definite source's reported claim ("The company had argued that ...")."""
    match = _reported_pattern().match(text)
    return bool(match) and text.lower().find(phrase.lower(), match.end()) >= 0


@functools.lru_cache(maxsize=1)
def _reported_pattern() -> re.Pattern[str]:
    cues = "|".join(re.escape(cue) for cue in sorted(load_lexicon("seo_reported_cues"), key=len, reverse=True))
    return re.compile(_REPORTED_OPENING % cues, re.IGNORECASE | re.VERBOSE)


#: A sentence shorter than this with no closing stop is a fragment (a cut-off text), not a sentence of filler.
FRAGMENT_WORDS = 8


def _fragment(sentence: Sentence) -> bool:
    text = sentence.text.strip()
    return len(text.split()) < FRAGMENT_WORDS and not ENDS_SENTENCE.search(text)


def _proper_names(article: Article) -> frozenset[str]:
    """Words the article capitalises in mid-sentence and never writes in lower case.

    This decides whether a capitalised first word ("Ortiz said ...") is a name or
    just the start of the sentence, without a dictionary or a tagger.
    """
    capitalised: set[str] = set()
    lower: set[str] = set()
    for sentence in article.sentences:
        if article.paragraphs[sentence.paragraph].is_heading:
            continue
        for position, token in enumerate(TOKEN.findall(sentence.text)):
            if token[0].isupper():
                if position > 0:
                    capitalised.add(token)
            elif token[0].isalpha():
                lower.add(token)
    return frozenset(word for word in capitalised if word.lower() not in lower)


def _is_concrete(sentence: Sentence, names: frozenset[str]) -> bool:
    """A named person, organisation or place, a number, a date, or a quote."""
    text = straight_quotes(sentence.text)
    if _DIGIT.search(text) or _QUOTE.search(text):
        return True
    tokens = TOKEN.findall(text)
    for position, token in enumerate(tokens):
        lower = token.lower()
        if lower in NUMBER_WORDS or lower in _DATE_WORDS:
            return True
        if not token[0].isupper() or token == "I":
            continue
        if position > 0 or token in names or (len(tokens) > 1 and tokens[1][0].isupper()):
            return True
    return False

