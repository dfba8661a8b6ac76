"""Every signal family that exists: never crashes, finite features, findings that index the text."""
from __future__ import annotations

import importlib.util
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.signals import FAMILIES, family as registered
from signal_helpers import make_article

PRESENT = [f for f in FAMILIES if importlib.util.find_spec(f"scorer.signals.{f}") is not None]

# Text with the shapes that trip segmentation: headings, questions, bullets, quotes, digits, blank lines.
_PIECES = st.sampled_from(
    ["\n", "\n\n", ". ", "? ", "FAQ", "Key Points", "What happened?", "- ", "\"", "“", "”", "7-2", "$4.2 million",
     "It remains to be seen", "pivotal role", "By Admin", "Mr. ", "U.S. ", "the council voted", "Ann Cole said", " "]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(_PIECES, max_size=60).map("".join))


@pytest.mark.parametrize("family", PRESENT)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_never_crashes_and_stays_well_formed(family, text):
    article = make_article(text)
    result = registered(family).analyze(article)
    assert result.family == family
    for name, value in result.features.items():
        assert math.isfinite(value), f"{family}.{name} = {value}"
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(article.text)
        assert article.text[finding.start:finding.end] == finding.text
        assert finding.message and "\n" not in finding.message


@pytest.mark.parametrize("family", PRESENT)
def test_feature_names_do_not_depend_on_the_text(family, fixtures):
    analyze = registered(family).analyze
    names = {
        frozenset(analyze(make_article(text)).features)
        for text in ("", "One line.", (fixtures / "pair" / "padded.txt").read_text(encoding="utf-8"))
    }
    assert len(names) == 1
