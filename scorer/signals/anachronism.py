"""Anachronisms: stale titles and stale ages, checked against the knowledge base and the article's date.

Content farms recycle old copy, so their text carries facts that were true when
it was first written: a sitting head of state called "former", someone who left
office still given the title, a war's age that was right two years ago. Three
checks, each a finding of kind ``anachronism`` whose message gives the evidence:

1. **"former" (or "-elect") for a sitting office holder** — "former President Trump" or
   "President-elect Trump" in 2026.
2. **a current title for someone not in that office on the date** — "Chancellor
   Scholz" in 2026 (left office), "President Vance" in 2019 (not yet in it).
3. **a stated age of a known event off by a year or more** — "the nearly
   two-year-old conflict", "the two-year war", "now in its third year", "two years
   into the war" in a 2026 article about Russia's invasion of Ukraine.

How a mention is found (one pass, dictionary lookups, no per-person pattern):
the text is tokenised once; at each token the title trie gives the longest
title ("U.S. President", "Prime Minister", "Chancellor"); a name must follow it
directly ("President Donald J. Trump", surname-only "Chancellor Merz"), or stand
in apposition ("Joe Biden, the former president," / "the US president, Donald
Trump,"). The title restricts which of the person's offices are meant, so
"former Vice President Biden" is checked against the vice presidency only.

What makes a mention correct, and so never a finding:
- a modifier that places it in time: "then-President", "the late", "future",
  "incoming", "acting", "interim", "caretaker", "a President Trump" (hypothetical);
- a time frame in the same sentence: a past year in which the title fitted
  ("in 2019, President Trump said"), or words that put the sentence in the past
  ("at the time", "years ago", "during his presidency", "died", "legacy"...);
- for someone not yet in office, future or conditional wording ("would", "if", "once");
- a quotation: people quoted may use old titles, and quotes of the past are the past;
- history: someone who left office more than :data:`HISTORY_YEARS` ago named by
  the old title is a historical reference, not recycled copy;
- the days around a change of office (:data:`GRACE_DAYS`), when usage lags;
- when several people share the name ("President Bush", "Premier Li"), a finding
  needs the title to be wrong for every one of them.

The article date comes from the pipeline (metadata → ``--date`` → dateline →
today). When it was assumed to be today every message says so and how to set it.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import functools
import logging
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, Finding, SignalResult
from scorer.knowledge.lexicons import load_lexicon
from scorer.knowledge.base import POSSESSIVE, Event, KnowledgeBase, Term, load_knowledge, tokenize
from scorer.core.text import per_1000_words
from scorer.signals.registry import FamilySpec, feature_specs, register

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

FAMILY = "anachronism"
VERSION = "1"  # 1: coverage counts are no longer model features; ages said after the event
KIND = "anachronism"
FEATURES = ("anachronisms", "anachronisms_per_1000_words", "office_mentions_checked", "event_ages_checked", "date_assumed")
#: Features that say what the check covered, not what the writing is like: shown as signals, never used by a model.
#: In the labelled sets they count mentions in the articles that a dateline dates (real news carries datelines,
#: rewrites drop them), so a model learned "an event age was checked: reported news" and raised the score of an
#: article for every stale age it stated.
COVERAGE_FEATURES = ("office_mentions_checked", "event_ages_checked", "date_assumed")

#: Around a change of office, copy written days before is not a stale fact yet.
GRACE_DAYS = 7
#: A title for someone who left office longer ago than this is a historical reference.
HISTORY_YEARS = 12
#: A stated age must be this far (years) from the true age to be flagged (the issue's "a year or more").
AGE_TOLERANCE = 1.0
_YEAR = 365.25

# Words before a title that change what it claims.
_FORMER = {"former", "ex", "erstwhile", "onetime"}
_PAST_MODS = {"then", "late"}  # counted only after "the" or joined by a hyphen (not the adverb "and then")
_FUTURE_MODS = {"future", "incoming", "designate", "elect", "potential", "possible", "prospective", "presumptive", "hypothetical", "next"}
_ABSTAIN_MODS = {"acting", "interim", "caretaker", "outgoing", "provisional", "deputy"}
#: "the current president", "the sitting chancellor": the title is claimed for the article's own days.
_PRESENT_MODS = {"current", "sitting", "incumbent", "reigning"}
_SHIP_PREFIXES = {"hms", "rms", "uss", "ss", "mv", "hmcs", "hmas", "hmnzs"}
#: Lower-case words allowed between a modifier and the title ("former two-term president").
_BRIDGE_WORDS = {"two", "three", "four", "term", "time", "long", "serving", "longtime", "conservative", "liberal", "socialist", "centrist", "populist", "far", "right", "left", "wing", "hardline"}
_ARTICLE_WORDS = {"the", "a", "an"}
_NAME_PARTICLES = {"bin", "ibn", "bint", "al", "el", "de", "da", "del", "der", "van", "von", "di", "la", "le", "du", "dos", "das"}
_NAME_SUFFIXES = {"jr", "sr"}
_ROMAN = re.compile(r"^(?:[ivx]+)$")
_CALENDAR = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
#: Words that may follow an appositive title ("Biden, the former president, said").
_APPOSITIVE_END = {"who", "said", "says", "told", "and", "has", "is", "was", "will", "had"}

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
_YEARS = re.compile(r"\b((?:19|20)\d\d)(s)?\b")
#: Words that tie a sentence to the days around the article's date: only such a sentence asserts a
#: title as current. Without one, newsroom style names people by the title they held at the time of
#: what is told ("a former adviser to President George W. Bush", "President Yanukovych bolted").
_RECENT = re.compile(
    r"\b(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|today|tonight|yesterday|tomorrow|"
    r"this\s+(?:week|weekend|month|morning|afternoon|evening|year)|last\s+(?:week|weekend|night|month)|"
    r"earlier\s+this\s+\w+|now|currently|at\s+present)\b",
    re.IGNORECASE,
)
#: A verb right after the name that makes the title a claim about the present ("President Obama has sanctioned").
_PRESENT_VERBS = {
    "is", "are", "has", "have", "will", "says", "wants", "plans", "hopes", "thinks", "believes", "insists", "warns", "urges",
    "vows", "claims", "argues", "continues", "remains", "needs", "must", "can", "tells", "calls", "announces", "signs",
    "meets", "visits", "faces", "seems", "appears", "intends", "promises", "pledges",
}
#: Before a "former" mention, these put the sentence in the future ("once Obama is former president Obama").
_FUTURE_BEFORE = re.compile(r"\b(?:once|when|after|if|will|would|soon|until)\b|['’]ll\b", re.IGNORECASE)
#: Right after a name, these make the sentence conditional ("President Trump would tear up the deal").
_MODAL_AFTER = {"would", "will", "could", "might", "may", "should", "'d"}
_ORDINAL_TOKEN = re.compile(r"^\d+(?:st|nd|rd|th)$")


# --------------------------------------------------------------------------- context


@dataclass
class _Sentence:
    start: int
    end: int
    paragraph: int
    text: str
    years: tuple[tuple[int, int], ...]  # (first, last) year ranges mentioned before the article's year
    past: bool
    present: bool
    had: bool


class _Context:
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

    def _sentence(self, start: int, end: int, paragraph: int, text: str) -> _Sentence:
        years = []
        for match in _YEARS.finditer(text):
            year = int(match.group(1))
            first, last = (year, year + 9) if match.group(2) else (year, year)
            if first < self.date.year:
                years.append((first, min(last, self.date.year - 1)))
        if re.search(r"\blast\s+year\b", text, re.IGNORECASE):
            years.append((self.date.year - 1, self.date.year - 1))
        return _Sentence(
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
        self._cache: dict[int, _Sentence] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: int) -> _Sentence:
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


# --------------------------------------------------------------------------- names and titles


@dataclass
class _Mention:
    start: int  # character span of the finding
    end: int
    persons: tuple[str, ...]
    offices: frozenset[str]
    mods: frozenset[str]
    sentence: int
    title_text: str
    appositive: bool = False  # "NAME, the TITLE": the title comes after the name


def _match_name(ctx: _Context, i: int) -> tuple[int, frozenset[str]] | None:
    """The longest known name starting at token ``i`` (middle initials skipped), if it is not part of a longer name."""
    tokens = ctx.tokens
    if i >= len(tokens) or not tokens[i].is_word or not (tokens[i].capitalised or tokens[i].key in _NAME_PARTICLES):
        return None
    node = ctx.kb.name_trie.root
    best = None
    j = i
    while j < len(tokens) and ctx.same_sentence(i, j):
        token = tokens[j]
        child = node.get(token.key)
        if child is not None:
            node = child
            j += 1
            if "" in node:
                best = (j, frozenset(node[""]))
            continue
        if j > i and len(token.key) == 1 and token.text.endswith(".") and token.key.isalpha():
            j += 1  # a middle initial: "Donald J. Trump"
            continue
        break
    if best is None:
        return None
    end, people = best
    for k in range(i, end):
        if tokens[k].key not in _NAME_PARTICLES and not tokens[k].capitalised and not (k > i and ctx.joined(k - 1)):
            return None  # "prime minister may" is a verb, not Theresa May; "Ki-moon" is one name
    while end < len(tokens) and tokens[end].key in _NAME_SUFFIXES and ctx.same_sentence(i, end):
        end += 1
    if end < len(tokens) and ctx.same_sentence(i, end):
        nxt = tokens[end]
        gap = ctx.article.text[tokens[end - 1].end:nxt.start]
        if nxt.is_word and gap.strip() == "" and "\n" not in gap:
            if _ROMAN.match(nxt.key) and nxt.text.isupper():
                return None  # "Pope Leo XIII" is not Leo XIV
            if nxt.key in _NAME_PARTICLES and not nxt.capitalised:
                return None  # "Mohammed bin Zayed" is not "Mohammed"
            paragraph = ctx.sentences[ctx.token_sentence[i]].paragraph if ctx.sentences else -1
            if nxt.capitalised and nxt.key not in _CALENDAR and not nxt.key.isdigit() and paragraph not in ctx.headings:
                return None  # "President Trump Jr", "Queen Elizabeth Hospital": a longer name we do not know
    return end, people


def _modifiers_before(ctx: _Context, a: int) -> tuple[frozenset[str], int, bool]:
    """Modifiers in front of the title starting at token ``a``: (mods, first token index, preceded by "the")."""
    tokens = ctx.tokens
    mods: set[str] = set()
    first = a
    bridges = 0
    j = a - 1
    the = False
    while j >= 0 and a - j <= 6 and ctx.same_sentence(j, a):
        token = tokens[j]
        key = token.key
        if key in _FORMER:
            mods.add("former")
            first = j
        elif key in _PAST_MODS and (ctx.joined(j) or (j > 0 and tokens[j - 1].key == "the")):
            mods.add("past")
            first = j
        elif key in _FUTURE_MODS:
            mods.add("future")
            first = j
        elif key in _ABSTAIN_MODS:
            mods.add("abstain")
            first = j
        elif key in _PRESENT_MODS:
            mods.add("present")
            first = j
        elif key == "the":
            the = True
            break
        elif key in ("a", "an"):
            if not mods:
                mods.add("hypothetical")
            break
        elif key == "as":
            mods.add("role")
            break
        elif key in ("under", "during", "previous", "past") or _ORDINAL_TOKEN.match(key):
            # "under President X", "the 44th President": the title of the time of what is told.
            mods.add("past")
            if key in ("under", "during"):
                break
            first = j
        elif key in _SHIP_PREFIXES and token.text.isupper():
            mods.add("not_a_person")
            break
        elif key == POSSESSIVE or key in _BRIDGE_WORDS or (token.is_word and token.capitalised and key not in _CALENDAR):
            bridges += 1
            if bridges > 3:
                break
        else:
            break
        j -= 1
    return frozenset(mods), first, the


def _modifiers_after_comma(ctx: _Context, k: int) -> tuple[frozenset[str], int] | None:
    """For "NAME, the former president": modifiers from token ``k`` up to a title; (mods, title index)."""
    tokens = ctx.tokens
    mods: set[str] = set()
    j = k
    if j < len(tokens) and tokens[j].key in _ARTICLE_WORDS:
        j += 1
    while j < len(tokens) and j - k <= 5 and ctx.same_sentence(k, j):
        key = tokens[j].key
        if ctx.kb.title_trie.longest(tokens, j):
            return frozenset(mods), j
        if key in _FORMER:
            mods.add("former")
        elif key in _PAST_MODS or key in ("previous", "past") or _ORDINAL_TOKEN.match(key):
            mods.add("past")  # "Obama, the 44th president": a description, not a claim about today
        elif key in _FUTURE_MODS:
            mods.add("future")
        elif key in _ABSTAIN_MODS:
            mods.add("abstain")
        elif key in _PRESENT_MODS:
            mods.add("present")
        elif not (key == POSSESSIVE or key in _BRIDGE_WORDS or (tokens[j].is_word and tokens[j].capitalised)):
            return None
        j += 1
    return None


def _appositive_ok(ctx: _Context, title_start: int, title_end: int) -> bool:
    """An appositive title ends its phrase: punctuation, the sentence end, or "who"/"said"..."""
    tokens = ctx.tokens
    if title_end >= len(tokens) or not ctx.same_sentence(title_start, title_end):
        return True
    if tokens[title_end - 1].text.endswith("."):
        return True
    nxt = tokens[title_end]
    return (not nxt.is_word and nxt.key != POSSESSIVE) or nxt.key in _APPOSITIVE_END


#: Sentence openers that are not in the stopword list.
_OPENERS = {"meanwhile", "today", "yesterday", "tonight", "earlier", "later", "separately", "elsewhere", "still", "instead", "already", "indeed", "finally", "now", "then"}


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(load_lexicon("stopwords"))


_MODIFIER_WORDS = _FORMER | _PAST_MODS | _FUTURE_MODS | _ABSTAIN_MODS | _PRESENT_MODS | _ARTICLE_WORDS | {"under", "during", "previous", "past", "as"}


def _other_organisation(ctx: _Context, a: int) -> bool:
    """A capitalised word or a possessive glued before the title names another body: "FIFA President", "the club's President".

    Country words are qualifiers in the title trie, so "Ukraine President" never gets here; a sentence's
    first word ("Meanwhile President...") and title-case headings are not taken as an organisation.
    """
    if a == 0 or not ctx.same_sentence(a - 1, a):
        return False
    prev = ctx.tokens[a - 1]
    if prev.key == POSSESSIVE:
        return True  # "the club's Vice President": a country's possessive ("Britain's") is part of the title
    if not prev.is_word or not prev.capitalised or prev.key in _MODIFIER_WORDS or prev.key in _CALENDAR or prev.key.isdigit():
        return False
    opens = a - 1 == 0 or not ctx.same_sentence(a - 2, a - 1) or (not ctx.tokens[a - 2].is_word and ctx.tokens[a - 2].key != POSSESSIVE)
    if opens and (prev.key in _stopwords() or prev.key in _OPENERS):
        return False  # "Meanwhile President ...", "But President ...": the first word of a sentence or clause
    paragraph = ctx.article.sentences[ctx.token_sentence[a]].paragraph if ctx.article.sentences else -1
    return paragraph not in ctx.headings


def _find_mentions(ctx: _Context) -> list[_Mention]:
    tokens = ctx.tokens
    kb = ctx.kb
    mentions = []
    i = 0
    while i < len(tokens):
        title = kb.title_trie.longest(tokens, i) if tokens[i].is_word else None
        if title:
            a, (b, offices) = i, title
            if b < len(tokens) and tokens[b].key == POSSESSIVE:
                i = b  # "the president's son": the title is not attached to a name
                continue
            if _other_organisation(ctx, a):
                i = b
                continue
            mods, first, the = _modifiers_before(ctx, a)
            if b < len(tokens) and tokens[b].key == "elect" and ctx.joined(b - 1):
                # "President-elect Trump": a title someone holds from the election to taking office.
                mods, b = mods | {"elect"}, b + 1
            name = _match_name(ctx, b) if ctx.same_sentence(a, b) else None
            country_possessive = b - a >= 2 and tokens[a + 1].key == POSSESSIVE
            if name is None and (the or country_possessive) and b < len(tokens) and tokens[b].key == "," and ctx.same_sentence(a, b + 1):
                # "the US president, Donald Trump, said", "Japan's prime minister, Fumio Kishida, said"
                name = _match_name(ctx, b + 1)
                if name and not _appositive_ok(ctx, b + 1, name[0]):
                    name = None
            if name:
                end, people = name
                mentions.append(_Mention(tokens[first].start, tokens[end - 1].end, tuple(sorted(people)), offices, mods,
                                         ctx.token_sentence[a], ctx.article.text[tokens[a].start:tokens[b - 1].end]))
                i = end
                continue
            i = b
            continue
        name = _match_name(ctx, i)
        if name:
            end, people = name
            if end < len(tokens) and tokens[end].key == "," and ctx.same_sentence(i, end + 1):
                found = _modifiers_after_comma(ctx, end + 1)
                if found:
                    mods, t = found
                    title = kb.title_trie.longest(tokens, t)
                    if title and _appositive_ok(ctx, t, title[0]):
                        t_end, offices = title
                        mentions.append(_Mention(tokens[i].start, tokens[t_end - 1].end, tuple(sorted(people)), offices, mods,
                                                 ctx.token_sentence[i], ctx.article.text[tokens[t].start:tokens[t_end - 1].end],
                                                 appositive=True))
                        i = t_end
                        continue
            i = end
            continue
        i += 1
    return mentions


# --------------------------------------------------------------------------- judging office mentions


def _years_ago(day: _dt.date, years: float) -> _dt.date:
    return day - _dt.timedelta(days=round(years * _YEAR))


def _touches_year(terms: Iterable[Term], first: int, last: int) -> bool:
    return any(t.touches(_dt.date(first, 1, 1), _dt.date(last, 12, 31)) for t in terms)


def _former_in_year(terms: Sequence[Term], first: int, last: int) -> bool:
    """At some time in the years, the person had left the office and not (yet) returned."""
    year_end = _dt.date(last, 12, 31)
    for t in terms:
        if t.end is not None and t.end <= year_end:
            gap_start = max(t.end, _dt.date(first, 1, 1))
            back = any(u.start <= gap_start and (u.end is None or u.end > year_end) for u in terms if u is not t)
            if not back:
                return True
    return False


def _judge(ctx: _Context, mention: _Mention) -> tuple[str, str, Term] | None:
    """(kind, person, evidence term) when the mention is wrong for every person it may name; else None."""
    if "not_a_person" in mention.mods or "role" in mention.mods or "abstain" in mention.mods:
        return None
    day = ctx.date
    sentence = ctx.sentences[mention.sentence] if ctx.sentences else None
    quoted = ctx.in_quote(mention.start, mention.end)
    grace = _dt.timedelta(days=GRACE_DAYS)
    former = "former" in mention.mods
    text = ctx.article.text
    before_text = text[sentence.start:mention.start] if sentence else ""
    recent = _is_recent(ctx, mention, sentence)
    verdicts = []
    for person in mention.persons:
        terms = ctx.kb.terms(person, mention.offices)
        if not terms:
            continue
        if any(t.unverified_on(day) for t in terms):
            return None  # facts not known for this date: abstain
        if "elect" in mention.mods:
            # Stale once the person has taken office: copy from between the election and the inauguration.
            holding = [t for t in terms if t.holds(day, GRACE_DAYS)]
            if not holding or quoted or not recent or _FUTURE_BEFORE.search(before_text):
                return None
            if sentence and (sentence.past or sentence.years):
                return None  # "In December 2024, President-elect Trump ...": the title of that time
            verdicts.append(("elect", person, holding[0]))
            continue
        if former:
            holding = [t for t in terms if t.holds(day, GRACE_DAYS)]
            if not holding:
                return None
            left_other = any(t.end is not None and t.end <= day and t.office not in {h.office for h in holding} for t in terms)
            if left_other or quoted or _FUTURE_BEFORE.search(before_text):
                return None
            if sentence and (sentence.past and any(t.end and t.end <= day for t in terms)):
                return None
            if sentence and any(_former_in_year(terms, first, last) for first, last in sentence.years):
                return None
            verdicts.append(("former", person, holding[0]))
        else:
            if any(t.touches(day - grace, day + grace) for t in terms):
                return None
            before = [t for t in terms if t.start <= day]
            after = [t for t in terms if t.start > day]
            if quoted or not recent:
                return None
            if before:
                if "past" in mention.mods or (sentence and sentence.past):
                    return None
                if sentence and any(_touches_year(before, first, last) for first, last in sentence.years):
                    return None
                if not after and max(t.end for t in before) < _years_ago(day, HISTORY_YEARS):
                    return None
                verdicts.append(("left", person, before[-1]))
            else:
                if "future" in mention.mods or "hypothetical" in mention.mods or _FUTURE_BEFORE.search(before_text) or _next_key(ctx, mention) in _MODAL_AFTER:
                    return None
                verdicts.append(("not_yet", person, after[0]))
    if not verdicts:
        return None
    return verdicts[0]


def _next_key(ctx: _Context, mention: _Mention, past_comma: bool = False) -> str:
    """The token right after the mention; with ``past_comma``, after the comma that closes an appositive."""
    index = bisect.bisect_left(ctx.starts, mention.end)
    if past_comma and index < len(ctx.tokens) and ctx.tokens[index].key == ",":
        index += 1  # "Biden, the president, is expected to ..."
    if index < len(ctx.tokens) and ctx.token_sentence[index] == mention.sentence:
        return ctx.tokens[index].key
    return ""


def _is_recent(ctx: _Context, mention: _Mention, sentence: _Sentence | None) -> bool:
    """Does the sentence speak of the days around the article's date? (see :data:`_RECENT`)"""
    if sentence is None or "present" in mention.mods:
        return True
    if _RECENT.search(sentence.text):
        return True
    if ctx.kb.offices[next(iter(mention.offices))].style == "regnal" and all(ctx.kb.offices[o].style == "regnal" for o in mention.offices):
        return False  # "Pope John Paul II is..." names a dead pope; only a dated sentence makes it stale
    return _next_key(ctx, mention, past_comma=mention.appositive) in _PRESENT_VERBS


