"""Related-content blocks: a header ("You may also like") and the teaser headlines after it,
and stacks of teaser headings at the start or end of the body."""
from __future__ import annotations

import re

from scorer.core.text import LIST_MARK
from scorer.ingest.clean.lines import (
    BRACKET_TAG,
    MAX_HEADLINE_WORDS,
    Line,
    Patterns,
    headline_like,
    is_ad_line,
    is_chrome_line,
    next_nonblank,
)


def related_run(lines: list[Line], head: int, p: Patterns) -> int:
    """Index of the last line of the related block whose header is ``lines[head]``."""
    end = head
    index = head + 1
    while index < len(lines):
        line = lines[index]
        if line.blank:
            index += 1
            continue
        # Another header, an ad or a widget ends the block: it gets its own kind. A one-word
        # line or one continued in lower case on the next line is wrapped prose.
        if _starts_other_block(line, p) or _continues(lines, index):
            break
        if not (headline_like(line) and line.words >= 2) and not _wire_teaser(lines, index):
            break
        end = index
        index += 1
    # A heading right before prose is the article's next section, not a teaser; so is a
    # lone unmarked short line (plain text has no heading marks) between header and prose.
    while end > head and _next_is_prose(lines, end):
        run = [i for i in range(head + 1, end + 1) if not lines[i].blank]
        plain = not (LIST_MARK.match(lines[end].text.strip()) or BRACKET_TAG.search(lines[end].text.strip()))
        if not (lines[end].heading or (len(run) == 1 and plain)):
            break
        end -= 1
        while end > head and lines[end].blank:
            end -= 1
    return end


_DATELINE = re.compile(r"^([A-Z][^:]{2,60}?):\s")


def _wire_teaser(lines: list[Line], index: int) -> bool:
    """A teaser paragraph in a list of wire stories: its dateline ("New Delhi, Jan 15 (ANI):")
    opens another paragraph close by. An article states its dateline once."""
    match = _DATELINE.match(lines[index].core)
    if not match or len(match.group(1).split()) > 8:
        return False
    prefix = match.group(1)
    nearby = range(max(0, index - 6), min(len(lines), index + 7))
    return any(i != index and lines[i].core.startswith(prefix + ":") for i in nearby)


def _continues(lines: list[Line], index: int) -> bool:
    """The next line carries on the same sentence (starts in lower case)."""
    following = next_nonblank(lines, index)
    return following is not None and lines[following].core[:1].islower()


def _starts_other_block(line: Line, p: Patterns) -> bool:
    return bool(
        line.flat
        and (p.related_head.match(line.flat) or p.comment_head.match(line.flat) or p.list_label.match(line.flat))
        or is_ad_line(line, p)
        or is_chrome_line(line, p)
    )


def _next_is_prose(lines: list[Line], index: int) -> bool:
    for line in lines[index + 1 :]:
        if line.blank:
            continue
        return not headline_like(line)
    return False


def teaser_stacks(lines: list[Line], removed: list[str | None]) -> list[tuple[int, int]]:
    """Three or more headings in a row touching the start or end of the kept body."""
    kept = [i for i, line in enumerate(lines) if not line.blank and removed[i] is None]
    stacks = []
    for run in (_leading(kept, lines), _leading(list(reversed(kept)), lines)):
        if len(run) >= 3:
            stacks.append((min(run), max(run)))
    return stacks


def _leading(order: list[int], lines: list[Line]) -> list[int]:
    run = []
    for index in order:
        if not (lines[index].heading and lines[index].words <= MAX_HEADLINE_WORDS):
            break
        run.append(index)
    if len(run) == len(order):
        return []  # an all-heading body is an outline, not teasers around an article
    return run
