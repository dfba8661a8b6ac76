"""Labelled-set readers, grouped folds, training a tiny model end to end, saving and loading."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from scorer.core.errors import ModelError
from scorer.model.trained import TrainedModel, load_trained_model
from scorer.research.featurize import FeaturizedSet, featurize_rows
from scorer.research.fit import choose_threshold
from scorer.research.readers import LEAD_OF, LabelledRow, LabelledSetError, data_digest, read_labelled, restore_paragraphs
from scorer.research.screening import LEAD_MAX_WORDS, article_leads, screen_for_training, verbatim_copies, with_leads
from scorer.research.training import train
from scorer.model.folds import grouped_folds

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "training_data" / "examples.jsonl"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- readers


def test_examples_set_is_balanced_and_grouped():
    rows = read_labelled([EXAMPLES])
    assert len(rows) >= 30
    assert {row.label for row in rows} == {"ok", "low_quality"}
    assert sum(row.target for row in rows) == len(rows) // 2
    groups = {}
    for row in rows:
        groups.setdefault(row.group, set()).add(row.label)
    # Every story comes with its rewrite.
    assert all(labels == {"ok", "low_quality"} for labels in groups.values())
    assert any(row.date is not None for row in rows) and any(row.date is None for row in rows)
    assert rows[0].meta["kind"] == "reported"


def test_jsonl_columns_positive_and_metadata(tmp_path):
    path = write(
        tmp_path / "set.jsonl",
        json.dumps({"text": "A story.", "label": "human", "date": "2024-01-02", "url": "https://x.test/a", "pair_id": "p1", "generator": "none"}) + "\n"
        + "\n"
        + json.dumps({"html": "<html><body><p>Hi</p></body></html>", "label": "machine", "pair_id": "p1"}) + "\n",
    )
    rows = read_labelled([path], positive=["machine"], columns={"group": "pair_id"})
    assert [row.target for row in rows] == [0, 1]
    assert rows[0].group == rows[1].group == "p1"
    assert rows[0].date.isoformat() == "2024-01-02" and rows[0].url == "https://x.test/a"
    assert rows[0].meta == {"generator": "none"}
    assert rows[1].is_html and not rows[0].is_html
    assert rows[1].where.endswith("set.jsonl:3")


def test_csv_and_folder_sets(tmp_path):
    csv_path = write(tmp_path / "set.csv", 'text,label,group\n"Line one.\nLine two.",ok,g1\nPadded text.,low_quality,g1\n')
    rows = read_labelled([csv_path])
    assert [r.label for r in rows] == ["ok", "low_quality"]
    assert rows[1].where.endswith("set.csv:4")
    folder = tmp_path / "folder"
    (folder / "ok").mkdir(parents=True)
    (folder / "low_quality").mkdir()
    write(folder / "ok" / "story-1.txt", "A reported story.")
    write(folder / "low_quality" / "story-1.rewrite.txt", "A padded rewrite.")
    write(folder / "low_quality" / "notes.bin", "ignored")
    rows = read_labelled([folder])
    assert sorted(r.label for r in rows) == ["low_quality", "ok"]
    assert len({r.group for r in rows}) == 1


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"text": "x"}', "set.jsonl:2: missing label"),
        ('{"text": "x", "label": ""}', "set.jsonl:2: missing label"),
        ('{"text": "x", "label": "okay"}', "set.jsonl:2: unknown label 'okay'"),
        ('{"text": "   ", "label": "ok"}', "set.jsonl:2: empty text"),
        ('{"label": "ok"}', "set.jsonl:2: no 'text' or 'html' column"),
        ('{"text": "x", "label": "ok", "date": "last week"}', "set.jsonl:2: date 'last week'"),
        ("{not json", "set.jsonl:2: not valid JSON"),
        ("[1, 2]", "set.jsonl:2: expected a JSON object"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path, line, message):
    path = write(tmp_path / "set.jsonl", '{"text": "fine", "label": "ok"}\n' + line + "\n")
    with pytest.raises(LabelledSetError, match="^" + str(tmp_path).replace("\\", "\\\\") + ".*" + message.replace("(", r"\(")):
        read_labelled([path], positive=["low_quality"], negative=["ok"])


def test_unknown_label_only_with_negative_list(tmp_path):
    path = write(tmp_path / "set.jsonl", '{"text": "a", "label": "human"}\n{"text": "b", "label": "machine"}\n')
    assert [r.target for r in read_labelled([path], positive=["machine"])] == [0, 1]
    with pytest.raises(LabelledSetError, match="set.jsonl:1: unknown label 'human'"):
        read_labelled([path], positive=["machine"], negative=["ok"])


def test_bad_paths(tmp_path):
    with pytest.raises(LabelledSetError, match="no such file"):
        read_labelled([tmp_path / "nope.jsonl"])
    with pytest.raises(LabelledSetError, match="not a labelled set"):
        read_labelled([write(tmp_path / "x.parquet", "")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(LabelledSetError, match="one sub-folder per label"):
        read_labelled([tmp_path / "empty"])


def test_restore_paragraphs_only_for_single_line_text():
    assert restore_paragraphs("First para.  Second para.   Third.") == "First para.\nSecond para.\nThird."
    assert restore_paragraphs("Has\nlines.  Keep spaces.") == "Has\nlines.  Keep spaces."


def test_the_stored_threshold_never_flags_more_ok_articles_than_the_target():
    # 100 ok articles whose scores need more than 4 decimals: rounding the threshold down lets one more through.
    ok = 0.6 + np.arange(100) * 0.00123456
    y = np.r_[np.zeros(100, dtype=int), np.ones(5, dtype=int)]
    p = np.r_[ok, np.full(5, 0.99)]
    for target in (0.01, 0.03, 0.05):
        threshold = choose_threshold(y, p, target)
        assert threshold == round(threshold, 4)
        assert (ok >= threshold).mean() <= target


def test_grouped_folds_never_split_a_group():
    y = np.array([0, 1] * 20)
    groups = np.repeat(np.arange(20), 2).astype(str)
    folds = grouped_folds(y, groups, 5, seed=0)
    assert len(folds) == 5
    for train_idx, test_idx in folds:
        assert not set(groups[train_idx]) & set(groups[test_idx])
    with pytest.raises(ValueError, match="at least 2 groups"):
        grouped_folds(np.array([0, 1]), np.array(["a", "b"]), 5, seed=0)


def test_digest_changes_with_labels():
    rows = read_labelled([EXAMPLES])
    flipped = read_labelled([EXAMPLES], positive=["ok"])
    assert data_digest(rows) == data_digest(read_labelled([EXAMPLES]))
    assert data_digest(rows) != data_digest(flipped[::-1])


# ---------------------------------------------------------------- training end to end


@pytest.fixture
def tiny_model(trained_model):
    """The session's model (conftest.py): default options, trained once."""
    return trained_model.out, trained_model.result


