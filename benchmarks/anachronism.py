"""Benchmark of the anachronism check: case set, real articles, speed.

    python benchmarks/anachronism.py                 # all three parts
    python benchmarks/anachronism.py cases           # precision / recall on tests/fixtures/anachronism_cases.jsonl
    python benchmarks/anachronism.py real [--html]   # findings on the real dated articles in ../shared/datasets
    python benchmarks/anachronism.py speed           # time on a long article

1. **cases** — the hand-written dated cases (text, date, expected flag). A case
   counts as flagged when the signal returns at least one finding. Prints
   precision, recall and every miss.
2. **real** — every dated real article in the shared datasets, scored at its own
   date: polnear (publication_date), fakenewsnet-v1-content (date), and with
   ``--html`` the HTML sets through the extractor (trafilatura-eval-en with its
   gold date; aeb-scrapinghub and l3s-gn1 with the page's own metadata date or a
   dateline; pages with neither are counted as undated and skipped). Prints every
   finding so each can be judged by hand.
3. **speed** — one long article (the case texts and real polnear text repeated to
   ~50,000 words), timed over several runs, with the number of office mentions
   and event ages checked.

Texts are read from ../shared/datasets (``SCORER_SHARED`` overrides) and never copied.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scorer.core.config import Config  # noqa: E402
from scorer.signals.anachronism import analyze  # noqa: E402
from scorer.ingest.segment import build_article  # noqa: E402

CASES = REPO / "tests" / "fixtures" / "anachronism_cases.jsonl"
SHARED = Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets"


def load_cases(path: Path = CASES) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate_cases(cases: list[dict], config: Config = Config()) -> dict:
    """Confusion counts and the misses; a case is flagged when any anachronism finding is returned."""
    tp = fp = fn = tn = 0
    misses = []
    for case in cases:
        article = build_article(case["text"], date=dt.date.fromisoformat(case["date"]), date_source=case.get("date_source", "metadata"))
        result = analyze(article, config)
        flagged = bool(result.findings)
        if flagged and case["flag"]:
            tp += 1
        elif flagged:
            fp += 1
            misses.append(("false positive", case, [f.message for f in result.findings]))
        elif case["flag"]:
            fn += 1
            misses.append(("missed", case, []))
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall, "misses": misses}


def run_cases() -> dict:
    cases = load_cases()
    report = evaluate_cases(cases)
    flagged = sum(c["flag"] for c in cases)
    print(f"cases: {len(cases)} ({flagged} to flag, {len(cases) - flagged} not)")
    print(f"  TP {report['tp']}  FP {report['fp']}  FN {report['fn']}  TN {report['tn']}")
    print(f"  precision {report['precision']:.3f}  recall {report['recall']:.3f}")
    for what, case, messages in report["misses"]:
        print(f"  {what}: [{case['date']}] {case['text']}  ({case.get('note', '')})")
        for message in messages:
            print(f"      {message}")
    return report


# --------------------------------------------------------------------------- real articles


def _jsonl(path: Path):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def real_text_articles(root: Path = SHARED):
    """(dataset, id, text, date) for the dated plain-text sets."""
    seen = set()
    for split in ("train", "dev"):
        path = root / "polnear" / f"{split}.jsonl"
        if not path.exists():
            continue
        for row in _jsonl(path):
            if row["article"] in seen or not row.get("publication_date"):
                continue
            seen.add(row["article"])
            yield "polnear", row["article"], row["text"], dt.date.fromisoformat(row["publication_date"])
    path = root / "fakenewsnet-v1-content" / "all.jsonl"
    if path.exists():
        for row in _jsonl(path):
            if row.get("date"):
                yield f"fakenewsnet-{row['label']}", row["id"], row["text"], dt.date.fromisoformat(row["date"][:10])


def real_html_articles(root: Path = SHARED):
    """(dataset, id, Article or None) for the HTML sets, through the project's own extraction pipeline."""
    from scorer.ingest.load import decode
    from scorer.pipeline import article_from_text

    # A far-future "today" marks pages whose date fell through to today: they are undated and skipped.
    undated = dt.date(2999, 1, 1)
    sets = [
        ("trafilatura-eval-en", root / "trafilatura-eval-en" / "gold.jsonl", "file", "date"),
        ("aeb-scrapinghub", root / "aeb-scrapinghub" / "ground_truth.jsonl", "html_file", None),
        ("l3s-gn1", root / "l3s-gn1" / "gold.jsonl", "html_file", None),
    ]
    for name, gold, file_key, date_key in sets:
        if not gold.exists():
            continue
        for row in _jsonl(gold):
            gold_date = dt.date.fromisoformat(row[date_key][:10]) if date_key and row.get(date_key) else None
            config = Config(date=gold_date, today=undated)
            try:
                html = decode((gold.parent / row[file_key]).read_bytes(), max_bytes=config.max_bytes).text
                article = article_from_text(html, input=row[file_key], config=config, is_html=True)
            except Exception as exc:  # noqa: BLE001 - a page the extractor rejects is reported, not fatal
                yield name, row[file_key], None, f"not extracted: {exc}"
                continue
            if article.date == undated:
                yield name, row[file_key], None, "undated"
                continue
            yield name, row[file_key], article, article.date_source


