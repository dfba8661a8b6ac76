"""Generalities signal: vague attribution, hedges, sweeping statements -- positive and negative cases."""
from __future__ import annotations

import math
import re

import pytest

from scorer.knowledge.lexicons import load_lexicon, phrase_pattern
from scorer.signals import generalities
from scorer.signals.generalities import find_cues, is_uncertain, parse_weights, sentence_cues, trie_pattern
from signal_helpers import findings_of, make_article

# (case id, text, the span expected as a vague_attribution finding or None for no such finding)
VAGUE_CASES = [
    ("experts say", "Experts say the new bridge is unsafe.", "Experts say"),
    ("observers note", "Observers note that turnout was low.", "Observers note"),
    ("critics have argued", "Critics have argued that the tax is unfair.", "Critics have argued"),
    ("some reports suggest", "Some reports suggest the minister will resign.", "Some reports suggest"),
    ("it has been revealed", "It has been revealed that the club is in debt.", "It has been revealed"),
    ("sceptics have warned", "Sceptics have warned that the dam could burst.", "Sceptics have warned"),
    ("it is widely acknowledged", "It is widely acknowledged that the scheme failed.", "It is widely acknowledged"),
    ("many believe", "Many believe the count was rigged.", "Many believe"),
    ("according to experts", "According to experts, the water is safe to drink.", "According to experts"),
    ("verb before the crowd", '"The cuts will hurt," say critics.', "say critics"),
    ("modifier and quantifier", "Some health experts warn of a second wave.", "Some health experts warn"),
    ("crowd with a lower-case qualifier", "Critics of the plan say it favours developers.", "Critics of the plan say"),
    ("aside without names", "Critics, however, argue that the fee is too high.", "Critics, however, argue"),
    ("an unmeasured crowd as source", "Countless residents have complained.", "Countless residents have complained"),
    ("people familiar", "People familiar with the matter said a deal was close.", "People familiar with the matter said"),
    ("hearsay adverb", "The striker is reportedly unhappy at the club.", "reportedly"),
    ("agentless passive", "The mayor is said to be furious.", "is said to"),
    ("widely regarded", "The bill is widely regarded as a failure.", "is widely regarded"),
    # Not vague: a name is attached, or the people were introduced before.
    ("named organisation follows", "Experts at the Met Office said rain was due.", None),
    ("names in an aside", "Critics, including Senator Jane Roe, argued that the tax is unfair.", None),
    ("named organisation before", "Met Office experts said the storm had passed.", None),
    ("names after such as", "Critics such as Jane Roe say the plan is flawed.", None),
    ("according to named experts", "According to experts at Oxford University, the risk is low.", None),
    ("quantified crowd with names", "Some critics, such as Jane Roe, disagree.", None),
    ("determiner points back", "The researchers said the trial was a success.", None),
    ("possessive points back", "The company's critics said the price was too high.", None),
    ("a named person", "Jane Roe, a critic of the plan, said it was unfair.", None),
    ("a crowd that is not a source", "The experts' report was published on Monday.", None),
    ("a named source", "Police said the man was arrested on Friday.", None),
    # Found by the findings audit (benchmarks/findings_audit.md).
    ("while some is a subject, not a source", "While some aspects of the plan remain secret, the outline is public.", None),
    ("some people is a subject, not a source", "Some people are able to build a business in a year.", None),
    ("so-called names a term", "The so-called list-sharing deals need approval.", None),
    ("a plural crowd takes no -s verb", "The senator has broken many promises to the voters.", None),
    ("a pronoun's clause", "You can ignore most of the information you see.", None),
    ("a granted point", "While some may understand her wish, the plan is still odd.", None),
    ("think tanks are a noun", "Multiple sources familiar with the think tanks' work indicated a ceasefire.",
     "sources familiar with the think tanks' work indicated"),
    ("while some with a verb stays", "While some say the plan works, the council disagrees.", "some say"),
    ("people with a verb stays", "Some people say the count was rigged.", "Some people say"),
]


@pytest.mark.parametrize("case, text, span", VAGUE_CASES, ids=[c[0] for c in VAGUE_CASES])
def test_vague_attribution(case, text, span):
    found = findings_of(generalities.analyze(make_article(text)), "vague_attribution")
    if span is None:
        assert found == [], f"{case}: unexpected {[f.text for f in found]}"
    else:
        assert [f.text for f in found] == [span], case
        assert found[0].message.startswith("Vague attribution:")


