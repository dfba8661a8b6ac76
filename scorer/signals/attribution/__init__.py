"""Attribution: who says so -- direct quotes, named sources, documents cited.

A reported story tells the reader where each claim comes from: "White House
press secretary Karoline Leavitt said", "according to the operator, Arriva",
"a report by the IMF found". Padding and invented copy rarely do. This family
counts those attributions, normalised by length, and highlights each direct
quote (kind ``quote``) and each source it names (kind ``named_source``).

How an attribution is found (rules only, no model download):

1. A *cue* is a reporting verb ("said", "told", "wrote", "found", "believes";
   ``attribution_reporting_verbs.txt``) or a phrase after which the source
   follows ("according to"; ``attribution_cues.txt``).
2. The *source* is the noun phrase next to the cue: before a verb ("Smith
   said", "Smith, 45, a nurse, said", "Smith also told reporters"), after it
   when the verb follows a comma or a closing quote ('..." said Smith') and
   after an "according to" cue. A source phrase is built from capitalised
   words, titles ("Sen."), role nouns and their modifiers ("former campaign
   adviser"), document nouns ("report", "data") and joining words ("of",
   "for", "by") between them.
3. The source is classified: ``name`` (holds a proper name), ``role`` (a
   definite role: "the operator", "the company"), ``document`` (headed by a
   document noun, when the text says which document: "the report", "a report
   by the IMF", "census data"), ``pronoun`` ("he said") or ``vague`` (a crowd
   or an unnamed speaker: "experts say", "some analysts", "officials", and
   documents that say nothing of which: "according to reports"). Only
   ``name``, ``role`` and ``document`` are *named sources*; vague ones are left
   to the generalities family, pronouns refer back to a source already named.
4. A few more shapes: the agent of a passive ("was echoed by Gov. Martin
   O'Malley"), the subject of a sentence for a participle (", saying ..."),
   a survey cited with "in" ("In a Des Moines Register poll, ..."), and a
   speaker label in capitals or before a quotation ("TAPPER: ...").
5. A source reported inside someone else's statement ("Cruz said Rubio
   promised ...") is dropped: the article's source is Cruz.

``find_sources(text)`` exposes steps 1-5 on raw text for the evaluation
against PolNeAR (``benchmarks/attribution.py``: named-source overlap F1 on
dev, with the definitions of match and of "named" in its docstring).
Direct quotes are found separately (``find_quotes``) and linked to the
nearest attribution in their paragraph.
"""
from __future__ import annotations

import bisect
import functools
import logging
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, Finding, SignalResult
from scorer.knowledge.lexicons import load_lexicon, phrase_pattern
from scorer.core.text import MARKDOWN_HEADING, per_1000_words, split_paragraphs, word_count
from scorer.signals.registry import FamilySpec, feature_specs, register

logger = logging.getLogger(__name__)

FAMILY = "attribution"
#: Bumped whenever a feature's definition changes, so a model trained on the old
#: definitions refuses to load instead of silently mis-scoring.
VERSION = "3"  # 3: a document with nothing to tell which one ("according to reports") is vague

#: Plain words for the explanations: feature → template filled with ``value``.
DESCRIPTIONS: dict[str, str] = {
    "quotes_per_1000_words": "{value:.1f} direct quotes per 1,000 words",
    "attributed_quote_share": "{value:.0%} of direct quotes say who said them",
    "attributions_per_100_words": "{value:.2f} attributed statements per 100 words",
    "named_sources_per_1000_words": "{value:.1f} mentions of named sources per 1,000 words",
    "distinct_named_sources": "{value:.0f} different sources named",
    "named_attribution_share": "{value:.0%} of attributed statements name their source",
    "sourced_paragraph_share": "{value:.0%} of paragraphs say where their information comes from",
    "documents_cited_per_1000_words": "{value:.1f} documents or data sets cited per 1,000 words",
}

#: Source kinds that count as a named source (a finding, and in ``find_sources``).
NAMED_KINDS = frozenset({"name", "role", "document"})
#: A quotation shorter than this many words is a scare quote or a title, not a quote.
MIN_QUOTE_WORDS = 3
#: How far (characters) from a quote an attribution cue may sit and still say who is quoted.
QUOTE_CUE_WINDOW = 150
#: Longest appositive ("Smith, a former adviser to ..., said") searched back over, in tokens.
MAX_APPOSITIVE_TOKENS = 40
#: Longest source phrase, in tokens: longer runs of capitals are headlines or lists.
MAX_SOURCE_TOKENS = 12

