"""Signal families: each module exposes ``analyze(article, config) -> SignalResult``.

The registry order is the order of ``signals`` in the output contract. Each
family is independent and pure: same article, same result.
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Callable

from scorer.core.config import DEFAULT_CONFIG, Config
from scorer.core.document import Article, SignalResult

#: Family name → module name inside ``scorer.signals``.
FAMILIES: tuple[str, ...] = (
    "padding",
    "attribution",
    "generalities",
    "anachronism",
    "boilerplate",
    "readability",
    "page",
)

Analyzer = Callable[[Article, Config], SignalResult]


def family_module(family: str) -> ModuleType:
    """The module of a signal family; ImportError when this installation has no such family."""
    return importlib.import_module(f"{__name__}.{family}")


def get_analyzer(family: str) -> Analyzer:
    return family_module(family).analyze


def analyze_all(article: Article, config: Config = DEFAULT_CONFIG) -> dict[str, SignalResult]:
    """Run every family on ``article``."""
    return {family: get_analyzer(family)(article, config) for family in FAMILIES}