# (case id, text, the span expected as a hedge finding or None for no hedge)
HEDGE_CASES = [
    ("modal may", "The bridge may collapse this winter.", "may"),
    ("may at a sentence start is the verb", "May the new rules work better than the old ones.", "May"),
    ("might be", "The leak might be older than the survey.", "might be"),
    ("probably", "The minister will probably resign.", "probably"),
    ("it seems", "It seems the vote was lost.", "It seems"),
    ("suggest", "The results suggest a link between the two.", "suggest"),
    ("perhaps", "Perhaps the mayor knew all along.", "Perhaps"),
    ("may have", "The fire may have started in the kitchen.", "may have"),
    ("alleged", "The alleged fraud cost the council $2m.", "alleged"),
    # Not hedges.
    ("may the month", "The vote was held in May.", None),
    ("may with a date", "The law took effect on May 1 after a long debate.", None),
    ("may at a sentence start, month", "May 2024 was the wettest month on record.", None),
    ("may the name", "Theresa May resigned as prime minister in 2019.", None),
    ("approximate figure", "About 200 people attended the meeting.", None),
    ("conditional", "If the river rises, the road will close.", None),
    ("named speaker's verb", "Jane Roe argued that the tax was unfair.", None),
    ("inside a quotation", '"This may well be the end of the line," said Jane Roe.', None),
    ("plain fact", "The council approved the budget on Tuesday by seven votes to two.", None),
    ("a polling term", "The poll of 1,000 likely voters was taken on Monday.", None),
    ("a named speaker's suggestion", "Sen. Ben Sasse suggested that he would look for a third candidate.", None),
    ("points to, citing", "The president points to the intensity of tribal division.", None),
    ("evidence suggests", "The data suggest the scheme is working.", "suggest"),
    # Not hedges either, found by the findings audit (benchmarks/findings_audit.md).
    ("a stated unknown", "The cause of the fire is unclear.", None),
    ("an allegation is a claim named", "The mayor denied the allegations in a statement.", None),
    ("a judgement, not doubt", "The council approved the controversial budget.", None),
    ("no evidence is not a softener", "The coroner said there was no evidence of foul play.", None),
    ("a share left unmeasured is sweeping", "The rise was largely driven by fuel prices.", None),
    ("avoided, not hedged", "Readers should avoid relying on unverified sources.", None),
    ("a concessive may", "While the rumour may sound exciting, the mayor denied it on Monday.", None),
    ("a concessive might", "Although the plan might look simple, it took four years to write.", None),
    ("supposed to is expectation", "The bridge was supposed to open in March.", None),
    ("an unconcessive may stays", "The bridge may open in March, the mayor said.", "may"),
    ("a trailing though clause still doubts", "The date is not set, though the vote might force a decision.", "might"),
    ("a counterfactual", "Others could have saved but didn't, and now they are panicking.", None),
    ("a counterfactual, then instead", "Voters could have backed his allies. Instead, they handed him a defeat.", None),
    ("an epistemic could have stays", "The fire could have started in the kitchen, the report said.", "could have"),
    ("unverified as a hedge stays", "The unverified video shows the mayor at the scene.", "unverified"),
]


@pytest.mark.parametrize("case, text, span", HEDGE_CASES, ids=[c[0] for c in HEDGE_CASES])
def test_hedge(case, text, span):
    found = findings_of(generalities.analyze(make_article(text)), "hedge")
    if span is None:
        assert found == [], f"{case}: unexpected {[f.text for f in found]}"
    else:
        assert [f.text for f in found] == [span], case
        assert found[0].message.startswith(f"Hedge: '{span}'")


# (case id, text, expected: has at least one sweeping cue)
SWEEPING_CASES = [
    ("superlative without a measure", "It is one of the greatest achievements in the city's history.", True),
    ("praise word", "The legendary coach returned to the club.", True),
    ("unmeasured quantity", "Countless homes were damaged in the storm.", True),
    ("a measured fact", "The bridge is 300 metres long and opened in 1998.", False),
    ("approximate number, not a crowd", "Some 200 people were evacuated.", False),
    ("a hyphenated word is not the phrase in it", "She wrote the best-known guide.", True),
]


@pytest.mark.parametrize("case, text, expected", SWEEPING_CASES, ids=[c[0] for c in SWEEPING_CASES])
def test_sweeping(case, text, expected):
    cues = [c for c in sentence_cues(text) if c.kind == "sweeping"]
    assert bool(cues) is expected, f"{case}: {[c.text for c in cues]}"
    if cues:
        assert all(text[c.start:c.end] == c.text for c in cues)


def test_hyphenated_compound_matches_whole():
    cues = sentence_cues("She wrote the best-known guide.")
    assert [c.text for c in cues] == ["best-known"]


# (sentence, expected is_uncertain)
SENTENCE_CASES = [
    ("Experts say the plan may fail.", True),
    ("It is probably the oldest church in the county.", True),
    ("Some critics have argued that the stadium is one of the worst in Europe.", True),
    ("It is believed that the painting was lost in the fire.", True),
    ("The council voted 7-2 on Tuesday to approve the budget.", False),
    ("Jane Roe, who chairs the committee, said the vote was delayed until May.", False),
    ("The station opened in 1901 and closed in 1965.", False),
]


@pytest.mark.parametrize("sentence, expected", SENTENCE_CASES, ids=[c[0][:40] for c in SENTENCE_CASES])
def test_is_uncertain(sentence, expected):
    assert is_uncertain(sentence) is expected


