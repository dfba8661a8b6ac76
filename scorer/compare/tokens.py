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
#: "800,000", "1.4", "5-2", "12%", "$3", "2.5 million", "$1.5m", "$250k" (with their scale words).
NUMBER = re.compile(
    r"(?<![\w.:\[])[$€£]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:-\d+)?%?"
    r"(?:\s(?:million|billion|trillion|thousand|percent)|(?<=\d)(?:bn|m|k))?(?![\w:\]])",
    re.IGNORECASE,
)
DATE = re.compile(
    r"\b(?:(?:" + "|".join(_MONTHS) + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
    r"|\d{1,2}\s+(?:" + "|".join(_MONTHS) + r")\.?(?:,?\s+\d{4})?"
    r"|(?:" + "|".join(_WEEKDAYS) + r")|(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
#: Titles and the words that qualify them: a change here is a change of who someone is.
TITLES = frozenset(
    """president vice senator sen governor gov mayor minister prime secretary chancellor judge justice chief
    director ceo chair chairman chairwoman spokesperson spokesman spokeswoman representative rep congressman
    congresswoman general gen commissioner attorney sheriff superintendent king queen prince princess pope
    duke duchess lord lady sir dame former ex acting interim deputy late incoming outgoing""".split()
)
#: Abbreviated titles mean the same as spelled out ("Sen." = "Senator").
TITLE_ALIASES = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general", "pres": "president",
                 "ex": "former", "congressman": "representative", "congresswoman": "representative"}
#: Capitalised words that are not names when they start a sentence or stand alone.
_NOT_NAMES = STOPWORDS | frozenset(_MONTHS) | frozenset(_WEEKDAYS) | TITLES | frozenset(
    "mr mrs ms dr prof in on at but and the a an it he she they we this that as after before".split()
    # Number words open sentences ("Two hours after ...") and are never names.
    + "one two three four five six seven eight nine ten eleven twelve twenty thirty hundred dozens".split()
    # US state abbreviations ("Gainesville, Fla."): the same place as the spelled-out name.
    + "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo".split()
)
NAME = re.compile(r"\b[A-Z][a-z’']+(?:[ \-](?:[A-Z][a-z’']+|[A-Z]\.))*(?:\s[A-Z][a-z’']+)*(?![A-Za-z])")


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


_MONTH_NUMBER = {name: i % 12 + 1 for i, name in enumerate(_MONTHS[:12])} | {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}


def date_value(text: str) -> str:
    """"July 4, 2016", "4 July 2016" → "7-4 2016"; "2013" → "2013"; "Tuesday" → "tuesday"."""
    toks = [t.rstrip(".").lower() for t in re.findall(r"[A-Za-z]+\.?|\d+", text)]
    month = next((_MONTH_NUMBER[t] for t in toks if t in _MONTH_NUMBER), None)
    nums = [int(t) for t in toks if t.isdigit()]
    year = next((n for n in nums if n >= 1000), None)
    day = next((n for n in nums if n < 32), None)
    if month is None:
        return " ".join(toks)
    return f"{month}-{day or ''} {year or ''}".strip()


def number_value(text: str) -> str:
    t = text.lower().replace(",", "").replace("percent", "%").replace(" ", "")
    scale = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
             "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000}  # "$1.5m" is "$1.5 million"
    for word, factor in scale.items():
        if t.endswith(word):
            num = t[: -len(word)].lstrip("$€£")
            try:
                return str(round(float(num) * factor))
            except ValueError:
                return t
    t = t.lstrip("$€£")
    return t.lstrip("0") or "0" if t[:1] == "0" and not t.startswith("0.") else t


def facts(text: str, offset: int = 0) -> list[Fact]:
    """The numbers, dates, names and titles of one sentence (``offset``: where it starts in its article)."""
    found: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for m in DATE.finditer(text):
        found.append(Fact("date", offset + m.start(), offset + m.end(), m.group(), date_value(m.group())))
        taken.append(m.span())
    for m in NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if m.group()[-1:].isalpha() and m.group()[:1] not in "$€£" and not m.group().lower().endswith(("illion", "thousand", "percent")):
            continue  # "5m", "10k": metres or a run, unless it is money ("$1.5m")
        before = text[: m.start()].rstrip()
        if (not before or before[-1] in ".!?\n") and m.group().isdigit() and int(m.group()) < 100:
            continue  # "14 She's an animal lover": a list item's number, not a fact
        found.append(Fact("number", offset + m.start(), offset + m.end(), m.group(), number_value(m.group())))
    for m in NAME.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        parts = []
        for p in re.split(r"[ \-]", m.group()):
            p = p.replace("’", "'")
            if re.search(r"'(?:ll|re|ve|d|m|t)$", p.lower()):
                parts = []  # "She'll", "We're": a pronoun, not a name
                break
            p = re.sub(r"'s?$", "", p)
            if p and p.lower().strip(".") not in _NOT_NAMES:
                parts.append(p)
        if not parts:
            continue
        before = text[: m.start()].rstrip()
        # One capitalised word opening a sentence is usually just the sentence's first word ("Meanwhile", "Despite").
        if len(parts) == 1 and (not before or before[-1] in ".!?\"“”‘’'(—-:;|)]"):
            continue
        first = m.group().find(parts[0].split("'")[0])
        start = m.start() + max(first, 0)
        found.append(Fact("name", offset + start, offset + m.end(), text[start:m.end()], " ".join(p.lower() for p in parts)))
    for m in WORD.finditer(text):
        if m.group().lower() in TITLES:
            word = m.group().lower()
            found.append(Fact("title", offset + m.start(), offset + m.end(), m.group(), TITLE_ALIASES.get(word, word)))
    return sorted(found, key=lambda f: (f.start, f.end))
