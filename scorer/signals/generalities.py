"""Generalities: claims with no one behind them -- vague attribution, hedges, sweeping statements.

A reported story says who claims what. Copy written to fill space leans on
nobody in particular ("experts say", "it is widely acknowledged", "critics
have argued"), softens every claim into a possibility ("may", "probably",
"it seems") and praises or generalises without a measure ("one of the
greatest", "countless", "many"). This family finds those *cues*, decides for
each sentence whether it is uncertain, and reports rates an editor can read.

How a cue is found (rules and package data only, no model download):

1. Four vocabularies in ``scorer/knowledge/lexicons`` (one phrase a line), each
   matched with one compiled alternation over the whole text:
   ``generalities_weasel_phrases.txt`` (kind ``vague_attribution``: "it is
   said", "widely regarded", "reportedly"), ``generalities_hedges.txt`` (kind
   ``hedge``: "may", "probably", "suggests"), ``generalities_sweeping.txt``
   (kind ``sweeping``: "one of the greatest", "countless", "many").
2. One construction for unnamed speakers: a crowd from
   ``generalities_vague_sources.txt`` ("experts", "some critics", "people
   familiar with the matter") next to a reporting verb (the attribution
   family's ``attribution_reporting_verbs.txt``), or after "according to".
   It is *not* vague when a name is attached: "experts at the Met Office
   said", "critics, including Senator Jane Roe, argued", "Met Office experts
   said" (a capitalised word that does not open the sentence), nor when a
   determiner points back to people already named ("the researchers said").
3. Context rules: phrases in ``generalities_not_cues.txt`` ("likely voters",
   "most recent") hold no cue; "May" the month ("in May", "May 2024", "Theresa May") is not
   a hedge; a cue inside a direct quotation of three words or more is the
   speaker's wording, reported on the record, and is skipped; overlapping
   cues keep the longest.

How a sentence is judged uncertain: every distinct cue has a weight, learned
on the train split of the CoNLL-2010 Wikipedia weasel/hedge sentences and
shipped as ``generalities_cue_weights.txt`` (``python
benchmarks/generalities.py --learn``); a phrase a newsroom adds without a
weight gets its kind's default weight. A sentence is uncertain when the bias
plus the weights of its distinct cues is above zero (a logistic model over cue
presence, so every decision can be read off the highlighted cues).

Findings: each cue with a positive weight in an uncertain sentence, as
``vague_attribution`` or ``hedge`` with a one-line message. Sweeping cues are
counted in a feature but not highlighted (no finding kind of their own).

:func:`find_cues`, :func:`sentence_cues` and :func:`is_uncertain` expose the
rules on raw text for the evaluation (``benchmarks/generalities.py``).
"""
from __future__ import annotations

import bisect
import functools
import logging
import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import Iterable, Mapping, Sequence

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, Finding, SignalResult
from scorer.knowledge.lexicons import load_lexicon, phrase_pattern
from scorer.core.text import per_1000_words, word_count
from scorer.signals.registry import FamilySpec, feature_specs, register

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

FAMILY = "generalities"
#: Bumped whenever a feature's definition changes, so a model trained on the old
#: definitions refuses to load instead of silently mis-scoring.
VERSION = "1"

#: Plain words for the explanations: feature → template filled with ``value``.
DESCRIPTIONS: dict[str, str] = {
    "vague_attributions_per_1000_words": "{value:.1f} claims per 1,000 words put in nobody's mouth ('experts say', 'it is believed')",
    "hedges_per_1000_words": "{value:.1f} hedges per 1,000 words ('may', 'probably', 'it seems')",
    "sweeping_statements_per_1000_words": "{value:.1f} sweeping or unmeasured claims per 1,000 words ('one of the greatest', 'countless')",
    "uncertain_sentence_share": "{value:.0%} of sentences are vague or hedged",
}

