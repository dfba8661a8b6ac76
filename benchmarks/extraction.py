#!/usr/bin/env python3
"""Extraction + cleaning quality on three public annotated sets, side by side.

    python benchmarks/extraction.py                      # all three sets, three systems
    python benchmarks/extraction.py --json figures.json  # also write the figures
    python benchmarks/extraction.py --sweep              # trafilatura settings on the Zyte set

Systems compared on the same decoded HTML (``scorer.ingest.load.decode``, the
pipeline's own decoding, so only extraction and cleaning differ):

``trafilatura_default``  ``trafilatura.extract(html)``: plain trafilatura 2.3.1
``trafilatura_best``     ``extract(html, include_comments=False, favor_precision=True)``:
                         its best setting on the Zyte set (``--sweep`` shows the others)
``scorer``               ``scorer.ingest.extract.extract_html`` then ``scorer.ingest.clean.clean_text``

Sets (``../shared/datasets``; override with ``--datasets`` or ``SCORER_SHARED``):

``aeb-scrapinghub``  Zyte article-extraction-benchmark. Metric replicated from its
    ``evaluate.py``: tokens are ``\\w+`` matches; each page gives multisets of token
    4-grams ("shingles") of gold and prediction; tp/fp/fn are multiset overlaps,
    divided by their sum so every page weighs the same; precision and recall are
    the *means over pages* of per-page precision (pages with tp+fp > 0) and recall
    (pages with tp+fn > 0), with its conventions (1.0 when fp = fn = 0, 0.0 when
    nothing matched); F1 is their harmonic mean; accuracy is exact token equality.
    Also printed: ``f1_micro`` from raw shingle counts summed over pages (not the
    benchmark's formula; some reports quote it).
``l3s-gn1``  L3S-GN1 Google News set: F1 (same shingle metric) against the
    "full text" blocks and against headline + full text; *leak*: of the token
    4-grams of the blocks annotated "related content" and "comments" (minus any
    4-gram that also occurs in the article or its captions), the share found in
    the output, summed over pages.
``trafilatura-eval-en``  trafilatura's own English-tagged evaluation pages: how
    many "with" snippets are in the output and "without" snippets are not
    (whitespace-normalised substring match, as its ``tests/eval_common.py``).
    Counted twice: against the body text alone (``with_kept``,
    ``without_excluded``: the origin's way for a plain-text output) and against
    the page title plus the body (``with_kept_title``, ``without_excluded_title``).
    Some "with" snippets are the page's headline; the scorer carries the title
    in ``Extracted.title`` (``article.title`` in its JSON) and drops a first body
    line that repeats it, so the body-only count misses them although the
    output has them. The second count treats both systems the same way: the
    title is trafilatura's metadata title in both cases (the scorer's title
    *is* trafilatura's, from its precision pass), prepended to each system's text.

For the scorer the benchmark also measures what cleaning cost: the share of the
gold 4-grams present in the extracted text that cleaning removed
(``clean_gold_loss``), which should stay near zero.

``tests/test_extraction_quality.py`` imports this module, recomputes the scorer
figures and checks them against ``benchmarks/extraction_floors.json``.
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import re
import statistics
import sys
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path
from typing import Any, Callable, Iterable

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_SHARED = Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets"
FLOORS = Path(__file__).resolve().parent / "extraction_floors.json"
SYSTEMS = ("trafilatura_default", "trafilatura_best", "scorer")
SETS = ("aeb-scrapinghub", "l3s-gn1", "trafilatura-eval-en")

# The trafilatura settings --sweep compares on the Zyte set.
SWEEP: dict[str, dict[str, Any]] = {
    "defaults": {},
    "no_comments": {"include_comments": False},
    "precision": {"include_comments": False, "favor_precision": True},
    "recall": {"include_comments": False, "favor_recall": True},
    "precision_no_tables": {"include_comments": False, "favor_precision": True, "include_tables": False},
    "precision_fast": {"include_comments": False, "favor_precision": True, "fast": True},
    "precision_formatting": {"include_comments": False, "favor_precision": True, "include_formatting": True},
    "precision_links": {"include_comments": False, "favor_precision": True, "include_links": True},
}
BEST = SWEEP["precision"]


# --- metrics -----------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter:
    """Token n-grams as a multiset; a text shorter than n gives one short shingle."""
    toks = tokens(text)
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def page_counts(gold: str, pred: str) -> tuple[float, float, float]:
    """Per-page (tp, fp, fn) over shingle multisets, normalised to sum to 1."""
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def shingle_scores(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """The Zyte benchmark's figures over (gold, prediction) pairs (see the module docstring)."""
    pairs = list(pairs)
    counts = [page_counts(g, p) for g, p in pairs]
    precisions = [_page_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_page_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    raw = [0, 0, 0]
    for g, p in pairs:
        gs, ps = shingles(g), shingles(p)
        raw[0] += sum((gs & ps).values())
        raw[1] += sum((ps - gs).values())
        raw[2] += sum((gs - ps).values())
    micro_p = raw[0] / (raw[0] + raw[1]) if raw[0] + raw[1] else 0.0
    micro_r = raw[0] / (raw[0] + raw[2]) if raw[0] + raw[2] else 0.0
    return {
        "f1": f1,
        "precision": precision,
        "recall": recall,
        "accuracy": statistics.mean(float(tokens(g) == tokens(p)) for g, p in pairs) if pairs else 0.0,
        "f1_micro": 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0,
        "pages": len(pairs),
    }


def leak(junk_blocks: Iterable[tuple[list[str], str, str]]) -> dict[str, float]:
    """Share of annotated junk 4-grams found in the output.

    ``junk_blocks``: per page (junk texts, text that is legitimately there, output).
    """
    total = found = pages = leaky = 0
    for junk_texts, legit, output in junk_blocks:
        legit_set = set(shingles(legit))
        junk = {s for text in junk_texts for s in shingles(text) if len(s) == 4} - legit_set
        if not junk:
            continue
        hit = len(junk & set(shingles(output)))
        total += len(junk)
        found += hit
        pages += 1
        leaky += hit > 0
    return {"leak": found / total if total else 0.0, "junk_4grams": total, "pages": pages, "pages_leaking": leaky}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def snippet_scores(items: Iterable[tuple[list[str], list[str], str | None]]) -> dict[str, float]:
    """trafilatura's eval: (with, without, output) per page → counts, precision, recall, F1, accuracy.

    To count against title + body, pass ``title + "\\n" + body`` as the output.
    """
    tp = fp = fn = tn = 0
    for with_, without, output in items:
        out = _norm(output or "")
        hits = sum(_norm(w) in out for w in with_) if output is not None else 0
        leaks = sum(_norm(w) in out for w in without) if output is not None else 0
        tp += hits
        fn += len(with_) - hits
        fp += leaks
        tn += len(without) - leaks
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "with_kept": tp,
        "with_total": tp + fn,
        "without_excluded": tn,
        "without_total": tn + fp,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "accuracy": (tp + tn) / (tp + tn + fp + fn) if tp + tn + fp + fn else 0.0,
    }


