"""Batch-first scoring gives the per-article results exactly (scorer.score_many, TrainedModel.predict_many)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer

import scorer
from scorer.core.config import Config
from scorer.model.explain import batch_effects, feature_effects, reference_medians
from scorer.pipeline import article_from_text, score_article, score_many
from scorer.signals import analyze_all

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CONFIG = Config(today=dt.date(2026, 1, 22))

TEXTS = [
    (EXAMPLES / "wire.txt").read_text(encoding="utf-8"),
    "The council voted 7-2 on Tuesday to approve the budget, said Mayor Jane Roe. " * 8,
    "Ferry fire: all 212 passengers safe, the port said.",  # short: a warning reason first
    "Der Stadtrat hat am Dienstag den Haushalt beschlossen, sagte die Bürgermeisterin. " * 10,  # not English: an error
    "Experts say the situation is evolving. It remains to be seen what happens next. " * 10,
]


@pytest.fixture(scope="module")
def model():
    model = scorer.load_model()
    if not hasattr(model, "predict_many"):
        pytest.skip("no trained model shipped")
    return model


def _key(result: scorer.ScoreResult):
    # Effects unrounded to 1e-9: the classifier's dot products may round differently in a larger batch.
    return result.as_dict(), [(r.feature, round(r.effect, 9), r.message) for r in result.reasons]


def test_score_many_gives_the_per_article_results(model):
    one_by_one = []
    for text in TEXTS:
        try:
            one_by_one.append(_key(score_article(article_from_text(text, config=CONFIG), CONFIG, model)))
        except scorer.ScorerError as exc:
            one_by_one.append(str(exc))
    articles = [article_from_text(text, config=CONFIG) for text in TEXTS]
    for batch_size in (1, 2, 64):
        batch = [r.error if r.error else _key(r) for r in score_many(articles, CONFIG, model, batch_size=batch_size)]
        assert batch == one_by_one


def test_predictions_batched_equal_one_at_a_time(model):
    pairs = [(a, analyze_all(a, CONFIG)) for a in (article_from_text(t, config=CONFIG) for t in TEXTS)]
    batched = model.predict_many(pairs)
    for (article, signals), prediction in zip(pairs, batched):
        if isinstance(prediction, Exception):
            with pytest.raises(scorer.InputError):
                model.predict(article, signals)
            continue
        single = model.predict(article, signals)
        assert abs(single.probability - prediction.probability) < 1e-12
        assert [(r.feature, r.message) for r in single.reasons] == [(r.feature, r.message) for r in prediction.reasons]
        assert np.allclose([r.effect for r in single.reasons], [r.effect for r in prediction.reasons], atol=1e-9)


def test_batch_effects_are_the_per_article_effects(model):
    pairs = [(a, analyze_all(a, CONFIG)) for a in (article_from_text(t, config=CONFIG) for t in TEXTS[:3])]
    X = model.pipeline.named_steps["features"].transform([model.features_of(a, s) for a, s in pairs])
    medians = reference_medians(model._stats, model.feature_names)
    probabilities, effects = batch_effects(model.pipeline[1:], X, medians)
    assert np.allclose(probabilities, model.pipeline[1:].predict_proba(X)[:, 1], atol=1e-12, rtol=0)
    for x, row in zip(X, effects):
        assert np.allclose(row, feature_effects(model.pipeline[1:], x, medians), atol=1e-9, rtol=0)


def test_api_score_many_takes_texts_paths_records_and_keeps_going(tmp_path):
    results = list(scorer.score_many([
        TEXTS[0],
        EXAMPLES / "wire.txt",
        {"text": TEXTS[1], "input": "council", "date": "2026-01-22"},
        tmp_path / "missing.txt",
        TEXTS[3],
    ], config=CONFIG))
    assert [r.input for r in results] == ["-", str(EXAMPLES / "wire.txt"), "council", str(tmp_path / "missing.txt"), "-"]
    assert results[0].probability == results[1].probability == scorer.score_text(TEXTS[0], config=CONFIG).probability
    assert results[2].article.date_source == "option"
    assert results[3].error == "no such file"
    assert results[4].error and "English" in results[4].error
    assert results[2].as_dict() | {"input": "-"} == scorer.score_text(TEXTS[1], date="2026-01-22", config=CONFIG).as_dict()


def test_score_many_is_lazy(model):
    taken = []

    def items():
        for text in TEXTS[:3]:
            taken.append(text)
            yield article_from_text(text, config=CONFIG)

    results = score_many(items(), CONFIG, model, batch_size=1)
    assert taken == []
    next(results)
    assert len(taken) == 1


def test_wording_counts_are_the_vectorizers(model, shared_datasets):
    # scikit-learn's own wording model (the loaded one may be the exported arrays, scorer.model.portable).
    from scorer.model.trained import load_trained_model

    wording = load_trained_model(model.path).pipeline.named_steps["features"].wording_
    if wording is None:
        pytest.skip("the model has no wording sub-model")
    with open(shared_datasets / "llmfake" / "train.jsonl", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line, _ in zip(handle, range(60))]
    texts += ["", "  ", "İstanbul ĞÜ\u00a0non\u2003breaking\ttabs\n\nnew  lines", "a b c", "x" * 30, "Don't—stop “quoted” U.S. e-mail"]
    expected = CountVectorizer.transform(wording.vectorizer_, texts)
    for _ in range(2):  # cold and warm word cache
        counts = wording.counts(texts)
        assert type(counts) is type(expected) and counts.dtype == expected.dtype
        assert np.array_equal(counts.indptr, expected.indptr) and np.array_equal(counts.indices, expected.indices)
        assert np.array_equal(counts.data, expected.data)
    assert np.array_equal(wording.scores(texts), wording.classifier_.decision_function(wording.vectorizer_.transform(texts)))
