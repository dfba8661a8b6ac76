"""Findings round 3: error classes of the seed-7 audit (benchmarks/findings_audit.md), as generated grids.

Each class is fixed by a mechanism (grammar, a closed word class, a lexicon); each grid crosses several frames
and holds the counter-cases that must still be found (recall guards). All sentences are written here.
"""
from __future__ import annotations

import itertools

import pytest

from scorer.core.clauses import statement_follows
from scorer.signals import attribution
from scorer.signals.generalities.cues import find_cues
from signal_helpers import findings_of, make_article


def grid(*axes) -> list[tuple]:
    return list(itertools.product(*axes))


def named(text: str) -> list[str]:
    return [f.text for f in findings_of(attribution.analyze(make_article(text)), "named_source")]


def cues(text: str, kind: str) -> list[str]:
    return [c.text for c in find_cues(text) if c.kind == kind]


NAMES = ["Caitlyn Jenner", "Senator Jane Roe", "Mr. Clarke", "the company's chief executive"]
CLAIM = "the plan would cost less than expected"

# --- named_source: a negated verb reports no words ---------------------------------------------------------


@pytest.mark.parametrize("name, negated", grid(NAMES, ["has not commented", "did not respond", "has never commented publicly",
                                                      "hasn't responded", "did not comment",
                                                      "did not agree over whether the fee was fair, nor"]))
def test_a_negated_reporting_verb_names_no_source(name, negated):
    text = f"The story spread quickly online. {name} {negated} on the matter, but fans kept guessing."
    assert named(text) == []


@pytest.mark.parametrize("name, verb", grid(NAMES, ["did not say that", "has never claimed that", "hasn't said whether",
                                                   "said", "has said"]))
def test_a_statement_after_the_verb_still_names_the_source(name, verb):
    text = f"The story spread quickly online. {name} {verb} {CLAIM}."
    assert any(name.split()[-1] in n for n in named(text))


# --- named_source: actions with an object, not statements --------------------------------------------------


@pytest.mark.parametrize("name, action", grid(NAMES, [
    "rejected a bid of four million pounds from a rival", "has rejected the offer from the buyers",
    "sketched a plan to bundle the offsets with coal", "is advocating for stricter borders and new limits",
    "could deny them mining permits until the work was completed", "supports independence but the neighbours are opposed",
]))
def test_an_action_with_an_object_is_no_statement(name, action):
    text = f"The talks went on for months. {name} {action}."
    assert named(text) == []


@pytest.mark.parametrize("name, verb", grid(NAMES, ["rejected the claim that", "advocates that", "denied that",
                                                   "supports the view that"]))
def test_the_same_verbs_with_a_that_clause_still_name_the_source(name, verb):
    text = f"The talks went on for months. {name} {verb} {CLAIM}."
    assert any(name.split()[-1] in n for n in named(text))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("answer", ["rejected the allegation.", "rejected Abbas' call for talks.", "backed the proposal.",
                                    "rejected a bid from the rivals. \u201cIt is far too low,\u201d the statement read.",
                                    "has never indicated their response was hindered.", "did not indicate when police arrived."])
def test_rejecting_what_was_said_or_a_quotation_next_still_names_the_source(name, answer):
    text = f"The talks went on for months. {name} {answer} Talks resume on Monday."
    assert any(name.split()[-1] in n for n in named(text))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("procedure", ["filed a lawsuit against the department", "released the figures on Monday",
                                       "hired a new coach"])
def test_a_procedure_before_a_quotation_is_no_statement(name, procedure):
    text = f"The group was busy. {name} {procedure}. \u201cWe will see them in court,\u201d a lawyer said."
    assert not any(name.split()[-1] in n for n in named(text))


@pytest.mark.parametrize("lead", ["Talking to reporters", "In reply to questions", "Next to officials"])
def test_a_plural_noun_after_to_is_no_infinitive(lead):
    assert named(f"{lead} Senator Jane Roe said that {CLAIM}.")


@pytest.mark.parametrize("lead", ["close enough to what", "a reply to what", "similar to how"])
def test_a_wh_word_after_to_is_no_infinitive(lead):
    text = f"The deal is {lead} the Writers Guild of America wants that it will get them back to the table."
    assert named(text)


@pytest.mark.parametrize("head, verb", grid(["fans", "supporters", "voters", "grassroots activists"], ["insist", "say", "argue"]))
@pytest.mark.parametrize("modifier", ["Trump", "Republican", "Apple", "Labour Party"])
def test_a_bare_plural_crowd_of_the_public_is_not_a_named_source(modifier, head, verb):
    text = f"The convention opened on Monday. {modifier} {head} {verb} that {CLAIM}."
    assert named(text) == []


