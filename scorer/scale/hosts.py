"""Source keys for aggregation: the host of an article's URL and its registered domain.

``www.news.example.co.uk`` → host ``news.example.co.uk``, domain ``example.co.uk``. The registered
domain uses the Public Suffix List shipped inside the ``publicsuffixlist`` package (never fetched
at run time); without it, the host is used as the domain.
"""
from __future__ import annotations

import functools
from urllib.parse import urlsplit


def host_of(url: str | None) -> str | None:
    """The lower-case host of ``url`` without a leading ``www.``, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".").lower()
    return host[4:] if host.startswith("www.") else host


@functools.lru_cache(maxsize=65536)
def domain_of(host: str | None) -> str | None:
    """The registered domain of ``host`` (``example.co.uk``), or the host itself when unknown."""
    if not host:
        return None
    psl = _psl()
    if psl is None or ":" in host or host.replace(".", "").isdigit():  # no PSL, or an IP address
        return host
    return psl.privatesuffix(host) or host


@functools.lru_cache(maxsize=1)
def _psl():
    try:
        from publicsuffixlist import PublicSuffixList
    except ImportError:
        return None
    return PublicSuffixList(only_icann=True)
