"""Source keys: which publisher an article belongs to.

The key is the registered domain of the article's URL (``in.reuters.com`` →
``reuters.com``), found with the public-suffix list bundled in ``tldextract`` —
never fetched: ``suffix_list_urls=()`` and no cache directory, so no network and no
writes. On platforms where each host is a separate publisher (``platform_hosts.txt``)
the whole host is kept. A caller that knows better gives the key explicitly.
"""
from __future__ import annotations

import functools
import importlib.resources
import re
from urllib.parse import urlsplit

import tldextract

_HOST_RE = re.compile(r"^[a-z0-9.-]+$")


@functools.lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # suffix_list_urls=() means "use the snapshot shipped inside tldextract"; cache_dir=None
    # keeps it from writing a cache under the user's home directory.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


@functools.lru_cache(maxsize=1)
def platform_hosts() -> frozenset[str]:
    """Registered domains whose sub-hosts are separate publishers (package data)."""
    text = importlib.resources.files(__package__).joinpath("platform_hosts.txt").read_text(encoding="utf-8")
    hosts = frozenset(line.split("#", 1)[0].strip().lower() for line in text.splitlines()) - {""}
    if not hosts:  # an empty list would silently pool every blogger under the platform
        raise RuntimeError("platform_hosts.txt is empty")
    return hosts


def host_of(url: str | None) -> str | None:
    """The lower-case host of ``url`` without ``www.`` and port, or None when there is none."""
    if not url:
        return None
    text = url.strip()
    if "//" not in text:
        text = "//" + text  # a bare "example.com/path" still names a host
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.strip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    return host if _HOST_RE.match(host) and "." in host else None


@functools.lru_cache(maxsize=65536)
def _key_of_host(host: str) -> str:
    parts = _extractor()(host)
    if not parts.suffix or not parts.domain:
        return host  # an IP address or an unknown suffix: the host is all we have
    registered = f"{parts.domain}.{parts.suffix}"
    if registered in platform_hosts() and parts.subdomain:
        # keep the publisher's own label, not deeper ones: a.b.blogspot.com → b.blogspot.com
        return f"{parts.subdomain.rsplit('.', 1)[-1]}.{registered}"
    return registered


def source_key(url: str | None = None, source: str | None = None) -> str | None:
    """The source key: ``source`` when given (normalised like a host if it looks like one), else from ``url``."""
    if source and source.strip():
        given = source.strip().lower()
        looks_like_host = "://" in given or _HOST_RE.match(given.split("/", 1)[0])
        host = host_of(given) if looks_like_host else None
        return _key_of_host(host) if host else given
    host = host_of(url)
    if not host:
        return None
    key = _key_of_host(host)
    if key in platform_hosts():
        # medium.com/@alice: on path-based platforms the first path segment names the writer
        path = urlsplit(url if "//" in url else "//" + url).path  # type: ignore[operator]
        first = path.strip("/").split("/", 1)[0]
        if first.startswith("@") and len(first) > 1:
            return f"{key}/{first.lower()}"
    return key
