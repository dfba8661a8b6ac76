"""Session 13 error classes of the findings audit (seed 5, benchmarks/findings_audit.md), as generated grids.

Each class is fixed by a mechanism (page structure, grammar, a lexicon); each grid crosses several frames and
holds the counter-cases that must still be found (recall guards). All sentences are written here.
"""
from __future__ import annotations

import itertools

import pytest

from scorer.signals import padding
from signal_helpers import findings_of, make_article


def grid(*axes) -> list[tuple]:
    return list(itertools.product(*axes))


def restatements(text: str) -> list[str]:
    return [f.text for f in findings_of(padding.analyze(make_article(text)), "redundancy")]


# --- redundancy: structure repeats words by design; prose restating prose is still found -----------------

NARRATIVES = [
    ("Before you start, fill the canner with water and set it to simmer while the jars warm up.",
     "Fill the canner with water and set it to simmer while the jars warm up."),
    ("The council voted 7-2 on Tuesday to approve a $4 million budget for the Elm Street library.",
     "The council voted 7-2 on Tuesday to approve a $4 million budget for the Elm Street library."),
    ("The headphones give you six hours of playback on one charge of the small case.",
     "Six hours of playback on one charge of the small case."),
]
MIDDLE = "Library director Ann Cole said the money would pay for longer opening hours and two new librarians."


@pytest.mark.parametrize("narrative, mark, heading", grid(NARRATIVES, ["- ", "1. ", "* "], ["### Instructions\n", "Details\n", ""]))
def test_a_list_item_restating_the_prose_is_structure_not_a_restatement(narrative, mark, heading):
    prose, item = narrative
    text = f"{prose}\n{MIDDLE}\n{heading}{mark}{item}\n{mark}Serve the rest on the side of each plate."
    assert restatements(text) == []


@pytest.mark.parametrize("narrative, mark, heading", grid(NARRATIVES, ["- ", "* "], ["Key Points", "Key Takeaways:", "## Summary"]))
def test_a_summary_box_item_is_still_a_restatement(narrative, mark, heading):
    prose, item = narrative
    text = f"{prose}\n{MIDDLE}\n{heading}\n{mark}{item}"
    assert restatements(text) == [f"{mark}{item}"]


@pytest.mark.parametrize("narrative", NARRATIVES)
def test_prose_restating_prose_is_still_found(narrative):
    prose, again = narrative
    assert restatements(f"{prose}\n{MIDDLE}\n{again}") == [again]


LABELS = ["Portion Fix Containers", "Pro tip", "Serving note", "Kit"]
VALUES = ["1 Green, 1 Red, 1 Yellow and 1 tsp. of oil for the dressing.",
          "Get more post-workout meal ideas and shopping lists here!",
          "Keep the sauce cold and add the fresh herbs just before eating."]


@pytest.mark.parametrize("label, value, items", grid(LABELS, VALUES, [2, 4]))
def test_a_template_field_repeated_under_each_item_is_no_restatement(label, value, items):
    sections = [f"### Meal {n}\nChicken salad with {n} cups of greens and a lemon dressing.\n{label}: {value}"
                for n in range(1, items + 1)]
    assert restatements("Plan your week around these meals.\n" + "\n".join(sections)) == []


@pytest.mark.parametrize("value", VALUES)
def test_a_sentence_repeated_without_a_label_is_still_found(value):
    sections = [f"### Meal {n}\nChicken salad with {n} cups of greens and a lemon dressing.\n{value}" for n in (1, 2)]
    assert restatements("Plan your week around these meals.\n" + "\n".join(sections)) == [value]


STORY = ("Alongside his wife, Amal Clooney, the actor George Clooney attended the 2016 Cannes Film Festival "
         "premiere of his new film on Thursday.")
CAPTION = "George Clooney and his wife, Amal Clooney, attended the 2016 Cannes Film Festival premiere."
CREDITS = ["(Alberto Pizzoli/AFP via Getty Images)", "(Jane Doe/Reuters)", "Photo: Jane Doe", "(Shutterstock)",
           "(Photo courtesy of the festival)"]


@pytest.mark.parametrize("credit, same_paragraph", grid(CREDITS, [True, False]))
def test_a_caption_is_no_restatement(credit, same_paragraph):
    joiner = " " if same_paragraph else "\n"
    text = f"{STORY}\n{MIDDLE}\n{CAPTION}{joiner}{credit}\nThe festival runs until May 22."
    assert restatements(text) == []


