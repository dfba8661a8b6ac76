"""Per-source estimates on synthetic rows: shrinkage, intervals, criteria, syndication, blending."""
import numpy as np
import pytest

from scorer.sources import open_store
from scorer.sources.estimate import BASELINE, ContentWeights, EstimateOptions, Rating, blend, estimate_sources, shrink_means
from scorer.sources.ratings import import_ratings

from sources_helpers import synthetic_row


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "s.db") as s:
        yield s


def _fill(store, spec, seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for source, (n, centre) in spec.items():
        rows += [synthetic_row(source, i, float(rng.normal(centre, 1.0))) for i in range(n)]
    store.add_rows(rows)


def _by_source(store, weights=BASELINE, **options):
    opts = EstimateOptions(weights=weights, **options)
    return {s.source: s for s in estimate_sources(store, opts).sources}


def test_small_sources_are_not_rated_and_large_ones_are(store):
    _fill(store, {f"s{i}.com": (30, c) for i, c in enumerate(np.linspace(-2, 2, 9))} | {"tiny.com": (3, 4.0)})
    est = _by_source(store)
    assert not est["tiny.com"].rated and est["tiny.com"].score is None
    assert est["s0.com"].rated and est["s0.com"].low <= est["s0.com"].score <= est["s0.com"].high
    assert est["s8.com"].score > est["s0.com"].score


def test_few_articles_are_shrunk_toward_the_population():
    mean = np.array([0.0, 0.0, 0.0, 3.0, 3.0])
    n = np.array([50.0, 50.0, 50.0, 50.0, 3.0])
    mean2 = mean**2 + 1.0
    post, var, mu, tau2 = shrink_means(np.r_[mean, -1.0, 1.0, 0.5, -0.5], np.r_[mean2, 2.0, 2.0, 1.25, 1.25],
                                       np.r_[n, 50.0, 50.0, 50.0, 50.0], np.ones(9, bool), None)
    # same raw mean, fewer articles: pulled harder toward mu, with a wider interval
    assert abs(post[4] - mu) < abs(post[3] - mu)
    assert var[4] > var[3]


def test_criteria_shares_have_intervals(store):
    rows = [synthetic_row("a.com", i, 1.0, flags={"named_byline": i < 8}) for i in range(10)]
    rows += [synthetic_row(f"b{j}.com", i, 0.0, flags={"named_byline": i < 2}) for j in range(3) for i in range(10)]
    store.add_rows(rows)
    share = {c.criterion: c for c in _by_source(store)["a.com"].criteria}["named_byline"]
    assert share.count == 8 and share.share == 0.8
    assert share.low < share.estimate < share.high
    assert share.estimate < 0.8  # shrunk toward the others' 20%


def test_syndicated_copy_goes_to_the_earliest_source(store):
    store.add_rows([synthetic_row("republisher.com", 1, 0.0, date="2026-02-02", content_hash="same")])
    store.add_rows([synthetic_row("wire.com", 1, 0.0, date="2026-02-01", content_hash="same")])
    est = _by_source(store, min_articles=1)
    assert est["wire.com"].articles == 1 and est["wire.com"].syndicated == 0
    assert "republisher.com" not in est or est["republisher.com"].articles == 0
    assert store.count() == 1
    syndicated = store.conn.execute("SELECT COUNT(*) FROM copies WHERE source = 'republisher.com'").fetchone()[0]
    assert syndicated == 1


def test_syndicated_counted_for_the_republisher(store):
    store.add_rows([synthetic_row("wire.com", 1, 0.0, date="2026-02-01", content_hash="same"),
                    synthetic_row("wire.com", 2, 0.0, date="2026-02-01", content_hash="own-w")])
    store.add_rows([synthetic_row("republisher.com", 1, 0.0, date="2026-02-02", content_hash="same"),
                    synthetic_row("republisher.com", 2, 0.0, date="2026-02-02", content_hash="own-r")])
    est = _by_source(store, min_articles=1)
    assert est["republisher.com"].articles == 1 and est["republisher.com"].syndicated == 1
    assert est["wire.com"].articles == 2


def test_models_are_kept_apart_and_the_latest_is_the_default(store):
    store.add_rows([synthetic_row("a.com", i, 0.0, model="old@1") for i in range(6)])
    store.add_rows([synthetic_row("a.com", i, 2.0, model="new@2") for i in range(6)])
    assert store.count() == 12 and store.models() == ["old@1", "new@2"]
    assert _by_source(store)["a.com"].model == "new@2"
    assert _by_source(store, model="old@1")["a.com"].raw_mean == 50.0


# ---- blending (acceptance 3) --------------------------------------------------------------

def test_blend_with_no_articles_is_the_raters_value():
    b = blend(None, 0, [Rating("lin2023", 0.73, None, None)], k=5)
    assert b.value == 73.0 and b.prior_weight == 1.0 and b.raters == ("lin2023",)


def test_blend_prior_weight_falls_under_half_by_20_articles():
    rating = [Rating("r", 0.2, None, None)]
    weights = [blend(90.0, n, rating, k=5).prior_weight for n in (1, 5, 10, 20, 100)]
    assert weights == sorted(weights, reverse=True)
    assert weights[3] < 0.5


def test_blend_through_the_store(store, tmp_path):
    ratings = tmp_path / "r.csv"
    ratings.write_text("source,value,label\nnone-yet.com,0.4,mixed\nbig.com,0.1,low\n", encoding="utf-8")
    import_ratings(store, ratings, "testrater")
    _fill(store, {"big.com": (20, 3.0)} | {f"o{i}.com": (20, 0.0) for i in range(8)})
    assert not _by_source(store)["big.com"].disagreements  # the model's log-odds scale is not the rater's
    on_raters_scale = ContentWeights(name="unit", intercept=0.5, coefficients={"goodness": 0.1}, scale="unit")
    est = _by_source(store, weights=on_raters_scale)
    assert est["none-yet.com"].articles == 0 and est["none-yet.com"].blend.value == 40.0
    big = est["big.com"]
    assert big.blend.prior_weight < 0.5 and big.blend.raters == ("testrater",)
    assert big.ratings[0].rater == "testrater" and big.score != big.blend.value  # never silently merged
    assert any("testrater" in d for d in big.disagreements)  # 10 is far outside a high content interval


def test_a_lone_source_is_not_shrunk_toward_itself():
    from scorer.sources.estimate import shrink_shares

    mean, mean2, n = np.array([0.0]), np.array([9.0]), np.array([3.0])
    post, var, _, _ = shrink_means(mean, mean2, n, np.array([False]), None)
    assert post[0] == 0.0 and var[0] > 1.0  # three very different articles: a wide interval
    est, low, high = shrink_shares(np.array([0.0]), np.array([3.0]), np.array([False]), 0.9)
    assert low[0] < 0.01 and high[0] > 0.3  # 0 of 3 is no proof of 0%
