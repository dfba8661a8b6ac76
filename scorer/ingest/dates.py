"""Dates: parse page metadata dates and find a dateline in the article text.

The article date decides what counts as an anachronism, so its source is
always recorded: page metadata, then the user's ``--date``, then a dateline
near the top of the text, then today (``date_source``).
"""
from __future__ import annotations

import datetime as _dt
import re

_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# "Jan. 22, 2026", "January 22 2026", "22 January 2026", "2026-01-22"
_PATTERNS = [
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
    re.compile(r"\b" + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
    re.compile(r"\b" + _YEAR + r"-(?P<mnum>[01]\d)-" + r"(?P<day>[0-3]\d)\b"),
]
#: Only the top of the article holds a dateline; later dates are about events, not publication.
_DATELINE_WINDOW = 400


def parse_iso_date(value: str | None) -> _dt.date | None:
    """``YYYY-MM-DD`` (optionally followed by a time) → date; anything else → None."""
    if not value:
        return None
    match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not match:
        return None
    try:
        return _dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


# What may stand before a dateline's date on its line: nothing, a place in capitals
# ("WASHINGTON,", "KYIV (Reuters) -"), or a publishing label ("Published", "Updated on").
_DATELINE_PREFIX = re.compile(r"^(?:[A-Z][A-Z .'’-]*(?:\([^)]{1,30}\))?\s*[,:—–-]?\s*)?$")
# ...or what follows it: a dash or a bar ("22 January 2026 — Kyiv..."), or the end of a short line.
_DATELINE_SUFFIX = re.compile(r"^\s*(?:[—–|•·]|-\s|\(|\d{1,2}[:.]\d\d|$)")
#: A line this short holding a date is a byline or date line ("By Jo Roe · March 12, 2026").
_SHORT_LINE_WORDS = 12


def find_dateline(text: str) -> _dt.date | None:
    """The publication date written as a dateline near the top of ``text``, if any.

    Only a date placed as a dateline counts: at the start of a line (after a place
    in capitals or a "Published" label), before a dash, or on a short byline/date
    line. "On Jan. 6, 2021, rioters stormed..." opens a story about 2021 and is
    not its date.
    """
    head = text[:_DATELINE_WINDOW]
    best: tuple[int, _dt.date] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(head):
            date = _match_to_date(match)
            if date is None or not _is_dateline(head, match):
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), date)
            break
    return best[1] if best else None


def _is_dateline(head: str, match: re.Match[str]) -> bool:
    line_start = head.rfind("\n", 0, match.start()) + 1
    line_end = head.find("\n", match.end())
    line_end = len(head) if line_end < 0 else line_end
    before = head[line_start:match.start()]
    after = head[match.end():line_end]
    if _DATELINE_PREFIX.match(before) or re.match(r"^(?:published|updated|posted|last updated|date)\b[^\n]{0,12}?$", before.strip(), re.IGNORECASE):
        return True
    if _DATELINE_SUFFIX.match(after):
        return True
    line = head[line_start:line_end].strip()
    return len(line.split()) <= _SHORT_LINE_WORDS and not line.endswith((".", "!", "?"))


def _match_to_date(match: re.Match[str]) -> _dt.date | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
    try:
        return _dt.date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None
