"""The character n-gram wording sub-model and its place in the featurizer (stacked, cross-fitted)."""
from __future__ import annotations

import numpy as np
import pytest

from scorer.model.featurizer import TEXT, VOCABULARY, ArticleFeaturizer
from scorer.model.wording import FEATURE, WordingModel

# Two house styles on the same made-up events: a plain wire style and a padded one.
PLACES = ["Port Ellis", "Marlow Bay", "Kesten", "Aldgrove", "Fenwick", "Tarrow", "Linmouth", "Brackley", "Ostrey", "Hale"]
EVENTS = ["a bridge closure", "a ferry fire", "a school budget vote", "a water main break", "a council election"]


def wire(i: int) -> str:
    place, event = PLACES[i % len(PLACES)], EVENTS[i % len(EVENTS)]
    return (f"{place} officials said on Tuesday that {event} would cost {i + 3} million dollars. "
            f"Mayor Ana Ruiz told reporters the work starts in {2020 + i % 5}. \"We have the money,\" she said.")


def padded(i: int) -> str:
    place, event = PLACES[i % len(PLACES)], EVENTS[i % len(EVENTS)]
    return (f"In a significant development, {event} in {place} underscores the crucial importance of resilience. "
            "Experts note that navigating the complexities of this evolving landscape remains pivotal, "
            "paving the way for a brighter future for all stakeholders.")


TEXTS = [wire(i) for i in range(30)] + [padded(i) for i in range(30)]
Y = np.array([0] * 30 + [1] * 30)


def test_wording_model_separates_two_house_styles():
    model = WordingModel(max_features=5000)
    oof = model.fit_scores(TEXTS, Y)
    assert oof.shape == (60,)
    # Out-of-fold, every padded text still scores above every wire text in this easy case.
    assert oof[Y == 1].min() > oof[Y == 0].max()
    new = model.scores([wire(41), padded(41)])
    assert new[1] > 0 > new[0]


def test_training_scores_are_out_of_fold_not_in_sample():
    model = WordingModel(max_features=5000)
    oof = model.fit_scores(TEXTS, Y)
    in_sample = model.scores(TEXTS)
    # In-sample scores are more extreme: a model is surest on rows it was fitted on.
    assert np.abs(in_sample).mean() > np.abs(oof).mean()
    assert not np.allclose(oof, in_sample)


def test_too_few_rows_of_a_class_give_neutral_training_scores():
    oof = WordingModel(max_features=500).fit_scores(TEXTS[:32], Y[:32])  # only 2 padded texts
    assert np.all(oof == 0.0)


def _rows(texts):
    return [{"padding.x": float(len(t) % 7), TEXT: t} for t in texts]


def test_featurizer_stacks_the_wording_score_as_a_named_feature():
    featurizer = ArticleFeaturizer(families=("padding",), style=False, wording=5000)
    train = featurizer.fit_transform(_rows(TEXTS), Y)
    names = list(featurizer.get_feature_names_out())
    assert names == ["padding.x", f"{VOCABULARY}.{FEATURE}"]
    column = names.index(f"{VOCABULARY}.{FEATURE}")
    # fit_transform hands the classifier out-of-fold scores; transform uses the full model.
    assert not np.allclose(train[:, column], featurizer.transform(_rows(TEXTS))[:, column])
    scored = featurizer.transform(_rows([padded(50), wire(50)]))
    assert scored[0, column] > scored[1, column]
    assert featurizer.vocabulary_found(padded(50), f"{VOCABULARY}.{FEATURE}") == []


def test_featurizer_without_labels_cannot_learn_wording():
    with pytest.raises(ValueError, match="labels"):
        ArticleFeaturizer(families=("padding",), style=False, wording=100).fit(_rows(TEXTS))


def _stories(n: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Each story: its original and two rewrites that share the story's own rare names."""
    texts, y, groups = [], [], []
    for i in range(n):
        names = f"Zorvak{i} Quillon{i} Brettany{i}"
        texts += [wire(i) + f" {names} attended.", padded(i) + f" {names} attended.", padded(i + 1) + f" {names} were there."]
        y += [0, 1, 1]
        groups += [f"story{i}"] * 3
    return texts, np.asarray(y), np.asarray(groups)


def test_with_groups_a_story_is_never_scored_by_a_model_that_saw_its_rewrites(monkeypatch):
    from scorer.model import folds, wording

    seen = []
    real = folds.cross_fit_folds

    def spy(y, groups, n_splits, seed):
        result = real(y, groups, n_splits, seed)
        seen.append((groups, result))
        return result

    monkeypatch.setattr(wording, "cross_fit_folds", spy)
    texts, y, groups = _stories(20)
    WordingModel(max_features=5000).fit_scores(texts, y, groups)
    (given, used), = seen
    assert given is groups and len(used) == 5
    for train, test in used:
        assert not set(groups[train]) & set(groups[test])


def test_featurizer_word_list_rates_of_training_rows_are_out_of_fold_by_story():
    # 20 small stories, and one covered by 24 rewrites that all repeat the story's own names
    # (as one story's many generations do in the labelled sets).
    texts, y, groups = _stories(20)
    names = " Zorvak Quillon met Brettany Oskarsen."
    texts = list(texts) + [wire(99) + names] + [padded(i) + names for i in range(24)]
    y = np.concatenate([y, [0] + [1] * 24])
    groups = np.concatenate([groups, ["big"] * 25])
    rows = _rows(texts)
    column = f"{VOCABULARY}.rewrite_words_per_100_words"
    big = groups == "big"

    grouped = ArticleFeaturizer(families=("padding",), style=False, vocabulary=60)
    train = grouped.fit_transform(rows, y, groups)
    at = list(grouped.get_feature_names_out()).index(column)
    in_sample = grouped.transform(rows)
    assert "zorvak" in grouped.rewrite_words_  # learned from the big story's rewrites
    # Held out with its whole story, a rewrite is counted with lists that never saw its names.
    assert (train[big & (y == 1), at] < in_sample[big & (y == 1), at]).all()
    assert np.allclose(grouped.out_of_fold_matrix(rows), train)

    # Without groups most sibling rewrites stay in every training fold, and the names with them.
    leaky = ArticleFeaturizer(families=("padding",), style=False, vocabulary=60).fit_transform(rows, y)
    drop = lambda m: (in_sample[big & (y == 1), at] - m[big & (y == 1), at]).mean()  # noqa: E731
    assert drop(train) > 2 * drop(leaky)


def test_a_saved_wording_model_loads_with_the_same_vocabulary_and_scores():
    import pickle

    model = WordingModel(max_features=5000)
    model.fit_scores(TEXTS, Y)
    loaded = pickle.loads(pickle.dumps(model))
    assert loaded.vectorizer_.vocabulary_ == model.vectorizer_.vocabulary_
    assert np.allclose(loaded.scores([wire(7), padded(7)]), model.scores([wire(7), padded(7)]))
    # Saving leaves the live model as it was, and a model saved before (vocabulary as a dict) still loads.
    assert isinstance(model.vectorizer_.vocabulary_, dict)
    older = WordingModel.__new__(WordingModel)
    older.__setstate__(dict(model.__dict__))
    assert np.allclose(older.scores([padded(3)]), model.scores([padded(3)]))
