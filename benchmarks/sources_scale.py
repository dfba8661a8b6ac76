"""Scale of the article store: `sources list` over a million rows, and ingest speed.

    python benchmarks/sources_scale.py list  [--rows 1000000] [--sources 5000]
    python benchmarks/sources_scale.py ingest [--articles 10000] [--jobs 2]

1. **list** — generates synthetic rows straight into a store (no scoring: the point is the
   aggregate) and times `scorer sources list --format json` as a whole process.
2. **ingest** — writes N short synthetic articles as JSON Lines and times
   `scorer sources ingest --jobs J` against `scorer score --jobs J` on the same texts as files,
   as whole processes; prints seconds per article for each.

Prints figures; asserts nothing. The store and files live in a private temp dir unless --dir.
For repeated, paired timings run the printed commands under a whole-process timer
(e.g. `/usr/bin/time -v`).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SCORER = [sys.executable, "-m", "scorer"]


def generate(path: Path, rows: int, sources: int, chunk: int = 50_000) -> None:
    from scorer.sources import criteria, open_store
    from scorer.sources.store import _ROW_COLUMNS

    rng = random.Random(0)
    with open_store(path) as store:
        if store.count() >= rows:
            return
        features = [criteria.column_of(f) for f in criteria.FEATURES]
        crits = ["c_" + c.name for c in criteria.CRITERIA]
        cols = _ROW_COLUMNS + ["added_at"]
        sql = f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        centre = [rng.gauss(0, 1) for _ in range(sources)]
        done = store.count()
        while done < rows:
            batch = []
            for i in range(done, min(done + chunk, rows)):
                s = int(rng.paretovariate(1.2)) % sources  # a few big sources, many small ones
                g = rng.gauss(centre[s], 1.5)
                p = 1 / (1 + 2.718281828 ** g)
                day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
                values = {"content_hash": f"h{i}", "model": "synthetic@0", "source": f"source{s}.example", "url": None,
                          "host": None, "date": day, "month": day[:7], "date_source": "data", "input": f"gen:{i}",
                          "byline": None, "title": None, "words": 500, "probability": p, "score": 100 * (1 - p),
                          "label": "ok", "goodness": g, "signals": "{}", "finding_counts": "{}", "top_findings": "[]", "input_hash": None,
                          "added_at": "2026-01-01"}
                values.update({c: rng.random() for c in features})
                values.update({c: int(rng.random() < 0.3) for c in crits})
                batch.append([values[c] for c in cols])
            store.conn.execute("BEGIN")
            store.conn.executemany(sql, batch)
            store.conn.execute("INSERT OR IGNORE INTO models (name, seen) VALUES ('synthetic@0', 0)")
            store.conn.execute("COMMIT")
            done += len(batch)
            print(f"  generated {done:,} rows", file=sys.stderr)


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench_list(args, folder: Path) -> None:
    db = folder / "million.db"
    start = time.perf_counter()
    generate(db, args.rows, args.sources)
    print(f"store: {args.rows:,} rows, {args.sources} sources ({time.perf_counter() - start:.0f} s to generate): {db}")
    cmd = [*SCORER, "sources", "list", "--store", str(db), "--format", "json"]
    times = sorted(timed(cmd) for _ in range(args.runs))
    print(f"`scorer sources list --format json` over {args.rows:,} rows: median {times[len(times) // 2]:.2f} s "
          f"(min {times[0]:.2f}, max {times[-1]:.2f}; {args.runs} runs, whole process)")
    print("command:", " ".join(cmd))


_NOUNS = "council board city school hospital water authority bridge budget transit library police union court".split()
_VERBS = "raise cut review delay approve extend close reopen fund audit".split()
_NAMES = "Ana Ruiz|Tom Reyes|Priya Nair|Jonas Weber|Lucy Chen|Omar Haddad|Dana Flores".split("|")
_TEMPLATES = (
    "The {n1} said on {day} that it would {v} the {n2} plan by {k} percent.",
    "\"We have looked at this for two years, and the numbers are clear,\" said {name}, who chairs the {n1}.",
    "According to a report published by the {n1} in {month}, the {n2} cost rose to ${k} million last year.",
    "Residents can comment on the proposal at a public meeting at the {n2} office on {day}.",
    "Two members of the {n1} voted against it, saying the money should go to the {n2} first.",
    "The change takes effect in {month} and will be reviewed again after {k} months.",
)


def _article(rng: random.Random, i: int) -> str:
    """A short synthetic English news text (template sentences), distinct for each i."""
    days = "Monday Tuesday Wednesday Thursday Friday".split()
    months = "January March May July September November".split()
    sentences = [rng.choice(_TEMPLATES).format(n1=rng.choice(_NOUNS), n2=rng.choice(_NOUNS), v=rng.choice(_VERBS),
                                               day=rng.choice(days), month=rng.choice(months), k=rng.randint(2, 90),
                                               name=rng.choice(_NAMES)) for _ in range(14)]
    return f"Report {i}. " + " ".join(sentences)


def bench_ingest(args, folder: Path) -> None:
    rng = random.Random(1)
    rows = folder / "articles.jsonl"
    pages = folder / "pages"
    pages.mkdir(exist_ok=True)
    with open(rows, "w", encoding="utf-8") as handle:
        for i in range(args.articles):
            text = _article(rng, i)
            handle.write(json.dumps({"text": text, "url": f"https://site{i % 50}.example/{i}", "date": "2025-05-01"}) + "\n")
            (pages / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    ingest = [*SCORER, "sources", "ingest", str(rows), "--store", str(folder / "ingest.db"), "--jobs", str(args.jobs)]
    score = [*SCORER, "score", str(pages), "--format", "json", "--jobs", str(args.jobs), "-o", str(folder / "scores.jsonl")]
    t_ingest = timed(ingest)
    t_score = timed(score)
    n = args.articles
    print(f"{n} articles, --jobs {args.jobs}, whole process, one run each:")
    print(f"  scorer sources ingest: {t_ingest:.1f} s = {1000 * t_ingest / n:.0f} ms/article")
    print(f"  scorer score (files):  {t_score:.1f} s = {1000 * t_score / n:.0f} ms/article")
    print(f"  ingest / score: {t_ingest / t_score:.2f}")
    print("commands:\n  " + " ".join(ingest) + "\n  " + " ".join(score))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", choices=["list", "ingest", "all"], nargs="?", default="all")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sources", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--dir", help="keep the generated store and files here (default: a private temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scorer-scale-") as tmp:
        folder = Path(args.dir or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if args.part in ("list", "all"):
            bench_list(args, folder)
        if args.part in ("ingest", "all"):
            bench_ingest(args, folder)


if __name__ == "__main__":
    main()
