"""The knowledge base: packaged facts are complete and consistent; user files load or fail naming file and line."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scorer.knowledge.base import KnowledgeError, load_knowledge
from scorer.knowledge.tokens import normalise, phrase_keys, tokenize

TODAY = dt.date(2026, 11, 24)

#: Heads of state / government the issue asks for, by office id: each must be continuously filled since 2000.
CONTINUOUS_SINCE_2000 = [
    "us_president", "us_vice_president", "us_secretary_of_state", "uk_prime_minister", "uk_monarch",
    "de_chancellor", "de_president", "fr_president", "fr_prime_minister", "it_prime_minister", "it_president",
    "es_prime_minister", "es_monarch", "pl_president", "pl_prime_minister", "nl_prime_minister", "nl_monarch",
    "jp_prime_minister", "jp_emperor", "cn_president", "cn_premier", "in_prime_minister", "in_president",
    "id_president", "br_president", "ar_president", "mx_president", "ca_prime_minister", "au_prime_minister",
    "ru_president", "ru_prime_minister", "sa_monarch", "sa_prime_minister", "za_president", "kr_president",
    "tr_president", "ua_president", "ua_prime_minister", "il_prime_minister", "il_president",
    "un_secretary_general", "nato_secretary_general", "eu_commission_president", "pope",
]
#: Longest vacancy allowed between two holders (South Korea waits 60 days for a snap election after a removal).
MAX_GAP_DAYS = 70


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def test_packaged_knowledge_loads_with_sources(kb):
    assert len(kb.offices) >= 40 and len(kb.people) >= 200 and len(kb.events) >= 10
    for person in kb.people.values():
        for term in person.terms:
            assert term.source, term.where
    for event in kb.events.values():
        assert event.source and event.names


def test_g20_and_listed_countries_are_covered(kb):
    countries = {office.country for office in kb.offices.values()}
    g20 = {"Argentina", "Australia", "Brazil", "Canada", "China", "France", "Germany", "India", "Indonesia", "Italy", "Japan",
           "Mexico", "Russia", "Saudi Arabia", "South Africa", "South Korea", "Turkey", "United Kingdom", "United States"}
    assert g20 | {"Ukraine", "Israel", "Spain", "Poland", "Netherlands", "European Union", "United Nations", "NATO", "Holy See"} <= countries


@pytest.mark.parametrize("office", CONTINUOUS_SINCE_2000)
def test_office_is_filled_since_2000_without_long_gaps(kb, office):
    terms = sorted((t for p in kb.people.values() for t in p.terms if t.office == office), key=lambda t: t.start)
    relevant = [t for t in terms if t.end is None or t.end > dt.date(2000, 1, 1)]
    assert relevant and relevant[0].start <= dt.date(2000, 1, 1) or office in ("tr_president", "il_president"), office
    for previous, current in zip(relevant, relevant[1:]):
        assert previous.end is not None, f"{office}: {previous.person} has no end but is followed by {current.person}"
        gap = (current.start - previous.end).days
        assert gap <= MAX_GAP_DAYS, f"{office}: {gap} days between {previous.person} and {current.person}"
    assert relevant[-1].end is None, f"{office}: nobody in office today"


@pytest.mark.parametrize(
    "person, office, start",
    [
        ("Donald Trump", "us_president", "2025-01-20"),
        ("JD Vance", "us_vice_president", "2025-01-20"),
        ("Marco Rubio", "us_secretary_of_state", "2025-01-21"),
        ("Friedrich Merz", "de_chancellor", "2025-05-06"),
        ("Mark Carney", "ca_prime_minister", "2025-03-14"),
        ("Leo XIV", "pope", "2025-05-08"),
        ("Keir Starmer", "uk_prime_minister", "2024-07-05"),
        ("Volodymyr Zelensky", "ua_president", "2019-05-20"),
    ],
)
def test_holders_today(kb, person, office, start):
    holding = [t for t in kb.terms(person, {office}) if t.holds(TODAY)]
    assert holding and holding[0].start.isoformat() == start


def test_powell_end_is_corrected(kb):
    (powell,) = kb.terms("Colin Powell")
    assert powell.end == dt.date(2005, 1, 26)  # the shared file's 2005-03-16 overlaps Rice


def test_spellings_and_titles_newsrooms_use(kb):
    names = {" ".join(phrase_keys(form)) for form in kb.people["Volodymyr Zelensky"].forms}
    assert {"zelensky", "zelenskyy", "zelenskiy", "volodymyr zelenskyy"} <= names
    for title in ("U.S. President", "US President", "President of the United States", "Chancellor", "Prime Minister", "PM", "UK PM"):
        found = kb.title_trie.longest(tokenize(title), 0)
        assert found and found[0] == len(tokenize(title)), title


@pytest.mark.parametrize("word, key", [("U.S.", "us"), ("Erdoğan", "erdogan"), ("Yıldırım", "yildirim"), ("Sánchez", "sanchez"), ("’s", "'s")])
def test_normalise(word, key):
    assert normalise(word) == key


def test_hyphen_and_possessive_tokens():
    keys = [t.key for t in tokenize("ex-President Zelenskyy’s Secretary-General")]
    assert keys == ["ex", "president", "zelenskyy", "'s", "secretary", "general"]


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_user_files_add_offices_holders_and_events(tmp_path):
    offices = _write(tmp_path, "offices.csv", "office,name,country,titles,qualifiers,style,source\n"
                     "london_mayor,Mayor of London,United Kingdom,Mayor|Mayor of London,London|London's,title,Wikipedia: Mayor of London\n")
    holders = _write(tmp_path, "holders.csv", "name,surname,aliases,office,start,end,verified_to,source,notes\n"
                     "Boris Johnson,Johnson,,london_mayor,2008-05-04,2016-05-09,,Wikipedia: Mayor of London,\n"
                     "Sadiq Khan,Khan,,london_mayor,2016-05-09,,,Wikipedia: Mayor of London,\n")
    events = _write(tmp_path, "events.csv", "event,name,names,nouns,keywords,start,end,source,notes\n"
                    "test_strike,the test strike,test strike,strike,picket,2024-01-01,,made up for a test,\n")
    kb = load_knowledge((offices, holders, events))
    assert "london_mayor" in kb.offices and "Sadiq Khan" in kb.people and "test_strike" in kb.events
    assert {t.office for t in kb.terms("Boris Johnson")} == {"london_mayor", "uk_prime_minister"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("name,surname,aliases,office,start,end,verified_to,source,notes\nX Y,,,us_president,2020-13-01,,,s,\n", ":2: start '2020-13-01' is not a valid date"),
        ("name,surname,aliases,office,start,end,verified_to,source,notes\nX Y,,,us_president,20 May 2020,,,s,\n", ":2: start '20 May 2020' is not a date written YYYY-MM-DD"),
        ("name,surname,aliases,office,start,end,verified_to,source,notes\n\nX Y,,,nowhere,2020-01-01,,,s,\n", ":3: unknown office 'nowhere'"),
        ("name,surname,aliases,office,start,end,verified_to,source,notes\nX Y,,,us_president,2020-01-01,2019-01-01,,s,\n", ":2: end 2019-01-01 is not after start"),
        ("name,surname,aliases,office,start,end,verified_to,source,notes\nX Y,,,us_president,2020-01-01,,,,\n", ":2: missing source"),
        ("name,surname,aliases,office,start,end,verified_to,source,notes\nX Y,,,us_president,2020-01-01,2021-01-01,,s,\nX Y,,,us_president,2020-06-01,,,s,\n", ":3: X Y in us_president overlaps"),
        ("who,what\nX,Y\n", ":1: header who,what matches no knowledge format"),
        ("office,name,country,titles,qualifiers,style,source\nbad id,N,C,T,,title,s\n", ":2: office id 'bad id'"),
        ("office,name,country,titles,qualifiers,style,source\nok_id,N,C,T,,odd,s\n", ":2: style 'odd'"),
        ("event,name,names,nouns,keywords,start,end,source,notes\ne,E,n,,,2020-01-01,2019-01-01,s,\n", ":2: end 2019-01-01 is before start"),
    ],
)
def test_bad_user_files_name_file_and_line(tmp_path, text, message):
    path = _write(tmp_path, "mine.csv", text)
    with pytest.raises(KnowledgeError) as info:
        load_knowledge((path,))
    assert str(info.value).startswith(path) and message in str(info.value)


def test_missing_user_file(tmp_path):
    with pytest.raises(KnowledgeError, match="cannot read knowledge file"):
        load_knowledge((str(tmp_path / "absent.csv"),))


def test_phrase_keys_are_the_keys_of_the_tokens():
    """phrase_keys skips making tokens; its keys must be tokenize's, for every phrase the base indexes."""
    kb = load_knowledge()
    phrases = [form for person in kb.people.values() for form in person.forms]
    phrases += [title for office in kb.offices.values() for title in office.titles]
    phrases += [name for event in kb.events.values() for name in (*event.names, *event.keywords, *event.nouns)]
    phrases += ["U.S. President Biden's", "Zelenskyy’s aide", "İstanbul — “mayor”", "a_b __x", "Dr. J. R. R. Tolkien.", ""]
    assert len(phrases) > 1_000
    for phrase in phrases:
        assert phrase_keys(phrase) == tuple(token.key for token in tokenize(phrase)), phrase
