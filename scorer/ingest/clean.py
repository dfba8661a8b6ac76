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

Precision comes first: a phrase only removes a line when the line *is* that
phrase, *starts* with an imperative aimed at the reader, or is short and
contains a phrase that never occurs in reporting. A sentence that mentions
advertising, subscriptions or comments stays. The vocabularies are package data
(``scorer/knowledge/lexicons/boilerplate_*.txt``) so a newsroom can extend them.
"""
from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

from scorer.core.document import Removal
from scorer.knowledge.lexicons import load_lexicon, phrase_pattern
from scorer.core.text import LIST_MARK, MARKDOWN_HEADING

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

REMOVAL_KINDS = ("ad_marker", "site_chrome", "related_tail", "related_link", "comments")

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
#: Comment signatures further apart than this many lines belong to different sections.
MAX_SIGNATURE_GAP = 12


@dataclass(frozen=True)
class _Patterns:
    ad_line: re.Pattern[str]
    chrome_line: re.Pattern[str]
    chrome_start: re.Pattern[str]
    chrome_phrase: re.Pattern[str]
    notice_phrase: re.Pattern[str]
    social: re.Pattern[str]
    related_head: re.Pattern[str]
    related_start: re.Pattern[str]
    comment_head: re.Pattern[str]
    list_label: re.Pattern[str]
    list_label_start: re.Pattern[str]
    reported: re.Pattern[str]


def _whole(name: str) -> re.Pattern[str]:
    return re.compile(r"^(?:" + phrase_pattern(load_lexicon(name)).pattern + r")$", re.IGNORECASE)


def _start(name: str, tail: str = "") -> re.Pattern[str]:
    return re.compile(r"^(?:" + phrase_pattern(load_lexicon(name)).pattern + r")" + tail, re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    return _Patterns(
        ad_line=_whole("boilerplate_ad_markers"),
        chrome_line=_whole("boilerplate_chrome_lines"),
        chrome_start=_start("boilerplate_chrome_starts"),
        chrome_phrase=phrase_pattern(load_lexicon("boilerplate_chrome_phrases")),
        notice_phrase=phrase_pattern(load_lexicon("boilerplate_chrome_phrases") + load_lexicon("boilerplate_notice_phrases")),
        social=phrase_pattern(load_lexicon("boilerplate_social")),
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
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
_BRACKET_TAG = re.compile(r"\[[A-Z][A-Z ]{1,20}\]\s*\|?$")  # "[VIDEO]", "[INSIGHT]" after a teaser headline


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
class _Line:
    text: str
    core: str
    flat: str
    words: int
    heading: bool

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _line(text: str) -> _Line:
    core = _core(text)
    return _Line(text=text, core=core, flat=_flat(core), words=len(core.split()), heading=bool(MARKDOWN_HEADING.match(text.strip())))


# --- single-line rules ---------------------------------------------------------------------

_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b(?=.*(?:©|\(c\)|\b(?:19|20)\d\d\b|all rights reserved)))", re.IGNORECASE)
_FOLLOW = re.compile(r"^follow\b", re.IGNORECASE)
_NAV_SEPARATOR = re.compile(r"[|•·»«›‹]|>>")
_ALSO_ON_SITE = re.compile(r"^also on\s+[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)


def _ad_line(line: _Line, p: _Patterns) -> bool:
    return bool(line.flat) and p.ad_line.match(line.flat) is not None


def _chrome_line(line: _Line, p: _Patterns) -> bool:
    if not line.flat:
        # Only separators ("|", "»", "• •"): the remains of a menu or share bar. A
        # section break ("* * *", "---") is the article's own and stays.
        return bool(_NAV_SEPARATOR.search(line.text))
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
    if line.words <= MAX_CHROME_START_WORDS and p.list_label_start.match(line.core) and not _SENTENCE_END.search(line.core):
        return True
    return _nav_bar(line)


def _notice(line: _Line, p: _Patterns) -> bool:
    """A site notice: "We use cookies ... By continuing to browse, you agree ...", "The page you requested ...".

    Two different phrases of the chrome or notice lists in one paragraph, and no reported speech.
    """
    found = {" ".join(match.group(0).lower().replace("’", "'").split()) for match in p.notice_phrase.finditer(line.core)}
    return len(found) >= 2 and not p.reported.search(line.text)


_NAV_ITEM_SPLIT = re.compile(r"\s+(?:[|•·]|\|\|)\s+")  # "Home | News", "About || Contact"


def _nav_bar(line: _Line) -> bool:
    """A menu flattened into a line: "Home | News | Sport | Weather".

    Three or more short items between separators, no sentence. A rendered table
    row starts with "|" and is left alone: it is data.
    """
    text = line.text.strip()
    if text.startswith("|") or line.heading or _SENTENCE_END.search(text):
        return False
    items = _NAV_ITEM_SPLIT.split(text)
    return len(items) >= 3 and all(0 < len(item.split()) <= 4 for item in items)


def _promo_line(line: _Line, p: _Patterns) -> bool:
    if line.words > MAX_PROMO_WORDS:
        return False
    return bool(p.related_start.match(line.core) or _ALSO_ON_SITE.match(line.core))


def _headline_like(line: _Line) -> bool:
    """A teaser: short, and not a finished sentence (or a heading, or tagged "[VIDEO]").

    A line starting in lower case, or ending in a comma or colon, is a piece of
    hard-wrapped prose, not a headline.
    """
    if line.blank or line.words > MAX_HEADLINE_WORDS:
        return False
    if line.heading or _BRACKET_TAG.search(line.text.strip()):
        return True
    core = line.core.rstrip("|").strip()
    if not core or core[0].islower() or core.endswith((",", ":", ";")):
        return False
    return not _SENTENCE_END.search(core) or core.endswith("?")


def _list_like(line: _Line) -> bool:
    """A tag list: short items separated by commas or pipes, no sentence."""
    core = line.core
    if line.blank or line.words > 60 or _SENTENCE_END.search(core):
        return False
    items = [item for item in re.split(r"\s*[,|;/•·]\s*", core) if item]
    return len(items) >= 2 and all(len(item.split()) <= 5 for item in items) or line.words <= 3


# --- comment sections ----------------------------------------------------------------------

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WHEN = re.compile(
    rf"\b\d{{1,2}}:\d{{2}}\b|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
    r"|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b",
    re.IGNORECASE,
)
_SIGNATURE_START = re.compile(r"^(?:posted|submitted|written|sent|comment(?:ed)?)\s+by\b\s*:?", re.IGNORECASE)
_SAYS = re.compile(r"^[\w .,'-]{1,60}?\s(?:says|said|wrote|writes)\s*:\s*$", re.IGNORECASE)


def _signature(line: _Line) -> str | None:
    """A comment's byline: "before" when the comment text precedes it, "after" when it follows.

    "Posted by: jim | January 14, 2008 07:20 PM" closes a comment; "Ann says:" opens one.
    """
    if line.blank or line.words > 20:
        return None
    core = line.core
    if _SIGNATURE_START.match(core) and _WHEN.search(core):
        return "before"
    if _SAYS.match(line.text.strip()):
        return "after"
    return None


#: How far after a comment header to look for comment bylines.
COMMENT_EVIDENCE_LINES = 40


def _name_line(line: _Line) -> bool:
    """A commenter's name on its own line: "Frank @ Toronto", "J-F (Ottawa)", "puddin and pie"."""
    core = line.core
    return 0 < line.words <= 4 and len(core) <= 40 and not line.heading and not re.search(r"[.!?:;,\"”]$", core)


