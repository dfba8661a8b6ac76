"""Office mentions: a title with a name ("Former U.S. President Donald J. Trump", "Chancellor Merz") or a
name with an appositive title ("Joe Biden, the former president,"), and the modifiers that change what the
title claims ("then-", "the late", "future", "acting", "a President ...").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from scorer.knowledge.tokens import POSSESSIVE
from scorer.knowledge.lexicons import load_lexicon
from scorer.signals.anachronism.context import ARTICLE_WORDS, Context

# Words before a title that change what it claims.
_FORMER = {"former", "ex", "erstwhile", "onetime"}
_PAST_MODS = {"then", "late"}  # counted only after "the" or joined by a hyphen (not the adverb "and then")
_FUTURE_MODS = {"future", "incoming", "designate", "elect", "potential", "possible", "prospective", "presumptive", "hypothetical", "next"}
_ABSTAIN_MODS = {"acting", "interim", "caretaker", "outgoing", "provisional", "deputy"}
#: "the current president", "the sitting chancellor": the title is claimed for the article's own days.
_PRESENT_MODS = {"current", "sitting", "incumbent", "reigning"}
_SHIP_PREFIXES = {"hms", "rms", "uss", "ss", "mv", "hmcs", "hmas", "hmnzs"}
#: Lower-case words allowed between a modifier and the title ("former two-term president").
_BRIDGE_WORDS = {"two", "three", "four", "term", "time", "long", "serving", "longtime", "conservative", "liberal", "socialist", "centrist", "populist", "far", "right", "left", "wing", "hardline"}
_NAME_PARTICLES = {"bin", "ibn", "bint", "al", "el", "de", "da", "del", "der", "van", "von", "di", "la", "le", "du", "dos", "das"}
_NAME_SUFFIXES = {"jr", "sr"}
_ROMAN = re.compile(r"^(?:[ivx]+)$")
_CALENDAR = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
#: Words that may follow an appositive title ("Biden, the former president, said").
_APPOSITIVE_END = {"who", "said", "says", "told", "and", "has", "is", "was", "will", "had"}
_ORDINAL_TOKEN = re.compile(r"^\d+(?:st|nd|rd|th)$")


@dataclass
class Mention:
    start: int  # character span of the finding
    end: int
    persons: tuple[str, ...]
    offices: frozenset[str]
    mods: frozenset[str]
    sentence: int
    title_text: str
    appositive: bool = False  # "NAME, the TITLE": the title comes after the name


def _match_name(ctx: Context, i: int) -> tuple[int, frozenset[str]] | None:
    """The longest known name starting at token ``i`` (middle initials skipped), if it is not part of a longer name."""
    tokens = ctx.tokens
    if i >= len(tokens) or not tokens[i].is_word or not (tokens[i].capitalised or tokens[i].key in _NAME_PARTICLES):
        return None
    node = ctx.kb.name_trie.root
    best = None
    j = i
    while j < len(tokens) and ctx.same_sentence(i, j):
        token = tokens[j]
        child = node.get(token.key)
        if child is not None:
            node = child
            j += 1
            if "" in node:
                best = (j, frozenset(node[""]))
            continue
        if j > i and len(token.key) == 1 and token.text.endswith(".") and token.key.isalpha():
            j += 1  # a middle initial: "Donald J. Trump"
            continue
        break
    if best is None:
        return None
    end, people = best
    for k in range(i, end):
        if tokens[k].key not in _NAME_PARTICLES and not tokens[k].capitalised and not (k > i and ctx.joined(k - 1)):
            return None  # "prime minister may" is a verb, not Theresa May; "Ki-moon" is one name
    while end < len(tokens) and tokens[end].key in _NAME_SUFFIXES and ctx.same_sentence(i, end):
        end += 1
    if end < len(tokens) and ctx.same_sentence(i, end):
        nxt = tokens[end]
        gap = ctx.article.text[tokens[end - 1].end:nxt.start]
        if nxt.is_word and gap.strip() == "" and "\n" not in gap:
            if _ROMAN.match(nxt.key) and nxt.text.isupper():
                return None  # "Pope Leo XIII" is not Leo XIV
            if nxt.key in _NAME_PARTICLES and not nxt.capitalised:
                return None  # "Mohammed bin Zayed" is not "Mohammed"
            paragraph = ctx.sentences[ctx.token_sentence[i]].paragraph if ctx.sentences else -1
            if nxt.capitalised and nxt.key not in _CALENDAR and not nxt.key.isdigit() and paragraph not in ctx.headings:
                return None  # "President Trump Jr", "Queen Elizabeth Hospital": a longer name we do not know
    return end, people


def _modifiers_before(ctx: Context, a: int) -> tuple[frozenset[str], int, bool]:
    """Modifiers in front of the title starting at token ``a``: (mods, first token index, preceded by "the")."""
    tokens = ctx.tokens
    mods: set[str] = set()
    first = a
    bridges = 0
    j = a - 1
    the = False
    while j >= 0 and a - j <= 6 and ctx.same_sentence(j, a):
        token = tokens[j]
        key = token.key
        if key in _FORMER:
            mods.add("former")
            first = j
        elif key in _PAST_MODS and (ctx.joined(j) or (j > 0 and tokens[j - 1].key == "the")):
            mods.add("past")
            first = j
        elif key in _FUTURE_MODS:
            mods.add("future")
            first = j
        elif key in _ABSTAIN_MODS:
            mods.add("abstain")
            first = j
        elif key in _PRESENT_MODS:
            mods.add("present")
            first = j
        elif key == "the":
            the = True
            break
        elif key in ("a", "an"):
            if not mods:
                mods.add("hypothetical")
            break
        elif key == "as":
            mods.add("role")
            break
        elif key in ("under", "during", "previous", "past") or _ORDINAL_TOKEN.match(key):
            # "under President X", "the 44th President": the title of the time of what is told.
            mods.add("past")
            if key in ("under", "during"):
                break
            first = j
        elif key in _SHIP_PREFIXES and token.text.isupper():
            mods.add("not_a_person")
            break
        elif key == POSSESSIVE or key in _BRIDGE_WORDS or (token.is_word and token.capitalised and key not in _CALENDAR):
            bridges += 1
            if bridges > 3:
                break
        else:
            break
        j -= 1
    return frozenset(mods), first, the


def _modifiers_after_comma(ctx: Context, k: int) -> tuple[frozenset[str], int] | None:
    """For "NAME, the former president": modifiers from token ``k`` up to a title; (mods, title index)."""
    tokens = ctx.tokens
    mods: set[str] = set()
    j = k
    if j < len(tokens) and tokens[j].key in ARTICLE_WORDS:
        j += 1
    while j < len(tokens) and j - k <= 5 and ctx.same_sentence(k, j):
        key = tokens[j].key
        if ctx.kb.title_trie.longest(tokens, j):
            return frozenset(mods), j
        if key in _FORMER:
            mods.add("former")
        elif key in _PAST_MODS or key in ("previous", "past") or _ORDINAL_TOKEN.match(key):
            mods.add("past")  # "Obama, the 44th president": a description, not a claim about today
        elif key in _FUTURE_MODS:
            mods.add("future")
        elif key in _ABSTAIN_MODS:
            mods.add("abstain")
        elif key in _PRESENT_MODS:
            mods.add("present")
        elif not (key == POSSESSIVE or key in _BRIDGE_WORDS or (tokens[j].is_word and tokens[j].capitalised)):
            return None
        j += 1
    return None


def _appositive_ok(ctx: Context, title_start: int, title_end: int) -> bool:
    """An appositive title ends its phrase: punctuation, the sentence end, or "who"/"said"..."""
    tokens = ctx.tokens
    if title_end >= len(tokens) or not ctx.same_sentence(title_start, title_end):
        return True
    if tokens[title_end - 1].text.endswith("."):
        return True
    nxt = tokens[title_end]
    return (not nxt.is_word and nxt.key != POSSESSIVE) or nxt.key in _APPOSITIVE_END


#: Sentence openers that are not in the stopword list.
_OPENERS = {"meanwhile", "today", "yesterday", "tonight", "earlier", "later", "separately", "elsewhere", "still", "instead", "already", "indeed", "finally", "now", "then"}


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(load_lexicon("stopwords"))


_MODIFIER_WORDS = _FORMER | _PAST_MODS | _FUTURE_MODS | _ABSTAIN_MODS | _PRESENT_MODS | ARTICLE_WORDS | {"under", "during", "previous", "past", "as"}


def _other_organisation(ctx: Context, a: int) -> bool:
    """A capitalised word or a possessive glued before the title names another body: "FIFA President", "the club's President".

    Country words are qualifiers in the title trie, so "Ukraine President" never gets here; a sentence's
    first word ("Meanwhile President...") and title-case headings are not taken as an organisation.
    """
    if a == 0 or not ctx.same_sentence(a - 1, a):
        return False
    prev = ctx.tokens[a - 1]
    if prev.key == POSSESSIVE:
        return True  # "the club's Vice President": a country's possessive ("Britain's") is part of the title
    if not prev.is_word or not prev.capitalised or prev.key in _MODIFIER_WORDS or prev.key in _CALENDAR or prev.key.isdigit():
        return False
    opens = a - 1 == 0 or not ctx.same_sentence(a - 2, a - 1) or (not ctx.tokens[a - 2].is_word and ctx.tokens[a - 2].key != POSSESSIVE)
    if opens and (prev.key in _stopwords() or prev.key in _OPENERS):
        return False  # "Meanwhile President ...", "But President ...": the first word of a sentence or clause
    paragraph = ctx.article.sentences[ctx.token_sentence[a]].paragraph if ctx.article.sentences else -1
    return paragraph not in ctx.headings


def _mention(ctx: Context, span: tuple[int, int], people, offices, mods, title: tuple[int, int], appositive: bool) -> Mention:
    """A mention over tokens ``span`` (first, end) whose title is tokens ``title`` (first, end)."""
    tokens = ctx.tokens
    return Mention(tokens[span[0]].start, tokens[span[1] - 1].end, tuple(sorted(people)), offices, mods,
                   ctx.token_sentence[span[0]], ctx.article.text[tokens[title[0]].start:tokens[title[1] - 1].end], appositive)


def find_mentions(ctx: Context) -> list[Mention]:
    tokens = ctx.tokens
    kb = ctx.kb
    mentions = []
    i = 0
    while i < len(tokens):
        title = kb.title_trie.longest(tokens, i) if tokens[i].is_word else None
        if title:
            a, (b, offices) = i, title
            if b < len(tokens) and tokens[b].key == POSSESSIVE:
                i = b  # "the president's son": the title is not attached to a name
                continue
            if _other_organisation(ctx, a):
                i = b
                continue
            mods, first, the = _modifiers_before(ctx, a)
            if b < len(tokens) and tokens[b].key == "elect" and ctx.joined(b - 1):
                # "President-elect Trump": a title someone holds from the election to taking office.
                mods, b = mods | {"elect"}, b + 1
            name = _match_name(ctx, b) if ctx.same_sentence(a, b) else None
            # "South Africa's president": the possessive may follow a qualifier of several words.
            country_possessive = any(tokens[k].key == POSSESSIVE for k in range(a + 1, b))
            after_comma = False
            if name is None and (the or country_possessive) and b < len(tokens) and tokens[b].key == "," and ctx.same_sentence(a, b + 1):
                # "the US president, Donald Trump, said", "Japan's prime minister, Fumio Kishida, said"
                name = _match_name(ctx, b + 1)
                if name and not _appositive_ok(ctx, b + 1, name[0]):
                    name = None
                # The name is itself an appositive: what the sentence says of it comes after its closing comma.
                after_comma = name is not None
            if name:
                end, people = name
                mentions.append(_mention(ctx, (first, end), people, offices, mods, (a, b), appositive=after_comma))
                i = end
                continue
            i = b
            continue
        name = _match_name(ctx, i)
        if name:
            end, people = name
            if end < len(tokens) and tokens[end].key == "," and ctx.same_sentence(i, end + 1):
                found = _modifiers_after_comma(ctx, end + 1)
                if found:
                    mods, t = found
                    title = kb.title_trie.longest(tokens, t)
                    if title and _appositive_ok(ctx, t, title[0]):
                        t_end, offices = title
                        mentions.append(_mention(ctx, (i, t_end), people, offices, mods, (t, t_end), appositive=True))
                        i = t_end
                        continue
            i = end
            continue
        i += 1
    return mentions

