"""HTML → article body and page metadata, with trafilatura.

How the body is chosen (measured on the Zyte article-extraction benchmark, see
``benchmarks/extraction.py``):

1. trafilatura in *precision* mode (``favor_precision=True``, comments off) is
   the best single setting: it drops most teasers, share bars and footers.
2. Precision mode sometimes keeps only a stray block (a reprint notice, a
   caption) and loses the article. When its text is under a quarter of what the
   *balanced* mode finds, the balanced text is used instead: a genuine article
   is never four times longer than what the stricter mode keeps unless the
   stricter mode lost it.
3. Otherwise precision mode's text gets back the short runs of headings and
   prose paragraphs that balanced mode finds *between* two of its blocks
   (:func:`merge_interior_gaps`); never before its first or after its last
   block, where teasers and footers live.
4. When neither mode finds anything, *recall* mode gets a last try.

The body is serialised from trafilatura's XML tree rather than its markdown
output: headings become ``#`` lines (the level as in HTML, ``## Subhead``) so
the segmenter in :mod:`scorer.core.text` sees them, and no ``**bold**`` or
``[link](url)`` markup leaks into the text the signals read. One paragraph,
heading, list item or table row per line.

A first body line that repeats the page title is dropped: the title is kept in
:attr:`Extracted.title`, and counting it as body text would add a fake heading
and duplicate words.

Robustness: libxml2 silently stops parsing past 255 levels of nesting, losing
everything after the deep spot, so deeper markup is flattened first (tags past
``max_depth`` are dropped, their text kept). Any parser or recursion failure
becomes :class:`~scorer.core.errors.ExtractionError`.
"""
from __future__ import annotations

import copy
import functools
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scorer.core.errors import ExtractionError
from scorer.knowledge.lexicons import load_lexicon

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Tags nested deeper than this are dropped (their text kept) before parsing.
#: libxml2 truncates the document at depth 255 and trafilatura loses text nested
#: about 200 deep; real pages stay under 100 (at most 98 over the 655 benchmark pages).
DEFAULT_MAX_DEPTH = 150

#: Pages with more elements than this get one extraction pass instead of three.
HUGE_TREE_ELEMENTS = 60_000

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
_WORD = re.compile(r"\w+")


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
    from trafilatura.settings import set_date_params

    html = flatten_deep_nesting(close_unterminated_title(html), max_depth)
    tree = _parse(html)
    if tree is None:
        raise ExtractionError("no article text found")
    drop_pull_quotes(tree)

    # A page with a huge DOM (a pathological or machine-made one) gets a single pass:
    # trafilatura spends ~0.1 ms per element and mode, so three passes over a few
    # hundred thousand elements would take minutes.
    huge = sum(1 for _ in tree.iter()) > HUGE_TREE_ELEMENTS
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
    text, mode = _body_text(meta), "precision"
    if not huge:
        balanced = trafilatura.bare_extraction(tree, url=url, **_COMMON, **_MODES["balanced"])
        balanced_text = _body_text(balanced)
        if _words(text) < FALLBACK_RATIO * _words(balanced_text):
            logger.debug("precision mode kept %d words of %d; using balanced mode", _words(text), _words(balanced_text))
            text, mode = balanced_text, "balanced"
        else:
            text = merge_interior_gaps(text, balanced_text)
    if not text.strip():
        recall = trafilatura.bare_extraction(tree, url=url, **_COMMON, **_MODES["recall"])
        text, mode = _body_text(recall), "recall"
    if not text.strip():
        raise ExtractionError("no article text found")

    title = _clean_field(getattr(meta, "title", None)) if meta is not None else None
    text = drop_title_line(text, title)
    if not text.strip():
        raise ExtractionError("no article text found")

    page_url = (getattr(meta, "url", None) if meta is not None else None) or url
    if huge and mode == "precision":
        links = _outbound_links(meta, page_url)  # that single pass kept the links
    else:
        links = _count_outbound_links(tree, url=url, page_url=page_url, mode=mode)
    date = getattr(meta, "date", None) if meta is not None else None
    return Extracted(
        text=text,
        title=title,
        author=_clean_field(getattr(meta, "author", None)) if meta is not None else None,
        date=date if isinstance(date, str) and _ISO_DATE.match(date) else None,
        site=_clean_field(getattr(meta, "sitename", None)) if meta is not None else None,
        url=page_url,
        links=links,
    )