def clean_gold_loss(triples: Iterable[tuple[str, str, str]]) -> dict[str, float]:
    """Of the gold 4-grams the extractor found, the share cleaning then removed: (gold, extracted, cleaned)."""
    before = after = 0
    for gold, extracted, cleaned in triples:
        g = shingles(gold)
        before += sum((g & shingles(extracted)).values())
        after += sum((g & shingles(cleaned)).values())
    return {"clean_gold_loss": (before - after) / before if before else 0.0}


# --- systems -----------------------------------------------------------------------------------


def _decode(path: Path) -> str:
    from scorer.ingest.load import decode

    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return decode(data, max_bytes=50_000_000).text


def run_page(task: tuple[str, str | None, tuple[str, ...]]) -> dict[str, Any]:
    """Outputs of the requested systems on one page (a worker function: module level, picklable)."""
    logging.disable(logging.WARNING)  # trafilatura warns on every discarded page
    path, url, systems = task
    html = _decode(Path(path))
    out: dict[str, Any] = {}
    if any(system.startswith("trafilatura") for system in systems):
        out["trafilatura_title"] = _trafilatura_title(html, url)
    for system in systems:
        if system == "scorer":
            out.update(_run_scorer(html, url))
        elif system == "trafilatura_default":
            out[system] = _run_trafilatura(html, url, {})
        elif system == "trafilatura_best":
            out[system] = _run_trafilatura(html, url, BEST)
        elif system.startswith("sweep:"):
            out[system] = _run_trafilatura(html, url, SWEEP[system[6:]])
    return out


