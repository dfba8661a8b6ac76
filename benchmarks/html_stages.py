"""Where the time of scoring an HTML page goes, stage by stage (issue 21, acceptance 2).

Usage::

    OMP_NUM_THREADS=1 python benchmarks/html_stages.py [--rounds 3] [--dataset aeb-scrapinghub]

Scores every page of a shared extraction set in one process (``scorer.score_many``, the command's
path), ``--rounds`` times after one warm-up round, with a timer around each stage: reading and
decoding, the markup repairs before parsing, parsing, each trafilatura pass (told apart by its
arguments: the precision pass with metadata, the balanced pass, the pass in link mode when one
runs), the rest of extraction (gaps, body serialisation, links), cleaning, segmentation, the
signals and the model. Times are CPU time of this process (``time.process_time``: other processes on a
busy machine stretch them less than wall time). Prints milliseconds per page (median over rounds of the per-round mean) and
the same for a plain ``trafilatura.extract`` on each page's bytes, then the bound: one trafilatura
pass plus the scoring of already-extracted texts, over the plain loop. Figures, never assertions;
a busy machine stretches them all.
"""
from __future__ import annotations

import argparse
import collections
import functools
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

REPO = Path(__file__).resolve().parents[1]


class Timers:
    def __init__(self) -> None:
        self.seconds: collections.Counter[str] = collections.Counter()
        self.stack: list[str] = []

    def wrap(self, owner, attribute: str, name) -> None:
        """Time ``owner.attribute`` under ``name`` (a string, or a function of the call's kwargs)."""
        original = getattr(owner, attribute)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            label = name(kwargs) if callable(name) else name
            if self.stack and self.stack[-1] == label:
                return original(*args, **kwargs)  # recursion into the same stage: timed once
            self.stack.append(label)
            start = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                elapsed = time.process_time() - start
                self.stack.pop()
                self.seconds[label] += elapsed
                for outer in self.stack:  # an inner stage's time is not its caller's own
                    self.seconds[outer] -= elapsed

        setattr(owner, attribute, timed)


def _trafilatura_pass(kwargs) -> str:
    if kwargs.get("with_metadata"):
        return "extract: trafilatura precision + metadata"
    if kwargs.get("include_links"):
        return "extract: trafilatura link-mode pass"
    if kwargs.get("favor_recall"):
        return "extract: trafilatura recall pass"
    return "extract: trafilatura balanced pass"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dataset", default="aeb-scrapinghub")
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets")
    args = parser.parse_args(argv)
    pages = sorted((args.shared / args.dataset / "html").glob("*.html"))
    if not pages:
        print(f"no pages under {args.shared / args.dataset / 'html'}", file=sys.stderr)
        return 2

    import trafilatura
    import scorer
    from scorer import pipeline
    from scorer.ingest import load
    from scorer.ingest.extract import page as page_module
    from scorer.model.loading import load_model

    timers = Timers()
    timers.wrap(load, "decode", "load: read + decode")
    timers.wrap(page_module, "flatten_deep_nesting", "extract: markup repairs before parsing")
    timers.wrap(page_module, "close_unterminated_title", "extract: markup repairs before parsing")
    timers.wrap(page_module, "_parse", "extract: parse (lxml)")
    timers.wrap(page_module, "drop_pull_quotes", "extract: rest (pull quotes, gaps, body, links)")
    # page.py calls trafilatura.bare_extraction through the module, so wrapping the module's name times every pass.
    timers.wrap(trafilatura, "bare_extraction", _trafilatura_pass)
    timers.wrap(page_module, "_extract", "extract: rest (pull quotes, gaps, body, links)")
    timers.wrap(pipeline.clean, "clean_text", "clean")
    timers.wrap(pipeline, "build_article", "segment (build_article)")
    timers.wrap(pipeline, "analyze_all", "signals")
    timers.wrap(pipeline, "_predict_many", "model")
    timers.wrap(pipeline, "_scored", "model")

    model = load_model(scorer.Config().model)
    config = scorer.Config()
    texts: list[str] = []

    def one_round() -> float:
        timers.seconds.clear()
        start = time.process_time()
        results = list(pipeline.score_many([str(p) for p in pages], config, model))
        total = time.process_time() - start
        texts[:] = [r.article.text if r.article is not None else "" for r in results]
        return total

    one_round()  # warm-up: imports, first-use data
    per_round: list[dict[str, float]] = []
    totals = []
    for _ in range(args.rounds):
        totals.append(one_round())
        per_round.append({k: v / len(pages) for k, v in timers.seconds.items()})

    loop = []
    raw = [p.read_bytes() for p in pages]
    for _ in range(args.rounds):
        start = time.process_time()
        for data in raw:
            trafilatura.extract(data)
        loop.append(time.process_time() - start)

    # Scoring the already-extracted texts (what follows extraction, without it).
    texts_only = []
    kept = [t for t in texts if t.strip()]
    for _ in range(args.rounds):
        start = time.process_time()
        list(pipeline.score_many([pipeline.article_from_text(t, input=str(i), config=config, is_html=False) for i, t in enumerate(kept)],
                                 config, model))
        texts_only.append(time.process_time() - start)

    ms = lambda seconds: 1000.0 * seconds / len(pages)  # noqa: E731
    print(f"{len(pages)} pages of {args.dataset}, {args.rounds} rounds after a warm-up; ms per page (median of rounds)")
    names = sorted({k for r in per_round for k in r}, key=lambda k: (k.split(":")[0] != "load", not k.startswith("extract"), k))
    for name in names:
        print(f"  {name:48} {1000.0 * statistics.median(r.get(name, 0.0) for r in per_round):7.2f}")
    total, plain, scoring = (ms(statistics.median(x)) for x in (totals, loop, texts_only))
    one_pass = 1000.0 * statistics.median(r.get("extract: trafilatura precision + metadata", 0.0) for r in per_round)
    print(f"  {'total (score_many over the pages)':48} {total:7.2f}")
    print(f"plain trafilatura.extract loop: {plain:.2f} ms per page; scorer / loop (in process, no start-up): {total / plain:.2f}x")
    print(f"scoring the extracted texts alone: {scoring:.2f} ms per page ({len(kept)} texts)")
    print(f"bound: (one trafilatura pass {one_pass:.2f} + scoring the texts {scoring:.2f}) / loop = {(one_pass + scoring) / plain:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
