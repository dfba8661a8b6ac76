"""Stylometric features: how the text is written, independent of what it says.

Machine rewrites and padded copy differ from reported news less in topic than in
rhythm: sentences of even length, few numbers and names, few quotes, many stock
connectives ("Additionally", "Moreover", "crucial"), template placeholders left in
("[Your Name]"). Every feature here is a rate or a share an editor can check by
eye, so each can be turned into a plain-words reason.

``analyze(article, config) -> SignalResult`` like a signal family; the featurizer
adds these as ``style.<name>``. The output contract's ``signals`` keeps only the
seven families, so this family registers with ``in_output=False`` (model-only).

Sentence lengths, word length and vocabulary variety come from :mod:`scorer.signals.measures`;
its table says how they differ from readability's.
"""
from __future__ import annotations

import functools
import math
import re
import statistics
import string
from collections import Counter

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, SignalResult
from scorer.knowledge.lexicons import lexicon_matcher, load_lexicon
from scorer.signals.measures import STYLE_WORD, body_sentences, mean_characters, pstdev_exact, sentence_words, strided_average_ttr
from scorer.signals.registry import FamilySpec, feature_specs, register

#: Bumped whenever a feature's definition changes, so a model trained on the old
#: definitions refuses to load instead of silently mis-scoring.
VERSION = "2"

FAMILY = "style"

_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*")
_QUOTE_MARKS = re.compile(r"[\"“”]")
_PLACEHOLDER = re.compile(r"\[(?:[^\]\n]{0,40}\b(?:your|insert|name|date|source|link|location|city)\b[^\]\n]{0,40})\]", re.IGNORECASE)
_CONTRACTION = re.compile(r"\b[A-Za-z]+['’](?:s|t|re|ve|ll|d|m)\b", re.IGNORECASE)
_LY_ADVERB = re.compile(r"\b[a-z]{3,}ly\b")
_ABSTRACT = re.compile(r"^[a-z]{4,}(?:tion|sion|ment|ness|ity|ance|ence|ism)s?$")
_TIME_REFERENCE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|"
    r"september|october|november|december|yesterday|tonight|last (?:week|month|year|night)|\d+ (?:days|weeks|months|years) ago)\b",
    re.IGNORECASE,
)
_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
_SECOND_PERSON = frozenset({"you", "your", "yours"})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SAID = re.compile(r"\b(?:said|says)\b", re.IGNORECASE)
_OPENER = re.compile(
    r"^\W*(?:additionally|furthermore|moreover|however|overall|ultimately|in addition|in conclusion|"
    r"in summary|meanwhile|notably|importantly|consequently|therefore|thus|as a result|on the other hand|"
    r"in fact|indeed|nevertheless|nonetheless)\b",
    re.IGNORECASE,
)

