"""The review page an editor works from: one Jinja2 template for `scorer score --format html`,
the HTTP API (``GET /v1/review/{id}``) and ``scorer compare --format html``.

Every finding is highlighted, overlapping ones included: the text is cut at every
finding boundary into segments, and each segment lists the findings that cover it
(``data-f="3 7"``), so nested and crossing spans stay well-formed HTML. A click on a
segment shows the messages of every finding over it; the side list holds them all.
Everything from the article is escaped by the template engine (autoescape).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

import jinja2

import scorer

#: How the page says where the article's date came from (output contract ``date_source``).
DATE_SOURCE_WORDS = {
    "metadata": "from page metadata",
    "option": "given with --date",
    "text": "found in the text",
    "today": "assumed: today (no date in the page; pass a date to fix it)",
}
#: The same, for pages the HTTP API serves (the date came in the request, not on a command line).
API_DATE_SOURCE_WORDS = {**DATE_SOURCE_WORDS, "option": "given in the request"}

KIND_LABELS = {
    "anachronism": "stale fact",
    "vague_attribution": "vague attribution",
    "hedge": "hedge",
    "filler": "filler",
    "redundancy": "repetition",
    "seo_block": "SEO block",
    "quote": "quote",
    "named_source": "named source",
    "number": "number",
    "date": "date",
    "name": "name",
    "title": "title",
}


@dataclass(frozen=True)
class Mark:
    """A span to highlight: ``id`` is unique on the page."""

    id: str
    kind: str
    start: int
    end: int
    text: str
    message: str


@dataclass
class Piece:
    text: str
    marks: list[Mark] = field(default_factory=list)
    sentence: int | None = None
    sentence_kind: str | None = None

    @property
    def mark_ids(self) -> str:
        return " ".join(m.id for m in self.marks)

    @property
    def classes(self) -> str:
        kinds = sorted({f"k-{m.kind}" for m in self.marks})
        depth = min(len(self.marks), 3)
        return " ".join(["hl", f"depth{depth}", *kinds])

    @property
    def title(self) -> str:
        return " | ".join(f"{KIND_LABELS.get(m.kind, m.kind)}: {m.message}" for m in self.marks)


@dataclass
class Block:
    heading: bool
    level: int
    pieces: list[Piece]


def segment(article: "scorer.Article", marks: Sequence[Mark], sentence_kinds: dict[int, str] | None = None) -> list[Block]:
    """The article's paragraphs cut into pieces at every mark and sentence boundary."""
    text = article.text
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    blocks = []
    sentences = list(enumerate(article.sentences))
    for para in article.paragraphs:
        start = para.start
        level = 0
        if para.is_heading:
            stripped = text[para.start:para.end]
            hashes = len(stripped) - len(stripped.lstrip("#"))
            if hashes:
                level = min(hashes + 1, 6)
                start = para.start + hashes
                while start < para.end and text[start] == " ":
                    start += 1
            else:
                level = 3
        cuts = {start, para.end}
        for m in marks:
            for b in (m.start, m.end):
                if start < b < para.end:
                    cuts.add(b)
        in_para = [(i, s) for i, s in sentences if s.start < para.end and s.end > start]
        if sentence_kinds is not None:
            for _, s in in_para:
                for b in (s.start, s.end):
                    if start < b < para.end:
                        cuts.add(b)
        points = sorted(cuts)
        pieces = []
        for a, b in zip(points, points[1:]):
            covering = [m for m in marks if m.start <= a and m.end >= b]
            piece = Piece(text[a:b], covering)
            if sentence_kinds is not None:
                for i, s in in_para:
                    if s.start <= a and s.end >= b:
                        piece.sentence, piece.sentence_kind = i, sentence_kinds.get(i)
                        break
            pieces.append(piece)
        blocks.append(Block(bool(level), level, pieces))
    return blocks


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("scorer.review", "templates"),
    autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def score_colour(result: "scorer.ScoreResult") -> str:
    if result.label == "low_quality":
        return "low"
    return "ok" if (result.score or 0) >= 70 else "mid"


def result_view(result: "scorer.ScoreResult", index: int, date_words: dict[str, str]) -> dict:
    """What the template needs for one result."""
    if result.error is not None or result.article is None:
        return {"input": result.input, "error": result.error or "no article", "index": index}
    article = result.article
    marks = [Mark(f"r{index}f{i}", f.kind, f.start, f.end, f.text, f.message) for i, f in enumerate(result.findings)]
    return {
        "input": result.input,
        "error": None,
        "index": index,
        "article": article,
        "date_words": date_words.get(article.date_source, article.date_source),
        "result": result,
        "colour": score_colour(result),
        "reasons": [{"sign": "+" if r.effect > 0 else ("−" if r.effect < 0 else "·"), "effect": r.effect, "message": r.message,
                     "direction": "up" if r.effect > 0 else ("down" if r.effect < 0 else "note")} for r in result.reasons],
        "blocks": segment(article, marks),
        "marks": marks,
        "removed": list(article.removed),
    }


def render_review(results: Iterable["scorer.ScoreResult"], *, date_words: dict[str, str] = DATE_SOURCE_WORDS,
                  title: str = "scorer review") -> str:
    """The review page for one or more scored articles."""
    views = [result_view(r, i, date_words) for i, r in enumerate(results)]
    return _ENV.get_template("review.html.j2").render(views=views, page_title=title, kind_labels=KIND_LABELS,
                                                      version=scorer.__version__)


def render_compare(comparison) -> str:
    """The side-by-side page of a :class:`scorer.compare.Comparison`."""
    o_marks = [Mark(f"d{i}", c.kind, c.start, c.end, c.text, c.message) for i, c in enumerate(comparison.dropped)]
    r_marks = [Mark(f"a{i}", c.kind, c.start, c.end, c.text, c.message) for i, c in enumerate(comparison.added)]
    for i, c in enumerate(comparison.changed):
        r_marks.append(Mark(f"c{i}", "changed", c.start, c.end, c.text, c.message))
        if c.original is not None:
            o_marks.append(Mark(f"c{i}", "changed", c.original.start, c.original.end, c.original.text, c.message))
    r_kinds = {m.rewrite: m.kind for m in comparison.matches}
    o_kinds: dict[int, str] = {}
    links: dict[int, list[int]] = {}
    for m in comparison.matches:
        for i in m.original:
            links.setdefault(i, []).append(m.rewrite)
            if o_kinds.get(i) != "copied":
                o_kinds[i] = m.kind
    for i in range(len(comparison.original.sentences)):
        o_kinds.setdefault(i, "unused")
    return _ENV.get_template("compare.html.j2").render(
        c=comparison,
        d=comparison.as_dict(),
        o_blocks=segment(comparison.original, o_marks, o_kinds),
        r_blocks=segment(comparison.rewrite, r_marks, r_kinds),
        o_marks=o_marks,
        r_marks=r_marks,
        match_of={m.rewrite: list(m.original) for m in comparison.matches},
        links=links,
        kind_labels={**KIND_LABELS, "changed": "changed"},
        version=scorer.__version__,
    )
