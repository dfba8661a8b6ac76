"""Finding cues in text and weighing a sentence's cues."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable

from scorer.core.clauses import statement_follows
from scorer.core.quotes import closed_quote_spans, inside
from scorer.knowledge.lexicons import lexicon_pattern, load_lexicon
from scorer.core.tokens import DOTTED_WORD, LEXICON_WORD, SMALL_TOKEN
from scorer.signals.generalities.grants import circumstance_or_proposal, grants_or_denies
from scorer.signals.generalities.nonhedges import softens_nothing
from scorer.signals.generalities.unsourced import no_claim_put
from scorer.signals.generalities.phrases import _Lexicon
from scorer.signals.generalities.vocab import (
    _ANAPHORIC, _APPROXIMATORS, _FUNCTION_WORD_SET, _MONTH_BEFORE, _NAMED_AFTER, _NAMED_TAIL, _NAMING,
    _NUMBER_AFTER, _SENTENCE_OPEN, _Vocab, _vocab,
)

#: When two cues overlap and are equally long, the first kind here wins.
_KIND_PRIORITY = {"vague_attribution": 0, "hedge": 1, "sweeping": 2}
#: Weight key of the vague-source construction (one key: the crowd named varies, the pattern does not).
CONSTRUCTION_KEY = "vague_attribution: [vague source] + [reporting verb]"
#: A quotation needs this many words to be on the record; shorter ones are scare quotes or titles.
MIN_QUOTE_WORDS = 3


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


def find_cues(text: str) -> list[Cue]:
    """Every cue in ``text``, in text order, overlaps resolved (longest wins), quotations skipped."""
    vocab = _vocab()
    # Quotes printed with doubled apostrophes or backticks (''...'', ``...'') count as quotes: same length, same offsets.
    quoted = closed_quote_spans(text.replace("''", '" ').replace("``", '" '), MIN_QUOTE_WORDS)
    candidates: list[Cue] = []
    taken = bytearray(len(text))  # 1 where a kept cue, or a phrase that is not a cue, already sits
    not_cue = bytearray(len(text))
    for match in vocab.not_cues.finditer(text):
        taken[match.start():match.end()] = b"\x01" * (match.end() - match.start())
        not_cue[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    for lexicon, match in _matches(text, vocab):
        if lexicon is None:
            span = _vague_crowd(text, match, vocab)
            if span is not None and not no_claim_put(text, span[0], span[1], CONSTRUCTION_KEY):
                cue = _cue(vocab, span[0], span[1], text, "vague_attribution", CONSTRUCTION_KEY)
                candidates.append(replace(cue, source=" ".join(match.group().lower().split())))
            continue
        if _in_compound(text, match.start(), match.end()):
            continue  # "the best" inside "the best-known", "major" inside "major-league"
        entry = lexicon.entry(match.group())
        if entry == "may" and _is_month(text, match.start()):
            continue
        if entry == "alleged" and _ALLEGED_VERB.search(text, max(0, match.start() - 12), match.end() + 8) and not (
                _PASSIVE_BEFORE.search(text, max(0, match.start() - 25), match.start())):
            continue  # "has alleged that ...", '..." alleged Const. Dave Woodford': a reporting verb, not a hedge
        if lexicon.kind == "hedge" and entry in _BELIEF_VERBS and _reported_belief(text, match.start()):
            continue  # "his family assumed that ...", "Dempsey quickly suspected ...": someone's belief reported, not the writer's hedge
        if lexicon.kind == "hedge" and entry.startswith("suggest") and (
                _GERUND_AFTER.match(text, match.end()) or _NEGATED_BEFORE.search(text, max(0, match.start() - 12), match.start())):
            continue  # "the convention suggests monitoring use" (recommends), "that's not to suggest ..."
        if lexicon.kind == "hedge" and entry.split()[0] in _GENERIC_MODALS and _GENERIC_YOU.search(text, max(0, match.start() - 8), match.start()):
            continue  # "as you might find", "what one might find": a generic reader, no claim softened
        if entry == "allegedly" and _legal_context(text, match.start()):
            continue  # "charged with allegedly violating", "police said he had allegedly left": the legal caution
        if lexicon.kind == "hedge" and _REPLY_CONCESSION.match(text, match.end()):
            continue  # "Perhaps, but that's cold comfort": a point granted, then answered
        if _avoided(text, match.start()):
            continue  # "avoid relying on unverified sources": advice about sourcing, not a softened claim
        if lexicon.kind == "hedge" and (entry.split()[0] in _CONCESSIVE_MODALS or _MODAL_BEFORE.search(text, max(0, match.start() - 8), match.start())) and _concessive(text, match.start()):
            continue  # "While these claims may capture the imagination, ...": granted, not doubted
        if lexicon.kind == "hedge" and (grants_or_denies(text, match.start(), match.end(), entry)
                                        or circumstance_or_proposal(text, match.start(), match.end(), entry)
                                        or softens_nothing(text, match.start(), match.end(), entry)):
            continue  # "Critics may scoff ... . However, ...", "amid mounting speculation", "As odd as it may seem" (nonhedges.py)
        if entry in _COUNTERFACTUAL_MODALS and _COUNTERFACTUAL_AFTER.match(text, match.end()):
            continue  # "Others could have saved but didn't", "They could have ... . Instead, ...": what did not happen
        if entry in _APPROXIMATORS and _NUMBER_AFTER.match(text, match.end()):
            continue  # "some 200 people": an approximate figure, not an unnamed crowd
        if lexicon.kind == "vague_attribution" and (_NAMED_AFTER.match(text, match.end()) or _AGENT_AFTER.match(text, match.end()) or (
                entry.startswith("according to") and _SOURCE_AFTER.match(text, match.end()))):
            continue  # "according to some scholars, such as Jane Roe": the names follow
        if lexicon.kind == "vague_attribution" and no_claim_put(text, match.start(), match.end(), f"{lexicon.kind}: {entry}"):
            continue  # "It is not known", "if it emerged", "is considered in the aftermath", "reportedly ... According to"
        candidates.append(_cue(vocab, match.start(), match.end(), text, lexicon.kind, f"{lexicon.kind}: {entry}"))
    # Longest first, so "the most notable" beats "the most" and "is considered" beats "considered".
    candidates.sort(key=lambda c: (-(c.end - c.start), _KIND_PRIORITY[c.kind], c.start))
    kept: list[Cue] = []
    kept_mask = bytearray(len(text))
    for cue in candidates:
        if inside(quoted, cue.start):
            continue
        if cue.key == CONSTRUCTION_KEY:
            # A crowd phrase may hold a not-cue ("analysts at think tanks say"): only its verb, the
            # last word, must not sit in one, and it must not overlap a cue already kept.
            verb_start = cue.start + cue.text.rstrip().rfind(" ") + 1
            if not_cue.find(1, verb_start, cue.end) != -1 or kept_mask.find(1, cue.start, cue.end) != -1:
                continue
        elif taken.find(1, cue.start, cue.end) != -1:
            continue
        kept.append(cue)
        kept_mask[cue.start:cue.end] = b"\x01" * (cue.end - cue.start)
        taken[cue.start:cue.end] = b"\x01" * (cue.end - cue.start)
    kept.sort(key=lambda c: c.start)
    return kept


def _matches(text: str, vocab: _Vocab) -> Iterable[tuple[_Lexicon | None, re.Match[str]]]:
    """Every lexicon match in ``text`` (overlaps included); ``None`` stands for the crowd lexicon.

    Each lexicon's one alternation is tried only where a word that can open one of its phrases
    starts (a dictionary lookup per word), instead of at every character: the same matches, several
    times faster than ``finditer`` on a long text.
    """
    for word in LEXICON_WORD.finditer(text):
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


# A cue right after a concessive modal ("may seem", "might sound") is granted with it.
_MODAL_BEFORE = re.compile(r"\b(?:may|might)\s+$", re.IGNORECASE)
# "alleged" as the verb of a statement: with "that", after an auxiliary, or before a named speaker.
_ALLEGED_VERB = re.compile(
    r"(?:\b(?:has|have|had|who|which)\s+(?:\w+ly\s+)?alleged\b|\balleged\s+(?:that\b|(?-i:[A-Z]))|[,\"”]\s*alleged\b)",
    re.IGNORECASE,
)
# "It is (often) alleged that ..." stays: an agentless passive, the weasel form itself.
_PASSIVE_BEFORE = re.compile(r"\b(?:is|was|are|were|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: Modals that a concessive clause uses to grant a point ("while Ryan may denounce these acts, ...").
_CONCESSIVE_MODALS = frozenset({"may", "might"})
# "while", "although", "though", "even if" opening the clause the cue stands in (no comma or sentence end between).
# Only a clause that opens its sentence (or a "that" clause) and is followed by a comma and the main
# clause grants a point: "..., though the nominations might force their hands" still doubts.
_CONCESSIVE_OPEN = re.compile(
    r"(?:^|[.!?:]\s+|\n\s*|[\"“]\s*|\bthat\s+|,\s*)(?:while|although|though|even\s+if|whilst|no\s+matter\s+(?:how|what|whether))\b[^.;:!?\n]{0,120}$",
    re.IGNORECASE
)
_CLAUSE_THEN_COMMA = re.compile(r"[^.;:!?\n]{0,120}?,")
# "Classic rock may seem a cliché, but ...", "Whoever wins may well get the painting, but ...": granted, then countered.
_THEN_BUT = re.compile(r"[^.;:!?\n]{0,120}?,\s*but\b(?!\s+also\b)", re.IGNORECASE)
# A verb of avoiding or warning against, a few words before the cue: the cue names what not to do
# ("avoid relying on unverified sources", "beware of so-called experts"), it softens no claim.
_AVOIDED = re.compile(
    r"\b(?:avoid|avoids|avoided|avoiding|beware\s+of|refrain\w*\s+from|warn\w*\s+against|guard\w*\s+against|"
    r"(?:not|never)\s+(?:rely|relying|trust|trusting|believe|spread|spreading|share|sharing)(?:\s+on)?)"
    r"(?:\s+[\w'’-]+){0,3}\s+$",
    re.IGNORECASE,
)


#: Modal perfects that, with a denial after them, state what did not happen rather than doubt what did.
_COUNTERFACTUAL_MODALS = frozenset({"could have", "might have"})
_COUNTERFACTUAL_AFTER = re.compile(
    r"[^.;!?\n]{0,100}?(?:\bbut\s+(?:didn['’]t|did\s+not|never|failed|chose\s+not|instead)\b|[.!?]\s+Instead\b)",
)


#: Past forms of belief verbs that are hedges only in the passive or as adjectives ("is suspected", "the
#: supposed expert"); active with a subject ("his family assumed that") they report someone's belief.
_BELIEF_VERBS = frozenset({"assumed", "suspected", "supposed", "presumed"})
_SUBJECTLESS_BEFORE = frozenset(
    "the a an this that these those his her its their our my your some any no is are was were be been being "
    "it i we you of in on at for by with as to from".split()
)
_GERUND_AFTER = re.compile(r"\s+[a-z]+ing\b")
_NEGATED_BEFORE = re.compile(r"\bnot\s+(?:to\s+)?$", re.IGNORECASE)
_GENERIC_MODALS = frozenset({"may", "might", "could"})
_GENERIC_YOU = re.compile(r"\b(?:you|one)\s+$", re.IGNORECASE)


_REPLY_CONCESSION = re.compile(r"\s*,\s*but\b", re.IGNORECASE)
#: How far around "allegedly" (inside its paragraph) a word of a legal matter makes it the legal caution.
LEGAL_WINDOW = 300


def _legal_context(text: str, start: int) -> bool:
    """Whether the paragraph around ``start`` speaks of a legal or police matter (generalities_legal_context.txt)."""
    lo = text.rfind("\n", max(0, start - LEGAL_WINDOW), start) + 1 or max(0, start - LEGAL_WINDOW)
    hi = text.find("\n", start, start + LEGAL_WINDOW)
    return bool(lexicon_pattern("generalities_legal_context").search(text, lo, hi if hi != -1 else min(len(text), start + LEGAL_WINDOW)))


def _reported_belief(text: str, start: int) -> bool:
    """An active belief verb with a subject before it (a name or a noun, an adverb allowed between)."""
    words = re.findall(r"[\w'’-]+", text[max(0, start - 40):start])
    if len(words) >= 2 and words[-1].lower().endswith("ly") and words[-2].lower() not in _SUBJECTLESS_BEFORE:
        words = words[:-1]  # "Dempsey quickly suspected" (but "his family assumed": "family" is the subject)
    return bool(words) and words[-1].lower() not in _SUBJECTLESS_BEFORE and not _PASSIVE_BEFORE.search(text[max(0, start - 25):start])


def _concessive(text: str, start: int) -> bool:
    """Whether the cue at ``start`` stands in a concessive clause ("while X may ...", "although X might ...")."""
    if _THEN_BUT.match(text, start):
        return True
    return bool(_CONCESSIVE_OPEN.search(text[max(0, start - 130):start])) and bool(_CLAUSE_THEN_COMMA.match(text, start))


def _avoided(text: str, start: int) -> bool:
    """Whether the cue at ``start`` is the object of a verb of avoiding ("avoid relying on unverified sources")."""
    return bool(_AVOIDED.search(text[max(0, start - 60):start]))


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


# "according to" or a comma or quote and one word, then at most three words (quantifier, modifier).
_LEAD_HINT = re.compile(r"(?:according\s+to|[,\"”]\s*[\w'’-]+)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)


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
    tokens = [(m.group(), m.start()) for m in SMALL_TOKEN.finditer(text, window_start, head.start())]
    start = head.start()
    i = len(tokens)
    q = _quantifier_before(tokens, i, vocab)  # a quantifier right before the crowd ("some experts")
    quant = q is not None
    bare = head.group().lower() in _BARE_PLURALS - {"people"}
    if not quant and not bare and i and _is_modifier(tokens[i - 1][0]) and tokens[i - 1][0].lower() not in vocab.verbs:
        i -= 1
        start = tokens[i][1]
        q = _quantifier_before(tokens, i, vocab)  # "some health experts"
        quant = q is not None
    if q is not None:
        i = q
        start = tokens[i][1]
    previous, previous_at = tokens[i - 1] if i else ("", start)
    if previous[:1].isdigit() and (head.group().lower() == "people" or (
            i >= 2 and tokens[i - 2][0].lower() in _COUNT_PREPOSITIONS)):
        return None  # "one study in 19 people found", "a review of 14 studies found", "10 people pleaded": a count
    if forward is not None and head.group().lower() in _BARE_PLURALS - {"people"} and previous[:1].islower() and (
        previous.lower() not in _CLAUSE_OPENERS
    ):
        return None  # "seeing some hope", "broke many promises": a bare quantifier after a verb is a determiner
    if forward is not None:
        if previous.lower() in _ANAPHORIC or previous.lower().endswith(("'s", "’s")):
            return None  # "the researchers said", "the company's critics said": introduced earlier
        if not quant and previous[:1].isupper() and not _opens_sentence(text, previous_at):
            return None  # "Met Office experts said", "U.S. officials said"
        lead_start = None
    elif i >= 2 and previous.lower() == "to" and tokens[i - 2][0].lower() == "according":
        lead_start = tokens[i - 2][1]  # "according to experts"
        forward = vocab.post_only.match(text, head.end())
        if _SOURCE_AFTER.match(text, head.end()):
            return None  # "according to reports received by UNICEF", "according to reports from The Wrap"
    elif i >= 2 and previous.lower() in vocab.verbs and tokens[i - 2][0] in {",", '"', "”"}:
        lead_start = previous_at  # '"...," say critics'
        forward = vocab.post_only.match(text, head.end())
        if not forward.group("post") and not _LEAD_END.match(text, head.end()):
            return None  # ", offering few specifics": the crowd word is a determiner, a noun follows
    else:
        return None
    post = forward.group("post") or ""
    if any(w[0].isupper() for w in DOTTED_WORD.findall(post)):
        return None  # "experts at the Met Office said"
    post_words = [w.lower() for w in DOTTED_WORD.findall(post)]
    if lead_start is None and post_words and post_words[-1] in _DETERMINER_ENDS:
        return None  # "fans of the show can ...": after "the" the "verb" is a noun
    if post_words[:2] in (["of", "whom"], ["of", "them"], ["of", "those"], ["of", "which"]):
        return None  # "his family, most of whom thought ...": people already named
    if any(w in _SUBJECT_PRONOUNS or (w.endswith("ing") and len(w) > 5) for w in post_words):
        return None  # "most of the information you see", "users in providing their email addresses": another clause
    verb = (forward.groupdict().get("verb") or "").lower()
    if verb and _plural_crowd(head.group()) and verb.endswith("s") and not verb.endswith(("ss", "us")):
        return None  # "many promises", "critics' forecasts": a plural crowd takes no "-s" verb, so the word is a noun
    if verb and re.search(r"\b(?:may|might)\b", text[head.end():forward.start("verb")], re.IGNORECASE) and _concessive(text, start):
        return None  # "while some may understand her wish, ...": a point granted, no claim attributed
    if lead_start is None and previous.lower() in _HYPOTHETICAL:
        return None  # "if users know that ...", "people whom viewers would consider experts": no claim is attributed
    if lead_start is None and verb and (verb in _stance_verbs() or _MODAL.search(text, head.end(), forward.start("verb"))) and (
            not statement_follows(text, forward.end("verb"))):
        return None  # "Scientists understood quite a bit", "some may recall other investments": a state, no statement
    aside = forward.groupdict().get("aside") or ""
    aside_words = DOTTED_WORD.findall(aside)
    if aside and re.match(rf"\s*,\s*{_NAMING}\b", aside, re.IGNORECASE) and any(w[0].isupper() for w in aside_words):
        return None  # "critics, including Senator Jane Roe, argued"
    if aside_words and aside_words[0][0].isupper() and len(aside_words) <= 4:
        return None  # "critics, Jane Roe and John Doe, argued": the aside is the names
    if any(w[0].isupper() for w in aside_words[1:]):
        return None  # "the two witnesses, former astronaut Tom Stafford and ..., said": named in apposition
    if aside and verb.endswith("ing"):
        return None  # "as devoted admirers, must rally behind them, offering ...": a participle, not their verb
    if _NAMED_TAIL.match(text, head.end()):
        return None  # "according to experts such as Jane Roe", "experts like Jane Roe say"
    if lead_start is None:
        return start, forward.end()
    return lead_start, head.end()


_SUBJECT_PRONOUNS = frozenset("i you he she we they it".split())
#: Words that make the clause after them a condition or a relative clause, where no claim is attributed.
_HYPOTHETICAL = frozenset("if unless whether whom".split())
_MODAL = re.compile(r"\b(?:may|might|would|could|should|can)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _stance_verbs() -> frozenset[str]:
    """Verbs of belief, wish or plan (attribution_stance_verbs.txt; not the action verbs): an attribution only with a statement after."""
    return frozenset(v for v in load_lexicon("attribution_stance_verbs") if " " not in v)
# A passive or a hearsay phrase whose agent is named right after it ("has been accused by Yemeni authorities",
# "according to reports received by UNICEF"): somebody is named.
_AGENT_AFTER = re.compile(r"(?:\s+[a-z][\w-]*){0,2}\s+by\s+(?:the\s+)?(?-i:[A-Z])")
# After "according to reports": reports from a named outlet ("according to reports from The Wrap").
_SOURCE_AFTER = re.compile(r"(?:\s+[a-z][\w-]*){0,2}\s+(?:by|from)\s+(?:the\s+)?(?-i:[A-Z])")
_DETERMINER_ENDS = frozenset("the a an this that these those his her its their our my your".split())
_COUNT_PREPOSITIONS = frozenset("in of among from with".split())
# After a verb-first crowd ('"...," say critics'), the clause ends or a new one starts.
_LEAD_END = re.compile(r"\s*(?:[.,;:!?)\]\"”’—–-]|$|\s(?:who|which|that|and|but|in|on|at|for|with|after|before|when|while)\b)")
# Words after which a bare "some" or "many" can open a clause as its subject ("while some say", "and many believe").
_CLAUSE_OPENERS = frozenset(
    "and but or nor while although though as because since when where whereas yet so that which however meanwhile still "
    "now even also indeed if unless until after before whether with".split()
)
_BARE_PLURALS = frozenset("some many most several few others numerous various people".split())


def _plural_crowd(head: str) -> bool:
    """Whether the crowd word is plural ("experts", "people", a bare "many"): its verb then has no "-s"."""
    low = head.lower().split()[-1]
    return low in _BARE_PLURALS or (low.endswith("s") and not low.endswith("ss"))


def _quantifier_before(tokens: list[tuple[str, int]], i: int, vocab: _Vocab) -> int | None:
    """Where a quantifier of up to three words ending right before ``tokens[i]`` starts (longest first), or None."""
    for size in (3, 2, 1):
        if i >= size and tuple(t.lower() for t, _ in tokens[i - size:i]) in vocab.quantifiers:
            return i - size
    return None


def _opens_sentence(text: str, position: int) -> bool:
    """True when ``position`` is the first word of a sentence (so its capital says nothing)."""
    return bool(_SENTENCE_OPEN.search(text[max(0, position - 12):position])) or position == 0


def _is_modifier(token: str) -> bool:
    """A lower-case content word that can qualify a crowd ("health experts", "local residents")."""
    return token[:1].islower() and token.isalpha() and token not in _FUNCTION_WORD_SET
