"""Redundancy round (benchmarks/findings_audit.md, "Redundancy round"): a block an HTML page prints twice is
an extraction artifact, and shared words are a restatement only when both sentences are the writer's statement.

Each mechanism is checked on a generated grid: every statement below, put in each form, must give a finding
(a restatement) or none (another act), so a rule cannot pass by matching one wording.
"""
from __future__ import annotations

import pytest

from scorer.ingest.extract.body import MIN_REPEATED_SENTENCES, without_repeated_blocks
from scorer.pipeline import article_from_text
from scorer.signals import padding
from scorer.signals.padding.acts import verbatim
from scorer.signals.padding.speech import quoted_share
from signal_helpers import findings_of, make_article

# (statement, its restatement in other words, a question made of its words)
STATEMENTS = [
    ("The city council approved a new budget for the public library system on Monday evening.",
     "On Monday evening the city council approved the new budget for the public library system.",
     "So why did the city council approve a new budget for the public library system, you ask?"),
    ("Farmers in the valley planted drought resistant wheat after the long dry summer.",
     "After the long dry summer, farmers in the valley planted drought resistant wheat.",
     "Why would farmers in the valley plant drought resistant wheat after the long dry summer?"),
    ("She washes her face with warm olive oil every morning before breakfast.",
     "Every morning before breakfast she washes her face with warm olive oil.",
     "So how do you wash your face with warm olive oil every morning, you ask?"),
    ("The museum reopened its ancient coins gallery after a careful restoration of the cases.",
     "After a careful restoration of the cases, the museum reopened its ancient coins gallery.",
     "When did the museum reopen its ancient coins gallery after the restoration of the cases?"),
]
FILL = "Residents packed the hall to hear the debate. Several speakers raised concerns about parking downtown."


def redundant(text: str) -> list[str]:
    return [f.text for f in findings_of(padding.analyze(make_article(text)), "redundancy")]


def forms(statement: str, restated: str, question: str) -> dict[str, tuple[str, bool]]:
    """Each form: (text, whether its last paragraph is a restatement an editor wants flagged)."""
    said = f'"{statement[:-1]}," the mayor said.'
    return {
        "restated by the writer": (f"{statement} {FILL}\n\n{restated}", True),
        "question about the statement": (f"{statement} {FILL}\n\n{question}", False),
        "statement answering the question": (f"{question} {FILL}\n\n{restated}", False),
        "quotation after the paraphrase": (f"The mayor said that {statement[0].lower()}{statement[1:]} {FILL}\n\n{said}", False),
        "the same quotation printed twice": (f"{said} {FILL}\n\n{said}", True),
        "the writer restating a quotation": (f"{said} {FILL}\n\n{restated}", True),
        "body restating a labelled abstract": (f"ABSTRACT.\n{statement}\nFULL TEXT.\n{FILL}\n\n{restated}", False),
        "body restating an unlabelled lede": (f"{statement}\n{FILL}\n\n{restated}", True),
    }


@pytest.mark.parametrize("statement, restated, question", STATEMENTS)
def test_shared_words_are_a_restatement_only_between_the_writers_statements(statement, restated, question):
    for name, (text, flagged) in forms(statement, restated, question).items():
        assert bool(redundant(text)) == flagged, name


@pytest.mark.parametrize("statement, restated, question", STATEMENTS)
def test_a_new_count_in_words_is_a_new_fact(statement, restated, question):
    # "Friday's dinner was the second such meeting": an ordinal the passage lacks moves the story on.
    words = restated[:-1].split()
    counted = " ".join(words[:-1] + ["second", words[-1]]) + "."
    assert redundant(f"{statement} {FILL}\n\n{restated}")
    assert not redundant(f"{statement} {FILL}\n\n{counted}")


def test_verbatim_is_the_same_words_in_the_same_order():
    assert verbatim('"It is wonderful to see him so happy," said a source.', '"It is wonderful to see him so happy," a source said.')
    assert not verbatim("She washes her face with olive oil.", "So how do you wash your face with olive oil, you ask?")


