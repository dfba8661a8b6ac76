"""Start-up: what `scorer score` imports, and that its fork-started worker scores as the library does.

Each check runs a fresh interpreter (a subprocess), since this test session has long since
imported everything.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scorer.cli.lazy import LazyGroup

REPO = Path(__file__).resolve().parent.parent
TEXT = REPO / "tests" / "fixtures" / "text" / "pasted_article.txt"

#: Packages `scorer score` on a text file has no use for: the other commands' layers and their
#: libraries, the HTML extractor, the encoding detector (text that decodes as UTF-8).
NOT_FOR_SCORE = (
    "scorer.research", "scorer.serve", "scorer.scale", "scorer.sources", "scorer.compare",
    "sklearn", "scipy", "datasketch", "trafilatura", "lxml", "charset_normalizer",
)


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_the_command_line_imports_no_other_commands_layers():
    loaded = _modules_after("import scorer.cli.main")
    assert sorted(m for m in NOT_FOR_SCORE if m in loaded) == []


def test_the_package_loads_its_public_names_on_first_use():
    loaded = _modules_after("import scorer")
    assert "scorer.pipeline" not in loaded and "numpy" not in loaded
    loaded = _modules_after("import scorer\nscorer.score_text")
    assert "scorer.pipeline" in loaded


def test_every_public_name_resolves():
    import scorer

    for name in scorer.__all__:
        assert getattr(scorer, name) is not None, name
    with pytest.raises(AttributeError):
        scorer.no_such_name  # noqa: B018


def test_every_command_is_listed_and_loads():
    from scorer.cli.main import cli

    assert isinstance(cli, LazyGroup)
    import click

    ctx = click.Context(cli)
    names = cli.list_commands(ctx)
    assert {"score", "extract", "train", "evaluate", "sources", "compare", "serve"} <= set(names)
    for name in names:
        assert isinstance(cli.get_command(ctx, name), click.Command), name


def test_a_fresh_command_scores_a_text_as_the_library_does():
    """The command line's worker is forked from a process that never loaded scikit-learn (the
    worker loads it): the result must be the library's, byte for byte in JSON."""
    import scorer

    command = [sys.executable, "-m", "scorer", "score", str(TEXT), "--format", "json", "--date", "2026-01-22"]
    run = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    expected = scorer.score_file(str(TEXT), date="2026-01-22")
    assert json.loads(run.stdout) == json.loads(json.dumps(expected.as_dict()))
