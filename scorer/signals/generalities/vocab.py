"""Closed-class grammar the generalities rules read, and the lexicons compiled once per process."""
from __future__ import annotations

import functools
import re

from scorer.knowledge.lexicons import load_lexicon
from scorer.signals.generalities.phrases import _Lexicon, _norm, _trie_regex, trie_pattern
from scorer.signals.generalities.weights import load_weights

#: Lexicon file (without .txt) → cue kind.
LEXICONS: dict[str, str] = {
    "generalities_weasel_phrases": "vague_attribution",
    "generalities_hedges": "hedge",
    "generalities_sweeping": "sweeping",
}

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
_MONTH_BEFORE = re.compile(
    r"(?:\b(?:in|on|of|since|until|till|by|from|to|early|late|mid|last|next|this|through|during|between|and|or|before|after|each|every)\s+|[-–])$",
    re.IGNORECASE,
)
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;]\s*[\"'“‘(]?\s*|\n\s*[\"'“‘(]?\s*|^[\"'“‘(]\s*)$")


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
        # A reporting verb that a not-cue phrase makes part of a noun ("think" in "think tanks") is no verb:
        # the crowd's verb is looked for further on ("sources familiar with the think tanks' work indicated").
        verb_set = {_norm(v) for v in verbs}
        tails = sorted({" ".join(p.split()[1:]) for p in load_lexicon("generalities_not_cues")
                        if len(p.split()) > 1 and _norm(p.split()[0]) in verb_set})
        not_noun = rf"(?!\s+(?:{'|'.join(re.escape(t) for t in tails)})\b)" if tails else ""
        self.forward = re.compile(
            rf"{post}{aside}(?:\s+{_trie_regex(_BETWEEN)})*\s+(?P<verb>{_trie_regex(verbs)})(?![\w'’-]){not_noun}",
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