def _date_note(article: Article) -> str:
    if article.date_source == "today":
        return f" (date assumed to be today, {article.date.isoformat()}; pass --date YYYY-MM-DD to set it)"
    if article.date_source == "text":
        return f" (date read from a dateline in the text, {article.date.isoformat()})"
    return ""


def _office_message(ctx: _Context, kind: str, person: str, term: Term, title: str) -> str:
    office = ctx.kb.offices[term.office].name
    day = ctx.date.isoformat()
    if kind == "former":
        return f"called former, but {person} has been {office} since {term.start.isoformat()}; this article is dated {day}"
    if kind == "elect":
        return f"called {title}, but {person} has been {office} since {term.start.isoformat()}; this article is dated {day}"
    if kind == "left":
        return f"out-of-date title: {person} was {office} from {term.start.isoformat()} to {term.end.isoformat()}; this article is dated {day}"
    return f"title too early: {person} became {office} only on {term.start.isoformat()}; this article is dated {day}"


# --------------------------------------------------------------------------- event ages

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "half a": 0.5, "a dozen": 12, "a couple of": 2, "a couple": 2,
}
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25,
}
_NUM = r"(?:\d{1,3}(?:\.\d)?|" + "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in _NUMBER_WORDS), key=len, reverse=True)) + r")(?:\s+and\s+a\s+half)?"
_ORD = r"(?:\d{1,3}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + r")"
_QUALIFIERS = {
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "approaching": "nearly", "just under": "nearly",
    "under": "under", "less than": "under", "fewer than": "under",
    "more than": "over", "over": "over", "just over": "over", "at least": "over", "upwards of": "over", "well over": "over",
    "a little over": "over", "a little more than": "over", "some": "about", "about": "about", "around": "about",
    "roughly": "about", "approximately": "about", "exactly": "exact", "almost exactly": "exact",
}
_QUAL = r"(?:" + "|".join(sorted((q.replace(" ", r"\s+") for q in _QUALIFIERS), key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>years?|months?|decades?|weeks?|days?)"
_STARTED = r"(?:began|begun|started|erupted|broke\s+out|was\s+launched|launched|hit|struck|happened|took\s+place|invaded)"
_UNIT_YEARS = {"year": 1.0, "month": 1 / 12, "decade": 10.0, "week": 7 / _YEAR, "day": 1 / _YEAR}

# (pattern, where the event is named: "next" (right after), "after" the match, "before" it, or "subject" (the
# noun phrase the match is said of, right before it), reference point, needs a present-tense sentence)
_AGE_PATTERNS = [
    (re.compile(rf"\b(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})[\s-]+(?P<unit>year|month|decade|week|day)s?[\s-]+old\b", re.I), "next", "start", False),
    # "the two-year war in Gaza", "the nearly four-year-long conflict": a duration said of the event noun right after it
    # (hyphenated, as an adjective); "war crimes", "war chest" and the like are not the war.
    (re.compile(rf"\b(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})-(?P<unit>year|month|decade|week|day)(?:-long)?\b(?!-)"
                r"(?=\s+(?:[\w'’-]+\s+){0,2}?(?:war|conflict|invasion|occupation|pandemic|fighting|offensive|siege)\b"
                r"(?!\s+(?:crimes?|criminals?|chest|games?|plans?|zone|footing|effort|powers?|bonds?|room|cabinet|veterans?|memorial)\b))", re.I),
     "next", "duration", True),
    # "The war, now nearly two years old, ..." / "the war is now two years old.": said of the noun phrase before it;
    # the lookahead keeps out "now two years old children" (a person's age, attributive).
    (re.compile(rf"(?:\b(?:is|turns|turned|becomes|became)|,)\s+(?:(?:now|already|soon)\s+)?(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\s+(?P<unit>year|month|decade|week|day)s?\s+old\b"
                r"(?=\s*(?:[,.;:!?)\]\"”’]|$|and\b|but\b|this\b|on\b|as\b|when\b))", re.I), "subject", "start", False),
    (re.compile(rf"\b(?:in|into|entering|enters|entered|enter)\s+its\s+(?P<ord>{_ORD})\s+(?P<unit>year|month|decade)\b", re.I), "before", "start", False),
    (re.compile(rf"\b(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\s+{_UNIT}\s+(?:since|on\s+from)\b", re.I), "after", "range", False),
    (re.compile(rf"\b(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\s+{_UNIT}\s+(?:after|into)\b", re.I), "after", "start", True),
    (re.compile(rf"\b(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\s+{_UNIT}\s+of\b(?=\s+(?:the\s+)?(?:war|fighting|conflict|occupation|pandemic|bombardment))", re.I), "after", "duration", True),
    (re.compile(rf"\b{_STARTED}\s+(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\s+{_UNIT}\s+ago\b", re.I), "before", "start", False),
    # "the war, which began last year", "last year's invasion": the calendar year of the start, counted from the
    # article's date ("this year" and "last year" mean the article's year and the one before).
    (re.compile(rf"\b{_STARTED}\s+(?:(?:in\s+)?(?:early|late)\s+)?(?P<rel>last|this)\s+year\b(?!['’]s)", re.I), "before", "start", False),
    (re.compile(r"\b(?P<rel>last|this)\s+year['’]s\b", re.I), "next", "start", False),
    (re.compile(rf"\b(?P<ord>{_ORD})\s+anniversary\s+of\b", re.I), "after", "anniversary", True),
    # "As the war in Ukraine approaches its second anniversary": said of the event right before it (not of "her
    # company, founded during the pandemic, marks its second anniversary").
    (re.compile(rf"(?<!,\s)\b(?:approach(?:es|ing)?|nears?|nearing|marks?|marking|reach(?:es|ing)?|enters?|entering|pass(?:es|ing)?|observes?|observing)\s+its\s+(?P<ord>{_ORD})\s+anniversary\b", re.I), "subject", "anniversary", True),
    (re.compile(rf"\b(?:has|have|had)\s+(?:now\s+)?(?:been\s+)?(?:raged|raging|lasted|dragged\s+on|gone\s+on|continued|been\s+going\s+on|ground\s+on|grinding\s+on|been\s+under\s+way|been\s+underway)\s+(?:for\s+)?(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\s+{_UNIT}", re.I), "before", "start", False),
]


#: Tokens allowed between an event and the age said of it ("the war in Ukraine, which is now two years old").
_SUBJECT_GAP = {",", "which", "that", "now"}


def _number(text: str) -> float:
    text = re.sub(r"\s+", " ", text.lower().strip())
    half = 0.0
    if text.endswith(" and a half"):
        text, half = text[: -len(" and a half")], 0.5
    value = float(text) if re.fullmatch(r"\d+(?:\.\d)?", text) else float(_NUMBER_WORDS[text])
    return value + half


def _ordinal(text: str) -> int:
    text = text.lower()
    return int(re.match(r"\d+", text).group()) if text[0].isdigit() else _ORDINAL_WORDS[text]


def _stated_interval(match: re.Match[str], day: _dt.date) -> tuple[float, float]:
    """The ages (years) the words allow, before the tolerance."""
    groups = match.groupdict()
    if groups.get("rel"):
        into_year = (day - _dt.date(day.year, 1, 1)).days / _YEAR
        return (0.0, into_year) if groups["rel"].lower() == "this" else (into_year, into_year + 1.0)
    unit = _UNIT_YEARS[(groups.get("unit") or "year").lower().rstrip("s")]
    if groups.get("ord"):
        n = _ordinal(groups["ord"]) * unit
        if "anniversary" in match.group().lower():
            return n, n
        return n - unit, n  # "in its third year": between two and three years old
    value = _number(groups["num"]) * unit
    qualifier = _QUALIFIERS.get(re.sub(r"\s+", " ", (groups.get("qual") or "exactly").lower()), "exact")
    return {
        "exact": (value, value),
        "nearly": (value - 0.5 * max(unit, 1 / 12), value),
        "under": (0.0, value),
        "over": (value, value + max(unit, 1.0)),
        "about": (value - 0.5, value + 0.5),
    }[qualifier]


def _event_in(ctx: _Context, first: int, last: int, direction: str) -> tuple[frozenset[str], str, tuple[int, int]] | None:
    """Event ids named (or referred to by a generic noun) in tokens[first:last]; nearest to the age phrase wins."""
    tokens = ctx.tokens
    order = range(first, last) if direction == "after" else range(last - 1, first - 1, -1)
    for i in order:
        if direction == "after" and tokens[i].key in (",", ";", ":", "(", ")") and i > first:
            break
        named = ctx.kb.event_trie.longest(tokens, i, last)
        if named:
            return named[1], "name", (i, named[0])
        for width in (2, 1):
            if i + width <= last:
                key = " ".join(t.key for t in tokens[i:i + width])
                if key in ctx.kb.noun_events:
                    return ctx.kb.noun_events[key], "noun", (i, i + width)
    return None


def _by_context(ctx: _Context, events: frozenset[str], sentence: int) -> frozenset[str]:
    """Which of the events a generic noun ("the war") refers to: keywords in the sentence, paragraph, else article."""
    hits = ctx.keyword_hits()
    sentences = ctx.article.sentences
    in_sentence: set[str] = set()
    in_paragraph: set[str] = set()
    counts: dict[str, int] = {}
    paragraph = sentences[sentence].paragraph if sentences else -1
    for index, ids in hits:
        s = ctx.token_sentence[index]
        wanted = ids & events
        if not wanted:
            continue
        if s == sentence:
            in_sentence |= wanted
        if sentences and sentences[s].paragraph == paragraph:
            in_paragraph |= wanted
        for event in wanted:
            counts[event] = counts.get(event, 0) + 1
    if in_sentence:
        return frozenset(in_sentence)
    if in_paragraph:
        return frozenset(in_paragraph)
    # Only an article clearly about one of them lets a bare "the war" stand for it.
    return frozenset(e for e, n in counts.items() if n >= 3)


def _actual_ages(event: Event, day: _dt.date, reference: str) -> tuple[float, float]:
    start_age = (day - event.start).days / _YEAR
    if reference == "range" and event.end is not None and event.end < day:
        return (day - event.end).days / _YEAR, start_age
    if reference == "duration" and event.end is not None and event.end < day:
        length = (event.end - event.start).days / _YEAR
        return length, length
    return start_age, start_age


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, b[0] - a[1], a[0] - b[1])


