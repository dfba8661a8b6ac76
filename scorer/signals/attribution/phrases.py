"""Growing a source phrase from a token: back from a verb, forward after one, over an appositive,
to the subject of a clause or sentence; and where sentences and clauses end."""
from __future__ import annotations

import re

from scorer.signals.attribution.vocab import _Token, _Vocab
from scorer.signals.attribution.words import (
    _APPOSITIVE_OPENERS, _CLOSE_QUOTES, _CONNECTORS, _DETERMINERS, _FUNCTION_WORDS, _MONTHS, _OPEN_QUOTES, _POSSESSIVE_S,
    _PRONOUNS, _SENTENCE_END, _SENTENCE_OPENERS, _SKIP_BEFORE_VERB, _SUBORDINATORS, _TIME_LEADS, _TIME_NOUNS,
    _WEEKDAYS, MAX_APPOSITIVE_TOKENS, MAX_SOURCE_TOKENS,
)


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
    # Personal pronouns (and relative "who"); "this" or "one" are determiners here. A pronoun with a
    # contracted auxiliary ("I'd have thought", "We're a mile away") is still the pronoun, not a name.
    low = _CONTRACTION.sub("", token.low)
    return low in {"i", "we", "you", "he", "she", "they", "it", "who"}


_CONTRACTION = re.compile(r"['’](?:d|re|ve|ll|m)$")


def _generic(token: _Token, vocab: _Vocab) -> bool:
    """A crowd or unspecified-speaker word ("experts", "an insider", "a source")."""
    return token.low in vocab.generic or token.low + "s" in vocab.generic


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
        if end is None:
            # '..." said an insider', '..." said one industry expert': an unnamed source (up to two
            # lower-case modifiers before a crowd word), classified vague.
            head = next((x for x in range(k, min(n, k + 3)) if _generic(tokens[x], vocab)), None)
            if head is not None and all(tokens[x].text.isalpha() and tokens[x].text.islower() for x in range(k, head)):
                end = head
                k = head + 1
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
            # An apposed name is closed by punctuation ("the operator, Arriva, said"); a word after it
            # means the name opens the next clause ("according to police, Soules was driving north").
            if stop + 1 >= n or tokens[stop + 1].text in {",", ".", ";", ")", "!", "?"}:
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
        if token.low in ("the", "a", "an") and end is not None and tokens[end].low not in _CONNECTORS and tokens[end].low not in _DETERMINERS:
            break  # a new noun phrase begins: "according to the Estado newspaper the rescue followed ..."
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
