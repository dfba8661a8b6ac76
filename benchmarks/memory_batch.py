"""Peak memory of one ``scorer score`` command over a large batch against a small one (issue 21, acceptance 4).

Usage::

    python benchmarks/memory_batch.py                          # 100 and 10,000 texts, as files in a folder
    python benchmarks/memory_batch.py --sizes 100,2000,10000   # a middle size: one-time loads apart from growth
    python benchmarks/memory_batch.py --sizes 100,2000         # smaller, on a busy machine
    python benchmarks/memory_batch.py --input jsonl            # the texts as one JSON Lines file instead

The texts are ``llmfake/train.jsonl`` texts from the shared sets, taken in order and repeated when
the batch is longer than the file; they are written into a private temporary folder (removed at the
end), never into the repository. Each batch is one command, ``scorer score INPUT --format json -o
OUT`` (the venv's ``scorer``, ``OMP_NUM_THREADS=1``), run under a sampler that reads the resident
memory of the command and of every process under it from ``/proc`` every 50 ms.

Printed for each batch: wall seconds, the peak of the whole process tree's resident memory (the
sum over its processes at the same moment: ``scorer score`` scores in a worker process), the same
sum of proportional set sizes (``Pss`` in ``/proc/PID/smaps_rollup``: a page the forked worker still
shares with the parent counted once, not in both; the resident sum counts the modules the parent
imported before the fork twice), the
largest single process's peak (``/usr/bin/time``'s maximum resident set size),
and the ratio of each batch's figures to the first (smallest) one's. The acceptance asks for 10,000
texts within 20% of 100. Part of any difference is loaded once, on first need, not grown: a text
holding markup imports trafilatura (about 15 MB; the first such llmfake text is the 598th, and the
only one of the file's 4,586), the first word missing from the syllable table loads the hyphenation
patterns; a middle size shows what is
one-time (the 2,000-text peak) against what grows with the batch (from 2,000 to 10,000).
Figures, not assertions.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def load_texts(shared: Path) -> list[str]:
    texts = []
    with open(shared / "llmfake" / "train.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                if row.get("text"):
                    texts.append(row["text"])
    return texts


def write_batch(folder: Path, texts: list[str], n: int, kind: str) -> str:
    """``n`` texts as files in ``folder`` (or one JSON Lines file); returns the input argument."""
    folder.mkdir(parents=True)
    if kind == "jsonl":
        path = folder / "texts.jsonl"
        with open(path, "w", encoding="utf-8") as handle:
            for i in range(n):
                handle.write(json.dumps({"id": f"t{i:06d}", "text": texts[i % len(texts)]}) + "\n")
        return str(path)
    for i in range(n):
        (folder / f"t{i:06d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    return str(folder)


def _pss_kb(pid: int) -> int:
    """Proportional set size (kB) of ``pid``: its private pages plus its share of pages it shares."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree_kb(root: int) -> tuple[int, int]:
    """Resident memory and proportional set size (kB) of ``root`` and every process under it, each summed.

    The resident sum counts twice every page a forked worker still shares with its parent (the modules the
    parent imported before the fork); the proportional sum counts each such page once, split between them.
    """
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as handle:
                ppid = kb = 0
                for line in handle:
                    if line.startswith("PPid:"):
                        ppid = int(line.split()[1])
                    elif line.startswith("VmRSS:"):
                        kb = int(line.split()[1])
        except (OSError, ValueError):
            continue
        rss[int(entry)] = kb
        children.setdefault(ppid, []).append(int(entry))
    total = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        pss += _pss_kb(pid) if pid in rss else 0
        todo.extend(children.get(pid, []))
    return total, pss


def run_one(command: list[str], env: dict, work: Path) -> dict:
    """Run ``command`` under ``/usr/bin/time`` (when there is one), sampling its process tree's memory; seconds and MB."""
    timing = work / "time.out"
    wrapped = ["/usr/bin/time", "-f", "%M", "-o", str(timing), *command] if os.path.exists("/usr/bin/time") else command
    started = time.perf_counter()
    process = subprocess.Popen(wrapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = peak_pss = 0
    while process.poll() is None:
        rss, pss = _tree_kb(process.pid)
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        time.sleep(0.05)
    wall = time.perf_counter() - started
    stderr = process.stderr.read() if process.stderr else ""
    largest = None
    if timing.exists():  # GNU time's %M: the largest single process's peak (wait4's ru_maxrss), in kB
        largest = round(int(timing.read_text().split()[-1]) / 1024, 1)
        timing.unlink()
    return {"seconds": round(wall, 1), "exit": process.returncode, "tree_peak_mb": round(peak / 1024, 1),
            "tree_pss_peak_mb": round(peak_pss / 1024, 1),
            "largest_process_peak_mb": largest, "summary": stderr.strip().splitlines()[-1] if stderr.strip() else ""}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,10000", help="batch sizes, comma-separated, smallest first (default 100,10000)")
    parser.add_argument("--input", choices=["files", "jsonl"], default="files", help="texts as files in a folder, or one JSON Lines file")
    parser.add_argument("--scorer", default=str(Path(sys.executable).with_name("scorer")), help="the scorer command (default: beside this python)")
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets")
    args = parser.parse_args(argv)
    if not (args.shared / "llmfake" / "train.jsonl").exists():
        print(f"no shared sets at {args.shared} (set SCORER_SHARED to the folder holding datasets/)", file=sys.stderr)
        return 2
    texts = load_texts(args.shared)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    work = Path(tempfile.mkdtemp(prefix="scorer-memory-bench-"))
    figures: dict = {"input": args.input, "load_average_at_start": os.getloadavg()}
    try:
        sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
        figures["runs"] = []
        for n in sizes:
            source = write_batch(work / str(n), texts, n, args.input)
            command = [args.scorer, "score", source, "--format", "json", "-o", str(work / f"{n}.jsonl")]
            figures["runs"].append({"texts": n, **run_one(command, env, work)})
            shutil.rmtree(work / str(n))
            print(json.dumps(figures["runs"][-1]), flush=True)
        first = figures["runs"][0]
        for run in figures["runs"][1:]:
            run["tree_peak_ratio_to_first"] = round(run["tree_peak_mb"] / first["tree_peak_mb"], 3)
            if first["tree_pss_peak_mb"]:
                run["tree_pss_ratio_to_first"] = round(run["tree_pss_peak_mb"] / first["tree_pss_peak_mb"], 3)
            if first["largest_process_peak_mb"] and run["largest_process_peak_mb"]:
                run["largest_process_ratio_to_first"] = round(run["largest_process_peak_mb"] / first["largest_process_peak_mb"], 3)
        figures["load_average_at_end"] = os.getloadavg()
        print(json.dumps(figures, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
