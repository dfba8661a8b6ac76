"""Score a fixed corpus through the public API, to check that a refactor keeps the output.

Usage (run once in each checkout, then compare)::

    OMP_NUM_THREADS=1 python benchmarks/same_output.py --out before.jsonl [--limit N] [--shared DIR] [--today 2026-01-22]
    python benchmarks/same_output.py --compare before.jsonl after.jsonl [--ignore-finding-key rule]

The corpus, in this fixed order (sorted within each source):
  examples/*                                 score_file
  tests/fixtures/** (files other than the jsonl)  score_file
  tests/fixtures/anachronism_cases.jsonl     score_text(text, date=...), one per line
  <shared>/aeb-scrapinghub/html/*.html       score_file(url=<ground truth url>)
  <shared>/l3s-gn1/html/*.html               score_file(url=<gold url>)
  <shared>/polnear/dev.jsonl                 score_text(text, date=publication_date), one per article
  <shared>/llmfake/train.jsonl               score_text(text), the first --llmfake N texts (the throughput set)

<shared> defaults to <repo>/../shared/datasets. Files are scored from inside the repository (or
<shared>) with relative paths, so "input" does not depend on where the checkout is. "Today" is
fixed with Config(today=...). --limit N takes at most N articles from each source. To compare two
checkouts, run this same script with each one's ``scorer`` first on the path (e.g. PYTHONPATH=<checkout>). One JSON object
per line (sort_keys, ensure_ascii=False); a ScorerError becomes {"input": ..., "error": str(e)}.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before scikit-learn loads: one-row predictions

import scorer  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def corpus(shared: Path, llmfake: int = 0):
    """(source, root directory, input label, call) for every article, in a fixed order."""
    score_file, score_text = scorer.score_file, scorer.score_text
    fixtures = REPO / "tests" / "fixtures"
    yield from (("examples", REPO, p, lambda cfg, p=p: score_file(p, config=cfg))
                for p in sorted(f.relative_to(REPO).as_posix() for f in (REPO / "examples").iterdir() if f.is_file()))
    yield from (("fixtures", REPO, p, lambda cfg, p=p: score_file(p, config=cfg))
                for p in sorted(f.relative_to(REPO).as_posix() for f in fixtures.rglob("*") if f.is_file() and f.suffix != ".jsonl"))
    name = "tests/fixtures/anachronism_cases.jsonl"
    for n, r in enumerate(_jsonl(REPO / name), 1):
        yield "anachronism", REPO, f"{name}:{n}", lambda cfg, r=r, n=n: score_text(r["text"], date=r["date"], input=f"{name}:{n}", config=cfg)
    for dataset, index in (("aeb-scrapinghub", "ground_truth.jsonl"), ("l3s-gn1", "gold.jsonl")):
        urls = {f"{dataset}/{r['html_file']}": r.get("url") for r in _jsonl(shared / dataset / index)}
        for p in sorted(f"{dataset}/html/{f.name}" for f in (shared / dataset / "html").glob("*.html")):
            yield dataset, shared, p, lambda cfg, p=p: score_file(p, url=urls.get(p), config=cfg)
    articles = {}
    for r in _jsonl(shared / "polnear" / "dev.jsonl"):
        articles.setdefault(r["article"], r)  # several annotators per article: same text
    for article, r in sorted(articles.items()):
        label = f"polnear/dev.jsonl#{article}"
        yield "polnear", shared, label, lambda cfg, r=r, label=label: score_text(r["text"], date=r.get("publication_date") or None, input=label, config=cfg)
    if llmfake:
        with open(shared / "llmfake" / "train.jsonl", encoding="utf-8") as handle:
            rows = [json.loads(line) for line, _ in zip((line for line in handle if line.strip()), range(llmfake))]
        for n, r in enumerate(rows, 1):
            label = f"llmfake/train.jsonl:{n}"
            yield "llmfake", shared, label, lambda cfg, r=r, label=label: score_text(r["text"], input=label, config=cfg)


def run(out: Path, shared: Path, today: dt.date, limit: int | None, llmfake: int = 0) -> None:
    config = scorer.Config(today=today)
    try:
        from threadpoolctl import threadpool_limits
        limits = threadpool_limits(1)
    except ImportError:
        limits = contextlib.nullcontext()
    taken: dict[str, int] = {}
    count = errors = 0
    start = time.perf_counter()
    with limits, open(out, "w", encoding="utf-8") as handle:
        for source, root, label, call in corpus(shared, llmfake):
            if limit is not None and taken.get(source, 0) >= limit:
                continue
            taken[source] = taken.get(source, 0) + 1
            with contextlib.chdir(root):
                try:
                    obj = call(config).as_dict()
                except scorer.ScorerError as e:
                    obj = {"input": label, "error": str(e)}
            errors += obj.get("error") is not None
            count += 1
            handle.write(json.dumps(obj, sort_keys=True, ensure_ascii=False) + "\n")
    took = time.perf_counter() - start
    print(f"scorer from {scorer.__file__}", file=sys.stderr)
    print(f"{count} articles ({', '.join(f'{s} {n}' for s, n in taken.items())}), {errors} errors, {took:.1f} s -> {out}", file=sys.stderr)


def _without(line: str, finding_keys: list[str]) -> str:
    """The line with ``finding_keys`` dropped from each finding (keys a change added on purpose)."""
    if not finding_keys:
        return line
    row = json.loads(line)
    row["findings"] = [{k: v for k, v in f.items() if k not in finding_keys} for f in row.get("findings", [])]
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def compare(a: Path, b: Path, ignore: list[str] | None = None) -> int:
    lines_a, lines_b = ([_without(line, ignore or []) for line in path.read_text(encoding="utf-8").splitlines()] for path in (a, b))
    differing = [i for i in range(max(len(lines_a), len(lines_b))) if lines_a[i:i + 1] != lines_b[i:i + 1]]
    if not differing:
        print(f"identical: {len(lines_a)} lines")
        return 0
    i = differing[0]
    print(f"DIFFERENT: {len(lines_a)} vs {len(lines_b)} lines, {len(differing)} differ; first at line {i + 1}")
    x, y = (json.loads(lines[i]) if i < len(lines) else {} for lines in (lines_a, lines_b))
    print(f"  input: {x.get('input')!r} vs {y.get('input')!r}")
    for key in sorted(set(x) | set(y)):
        if x.get(key) != y.get(key):
            sub = x.get(key), y.get(key)
            inner = sorted(k for k in set(sub[0]) | set(sub[1]) if sub[0].get(k) != sub[1].get(k)) if all(isinstance(s, dict) for s in sub) else None
            print(f"  key {key!r} differs" + (f" in {inner}" if inner else ""))
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="JSON Lines file to write")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "datasets")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 1, 22))
    parser.add_argument("--limit", type=int, help="at most N articles from each source")
    parser.add_argument("--llmfake", type=int, default=0, metavar="N", help="also the first N llmfake texts (the throughput benchmark's)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    parser.add_argument("--ignore-finding-key", action="append", default=[], metavar="KEY",
                        help="compare findings without KEY (e.g. rule, added to findings after 17fb825)")
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare, ignore=args.ignore_finding_key)
    if not args.out:
        parser.error("--out FILE or --compare A B is required")
    run(args.out.resolve(), args.shared.resolve(), args.today, args.limit, args.llmfake)
    return 0


if __name__ == "__main__":
    sys.exit(main())
