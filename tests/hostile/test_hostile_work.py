"""Work that exploded under the 5 MB cap: linear-time analysis, capped quadratic steps, a time budget."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from scorer import api
from scorer.core.config import Config
from scorer.core.errors import ScorerError
from scorer.core.limits import Deadline, TimeLimitError, budget_seconds
from scorer.ingest.extract import flatten_deep_nesting, merge_interior_gaps
from scorer.pipeline import score_path
from scorer.signals.padding import words as padding

from .conftest import PARAGRAPH, TODAY

pytestmark = pytest.mark.timeout(600)

CONFIG = Config(today=TODAY, time_limit=0)  # the bounds below are measured, not enforced


def _score(text: str, config: Config = CONFIG):
    try:
        return api.score_text(text, config=config)
    except ScorerError as exc:
        return exc


@pytest.mark.parametrize("token", ["a" * 100_000, "a@" * 50_000, "a-" * 50_000, "a." * 50_000, "x" * 50_000 + "@" + "y" * 50_000,
                                   ".@" * 50_000, "www." * 25_000, "-" * 100_000])
def test_url_and_email_patterns_are_linear_on_one_long_token(token, cpu):
    with cpu() as timer:
        padding._URL.sub(" ", token)
    assert timer.seconds < 1.0


def test_url_and_email_patterns_find_what_they_found_before():
    text = "Mail joe@example.com, see www.site.org/x or http://a.b/c and bit.ly/abc; (jane@mail.example.co.uk)."
    assert padding._URL.findall(text) == ["joe@example.com", "www.site.org/x", "http://a.b/c", "bit.ly/abc;", "(jane@mail.example.co.uk"]


def test_a_100k_token_scores_in_bounded_time(cpu):
    with cpu() as timer:
        _score(PARAGRAPH * 3 + "a" * 100_000)
    assert timer.seconds < 15


def test_unterminated_tags_are_flattened_in_one_pass(cpu):
    html = "<html><body><p>Hi. " + "<a " * 20_000
    with cpu() as timer:
        flatten_deep_nesting(html, max_depth=20)
        flatten_deep_nesting(html + ">" + "<div>" * 300, max_depth=20)
    assert timer.seconds < 2


def test_many_tiny_equal_lines_are_not_compared_quadratically(cpu):
    lines = "\n".join(["a"] * 15_000)
    with cpu() as timer:
        merge_interior_gaps(lines, lines + "\nb")
    assert timer.seconds < 2


@pytest.mark.parametrize("page", [
    "<html><body><p>Hi. " + "<a " * 20_000,
    "<p>a</p>" * 15_000,
    "<html><body>" + "<div>" * 5_000 + PARAGRAPH + "</div>" * 5_000,
    "<html><body><!--" + "x" * 100_000,
    "<html><body><script>" + "<a " * 20_000,
])
def test_hostile_pages_finish_in_bounded_time(page, cpu):
    with cpu() as timer:
        _score(page)
    assert timer.seconds < 20


def test_the_time_budget_ends_the_article_with_one_line(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(PARAGRAPH * 200)
    result = score_path(str(path), Config(today=TODAY, time_limit=1e-6))
    assert result.error is not None and "time limit" in result.error and "\n" not in result.error
    # The same process goes on to score the next article normally.
    assert score_path(str(path), Config(today=TODAY)).error is None


def test_the_budget_grows_with_the_article():
    assert budget_seconds(5.0, 1_000) == 5.0
    assert budget_seconds(5.0, 600_000) == pytest.approx(50.0)
    assert Deadline.for_input(0, 10) is None
    with pytest.raises(TimeLimitError):
        Deadline(seconds=-1).check("a stage")


def test_the_api_raises_the_time_limit_as_a_scorer_error():
    with pytest.raises(ScorerError, match="time limit"):
        api.score_text(PARAGRAPH * 50, config=Config(today=TODAY, time_limit=1e-6))


_PIECES = st.sampled_from(["<a ", "<div>", "</div>", "<p>", "a", "-", "@", ".", "!!!", "?", "\"", "“", "www.", "http://", "x.com/",
                           "<!--", "<script>", " ", "\n", "#", "|", "—", "Mr.", "said", "<", ">", "&amp;", "<table><tr><td>"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pieces=st.lists(_PIECES, min_size=1, max_size=6), repeat=st.integers(500, 4_000), html=st.booleans())
def test_adversarial_shapes_finish_or_refuse_within_the_budget(pieces, repeat, html):
    body = "".join(pieces) * repeat
    text = ("<html><body><p>" + body) if html else (PARAGRAPH + body)
    config = Config(today=TODAY, time_limit=10.0)
    try:
        result = api.score_text(text, config=config)
    except ScorerError as exc:
        assert "\n" not in str(exc)
        return
    assert result.score is None or 0 <= result.score <= 100


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(depth=st.integers(300, 3_000), tag=st.sampled_from(["div", "span", "b", "a", "li", "table"]))
def test_deep_nesting_finishes(depth, tag):
    page = "<html><body>" + f"<{tag}>" * depth + PARAGRAPH + f"</{tag}>" * (depth // 2)
    _score(page)


def test_no_quadratic_regex_on_the_ingest_path_for_long_runs(cpu):
    # Every compiled pattern in ingest and core, on runs of the characters that start their matches.
    import scorer.core.text as text_module
    import scorer.ingest.dates as dates
    import scorer.ingest.load as load
    import scorer.ingest.segment as segment

    patterns = [v for m in (text_module, dates, load, segment) for v in vars(m).values() if isinstance(v, re.Pattern)]
    for pattern in patterns:
        for run in ("a" * 20_000, "A. " * 7_000, "<a " * 7_000, "1-" * 10_000, "\"" + "ab " * 7_000):
            sample = run.encode() if isinstance(pattern.pattern, bytes) else run
            with cpu() as timer:
                pattern.findall(sample)
            assert timer.seconds < 1.0, pattern.pattern


def _stuck_worker(conn, config):
    """A worker whose every article spins for ever inside one stage (no stage boundary to check)."""
    conn.send(("ready", None))
    conn.recv()
    while True:
        pass


def test_a_worker_stuck_inside_a_stage_is_killed_and_the_batch_goes_on(tmp_path, monkeypatch):
    """The stage-boundary check cannot stop a stage that never returns: the worker is killed once
    the article has used twice its budget plus a grace in CPU time, the article gets an error line,
    and a new worker takes the next file."""
    import scorer.cli.workers as workers

    monkeypatch.setattr(workers, "_worker_main", _stuck_worker)
    monkeypatch.setattr(workers, "_KILL_GRACE", 1.0)
    paths = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(PARAGRAPH)
        paths.append(str(tmp_path / name))
    results = list(workers.Workers(Config(today=TODAY, time_limit=0.5), 1).run(paths))
    assert [r.input for r in results] == paths
    assert all("time limit" in r.error and "\n" not in r.error for r in results)
