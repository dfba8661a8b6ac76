"""The trafilatura passes over a page, the choice between them, and the :class:`Extracted` result.

See :mod:`scorer.ingest.extract` for how the body is chosen.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from scorer.core.errors import ExtractionError
from scorer.core.text import whitespace_word_count
from scorer.ingest.extract.body import body_text, drop_title_line, without_repeated_blocks
from scorer.ingest.extract.gaps import merge_interior_gaps
from scorer.ingest.extract.links import outbound_links, outbound_links_in_text
from scorer.ingest.extract.repairs import (
    DEFAULT_MAX_DEPTH,
    close_unterminated_title,
    drop_pull_quotes,
    flatten_deep_nesting,
)

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Pages with more elements than this get one extraction pass instead of two.
HUGE_TREE_ELEMENTS = 60_000
#: So do pages with more than DENSE_TREE_ELEMENTS elements averaging under DENSE_CHARS_PER_ELEMENT
#: characters of markup each (machine-made: ``<p>a</p>`` repeated). None of the 655 pages of the
#: extraction sets in /work/shared (aeb-scrapinghub, trafilatura-eval-en, l3s-gn1) has even 7,200 tags.
DENSE_TREE_ELEMENTS = 10_000
DENSE_CHARS_PER_ELEMENT = 20

#: Below this share of the balanced text, precision mode is taken to have lost the article.
FALLBACK_RATIO = 0.25

# Settings shared by every mode: no comments (the scorer reads the article, not
# its readers), tables kept (data tables are article content), no images.
_COMMON: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_formatting": False,
    "deduplicate": False,
}
_MODES: dict[str, dict[str, Any]] = {
    "precision": {"favor_precision": True},
    "balanced": {},
    "recall": {"favor_recall": True},
}

_DOCUMENT_START = re.compile(r"<(?:html|body|head)\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Extracted:
    """What the extractor found on a page (``text``: one paragraph per line)."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD from page metadata
    site: str | None = None
    url: str | None = None
    links: int = 0  # outbound links inside the extracted body
    #: Verbatim copies of an earlier block the extractor printed twice, dropped from ``text`` (reported as removals).
    repeated: tuple[str, ...] = ()


def extract_html(html: str, *, url: str | None = None, max_depth: int | None = None) -> Extracted:
    """The article body and metadata of ``html``.

    ``url`` is the page's address when known (metadata found in the page wins);
    ``max_depth`` can only lower the nesting limit (:data:`DEFAULT_MAX_DEPTH`).

    Raises :class:`ExtractionError` when no article text can be found or the
    page cannot be parsed.
    """
    try:
        # A larger limit cannot help: the parser and trafilatura lose text past ~200 levels.
        depth = min(max_depth or DEFAULT_MAX_DEPTH, DEFAULT_MAX_DEPTH)
        return _extract(html, url=url, max_depth=depth)
    except ExtractionError:
        raise
    except RecursionError:
        raise ExtractionError("page is nested too deeply to extract") from None
    except (ValueError, TypeError, LookupError, AssertionError) as exc:
        # lxml parser errors subclass these; trafilatura lets a few through on odd markup.
        logger.debug("extraction failed: %r", exc)
        raise ExtractionError(f"could not parse the page ({type(exc).__name__})") from None


def _extract(html: str, *, url: str | None, max_depth: int) -> Extracted:
    import trafilatura  # deferred: importing trafilatura costs ~0.3 s, text inputs never need it
    from trafilatura.settings import set_date_params  # deferred with trafilatura

    html = flatten_deep_nesting(close_unterminated_title(html), max_depth)
    tree = _parse(html)
    if tree is None:
        raise ExtractionError("no article text found")
    drop_pull_quotes(tree)

    # A page with a huge or dense DOM (a pathological or machine-made one) gets a single pass:
    # trafilatura spends ~0.1 ms per element and mode, so two passes over a few
    # hundred thousand elements would take minutes, and over 12,500 tiny ones several times
    # what an ordinary page of the same size takes.
    elements = sum(1 for _ in tree.iter())
    huge = elements > HUGE_TREE_ELEMENTS or (elements > DENSE_TREE_ELEMENTS and len(html) < DENSE_CHARS_PER_ELEMENT * elements)
    # Dates from the page's markup only (meta tags, JSON-LD, <time>): htmldate's
    # extensive search also reads free text and picks up comment timestamps; the
    # pipeline has its own dateline fallback for pages without markup.
    meta = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_links=huge,
        date_extraction_params=set_date_params(False),
        **_COMMON,
        **_MODES["precision"],
    )
    text, mode = body_text(meta), "precision"
    if not huge:
        balanced = trafilatura.bare_extraction(tree, url=url, **_COMMON, **_MODES["balanced"])
        balanced_text = body_text(balanced)
        kept, found = whitespace_word_count(text), whitespace_word_count(balanced_text)
        if kept < FALLBACK_RATIO * found:
            logger.debug("precision mode kept %d words of %d; using balanced mode", kept, found)
            text, mode = balanced_text, "balanced"
        else:
            text = merge_interior_gaps(text, balanced_text)
    if not text.strip():
        recall = trafilatura.bare_extraction(tree, url=url, **_COMMON, **_MODES["recall"])
        text, mode = body_text(recall), "recall"
    if not text.strip():
        raise ExtractionError("no article text found")

    title = _clean_field(getattr(meta, "title", None)) if meta is not None else None
    text, repeated = without_repeated_blocks(drop_title_line(text, title))
    if not text.strip():
        raise ExtractionError("no article text found")

    page_url = (getattr(meta, "url", None) if meta is not None else None) or url
    if huge and mode == "precision":
        links = outbound_links(meta, page_url)  # that single pass kept the links
    else:
        # From the page's own links and the body text, not from a third trafilatura pass in link mode.
        links = outbound_links_in_text(tree, text, page_url)
    date = getattr(meta, "date", None) if meta is not None else None
    return Extracted(
        text=text,
        title=title,
        author=_clean_field(getattr(meta, "author", None)) if meta is not None else None,
        date=date if isinstance(date, str) and _ISO_DATE.match(date) else None,
        site=_clean_field(getattr(meta, "sitename", None)) if meta is not None else None,
        url=page_url,
        links=links,
        repeated=tuple(repeated),
    )


def _parse(html: str):
    """An lxml tree, or None. A bare fragment ("<p>…</p>") is wrapped so trafilatura accepts it."""
    from trafilatura import load_html  # deferred: see _extract

    if not _DOCUMENT_START.search(html[:5000]):
        # trafilatura rejects (and logs an error for) a bare fragment; wrap it first.
        html = f"<html><body><div>{html}</div></body></html>"
    tree = load_html(html)
    if tree is None or len(tree) < 1:
        tree = load_html(f"<html><body><div>{html}</div></body></html>")
    return tree


def _clean_field(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
