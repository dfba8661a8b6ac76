"""A researcher's round trip on the command line: train → evaluate → score --model."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "training_data" / "examples.jsonl"


@pytest.fixture(scope="module")
def cli():
    from scorer.cli.main import cli

    return cli


@pytest.fixture
def trained(trained_model, feature_cache):
    """The session's model (conftest.py) and the session's feature cache: evaluate and score only need a trained model."""
    return trained_model.out, feature_cache


@pytest.fixture(scope="module")
def cli_trained(cli, tmp_path_factory, feature_cache):
    """``scorer train`` itself, once: 2 folds (the session model covers the default 5)."""
    out = tmp_path_factory.mktemp("cli") / "m"
    result = CliRunner().invoke(cli, ["train", str(EXAMPLES), "--out", str(out), "--folds", "2", "--cache", str(feature_cache)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out, result.output


def test_train_prints_cross_validation_and_saves(cli_trained):
    out, output = cli_trained
    assert "36 articles (18 low_quality, 18 ok) in 18 groups" in output
    assert "grouped 2-fold cross-validation" in output and "ROC-AUC" in output
    assert f"model saved to {out}" in output
    assert (out / "model.joblib").is_file()
    meta = json.loads((out / "metadata.json").read_text())
    assert meta["name"] == "m" and meta["model"]["cv_folds"] == 2 and meta["training_data"]["files"] == ["examples.jsonl"]


def test_evaluate_table_and_json(cli, trained):
    out, cache = trained
    runner = CliRunner()
    table = runner.invoke(cli, ["evaluate", str(EXAMPLES), "--model", str(out), "--trust-model", "--cache", str(cache), "--by", "kind"], catch_exceptions=False)
    assert table.exit_code == 0, table.output
    for word in ("ROC-AUC", "PR-AUC", "ECE", "confusion matrix", "threshold for 1% FPR", "by kind:", "seo", "vague"):
        assert word in table.output
    as_json = runner.invoke(cli, ["evaluate", str(EXAMPLES), "--model", str(out), "--trust-model", "--cache", str(cache), "--by", "kind", "--format", "json"], catch_exceptions=False)
    report = json.loads(as_json.stdout)
    assert report["overall"]["n"] == 36
    assert set(report["by"]["kind"]) == {"reported", "seo", "vague"}
    assert report["overall"]["roc_auc"] > 0.9  # in-sample on an easy set


def test_evaluate_under_another_mix_moves_calibration_not_ranking(cli, trained):
    out, cache = trained
    runner = CliRunner()

    def report(*extra):
        result = runner.invoke(cli, ["evaluate", str(EXAMPLES), "--model", str(out), "--trust-model", "--cache", str(cache), "--format", "json", *extra], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["overall"]

    plain, rare = report(), report("--prior", "0.05")
    assert rare["roc_auc"] == pytest.approx(plain["roc_auc"])  # the same order of articles
    assert rare["ece"] != pytest.approx(plain["ece"])
    assert runner.invoke(cli, ["evaluate", str(EXAMPLES), "--model", str(out), "--trust-model", "--cache", str(cache), "--prior", "0"]).exit_code == 2


def test_evaluate_says_when_the_positive_label_or_a_column_is_never_seen(cli, trained):
    out, cache = trained
    runner = CliRunner()
    typo = runner.invoke(cli, ["evaluate", str(EXAMPLES), "--model", str(out), "--trust-model", "--cache", str(cache), "--positive", "low_qualty", "--by", "kindd"], catch_exceptions=False)
    assert typo.exit_code == 0
    assert "note: no row is labelled 'low_qualty', so every article counts as ok (labels seen: " in typo.output
    assert "note: no row has a column 'kindd'" in typo.output
    fine = runner.invoke(cli, ["evaluate", str(EXAMPLES), "--model", str(out), "--trust-model", "--cache", str(cache), "--by", "kind", "--format", "json"], catch_exceptions=False)
    assert json.loads(fine.stdout)["notes"] == []


def test_evaluate_can_estimate_the_sets_mix_without_its_labels(cli, trained, monkeypatch):
    import scorer.core.odds

    out, cache = trained
    runner = CliRunner()
    args = ["evaluate", str(EXAMPLES), "--model", str(out), "--trust-model", "--trust-model", "--cache", str(cache), "--prior", "auto"]
    few = json.loads(runner.invoke(cli, [*args, "--format", "json"], catch_exceptions=False).stdout)
    assert (few["prior"], few["prior_estimated"]) == (0.5, False)  # 36 articles: too few to estimate, the model's prior
    monkeypatch.setattr(scorer.core.odds, "MIN_BATCH_FOR_PRIOR", 10)
    estimated = json.loads(runner.invoke(cli, [*args, "--format", "json"], catch_exceptions=False).stdout)
    assert estimated["prior_estimated"] and 0.01 <= estimated["prior"] <= 0.99 and estimated["prior"] != 0.5
    assert estimated["overall"]["roc_auc"] == pytest.approx(few["overall"]["roc_auc"])
    assert "estimated from the scores without the labels" in runner.invoke(cli, args, catch_exceptions=False).output


def test_score_with_the_trained_model(cli, trained, tmp_path):
    out, _ = trained
    rows = [json.loads(line) for line in EXAMPLES.read_text().splitlines()]
    reported = tmp_path / "reported.txt"
    reported.write_text(rows[0]["text"])
    rewrite = tmp_path / "rewrite.txt"
    rewrite.write_text(rows[1]["text"])
    result = CliRunner().invoke(
        cli, ["score", str(reported), str(rewrite), "--model", str(out), "--trust-model", "--format", "json", "--date", "2025-03-04"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    good, bad = (json.loads(line) for line in result.stdout.strip().splitlines())
    assert good["model"] == bad["model"] == "tiny"
    assert good["score"] > bad["score"] and bad["label"] == "low_quality"
    assert bad["reasons"] and {"feature", "effect", "message"} <= set(bad["reasons"][0])


def test_errors_are_one_line(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "label": "ok"}\n{"text": "y"}\n')
    result = CliRunner().invoke(cli, ["train", str(bad), "--out", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert f"{bad}:2: missing label" in result.output
    assert len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(cli, ["evaluate", str(EXAMPLES), "--model", str(tmp_path), "--trust-model"])
    assert result.exit_code == 1 and "not a scorer model directory" in result.output
    result = CliRunner().invoke(cli, ["train", str(EXAMPLES), "--out", str(tmp_path / "m"), "--column", "group"])
    assert result.exit_code == 2 and "STANDARD=NAME" in result.output


def test_train_never_writes_among_a_users_files_nor_replaces_a_model_unasked(cli, cli_trained, tmp_path):
    from scorer.research.fit import check_out_dir

    out, _ = cli_trained
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "story.html").write_text("<p>mine</p>")
    for target, message in ((folder, "not empty and is not a model directory"), (out, "already holds a model; pass --overwrite")):
        before = {p.name: p.stat().st_mtime_ns for p in target.iterdir()}
        result = CliRunner().invoke(cli, ["train", str(EXAMPLES), "--out", str(target)])
        assert result.exit_code == 1 and message in result.output
        assert {p.name: p.stat().st_mtime_ns for p in target.iterdir()} == before  # nothing written
    check_out_dir(out, overwrite=True)  # a model directory may be replaced when asked
    check_out_dir(tmp_path / "new")  # a new directory is fine
    with pytest.raises(Exception, match="already holds a model"):
        check_out_dir(out)


def test_commands_have_help_with_examples(cli):
    for command in ("train", "evaluate"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Examples:" in result.output


@pytest.mark.slow
def test_train_leaves_out_short_texts_and_copies_unless_told(cli, tmp_path, feature_cache):
    rows = [json.loads(line) for line in EXAMPLES.read_text().splitlines()]
    original = next(row for row in rows if row["label"] == "ok")
    extra = [
        {**original, "text": original["text"], "label": "low_quality"},  # a "rewrite" that is the original
        {"text": "Ferry fire: all passengers safe.", "label": "low_quality", "group": "brief"},
    ]
    data = tmp_path / "set.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in rows + extra), encoding="utf-8")
    runner = CliRunner()
    small = ["--folds", "3", "--no-leads", "--cache", str(feature_cache)]
    screened = runner.invoke(cli, ["train", str(data), "--out", str(tmp_path / "a"), *small], catch_exceptions=False)
    assert screened.exit_code == 0, screened.output
    assert "left out 2 article(s) (1 too short, 1 copy; --keep-all keeps them)" in screened.output
    assert "36 articles (18 low_quality, 18 ok)" in screened.output
    assert "leads" not in screened.output  # --no-leads
    meta = json.loads((tmp_path / "a" / "metadata.json").read_text())
    assert meta["training_data"]["left_out"] == {"too_short": 1, "copy": 1}
    assert meta["training_data"]["leads"] == 0 and meta["model"]["leads"] == "none"
    # The same options from a spec file (relative paths are the file's), --keep-all given on the command line.
    spec = tmp_path / "spec.toml"
    spec.write_text(f'data = ["set.jsonl"]\nfolds = 3\nno_leads = true\ncache = "{feature_cache}"\n', encoding="utf-8")
    kept = runner.invoke(cli, ["train", "--spec", str(spec), "--out", str(tmp_path / "b"), "--keep-all", "--layout", "none"],
                         catch_exceptions=False)
    assert kept.exit_code == 0, kept.output
    assert "left out" not in kept.output and "38 articles (20 low_quality, 18 ok)" in kept.output
    # --layout reaches the spec: the default adds layout copies, "none" adds none.
    assert meta["training_data"]["layout_copies"] > 0
    assert json.loads((tmp_path / "b" / "metadata.json").read_text())["training_data"]["layout_copies"] == 0


def test_train_says_it_learned_from_leads(cli_trained):
    out, output = cli_trained
    leads = json.loads((out / "metadata.json").read_text())["training_data"]["leads"]
    assert leads > 0 and f"also learned from {leads} leads" in output and "--no-leads" in output


def test_train_spec_errors_name_the_option(cli, tmp_path):
    spec = tmp_path / "spec.toml"
    for text, message in (
        ('data = ["x.jsonl"]\nfoldz = 2\n', "unknown training option 'foldz'"),
        ('data = ["x.jsonl"]\nfolds = "two"\n', "option 'folds': expected a whole number"),
        ('data = ["x.jsonl"]\nfamilies = "padding,nope"\n', "option 'families': unknown signal family 'nope'"),
        ("data = [", "not valid TOML"),
    ):
        spec.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(cli, ["train", "--spec", str(spec), "--out", str(tmp_path / "m")])
        assert result.exit_code == 1 and message in result.output and str(spec) in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(cli, ["train", "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "--spec" in result.output
