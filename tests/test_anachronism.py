"""The anachronism signal: the hand-written case set, table-driven rules, messages, user knowledge, speed, real articles."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from scorer.core.config import Config
from scorer.knowledge.base import load_knowledge
from scorer.signals.anachronism import FEATURES, analyze
from scorer.signals.anachronism.context import Context
from scorer.signals.anachronism.mentions import find_mentions
from scorer.ingest.segment import build_article

from benchmark_helpers import load_benchmark

FIXTURES = Path(__file__).resolve().parent / "fixtures"

CASES = FIXTURES / "anachronism_cases.jsonl"


def _article(text: str, date: str, source: str = "metadata"):
    return build_article(text, date=dt.date.fromisoformat(date), date_source=source)


def _flagged(text: str, date: str, source: str = "metadata", config: Config = Config()) -> list:
    return list(analyze(_article(text, date, source), config).findings)


def _cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


# --------------------------------------------------------------------------- the case set (acceptance 1)


def test_case_set_precision_and_recall():
    tp = fp = fn = 0
    for case in _cases():
        flagged = bool(_flagged(case["text"], case["date"], case.get("date_source", "metadata")))
        tp += flagged and case["flag"]
        fp += flagged and not case["flag"]
        fn += (not flagged) and case["flag"]
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.95, f"precision {precision:.3f} (TP {tp}, FP {fp})"
    assert recall >= 0.9, f"recall {recall:.3f} (TP {tp}, FN {fn})"


def test_case_set_shape():
    """At least 60 dated cases, about half to flag, covering at least 10 offices in at least 4 countries."""
    cases = _cases()
    flagged = sum(case["flag"] for case in cases)
    assert len(cases) >= 60 and 0.4 <= flagged / len(cases) <= 0.6
    kb = load_knowledge(())
    offices = set()
    for case in cases:
        ctx = Context(_article(case["text"], case["date"]), kb)
        for mention in find_mentions(ctx):
            offices |= {t.office for p in mention.persons for t in kb.terms(p, mention.offices)}
    countries = {kb.offices[o].country for o in offices}
    assert len(offices) >= 10 and len(countries) >= 4, (sorted(offices), sorted(countries))


# --------------------------------------------------------------------------- rules, table-driven

FLAGGED = [
    ("Former U.S. President Donald J. Trump spoke in Ohio on Monday.", "2026-01-22", "former: middle initial, U.S. qualifier"),
    ("ex-PM Keir Starmer said on Friday that he would resign.", "2025-11-07", "ex- with PM"),
    ("The former US president, Donald Trump, said on Monday that he would sue.", "2025-04-14", "the former TITLE, NAME"),
    ("Netanyahu, the former prime minister, spoke at the Knesset today.", "2025-03-03", "appositive former"),
    ("President Biden is visiting Kyiv this week.", "2025-06-02", "left, surname only"),
    ("Chancellor Merkel and President Zelenskyy met on Tuesday.", "2022-03-01", "left, Zelenskyy spelling of the other"),
    ("President Poroshenko said on Monday that Ukraine would join NATO.", "2020-02-03", "left, Ukraine"),
    ("President Medvedev met President Xi on Friday.", "2014-05-16", "left: Medvedev was prime minister then"),
    ("Vice President Biden says the economy is recovering.", "2022-06-01", "left VP: now president"),
    ("Prime Minister Rutte said on Tuesday that NATO must be ready.", "2025-01-07", "left PM, now NATO SG"),
    ("Queen Elizabeth II greeted the crowds at Windsor on Sunday.", "2025-06-15", "regnal: dated sentence"),
    ("The three-year-old war in Ukraine shows no sign of ending.", "2026-11-24", "age: N-year-old, range of both Ukraine dates"),
    ("Six months into the war in Gaza, hostages are still held.", "2026-01-22", "age: months"),
    ("Five years after the Brexit referendum, the UK is still divided.", "2026-11-24", "age: after"),
    ("Meanwhile Ukraine President Poroshenko said on Monday that talks would resume.", "2024-05-06", "country noun as qualifier"),
    ("The war in Ukraine, now nearly two years old, has once again taken center stage.", "2026-11-20", "age: predicative, appositive"),
    ("The conflict, which is now a year old, has displaced millions in Sudan.", "2026-11-20", "age: predicative, which is"),
    ("The war in Ukraine is now nearly two years old.", "2026-11-20", "age: predicative, is"),
    ("Nearly two years after Russia invaded Ukraine, the fighting continues.", "2026-11-20", "age: after, event as a clause"),
    ("During his visit to Kyiv on Monday, Chancellor Olaf Scholz pledged more aid.", "2026-10-14", "during his visit: not a past frame"),
    ("The two-year war in Gaza has devastated the territory.", "2026-11-20", "age: hyphenated duration"),
    ("President-elect Donald Trump said on Monday that he would sign the bill.", "2026-11-20", "elect: in office since"),
    ("Vice President-elect JD Vance said on Monday that he would resign his Senate seat.", "2026-11-20", "elect: vice president"),
    ("The nearly three-year war in Ukraine has killed tens of thousands.", "2026-11-20", "age: hyphenated duration, qualified"),
]

NOT_FLAGGED = [
    ("During his time in office, Chancellor Olaf Scholz pledged more aid on Monday.", "2026-10-14", "during his time in office: past frame"),
    ("The two-year war in Gaza has devastated the territory.", "2025-10-20", "age: hyphenated duration, right"),
    ("President-elect Donald Trump said on Monday that he would name his cabinet soon.", "2024-12-02", "elect: before taking office"),
    ("In December 2024, President-elect Donald Trump said he would end the war.", "2026-11-20", "elect: a past year frames it"),
    ("\"President-elect Trump will fix this,\" a supporter said on Monday.", "2026-11-20", "elect: in a quote"),
    ("A two-year war crimes investigation into Russia's invasion of Ukraine is under way.", "2026-11-20", "age: war crimes is not the war"),
    ("The eight-year Iraq war ended in 2011.", "2026-11-20", "age: duration of an ended war, past tense"),
    ("Former U.S. President Donald J. Trump spoke in Ohio on Monday.", "2023-06-05", "former: correct"),
    ("President Donald Trump Jr. is not a title anyone holds.", "2026-01-22", "a longer name than the known one"),
    ("King Abdullah II met President Trump in Washington on Tuesday.", "2025-02-11", "Jordan's Abdullah, not the late Saudi king"),
    ("King Abdullah met Prime Minister Netanyahu on Tuesday.", "2024-05-07", "any person the name may mean holds the title"),
    ("Crown Prince Mohammed bin Zayed arrived on Monday.", "2010-03-01", "a different Mohammed"),
    ("Pope Leo XIII wrote Rerum Novarum.", "2024-01-01", "a different Leo"),
    ("Prime Minister Theresa May said on Tuesday that talks would resume.", "2018-05-01", "current, May the surname"),
    ("The prime minister may resign on Friday, aides said.", "2025-05-01", "may the verb"),
    ("The president's son met Chancellor Merz on Monday.", "2025-09-01", "possessive title attached to no name"),
    ("HMS Queen Elizabeth sailed from Portsmouth on Monday.", "2025-05-05", "a ship"),
    ("Mr. Biden, then vice president, visited Kyiv on Tuesday in 2014.", "2024-01-01", "year frame"),
    ("President-elect Trump met President Biden on Wednesday.", "2024-11-13", "elect"),
    ("Acting President Turchynov signed the decree on Monday.", "2014-03-03", "acting"),
    ("Chancellor Scholz spoke to reporters on Monday.", "2025-05-09", "within the days after a change of office"),
    ("As prime minister, Rishi Sunak said on Monday that taxes would fall.", "2026-01-22", "no title attached to the name"),
    ("The two-year-old daughter of President Macron was seen on Sunday.", "2024-01-01", "N-year-old about a person"),
    ("During the war in Ukraine, her son, now two years old, learned to walk.", "2026-11-20", "predicative age of a person"),
    ("Amid the war in Ukraine, the boy is now two years old.", "2026-11-20", "predicative age of a person, is"),
    ("The war in Ukraine, now nearly five years old, continues.", "2026-11-20", "age: predicative, correct"),
    ("Nearly two years after Russia invaded Ukraine, the fighting continued.", "2024-02-01", "age: after, correct"),
    ("The war in Ukraine, now in its third year, continues today.", "2024-06-01", "age: correct"),
    ("The war in Ukraine, now in its eleventh year, continues today.", "2024-06-01", "age: counted from 2014"),
    ("\"Three years after the invasion, we are still here,\" he said on Monday.", "2026-11-24", "age in a quote"),
    ("The pandemic, now in its fourth year, was declared over in May.", "2023-06-01", "age: correct, ended event"),
    ("Rishi Sunak, the prime minister, said on Monday that taxes would fall.", "2023-05-01", "appositive: correct"),
    ("Former Prime Minister Shigeru Ishiba spoke on Monday.", "2025-12-01", "former: correct, Japan"),
    ("Prime Minister Lecornu said on Monday that the budget would pass.", "2026-10-01", "not verified after the data date: abstain"),
    ("President Reagan met Chancellor Kohl at Bitburg.", "2019-05-14", "left office decades ago: history"),
    ("University President Lee said on Monday that fees would rise.", "2019-05-06", "another organisation's president"),
    ("The club's Vice President Harris said on Monday that the season was over.", "2026-05-04", "another body: possessive before the title"),
]


@pytest.mark.parametrize("text, date, note", FLAGGED, ids=[n for _, _, n in FLAGGED])
def test_flagged(text, date, note):
    assert _flagged(text, date), note


@pytest.mark.parametrize("text, date, note", NOT_FLAGGED, ids=[n for _, _, n in NOT_FLAGGED])
def test_not_flagged(text, date, note):
    assert _flagged(text, date) == [], note


# --------------------------------------------------------------------------- findings and features


def test_message_gives_the_evidence_and_span():
    text = "Officials met on Monday. Former President Donald Trump said on Tuesday that tariffs would rise."
    (finding,) = _flagged(text, "2026-01-22")
    assert finding.kind == "anachronism"
    assert finding.text == "Former President Donald Trump" == text[finding.start:finding.end]
    assert "Donald Trump has been President of the United States since 2025-01-20; this article is dated 2026-01-22" in finding.message


def test_messages_for_left_not_yet_and_age():
    (left,) = _flagged("German Chancellor Olaf Scholz said on Monday that aid would continue.", "2026-01-22")
    assert "Olaf Scholz was Chancellor of Germany from 2021-12-08 to 2025-05-06; this article is dated 2026-01-22" in left.message
    (early,) = _flagged("Vice President JD Vance told supporters on Monday that he was confident.", "2019-06-03")
    assert "JD Vance became Vice President of the United States only on 2025-01-20" in early.message
    (age,) = _flagged("The nearly two-year-old conflict in Ukraine has killed thousands, officials say.", "2026-01-22")
    assert "2022-02-24" in age.message and "3.9 years" in age.message and "nearly two-year-old" in age.message


def test_assumed_date_is_said_in_every_message():
    text = "President Joe Biden said on Tuesday that the economy is strong. The war in Ukraine, now in its second year, goes on."
    findings = _flagged(text, "2026-11-24", source="today")
    assert len(findings) == 2
    for finding in findings:
        assert finding.message.endswith("(date assumed to be today, 2026-11-24; pass --date YYYY-MM-DD to set it)")


def test_features():
    result = analyze(_article("Former President Donald Trump said on Tuesday that he would act. President Macron agreed.", "2026-01-22", "today"))
    assert result.family == "anachronism" and tuple(result.features) == FEATURES
    assert result.features["anachronisms"] == 1 and result.features["office_mentions_checked"] == 2
    assert result.features["date_assumed"] == 1.0 and result.features["anachronisms_per_1000_words"] > 0
    clean = analyze(_article("Nothing here names anyone.", "2026-01-22"))
    assert clean.features["anachronisms"] == 0 and clean.features["date_assumed"] == 0.0 and clean.findings == ()


@pytest.mark.parametrize("text", ["", "   \n  ", "President", "Former", "President Trump", "“President Biden", "in its", "two years since"])
def test_never_crashes_on_fragments(text):
    analyze(_article(text, "2026-01-22"))


def test_user_knowledge_file(tmp_path):
    offices = tmp_path / "offices.csv"
    offices.write_text("office,name,country,titles,qualifiers,style,source\n"
                       "london_mayor,Mayor of London,United Kingdom,Mayor|Mayor of London,London|London's,title,test\n", encoding="utf-8")
    holders = tmp_path / "holders.csv"
    holders.write_text("name,surname,aliases,office,start,end,verified_to,source,notes\n"
                       "Boris Johnson,Johnson,,london_mayor,2008-05-04,2016-05-09,,test,\n", encoding="utf-8")
    text = "London Mayor Boris Johnson opened the bridge on Monday."
    assert _flagged(text, "2019-09-02") == []  # without the user's file the office is unknown
    config = Config(knowledge=(str(offices), str(holders)))
    (finding,) = _flagged(text, "2019-09-02", config=config)
    assert "Mayor of London from 2008-05-04 to 2016-05-09" in finding.message


# --------------------------------------------------------------------------- long articles (acceptance 3: timed by benchmarks/anachronism.py)


def test_long_article_checks_every_mention():
    text = " ".join(case["text"] for case in _cases())
    short = analyze(_article(text, "2026-01-22"))
    long = analyze(_article("\n".join([text] * 40), "2026-01-22"))  # about 60,000 words
    assert long.features["office_mentions_checked"] == 40 * short.features["office_mentions_checked"] > 1000
    assert len(long.findings) == 40 * len(short.findings)


# --------------------------------------------------------------------------- real articles (acceptance 2)

#: Findings on real dated articles that are true anachronisms (checked by hand; see the README).
KNOWN_TRUE = {
    # A page dated 2017-07-07 repeats Michele Bachmann's July 2016 claim with "President Obama has",
    # six months after Obama left office.
    ("fakenewsnet-fake", "PolitiFact:PolitiFact_Fake_110", "President Obama"),
}


@pytest.mark.shared
def test_no_findings_on_real_dated_articles(shared_datasets):
    real_text_articles = load_benchmark("anachronism").real_text_articles  # the benchmark owns the dataset readers

    found = set()
    count = 0
    for dataset, ident, text, date in real_text_articles(shared_datasets):
        count += 1
        for finding in analyze(build_article(text, date=date, date_source="metadata")).findings:
            found.add((dataset, ident, finding.text))
    assert count > 1000
    assert found <= KNOWN_TRUE, sorted(found - KNOWN_TRUE)
