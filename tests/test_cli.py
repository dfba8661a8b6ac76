"""The command line, end to end through CliRunner, on the project's own example articles."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorer.cli.main import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CONTRACT_KEYS = {"input", "error", "score", "label", "probability", "threshold", "prior", "article", "signals", "reasons", "findings", "removed"}
FAMILIES = {"padding", "attribution", "generalities", "anachronism", "boilerplate", "readability", "page"}


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_score_json_follows_the_contract():
    result = run("score", str(EXAMPLES), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json_lines(result.stdout)
    assert [Path(r["input"]).name for r in rows] == ["reported.html", "rewrite.html", "wire.txt"]
    for row in rows:
        assert CONTRACT_KEYS <= set(row)
        assert row["error"] is None
        assert 0 <= row["score"] <= 100 and 0 <= row["probability"] <= 1
        assert row["label"] == ("low_quality" if row["probability"] >= row["threshold"] else "ok")
        assert row["prior"] == 0.5  # the shipped model's own mix, as no --prior was given
        assert set(row["signals"]) == FAMILIES
        assert set(row["article"]) >= {"title", "author", "site", "url", "date", "date_source", "words"}
        for finding in row["findings"]:
            assert {"kind", "text", "start", "end", "message"} <= set(finding)


def test_findings_index_the_extracted_text():
    scored = json_lines(run("score", str(EXAMPLES / "rewrite.html"), "--format", "json").stdout)[0]
    text = json_lines(run("extract", str(EXAMPLES / "rewrite.html"), "--format", "json").stdout)[0]["text"]
    assert scored["findings"], "the padded rewrite must have findings"
    for finding in scored["findings"]:
        assert text[finding["start"]:finding["end"]] == finding["text"]


def test_rewrite_scores_below_reported_story():
    rows = {Path(r["input"]).name: r for r in json_lines(run("score", str(EXAMPLES), "--format", "json").stdout)}
    assert rows["rewrite.html"]["score"] < rows["reported.html"]["score"]
    removed_kinds = {r["kind"] for r in rows["rewrite.html"]["removed"]}
    assert {"ad_marker", "site_chrome"} <= removed_kinds


def test_text_input_is_cleaned_too():
    text = (EXAMPLES / "wire.txt").read_text() + "\nAdvertisement\nSkip to content\nYou may also like\nTen ferry routes to try this summer\n"
    row = json_lines(run("score", "-", "--format", "json", input=text).stdout)[0]
    kinds = [r["kind"] for r in row["removed"]]
    assert "ad_marker" in kinds and "site_chrome" in kinds and "related_tail" in kinds
    assert "Ten ferry routes" not in json_lines(run("extract", "-", "--format", "json", input=text).stdout)[0]["text"]


def test_dates_come_from_page_then_option_then_text_then_today():
    rows = {Path(r["input"]).name: r["article"] for r in json_lines(run("score", str(EXAMPLES), "--format", "json", "--date", "2026-02-01").stdout)}
    assert (rows["reported.html"]["date"], rows["reported.html"]["date_source"]) == ("2026-03-12", "metadata")
    assert (rows["rewrite.html"]["date"], rows["rewrite.html"]["date_source"]) == ("2026-02-01", "option")
    wire = json_lines(run("score", str(EXAMPLES / "wire.txt"), "--format", "json").stdout)[0]["article"]
    assert (wire["date"], wire["date_source"]) == ("2026-10-03", "text")


def test_bad_inputs_do_not_stop_the_batch(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    args = ["score", str(tmp_path / "empty.txt"), str(EXAMPLES / "wire.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "image.html"), "--format", "json"]
    result = run(*args)
    assert result.exit_code == 1
    rows = json_lines(result.stdout)
    assert [r["error"] is None for r in rows] == [False, True, False, False]
    assert "file is empty" in rows[0]["error"] and "no such file" in rows[2]["error"] and "PNG" in rows[3]["error"]
    assert "1 scored, 0 low_quality, 3 errors" in result.stderr
    assert "Traceback" not in result.output
    for line in result.stderr.splitlines()[:-1]:
        assert line.startswith("scorer: ")


def test_a_bad_file_is_reported_once_on_a_terminal(tmp_path, monkeypatch):
    """The table's error line and stderr's are the same screen there; redirected, stderr still says it."""
    bad = tmp_path / "image.html"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    args = ("score", str(bad), str(EXAMPLES / "wire.txt"))
    piped = run(*args)
    assert f"scorer: {bad}:" in piped.stderr and f"{bad}: error:" in piped.stdout
    monkeypatch.setattr("scorer.cli.main._isatty", lambda stream: True)
    terminal = run(*args)
    assert terminal.exit_code == 1
    assert f"{bad}: error:" in terminal.stdout and str(bad) not in terminal.stderr
    assert "1 scored, 0 low_quality, 1 error" in terminal.stderr
    as_json = run(*args, "--format", "json")
    assert f"scorer: {bad}:" in as_json.stderr  # JSON lines are for programs; people read stderr

def test_stdin_text_and_html():
    text = (EXAMPLES / "wire.txt").read_text()
    row = json_lines(run("score", "-", "--format", "json", input=text).stdout)[0]
    assert row["input"] == "-" and row["error"] is None
    html = (EXAMPLES / "reported.html").read_text()
    row = json_lines(run("score", "-", "--format", "json", input=html).stdout)[0]
    assert row["article"]["title"].startswith("Harbour city doubles ferry inspections")


def test_output_file_and_refusal_to_overwrite_an_input(tmp_path):
    out = tmp_path / "scores.jsonl"
    assert run("score", str(EXAMPLES / "wire.txt"), "--format", "json", "--output", str(out)).exit_code == 0
    assert json_lines(out.read_text())[0]["error"] is None
    victim = tmp_path / "story.txt"
    victim.write_text((EXAMPLES / "wire.txt").read_text())
    result = run("score", str(victim), "--output", str(victim))
    assert result.exit_code != 0 and "refusing to overwrite" in result.output
    assert victim.read_text() == (EXAMPLES / "wire.txt").read_text()


def test_parallel_jobs_give_the_same_results():
    one = json_lines(run("score", str(EXAMPLES), "--format", "json").stdout)
    two = json_lines(run("score", str(EXAMPLES), "--format", "json", "--jobs", "2").stdout)
    assert one == two


def test_table_and_html_formats():
    table = run("score", str(EXAMPLES / "rewrite.html")).stdout
    assert "score" in table and "/100" in table and "findings:" in table
    page = run("score", str(EXAMPLES / "rewrite.html"), "--format", "html").stdout
    assert page.startswith("<!doctype html>") and "<mark" in page


def test_extract_shows_exactly_what_is_scored():
    result = run("extract", str(EXAMPLES / "rewrite.html"))
    assert result.exit_code == 0
    assert "In a significant development" in result.stdout
    for chrome in ("[ADVERTISEMENT]", "Skip to content", "You may also like", "Exit mobile version", "Ten Ferry Routes"):
        assert chrome not in result.stdout
    record = json_lines(run("extract", str(EXAMPLES / "rewrite.html"), "--format", "json").stdout)[0]
    assert {"input", "text", "title", "author", "date", "removed"} <= set(record)


def test_bad_date_option_is_a_usage_error():
    result = run("score", str(EXAMPLES / "wire.txt"), "--date", "22/01/2026")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


@pytest.mark.parametrize("command", ["score", "extract", "serve"])
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Example" in result.stdout


def test_prior_option_moves_probabilities_and_is_checked(tmp_path):
    def scored(*extra):
        return json_lines(run("score", str(EXAMPLES / "wire.txt"), "--format", "json", *extra).stdout)[0]

    rare, plain, common = scored("--prior", "0.05"), scored(), scored("--prior", "0.9")
    assert rare["probability"] < plain["probability"] < common["probability"]
    assert (rare["prior"], plain["prior"], common["prior"]) == (0.05, 0.5, 0.9)  # the output says which mix it assumed
    bad = CliRunner().invoke(cli, ["score", str(EXAMPLES / "wire.txt"), "--prior", "1"])
    assert bad.exit_code == 2 and "--prior" in bad.output
    for bad in ("0", "auto-ish"):
        assert run("score", str(EXAMPLES / "wire.txt"), "--prior", bad).exit_code == 2
    settings = tmp_path / "scorer.toml"
    settings.write_text("[scorer]\nprior = 2.0\n")
    from_file = CliRunner().invoke(cli, ["score", str(EXAMPLES / "wire.txt"), "--config", str(settings)])
    assert from_file.exit_code == 1 and "scorer.toml" in from_file.output and "prior must be a share" in from_file.output


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[scorer]\nprior = "auto"', "prior must be a number between 0 and 1, not 'auto' (--prior auto is for a batch"),
        ('[scorer]\nthreshold = "high"', "threshold must be a number"),
        ("[scorer]\nthreshold = true", "threshold must be a number"),
        ('[scorer]\nmax_bytes = "lots"', "max_bytes must be a positive whole number"),
        ("[scorer]\nmodel = 3", "model must be a model directory"),
        ("[scorer]\ndate = 3", "date must be a date"),
        ('[scorer]\ndate = "last week"', "date must be a date (YYYY-MM-DD), not 'last week'"),
        ("[scorer]\nknowledge = [3]", "knowledge must be a list of file paths"),
        ("[scorer]\ncolour = 1", "unknown setting(s): colour"),
        ("scorer = 1", "must be a table"),
    ],
)
def test_a_config_file_with_a_wrong_value_is_a_one_line_error(tmp_path, toml, message):
    settings = tmp_path / "scorer.toml"
    settings.write_text(toml + "\n")
    result = CliRunner().invoke(cli, ["score", str(EXAMPLES / "wire.txt"), "--config", str(settings)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception  # not a TypeError
    assert "scorer.toml" in result.output and message in result.output
    assert "Traceback" not in result.output


def test_prior_auto_estimates_the_batch_share_or_says_the_batch_is_too_small(monkeypatch):
    import scorer.core.odds

    small = CliRunner().invoke(cli, ["score", str(EXAMPLES), "--prior", "auto", "--format", "json"], catch_exceptions=False)
    assert small.exit_code == 0 and "needs at least" in small.stderr
    assert {row["prior"] for row in json_lines(small.stdout)} == {0.5}
    monkeypatch.setattr(scorer.core.odds, "MIN_BATCH_FOR_PRIOR", 3)
    batch = CliRunner().invoke(cli, ["score", str(EXAMPLES), "--prior", "auto", "--format", "json"], catch_exceptions=False)
    rows = json_lines(batch.stdout)
    shares = {row["prior"] for row in rows}
    assert batch.exit_code == 0 and "look low quality" in batch.stderr and len(shares) == 1
    assert 0.01 <= shares.pop() <= 0.99
    for row in rows:
        assert row["label"] == ("low_quality" if row["probability"] >= row["threshold"] else "ok")

