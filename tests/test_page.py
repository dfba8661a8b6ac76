"""Page signal: byline, date, site name, outbound links, removed boilerplate."""
from __future__ import annotations

import pytest

from scorer.core.document import Removal
from scorer.signals import page
from signal_helpers import make_article

BODY = " ".join(["The council voted on Monday to approve the new plan."] * 20)  # 200 words


# (byline, site, names a person?)
BYLINES = [
    ("Dana Whitfield", None, True),
    ("By Dana Whitfield", None, True),
    ("Dana Whitfield, Staff Writer", None, True),
    ("Dana Whitfield and Tom Breck", None, True),
    ("DANA WHITFIELD", None, True),
    ("Mary Ann de la Cruz", None, True),
    ("J. R. Hartley", None, True),
    ("Венера Ерофеева", None, True),
    ("Nguyễn Thị Ngọc", None, True),
    ("dana whitfield", None, False),  # not written as a name
    ("Admin", None, False),
    ("admin", None, False),
    ("Staff", None, False),
    ("Staff Writer", None, False),
    ("Chief Editor", None, False),
    ("Editorial Team", None, False),
    ("News Desk", None, False),
    ("NEWS DESK", None, False),
    ("jane.doe@example.com", None, False),
    ("Millbrook Daily", "Millbrook Daily", False),
    ("Associated Press", None, False),
    ("Madonna", None, False),  # one word: cannot tell a person from a handle
    ("", None, False),
    (None, None, False),
]


@pytest.mark.parametrize("byline, site, expected", BYLINES)
def test_is_named_byline(byline, site, expected):
    assert page.is_named_byline(byline, site=site) is expected


# (text, metadata, expected has_named_byline)
BYLINE_SOURCES = [
    ("Headline here\nBy Dana Whitfield\n" + BODY, {}, 1),
    ("Headline here\nBy Admin\n" + BODY, {}, 0),
    (BODY, {"author": "Dana Whitfield"}, 1),
    (BODY, {"author": "Editorial Team"}, 0),
    (BODY, {}, 0),
    # A "By ..." line far down the article is prose, not a byline.
    ("\n".join([BODY] * 5) + "\nBy Dana Whitfield", {}, 0),
]


@pytest.mark.parametrize("text, metadata, expected", BYLINE_SOURCES)
def test_byline_from_metadata_or_text(text, metadata, expected):
    assert page.analyze(make_article(text, **metadata)).features["has_named_byline"] == expected


@pytest.mark.parametrize(
    "date_source, expected", [("metadata", 1), ("text", 1), ("option", 0), ("today", 0)]
)
def test_has_date(date_source, expected):
    # A date the user supplied or today's date says nothing about the page.
    assert page.analyze(make_article(BODY, date_source=date_source)).features["has_date"] == expected


@pytest.mark.parametrize("site, expected", [("Millbrook Daily", 1), ("", 0), ("  ", 0), (None, 0)])
def test_has_site_name(site, expected):
    assert page.analyze(make_article(BODY, site=site)).features["has_site_name"] == expected


# (source format, links, is_html, links per 1,000 words)
LINKS = [
    ("html", 4, 1, 20.0),
    ("html", 0, 1, 0.0),
    ("text", 0, 0, 0.0),
    ("text", 7, 0, 0.0),  # plain text cannot hold links: a stray count is ignored
]


@pytest.mark.parametrize("source_format, links, is_html, rate", LINKS)
def test_links(source_format, links, is_html, rate):
    features = page.analyze(make_article(BODY, source_format=source_format, links=links)).features
    assert features["is_html"] == is_html
    assert features["outbound_links_per_1000_words"] == pytest.approx(rate)


def test_boilerplate_removed_counts_every_removal():
    removed = (Removal("ad_marker", "Advertisement"), Removal("site_chrome", "Skip to content"), Removal("x", "y"))
    assert page.analyze(make_article(BODY, removed=removed)).features["boilerplate_removed"] == 3
    assert page.analyze(make_article(BODY)).features["boilerplate_removed"] == 0


def test_no_findings():
    assert page.analyze(make_article("By Admin\n" + BODY)).findings == ()


def test_every_feature_has_a_description():
    features = page.analyze(make_article(BODY)).features
    assert set(page.DESCRIPTIONS) == set(features)
    for name, template in page.DESCRIPTIONS.items():
        assert template.format(value=features[name])
