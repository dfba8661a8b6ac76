"""Outbound links: absolute links in the extracted body that leave the page's site."""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

# Second-level labels under which registrations happen (bbc.co.uk, abc.net.au).
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go"})
_ABSOLUTE = re.compile(r"(?i)https?://")


def outbound_links(document, page_url: str | None) -> int:
    """Absolute links to another site among the ``ref`` elements of a body extracted with links."""
    if document is None or getattr(document, "body", None) is None:
        return 0
    own = site_key(page_url)
    return sum(1 for ref in document.body.iter("ref") if _leaves_site(ref.get("target"), own))


def outbound_links_in_text(tree, text: str, page_url: str | None) -> int:
    """Outbound links of the page ``tree`` whose anchor text is in the extracted body ``text``.

    Counted from the parsed page rather than from another trafilatura pass in link mode (a
    whole extraction, about a third of a page's extraction time, only to count links; its
    text also differs slightly from the link-free pass's). A link counts when its anchor
    text, spaces collapsed, stands in the body as whole words; an anchor text found ``n``
    times in the body counts at most ``n`` of the links carrying it, so that a navigation
    bar repeating a word of the story does not count every copy. Links without text (icons)
    are not counted: the text cannot place them in the body.
    """
    own = site_key(page_url)
    # An anchor's text two ways: its pieces joined as they are ("<a>Reu<b>ters</b></a>") and with
    # a space between pieces (an anchor around blocks, "<a><h3>Title</h3><p>Teaser</p></a>",
    # which the body holds on two lines).
    anchors: Counter[tuple[str, str]] = Counter()
    for anchor in tree.iter("a"):
        if not _leaves_site(anchor.get("href"), own):
            continue
        pieces = list(anchor.itertext())
        words = " ".join("".join(pieces).split())
        if words:
            anchors[words, " ".join(" ".join(pieces).split())] += 1
    if not anchors:
        return 0
    body = " ".join(text.split())
    count = 0
    for (words, spaced), n in anchors.items():
        found = _whole_word_occurrences(body, words, n)
        if not found and spaced != words:
            found = _whole_word_occurrences(body, spaced, n)
        count += min(n, found)
    return count


def _whole_word_occurrences(body: str, words: str, limit: int) -> int:
    """Occurrences of ``words`` in ``body`` not inside a longer word (counting stops at ``limit``)."""
    found, start = 0, 0
    while found < limit:
        at = body.find(words, start)
        if at < 0:
            break
        end = at + len(words)
        if not (at > 0 and body[at - 1].isalnum() and words[0].isalnum()) and not (
            end < len(body) and body[end].isalnum() and words[-1].isalnum()
        ):
            found += 1
        start = at + 1
    return found


def _leaves_site(target: str | None, own: str | None) -> bool:
    """True for an absolute http(s) link to a site other than ``own`` (any site when ``own`` is None)."""
    target = (target or "").strip()
    if not _ABSOLUTE.match(target):
        return False  # relative links stay on the site
    host = site_key(target)
    return own is None or (host is not None and host != own)


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
