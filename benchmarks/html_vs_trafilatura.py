"""``scorer score`` over the 121 aeb-scrapinghub pages as one command against a plain trafilatura loop (issue 21, acceptance 2).

Usage::

    python benchmarks/html_vs_trafilatura.py                    # 5 interleaved pairs, then 5 more beside a CPU hog
    python benchmarks/html_vs_trafilatura.py --runs 3 --no-hog
    python benchmarks/html_vs_trafilatura.py --scorer-args="--jobs 1"

Two whole processes, timed from start to exit (start-up included in both):

* ``trafilatura``: ``python -c`` a loop calling ``trafilatura.extract`` on every page's bytes, in one process;
* ``scorer``: ``scorer score PAGE ... --format json -o OUT`` over the same pages, one command.

Runs alternate (A B, then B A, ...) so that a change in the machine's load hits both alike; the
medians and their ratio are printed, with each command's CPU seconds (its own and its children's,
from ``wait4``). Then the same again with a CPU hog beside them (one process spinning in a loop).
The acceptance asks for ``scorer`` ≤ 1.5× the loop, and a ratio that does not change beside the hog
beyond the hog's share of the cores: on 2 cores the hog takes one, so a command using both cores
loses up to half its CPU while a one-process loop loses none. Both environments are the user's as
given, less ``OMP_NUM_THREADS`` and the other thread-count variables (the command pins its own threads).
Figures, not assertions.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

LOOP = r"""
import sys
import trafilatura
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        trafilatura.extract(handle.read())
"""


def timed(command: list[str], env: dict) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (the process and its children) and exit status of ``command``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, process.returncode


def pairs(commands: dict[str, list[str]], runs: int, env: dict) -> dict:
    times: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    names = list(commands)
    for i in range(runs):
        for name in names if i % 2 == 0 else reversed(names):
            times[name].append(timed(commands[name], env))
            print(f"  run {i + 1} {name:12} {times[name][-1][0]:6.2f} s wall {times[name][-1][1]:6.2f} s CPU (exit {times[name][-1][2]})", flush=True)
    out = {name: {"median_wall_s": round(statistics.median(t[0] for t in ts), 3), "median_cpu_s": round(statistics.median(t[1] for t in ts), 3),
                  "walls": [round(t[0], 2) for t in ts]} for name, ts in times.items()}
    out["ratio_wall"] = round(out["scorer"]["median_wall_s"] / out["trafilatura"]["median_wall_s"], 3)
    out["ratio_cpu"] = round(out["scorer"]["median_cpu_s"] / out["trafilatura"]["median_cpu_s"], 3)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="interleaved pairs in each phase (default 5)")
    parser.add_argument("--no-hog", action="store_true", help="skip the phase beside a CPU hog")
    parser.add_argument("--scorer", default=str(Path(sys.executable).with_name("scorer")), help="the scorer command (default: beside this python)")
    parser.add_argument("--scorer-args", default="", help="extra options for scorer score, e.g. \"--jobs 1\"")
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets")
    args = parser.parse_args(argv)
    pages = sorted(str(p) for p in (args.shared / "aeb-scrapinghub" / "html").glob("*.html"))
    if not pages:
        print(f"no aeb-scrapinghub pages under {args.shared} (set SCORER_SHARED to the folder holding datasets/)", file=sys.stderr)
        return 2
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    with tempfile.TemporaryDirectory(prefix="scorer-html-bench-") as work:
        commands = {
            "trafilatura": [sys.executable, "-c", LOOP, *pages],
            "scorer": [args.scorer, "score", *pages, "--format", "json", "-o", os.path.join(work, "out.jsonl"), *shlex.split(args.scorer_args)],
        }
        figures: dict = {"pages": len(pages), "cores": os.cpu_count(), "scorer_args": args.scorer_args, "load_average_at_start": os.getloadavg()}
        print(f"{len(pages)} pages, {args.runs} interleaved runs of each command")
        figures["without_hog"] = pairs(commands, args.runs, env)
        print(json.dumps({"without hog": figures["without_hog"]}), flush=True)
        if not args.no_hog:
            hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
            try:
                print("beside a CPU hog (one process spinning)")
                figures["hog"] = pairs(commands, args.runs, env)
            finally:
                hog.kill()
                hog.wait()
            figures["ratio_wall_hog_over_without"] = round(figures["hog"]["ratio_wall"] / figures["without_hog"]["ratio_wall"], 3)
        figures["load_average_at_end"] = os.getloadavg()
        print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
