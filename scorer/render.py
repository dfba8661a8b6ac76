"""Render results: a readable table for people, JSON Lines for machines, HTML for reviewers."""
from __future__ import annotations

import json
from collections import Counter
from typing import Iterable

from scorer.core.document import ScoreResult
from scorer.core.text import words_phrase

FORMATS = ("table", "json", "html")


#: A reason raises (+) or lowers (−) the score, or is a note that moved nothing (!).
_REASON_MARK = {1: "+", -1: "−", 0: "!"}


def to_json_line(result: ScoreResult) -> str:
    """One output-contract object on one line."""
    return json.dumps(result.as_dict(), ensure_ascii=False)


#: Reasons are what sets an article apart from typical reported news; this says when nothing shown does
#: (measures whose direction means nothing to an editor may still move the score: they are never listed).
NO_REASONS = "nothing an editor can check sets it apart from typical reported news"

#: The table is for reading at a glance; JSON and the HTML review page carry every finding.
MAX_TABLE_FINDINGS = 10


def to_table(result: ScoreResult, *, detail: bool = True) -> str:
    """A short block per article: verdict line, then reasons and findings."""
    if result.error is not None:
        return f"{result.input}: error: {result.error}"
    article = result.article
    assert article is not None
    label = "LOW QUALITY" if result.label == "low_quality" else "ok"
    date_note = f"dated {article.date.isoformat()} ({_DATE_SOURCE_WORDS[article.date_source]})"
    verdict = f"score {result.score:.0f}/100  {label}" if result.score is not None else "no verdict (too short to judge)"
    lines = [f"{result.input}  {verdict}  ({words_phrase(article.words)}, {date_note})"]
    if not detail:
        return lines[0]
    if article.title:
        lines.append(f"  title: {article.title}")
    if result.reasons:
        lines.append("  why:")
        lines.extend(f"    {_REASON_MARK[(r.effect > 0) - (r.effect < 0)]} {r.message}" for r in result.reasons)
    elif result.score is not None:
        lines.append(f"  why: {NO_REASONS}")
    counts = Counter(f.kind for f in result.findings)
    if counts:
        lines.append("  findings: " + ", ".join(f"{n} {kind}" for kind, n in counts.most_common()))
        shown = [f for f in result.findings if f.kind in _SHOWN_KINDS]
        # Stale facts first: they are the most concrete thing an editor can check.
        shown.sort(key=lambda f: (f.kind != "anachronism", f.start))
        for finding in shown[:MAX_TABLE_FINDINGS]:
            lines.append(f"    [{finding.kind}] {_clip(finding.text)} — {finding.message}")
        if len(shown) > MAX_TABLE_FINDINGS:
            lines.append(f"    … {len(shown) - MAX_TABLE_FINDINGS} more (all of them with --format json or --format html)")
    removed = Counter(r.kind for r in article.removed)
    if removed:
        lines.append("  removed: " + ", ".join(f"{n} {kind}" for kind, n in removed.most_common()))
    return "\n".join(lines)


def counts_line(scored: int, low_quality: int, errors: int) -> str:
    """The summary line from counts (a batch keeps counts, not its results: memory flat in its length)."""
    return f"{scored} scored, {low_quality} low_quality, {errors} error{'s' if errors != 1 else ''}"


def to_html(results: Iterable[ScoreResult]) -> str:
    """The review page (:mod:`scorer.review`): each article with every finding highlighted."""
    from scorer.review import render_review  # deferred: jinja2 and the templates only for --format html

    return render_review(list(results))


def _clip(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[:limit - 1]}…”"


# Findings that tell an editor where to look; quotes and named sources are only counted.
_SHOWN_KINDS = {"anachronism", "vague_attribution", "filler", "redundancy", "seo_block"}
_DATE_SOURCE_WORDS = {
    "metadata": "from the page",
    "option": "from --date",
    "text": "from the dateline",
    "today": "no date found: assumed today; pass --date YYYY-MM-DD",
}

