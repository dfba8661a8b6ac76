"""Lost data: outputs written beside the target and renamed into place; never a file the command reads."""
from __future__ import annotations

import json
import os
import shutil

import click
import pytest
from click.testing import CliRunner

from scorer.cli import cli
from scorer.cli.output import atomic_output

from .conftest import EXAMPLES, REPO, one_line_error, run_cli

pytestmark = pytest.mark.timeout(600)

ARTICLE = EXAMPLES / "wire.txt"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_an_interrupted_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n")
    with pytest.raises(KeyboardInterrupt):
        with atomic_output(str(target)) as out:
            out.write("half of the new")
            raise KeyboardInterrupt
    assert target.read_text() == "previous\n"
    assert os.listdir(tmp_path) == ["out.jsonl"]  # no temporary file left


def test_a_completed_write_replaces_the_file_and_keeps_its_mode(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    with atomic_output(str(target)) as out:
        out.write("new")
    assert target.read_text() == "new" and (target.stat().st_mode & 0o777) == 0o640


def test_a_bad_model_leaves_the_previous_output(tmp_path):
    target = tmp_path / "scores.jsonl"
    target.write_text("previous\n")
    result = CliRunner().invoke(cli, ["score", str(ARTICLE), "--model", str(tmp_path), "-o", str(target)])
    assert result.exit_code != 0
    assert target.read_text() == "previous\n"


@pytest.mark.parametrize("which", ["input", "knowledge", "config", "hardlink", "symlink"])
def test_the_output_may_not_be_a_file_the_command_reads(tmp_path, which):
    article = tmp_path / "a.txt"
    shutil.copy(ARTICLE, article)
    knowledge = tmp_path / "k.csv"
    knowledge.write_text("office,name,country,titles,qualifiers,style,source\n")
    config = tmp_path / "c.toml"
    config.write_text("[scorer]\nurl = 'https://example.com'\n")
    target = {"input": article, "knowledge": knowledge, "config": config}.get(which)
    if which == "hardlink":
        target = tmp_path / "link.txt"
        os.link(article, target)
    if which == "symlink":
        target = tmp_path / "sym.txt"
        target.symlink_to(article)
    before = {p: p.read_bytes() for p in (article, knowledge, config)}
    for command in ("score", "extract"):
        result = CliRunner().invoke(cli, [command, str(article), "--knowledge", str(knowledge), "--config", str(config), "-o", str(target)])
        assert result.exit_code == 1 and "refusing to overwrite" in result.output
    assert {p: p.read_bytes() for p in before} == before


def test_the_output_may_not_be_a_model_file(tmp_path):
    model = tmp_path / "m"
    shutil.copytree(REPO / "models" / "default", model)
    before = (model / "metadata.json").read_bytes()
    result = CliRunner().invoke(cli, ["score", str(ARTICLE), "--model", str(model), "--trust-model", "-o", str(model / "metadata.json")])
    assert result.exit_code == 1 and "refusing to overwrite" in result.output
    assert (model / "metadata.json").read_bytes() == before


def test_dev_full_and_a_read_only_folder_are_one_line_errors(tmp_path):
    if os.path.exists("/dev/full"):
        result = run_cli("extract", str(ARTICLE), "-o", "/dev/full", timeout=60)
        assert result.returncode == 1
        one_line_error(result.stderr)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(click.ClickException, match="cannot write"):
            with atomic_output(str(folder / "out.txt")):
                pass
    finally:
        folder.chmod(0o700)


def test_disk_full_while_writing_is_one_line_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old")

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(click.ClickException, match="No space left"):
        with atomic_output(str(target)) as out:
            out.write("new")
    assert target.read_text() == "old"


def test_extract_output_is_complete(tmp_path):
    target = tmp_path / "out.txt"
    assert invoke("extract", str(ARTICLE), "-o", str(target)).exit_code == 0
    assert target.read_text().strip()


def test_evaluate_never_writes_its_report_over_the_labelled_set(tmp_path):
    """`scorer evaluate data.jsonl -o data.jsonl` used to replace the labelled set with the report and exit 0."""
    from click.testing import CliRunner

    from scorer.cli import cli

    data = tmp_path / "data.jsonl"
    line = json.dumps({"text": "The council voted 7-2 on Tuesday to fund two ferries, the harbour master said.", "label": "ok"})
    data.write_text(line + "\n", encoding="utf-8")
    before = data.read_bytes()
    result = CliRunner().invoke(cli, ["evaluate", str(data), "-o", str(data)])
    assert result.exit_code != 0 and "data.jsonl" in result.output
    assert data.read_bytes() == before