# --- closed-class English grammar (not newsroom vocabulary, hence in code) ---------------------
_PRONOUNS = frozenset(
    "i we you he she they it who me us him her them one someone somebody this that these those".split()
)
_DETERMINERS = frozenset(
    "the a an this that these those his her its their our my your some many most several few other "
    "both all any each every no another certain such one two three four five".split()
)
_DEFINITE = frozenset("the this that these those his her its their our my your".split())
# Joining words inside a source: "Secretary of State", "a spokesman for the company", "a report by the IMF".
_CONNECTORS = frozenset("of for at by from to and & de del della der den van von bin ibn al el da di du la le".split())
# Words after a document that go on to say which one: "records obtained by", "emails released in".
_DOCUMENT_FOLLOWERS = frozenset(
    """by from of released published filed issued conducted obtained reviewed seen compiled prepared
    commissioned cited posted sent dated submitted signed written leaked reported""".split()
)
# Words after which a new clause or phrase starts: a document right after one has nothing before it.
_CLAUSE_OPENERS = frozenset(
    """to and but or nor as while where when whereas that which who because since though although yet so if
    in on at with after before despite amid than""".split()
)
# Between a source and its verb: auxiliaries, negation and adverbs ("Smith has also repeatedly said").
_SKIP_BEFORE_VERB = frozenset(
    """has have had having will would could should can may might must shall did does do is was were are
    been be being not never also later then once still just already even first long now often again ever
    both all each too himself herself themselves itself
    only since soon initially previously recently repeatedly reportedly publicly privately earlier today
    yesterday tonight separately further subsequently quickly immediately simply""".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTHS = frozenset("january february march april may june july august september october november december".split())
# Past forms that do not end in -ed: with these the verb agrees with any subject.
_IRREGULAR_PAST = frozenset(
    """said told wrote written thought felt knew known found saw seen sought understood swore sworn spoke spoken
    shown gave given held took came went made put cast hit read set laid shot tore spun""".split()
)
_PARTICLES = frozenset("off up down away".split())
# "Frequently asked questions", "commonly asked question": "asked" describes the questions, nobody is quoted.
_ASKED_OBJECTS = frozenset("question questions".split())
_BE = frozenset("is are was were be been being".split())
_TIME_NOUNS = frozenset("week month year morning afternoon evening night weekend".split())
_TIME_LEADS = frozenset("on last this that next late early".split())
# Capitalised at the start of a sentence, these are ordinary words, not names ("But Smith said").
_SENTENCE_OPENERS = frozenset(
    """but and or yet so still however meanwhile now then also instead indeed later earlier today yesterday
    last when if while as after before although though because since in on at for from with without
    under over during asked speaking separately finally first second moreover furthermore thus here there
    even only just not does did do is are was were has have had would can could should""".split()
)
# After one of these a comma opens an appositive or relative clause: "Smith, who ...", "Smith, a nurse, ...".
_APPOSITIVE_OPENERS = frozenset("who whose which a an the now then one also himself herself like as whom".split())
# Words that end a clause's subject when looking back for it ("when Rubio thanked Miami and said").
_SUBORDINATORS = frozenset("when while after before because that if since although though where whereas".split())
# Words after which a source phrase's head is over: "a poll conducted by ...", "interviews with ...".
_HEAD_ENDERS = frozenset("with in on released conducted published who that which from".split())
# Closed-class words that never head a source ("Macau when asked", "Fiorina for criticizing").
_FUNCTION_WORDS = (
    _SUBORDINATORS | _CONNECTORS | _DETERMINERS | _PRONOUNS | _SKIP_BEFORE_VERB
    | frozenset("to in on at with without about into over under than so or nor what why how whether until".split())
)
# A source right after one of these is inside someone else's clause ("told the Times that Carter believes",
# "a majority of voters say", "praised Trump for speaking out"): PolNeAR and editors credit the outer speaker.
_EMBEDDING = frozenset("that of for if whether".split())
_POSSESSIVE_S = re.compile(r"\w['’]s$")
_POSSESSIVE = re.compile(r"['’]s?$")
_OPEN_QUOTES = frozenset({"“", '"', "‘", "'", "(", "["})
_CLOSE_QUOTES = frozenset({"”", '"', "’", "'"})
_SENTENCE_END = frozenset({".", "!", "?", ":", ";"})
# Marks around an appositive: "Smith, a nurse, said", "Sims -- a teacher -- says".
_APPOSITION_MARKS = frozenset({",", "—", "–", "-"})
# Punctuation after which a verb may precede its source: '..." said Smith', ', said Smith'.
_INVERSION_AFTER = frozenset({",", "”", "“", "\"", "’", "‘", "'", ":", "—", "–"})


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


@dataclass(frozen=True)
class Quote:
    """A direct quotation (with its quote marks) and the attribution that says who is quoted, if any."""

    start: int
    end: int
    words: int
    attribution: Attribution | None


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

    def __init__(self, text: str, start: int, end: int, vocab: "_Vocab") -> None:
        self.tokens = [_Token(m.start(), m.end(), m.group()) for m in vocab.token.finditer(text, start, end)]
        self.starts = [t.start for t in self.tokens]
        # Quoted stretches: a cue inside one belongs to what someone else is quoted as saying.
        self.quoted = _quote_spans(text, start, end, open_ended=False)
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
        # Cue phrases indexed by their first word: one dictionary look-up per word of the text is far
        # faster than one regular expression alternating over 700 phrases.
        by_first: dict[str, list[str]] = {}
        for phrase in set(verbs) | set(cues):
            by_first.setdefault(phrase.split()[0].lower(), []).append(phrase)
        self.cues_by_first = {word: phrase_pattern(phrases) for word, phrases in by_first.items()}
        titles = _alternation(titles_list)
        # Abbreviations and titles keep their full stop; an initial ("John F. Kennedy") too when a capital follows.
        self.token = re.compile(
            rf"(?:[A-Za-z]\.){{2,}}|(?:{titles})\.(?=\s)|[A-Z]\.(?=\s+[A-Z])|\w+(?:[-'’&./]\w+)*|[^\w\s]"
        )
        docs = _alternation(self.documents)
        # A document with an author, cited outside a reporting clause: "a report by the IMF", "Pew survey".
        self.document_by = re.compile(
            rf"\b(?:{docs})\s+(?:(?:released|published|conducted|commissioned|compiled|prepared)\s+)?"
            rf"(?:by|from)\s+(?:the\s+)?[A-Z]",
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


def _quote_spans(text: str, start: int, end: int, *, open_ended: bool) -> list[tuple[int, int]]:
    """Quoted stretches of ``text[start:end]``, quote marks included, in text order.

    Curly quotes pair “ with ”. Straight double quotes pair by position: an
    opening mark follows a space, a bracket or the paragraph start and comes
    before a word; any other mark closes (texts mix “curly" and straight
    marks). With ``open_ended`` a quote still open at the paragraph's end runs
    to it (a quotation continued in the next paragraph).
    """
    spans = [
        m.span() for m in _QUOTE_CURLY.finditer(text, start, end) if open_ended or text[m.end() - 1] == "”"
    ]
    opened = None
    for match in _DOUBLE_QUOTE.finditer(text, start, end):
        position = match.start()
        opens = (position == start or text[position - 1] in " \t\xa0([—–-:'‘") and (
            position + 1 < end and not text[position + 1].isspace()
        )
        if opened is None and opens:
            opened = position
        elif opened is not None and not opens:
            spans.append((opened, position + 1))
            opened = None
    if opened is not None and open_ended:
        spans.append((opened, end))
    return sorted(spans)


def _cue_matches(text: str, vocab: "_Vocab") -> Iterable[re.Match[str]]:
    for word in _LETTERS.finditer(text):
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


_QUOTE_CURLY = re.compile(r"“[^“”]*?(?:”|\Z)")
# What separates two statements in one sentence: a sentence end, a semicolon, a comma, a closing quote.
_CLAUSE_BREAK = re.compile(r"[.!?;,”\n]")
# Rules whose source is the subject of a reporting verb, which another statement can embed.
_EMBEDDABLE_RULES = frozenset({"before", "clause", "sentence"})
_DOUBLE_QUOTE = re.compile('"')
_LETTERS = re.compile(r"(?<![A-Za-z])[A-Za-z]+")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


# --- public functions ------------------------------------------------------------------------------


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
    lower_words = frozenset(_LOWER_WORD.findall(text))
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
        if tokens[first].cap and not para.title_like and not _sentence_initial(tokens, first):
            continue  # a capitalised "Show" or "Report" mid-sentence belongs to a name ("The Rachel Maddow Show")
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
    for index, (p_start, p_end) in enumerate(spans):
        match = vocab.speaker_label.match(text, p_start, p_end)
        if match:
            keep(_span_attribution(paragraph(index), match.start("np"), match.end("np"), match.end("np"), match.end(),
                                   vocab, lower_words, only="name"))
    return _drop_embedded(text, sorted(found.values(), key=lambda a: (a.source_start, a.cue_start)))


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
    for index, (p_start, p_end) in enumerate(spans):
        if index in skip:
            continue  # a quoted headline is a title, not a quotation
        for start, end in _quote_spans(text, p_start, p_end, open_ended=True):
            inner = text[start + 1:end].rstrip('”"')
            words = _WORD.findall(inner)
            if len(words) < MIN_QUOTE_WORDS or _title_like(words, inner):
                continue
            lo, hi = max(p_start, start - QUOTE_CUE_WINDOW), min(p_end, end + QUOTE_CUE_WINDOW)
            if index > 0 and text[spans[index - 1][0]:spans[index - 1][1]].rstrip().endswith(":"):
                lo = min(lo, spans[index - 1][0])
            quotes.append(Quote(start, end, len(words), _nearest_cue(cues, cue_starts, start, end, lo, hi)))
    return quotes


def analyze(article: Article, config: Config = DEFAULT_CONFIG) -> SignalResult:
    """Quotes, named sources, documents and sourced paragraphs of ``article``."""
    text = article.text
    paragraphs = [(p.start, p.end) for p in article.paragraphs]
    headings = [i for i, p in enumerate(article.paragraphs) if p.is_heading]
    starts = [start for start, _ in paragraphs]

    def paragraph_of(position: int) -> int:
        return bisect.bisect_right(starts, position) - 1

    # An HTML heading ("## ...") names no source: in its title case every capitalised run looks
    # like a name ("Why Everyone Is Talking About the Vote"), and who a story quotes is in its
    # body. Plain-text headings stay: there a short line is often a transcript's speaker turn
    # ("RADDATZ: Can you declare anything off-limits?").
    page_headings = {i for i in headings if MARKDOWN_HEADING.match(article.paragraphs[i].text)}
    attributions = [a for a in find_attributions(text, paragraphs) if paragraph_of(a.source_start) not in page_headings]
    quotes = find_quotes(text, attributions, paragraphs, headings)
    words = word_count(text)

    informative = [a for a in attributions if a.kind != "vague"]
    named = [a for a in attributions if a.named]
    documents = _document_mentions(text, attributions)
    body = [i for i, p in enumerate(article.paragraphs) if not p.is_heading and word_count(p.text) > 0]
    sourced: set[int] = set()
    for position in [a.cue_start for a in informative] + [q.start for q in quotes if q.attribution]:
        sourced.add(paragraph_of(position))
    attributed_quotes = [q for q in quotes if q.attribution is not None and q.attribution.kind != "vague"]

    features = {
        "quotes_per_1000_words": per_1000_words(len(quotes), words),
        "attributed_quote_share": len(attributed_quotes) / len(quotes) if quotes else 0.0,
        "attributions_per_100_words": 100.0 * len(informative) / max(words, 1),
        "named_sources_per_1000_words": per_1000_words(len(named), words),
        "distinct_named_sources": float(len({a.key for a in named if a.kind != "document"})),
        "named_attribution_share": _named_share(attributions),
        "sourced_paragraph_share": len(sourced & set(body)) / len(body) if body else 0.0,
        "documents_cited_per_1000_words": per_1000_words(documents, words),
    }
    findings = [_source_finding(text, a) for a in named]
    resolved = _speakers(text, attributions)
    findings += [_quote_finding(text, q, resolved) for q in quotes]
    findings.sort(key=lambda f: (f.start, f.kind))
    logger.debug("attribution: %d attributions, %d quotes in %d words", len(attributions), len(quotes), words)
    return SignalResult(FAMILY, features, tuple(findings))


# --- finding the source next to a cue ---------------------------------------------------------------


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
    kind = _classify(tokens, s, e, vocab, lower_words)
    if kind is None:
        return None
    s = _trim_openers(tokens, s, e, vocab, lower_words)
    return Attribution(tokens[s].start, tokens[e].end, cue_start, cue_end, kind, _key(tokens, s, e, kind, vocab), rule)


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
    before = tokens[j].text if j >= 0 else None
    if cue.endswith("ing"):
        # "Trump attacked Clinton on Monday, saying ...", "Trump responded by saying ...": the speaker is
        # the subject of the sentence.
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
        if inverted is not None and tokens[inverted[0]].low not in _PRONOUNS and (
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


def _skip_back(tokens: list[_Token], j: int) -> int:
    """Step back over auxiliaries, adverbs, time phrases and a parenthesis between a source and its verb."""
    while j >= 0:
        low = tokens[j].low
        if tokens[j].text.islower() and (low in _SKIP_BEFORE_VERB or low.endswith(("n't", "n’t", "ly"))):
            j -= 1  # lower case only: "Will wrote" is George Will
        elif low in _WEEKDAYS:
            j -= 2 if j > 0 and tokens[j - 1].low in _TIME_LEADS else 1
        elif low in _TIME_NOUNS and j > 0 and (tokens[j - 1].low in _TIME_LEADS or tokens[j - 1].low in _WEEKDAYS):
            # "last week" goes whole; "on Wednesday morning" leaves the weekday (and its "on") to the next round.
            j -= 2 if tokens[j - 1].low in _TIME_LEADS else 1
        elif low == ")":
            # "Gov. Phil Bryant (R) said": skip the party and state.
            k = j - 1
            while k >= 0 and j - k <= 8 and tokens[k].text != "(":
                k -= 1
            if k < 0 or tokens[k].text != "(":
                break
            j = k - 1
        else:
            break
    return j


def _np_token(tokens: list[_Token], j: int, vocab: _Vocab) -> bool:
    token = tokens[j]
    if vocab.np_word(token) or token.low in _PRONOUNS or token.text in vocab.titles:
        return True
    # A common noun heading a phrase of names or roles: "Sanders fans", "Aung San Suu Kyi's political allies".
    return (
        token.text.isalpha() and token.text.islower() and token.low not in _FUNCTION_WORDS
        and token.low not in vocab.cues_by_first and j > 0 and tokens[j - 1].text[0].isalpha() and vocab.np_word(tokens[j - 1])
    )


def _bridge(token: _Token, vocab: _Vocab) -> bool:
    """A lower-case word inside a phrase of names ("Oversight ranking Democrat", "committee Democrats").

    Never a function word nor a reporting verb ("Cruz said Rubio promised" is two clauses).
    """
    return (
        token.text.isalpha() and token.text.islower() and token.low not in _FUNCTION_WORDS
        and token.low not in vocab.cues_by_first and not token.low.endswith(("ed", "ing"))
    )


def _np_backward(tokens: list[_Token], j: int, vocab: _Vocab) -> tuple[int, int] | None:
    """The source phrase ending at ``tokens[j]``, grown leftwards."""
    if tokens[j].low in _PRONOUNS:
        return (j, j)
    k = j - 1 if not vocab.np_word(tokens[j]) else j  # a lower-case head was admitted by _np_token
    while k >= 0 and j - k < MAX_SOURCE_TOKENS:
        token = tokens[k]
        low = token.low
        if low in _DETERMINERS:
            k -= 1
            # "a spokesman for the company": the determiner sits after a joining word, keep going.
            if k >= 1 and tokens[k].low in _CONNECTORS and vocab.np_word(tokens[k - 1]):
                k -= 1
                continue
            return (k + 1, j)
        if vocab.np_word(token) or token.text in vocab.titles or (k < j and token.text.islower() and _POSSESSIVE_S.search(token.text)):
            k -= 1  # a lower-case possessive belongs too: "the company's spokesman"
            continue
        if k < j and _bridge(token, vocab) and k >= 1 and vocab.np_word(tokens[k - 1]) and vocab.np_word(tokens[k + 1]):
            k -= 1
            continue
        if token.text == ")" and k >= 2:
            # "Sen. John Cornyn (R-Texas)" inside the phrase.
            m = k - 1
            while m >= 0 and k - m <= 8 and tokens[m].text != "(":
                m -= 1
            if m >= 1 and tokens[m].text == "(" and vocab.np_word(tokens[m - 1]):
                k = m - 1
                continue
            break
        if (low in _CONNECTORS or low == "in") and k >= 1 and vocab.np_word(tokens[k - 1]) and k < j:
            k -= 1
            continue
        break
    start = k + 1
    while start <= j and (tokens[start].low in _CONNECTORS or tokens[start].low == "in"):
        start += 1
    return (start, j) if start <= j else None


def _is_pronoun_word(token: _Token) -> bool:
    # Personal pronouns (and relative "who"); "this" or "one" are determiners here.
    return token.low in {"i", "we", "you", "he", "she", "they", "it", "who"}


def _forward_source(tokens: list[_Token], i: int, vocab: _Vocab) -> tuple[int, int] | None:
    """A tight source phrase starting at ``tokens[i]`` (after an inverted verb, or a sentence's subject)."""
    n = len(tokens)
    if i >= n:
        return None
    if _is_pronoun_word(tokens[i]):
        return (i, i)
    k = i
    if tokens[k].low in _DETERMINERS:
        k += 1
    end = None
    while k < n and k - i < MAX_SOURCE_TOKENS:
        token = tokens[k]
        if (vocab.np_word(token) or token.text in vocab.titles) and token.low not in _WEEKDAYS and token.low not in _MONTHS:
            end = k
            k += 1
            continue
        if _bridge(token, vocab) and k + 1 < n and tokens[k + 1].text[0].isalpha() and (
            tokens[k + 1].cap or vocab.np_word(tokens[k + 1])
        ):
            k += 1  # "Oversight ranking Democrat Elijah Cummings", "the younger Mr. Trump", "election lawyer Joe ..."
            continue
        if token.low in _CONNECTORS and end is not None and k + 1 < n:
            nxt = k + 1
            if tokens[nxt].low in _DETERMINERS:
                nxt += 1
            if nxt < n and vocab.np_word(tokens[nxt]):
                k = nxt
                continue
        break
    if end is None:
        return None
    return (i, _apposed_name(tokens, i, end))


def _apposed_name(tokens: list[_Token], i: int, end: int) -> int:
    """'the operator, Arriva': a role without a name followed by the name in apposition extends to the name."""
    n = len(tokens)
    if end + 2 < n and tokens[end + 1].text == "," and tokens[end + 2].cap and tokens[end + 2].text[0].isalpha():
        if not any(tokens[x].cap for x in range(i, end + 1) if tokens[x].low not in _DETERMINERS):
            stop = end + 2
            while stop + 1 < n and stop - end < 6 and tokens[stop + 1].cap:
                stop += 1
            return stop
    return end


def _after_cue_source(tokens: list[_Token], i: int, vocab: _Vocab) -> tuple[int, int] | None:
    """What follows "according to", up to the end of its phrase ("according to new Crowdpac research")."""
    n = len(tokens)
    k = i
    end = None
    while k < n and k - i < MAX_SOURCE_TOKENS + 3:
        token = tokens[k]
        if token.text in {",", ";", ":", "—", "–", "(", ")"} or token.text in _OPEN_QUOTES or token.text in _CLOSE_QUOTES:
            break
        if token.text in {".", "!", "?"}:
            break
        if token.low in ("that", "which", "who", "and") and end is not None and not (
            token.low == "and" and k + 1 < n and tokens[k + 1].cap
        ):
            break  # the phrase is over: "according to Smith, who ..." or "according to the poll that ..."
        end = k
        k += 1
    if end is None:
        return None
    while end > i and (tokens[end].low in _CONNECTORS or tokens[end].low in _DETERMINERS):
        end -= 1
    if _is_pronoun_word(tokens[i]):
        return (i, i)
    return (i, _apposed_name(tokens, i, end))


def _clause_ends(tokens: list[_Token], k: int, *, strict: bool = False) -> bool:
    """After an inverted source, the clause ends or a modifier follows ('said Smith, a nurse.', 'said Smith in a statement').

    ``strict`` (after a plain comma, where an appositive reading competes)
    accepts only the end of the sentence or a comma.
    """
    if k >= len(tokens):
        return True
    if strict:
        return tokens[k].text in _SENTENCE_END or tokens[k].text == ","
    return tokens[k].text in _SENTENCE_END or tokens[k].text in {",", "”", '"', ")", "—", "–", "("} or tokens[k].low in {
        "in", "on", "at", "during", "after", "before", "last", "this", "when", "who", "told",
    }


def _stop(tokens: list[_Token], k: int) -> bool:
    """A sentence boundary (a full stop followed by a comma is an abbreviation's: "Cambridge, Mass., said")."""
    if tokens[k].text not in _SENTENCE_END:
        return False
    if tokens[k].text == "." and k + 1 < len(tokens):
        nxt = tokens[k + 1].text
        # "Cambridge, Mass., said", "the No. 2 Republican": an abbreviation's full stop.
        return not (nxt == "," or nxt[0].isdigit() or nxt[0].islower())
    return True


def _appositive_source(tokens: list[_Token], mark: int, vocab: _Vocab) -> tuple[tuple[int, int] | None, bool]:
    """'Smith, 45, a former adviser to the campaign, said': the phrase before the appositive.

    The nearest earlier mark of the same kind (comma or dash) that opens an
    appositive or a relative clause ("who", "a", "the", a number, a role) wins;
    failing that, the nearest such mark with a source phrase before it. When
    the appositive is itself a name ("A top strategist, John Weaver, tells"),
    the source runs to its end. The flag says whether an opener was seen.
    """
    symbol = tokens[mark].text
    fallback = None
    k = mark - 1
    floor = max(0, mark - MAX_APPOSITIVE_TOKENS)
    while k >= floor:
        if _stop(tokens, k):
            break
        if tokens[k].text != symbol or k < 1:
            k -= 1
            continue
        end = k - 1
        if end >= 0 and tokens[end].text == ")":
            end = _skip_back(tokens, end)  # "Sen. Ted Cruz (R-Texas), also a ...": the name before the party
        while end >= 0 and tokens[end].text == symbol:
            end -= 1  # "--" is two tokens
        if end >= 0 and _np_token(tokens, end, vocab) and tokens[end].low not in _PRONOUNS:
            span = _np_backward(tokens, end, vocab)
            if span is not None:
                nxt = tokens[k + 1]
                if nxt.low in _APPOSITIVE_OPENERS or nxt.text[0].isdigit() or nxt.low in vocab.roles or nxt.low in vocab.modifiers:
                    return (span[0], k - 1), True
                if fallback is None:
                    inner = _forward_source(tokens, k + 1, vocab)
                    named = inner is not None and inner[1] == mark - 1 and any(t.cap for t in tokens[inner[0]:inner[1] + 1])
                    if named:
                        return (span[0], mark - 1), True  # "the union's president, Mary Kay Henry, said"
                    fallback = (span[0], k - 1)
        k -= 1
    return fallback, False


def _sentence_start(tokens: list[_Token], k: int) -> int:
    """Where the sentence holding ``tokens[k]`` starts, past a quotation that opens it ('"...," Braynard is quoted')."""
    limit = k
    while k > 0 and not _stop(tokens, k - 1):
        k -= 1
    if k < limit and tokens[k].text in ("“", '"'):
        close = next((x for x in range(k + 1, limit) if tokens[x].text in ("”", '"')), None)
        if close is not None:
            k = close + 1
            while k < limit and tokens[k].text in (",", "”", '"'):
                k += 1
    while k < len(tokens) and tokens[k].text in _OPEN_QUOTES:
        k += 1
    return k


def _sentence_subject(tokens: list[_Token], k: int, vocab: _Vocab) -> tuple[int, int] | None:
    """The subject opening the sentence that holds ``tokens[k]``, after an introductory phrase ("On Monday, ...")."""
    s = _sentence_start(tokens, k)
    if s < k and tokens[s].low in _SENTENCE_OPENERS:
        comma = next((x for x in range(s, min(k, s + 12)) if tokens[x].text == ","), None)
        if comma is None:
            return None
        s = comma + 1
    return _subject_at(tokens, s, k, vocab)


def _clause_subject(tokens: list[_Token], k: int, vocab: _Vocab) -> tuple[int, int] | None:
    """The subject of the clause that ``tokens[k]`` ("and") continues."""
    s = k - 1
    while s >= 0 and not _stop(tokens, s) and tokens[s].text not in {",", ";"} and tokens[s].low not in _SUBORDINATORS:
        s -= 1
    s += 1
    while s < k and tokens[s].text in _OPEN_QUOTES:
        s += 1
    return _subject_at(tokens, s, k, vocab)


def _subject_at(tokens: list[_Token], s: int, k: int, vocab: _Vocab) -> tuple[int, int] | None:
    if s >= k:
        return None
    span = _forward_source(tokens, s, vocab)
    if span is None or span[1] >= k:
        return None
    # A subject is followed by its verb (a lower-case word that is not a joining word) or by an appositive.
    nxt = _skip_forward(tokens, span[1] + 1)
    if nxt + 1 < k and tokens[nxt].text == "," and tokens[nxt + 1].low in _APPOSITIVE_OPENERS:
        return span
    if nxt >= k or not tokens[nxt].text.isalpha() or not tokens[nxt].text.islower() or tokens[nxt].low in _CONNECTORS:
        return None
    return span


def _skip_forward(tokens: list[_Token], j: int) -> int:
    while j < len(tokens) and (tokens[j].low in _SKIP_BEFORE_VERB or tokens[j].low.endswith("ly")):
        j += 1
    return j


# --- classifying a source --------------------------------------------------------------------------


def _sentence_initial(tokens: list[_Token], k: int) -> bool:
    j = k - 1
    while j >= 0 and tokens[j].text in _OPEN_QUOTES:
        j -= 1
    return j < 0 or _stop(tokens, j)


def _name_token(tokens: list[_Token], k: int, vocab: _Vocab, lower_words: frozenset[str]) -> bool:
    """A capitalised token that is part of a proper name (not a determiner, role, crowd or sentence opener)."""
    token = tokens[k]
    if not token.cap or not token.text[0].isalpha():
        return False
    low = token.low.rstrip(".")
    base = _POSSESSIVE.sub("", low)
    if low in _DETERMINERS or _is_pronoun_word(token) or base in vocab.generic:
        return False
    if token.text in vocab.titles:
        return False
    if base in vocab.modifiers or base in vocab.documents or base in vocab.roles:
        # A capitalised role word is a name only inside a run of capitals: "the Justice Department", not "the President".
        return any(
            0 <= x < len(tokens) and tokens[x].cap and tokens[x].text[0].isalpha() and tokens[x].low not in _DETERMINERS
            and not _sentence_initial(tokens, min(x, k))
            for x in (k - 1, k + 1)
        )
    if _sentence_initial(tokens, k) and (low in _SENTENCE_OPENERS or low in lower_words or low.endswith("ly")):
        return False  # "But", "Relentlessly", or a word the article also writes in lower case
    return True


def _classify(tokens: list[_Token], s: int, e: int, vocab: _Vocab, lower_words: frozenset[str]) -> str | None:
    """``name``, ``role``, ``document``, ``pronoun`` or ``vague``; None when the phrase is no source at all."""
    words = tokens[s:e + 1]
    if len(words) == 1 and _is_pronoun_word(words[0]):
        return "pronoun"
    if _POSSESSIVE.search(words[-1].text) or words[-1].text in {"’", "'"}:
        return None  # "Trump's claims": the cue word is a noun here, the phrase is its owner
    # The head is the last word before the first joining word: "a spokesman for the company" → spokesman.
    head_end = e
    for k in range(s + 1, e + 1):
        if tokens[k].low in _CONNECTORS or tokens[k].low in _HEAD_ENDERS:
            head_end = k - 1
            break
    head = tokens[head_end].low.rstrip(".")
    if head in vocab.documents:
        return "document" if _specific_document(tokens, s, head_end, e, vocab) else "vague"
    if head in vocab.generic:
        return "vague"
    if any(_name_token(tokens, k, vocab, lower_words) for k in range(s, e + 1)):
        return "name"
    definite = any(t.low in _DEFINITE or _POSSESSIVE.search(t.text) for t in words)
    if head in vocab.roles and definite:
        return "role"
    if len(words) == 1 and words[0].low in _PRONOUNS:
        return None  # "this", "that": a demonstrative, not a source
    return "vague"


def _specific_document(tokens: list[_Token], s: int, head_end: int, e: int, vocab: _Vocab) -> bool:
    """Whether a document source tells which document.

    It does with an owner or a definite article ("the report", "Pew's poll"), a word of its own
    ("census data", "a Pew survey"), words after its head ("a report by the IMF", "audit files")
    or a clause that goes on to say which ("emails released Tuesday", "records obtained by the
    Post"), and when it is one document brought in as such ("a statement", "a new poll": the story
    goes on to say whose). Bare or counted plurals and mass nouns, with at most words such as
    "recent", "news" or "some" before them, name no one: "according to reports", "some reports
    suggest", "news reports said", "polls show", "recent polling". Those are vague.
    """
    after = tokens[e + 1].low if e + 1 < len(tokens) else ""
    if head_end < e or after in _DOCUMENT_FOLLOWERS or after in vocab.documents:
        return True

    def says_which(token: _Token) -> bool:
        low = token.low
        return low in _DEFINITE or low in ("a", "an") or bool(_POSSESSIVE.search(token.text)) or (
            low not in _DETERMINERS and low not in vocab.unspecific
        )

    if any(says_which(token) for token in tokens[s:head_end]):
        return True
    # The phrase holds only the words a source phrase is built from: the rest of the noun phrase
    # may stand before it ("a Reuters rolling poll", "a Sept. 15, 2011 email"). Vague only when a
    # clause starts there, past any words that leave a document unspecific.
    k = s - 1
    while k >= 0 and (tokens[k].low in _DETERMINERS or tokens[k].low in vocab.unspecific):
        if says_which(tokens[k]):
            return True
        k -= 1
    return k >= 0 and tokens[k].text[0].isalnum() and tokens[k].low not in _CLAUSE_OPENERS


def _trim_openers(tokens: list[_Token], s: int, e: int, vocab: _Vocab, lower_words: frozenset[str]) -> int:
    """Drop a sentence opener swept into the source ("But Smith said" → "Smith")."""
    while s < e and tokens[s].cap and _sentence_initial(tokens, s):
        low = tokens[s].low
        if low in _SENTENCE_OPENERS or (
            low in lower_words and low not in _DETERMINERS and low not in vocab.roles and low not in vocab.modifiers
            and low not in vocab.documents and low not in vocab.generic
        ):
            s += 1
        else:
            break
    return s


def _key(tokens: list[_Token], s: int, e: int, kind: str, vocab: _Vocab) -> str:
    """The last name word of a name ("trump" for "Mr. Trump", "Donald Trump", "Trump's campaign")."""
    if kind == "name":
        names = [
            _POSSESSIVE.sub("", t.text).lower()
            for t in tokens[s:e + 1]
            if t.cap and t.text[0].isalpha() and t.low not in _DETERMINERS and t.text not in vocab.titles
        ]
        if names:
            return names[-1]
    return " ".join(t.low for t in tokens[s:e + 1])


# --- quotes, documents, findings ---------------------------------------------------------------------


def _title_like(words: list[str], inner: str) -> bool:
    """A quoted title or name ("Saturday Night Live"): nearly every long word capitalised, no sentence inside."""
    long_words = [w for w in words if len(w) > 3]
    if not long_words or re.search(r"[.!?,]", inner.strip()[:-1] if inner.strip() else ""):
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75


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


def _document_mentions(text: str, attributions: Sequence[Attribution]) -> int:
    """Documents cited as a source, plus documents named with their author anywhere ("a report by the IMF")."""
    vocab = _vocab()
    spans = [(a.source_start, a.source_end) for a in attributions if a.kind == "document"]
    count = len(spans)
    for match in list(vocab.document_by.finditer(text)) + [
        m for m in vocab.document_of.finditer(text)
        if m.group(1).lower() not in _DETERMINERS and m.group(1).lower() not in _SENTENCE_OPENERS
    ]:
        if not any(s <= match.start() < e or match.start() <= s < match.end() for s, e in spans):
            spans.append(match.span())
            count += 1
    return count


def _speakers(text: str, attributions: Sequence[Attribution]) -> dict[Attribution, str]:
    """Who each attribution refers to: its own source, or for "he said" the last name before it."""
    resolved: dict[Attribution, str] = {}
    last_name: str | None = None
    for attribution in sorted(attributions, key=lambda a: a.source_start):
        source = text[attribution.source_start:attribution.source_end]
        if attribution.kind == "name":
            last_name = source
        if attribution.kind == "pronoun" and last_name:
            resolved[attribution] = last_name
        elif attribution.kind != "vague":  # an unresolved "he" stays "he"
            resolved[attribution] = source
    return resolved


def _source_finding(text: str, attribution: Attribution) -> Finding:
    source = text[attribution.source_start:attribution.source_end]
    cue = _one_line(text[attribution.cue_start:attribution.cue_end])
    if attribution.kind == "document":
        message = f"Cites a document or data as its source (“{cue}”)."
    elif attribution.kind == "role":
        message = f"Source given by role only, no name (“{cue}”)."
    else:
        message = f"Names who says so (“{cue}”)."
    return Finding("named_source", attribution.source_start, attribution.source_end, source, message, rule=f"attribution: {attribution.rule or 'unknown'}")


def _quote_finding(text: str, quote: Quote, resolved: dict[Attribution, str]) -> Finding:
    speaker = resolved.get(quote.attribution) if quote.attribution is not None else None
    if speaker:
        message = f"Direct quote ({quote.words} words) attributed to {_one_line(speaker)}."
    elif quote.attribution is not None:
        message = f"Direct quote ({quote.words} words) attributed only vaguely."
    else:
        message = f"Direct quote ({quote.words} words) with no speaker named nearby."
    rule = f"quote: attributed ({quote.attribution.rule or 'unknown'})" if quote.attribution is not None else "quote: unattributed"
    return Finding("quote", quote.start, quote.end, text[quote.start:quote.end], message, rule=rule)


def _named_share(attributions: Sequence[Attribution]) -> float:
    """Share of attributions whose source is named, counting "he said" after a named source as named."""
    if not attributions:
        return 0.0
    seen_name = False
    named = 0
    for attribution in sorted(attributions, key=lambda a: a.source_start):
        if attribution.named:
            named += 1
            seen_name = seen_name or attribution.kind == "name"
        elif attribution.kind == "pronoun" and seen_name:
            named += 1
    return named / len(attributions)


def _one_line(text: str) -> str:
    return " ".join(text.split())


SPEC = register(
    FamilySpec(
        name=FAMILY, version=VERSION, analyze=analyze,
        features=feature_specs(tuple(DESCRIPTIONS), DESCRIPTIONS, ()),
        finding_kinds=("named_source", "quote"),
    )
)
