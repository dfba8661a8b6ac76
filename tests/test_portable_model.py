"""The shipped model's exported arrays (scorer.model.portable) score exactly as scikit-learn does.

The arrays are exported into a copy of models/default in a temporary folder (the repository's
model.npz, if any, is not used), then the same articles are scored through both: probabilities,
reasons and their effects must agree (max |Δ probability| < 1e-6; in practice they are equal).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from scorer.core.config import Config
from scorer.core.errors import ModelError, ScorerError
from scorer.core.memo import TwoGenerationMemo
from scorer.model.loading import default_model_dir, load_model
from scorer.model.portable import PORTABLE_FILE, NotExportable, PortablePipeline
from scorer.model.portable_export import write_portable
from scorer.model.trained import METADATA_FILE, MODEL_FILE, load_trained_model
from scorer.pipeline import article_from_text
from scorer.signals import analyze_all

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
CONFIG = Config(today=dt.date(2026, 1, 22))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    shipped = default_model_dir()
    if shipped is None:
        pytest.skip("no trained model shipped")
    directory = tmp_path_factory.mktemp("model")
    for name in (MODEL_FILE, METADATA_FILE):
        shutil.copy(shipped / name, directory / name)
    reference = load_trained_model(directory)
    try:
        write_portable(directory, reference.pipeline, hashlib.sha256((directory / MODEL_FILE).read_bytes()).hexdigest())
    except NotExportable as exc:
        pytest.skip(f"the shipped model cannot be exported ({exc}): it is scored from {MODEL_FILE}")
    return directory


@pytest.fixture(scope="module")
def models(exported):
    reference = load_trained_model(exported)
    fast = load_model(exported, trust=True)
    assert isinstance(fast.pipeline, PortablePipeline)
    return reference, fast


def _fixture_texts() -> list[tuple[str, str | None]]:
    texts = [(p.read_text(encoding="utf-8"), None) for p in sorted((REPO / "examples").glob("*.txt"))]
    texts += [(p.read_text(encoding="utf-8"), None) for p in sorted((FIXTURES / "text").glob("*.txt"))]
    with open(FIXTURES / "anachronism_cases.jsonl", encoding="utf-8") as handle:
        texts += [(r["text"], r.get("date")) for r in map(json.loads, handle) if r.get("text")]
    return texts


def _assert_same_predictions(reference, fast, texts: list[tuple[str, str | None]]) -> int:
    items = []
    for text, date in texts:
        try:
            config = Config(today=CONFIG.today, date=dt.date.fromisoformat(date[:10])) if date else CONFIG
            article = article_from_text(text, config=config)
        except (ScorerError, ValueError):
            continue
        items.append((article, analyze_all(article, CONFIG)))
    expected, got = reference.predict_many(items), fast.predict_many(items)
    compared = 0
    for a, b in zip(expected, got):
        if isinstance(a, Exception):
            assert type(a) is type(b) and str(a) == str(b)
            continue
        assert abs(a.probability - b.probability) < 1e-6
        assert [(r.feature, r.message) for r in a.reasons] == [(r.feature, r.message) for r in b.reasons]
        assert np.allclose([r.effect for r in a.reasons], [r.effect for r in b.reasons], atol=1e-6, rtol=0)
        compared += 1
    return compared


def test_fixture_articles_score_the_same(models):
    assert _assert_same_predictions(*models, _fixture_texts()) > 100


def test_shared_articles_score_the_same(models, shared_datasets):
    texts = []
    with open(shared_datasets / "llmfake" / "train.jsonl", encoding="utf-8") as handle:
        texts += [(json.loads(line)["text"], None) for line in itertools.islice(handle, 0, 3000, 15)]
    with open(shared_datasets / "polnear" / "dev.jsonl", encoding="utf-8") as handle:
        seen = {}
        for r in map(json.loads, handle):
            seen.setdefault(r["article"], (r["text"], r.get("publication_date") or None))
        texts += list(seen.values())
    assert _assert_same_predictions(*models, texts) > 250


def test_feature_rows_and_effects_are_equal(models):
    reference, fast = models
    rows = []
    for text, _ in _fixture_texts()[:40]:
        try:
            rows.append(reference.features_of(article_from_text(text, config=CONFIG)))
        except ScorerError:
            continue
    X = reference.pipeline.named_steps["features"].transform(rows)
    assert np.array_equal(X, fast.pipeline.named_steps["features"].transform(rows))
    assert np.abs(reference.pipeline[1:].predict_proba(X) - fast.pipeline[1:].predict_proba(X)).max() < 1e-6
    assert np.abs(reference.predict_features(rows) - fast.predict_features(rows)).max() < 1e-6


def test_arrays_of_another_model_are_not_used(models, exported, tmp_path):
    reference, _ = models
    for name in (MODEL_FILE, METADATA_FILE):
        shutil.copy(exported / name, tmp_path / name)
    write_portable(tmp_path, reference.pipeline, "0" * 64)  # made from some other model.joblib
    model = load_model(tmp_path, trust=True)
    assert not isinstance(model.pipeline, PortablePipeline)


@pytest.mark.parametrize("content", [None, b"not an npz file", b"PK\x03\x04broken zip"])
def test_a_missing_or_unreadable_export_falls_back_to_the_pickle(exported, tmp_path, content):
    for name in (MODEL_FILE, METADATA_FILE):
        shutil.copy(exported / name, tmp_path / name)
    if content is not None:
        (tmp_path / PORTABLE_FILE).write_bytes(content)
    model = load_model(tmp_path, trust=True)
    assert not isinstance(model.pipeline, PortablePipeline)


def test_an_untrusted_directory_is_refused_even_with_arrays(exported):
    with pytest.raises(ModelError, match="--trust-model"):
        load_model(exported)


def test_scoring_from_the_arrays_imports_no_scikit_learn(exported):
    code = (
        "import sys\n"
        "from scorer.api import score_text\n"
        "from scorer.core.config import Config\n"
        f"r = score_text(open({str(REPO / 'examples' / 'wire.txt')!r}).read(), config=Config(model={str(exported)!r}, trust_model=True))\n"
        "assert r.score is not None\n"
        "print(sorted(m for m in ('sklearn', 'scipy', 'joblib') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def _export(directory: Path) -> tuple:
    reference = load_trained_model(directory)
    write_portable(directory, reference.pipeline, hashlib.sha256((directory / MODEL_FILE).read_bytes()).hexdigest())
    fast = load_model(directory, trust=True)
    assert isinstance(fast.pipeline, PortablePipeline)
    return reference, fast


def test_a_model_trained_here_scores_the_same(trained_model):
    """Independent of the shipped model: the session's small logistic model (learned word lists, no trees)."""
    assert _assert_same_predictions(*_export(trained_model.out), _fixture_texts()) > 100


