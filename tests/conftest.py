"""Shared test fixtures.

Tests that need the public datasets in ``../shared/datasets`` take the
``shared_datasets`` fixture: it skips with a clear reason when they are absent
(CI here has them). Set ``SCORER_SHARED`` to point elsewhere.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets"


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


# The real HTTP servers (one open, one with a token) shared by the serve tests: started once per session.
from serve_helpers import servers  # noqa: E402,F401
