"""Finding attributions: a cue, the source phrase next to it, and its kind (steps 1-5 of the package docstring)."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Sequence

from scorer.ingest.segment import split_paragraphs
from scorer.core.tokens import LOWER_WORD
from scorer.signals.attribution.classify import _classify, _key, _sentence_initial, _trim_credit, _trim_openers
from scorer.signals.attribution.phrases import (
    _after_cue_source, _generic, _appositive_source, _clause_ends, _clause_subject, _forward_source, _np_backward,
    _np_token, _sentence_subject, _skip_back,
)
from scorer.signals.attribution.labels import _QUOTE_AFTER_LABEL, _kicker, _speech_after
from scorer.signals.attribution.vocab import _cue_matches, _Paragraph, _Token, _Vocab, _vocab
from scorer.signals.attribution.words import (
    _APPOSITION_MARKS, _ASKED_OBJECTS, _BE, _CLAUSE_BREAK, _CLOSE_QUOTES, _CONNECTORS, _DETERMINERS, _EMBEDDING,
    _FUNCTION_WORDS,
    _INVERSION_AFTER, _IRREGULAR_PAST, _OPEN_QUOTES, _PARTICLES, _PRONOUNS, _SKIP_BEFORE_VERB, _TIME_LEADS,
    _LINKING_VERBS, _MONTHS, _PREPOSITIONS, _QUESTION_AUXILIARIES, _TIME_NOUNS, _TIME_PREPOSITIONS, _TIME_WORDS, _WEEKDAYS,
    MAX_SOURCE_TOKENS,
)

#: Source kinds that count as a named source (a finding, and in ``find_sources``).
NAMED_KINDS = frozenset({"name", "role", "document"})
#: Words after which an -ing cue is a noun or an adjective, not a participle clause of the sentence's subject.
_GERUND_LEADS = frozenset("a an the this that these those our their his her its my your of on against about into".split())
_POSSESSIVE_END = re.compile(r"(?:['’]s|s['’])$")
#: What a cut-off source lacks: its lower-case head noun ("Former New Zealand" + " players").
_HEAD_NOUNS = re.compile(r"(?:\s+[a-z][\w'’-]*){1,2}")
# Rules whose source is the subject of a reporting verb, which another statement can embed.
_EMBEDDABLE_RULES = frozenset({"before", "clause", "sentence"})


@dataclass(frozen=True)
class Attribution:
    """One attributed statement: where its source and cue sit in the text, and what kind of source it is."""

    source_start: int
    source_end: int
    cue_start: int
    cue_end: int
    kind: str  # name | role | document | pronoun | vague
    key: str  # normalised source for counting distinct sources ("trump" for "Mr. Trump", "Donald Trump")
    rule: str = ""  # which rule found it: before, inverted, appositive, clause, sentence, passive, after, survey, label

    @property
    def named(self) -> bool:
        return self.kind in NAMED_KINDS



def find_attributions(text: str, paragraphs: Sequence[tuple[int, int]] | None = None) -> list[Attribution]:
    """Every attribution in ``text`` (any source kind), in text order.

    ``paragraphs`` are the paragraph spans (``split_paragraphs(text)`` when
    omitted); a source never crosses a paragraph.
    """
    vocab = _vocab()
    spans = list(paragraphs) if paragraphs is not None else split_paragraphs(text)
    if not spans or not text:
        return []
    starts = [start for start, _ in spans]
    # Words seen in lower case anywhere in the article: such a word capitalised at a sentence start is not a name.
    lower_words = frozenset(LOWER_WORD.findall(text))
    cache: dict[int, _Paragraph] = {}

    def paragraph(index: int) -> _Paragraph:
        if index not in cache:
            cache[index] = _Paragraph(text, spans[index][0], spans[index][1], vocab)
        return cache[index]

    found: dict[tuple[int, int], Attribution] = {}

    def keep(attribution: Attribution | None) -> None:
        if attribution is not None:
            found.setdefault((attribution.source_start, attribution.source_end), attribution)

    for match in _cue_matches(text, vocab):
        index = bisect.bisect_right(starts, match.start()) - 1
        if index < 0 or match.end() > spans[index][1]:
            continue
        para = paragraph(index)
        tokens = para.tokens
        first = bisect.bisect_left(para.starts, match.start())
        last = bisect.bisect_left(para.starts, match.end()) - 1
        if first >= len(tokens) or tokens[first].start != match.start():
            continue  # the cue starts inside a longer token ("so-called")
        if para.in_quote(match.start()):
            continue  # "... that Trump said ..." inside a quotation is what the quoted speaker reports
        if last == len(tokens) - 1 and tokens[last].text[-1:].isalnum():
            continue  # a line ending on the cue with no stop is a heading: "Talks Planned", "US Security Guarantees"
        if tokens[first].cap and not para.title_like and not _sentence_initial(tokens, first):
            continue  # a capitalised "Show" or "Report" mid-sentence belongs to a name ("The Rachel Maddow Show")
        if tokens[last].low in vocab.clause_verbs and not _reports_a_clause(tokens, last + 1):
            continue  # "Bush has supported al-Maliki", "the group decided to take a hiatus", "the Act passed"
        if first > 0 and tokens[first - 1].low in _LINKING_VERBS:
            continue  # "Payne remained determined", "stay informed": the cue is an adjective
        if last + 1 < len(tokens) and tokens[last + 1].low in _PARTICLES:
            continue  # "called off", "showed up", "backed down": another verb than the reporting one
        if (last + 1 < len(tokens) and tokens[last].low == "asked" and tokens[last + 1].low in _ASKED_OBJECTS) or (
            first > 0 and tokens[first].low in _ASKED_OBJECTS and tokens[first - 1].low == "asked"
        ):
            continue
        keep(_attribution_at(tokens, first, last, match.group().lower(), vocab, lower_words))
    # Cues with no verb: surveys cited with "in", and speaker labels ("TAPPER: ...", "John Bolton: ...").
    for match in vocab.survey_in.finditer(text):
        index = bisect.bisect_right(starts, match.start()) - 1
        if index >= 0 and match.end() <= spans[index][1]:
            keep(_span_attribution(paragraph(index), match.start("np"), match.end("np"), match.start(), match.start("np"),
                                   vocab, lower_words, only="document"))
    labels = [(index, vocab.speaker_label.match(text, p_start, p_end)) for index, (p_start, p_end) in enumerate(spans)]
    labels = [(index, match) for index, match in labels if match]
    # A transcript has turns of speakers: labels in capitals or opening a quotation ("Home:", "Published:" are not).
    turns = sum(1 for _, match in labels if match.group("np").isupper() or _QUOTE_AFTER_LABEL.match(text, match.end()))
    for index, match in labels:
        # A transcript has turns: a label line alone on the page ("LAS VEGAS SHOCKER: ...", "RATE THIS
        # ARTICLE: ...") is a kicker or a widget, unless a quotation follows it ('John Bolton: "..."').
        if turns < 2 and (_kicker(text, match) or not _speech_after(text, match.end())):
            continue  # one label and no speech after it: a dateline ("LONDON: Britain introduced ..."), a kicker
        if match:
            keep(_span_attribution(paragraph(index), match.start("np"), match.end("np"), match.end("np"), match.end(),
                                   vocab, lower_words, only="name"))
    return _drop_embedded(text, _longest_spans(text, sorted(found.values(), key=lambda a: (a.source_start, a.cue_start))))


def _longest_spans(text: str, attributions: list[Attribution]) -> list[Attribution]:
    """Sources found by two cues from the same first word end where the longer one ends.

    "Former New Zealand players have lambasted ... and said ...": the first cue finds the whole noun phrase,
    the second (through the clause's subject) stops at the lower-case head noun ("Former New Zealand").
    """
    longest: dict[int, int] = {}
    for a in attributions:
        longest[a.source_start] = max(longest.get(a.source_start, a.source_end), a.source_end)
    out = []
    for a in attributions:
        end = longest[a.source_start]
        # Still one attribution per span as found (the cut-off one reports its own cue: two statements).
        out.append(replace(a, source_end=end) if end != a.source_end and _HEAD_NOUNS.fullmatch(text[a.source_end:end]) else a)
    return out


def _drop_embedded(text: str, attributions: list[Attribution]) -> list[Attribution]:
    """Drop a source reported inside another's statement: in "Cruz said Rubio promised ...", Cruz is the source.

    A source is embedded when an earlier cue of the same sentence ("Cruz
    said") has its source before it and nothing between ends the sentence or
    starts a new clause.
    """
    # "Cruz said": source, then cue. Only the latest such cue ending before a source needs
    # checking: the text between an earlier cue and the source holds the text between the
    # latest one and the source, so if that holds a break, so does every longer stretch.
    # This keeps a page of thousands of attributions linear, not quadratic.
    ends = sorted(a.cue_end for a in attributions if a.source_end <= a.cue_start)

    def embedded(attribution: Attribution) -> bool:
        latest = bisect.bisect_right(ends, attribution.source_start) - 1
        return latest >= 0 and not _CLAUSE_BREAK.search(text, ends[latest], attribution.source_start)

    return [a for a in attributions if a.rule not in _EMBEDDABLE_RULES or not embedded(a)]


def find_sources(text: str, *, include_pronouns: bool = False) -> list[tuple[int, int]]:
    """Character spans of the named sources in ``text`` (names, definite roles, documents).

    With ``include_pronouns`` the spans of pronoun sources ("he said") are
    included too, which is how PolNeAR annotates them. Vague sources
    ("experts say") are never returned.
    """
    wanted = NAMED_KINDS | {"pronoun"} if include_pronouns else NAMED_KINDS
    return [(a.source_start, a.source_end) for a in find_attributions(text) if a.kind in wanted]


def _attribution_at(
    tokens: list[_Token], first: int, last: int, cue: str, vocab: _Vocab, lower_words: frozenset[str]
) -> Attribution | None:
    """The attribution whose cue covers ``tokens[first:last+1]``, or None when no source is found."""
    if " ".join(cue.split()) in vocab.after_cues:
        span, rule = _after_cue_source(tokens, last + 1, vocab), "after"
    else:
        span, rule = _verb_source(tokens, first, last, cue, vocab)
    if span is None:
        return None
    return _make(tokens, span[0], span[1], tokens[first].start, tokens[last].end, vocab, lower_words, rule)


def _make(
    tokens: list[_Token], s: int, e: int, cue_start: int, cue_end: int, vocab: _Vocab, lower_words: frozenset[str],
    rule: str,
) -> Attribution | None:
    if s > 0 and tokens[s - 1].low in _EMBEDDING:
        return None
    if s < e and tokens[s].low == "that" and tokens[s + 1].cap:
        s += 1  # "a payout that Cooperman blasted", "six months ago that Trump was saying": the conjunction is no part of the name
    if s == e and _not_a_subject(tokens, s, cue_start):
        return None
    if tokens[e].low.rstrip(".") in _TIME_WORDS and (not tokens[e].cap or tokens[e].low in _WEEKDAYS or tokens[e].low in _MONTHS):
        return None  # "Late on Monday night, ..., said the spokesman": a time, not a source ("Entertainment Tonight" is)
    if rule == "before" and s > 0 and tokens[s - 1].low in _PREPOSITIONS and not _cue_word(tokens, e, cue_start).endswith("ing"):
        return None  # "those with BED reported" (but "with Kim calling out Kanye" is Kim speaking)
    if rule == "before" and _plural_noun_cue(tokens, s, cue_start):
        return None  # "movies and TV shows from Pixar", "caricatures from Team America sketches": a noun, not a verb
    if rule == "before" and _question_inversion(tokens, s):
        return None  # "Would Schiff have pleaded ...?"
    if s > 0 and e + 1 < len(tokens) and tokens[s - 1].text in _OPEN_QUOTES and tokens[e + 1].text in _CLOSE_QUOTES | {","}:
        if e + 2 < len(tokens) and tokens[e + 1].text == "," and tokens[e + 2].text in _CLOSE_QUOTES or tokens[e + 1].text in _CLOSE_QUOTES:
            return None  # ("“The Discovery,” “The One I Love”"): a quoted title, not a source
    month = next((k for k in range(s, e + 1) if tokens[k].low in _MONTHS), None)
    if month is not None and (month > 0 and tokens[month - 1].low in _TIME_PREPOSITIONS) and all(
            t.low in _TIME_PREPOSITIONS for t in tokens[s:month]) and all(t.text.isdigit() or t.text == "," for t in tokens[month + 1:e + 1]):
        return None  # "In May, the FBI ... asked", "Since May": a date, not a source ("Theresa May said" has no preposition)
    s = _trim_credit(tokens, s, e)
    kind = _classify(tokens, s, e, vocab, lower_words)
    if kind is None:
        return None
    s = _trim_openers(tokens, s, e, vocab, lower_words)
    return Attribution(tokens[s].start, tokens[e].end, cue_start, cue_end, kind, _key(tokens, s, e, kind, vocab), rule)


#: Words before a phrase that make it the object of a preposition or a list of nouns: then a cue in -s
#: right after it is a plural noun ("from Team America sketches", "movies and TV shows").
_NOUN_CONTEXT = frozenset("from of in on at for about like than and or".split())


def _plural_noun_cue(tokens: list[_Token], s: int, cue_start: int) -> bool:
    """A cue in -s after a phrase that follows a preposition or another plural noun and "and": a noun."""
    cue = _cue_word(tokens, max(s - 1, 0), cue_start) or ""
    if not (cue.endswith("s") and not cue.endswith("ss")) or s == 0:
        return False
    before = tokens[s - 1].low
    if before not in _NOUN_CONTEXT:
        return False
    if before in ("and", "or"):
        # "movies and TV shows": a lower-case plural noun before the conjunction lists nouns
        # ("Smith and Jones say" is a compound source and starts at "Smith").
        return s >= 2 and tokens[s - 2].text.islower() and tokens[s - 2].low.endswith("s") and not tokens[s - 2].low.endswith("ss")
    return True


def _reports_a_clause(tokens: list[_Token], k: int) -> bool:
    """Whether a statement follows at ``tokens[k]``: "that", a quotation, a colon or a comma (the quote before)."""
    if k >= len(tokens):
        return True  # '..." the senator agreed.' ends the sentence: the quote before is what was agreed
    return tokens[k].low == "that" or tokens[k].text in _OPEN_QUOTES or tokens[k].text in {":", ",", ".", "”", '"'}


def _cue_word(tokens: list[_Token], e: int, cue_start: int) -> str:
    """The first word of the cue that follows the source ending at ``tokens[e]`` (a few tokens on at most)."""
    for k in range(e + 1, min(len(tokens), e + 12)):
        if tokens[k].start == cue_start:
            return tokens[k].low
    return ""


def _question_inversion(tokens: list[_Token], s: int) -> bool:
    """An auxiliary opening the sentence right before (or swept into) the subject: a question ("Would Schiff have pleaded ...?")."""
    if tokens[s].low in _QUESTION_AUXILIARIES and _sentence_initial(tokens, s):
        return True
    return s > 0 and tokens[s - 1].low in _QUESTION_AUXILIARIES and _sentence_initial(tokens, s - 1)


def _not_a_subject(tokens: list[_Token], k: int, cue_start: int) -> bool:
    """A one-word "source" that is a verb: a linking verb before a participle ("Stay informed", "Keep
    updated": an imperative, the cue is an adjective) or a gerund opening its own clause ("Applying this
    idea, we can conclude, saying ...", "Navigating the talks ...")."""
    token = tokens[k]
    if token.low in _LINKING_VERBS:
        return True
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    return (
        token.low.endswith("ing") and len(token.low) > 5 and _sentence_initial(tokens, k)
        and following is not None and following.start != cue_start and following.text[:1].islower()
    )


def _span_attribution(
    para: _Paragraph, start: int, end: int, cue_start: int, cue_end: int, vocab: _Vocab, lower_words: frozenset[str],
    *, only: str,
) -> Attribution | None:
    """An attribution whose source is the characters ``start:end``, kept only if its kind is ``only``."""
    s = bisect.bisect_left(para.starts, start)
    e = bisect.bisect_left(para.starts, end) - 1
    if s > e or e - s >= MAX_SOURCE_TOKENS:
        return None
    if only == "name":
        # A speaker label is a name and nothing else, in capitals as transcripts print it ("TAPPER:") or
        # followed by a quotation ('John Bolton: "..."'); "Editor's Note:" or a headline's "Topic: ..." is not.
        if not all(vocab.np_word(t) or t.text in "().-" or t.low in _CONNECTORS for t in para.tokens[s:e + 1]):
            return None
        label = para.tokens[s:e + 1]
        if " ".join(t.low for t in label) in vocab.not_speakers:
            return None  # "Title:", "FAQ:", "Update:": a label of the page, not a speaker
        after = bisect.bisect_left(para.starts, cue_end)
        quoted = after < len(para.tokens) and para.tokens[after].text in _OPEN_QUOTES
        if not quoted and not all(t.text.isupper() for t in label if t.text.isalpha()):
            return None
    elif not any(t.cap for t in para.tokens[s:e + 1]):
        return None  # "in the polls" is a standing, not a survey cited; "in a Des Moines Register poll" is
    attribution = _make(para.tokens, s, e, cue_start, cue_end, vocab, lower_words, "label" if only == "name" else "survey")
    return attribution if attribution is not None and attribution.kind == only else None


def _verb_source(
    tokens: list[_Token], first: int, last: int, cue: str, vocab: _Vocab
) -> tuple[tuple[int, int] | None, str]:
    """The source of a verb cue and the rule that found it: the phrase before it, or after it in an inverted clause."""
    agent = _passive_agent(tokens, first, last, cue, vocab)
    if agent is not None:
        return agent, "passive"
    j = _skip_back(tokens, first - 1)
    if any(tokens[x].low in _BE for x in range(j + 1, first)) and not cue.endswith(("ing", "s")):
        return None, ""  # "Sanders had been told", "the FBI was warned": the subject is the one told
    if j >= 0 and _np_token(tokens, j, vocab):
        span = _np_backward(tokens, j, vocab)
        if span is not None and _agrees(tokens, span, j, first, cue):
            return span, "before"
    if j >= 0 and _generic(tokens[j], vocab) and tokens[j].text.islower():
        # "the insider told Fox News", "one fellow actor said": an unnamed speaker (vague), so that the
        # quote it closes is attributed, vaguely, rather than to no one.
        s = j
        while s > 0 and j - s < 3 and tokens[s - 1].text.isalpha() and tokens[s - 1].text.islower() and (
                tokens[s - 1].low in _DETERMINERS or tokens[s - 1].low not in _FUNCTION_WORDS):
            s -= 1  # "the insider", "one fellow actor"
        return (s, j), "before"
    before = tokens[j].text if j >= 0 else None
    if cue.endswith("ing"):
        # "Trump attacked Clinton on Monday, saying ...", "Trump responded by saying ...": the speaker is
        # the subject of the sentence. Not a gerund or an adjective: after a determiner or possessive ("our
        # asking price", "the Patriots' passing game") or the object of a preposition that is no adverbial
        # subordinator ("his best chance of challenging", "against defending champion Italy", "intent on deciding").
        if first > 0 and (tokens[first - 1].low in _GERUND_LEADS or _POSSESSIVE_END.search(tokens[first - 1].text) or (
                tokens[first - 1].text in ("'", "’") and first > 1 and tokens[first - 2].low.endswith("s"))):
            return None, ""
        return _sentence_subject(tokens, first, vocab), "sentence"
    if before in _APPOSITION_MARKS:
        # "Smith, a former adviser, said", "Jason Sims -- a teacher from Mount Pleasant -- says".
        span, opened = _appositive_source(tokens, j, vocab)
        if span is not None and opened:
            return span, "appositive"
    if (before is None or before in _INVERSION_AFTER) and not cue.startswith(("tell", "told")):
        # '"We will win," said Smith.' -- the source follows, then the clause ends ("told CBS News" is an object).
        inverted = _forward_source(tokens, last + 1, vocab)
        after_quote = before in _CLOSE_QUOTES or before in _OPEN_QUOTES
        if inverted is not None and (tokens[inverted[0]].low not in _PRONOUNS or inverted[1] > inverted[0]) and (
            after_quote or _clause_ends(tokens, inverted[1] + 1, strict=before != ":")
        ):
            return inverted, "inverted"
    if before in _APPOSITION_MARKS:
        return span, "appositive"
    if before is not None and tokens[j].low in ("and", "but"):
        # "Rubio thanked Miami and said ...": the subject of the first verb, else of the sentence.
        span = _clause_subject(tokens, j, vocab)
        return (span, "clause") if span is not None else (_sentence_subject(tokens, j, vocab), "sentence")
    return None, ""


def _agrees(tokens: list[_Token], span: tuple[int, int], j: int, first: int, cue: str) -> bool:
    """A bare verb ("fear", "report") needs a plural subject, "I/we/you/they" or an auxiliary before it.

    This keeps nouns out: in "White House press secretary" or "the Trump
    campaign report" the cue word is a noun and the phrase before it no subject.
    """
    word = cue.split()[0]
    if word.endswith(("s", "ed", "ing")) or word in _IRREGULAR_PAST or j + 1 < first:
        return True  # inflected, or something (an auxiliary, an adverb) stands between subject and verb
    words = tokens[span[0]:span[1] + 1]
    if len(words) == 1 and words[0].low in ("i", "we", "you", "they"):
        return True
    return words[-1].low.endswith("s") or any(t.low == "and" for t in words)


def _passive_agent(tokens: list[_Token], first: int, last: int, cue: str, vocab: _Vocab) -> tuple[int, int] | None:
    """'was echoed by former Gov. Martin O'Malley', 'as recalled by Walter Hewlett': the agent after "by".

    Only in a passive clause (a form of "be" or "as" before the verb): in "a
    memo issued by the department" the department issued a memo, it is not
    quoted.
    """
    if cue.endswith(("ing", "s")) or cue in vocab.after_cues:
        return None
    j = first - 1
    while j >= 0 and tokens[j].text.islower() and (tokens[j].low.endswith("ly") or tokens[j].low in ("also", "first", "later", "since")):
        j -= 1
    if j < 0 or tokens[j].low not in _BE and tokens[j].low != "as":
        return None
    k = last + 1
    limit = min(len(tokens), k + 4)
    while k < limit and tokens[k].low != "by":
        token = tokens[k]
        if not (token.text.islower() and (token.low in _SKIP_BEFORE_VERB or token.low.endswith("ly") or token.low in _TIME_LEADS or token.low in _TIME_NOUNS)) and token.low not in _WEEKDAYS:
            return None
        k += 1
    if k >= limit or k + 1 >= len(tokens):
        return None
    return _forward_source(tokens, k + 1, vocab)