@pytest.mark.parametrize("crowd, verb", grid(["Whistleblowers", "Critics", "Supporters"], ["reveal", "say"]))
def test_a_crowd_word_capitalised_at_a_sentence_start_is_no_name(crowd, verb):
    assert named(f"The politician controls the weather. {crowd} {verb} that {CLAIM}.") == []


@pytest.mark.parametrize("source", ["the Trump campaign", "Google spokesman Tom Watts", "Senate Majority Leader Tom Watts",
                                    "the Labour Party", "McConnell aides", "Alibaba leaders", "Former New Zealand players"])
def test_a_capitalised_head_or_a_definite_group_stays_named(source):
    text = f"The convention opened on Monday. {source} said that {CLAIM}."
    assert named(text)


# --- named_source: not a source at all ----------------------------------------------------------------------


@pytest.mark.parametrize("verb, obj", grid(["bring back", "hire", "sign", "cast"],
                                            ["both Pratt and Howard", "Chris Pratt", "Ann Cole and Tom Watts"]))
def test_the_object_of_an_infinitive_is_no_source(verb, obj):
    text = f"The sequel is coming. The decision to {verb} {obj} indicates that the studio understood the stakes."
    assert named(text) == []


@pytest.mark.parametrize("noun, naming, name", grid(["vessel", "ship", "boat", "tanker"], ["called", "named", "dubbed"],
                                                    ["LT Cortesia", "Blue Horizon"]))
def test_a_common_noun_before_a_naming_verb_is_no_source(noun, naming, name):
    text = f"The 90,000-tonne German-registered {noun} {naming} {name} had 27 people on board."
    assert named(text) == []


@pytest.mark.parametrize("page, verb", grid(["This website", "This site", "This newsletter", "The service"],
                                            ["is published by", "is provided by", "was produced by"]))
def test_a_page_ownership_footer_names_no_source(page, verb):
    text = f"Please read our Privacy Policy. {page} {verb} a member of the News International Group. All rights reserved."
    assert named(text) == []


@pytest.mark.parametrize("label", ["PDF", "Audio", "Slideshow", "Download", "Infographic"])
def test_a_media_label_is_no_speaker(label):
    text = f"View the file now\n\n{label}: San Diego vs. Tennessee wildcard playoffs\n\nThe game starts at noon."
    assert named(text) == []


# --- hedge: words that soften no claim --------------------------------------------------------------------


@pytest.mark.parametrize("adjective, modal, verb", grid(["improbable", "easy", "strange", "odd"], ["may", "might"],
                                                         ["seem", "sound", "appear"]))
@pytest.mark.parametrize("lead", ["As {a} as it {m} {v}, ", "{A} as it {m} {v}, ", "But as {a} as this {m} {v}, "])
def test_a_concession_frame_is_no_hedge(lead, adjective, modal, verb):
    opening = lead.format(a=adjective, A=adjective.capitalize(), m=modal, v=verb)
    text = f"The mine was a wreck. {opening[0].upper()}{opening[1:]}Mr. Clarke said the deal had played to his advantage."
    assert cues(text, "hedge") == []


@pytest.mark.parametrize("modal", ["may", "might"])
@pytest.mark.parametrize("claim", ["the deal {m} seem improbable to some.", "it {m} be the best deal in years.",
                                   "the plan {m} fail as it did before."])
def test_a_modal_outside_a_concession_frame_is_still_a_hedge(modal, claim):
    text = f"The mine was a wreck. Mr. Clarke said {claim.format(m=modal)}"
    assert cues(text, "hedge")


@pytest.mark.parametrize("before", ["40 percent of", "all", "the share of", "two", "many"])
@pytest.mark.parametrize("adjective, noun", grid(["likely", "possible", "probable"], ["Democrat voters", "outcomes", "causes"]))
def test_a_prenominal_likely_or_possible_is_a_term(before, adjective, noun):
    text = f"In the new poll, {before} {adjective} {noun} were counted."
    assert cues(text, "hedge") == []


@pytest.mark.parametrize("claim", ["The plan will likely fail.", "It is likely that the plan will fail.",
                                   "The plan is likely to fail.", "It is possible that the plan will fail.",
                                   "The plan could possibly fail.", "A delay is probable."])
def test_likely_and_possible_as_predicates_stay_hedges(claim):
    assert cues(f"The vote is next week. {claim}", "hedge")


@pytest.mark.parametrize("verb", ["achieve", "build", "cut"])
@pytest.mark.parametrize("frame", ["shows that it is possible to {v} more", "demonstrates that it is possible to {v} more",
                                   "proved it was possible to {v} more"])
def test_an_ability_shown_is_no_hedge(frame, verb):
    text = f"The city did well. It {frame.format(v=verb)} for everyone."
    assert cues(text, "hedge") == []


