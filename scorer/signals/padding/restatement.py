"""Redundancy: sentences whose content words and wording are already in a short earlier passage.

An inverted index over earlier sentences, seeded only by each sentence's rarest words, so one
sentence costs time proportional to the few earlier sentences sharing a rare word with it.
"""
from __future__ import annotations

import math
import re

from scorer.core.document import Article, Finding
from scorer.core.text import LIST_MARK
from scorer.signals.padding.acts import another_act, verbatim
from scorer.signals.padding.structure import is_caption, list_item_outside_summary, same_field
from scorer.signals.padding.words import NUMBER_WORDS, ORDINAL_WORDS, TOKEN, Prepared, _stopwords

#: A sentence with fewer content words than this is too short to call a restatement:
#: "The council agreed." repeats words but also moves the story on, and on real news
#: four-word sentences re-mentioning names were mostly false alarms.
MIN_CONTENT_WORDS = 5
#: Content words that must be shared with the earlier passage, whatever the share.
MIN_SHARED_WORDS = 3
#: Weighted share of a sentence's content words found in one earlier passage above
#: which the sentence adds nothing new. Rare words weigh more than the story's topic
#: words, so "water", "council" repeated in every paragraph do not make one.
RESTATEMENT_THRESHOLD = 0.6
#: An earlier passage is up to this many consecutive sentences of one paragraph: a
#: summary folds two or three sentences into one, but the union of a whole long
#: paragraph (or of a text with no paragraph breaks) holds most topic words and would
#: make any sentence on the topic look "already said".
PASSAGE_SENTENCES = 3
#: Besides the words, a restatement reuses wording: this share of the sentence's
#: adjacent content-word pairs (and at least MIN_SHARED_SHINGLES of them) must
#: appear in the passage. News re-mentions the same names with new facts
#: ("Chopra wore Balmain" after a paragraph on Chopra); that shares words, not pairs.
SHINGLE_SHARE = 0.25
MIN_SHARED_SHINGLES = 2
#: Earlier sentences holding one of a sentence's rarest words that are tried as the start of
#: the passage it restates: the first ones, where the fact was first stated. A news article
#: never comes near it; a page repeating one sentence thousands of times would otherwise
#: compare every sentence with every earlier one.
MAX_SEEDS_PER_WORD = 50
#: How much of an earlier sentence a message quotes.
QUOTE_CHARS = 60


# A restatement is a sentence: a line with no closing punctuation is a label, a link or a line broken by the
# page ("W O, Turramurra on Public schools in dire state, teachers say" repeated under each reader comment).
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def find_restatements(article: Article, prepared: Prepared, findings: list[Finding]) -> set[int]:
    """Sentences whose content is already in a short earlier passage (see :data:`PASSAGE_SENTENCES`)."""
    paragraphs = article.paragraphs
    body = [i for i, s in enumerate(article.sentences) if not paragraphs[s.paragraph].is_heading]
    # Sentence frequency gives the weights: a word in every sentence is the topic and
    # sharing it says little; a shared rare word says a lot.
    df: dict[str, int] = {}
    for index in body:
        for stem in prepared.content[index]:
            df[stem] = df.get(stem, 0) + 1
    weights = {stem: 1.0 + math.log((len(body) + 1) / (count + 1)) for stem, count in df.items()}

    postings: dict[str, list[int]] = {}  # stem -> earlier body sentences holding it
    redundant: set[int] = set()
    for index in body:
        stems = prepared.content[index]
        if len(stems) >= MIN_CONTENT_WORDS and _ENDS_SENTENCE.search(article.sentences[index].text):
            match = _best_earlier_passage(article, prepared, index, postings, weights)
            # Structure is checked only for a match: a caption's credit search costs several times the passage search.
            if match is not None and _prose(article, index):
                redundant.add(index)
                findings.append(_redundancy_finding(article, prepared, index, *match))
        for stem in stems:
            postings.setdefault(stem, []).append(index)
    return redundant


def _prose(article: Article, index: int) -> bool:
    """Whether sentence ``index`` is prose that could restate a claim: not a list item outside a summary box,
    not a caption (see :mod:`scorer.signals.padding.structure`)."""
    return not (list_item_outside_summary(article, index) or is_caption(article, index))


