"""Whole-process time of ``scorer score one.txt`` against ``python -c "import trafilatura"``, interleaved.

Usage::

    python benchmarks/startup.py [--runs 9] [--file examples/wire.txt] [--baseline-python /other/venv/bin/python]

Each round runs, in turn: ``python -m scorer score FILE`` with this environment's python, the same
with ``--baseline-python`` (another checkout's environment, e.g. the previous main) when given, and
``python -c "import trafilatura"``. Wall time and CPU time (the process and its children: the
scoring worker) of each, then the medians and the ratios to the trafilatura import. Figures, never
assertions: a busy machine stretches wall time most, so compare what ran in the same rounds.
Byte-code caches are allowed (``PYTHONDONTWRITEBYTECODE`` is removed), as on an installed system.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def timed(command: list[str], cwd: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one run of ``command``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--file", type=Path, default=REPO / "examples" / "wire.txt")
    parser.add_argument("--baseline-python", help="another environment's python: its `python -m scorer score FILE` in the same rounds")
    args = parser.parse_args(argv)
    path = str(args.file.resolve())
    commands = {"scorer score (this checkout)": [sys.executable, "-m", "scorer", "score", path]}
    if args.baseline_python:
        commands["scorer score (baseline)"] = [args.baseline_python, "-m", "scorer", "score", path]
    commands["python -c 'import trafilatura'"] = [sys.executable, "-c", "import trafilatura"]
    cwd = "/" if args.baseline_python else str(REPO)  # outside any checkout, so each python finds its own scorer
    for command in commands.values():
        timed(command, cwd)  # warm-up: file caches, byte-code
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            runs[name].append(timed(command, cwd))
    base = runs["python -c 'import trafilatura'"]
    base_wall, base_cpu = statistics.median(w for w, _ in base), statistics.median(c for _, c in base)
    print(f"{args.runs} interleaved rounds, medians ({path})")
    for name, values in runs.items():
        wall, cpu = statistics.median(w for w, _ in values), statistics.median(c for _, c in values)
        print(f"  {name:<32} wall {wall:6.3f} s ({wall / base_wall:4.2f}x)   CPU {cpu:6.3f} s ({cpu / base_cpu:4.2f}x)")


if __name__ == "__main__":
    main(sys.argv[1:])