@pytest.mark.parametrize("text, share", [
    ('"We will build it," he said.', 1.0),
    ('He called it a "disaster" on Monday.', 0.0),
    ('The report went on: "At 600ft the engines did not respond.', 1.0),  # opened here, closed in a later sentence
    ('the engines did not respond," the report said.', 1.0),  # closed here, opened in an earlier sentence
])
def test_quoted_share_follows_the_marks(text, share):
    assert (quoted_share(text) >= 0.5) == (share >= 0.5)


# --- a block the extracted text holds twice -------------------------------------------------------

STORY = [
    "Toyota plans to show a concept hybrid pickup truck at the auto show in Detroit next month, the company said.",
    '"This concept is the next step for the compact truck," said the head of its design centre in a statement.',
    "The truck uses a unibody platform for better handling and a smoother ride on rough roads.",
    "Inside there is a portable navigation unit with a seven inch screen and a battery pack in the console.",
    "Solar panels atop the instrument panel help charge the navigation unit and the battery pack, Toyota said.",
]


@pytest.mark.parametrize("sentences", [STORY, STORY[1:], STORY[:MIN_REPEATED_SENTENCES]])
def test_a_story_printed_twice_inside_one_line_loses_its_copy(sentences):
    block = " ".join(sentences)
    text, copies = without_repeated_blocks(f"Please support local business!\n{block}      {block}\nStaff and agencies")
    assert text == f"Please support local business!\n{block}\nStaff and agencies"
    assert copies == [block]


def test_a_short_repeat_inside_a_line_stays():
    # A sentence said twice (a refrain, a pull quote) or two sentences: too short to be the page printed twice.
    for sentences in ([STORY[0]], STORY[:MIN_REPEATED_SENTENCES - 1]):
        block = " ".join(sentences)
        line = f"{block} {STORY[4]} {block}"
        assert without_repeated_blocks(line) == (line, [])
        doubled = f"{block} {block}"
        assert without_repeated_blocks(doubled) == (doubled, [])


def test_html_reports_the_copy_as_a_removal_and_plain_text_keeps_the_loop():
    block = " ".join(STORY)
    html = f"<html><head><title>Truck</title></head><body><article><p>{block}      {block}</p></article></body></html>"
    page = article_from_text(html, is_html=True)
    assert [r.kind for r in page.removed] == ["repeated_block"]
    assert page.text.count(STORY[2]) == 1
    assert not findings_of(padding.analyze(page), "redundancy")
    # The same words given as text: a generator that loops pads, and the editor sees each repeated sentence.
    text = article_from_text(f"{block}\n\n{block}", is_html=False)
    assert not text.removed
    assert len(findings_of(padding.analyze(text), "redundancy")) >= MIN_REPEATED_SENTENCES


# --- an inline label over its own fact is a fact box, not a template ---------------------------------

@pytest.mark.parametrize("label", ["Did you know?:", "Did you know:", "Quick facts:", "Summary:"])
@pytest.mark.parametrize("content, template", [
    ("Joe Paterno has taken teams to 13 different bowl games, more than any other coach.", False),
    ("The Lions have won 7 of their last 9 games against Ohio State at home.", False),
    ("Get more meal ideas here!", True),
    ("Learn more about how our supplements can help you get the most out of your workouts.", True),
    ("Most people drink too little water in the summer months.", True),
])
def test_an_inline_label_over_a_fact_is_a_fact_box(label, content, template):
    text = f"The team meets its rival on Saturday in the last game of the season.\n{label} {content}\nKickoff is at noon."
    assert bool(findings_of(padding.analyze(make_article(text)), "seo_block")) == template


# --- a stock phrase inside a definite source's reported claim is the source's case -------------------

