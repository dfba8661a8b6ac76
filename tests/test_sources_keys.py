"""Source keys: registered domain (public-suffix aware, offline), per-host platforms, explicit keys."""
import socket

import pytest

from scorer.sources import keys
from scorer.sources.keys import host_of, platform_hosts, source_key


@pytest.mark.parametrize("url, expected", [
    ("https://in.reuters.com/article/x", "reuters.com"),
    ("http://www.bbc.co.uk/news/uk-1", "bbc.co.uk"),
    ("https://news.example.com.au/a", "example.com.au"),
    ("https://alice.substack.com/p/post", "alice.substack.com"),
    ("https://a.b.blogspot.com/2020/x.html", "b.blogspot.com"),
    ("https://someone.github.io/blog", "someone.github.io"),
    ("https://medium.com/@Writer/story-1", "medium.com/@writer"),
    ("https://medium.com/topic/story", "medium.com"),
    ("HTTPS://WWW.Example.ORG:8080/x", "example.org"),
    ("example.net/path", "example.net"),
    ("http://192.168.1.2/page", "192.168.1.2"),
    ("not a url", None),
    ("", None),
    (None, None),
])
def test_source_key_from_url(url, expected):
    assert source_key(url) == expected


@pytest.mark.parametrize("given, expected", [
    ("WWW.Foxnews.com", "foxnews.com"),
    ("https://edition.cnn.com/", "cnn.com"),
    ("Reuters", "reuters"),  # a name, not a host: kept as given (lower-cased)
])
def test_explicit_source_wins_and_is_normalised(given, expected):
    assert source_key("https://other.org/x", given) == expected


def test_platform_hosts_are_package_data():
    hosts = platform_hosts()
    assert {"substack.com", "medium.com", "blogspot.com", "wordpress.com", "github.io", "tumblr.com"} <= hosts


def test_no_network_is_touched(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    keys._extractor.cache_clear()
    keys._key_of_host.cache_clear()
    assert source_key("https://x.y.co.jp/a") == "y.co.jp"
    assert host_of("https://www.x.org") == "x.org"