def _headed_comment_section(lines: list[_Line], p: _Patterns) -> tuple[int, int] | None:
    """A comment header followed by commenters' names: the section runs from the header to the end.

    The names are three or more short lines each followed by a longer comment
    ("Frank @ Toronto" / "Dalton has a great record…"). Sections with dated
    signatures are found by :func:`_comment_sections`, which knows where they end.
    """
    for index, line in enumerate(lines):
        if line.blank or not line.flat or not p.comment_head.match(line.flat):
            continue
        window = [i for i in range(index + 1, min(len(lines), index + 1 + COMMENT_EVIDENCE_LINES)) if not lines[i].blank]
        if any(_signature(lines[i]) for i in window):
            continue
        names = sum(
            1
            for a, b in zip(window, window[1:])
            if _name_line(lines[a]) and not _name_line(lines[b]) and lines[b].words >= 6
        )
        if names >= 3:
            return index, len(lines) - 1
    return None


def _comment_sections(lines: list[_Line], p: _Patterns) -> list[tuple[int, int]]:
    """Inclusive (start, end) line ranges of reader-comment sections found by their signatures.

    A section needs two or more signatures close together, or one right after a
    comment header: a single "Posted by …" line is the article's own byline. The
    comment text sits before each signature ("text / Posted by jim, 7:20 PM") or
    after it ("Ann says: / text"); a header directly followed by a signature
    shows the second layout whatever the signature's wording.
    """
    signatures = [i for i, line in enumerate(lines) if _signature(line)]
    clusters: list[list[int]] = []
    for index in signatures:
        if clusters and index - clusters[-1][-1] <= MAX_SIGNATURE_GAP:
            clusters[-1].append(index)
        else:
            clusters.append([index])
    sections = []
    for cluster in clusters:
        first, last = cluster[0], cluster[-1]
        header = _comment_header_before(lines, first, p)
        if len(cluster) < 2 and header is None:
            continue
        spacing = min((b - a for a, b in zip(cluster, cluster[1:])), default=2)
        if header is not None:
            text_after = _next_nonblank(lines, header) == first
        else:
            text_after = _signature(lines[first]) == "after"
        if text_after:
            start = header if header is not None else first
            end = min(len(lines) - 1, last + spacing - 1)
        else:
            start = first
            # The first comment's text sits before its signature: step back one comment's length.
            for index in range(first - 1, max(-1, first - spacing), -1):
                if lines[index].heading or p.related_head.match(lines[index].flat or "-"):
                    break
                start = index
            if header is not None:
                start = min(start, header)
            end = last
        anchor = end
        # Trailing widget lines ("Report this comment", "Post a comment") belong to the section.
        while end + 1 < len(lines) and (lines[end + 1].blank or _chrome_line(lines[end + 1], p)):
            end += 1
        while end > anchor and lines[end].blank:
            end -= 1
        sections.append((start, end))
    return sections