def run_real(html: bool = False) -> list[tuple]:
    findings = []
    counts: dict[str, list[int]] = {}
    started = time.perf_counter()
    for dataset, ident, text, date in real_text_articles():
        article = build_article(text, date=date, date_source="metadata")
        result = analyze(article)
        tally = counts.setdefault(dataset, [0, 0, 0, 0])
        tally[0] += 1
        tally[1] += int(result.features["office_mentions_checked"])
        tally[2] += int(result.features["event_ages_checked"])
        tally[3] += len(result.findings)
        findings.extend((dataset, ident, date, f) for f in result.findings)
    if html:
        skipped: dict[str, int] = {}
        sources: dict[tuple[str, str], int] = {}
        for dataset, ident, article, how in real_html_articles():
            if article is None:
                skipped[dataset] = skipped.get(dataset, 0) + 1
                continue
            sources[(dataset, how)] = sources.get((dataset, how), 0) + 1
            result = analyze(article)
            tally = counts.setdefault(dataset, [0, 0, 0, 0])
            tally[0] += 1
            tally[1] += int(result.features["office_mentions_checked"])
            tally[2] += int(result.features["event_ages_checked"])
            tally[3] += len(result.findings)
            findings.extend((dataset, ident, article.date, f) for f in result.findings)
        for dataset, n in sorted(skipped.items()):
            print(f"  {dataset}: {n} pages skipped (undated or not extracted)")
        for (dataset, how), n in sorted(sources.items()):
            print(f"  {dataset}: {n} pages dated from {how}")
    print(f"real articles ({time.perf_counter() - started:.1f} s):")
    print(f"  {'dataset':28} {'articles':>8} {'office mentions':>16} {'event ages':>11} {'findings':>9}")
    for dataset, (n, offices, ages, found) in sorted(counts.items()):
        print(f"  {dataset:28} {n:8d} {offices:16d} {ages:11d} {found:9d}")
    for dataset, ident, date, finding in findings:
        print(f"  FINDING {dataset} {ident} [{date}] {finding.text!r}: {finding.message}")
    return findings


# --------------------------------------------------------------------------- speed


def long_text(words: int = 50_000) -> str:
    parts = [case["text"] for case in load_cases()]
    for _, _, text, _ in real_text_articles():
        parts.append(text)
        if sum(len(p.split()) for p in parts) > words:
            break
    text = "\n".join(parts)
    while len(text.split()) < words:
        text += "\n" + text
    return " ".join(text.split(" ")[: words])


def run_speed(words: int = 50_000, repeat: int = 5) -> float:
    text = long_text(words)
    article = build_article(text, date=dt.date(2026, 1, 22), date_source="metadata")
    analyze(article)  # builds and caches the knowledge base; the timing is per article
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = analyze(article)
        times.append(time.perf_counter() - started)
    best, median = min(times), statistics.median(times)
    print(f"speed: {article.words:,} words, {len(article.sentences):,} sentences; "
          f"median {median * 1000:.0f} ms, best {best * 1000:.0f} ms over {repeat} runs "
          f"({article.words / median:,.0f} words/s); {int(result.features['office_mentions_checked'])} office mentions "
          f"and {int(result.features['event_ages_checked'])} event ages checked, {len(result.findings)} findings")
    return median


def run_naive(words: int = 5_000) -> float:
    """For contrast: one compiled pattern per name form, searched in every sentence (what the issue rules out)."""
    import re

    from scorer.knowledge.base import load_knowledge

    kb = load_knowledge()
    patterns = [re.compile(r"\b" + re.escape(form) + r"\b") for person in kb.people.values() for form in person.forms]
    article = build_article(long_text(words), date=dt.date(2026, 1, 22), date_source="metadata")
    started = time.perf_counter()
    hits = sum(1 for sentence in article.sentences for pattern in patterns if pattern.search(sentence.text))
    elapsed = time.perf_counter() - started
    print(f"naive contrast: {len(patterns)} name patterns x {len(article.sentences):,} sentences ({article.words:,} words): "
          f"{elapsed * 1000:.0f} ms just to find {hits} names, before any title or date logic")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("part", nargs="?", choices=("all", "cases", "real", "speed"), default="all")
    parser.add_argument("--html", action="store_true", help="also extract and scan the HTML sets (slower)")
    args = parser.parse_args(argv)
    if args.part in ("all", "cases"):
        run_cases()
    if args.part in ("all", "real"):
        run_real(html=args.html or args.part == "all")
    if args.part in ("all", "speed"):
        run_speed()
        run_naive()
    return 0


if __name__ == "__main__":
    sys.exit(main())
