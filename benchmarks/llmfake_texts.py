"""The llmfake texts the memory benchmarks score, read without importing scorer (so its memory is not counted early)."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def llmfake_texts(datasets: Path, limit: int | None = None) -> list[str] | None:
    """The first ``limit`` non-empty texts of llmfake/train.jsonl under ``datasets`` (all when None), or None
    after saying on stderr that the shared sets are missing."""
    source = datasets / "llmfake" / "train.jsonl"
    if not source.exists():
        print(f"no shared sets at {datasets} (set SCORER_SHARED to the folder holding datasets/)", file=sys.stderr)
        return None
    with open(source, encoding="utf-8") as handle:
        return [t for t in (json.loads(line).get("text") for line in handle if line.strip()) if t][:limit]
