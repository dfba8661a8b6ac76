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


def find_dateline(text: str) -> _dt.date | None:
    """The earliest valid date written in the first few lines of ``text``, if any."""
    head = text[:_DATELINE_WINDOW]
    best: tuple[int, _dt.date] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(head):
            date = _match_to_date(match)
            if date is not None and (best is None or match.start() < best[0]):
                best = (match.start(), date)
                break
    return best[1] if best else None


def _match_to_date(match: re.Match[str]) -> _dt.date | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
    try:
        return _dt.date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None