def _trafilatura_title(html: str, url: str | None) -> str:
    import trafilatura

    metadata = trafilatura.extract_metadata(html, default_url=url)
    return (getattr(metadata, "title", None) or "") if metadata is not None else ""


def _run_trafilatura(html: str, url: str | None, options: dict[str, Any]) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, **options) or ""


def _run_scorer(html: str, url: str | None) -> dict[str, Any]:
    from scorer.ingest.clean import clean_text
    from scorer.core.errors import ExtractionError
    from scorer.ingest.extract import extract_html

    try:
        article = extract_html(html, url=url)
    except ExtractionError:
        return {"scorer": "", "scorer_extracted": "", "scorer_removed": [], "scorer_title": ""}
    extracted = article.text
    cleaned, removed = clean_text(extracted)
    return {
        "scorer": cleaned,
        "scorer_title": article.title or "",
        "scorer_extracted": extracted,
        "scorer_removed": [r.as_dict() for r in removed],
    }


def _run_all(tasks: list[tuple[str, str | None, tuple[str, ...]]], jobs: int) -> list[dict[str, Any]]:
    if jobs <= 1:
        return [run_page(task) for task in tasks]
    with Pool(jobs) as pool:
        return pool.map(run_page, tasks, chunksize=4)


# --- datasets ----------------------------------------------------------------------------------


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _url(value: str | None) -> str | None:
    return value if value and value.startswith("http") else None


def evaluate_aeb(root: Path, systems: tuple[str, ...], jobs: int) -> dict[str, Any]:
    base = root / "aeb-scrapinghub"
    rows = _read_jsonl(base / "ground_truth.jsonl")
    outputs = _run_all([(str(base / r["html_file"]), _url(r.get("url")), systems) for r in rows], jobs)
    figures: dict[str, Any] = {}
    for system in systems:
        figures[system] = shingle_scores((r["gold_text"], o[system]) for r, o in zip(rows, outputs))
    if "scorer" in systems:
        figures["scorer"].update(clean_gold_loss((r["gold_text"], o["scorer_extracted"], o["scorer"]) for r, o in zip(rows, outputs)))
        figures["scorer"]["removals"] = dict(Counter(x["kind"] for o in outputs for x in o["scorer_removed"]))
    return figures


