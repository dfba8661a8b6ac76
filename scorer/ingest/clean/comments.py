"""Reader-comment sections: found by their signature lines ("Posted by jim | January 14, 2008 07:20 PM",
"Ann says:") or by a comment header followed by commenters' names."""
from __future__ import annotations

import re

from scorer.ingest.clean.lines import Line, Patterns, is_chrome_line, next_nonblank

#: Comment signatures further apart than this many lines belong to different sections.
MAX_SIGNATURE_GAP = 12

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WHEN = re.compile(
    rf"\b\d{{1,2}}:\d{{2}}\b|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
    r"|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b",
    re.IGNORECASE,
)
_SIGNATURE_START = re.compile(r"^(?:posted|submitted|written|sent|comment(?:ed)?)\s+by\b\s*:?", re.IGNORECASE)
_SAYS = re.compile(r"^[\w .,'-]{1,60}?\s(?:says|said|wrote|writes)\s*:\s*$", re.IGNORECASE)


def _signature(line: Line) -> str | None:
    """A comment's byline: "before" when the comment text precedes it, "after" when it follows.

    "Posted by: jim | January 14, 2008 07:20 PM" closes a comment; "Ann says:" opens one.
    """
    if line.blank or line.words > 20:
        return None
    core = line.core
    if _SIGNATURE_START.match(core) and _WHEN.search(core):
        return "before"
    if _SAYS.match(line.text.strip()):
        return "after"
    return None


#: How far after a comment header to look for comment bylines.
COMMENT_EVIDENCE_LINES = 40


def _name_line(line: Line) -> bool:
    """A commenter's name on its own line: "Frank @ Toronto", "J-F (Ottawa)", "puddin and pie"."""
    core = line.core
    return 0 < line.words <= 4 and len(core) <= 40 and not line.heading and not re.search(r"[.!?:;,\"”]$", core)


def headed_comment_section(lines: list[Line], p: Patterns) -> tuple[int, int] | None:
    """A comment header followed by commenters' names: the section runs from the header to the end.

    The names are three or more short lines each followed by a longer comment
    ("Frank @ Toronto" / "Dalton has a great record…"). Sections with dated
    signatures are found by :func:`comment_sections`, which knows where they end.
    """
    for index, line in enumerate(lines):
        if line.blank or not line.flat or not p.comment_head.match(line.flat):
            continue
        window = [i for i in range(index + 1, min(len(lines), index + 1 + COMMENT_EVIDENCE_LINES)) if not lines[i].blank]
        if any(_signature(lines[i]) for i in window):
            continue
        names = sum(
            1
            for a, b in zip(window, window[1:])
            if _name_line(lines[a]) and not _name_line(lines[b]) and lines[b].words >= 6
        )
        if names >= 3:
            return index, len(lines) - 1
    return None


def comment_sections(lines: list[Line], p: Patterns) -> list[tuple[int, int]]:
    """Inclusive (start, end) line ranges of reader-comment sections found by their signatures.

    A section needs two or more signatures close together, or one right after a
    comment header: a single "Posted by …" line is the article's own byline. The
    comment text sits before each signature ("text / Posted by jim, 7:20 PM") or
    after it ("Ann says: / text"); a header directly followed by a signature
    shows the second layout whatever the signature's wording.
    """
    signatures = [i for i, line in enumerate(lines) if _signature(line)]
    clusters: list[list[int]] = []
    for index in signatures:
        if clusters and index - clusters[-1][-1] <= MAX_SIGNATURE_GAP:
            clusters[-1].append(index)
        else:
            clusters.append([index])
    sections = []
    for cluster in clusters:
        first, last = cluster[0], cluster[-1]
        header = _comment_header_before(lines, first, p)
        if len(cluster) < 2 and header is None:
            continue
        spacing = min((b - a for a, b in zip(cluster, cluster[1:])), default=2)
        if header is not None:
            text_after = next_nonblank(lines, header) == first
        else:
            text_after = _signature(lines[first]) == "after"
        if text_after:
            start = header if header is not None else first
            end = min(len(lines) - 1, last + spacing - 1)
        else:
            start = first
            # The first comment's text sits before its signature: step back one comment's length.
            for index in range(first - 1, max(-1, first - spacing), -1):
                if lines[index].heading or p.related_head.match(lines[index].flat or "-"):
                    break
                start = index
            if header is not None:
                start = min(start, header)
            end = last
        anchor = end
        # Trailing widget lines ("Report this comment", "Post a comment") belong to the section.
        while end + 1 < len(lines) and (lines[end + 1].blank or is_chrome_line(lines[end + 1], p)):
            end += 1
        while end > anchor and lines[end].blank:
            end -= 1
        sections.append((start, end))
    return sections


def _comment_header_before(lines: list[Line], index: int, p: Patterns) -> int | None:
    """A comment header within a few lines before ``index``."""
    seen = 0
    for before in range(index - 1, -1, -1):
        if lines[before].blank:
            continue
        if lines[before].flat and p.comment_head.match(lines[before].flat):
            return before
        seen += 1
        if seen >= 6 or _signature(lines[before]):
            return None
    return None
