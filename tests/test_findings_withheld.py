"""Finding rules withheld from the output (scorer.knowledge.withheld): the file, the filter, the switch.

A rule editors judged wrong more often than right (the blind audits' verdict files) is left out of the
findings; the family's features, and so the score and its reasons, do not change; ``all_findings``
(``--all-findings``) shows it again.
"""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from benchmark_helpers import BENCHMARKS, load_benchmark
from scorer.cli import cli
from scorer.core.config import Config, load_config
from scorer.knowledge.withheld import parse_withheld, withheld_rules, without_withheld
from scorer.pipeline import article_from_text
from scorer.signals import analyze_all

#: A reported paragraph with an attributed quotation, and a quotation with no speaker anywhere near it.
TEXT = (
    "The council voted on Monday to close the library on Sundays, the mayor said in a statement.\n\n"
    '"We cannot keep every branch open every day," the mayor said after the vote.\n\n'
    'Residents gathered outside the building in the evening. "It is the only quiet place in town for our children to read," '
    "one sign read in large letters.\n\n"
    '"This is the end of an era for the whole neighbourhood and for everyone who grew up here."\n\n'
    "The library will stay open on weekdays from nine to six, the council said."
)
CONFIG = Config(today=load_config().resolved_today())


def _quotes(config: Config) -> list:
    signals = analyze_all(article_from_text(TEXT, config=config), config)
    return [f for f in signals["attribution"].findings if f.kind == "quote"]


def test_the_unattributed_quote_rule_is_withheld_and_shown_on_request():
    assert ("quote", "quote: unattributed") in withheld_rules()
    shown = _quotes(CONFIG)
    everything = _quotes(replace(CONFIG, all_findings=True))
    assert any(f.rule == "quote: unattributed" for f in everything)
    assert not any(f.rule == "quote: unattributed" for f in shown)
    # The attributed quotations are findings either way.
    assert [f for f in everything if f.rule != "quote: unattributed"] == shown
    assert any(f.rule.startswith("quote: attributed") for f in shown)


def test_features_are_the_same_either_way():
    article = article_from_text(TEXT, config=CONFIG)
    hidden = analyze_all(article, CONFIG)
    shown = analyze_all(article, replace(CONFIG, all_findings=True))
    assert {name: r.features for name, r in hidden.items()} == {name: r.features for name, r in shown.items()}
    assert len(shown["attribution"].findings) > len(hidden["attribution"].findings)


def test_a_result_with_nothing_withheld_is_returned_as_it_is():
    result = analyze_all(article_from_text(TEXT.split("\n\n")[0], config=CONFIG), replace(CONFIG, all_findings=True))["attribution"]
    assert without_withheld(result) is result


def test_the_file_parses_and_every_rule_meets_the_written_criterion():
    audit = load_benchmark("findings_audit")
    text = (BENCHMARKS.parent / "scorer" / "knowledge" / "findings_withheld.txt").read_text(encoding="utf-8")
    assert parse_withheld(text) == withheld_rules()
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, rule, right, judged, upper = line.split("\t")
        assert int(judged) >= audit.WITHHOLD_MIN_JUDGED
        assert audit.wilson_upper(int(right), int(judged)) == pytest.approx(float(upper), abs=5e-4)
        assert float(upper) < audit.WITHHOLD_BELOW
        # The rule was judged, as written, in the committed blind verdict files.
        judged_articles = {(r["dataset"], r["row"]) for path in audit.verdict_files() for r in audit.read_verdicts(path)
                           if (r["kind"], r["rule"]) == (kind, rule) and r["verdict"]}
        assert len(judged_articles) >= int(judged)


def test_parse_withheld_reads_tabs_and_skips_comments():
    assert parse_withheld("# a comment\n\nquote\tquote: unattributed\t1\t9\t0.4\nhedge\thedge: may\n") == {
        ("quote", "quote: unattributed"), ("hedge", "hedge: may")}


def test_wilson_upper_bound():
    audit = load_benchmark("findings_audit")
    assert audit.wilson_upper(0, 0) == 1.0
    assert audit.wilson_upper(5, 10) > 0.5 > audit.wilson_upper(1, 20)
    # Counted by article: one page's many wrong findings are one vote.
    assert audit.WITHHOLD_MIN_JUDGED > 1


def test_config_checks_the_switch(tmp_path):
    with pytest.raises(ValueError, match="all_findings"):
        Config(all_findings="yes")
    toml = tmp_path / "scorer.toml"
    toml.write_text("[scorer]\nall_findings = true\n", encoding="utf-8")
    assert load_config(toml).all_findings is True


def test_the_command_line_shows_withheld_findings_only_when_asked(tmp_path):
    article = tmp_path / "library.txt"
    article.write_text(TEXT, encoding="utf-8")
    runs = {}
    for flag in ([], ["--all-findings"]):
        result = CliRunner().invoke(cli, ["score", str(article), "--format", "json", "--date", "2026-10-05", *flag])
        assert result.exit_code == 0, result.output
        runs[bool(flag)] = json.loads(result.output)
    rules = {flag: [f["rule"] for f in out["findings"]] for flag, out in runs.items()}
    assert "quote: unattributed" in rules[True] and "quote: unattributed" not in rules[False]
    assert runs[True]["score"] == runs[False]["score"] and runs[True]["reasons"] == runs[False]["reasons"]
