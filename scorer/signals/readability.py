"""Readability: how hard the prose is, how its sentences vary, how varied its words are.

Reported news mixes short and long sentences and names many specific things;
template copy runs at one even length and reuses the same few words. Features:

* ``reading_ease`` (Flesch) and ``grade_level`` (Flesch-Kincaid), from our own
  sentence split -- it knows "Gov." and "U.S." do not end a sentence, and it
  leaves headings out, which textstat's regex split cannot do -- and textstat's
  syllable counts (the CMU dictionary bundled with textstat 0.7.8, no download);
* ``words_per_sentence``, ``sentence_length_std`` and ``sentence_length_cv``
  (the spread relative to the mean: the prose's rhythm);
* ``letters_per_word`` and ``polysyllable_share`` (words of three syllables or more);
* ``vocabulary_variety``: the moving-average type-token ratio over a fixed window,
  which unlike a plain type-token ratio does not fall as an article gets longer.

The sentence, word and variety measures are in :mod:`scorer.signals.measures`, beside
stylometry's (which differ: its table says how).

No findings: these describe the whole text, not a span.
"""
from __future__ import annotations

import functools

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, SignalResult
from scorer.core.text import WORD_RE
from scorer.signals.measures import body_sentences, mean_letters, moving_average_ttr, pstdev_float, sentence_words
from scorer.signals import syllables
from scorer.signals.registry import FamilySpec, feature_specs, register

FAMILY = "readability"
#: Bumped whenever a feature's definition changes, so a model trained on the old
#: definitions refuses to load instead of silently mis-scoring.
VERSION = "1"

#: Plain words for the explanations: feature → template filled with ``value``.
DESCRIPTIONS: dict[str, str] = {
    "reading_ease": "Flesch reading ease {value:.0f} (higher is easier; 60-70 is plain English)",
    "grade_level": "reading grade level {value:.1f} (US school years)",
    "words_per_sentence": "{value:.1f} words per sentence on average",
    "sentence_length_std": "sentence lengths spread by {value:.1f} words around their average",
    "sentence_length_cv": "sentence-length variation {value:.2f} (low means an even, monotonous rhythm)",
    "letters_per_word": "{value:.1f} letters per word on average",
    "polysyllable_share": "{value:.0%} of words have three or more syllables",
    "vocabulary_variety": "{value:.0%} distinct words in a typical 100-word stretch",
}

#: Words per window of the moving-average type-token ratio. 100 is long enough to
#: show repetition and short enough that most news articles hold several windows.
TTR_WINDOW = 100
#: Syllables from which a word counts as long ("polysyllable" in Gunning fog / SMOG).
POLYSYLLABLE = 3

# The published English coefficients (Flesch 1948; Kincaid et al. 1975), the same
# ones textstat applies; the inputs are computed here.
_FRE = (206.835, 1.015, 84.6)
_FKG = (0.39, 11.8, 15.59)


def analyze(article: Article, config: Config = DEFAULT_CONFIG) -> SignalResult:
    """Readability features of the body text of ``article`` (headings left out)."""
    tokens = sentence_words([s.text for s in body_sentences(article)], WORD_RE)
    lengths = [len(sentence) for sentence in tokens]
    words = [token.lower() for sentence in tokens for token in sentence]
    if not words:
        return SignalResult(FAMILY, {name: 0.0 for name in FEATURES})

    syllables = word_syllables(words)
    n_words, n_sentences = len(words), len(lengths)
    words_per_sentence = n_words / n_sentences
    syllables_per_word = sum(syllables) / n_words
    mean = words_per_sentence
    std = pstdev_float(lengths, mean)
    features = {
        "reading_ease": _FRE[0] - _FRE[1] * words_per_sentence - _FRE[2] * syllables_per_word,
        "grade_level": _FKG[0] * words_per_sentence + _FKG[1] * syllables_per_word - _FKG[2],
        "words_per_sentence": words_per_sentence,
        "sentence_length_std": std,
        "sentence_length_cv": std / mean,
        "letters_per_word": mean_letters(words),
        "polysyllable_share": sum(1 for count in syllables if count >= POLYSYLLABLE) / n_words,
        "vocabulary_variety": moving_average_ttr(words, TTR_WINDOW),
    }
    return SignalResult(FAMILY, features)


#: The feature names, in output order (an empty article gets all of them at 0).
FEATURES: tuple[str, ...] = tuple(DESCRIPTIONS)


def word_syllables(words: list[str]) -> list[int]:
    """:func:`syllable_count` of each lower-case :data:`~scorer.core.text.WORD_RE` word: a word of letters
    alone is read from the table directly; only the others go through the cache.

    A WORD_RE word holds letters, apostrophes and hyphens; for one of letters alone textstat's split gives
    the word itself, so its count is the table's (a table word with an apostrophe or a hyphen may count
    differently once split, so those go the long way). Read from the table (:func:`scorer.signals.syllables.table_counts`,
    which remembers the table words in use and a bounded set of those it lacks), the common words take no entries in
    this cache: a cache of every word met grew with each new word (about 180 bytes each) to its bound of
    100,000 words in a long batch.
    """
    counts = syllables.table_counts(words)
    return [syllable_count(word) if n is None or "'" in word or "-" in word else (n or 1) for word, n in zip(words, counts)]


#: Words :func:`syllable_count` remembers: words missing from the table (Pyphen's, slower) and words
#: textstat's split changes. New ones keep coming in a long batch (names, typos): bounded. A least-recently-used
#: cache keeps the words in use; past a few thousand entries it saved no measurable time and only held memory.
SYLLABLE_CACHE = 4_096


@functools.lru_cache(maxsize=SYLLABLE_CACHE)
def syllable_count(word: str) -> int:
    """Syllables of one lower-case word, as textstat counts them (CMU dictionary, Pyphen for unknown words).

    The counts come from the table shipped in the package (:mod:`scorer.signals.syllables`), so the
    CMU dictionary (a second and 73 MiB at first use) is never loaded while scoring.
    """
    return max(1, syllables.syllable_count(word))


SPEC = register(
    FamilySpec(
        name=FAMILY, version=VERSION, analyze=analyze,
        features=feature_specs(FEATURES, DESCRIPTIONS, ()),
        finding_kinds=(),
    )
)
