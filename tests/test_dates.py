import datetime as dt

import pytest

from scorer.ingest.dates import find_dateline, parse_iso_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("WASHINGTON, Jan. 22, 2026 — The president said", dt.date(2026, 1, 22)),
        ("22 January 2026 — Kyiv came under attack", dt.date(2026, 1, 22)),
        ("KYIV (Reuters), September 3rd 2025: troops", dt.date(2025, 9, 3)),
        ("Published 2024-07-05 by the desk", dt.date(2024, 7, 5)),
        ("The vote is expected soon.", None),
        ("Feb 30, 2024 is not a day", None),
        # A date deep in the body is about an event, not the publication.
        ("Intro. " + "word " * 120 + "On March 3, 2019 the law passed.", None),
    ],
)
def test_find_dateline(text, expected):
    assert find_dateline(text) == expected


@pytest.mark.parametrize(
    "value, expected",
    [("2026-01-22", dt.date(2026, 1, 22)), ("2026-01-22T08:30:00Z", dt.date(2026, 1, 22)), ("yesterday", None), (None, None), ("2026-13-01", None)],
)
def test_parse_iso_date(value, expected):
    assert parse_iso_date(value) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A date that opens the story is about an event, not the publication.
        ("On Jan. 6, 2021, rioters stormed the Capitol. Today the committee met.", None),
        ("The war that began on 24 February 2022 goes on.", None),
        ("KYIV (Reuters) - March 3, 2026: Officials said", dt.date(2026, 3, 3)),
        ("By Maria Okafor · March 12, 2026\nThe city said", dt.date(2026, 3, 12)),
        ("Updated on 5 May 2025 at 10:00\nText", dt.date(2025, 5, 5)),
    ],
)
def test_only_datelines_count(text, expected):
    assert find_dateline(text) == expected