#: A pull quote is a sentence of the story set again in large type beside it (WordPress's
#: "wp-block-pullquote", "pull-quote", "pullQuote"). Kept, the article seems to repeat itself
#: and the padding signal counts a restatement the writer never made.
_PULL_QUOTE = re.compile(r"pull[-_]?quote", re.IGNORECASE)
#: Characters of a pull quote's text that must appear a second time in the page for it to go:
#: sites also put a quote said nowhere else in a "pullquote" box, and that is content.
PULL_QUOTE_PREFIX = 60
#: A story has a handful; a page marking thousands of elements so is not a story, and each
#: check scans the page's text once.
MAX_PULL_QUOTES = 50


def drop_pull_quotes(tree) -> None:
    """Remove the pull quotes that repeat text found elsewhere in the page (the text after each stays)."""
    marked = [
        element for element in tree.iter()
        if isinstance(element.tag, str) and _PULL_QUOTE.search(f"{element.get('class', '')} {element.get('id', '')}")
    ]
    if not marked or len(marked) > MAX_PULL_QUOTES:
        return
    page = " ".join(" ".join(tree.itertext()).split())
    seen = set(marked)
    for element in marked:
        if element.getparent() is None or any(a in seen for a in element.iterancestors()):
            continue  # the page root, or inside a pull quote handled with its ancestor
        prefix = " ".join(" ".join(element.itertext()).split())[:PULL_QUOTE_PREFIX]
        if len(prefix) >= PULL_QUOTE_PREFIX // 2 and page.count(prefix) >= 2:
            element.drop_tree()  # lxml.html: the element goes, its tail joins what came before


def _parse(html: str):
    """An lxml tree, or None. A bare fragment ("<p>…</p>") is wrapped so trafilatura accepts it."""
    from trafilatura import load_html

    if not _DOCUMENT_START.search(html[:5000]):
        # trafilatura rejects (and logs an error for) a bare fragment; wrap it first.
        html = f"<html><body><div>{html}</div></body></html>"
    tree = load_html(html)
    if tree is None or len(tree) < 1:
        tree = load_html(f"<html><body><div>{html}</div></body></html>")
    return tree


def _body_text(document) -> str:
    """trafilatura's body tree as plain text, headings marked with ``#``."""
    if document is None or getattr(document, "body", None) is None:
        return ""
    return serialize_body(document.body)


def serialize_body(body) -> str:
    """Plain text of a trafilatura body tree: one block per line, ``#`` before headings."""
    from lxml import etree
    from trafilatura.xml import xmltotxt

    body = copy.deepcopy(body)
    # Link and emphasis markup is noise for the signals; keep only the words.
    etree.strip_tags(body, "ref", "hi")
    for table in reversed(list(body.iter("table"))):
        if _is_layout_table(table):
            _unwrap_table(table)
    for head in body.iter("head"):
        if head.getparent() is not None and head.getparent().tag == "cell":
            continue  # a heading cell in a table row stays a cell
        head.text = "#" * _heading_level(head) + " " + (head.text or "").lstrip()
    text = xmltotxt(body, False) or ""
    lines = [line.rstrip() for line in text.split("\n")]
    # Lines without a word are rendering residue: an emptied "#", a table's "|---|" rule, empty rows.
    return "\n".join(line for line in lines if not line.strip() or _HAS_WORD.search(line)).strip("\n")


_HAS_WORD = re.compile(r"\w")
_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "table", "code"})


def _is_layout_table(table) -> bool:
    """A table used for page layout rather than data.

    Old news sites put the whole article, its sidebar and its comments in one
    table; rendered as rows, a whole column becomes one line and no line-level
    cleaning can separate the article from the rest. Signs of layout: a cell
    holding several blocks or a long text, or a single column.
    """
    widest = 0
    for row in table.iterchildren("row"):
        cells = [cell for cell in row.iterchildren("cell") if "".join(cell.itertext()).strip()]
        widest = max(widest, len(cells))
        for cell in cells:
            blocks = sum(1 for child in cell if child.tag in _BLOCK_TAGS)
            if blocks >= 2 or len("".join(cell.itertext()).split()) > 60:
                return True
    return widest <= 1


