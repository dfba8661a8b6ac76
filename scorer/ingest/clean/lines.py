"""One line of text, normalised, and the rules that judge a line on its own.

Every rule reads a :class:`Line` (the text, its core without marks and wrappers,
its words only) and the lexicon :class:`Patterns`; the vocabularies are package
data (``scorer/knowledge/lexicons/boilerplate_*.txt``).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from scorer.core.text import ENDS_SENTENCE, LIST_MARK, MARKDOWN_HEADING
from scorer.knowledge.lexicons import load_lexicon, phrase_matcher, phrase_pattern
from scorer.knowledge.phrase_matcher import PhraseMatch, PhraseMatcher

#: Longest line (in words) a line-start chrome phrase may remove.
MAX_CHROME_START_WORDS = 30
#: Longest line a contained chrome phrase may remove.
MAX_CHROME_PHRASE_WORDS = 25
#: Longest paragraph that two different chrome or notice phrases remove as a site notice. Cookie
#: banners, legal notices and error pages run to a few sentences, longer than one chrome
#: line; two phrases that never occur in reporting are evidence enough at that length.
MAX_NOTICE_WORDS = 80
#: Longest "READ MORE: …" promotion line.
MAX_PROMO_WORDS = 30
#: Longest line that still reads as a teaser headline inside a related block.
MAX_HEADLINE_WORDS = 22


class LinePattern:
    """``re.compile("^(?:" + phrase_pattern(phrases).pattern + ")" + tail, re.IGNORECASE).match``, on a phrase
    matcher: no alternation to compile (a dozen lists, most of the cleaning's first-use time).

    The regex tries the phrases matching at the start in its order and keeps the first that ``tail``
    accepts after; so does this. A ``*`` ends only at its longest run here, where the regex could also
    try a shorter one, stopping before a hyphen or apostrophe: no tail used here accepts a word
    character, hyphen or apostrophe next, so that shorter try never succeeds (``tests/test_phrase_matcher.py``
    compares the two on generated lines).
    """

    __slots__ = ("phrases", "tail")

    def __init__(self, phrases: PhraseMatcher, tail: str) -> None:
        self.phrases = phrases
        self.tail = re.compile(tail) if tail else None

    def match(self, text: str) -> PhraseMatch | None:
        for end in self.phrases.ends(text, 0):
            if self.tail is None or self.tail.match(text, end):
                return PhraseMatch(text, 0, end)
        return None


@dataclass(frozen=True)
class Patterns:
    ad_line: LinePattern
    chrome_line: LinePattern
    chrome_start: LinePattern
    chrome_phrase: PhraseMatcher
    notice_phrase: PhraseMatcher
    social: PhraseMatcher
    related_head: LinePattern
    related_start: LinePattern
    comment_head: LinePattern
    list_label: LinePattern
    list_label_start: LinePattern
    reported: re.Pattern[str]


def _whole(name: str) -> LinePattern:
    return LinePattern(phrase_matcher(load_lexicon(name)), r"$")


def _start(name: str, tail: str = "") -> LinePattern:
    return LinePattern(phrase_matcher(load_lexicon(name)), tail)


@functools.lru_cache(maxsize=1)
def patterns() -> Patterns:
    return Patterns(
        ad_line=_whole("boilerplate_ad_markers"),
        chrome_line=_whole("boilerplate_chrome_lines"),
        chrome_start=_start("boilerplate_chrome_starts"),
        chrome_phrase=phrase_matcher(load_lexicon("boilerplate_chrome_phrases")),
        notice_phrase=phrase_matcher(load_lexicon("boilerplate_chrome_phrases") + load_lexicon("boilerplate_notice_phrases")),
        social=phrase_matcher(load_lexicon("boilerplate_social")),
        related_head=_whole("boilerplate_related_heads"),
        # The separator is what makes "Read more: X" a promotion and not prose.
        related_start=_start("boilerplate_related_starts", r"\s*(?:[:|»›]|\s[-–—]\s)\s*\S"),
        comment_head=_whole("boilerplate_comment_heads"),
        list_label=_whole("boilerplate_list_labels"),
        list_label_start=_start("boilerplate_list_labels", r"\s*:\s*\S"),
        # Reported speech: a quotation mark, or a reporting verb after a comma ("..., the mayor said").
        reported=re.compile(r"[“”\"]|,\s+(?:\w+\s+){0,6}" + phrase_pattern(load_lexicon("boilerplate_reported_verbs")).pattern, re.IGNORECASE),
    )


# --- line normalisation --------------------------------------------------------------------

_WRAPPERS = {"[": "]", "(": ")", "{": "}", "<": ">", "|": "|"}
_NON_WORD = re.compile(r"[^\w']+")
_COUNT = re.compile(r"^\d[\d,.]*[km]?$", re.IGNORECASE)
BRACKET_TAG = re.compile(r"\[[A-Z][A-Z ]{1,20}\]\s*\|?$")  # "[VIDEO]", "[INSIGHT]" after a teaser headline


def _core(line: str) -> str:
    """The line without heading/list marks, wrapping brackets and edge punctuation."""
    text = line.strip().replace("’", "'").replace("‘", "'")
    text = MARKDOWN_HEADING.sub("", text)
    text = LIST_MARK.sub("", text)
    for _ in range(2):
        text = text.strip()
        if len(text) > 1 and text[0] in _WRAPPERS and text.endswith(_WRAPPERS[text[0]]):
            text = text[1:-1]
    return text.strip(" \t|•·-–—:»›«‹")


def _flat(core: str) -> str:
    """Words only, with a leading or trailing count set aside ("12 Comments" → "Comments")."""
    words = _NON_WORD.sub(" ", core).split()
    if len(words) > 1 and _COUNT.match(words[0]):
        words = words[1:]
    if len(words) > 1 and _COUNT.match(words[-1]):
        words = words[:-1]
    return " ".join(words)


@dataclass
class Line:
    text: str
    core: str
    flat: str
    words: int
    heading: bool

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def read_line(text: str) -> Line:
    core = _core(text)
    return Line(text=text, core=core, flat=_flat(core), words=len(core.split()), heading=bool(MARKDOWN_HEADING.match(text.strip())))


# --- single-line rules ---------------------------------------------------------------------

_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b(?=.*(?:©|\(c\)|\b(?:19|20)\d\d\b|all rights reserved)))", re.IGNORECASE)
_FOLLOW = re.compile(r"^follow\b", re.IGNORECASE)
_NAV_SEPARATOR = re.compile(r"[|•·»«›‹]|>>")
# The divider row of a markdown table ("|---|:---:|", "--- | ---"): part of the article's table, not a menu.
_TABLE_DIVIDER = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?$|^\|\s*:?-{3,}:?\s*\|$")
_ALSO_ON_SITE = re.compile(r"^also on\s+[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)


def is_ad_line(line: Line, p: Patterns) -> bool:
    return bool(line.flat) and p.ad_line.match(line.flat) is not None


def is_chrome_line(line: Line, p: Patterns) -> bool:
    if not line.flat:
        # Only separators ("|", "»", "• •"): the remains of a menu or share bar. A
        # section break ("* * *", "---") and a table's divider row ("|---|---|") are the article's own and stay.
        return bool(_NAV_SEPARATOR.search(line.text)) and not _TABLE_DIVIDER.match(line.text.strip())
    if p.chrome_line.match(line.flat) or p.comment_head.match(line.flat):
        return True
    if line.words <= MAX_CHROME_START_WORDS and p.chrome_start.match(line.core) and not p.reported.search(line.text):
        # A prompt that someone is reported saying ("Share your thoughts, the mayor said") is news.
        return True
    if line.words <= MAX_CHROME_START_WORDS and _COPYRIGHT.match(line.core):
        return True
    if line.words <= MAX_CHROME_PHRASE_WORDS and p.chrome_phrase.search(line.core) and not p.reported.search(line.text):
        return True
    if line.words <= MAX_NOTICE_WORDS and _notice(line, p):
        return True
    # "Follow Newsbeat on Instagram, Facebook and YouTube", "Follow us @paper"
    if line.words <= MAX_CHROME_START_WORDS and _FOLLOW.match(line.core) and (p.social.search(line.core) or "@" in line.core):
        return True
    if line.words <= MAX_CHROME_START_WORDS and p.list_label_start.match(line.core) and not ENDS_SENTENCE.search(line.core):
        return True
    return _nav_bar(line)


def _notice(line: Line, p: Patterns) -> bool:
    """A site notice: "We use cookies ... By continuing to browse, you agree ...", "The page you requested ...".

    Two different phrases of the chrome or notice lists in one paragraph, and no reported speech.
    """
    found = {" ".join(match.group(0).lower().replace("’", "'").split()) for match in p.notice_phrase.finditer(line.core)}
    return len(found) >= 2 and not p.reported.search(line.text)


_NAV_ITEM_SPLIT = re.compile(r"\s+(?:[|•·]|\|\|)\s+")  # "Home | News", "About || Contact"


def _nav_bar(line: Line) -> bool:
    """A menu flattened into a line: "Home | News | Sport | Weather".

    Three or more short items between separators, no sentence. A rendered table
    row starts with "|" and is left alone: it is data.
    """
    text = line.text.strip()
    if text.startswith("|") or line.heading or ENDS_SENTENCE.search(text):
        return False
    items = _NAV_ITEM_SPLIT.split(text)
    return len(items) >= 3 and all(0 < len(item.split()) <= 4 for item in items)


def is_promo_line(line: Line, p: Patterns) -> bool:
    if line.words > MAX_PROMO_WORDS:
        return False
    return bool(p.related_start.match(line.core) or _ALSO_ON_SITE.match(line.core))


def headline_like(line: Line) -> bool:
    """A teaser: short, and not a finished sentence (or a heading, or tagged "[VIDEO]").

    A line starting in lower case, or ending in a comma or colon, is a piece of
    hard-wrapped prose, not a headline.
    """
    if line.blank or line.words > MAX_HEADLINE_WORDS:
        return False
    if line.heading or BRACKET_TAG.search(line.text.strip()):
        return True
    core = line.core.rstrip("|").strip()
    if not core or core[0].islower() or core.endswith((",", ":", ";")):
        return False
    return not ENDS_SENTENCE.search(core) or core.endswith("?")


def list_like(line: Line) -> bool:
    """A tag list: short items separated by commas or pipes, no sentence."""
    core = line.core
    if line.blank or line.words > 60 or ENDS_SENTENCE.search(core):
        return False
    items = [item for item in re.split(r"\s*[,|;/•·]\s*", core) if item]
    return len(items) >= 2 and all(len(item.split()) <= 5 for item in items) or line.words <= 3


def next_nonblank(lines: list[Line], index: int) -> int | None:
    for following in range(index + 1, len(lines)):
        if not lines[following].blank:
            return following
    return None