@pytest.mark.parametrize("opening", ["The company had argued that", "The union said that", "She insisted that", "Its lawyers wrote that"])
def test_a_reported_claim_is_no_filler(opening):
    claim = "in an era of technological change, it needed the flexibility to move its workers where they are needed."
    assert not findings_of(padding.analyze(make_article(f"{opening} {claim}")), "filler")
    # The same words as the writer's own: filler.
    assert findings_of(padding.analyze(make_article(f"In an era of technological change, {claim.split(', ', 1)[1]}")), "filler")


# --- a few words taken from a long sentence are a re-mention, not its proposition again --------------

LONG = ("Patriot handed the environmental obligations of its closed West Virginia mines to a nonprofit company run by "
        "Tom Clarke, a businessman who owned nursing homes and a tourist attraction that had fallen behind on its bills, "
        "in a deal approved by a bankruptcy judge in April.")


@pytest.mark.parametrize("remention", [
    "Today the mine is owned by a nonprofit company started by Tom Clarke.",
    "Now it is owned by a nonprofit company run by Tom Clarke.",
])
def test_a_remention_of_a_long_sentence_is_no_restatement(remention, monkeypatch):
    text = f"{LONG} {FILL}\n\n{remention}"
    assert not redundant(text)
    # It is the source-share rule that decides: without it the pair is a restatement.
    monkeypatch.setattr("scorer.signals.padding.acts.SOURCE_SHARE", 0.0)
    assert redundant(text)


def test_restating_most_of_a_long_sentence_still_counts():
    restated = ("In April a bankruptcy judge approved the deal: Patriot handed its environmental obligations to a "
                "nonprofit company run by Tom Clarke, owner of nursing homes and a tourist attraction behind on its bills.")
    assert redundant(f"{LONG} {FILL}\n\n{restated}")


def test_each_copy_is_one_removal():
    lines = "\n".join(f"Paragraph {i} of the story, with enough words in it to count as a real line of text here." for i in range(8))
    story = " ".join(STORY)
    text, copies = without_repeated_blocks(f"{lines}\n{lines}\n{story} {story}")
    assert copies == [lines, story]
    assert text == f"{lines}\n{story}"


def test_a_copy_word_for_word_is_named_as_such():
    statement, restated, _ = STATEMENTS[0]
    [copy] = findings_of(padding.analyze(make_article(f"{statement} {FILL}\n\n{statement}")), "redundancy")
    assert copy.rule == "repeats an earlier sentence word for word" and copy.message.startswith("Repeats paragraph 1 word for word")
    [reworded] = findings_of(padding.analyze(make_article(f"{statement} {FILL}\n\n{restated}")), "redundancy")
    assert reworded.rule == "restates an earlier sentence" and reworded.message.startswith("Restates paragraph 1")


@pytest.mark.parametrize("dash", ["—", "–", "-"])
def test_rows_of_a_list_with_different_labels_are_entries(dash):
    rows = [f"{state} {dash} Early voting runs from Oct. 24 to Nov. 4 at county offices." for state in ("Massachusetts", "Texas", "Ohio")]
    text = "Early voting dates differ from state to state this year.\n" + "\n".join(rows)
    assert not redundant(text)
    # The same sentence without labels is a restatement.
    assert redundant("Early voting runs from Oct. 24 to Nov. 4 at county offices. " + FILL + "\n\nEarly voting runs from Oct. 24 to Nov. 4 at county offices.")


@pytest.mark.parametrize("statement, restated, question", STATEMENTS)
def test_story_highlights_restated_by_the_body_are_a_summary(statement, restated, question):
    assert not redundant(f"Story highlights {statement}\n{FILL}\n\n{restated}")
    assert redundant(f"Story so far: {statement}\n{FILL}\n\n{restated}")


def test_two_questions_in_one_frame_ask_two_things():
    frame = "Please tell me which one you think is more important for a child to have:"
    options = ["obedience or self-reliance?", "curiosity or good manners?", "independence or respect for elders?"]
    assert not redundant("\n".join(f"{frame} {option}" for option in options))
    # The same question twice is still a copy.
    assert redundant(f"{frame} {options[0]} {FILL}\n\n{frame} {options[0]}")