def _comment_header_before(lines: list[_Line], index: int, p: _Patterns) -> int | None:
    """A comment header within a few lines before ``index``."""
    seen = 0
    for before in range(index - 1, -1, -1):
        if lines[before].blank:
            continue
        if lines[before].flat and p.comment_head.match(lines[before].flat):
            return before
        seen += 1
        if seen >= 6 or _signature(lines[before]):
            return None
    return None


# --- related blocks ------------------------------------------------------------------------


def _related_run(lines: list[_Line], head: int, p: _Patterns) -> int:
    """Index of the last line of the related block whose header is ``lines[head]``."""
    end = head
    index = head + 1
    while index < len(lines):
        line = lines[index]
        if line.blank:
            index += 1
            continue
        # Another header, an ad or a widget ends the block: it gets its own kind. A one-word
        # line or one continued in lower case on the next line is wrapped prose.
        if _starts_other_block(line, p) or _continues(lines, index):
            break
        if not (_headline_like(line) and line.words >= 2) and not _wire_teaser(lines, index):
            break
        end = index
        index += 1
    # A heading right before prose is the article's next section, not a teaser; so is a
    # lone unmarked short line (plain text has no heading marks) between header and prose.
    while end > head and _next_is_prose(lines, end):
        run = [i for i in range(head + 1, end + 1) if not lines[i].blank]
        plain = not (LIST_MARK.match(lines[end].text.strip()) or _BRACKET_TAG.search(lines[end].text.strip()))
        if not (lines[end].heading or (len(run) == 1 and plain)):
            break
        end -= 1
        while end > head and lines[end].blank:
            end -= 1
    return end


_DATELINE = re.compile(r"^([A-Z][^:]{2,60}?):\s")


def _wire_teaser(lines: list[_Line], index: int) -> bool:
    """A teaser paragraph in a list of wire stories: its dateline ("New Delhi, Jan 15 (ANI):")
    opens another paragraph close by. An article states its dateline once."""
    match = _DATELINE.match(lines[index].core)
    if not match or len(match.group(1).split()) > 8:
        return False
    prefix = match.group(1)
    nearby = range(max(0, index - 6), min(len(lines), index + 7))
    return any(i != index and lines[i].core.startswith(prefix + ":") for i in nearby)


def _continues(lines: list[_Line], index: int) -> bool:
    """The next line carries on the same sentence (starts in lower case)."""
    following = _next_nonblank(lines, index)
    return following is not None and lines[following].core[:1].islower()


def _starts_other_block(line: _Line, p: _Patterns) -> bool:
    return bool(
        line.flat
        and (p.related_head.match(line.flat) or p.comment_head.match(line.flat) or p.list_label.match(line.flat))
        or _ad_line(line, p)
        or _chrome_line(line, p)
    )


def _next_is_prose(lines: list[_Line], index: int) -> bool:
    for line in lines[index + 1 :]:
        if line.blank:
            continue
        return not _headline_like(line)
    return False


