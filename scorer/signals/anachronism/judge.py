"""Judging an office mention against the knowledge base: is the title wrong on the article's date?

Four verdicts: "former" or "elect" said of someone already in office, a title someone has "left", or has
"not_yet" taken. A time frame in the sentence, a quotation, history or the days around a change of office
make a mention correct (no verdict).
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
from typing import Iterable, Sequence

from scorer.knowledge.base import Term
from scorer.signals.anachronism.context import YEAR, Context, Sentence
from scorer.signals.anachronism.mentions import Mention

#: Around a change of office, copy written days before is not a stale fact yet.
GRACE_DAYS = 7
#: A title for someone who left office longer ago than this is a historical reference.
HISTORY_YEARS = 12

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


def _years_ago(day: _dt.date, years: float) -> _dt.date:
    return day - _dt.timedelta(days=round(years * YEAR))


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


def judge(ctx: Context, mention: Mention) -> tuple[str, str, Term] | None:
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
                first_term = min(terms, key=lambda t: t.start)
                # "Former President X" before X ever took office: wrong on any reading, once the sentence is of today.
                if first_term.start > day + grace and recent and not quoted and not _FUTURE_BEFORE.search(before_text):
                    verdicts.append(("not_yet", person, first_term))
                    continue
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


def _next_key(ctx: Context, mention: Mention, past_comma: bool = False) -> str:
    """The token right after the mention; with ``past_comma``, after the comma that closes an appositive."""
    index = bisect.bisect_left(ctx.starts, mention.end)
    if past_comma and index < len(ctx.tokens) and ctx.tokens[index].key == ",":
        index += 1  # "Biden, the president, is expected to ..."
    if index < len(ctx.tokens) and ctx.token_sentence[index] == mention.sentence:
        return ctx.tokens[index].key
    return ""


def _is_recent(ctx: Context, mention: Mention, sentence: Sentence | None) -> bool:
    """Does the sentence speak of the days around the article's date? (see :data:`_RECENT`)"""
    if sentence is None or "present" in mention.mods:
        return True
    if _RECENT.search(sentence.text):
        return True
    if ctx.kb.offices[next(iter(mention.offices))].style == "regnal" and all(ctx.kb.offices[o].style == "regnal" for o in mention.offices):
        return False  # "Pope John Paul II is..." names a dead pope; only a dated sentence makes it stale
    return _next_key(ctx, mention, past_comma=mention.appositive) in _PRESENT_VERBS


def office_message(ctx: Context, kind: str, person: str, term: Term, title: str) -> str:
    office = ctx.kb.offices[term.office].name
    day = ctx.date.isoformat()
    if kind == "former":
        return f"called former, but {person} has been {office} since {term.start.isoformat()}; this article is dated {day}"
    if kind == "elect":
        return f"called {title}, but {person} has been {office} since {term.start.isoformat()}; this article is dated {day}"
    if kind == "left":
        return f"out-of-date title: {person} was {office} from {term.start.isoformat()} to {term.end.isoformat()}; this article is dated {day}"
    return f"title too early: {person} became {office} only on {term.start.isoformat()}; this article is dated {day}"

