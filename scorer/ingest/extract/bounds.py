"""A bound on the markup handed to the HTML parser and trafilatura, whose memory grows with the page.

trafilatura holds the parsed tree and copies of it: about 45 MB per MB of an ordinary page and
about 0.85 KB per element of a page made of tiny elements (a 5 MB page of ``<p>a</p>`` took
1 GB). A page over :data:`MAX_PAGE_CHARS` characters or :data:`MAX_PAGE_TAGS` tags first loses
what the extractor never reads (scripts other than JSON-LD metadata, style sheets, comments);
if it is still over, it is cut before the tag that crosses the limit, and a note says so. An
ordinary article page is far under both limits and is handed over unchanged.
"""
from __future__ import annotations

import re

#: Characters of markup (after scripts, styles and comments are dropped) given to the extractor.
MAX_PAGE_CHARS = 1_000_000
#: Tags (counted as ``<``) given to the extractor; real article pages have a few thousand.
MAX_PAGE_TAGS = 50_000

_UNREAD = re.compile(r"<(script|style)\b|<!--", re.IGNORECASE)
_CLOSE = {name: re.compile(f"</{name}", re.IGNORECASE) for name in ("script", "style")}
_TYPE_JSON_LD = re.compile(r"""type\s*=\s*["']?application/ld\+json""", re.IGNORECASE)


def bound_page(html: str, max_chars: int = MAX_PAGE_CHARS, max_tags: int = MAX_PAGE_TAGS) -> tuple[str, str | None]:
    """``html`` within the limits, and a one-line note when part of the page was cut (None otherwise)."""
    if len(html) <= max_chars and html.count("<") <= max_tags:
        return html, None
    size = len(html)
    html = drop_unread(html)
    cut = len(html)
    if cut > max_chars:
        last_tag = html.rfind("<", max_chars // 2, max_chars)  # cut before a tag, not inside one
        cut = last_tag if last_tag >= 0 else max_chars
    position = -1
    for _ in range(max_tags + 1):  # the (max_tags + 1)-th tag, if any: O(max_tags) calls of str.find
        position = html.find("<", position + 1, cut)
        if position < 0:
            break
    if position >= 0:
        cut = position
    if cut >= len(html):
        return html, None
    return html[:cut], (f"only the first {cut:,} characters of the page's markup were read (of {size:,}; the limits "
                        f"are {max_chars:,} characters and {max_tags:,} tags, scripts and styles not counted)")


def drop_unread(html: str) -> str:
    """``html`` without scripts (JSON-LD metadata kept), style sheets and comments: one pass, linear time.

    A script or style ends at the first ``</script`` / ``</style``, a comment at the first ``-->``, as an
    HTML parser reads them; one left open runs to the end of the page, as it does for the parser.
    """
    pieces: list[str] = []
    position = 0
    while True:
        match = _UNREAD.search(html, position)
        if match is None:
            break
        name = (match.group(1) or "").lower()
        if name:
            close = _CLOSE[name].search(html, match.end())
            end = len(html) if close is None else (html.find(">", close.end()) + 1 or len(html))
            open_end = html.find(">", match.end())
            if name == "script" and 0 <= open_end < end and _TYPE_JSON_LD.search(html, match.end(), open_end):
                pieces.append(html[position:end])  # page metadata (author, date) that trafilatura reads
                position = end
                continue
        else:
            close_at = html.find("-->", match.end())
            end = len(html) if close_at < 0 else close_at + 3
        pieces.append(html[position:match.start()])
        position = end
    pieces.append(html[position:])
    return "".join(pieces)
