"""The error classes of the findings audit's fresh samples (benchmarks/findings_audit.md), as generated grids.

Each class is fixed by a mechanism (structure, grammar, a lexicon), so each grid crosses several subjects,
verbs and frames, and holds the counter-cases that must still be found (recall guards). All sentences are
written here.
"""
from __future__ import annotations

import itertools

import pytest

from scorer.core.clauses import statement_follows
from scorer.signals import attribution, padding
from scorer.signals.attribution import find_attributions, find_quotes
from scorer.signals.generalities import find_cues
from signal_helpers import findings_of, make_article

def grid(*axes) -> list[tuple]:
    """Every combination of the axes: a small generated grid of cases."""
    return list(itertools.product(*axes))


SUBJECTS = ["Mayor Ann Cole", "The Elm Street council", "Coach Tom Reyes", "Acme Corp"]


def named_findings(text: str) -> list[str]:
    return [f.text for f in findings_of(attribution.analyze(make_article(text)), "named_source")]


# --- seo_block: an FAQ is a list of short unattributed answers; explainers and interviews are not ----------

QUESTIONS = ["What did the council decide?", "When does the library open?", "Who pays for the bridge?",
             "How long will the works last?"]
SHORT_ANSWERS = ["A new budget for the library.", "On the first of May.", "The county pays half of it.",
                 "About two years in all."]
REPORTED = [
    'The mayor said the vote was close and that the works would start soon.',
    '"We have waited long enough for this," the head librarian told reporters.',
    'According to the county, the bill will be split with the state.',
    '"It is the biggest project in a decade."',
]
LEDE = "The council voted 7-2 on Tuesday to approve a $4 million budget for the Elm Street library."


def question_blocks(text: str) -> int:
    return len([f for f in findings_of(padding.analyze(make_article(text)), "seo_block") if f.rule == "question heading"])


def faq_with(answer: str, position: int, marked: bool) -> str:
    """Three question headings over short answers, the one at ``position`` replaced by ``answer``."""
    mark = "## " if marked else ""
    answers = list(SHORT_ANSWERS[:3])
    answers[position] = answer
    body = "\n".join(f"{mark}{q}\n{a}" for q, a in zip(QUESTIONS, answers))
    return f"{LEDE}\n{body}"


@pytest.mark.parametrize("n, marked", grid([2, 3, 4], [False, True]))
def test_a_list_of_short_unattributed_answers_is_an_faq(n, marked):
    mark = "## " if marked else ""
    body = "\n".join(f"{mark}{q}\n{a}" for q, a in zip(QUESTIONS[:n], SHORT_ANSWERS[:n]))
    assert question_blocks(f"{LEDE}\n{body}") == n


@pytest.mark.parametrize("reported, position, marked", grid(REPORTED, [0, 1], [False, True]))
def test_question_subheads_over_a_reported_section_are_an_explainer(reported, position, marked):
    # One section quoting or attributing someone makes the whole list an explainer or an interview.
    assert question_blocks(faq_with(reported, position, marked)) == 0


# Content farms attribute their FAQ answers to nobody in particular: that is no reporting.
VAGUELY_ATTRIBUTED = [
    "According to reports, the works will start in spring.",
    "According to experts, the bridge will last decades.",
    "According to some sources, the county pays half.",
    "Experts said the budget is a turning point.",
    "Critics argued the plan is too costly.",
    "Critics have long argued that more should have been done.",
    "It has been said that the town needed it.",
    "It could be argued that the library was overdue.",
    "It is said that the town needed it.",
]
#: ... while a named or specific source makes the section reported (the explainer grid above, and these).
SPECIFICALLY_ATTRIBUTED = [
    "According to the county treasurer, the works will start in spring.",
    "According to Reuters, the bridge will last decades.",
    "The treasurer said the county pays half.",
    "The treasurer has repeatedly said the county pays half.",
    "Maria Lopez, the head librarian, told reporters the budget was enough.",
]


@pytest.mark.parametrize("attributed, position, marked", grid(VAGUELY_ATTRIBUTED, [0, 2], [False, True]))
def test_answers_attributed_to_nobody_in_particular_are_still_an_faq(attributed, position, marked):
    assert question_blocks(faq_with(attributed, position, marked)) == 3


