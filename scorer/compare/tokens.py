"""Words, shingles and the facts (numbers, dates, names, titles) that compare looks at.

Kept apart from the scoring signals on purpose: compare needs word *positions* inside
a sentence (for shares and spans), and a normalisation that makes "800,000" and
"800000" the same number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: A word: letters or digits with inner apostrophes, hyphens, commas and dots between digits.
WORD = re.compile(r"[A-Za-z0-9]+(?:[’'\-.,][A-Za-z0-9]+)*")

STOPWORDS = frozenset(
    """a an the and or but if then than so of to in on at by for from with without into onto over under about
    as is are was were be been being am has have had having do does did done will would shall should can could
    may might must it its it's this that these those there here he she they them his her their hers theirs him
    we us our you your i me my mine who whom whose which what when where why how not no nor also just very more
    most some any all each every other such only own same too up down out off again further once both few many
    much said says say told according after before while during since until because although though whether""".split()
)

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
#: "800,000", "1.4", "5-2", "12%", "$3", "three million" (spelled numbers up to twenty and scale words).
NUMBER = re.compile(
    r"(?<![\w.])[$€£]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:-\d+)?%?(?:\s(?:million|billion|trillion|thousand|percent))?(?![\w])",
    re.IGNORECASE,
)
DATE = re.compile(
    r"\b(?:(?:" + "|".join(_MONTHS) + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
    r"|\d{1,2}\s+(?:" + "|".join(_MONTHS) + r")\.?(?:\s+\d{4})?"
    r"|(?:" + "|".join(_WEEKDAYS) + r")|(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
#: Titles and the words that qualify them: a change here is a change of who someone is.
TITLES = frozenset(
    """president vice senator sen governor gov mayor minister prime secretary chancellor judge justice chief
    director ceo chair chairman chairwoman spokesperson spokesman spokeswoman representative rep congressman
    congresswoman general gen commissioner attorney sheriff superintendent king queen prince princess pope
    former ex acting interim deputy late incoming outgoing""".split()
)
#: Capitalised words that are not names when they start a sentence or stand alone.
_NOT_NAMES = STOPWORDS | frozenset(_MONTHS) | frozenset(_WEEKDAYS) | TITLES | frozenset(
    "mr mrs ms dr prof in on at but and the a an it he she they we this that as after before".split()
)
NAME = re.compile(r"\b[A-Z][a-z’']+(?:[ \-](?:[A-Z][a-z’']+|[A-Z]\.))*(?:\s[A-Z][a-z’']+)*")


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` (numbers normalised: "800,000" → "800000")."""
    return [_norm(w) for w in WORD.findall(text)]


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised word) for every word of ``text``."""
    return [(m.start(), m.end(), _norm(m.group())) for m in WORD.finditer(text)]


def _norm(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word[0].isdigit():
        word = word.replace(",", "")
    return word


GENERIC_NUMBER = re.compile(r"^(?:\d{1,2}|(?:19|20)\d\d)$")


def content(tokens: list[str]) -> list[str]:
    """Tokens without stop words, years and small numbers (every story has them), crudely stemmed."""
    return [stem(t) for t in tokens if t not in STOPWORDS and len(t) > 1 and not GENERIC_NUMBER.match(t)]


def stem(word: str) -> str:
    if word[0].isdigit() or len(word) <= 4:
        return word
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def shingles(tokens: list[str], n: int = 3) -> set[tuple[str, ...]]:
    """Word n-grams (a text shorter than n is one shingle)."""
    if len(tokens) < n:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


@dataclass(frozen=True)
class Fact:
    """A number, date, name or title in a sentence; ``value`` is what two facts are compared by."""

    kind: str  # number | date | name | title
    start: int  # offsets in the sentence's article text
    end: int
    text: str
    value: str


def number_value(text: str) -> str:
    t = text.lower().replace(",", "").replace("percent", "%").replace(" ", "")
    scale = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
    for word, factor in scale.items():
        if t.endswith(word):
            num = t[: -len(word)].lstrip("$€£")
            try:
                return str(round(float(num) * factor))
            except ValueError:
                return t
    return t.lstrip("$€£")


def facts(text: str, offset: int = 0) -> list[Fact]:
    """The numbers, dates, names and titles of one sentence (``offset``: where it starts in its article)."""
    found: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for m in DATE.finditer(text):
        found.append(Fact("date", offset + m.start(), offset + m.end(), m.group(), " ".join(words(m.group()))))
        taken.append(m.span())
    for m in NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        found.append(Fact("number", offset + m.start(), offset + m.end(), m.group(), number_value(m.group())))
    for m in NAME.finditer(text):
        parts = [p for p in re.split(r"[ \-]", m.group()) if p.lower().strip(".") not in _NOT_NAMES]
        if not parts:
            continue
        sentence_start = not text[: m.start()].strip() or text[: m.start()].rstrip()[-1:] in "\"“‘'(—-:"
        if sentence_start and len(parts) == 1 and m.group().lower() in _NOT_NAMES | STOPWORDS:
            continue
        if any(s <= m.start() < e for s, e in taken):
            continue
        # "Then Biden": drop leading capitalised stop words from the span.
        first = m.group().find(parts[0])
        start = m.start() + first
        found.append(Fact("name", offset + start, offset + m.end(), text[start:m.end()], " ".join(p.lower() for p in parts)))
    for m in WORD.finditer(text):
        if m.group().lower() in TITLES:
            found.append(Fact("title", offset + m.start(), offset + m.end(), m.group(), m.group().lower()))
    return sorted(found, key=lambda f: (f.start, f.end))
