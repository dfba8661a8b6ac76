"""The systematic errors the findings audit found (benchmarks/findings_audit.md), each on fixtures written here.

Every case states what an editor expects; the mechanisms are grammar and lexicons, so each group holds
cases that must stay findings beside the ones that must go.
"""
from __future__ import annotations

import pytest

from scorer.ingest.clean import clean_text
from scorer.ingest.extract import drop_repeated_blocks
from scorer.ingest.segment import text_headline, split_paragraphs
from scorer.pipeline import article_from_text
from scorer.signals import attribution, padding
from scorer.signals.attribution import find_attributions
from signal_helpers import findings_of, make_article


def sources(text: str) -> list[str]:
    return [text[a.source_start:a.source_end] for a in find_attributions(text) if a.named]


# --- headings and title-case phrases are no named sources ---------------------------------------

@pytest.mark.parametrize("text, not_source", [
    ("Talks Planned\nDiplomats from both sides will meet in Geneva next week.", "Talks"),
    ("US Security Guarantees\nThe offer covers air defence and training.", "US Security"),
    ("Stay informed about the talks by checking this page again.", "Stay"),
    ("Keep informed about the talks by checking this page again.", "Keep"),
    ("Navigating the talks will be hard for both sides, saying so is easy.", "Navigating"),
    ('Title: "Shocking Allegation: Outrageous Conspiracy Emerges"', "Title"),
    ('FAQ: "What is on the table in Geneva?"', "FAQ"),
    ('Update: "The talks were moved to Vienna."', "Update"),
])
def test_headings_labels_and_verbs_are_no_sources(text, not_source):
    assert not_source not in sources(text)


@pytest.mark.parametrize("text, source", [
    ("Trump Says He Will Win\nThe president spoke in Ohio.", "Trump"),
    ("TAPPER: Do you think the talks will work?", "TAPPER"),
    ('John Bolton: "We will not sign this."', "John Bolton"),
    ("Manning said the talks would resume.", "Manning"),
    ("Irving told reporters the plan was dead.", "Irving"),
    ("The ministry said on Monday that the talks were planned.", "The ministry"),
])
def test_real_sources_stay(text, source):
    assert source in sources(text)


def test_a_heading_adds_no_trust_evidence():
    text = ("Talks Planned\n\nUS Security Guarantees\n\nStay informed about the talks by checking this page, "
            "which will carry the schedule once it is final and the venue once it is chosen.")
    result = attribution.analyze(make_article(text))
    assert findings_of(result, "named_source") == []
    assert result.features["named_sources_per_1000_words"] == 0.0
    assert result.features["distinct_named_sources"] == 0.0


def test_reports_with_nothing_to_say_which_are_no_cited_document():
    text = "Reports from the region indicated heavy shelling overnight in the east of the country."
    result = attribution.analyze(make_article(text))
    assert findings_of(result, "named_source") == []
    assert result.features["documents_cited_per_1000_words"] == 0.0
    cited = "Reports from Reuters indicated heavy shelling overnight in the east of the country."
    assert attribution.analyze(make_article(cited)).features["documents_cited_per_1000_words"] > 0.0


# --- template blocks -------------------------------------------------------------------------------

TABLE = "| Key Points | Details |\n|---|---|\n| Venue | Geneva |\n| Date | Next week |"


def test_a_markdown_table_divider_is_not_site_chrome():
    text = f"The talks resume next week, the ministry said.\n{TABLE}\nMore follows."
    cleaned, removed = clean_text(text)
    assert "|---|---|" in cleaned and removed == ()
    menu = "Home | News | Sport\n| | |\nThe talks resume next week, the ministry said."
    assert [(r.kind, "| | |" in r.text) for r in clean_text(menu)[1]] == [("site_chrome", True)]


def test_a_key_points_table_with_its_divider_is_a_template_block():
    text = f"The talks resume next week in Geneva, the ministry said on Monday.\n{TABLE}\nThe venue was chosen by both."
    article = article_from_text(text, is_html=False)
    blocks = findings_of(padding.analyze(article), "seo_block")
    assert len(blocks) == 1 and blocks[0].text.startswith("| Key Points |") and "|---|---|" in blocks[0].text


