"""Residual boilerplate: what an extractor lets through, and what pasted text carries.

Runs on text from both paths (HTML after :mod:`scorer.ingest.extract`, plain text as
given), one paragraph per line. It removes whole lines, or bracketed ad markers
inside a line, and never rewrites the words of a line it keeps. Every removal
is returned as a :class:`~scorer.core.document.Removal`; consecutive removed lines of
one kind form one removal (a share bar of five buttons is one piece of chrome,
each "Advertisement" between paragraphs is its own).

Removal kinds (:data:`REMOVAL_KINDS`):

``ad_marker``     "Advertisement", "[ADVERTISEMENT]", "Story continues below advertisement"
``site_chrome``   navigation, share/subscribe/log-in/newsletter prompts, "Follow us on …",
                  "Leave a comment", tag lists, copyright lines, reading-time badges, and
                  whole notices: cookie banners, legal notices, "page not found" messages
``related_tail``  a related-content block: a header ("You may also like", "Related
                  stories", "DON'T MISS") and the headline-like lines after it, or a stack
                  of three or more teaser headings at the very start or end of the body
``related_link``  one inline promotion line: "READ MORE: Other headline", "[Related: …]"
``comments``      a reader-comment section, recognised by its signature lines
                  ("Posted by Jane on January 10, 2008 5:58 PM") and its header

One more kind comes from the extractor, not from here: ``repeated_block``, a verbatim copy of
the block right before it (or before a short byline) that an HTML page printed twice (:mod:`scorer.ingest.extract`).

Precision comes first: a phrase only removes a line when the line *is* that
phrase, *starts* with an imperative aimed at the reader, or is short and
contains a phrase that never occurs in reporting. A sentence that mentions
advertising, subscriptions or comments stays. The vocabularies are package data
(``scorer/knowledge/lexicons/boilerplate_*.txt``) so a newsroom can extend them.

Modules:

``lines``     each line normalised (:class:`~scorer.ingest.clean.lines.Line`) and the single-line rules:
              ad markers, chrome, notices, menus, promotions, teaser headlines
``comments``  reader-comment sections, by their signatures and headers
``related``   related-content blocks after their header, and teaser stacks around the body
``remove``    the removal loop (:func:`clean_text`), inline ad markers, and the kept text with its removals
"""
from __future__ import annotations

from scorer.ingest.clean.remove import REMOVAL_KINDS, clean_text

__all__ = ["REMOVAL_KINDS", "clean_text"]
