"""Outbound links counted from the page's anchors whose text is in the extracted body (scorer.ingest.extract.links)."""
from __future__ import annotations

import pytest

lxml_html = pytest.importorskip("lxml.html")

from scorer.ingest.extract.links import outbound_links_in_text, site_key  # noqa: E402

SITE = "https://www.ledger.example/news/1"


def count(markup: str, text: str, url: str | None = SITE) -> int:
    return outbound_links_in_text(lxml_html.fromstring(f"<html><body>{markup}</body></html>"), text, url)


def test_only_links_leaving_the_site_whose_text_is_in_the_body() -> None:
    markup = (
        "<nav><a href='https://twitter.example/ledger'>Follow us</a></nav>"
        "<p>The <a href='https://www.state.example/report.pdf'>audit report</a> and "
        "<a href='/news/2'>an earlier story</a> and <a href='https://edition.ledger.example/x'>our edition</a>.</p>"
    )
    body = "The audit report and an earlier story and our edition."
    assert count(markup, body) == 1  # not the navigation, the relative link or the subdomain


def test_anchor_text_split_by_inline_markup_or_around_blocks() -> None:
    markup = (
        "<p>Said <a href='https://a.example/1'>Reu<b>ters</b></a> today.</p>"
        "<a href='https://b.example/2'><h3>A teaser title</h3><p>Its first line</p></a>"
    )
    body = "Said Reuters today.\n### A teaser title\nIts first line"
    assert count(markup, body) == 2


def test_whole_words_only_and_at_most_as_often_as_the_body_says_it() -> None:
    markup = "".join(f"<a href='https://x{i}.example/'>here</a>" for i in range(3)) + "<a href='https://y.example/'>war</a>"
    assert count(markup, "Click here to read more; there it is.") == 1  # "there" holds "here" inside a word
    assert count(markup, "The software was released.") == 0  # nor is "war" in "software" a link
    assert count(markup, "Read here, here and here.") == 3


def test_links_without_text_or_page_address() -> None:
    markup = "<p><a href='https://a.example/1'><img src='x.png'></a> Text <a href='https://www.ledger.example/2'>ours</a></p>"
    assert count(markup, "Text ours") == 0
    assert count(markup, "Text ours", url=None) == 1  # no address: every absolute link counts as leaving


@pytest.mark.parametrize(("url", "key"), [("https://edition.cnn.com/x", "cnn.com"), ("http://news.bbc.co.uk/1", "bbc.co.uk"), ("not a url", None)])
def test_site_key(url: str, key: str | None) -> None:
    assert site_key(url) == key
