"""What each word cache of the scoring path holds once a batch's words have gone through it (issue 21, acceptance 4).

Usage::

    python benchmarks/memory_caches.py                # the distinct words of all llmfake texts
    python benchmarks/memory_caches.py --texts 2000   # of the first 2,000

The caches that fill as new words arrive, each filled with the distinct words of the first
``--texts`` ``llmfake/train.jsonl`` texts as the scoring path cuts them: ``knowledge.tokens.normalise``
(its tokens), padding's ``_stem`` and readability's syllable counts (``WORD_RE`` words, lower case;
the syllable figure includes the table's words found so far and the hyphenation memo of the words it lacks), and the wording
scorer's word columns (white-space words, lower case). Each is measured with ``tracemalloc``: the
words are made inside the trace and dropped after, so what is left is what the cache keeps (keys
included); ``peak`` also holds the words while they are passed. Run it with each checkout's python
to compare. Figures, not assertions.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
from llmfake_texts import llmfake_texts  # noqa: E402


def measure(name: str, words: list[str], fill) -> None:
    gc.collect()
    tracemalloc.start()
    copies = [w.encode().decode() for w in words]  # new strings, as each article brings its own
    fill(copies)
    del copies
    gc.collect()
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{name:52} held {held / 2**20:6.2f} MB   peak {peak / 2**20:6.2f} MB", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, help="the first N texts (default: all)")
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("SCORER_SHARED", REPO.parent / "shared")) / "datasets")
    args = parser.parse_args(argv)
    texts = llmfake_texts(args.shared, args.texts)
    if texts is None:
        return 2

    from scorer.core.text import WORD_RE
    from scorer.knowledge import tokens
    from scorer.model.loading import load_model
    from scorer.signals import readability, syllables
    from scorer.signals.padding import words as padding_words

    wording = getattr(load_model(None).pipeline.named_steps["features"], "wording_", None)
    from scorer.signals import hyphenation

    syllables._sorted_lines(), hyphenation._points(), padding_words._stopwords()  # loaded once per process anyway: not counted
    token_words = list(dict.fromkeys(m.group() for t in texts for m in tokens._TOKEN_RE.finditer(t)))
    lower_words = list(dict.fromkeys(w.lower() for t in texts for w in WORD_RE.findall(t)))
    space_words = list(dict.fromkeys(w for t in texts for w in t.lower().split()))
    print(f"{len(texts)} texts: {len(token_words)} distinct tokens, {len(lower_words)} WORD_RE words, {len(space_words)} white-space words")

    measure("knowledge.tokens.normalise", token_words, lambda ws: [tokens.normalise(w) for w in ws])
    print("   ", tokens.normalise.cache_info())
    measure("padding _stem", lower_words, lambda ws: [padding_words._stem(w) for w in ws])
    print("   ", padding_words._stem.cache_info())
    count = getattr(readability, "word_syllables", None) or (lambda ws: [readability.syllable_count(w) for w in ws])
    measure("readability syllables (table's found words, memos)", lower_words, count)
    memo = getattr(getattr(hyphenation._points(), "__self__", None), "_points", ())
    print("   ", readability.syllable_count.cache_info(), "table words found:", len(getattr(syllables, "_FOUND", ())),
          "hyphenation memo:", len(memo))
    if wording is not None and hasattr(wording, "_row"):
        def fill(ws: list[str]) -> None:
            for i in range(0, len(ws), 500):
                wording._row(" ".join(ws[i:i + 500]))

        bound = getattr(sys.modules[type(wording).__module__], "WORD_CACHE", None)
        measure(f"wording word columns (at most {bound})", space_words, fill)
        print("    words held at the end:", len(wording._word_columns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
