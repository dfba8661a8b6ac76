"""Padding signal: restatements, SEO blocks and filler, positive and negative cases."""
from __future__ import annotations

import pytest

from scorer.signals import padding
from signal_helpers import findings_of, make_article

LEDE = "The council voted 7-2 on Tuesday to approve a $4 million budget for the Elm Street library."
DIRECTOR = "Library director Ann Cole said the money would pay for longer opening hours and two new librarians."


# (case id, text, sentence expected to be flagged or None, words expected in the message)
REDUNDANCY_CASES = [
    (
        "faq answer restates paragraph 1",
        f"{LEDE}\n{DIRECTOR}\nWhat did the council approve?\n"
        "The council approved a $4 million budget for the Elm Street library on Tuesday.",
        "The council approved a $4 million budget for the Elm Street library on Tuesday.",
        'Restates paragraph 1: "The council voted 7-2',
    ),
    (
        "key points bullet restates paragraph 2",
        f"{LEDE}\n{DIRECTOR}\nKey Points\n- Longer opening hours and two new librarians will be paid for.",
        "- Longer opening hours and two new librarians will be paid for.",
        'Restates paragraph 2: "Library director Ann Cole',
    ),
    (
        "in conclusion restates the lede",
        f"{LEDE}\n{DIRECTOR}\n"
        "In conclusion, the council's vote to approve the Elm Street library budget is a big moment.",
        "In conclusion, the council's vote to approve the Elm Street library budget is a big moment.",
        "Restates paragraph 1",
    ),
    (
        "restates an earlier sentence of its own paragraph",
        "The plant will close on Friday for repairs to its main boiler. "
        "The main boiler at the plant needs repairs, so the plant will close on Friday.",
        "The main boiler at the plant needs repairs, so the plant will close on Friday.",
        "Restates an earlier sentence of this paragraph",
    ),
    ("two paragraphs on one topic are not a restatement", f"{LEDE}\n{DIRECTOR}", None, None),
    (
        "a short follow-up is not a restatement",
        f"{LEDE}\nThe council agreed.",
        None,
        None,
    ),
    (
        "same topic, new facts",
        f"{LEDE}\nThe Elm Street library budget was last raised in 2019, when the council added $250,000 "
        "for a children's reading room that opened the next spring.",
        None,
        None,
    ),
    ("a repeated heading is not a restatement", "Budget vote\n" + LEDE + "\nBudget vote\n" + DIRECTOR, None, None),
]


@pytest.mark.parametrize("case, text, flagged, message", REDUNDANCY_CASES, ids=[c[0] for c in REDUNDANCY_CASES])
def test_redundancy(case, text, flagged, message):
    result = padding.analyze(make_article(text))
    found = findings_of(result, "redundancy")
    if flagged is None:
        assert found == []
        assert result.features["redundant_sentence_share"] == 0
    else:
        assert [f.text for f in found] == [flagged]
        assert message in found[0].message
        assert result.features["redundant_sentence_share"] > 0


# (case id, text, flagged block starts, expected count of question headings)
SEO_CASES = [
    (
        "question headings with short unattributed answers are an FAQ",
        f"{LEDE}\nWhat did the council decide?\nA new budget.\nWhen was the vote?\nOn Tuesday.",
        ["What did the council decide?", "When was the vote?"],
        2,
    ),
    # A lone question, or one whose section reports someone, is a headline or an explainer's subhead.
    ("a lone question heading", f"{LEDE}\nWhat did the council decide?\nA new budget.", [], 0),
    ("a question over a reported section", f"{LEDE}\nWhat did the council decide?\n{DIRECTOR}\nWhen?\nTuesday.", [], 0),
    ("key takeaways block", f"{LEDE}\nKey Takeaways\n- Two new librarians.\n- Longer hours.", ["Key Takeaways"], 0),
    ("inline pro tip label", f"{LEDE}\nPro Tip: Check the library website before you visit.", ["Pro Tip:"], 0),
    ("did you know label", f"{LEDE}\nDid you know? Libraries lend more than books.", ["Did you know?"], 0),
    ("explore further heading", f"{LEDE}\nExplore Further\n{DIRECTOR}", ["Explore Further"], 0),
    ("seo phrase after a colon in a title", f"Library Budget: Everything You Need to Know\n{LEDE}", ["Library Budget:"], 0),
    (
        "an FAQ with its questions is one block",
        f"{LEDE}\nFAQ\nWhat did the council approve?\nA budget.\nWhen was the vote?\nOn Tuesday.\nBudget vote\n{DIRECTOR}",
        ["FAQ"],
        2,
    ),
    ("plain news heading", f"Budget vote\n{LEDE}\nWhat comes next\n{DIRECTOR}", [], 0),
    ("seo word inside a news heading", f"Police reach conclusion in fraud case\n{LEDE}", [], 0),
    ("a long question in prose is not a heading", f"{LEDE}\nWhy did the council wait three years, residents asked at the meeting on Tuesday?", [], 0),
    ("summary in prose is not a label", f"{LEDE}\nIn summary, the vote was close and the budget passed.", [], 0),
]


