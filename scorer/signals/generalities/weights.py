"""Learned cue weights: read from package data, a default when the file is missing."""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from importlib import resources
from typing import Iterable, Mapping

logger = logging.getLogger("scorer.signals.generalities")
logger.addHandler(logging.NullHandler())

WEIGHTS_FILE = "generalities_cue_weights"


@dataclass(frozen=True)
class Weights:
    """Learned cue weights: ``bias`` plus one weight per cue key; ``defaults`` per kind for unlisted cues."""

    bias: float
    cues: Mapping[str, float]
    defaults: Mapping[str, float]

    def of(self, key: str, kind: str) -> float:
        value = self.cues.get(key)
        return self.defaults.get(kind, 0.0) if value is None else value


def parse_weights(lines: Iterable[str]) -> Weights:
    """Lines ``<weight> <key>``; keys ``(bias)`` and ``(default <kind>)`` are special; ``#`` comments."""
    bias = 0.0
    cues: dict[str, float] = {}
    defaults: dict[str, float] = {}
    for number, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        value, _, key = line.partition(" ")
        try:
            weight = float(value)
        except ValueError:
            raise ValueError(f"{WEIGHTS_FILE}.txt line {number}: expected '<weight> <cue>', got {line!r}") from None
        key = key.strip()
        if key == "(bias)":
            bias = weight
        elif key.startswith("(default ") and key.endswith(")"):
            defaults[key[len("(default "):-1].strip()] = weight
        else:
            cues[key] = weight
    return Weights(bias, cues, defaults)


@functools.lru_cache(maxsize=1)
def load_weights() -> Weights:
    path = resources.files("scorer.knowledge").joinpath("lexicons", f"{WEIGHTS_FILE}.txt")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        # Without learned weights every cue counts on its own (bias just below one cue).
        logger.warning("%s.txt not found: every generalities cue counts on its own", WEIGHTS_FILE)
        return Weights(-0.5, {}, {"vague_attribution": 1.0, "hedge": 1.0, "sweeping": 1.0})
    return parse_weights(text.splitlines())
