"""The removal loop: each line marked with the kind of boilerplate it is (or kept), then the
kept text assembled with one :class:`~scorer.core.document.Removal` per removed block."""
from __future__ import annotations

import logging
import re

from scorer.core.document import Removal
from scorer.ingest.clean.comments import comment_sections, headed_comment_section
from scorer.ingest.clean.lines import (
    Line,
    is_ad_line,
    is_chrome_line,
    is_promo_line,
    list_like,
    next_nonblank,
    patterns,
    read_line,
)
from scorer.ingest.clean.related import related_run, teaser_stacks

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

REMOVAL_KINDS = ("ad_marker", "site_chrome", "related_tail", "related_link", "comments")


# --- inline ad markers ---------------------------------------------------------------------

# Bracketed or shouted markers left inside a paragraph by copy-paste: "… said. [ADVERTISEMENT] The …".
_INLINE_AD = re.compile(
    r"\s*(?:[\[(]\s*(?:advertisement|advertising|advert|sponsored(?: content)?|ad)\s*[\])]"
    r"|(?<![\w-])(?:ADVERTISEMENT|SPONSORED CONTENT)(?:\s*[-–—]\s*CONTINUE READING BELOW)?(?![\w-]))\s*",
    re.IGNORECASE,
)


def _strip_inline_ads(text: str) -> tuple[str, list[str]]:
    found: list[str] = []

    def replace(match: re.Match[str]) -> str:
        marker = match.group().strip()
        # Unbracketed markers count only in capitals: "the advertisement ran" is prose.
        if not marker.startswith(("[", "(")) and not marker.isupper():
            return match.group()
        found.append(marker)
        return " "

    cleaned = _INLINE_AD.sub(replace, text)
    if not found:
        return text, []
    return re.sub(r"[ \t]{2,}", " ", cleaned).strip(), found


# --- driver --------------------------------------------------------------------------------


def clean_text(text: str) -> tuple[str, tuple[Removal, ...]]:
    """``text`` without residual boilerplate, and what was removed (in reading order)."""
    p = patterns()
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [read_line(line) for line in raw]
    removed: list[str | None] = [None] * len(lines)

    def mark(start: int, end: int, kind: str) -> None:
        for index in range(start, end + 1):
            if removed[index] is None and not lines[index].blank:
                removed[index] = kind

    headed = headed_comment_section(lines, p)
    if headed is not None:
        mark(*headed, "comments")
    for start, end in comment_sections(lines, p):
        mark(start, end, "comments")

    index = 0
    while index < len(lines):
        line = lines[index]
        if line.blank or removed[index] is not None:
            index += 1
            continue
        if is_ad_line(line, p):
            mark(index, index, "ad_marker")
        elif line.flat and p.related_head.match(line.flat):
            end = related_run(lines, index, p)
            mark(index, end, "related_tail")
            index = end
        elif is_promo_line(line, p):
            mark(index, index, "related_link")
        elif line.flat and p.list_label.match(line.flat):
            # "Tags" alone, with the tag list on the next line.
            mark(index, index, "site_chrome")
            following = next_nonblank(lines, index)
            if following is not None and list_like(lines[following]):
                mark(following, following, "site_chrome")
                index = following
        elif is_chrome_line(line, p):
            mark(index, index, "site_chrome")
        index += 1

    for start, end in teaser_stacks(lines, removed):
        mark(start, end, "related_tail")

    return _assemble(lines, removed)


def _assemble(lines: list[Line], removed: list[str | None]) -> tuple[str, tuple[Removal, ...]]:
    kept: list[str] = []
    removals: list[Removal] = []
    block: list[str] = []
    block_kind: str | None = None

    def flush() -> None:
        nonlocal block, block_kind
        if block_kind is not None and block:
            removals.append(Removal(block_kind, "\n".join(block)))
        block, block_kind = [], None

    for line, kind in zip(lines, removed):
        if line.blank:
            kept.append("")
            continue
        if kind is None:
            flush()
            text, markers = _strip_inline_ads(line.text)
            removals.extend(Removal("ad_marker", marker) for marker in markers)
            if text.strip():
                kept.append(text)
            continue
        # Ad markers stay one removal each: how many a page carries is the signal.
        if kind != block_kind or kind == "ad_marker":
            flush()
            block_kind = kind
        block.append(line.text.strip())
    flush()

    text = "\n".join(kept)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    if removals:
        logger.debug("removed %d boilerplate block(s)", len(removals))
    return text, tuple(removals)
