"""Signal families: each module declares a :class:`~scorer.signals.registry.FamilySpec` and
exposes ``analyze(article, config) -> SignalResult``.

Importing this package registers the built-in families, in the order of ``signals`` in the
output contract; families from other packages join through the ``scorer.signals`` entry
point (see :mod:`scorer.signals.registry`). Each family is independent and pure: same
article, same result.
"""
from __future__ import annotations

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, SignalResult
from scorer.knowledge.withheld import without_withheld
from scorer.signals.registry import REGISTRY, FamilySpec, FeatureSpec

# Imported for their registration, in output order (page reads boilerplate's counts).
from scorer.signals import padding, attribution, generalities, anachronism, boilerplate, readability, page  # noqa: E402,F401,I001
from scorer.signals import style  # noqa: E402,F401  (model-only features: not in the output's signals)

#: The built-in families shown in the output, in order (a model's default families come from these).
FAMILIES: tuple[str, ...] = tuple(spec.name for spec in (padding.SPEC, attribution.SPEC, generalities.SPEC, anachronism.SPEC, boilerplate.SPEC, readability.SPEC, page.SPEC))


def family(name: str) -> FamilySpec:
    """The registered family ``name`` (KeyError naming the known ones when there is none)."""
    return REGISTRY.get(name)


def analyze_all(article: Article, config: Config = DEFAULT_CONFIG) -> dict[str, SignalResult]:
    """Run every family shown in the output on ``article`` (built-in ones and plugins).

    The findings of rules editors judged wrong more often than right are left out unless
    ``config.all_findings`` (:mod:`scorer.knowledge.withheld`); features are the same either way."""
    results = {spec.name: spec.analyze(article, config) for spec in REGISTRY if spec.in_output}
    if config.all_findings:
        return results
    return {name: without_withheld(result) for name, result in results.items()}


__all__ = ["FAMILIES", "REGISTRY", "FamilySpec", "FeatureSpec", "analyze_all", "family"]
