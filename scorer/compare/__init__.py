"""Compare a rewrite with its original, and find the original of a rewrite.

    from scorer.compare import compare
    result = compare(Path("original.html"), Path("rewrite.html"))
    result.taken, result.verdict, result.changed

    from scorer.compare import ArticleIndex
    index = ArticleIndex.from_directory("articles/")
    index.query(rewrite_text)          # likely originals, best first
"""
from __future__ import annotations

from scorer.compare.align import Match
from scorer.compare.changes import Change, Span
from scorer.compare.core import VERDICTS, CompareError, Comparison, compare
from scorer.compare.index import ArticleIndex, Candidate, DirectorySource

__all__ = ["ArticleIndex", "Candidate", "Change", "CompareError", "Comparison", "DirectorySource", "Match", "Span",
           "VERDICTS", "compare"]
