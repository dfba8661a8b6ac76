"""Page structure that repeats words without restating a claim: list items, template fields, captions.

A restatement, for an editor, is prose saying an earlier claim again and adding nothing. Three page
structures repeat an earlier sentence's words by design and are not that:

* a list item (or a pipe-table row) under anything but a summary box: a recipe's steps after the narrative that walks
  through them, a product's spec bullets after the review, a meal plan's items. A "Key Points" or
  "Summary" list (a heading of ``seo_headings``) is the summary the family looks for and stays one;
* a template field, a line opening with a short label and a colon (or a spaced dash), repeated under each
  item of the page ("Portion Fix Containers: 1 Green, 1 Red ..." under every meal, "Pro tip: ..." under
  each section, "Texas — Oct. 24 to Nov. 4." for each state): the same label with another value is a
  form, another label with the same value another entry of a list, neither a restatement;
* a caption: a sentence whose paragraph carries a photo credit, or whose next paragraph is one,
  describes the picture with the words of the story.
"""
from __future__ import annotations

import functools
import re

from scorer.core.document import Article
from scorer.core.text import LIST_MARK, MARKDOWN_HEADING
from scorer.knowledge.lexicons import load_lexicon, phrase_pattern
from scorer.signals.padding.seo import seo_phrase

#: A field label: up to four words before a colon or a spaced dash at the start of the sentence ("Portion Fix
#: Containers:", "Pro tip:", "Cost:", "Texas — Oct. 24 to Nov. 4."), after an optional list mark or bold marks.
_FIELD_LABEL = re.compile(r"^(?:[-*•]\s+)?(?:\*\*)?([A-Za-z][\w'’&-]*(?:\s+[\w'’&-]+){0,3})(?:\*\*)?(?:\s*:|\s+[—–-])\s+\S")
#: A credit line short enough to be only a credit ("(Alberto Pizzoli/AFP via Getty Images)", "Photo: Reuters").
CREDIT_LINE_WORDS = 12
#: "Photo:", "Image credit:", "Pictured:" opening a line, a sentence or a parenthesis.
_CREDIT_LABEL = re.compile(
    r"(?:^|\(|[.!?]\s+)\s*(?:photo(?:graph)?s?|image|picture|pictured|credit|photo credit|image credit|source image)\s*:",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=None)
def _pattern(name: str) -> re.Pattern[str]:
    return phrase_pattern(load_lexicon(name))


def field_label(text: str) -> str | None:
    """The label of a "Label: value" line, lower-cased, or None."""
    match = _FIELD_LABEL.match(text.strip())
    return " ".join(match.group(1).lower().split()) if match else None


def same_field(article: Article, index: int, passage: list[int]) -> bool:
    """Sentence ``index`` and a sentence of the passage are rows of one form or list, each opening with a label.

    The same label with another value is a form ("Cost: ..." under each item); another label with the same
    value is another entry of a list ("Texas — Oct. 24 to Nov. 4." after "Massachusetts — Oct. 24 to Nov. 4.").
    """
    return field_label(article.sentences[index].text) is not None and any(
        field_label(article.sentences[i].text) is not None for i in passage
    )


#: A row of a pipe table ("| DL | Chad Thomas | 57 | 3 tackles. |"): cells of a table, like list items,
#: repeat the words of the rows around them by design.
_TABLE_ROW = re.compile(r"^\s*\|[^|\n]*\|[^|\n]*\|")


def _in_list(article: Article, paragraph: int) -> bool:
    text = article.paragraphs[paragraph].text
    return bool(LIST_MARK.match(text) or _TABLE_ROW.match(text))


def list_item_outside_summary(article: Article, index: int) -> bool:
    """Sentence ``index`` is in a list item whose list is not under a summary heading or label ("Key Points")."""
    paragraph = article.sentences[index].paragraph
    if not _in_list(article, paragraph):
        return False
    above = paragraph - 1
    while above >= 0 and _in_list(article, above):
        above -= 1
    return above < 0 or seo_phrase(article.paragraphs[above]) is None


def _is_credit(text: str) -> bool:
    """A photo credit: a credit label, or a parenthesis naming a picture agency or a credit word."""
    if _CREDIT_LABEL.search(text):
        return True
    for group in re.findall(r"\(([^()]{2,120})\)", text):
        if _pattern("padding_caption_credits").search(group):
            return True
        # "(Jane Doe/Reuters)" is a credit; "WASHINGTON (AP) --" is a dateline.
        if "/" in group and _pattern("padding_caption_agencies").search(group):
            return True
    return False


def is_caption(article: Article, index: int) -> bool:
    """Sentence ``index`` describes a picture: its paragraph holds a credit, or the next paragraph is only one."""
    paragraphs = article.paragraphs
    paragraph = article.sentences[index].paragraph
    if _is_credit(paragraphs[paragraph].text):
        return True
    following = paragraph + 1
    if following < len(paragraphs):  # a short credit line may have been taken for a heading
        text = MARKDOWN_HEADING.sub("", paragraphs[following].text)
        return len(text.split()) <= CREDIT_LINE_WORDS and _is_credit(text)
    return False