def _teaser_stacks(lines: list[_Line], removed: list[str | None]) -> list[tuple[int, int]]:
    """Three or more headings in a row touching the start or end of the kept body."""
    kept = [i for i, line in enumerate(lines) if not line.blank and removed[i] is None]
    stacks = []
    for run in (_leading(kept, lines), _leading(list(reversed(kept)), lines)):
        if len(run) >= 3:
            stacks.append((min(run), max(run)))
    return stacks


def _leading(order: list[int], lines: list[_Line]) -> list[int]:
    run = []
    for index in order:
        if not (lines[index].heading and lines[index].words <= MAX_HEADLINE_WORDS):
            break
        run.append(index)
    if len(run) == len(order):
        return []  # an all-heading body is an outline, not teasers around an article
    return run


# --- inline ad markers ---------------------------------------------------------------------

# Bracketed or shouted markers left inside a paragraph by copy-paste: "… said. [ADVERTISEMENT] The …".
_INLINE_AD = re.compile(
    r"\s*(?:[\[(]\s*(?:advertisement|advertising|advert|sponsored(?: content)?|ad)\s*[\])]"
    r"|(?<![\w-])(?:ADVERTISEMENT|SPONSORED CONTENT)(?:\s*[-–—]\s*CONTINUE READING BELOW)?(?![\w-]))\s*",
    re.IGNORECASE,
)


def _strip_inline_ads(text: str) -> tuple[str, list[str]]:
    found: list[str] = []

    def replace(match: re.Match[str]) -> str:
        marker = match.group().strip()
        # Unbracketed markers count only in capitals: "the advertisement ran" is prose.
        if not marker.startswith(("[", "(")) and not marker.isupper():
            return match.group()
        found.append(marker)
        return " "

    cleaned = _INLINE_AD.sub(replace, text)
    if not found:
        return text, []
    return re.sub(r"[ \t]{2,}", " ", cleaned).strip(), found


# --- driver --------------------------------------------------------------------------------


def clean_text(text: str) -> tuple[str, tuple[Removal, ...]]:
    """``text`` without residual boilerplate, and what was removed (in reading order)."""
    p = _patterns()
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_line(line) for line in raw]
    removed: list[str | None] = [None] * len(lines)

    def mark(start: int, end: int, kind: str) -> None:
        for index in range(start, end + 1):
            if removed[index] is None and not lines[index].blank:
                removed[index] = kind

    headed = _headed_comment_section(lines, p)
    if headed is not None:
        mark(*headed, "comments")
    for start, end in _comment_sections(lines, p):
        mark(start, end, "comments")

    index = 0
    while index < len(lines):
        line = lines[index]
        if line.blank or removed[index] is not None:
            index += 1
            continue
        if _ad_line(line, p):
            mark(index, index, "ad_marker")
        elif line.flat and p.related_head.match(line.flat):
            end = _related_run(lines, index, p)
            mark(index, end, "related_tail")
            index = end
        elif _promo_line(line, p):
            mark(index, index, "related_link")
        elif line.flat and p.list_label.match(line.flat):
            # "Tags" alone, with the tag list on the next line.
            mark(index, index, "site_chrome")
            following = _next_nonblank(lines, index)
            if following is not None and _list_like(lines[following]):
                mark(following, following, "site_chrome")
                index = following
        elif _chrome_line(line, p):
            mark(index, index, "site_chrome")
        index += 1

    for start, end in _teaser_stacks(lines, removed):
        mark(start, end, "related_tail")

    return _assemble(lines, removed)


def _next_nonblank(lines: list[_Line], index: int) -> int | None:
    for following in range(index + 1, len(lines)):
        if not lines[following].blank:
            return following
    return None


def _assemble(lines: list[_Line], removed: list[str | None]) -> tuple[str, tuple[Removal, ...]]:
    kept: list[str] = []
    removals: list[Removal] = []
    block: list[str] = []
    block_kind: str | None = None

    def flush() -> None:
        nonlocal block, block_kind
        if block_kind is not None and block:
            removals.append(Removal(block_kind, "\n".join(block)))
        block, block_kind = [], None

    for line, kind in zip(lines, removed):
        if line.blank:
            kept.append("")
            continue
        if kind is None:
            flush()
            text, markers = _strip_inline_ads(line.text)
            removals.extend(Removal("ad_marker", marker) for marker in markers)
            if text.strip():
                kept.append(text)
            continue
        # Ad markers stay one removal each: how many a page carries is the signal.
        if kind != block_kind or kind == "ad_marker":
            flush()
            block_kind = kind
        block.append(line.text.strip())
    flush()

    text = "\n".join(kept)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    if removals:
        logger.debug("removed %d boilerplate block(s)", len(removals))
    return text, tuple(removals)