def _best_earlier_passage(article, prepared, index, postings, weights) -> tuple[list[int], frozenset[str]] | None:
    """The earlier passage holding the largest weighted share (at least the threshold) of sentence ``index``.

    Prefix filtering keeps this near linear: a passage that holds none of the
    rarest stems making up more than ``1 - threshold`` of the weight cannot reach
    the threshold, so only sentences holding one of those rare stems seed
    candidate passages, and the topic words found everywhere are never scanned.
    """
    stems = prepared.content[index]
    weighted = sorted(((weights[s], s) for s in stems), reverse=True)
    total = sum(w for w, _ in weighted)
    seeds: set[int] = set()
    prefix = 0.0
    for w, stem in weighted:
        seeds.update(postings.get(stem, ())[:MAX_SEEDS_PER_WORD])
        prefix += w
        if prefix > (1.0 - RESTATEMENT_THRESHOLD) * total:
            break
    sentences = article.sentences
    best: tuple[float, list[int], frozenset[str]] | None = None
    for seed in sorted(seeds):  # earliest first: ties go to where the fact was first stated
        paragraph = sentences[seed].paragraph
        for first in range(seed - PASSAGE_SENTENCES + 1, seed + 1):
            if first < 0 or sentences[first].paragraph != paragraph:
                continue
            passage = [
                i for i in range(first, min(first + PASSAGE_SENTENCES, index))
                if sentences[i].paragraph == paragraph
            ]
            shared = stems & frozenset().union(*(prepared.content[i] for i in passage))
            if len(shared) < MIN_SHARED_WORDS:
                continue
            # fsum: a set's order changes with the hash seed, and a plain float sum with it, which made
            # ties between equal passages (and so the quoted passage) differ from run to run.
            score = math.fsum(weights[s] for s in shared) / total
            if score < RESTATEMENT_THRESHOLD or (best is not None and score <= best[0]):
                continue
            own = prepared.shingles[index]
            pairs = own & frozenset().union(*(prepared.shingles[i] for i in passage))
            if len(pairs) >= MIN_SHARED_SHINGLES and len(pairs) >= SHINGLE_SHARE * len(own) and not (
                _new_facts(article, index, passage) or _list_beside_list(article, index, passage)
                or same_field(article, index, passage)
                or another_act(article, prepared, index, passage, frozenset(shared))
            ):
                best = (score, passage, frozenset(shared))
    return None if best is None else (best[1], best[2])


def _new_facts(article: Article, index: int, passage: list[int]) -> bool:
    """Whether sentence ``index`` states a number (in digits or words, an ordinal) or a name that the passage does not hold.

    Parallel sentences share their frame and carry different facts: "82 percent of murders
    involving white victims" then "90 percent of those involving black victims", one product's
    "1 hour of playback" then another's "3 hours", "Imam Malik founded the Maliki school" then
    "Imam Hanbal founded the Hanbali school". A restatement brings nothing new: no number and no
    capitalised word (past the sentence's first, not a stopword such as a quoted "He") that the
    passage lacks.
    """
    earlier = " ".join(article.sentences[i].text for i in passage)
    known = {token.lower().rstrip(".,") for token in TOKEN.findall(earlier)}
    tokens = TOKEN.findall(article.sentences[index].text)
    stop = _stopwords()
    for position, token in enumerate(tokens):
        if token[0].isdigit() and token.rstrip(".,") not in known:
            return True
        low = token.lower()
        if (low in NUMBER_WORDS or low in ORDINAL_WORDS) and low not in known:
            return True
        if position > 0 and token[0].isupper() and len(token) > 1 and low not in known and low.replace("’", "'") not in stop:
            return True
    return False


def _list_beside_list(article: Article, index: int, passage: list[int]) -> bool:
    """A list item whose passage is list items too: two product or feature lists that share an entry.

    The restatement the family looks for is a "Key Points" bullet repeating the body, not a list
    repeating a line of another list.
    """
    def in_list(i: int) -> bool:
        return bool(LIST_MARK.match(article.paragraphs[article.sentences[i].paragraph].text))

    return in_list(index) and all(in_list(i) for i in passage)


def _redundancy_finding(article: Article, prepared: Prepared, index: int, passage: list[int], shared) -> Finding:
    sentence = article.sentences[index]
    # Quote the sentence of the passage that holds most of the shared words, so the editor can find it.
    source = max(passage, key=lambda i: (len(prepared.content[i] & shared), -i))
    earlier = article.sentences[source].paragraph
    where = (
        "an earlier sentence of this paragraph"
        if earlier == sentence.paragraph
        else f"paragraph {prepared.body_number[earlier]}"
    )
    # A copy word for word (a generator's loop, a pull quote, a text pasted twice) is named as such: the editor
    # deletes it rather than rewording it.
    if verbatim(sentence.text, article.sentences[source].text):
        message = f"Repeats {where} word for word: {_quote(article.sentences[source].text)}"
        return Finding("redundancy", sentence.start, sentence.end, sentence.text, message, rule="repeats an earlier sentence word for word")
    message = f"Restates {where}: {_quote(article.sentences[source].text)}"
    return Finding("redundancy", sentence.start, sentence.end, sentence.text, message, rule="restates an earlier sentence")


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
    return f'"{text}"'

