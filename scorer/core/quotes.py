"""Finding direct quotations in text: where quotation marks open and close.

Two finders, because two questions differ:

* :func:`quote_spans` -- the quotations of one paragraph (a stretch ``text[start:end]``) as a
  reader pairs the marks: curly “ with ”, a straight ``"`` opening or closing by where it
  stands, and optionally a quotation left open running to the paragraph's end (the newsroom
  convention for a quote continued in the next paragraph).
* :func:`closed_quote_spans` -- quotations closed on the line they open on, straight marks
  paired in order of appearance, over a whole text at once; a quote left open, or one whose
  marks sit on two lines, is not one. Cheaper and stricter: for skipping the wording of a
  speaker on the record.

They give different spans on the same text (in ``He said "no. "Yes," she said`` the first pairs
the first mark with the third, the second the first with the second), so they are kept apart
and named for what they do.
"""
from __future__ import annotations

import re
from typing import Sequence

_CURLY = re.compile(r"“[^“”]*?(?:”|\Z)")
_STRAIGHT = re.compile('"')
_CLOSED = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")
#: Characters before a straight quote that opens a quotation (besides the stretch's start).
_BEFORE_OPENING = " \t\xa0([—–-:'‘"


def quote_spans(text: str, start: int, end: int, *, open_ended: bool) -> list[tuple[int, int]]:
    """Quoted stretches of ``text[start:end]``, quote marks included, in text order.

    Curly quotes pair “ with ”. Straight double quotes pair by position: an
    opening mark follows a space, a bracket or the paragraph start and comes
    before a word; any other mark closes (texts mix “curly" and straight
    marks). With ``open_ended`` a quote still open at the paragraph's end runs
    to it (a quotation continued in the next paragraph).
    """
    spans = [
        m.span() for m in _CURLY.finditer(text, start, end) if open_ended or text[m.end() - 1] == "”"
    ]
    opened = None
    for match in _STRAIGHT.finditer(text, start, end):
        position = match.start()
        opens = (position == start or text[position - 1] in _BEFORE_OPENING) and (
            position + 1 < end and not text[position + 1].isspace()
        )
        if opened is None and opens:
            opened = position
        elif opened is not None and not opens:
            spans.append((opened, position + 1))
            opened = None
    if opened is not None and open_ended:
        spans.append((opened, end))
    return sorted(spans)


def closed_quote_spans(text: str, min_words: int = 1) -> list[tuple[int, int]]:
    """Quotations opened and closed on one line (“...” or "..."), of ``min_words`` words or more
    (whitespace-separated, marks included), in text order."""
    return [m.span() for m in _CLOSED.finditer(text) if len(m.group().split()) >= min_words]


def inside(spans: Sequence[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` falls in one of ``spans`` (sorted by start), ``start <= position < end``."""
    for start, end in spans:
        if start <= position < end:
            return True
        if start > position:
            break
    return False


__all__ = ["closed_quote_spans", "inside", "quote_spans"]
