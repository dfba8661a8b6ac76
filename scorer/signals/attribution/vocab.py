"""The lexicons as sets and patterns, and paragraphs tokenised once for the rules."""
from __future__ import annotations

import functools
import re
from typing import Iterable

from scorer.core.quotes import quote_spans
from scorer.core.tokens import LETTER_RUN
from scorer.knowledge.lexicons import load_lexicon, phrase_matcher
from scorer.knowledge.phrase_matcher import PhraseMatch


class _Token:
    """One word or punctuation mark of a paragraph (a plain slotted class: thousands are made per article)."""

    __slots__ = ("start", "end", "text", "low", "cap")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = text.lower()
        self.cap = text[:1].isupper()


class _Paragraph:
    """A paragraph tokenised once, with what the rules ask about it."""

    __slots__ = ("tokens", "starts", "quoted", "title_like")

    def __init__(self, text: str, start: int, end: int, vocab: _Vocab) -> None:
        self.tokens = [_Token(m.start(), m.end(), m.group()) for m in vocab.token.finditer(text, start, end)]
        self.starts = [t.start for t in self.tokens]
        # Quoted stretches, a quotation left open running to the paragraph's end (the convention for a quote
        # that goes on in the next paragraph): a cue inside one belongs to what someone else is quoted as saying.
        self.quoted = quote_spans(text, start, end, open_ended=True)
        words = [t for t in self.tokens if len(t.text) > 3 and t.text.isalpha()]
        # A headline in title case ("Trump Says He Will Win"): there a capitalised cue is still a cue.
        self.title_like = bool(words) and sum(t.cap for t in words) >= 0.6 * len(words)

    def in_quote(self, position: int) -> bool:
        return any(start < position < end for start, end in self.quoted)


class _Vocab:
    """The lexicons as sets and compiled patterns, built once per process."""

    def __init__(self) -> None:
        verbs = load_lexicon("attribution_reporting_verbs")
        cues = load_lexicon("attribution_cues")
        self.roles = frozenset(w.lower() for w in load_lexicon("attribution_roles"))
        self.modifiers = frozenset(w.lower() for w in load_lexicon("attribution_role_modifiers"))
        self.documents = frozenset(w.lower() for w in load_lexicon("attribution_documents"))
        self.generic = frozenset(w.lower() for w in load_lexicon("attribution_generic_sources"))
        self.unspecific = frozenset(w.lower() for w in load_lexicon("attribution_unspecific_modifiers"))
        titles_list = load_lexicon("attribution_titles")
        self.titles = frozenset(titles_list) | frozenset(t + "." for t in titles_list)
        self.after_cues = frozenset(c.lower() for c in cues)
        # Verbs that report only with a statement after them ("agreed that ...", '..., she agreed.'):
        # otherwise they are actions ("decided to take a hiatus", "supported al-Maliki", "the Act passed").
        self.clause_verbs = frozenset(w.lower() for w in load_lexicon("attribution_clause_verbs"))
        # Labels that open a line of a page or a template and are no speaker ("Title:", "FAQ:", "Update:").
        self.not_speakers = frozenset(" ".join(w.lower().split()) for w in load_lexicon("attribution_not_speakers")) | frozenset(
            " ".join(w.lower().split()) for w in load_lexicon("seo_headings"))
        # Cue phrases indexed by their first word: one dictionary look-up per word of the text is far
        # faster than one regular expression alternating over 700 phrases.
        by_first: dict[str, list[str]] = {}
        for phrase in set(verbs) | set(cues):
            by_first.setdefault(phrase.split()[0].lower(), []).append(phrase)
        self.cues_by_first = {word: phrase_matcher(phrases) for word, phrases in by_first.items()}
        titles = _alternation(titles_list)
        # Abbreviations and titles keep their full stop; an initial ("John F. Kennedy") too when a capital follows.
        self.token = re.compile(
            rf"(?:[A-Za-z]\.){{2,}}|(?:{titles})\.(?=\s)|[A-Z]\.(?=\s+[A-Z])|\w+(?:[-'’&./]\w+)*|[^\w\s]"
        )
        docs = _alternation(self.documents)
        # A document with an author, cited outside a reporting clause: "a report by the IMF", "Pew survey".
        self.document_by = re.compile(
            rf"\b(?:{docs})\s+(?:(?:released|published|conducted|commissioned|compiled|prepared)\s+)?"
            rf"(?:by|from)\s+(?:the\s+)?(?-i:[A-Z])",  # the author's capital, whatever the case of the rest
            re.IGNORECASE,
        )
        self.document_of = re.compile(rf"\b([A-Z][\w&.'’-]*)\s+(?:{docs})\b")
        # "In a Washington Post-ABC News poll released Sunday, ...": a survey cited with no verb.
        surveys = _alternation(w.lower() for w in load_lexicon("attribution_survey_nouns"))
        self.survey_in = re.compile(
            rf"\b[Ii]n\s+(?P<np>(?:a|an|the|its|their|his|her)\s+(?:[\w/&.'’-]+\s+){{0,6}}?(?:{surveys}))\b"
        )
        # "TAPPER: Do you think ...", "John Bolton: ..." -- a speaker label at the start of a paragraph.
        self.speaker_label = re.compile(r"(?P<np>[A-Z][\w.'’ -]{1,40}?(?:\s\([^)]{1,20}\))?)\s*:\s*(?=\S)")

    def np_word(self, token: _Token) -> bool:
        """A token that can be part of a source phrase on its own."""
        return (
            (token.cap and token.text[0].isalpha())
            or token.low in self.roles
            or token.low in self.modifiers
            or token.low in self.documents
        )



def _cue_matches(text: str, vocab: _Vocab) -> Iterable[PhraseMatch]:
    for word in LETTER_RUN.finditer(text):
        pattern = vocab.cues_by_first.get(word.group().lower())
        if pattern is not None:
            match = pattern.match(text, word.start())
            if match is not None:
                yield match


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in set(words)), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    return _Vocab()

