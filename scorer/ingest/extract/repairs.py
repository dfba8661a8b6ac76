"""Markup repairs: damaged or hostile HTML fixed before parsing, and page furniture undone after.

Before parsing (on the HTML string): a ``<title>`` that is never closed
(:func:`close_unterminated_title`) and nesting deeper than libxml2 can parse
(:func:`flatten_deep_nesting`). On the parsed tree: pull quotes that repeat the
story (:func:`drop_pull_quotes`). On trafilatura's body tree: tables used for
page layout, unwrapped into their blocks (:func:`is_layout_table`, :func:`unwrap_table`).
"""
from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Tags nested deeper than this are dropped (their text kept) before parsing.
#: libxml2 truncates the document at depth 255 and trafilatura loses text nested
#: about 200 deep; real pages stay under 100 (at most 98 over the 655 benchmark pages).
DEFAULT_MAX_DEPTH = 150

# --- pull quotes ---------------------------------------------------------------------------

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


# --- layout tables -------------------------------------------------------------------------

_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "table", "code"})


def is_layout_table(table) -> bool:
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


def unwrap_table(table) -> None:
    """Replace a layout table by its cells' content, one block per cell or per block inside it."""
    from lxml import etree  # deferred: lxml (~0.1 s) is needed for HTML inputs only

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
    # No tag can end after the last ">": scanning stops there, so a run of unterminated tags
    # ("<a <a <a ...") costs one pass instead of one pass per "<" (quadratic).
    for match in _TAG.finditer(html, 0, html.rfind(">") + 1):
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
