"""Export a trained model's arrays (``model.npz``) so scoring needs neither scikit-learn nor unpickling.

Usage (after every retrain of the shipped model, then commit models/default/model.npz)::

    python benchmarks/export_model_arrays.py [MODEL_DIR]        # default: models/default
    python benchmarks/export_model_arrays.py MODEL_DIR --check  # also compare with scikit-learn

The file names the sha256 of the ``model.joblib`` it was made from; a model.npz left over
from an earlier model is ignored when loading (scoring falls back to model.joblib). The
check scores feature rows made from the repository's examples and fixtures (and up to
``--shared N`` texts of the shared llmfake set when present) with both and prints the
largest difference in probability and in feature effects.

Only run this on a model you trust: it unpickles model.joblib.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]


def _texts(shared: Path, limit: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((REPO / "examples").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted((REPO / "tests" / "fixtures" / "text").glob("*.txt"))]
    source = shared / "llmfake" / "train.jsonl"
    if limit and source.is_file():
        with open(source, encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in itertools.islice(handle, 0, limit * 10, 10)]
    return texts


def check(directory: Path, shared: Path, limit: int) -> float:
    """Largest |Δ| between the exported arrays and scikit-learn, over probabilities and effects."""
    from scorer.core.config import Config
    from scorer.core.errors import ScorerError
    from scorer.model.explain import batch_effects
    from scorer.model.portable import read_portable
    from scorer.model.trained import MODEL_FILE, load_trained_model
    from scorer.pipeline import article_from_text

    reference = load_trained_model(directory)
    exported = read_portable(directory, hashlib.sha256((directory / MODEL_FILE).read_bytes()).hexdigest())
    if exported is None:
        raise SystemExit(f"{directory}: no usable model.npz")
    rows = []
    for text in _texts(shared, limit):
        try:
            rows.append(reference.features_of(article_from_text(text, config=Config())))
        except ScorerError:
            continue
    X = reference.pipeline.named_steps["features"].transform(rows)
    X_exported = exported.named_steps["features"].transform(rows)
    p_ref, e_ref = batch_effects(reference.pipeline[1:], X, reference._medians())
    p_exp, e_exp = batch_effects(exported[1:], X_exported, reference._medians())
    worst = max(float(np.abs(X - X_exported).max()), float(np.abs(p_ref - p_exp).max()), float(np.abs(e_ref - e_exp).max()))
    print(f"{len(rows)} articles: max |Δ| features {np.abs(X - X_exported).max():.3g}, probability {np.abs(p_ref - p_exp).max():.3g}, "
          f"effects {np.abs(e_ref - e_exp).max():.3g} score points", file=sys.stderr)
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=REPO / "models" / "default")
    parser.add_argument("--check", action="store_true", help="compare the exported arrays with scikit-learn")
    parser.add_argument("--shared", type=int, default=300, metavar="N", help="with --check: llmfake texts to add (0: none)")
    parser.add_argument("--datasets", type=Path, default=REPO.parent / "shared" / "datasets")
    args = parser.parse_args()

    from scorer.model.portable import NotExportable
    from scorer.model.portable_export import write_portable
    from scorer.model.trained import MODEL_FILE, load_trained_model

    directory = args.directory.resolve()
    digest = hashlib.sha256((directory / MODEL_FILE).read_bytes()).hexdigest()
    model = load_trained_model(directory, sha256=digest)
    try:
        target = write_portable(directory, model.pipeline, digest)
    except NotExportable as exc:
        print(f"{directory}: cannot export ({exc}); it is scored from {MODEL_FILE}", file=sys.stderr)
        return 1
    print(f"wrote {target} ({target.stat().st_size:,} bytes) for {MODEL_FILE} sha256 {digest[:12]}…", file=sys.stderr)
    if args.check and check(directory, args.datasets, args.shared) >= 1e-6:
        print("DIFFERENT: the exported arrays do not reproduce scikit-learn", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
