"""Whose voice a sentence is in: the writer's, or a speaker's quoted words.

Filler and restatement are the writer's padding. A speaker's stock phrase is on the record, and a
quotation that repeats the writer's paraphrase of it (the lede sums up what the interview says, the
body then quotes it) is news style, not a restatement the writer could cut.
"""
from __future__ import annotations

from scorer.core.document import Article, Sentence

#: A sentence is speech when at least this share of its letters is inside quotation marks
#: ('"We will build it," he said.' is; 'He called it a "disaster".' is not).
SPEECH_SHARE = 0.5
#: A quotation opened by an earlier sentence covers the sentence only if its opening mark is at most this
#: many characters before it: a speaker's quotation runs a few sentences, and a paragraph opens it again.
QUOTATION_REACH = 800


def straight_quotes(text: str) -> str:
    """Doubled apostrophes and backticks (''...'', ``...'', as some archives print quotes) as straight quotes."""
    return text.replace("``", '"').replace("''", '"')


def inside_quotation(article: Article, sentence: Sentence) -> bool:
    """Part of a quotation that spans several sentences: someone on the record said it.

    True when the paragraph has an unclosed quotation mark before the sentence,
    or the sentence opens a quotation it does not close, or closes one it did not
    open. One-word scare quotes inside a sentence do not count.
    """
    paragraph = article.paragraphs[sentence.paragraph]
    before = straight_quotes(article.text[paragraph.start:sentence.start])
    if before.count("“") > before.count("”") or before.count('"') % 2 == 1:
        return True
    text = straight_quotes(sentence.text.strip())
    if not text:
        return False
    opening, closing, straight = text.count("“"), text.count("”"), text.count('"')
    starts_quote = text[0] in "\"“" and (opening > closing or straight == 1)
    ends_quote = text.rstrip(".!?)")[-1:] in ("\"", "”") and (closing > opening or straight == 1)
    return starts_quote or ends_quote


def is_speech(article: Article, sentence: Sentence) -> bool:
    """A speaker's words: inside a multi-sentence quotation, or mostly quoted (:data:`SPEECH_SHARE`).

    A quotation opened in the sentence and closed in a later one ('The report went on: "At 600ft
    ...') counts from its opening mark; one closed here and opened earlier counts up to its closing mark.
    """
    text = straight_quotes(sentence.text)
    if quoted_share(text) >= SPEECH_SHARE:
        return True
    # Inside a quotation opened by an earlier sentence: only when the opening mark is near. A stray mark
    # (a rewrite opening with an unclosed '"Headline!') would otherwise make the whole text speech.
    paragraph = article.paragraphs[sentence.paragraph]
    before = straight_quotes(article.text[paragraph.start:sentence.start])
    if before.count("“") > before.count("”"):
        opened = before.rfind("“")
    elif before.count('"') % 2 == 1:
        opened = before.rfind('"')
    else:
        return False
    return len(before) - opened <= QUOTATION_REACH


def quoted_share(text: str) -> float:
    """Share of the letters of ``text`` that are inside quotation marks.

    A straight mark opens a quotation when it follows a space (or starts the text) and closes one when a
    word or punctuation comes right before it; a mark that closes with nothing open closes a quotation
    opened before the sentence, so all the letters before it were quoted.
    """
    letters = quoted = 0
    inside = False
    for position, char in enumerate(text):
        if char == '"':
            opening = position == 0 or text[position - 1].isspace() or text[position - 1] in "([—–-"
            char = "“" if opening else "”"
        if char == "“":
            inside = True
        elif char == "”":
            if not inside:
                quoted = letters
            inside = False
        elif char.isalpha():
            letters += 1
            quoted += inside
    return quoted / letters if letters else 0.0
