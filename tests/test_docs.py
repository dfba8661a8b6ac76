"""The README is the user's first contact: its commands must exist and every command must be documented."""
import re
from pathlib import Path

from scorer.cli.main import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
CI = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_is_documented_in_the_readme():
    for name in cli.commands:
        assert f"scorer {name}" in README, f"`scorer {name}` is not in the README"


def test_every_score_option_is_documented():
    score = cli.commands["score"]
    for param in score.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt != "--help":
                assert opt in README, f"{opt} of `scorer score` is not in the README"


def test_quick_start_has_the_two_commands_and_ci_runs_the_test_one():
    commands = re.findall(r"```console\n(.+?)\n```", README, re.DOTALL)
    assert any("scorer score examples/" in c for c in commands[:2])
    test_command = next(c for c in commands[:2] if "pytest" in c)
    assert "pip install '.[test]' && pytest" in test_command
    assert "pip install '.[test]' && pytest" in CI


def test_readme_shows_real_output_not_placeholders():
    assert "QUICKSTART_OUTPUT" not in README and "TEST_OUTPUT" not in README


def test_quick_start_output_is_what_scorer_prints(tmp_path, monkeypatch):
    # The README's example output is real: scoring the bundled examples on the day the README
    # says the block ran gives it exactly. A change to the model, a signal or the rendering
    # that alters it must come with the regenerated block.
    from click.testing import CliRunner

    block = re.search(r"```text\n(examples/.+?)```", README, re.DOTALL).group(1)
    day = re.search(r"the block above ran on (\d{4}-\d\d-\d\d)", README).group(1)
    config = tmp_path / "scorer.toml"
    config.write_text(f'[scorer]\ntoday = "{day}"\n', encoding="utf-8")
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    result = CliRunner().invoke(cli, ["score", "examples/", "--config", str(config)])
    assert result.exit_code == 0
    assert result.output == block
