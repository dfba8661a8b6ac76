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

from scorer.core.limits import DEFAULT_TIME_LIMIT, MAX_ANALYSED_CHARS

#: Inputs larger than this are refused with a clear message instead of hanging the extractor.
DEFAULT_MAX_BYTES = 5_000_000
#: Article dates outside this range are refused: date arithmetic near the ends of the calendar overflows,
#: and no news article is dated there.
MIN_DATE = _dt.date(1800, 1, 1)
MAX_DATE = _dt.date(2200, 12, 31)


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
    # Characters of article text the signals and the model read; the rest is not read (and the output says so).
    max_chars: int = MAX_ANALYSED_CHARS
    # Seconds allowed per 10,000 words of an article (at least this much per article); 0 turns the limit off.
    time_limit: float = DEFAULT_TIME_LIMIT
    # Load a user's model (a pickle: loading it runs its code). Never read from a config file.
    trust_model: bool = False
    # Also report the findings of rules withheld for low judged precision (scorer/knowledge/findings_withheld.txt):
    # for research and re-judging. Scores, features and reasons are the same either way.
    all_findings: bool = False

    def __post_init__(self) -> None:
        # A TOML file can hold any type; a wrong one must be a one-line error, not a TypeError.
        for name in ("threshold", "prior"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                hint = " (--prior auto is for a batch on the command line)" if name == "prior" and value == "auto" else ""
                raise ValueError(f"{name} must be a number between 0 and 1, not {value!r}{hint}")
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be a positive whole number of bytes, not {self.max_bytes!r}")
        if isinstance(self.max_chars, bool) or not isinstance(self.max_chars, int) or self.max_chars <= 0:
            raise ValueError(f"max_chars must be a positive whole number of characters, not {self.max_chars!r}")
        if isinstance(self.time_limit, bool) or not isinstance(self.time_limit, (int, float)) or not 0 <= self.time_limit < 1e6:
            raise ValueError(f"time_limit must be a number of seconds (0 for none), not {self.time_limit!r}")
        for name in ("date", "today"):
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
                raise ValueError(f"{name} must be a date (YYYY-MM-DD), not {value!r}")
            if not MIN_DATE <= value <= MAX_DATE:
                raise ValueError(f"{name} {value.isoformat()} is outside the dates scorer handles ({MIN_DATE.isoformat()} to {MAX_DATE.isoformat()})")
        if not isinstance(self.all_findings, bool):
            raise ValueError(f"all_findings must be true or false, not {self.all_findings!r}")
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


#: What each setting of a config file may hold; numbers are checked by Config itself.
_FILE_TYPES: dict[str, tuple[type | tuple[type, ...], str]] = {
    "date": ((str, _dt.date), "a date (YYYY-MM-DD)"),
    "today": ((str, _dt.date), "a date (YYYY-MM-DD)"),
    "url": (str, "a string"),
    "model": (str, "a model directory"),
    "knowledge": (list, "a list of file paths"),
    "time_limit": ((int, float), "a number of seconds"),
}
#: Settings a config file may not hold: trusting a model is decided by whoever runs the command.
_NOT_IN_FILE = frozenset({"trust_model"})


def _wrong(name: str, value: Any) -> ValueError:
    return ValueError(f"{name} must be {_FILE_TYPES[name][1]}, not {value!r}")


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Defaults, then the ``[scorer]`` table of a TOML file, then ``overrides``."""
    config = Config()
    if path is not None:
        with open(path, "rb") as handle:
            data = tomllib.load(handle).get("scorer", {})
        if not isinstance(data, dict):
            raise ValueError("scorer must be a table of settings ([scorer])")
        known = {f.name for f in fields(Config)}
        unknown = (set(data) - known) | (set(data) & _NOT_IN_FILE)
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        for name, (types, _) in _FILE_TYPES.items():
            if name in data and (isinstance(data[name], bool) or not isinstance(data[name], types)):
                raise _wrong(name, data[name])
        for name in ("date", "today"):
            if isinstance(data.get(name), _dt.datetime):  # TOML has datetimes too; a date is meant
                raise _wrong(name, data[name].isoformat())
            if isinstance(data.get(name), str):
                try:
                    data[name] = _dt.date.fromisoformat(data[name])
                except ValueError:
                    raise _wrong(name, data[name]) from None
        if "knowledge" in data:
            if not all(isinstance(item, str) for item in data["knowledge"]):
                raise _wrong("knowledge", data["knowledge"])
            data["knowledge"] = tuple(data["knowledge"])
        config = replace(config, **data)
    return config.with_options(**overrides)


DEFAULT_CONFIG = Config()