@pytest.mark.parametrize("lead", ["", "As a likely cost-saving measure, ", "The likely winner is clear: ",
                                  "The skater dies of likely overdose: "])
def test_a_bare_possible_to_or_a_likely_after_an_article_stays_a_hedge(lead):
    text = f"The book is fair. {lead}it is possible to guess the solution early." if not lead else f"{lead}the shows moved."
    assert cues(text, "hedge")


@pytest.mark.parametrize("question", ["How can he possibly justify it", "Who could possibly believe that",
                                      "How could they possibly win"])
def test_possibly_in_a_rhetorical_question_is_emphasis(question):
    assert cues(f"The bill is full of earmarks. {question}?", "hedge") == []


@pytest.mark.parametrize("noun", ["uncertainty", "speculation"])
@pytest.mark.parametrize("frame", ["The club drew a line under the {n} about his future.",
                                   "Her move is the subject of much {n}.", "He put an end to all the {n} on Monday."])
def test_a_doubt_noun_naming_the_situation_is_no_hedge(frame, noun):
    assert cues(f"The season is over. {frame.format(n=noun)}", "hedge") == []


@pytest.mark.parametrize("noun", ["uncertainty", "speculation"])
@pytest.mark.parametrize("frame", ["There is much {n} that he will leave.", "The {n} surrounding his move grows.",
                                   "There has been some {n} about his future."])
def test_a_doubt_noun_as_subject_or_with_there_is_stays_a_hedge(frame, noun):
    assert cues(f"The season is over. {frame.format(n=noun)}", "hedge")


@pytest.mark.parametrize("pronoun, modal, verb", grid(["He", "She", "The writer"], ["may", "can", "could"],
                                                      ["be reached at", "be contacted at", "be reached by"]))
def test_contact_boilerplate_is_no_hedge(pronoun, modal, verb):
    text = f"Frank Bodani is a writer for the paper. {pronoun} {modal} {verb} fbodani@example.com."
    assert cues(text, "hedge") == []


@pytest.mark.parametrize("modal", ["may", "might"])
@pytest.mark.parametrize("reaction", ["a surprise", "no surprise", "a shock"])
def test_come_as_a_surprise_is_an_idiom(modal, reaction):
    assert cues(f"Blake's fondness for the trip {modal} come as {reaction}.", "hedge") == []


# --- vague_attribution ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("crowd, verb", grid(["fans of the couple", "viewers", "critics"], ["hoping", "expecting", "wishing"]))
def test_no_doubt_is_certainty_not_a_crowd_verb(crowd, verb):
    text = f"The pair split in May. However, {crowd} are no doubt {verb} that the two will reunite."
    assert not any(c.endswith("doubt") for c in cues(text, "vague_attribution"))


@pytest.mark.parametrize("crowd", ["researchers", "scientists", "engineers"])
@pytest.mark.parametrize("time", ["one day", "someday", "eventually"])
def test_a_goal_is_no_statement(crowd, time):
    assert not statement_follows(f" {time} to harness that power.", 0)
    assert not any(crowd in c for c in cues(f"Stem cells are master cells and {crowd} hope {time} to harness that power.",
                                            "vague_attribution"))


@pytest.mark.parametrize("crowd", ["researchers", "scientists", "experts"])
def test_a_crowd_claiming_is_still_a_vague_attribution(crowd):
    assert cues(f"Stem cells are master cells and {crowd} believe they will cure diseases.", "vague_attribution")


@pytest.mark.parametrize("source", ["the study", "the report", "the new survey", "this report"])
@pytest.mark.parametrize("cue", ["reportedly", "allegedly"])
def test_a_source_named_earlier_in_the_sentence_covers_reportedly(source, cue):
    text = f"The diet went viral. According to {source}, participants {cue} burned 700 calories a night."
    assert cue not in cues(text, "vague_attribution")


@pytest.mark.parametrize("lead", ["According to sources, ", "", "Online, "])
def test_reportedly_with_no_named_source_stays_vague(lead):
    text = f"The diet went viral. {lead}participants reportedly burned 700 calories a night."
    assert "reportedly" in cues(text, "vague_attribution")


@pytest.mark.parametrize("prep", ["to", "for"])
@pytest.mark.parametrize("crowd", ["journalists", "reporters", "fans"])
def test_a_crowd_spoken_to_is_no_source(prep, crowd):
    text = f"When he announced his side {prep} {crowd} for his first game in charge, Keegan had only ten names."
    assert cues(text, "vague_attribution") == []


@pytest.mark.parametrize("crowd", ["journalists", "experts", "critics"])
def test_according_to_a_crowd_is_still_vague(crowd):
    assert cues(f"The side was weak. According to {crowd}, Keegan had only ten names.", "vague_attribution")
