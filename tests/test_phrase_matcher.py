"""The word look-up matcher finds exactly what phrase_pattern's regex finds.

Generated grids of phrases and texts built from pieces chosen to hit every rule of the definition:
case (including the characters re.IGNORECASE pairs beyond simple lower-casing: ſ/s, K/k, ı/i),
either apostrophe, hyphens and other punctuation against the word boundaries, whitespace runs of
several kinds, ``*`` wildcards, phrases that are prefixes of others and phrases of equal length.
Every packaged lexicon is compared on texts made of its own phrases.
"""
from __future__ import annotations

import os
import random
import re
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.knowledge.lexicons import load_lexicon, phrase_matcher, phrase_pattern
from scorer.knowledge.phrase_matcher import _canonical, _is_word, fold

WORDS = ["it", "is", "said", "Said", "SAID", "ſaid", "experts", "say", "says", "don't", "don’t", "well-known", "known",
         "U.S.", "u.s", "a", "an", "ab", "abc", "Kelvin", "\u212aelvin", "ıt", "İt", "ΣΑΣ", "σας", "ß", "café", "CAFÉ", "_x", "x_",
         "42", "4th", "co-op", "op", "(AP)", "ap", "’s", "'s"]
SEPARATORS = [" ", "  ", "\n", "\t", "\u00a0", "\u2003", "-", "—", "'", "’", ",", ".", "(", ")", "\"", "“", "", "_", "/"]


def _texts(rng: random.Random, count: int, words: list[str]) -> list[str]:
    return ["".join(rng.choice(words) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 14))) for _ in range(count)]


def _phrases(rng: random.Random, count: int) -> list[str]:
    pool = [w for w in WORDS if w[0].isalnum() or w[0] == "_"] + ["*"]
    phrases = []
    for _ in range(count):
        words = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
        if words[0] == "*":
            words[0] = "said"
        phrases.append(" ".join(words))
    return phrases


def _same(phrases: list[str], texts: list[str]) -> None:
    pattern, matcher = phrase_pattern(phrases), phrase_matcher(phrases)
    for text in texts:
        assert [m.span() for m in matcher.finditer(text)] == [m.span() for m in pattern.finditer(text)], (phrases, text)
        assert matcher.findall(text) == pattern.findall(text)
        found, expected = matcher.search(text), pattern.search(text)
        assert (found and found.span()) == (expected and expected.span())
        assert bool(matcher.fullmatch(text)) == bool(pattern.fullmatch(text)), (phrases, text)
        for pos in range(len(text) + 1):
            found, expected = matcher.match(text, pos), pattern.match(text, pos)
            assert (found and (found.span(), found.group())) == (expected and (expected.span(), expected.group())), (phrases, text, pos)


@pytest.mark.parametrize("seed", range(40))
def test_generated_grid_matches_the_regex(seed):
    rng = random.Random(seed)
    phrases = _phrases(rng, rng.randint(1, 12))
    words = WORDS + [w for p in phrases for w in p.split() if w != "*"]
    _same(phrases, _texts(rng, 30, words) + [" ".join(phrases), "  ".join(p.upper() for p in phrases)])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS + ["*"]), min_size=1, max_size=3), min_size=1, max_size=6),
       st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=16))
def test_hypothesis_phrases_and_texts_match_the_regex(phrase_words, pieces):
    phrases = [" ".join(["said" if i == 0 and w == "*" else w for i, w in enumerate(words)]) for words in phrase_words]
    _same(phrases, ["".join(w + s for w, s in pieces)])


def test_a_phrase_opening_with_punctuation_or_a_wildcard():
    _same(["(AP)", "’s view", "* said", "said"], ["(AP) said", "x (ap) it's view", "experts said", "(AP)(AP)", "-(ap)-"])


def test_ties_between_phrases_of_one_length_fall_as_in_the_regex():
    # Equal length, different match ends ("x y" stops at the hyphen, "x *" takes "y-z"): the regex keeps
    # the first in its sorted order, which the matcher reproduces in the same process.
    _same(["x y", "x *"], ["x y-z", "x y", "x y z"])


def _lexicon_names() -> list[str]:
    folder = resources.files("scorer.knowledge").joinpath("lexicons")
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))


@pytest.mark.parametrize("name", _lexicon_names())
def test_every_packaged_lexicon_matches_the_regex(name):
    phrases = load_lexicon(name)
    rng = random.Random(name)
    pieces = [w for p in phrases for w in p.split() if w != "*"] + WORDS
    texts = _texts(rng, 20, pieces) + [" ".join(phrases), ". ".join(p.title() for p in phrases)]
    pattern, matcher = phrase_pattern(phrases), phrase_matcher(phrases)
    for text in texts:
        assert [m.span() for m in matcher.finditer(text)] == [m.span() for m in pattern.finditer(text)], name