@pytest.mark.parametrize("attributed, position, marked", grid(SPECIFICALLY_ATTRIBUTED, [0, 2], [False, True]))
def test_answers_attributed_to_someone_specific_make_an_explainer(attributed, position, marked):
    assert question_blocks(faq_with(attributed, position, marked)) == 0


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_lone_question_heading_is_no_faq(question):
    assert question_blocks(f"{LEDE}\n{question}\n{SHORT_ANSWERS[0]}") == 0


def test_long_reported_sections_are_no_faq_answers():
    section = "\n".join([LEDE] * 4)  # four paragraphs under each question: a reported section, not an answer
    body = "\n".join(f"## {q}\n{section}" for q in QUESTIONS[:3])
    assert question_blocks(f"{LEDE}\n{body}") == 0


def test_a_labelled_faq_is_still_a_block_whatever_its_answers():
    text = f"{LEDE}\nFAQ\nWhat did the council decide?\nThe mayor said a new budget.\nBudget vote\n{LEDE}"
    assert [f.rule for f in findings_of(padding.analyze(make_article(text)), "seo_block")] == ["seo_headings: faq"]


# --- named_source: a belief, wish or action is no source saying something -----------------------------------

ACTIONS = [
    "is hoping to win the vote in May.", "hopes to open the library in May.", "wants to build a new bridge.",
    "is expecting a record crowd on Sunday.", "named Ann Lee head of the library board.", "backed the plan in March.",
    "offered a reward for the lost dog.", "sees a bright future for the town.",
]
STATEMENTS = [
    "hopes that the library will open in May.", "believes the plan will fail.", "thinks they deserve better.",
    "expects rates to rise next year.", "said the library would open in May.", "told reporters the plan was dead.",
]


@pytest.mark.parametrize("subject, action", grid(SUBJECTS, ACTIONS))
def test_an_action_or_wish_names_no_source(subject, action):
    assert named_findings(f"{subject} {action}") == []


@pytest.mark.parametrize("subject, statement", grid(SUBJECTS, STATEMENTS))
def test_a_statement_still_names_its_source(subject, statement):
    assert named_findings(f"{subject} {statement}") == [subject]


@pytest.mark.parametrize("subject", SUBJECTS)
def test_a_stance_after_a_quote_still_names_its_source(subject):
    assert named_findings(f'"The plan will fail," {subject} believes.') == [subject]


@pytest.mark.parametrize("following, expected", [
    (" that the plan will fail", True), (' "It will fail."', True), (": the plan will fail", True), (".", True),
    (" they deserve better", True), (" the plan will fail", True), (" rates to rise", True),
    (" to win the vote", False), (" a baby girl in May", False), (" Ann Lee head of the board", False),
    (" quite a bit about the system", False),
])
def test_statement_follows(following, expected):
    assert statement_follows("X believes" + following, len("X believes")) is expected


@pytest.mark.parametrize("subject, verb", grid(SUBJECTS[:3], ["says", "warns", "Says", "Warns"]))
def test_a_heading_line_names_no_source(subject, verb):
    # A short line with no closing stop, or a cue in title case mid-line, is a heading, not a statement.
    body = "The works start in May and should last two years, the county said."
    assert subject not in named_findings(f"{subject} {verb} bridge is late\n{body}")
    assert subject not in named_findings(f"{subject} {verb.capitalize()} The Bridge Is Late, And More.\n{body}")


@pytest.mark.parametrize("label, line", [
    ("RATE THIS ARTICLE", "[1=Poor, 5=Great] 12345"),
    ("TOWN HALL SHOCKER", "Mayor Cancels The Summer Parade Again!"),
    ("READ THE FULL STORY", "the council votes on Tuesday."),
])
def test_a_lone_kicker_label_is_no_speaker(label, line):
    text = f"{label}: {line}\nThe works start in May, the county said."
    assert label not in [text[a.source_start:a.source_end] for a in find_attributions(text)]


@pytest.mark.parametrize("speaker", ["TAPPER", "COLE", "JOHN REYES"])
def test_a_transcript_label_is_still_a_speaker(speaker):
    text = f"{speaker}: Do you think the bridge will open in May?"
    assert speaker in [text[a.source_start:a.source_end] for a in find_attributions(text)]


@pytest.mark.parametrize("pronoun, rest", grid(["I'd", "We're", "They've", "You'll"], [
    " have thought that the bridge would open sooner.", " told the bridge would open in May.",
]))
def test_a_pronoun_with_a_contraction_is_no_named_source(pronoun, rest):
    text = f"It was a long wait. {pronoun}{rest}"
    assert [a.kind for a in find_attributions(text) if a.named] == []