#: Plain-words descriptions used by the explanations: feature → (what one unit is, format).
DESCRIPTIONS: dict[str, str] = {
    "sentence_length_mean": "{value:.0f} words per sentence on average",
    "sentence_length_variation": "sentence lengths vary by {value:.0%} around their average",
    "long_sentence_share": "{value:.0%} of sentences are longer than 35 words",
    "short_sentence_share": "{value:.0%} of sentences are shorter than 8 words",
    "commas_per_sentence": "{value:.1f} commas per sentence",
    "function_word_share": "{value:.0%} of words are function words (the, of, and, ...)",
    "first_person_per_1000_words": "{value:.1f} first-person pronouns (I, we) per 1,000 words",
    "second_person_per_1000_words": "{value:.1f} second-person pronouns (you) per 1,000 words",
    "numbers_per_1000_words": "{value:.1f} figures (numbers, dates, amounts) per 1,000 words",
    "capitalised_word_share": "{value:.0%} of words inside sentences are capitalised names",
    "quote_marks_per_1000_words": "{value:.1f} quotation marks per 1,000 words",
    "exclamations_per_1000_words": "{value:.1f} exclamation marks per 1,000 words",
    "questions_per_1000_words": "{value:.1f} question marks per 1,000 words",
    "parentheses_per_1000_words": "{value:.1f} parentheses per 1,000 words",
    "dashes_per_1000_words": "{value:.1f} dashes per 1,000 words",
    "colons_per_1000_words": "{value:.1f} colons per 1,000 words",
    "semicolons_per_1000_words": "{value:.1f} semicolons per 1,000 words",
    "contractions_per_1000_words": "{value:.1f} contractions (it's, don't) per 1,000 words",
    "vocabulary_variety": "{value:.0%} distinct words in a typical 50-word stretch",
    "word_length_mean": "{value:.1f} letters per word on average",
    "stock_phrases_per_1000_words": "{value:.1f} stock connectives and buzzwords (additionally, crucial, ...) per 1,000 words",
    "connective_openers_share": "{value:.0%} of sentences open with a connective (Additionally, Moreover, However, ...)",
    "placeholders": "{value:.0f} template placeholders left in the text ([Your Name], [Insert ...])",
    "sentence_length_jump": "consecutive sentences differ in length by {value:.0%} of the average",
    "sentence_openers_variety": "{value:.0%} of sentences start with a word no earlier sentence started with",
    "ly_adverbs_per_1000_words": "{value:.1f} -ly adverbs per 1,000 words",
    "abstract_nouns_share": "{value:.0%} of words are abstract nouns (-tion, -ment, -ity, ...)",
    "time_references_per_1000_words": "{value:.1f} concrete time references (Monday, March, yesterday, last week) per 1,000 words",
    "said_per_1000_words": "{value:.1f} uses of \"said\"/\"says\" per 1,000 words",
    "sensational_words_per_1000_words": "{value:.1f} sensational words (shocking, bombshell, jaw-dropping, ...) per 1,000 words",
}

FEATURES: tuple[str, ...] = tuple(DESCRIPTIONS)


@functools.lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(word.lower() for word in load_lexicon("style_function_words"))


def _rate(count: float, words: int) -> float:
    return 1000.0 * count / max(words, 1)


def looks_english(text: str) -> bool:
    """False for text that is clearly not English: the features were learned on English news.

    Mostly non-Latin letters, or (from 30 words on) almost no English function words.
    """
    # Counted with str/bytes methods, not a Python loop over every character (a few ms per article):
    # the ASCII letters are those an ASCII-only copy loses to translate(); the other characters are few.
    ascii_only = text.encode("ascii", "ignore")
    ascii_letters = len(ascii_only) - len(ascii_only.translate(None, _ASCII_LETTERS))
    letters = ascii_letters
    if len(ascii_only) != len(text):
        letters += sum(ch.isalpha() for ch in _NON_ASCII.findall(text))
    if letters == 0:
        return True
    if ascii_letters / letters < 0.8:
        return False
    words = [w.lower().replace("’", "'") for w in STYLE_WORD.findall(text)]
    if len(words) < 30:
        return True
    function_words = _function_words()
    return sum(w in function_words for w in words) / len(words) >= 0.2


