"""Time and peak memory of adversarial inputs next to an ordinary article of the same size.

    OMP_NUM_THREADS=1 python benchmarks/adversarial.py                  # 10 KB, 100 KB, 1 MB, 5 MB
    OMP_NUM_THREADS=1 python benchmarks/adversarial.py --sizes 10k,100k --shapes long_token,deep_nesting

Each case runs in a fresh process (the model is loaded before the clock starts) and is scored
through the library (``scorer.pipeline.score_path`` on a file, as the CLI does, with the time
limit off): CPU seconds of the scoring and the process's peak resident memory are printed,
with the ratio of the CPU time to the ordinary article's of the same size and kind (plain text, or an
HTML page for the HTML shapes; target: within 3x).
Figures only, no assertions: the hostile tests bound the work (tests/hostile).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "5m": 4_900_000}

_PARAGRAPHS = [
    "The city council approved the harbour budget on Tuesday after a two-hour debate, officials said.",
    "\"We are pleased with the outcome,\" said Mayor Jane Smith in a statement released by her office.",
    "The plan sets aside 4.2 million dollars for dredging and repairs to the north pier, according to the council's report.",
    "Opposition members said the figures were optimistic and asked for an independent review before the spring.",
    "Residents who spoke at the meeting described flooding on Harbour Road, where the sea wall was damaged in 2024.",
    "Work is expected to begin in March and last about eighteen months, the port authority said in a filing.",
]


def ordinary(size: int) -> str:
    out, i = [], 0
    while sum(map(len, out)) < size:
        out.append(f"{_PARAGRAPHS[i % len(_PARAGRAPHS)]} (Item {i}.)\n\n")
        i += 1
    return "".join(out)[:size]


def ordinary_html(size: int) -> str:
    head = "<html><head><title>Council approves harbour budget</title></head><body><article><h1>Council approves harbour budget</h1>"
    out, i, total = [head], 0, len(head)
    while total < size:
        piece = f"<p>{_PARAGRAPHS[i % len(_PARAGRAPHS)]} (Item {i}.)</p>\n"
        out.append(piece)
        total += len(piece)
        i += 1
    return "".join(out)[:size]


def _fill(head: str, unit: str, size: int) -> str:
    return (head + unit * ((size - len(head)) // len(unit) + 1))[:size]


#: Shapes that are HTML are compared with an ordinary HTML page of the same size, the others with plain text.
HTML_SHAPES = {"unterminated_tags", "tiny_elements", "deep_nesting"}

SHAPES = {
    "ordinary": ordinary,
    "ordinary_html": ordinary_html,
    "long_token": lambda n: _fill(ordinary(2000), "a", n),
    "email_runs": lambda n: _fill(ordinary(2000), "a@", n),
    "hyphen_runs": lambda n: _fill(ordinary(2000), "a-", n),
    "unterminated_tags": lambda n: _fill("<html><body><p>Hi. ", "<a ", n),
    "tiny_elements": lambda n: _fill("<html><body>", "<p>a</p>", n),
    "deep_nesting": lambda n: _fill("<html><body>", "<div>", n // 2) + _fill("", "x ", n - n // 2),
    "repeated_punctuation": lambda n: _fill(ordinary(2000), "!?.", n),
    "open_quote": lambda n: _fill(ordinary(2000) + "\"", "ab ", n),
}

_CHILD = r"""
import json, resource, sys, time
from scorer.core.config import Config
from scorer.model.loading import load_model
from scorer.pipeline import score_path
model = load_model()
score_path(sys.argv[2], Config(time_limit=0), model)  # warm-up: one-time loading is not counted
start = time.process_time()
result = score_path(sys.argv[1], Config(time_limit=0), model)
cpu = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"cpu": cpu, "peak_mb": peak, "error": result.error}))
"""


def measure(text: str, folder: Path, warm: Path, timeout: float) -> dict:
    path = folder / "case.html"
    path.write_text(text, encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(warm)], capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "OMP_NUM_THREADS": "1"})
    except subprocess.TimeoutExpired:
        return {"cpu": float("nan"), "peak_mb": float("nan"), "error": f"no answer in {timeout:.0f} s"}
    if done.returncode != 0:
        return {"cpu": float("nan"), "peak_mb": float("nan"), "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help=f"comma-separated, of {', '.join(SIZES)}")
    parser.add_argument("--shapes", default=",".join(s for s in SHAPES if not s.startswith("ordinary")))
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a case is given up")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm = folder / "warm.txt"
        warm.write_text(ordinary(3000))
        print(f"{'shape':22} {'size':>6} {'cpu s':>8} {'ratio':>6} {'peak MB':>8}  error")
        for size_name in args.sizes.split(","):
            size = SIZES[size_name]
            bases = {}
            for name in ("ordinary", "ordinary_html"):
                bases[name] = base = measure(SHAPES[name](size), folder, warm, args.timeout)
                print(f"{name:22} {size_name:>6} {base['cpu']:8.2f} {1.0:6.2f} {base['peak_mb']:8.0f}  {base['error'] or ''}", flush=True)
            for shape in args.shapes.split(","):
                row = measure(SHAPES[shape](size), folder, warm, args.timeout)
                base = bases["ordinary_html" if shape in HTML_SHAPES else "ordinary"]
                ratio = row["cpu"] / base["cpu"] if base["cpu"] else float("nan")
                print(f"{shape:22} {size_name:>6} {row['cpu']:8.2f} {ratio:6.2f} {row['peak_mb']:8.0f}  {row['error'] or ''}", flush=True)


if __name__ == "__main__":
    main()