def _unwrap_table(table) -> None:
    """Replace a layout table by its cells' content, one block per cell or per block inside it."""
    from lxml import etree

    parent = table.getparent()
    if parent is None:
        return
    blocks = []
    # Only this table's own cells: an inner table was already unwrapped, or is data and moves whole.
    for cell in (cell for row in table.iterchildren("row") for cell in row.iterchildren("cell")):
        children = [child for child in cell if child.tag in _BLOCK_TAGS]
        if not children:
            paragraph = etree.Element("p")
            paragraph.text = cell.text
            for child in list(cell):
                paragraph.append(child)
            blocks.append(paragraph)
            continue
        if cell.text and cell.text.strip():
            lead = etree.Element("p")
            lead.text = cell.text
            blocks.append(lead)
        for child in list(cell):
            tail, child.tail = child.tail, None
            blocks.append(child)
            if tail and tail.strip():
                loose = etree.Element("p")
                loose.text = tail
                blocks.append(loose)
    index = parent.index(table)
    tail = table.tail
    parent.remove(table)
    for offset, block in enumerate(blocks):
        parent.insert(index + offset, block)
    if tail and tail.strip():
        loose = etree.Element("p")
        loose.text = tail
        parent.insert(index + len(blocks), loose)


def _heading_level(head) -> int:
    rend = head.get("rend") or ""
    return int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1] in "123456" else 2


def drop_title_line(text: str, title: str | None) -> str:
    """Drop the first of the opening lines that repeats ``title`` (title metadata keeps it)."""
    if not title:
        return text
    wanted = _norm_words(title)
    if not wanted:
        return text
    lines = text.split("\n")
    checked = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if checked == 3:
            break
        checked += 1
        words = _norm_words(line.lstrip("#"))
        # Page titles often carry the site name: "Headline | Site" or "Headline - Site".
        if words and (words == wanted or (len(words) >= 3 and wanted[: len(words)] == words)):
            return "\n".join(lines[:index] + lines[index + 1 :]).strip("\n")
    return text


#: Longest run of balanced-mode lines merged into one gap of the precision text.
MAX_GAP_LINES = 3
#: Fewest words of a recovered paragraph (headings have no minimum).
MIN_GAP_PARAGRAPH_WORDS = 15
#: Longest recovered heading, in words.
MAX_GAP_HEADING_WORDS = 20
_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’)\]]*$")
#: Longest run recovered after precision mode's last block (see _article_tail).
MAX_TAIL_LINES = 3
#: Longest citation list recovered after it (a "References" heading and its items).
MAX_REFERENCE_LINES = 12
_LINK_ONLY = re.compile(r"^-?\s*\[[^\]]*\]\([^)]*\)$")
_SECTION_NUMBER = re.compile(r"^[\d.]+\s+")
# Newswire credit lines that close an article: "Additional reporting by ...", "Editing by ...",
# "Writing by ...", "Reporting by ...", "... contributed to this report."
_CREDIT_LINE = re.compile(
    r"^\(?(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|research)\s+by)\s+[A-Z]"
    r"|^.{3,120}\b(?i:contributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article))\b"
)