@pytest.mark.parametrize("case, text, starts, questions", SEO_CASES, ids=[c[0] for c in SEO_CASES])
def test_seo_blocks(case, text, starts, questions):
    article = make_article(text)
    result = padding.analyze(article)
    found = findings_of(result, "seo_block")
    assert all(article.text[f.start:f.end] == f.text for f in found)
    assert len(found) == len(starts)
    for finding, start in zip(found, starts):
        assert finding.text.startswith(start)
    assert result.features["seo_blocks"] == len(starts)
    assert result.features["question_headings"] == questions


def test_a_label_heads_the_list_under_it_and_stops_at_prose():
    text = f"{LEDE}\nKey Takeaways:\n- A $4 million budget passed.\n- The vote was 7-2.\n1. Hours get longer.\n{DIRECTOR}"
    [block] = findings_of(padding.analyze(make_article(text)), "seo_block")
    assert block.text.startswith("Key Takeaways:") and block.text.endswith("1. Hours get longer.")


def test_a_heading_over_a_list_is_the_box_and_the_story_goes_on_after_it():
    text = f"Key Points\n- A $4 million budget passed.\n- The vote was 7-2.\n{LEDE}\n{DIRECTOR}"
    [block] = findings_of(padding.analyze(make_article(text)), "seo_block")
    assert block.text.startswith("Key Points") and block.text.endswith("The vote was 7-2.")


def test_a_headline_naming_the_format_is_a_block_of_its_own_line_only():
    # "Library Budget: What You Need to Know" is the title of the whole piece; its body is not a template section.
    text = f"Library Budget: What You Need to Know\n{LEDE}\n{DIRECTOR}"
    [block] = findings_of(padding.analyze(make_article(text)), "seo_block")
    assert block.text == "Library Budget: What You Need to Know"
    section = f"{LEDE}\nWhat You Need to Know\n{DIRECTOR}"
    [block] = findings_of(padding.analyze(make_article(section)), "seo_block")
    assert block.text.startswith("What You Need to Know") and block.text.endswith(DIRECTOR.strip())


def test_faq_block_spans_its_questions_and_stops_at_next_heading():
    text = f"{LEDE}\nFAQ\nWhat did the council approve?\nA budget.\nBudget vote\n{DIRECTOR}"
    [block] = findings_of(padding.analyze(make_article(text)), "seo_block")
    assert block.text.endswith("A budget.")


# (case id, text, sentences expected to be flagged as filler)
FILLER_CASES = [
    ("remains to be seen", "It remains to be seen how the situation will evolve.", ["It remains to be seen how the situation will evolve."]),
    (
        "dialogue is crucial",
        "Experts note that dialogue is crucial as communities navigate the complexities of funding.",
        ["Experts note that dialogue is crucial as communities navigate the complexities of funding."],
    ),
    ("pivotal role", "This decision plays a pivotal role in shaping a brighter future.", ["This decision plays a pivotal role in shaping a brighter future."]),
    ("number and date make it concrete", "In 2023 the city council voted 7-2 to approve the plan, paving the way for repairs.", []),
    ("a named person makes it concrete", "The plan paves the way for new pipes, Mayor Ellen Ruiz said.", []),
    (
        "a sentence-initial name known from the article",
        "Mayor Ellen Ruiz spoke after the vote. Ruiz said the plan plays a pivotal role in the recovery.",
        [],
    ),
    ("a quote makes it concrete", '"This paves the way for real repairs at last," she said.', []),
    (
        "the end of a quotation that began earlier is a quote",
        '"We have waited long enough. Going forward, what will the league do about it?" the mayor asked.',
        [],
    ),
    ("the start of a quotation that runs on is a quote", '"It remains to be seen whether this works.\nWe will check every week," she said.', []),
    (
        "scare quotes do not make a sentence concrete",
        'This "historic" decision plays a pivotal role in shaping the future.',
        ['This "historic" decision plays a pivotal role in shaping the future.'],
    ),
    ("number words make it concrete", "Only time will tell whether three new wells are enough.", []),
    ("no stock phrase, no filler", "The library closes early on some days.", []),
    ("headings are not filler", "Paving the Way\nThe council voted 7-2 on Tuesday.", []),
]