#: Lexicon file (without .txt) → cue kind.
LEXICONS: dict[str, str] = {
    "generalities_weasel_phrases": "vague_attribution",
    "generalities_hedges": "hedge",
    "generalities_sweeping": "sweeping",
}
#: Kinds that become findings; ``sweeping`` is only counted.
FINDING_KINDS = ("vague_attribution", "hedge")
#: When two cues overlap and are equally long, the first kind here wins.
_KIND_PRIORITY = {"vague_attribution": 0, "hedge": 1, "sweeping": 2}
#: Weight key of the vague-source construction (one key: the crowd named varies, the pattern does not).
CONSTRUCTION_KEY = "vague_attribution: [vague source] + [reporting verb]"
#: A quotation needs this many words to be on the record; shorter ones are scare quotes or titles.
MIN_QUOTE_WORDS = 3
WEIGHTS_FILE = "generalities_cue_weights"

MESSAGES = {
    "vague_attribution": "Vague attribution: '{text}' -- who says so? Name the source or cut the claim.",
    "hedge": "Hedge: '{text}' softens the claim. State what is known, or say who doubts it and why.",
}
_SOURCE_MESSAGE = "Vague attribution: {question} Name the source."

# --- closed-class English grammar (not newsroom vocabulary, hence in code) ---------------------
# Quantifiers that may open a vague crowd ("some experts", "a number of critics").
_QUANTIFIERS = (
    "some", "many", "most", "several", "other", "others", "few", "a few", "certain", "numerous", "various",
    "a number of", "a growing number of", "a lot of", "lots of", "countless", "plenty of", "all", "both",
)
_QUANTIFIER_WORDS = frozenset(w for q in _QUANTIFIERS for w in q.split())
# Auxiliaries and adverbs allowed between a crowd and its verb ("critics have long argued").
_BETWEEN = (
    "have", "has", "had", "also", "now", "still", "long", "often", "generally", "widely", "previously", "would",
    "will", "may", "might", "could", "can", "do", "did", "have long", "repeatedly", "already", "privately",
    "publicly", "openly", "increasingly", "even", "however", "too", "initially", "recently", "continue to",
    "continued to", "tend to", "seem to", "appear to", "reportedly", "allegedly",
)
# Words that, right before a crowd, point back to people already introduced ("the researchers said").
_ANAPHORIC = frozenset(
    "the this that these those his her its their our my your whose which such both each".split()
)
# After a crowd, these introduce the names that make it specific ("critics, including Senator Jane Roe").
_NAMING = r"(?:including|such\s+as|like|led\s+by|among\s+them|notably|especially|namely|from|at|of|with|in|for|on|inside|within)"
# Function words that are never the modifier of a crowd ("when people say" is about "people").
_FUNCTION_WORDS = "|".join(
    """the a an and or but nor when if that which who whom whose as because while where than so to of in on at by
    for with from into about after before since until this these those his her its their our my your said says
    say is are was were be been being have has had do does did not no it they we you he she them us what""".split()
)
# Quantifier cues that, before a number, only round it ("some 200 people").
_APPROXIMATORS = frozenset({"some", "several", "many"})
_NUMBER_AFTER = re.compile(r"\s+(?:\d|a\s+(?:dozen|hundred|thousand|million)|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|thousand)\b)", re.IGNORECASE)
# Right after a vague phrase, names that make it specific: "according to some scholars like Jane Roe",
# "critics such as Jane Roe" (up to three words of the crowd, then the naming word and a capital).
_NAMED_AFTER = re.compile(
    r"(?:\s+(?-i:[a-z][\w-]*)){0,3}\s*,?\s*(?:including|such\s+as|like|led\s+by|among\s+them|notably|especially|namely)\s+(?:the\s+)?(?-i:[A-Z])",
    re.IGNORECASE,
)
_FUNCTION_WORD_SET = frozenset(_FUNCTION_WORDS.split("|"))
_NAMED_TAIL = re.compile(rf"\s*,?\s*{_NAMING}\s+(?:the\s+)?(?-i:[A-Z])", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.&-]*")
_MONTH_BEFORE = re.compile(
    r"(?:\b(?:in|on|of|since|until|till|by|from|to|early|late|mid|last|next|this|through|during|between|and|or|before|after|each|every)\s+|[-–])$",
    re.IGNORECASE,
)
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;]\s*[\"'“‘(]?\s*|\n\s*[\"'“‘(]?\s*|^[\"'“‘(]\s*)$")
_QUOTES = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")


