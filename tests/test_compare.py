"""scorer compare: alignment shares, added / dropped / changed, verdicts, errors, the index, the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import scorer
from scorer.cli import cli
from scorer.compare import ArticleIndex, CompareError, compare
from scorer.compare.tokens import facts

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# The compare example pair lives in docs/ so that `scorer score examples/` (the README) is unchanged.
PAIR = Path(__file__).resolve().parent.parent / "docs" / "compare-example"
ORIGINAL = PAIR / "original.txt"
REWRITE = PAIR / "rewrite.txt"


@pytest.fixture(scope="module")
def pair():
    return compare(ORIGINAL, REWRITE)


def test_shares_and_verdict(pair):
    assert pair.verdict == "a padded rewrite of the original"
    assert pair.copied + pair.paraphrased + pair.new == pytest.approx(1.0, abs=1e-3)
    assert pair.taken == pytest.approx(pair.copied + pair.paraphrased, abs=1e-3)
    assert 0.4 < pair.taken < 0.8 and pair.new > 0.2


def test_changed_numbers_and_titles(pair):
    changed = {(c.kind, c.original.text, c.text) for c in pair.changed}
    assert ("number", "800", "600") in changed
    assert ("title", "President Anna Kowalczyk", "Former President Anna Kowalczyk") in changed
    for c in pair.changed:  # spans index the texts they name
        assert pair.rewrite.text[c.start:c.end] == c.text
        assert pair.original.text[c.original.start:c.original.end] == c.original.text


def test_dropped_quotes_sources_numbers(pair):
    kinds = {(c.kind, c.text) for c in pair.dropped}
    assert any(k == "quote" and "empty streets" in t for k, t in kinds)
    assert any(k == "named_source" and "Lindqvist" in t for k, t in kinds)
    assert ("number", "4,120") in kinds and ("number", "2.5 million") in kinds
    assert ("number", "800") not in kinds  # changed, not dropped
    for c in pair.dropped:
        assert pair.original.text[c.start:c.end] == c.text


def test_added_padding_is_in_new_sentences(pair):
    kinds = {c.kind for c in pair.added}
    assert {"seo_block", "filler", "vague_attribution"} <= kinds
    assert not any("600" in c.text for c in pair.added)


def test_json_contract(pair):
    d = json.loads(json.dumps(pair.as_dict()))
    assert {"taken", "copied", "paraphrased", "new", "added", "dropped", "changed", "verdict"} <= set(d)
    for item in d["added"] + d["dropped"] + d["changed"]:
        assert {"kind", "text", "start", "end", "message"} <= set(item)


def test_near_copy_and_unrelated():
    text = ORIGINAL.read_text()
    same = compare(text, text, findings=False)
    assert same.verdict_code == "near_copy" and same.taken == 1.0 and not same.changed and not same.dropped
    other = compare((EXAMPLES / "wire.txt").read_text(), text, findings=False)
    assert other.taken < 0.2 and other.verdict_code in ("unrelated", "independent")


def test_a_changed_number_in_a_copied_sentence():
    o = "The ministry said a military cap of 800,000 troops would stay in place until 2027, officials in Kyiv said."
    r = "The ministry said a military cap of 600,000 troops would stay in place until 2027, officials in Kyiv said."
    c = compare(o, r, findings=False)
    assert [(x.original.text, x.text) for x in c.changed] == [("800,000", "600,000")]
    assert c.matches[0].kind == "copied"


def test_facts_normalise_numbers():
    values = {f.value for f in facts("It cost $1.4 million, 800,000 people and 12% of them.") if f.kind == "number"}
    assert {"1400000", "800000", "12%"} <= values


@pytest.mark.parametrize("args,match", [
    (("", "some text"), "original: empty text"),
    (("some text", b""), "rewrite: empty bytes"),
    ((Path("https://example.org/story"), "text"), "fetch the page first"),
    (("https://example.org/story", "text"), "fetch the page first"),
    ((Path("/no/such/file.txt"), "text"), "original: .*no such file"),
    (("text", 42), "rewrite: expected text"),
])
def test_bad_inputs_raise_scorer_errors(args, match):
    with pytest.raises(CompareError, match=match) as info:
        compare(*args, findings=False)
    assert isinstance(info.value, scorer.ScorerError)


def test_bad_date_names_the_field():
    with pytest.raises(scorer.ScorerError, match="date: 'yesterday'"):
        compare("a b c", "a b c", date="yesterday", findings=False)


def test_index_finds_the_original(tmp_path):
    index = ArticleIndex()
    index.add("harwick", ORIGINAL.read_text())
    index.add("millbrook", (EXAMPLES / "wire.txt").read_text())
    for i in range(30):
        index.add(f"noise{i}", f"Unrelated story number {i} about gardening, tomatoes, compost and the weather in spring {i}.")
    found = index.query(REWRITE.read_text())
    assert found and found[0].key == "harwick"
    index.save(tmp_path / "idx")
    again = ArticleIndex.load(tmp_path / "idx")
    assert len(again) == len(index) and again.query(REWRITE.read_text())[0].key == "harwick"


def test_cli_json_and_table():
    runner = CliRunner()
    out = runner.invoke(cli, ["compare", str(ORIGINAL), str(REWRITE), "--format", "json"], catch_exceptions=False)
    assert out.exit_code == 0
    d = json.loads(out.output)
    assert d["verdict"] == "a padded rewrite of the original" and d["changed"]
    out = runner.invoke(cli, ["compare", str(ORIGINAL), str(REWRITE)], catch_exceptions=False)
    assert out.exit_code == 0 and "taken from the original" in out.output and "800" in out.output


def test_cli_against_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text(ORIGINAL.read_text())
    (tmp_path / "b.txt").write_text((EXAMPLES / "wire.txt").read_text())
    out = CliRunner().invoke(cli, ["compare", str(REWRITE), "--against", str(tmp_path), "--format", "json", "--no-findings"],
                             catch_exceptions=False)
    assert out.exit_code == 0, out.output
    d = json.loads(out.output)
    assert d["candidates"][0]["key"] == "a.txt" and d["original"]["input"].endswith("a.txt")


def test_cli_errors_are_one_line():
    out = CliRunner().invoke(cli, ["compare", str(REWRITE)])
    assert out.exit_code != 0 and "--against" in out.output
    out = CliRunner().invoke(cli, ["compare", "/no/such.txt", str(REWRITE)])
    assert out.exit_code == 1 and "no such file" in out.output


@pytest.mark.shared
def test_rewrites_take_more_than_other_stories(shared_datasets):
    """A small slice of the benchmark (benchmarks/compare.py has the full one)."""
    path = shared_datasets / "llmfake" / "train.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    humans, machines = {}, []
    with path.open() as fh:
        for line in fh:
            r = json.loads(line)
            if r["label"] == "human" and not r.get("origin_likely_non_article"):
                humans[f"{r['source_dataset']}:{r['news_id']}"] = r["text"]
            elif r.get("generator") == "chatgpt_3.5" and r.get("method") == "paraphrase_generation" and r.get("pair_id"):
                machines.append(r)
    machines = [m for m in machines if m["pair_id"] in humans][:20]
    keys = sorted(humans)
    wins = 0
    for i, m in enumerate(machines):
        other = keys[(keys.index(m["pair_id"]) + 7) % len(keys)]
        wins += compare(humans[m["pair_id"]], m["text"], findings=False).taken > compare(humans[other], m["text"], findings=False).taken
    assert wins >= 0.9 * len(machines)
