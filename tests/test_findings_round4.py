"""Findings round 4: vague attributions whose source a neighbouring sentence names (generalities/nearby.py).

Chosen on audit seeds 1-7 (benchmarks/findings_audit.md, "Findings round 4"); generated grids both ways: the
class (no finding) and its recall guards (the finding stays). All sentences are written here.
"""
from __future__ import annotations

import itertools

import pytest

from scorer.signals import generalities
from signal_helpers import findings_of, make_article

HEARSAY = ["reportedly", "supposedly", "is said to"]
OUTLETS = ["According to an insider at Star Weekly,", "According to a new Daily Ledger report,",
           "According to a report by Us Weekly,", "According to Reuters,"]
OUTLET_CLAIMS = ["Radar Online claims that", "The Daily Ledger reported that", "Reuters reports that"]


def vague(text: str) -> list[str]:
    return [" ".join(f.text.split()) for f in findings_of(generalities.analyze(make_article(text)), "vague_attribution")]


def hearsay_sentence(cue: str) -> str:
    verb = "plan" if cue == "is said to" else "plans"
    return f"The singer {cue} {verb} a tour of the coast next spring."


@pytest.mark.parametrize("cue, outlet", list(itertools.product(HEARSAY, OUTLETS)))
def test_hearsay_is_sourced_by_a_named_outlet_in_the_next_sentence(cue, outlet):
    text = f"The band met in a studio in May. {hearsay_sentence(cue)} {outlet} the dates are not fixed yet."
    assert cue not in vague(text)


@pytest.mark.parametrize("cue, outlet", list(itertools.product(HEARSAY, OUTLET_CLAIMS)))
def test_hearsay_is_sourced_by_an_outlet_in_its_own_sentence(cue, outlet):
    verb = "plan" if cue == "is said to" else "plans"
    text = f"The band met in a studio in May. {outlet} the singer {cue} {verb} a tour of the coast. Tickets are cheap."
    assert cue not in vague(text)


@pytest.mark.parametrize("cue, unnamed", list(itertools.product(HEARSAY, [
    "According to a source close to Pitt,", "According to a source familiar with the plans,",
    "According to sources,", "According to insiders,", "According to the report,", "The report claims that"])))
def test_hearsay_stays_when_the_neighbour_names_no_outlet(cue, unnamed):
    text = f"The band met in a studio in May. {hearsay_sentence(cue)} {unnamed} the dates are not fixed yet."
    assert cue in vague(text)


@pytest.mark.parametrize("cue, outlet", list(itertools.product(HEARSAY, OUTLETS)))
def test_hearsay_stays_when_the_outlet_is_two_sentences_away(cue, outlet):
    text = f"{hearsay_sentence(cue)} The band met in a studio in May. {outlet} the dates are not fixed yet."
    assert cue in vague(text)


@pytest.mark.parametrize("cue, outlet", list(itertools.product(HEARSAY, OUTLETS)))
def test_hearsay_stays_when_the_outlet_comes_before(cue, outlet):
    # Chosen on seeds 1-7: a named source in the sentence before was judged correct as often as wrong.
    text = f"The band met in a studio in May. {outlet} the dates are not fixed yet. {hearsay_sentence(cue)}"
    assert cue in vague(text)


LEGAL = ["Prosecutors charged him last week.", "The case goes to trial in June.",
         "Police arrested the pair on Friday.", "The lawsuit was filed in a state court."]
ALLEGED = ["He allegedly moved the money through three shell companies.",
           "The pair allegedly sold the forged tickets outside the stadium."]


@pytest.mark.parametrize("legal, claim, after", list(itertools.product(LEGAL, ALLEGED, [False, True])))
def test_allegedly_beside_a_charge_across_a_paragraph_break_is_the_legal_caution(legal, claim, after):
    text = f"The market opened late.\n\n{claim}\n\n{legal}" if after else f"{legal}\n\n{claim}\n\nThe market opened late."
    assert "allegedly" not in vague(text)


@pytest.mark.parametrize("claim", ALLEGED)
def test_allegedly_without_a_charge_nearby_stays(claim):
    text = f"The market opened late.\n\n{claim}\n\nThe weather was mild and the shops were busy."
    assert "allegedly" in vague(text)


def test_the_rates_still_count_a_cue_whose_source_is_named_nearby():
    # Only the findings change: the family's rates (and the model) see the same cues as before.
    sourced = f"The band met in a studio in May. {hearsay_sentence('reportedly')} According to Reuters, the dates are open."
    unsourced = f"The band met in a studio in May. {hearsay_sentence('reportedly')} In the end, the dates are open."
    a, b = generalities.analyze(make_article(sourced)), generalities.analyze(make_article(unsourced))
    assert a.features["vague_attributions_per_1000_words"] > 0.0
    assert "reportedly" in vague(unsourced) and "reportedly" not in vague(sourced)
    assert a.features["vague_attributions_per_1000_words"] == b.features["vague_attributions_per_1000_words"]


# --- named_source: an object inside a relative clause or an appositive is no source ------------------------

from scorer.signals import attribution  # noqa: E402

SPEAKERS = ["Democrats in Iowa", "Two voters", "Several officials"]
RELATIVE = ["who watched the Saturday debate", "who attended the Winter Gala", "who had visited Camp David",
            "that backed the Green Party"]


def named(text: str) -> list[str]:
    return [" ".join(f.text.split()) for f in findings_of(attribution.analyze(make_article(text)), "named_source")]


@pytest.mark.parametrize("speakers, relative", list(itertools.product(SPEAKERS, RELATIVE)))
def test_the_object_of_a_relative_clause_is_not_the_speaker(speakers, relative):
    obj = relative.split(None, 2)[-1].replace("visited ", "")
    text = f"The race tightened in the last week. {speakers} {relative} said the plan would cost too much."
    assert not any(obj.split()[-1] in source for source in named(text))


@pytest.mark.parametrize("place", ["Fort Lauderdale, Florida", "Leeds", "the Bank of England"])
def test_a_place_in_an_appositive_is_not_the_speaker(place):
    text = f"Prices kept rising. Harvey Collier, a mortgage broker in {place}, said the market would cool."
    assert not any(place.split()[-1] in source and "Collier" not in source for source in named(text))


@pytest.mark.parametrize("speaker", ["Senator Jane Roe", "Harvey Collier", "The Bank of England"])
def test_a_plain_subject_still_names_its_source(speaker):
    text = f"Prices kept rising. {speaker} said the market would cool."
    assert any(speaker.split()[-1] in source for source in named(text))


@pytest.mark.parametrize("head", ["The company", "The group", "A charity"])
def test_a_named_subject_after_a_relative_clause_stays(head):
    # the relative clause belongs to an earlier phrase; the subject of "said" follows a comma of its own
    text = f"{head} that runs the fair, Harvey Collier said, will open the gates early."
    assert any("Collier" in source for source in named(text))


def test_a_document_cited_with_in_stays_a_source():
    text = "The race tightened. One in four voters in a New York Times poll said the plan would cost too much."
    assert any("poll" in source for source in named(text))


@pytest.mark.parametrize("cue", HEARSAY)
def test_an_outlet_reporting_its_own_claim_in_the_next_sentence_does_not_source_the_hearsay(cue):
    text = f"{hearsay_sentence(cue)} In the old days, as Hedrick Smith reported in his book, the rulers lived well."
    assert cue in vague(text)