def _event_sentences(ctx: _Context) -> list[int]:
    found = set()
    nouns = ctx.kb.noun_events
    trie = ctx.kb.event_trie.root
    for i, token in enumerate(ctx.tokens):
        if token.key in nouns or token.key in trie:
            found.add(ctx.token_sentence[i])
    return sorted(s for s in found if s >= 0)


def _check_ages(ctx: _Context) -> tuple[list[Finding], int]:
    findings: list[Finding] = []
    checked = 0
    text = ctx.article.text
    day = ctx.date
    seen: set[tuple[int, int]] = set()
    # Only sentences that name an event or use an event noun can state its age: the patterns run on those alone.
    candidates = _event_sentences(ctx)
    for pattern, direction, reference, needs_present in _AGE_PATTERNS:
        for match in (m for index in candidates for m in pattern.finditer(text, ctx.article.sentences[index].start, ctx.article.sentences[index].end)):
            s_index = ctx.sentence_of(match.start())
            if s_index < 0 or not ctx.sentences:
                continue
            sentence = ctx.sentences[s_index]
            lo = bisect.bisect_left(ctx.starts, match.start())
            hi = bisect.bisect_left(ctx.starts, match.end())
            if direction == "next":
                # "the nearly two-year-old conflict": the event noun follows at once (at most two words between).
                window = (hi, min(len(ctx.tokens), hi + 3, bisect.bisect_left(ctx.starts, sentence.end)))
            elif direction == "after":
                window = (hi, min(len(ctx.tokens), hi + 10, bisect.bisect_left(ctx.starts, sentence.end)))
            else:
                window = (bisect.bisect_left(ctx.starts, sentence.start), lo)
            found = _event_in(ctx, window[0], window[1], "before" if direction in ("before", "subject") else "after")
            if direction == "subject" and found and not all(t.key in _SUBJECT_GAP for t in ctx.tokens[found[2][1]:lo]):
                found = None  # "During the war, her son, now two years old, ...": the age is said of the son
            if direction == "next" and found and found[2][0] > hi and not all(t.is_word and t.key not in _ARTICLE_WORDS and t.key not in ("when", "that", "who") for t in ctx.tokens[hi:found[2][0]]):
                found = None
            if found is None:
                continue
            events, how, (e_first, e_last) = found
            if how == "noun" and direction == "next" and match.groupdict().get("rel"):
                continue  # "this year's fighting season", "this year's flu outbreak": a bare noun there is seldom the event
            if how == "noun":
                events = _by_context(ctx, events, s_index)
            if not events:
                continue
            checked += 1
            if ctx.in_quote(match.start(), match.end()):
                continue
            # A year in the sentence other than the event's own sets another time frame ("In 2023, a year after...").
            event_span = (ctx.tokens[e_first].start, ctx.tokens[e_last - 1].end)
            starts = {ctx.kb.events[e].start.year for e in events}
            frame_years = [
                m for m in _YEARS.finditer(sentence.text)
                if int(m.group(1)) < day.year and int(m.group(1)) not in starts
                and not (event_span[0] <= sentence.start + m.start() < event_span[1])
            ]
            # "Last year, two years after the invasion, ...": another time frame, unless it is the stated start itself.
            last_year_frame = "last year" in sentence.text.lower() and not match.groupdict().get("rel")
            if frame_years or sentence.past or sentence.had or last_year_frame:
                continue
            if needs_present and not sentence.present:
                continue
            stated = _stated_interval(match, day)
            worst = []
            for event_id in sorted(events):
                event = ctx.kb.events[event_id]
                if event.start > day:
                    continue
                actual = _actual_ages(event, day, reference)
                worst.append((_distance(actual, stated), event, actual))
            if not worst or min(w[0] for w in worst) < AGE_TOLERANCE:
                continue
            _, event, actual = min(worst, key=lambda w: w[0])
            span = (min(match.start(), event_span[0]), max(match.end(), event_span[1]))
            if span in seen:
                continue
            seen.add(span)
            verb = "was on" if event.end == event.start else "began on"
            message = (
                f"stated age is off: {event.name} {verb} {event.start.isoformat()}, {actual[1]:.1f} years before this article's date "
                f"{day.isoformat()}, but the text says \"{match.group().strip()}\"" + _date_note(ctx.article)
            )
            findings.append(Finding(KIND, span[0], span[1], text[span[0]:span[1]], message, rule=f"event age: {event.name}"))
    return findings, checked


