"""Classifying a source phrase: ``name``, ``role``, ``document``, ``pronoun`` or ``vague``."""
from __future__ import annotations

from scorer.signals.attribution.phrases import _is_pronoun_word, _stop
from scorer.signals.attribution.vocab import _Token, _Vocab
from scorer.signals.attribution.words import (
    _CLAUSE_OPENERS, _CONNECTORS, _DEFINITE, _DETERMINERS, _DOCUMENT_FOLLOWERS, _HEAD_ENDERS, _OPEN_QUOTES,
    _POSSESSIVE, _PRONOUNS, _SENTENCE_OPENERS,
)


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


#: Quantifiers that open a crowd, not a name ("some Republican leaders", "several NFL owners").
_CROWD_QUANTIFIERS = frozenset("some many several few most various numerous certain other others".split())


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
    if words[0].low in _CROWD_QUANTIFIERS and not tokens[head_end].cap:
        return "vague"  # "some Republican leaders expressed": a crowd with a capitalised modifier, no one named
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


def _trim_credit(tokens: list[_Token], s: int, e: int) -> int:
    """Drop a caption credit or gallery label joined to the name after it ("USA TODAY Trump also said",
    "VIEW GALLERY Miley Cyrus says"): two or more words in capitals before a word in title case are a
    credit line, not part of the name; one acronym stays ("NATO Secretary General Jens Stoltenberg")."""
    k = s
    while k < e and len(tokens[k].text) > 1 and tokens[k].text.isalpha() and tokens[k].text.isupper():
        k += 1
    if k - s >= 2 and tokens[k].cap and not tokens[k].text.isupper():
        return k
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
