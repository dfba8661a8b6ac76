"""Foreign code: a user's model is unpickled only with --trust-model / trust=True; the shipped one by its digest."""
from __future__ import annotations

import hashlib
import json
import pickle
import shutil

import pytest
from click.testing import CliRunner

from scorer.cli import cli
from scorer.core.errors import ModelError
from scorer.model import loading
from scorer.model.trained import load_trained_model

from .conftest import EXAMPLES, REPO

pytestmark = pytest.mark.timeout(600)


class _Payload:
    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def crafted_model(folder, marker):
    """A model directory whose model.joblib writes ``marker`` when unpickled."""
    shutil.copytree(REPO / "models" / "default", folder)
    (folder / "model.joblib").write_bytes(pickle.dumps(_Payload(str(marker))))
    return folder


def test_a_crafted_pickle_passed_as_model_runs_nothing(tmp_path):
    marker = tmp_path / "MARKER"
    model = crafted_model(tmp_path / "evil", marker)
    result = CliRunner().invoke(cli, ["score", str(EXAMPLES / "wire.txt"), "--model", str(model)])
    assert result.exit_code != 0 and "--trust-model" in result.output
    assert not marker.exists()


def test_a_crafted_pickle_named_in_a_config_file_runs_nothing(tmp_path):
    marker = tmp_path / "MARKER"
    model = crafted_model(tmp_path / "evil", marker)
    config = tmp_path / "c.toml"
    config.write_text(f"[scorer]\nmodel = {json.dumps(str(model))}\n")
    result = CliRunner().invoke(cli, ["score", str(EXAMPLES / "wire.txt"), "--config", str(config)])
    assert result.exit_code != 0 and "--trust-model" in result.output
    assert not marker.exists()


def test_a_config_file_cannot_grant_trust(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text("[scorer]\ntrust_model = true\n")
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLES / "wire.txt"), "--config", str(config)])
    assert result.exit_code != 0 and "trust_model" in result.output


def test_the_api_needs_trust_for_a_users_model(tmp_path):
    marker = tmp_path / "MARKER"
    model = crafted_model(tmp_path / "evil", marker)
    with pytest.raises(ModelError, match="trust"):
        loading.load_model(model)
    assert not marker.exists()


def test_the_shipped_models_digest_is_recorded_in_the_package_and_checked(tmp_path):
    shipped = loading.default_model_dir()
    assert hashlib.sha256((shipped / "model.joblib").read_bytes()).hexdigest() == loading.SHIPPED_MODEL_SHA256
    marker = tmp_path / "MARKER"
    tampered = crafted_model(tmp_path / "copy", marker)
    with pytest.raises(ModelError, match="sha256"):
        load_trained_model(tampered, sha256=loading.SHIPPED_MODEL_SHA256)
    assert not marker.exists()


def test_the_help_says_what_trusting_a_model_means():
    help_text = CliRunner().invoke(cli, ["score", "--help"]).output
    assert "--trust-model" in help_text and "runs any code" in " ".join(help_text.split())


def test_a_planted_feature_cache_runs_nothing(tmp_path):
    """The feature cache is gzipped JSON: a pickle planted under its name (or the old .joblib name) is not unpickled."""
    import gzip

    from scorer.research.featurize import code_version, featurize_rows
    from scorer.research.readers import read_labelled

    marker = tmp_path / "MARKER"
    cache = tmp_path / "cache"
    cache.mkdir()
    payload = pickle.dumps(_Payload(str(marker)))
    (cache / f"features-{code_version()}.joblib").write_bytes(payload)
    with gzip.open(cache / f"features-{code_version()}.json.gz", "wb") as handle:
        handle.write(payload)
    data = tmp_path / "set.jsonl"
    story = "The council voted 7-2 on Tuesday to fund two new ferries, the harbour master, Ann Cole, told reporters after the vote."
    data.write_text(json.dumps({"text": story, "label": "ok"}) + "\n" + json.dumps({"text": story + " It is a pivotal moment.", "label": "low_quality"}) + "\n")
    featurized = featurize_rows(read_labelled([data]), cache_dir=cache)
    assert len(featurized.rows) == 2 and not marker.exists()
    # The rebuilt cache is plain JSON and is read back on the next run.
    assert len(featurize_rows(read_labelled([data]), cache_dir=cache).rows) == 2 and not marker.exists()


def test_the_evaluation_library_unpickles_a_user_model_only_when_trusted(tmp_path):
    # The Python API, not only the command line: EvaluationSpec's trust_model defaults to False.
    from scorer.research.evaluation import EvaluationSpec, evaluate_model
    from scorer.research.spec import DataSpec

    marker = tmp_path / "MARKER"
    model = crafted_model(tmp_path / "evil", marker)
    spec = EvaluationSpec(DataSpec((str(REPO / "training_data" / "examples.jsonl"),)), model_dir=model)
    with pytest.raises(ModelError, match="not loaded"):
        evaluate_model(spec)
    assert not marker.exists()