def test_features_are_normalised_and_named():
    text = (
        "Experts say the new bridge may collapse. The council voted 7-2 on Tuesday to approve repairs.\n"
        "It is widely acknowledged that the contractor was late. Jane Roe, the city engineer, said work starts in May."
    )
    result = generalities.analyze(make_article(text))
    assert result.family == "generalities"
    assert set(result.features) == set(generalities.DESCRIPTIONS)
    words = len(re.findall(r"[A-Za-z][A-Za-z'’-]*", text))
    assert result.features["vague_attributions_per_1000_words"] == pytest.approx(2 * 1000 / words)
    assert result.features["hedges_per_1000_words"] == pytest.approx(1 * 1000 / words)
    assert result.features["uncertain_sentence_share"] == pytest.approx(2 / 4)
    for finding in result.findings:
        assert text[finding.start:finding.end] == finding.text
    # Twice the article, same rates: a long article is not penalised for its length.
    doubled = generalities.analyze(make_article(text + "\n" + text))
    for name, value in result.features.items():
        assert doubled.features[name] == pytest.approx(value, rel=1e-6)


def test_empty_article():
    result = generalities.analyze(make_article(""))
    assert result.findings == ()
    assert all(value == 0.0 and math.isfinite(value) for value in result.features.values())


def test_findings_index_the_whole_article_text():
    text = "Budget vote\nThe council met on Monday.\nCritics have argued that the plan is probably too costly."
    article = make_article(text)
    findings = generalities.analyze(article).findings
    assert [(f.kind, f.text) for f in findings] == [
        ("vague_attribution", "Critics have argued"),
        ("hedge", "probably"),
    ]
    assert all(article.text[f.start:f.end] == f.text for f in findings)


def test_descriptions_fill_in():
    for name, template in generalities.DESCRIPTIONS.items():
        assert template.format(value=0.25)


# --- the weights file --------------------------------------------------------------------------------


def test_parse_weights_defaults_and_bias():
    weights = parse_weights(["# comment", "-1.5 (bias)", "+2.0 hedge: probably   # 86 sentences", "1.25 (default hedge)", ""])
    assert weights.bias == -1.5
    assert weights.of("hedge: probably", "hedge") == 2.0
    # A phrase a newsroom adds to a lexicon has no learned weight: it takes its kind's default.
    assert weights.of("hedge: conceivably not", "hedge") == 1.25
    assert weights.of("sweeping: anything", "sweeping") == 0.0


def test_parse_weights_names_the_bad_line():
    with pytest.raises(ValueError, match="line 2"):
        parse_weights(["-1 (bias)", "probably 2.0"])


def test_shipped_weights_load_and_every_default_is_present():
    weights = generalities.load_weights()
    assert set(weights.defaults) >= {"vague_attribution", "hedge", "sweeping"}
    assert weights.bias < 0  # a sentence with no cue is never uncertain
    assert weights.of(generalities.CONSTRUCTION_KEY, "vague_attribution") > 0


def test_every_lexicon_entry_is_lower_case_and_matches_itself():
    for name in list(generalities.LEXICONS) + ["generalities_vague_sources"]:
        pattern = trie_pattern(load_lexicon(name))
        for phrase in load_lexicon(name):
            assert phrase == phrase.lower(), f"{name}: {phrase!r}"
            sample = phrase.replace("*", "widely")
            assert pattern.fullmatch(sample), f"{name}: {phrase!r}"


# --- the prefix-trie alternation ----------------------------------------------------------------------


TRIE_TEXT = (
    "It is widely believed, and it is said, that some say maybe it may be so. It is widely acknowledged. "
    "One of the most famous, the best-known and the greatest of all; it has long been said. May 2024. "
    "Reportedly, allegedly, it is * not a phrase. Experts say, critics argue, it seems to be that it appears."
)


@pytest.mark.parametrize("name", list(generalities.LEXICONS))
def test_trie_pattern_finds_what_phrase_pattern_finds(name):
    phrases = load_lexicon(name)
    trie = [m.span() for m in trie_pattern(phrases).finditer(TRIE_TEXT)]
    flat = [m.span() for m in phrase_pattern(phrases).finditer(TRIE_TEXT)]
    assert trie == flat


def test_trie_pattern_prefers_the_longest_phrase():
    pattern = trie_pattern(["it is widely", "it is * acknowledged", "may", "maybe", "may be"])
    assert pattern.match("It is widely acknowledged").group() == "It is widely acknowledged"
    assert pattern.match("maybe").group() == "maybe"
    assert pattern.match("may be so").group() == "may be"
    with pytest.raises(ValueError):
        trie_pattern([])


def test_find_cues_on_raw_text_has_exact_spans():
    text = "Some critics have argued, reportedly, that it is probably one of the worst."
    for cue in find_cues(text):
        assert text[cue.start:cue.end] == cue.text
        assert cue.kind in {"vague_attribution", "hedge", "sweeping"}


def test_phrases_match_either_apostrophe():
    pattern = phrase_pattern(["it's believed", "you won’t believe"])
    for text in ("It’s believed that", "it's believed that", "You won't believe", "you won’t believe"):
        assert pattern.search(text), text
