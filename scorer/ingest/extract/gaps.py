"""What balanced mode found that precision mode dropped, and which of it to put back.

:func:`merge_interior_gaps` recovers short runs of headings and prose *between*
two of precision mode's blocks, a heading right above its first paragraph, and
(:func:`_article_tail`) wire credit lines, a citation list or a closing section
after its last block.
"""
from __future__ import annotations

import difflib
import functools
import re

from scorer.core.text import ENDS_SENTENCE_OR_CLAUSE
from scorer.knowledge.lexicons import load_lexicon

#: Longest run of balanced-mode lines merged into one gap of the precision text.
MAX_GAP_LINES = 3
#: Fewest words of a recovered paragraph (headings have no minimum).
MIN_GAP_PARAGRAPH_WORDS = 15
#: Longest recovered heading, in words.
MAX_GAP_HEADING_WORDS = 20
#: Longest run recovered after precision mode's last block (see _article_tail).
MAX_TAIL_LINES = 3
#: Longest citation list recovered after it (a "References" heading and its items).
MAX_REFERENCE_LINES = 12
#: Longest text (in lines, either side) compared line by line: SequenceMatcher is quadratic in
#: the worst case (many equal lines), and a page this long is a listing, not one article.
MAX_DIFF_LINES = 2_000
_LINK_ONLY = re.compile(r"^-?\s*\[[^\]]*\]\([^)]*\)$")
_SECTION_NUMBER = re.compile(r"^[\d.]+\s+")
# Newswire credit lines that close an article: "Additional reporting by ...", "Editing by ...",
# "Writing by ...", "Reporting by ...", "... contributed to this report."
_CREDIT_LINE = re.compile(
    r"^\(?(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|research)\s+by)\s+[A-Z]"
    r"|^.{3,120}\b(?i:contributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article))\b"
)


def merge_interior_gaps(precision: str, balanced: str) -> str:
    """``precision`` with the blocks balanced mode found *between* two of its blocks.

    Precision mode drops some subheadings and short paragraphs in the middle of
    an article. A run of balanced-mode lines that sits between two lines
    precision mode kept, in the same order, is put back when it is short (at
    most :data:`MAX_GAP_LINES` lines) and every line reads as article text: a
    heading, or a paragraph of at least :data:`MIN_GAP_PARAGRAPH_WORDS` words
    ending like a sentence. Lines before the first or after the last kept line
    are never added: that is where teasers, bylines and footers live.
    """
    kept = precision.split("\n")
    found = balanced.split("\n")
    if not precision.strip() or not balanced.strip():
        return precision
    if len(kept) > MAX_DIFF_LINES or len(found) > MAX_DIFF_LINES:
        return precision
    keys_kept = [" ".join(line.split()) for line in kept]
    keys_found = [" ".join(line.split()) for line in found]
    matcher = difflib.SequenceMatcher(None, keys_kept, keys_found, autojunk=False)
    nonblank = [i for i, key in enumerate(keys_kept) if key]
    if not nonblank:
        return precision
    first, last = nonblank[0], nonblank[-1]
    inserts: dict[int, list[str]] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "insert" and i1 > last:
            tail = _article_tail([found[j] for j in range(j1, j2) if keys_found[j]])
            if tail:
                inserts[len(kept)] = tail
            continue
        if tag == "insert" and i1 <= first:
            # The heading right above the first kept paragraph introduces it (a headline or
            # first subhead); anything further up is navigation, kickers and teasers.
            head = [found[j] for j in range(j1, j2) if keys_found[j]]
            if head and _is_heading(head[-1]) and _reads_as_article(head[-1]) and _is_prose(kept[first]):
                inserts[first] = head[-1:]
            continue
        if tag != "insert" or not first < i1 <= last:
            continue
        lines = [found[j] for j in range(j1, j2) if keys_found[j]]
        if not lines or len(lines) > MAX_GAP_LINES or not all(_reads_as_article(line) for line in lines):
            continue
        # A heading must introduce prose: the line after it (recovered or kept) is a paragraph.
        following = lines[1:] + [kept[i1]]
        if any(_is_heading(line) and not _is_prose(nxt) for line, nxt in zip(lines, following)):
            continue
        inserts[i1] = lines
    if not inserts:
        return precision
    out: list[str] = []
    for index, line in enumerate(kept):
        out.extend(inserts.get(index, ()))
        out.append(line)
    out.extend(inserts.get(len(kept), ()))
    return "\n".join(out)


def _article_tail(lines: list[str]) -> list[str]:
    """The start of the run after precision mode's last block that still belongs to the article.

    Wire credit lines ("Additional reporting by ...; Editing by ...") right after
    the article (whatever follows them), or a whole closing section: a heading
    followed by prose paragraphs. Anything else after the article (teaser lists,
    link rows, one-line prompts) stays out.
    """
    credits = 0
    while credits < len(lines) and credits < MAX_TAIL_LINES and _CREDIT_LINE.match(lines[credits].strip()):
        credits += 1
    if credits:
        return lines[:credits]
    if lines and _is_reference_heading(lines[0]):
        # A citation list: its items, up to the next heading or the first line that is not part of it.
        section = [lines[0]]
        for line in lines[1:MAX_REFERENCE_LINES + 1]:
            if _is_heading(line) or _LINK_ONLY.match(line.strip()):
                break
            section.append(line)
        return section if len(section) > 1 else []
    if 1 < len(lines) <= MAX_TAIL_LINES and _is_heading(lines[0]) and _reads_as_article(lines[0]) and all(_is_prose(line) for line in lines[1:]):
        return lines
    return []


def _is_reference_heading(line: str) -> bool:
    if not _is_heading(line):
        return False
    words = _SECTION_NUMBER.sub("", line.strip().lstrip("#").strip()).rstrip(":").strip().lower()
    return words in _reference_headings()


@functools.lru_cache(maxsize=1)
def _reference_headings() -> frozenset[str]:
    return frozenset(load_lexicon("extraction_reference_headings"))


def _reads_as_article(line: str) -> bool:
    """A heading of a few words, or a paragraph that reads as prose."""
    if _is_heading(line):
        return 0 < len(line.strip().lstrip("#").split()) <= MAX_GAP_HEADING_WORDS
    return _is_prose(line)


def _is_heading(line: str) -> bool:
    return line.lstrip().startswith("#")


def _is_prose(line: str) -> bool:
    """At least :data:`MIN_GAP_PARAGRAPH_WORDS` words ending like a sentence; not a list item, table row or [link]."""
    stripped = line.strip()
    if stripped.startswith(("#", "- ", "|", "[")):
        return False  # list items, table rows and bracketed links: where link lists and widgets live
    return len(stripped.split()) >= MIN_GAP_PARAGRAPH_WORDS and bool(ENDS_SENTENCE_OR_CLAUSE.search(stripped))

