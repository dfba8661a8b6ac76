"""How one process's memory grows over a batch of texts, with or without the texts that hold markup (issue 21, acceptance 4).

Usage::

    OMP_NUM_THREADS=1 python benchmarks/memory_growth.py                  # the first 2,000 llmfake texts
    OMP_NUM_THREADS=1 python benchmarks/memory_growth.py --skip-markup    # the same without the texts read as HTML
    OMP_NUM_THREADS=1 python benchmarks/memory_growth.py --imports        # what importing trafilatura costs

Scores the first ``--texts`` ``llmfake/train.jsonl`` texts through ``scorer.score_many`` in this process
and prints its resident memory and peak (``VmRSS``, ``VmHWM``) after 100 texts, after 600 (the first
text holding markup is the 598th) and at the end; then empties the word caches, collects garbage and
calls ``malloc_trim(0)``, printing the memory after each, to see how much of the growth is the caches
and what the allocator keeps. ``--skip-markup`` leaves out the texts ``looks_like_html`` calls markup
(which import trafilatura at the first one), to separate that one-time load from the growth.
``--imports`` prints instead what importing trafilatura and its dependencies adds, after the pipeline.
Linux only (``/proc``). Figures, not assertions.
"""
from __future__ import annotations

import argparse
import ctypes
import importlib
import gc
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
from llmfake_texts import llmfake_texts  # noqa: E402


def memory() -> str:
    with open("/proc/self/status", encoding="ascii") as handle:
        status = handle.read()
    rss, hwm = (int(re.search(key + r":\s+(\d+)", status).group(1)) / 1024 for key in ("VmRSS", "VmHWM"))
    return f"resident {rss:6.1f} MB   peak {hwm:6.1f} MB"


def imports() -> None:
    importlib.import_module("scorer.pipeline")  # what the worker holds before its first page

    for name in ("ssl", "urllib3", "dateutil.parser", "lxml.html", "charset_normalizer", "babel", "justext",
                 "courlan", "htmldate", "trafilatura"):
        before, modules = memory(), len(sys.modules)
        rss = float(before.split()[1])
        __import__(name)
        after = float(memory().split()[1])
        print(f"import {name:20} +{after - rss:5.1f} MB  {len(sys.modules) - modules:4d} modules", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--skip-markup", action="store_true", help="leave out the texts read as HTML")
    parser.add_argument("--imports", action="store_true", help="what importing trafilatura adds, then stop")
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets")
    args = parser.parse_args(argv)
    if args.imports:
        imports()
        return 0
    texts = llmfake_texts(args.shared, args.texts)
    if texts is None:
        return 2
    import scorer
    from scorer.ingest.load import looks_like_html

    if args.skip_markup:
        kept = [t for t in texts if not looks_like_html(t)]
        print(f"left out {len(texts) - len(kept)} text(s) holding markup")
        texts = kept
    done = 0
    for stop in (100, 600, len(texts)):
        for _ in scorer.score_many(texts[done:stop]):
            pass
        done = max(done, stop)
        print(f"after {done:6d} texts: {memory()}", flush=True)

    from scorer.knowledge import tokens
    from scorer.signals import readability, syllables
    from scorer.signals.padding import words

    tokens.normalise.cache_clear()
    words._stem.cache_clear()
    readability.syllable_count.cache_clear()
    syllables._FOUND.clear()
    from scorer.model.portable import WordingScorer

    # The wording scorer of the model score_many loaded (loading the model again here would add its memory).
    for wording in [o for o in gc.get_objects() if isinstance(o, WordingScorer)]:
        wording._word_columns.clear()
    print(f"caches emptied:      {memory()}")
    gc.collect()
    print(f"garbage collected:   {memory()}")
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    print(f"malloc_trim(0):      {memory()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
