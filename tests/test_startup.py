"""Start-up: what `scorer score` imports, and that its fork-started worker scores as the library does.

Each check runs a fresh interpreter (a subprocess), since this test session has long since
imported everything.
"""
from __future__ import annotations

import json
import os
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


def _fresh(code: str, **env: str) -> dict:
    """What ``code`` prints as JSON on its last line, run in a fresh interpreter with ``env`` added
    (a variable given as "" is removed)."""
    environment = {k: v for k, v in {**os.environ, **env}.items() if v != ""}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO, env=environment).stdout
    return json.loads(out.splitlines()[-1])


def test_the_command_line_starts_blas_with_one_thread_unless_told_otherwise():
    probe = "import os, json, scorer.cli\nprint(json.dumps(os.environ.get('OPENBLAS_NUM_THREADS')))"
    assert _fresh(probe, OPENBLAS_NUM_THREADS="") == "1"
    assert _fresh(probe, OPENBLAS_NUM_THREADS="3") == "3"


def test_what_the_import_made_is_frozen_and_collection_resumes():
    probe = "import gc, json, scorer.cli\nprint(json.dumps([gc.isenabled(), gc.get_freeze_count(), gc.get_count()[0]]))"
    enabled, frozen, pending = _fresh(probe)
    assert enabled
    # The import's objects are out of the collector's generations (not waiting for a collection
    # that would walk them all); only what was allocated after the freeze is pending.
    assert frozen > 10_000 and pending < 1_000


def test_the_program_is_the_same_command_line():
    """``python -m scorer`` runs the entry point (scorer.cli.main:main), with the group's exit status and output."""
    run = subprocess.run([sys.executable, "-m", "scorer", "score", str(TEXT), "--format", "json", "--date", "2026-01-22"],
                         capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0 and json.loads(run.stdout)["input"] == str(TEXT)
    missing = subprocess.run([sys.executable, "-m", "scorer", "score", str(REPO / "no-such-file.txt")], capture_output=True, text=True, cwd=REPO)
    assert missing.returncode == 1 and "no-such-file.txt" in missing.stderr and "Traceback" not in missing.stderr


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
