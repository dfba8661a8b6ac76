"""Quality-gate tests reuse the benchmark scripts (one definition of each metric) and their pinned floors."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load_benchmark(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` as a module (the scripts are not a package)."""
    spec = importlib.util.spec_from_file_location(f"scorer_benchmark_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def quality_floors(section: str) -> dict[str, Any]:
    """One section of ``benchmarks/quality_floors.json``."""
    return json.loads((BENCHMARKS / "quality_floors.json").read_text(encoding="utf-8"))[section]