# --------------------------------------------------------------------------- entry point


def analyze(article: Article, config: Config = DEFAULT_CONFIG) -> SignalResult:
    """Find anachronisms in ``article`` against the knowledge base (packaged + ``config.knowledge``)."""
    kb = load_knowledge(tuple(config.knowledge))
    ctx = _Context(article, kb)
    findings: list[Finding] = []
    checked = 0
    for mention in _find_mentions(ctx):
        if not any(ctx.kb.terms(p, mention.offices) for p in mention.persons):
            continue  # the title names an office this person never held in the knowledge base
        checked += 1
        verdict = _judge(ctx, mention)
        if verdict is None:
            continue
        kind, person, term = verdict
        message = _office_message(ctx, kind, person, term, mention.title_text) + _date_note(article)
        findings.append(Finding(KIND, mention.start, mention.end, article.text[mention.start:mention.end], message, rule=f"office title: {kind}"))
    age_findings, ages_checked = _check_ages(ctx)
    findings.extend(age_findings)
    findings.sort(key=lambda f: (f.start, f.end))
    features = {
        "anachronisms": float(len(findings)),
        "anachronisms_per_1000_words": per_1000_words(len(findings), article.words),
        "office_mentions_checked": float(checked),
        "event_ages_checked": float(ages_checked),
        "date_assumed": 1.0 if article.date_source == "today" else 0.0,
    }
    return SignalResult(FAMILY, features, tuple(findings))


SPEC = register(
    FamilySpec(
        name=FAMILY, version=VERSION, analyze=analyze,
        features=feature_specs(FEATURES, {}, COVERAGE_FEATURES),
        finding_kinds=(KIND,), date_dependent=True,
    )
)
