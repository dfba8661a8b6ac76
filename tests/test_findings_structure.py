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


# --- hedge: granted points, denials, preventable pasts, idioms and terms are no softening -----------------

from scorer.signals.generalities import find_cues  # noqa: E402


def hedges(text: str) -> list[str]:
    return [c.text for c in find_cues(text) if c.kind == "hedge"]


CROWDS = ["Critics", "Skeptics", "Others"]
ANSWERS = ["However, the plan has cut waiting times by half.", "But the plan has cut waiting times by half.",
           "Yet the plan has cut waiting times by half."]


@pytest.mark.parametrize("crowd, modal, answer", grid(CROWDS, ["may", "might"], ANSWERS))
def test_an_opponents_reaction_granted_then_answered_is_no_hedge(crowd, modal, answer):
    assert hedges(f"{crowd} {modal} scoff at the new hospital plan. {answer}") == []


@pytest.mark.parametrize("modal, answer", grid(["may", "might"], ANSWERS))
def test_the_writers_own_softened_claim_stays_a_hedge_before_an_answer(modal, answer):
    assert hedges(f"The new hospital plan {modal} not be the cheapest one. {answer}") != []


@pytest.mark.parametrize("opener, modal", grid(["And while", "But while", "Where"], ["may", "might"]))
def test_a_concessive_clause_after_a_conjunction_or_where_is_no_hedge(opener, modal):
    text = f"Rates are low. {opener} the stock market {modal} be a bit overvalued, it is nothing like the bubble of 2000."
    assert hedges(text) == []


@pytest.mark.parametrize("modal", ["may", "might"])
def test_a_plain_modal_claim_is_still_a_hedge(modal):
    assert hedges(f"Rates are low. The stock market {modal} be a bit overvalued.") != []


@pytest.mark.parametrize("lead", ["Which is not to say", "This is not to suggest", "That is not to say"])
def test_a_hedge_inside_a_denial_is_no_hedge(lead):
    assert hedges(f"{lead} that the visit was unusual or maybe even secret.") == []


@pytest.mark.parametrize("modal, verb", grid(["could have", "might have"], ["prevented", "avoided", "averted"]))
def test_a_preventable_past_is_no_hedge(modal, verb):
    assert hedges(f"The flooding {modal} been {verb}.") == []


@pytest.mark.parametrize("modal", ["could have", "might have"])
def test_a_modal_perfect_about_what_happened_stays_a_hedge(modal):
    assert hedges(f"The driver {modal} been at the scene on Friday.") != []


@pytest.mark.parametrize("text", [
    "I may or may not have spilled some hot jam on my hand.",
    "The two have yet to confirm any sort of romance.",
    "How likely is it? Nobody can say yet, the council said.",
    "The rejection runs deep among likely delegates in the state.",
    "The low rates fuel fears of a speculative bubble in housing.",
    "The video led to widespread speculation about his future.",
    "This is an archived article and the information in it may be outdated.",
])
def test_idioms_questions_terms_and_notices_are_no_hedges(text):
    assert hedges(text) == []


@pytest.mark.parametrize("text, cue", [
    ("The plan sort of worked in the end.", "sort of"),
    ("The vote is likely to fail on Tuesday.", "is likely to"),
    ("The figures for the border are speculative.", "speculative"),
])
def test_the_same_words_softening_a_claim_stay_hedges(text, cue):
    assert cue in hedges(text)


def test_a_coy_first_person_idiom_is_no_hedge_but_a_stated_possibility_is():
    assert hedges("I may or may not have spilled some hot jam on my hand.") == []
    assert hedges("Red spots may or may not be present on the leaves.") != []


# --- vague_attribution: the words of a crowd or a weasel that attribute nothing --------------------------

def vague(text: str) -> list[str]:
    return [c.text for c in find_cues(text) if c.kind == "vague_attribution"]


@pytest.mark.parametrize("degree, adjective", grid(["most", "more", "least"], ["telling", "revealing", "worrying"]))
def test_a_superlative_is_no_crowd(degree, adjective):
    assert vague(f"Perhaps {degree} {adjective}, though, were the candidates' favourite shows.") == []


@pytest.mark.parametrize("crowd, tail", grid(["Prison officials", "Some officials", "Many fans"], [
    "called off the show late on Monday.", "were found by the police on Monday.",
]))
def test_a_phrasal_or_passive_verb_after_a_crowd_reports_nothing(crowd, tail):
    assert vague(f"The concert was planned for weeks. {crowd} {tail}") == []


@pytest.mark.parametrize("crowd", ["Some officials", "Many fans", "Experts"])
def test_a_crowd_saying_something_is_still_vague(crowd):
    assert vague(f"The concert was planned for weeks. {crowd} said the show had been a mistake.") != []


@pytest.mark.parametrize("phrase", ["it emerged", "it is believed", "it is reported"])
def test_a_weasel_phrase_in_a_condition_attributes_nothing(phrase):
    assert vague(f"They agreed that they would back the plan if {phrase}.") == []
    assert vague(f"{phrase.capitalize()} that the mayor had resigned on Monday.") != []


@pytest.mark.parametrize("be, after", grid(["is", "was"], ["in the aftermath of a disaster", "for each applicant", "when a storm hits"]))
def test_considered_as_weighed_is_no_weasel(be, after):
    assert vague(f"The spokesman said that while the status {be} considered {after}, the focus is on saving lives.") == []
    assert vague(f"The status {be} considered the best protection there is.") != []


def test_rest_assured_is_an_idiom():
    assert vague("Fans of the couple can rest assured that the two remain close.") == []