@pytest.mark.parametrize("after", ["", "\nThe festival runs until May 22.", " (AP) The festival runs until May 22."])
def test_a_restatement_without_a_credit_is_still_found(after):
    # "(AP)" alone is a dateline's agency, not a photo credit.
    text = f"{STORY}\n{MIDDLE}\n{CAPTION}{after}"
    assert restatements(text) == [CAPTION]


# --- named_source: grammar of the cue, not lists of sentences ------------------------------------------

from scorer.signals import attribution  # noqa: E402
from scorer.signals.attribution import find_attributions  # noqa: E402

SUBJECTS = ["Mayor Ann Cole", "The Elm Street council", "Coach Tom Reyes", "Acme Corp"]


def named(text: str) -> list[str]:
    return [f.text for f in findings_of(attribution.analyze(make_article(text)), "named_source")]


GERUND_FRAMES = [
    "{s} may have the best chance of challenging the governor upstate.",
    "{s} will need to stop the Patriots' passing game on Sunday.",
    "{s} could not match our asking price for the site.",
    "{s} won again against defending champion Italy on Friday.",
]


@pytest.mark.parametrize("subject, frame", grid(SUBJECTS, GERUND_FRAMES))
def test_an_ing_word_after_a_determiner_possessive_or_of_is_no_speech(subject, frame):
    assert named(frame.format(s=subject)) == []


@pytest.mark.parametrize("subject, verb", grid(SUBJECTS, ["saying", "arguing", "stating"]))
def test_a_participle_clause_after_a_comma_still_names_the_subject(subject, verb):
    assert subject in named(f"{subject} criticised the plan on Monday, {verb} that it would cost too much.")


@pytest.mark.parametrize("place, sentence", grid(["LONDON", "NEW DELHI", "PARIS"], [
    "Britain introduced a ban on advertising junk food to children yesterday.",
    "The government approved the new budget after a long debate.",
]))
def test_a_lone_dateline_label_is_no_speaker(place, sentence):
    text = f"{place}: {sentence}\nThe ban starts in May, the ministry said."
    assert place not in [text[a.source_start:a.source_end] for a in find_attributions(text)]


@pytest.mark.parametrize("speaker, turn", grid(["TAPPER", "COLE"], [
    "Do you think the bridge will open in May?", "I think the bridge will open in May.", '"The bridge opens in May."',
]))
def test_a_lone_label_before_speech_is_still_a_speaker(speaker, turn):
    text = f"{speaker}: {turn}"
    assert speaker in [text[a.source_start:a.source_end] for a in find_attributions(text)]


@pytest.mark.parametrize("subject, verb", grid(SUBJECTS, ["declined", "agreed", "refused"]))
def test_a_sentence_ending_on_the_cue_with_nothing_said_names_no_source(subject, verb):
    text = f"The union asked for a meeting on Monday, but {subject} {verb}."
    assert subject not in named(text)


@pytest.mark.parametrize("subject, verb", grid(SUBJECTS, ["said", "agreed", "predicted"]))
def test_a_statement_before_the_source_still_counts(subject, verb):
    assert subject in named(f'"The bridge will open in May," {subject} {verb}.')
    assert subject in named(f"The bridge will open in May, {subject.lower() if subject.startswith('The') else subject} {verb}.") \
        or subject.startswith("The")


@pytest.mark.parametrize("subject, title", grid(SUBJECTS, ["''Character Studies''", '"The Long Road Home"', "“Bridges”"]))
def test_a_quoted_title_after_the_cue_is_no_statement(subject, title):
    assert subject not in named(f"{subject} published {title}, a collection of essays, in 2005.")
    assert subject in named(f'{subject} wrote: "We were wrong about the bridge and we will fix it."')


@pytest.mark.parametrize("noun, agency", grid(["data", "figures", "a report"], ["the Drug Enforcement Administration", "Acme Corp"]))
def test_a_participle_with_its_agent_after_names_no_source(noun, agency):
    text = f"For heroin we used {noun} published in October 2018 by {agency}, the only estimate there is."
    assert all(noun.split()[-1] not in found for found in named(text))


@pytest.mark.parametrize("group", ["Former New Zealand players", "Senior Acme engineers", "Two Elm Street teachers"])
def test_a_source_found_twice_keeps_its_head_noun(group):
    text = f"{group} have criticised the plan and said it would cost too much."
    assert group in named(text) and all(found == group for found in named(text) if group.startswith(found))
