"""Whom a quote's "he", "she" or "who" refers to (scorer.signals.attribution.antecedents), on generated sentences.

The speaker named in a quote finding's message: the person the pronoun's sentence is about when the grammar
says so plainly, else the last named source, as before.
"""
from __future__ import annotations

import itertools

import pytest

from scorer.pipeline import article_from_text
from scorer.signals import analyze_all
from scorer.signals.attribution.antecedents import antecedent

EARLIER = ["Mayor Linda Osei", "Senator Mark Feld", "Real Time host Bill Maher"]
SPEAKERS = ["Retired Army Col. Lawrence Wilkerson", "Israeli President Shimon Peres", "Khloé Kardashian", "Dr. Ava Shamban"]
QUOTE = "We will not let this stand, and everyone in the room knows it"


def _speaker_of_quote(text: str) -> str:
    findings = [f for f in analyze_all(article_from_text(text))["attribution"].findings if f.kind == "quote"]
    assert len(findings) == 1, [f.message for f in findings]
    return findings[0].message.split(" attributed to ", 1)[1].rstrip(".")


@pytest.mark.parametrize("earlier, speaker", list(itertools.product(EARLIER, SPEAKERS)))
def test_a_pronoun_inside_its_sentence_is_that_sentences_subject(earlier, speaker):
    pronoun = "she" if speaker in ("Khloé Kardashian", "Dr. Ava Shamban") else "he"
    text = (f"{earlier} said the plan was sound and the vote would go ahead. {speaker} started the argument when "
            f"{pronoun} brought up the budget and later said, “{QUOTE}.” The meeting ended at nine.")
    assert _speaker_of_quote(text) == speaker


@pytest.mark.parametrize("earlier, speaker", list(itertools.product(EARLIER, SPEAKERS)))
def test_who_is_the_name_right_before_it(earlier, speaker):
    text = (f"{earlier} said the talks would go on next week. The minister flew in for talks with {speaker}, "
            f"who cautioned that the negotiations “{QUOTE}.” The talks ended at nine.")
    assert _speaker_of_quote(text) == speaker


@pytest.mark.parametrize("earlier", EARLIER)
def test_a_pronoun_opening_its_sentence_takes_the_subject_before_it(earlier):
    text = (f"{earlier} said the campaign was a success. Kardashian's sister, Khloé Kardashian, also took to "
            f"social media to praise the work. She tweeted, “{QUOTE}.”")
    assert _speaker_of_quote(text) == "Khloé Kardashian"


@pytest.mark.parametrize("earlier", EARLIER)
def test_what_the_grammar_does_not_say_keeps_the_last_named_source(earlier):
    # A sentence opened by a quotation: its capitalised first words are the quotation's, not a subject.
    assert _speaker_of_quote(f"{earlier} said the vote was close. “Linda Osei would have done her best for us all,” he added.") == earlier
    # "the" before a name: an organisation, not whom "who" means ("a lawyer for the Sierra Club, who").
    text = f"“{QUOTE},” said {earlier}, a lawyer for the Sierra Club, who has fought the mine for years."
    assert antecedent(text, text.index("who has"), "who", [0]) is None
    # No full name opens the sentence: the last named source.
    assert _speaker_of_quote(f"{earlier} said the bridge would reopen. After a visit to New York, she said, “{QUOTE}.”") == earlier
    # "they" is a crowd, never resolved to one person.
    assert antecedent(f"{earlier} spoke. Residents Jane Roe and others met. They said", 45, "they", [0]) is None
