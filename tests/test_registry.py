"""The registry of signal families: what each family declares is what it computes."""
from __future__ import annotations

import datetime as dt

import pytest

from scorer.core.config import Config
from scorer.core.document import SignalResult
from scorer.ingest.segment import build_article
from scorer.model.featurizer import declared_feature_names, extract_features
from scorer.signals import FAMILIES, REGISTRY, analyze_all
from scorer.signals.registry import ENTRY_POINT_GROUP, FamilySpec, FeatureSpec, Registry, feature_specs, may_declare_plugins

ARTICLES = {
    "reported": "Council votes again\nThe council said on Monday it would vote again. “We will decide soon,” the mayor, Ann Cole, said.",
    "padded": "## Key Points\n- Experts say it matters.\n## FAQ\nWhat happened?\nMany believe it is a pivotal moment. Former President Joe Biden spoke.",
    "empty-ish": "Hi.",
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
@pytest.mark.parametrize("spec", list(REGISTRY), ids=lambda spec: spec.name)
def test_declared_features_are_the_computed_ones_in_order(spec, name):
    for source in ("option", "today"):
        article = build_article(ARTICLES[name], date=dt.date(2026, 1, 22), date_source=source)
        result = spec.analyze(article, Config(today=dt.date(2026, 1, 22)))
        assert list(result.features) == list(spec.feature_names())
        assert {f.kind for f in result.findings} <= set(spec.finding_kinds), spec.name


def test_feature_names_come_from_the_registry_not_a_probe():
    article = build_article(ARTICLES["padded"], date=dt.date(2026, 1, 22), date_source="option")
    computed = [name for name in extract_features(article, families=FAMILIES) if not name.startswith("_meta.")]
    assert computed == declared_feature_names(FAMILIES, True)


def test_output_order_is_the_contract_order():
    assert REGISTRY.output_families() == FAMILIES == (
        "padding", "attribution", "generalities", "anachronism", "boilerplate", "readability", "page"
    )
    assert not REGISTRY.get("style").in_output
    assert [spec.name for spec in REGISTRY if spec.date_dependent] == ["anachronism"]


def test_a_family_from_another_package_joins_through_the_registry(monkeypatch):
    def analyze(article, config=None):
        return SignalResult("corrections", {"notices": float("correction" in article.text.lower())})

    spec = FamilySpec("corrections", "1", analyze, (FeatureSpec("notices", "{value:.0f} correction notices"),), finding_kinds=())
    monkeypatch.setattr(REGISTRY, "_families", {**REGISTRY._families})
    REGISTRY.register(spec)
    article = build_article("Correction: an earlier version misspelled a name.", date=dt.date(2026, 1, 22), date_source="option")
    assert analyze_all(article)["corrections"].features == {"notices": 1.0}
    assert "corrections" in REGISTRY and REGISTRY.get("corrections").description("notices")


def test_entry_points_are_loaded_once_and_a_broken_one_is_skipped(monkeypatch, caplog):
    class Point:
        value = "broken.module:SPEC"

        def load(self):
            raise ImportError("no module named broken")

    registry = Registry()
    calls = []
    monkeypatch.setattr("scorer.signals.registry.plugin_entry_points", lambda: calls.append(ENTRY_POINT_GROUP) or [Point()])
    assert list(registry) == []
    assert list(registry) == []
    assert calls == ["scorer.signals"]
    assert "not loaded" in caplog.text


def _distribution(folder, name, entry_points=None):
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)


def test_the_quick_plugin_look_finds_what_importlib_metadata_finds(tmp_path):
    from importlib.metadata import distributions

    site = tmp_path / "site"
    _distribution(site, "plain")
    _distribution(site, "tool", "[console_scripts]\ntool = tool:main\n")
    assert may_declare_plugins([str(site)]) is False
    found = [ep for d in distributions(path=[str(site)]) for ep in d.entry_points if ep.group == ENTRY_POINT_GROUP]
    assert found == []
    _distribution(site, "newsroom", f"[{ENTRY_POINT_GROUP}]\ncorrections = newsroom.corrections:SPEC\n")
    assert may_declare_plugins([str(site)]) is True
    found = [ep.value for d in distributions(path=[str(site)]) for ep in d.entry_points if ep.group == ENTRY_POINT_GROUP]
    assert found == ["newsroom.corrections:SPEC"]


def test_the_quick_plugin_look_defers_to_importlib_metadata_for_what_it_cannot_read(tmp_path):
    (tmp_path / "packages.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    assert may_declare_plugins([str(tmp_path / "packages.zip")]) is True
    (tmp_path / "site" / "old.egg").mkdir(parents=True)
    assert may_declare_plugins([str(tmp_path / "site")]) is True
    assert may_declare_plugins([str(tmp_path / "missing")]) is False


def test_the_quick_plugin_look_agrees_with_importlib_metadata_here():
    from importlib.metadata import entry_points

    if not may_declare_plugins():
        assert list(entry_points(group=ENTRY_POINT_GROUP)) == []


def test_registry_refuses_bad_declarations():
    registry = Registry()
    spec = FamilySpec("x", "1", lambda article, config: None, (FeatureSpec("a"),))
    registry.register(spec)
    with pytest.raises(ValueError, match="already registered"):
        registry.register(FamilySpec("x", "1", lambda article, config: None, (FeatureSpec("a"),)))
    with pytest.raises(ValueError, match="no features"):
        registry.register(FamilySpec("y", "1", lambda article, config: None, ()))
    with pytest.raises(TypeError):
        registry.register("padding")
    with pytest.raises(ValueError, match="coverage"):
        feature_specs(("a",), {}, ("b",))
    with pytest.raises(KeyError, match="known"):
        registry.get("nope")
