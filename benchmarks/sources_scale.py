"""Scale of the article store: `sources list` over a million rows, and ingest speed.

    python benchmarks/sources_scale.py list  [--rows 1000000] [--sources 5000] [--runs 3]
    python benchmarks/sources_scale.py ingest [--articles 10000] [--jobs 2] [--pairs 2] [--small 16]
                                              [--baseline-tree DIR] [--files N] [--texts shared|synthetic]

1. **list** — generates synthetic rows straight into a store (no scoring: the point is the
   aggregate; each row with its `copies` sighting, 2% also under a second source), prints the
   query plans of list's two SQL aggregates and times `scorer sources list --format json` as a
   whole process (wall and CPU).
2. **ingest** — writes N real texts drawn at random from ../shared/datasets as JSON Lines (in the
   temp dir, never the repository) and times, in paired interleaved runs on the same rows,
   `scorer sources ingest --jobs J` and `scorer score rows.jsonl --format json`, CPU summed over
   each process tree; ``--small`` also runs each on the first few rows, for the marginal CPU per
   article without start-up; ``--baseline-tree`` adds the ingest of another checkout (A/B);
   ``--files`` adds `scorer score pages/ --jobs J` on the first N texts as files.

Prints figures; asserts nothing. The store and files live in a private temp dir unless --dir.
On a shared machine the figures are lower bounds: say so when quoting them.
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
            batch, copies = [], []
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
                # every article has its sighting in `copies` (as ingest writes it), and about 2% are also
                # seen under a second source (syndicated copies), so `list`'s syndication join runs at scale too
                copies.append((values["content_hash"], values["source"], None, day, values["input"], i))
                if rng.random() < 0.02:
                    copies.append((values["content_hash"], f"source{(s + 1) % sources}.example", None, day, None, i))
            store.conn.execute("BEGIN")
            store.conn.executemany(sql, batch)
            store.conn.executemany("INSERT OR IGNORE INTO copies (content_hash, source, url, date, input, seen) "
                                   "VALUES (?,?,?,?,?,?)", copies)
            store.conn.execute("INSERT OR IGNORE INTO models (name, seen) VALUES ('synthetic@0', 0)")
            store.conn.execute("COMMIT")
            done += len(batch)
            print(f"  generated {done:,} rows", file=sys.stderr)


def bench_list(args, folder: Path) -> None:
    import sqlite3
    import statistics

    from scorer.sources.estimate import _aggregate_sql, _syndicated_sql, shipped_weights

    db = folder / "million.db"
    start = time.perf_counter()
    generate(db, args.rows, args.sources)
    print(f"store: {args.rows:,} rows, {args.sources} sources ({time.perf_counter() - start:.0f} s to generate): {db}")
    conn = sqlite3.connect(db)  # how SQLite runs list's two queries: over indexes, not a scan of every row per source
    for name, sql in (("aggregate", _aggregate_sql(shipped_weights())), ("syndicated", _syndicated_sql())):
        plan = "; ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, ("synthetic@0",)))
        print(f"  query plan, {name}: {plan}")
    conn.close()
    cmd = [*SCORER, "sources", "list", "--store", str(db), "--format", "json"]
    runs = [run_tree(cmd) for _ in range(args.runs)]
    wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
    print(f"`scorer sources list --format json` over {args.rows:,} rows: median {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"(walls {', '.join(f'{r[0]:.1f}' for r in runs)}; {args.runs} runs, whole process, on a shared machine under load)")
    print("command:", " ".join(cmd).replace(sys.executable, "python"))


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


SHARED = Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets"
#: Shared sets whose texts make the rows, in this order, until there are enough (texts stay in ../shared;
#: the rows are written to a temp dir). source-articles rows keep their own url/date/authors/title.
TEXT_SETS = ("source-articles/articles.jsonl", "llmfake/train.jsonl", "sheepdog-style-rewrites/adversarial_only.jsonl",
             "sheepdog-style-rewrites/train.jsonl", "detectrl-xsum/dev.jsonl")


def shared_rows(n: int) -> list[dict]:
    """``n`` distinct real texts from the shared sets as ingest rows (url given or made up per set), drawn
    at random (fixed seed) from all the sets together, so a sample mixes long and short texts as 10,000 would."""
    rows, seen = [], set()
    for name in TEXT_SETS:
        path = SHARED / name
        if not path.is_file():
            continue
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                d = json.loads(line)
                text = d.get("text") or ""
                if len(text.split()) < 30 or text in seen:
                    continue
                seen.add(text)
                row = {"text": text, "url": d.get("url") or f"https://site{len(rows) % 50}.example/{name.split('/')[0]}/{len(rows)}",
                       "date": d.get("date") or "2025-05-01"}
                for key in ("authors", "title"):
                    if d.get(key):
                        row[key] = d[key]
                rows.append(row)
    if not rows:
        sys.exit(f"no shared texts under {SHARED} (set SCORER_SHARED)")
    random.Random(0).shuffle(rows)
    if len(rows) < n:
        print(f"only {len(rows)} distinct shared texts (asked for {n})", file=sys.stderr)
    return rows[:n]


def run_tree(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """(wall s, CPU s of the whole process tree). Every process of the tree (forkserver, pool
    workers) is sampled every 0.2 s with psutil and its last OWN user + system time kept (not its
    children's: those are sampled themselves, and a parent's reaped-children time would count them
    twice); at most 0.2 s of each exiting process is missed."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    root = psutil.Process(proc.pid)
    last: dict[int, float] = {}
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            procs = []
        for p in procs:
            try:
                t = p.cpu_times()
                last[(p.pid, p.create_time())] = t.user + t.system
            except psutil.Error:
                pass
        time.sleep(0.2)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
    if proc.returncode not in (0, 1):
        print(f"  {cmd[3]} exited {proc.returncode}: {err[-1] if err else ''}", file=sys.stderr)
    elif err:
        print(f"  {err[-1]}", file=sys.stderr)
    return wall, sum(last.values())


