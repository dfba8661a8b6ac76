"""SEO blocks: template headings ("FAQ", "Key Points") with the section, list or table under them,
labels ("Pro Tip: ..."), headlines naming the format, and questions used as headings.
"""
from __future__ import annotations

import functools
import re

from scorer.core.document import Article, Finding, Paragraph
from scorer.core.text import LIST_MARK, MARKDOWN_HEADING
from scorer.knowledge.lexicons import lexicon_matcher, load_lexicon

_LABEL_END = re.compile(r"\s*[:?!]")


def _table_cells(text: str) -> list[str] | None:
    """The cells of a table row as the extractor writes it ("| Key Points | Details |"), else None."""
    text = text.strip()
    if len(text) < 2 or not (text.startswith("|") and text.endswith("|")):
        return None
    return [cell.strip() for cell in text[1:-1].split("|")]


def seo_phrase(paragraph: Paragraph) -> str | None:
    """The SEO template phrase that opens this heading, labels this paragraph or heads this table, if any."""
    text = MARKDOWN_HEADING.sub("", paragraph.text)
    pattern = lexicon_matcher("seo_headings")
    cells = _table_cells(text)
    if cells is not None:
        # A "Key Points" table: its first filled cell is the whole template phrase (a caption or header row).
        first = next((cell for cell in cells if cell), "").rstrip(" :")
        match = pattern.match(first)
        return match.group() if match and match.end() == len(first) else None
    if paragraph.is_heading:
        for match in pattern.finditer(text):
            before = text[: match.start()].rstrip()
            # "FAQ" or "Upgrade: Everything You Need to Know", not "Police reach conclusion".
            if not before or before.endswith(":"):
                return match.group()
        return None
    match = pattern.match(text)
    if match and _LABEL_END.match(text, match.end()):
        return match.group()
    return None


# A number, and a capitalised word that is not the first of its sentence (a name).
_DIGIT = re.compile(r"\d")
_NAME = re.compile(r"(?<=[a-z,;:)] )[A-Z][a-z]+|(?<=[a-z,;:)] )[A-Z]{2,}")


def _states_a_fact(text: str, phrase: str) -> bool:
    """Whether an inline label's own line states a checkable fact: a number and a name after the label.

    A template's label carries advice or a teaser ("Pro tip: Get more meal ideas here!"); a newspaper's fact
    box or results line carries a record ("Did you know?: Joe Paterno has taken teams to 13 different bowl
    games ..."; "Summary: 5-1A: Salina South diver Keetan Munsell won ... with 409.30").
    """
    text = MARKDOWN_HEADING.sub("", text)
    rest = text[text.lower().find(phrase.lower()) + len(phrase):].lstrip(" :?!")
    return bool(_DIGIT.search(rest) and _NAME.search(rest))


def _names_the_article(paragraph: Paragraph, phrase: str) -> bool:
    """A heading that is a topic, a colon, then the phrase: a headline, not a section label."""
    text = MARKDOWN_HEADING.sub("", paragraph.text).strip()
    return not text.lower().startswith(phrase.lower())


#: An interview's question and answer labels ("Q: Favourite books?" / "A: ..."): a transcript, not a template.
_INTERVIEW_LABEL = re.compile(r"^(?:\*\*)?(?:Q|A|Question|Answer)\s*[:.]\s*", re.IGNORECASE)
#: A line opened by a conjunction or an interjection and a comma ("But growth ... doesn't it?",
#: "Really, have you ever ...?") is a sentence of the story, not a heading.
_BODY_QUESTION = re.compile(r"^(?:and|but|or|so|yet|then|now|really|well|still|of course|after all)\b", re.IGNORECASE)


def _is_question_heading(paragraph: Paragraph) -> bool:
    return paragraph.is_heading and paragraph.text.rstrip().endswith("?")


