"""How long each signal family takes on a ~1,000-word article, next to trafilatura's extraction of the same page.

A benchmark, not a test: it prints timings and asserts nothing about them.

    python benchmarks/signals_speed.py                 # the built-in ~1,000-word article
    python benchmarks/signals_speed.py --text story.txt --repeat 200
    python benchmarks/signals_speed.py --html page.html  # time extraction of a real page; signals run on its text
    python benchmarks/signals_speed.py --pages '../shared/datasets/aeb-scrapinghub/html/*'  # per real page, medians
    python benchmarks/signals_speed.py --scaling       # ms per 1,000 words as the text grows 1x to 32x

The built-in article is the two fixtures of ``tests/fixtures/pair`` (a reported
story and a padded rewrite of it) joined and cut to 1,000 words; its HTML twin
wraps the same paragraphs in a typical news page (navigation, sidebar, footer,
scripts) so that trafilatura has the usual amount of chrome to strip.

``--scaling`` times each family on the built-in article repeated up to 32 times, and on
one sentence repeated as often (every sentence restates every earlier one, every word is
in every sentence: the worst case for the redundancy and attribution searches). The cost
per 1,000 words should stay flat; a column that grows with the length is a search that
compares everything with everything. (On the repeated article padding grows with the number of
copies of each sentence, each one a restatement to check, until ``padding.MAX_SEEDS_PER_WORD``
copies; then it stays flat.) The garbage collector is paused while these are timed, as
``timeit`` does.

Each figure is the median (and the best) of ``--repeat`` runs after one warm-up run; the
warm-up of readability (textstat loading the CMU dictionary, once per process)
is reported on its own line.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import html
import importlib
import importlib.util
import statistics
import time
from pathlib import Path

import trafilatura

from scorer.signals import FAMILIES
from scorer.core.text import word_count
from scorer.ingest.segment import build_article, is_heading

ROOT = Path(__file__).resolve().parent.parent
PAIR = ROOT / "tests" / "fixtures" / "pair"
TARGET_WORDS = 1000


def builtin_text(words: int = TARGET_WORDS) -> str:
    lines = []
    count = 0
    for name in ("reported", "padded", "reported"):
        for line in (PAIR / f"{name}.txt").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            lines.append(line)
            count += len(line.split())
            if count >= words:
                return "\n\n".join(lines)
    return "\n\n".join(lines)


def as_html(text: str) -> str:
    """A news page around ``text``: the chrome trafilatura normally has to remove."""
    lines = [line for line in text.splitlines() if line.strip()]
    body = []
    for index, line in enumerate(lines):
        tag = "h1" if index == 0 else ("h2" if is_heading(line) else "p")
        body.append(f"<{tag}>{html.escape(line)}</{tag}>")
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(30))
    side = "".join(f'<li><a href="/story/{i}">Another story headline number {i}</a></li>' for i in range(40))
    foot = "".join(f'<a href="/page/{i}">Footer link {i}</a> ' for i in range(40))
    script = "<script>var x = {};" + "x.a = 1;" * 500 + "</script>"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        + html.escape(lines[0])
        + "</title><meta name='author' content='Dana Whitfield'><meta property='og:site_name' content='Millbrook Daily'>"
        + "<meta property='article:published_time' content='2025-03-04'>"
        + script
        + "</head><body><header><nav><ul>"
        + nav
        + "</ul></nav></header><main><article>"
        + "".join(body)
        + "</article><aside><h3>Most read</h3><ul>"
        + side
        + "</ul></aside></main><footer>"
        + foot
        + "</footer></body></html>"
    )


def timing_ms(function, repeat: int) -> tuple[float, float]:
    """(median, best) of ``repeat`` runs in ms: the best shows the cost on an idle machine."""
    function()  # warm-up: caches, lazy imports
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return 1000 * statistics.median(runs), 1000 * min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--text", type=Path, help="a plain-text article (default: the built-in ~1,000 words)")
    parser.add_argument("--html", type=Path, help="an HTML page: extraction is timed on it, signals on its text")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--pages", help="a glob of real HTML pages: per page, trafilatura's extraction vs all signals on its text")
    parser.add_argument("--scaling", action="store_true", help="ms per 1,000 words per family as the text grows")
    args = parser.parse_args()
    if args.scaling:
        show_scaling(min(args.repeat, 3))
        return
    if args.pages:
        compare_on_pages(args.pages, args.repeat)
        return

    if args.html:
        page = args.html.read_text(encoding="utf-8", errors="replace")
        text = trafilatura.extract(page) or ""
    else:
        text = args.text.read_text(encoding="utf-8") if args.text else builtin_text()
        page = as_html(text)
    article = build_article(text, date=dt.date(2025, 3, 4), date_source="today")
    print(f"article: {word_count(text)} words, {len(article.sentences)} sentences, {len(article.paragraphs)} paragraphs")
    print(f"html page: {len(page):,} characters")

    start = time.perf_counter()
    importlib.import_module("scorer.signals.readability").syllable_count("warm")
    print(f"{'one-off: textstat dictionary load':<40} {1000 * (time.perf_counter() - start):9.1f} ms")

    rows = []
    total = (0.0, 0.0)
    for family in FAMILIES:
        if importlib.util.find_spec(f"scorer.signals.{family}") is None:
            rows.append((family, None))
            continue
        analyze = importlib.import_module(f"scorer.signals.{family}").analyze
        elapsed = timing_ms(lambda: analyze(article), args.repeat)
        total = (total[0] + elapsed[0], total[1] + elapsed[1])
        rows.append((family, elapsed))
    segmentation = timing_ms(lambda: build_article(text, date=dt.date(2025, 3, 4), date_source="today"), args.repeat)
    extraction = timing_ms(lambda: trafilatura.extract(page, with_metadata=True), max(5, args.repeat // 5))

    def show(label: str, value: tuple[float, float] | None) -> None:
        shown = "not written yet" if value is None else f"{value[0]:8.2f} ms  (best {value[1]:.2f} ms)"
        print(f"{label:<40} {shown}")

    print(f"{'':<40} {'median':>11}")
    show("segmentation (build_article)", segmentation)
    for family, elapsed in rows:
        show("signal: " + family, elapsed)
    show("all signals written so far", total)
    show("trafilatura.extract (same page)", extraction)
    print(f"signals / extraction: {total[0] / extraction[0]:.2f} (median), {total[1] / extraction[1]:.2f} (best)")


SCALES = (1, 4, 16, 32)
#: The worst case for searches across sentences: every sentence shares every word with every earlier one.
ONE_SENTENCE = "The council voted 7-2 on Tuesday to approve the budget, Mayor Jane Smith said."


def show_scaling(repeat: int) -> None:
    """Per family, ms per 1,000 words on ever longer texts: flat means linear."""
    importlib.import_module("scorer.signals.readability").syllable_count("warm")
    analyzers = {family: importlib.import_module(f"scorer.signals.{family}").analyze for family in FAMILIES}
    base = builtin_text()
    texts = {"article": lambda k: "\n\n".join([base] * k), "one sentence": lambda k: " ".join([ONE_SENTENCE] * (70 * k))}
    for kind, make in texts.items():
        print(f"{kind} repeated: ms per 1,000 words (median of {repeat})")
        print(f"{'':<24}" + "".join(f"{word_count(make(k)):>10,}w" for k in SCALES))
        cells: dict[str, list[str]] = {family: [] for family in analyzers}
        for k in SCALES:
            # One article alive at a time: the others would only weigh on memory.
            article = build_article(make(k), date=dt.date(2025, 3, 4), date_source="today")
            for family, analyze in analyzers.items():
                # As timeit does: the collector's full passes land on one run or another and would
                # double a median of three; the question here is how the searches grow.
                gc.disable()
                try:
                    median, _ = timing_ms(lambda: analyze(article), repeat)
                finally:
                    gc.enable()
                cells[family].append(f"{1000 * median / word_count(article.text):11.2f}")
        for family, row in cells.items():
            print(f"{family:<24}" + "".join(row))


def compare_on_pages(pattern: str, repeat: int) -> None:
    """Real pages are larger than the built-in one: the fair comparison is page by page."""
    import glob
    import gzip

    from scorer.signals import analyze_all

    rows = []
    for path in sorted(glob.glob(pattern)):
        data = Path(path).read_bytes()
        page = (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode("utf-8", errors="replace")
        text = trafilatura.extract(page) or ""
        if word_count(text) < 150:
            continue
        article = build_article(text, date=dt.date(2025, 3, 4), date_source="today")
        analyze_all(article)  # warm-up (textstat's dictionary, lexicon patterns)
        signals = timing_ms(lambda: analyze_all(article), max(3, repeat // 10))
        extraction = timing_ms(lambda: trafilatura.extract(page, with_metadata=True), max(3, repeat // 10))
        rows.append((word_count(text), signals[0], extraction[0]))
    if not rows:
        print("no page with 150 words or more matched")
        return
    print(f"pages: {len(rows)} (median {statistics.median(r[0] for r in rows):.0f} words)")
    print(f"all signals, median per page:            {statistics.median(r[1] for r in rows):8.2f} ms")
    print(f"trafilatura.extract, median per page:    {statistics.median(r[2] for r in rows):8.2f} ms")
    print(f"signals / extraction, median of ratios:  {statistics.median(r[1] / r[2] for r in rows):8.2f}")


if __name__ == "__main__":
    main()