def evaluate_l3s(root: Path, systems: tuple[str, ...], jobs: int) -> dict[str, Any]:
    base = root / "l3s-gn1"
    rows = _read_jsonl(base / "gold.jsonl")
    outputs = _run_all([(str(base / r["html_file"]), _url(r.get("url")), systems) for r in rows], jobs)
    figures: dict[str, Any] = {}
    for system in systems:
        full = shingle_scores((r["fulltext_only"], o[system]) for r, o in zip(rows, outputs))
        with_headline = shingle_scores((r["gold_text"], o[system]) for r, o in zip(rows, outputs))

        def junk(kinds: tuple[str, ...]) -> dict[str, float]:
            return leak(
                ([t for k in kinds for t in r[k]], r["gold_text"] + "\n" + "\n".join(r["supplemental"]), o[system])
                for r, o in zip(rows, outputs)
            )

        related, comments, both = junk(("related_content",)), junk(("comments",)), junk(("related_content", "comments"))
        figures[system] = {
            "f1_fulltext": full["f1"],
            "precision_fulltext": full["precision"],
            "recall_fulltext": full["recall"],
            "f1_headline_fulltext": with_headline["f1"],
            "related_leak": related["leak"],
            "comment_leak": comments["leak"],
            "junk_leak": both["leak"],
            "related_pages_leaking": related["pages_leaking"],
            "comment_pages_leaking": comments["pages_leaking"],
            "related_pages": related["pages"],
            "comment_pages": comments["pages"],
            "pages": len(rows),
        }
    if "scorer" in systems:
        figures["scorer"].update(
            clean_gold_loss((r["fulltext_only"], o["scorer_extracted"], o["scorer"]) for r, o in zip(rows, outputs))
        )
        figures["scorer"]["removals"] = dict(Counter(x["kind"] for o in outputs for x in o["scorer_removed"]))
    return figures


def evaluate_trafeval(root: Path, systems: tuple[str, ...], jobs: int) -> dict[str, Any]:
    base = root / "trafilatura-eval-en"
    rows = _read_jsonl(base / "gold.jsonl")
    outputs = _run_all([(str(base / r["file"]), _url(r.get("url")), systems) for r in rows], jobs)
    figures: dict[str, Any] = {}
    for system in systems:
        figures[system] = snippet_scores((r["with"], r["without"], o[system]) for r, o in zip(rows, outputs))
        title_key = "scorer_title" if system == "scorer" else "trafilatura_title"
        titled = snippet_scores(
            (r["with"], r["without"], (o.get(title_key) or "") + "\n" + o[system]) for r, o in zip(rows, outputs)
        )
        figures[system].update({f"{k}_title": titled[k] for k in ("with_kept", "without_excluded", "f1", "accuracy")})
    return figures


EVALUATORS: dict[str, Callable[[Path, tuple[str, ...], int], dict[str, Any]]] = {
    "aeb-scrapinghub": evaluate_aeb,
    "l3s-gn1": evaluate_l3s,
    "trafilatura-eval-en": evaluate_trafeval,
}


def evaluate(root: Path = DEFAULT_SHARED, *, sets: Iterable[str] = SETS, systems: Iterable[str] = SYSTEMS, jobs: int = 2) -> dict[str, Any]:
    """Figures for every requested set that is present under ``root``."""
    systems = tuple(systems)
    figures: dict[str, Any] = {}
    for name in sets:
        if not (root / name).is_dir():
            continue
        started = time.perf_counter()
        figures[name] = EVALUATORS[name](root, systems, jobs)
        figures[name]["_seconds"] = round(time.perf_counter() - started, 1)
    return figures


def sweep(root: Path, jobs: int) -> dict[str, Any]:
    return evaluate_aeb(root, tuple(f"sweep:{name}" for name in SWEEP), jobs)


# --- floors ------------------------------------------------------------------------------------


