"""The README is the user's first contact: its commands must exist and every command must be documented."""
import re
from pathlib import Path

from scorer.cli import cli

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
