"""Export the store: article rows or per-source estimates, to CSV, JSON Lines or Parquet."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Iterator

from scorer.sources.estimate import EstimateOptions, estimate_sources
from scorer.sources.store import Store


class ExportError(Exception):
    pass


def _rows(store: Store, what: str, model: str | None) -> Iterator[dict[str, Any]]:
    if what == "sources":
        for estimate in estimate_sources(store, EstimateOptions(model=model)).sources:
            row = estimate.as_dict()
            yield {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v) for k, v in row.items()}
    else:
        yield from store.iter_articles(model=model or store.latest_model())


def export(store: Store, output: str | Path, what: str = "articles", model: str | None = None) -> int:
    """Write the rows to ``output`` (format from its suffix); returns how many."""
    suffix = Path(output).suffix.lower()
    if suffix not in {".csv", ".jsonl", ".parquet"}:
        raise ExportError(f"{output}: give a .csv, .jsonl or .parquet file")
    if suffix == ".parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise ExportError("Parquet export needs pyarrow: pip install pyarrow (or export to .csv / .jsonl)") from None
        rows = list(_rows(store, what, model))
        pq.write_table(pa.Table.from_pylist(rows), str(output))
        return len(rows)
    count = 0
    with open(output, "w", encoding="utf-8", newline="") as handle:
        writer = None
        for row in _rows(store, what, model):
            if suffix == ".jsonl":
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                if writer is None:
                    writer = csv.DictWriter(handle, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
            count += 1
    return count
