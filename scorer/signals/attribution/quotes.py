"""Direct quotes: the quotations of an article and the attribution that says who is quoted."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from scorer.core.quotes import quote_spans
from scorer.ingest.segment import split_paragraphs
from scorer.core.tokens import WORD
from scorer.signals.attribution.antecedents import antecedent
from scorer.signals.attribution.sources import Attribution

#: A quotation shorter than this many words is a scare quote or a title, not a quote.
MIN_QUOTE_WORDS = 3
#: How far (characters) from a quote an attribution cue may sit and still say who is quoted.
QUOTE_CUE_WINDOW = 150
# A quotation right after one of these is a name or a term being introduced, not words someone said.
_NAMING_BEFORE = re.compile(r"\b(?:called|named|dubbed|titled|entitled|known\s+as|term(?:ed)?|nicknamed|the\s+so-called)\s*[,:]?\s*$", re.IGNORECASE)
#: A quote that ends at most this many characters before its paragraph does ('..." Mr Thomas said.')
#: passes its speaker to a quote opening the next paragraph without a cue of its own.
CARRY_TAIL = 40


@dataclass(frozen=True)
class Quote:
    """A direct quotation (with its quote marks) and the attribution that says who is quoted, if any."""

    start: int
    end: int
    words: int
    attribution: Attribution | None


def find_quotes(
    text: str,
    attributions: Sequence[Attribution] = (),
    paragraphs: Sequence[tuple[int, int]] | None = None,
    headings: Iterable[int] = (),
) -> list[Quote]:
    """Direct quotations of at least ``MIN_QUOTE_WORDS`` words that are not titles.

    A quote opened and not closed in its paragraph runs to the paragraph's end
    (the newsroom convention for quotes spanning paragraphs). Each quote is
    linked to the nearest attribution whose cue sits outside it in the same
    paragraph within ``QUOTE_CUE_WINDOW`` characters, or in the paragraph before
    when that paragraph ends with a colon ('Smith said:').
    """
    spans = list(paragraphs) if paragraphs is not None else split_paragraphs(text)
    skip = set(headings)
    cues = sorted(attributions, key=lambda a: a.cue_start)
    cue_starts = [a.cue_start for a in cues]
    quotes: list[Quote] = []
    # The attribution of the quote that closes the previous paragraph: a quote opening the next
    # paragraph with no cue of its own goes on with the same speaker ('..." Mr Thomas said.' /
    # '"Finally, we call on ..."'), the newsroom convention for a statement quoted over paragraphs.
    carried: Attribution | None = None
    for index, (p_start, p_end) in enumerate(spans):
        if index in skip:
            carried = None
            continue  # a quoted headline is a title, not a quotation
        last: Attribution | None = None
        for start, end in quote_spans(text, p_start, p_end, open_ended=True):
            inner = text[start + 1:end].rstrip('”"')
            words = WORD.findall(inner)
            if len(words) < MIN_QUOTE_WORDS or _title_like(words, inner):
                continue
            if start == p_start and end >= p_end - 1 and _capitalised_share(words) >= 0.75:
                continue  # a whole line in quotes and title case is a headline, however it is punctuated
            if _NAMING_BEFORE.search(text, max(p_start, start - 30), start):
                continue  # 'it is called "pigeon breeder's lung"', 'known as "the Three Amigos"': a name, not a quote
            lo, hi = max(p_start, start - QUOTE_CUE_WINDOW), min(p_end, end + QUOTE_CUE_WINDOW)
            if index > 0 and text[spans[index - 1][0]:spans[index - 1][1]].rstrip().endswith(":"):
                lo = min(lo, spans[index - 1][0])
            attribution = _nearest_cue(cues, cue_starts, start, end, lo, hi)
            tag = _speech_tag(text, start, end, p_end)
            if tag is not None and (attribution is None or not tag.cue_start <= attribution.cue_start < tag.cue_end):
                attribution = tag  # the tag right after the quote, not a cue further away, says who spoke
            if attribution is None and start == p_start and carried is not None:
                attribution = carried
            if attribution is None and last is not None:
                attribution = last  # a second quote of the same paragraph, no new speaker: the same one goes on
            quotes.append(Quote(start, end, len(words), attribution))
            last = attribution
        # A quote opening the next paragraph with no cue of its own goes on with the speaker of this
        # paragraph's last statement: its closing quote ('..." Mr Thomas said.') or, failing that, its last
        # attribution to a named person or a pronoun ("Erekat said it was the latest move." / '"They wanted ..."').
        in_paragraph = [a for a in cues[bisect.bisect_left(cue_starts, p_start):bisect.bisect_left(cue_starts, p_end)]
                        if a.kind in ("name", "role", "pronoun")]
        carried = last if last is not None else (in_paragraph[-1] if in_paragraph else None)
    return quotes


#: A speech tag after a quote that ends on a comma ('"...," she captioned a video', '"...," comments Johnston',
#: '"...," the 42-year-old star confessed'): the verb need not be in the reporting lexicon, the comma inside the
#: quote says the sentence goes on with who said it.
_SPEECH_TAG = re.compile(
    r"""\s*(?:(?P<pronoun>he|she|they|we|I)\s+[a-z]+(?:ed|s)\b"""
    r"""|[a-z]+(?:ed|s)\s+(?P<after>(?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,3})"""
    r"""|(?P<before>(?:[A-Z][\w.'’-]*\s+){1,3})[a-z]+(?:ed|s)\b"""
    r"""|(?P<phrase>(?:the|a|an|one)\s+[\w'’-]+(?:\s+[\w'’-]+){0,5}?)\s+[a-z]+ed\b)"""
)


def _speech_tag(text: str, start: int, end: int, p_end: int) -> Attribution | None:
    """The speaker of a tag right after a quote that closes on a comma, as an attribution (rule ``tag``)."""
    if text[max(start, end - 3):end].rstrip('”"’').rstrip()[-1:] != ",":
        return None
    match = _SPEECH_TAG.match(text, end, min(p_end, end + 80))
    if match is None:
        return None
    group = next(g for g in ("pronoun", "after", "before", "phrase") if match.group(g))
    s, e = match.start(group), match.start(group) + len(match.group(group).rstrip())
    kind = {"pronoun": "pronoun", "phrase": "role"}.get(group, "name")
    source = text[s:e]
    return Attribution(s, e, match.start(), match.end(), kind, source.lower(), rule="tag")


def _capitalised_share(words: list[str]) -> float:
    long_words = [w for w in words if len(w) > 3]
    return sum(w[0].isupper() for w in long_words) / len(long_words) if long_words else 0.0


def _title_like(words: list[str], inner: str) -> bool:
    """A quoted title or name ("Saturday Night Live", "The Red Hen"): nearly every long word (every word,
    when none is long) capitalised, no sentence inside."""
    long_words = [w for w in words if len(w) > 3] or words
    if not long_words:
        return False
    if len(words) <= MAX_TITLE_WORDS and all(w[0].isupper() for w in long_words):
        return True  # a short title may hold a comma or a "!" ("A Doll's House, Part 2", "Moulin Rouge! The Musical")
    if re.search(r"[.!?,]", inner.strip()[:-1] if inner.strip() else ""):
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75


#: A quotation this short with every long word capitalised is a title whatever its punctuation.
MAX_TITLE_WORDS = 6


def _nearest_cue(
    cues: list[Attribution], cue_starts: list[int], start: int, end: int, lo: int, hi: int
) -> Attribution | None:
    best, distance = None, None
    for attribution in cues[bisect.bisect_left(cue_starts, lo):bisect.bisect_right(cue_starts, hi)]:
        if start <= attribution.cue_start < end:
            continue  # a cue inside the quote belongs to what is quoted
        gap = start - attribution.cue_end if attribution.cue_end <= start else attribution.cue_start - end
        if distance is None or gap < distance:
            best, distance = attribution, gap
    return best


def _speakers(text: str, attributions: Sequence[Attribution], sentence_starts: Sequence[int] = ()) -> dict[Attribution, str]:
    """Who each attribution refers to: its own source, or for "he said" the person its sentence is about
    (:mod:`scorer.signals.attribution.antecedents`, from the article's ``sentence_starts``) when named after the
    last named source, else that source."""
    resolved: dict[Attribution, str] = {}
    last_name: str | None = None
    last_at = -1
    for attribution in sorted(attributions, key=lambda a: a.source_start):
        source = text[attribution.source_start:attribution.source_end]
        if attribution.kind == "name":
            last_name, last_at = source, attribution.source_start
        if attribution.kind == "pronoun":
            found = antecedent(text, attribution.source_start, source, sentence_starts)
            if found is not None and found[0] > last_at:
                resolved[attribution] = found[1]
            elif last_name:
                resolved[attribution] = last_name
            else:
                resolved[attribution] = source  # an unresolved "he" stays "he"
        elif attribution.kind != "vague":
            resolved[attribution] = source
    return resolved
