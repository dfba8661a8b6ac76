"""Layout and length variants (scorer.research.augment): the transforms, the training copies, and the
shipped model's invariance on human-written fixture articles (written for these tests)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorer.research.augment import CUT_WORDS, TRANSFORMS, first_words, flattened, layout_copies, normalised_whitespace, without_breaks
from scorer.research.featurize import FeaturizedSet
from scorer.research.readers import LEAD_OF, VARIANT_OF, LabelledRow

HUMAN_NEWS = sorted((Path(__file__).parent / "fixtures" / "human_news").glob("*.txt"))

TEXT = "## A heading\nFirst paragraph, with  two   spaces.\n\n  Second paragraph here.\nThird one ends."


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_without_breaks_keeps_every_word_in_order_on_one_line():
    flat = without_breaks(TEXT)
    assert "\n" not in flat
    assert _words(flat) == _words(TEXT)
    assert "##" not in flat  # an extracted heading's mark is not text


def test_first_words_is_a_prefix_of_that_many_words_with_its_breaks():
    text = "\n\n".join(" ".join(f"w{p}x{i}" for i in range(40)) for p in range(10))  # 400 words, 10 paragraphs
    cut = first_words(text, CUT_WORDS)
    assert text.startswith(cut)
    assert len(cut.split()) == CUT_WORDS
    assert "\n\n" in cut
    assert first_words("only five words in here", CUT_WORDS) == "only five words in here"


def test_normalised_whitespace_is_idempotent_and_keeps_words():
    once = normalised_whitespace(TEXT)
    assert normalised_whitespace(once) == once
    assert "  " not in once and "\n\n" not in once
    assert _words(once) == _words(TEXT)


def _set(rows: list[tuple[str, int, str]]) -> FeaturizedSet:
    labelled = [LabelledRow(f"f:{i}", text, False, "low_quality" if target else "ok", target, group) for i, (text, target, group) in enumerate(rows)]
    return FeaturizedSet(labelled, [{} for _ in labelled], [r.content for r in labelled], [])


def _article(paragraphs: int, words: int) -> str:
    return "\n".join(" ".join(["word"] * (words // paragraphs)) + "." for _ in range(paragraphs))


def test_layout_copies_come_alike_for_both_classes_and_keep_label_and_group():
    long_text = _article(6, 300)
    fs = _set([(long_text, 0, "g1"), (long_text, 1, "g2"), (_article(1, 60), 1, "g3")])
    copies = layout_copies(fs, seed=0)
    by_origin: dict[str, list[LabelledRow]] = {}
    for copy in copies:
        by_origin.setdefault(copy.meta[VARIANT_OF], []).append(copy)
    # Same text, either label: the same kinds of copy (which cut keeps its breaks is drawn per row).
    assert sorted(c.meta["variant"] for c in by_origin["f:0"]) == sorted(c.meta["variant"] for c in by_origin["f:1"]) == ["first_words", "no_breaks"]
    assert "f:2" not in by_origin  # one paragraph, shorter than 1.5 cuts: nothing to vary
    for copy in copies:
        original = fs.rows[int(copy.meta[VARIANT_OF].split(":")[1])]
        assert (copy.group, copy.label, copy.target) == (original.group, original.label, original.target)
        assert not copy.is_html
    joined = FeaturizedSet.joined(fs, _set([]))
    joined.rows += copies
    assert joined.articles.tolist() == [True] * 3 + [False] * len(copies)


def test_layout_copies_skip_leads_and_are_seeded():
    long_text = _article(6, 300)
    fs = _set([(long_text, 0, "g1")])
    fs.rows[0] = LabelledRow("f:0 (lead)", long_text, False, "ok", 0, "g1", meta={LEAD_OF: "f:0"})
    assert layout_copies(fs) == []
    fs = _set([(long_text, 0, "g1")] * 20)
    assert layout_copies(fs, seed=3) == layout_copies(fs, seed=3)


@pytest.fixture(scope="module")
def model():
    from scorer.model.loading import default_model_dir, load_model

    if default_model_dir() is None:
        pytest.skip("no trained model is shipped in models/default")
    return load_model()


@pytest.mark.parametrize("path", HUMAN_NEWS, ids=lambda p: p.stem)
def test_a_reported_article_keeps_its_label_under_every_layout_transform(model, path):
    from scorer.core.config import Config
    from scorer.pipeline import article_from_text, score_article

    text = path.read_text(encoding="utf-8")
    labels = {name: score_article(article_from_text(transform(text), config=Config()), Config(), model).label for name, transform in TRANSFORMS.items()}
    assert labels["original"] == "ok", labels
    assert set(labels.values()) == {"ok"}, labels


def test_the_training_spec_records_the_layout_option():
    from scorer.research.spec import SpecError, TrainSpec

    assert TrainSpec().screening.layout == "copies" and str(CUT_WORDS) in TrainSpec().as_dict()["model"]["layout"]
    assert "paragraph breaks removed" in TrainSpec.from_options(layout="flatten").as_dict()["model"]["layout"]
    assert TrainSpec.from_options(layout="none").as_dict()["model"]["layout"] == "as read"
    with pytest.raises(SpecError, match="layout"):
        TrainSpec.from_options(layout="sideways")


def test_flattened_takes_the_breaks_out_of_a_seeded_half_of_both_classes_and_adds_no_row():
    multi = _article(4, 200)
    fs = _set([(multi, i % 2, f"g{i}") for i in range(40)] + [(_article(1, 60), 0, "single")])
    out = flattened(fs, seed=0)
    assert len(out.rows) == len(fs.rows) and out.articles.all()
    flat = [i for i, row in enumerate(out.rows) if row.meta.get("layout") == "no_breaks"]
    assert 10 <= len(flat) <= 30
    assert {out.rows[i].target for i in flat} == {0, 1}
    for i in flat:
        assert "\n" not in out.texts[i] and out.rows[i].group == fs.rows[i].group and out.rows[i].target == fs.rows[i].target
    assert out.rows[-1] is fs.rows[-1]  # one paragraph already: as read
    assert [r.meta.get("layout") for r in flattened(fs, seed=0).rows] == [r.meta.get("layout") for r in out.rows]
