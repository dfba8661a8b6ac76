"""What the anachronism checks share about one article: tokens, sentences and their time frames, quotes.

A :class:`Context` is built once per article; a sentence's time frame (the past years it names,
words that put it in the past or the present) is worked out only when a check asks for it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Sequence

from scorer.core.document import Article
from scorer.knowledge.base import KnowledgeBase
from scorer.knowledge.tokens import tokenize

#: The finding kind of both checks (stale titles and stale ages).
KIND = "anachronism"
#: Days in a year: ages and the history cut-off are counted in years of this length.
YEAR = 365.25
ARTICLE_WORDS = {"the", "a", "an"}

_PAST_FRAME = re.compile(
    r"\b(?:at\s+the\s+time|back\s+then|back\s+in|by\s+then|in\s+those\s+days|at\s+that\s+time|"
    r"(?:years|decades|months)\s+ago|a\s+(?:year|decade)\s+ago|previously|formerly|once(?!\s+(?:again|more))|"
    r"during\s+(?:his|her|their)\s+(?:time|years|days|term|terms|tenure|administration|government|career|life|lifetime|youth|stint|rule|mandate|leadership)\b|"
    r"(?:his|her|their)\s+(?:presidency|tenure|premiership|chancellorship|reign|pontificate|papacy|time\s+in\s+office|first\s+term|second\s+term)|"
    r"(?:when|while)\s+[^,;:]{0,40}?\b(?:was|were)|served\s+as|"
    r"died|dies|death|funeral|obituary|legacy|memorial|in\s+memory|historic|history|era)\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(
    r"\b(?:now|today|currently|still|is|are|remains?|continues?|has|have|marks?|enters?|this\s+(?:week|month|year))\b|['’]s\b",
    re.IGNORECASE,
)
#: A year ("2019") or a decade ("the 1990s") named in a sentence.
YEARS = re.compile(r"\b((?:19|20)\d\d)(s)?\b")


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int
    text: str
    years: tuple[tuple[int, int], ...]  # (first, last) year ranges mentioned before the article's year
    past: bool
    present: bool
    had: bool


class Context:
    """Everything about the article the checks share: tokens, sentences, quotes, keyword hits."""

    def __init__(self, article: Article, kb: KnowledgeBase):
        self.article = article
        self.kb = kb
        self.date = article.date
        self.tokens = tokenize(article.text)
        self.starts = [t.start for t in self.tokens]
        sentences = article.sentences or ()
        self.sentence_starts = [s.start for s in sentences]
        self.sentences = _Lazy(sentences, lambda s: self._sentence(s.start, s.end, s.paragraph, s.text))
        self.token_sentence = [self.sentence_of(t.start) for t in self.tokens]
        self.headings = {i for i, p in enumerate(article.paragraphs) if p.is_heading}
        self.quotes = _quote_spans(article)
        self._keyword_hits: list[tuple[int, frozenset[str]]] | None = None

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1) if self.sentence_starts else -1

    def _sentence(self, start: int, end: int, paragraph: int, text: str) -> Sentence:
        years = []
        for match in YEARS.finditer(text):
            year = int(match.group(1))
            first, last = (year, year + 9) if match.group(2) else (year, year)
            if first < self.date.year:
                years.append((first, min(last, self.date.year - 1)))
        if re.search(r"\blast\s+year\b", text, re.IGNORECASE):
            years.append((self.date.year - 1, self.date.year - 1))
        return Sentence(
            start, end, paragraph, text, tuple(years),
            past=bool(_PAST_FRAME.search(text)),
            present=bool(_PRESENT.search(text)),
            had=bool(re.search(r"\bhad\b", text, re.IGNORECASE)),
        )

    def in_quote(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.quotes, (start, float("inf"))) - 1
        return index >= 0 and self.quotes[index][0] <= start and end <= self.quotes[index][1]

    def same_sentence(self, i: int, j: int) -> bool:
        return 0 <= i < len(self.tokens) and 0 <= j < len(self.tokens) and self.token_sentence[i] == self.token_sentence[j]

    def joined(self, i: int) -> bool:
        """Token ``i`` is joined to the next by a hyphen ("then-President", "ex-PM")."""
        if i + 1 >= len(self.tokens):
            return False
        return self.article.text[self.tokens[i].end:self.tokens[i + 1].start] in ("-", "‑")

    def keyword_hits(self) -> list[tuple[int, frozenset[str]]]:
        if self._keyword_hits is None:
            hits = []
            trie = self.kb.keyword_trie
            for i in range(len(self.tokens)):
                found = trie.longest(self.tokens, i)
                if found:
                    hits.append((i, found[1]))
            self._keyword_hits = hits
        return self._keyword_hits


class _Lazy:
    """A list whose items are computed on first use: most sentences hold no mention and need no analysis."""

    def __init__(self, items: Sequence, build):
        self._items = items
        self._build = build
        self._cache: dict[int, Sentence] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: int) -> Sentence:
        if index not in self._cache:
            self._cache[index] = self._build(self._items[index])
        return self._cache[index]


_QUOTE_CHARS = re.compile(r"''|[\"“”]")  # '' is how some archives (NYT in PolNeAR) write a double quote


def _quote_spans(article: Article) -> list[tuple[int, int]]:
    """Character spans inside quotation marks, per paragraph (an unclosed quote runs to the paragraph end)."""
    spans = []
    for paragraph in article.paragraphs:
        text, base = paragraph.text, paragraph.start
        open_at = None
        for match in _QUOTE_CHARS.finditer(text):
            index, ch = match.start(), match.group().replace("''", '"')
            if ch == "“" or (ch == '"' and open_at is None):
                if open_at is None:
                    open_at = index
            elif ch == "”" or ch == '"':
                if open_at is not None:
                    spans.append((base + open_at, base + match.end()))
                    open_at = None
        if open_at is not None:
            spans.append((base + open_at, paragraph.end))
    return sorted(spans)


def date_note(article: Article) -> str:
    """What every message adds when the article's date was not given by the page or the user."""
    if article.date_source == "today":
        return f" (date assumed to be today, {article.date.isoformat()}; pass --date YYYY-MM-DD to set it)"
    if article.date_source == "text":
        return f" (date read from a dateline in the text, {article.date.isoformat()})"
    return ""