def analyze(article: Article, config: Config = DEFAULT_CONFIG) -> SignalResult:
    """Stylometric rates of ``article`` (no findings: these are properties of the whole text)."""
    text = article.text
    words = STYLE_WORD.findall(text)
    n_words = len(words)
    lower = [w.lower().replace("’", "'") for w in words]
    function_words = _function_words()
    # Word-list shares counted over the distinct words (the same integer counts as one test per word).
    counts = Counter(lower)

    def tally(vocabulary: frozenset[str] | set[str]) -> int:
        return sum(counts[w] for w in vocabulary & counts.keys())

    # Sentences: headings are not sentences for rhythm purposes.
    sentences = [s.text for s in body_sentences(article)]
    sentence_tokens = sentence_words(sentences, STYLE_WORD)
    lengths = [len(tokens) for tokens in sentence_tokens]
    mean_len = statistics.fmean(lengths) if lengths else 0.0
    variation = pstdev_exact(lengths) / mean_len if len(lengths) > 1 and mean_len else 0.0
    jumps = [abs(a - b) for a, b in zip(lengths, lengths[1:])]
    jump = statistics.fmean(jumps) / mean_len if jumps and mean_len else 0.0
    openers = [tokens[0].lower() for tokens in sentence_tokens]
    seen: set[str] = set()
    fresh = 0
    for opener in openers:
        fresh += opener not in seen
        seen.add(opener)
    n_sent = max(len(lengths), 1)

    # Capitalised words that do not start a sentence: names, places, organisations.
    inner_capitals = 0
    inner_words = 0
    for tokens in sentence_tokens:
        for token in tokens[1:]:
            inner_words += 1
            if token[0].isupper() and token.lower() not in function_words:
                inner_capitals += 1

    features = {
        "sentence_length_mean": mean_len,
        "sentence_length_variation": variation,
        "long_sentence_share": sum(n > 35 for n in lengths) / n_sent,
        "short_sentence_share": sum(n < 8 for n in lengths) / n_sent,
        "commas_per_sentence": sum(s.count(",") for s in sentences) / n_sent,
        "function_word_share": tally(function_words) / max(n_words, 1),
        "first_person_per_1000_words": _rate(tally(_FIRST_PERSON), n_words),
        "second_person_per_1000_words": _rate(tally(_SECOND_PERSON), n_words),
        "numbers_per_1000_words": _rate(len(_NUMBER.findall(text)), n_words),
        "capitalised_word_share": inner_capitals / max(inner_words, 1),
        "quote_marks_per_1000_words": _rate(len(_QUOTE_MARKS.findall(text)), n_words),
        "exclamations_per_1000_words": _rate(text.count("!"), n_words),
        "questions_per_1000_words": _rate(text.count("?"), n_words),
        "parentheses_per_1000_words": _rate(text.count("("), n_words),
        "dashes_per_1000_words": _rate(text.count("—") + text.count("–") + text.count(" - "), n_words),
        "colons_per_1000_words": _rate(text.count(":"), n_words),
        "semicolons_per_1000_words": _rate(text.count(";"), n_words),
        "contractions_per_1000_words": _rate(len(_CONTRACTION.findall(text)), n_words),
        "vocabulary_variety": strided_average_ttr(lower),
        "word_length_mean": mean_characters(words),
        "stock_phrases_per_1000_words": _rate(len(lexicon_matcher("style_stock_phrases").findall(text)), n_words),
        "connective_openers_share": sum(bool(_OPENER.match(s)) for s in sentences) / n_sent,
        "placeholders": float(len(_PLACEHOLDER.findall(text))),
        "sentence_length_jump": jump,
        "sentence_openers_variety": fresh / max(len(openers), 1),
        "ly_adverbs_per_1000_words": _rate(len(_LY_ADVERB.findall(text)), n_words),
        "abstract_nouns_share": sum(n for w, n in counts.items() if _ABSTRACT.match(w)) / max(n_words, 1),
        "time_references_per_1000_words": _rate(len(_TIME_REFERENCE.findall(text)), n_words),
        "said_per_1000_words": _rate(len(_SAID.findall(text)), n_words),
        "sensational_words_per_1000_words": _rate(len(lexicon_matcher("style_sensational_words").findall(text)), n_words),
    }
    return SignalResult(family=FAMILY, features={k: float(v) if math.isfinite(v) else 0.0 for k, v in features.items()})


SPEC = register(
    FamilySpec(
        name=FAMILY, version=VERSION, analyze=analyze,
        features=feature_specs(FEATURES, DESCRIPTIONS, ()),
        finding_kinds=(), in_output=False,
    )
)
