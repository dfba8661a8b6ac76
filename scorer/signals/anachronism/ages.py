"""Event ages: "the nearly two-year-old conflict", "now in its third year", "two years into the war",
checked against the start (or end) of the event the knowledge base dates.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re

from scorer.core.document import Finding
from scorer.knowledge.base import Event
from scorer.signals.anachronism.context import ARTICLE_WORDS, KIND, YEAR, YEARS, Context, date_note

#: A stated age must be this far (years) from the true age to be flagged (the issue's "a year or more").
AGE_TOLERANCE = 1.0

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
_UNIT_YEARS = {"year": 1.0, "month": 1 / 12, "decade": 10.0, "week": 7 / YEAR, "day": 1 / YEAR}

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


#: Every pattern above needs one of these words inside its match (a unit, "year" or "anniversary"): a sentence
#: without any is skipped with one search instead of a search per pattern (the same matches, found sooner).
_NEEDED_WORD = re.compile(r"year|month|decade|week|day|anniversary", re.I)


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
        into_year = (day - _dt.date(day.year, 1, 1)).days / YEAR
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


def _event_in(ctx: Context, first: int, last: int, direction: str) -> tuple[frozenset[str], str, tuple[int, int]] | None:
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


def _by_context(ctx: Context, events: frozenset[str], sentence: int) -> frozenset[str]:
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
    start_age = (day - event.start).days / YEAR
    if reference == "range" and event.end is not None and event.end < day:
        return (day - event.end).days / YEAR, start_age
    if reference == "duration" and event.end is not None and event.end < day:
        length = (event.end - event.start).days / YEAR
        return length, length
    return start_age, start_age


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, b[0] - a[1], a[0] - b[1])


def _event_sentences(ctx: Context) -> list[int]:
    found = set()
    nouns = ctx.kb.noun_events
    trie = ctx.kb.event_trie.root
    for i, token in enumerate(ctx.tokens):
        if token.key in nouns or token.key in trie:
            found.add(ctx.token_sentence[i])
    return sorted(s for s in found if s >= 0)


def check_ages(ctx: Context) -> tuple[list[Finding], int]:
    findings: list[Finding] = []
    checked = 0
    text = ctx.article.text
    day = ctx.date
    seen: set[tuple[int, int]] = set()
    # Only sentences that name an event or use an event noun can state its age: the patterns run on those alone.
    sentences = ctx.article.sentences
    candidates = [i for i in _event_sentences(ctx) if _NEEDED_WORD.search(text, sentences[i].start, sentences[i].end)]
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
            if direction == "next" and found and found[2][0] > hi and not all(t.is_word and t.key not in ARTICLE_WORDS and t.key not in ("when", "that", "who") for t in ctx.tokens[hi:found[2][0]]):
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
                m for m in YEARS.finditer(sentence.text)
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
                f"{day.isoformat()}, but the text says \"{match.group().strip()}\"" + date_note(ctx.article)
            )
            findings.append(Finding(KIND, span[0], span[1], text[span[0]:span[1]], message, rule=f"event age: {event.name}"))
    return findings, checked