def _is_template_question(paragraphs: tuple[Paragraph, ...], index: int) -> bool:
    """A question heading that is a search-engine pattern, not an interview, a line of dialogue or a list entry.

    Left out: an interview's questions ("Q: ..." or a question answered by "A: ..."); a question
    under a label line ("Cleveland Browns:" / "Will Lewis be back?", a blog roll or a script's
    speaker); a headline with a topic before a colon ("Fiorina: See you later?"); and, unless it is a marked-up heading ("### ...?"), a line of more than one
    sentence ("Brad? Is this really you?"), one opened by a conjunction or interjection, or one
    with a comma before its question ("Really, have you ever ...?", "..., doesn't it?").
    """
    paragraph = paragraphs[index]
    if not _is_question_heading(paragraph):
        return False
    text = MARKDOWN_HEADING.sub("", paragraph.text).strip()
    following = paragraphs[index + 1].text.strip() if index + 1 < len(paragraphs) else ""
    if _INTERVIEW_LABEL.match(text) or _INTERVIEW_LABEL.match(MARKDOWN_HEADING.sub("", following)):
        return False
    if index > 0 and paragraphs[index - 1].text.rstrip().endswith(":"):
        return False
    if ": " in text:
        return False  # "Fiorina: See you later?", "Bank charges: Fees unfair?": a headline's topic and a teaser
    if MARKDOWN_HEADING.match(paragraph.text):
        return True
    body = text[:-1]
    return not (re.search(r"[.!?]\s", body) or "," in body or _BODY_QUESTION.match(text))


#: A double quotation mark: an answer that quotes someone is an interview's reply or a reporter's section.
_QUOTATION = re.compile(r'["“”]')
#: A question's section longer than this is a reported section of an explainer, not an FAQ's short answer.
MAX_ANSWER_WORDS = 120
MAX_ANSWER_PARAGRAPHS = 3


def _answer(paragraphs: tuple[Paragraph, ...], index: int) -> list[Paragraph]:
    """The paragraphs under a question heading, up to the next heading."""
    end = index + 1
    while end < len(paragraphs) and not paragraphs[end].is_heading:
        end += 1
    return list(paragraphs[index + 1:end])


#: The word before a reporting verb that makes it impersonal ("it could be argued", "it is said").
_PASSIVE = frozenset({"be", "been", "being", "is", "was", "are", "were"})
_AUXILIARIES = frozenset({"have", "has", "had", "will", "would", "could", "can", "may", "might", "should", "must",
                          "also", "often", "long", "once", "again", "not"})
_WORD_BEFORE = re.compile(r"([\w'’-]+)\W*$")
_WORD_AFTER = re.compile(r"\W*([\w'’-]+)")


@functools.lru_cache(maxsize=1)
def _vague_sources() -> frozenset[str]:
    # The generalities family's unnamed crowds ("experts", "reports", "sources"), shared as data: a cue
    # that attributes to one of them names nobody.
    return frozenset(phrase.lower() for phrase in load_lexicon("generalities_vague_sources") if " " not in phrase)


_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "this", "these", "those"})


def _names_someone(text: str, start: int, end: int, cue: str) -> bool:
    """Whether the reporting cue at ``start:end`` attributes to someone specific ("the prosecutor said",
    "according to Reuters"), not to an unnamed crowd ("according to reports", "experts said") or to
    nobody ("it could be argued"): content farms put the vague kind in their FAQ answers."""
    vague = _vague_sources()
    if cue.lower().startswith("according"):
        after = _WORD_AFTER.match(text, end)
        if after is not None and after.group(1).lower() in _DETERMINERS:
            after = _WORD_AFTER.match(text, after.end())  # "according to the coroner": the noun decides
        return after is not None and after.group(1).lower() not in vague
    end_before = start
    for _ in range(4):  # the subject, past auxiliaries and adverbs: "critics have long argued"
        before = _WORD_BEFORE.search(text, 0, end_before)
        if before is None:
            return True  # the cue opens the text: '"...," said the mayor' keeps its source after it
        word = before.group(1).lower()
        if word in _PASSIVE:
            return False  # "it could be argued", "it has been said": nobody
        if word not in _AUXILIARIES and not word.endswith("ly"):
            return word not in vague
        end_before = before.start()
    return True


def _reported(answer: list[Paragraph]) -> bool:
    """An answer that quotes or attributes to someone ("..., the prosecutor said"): journalism or an
    interview, not a template."""
    cues = lexicon_matcher("seo_reported_cues")
    return any(_QUOTATION.search(p.text) or any(_names_someone(p.text, m.start(), m.end(), m.group()) for m in cues.finditer(p.text))
               for p in answer)