def merge_interior_gaps(precision: str, balanced: str) -> str:
    """``precision`` with the blocks balanced mode found *between* two of its blocks.

    Precision mode drops some subheadings and short paragraphs in the middle of
    an article. A run of balanced-mode lines that sits between two lines
    precision mode kept, in the same order, is put back when it is short (at
    most :data:`MAX_GAP_LINES` lines) and every line reads as article text: a
    heading, or a paragraph of at least :data:`MIN_GAP_PARAGRAPH_WORDS` words
    ending like a sentence. Lines before the first or after the last kept line
    are never added: that is where teasers, bylines and footers live.
    """
    import difflib

    kept = precision.split("\n")
    found = balanced.split("\n")
    if not precision.strip() or not balanced.strip():
        return precision
    keys_kept = [" ".join(line.split()) for line in kept]
    keys_found = [" ".join(line.split()) for line in found]
    matcher = difflib.SequenceMatcher(None, keys_kept, keys_found, autojunk=False)
    nonblank = [i for i, key in enumerate(keys_kept) if key]
    if not nonblank:
        return precision
    first, last = nonblank[0], nonblank[-1]
    inserts: dict[int, list[str]] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "insert" and i1 > last:
            tail = _article_tail([found[j] for j in range(j1, j2) if keys_found[j]])
            if tail:
                inserts[len(kept)] = tail
            continue
        if tag == "insert" and i1 <= first:
            # The heading right above the first kept paragraph introduces it (a headline or
            # first subhead); anything further up is navigation, kickers and teasers.
            head = [found[j] for j in range(j1, j2) if keys_found[j]]
            if head and _is_heading(head[-1]) and _reads_as_article(head[-1]) and _is_prose(kept[first]):
                inserts[first] = head[-1:]
            continue
        if tag != "insert" or not first < i1 <= last:
            continue
        lines = [found[j] for j in range(j1, j2) if keys_found[j]]
        if not lines or len(lines) > MAX_GAP_LINES or not all(_reads_as_article(line) for line in lines):
            continue
        # A heading must introduce prose: the line after it (recovered or kept) is a paragraph.
        following = lines[1:] + [kept[i1]]
        if any(_is_heading(line) and not _is_prose(nxt) for line, nxt in zip(lines, following)):
            continue
        inserts[i1] = lines
    if not inserts:
        return precision
    out: list[str] = []
    for index, line in enumerate(kept):
        out.extend(inserts.get(index, ()))
        out.append(line)
    out.extend(inserts.get(len(kept), ()))
    return "\n".join(out)


def _article_tail(lines: list[str]) -> list[str]:
    """The start of the run after precision mode's last block that still belongs to the article.

    Wire credit lines ("Additional reporting by ...; Editing by ...") right after
    the article (whatever follows them), or a whole closing section: a heading
    followed by prose paragraphs. Anything else after the article (teaser lists,
    link rows, one-line prompts) stays out.
    """
    credits = 0
    while credits < len(lines) and credits < MAX_TAIL_LINES and _CREDIT_LINE.match(lines[credits].strip()):
        credits += 1
    if credits:
        return lines[:credits]
    if lines and _is_reference_heading(lines[0]):
        # A citation list: its items, up to the next heading or the first line that is not part of it.
        section = [lines[0]]
        for line in lines[1:MAX_REFERENCE_LINES + 1]:
            if _is_heading(line) or _LINK_ONLY.match(line.strip()):
                break
            section.append(line)
        return section if len(section) > 1 else []
    if 1 < len(lines) <= MAX_TAIL_LINES and _is_heading(lines[0]) and _reads_as_article(lines[0]) and all(_is_prose(line) for line in lines[1:]):
        return lines
    return []


def _is_reference_heading(line: str) -> bool:
    if not _is_heading(line):
        return False
    words = _SECTION_NUMBER.sub("", line.strip().lstrip("#").strip()).rstrip(":").strip().lower()
    return words in _reference_headings()


@functools.lru_cache(maxsize=1)
def _reference_headings() -> frozenset[str]:
    return frozenset(load_lexicon("extraction_reference_headings"))


def _reads_as_article(line: str) -> bool:
    """A heading of a few words, or a paragraph that reads as prose."""
    if _is_heading(line):
        return 0 < len(line.strip().lstrip("#").split()) <= MAX_GAP_HEADING_WORDS
    return _is_prose(line)


def _is_heading(line: str) -> bool:
    return line.lstrip().startswith("#")


def _is_prose(line: str) -> bool:
    """At least :data:`MIN_GAP_PARAGRAPH_WORDS` words ending like a sentence; not a list item, table row or [link]."""
    stripped = line.strip()
    if stripped.startswith(("#", "- ", "|", "[")):
        return False  # list items, table rows and bracketed links: where link lists and widgets live
    return len(stripped.split()) >= MIN_GAP_PARAGRAPH_WORDS and bool(_SENTENCE_END.search(stripped))


def _norm_words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _words(text: str) -> int:
    return len(text.split())


