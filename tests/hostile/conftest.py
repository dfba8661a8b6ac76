"""Hostile inputs: every case here is bounded in time (pytest-timeout) and CPU where it measures work.

CPU time (``time.thread_time``), not wall-clock time, is what the work bounds assert: the
machines these run on are often busy, and a busy machine must not fail a linear-time check.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
TODAY = dt.date(2026, 1, 22)

#: A plain news paragraph, for "ordinary article" inputs of any size.
PARAGRAPH = (
    "The city council approved the harbour budget on Tuesday after a two-hour debate, officials said. "
    "\"We are pleased with the outcome,\" said Mayor Jane Smith in a statement released by her office. "
    "The plan sets aside 4.2 million dollars for dredging and repairs to the north pier, according to the council's report.\n\n"
)


class CpuTimer:
    def __enter__(self):
        self.start = time.thread_time()
        return self

    def __exit__(self, *exc):
        self.seconds = time.thread_time() - self.start
        return False


@pytest.fixture
def cpu():
    return CpuTimer


def run_cli(*args: str, timeout: float = 120, input: bytes | None = None, cwd: str | None = None) -> subprocess.CompletedProcess:
    """``scorer ARGS`` in a fresh process, killed after ``timeout`` seconds (a hang fails the test)."""
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    return subprocess.run([sys.executable, "-m", "scorer", *args], capture_output=True, timeout=timeout, input=input,
                          cwd=cwd, env=env)


def one_line_error(stderr: bytes) -> None:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
