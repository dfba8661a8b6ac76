"""Where the time of ``scorer score one.txt`` goes, stage by stage, beside another checkout (interleaved).

Usage::

    python benchmarks/startup_stages.py [--runs 7] [--file examples/wire.txt] [--baseline-python /other/venv/bin/python] [--shares]

Each round runs, in a fresh process with each python, the command as its entry point runs it,
with marks around:

* the interpreter (from the process's start time in /proc, 10 ms ticks) and ``import scorer.cli.main``;
* in the forked scoring worker: loading the model, the warm-up article, the article itself;
* the command in the parent (fork, waiting for the worker, rendering);
* what is left of the process's wall time after the command: the interpreter's shutdown.

``--shares`` runs with ``python -X importtime`` and adds numpy's and click's import times (which
that option inflates, as it does every import: compare shares, not totals, in such a run).

Wall and CPU milliseconds, medians over the rounds. The worker's stages are timed by wrapping the
checkout's own ``scorer.cli.workers._worker_main`` steps (load_model, _warm_up, score_path), so both
checkouts are measured the same way. Figures, never assertions; run from ``/`` so that each python
finds its own ``scorer``.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: Run with ``python -X importtime -c PROBE FILE MARKS``: the command in one process, marks written to MARKS.
PROBE = r'''
import os, sys, time, json, resource

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

def since_start():
    with open("/proc/self/stat") as f:
        start = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        up = float(f.read().split()[0])
    return up - start / os.sysconf("SC_CLK_TCK")

path, marks_file = sys.argv[1], sys.argv[2]
marks = {"interpreter": [since_start(), cpu()]}
w0, c0 = time.perf_counter(), cpu()
import scorer.cli.main as command
marks["import scorer.cli.main"] = [time.perf_counter() - w0, cpu() - c0]
import scorer.cli.workers as workers

def worker_main(conn, config):
    # The checkout's own worker, its three stages timed; the marks are written before the result is sent.
    import gc
    from scorer.model.loading import load_model
    timed = {}
    gc.disable()
    w, c = time.perf_counter(), cpu(); model = load_model(config.model, trust=config.trust_model)
    timed["worker: load the model"] = [time.perf_counter() - w, cpu() - c]
    w, c = time.perf_counter(), cpu(); workers._warm_up(config, model)
    timed["worker: warm-up article"] = [time.perf_counter() - w, cpu() - c]
    gc.freeze(); gc.enable()
    conn.send(("ready", None))
    task_path, data = conn.recv()
    w, c = time.perf_counter(), cpu(); result = workers.score_path(task_path, config, model)
    timed["worker: the article"] = [time.perf_counter() - w, cpu() - c]
    with open(marks_file + ".worker", "w") as handle:
        json.dump(timed, handle)
    conn.send(("done", result))
    conn.recv()

workers._worker_main = worker_main
sys.argv = ["scorer", "score", path]
entry = getattr(command, "main", None) or (lambda: command.cli(prog_name="scorer"))
w, c = time.perf_counter(), cpu()
sys.stdout = open(os.devnull, "w")
try:
    entry()
except SystemExit:
    pass
marks["parent: the command (fork, wait, render)"] = [time.perf_counter() - w, cpu() - c]
marks["parent: whole, up to the exit"] = [time.perf_counter() - w0 + marks["interpreter"][0], cpu()]
with open(marks_file, "w") as handle:
    json.dump(marks, handle)
'''


def _import_ms(stderr: str, module: str) -> float | None:
    """Cumulative import time (ms) of ``module`` where it was first imported, from ``-X importtime``."""
    for line in stderr.splitlines():
        found = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s*(\S+)$", line)
        if found and found.group(2) == module:
            return int(found.group(1)) / 1000
    return None


def one_run(python: str, path: str, shares: bool = False) -> dict[str, list[float | None]]:
    with tempfile.TemporaryDirectory() as tmp:
        marks_file = os.path.join(tmp, "marks.json")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        start = time.perf_counter()
        done = subprocess.run([python, *(["-X", "importtime"] if shares else []), "-c", PROBE, path, marks_file], cwd="/", env=env,
                              capture_output=True, text=True)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{python}: {done.stderr.strip()[-800:]}")
        with open(marks_file) as handle:
            marks = json.load(handle)
        with open(marks_file + ".worker") as handle:
            worker = json.load(handle)
    ms = {name: [value[0] * 1000, value[1] * 1000] for name, value in marks.items()}
    whole = ms.pop("parent: whole, up to the exit")
    out: dict[str, list[float | None]] = {"interpreter start": ms.pop("interpreter")}
    out["import scorer.cli.main"] = ms.pop("import scorer.cli.main")
    if shares:
        out["  of which numpy (importtime)"] = [_import_ms(done.stderr, "numpy"), None]
        out["  of which click (importtime)"] = [_import_ms(done.stderr, "click"), None]
    out.update({name: [value[0] * 1000, value[1] * 1000] for name, value in worker.items()})
    out.update(ms)
    out["after the command: shutdown"] = [wall * 1000 - whole[0], None]
    out["whole process"] = [wall * 1000, None]
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--file", type=Path, default=REPO / "examples" / "wire.txt")
    parser.add_argument("--baseline-python", help="another environment's python, measured in the same rounds")
    parser.add_argument("--shares", action="store_true", help="run under -X importtime and show numpy's and click's import times")
    args = parser.parse_args(argv)
    path = str(args.file.resolve())
    pythons = {"this checkout": sys.executable}
    if args.baseline_python:
        pythons = {"baseline": args.baseline_python, **pythons}
    for python in pythons.values():
        one_run(python, path, args.shares)  # warm-up: file caches, byte-code
    runs: dict[str, list[dict]] = {name: [] for name in pythons}
    for _ in range(args.runs):
        for name, python in pythons.items():
            runs[name].append(one_run(python, path, args.shares))
    print(f"{args.runs} interleaved rounds, medians, ms wall / CPU ({path})")
    print(f"  {'stage':44s}" + "".join(f"{name:>24s}" for name in pythons))
    for stage in runs["this checkout"][0]:
        cells = []
        for name in pythons:
            values = [[r[stage][i] for r in runs[name] if r[stage][i] is not None] for i in (0, 1)]
            cells.append(" / ".join(f"{statistics.median(v):7.1f}" if v else "      -" for v in values))
        print(f"  {stage:44s}" + "".join(f"{cell:>24s}" for cell in cells))


if __name__ == "__main__":
    main(sys.argv[1:])
