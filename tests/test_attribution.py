"""Attribution signal: named sources and direct quotes, positive and negative cases, features, speed."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.signals import attribution
from scorer.signals.attribution import find_attributions, find_quotes, find_sources
from scorer.signals.attribution.sources import _CLAUSE_BREAK, _EMBEDDABLE_RULES, Attribution, _drop_embedded
from signal_helpers import findings_of, make_article

LEXICONS = Path(attribution.__file__).resolve().parents[2] / "knowledge" / "lexicons"


def source_texts(text: str) -> list[str]:
    return [text[start:end] for start, end in find_sources(text)]


# (case id, text, sources expected: each a substring that one found source must contain, in order)
NAMED_SOURCE_CASES = [
    ("plain said", "Smith said the plan was sound.", ["Smith"]),
    (
        "title, role and name",
        "White House press secretary Karoline Leavitt said on Tuesday that talks would resume.",
        ["White House press secretary Karoline Leavitt"],
    ),
    ("according to a role and its name", "Trains will run normally, according to the operator, Arriva.", ["Arriva"]),
    ("inverted after a quote", "“We are relieved,” said Tom Hale, a spokesman for the union.", ["Tom Hale"]),
    ("told reporters", "Smith told reporters the talks had been difficult.", ["Smith"]),
    ("auxiliary and adverb between", "Mayor Ann Cole has repeatedly said the library will stay open.", ["Ann Cole"]),
    ("time phrase between", "Jones on Monday warned that fares would rise.", ["Jones"]),
    ("appositive with a role", "Ann Cole, the library's director, said the money was enough.", ["Ann Cole"]),
    ("appositive that is the name", "The union's president, Mary Kay Henry, said members were angry.", ["Mary Kay Henry"]),
    ("relative clause", "Sandy Phillips, who lost her daughter in 2012, said the bill mattered.", ["Sandy Phillips"]),
    ("party in brackets", "Sen. John Cornyn (R-Texas) said the vote would come Monday.", ["John Cornyn"]),
    ("passive agent", "The plan was criticized on Friday by Gov. Jane Roe.", ["Gov. Jane Roe"]),
    ("participle after a comma", "Trump attacked Clinton on Monday, saying she was weak.", ["Trump"]),
    ("definite role", "The company said it would appeal the ruling.", ["The company"]),
    ("organisation with a role word", "A Justice Department spokeswoman declined to comment.", ["Justice Department"]),
    ("document with its author", "A report by the IMF found that subsidies had fallen.", ["A report by the IMF"]),
    ("data after according to", "Commuting fell 12 percent, according to census data.", ["census data"]),
    ("survey cited with in", "In a Des Moines Register poll last month, Cruz led by 10 points.", ["Des Moines Register poll"]),
    ("headline in title case", "Howard Dean Tells Democrats To Stay Calm", ["Howard Dean"]),
    ("transcript speaker label", "TAPPER: Do you think he can win?", ["TAPPER"]),
    ("two sources, one each", "Smith said the deal was done. Jones disagreed, saying talks continue.", ["Smith", "Jones"]),
    ("outer speaker only", "Cruz said Rubio promised to lead the fight.", ["Cruz"]),
    ("vague crowd is not named", "Experts say the dispute could return.", []),
    ("quantified crowd is not named", "Some analysts believe fares will rise.", []),
    ("bare plural role is not named", "Officials said the bridge was safe.", []),
    ("indefinite role is not named", "A spokesman said the company would appeal.", []),
    ("pronoun is not named", "He said the talks would resume.", []),
    ("crowd after according to", "The policy is unpopular, according to some economists.", []),
    ("phrasal verb is no cue", "The strike was called off on Monday.", []),
    ("capitalised cue inside a name", "The Rachel Maddow Show aired a long segment on Monday.", []),
    ("noun use of a cue word", "Trump's claims were false, and the White House press office was closed.", []),
    ("subject of a passive is not the source", "Sanders had been told about the vote.", []),
    ("cue inside a quotation", "“I saw that Trump said it twice,” the voter remembered.", ["the voter"]),
    ("FAQ heading in title case", "Frequently Asked Questions", []),
    ("asked questions, no statement", "Frequently asked questions about the new tax.", []),
    # A document names a source only when the text says which: its owner, its author, a word of its own.
    ("definite document", "The report found that the bridge was unsafe.", ["The report"]),
    ("one document brought in", "In a statement released by the council, the mayor apologised.", ["a statement"]),
    ("document with words before the phrase", "A Reuters rolling poll shows Smith ahead.", ["poll"]),
    ("document with a clause saying which", "According to records obtained by the Gazette, the payments began in May.", ["records obtained by the Gazette"]),
    ("bare reports after according to", "According to reports, the ferry left late.", []),
    ("quantified reports", "Some reports suggest the fire started in the engine room.", []),
    ("news reports", "News reports said the mayor would resign.", []),
    ("bare plural polls after a conjunction", "The race is close, and polls show Smith ahead.", []),
    ("recent studies", "Recent studies show a link between noise and sleep.", []),
]


@pytest.mark.parametrize("case, text, expected", NAMED_SOURCE_CASES, ids=[c[0] for c in NAMED_SOURCE_CASES])
def test_named_sources(case, text, expected):
    found = source_texts(text)
    assert len(found) == len(expected), f"{case}: found {found}"
    for part, source in zip(expected, found):
        assert part in source, f"{case}: {part!r} not in {source!r}"


def test_pronoun_sources_are_found_on_request():
    text = "He said the talks would resume. Smith said so too."
    assert source_texts(text) == ["Smith"]
    assert [text[s:e] for s, e in find_sources(text, include_pronouns=True)] == ["He", "Smith"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Smith said it.", "name"),
        ("The company said it.", "role"),
        ("The report found it.", "document"),
        ("She said it.", "pronoun"),
        ("Analysts said it.", "vague"),
    ],
)
def test_source_kinds(text, kind):
    assert [a.kind for a in find_attributions(text)] == [kind]


# (case id, text, quotes expected (the quoted text without marks), speaker expected in the first message or None)
QUOTE_CASES = [
    ("attributed quote", "“We will not back down from this fight,” Smith said.", ["We will not back down from this fight,"], "Smith"),
    ("inverted attribution", '"Prices have doubled since May," said Ann Cole.', ["Prices have doubled since May,"], "Ann Cole"),
    ("partial quote of three words", "Smith called the plan “a total disaster” on Monday.", ["a total disaster"], "Smith"),
    (
        "quote after a colon paragraph",
        "Mayor Ann Cole said:\n“The library will stay open every day of the week.”",
        ["The library will stay open every day of the week."],
        "Ann Cole",
    ),
    ("unattributed quote", "“Nobody saw this coming, nobody at all.”", ["Nobody saw this coming, nobody at all."], None),
    ("one-word scare quote", "Critics called the plan “reckless” and left.", [], None),
    ("two-word scare quote", "He attacked the so-called “fake news” again.", [], None),
    ("quoted title", "The cast of “Saturday Night Live” returns tonight.", [], None),
    ("quoted headline", '"Trump Wins Big In Nevada Caucus"\nThe story ran on Tuesday.', [], None),
]


@pytest.mark.parametrize("case, text, expected, speaker", QUOTE_CASES, ids=[c[0] for c in QUOTE_CASES])
def test_quotes(case, text, expected, speaker):
    result = attribution.analyze(make_article(text))
    quotes = findings_of(result, "quote")
    assert [re.sub(r'^[“"]|[”"]$', "", f.text) for f in quotes] == expected, case
    if expected:
        if speaker:
            assert "attributed to" in quotes[0].message and speaker in quotes[0].message
        else:
            assert "no speaker named" in quotes[0].message


def test_findings_index_the_text_and_read_in_one_line():
    text = (
        "Rail strike ends\n\n"
        "White House press secretary Karoline Leavitt said the deal was “a good outcome for commuters.”\n"
        "Trains will run normally from Monday, according to the operator, Arriva.\n"
        "“We are relieved,” said Tom Hale. Experts say the dispute could return."
    )
    article = make_article(text)
    result = attribution.analyze(article)
    assert result.family == "attribution"
    kinds = {(f.kind, f.text) for f in result.findings}
    assert ("named_source", "White House press secretary Karoline Leavitt") in kinds
    assert ("named_source", "the operator, Arriva") in kinds
    assert ("named_source", "Tom Hale") in kinds
    assert not any("Experts" in f.text for f in result.findings)
    for finding in result.findings:
        assert article.text[finding.start:finding.end] == finding.text
        assert finding.message and "\n" not in finding.message


def test_features_are_named_normalised_and_stable():
    reported = make_article(
        "Mayor Ann Cole said the budget passed. “It is a fair budget for every family here,” Cole said.\n"
        "Donald Trump said he disagreed. Mr. Trump said so twice, according to the Daily Planet.\n"
        "A report by the city auditor found the cost had doubled."
    )
    padded = make_article(
        "The budget is a pivotal moment for the city. Many people believe it matters.\n"
        "It remains to be seen what will happen next in this delicate balance."
    )
    first, second = attribution.analyze(reported).features, attribution.analyze(padded).features
    assert set(first) == set(second) == set(attribution.DESCRIPTIONS)
    # Cole / Trump (three spellings) / Daily Planet are three sources; the report is a document.
    assert first["distinct_named_sources"] == 3
    assert first["documents_cited_per_1000_words"] > 0
    assert first["quotes_per_1000_words"] > 0 and first["attributed_quote_share"] == 1.0
    assert first["sourced_paragraph_share"] == 1.0
    assert second["named_sources_per_1000_words"] == 0 and second["sourced_paragraph_share"] == 0
    assert second["named_attribution_share"] == 0  # "many people believe" is attributed, vaguely
    for value in list(first.values()) + list(second.values()):
        assert value >= 0


def test_empty_text():
    result = attribution.analyze(make_article(""))
    assert all(value == 0 for value in result.features.values())
    assert result.findings == ()
    assert find_sources("") == [] and find_quotes("") == []


def test_every_lexicon_is_documented():
    readme = (LEXICONS / "README.md").read_text(encoding="utf-8")
    for path in LEXICONS.glob("*.txt"):
        assert f"`{path.name}`" in readme, f"{path.name} is not described in lexicons/README.md"


def test_embedded_sources_match_their_definition_on_random_layouts():
    # _drop_embedded checks only the latest "source, then cue" before each source; the
    # definition checks every such cue. They must agree whatever the layout.
    def by_definition(text, attributions):
        outer = [a for a in attributions if a.source_end <= a.cue_start]
        return [
            a for a in attributions
            if a.rule not in _EMBEDDABLE_RULES
            or not any(o.cue_end <= a.source_start and not _CLAUSE_BREAK.search(text, o.cue_end, a.source_start) for o in outer)
        ]

    spans = st.tuples(st.integers(0, 60), st.integers(1, 8), st.integers(-12, 12), st.integers(1, 8), st.sampled_from(["before", "clause", "after", "inverted"]))

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet="ab ,.;\n", min_size=80, max_size=80), st.lists(spans, max_size=8))
    def check(text, layout):
        attributions = []
        for start, length, gap, cue_length, rule in layout:
            cue_start = max(0, start + length + gap) if gap >= 0 else max(0, start + gap - cue_length)
            attributions.append(Attribution(start, start + length, cue_start, cue_start + cue_length, "name", "x", rule))
        attributions.sort(key=lambda a: (a.source_start, a.cue_start))
        assert _drop_embedded(text, attributions) == by_definition(text, attributions)

    check()


def test_a_page_heading_names_no_source_but_a_transcript_turn_does():
    # "## ..." is how extraction marks an HTML heading: title case there is not a name.
    page = make_article("## Why Everyone Is Talking About the Vote\nThe council voted 7-2 on Tuesday, Mayor Jane Smith said.")
    sources = [f.text for f in attribution.analyze(page).findings if f.kind == "named_source"]
    assert "Mayor Jane Smith" in sources and not any("Everyone" in s for s in sources)
    # A plain-text short line may be a speaker's turn in a transcript: still a source.
    transcript = make_article("RADDATZ: Can you declare anything off-limits?\nRYAN: No, I will not, the congressman said.")
    assert "RADDATZ" in [f.text for f in attribution.analyze(transcript).findings if f.kind == "named_source"]