@pytest.mark.parametrize("before, noun", grid(
    ["movies and", "caricatures from", "clips of", "fans of"], ["TV shows", "Team America sketches", "Acme reports"]))
def test_a_plural_noun_after_a_preposition_or_list_is_no_cue(before, noun):
    text = f"The service is stocked with {before} {noun} from the studio."
    assert [a for a in find_attributions(text) if a.named] == []


@pytest.mark.parametrize("outlet", ["the Daily Courier newspaper", "Reuters", "the county police"])
def test_according_to_stops_where_a_new_noun_phrase_starts(outlet):
    text = f"According to {outlet} the rescue followed several failed attempts."
    assert [text[a.source_start:a.source_end] for a in find_attributions(text) if a.named] == [outlet]


# --- quote: the speaker in a tag after the quote, or in the paragraph before --------------------------------

QUOTE = "We are truly excited about the tour next year,"


@pytest.mark.parametrize("tag, speaker", [
    ("she captioned a video.", "she"), ("comments Johnston in a statement.", "Johnston"),
    ("Ann Cole posted on Sunday.", "Ann Cole"), ("the 42-year-old singer confessed.", "the 42-year-old singer"),
    ("a source close to the band revealed.", "a source close to the band"),
])
@pytest.mark.parametrize("marks", [("“", "”"), ('"', '"')])
def test_a_speech_tag_after_a_quote_names_its_speaker(tag, speaker, marks):
    text = f"The band met the press on Monday.\n{marks[0]}{QUOTE}{marks[1]} {tag}"
    [quote] = findings_of(attribution.analyze(make_article(text)), "quote")
    assert quote.rule.startswith("quote: attributed") and speaker in quote.message


@pytest.mark.parametrize("speaker", ["Erekat", "Mayor Ann Cole", "The ministry"])
def test_a_quote_opening_the_paragraph_after_a_reported_statement_keeps_its_speaker(speaker):
    text = f"{speaker} said it was only the latest move to force a deal.\n\"They wanted us on our knees and used every trick.\""
    [quote] = findings_of(attribution.analyze(make_article(text)), "quote")
    assert quote.rule.startswith("quote: attributed")


@pytest.mark.parametrize("before", ["The roads were closed for most of the day.", "It rained on Monday."])
def test_a_quote_with_nobody_named_near_it_stays_unattributed(before):
    text = f"{before}\n\"They wanted us on our knees and used every trick.\""
    [quote] = findings_of(attribution.analyze(make_article(text)), "quote")
    assert quote.rule == "quote: unattributed"


# --- hedge: someone's reported belief, recommendations, generic "you", concessions --------------------------

def hedges(text: str) -> list[str]:
    return [c.text for c in find_cues(text) if c.kind == "hedge"]


@pytest.mark.parametrize("subject, verb", grid(
    ["His family", "Dr Cole", "Dr Cole quickly", "The doctors"], ["assumed", "suspected", "presumed"]))
def test_a_belief_reported_with_its_subject_is_no_hedge(subject, verb):
    assert hedges(f"{subject} {verb} that the pipe had burst.") == []


@pytest.mark.parametrize("text", [
    "The suspected thief fled on foot.", "The data suggests that prices will rise.", "Prices might rise next year.",
    "The supposed cure did nothing.", "The fire may have started in the kitchen.",
])
def test_writers_hedges_stay(text):
    assert hedges(text) != []


@pytest.mark.parametrize("text", [
    "The treaty suggests monitoring use and raising taxes.", "That's not to suggest that the plan is wrong.",
    "It is not as elegant as you might find in other games.", "It looks like what one might find in a museum.",
    "So much charm, no matter how sly it might be, that you forgive him.",
    "The report shows a different view: while the drug itself may not cause harm, the mix does.",
])
def test_recommendations_generic_readers_and_concessions_are_no_hedges(text):
    assert hedges(text) == []


# --- vague_attribution: conditions, relative clauses and states attribute no claim -------------------------

def vague(text: str) -> list[str]:
    return [c.text for c in find_cues(text) if c.kind == "vague_attribution"]


