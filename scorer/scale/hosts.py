"""Source keys for aggregation, the same as the article store's (:mod:`scorer.sources.keys`).

``host`` is the URL's host without ``www.``; ``domain`` is the store's source key of the URL: its
registered domain (public-suffix aware, the list bundled with tldextract, never fetched), or the
host itself on platforms where each host is its own publisher. One definition, so per-source
figures over Parquet output and over a store group articles the same way.
"""
from __future__ import annotations

from scorer.sources.keys import host_of as _host_of
from scorer.sources.keys import source_key


def host_of(url: str | None) -> str | None:
    """The lower-case host of ``url`` without a leading ``www.`` or a port, or None."""
    return _host_of(url) or None


def domain_of(url_or_host: str | None) -> str | None:
    """The source key of a URL or host (``news.example.co.uk`` → ``example.co.uk``), or None."""
    if not url_or_host:
        return None
    return source_key(url_or_host) or url_or_host
