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
the segmenter in :mod:`scorer.ingest.segment` sees them, and no ``**bold**`` or
``[link](url)`` markup leaks into the text the signals read. One paragraph,
heading, list item or table row per line.

A long block of lines (or, inside one line, of three or more sentences) that repeats the block right
before it verbatim (or before a byline or time stamp of at most two lines) is dropped (:func:`without_repeated_blocks`: the page held its story twice); the copies
are kept in :attr:`Extracted.repeated` and the pipeline reports each as a ``repeated_block`` removal. A first body line that repeats the page title is dropped: the title is kept in
:attr:`Extracted.title`, and counting it as body text would add a fake heading
and duplicate words.

Robustness: libxml2 silently stops parsing past 255 levels of nesting, losing
everything after the deep spot, so deeper markup is flattened first (tags past
``max_depth`` are dropped, their text kept). Any parser or recursion failure
becomes :class:`~scorer.core.errors.ExtractionError`.

Modules:

``page``     the trafilatura passes, the choice between them, and the :class:`Extracted` result
``body``     trafilatura's body tree → plain text (``#`` headings, layout tables unwrapped); the title line;
             blocks printed twice
``gaps``     blocks balanced mode found between precision mode's (:func:`merge_interior_gaps`) and after them
``repairs``  damaged or hostile markup fixed before parsing: unclosed titles, deep nesting, pull quotes,
             layout tables
``links``    outbound links in the extracted body (the page's links whose anchor text is in the body)
"""
from __future__ import annotations

from scorer.ingest.extract.body import drop_repeated_blocks, drop_title_line, serialize_body, without_repeated_blocks
from scorer.ingest.extract.gaps import merge_interior_gaps
from scorer.ingest.extract.page import DEFAULT_MAX_DEPTH, Extracted, extract_html
from scorer.ingest.extract.repairs import close_unterminated_title, drop_pull_quotes, flatten_deep_nesting

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "Extracted",
    "close_unterminated_title",
    "drop_pull_quotes",
    "drop_repeated_blocks",
    "without_repeated_blocks",
    "drop_title_line",
    "extract_html",
    "flatten_deep_nesting",
    "merge_interior_gaps",
    "serialize_body",
]
