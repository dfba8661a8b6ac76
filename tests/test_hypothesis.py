"""Whatever bytes or text arrive, the scorer answers with a result or a one-line error, never a crash."""
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.core.config import Config
from scorer.core.errors import ScorerError
from scorer.model.predictor import InterimRule
from scorer.pipeline import article_from_bytes, score_article

CONFIG = Config(today=dt.date(2026, 1, 22))
MODEL = InterimRule()  # the property is about the pipeline, not one model's weights

html_fragments = st.lists(
    st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<h2>", "</h2>", "<html>", "<body>", "<br>", "“", "Advertisement", "\n", "Mr. Smith said", ". ", "?", "2026", "former President"]) | st.text(max_size=40),
    max_size=60,
).map("".join)


def _check(data: bytes) -> None:
    try:
        article = article_from_bytes(data, config=CONFIG)
    except ScorerError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    result = score_article(article, CONFIG, MODEL)
    assert result.score is None or 0 <= result.score <= 100  # None: too short to judge
    for finding in result.findings:
        assert article.text[finding.start:finding.end] == finding.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(data):
    _check(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_fragments)
def test_arbitrary_html_like_text_never_crashes(text):
    _check(text.encode("utf-8", "surrogatepass"))


def test_deeply_nested_page_gives_a_result_or_an_error():
    page = ("<div>" * 50_000 + "<p>Deep text that goes on for a while.</p>" + "</div>" * 50_000).encode()
    _check(page)


def test_huge_single_line_does_not_hang():
    _check(("word " * 200_000).encode())
