"""Turn cleaned text into an :class:`Article`: paragraphs, headings and sentences with offsets.

Sentence splitting is rule based on purpose: it must be fast, deterministic and
need no model download. It knows the abbreviations newsrooms use ("U.S.",
"Gov.", "Jan.") so that a dateline or a title does not end a sentence.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Sequence

from scorer.core.document import Article, Paragraph, Removal, Sentence
from scorer.core.text import MARKDOWN_HEADING

# Abbreviations after which a period does not end a sentence (lower-cased, without the final dot).
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen gov sen rep lt col capt cmdr sgt adm maj pres supt insp det rev hon
    jan feb apr jun jul aug sep sept oct nov dec tue tues thu thur thurs fri
    vs v etc approx inc ltd co corp bros dept univ assn ave blvd rd
    u.s u.k u.n e.u d.c a.m p.m i.e e.g u.s.a n.y l.a
    ala ariz ark calif colo conn fla ga kan ky la md mich minn mont neb nev okla pa tenn tex va vt wis wyo
    """.split()
)
# Left out on purpose: abbreviations that are also common sentence-final words
# ("no", "sun", "sat", "wed", "mar", "ill", "mass", "miss", "wash", "ore", "del", "ind", "mo"):
# "He said no. Then..." must split; "Mass." before a name is rarer than "critical mass."

_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+|$)""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_END_PUNCT = re.compile(r"""[.!:;,"'”’)\]…]$""")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text`` (one paragraph per line, as trafilatura emits)."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        # Trim surrounding whitespace but keep offsets exact.
        start, end = _trim(text, *match.span())
        if end > start:
            spans.append((start, end))
    return spans


def is_heading(line: str) -> bool:
    """A heading is a markdown ``#`` line, or a short line with no closing punctuation.

    Question headings ("What happens next?") are short lines ending in "?"
    that the padding signal treats separately; here a line under 12 words
    that ends in "?" also counts as a heading when it starts with a capital.
    """
    stripped = line.strip()
    if not stripped:
        return False
    if MARKDOWN_HEADING.match(stripped):
        return True
    words = stripped.split()
    if len(words) > 12:
        return False
    if stripped.endswith("?"):
        return len(words) <= 10 and stripped[0].isupper()
    if _END_PUNCT.search(stripped):
        return False
    # A bare short line of lower-case words is a fragment, not a heading.
    return stripped[0].isupper() or stripped[0].isdigit()


#: A plain-text article's first line is its headline when it is this short and a heading or in title case.
MAX_HEADLINE_WORDS = 20
_HEADLINE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_LIST_OR_DATELINE = re.compile(r"^(?:[-*•]\s|\d+[.)]\s|[A-Z][A-Z .,-]{2,}\s*(?:\([^)]*\)\s*)?[-–—:]\s)")


def text_headline(text: str, spans: Sequence[tuple[int, int]]) -> str | None:
    """The headline on the first line of a plain-text article, if it has one.

    A text file or a pasted article often opens with its headline on a line of its own
    ("Peace Talks Resume in Geneva", "Black Lawmakers Rip Donald Trump As A 'Disgusting Fraud.'"): a
    short first line, more text after it, that is a heading (:func:`is_heading`) or in title case
    (most words of four letters or more capitalised, a final full stop allowed). A first line that is
    a sentence in sentence case is the lede and stays body text; a list item or a dateline is no headline.
    """
    if len(spans) < 2:
        return None
    line = text[spans[0][0]:spans[0][1]].strip()
    words = line.split()
    if not 2 <= len(words) <= MAX_HEADLINE_WORDS or _LIST_OR_DATELINE.match(line):
        return None
    long_words = [w for w in _HEADLINE_WORD.findall(line) if len(w) > 3]
    title_case = len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words)
    if not (is_heading(line) or (title_case and not line.endswith((",", ";", ":")))):
        return None
    return MARKDOWN_HEADING.sub("", line).strip() or None


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, as absolute offsets."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        if match.group().startswith(".") and len(match.group()) == 1 or match.group()[0] == ".":
            before = _WORD_BEFORE.search(text, cursor, match.start())
            if before:
                token = before.group(1).lower().rstrip(".")
                if token in _ABBREVIATIONS or len(token) == 1:
                    continue
            # "3.5" never matches (needs whitespace after); an ellipsis inside a quote still splits.
        nxt = text[stop:stop + 3].lstrip()
        if nxt and nxt[0].islower():
            continue
        spans.append(_trim(text, cursor, stop))
        cursor = stop
    if cursor < end and text[cursor:end].strip():
        spans.append(_trim(text, cursor, end))
    return [span for span in spans if span[1] > span[0]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def build_article(text: str, *, date: _dt.date, date_source: str, removed: Sequence[Removal] = (), **metadata: Any) -> Article:
    """Segment cleaned ``text`` and wrap it with its metadata (``title``, ``author``, ``site``, ``url``,
    ``source_format``, ``links``, ``input``: the :class:`Article` fields of the same names).

    Plain text given no title takes its first line as title when it is a headline
    (:func:`text_headline`); that line is then a heading.
    """
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    spans = split_paragraphs(text)
    headline = None
    if metadata.get("title") is None and metadata.get("source_format", "text") == "text":
        # Plain text has no <title>: its first line is the headline when it looks like one.
        headline = text_headline(text, spans)
        if headline is not None:
            metadata["title"] = headline
    for p_start, p_end in spans:
        chunk = text[p_start:p_end]
        heading = is_heading(chunk) or (headline is not None and not paragraphs)
        paragraphs.append(Paragraph(p_start, p_end, chunk, heading))
        index = len(paragraphs) - 1
        if heading:
            sentences.append(Sentence(p_start, p_end, chunk, index))
            continue
        for s_start, s_end in split_sentences(text, p_start, p_end):
            sentences.append(Sentence(s_start, s_end, text[s_start:s_end], index))
    return Article(
        text=text,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        date=date,
        date_source=date_source,
        removed=tuple(removed),
        **metadata,
    )