@pytest.mark.parametrize("text, questions", [
    # An interview's questions, a script's line, a blog roll's entry and sentences of the story are no template.
    ("Q: What is your favourite book?\nA: The one I am writing now, about the talks.\nQ: Where did you grow up?\nA: In Geneva.", 0),
    ("## What is your favourite book?\nA: The one I am writing now, about the talks.", 0),
    ("JENNIFER:\nBrad? Is this really you?\nI thought you had left for good.", 0),
    ("Cleveland Browns:\nWill Lewis be back next season?\nAkron Zips:\nAkron climbs the poll", 0),
    ("It felt hard.\nBut growth usually does feel uncomfortable, doesn't it?\nThe next stage lasts a while.", 0),
    ("We drink bottled water.\nReally, have you ever seen anything so gorgeous?\nHe learned early.", 0),
    # Template questions stay.
    ("## What happens next?\nThe council votes on Tuesday.", 1),
    ("What happens next?\nThe council votes on Tuesday.\nWho pays for the bridge?\nThe county pays half.", 2),
])
def test_question_headings(text, questions):
    result = padding.analyze(make_article(text))
    assert len([f for f in findings_of(result, "seo_block") if f.rule == "question heading"]) == questions


# --- restatements -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, flagged", [
    # Parallel sentences: the same frame, new numbers or names.
    ("In 2014, about 82 percent of murders involving white victims were committed by white people. "
     "Among murders involving black victims, 90 percent were committed by black people.", False),
    ("Imam Malik, the teacher of Imam Shafi, founded the Maliki school of law in Medina. "
     "Imam Shafi, the teacher of Imam Hanbal, founded the Shafi school of law in Baghdad.", False),
    # A restatement with nothing new stays one.
    ("The council voted to close the old bridge to heavy lorries from next spring. "
     "From next spring, the council's vote means heavy lorries can no longer use the old bridge.", True),
])
def test_parallel_sentences_are_not_restatements(text, flagged):
    assert bool(findings_of(padding.analyze(make_article(text)), "redundancy")) == flagged


def test_a_list_sharing_an_entry_with_another_list_is_not_a_restatement():
    text = ("The first model:\n- Quick access to the assistant by saying its name\n- Charges quickly in the case\n"
            "The second model:\n- Quick access to the assistant by saying its name\n- Sweat and water resistance")
    assert findings_of(padding.analyze(make_article(text)), "redundancy") == []


def test_a_page_printed_twice_by_the_extractor_loses_its_copy_only():
    block = "\n".join(f"Church number {i} holds a service at {i} p.m. on Monday at its hall on Main Street in town." for i in range(1, 8))
    assert drop_repeated_blocks(f"Events\n{block}\n{block}") == f"Events\n{block}"
    # A shorter run repeated on purpose (a plan for each day) stays.
    day = "Breakfast: oats\nLunch: soup\nDinner: fish"
    text = f"{block}\nDay 1\n{day}\nDay 2\n{day}"
    assert drop_repeated_blocks(text) == text


def test_filler_inside_a_quote_printed_with_doubled_apostrophes_is_the_speakers():
    text = ("''But most people wish they could go back and change what they spent, because a lot of it "
            "had no value in the long run,'' he said.")
    assert findings_of(padding.analyze(make_article(text)), "filler") == []


# --- a plain-text article's headline --------------------------------------------------------------

@pytest.mark.parametrize("text, title", [
    ("Peace Talks Resume in Geneva\nThe talks resume next week, officials said.", "Peace Talks Resume in Geneva"),
    ("Black Lawmakers Rip The Plan As A 'Disgusting Fraud.'\nThe plan was unveiled on Monday.",
     "Black Lawmakers Rip The Plan As A 'Disgusting Fraud.'"),
    ("# Talks resume\nThe talks resume next week, officials said.", "Talks resume"),
    ("The talks resume next week in Geneva after a pause of two months.\nOfficials said so.", None),
    ("GENEVA (AP) — The talks resume next week.\nOfficials said so.", None),
    ("Peace Talks Resume in Geneva", None),  # a single line is the article, not its headline
])
def test_plain_text_headline(text, title):
    assert text_headline(text, split_paragraphs(text)) == title


def test_a_txt_article_takes_its_first_line_as_title_and_heading():
    article = article_from_text("Peace Talks Resume in Geneva\n\nThe talks resume next week, officials said.", is_html=False)
    assert article.title == "Peace Talks Resume in Geneva"
    assert article.paragraphs[0].is_heading and not article.paragraphs[1].is_heading
    html_like_title = article_from_text("Peace Talks Resume in Geneva\n\nThe talks resume.", is_html=False).title
    assert html_like_title == "Peace Talks Resume in Geneva"