def check_floors(figures: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """Failures of the scorer's figures against pinned floors ("min") and ceilings ("max")."""
    failures = []
    for set_name, metrics in floors.items():
        if set_name.startswith("_") or set_name not in figures:
            continue
        measured = figures[set_name]["scorer"]
        for metric, bound in metrics.items():
            value = measured[metric]
            if "min" in bound and value < bound["min"]:
                failures.append(f"{set_name} {metric} = {value:.4f} < floor {bound['min']}")
            if "max" in bound and value > bound["max"]:
                failures.append(f"{set_name} {metric} = {value:.4f} > ceiling {bound['max']}")
    return failures


# --- report ------------------------------------------------------------------------------------


def _table(title: str, rows: list[str], figures: dict[str, Any], columns: list[str]) -> str:
    widths = [max(10, len(c) + 2) for c in columns]
    lines = [title, f"  {'system':<28}" + "".join(f"{c:>{w}}" for c, w in zip(columns, widths))]
    for row in rows:
        values = figures.get(row)
        if not values:
            continue
        cells = []
        for column, width in zip(columns, widths):
            value = values.get(column)
            cells.append(f"{value:>{width}.4f}" if isinstance(value, float) else f"{str(value):>{width}}")
        lines.append(f"  {row:<28}" + "".join(cells))
    return "\n".join(lines)


def report(figures: dict[str, Any]) -> str:
    parts = []
    if "aeb-scrapinghub" in figures:
        f = figures["aeb-scrapinghub"]
        rows = [k for k in f if not k.startswith("_")]
        parts.append(_table(f"aeb-scrapinghub ({f[rows[0]]['pages']} pages; Zyte shingle metric, {f['_seconds']} s)", rows, f,
                            ["f1", "precision", "recall", "accuracy", "f1_micro"]))
        if "scorer" in f:
            parts.append(f"  scorer cleaning removed {f['scorer']['clean_gold_loss']:.2%} of the gold 4-grams it was given; removals {f['scorer']['removals']}")
    if "l3s-gn1" in figures:
        f = figures["l3s-gn1"]
        rows = [k for k in f if not k.startswith("_")]
        parts.append(_table(f"l3s-gn1 ({f[rows[0]]['pages']} pages; leak = share of related/comment 4-grams in the output, {f['_seconds']} s)", rows, f,
                            ["f1_fulltext", "f1_headline_fulltext", "related_leak", "comment_leak", "junk_leak"]))
        if "scorer" in f:
            parts.append(f"  scorer cleaning removed {f['scorer']['clean_gold_loss']:.2%} of the full-text 4-grams it was given; removals {f['scorer']['removals']}")
    if "trafilatura-eval-en" in figures:
        f = figures["trafilatura-eval-en"]
        rows = [k for k in f if not k.startswith("_")]
        parts.append(_table(f"trafilatura-eval-en (with = must be in, without = must be out; {f['_seconds']} s)", rows, f,
                            ["with_kept", "without_excluded", "precision", "recall", "f1", "accuracy"]))
        parts.append(_table("  counted against title + body (see the module docstring)", rows, f,
                            ["with_kept_title", "without_excluded_title", "f1_title", "accuracy_title"]))
        first = f[rows[0]]
        parts.append(f"  out of {first['with_total']} 'with' and {first['without_total']} 'without' snippets")
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=Path, default=DEFAULT_SHARED, help="folder holding the dataset folders")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--only", choices=SETS, action="append", help="run only this set (repeatable)")
    parser.add_argument("--scorer-only", action="store_true", help="skip the trafilatura baselines")
    parser.add_argument("--sweep", action="store_true", help="compare trafilatura settings on the Zyte set and stop")
    parser.add_argument("--check", action="store_true", help="exit 1 if a scorer figure breaks a pinned floor")
    args = parser.parse_args(argv)
    if args.sweep:
        result = sweep(args.datasets, args.jobs)
        print(_table("trafilatura settings on aeb-scrapinghub", [k for k in result if not k.startswith("_")], result,
                     ["f1", "precision", "recall", "accuracy", "f1_micro"]))
        if args.json:
            args.json.write_text(json.dumps(result, indent=2, sort_keys=True))
        return 0
    systems = ("scorer",) if args.scorer_only else SYSTEMS
    figures = evaluate(args.datasets, sets=args.only or SETS, systems=systems, jobs=args.jobs)
    if not figures:
        print(f"no datasets found under {args.datasets}", file=sys.stderr)
        return 2
    print(report(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True))
    if args.check:
        failures = check_floors(figures, json.loads(FLOORS.read_text()))
        for failure in failures:
            print("FLOOR BROKEN:", failure, file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
