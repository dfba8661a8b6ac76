"""Shared words that are not the same statement: a question, a speaker's words, an abstract.

A restatement is the writer saying again what the text already said. Three kinds of pair share
the words and wording of one and are news style instead (the findings audit's judges, seeds 6-7):

- a question about an earlier statement ("So how do you wash your face with olive oil, you ask?"
  after "She washes her face with olive oil."), or the answer after its question: one asks, one states;
  two questions not word for word alike ask two things (a survey's "which is more important for a child
  to have: obedience or self-reliance?" then "...: curiosity or good manners?");
- a quotation after the writer's paraphrase of it (the lede sums up what a speaker said, the body
  then quotes the words), or a later sentence of one speaker's quotation: the speaker's words are on
  the record, not padding the writer could cut (the writer restating a quotation stays a restatement);
- a sentence that takes a few words from a long earlier sentence (a re-mention of its people and
  things, not its proposition: :data:`SOURCE_SHARE`);
- the body restating a labelled summary at the top ("ABSTRACT." ... "FULL TEXT."), as archives and
  summary boxes print it.

A verbatim copy in the same form (two statements, two questions) is still a restatement: a text that prints the same quotation
or question twice (a generator's loop) pads, and an editor wants to see it.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from scorer.core.document import Article
from scorer.signals.padding.speech import is_speech

#: Similarity of the two sentences' word sequences (difflib's ratio: twice the matched words over the
#: total) at which a pair counts as the same wording printed twice, whatever its form: a changed
#: attribution ("said a source" / "a source said") stays above it, a question made of a statement's
#: words ("She washes her face with olive oil." / "So how do you wash your face with olive oil, you ask?") does not.
VERBATIM_RATIO = 0.85
#: The shared words must also be this share of the earlier sentence's content words (the proposition both
#: ways), unless at least :data:`MANY_SHARED` are shared: "Today, it is owned by a nonprofit company started
#: by Mr. Clarke." takes four words from a 22-word sentence about a different deal.
SOURCE_SHARE = 0.3
MANY_SHARED = 7
#: A labelled summary is the paragraphs after its label, up to this many, before the next heading or label.
SUMMARY_PARAGRAPHS = 3

# A label line that opens a summary of the text below it ("ABSTRACT.", "Summary:", "## Key points").
_SUMMARY_LABEL = re.compile(
    r"^\W*(?:abstract|summary|synopsis|in brief|story highlights)\W*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
# A summary label opening the paragraph itself, as scraped news prints it ("Story highlights The tweet took ...").
_INLINE_SUMMARY = re.compile(r"^\W*(?:story highlights|abstract|summary)\b[:.]?\s", re.IGNORECASE)
_QUESTION = re.compile(r"\?[\"'”’)\]]*\s*$")


def another_act(article: Article, prepared, index: int, passage: list[int], shared: frozenset[str]) -> bool:
    """Whether sentence ``index`` shares the words of ``passage`` without restating it (see the module)."""
    source = max(passage, key=lambda i: (len(prepared.content[i] & shared), -i))
    if _in_summary(article, source) and not _in_summary(article, index):
        return True
    sentences = article.sentences
    asks, asked = bool(_QUESTION.search(sentences[index].text)), bool(_QUESTION.search(sentences[source].text))
    if asks != asked:
        return True  # a question and its answer, either way round, however many words they share
    if verbatim(sentences[index].text, sentences[source].text):
        return False
    if asks:
        return True  # two questions in one frame ask about different things ("...: obedience or self-reliance?")
    theirs = prepared.content[source]
    if len(shared & theirs) < SOURCE_SHARE * len(theirs) and len(shared) < MANY_SHARED:
        return True  # a few words picked from a long sentence: a re-mention, not its proposition again
    # The speaker's words after the writer's paraphrase of them, or more of the same speaker's words. The
    # writer restating a quotation just given is left a restatement: that is the writer padding.
    return is_speech(article, sentences[index])


def verbatim(one: str, other: str) -> bool:
    """The same words in the same order, but for a few (:data:`VERBATIM_RATIO` of the word sequences)."""
    a, b = _WORD.findall(one.lower()), _WORD.findall(other.lower())
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= VERBATIM_RATIO


def _in_summary(article: Article, index: int) -> bool:
    """Whether sentence ``index`` is in a labelled summary: up to :data:`SUMMARY_PARAGRAPHS` after a label line, or a
    paragraph opening with the label ("Story highlights The tweet took center stage ...")."""
    paragraphs = article.paragraphs
    at = article.sentences[index].paragraph
    if _INLINE_SUMMARY.match(paragraphs[at].text):
        return True
    for back in range(1, SUMMARY_PARAGRAPHS + 1):
        previous = at - back
        if previous < 0:
            return False
        if _SUMMARY_LABEL.match(paragraphs[previous].text.lstrip("#").strip()):
            return True
        if paragraphs[previous].is_heading:
            return False
    return False
