"""The registry of signal families: each family declares itself where it is defined.

A family is a :class:`FamilySpec`: its name, version, the features it computes (each with
a plain-words description, and whether it is coverage rather than evidence), the finding
kinds it emits, whether it appears in the output's ``signals`` and whether a model may use
it. Feature names come from here, never from scoring a probe article. The shape follows
spaCy's ``Language.factory(name, assigns=..., default_config=...)`` and Presidio's
recognizer registry.

A newsroom adds a family from its own package through an entry point::

    # pyproject.toml of the newsroom's package
    [project.entry-points."scorer.signals"]
    corrections = "newsroom_signals.corrections:SPEC"

where ``SPEC`` is a :class:`FamilySpec`. Entry points are loaded once, the first time the
registry is read, and only from packages installed in the environment (installing a
package is the user's choice to trust its code).
"""
from __future__ import annotations

import importlib.machinery
import logging
import os
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterator, Mapping, Sequence

from scorer.core.config import Config
from scorer.core.document import Article, SignalResult

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "scorer.signals"

Analyzer = Callable[[Article, Config], SignalResult]


@dataclass(frozen=True)
class FeatureSpec:
    """One named feature of a family.

    ``description`` is a ``str.format`` template with ``{value}`` (what an editor reads in a
    reason); ``coverage`` marks what a check looked at rather than evidence about the writing
    (shown in the signals, never a model feature).
    """

    name: str
    description: str = ""
    coverage: bool = False


@dataclass(frozen=True)
class FamilySpec:
    """A signal family as it declares itself."""

    name: str
    version: str
    analyze: Analyzer
    features: tuple[FeatureSpec, ...]
    finding_kinds: tuple[str, ...] = ()
    #: Shown in the output contract's ``signals`` (the stylometric features are model-only).
    in_output: bool = True
    #: Used by a model trained with default options (``page`` and ``boilerplate`` describe how a
    #: page was collected, not its writing: see :data:`scorer.model.classifier.DEFAULT_MODEL_FAMILIES`).
    in_model: bool = True
    #: Its values depend on the article's date (neutralised for a date that is only a guess).
    date_dependent: bool = False

    def feature_names(self, *, coverage: bool = True) -> tuple[str, ...]:
        return tuple(f.name for f in self.features if coverage or not f.coverage)

    def description(self, feature: str) -> str:
        for spec in self.features:
            if spec.name == feature:
                return spec.description
        return ""


def feature_specs(names: Sequence[str], descriptions: Mapping[str, str], coverage: Sequence[str] = ()) -> tuple[FeatureSpec, ...]:
    """Feature specs from a family's name list, description table and coverage names."""
    unknown = set(coverage) - set(names)
    if unknown:
        raise ValueError(f"coverage features not among the family's features: {sorted(unknown)}")
    return tuple(FeatureSpec(name, descriptions.get(name, ""), name in coverage) for name in names)


@dataclass
class Registry:
    """Families in registration order (the order of ``signals`` in the output)."""

    _families: dict[str, FamilySpec] = field(default_factory=dict)
    _plugins_loaded: bool = False

    def register(self, spec: FamilySpec) -> FamilySpec:
        if not isinstance(spec, FamilySpec):
            raise TypeError(f"a signal family must be a FamilySpec, not {type(spec).__name__}")
        if spec.name in self._families and self._families[spec.name] is not spec:
            raise ValueError(f"signal family {spec.name!r} is already registered")
        if not spec.features:
            raise ValueError(f"signal family {spec.name!r} declares no features")
        self._families[spec.name] = spec
        return spec

    def _load_plugins(self) -> None:
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        for point in plugin_entry_points():
            try:
                self.register(point.load())
            except Exception as exc:  # a broken plugin must not take the built-in families down with it
                logger.warning("signal family entry point %r not loaded: %s", point.value, exc)

    def __iter__(self) -> Iterator[FamilySpec]:
        self._load_plugins()
        return iter(list(self._families.values()))

    def __contains__(self, name: object) -> bool:
        self._load_plugins()
        return name in self._families

    def get(self, name: str) -> FamilySpec:
        """The family ``name``; KeyError naming the known ones when there is none."""
        self._load_plugins()
        try:
            return self._families[name]
        except KeyError:
            raise KeyError(f"no signal family {name!r} (known: {', '.join(self._families)})") from None

    def output_families(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self if spec.in_output)


def may_declare_plugins(path: Sequence[str] | None = None) -> bool:
    """False only when no installed distribution declares a ``scorer.signals`` entry point.

    A quick look where :mod:`importlib.metadata` finds distributions: the ``entry_points.txt`` of
    every ``*.dist-info`` / ``*.egg-info`` folder in the directories of ``sys.path``. Whatever that
    look cannot read answers True, so that the full lookup runs: a zip or an egg on the path, a
    finder other than the standard path finder that lists distributions of its own.
    """
    if any(hasattr(finder, "find_distributions") and finder is not importlib.machinery.PathFinder for finder in sys.meta_path):
        return True
    for entry in sys.path if path is None else path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return True  # a zip file: importlib.metadata looks inside
            continue
        if folder.lower().endswith(".egg"):
            return True
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            low = name.lower()
            if low.endswith(".egg"):
                return True
            if low.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8", errors="replace") as handle:
                        if ENTRY_POINT_GROUP in handle.read():
                            return True
                except OSError:
                    continue  # no entry points (or an egg-info file, which holds none)
    return False


def plugin_entry_points():
    """The installed ``scorer.signals`` entry points; none, without importing importlib.metadata,
    when no distribution declares any (:func:`may_declare_plugins`)."""
    if not may_declare_plugins():
        return ()
    # Plugins are optional: importlib.metadata, with the email package it parses metadata with
    # (~20 ms of a one-article command), is imported only when a distribution may declare one.
    from importlib.metadata import entry_points

    return entry_points(group=ENTRY_POINT_GROUP)


#: The one registry. Built-in families register when :mod:`scorer.signals` is imported.
REGISTRY = Registry()
register = REGISTRY.register
