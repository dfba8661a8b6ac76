"""`scorer train` never loses the previous model or a file it reads; `scorer evaluate` trusts a user's model only when told."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorer.cli import cli

from .conftest import REPO
from .test_hostile_trust import crafted_model

pytestmark = pytest.mark.timeout(600)

EXAMPLES = REPO / "training_data" / "examples.jsonl"


def snapshot(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture
def old_model(tmp_path):
    """A model directory that --out --overwrite would replace (a copy of the shipped one)."""
    out = tmp_path / "m"
    shutil.copytree(REPO / "models" / "default", out)
    for extra in set(os.listdir(out)) - {"model.joblib", "metadata.json", "metrics.json", "MODEL_CARD.md"}:
        os.remove(out / extra)
    return out


def test_an_interrupted_training_leaves_the_previous_model(tmp_path, old_model, feature_cache, monkeypatch):
    """Before, the model was saved straight into --out: Ctrl-C while saving left half a model.joblib."""
    import scorer.research.training as training

    saved = training.save_model

    def save_then_interrupt(pipeline, metadata, out_dir):
        saved(pipeline, metadata, out_dir)
        (Path(out_dir) / "model.joblib").write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(training, "save_model", save_then_interrupt)
    before = snapshot(old_model)
    result = CliRunner().invoke(cli, ["train", str(EXAMPLES), "--out", str(old_model), "--overwrite", "--folds", "2",
                                      "--wording", "0", "--cache", str(feature_cache)])
    assert result.exit_code != 0  # click reports Ctrl-C as "Aborted!"
    assert snapshot(old_model) == before
    assert os.listdir(tmp_path) == ["m"]  # no staging folder left behind


def test_a_completed_training_replaces_the_model_in_place(tmp_path, old_model, feature_cache):
    before = snapshot(old_model)
    result = CliRunner().invoke(cli, ["train", str(EXAMPLES), "--out", str(old_model), "--overwrite", "--folds", "2",
                                      "--wording", "0", "--cache", str(feature_cache)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    after = snapshot(old_model)
    assert set(after) == {"model.joblib", "metadata.json", "metrics.json"} and after["model.joblib"] != before["model.joblib"]
    assert json.loads(after["metadata.json"])["name"] == "m"  # named after --out, not the staging folder
    assert f"model saved to {old_model}" in result.output
    assert os.listdir(tmp_path) == ["m"]


def test_train_never_writes_over_a_labelled_set_it_reads(tmp_path, old_model):
    """A labelled set hard-linked as the model's metrics.json: saving once truncated it through the link."""
    data = tmp_path / "data.jsonl"
    shutil.copy(EXAMPLES, data)
    os.remove(old_model / "metrics.json")
    os.link(data, old_model / "metrics.json")
    before = data.read_bytes()
    result = CliRunner().invoke(cli, ["train", str(data), "--out", str(old_model), "--overwrite"])
    assert result.exit_code == 1 and "refusing" in result.output and len(result.output.strip().splitlines()) == 1
    assert data.read_bytes() == before


def test_train_refuses_a_cache_inside_its_output(tmp_path):
    out = tmp_path / "m"
    out.mkdir()
    result = CliRunner().invoke(cli, ["train", str(EXAMPLES), "--out", str(out), "--cache", str(out / "cache")])
    assert result.exit_code == 1 and "refusing" in result.output
    assert os.listdir(out) == []


def test_evaluate_runs_nothing_from_an_untrusted_model(tmp_path):
    """evaluate used to load any --model with trust: a crafted pickle ran (the marker file was written)."""
    marker = tmp_path / "MARKER"
    model = crafted_model(tmp_path / "evil", marker)
    result = CliRunner().invoke(cli, ["evaluate", str(EXAMPLES), "--model", str(model)])
    assert result.exit_code == 1 and "--trust-model" in result.output and len(result.output.strip().splitlines()) == 1
    assert not marker.exists()


def test_evaluate_needs_no_trust_for_the_shipped_model():
    from scorer.cli.research import is_shipped_model
    from scorer.model.loading import default_model_dir

    assert is_shipped_model(str(default_model_dir()))
    assert not is_shipped_model(str(REPO / "examples"))


def test_evaluate_help_says_what_trusting_a_model_means():
    help_text = " ".join(CliRunner().invoke(cli, ["evaluate", "--help"]).output.split())
    assert "--trust-model" in help_text and "runs any code" in help_text
