"""One configuration object, built in one place and handed to every stage.

Order of precedence: packaged defaults → an optional user TOML file → keyword
arguments (what the CLI or an API caller passes). The CLI's parsed options
never travel past ``cli.py``; they become a :class:`Config` there.
"""
from __future__ import annotations

import datetime as _dt
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

#: Inputs larger than this are refused with a clear message instead of hanging the extractor.
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Config:
    """Settings for one scoring run.

    ``date`` and ``url`` fill what a page lacks; ``today`` is the date assumed
    for undated articles (fixed in tests, the real date otherwise).
    """

    date: _dt.date | None = None
    url: str | None = None
    today: _dt.date | None = None
    model: str | None = None  # a model directory; None means the shipped default model
    threshold: float | None = None  # probability of low_quality above which the label is low_quality
    # Share of low_quality articles expected where you score; None keeps the model's own (0.5 for the shipped one).
    prior: float | None = None
    knowledge: tuple[str, ...] = ()  # extra knowledge-base files (office holders, events)
    max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        if self.prior is not None:
            check_prior(self.prior)
        if self.threshold is not None and not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"threshold must be between 0 and 1, not {self.threshold}")

    def resolved_today(self) -> _dt.date:
        return self.today or _dt.date.today()

    def with_options(self, **kwargs: Any) -> "Config":
        """A copy with the non-None keyword arguments applied."""
        return replace(self, **{k: v for k, v in kwargs.items() if v is not None})


def check_prior(prior: float, name: str = "prior") -> float:
    """``prior`` if it is a share of articles strictly between 0 and 1; ValueError otherwise."""
    if not 0.0 < prior < 1.0:
        raise ValueError(f"{name} must be a share strictly between 0 and 1, not {prior}")
    return prior


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Defaults, then the ``[scorer]`` table of a TOML file, then ``overrides``."""
    config = Config()
    if path is not None:
        with open(path, "rb") as handle:
            data = tomllib.load(handle).get("scorer", {})
        known = {f.name for f in fields(Config)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"{path}: unknown setting(s): {', '.join(sorted(unknown))}")
        if "date" in data and isinstance(data["date"], str):
            data["date"] = _dt.date.fromisoformat(data["date"])
        if "knowledge" in data:
            data["knowledge"] = tuple(data["knowledge"])
        config = replace(config, **data)
    return config.with_options(**overrides)


DEFAULT_CONFIG = Config()