def _faq_questions(paragraphs: tuple[Paragraph, ...]) -> list[int]:
    """The question headings that form a search-engine FAQ, by the shape of the whole list.

    A question heading alone says little: a news explainer ("## What charges does he face?") and an
    interview ("What would your ideal job be?") use the same form. An SEO FAQ is a *list* of
    questions (two or more) each answered by a short, unattributed section that restates the body.
    So: if any question's section quotes or attributes someone, the article is reported (an
    explainer or an interview) and none of its questions is a template; a section over
    MAX_ANSWER_PARAGRAPHS paragraphs or MAX_ANSWER_WORDS words is a reported section, not an answer;
    and a lone question is a headline or a rhetorical line. This misses some real FAQs on purpose:
    a false alarm on a newsroom's explainer costs more than a missed template.
    """
    candidates = [i for i in range(len(paragraphs)) if _is_template_question(paragraphs, i)]
    answers = {i: _answer(paragraphs, i) for i in candidates}
    if any(_reported(answer) for answer in answers.values()):
        return []
    short = [
        i for i in candidates
        if answers[i] and len(answers[i]) <= MAX_ANSWER_PARAGRAPHS
        and sum(len(p.text.split()) for p in answers[i]) <= MAX_ANSWER_WORDS
    ]
    return short if len(short) >= 2 else []


def find_seo_blocks(article: Article, findings: list[Finding]) -> tuple[int, set[int], int]:
    """SEO blocks (count), the paragraphs they cover, and the number of question headings."""
    paragraphs = article.paragraphs
    covered: set[int] = set()
    blocks = 0
    faq = set(_faq_questions(paragraphs))
    questions = len(faq)
    table_row = [_table_cells(p.text) is not None for p in paragraphs]
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        # Only a table's caption or header row names it ("| Conclusion | False |" inside a table does not).
        inside_table = table_row[index] and index > 0 and table_row[index - 1]
        phrase = None if inside_table else seo_phrase(paragraph)
        if phrase is None:
            index += 1
            continue
        end = index + 1
        if table_row[index]:
            # The block is the rest of the table.
            while end < len(paragraphs) and table_row[end]:
                end += 1
        elif _names_the_article(paragraph, phrase):
            pass  # "Upgrade: What You Need to Know" names the whole article's format: the headline alone is the block
        elif not paragraph.is_heading or (end < len(paragraphs) and LIST_MARK.match(paragraphs[end].text)):
            # A label ("Key Takeaways:") or a heading over a list ("Key Points"): the block is the list under it;
            # the story goes on after it.
            while end < len(paragraphs) and LIST_MARK.match(paragraphs[end].text):
                end += 1
            if end == index + 1 and not paragraph.is_heading and _states_a_fact(paragraph.text, phrase):
                index += 1  # a newspaper's fact line ("Did you know?: Joe Paterno has taken teams to 13 ...")
                continue
        else:
            # The section runs to the next heading; a list of questions (an FAQ) runs
            # through its own question headings.
            question_list = end < len(paragraphs) and _is_question_heading(paragraphs[end])
            while end < len(paragraphs) and (
                not paragraphs[end].is_heading
                or (question_list and _is_question_heading(paragraphs[end]) and seo_phrase(paragraphs[end]) is None)
            ):
                end += 1
        covered.update(range(index, end))
        blocks += 1
        first, last = paragraphs[index], paragraphs[end - 1]
        findings.append(
            Finding(
                "seo_block",
                first.start,
                last.end,
                article.text[first.start:last.end],
                f'Search-engine template block "{phrase}": adds length, not news',
                rule=f"seo_headings: {phrase.lower()}",
            )
        )
        index = end
    for p_index, paragraph in enumerate(paragraphs):
        if p_index not in covered and p_index in faq:
            blocks += 1
            covered.add(p_index)
            findings.append(
                Finding(
                    "seo_block",
                    paragraph.start,
                    paragraph.end,
                    paragraph.text,
                    "Question used as a heading, a search-engine pattern",
                    rule="question heading",
                )
            )
    return blocks, covered, questions