# "experts" is left out: "some experts" is a weasel phrase of generalities_weasel_phrases.txt, flagged on its
# own whatever follows (a known limit of that lexicon, not of the crowd grammar tested here).
@pytest.mark.parametrize("crowd, frame", grid(["users", "scientists", "viewers", "residents"], [
    "If {c} know that the data is public, they will be careful.",
    "Outlets call on people whom {c} would consider fair.",
    "Some {c} may recall other plans that failed.",
    "{C} understood quite a bit about the system.",
]))
def test_crowds_in_conditions_or_states_attribute_nothing(crowd, frame):
    assert vague(frame.format(c=crowd, C=crowd.capitalize())) == []


@pytest.mark.parametrize("crowd, frame", grid(["analysts", "experts", "critics"], [
    "Some {c} may argue that the plan is doomed.", "{C} believe the plan will fail.", "{C} say the plan is doomed.",
    "Many {c} expect rates to rise.", "Many {c} expect that rates will rise.",
]))
def test_crowds_that_state_a_claim_are_still_vague_sources(crowd, frame):
    assert vague(frame.format(c=crowd, C=crowd.capitalize())) != []


# --- second round: legal "allegedly", "some have", reply concessions, short titles, more action verbs -------

@pytest.mark.parametrize("legal, act", grid(
    ["Police said", "Prosecutors say", "The lawsuit claims", "He was charged after"],
    ["the driver had allegedly left the scene.", "the clinic allegedly sold the pills."]))
def test_allegedly_in_a_legal_matter_is_no_vague_source(legal, act):
    assert vague(f"{legal} {act}") == []


@pytest.mark.parametrize("act", ["The star allegedly dated the singer last summer.", "The couple allegedly split in May."])
def test_allegedly_in_gossip_stays_a_vague_source(act):
    assert vague(act) == ["allegedly"]


@pytest.mark.parametrize("rest, found", [
    ("been able to pursue a typical path.", False), ("chosen to ban the sites.", False),
    ("argued that the plan is doomed.", True), ("claimed the vote was rigged.", True),
])
def test_some_have_needs_a_reporting_verb(rest, found):
    assert bool(vague(f"Some have {rest}")) is found


@pytest.mark.parametrize("hedge", ["Perhaps", "Maybe", "Possibly"])
def test_a_hedge_answered_by_but_is_a_concession(hedge):
    assert hedges(f"{hedge}, but that is cold comfort to the workers.") == []
    assert hedges(f"{hedge} the plan will work.") != []


@pytest.mark.parametrize("title", ["A Doll’s House, Part 2", "Moulin Rouge! The Musical", "Hello, Dolly!", "The Red Hen Diner"])
def test_a_short_capitalised_quotation_is_a_title(title):
    text = f"Best Play went to Sam Gold, “{title}” (WINNER), and Best Musical to Alex Timbers."
    assert [q for q in find_quotes(text)] == []


def test_a_short_quote_in_sentence_case_is_still_a_quote():
    assert len(find_quotes('"We will win this, trust me," the coach said.')) == 1


@pytest.mark.parametrize("subject, action, kept", [
    ("Bush", "has vigorously supported al-Maliki since May.", False),
    ("Netflix", "added a warning card to the show.", False),
    ("Acme Corp", "couldn't agree over the fee.", False),
    ("Bush", "said he supported al-Maliki.", True),
    ("Mayor Ann Cole", "added that the plan was dead.", True),
    ("Mayor Ann Cole", "agreed the plan was dead.", True),
])
def test_support_add_agree_need_a_statement(subject, action, kept):
    assert (named_findings(f"{subject} {action}") == [subject]) is kept


# --- filler: a cut-off fragment is no stock-phrase sentence -----------------------------------------------

@pytest.mark.parametrize("fragment", ["All in all, the", "In conclusion, it", "It remains to be seen"])
def test_a_cut_off_fragment_is_no_filler(fragment):
    text = f"The council voted 7-2 on Tuesday to approve the budget.\n{fragment}"
    assert findings_of(padding.analyze(make_article(text)), "filler") == []


@pytest.mark.parametrize("sentence", ["All in all, it remains to be seen how things will evolve.",
                                      "It remains to be seen how the situation will evolve."])
def test_a_whole_stock_phrase_sentence_is_still_filler(sentence):
    text = f"The council voted 7-2 on Tuesday to approve the budget.\n{sentence}"
    assert len(findings_of(padding.analyze(make_article(text)), "filler")) == 1