#: Options the session model does not use, in one small run (3 folds, no leads): each test below checks one of them.
OPTIONS = dict(seed=0, n_splits=3, wording=2000, across_sources=True, template_evidence=False, directed=True, leads=False)


@pytest.fixture(scope="module")
def options_model(tmp_path_factory, examples_set, feature_cache):
    out = tmp_path_factory.mktemp("options") / "w"
    return out, train([examples_set], out, cache_dir=str(feature_cache), **OPTIONS)


def test_train_writes_a_loadable_model_with_metadata(tiny_model):
    out, result = tiny_model
    assert {p.name for p in out.iterdir()} >= {"model.joblib", "metadata.json", "metrics.json"}
    meta = json.loads((out / "metadata.json").read_text())
    assert meta["training_data"]["articles"] == 36 and meta["training_data"]["groups"] == 18
    assert len(meta["training_data"]["digest"]) == 64
    assert meta["libraries"]["scikit-learn"]
    assert "style" in meta["feature_versions"]
    assert all("." in name for name in meta["features"])
    assert set(meta["reference"]["features"]) == set(meta["features"])
    assert meta["evidence"]["feature"] == "padding.seo_block_word_share" and meta["evidence"]["log_odds_per_unit"] > 0
    # The example set is easy; the grouped CV must say so.
    assert result.cv["roc_auc"] >= 0.9
    model = load_trained_model(out)
    assert isinstance(model, TrainedModel) and model.threshold == 0.5 and model.name == "tiny"
    assert meta["training_data"]["files"] == ["examples.jsonl"]


