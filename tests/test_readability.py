"""Readability signal: reading ease, grade, sentence rhythm, word length, vocabulary variety."""
from __future__ import annotations

import random

import pytest

from scorer.signals import measures, readability
from signal_helpers import make_article

SIMPLE = "The cat sat on the mat. The dog ran to the park. We had fun in the yard. It was a good day."
DENSE = (
    "Comprehensive infrastructure modernization necessitates intergovernmental coordination, "
    "particularly regarding environmental remediation responsibilities and municipal appropriations. "
    "Administrative considerations surrounding implementation methodologies additionally complicate "
    "organizational accountability mechanisms throughout jurisdictional boundaries."
)
EVEN = " ".join(["The council met in the old hall on Main Street today."] * 6)
VARIED = (
    "It passed. "
    "The council met for four hours in the old hall on Main Street before a crowd of angry residents who "
    "wanted answers about their water bills and the lead found in their pipes last summer. "
    "Then it voted. "
    "Nobody left happy, and several people said they would return next month with more questions. "
    "Why? "
    "Because the bills keep rising."
)


# (case id, text, feature, predicate on the value)
CASES = [
    ("short plain words read easily", SIMPLE, "reading_ease", lambda v: v > 90),
    ("short plain words have a low grade", SIMPLE, "grade_level", lambda v: v < 3),
    ("long latinate sentences read hard", DENSE, "reading_ease", lambda v: v < 0),
    ("long latinate sentences have a high grade", DENSE, "grade_level", lambda v: v > 18),
    ("long latinate words are long", DENSE, "letters_per_word", lambda v: v > 8),
    ("long latinate words are polysyllables", DENSE, "polysyllable_share", lambda v: v > 0.5),
    ("plain words are short", SIMPLE, "letters_per_word", lambda v: v < 3.5),
    ("plain words are rarely polysyllables", SIMPLE, "polysyllable_share", lambda v: v < 0.05),
    ("sentences of one length have no spread", EVEN, "sentence_length_cv", lambda v: v == 0),
    ("sentences of many lengths have a wide spread", VARIED, "sentence_length_cv", lambda v: v > 0.8),
    ("mean sentence length", SIMPLE, "words_per_sentence", lambda v: v == pytest.approx(23 / 4)),
    ("the same sentence again and again has little variety", EVEN, "vocabulary_variety", lambda v: v < 0.25),
    ("varied prose has much variety", VARIED, "vocabulary_variety", lambda v: v > 0.7),
    ("headings are left out of sentence lengths", "Vote\nThe council met in the old hall today.\nResult\nThe council met in the old hall today.", "sentence_length_cv", lambda v: v == 0),
    ("abbreviations do not split sentences", "Gov. Ann Lee met U.S. officials in Washington on Jan. 5 to discuss it.", "words_per_sentence", lambda v: v == 14),
]


@pytest.mark.parametrize("case, text, feature, check", CASES, ids=[c[0] for c in CASES])
def test_readability(case, text, feature, check):
    value = readability.analyze(make_article(text)).features[feature]
    assert check(value), f"{feature} = {value}"


def _random_prose(words: int, seed: int) -> str:
    """Sentences drawn from one fixed 400-word vocabulary: the same "style" at any length."""
    rng = random.Random(seed)
    vocabulary = [f"w{index}" for index in range(400)]
    out, sentence = [], []
    for _ in range(words):
        sentence.append(rng.choice(vocabulary))
        if len(sentence) >= rng.randint(8, 25):
            out.append("Word " + " ".join(sentence) + ".")
            sentence = []
    return " ".join(out)


def _letters(text: str) -> str:
    # WORD_RE needs letters; map digits to letters so the synthetic words count as words.
    return text.translate(str.maketrans("0123456789", "abcdefghij"))


def test_vocabulary_variety_does_not_depend_on_length():
    short = readability.analyze(make_article(_letters(_random_prose(300, 1)))).features["vocabulary_variety"]
    long = readability.analyze(make_article(_letters(_random_prose(3000, 2)))).features["vocabulary_variety"]
    assert short == pytest.approx(long, abs=0.05)


def test_moving_average_ttr():
    assert measures.moving_average_ttr([], 3) == 0
    assert measures.moving_average_ttr(["a", "b", "a"], 5) == pytest.approx(2 / 3)
    # windows: (a b c)=3, (b c a)=3, (c a a)=2 → mean 8/9 of 3
    assert measures.moving_average_ttr(["a", "b", "c", "a", "a"], 3) == pytest.approx(8 / 9)


def test_strided_ttr_is_plain_ttr_for_short_texts_and_samples_windows_for_long_ones():
    assert measures.strided_average_ttr([], 3) == 0
    assert measures.strided_average_ttr(["a", "b", "a"], 5) == pytest.approx(2 / 3)
    # 200 words, window 3: windows start every (200 - 3) // 40 = 4 words, not at every word.
    words = ["a", "b", "c", "a", "a"] * 40
    step = (len(words) - 3) // 40
    sampled = [len(set(words[i:i + 3])) / 3 for i in range(0, len(words) - 2, step)]
    assert measures.strided_average_ttr(words, 3) == pytest.approx(sum(sampled) / len(sampled))
    assert measures.strided_average_ttr(words, 3) != measures.moving_average_ttr(words, 3)


def test_empty_article_has_zero_features_and_no_findings():
    result = readability.analyze(make_article(""))
    assert set(result.features) == set(readability.FEATURES)
    assert all(value == 0 for value in result.features.values())
    assert result.findings == ()


def test_same_feature_names_for_every_article():
    assert set(readability.analyze(make_article(SIMPLE)).features) == set(readability.FEATURES)


def test_every_feature_has_a_description():
    features = readability.analyze(make_article(SIMPLE)).features
    assert set(readability.DESCRIPTIONS) == set(features)
    for name, template in readability.DESCRIPTIONS.items():
        assert template.format(value=features[name])


def test_word_syllables_reads_plain_words_from_the_table_and_counts_every_word_as_the_cached_path_does():
    # The fast path (a WORD_RE word of letters alone read from the table) must give what textstat's split
    # and the table give: checked on table words with apostrophes and hyphens (which the split changes),
    # plain table words, and words the table lacks (Pyphen's), all lower case as the family passes them.
    from scorer.core.text import WORD_RE
    from scorer.signals import syllables

    table = syllables.table()
    rng = random.Random(7)
    marked = sorted(k for k in table if WORD_RE.fullmatch(k) and ("'" in k or "-" in k))
    plain = rng.sample(sorted(k for k in table if k.isalpha()), 300)
    unknown = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 14))) for _ in range(300)]
    hyphened = [f"{a}-{b}" for a, b in zip(plain[:50], plain[50:100])] + ["o’clock", "don’t", "'bout", "a-"]
    words = [w for w in marked + plain + unknown + hyphened if WORD_RE.fullmatch(w)]
    assert marked and any(w not in table for w in unknown)
    expected = [max(1, syllables.syllable_count(w)) for w in words]
    assert readability.word_syllables(words) == expected
    assert [readability.syllable_count(w) for w in words] == expected