def test_an_ensemble_with_a_wording_model_trained_here_scores_the_same(tmp_path, examples_set, feature_cache):
    """Trees, soft voting and the wording sub-model, as the shipped model has them, on a model trained in the test."""
    from scorer.research.training import train

    out = tmp_path / "ensemble"
    train([examples_set], out, cache_dir=str(feature_cache), classifier="ensemble", wording=5000)
    reference, fast = _export(out)
    assert reference.pipeline.named_steps["features"].wording_ is not None
    assert _assert_same_predictions(reference, fast, _fixture_texts()) > 100


def test_wording_scores_do_not_depend_on_how_often_the_word_cache_is_emptied(models):
    from scorer.model import portable

    wording = models[1].pipeline.named_steps["features"].wording_
    if wording is None:
        pytest.skip("the shipped model has no wording sub-model")
    texts = [text for text, _ in _fixture_texts()[:80]]
    wording._word_columns = TwoGenerationMemo(portable.WORD_CACHE)
    expected = wording.scores(texts)
    wording._word_columns = TwoGenerationMemo(50)  # turned over several times within most texts
    assert np.array_equal(wording.scores(texts), expected)
    assert len(wording._word_columns) <= 50
    wording._word_columns = TwoGenerationMemo(portable.WORD_CACHE)