@pytest.mark.slow
def test_training_is_deterministic(options_model, examples_set, feature_cache, tmp_path):
    out, result = options_model
    again = train([examples_set], tmp_path / "again", cache_dir=str(feature_cache), **OPTIONS)
    np.testing.assert_allclose(again.oof, result.oof)
    assert {k: v for k, v in again.metadata.items() if k != "name"} == {k: v for k, v in result.metadata.items() if k != "name"}


def test_trained_model_scores_and_explains(tiny_model):
    from scorer.pipeline import article_from_text, score_article

    out, _ = tiny_model
    model = load_trained_model(out)
    rows = read_labelled([EXAMPLES])
    reported, rewrite = rows[0], rows[1]
    good = score_article(article_from_text(reported.content, config=reported.config()), model=model)
    bad = score_article(article_from_text(rewrite.content, config=rewrite.config()), model=model)
    assert good.score > bad.score
    assert bad.label == "low_quality" and good.label == "ok"
    moved = [r for r in bad.reasons if r.kind != "note"]  # notes ("style only") move nothing
    assert moved and moved[0].effect < 0
    assert any("%" in r.message for r in bad.reasons)
    assert all(r.feature in model.feature_names for r in moved)


def test_incompatible_model_is_refused(tiny_model, tmp_path):
    import shutil

    out, _ = tiny_model
    broken = tmp_path / "broken"
    shutil.copytree(out, broken)
    meta = json.loads((broken / "metadata.json").read_text())
    meta["feature_versions"]["style"] = "0-old"
    (broken / "metadata.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="style features version 0-old"):
        load_trained_model(broken)
    meta["feature_versions"]["style"] = json.loads((out / "metadata.json").read_text())["feature_versions"]["style"]
    meta["features"] = meta["features"] + ["style.no_such_feature"]
    (broken / "metadata.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="does not compute.*style.no_such_feature"):
        load_trained_model(broken)
    with pytest.raises(ModelError, match="not a scorer model directory"):
        load_trained_model(tmp_path)


def test_training_needs_both_labels(tmp_path):
    path = write(tmp_path / "one.jsonl", "".join(json.dumps({"text": f"Story {i}. It rained.", "label": "ok", "group": str(i)}) + "\n" for i in range(6)))
    with pytest.raises(LabelledSetError, match="need both low_quality and ok"):
        train([path], tmp_path / "m")


def test_a_class_lost_to_the_screen_is_named_in_the_error(tmp_path):
    # Both labels are given, but every low_quality text is too short to learn from: the error
    # must name both labels and say what the screen left out, not "labels found: ok".
    long_ok = "The council voted 7-2 on Tuesday to approve a $4 million budget for the library, the clerk said. " * 2
    rows = [{"text": long_ok, "label": "ok", "group": f"o{i}"} for i in range(3)]
    rows += [{"text": "Short machine text.", "label": "low_quality", "group": f"m{i}"} for i in range(3)]
    path = write(tmp_path / "mixed.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(LabelledSetError, match=r"labels found: low_quality, ok .*left out: 3 under 20 words"):
        train([path], tmp_path / "m")


def test_calibration_across_sources_scores_each_set_with_a_model_that_never_saw_it():
    from scorer.model.classifier import MAX_SOURCES, GroupCalibratedClassifier

    y = np.array([0, 1] * 10)
    groups = np.repeat(np.arange(10), 2).astype(str)
    sources = np.array(["a.jsonl"] * 12 + ["b.jsonl"] * 8)
    folds = GroupCalibratedClassifier(across_sources=True)._oof_folds(y, groups, sources)
    assert [(sorted(set(sources[tr])), sorted(set(sources[te]))) for tr, te in folds] == [(["b.jsonl"], ["a.jsonl"]), (["a.jsonl"], ["b.jsonl"])]
    # One source, or one per row (a folder of files is not a set of sources): grouped folds as usual.
    for degenerate in (np.array(["a"] * 20), np.arange(20).astype(str)):
        folds = GroupCalibratedClassifier(across_sources=True, n_splits=5)._oof_folds(y, groups, degenerate)
        assert len(folds) == 5 and 20 > MAX_SOURCES
    assert len(GroupCalibratedClassifier(n_splits=5)._oof_folds(y, groups, sources)) == 5


def test_wording_across_sources_and_no_template_evidence_are_recorded_in_the_model(options_model):
    out, result = options_model
    meta = result.metadata
    assert meta["evidence"] is None and load_trained_model(out).evidence is None
    assert meta["featurizer"]["wording"] == 2000
    assert "vocabulary.machine_wording_score" in meta["features"]
    assert meta["model"]["calibration_scores"].startswith("out-of-source")
    assert meta["model"]["cv_folds"] == 3 and result.cv["folds"] == 3
    assert "vocabulary.machine_wording_score" in meta["reference"]["features"]


def test_directed_training_keeps_known_signals_the_right_way(options_model):
    from scorer.model.directions import signs_for

    out, result = options_model
    assert result.metadata["model"]["feature_directions"].startswith("constrained")
    model = load_trained_model(out)
    calibrated = model.pipeline.named_steps["classifier"]
    weights = calibrated.estimator_.coef_[0]
    signs = np.asarray(signs_for(model.feature_names))
    assert calibrated.signs_ == list(signs)
    assert np.all(weights * signs >= 0)


# ---------------------------------------------------------------- screening the training rows

FERRY = (
    "The port authority will inspect every passenger ferry twice a month from April, after an engine fire forced "
    "212 passengers off the Northbank ferry on Saturday. The operator said the fire started in a fuel line that had "
    "been replaced in January, and that the ferry would stay in dock until the investigation is finished."
)
FERRY_REWRITE = (
    "Ferry safety is in the spotlight. In today's world, experts say inspections play a vital role in keeping "
    "passengers safe, and officials have promised more checks after a recent incident on the water this weekend."
)


def _row(where: str, text: str, target: int, group: str) -> LabelledRow:
    return LabelledRow(where, text, False, "low_quality" if target else "ok", target, group)


def _set(rows: list[LabelledRow]) -> FeaturizedSet:
    return FeaturizedSet(rows, [{} for _ in rows], [row.content for row in rows], [])


def test_a_rewrite_that_copies_its_original_is_found_within_its_group_only():
    copy = " ".join(FERRY.split()[:30]) + " More soon."
    rows = [
        _row("s:1", FERRY, 0, "ferry"),
        _row("s:2", copy, 1, "ferry"),  # mostly the original's words in order: a failed rewrite
        _row("s:3", FERRY_REWRITE, 1, "ferry"),  # a real rewrite: new wording
        _row("s:4", copy, 1, "other-story"),  # the same text, but no ok article of its group to copy
        _row("s:5", FERRY, 0, "ferry-2"),  # an ok row is never a copy
    ]
    assert verbatim_copies(rows, [r.content for r in rows]) == [1]


def test_screening_leaves_out_short_texts_and_copies_with_their_reason():
    rows = [
        _row("s:1", FERRY, 0, "ferry"),
        _row("s:2", FERRY, 1, "ferry"),
        _row("s:3", FERRY_REWRITE, 1, "ferry"),
        _row("s:4", "Breaking: ferry fire, more soon.", 1, "brief"),
    ]
    kept, left_out = screen_for_training(_set(rows))
    assert [row.where for row in kept.rows] == ["s:1", "s:3"] and kept.texts == [FERRY, FERRY_REWRITE]
    assert [(row.where, kind) for row, kind, _ in left_out] == [("s:2", "copy"), ("s:4", "too_short")]
    assert "fewer than 20" in left_out[1][2] and "ferry" in left_out[0][2]
    assert len(screen_for_training(_set(rows), min_words=3)[1]) == 1


# ---------------------------------------------------------------- leads


def _long_article(n_sentences: int, topic: str) -> str:
    # Sentences of 10-14 words, numbered so a lead's position in its article can be checked.
    sentences = [f"Sentence {i} says the {topic} council met again on day {i} to talk about {'more ' * (i % 5)}budgets." for i in range(n_sentences)]
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, n_sentences, 3))


def test_leads_are_openings_of_long_articles_cut_at_a_sentence_end():
    from scorer.pipeline import MIN_WORDS
    from scorer.core.text import word_count

    rows = [_row(f"s:{i}", _long_article(40, f"t{i}"), i % 2, f"g{i}") for i in range(30)]
    rows.append(_row("s:short", "Too short to give a lead: under forty words in all.", 1, "g-short"))
    featurized = _set(rows)
    leads = article_leads(featurized, seed=0)
    assert 20 <= len(leads) <= 30  # a 400-word article gives a lead unless the drawn length passes 200
    for lead in leads:
        source = next(r for r in rows if r.where == lead.meta[LEAD_OF])
        assert source.content.startswith(lead.content) and lead.content.endswith("budgets.")
        assert MIN_WORDS <= word_count(lead.content) <= word_count(source.content) // 2 + 15
        assert (lead.target, lead.label, lead.group, lead.is_html) == (source.target, source.label, source.group, False)
    assert "s:short" not in {lead.meta[LEAD_OF] for lead in leads}
    unpunctuated = _row("s:flat", " ".join(["word"] * 500), 0, "g-flat")
    assert article_leads(_set([unpunctuated]), seed=0) == []
    # Lengths spread over the range, not all the same cut.
    lengths = sorted(word_count(lead.content) for lead in leads)
    assert lengths[0] < 60 and lengths[-1] > 100
    assert article_leads(featurized, seed=0) == leads
    assert article_leads(featurized, seed=1) != leads
    assert LEAD_MAX_WORDS == 200


def test_with_leads_marks_them_apart_from_the_articles(tmp_path):
    rows = [_row(f"s:{i}", _long_article(40, f"t{i}"), i % 2, f"g{i}") for i in range(6)]
    featurized = featurize_rows(rows)
    joined = with_leads(featurized, seed=0)
    assert joined.rows[: len(rows)] == featurized.rows
    assert joined.articles.tolist() == [True] * len(rows) + [False] * (len(joined.rows) - len(rows))
    assert len(joined.rows) > len(rows) and len(joined.features) == len(joined.texts) == len(joined.rows)
    # A lead's features are its own: shorter text, fewer words.
    assert joined.features[len(rows)] != joined.features[0]


def test_training_reports_articles_and_learns_from_leads_too(tiny_model, options_model):
    out, result = tiny_model
    meta = json.loads((out / "metadata.json").read_text())
    assert meta["training_data"]["leads"] > 0 and "opening" in meta["model"]["leads"]
    # Leads are training material: the cross-validation and its out-of-fold scores are of the articles only.
    assert result.cv["n"] == meta["training_data"]["articles"] == len(result.oof) == 36
    _, plain = options_model  # leads=False
    assert plain.metadata["training_data"]["leads"] == 0 and plain.metadata["model"]["leads"] == "none"
    assert plain.metadata["training_data"]["digest"] == meta["training_data"]["digest"]
