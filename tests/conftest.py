"""Shared test fixtures.

Tests that need the public datasets in ``../shared/datasets`` take the
``shared_datasets`` fixture: it skips with a clear reason when they are absent
(CI here has them). Set ``SCORER_SHARED`` to point elsewhere.

Tests that only need "a trained model" take ``trained_model``: ONE small model per test
session, trained on ``examples_set`` (the project's examples, written by the tests into the
session's temporary folder) with the default options. Every training run of the session shares
``feature_cache``, a private folder of this session (never a fixed path under /tmp).
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# One OpenMP/BLAS thread per test process (and the subprocesses it starts), set before numpy or
# scikit-learn is imported: the suite already runs one process per core (pytest-xdist), so a thread
# team per process only oversubscribes the cores, and HistGradientBoosting's OpenMP loops then wait
# for descheduled threads. Training the ensemble on the 36 examples took 182 s instead of 10 s on a
# busy 2-core machine (same metrics either way). The serve and scale workers pin themselves the same way.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets"
EXAMPLES = REPO / "training_data" / "examples.jsonl"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: trains or scores many articles (still runs by default; -m 'not slow' skips it)")


@pytest.fixture(scope="session")
def shared_datasets() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"public datasets not found at {SHARED} (set SCORER_SHARED to the folder holding datasets/)")
    return SHARED


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def fixed_today() -> dt.date:
    return dt.date(2026, 1, 22)


@pytest.fixture(scope="session")
def feature_cache(tmp_path_factory) -> Path:
    """This session's feature cache: each run starts cold, and its training runs share it."""
    return tmp_path_factory.mktemp("feature-cache")


@pytest.fixture(scope="session")
def examples_set(tmp_path_factory) -> Path:
    """A small labelled set (36 articles, 18 stories with a rewrite each), written for this session."""
    path = tmp_path_factory.mktemp("data") / "examples.jsonl"
    path.write_text(EXAMPLES.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Trained:
    """The session's model: its directory and what training returned."""

    out: Path
    result: Any


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory, examples_set, feature_cache) -> Trained:
    """ONE model trained with the default options, shared by every test that only needs a trained model."""
    from scorer.research.training import train

    out = tmp_path_factory.mktemp("model") / "tiny"
    return Trained(out, train([examples_set], out, cache_dir=str(feature_cache)))


# The real HTTP servers (one open, one with a token) shared by the serve tests: started once per session.
from serve_helpers import servers  # noqa: E402,F401
