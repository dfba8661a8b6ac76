"""A text with markup pasted into it: a video's iframe, an embedded tweet, a stray ``<div>``.

Scraped and pasted articles often carry the embed codes of their page ("{Video below}<div><iframe ...>
</iframe></div>The couple ...<blockquote class="twitter-tweet"><p>...</p></blockquote><script ...>"). Such a
text is prose with tags in it, not a page: most of its words stand outside any element. Given to a page
extractor it loses them (the extractor keeps what is inside paragraphs: the tweets, not the article), and read
as text it keeps the tags as words. :func:`is_text_with_embeds` tells it from a page or an HTML fragment (whose
words are inside ``<p>``, ``<div>`` ...), and :func:`without_markup` gives its text: embedded players and
scripts dropped whole, block tags as line breaks, other tags removed, entities decoded.
"""
from __future__ import annotations

import html
import re

#: The tags whose presence makes a text look like markup (three or more in its first 4 KB: see scorer.ingest.load).
MARKUP_TAG = re.compile(r"<(?:p|div|br|span|a|h[1-6]|article|section|li|ul|table|meta|title|script|img)\b[^>]*>", re.IGNORECASE)
#: An element's start or end tag (a name, attributes, no "<" or ">" inside).
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(/?)>")
#: Elements with no end tag: they open nothing.
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: Elements dropped with what they hold: players, scripts and styles say nothing an editor reads.
_DROPPED_START = re.compile(r"<(script|style|iframe|noscript|object|video|audio|svg|template)\b[^<>]*>", re.IGNORECASE)
_BLOCK = frozenset("p div br blockquote li ul ol h1 h2 h3 h4 h5 h6 tr table section article figure figcaption header footer hr".split())
#: A text is prose with embeds when at least this share of its words stand outside every element.
LOOSE_SHARE = 0.5


def loose_word_share(text: str) -> float:
    """The share of the words of ``text`` outside any element (tags themselves are not words)."""
    depth = loose = inside = 0
    position = 0
    for match in _TAG.finditer(text):
        words = len(text[position:match.start()].split())
        if depth == 0:
            loose += words
        else:
            inside += words
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            depth = max(0, depth - 1)
        elif name not in _VOID and not self_closing:
            depth += 1
        position = match.end()
    trailing = len(text[position:].split())
    if depth == 0:
        loose += trailing
    else:
        inside += trailing
    total = loose + inside
    return loose / total if total else 0.0


def is_text_with_embeds(text: str) -> bool:
    """Prose with tags in it (most words outside any element), as opposed to a page or an HTML fragment."""
    return loose_word_share(text) >= LOOSE_SHARE


def has_markup(text: str) -> bool:
    """Three or more common tags anywhere in ``text`` (the sniff of scorer.ingest.load, over the whole text)."""
    count = 0
    for _ in MARKUP_TAG.finditer(text):
        count += 1
        if count >= 3:
            return True
    return False


def _without_dropped_elements(text: str) -> str:
    """``text`` without its players, scripts and styles (start tag to end tag), each replaced by a line break.

    Linear in the text: an element whose end tag never comes loses its start tag only, and that name is not
    searched for again (a regular expression's lazy ``.*?`` would scan to the end for every unclosed start tag)."""
    lower = text.lower()
    out: list[str] = []
    unclosed: set[str] = set()
    position = 0
    while (match := _DROPPED_START.search(text, position)) is not None:
        name = match.group(1).lower()
        out.append(text[position:match.start()])
        out.append("\n")
        end = -1 if name in unclosed else lower.find(f"</{name}", match.end())
        if end < 0:
            unclosed.add(name)
            position = match.end()
            continue
        close = text.find(">", end)
        position = len(text) if close < 0 else close + 1
    out.append(text[position:])
    return "".join(out)


def without_markup(text: str) -> str:
    """``text`` with its embeds dropped, block tags as line breaks, other tags removed, entities decoded."""
    text = _without_dropped_elements(text)
    text = _TAG.sub(lambda m: "\n" if m.group(2).lower() in _BLOCK else "", text)
    text = html.unescape(text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