def test_fold_pairs_characters_exactly_as_ignorecase_does():
    # Every cased code point against the characters it could be paired with: its simple lower and upper
    # case and the extra pairs re adds. The regex decides; the fold must agree both ways.
    compiled: dict[str, re.Pattern[str]] = {}
    checked = 0
    for code in range(0x110000):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or char.lower() == char == char.upper():
            continue
        for other in {char.lower()[:1], char.upper()[:1], _canonical(char)}:
            pattern = compiled.setdefault(char, re.compile(re.escape(char), re.IGNORECASE))
            assert bool(pattern.fullmatch(other)) == (_canonical(char) == _canonical(other)), (hex(code), other)
            checked += 1
    assert checked > 2000


def test_fold_keeps_length_and_word_characters():
    text = "İstanbul ΟΔΟΣ Straße ſ \u212a don’t Ǆ ﬁ 42_x"
    assert len(fold(text)) == len(text)
    assert [_is_word(c) for c in fold(text)] == [_is_word(c) for c in text]


def test_word_characters_are_the_regex_word_class():
    word = re.compile(r"\w")
    assert all(bool(word.match(chr(c))) == _is_word(chr(c)) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


LINE_LISTS = {  # the cleaning's line patterns: lexicon → the tail its regex had after the alternation
    "ad_line": ("boilerplate_ad_markers", "$"), "chrome_line": ("boilerplate_chrome_lines", "$"),
    "chrome_start": ("boilerplate_chrome_starts", ""), "related_head": ("boilerplate_related_heads", "$"),
    "related_start": ("boilerplate_related_starts", r"\s*(?:[:|»›]|\s[-–—]\s)\s*\S"),
    "comment_head": ("boilerplate_comment_heads", "$"), "list_label": ("boilerplate_list_labels", "$"),
    "list_label_start": ("boilerplate_list_labels", r"\s*:\s*\S"),
}


@pytest.mark.parametrize("field", sorted(LINE_LISTS))
def test_cleaning_line_patterns_match_their_regex(field):
    from scorer.ingest.clean.lines import patterns

    name, tail = LINE_LISTS[field]
    phrases = load_lexicon(name)
    regex = re.compile(r"^(?:" + phrase_pattern(phrases).pattern + r")" + tail, re.IGNORECASE)
    line = getattr(patterns(), field)
    rng = random.Random(field)
    pieces = [w for p in phrases for w in p.split() if w != "*"] + WORDS + [":", "-", "»", "|", "—"]
    tails = ["", "\n", ":", ": x", " - x", " » x", "-x", "'s", " x", "  ", ":\n"]
    texts = [p.replace("*", rng.choice(WORDS)) + rng.choice(tails) for p in phrases for _ in range(3)]
    texts += ["".join(rng.choice(pieces) + rng.choice([" ", " ", "-", ": ", "\n"]) for _ in range(rng.randint(1, 6))) for _ in range(400)]
    for text in texts:
        found, expected = line.match(text), regex.match(text)
        assert (found is None) == (expected is None), (field, text)


def _looks_english_by_characters(text: str) -> bool:
    """style.looks_english as first written: one Python test per character (the reference for the fast one)."""
    from scorer.signals.style import STYLE_WORD, _function_words

    letters = sum(ch.isalpha() for ch in text)
    if letters == 0:
        return True
    if sum(ch.isascii() and ch.isalpha() for ch in text) / letters < 0.8:
        return False
    words = [w.lower().replace("’", "'") for w in STYLE_WORD.findall(text)]
    if len(words) < 30:
        return True
    return sum(w in _function_words() for w in words) / len(words) >= 0.2


@pytest.mark.parametrize("seed", range(10))
def test_looks_english_counts_letters_as_the_per_character_definition(seed):
    from scorer.signals.style import looks_english

    rng = random.Random(seed)
    pieces = ["the", "of", "and", "council", "Ελληνικά", "Привет", "café", "naïve", "x²", "42", "ſ", "İ", "ß", "日本", "’s", "_"]
    for _ in range(60):
        text = " ".join(rng.choice(pieces[: rng.randint(4, len(pieces))]) for _ in range(rng.randint(0, 120)))
        assert looks_english(text) == _looks_english_by_characters(text), text


def test_phrases_of_one_length_are_tried_in_the_same_order_in_every_process():
    # Ties used to fall in set order, which follows the hash seed: the match below differed by process.
    import subprocess
    import sys

    code = ("from scorer.knowledge.lexicons import phrase_pattern, phrase_matcher\n"
            "phrases = ['x y', 'x *', 'a b', 'a *', 'q r', 'q *']\n"
            "text = 'x y-z and a b-c and q r-s'\n"
            "print([m.group() for m in phrase_pattern(phrases).finditer(text)],"
            " [m.group() for m in phrase_matcher(phrases).finditer(text)])")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(outputs) == 1, outputs
    assert outputs.pop().strip() == "['x y-z', 'a b-c', 'q r-s'] ['x y-z', 'a b-c', 'q r-s']"
