"""Outbound links: absolute links in the extracted body that leave the page's site."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

# Second-level labels under which registrations happen (bbc.co.uk, abc.net.au).
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go"})


def outbound_links(document, page_url: str | None) -> int:
    """Absolute links to another site among the ``ref`` elements of a body extracted with links."""
    if document is None or getattr(document, "body", None) is None:
        return 0
    own = site_key(page_url)
    count = 0
    for ref in document.body.iter("ref"):
        target = (ref.get("target") or "").strip()
        if not re.match(r"(?i)https?://", target):
            continue  # relative links stay on the site
        host = site_key(target)
        if own is None or (host is not None and host != own):
            count += 1
    return count


def site_key(url: str | None) -> str | None:
    """The registrable part of a URL's host ("edition.cnn.com" → "cnn.com"), or None."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return host or None
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])