def bench_ingest(args, folder: Path) -> None:
    """Paired, interleaved whole-process runs on the same rows: ingest vs `scorer score`."""
    import statistics

    n = args.articles
    rows = shared_rows(n) if args.texts == "shared" else [
        {"text": _article(random.Random(i), i), "url": f"https://site{i % 50}.example/{i}", "date": "2025-05-01"}
        for i in range(n)]
    n = len(rows)
    path = folder / "articles.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    words = sum(len(r["text"].split()) for r in rows)
    variants = {
        f"scorer sources ingest --jobs {args.jobs}": lambda r: [*SCORER, "sources", "ingest", str(path), "--store",
                                                                str(folder / f"ingest{r}.db"), "--jobs", str(args.jobs)],
        "scorer score rows.jsonl --format json": lambda r: [*SCORER, "score", str(path), "--format", "json",
                                                            "-o", str(folder / f"scores{r}.jsonl")],
    }
    envs: dict[str, dict] = {}
    if args.baseline_tree:  # A/B: the same ingest from another checkout's scorer/ (e.g. `git archive main scorer | tar -x -C DIR`)
        name = f"ingest --jobs {args.jobs}, baseline tree"
        variants[name] = lambda r: [*SCORER, "sources", "ingest", str(path), "--store", str(folder / f"ingestb{r}.db"),
                                    "--jobs", str(args.jobs)]
        envs[name] = {**os.environ, "PYTHONPATH": str(Path(args.baseline_tree).resolve())}
    if args.files:  # the same texts as one file each: scorer score's --jobs path
        pages = folder / "pages"
        pages.mkdir(exist_ok=True)
        for i, row in enumerate(rows[:args.files]):
            (pages / f"{i:06d}.txt").write_text(row["text"], encoding="utf-8")
        variants[f"scorer score pages/ --jobs {args.jobs} (first {args.files})"] = lambda r: [
            *SCORER, "score", str(pages), "--format", "json", "--jobs", str(args.jobs), "-o", str(folder / f"pages{r}.jsonl")]
    per = {name: [] for name in variants}
    fixed: dict[str, list[float]] = {name: [] for name in variants}  # CPU of the same command on --small rows
    small = folder / "small.jsonl"
    if args.small:
        with open(path, encoding="utf-8") as src, open(small, "w", encoding="utf-8") as dst:
            for _, line in zip(range(args.small), src):
                dst.write(line)
    for r in range(args.pairs):
        for name, make in variants.items():  # interleaved: ingest, score, ingest, score ...
            for stale in [*folder.glob(f"ingest{r}.db*"), *folder.glob(f"ingestb{r}.db*")]:
                stale.unlink()
            wall, cpu = run_tree(make(r), envs.get(name))
            count = args.files if "pages/" in name else n
            per[name].append((wall / count, cpu / count))
            print(f"  run {r + 1}: {name}: {wall:.0f} s wall, {cpu:.0f} s CPU", file=sys.stderr, flush=True)
            if args.small and "pages/" not in name:  # start-up and fixed costs: the same command on a few rows
                for stale in folder.glob("small*.db*"):
                    stale.unlink()
                cmd = [str(small) if c == str(path) else c for c in make(r)]
                cmd = [c.replace(f"ingest{r}.db", "small.db").replace(f"ingestb{r}.db", "small.db")
                       .replace(f"scores{r}.jsonl", "small-scores.jsonl") for c in cmd]
                fixed[name].append(run_tree(cmd, envs.get(name))[1])
                print(f"  run {r + 1}: {name} on {args.small} rows: {fixed[name][-1]:.1f} s CPU", file=sys.stderr, flush=True)
    print(f"{n} texts from the shared sets ({words / n:.0f} words on average), {args.pairs} paired interleaved runs, "
          f"whole process trees; measured on a shared 2-core machine under load from other jobs:")
    print(f"  {'command':52} {'ms/article wall':>16} {'ms/article CPU':>15}")
    for name, values in per.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"  {name:52} {1000 * wall:16.1f} {1000 * cpu:15.1f}")
    if args.small:
        print(f"  marginal CPU per article, (CPU on {n} rows - CPU on {args.small}) / {n - args.small}, start-up costs removed:")
        for name, values in fixed.items():
            if values:
                marginal = [(v[1] * n - f) / (n - args.small) for v, f in zip(per[name], values)]
                print(f"  {name:52} {'':16} {1000 * statistics.median(marginal):15.1f}  (start-up CPU {statistics.median(values):.1f} s)")
    score_name = "scorer score rows.jsonl --format json"
    for name in [k for k in per if "ingest" in k]:
        ratio_cpu = [a[1] / b[1] for a, b in zip(per[name], per[score_name])]
        ratio_wall = [a[0] / b[0] for a, b in zip(per[name], per[score_name])]
        print(f"  {name} / score (same rows, per article): CPU {statistics.median(ratio_cpu):.2f} "
              f"(runs {', '.join(f'{x:.2f}' for x in ratio_cpu)}), wall {statistics.median(ratio_wall):.2f} "
              f"(runs {', '.join(f'{x:.2f}' for x in ratio_wall)})")
    print("commands (folder = a temp dir):")
    for name, make in variants.items():
        print("  " + ("PYTHONPATH=<baseline tree> " if name in envs else "") + " ".join(make(0)).replace(str(folder), "<folder>").replace(sys.executable, "python"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", choices=["list", "ingest", "all"], nargs="?", default="all")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sources", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--texts", choices=["shared", "synthetic"], default="shared",
                        help="ingest rows: real texts from ../shared/datasets (default) or short synthetic ones")
    parser.add_argument("--pairs", type=int, default=2, help="paired interleaved runs of each ingest command")
    parser.add_argument("--small", type=int, default=0,
                        help="also run each command on the first N rows, to report the marginal CPU per article (start-up removed)")
    parser.add_argument("--baseline-tree", help="also time the ingest of the scorer/ package in this folder (A/B)")
    parser.add_argument("--files", type=int, default=0,
                        help="also time `scorer score pages/ --jobs J` on the first N texts as one file each")
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