@pytest.mark.parametrize("case, text, flagged", FILLER_CASES, ids=[c[0] for c in FILLER_CASES])
def test_filler(case, text, flagged):
    article = make_article(text)
    result = padding.analyze(article)
    found = findings_of(result, "filler")
    assert [f.text for f in found] == flagged
    for finding in found:
        assert article.text[finding.start:finding.end] == finding.text
        assert "Stock phrase" in finding.message
    assert (result.features["filler_word_share"] > 0) == bool(flagged)


def test_features_are_shares_and_rates_not_counts_of_length():
    short = f"Budget vote\n{LEDE}\n{DIRECTOR}"
    # The same density of headings and prose twice over: rates must not change.
    long = short + "\nHours and staff\n" + (
        "The council also voted 6-3 to spend $80,000 on new roofing for the Oak Avenue branch. "
        "Branch manager Luis Ortega said the roof had leaked since 2021."
    )
    a, b = padding.analyze(make_article(short)).features, padding.analyze(make_article(long)).features
    assert a["headings_per_1000_words"] == pytest.approx(b["headings_per_1000_words"], rel=0.3)
    assert a["padding_word_share"] == b["padding_word_share"] == 0


def test_padding_share_counts_every_kind_once():
    text = f"{LEDE}\nWhat did the council approve?\nThe council approved a $4 million budget for the Elm Street library on Tuesday.\nWhen was it?\nOn Tuesday.\nIt remains to be seen how the situation will evolve."
    result = padding.analyze(make_article(text))
    kinds = {f.kind for f in result.findings}
    assert kinds == {"seo_block", "redundancy", "filler"}
    assert 0 < result.features["padding_word_share"] < 1
    assert result.features["padding_word_share"] >= result.features["filler_word_share"]


def test_findings_index_the_article_text(fixtures):
    article = make_article((fixtures / "pair" / "padded.txt").read_text(encoding="utf-8"))
    result = padding.analyze(article)
    assert result.findings
    for finding in result.findings:
        assert article.text[finding.start:finding.end] == finding.text
        assert finding.message and "\n" not in finding.message


def test_reported_story_has_no_padding_findings(fixtures):
    article = make_article((fixtures / "pair" / "reported.txt").read_text(encoding="utf-8"))
    assert padding.analyze(article).findings == ()


def test_empty_article():
    result = padding.analyze(make_article(""))
    assert result.findings == ()
    assert all(value == 0 for value in result.features.values())


def test_every_feature_has_a_description():
    features = padding.analyze(make_article(LEDE)).features
    assert set(padding.DESCRIPTIONS) == set(features)
    for name, template in padding.DESCRIPTIONS.items():
        assert template.format(value=features[name])


def test_links_are_not_content():
    text = "Buy it here.\nhttp://amzn.to/2B5WGKP\nOr here.\nhttp://amzn.to/2i0gA5U\nAlso https://www.example.com/deals/switch-lite-bundle"
    assert findings_of(padding.analyze(make_article(text)), "redundancy") == []


def test_key_points_table_is_an_seo_block():
    """A "Key Points" table (as the extractor writes tables: one "| cell |" row per line) is a template block to its end."""
    text = (
        "The council voted 7-2 on Monday to inspect every ferry, the port director said.\n"
        "| Key Points |  |\n| Vote | The council voted 7-2 on Monday. |\n| Cost | $1.2 million a year |\n"
        "Inspections begin in March, officials said."
    )
    (block,) = findings_of(padding.analyze(make_article(text)), "seo_block")
    assert block.text.startswith("| Key Points |") and block.text.endswith("| Cost | $1.2 million a year |")
    # A table of figures that no template phrase heads is not one.
    plain = text.replace("| Key Points |  |", "| Ferry | Inspections |")
    assert not findings_of(padding.analyze(make_article(plain)), "seo_block")
    # Nor is a row inside a table that happens to start with one ("| Conclusion | False |" in a fact-check table).
    inside = text.replace("| Key Points |  |", "| Ferry | Inspections |\n| Conclusion | Passed |")
    assert not findings_of(padding.analyze(make_article(inside)), "seo_block")


def test_a_fact_repeated_past_the_search_cap_still_points_to_its_first_statement():
    # More repeats than padding.MAX_SEEDS_PER_WORD earlier sentences to search: every repeat
    # is still a restatement, and each one points to where the fact was first stated.
    repeats = 3 * padding.MAX_SEEDS_PER_WORD
    article = make_article("\n".join([LEDE, DIRECTOR] + [LEDE] * repeats))
    restatements = findings_of(padding.analyze(article), "redundancy")
    assert len(restatements) == repeats
    assert all(f.message.startswith('Repeats paragraph 1 word for word: "The council voted 7-2') for f in restatements)