@dataclass(frozen=True)
class Cue:
    """One cue: a span of the text, its kind, the lexicon entry (or construction) that matched, its weight."""

    start: int
    end: int
    text: str
    kind: str  # vague_attribution | hedge | sweeping
    key: str  # "<kind>: <phrase>", the key of its learned weight
    weight: float
    source: str = ""  # for an unnamed crowd, the crowd word ("experts"), used in the message


# --- vocabularies ----------------------------------------------------------------------------------


class _Lexicon:
    """One lexicon as one alternation, plus the way back from a matched string to its entry."""

    def __init__(self, name: str, kind: str, phrases: Sequence[str]) -> None:
        self.name = name
        self.kind = kind
        self.pattern = trie_pattern(phrases)
        self.literal = {_norm(p): p for p in phrases if "*" not in p}
        self.wild = [(p, phrase_pattern([p])) for p in sorted((p for p in phrases if "*" in p), key=len, reverse=True)]

    def entry(self, matched: str) -> str:
        found = self.literal.get(_norm(matched))
        if found is not None:
            return found
        for phrase, pattern in self.wild:
            if pattern.fullmatch(matched):
                return phrase
        return _norm(matched)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


_ANY_WORD = r"[\w'’-]+"


def _trie_regex(phrases: Iterable[str]) -> str:
    """The phrases as one alternation factored by shared leading words ("it is said|it is thought" →
    "it\\s+is\\s+(?:said|thought)"). Python's ``re`` tries every branch of a flat alternation at every
    position; sharing prefixes makes a 300-phrase list cost about what a 30-word one does. A longer
    continuation is tried before stopping, so the longest phrase wins, as in ``phrase_pattern``."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for token in phrase.lower().split():
            node = node.setdefault(token, {})
        node[""] = {}  # end of a phrase

    def merge(a: dict, b: dict) -> dict:
        merged = dict(a)
        for token, child in b.items():
            merged[token] = merge(merged[token], child) if token in merged else child
        return merged

    def emit(node: dict) -> str:
        if "*" in node:
            # A literal word also matches "*": give it the wildcard's continuations too, so the literal
            # branch (tried first) can still reach the longest phrase ("it is widely acknowledged"
            # through "it is widely" and "it is * acknowledged").
            node = {t: (merge(c, node["*"]) if t not in ("", "*") else c) for t, c in node.items()}
        branches = []
        # Literal words before the wildcard, longer words first ("maybe" before "may").
        for token in sorted((t for t in node if t), key=lambda t: (t == "*", -len(t), t)):
            child = node[token]
            word = _ANY_WORD if token == "*" else re.escape(token)
            rest = {t: c for t, c in child.items() if t}
            if not rest:
                branches.append(word)
            elif "" in child:
                branches.append(rf"{word}(?:\s+{emit(rest)})?")
            else:
                branches.append(rf"{word}\s+{emit(rest)}")
        return "(?:" + "|".join(branches) + ")"

    if not trie:
        raise ValueError("a phrase list must not be empty")
    return emit(trie)


def trie_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Same matches as :func:`scorer.knowledge.lexicons.phrase_pattern` (word-bounded, case-insensitive, ``*`` = one
    word), built as a prefix trie for speed."""
    return re.compile(rf"(?<![\w])(?:{_trie_regex(phrases)})(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class Weights:
    """Learned cue weights: ``bias`` plus one weight per cue key; ``defaults`` per kind for unlisted cues."""

    bias: float
    cues: Mapping[str, float]
    defaults: Mapping[str, float]

    def of(self, key: str, kind: str) -> float:
        value = self.cues.get(key)
        return self.defaults.get(kind, 0.0) if value is None else value


def parse_weights(lines: Iterable[str]) -> Weights:
    """Lines ``<weight> <key>``; keys ``(bias)`` and ``(default <kind>)`` are special; ``#`` comments."""
    bias = 0.0
    cues: dict[str, float] = {}
    defaults: dict[str, float] = {}
    for number, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        value, _, key = line.partition(" ")
        try:
            weight = float(value)
        except ValueError:
            raise ValueError(f"{WEIGHTS_FILE}.txt line {number}: expected '<weight> <cue>', got {line!r}") from None
        key = key.strip()
        if key == "(bias)":
            bias = weight
        elif key.startswith("(default ") and key.endswith(")"):
            defaults[key[len("(default "):-1].strip()] = weight
        else:
            cues[key] = weight
    return Weights(bias, cues, defaults)


@functools.lru_cache(maxsize=1)
def load_weights() -> Weights:
    path = resources.files("scorer.knowledge").joinpath("lexicons", f"{WEIGHTS_FILE}.txt")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        # Without learned weights every cue counts on its own (bias just below one cue).
        logger.warning("%s.txt not found: every generalities cue counts on its own", WEIGHTS_FILE)
        return Weights(-0.5, {}, {"vague_attribution": 1.0, "hedge": 1.0, "sweeping": 1.0})
    return parse_weights(text.splitlines())


class _Vocab:
    def __init__(self) -> None:
        self.lexicons = [_Lexicon(name, kind, load_lexicon(name)) for name, kind in LEXICONS.items()]
        sources = load_lexicon("generalities_vague_sources")
        verbs = load_lexicon("attribution_reporting_verbs")
        self.sources = frozenset(_norm(s) for s in sources)
        # The construction is anchored on the crowd: find the (rare) crowd words with one alternation,
        # then read the few words around each, instead of trying quantifier + modifier + crowd + verb
        # at every position of the text.
        self.head = trie_pattern(sources)
        # After the crowd: a short prepositional phrase ("critics of the plan"), a parenthetical
        # between commas ("critics, however, argue"), auxiliaries and adverbs, then the verb.
        post = r"(?P<post>\s+(?:of|in|on|at|from|for|with|within|inside|close\s+to|familiar\s+with|across)(?:\s+[\w'’.&-]+){1,4}?)?"
        aside = r"(?P<aside>\s*,[^,.;:!?\n]{1,80},)?"
        self.forward = re.compile(
            rf"{post}{aside}(?:\s+{_trie_regex(_BETWEEN)})*\s+(?P<verb>{_trie_regex(verbs)})(?![\w'’-])",
            re.IGNORECASE,
        )
        # "according to experts at the Met Office": only the prepositional phrase is read.
        self.post_only = re.compile(r"(?P<post>\s+(?:of|in|on|at|from|for|with)(?:\s+[\w'’.&-]+){1,4}?)?")
        # First word of every phrase → the (lexicon, alternation) pairs to try where that word starts.
        self.by_first: dict[str, list[tuple[_Lexicon | None, re.Pattern[str]]]] = {}
        for lexicon, pattern, phrases in [(lx, lx.pattern, load_lexicon(lx.name)) for lx in self.lexicons] + [
            (None, self.head, sources)
        ]:
            firsts = {phrase.split()[0].lower() for phrase in phrases}
            if "*" in firsts:
                raise ValueError(f"a phrase may not start with '*' ({lexicon.name if lexicon else 'vague sources'})")
            for first in firsts:
                self.by_first.setdefault(first, []).append((lexicon, pattern))
        self.verbs = frozenset(_norm(v) for v in verbs if " " not in v.strip())
        self.quantifiers = {tuple(q.split()) for q in _QUANTIFIERS}
        self.not_cues = trie_pattern(load_lexicon("generalities_not_cues"))
        self.weights = load_weights()


@functools.lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    return _Vocab()


# --- finding cues ----------------------------------------------------------------------------------


def find_cues(text: str) -> list[Cue]:
    """Every cue in ``text``, in text order, overlaps resolved (longest wins), quotations skipped."""
    vocab = _vocab()
    quoted = _quoted_spans(text)
    candidates: list[Cue] = []
    taken = bytearray(len(text))  # 1 where a kept cue, or a phrase that is not a cue, already sits
    for match in vocab.not_cues.finditer(text):
        taken[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    for lexicon, match in _matches(text, vocab):
        if lexicon is None:
            span = _vague_crowd(text, match, vocab)
            if span is not None:
                cue = _cue(vocab, span[0], span[1], text, "vague_attribution", CONSTRUCTION_KEY)
                candidates.append(replace(cue, source=" ".join(match.group().lower().split())))
            continue
        if _in_compound(text, match.start(), match.end()):
            continue  # "the best" inside "the best-known", "major" inside "major-league"
        entry = lexicon.entry(match.group())
        if entry == "may" and _is_month(text, match.start()):
            continue
        if entry in _APPROXIMATORS and _NUMBER_AFTER.match(text, match.end()):
            continue  # "some 200 people": an approximate figure, not an unnamed crowd
        if lexicon.kind == "vague_attribution" and _NAMED_AFTER.match(text, match.end()):
            continue  # "according to some scholars, such as Jane Roe": the names follow
        candidates.append(_cue(vocab, match.start(), match.end(), text, lexicon.kind, f"{lexicon.kind}: {entry}"))
    # Longest first, so "the most notable" beats "the most" and "is considered" beats "considered".
    candidates.sort(key=lambda c: (-(c.end - c.start), _KIND_PRIORITY[c.kind], c.start))
    kept: list[Cue] = []
    for cue in candidates:
        if taken.find(1, cue.start, cue.end) != -1 or _inside(quoted, cue.start):
            continue
        kept.append(cue)
        taken[cue.start:cue.end] = b"\x01" * (cue.end - cue.start)
    kept.sort(key=lambda c: c.start)
    return kept


def _matches(text: str, vocab: _Vocab) -> Iterable[tuple[_Lexicon | None, re.Match[str]]]:
    """Every lexicon match in ``text`` (overlaps included); ``None`` stands for the crowd lexicon.

    Each lexicon's one alternation is tried only where a word that can open one of its phrases
    starts (a dictionary lookup per word), instead of at every character: the same matches, several
    times faster than ``finditer`` on a long text.
    """
    for word in _WORD_START.finditer(text):
        for lexicon, pattern in vocab.by_first.get(word.group().lower(), ()):
            match = pattern.match(text, word.start())
            if match is not None:
                yield lexicon, match


def _cue(vocab: _Vocab, start: int, end: int, text: str, kind: str, key: str) -> Cue:
    return Cue(start, end, text[start:end], kind, key, vocab.weights.of(key, kind))


def sentence_cues(sentence: str) -> list[Cue]:
    """The cues of one sentence (what :func:`is_uncertain` weighs)."""
    return find_cues(sentence)


def sentence_score(cues: Iterable[Cue]) -> float:
    """Bias plus the weight of each distinct cue key: above zero means uncertain."""
    weights = {cue.key: cue.weight for cue in cues}
    return _vocab().weights.bias + sum(weights.values())


def is_uncertain(sentence: str) -> bool:
    """True when the sentence hedges, generalises or puts its claim in nobody's mouth."""
    return sentence_score(find_cues(sentence)) > 0.0


def _in_compound(text: str, start: int, end: int) -> bool:
    """True when the match is only part of a hyphenated word (the lexicon's word boundary ignores hyphens)."""
    return (end < len(text) - 1 and text[end] == "-" and text[end + 1].isalpha()) or (
        start > 1 and text[start - 1] == "-" and text[start - 2].isalpha()
    )


def _is_month(text: str, start: int) -> bool:
    """'May' the month or the name, not the modal verb."""
    after = text[start + 3:start + 12]
    if re.match(r"\s*(?:\d|of\b|[,.;:!?)]|$)", after):
        return True  # "May 2024", "May 5", "May of last year", "in May."
    if _MONTH_BEFORE.search(text[max(0, start - 12):start]):
        return True  # "in May", "early May", "April-May"
    if text[start] == "M":
        # A capital "May" mid-sentence is a month or a name ("Theresa May"); at a sentence start it is the verb.
        return not _SENTENCE_OPEN.search(text[max(0, start - 4):start])
    return False


# A word as the lexicon lookup sees it: letters and digits, hyphenated compounds kept whole.
_WORD_START = re.compile(r"(?<![\w'’-])\w+(?:-\w+)*")
# "according to" or a comma or quote and one word, then at most three words (quantifier, modifier).
_LEAD_HINT = re.compile(r"(?:according\s+to|[,\"”]\s*[\w'’-]+)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
# Words for reading around a crowd; initialisms ("U.S.") stay whole, a full stop after a word is its own token.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[\w'’&-]+|[^\w\s]")


def _vague_crowd(text: str, head: re.Match[str], vocab: _Vocab) -> tuple[int, int] | None:
    """The span of an unnamed crowd used as a source around the crowd word ``head``, or None.

    Reads back from the crowd word: an optional lower-case modifier ("health experts"), an optional
    quantifier ("some", "a number of") and, for the verb-first forms, "according to" or a reporting
    verb after a comma or a quote ("..., say critics"). Reads forward: the reporting verb.
    """
    forward = vocab.forward.match(text, head.end())
    if forward is None and not _LEAD_HINT.search(text[max(0, head.start() - 50):head.start()]):
        return None  # no verb after the crowd and no "according to" or '," say' before it: the common case
    window_start = max(0, head.start() - 80)
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text, window_start, head.start())]
    start = head.start()
    quant = False
    i = len(tokens)
    for size in (3, 2, 1):  # a quantifier right before the crowd ("some experts")
        if i >= size and tuple(t.lower() for t, _ in tokens[i - size:i]) in vocab.quantifiers:
            i -= size
            start, quant = tokens[i][1], True
            break
    if not quant and i and _is_modifier(tokens[i - 1][0]) and tokens[i - 1][0].lower() not in vocab.verbs:
        i -= 1
        start = tokens[i][1]
        for size in (3, 2, 1):  # "some health experts"
            if i >= size and tuple(t.lower() for t, _ in tokens[i - size:i]) in vocab.quantifiers:
                i -= size
                start, quant = tokens[i][1], True
                break
    previous, previous_at = tokens[i - 1] if i else ("", start)
    if forward is not None:
        if previous.lower() in _ANAPHORIC or previous.lower().endswith(("'s", "’s")):
            return None  # "the researchers said", "the company's critics said": introduced earlier
        if not quant and previous[:1].isupper() and not _opens_sentence(text, previous_at):
            return None  # "Met Office experts said", "U.S. officials said"
        lead_start = None
    elif i >= 2 and previous.lower() == "to" and tokens[i - 2][0].lower() == "according":
        lead_start = tokens[i - 2][1]  # "according to experts"
        forward = vocab.post_only.match(text, head.end())
    elif i >= 2 and previous.lower() in vocab.verbs and tokens[i - 2][0] in {",", '"', "”"}:
        lead_start = previous_at  # '"...," say critics'
        forward = vocab.post_only.match(text, head.end())
    else:
        return None
    post = forward.group("post") or ""
    if any(w[0].isupper() for w in _WORD.findall(post)):
        return None  # "experts at the Met Office said"
    aside = forward.groupdict().get("aside") or ""
    aside_words = _WORD.findall(aside)
    if aside and re.match(rf"\s*,\s*{_NAMING}\b", aside, re.IGNORECASE) and any(w[0].isupper() for w in aside_words):
        return None  # "critics, including Senator Jane Roe, argued"
    if aside_words and aside_words[0][0].isupper() and len(aside_words) <= 4:
        return None  # "critics, Jane Roe and John Doe, argued": the aside is the names
    if _NAMED_TAIL.match(text, head.end()):
        return None  # "according to experts such as Jane Roe", "experts like Jane Roe say"
    if lead_start is None:
        return start, forward.end()
    return lead_start, head.end()


def _opens_sentence(text: str, position: int) -> bool:
    """True when ``position`` is the first word of a sentence (so its capital says nothing)."""
    return bool(_SENTENCE_OPEN.search(text[max(0, position - 12):position])) or position == 0


def _is_modifier(token: str) -> bool:
    """A lower-case content word that can qualify a crowd ("health experts", "local residents")."""
    return token[:1].islower() and token.isalpha() and token not in _FUNCTION_WORD_SET


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Direct quotations of ``MIN_QUOTE_WORDS`` words or more (shorter ones are scare quotes)."""
    return [m.span() for m in _QUOTES.finditer(text) if len(m.group().split()) >= MIN_QUOTE_WORDS]


def _inside(spans: Sequence[tuple[int, int]], position: int) -> bool:
    for start, end in spans:
        if start <= position < end:
            return True
        if start > position:
            break
    return False


# --- the signal ------------------------------------------------------------------------------------


def analyze(article: Article, config: Config = DEFAULT_CONFIG) -> SignalResult:
    """Rates of vague attributions, hedges and sweeping statements, share of uncertain sentences; findings.

    Every cue with a positive weight counts and, when it is a vague attribution or a hedge, is a
    finding -- even in a sentence whose cues do not add up to "uncertain": one "may" does not make
    a sentence vague on the CoNLL-2010 reading, but an editor still wants to see it.
    """
    text = article.text
    sentences = article.sentences
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[Cue]] = {}
    counts = {"vague_attribution": 0, "hedge": 0, "sweeping": 0}
    findings: list[Finding] = []
    for cue in find_cues(text):
        index = bisect.bisect_right(starts, cue.start) - 1
        if index < 0 or cue.end > sentences[index].end:
            continue  # straddles two sentences or paragraphs: a list or a heading run into the text
        by_sentence.setdefault(index, []).append(cue)
        if cue.weight <= 0.0:
            continue
        counts[cue.kind] += 1
        if cue.kind in FINDING_KINDS:
            findings.append(Finding(cue.kind, cue.start, cue.end, cue.text, _message(cue), rule=cue.key))
    uncertain = sum(1 for cues in by_sentence.values() if sentence_score(cues) > 0.0)
    words = word_count(text)
    features = {
        "vague_attributions_per_1000_words": per_1000_words(counts["vague_attribution"], words),
        "hedges_per_1000_words": per_1000_words(counts["hedge"], words),
        "sweeping_statements_per_1000_words": per_1000_words(counts["sweeping"], words),
        "uncertain_sentence_share": uncertain / len(sentences) if sentences else 0.0,
    }
    return SignalResult(FAMILY, features, tuple(findings))


def _message(cue: Cue) -> str:
    if cue.source:
        return _SOURCE_MESSAGE.format(question=_who_question(cue.source))
    return MESSAGES[cue.kind].format(text=" ".join(cue.text.split()))


def _who_question(source: str) -> str:
    """"which spokesperson?", "which experts?": the crowd without its quantifier or article."""
    words = source.split()
    while len(words) > 1 and (words[0] in _ANAPHORIC or words[0] in {"a", "an"} or words[0] in _QUANTIFIER_WORDS):
        words = words[1:]
    if words[0] in _QUANTIFIER_WORDS:  # a lone "many" or "others"
        return f"who are the '{words[0]}'?"
    return f"which {' '.join(words)}?"


SPEC = register(
    FamilySpec(
        name=FAMILY, version=VERSION, analyze=analyze,
        features=feature_specs(tuple(DESCRIPTIONS), DESCRIPTIONS, ()),
        finding_kinds=FINDING_KINDS,
    )
)