def _clean_field(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


# --- outbound links ----------------------------------------------------------------------


def _count_outbound_links(tree, *, url: str | None, page_url: str | None, mode: str) -> int:
    """Links in the body that leave the site (absolute http(s) links to another host).

    A second pass in the same mode with links kept: trafilatura's link mode
    changes which blocks it keeps slightly, so the body text itself comes from
    the link-free pass.
    """
    import trafilatura

    document = trafilatura.bare_extraction(tree, url=url, include_links=True, **_COMMON, **_MODES[mode])
    return _outbound_links(document, page_url)


def _outbound_links(document, page_url: str | None) -> int:
    """Absolute links to another site among the ``ref`` elements of a body extracted with links."""
    if document is None or getattr(document, "body", None) is None:
        return 0
    own = _site_key(page_url)
    count = 0
    for ref in document.body.iter("ref"):
        target = (ref.get("target") or "").strip()
        if not re.match(r"(?i)https?://", target):
            continue  # relative links stay on the site
        host = _site_key(target)
        if own is None or (host is not None and host != own):
            count += 1
    return count


# Second-level labels under which registrations happen (bbc.co.uk, abc.net.au).
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go"})


def _site_key(url: str | None) -> str | None:
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


# --- damaged markup ----------------------------------------------------------------------

_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)


def close_unterminated_title(html: str) -> str:
    """Close a ``<title>`` that is never closed, at its first line break or tag.

    The title element holds raw text, so a page whose ``</title>`` was lost (a
    truncated or damaged save; a few percent of old crawls) parses as one long
    title with an empty body and nothing can be extracted.
    """
    match = _TITLE_OPEN.search(html, 0, 20_000)
    if match is None or re.search(r"</title\s*>", html, re.IGNORECASE):
        return html
    end = match.end()
    stop = re.compile(r"[\n<]").search(html, end)
    cut = stop.start() if stop else len(html)
    logger.debug("closing an unterminated <title> at offset %d", cut)
    return html[:cut] + "</title>" + html[cut:]


# --- deep nesting ------------------------------------------------------------------------

_TAG = re.compile(
    r"<!--.*?(?:-->|$)"  # comments (unterminated ones run to the end)
    r"|<(script|style|textarea)\b[^>]*>.*?(?:</\1\s*>|$)"  # raw-text elements: their content is not markup
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*?(/?)>",
    re.DOTALL | re.IGNORECASE,
)
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
# Opening one of these closes a still-open one of the same name (HTML's implied end tags).
_SELF_CLOSING_SIBLINGS = frozenset("p li dt dd tr td th option".split())
_TEXT_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 li dt dd pre".split())
_BLOCKS = frozenset(
    "address article aside blockquote div dl fieldset footer form h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section table ul".split()
)


def flatten_deep_nesting(html: str, max_depth: int = DEFAULT_MAX_DEPTH) -> str:
    """``html`` with tags nested deeper than ``max_depth`` removed (text kept); unchanged when shallow enough.

    The depth is estimated from the tag sequence with HTML's common implied end
    tags; the page is only rewritten when that estimate exceeds the limit.
    """
    if html.count("<") <= max_depth:
        return html
    stack: list[tuple[str, bool]] = []  # (tag, kept)
    kept_depth = 0
    deepest = 0
    drops: list[tuple[int, int]] = []
    for match in _TAG.finditer(html):
        name = match.group(3)
        if not name:
            continue
        name = name.lower()
        if match.group(2):  # closing tag
            for position in range(len(stack) - 1, -1, -1):
                if stack[position][0] == name:
                    for _, kept in stack[position:]:
                        kept_depth -= kept
                    if not stack[position][1]:
                        drops.append(match.span())
                    del stack[position:]
                    break
            continue
        if name in _VOID or match.group(4):
            continue
        if stack and stack[-1][0] == "p" and (name in _BLOCKS or name == "p"):
            kept_depth -= stack.pop()[1]
        elif stack and name in _SELF_CLOSING_SIBLINGS and stack[-1][0] == name:
            kept_depth -= stack.pop()[1]
        # Past the limit only containers go; a paragraph or heading keeps its tag so the
        # extractor still sees a text block (these cannot nest inside themselves).
        keep = kept_depth < max_depth or name in _TEXT_BLOCKS
        stack.append((name, keep))
        kept_depth += keep
        deepest = max(deepest, len(stack))
        if not keep:
            drops.append(match.span())
    if deepest <= max_depth or not drops:
        return html
    logger.info("page nests about %d levels deep; flattening past %d", deepest, max_depth)
    parts, cursor = [], 0
    for start, end in drops:
        parts.append(html[cursor:start])
        parts.append(" ")  # dropped block tags still separate words
        cursor = end
    parts.append(html[cursor:])
    return "".join(parts)
