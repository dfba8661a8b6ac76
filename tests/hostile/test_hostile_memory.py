"""Memory bounded whatever the input: the analysis reads a bounded text, the extractor a bounded page.

A 5 MB input once peaked at 1.3-1.7 GB (a token with no space: the wording model cut millions of
n-grams at once; a page of tiny elements: trafilatura's trees). The limits are asserted as
behaviour (what is cut, and that the output says so); one test measures a fresh process's
peak memory on those inputs against a generous bound, far under what they took before.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scorer.core.config import Config
from scorer.core.limits import MAX_TOKEN_CHARS, bound_text
from scorer.ingest.extract.bounds import bound_page, drop_unread
from scorer.pipeline import article_from_text, score_article

from .conftest import PARAGRAPH, TODAY

pytestmark = pytest.mark.timeout(600)


@pytest.mark.parametrize("length", [1, 50, MAX_TOKEN_CHARS - 1, MAX_TOKEN_CHARS, MAX_TOKEN_CHARS + 1, 3 * MAX_TOKEN_CHARS, 100_000])
@pytest.mark.parametrize("where", ["alone", "start", "middle", "end"])
def test_no_token_longer_than_the_limit_reaches_the_analysis(length, where):
    token = "x@" * (length // 2) + "x" * (length % 2)
    text = {"alone": token, "start": token + " " + PARAGRAPH, "middle": PARAGRAPH + token + "\n" + PARAGRAPH,
            "end": PARAGRAPH + token}[where]
    bounded, notes = bound_text(text)
    assert max(len(word) for word in bounded.split()) <= MAX_TOKEN_CHARS
    if length <= MAX_TOKEN_CHARS:
        assert bounded == text and notes == ()  # nothing else is touched
    else:
        assert bounded == text.replace(token, token[:MAX_TOKEN_CHARS]) and "1 run of over" in notes[0]


def test_the_analysed_text_is_cut_at_a_paragraph_and_says_so():
    text = PARAGRAPH * 40
    bounded, notes = bound_text(text, max_chars=3000)
    assert len(bounded) <= 3000 and text.startswith(bounded) and bounded.endswith("\n")
    assert notes == (f"only the first {len(bounded):,} characters of {len(text):,} were analysed (the limit is 3,000 per article)",)
    assert bound_text(text, max_chars=len(text)) == (text, ())


def test_a_long_article_is_scored_on_its_start_and_the_output_says_so():
    config = Config(today=TODAY, max_chars=2000)
    article = article_from_text(PARAGRAPH * 30, config=config)
    assert len(article.text) <= 2000 and len(article.limits) == 1
    result = score_article(article, config)
    assert result.reasons[0].feature == "article.limits" and "only the first" in result.reasons[0].message
    assert json.loads(json.dumps(result.as_dict()))["article"]["limits"] == list(article.limits)
    whole = article_from_text(PARAGRAPH * 3, config=config)
    assert whole.limits == () and score_article(whole, config).reasons[0].feature != "article.limits"


def test_an_ordinary_page_reaches_the_extractor_unchanged():
    page = "<html><head><script>var a = '<p>';</script></head><body>" + f"<p>{PARAGRAPH}</p>" * 50 + "</body></html>"
    assert bound_page(page) == (page, None)


def test_what_the_extractor_never_reads_goes_first():
    page = ("<html><head><script>if (a < b) { x = '<div>' }</script><STYLE>p{}</STYLE><!-- <p>old</p> -->"
            '<script type="application/ld+json">{"author": "Jane Smith"}</script></head>'
            "<body><p>Kept.</p><script>unclosed <p>")
    assert drop_unread(page) == ('<html><head><script type="application/ld+json">{"author": "Jane Smith"}</script></head>'
                                 "<body><p>Kept.</p>")


@pytest.mark.parametrize("unit", ["<p>a</p>", "<a ", "<div>", "<br>"])
def test_a_page_of_tiny_elements_is_cut_at_the_tag_limit(unit):
    page = "<html><body>" + unit * 30_000
    bounded, note = bound_page(page, max_chars=1_000_000, max_tags=5_000)
    assert bounded.count("<") <= 5_000 and page.startswith(bounded) and "characters of the page's markup" in note


def test_a_long_page_is_cut_before_a_tag():
    page = "<html><body>" + f"<p>{PARAGRAPH}</p>" * 200
    bounded, note = bound_page(page, max_chars=10_000, max_tags=10_000)
    assert len(bounded) <= 10_000 and page.startswith(bounded) and page[len(bounded)] == "<" and note


_PEAK = r"""
import resource, sys
from scorer.core.config import Config
from scorer.model.loading import load_model
from scorer.pipeline import score_path
model = load_model()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
result = score_path(sys.argv[1], Config(time_limit=0), model)
print(before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, result.error)
"""

#: 5 MB inputs that peaked at 1.3 GB (long token) and 1.5 GB (tiny elements) before the limits.
_SHAPES = {
    "long_token": lambda n: (PARAGRAPH * 10 + "a" * n)[:n],
    "tiny_elements": lambda n: ("<html><body>" + "<p>a</p>" * (n // 8))[:n],
    "email_runs": lambda n: (PARAGRAPH * 10 + "a@" * (n // 2))[:n],
}


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_a_5_mb_input_stays_within_a_few_hundred_mb(tmp_path, shape):
    path = tmp_path / "case.html"
    path.write_text(_SHAPES[shape](4_900_000))
    done = subprocess.run([sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, timeout=300,
                          env={"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    model_mb, peak_mb, _ = done.stdout.split(maxsplit=2)
    # Generous (the benchmark measures ~300 MB); before the limits these took 1,300-1,700 MB.
    assert float(peak_mb) - float(model_mb) < 400, done.stdout
