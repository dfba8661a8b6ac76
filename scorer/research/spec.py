"""One frozen training spec: every option of ``scorer train``, built in one place.

``TrainSpec.from_options(**options)`` takes the command line's option names (``folds``,
``jobs``, ``keep_all``, ``no_leads``...) or the library's (``n_splits``, ``n_jobs``,
``screen``, ``leads``...); ``TrainSpec.from_toml(path)`` reads the same names from a
file (like ``trafilatura.settings.args_to_extractor``). A bad option is a
:class:`SpecError` whose one-line message names it. ``TrainSpec.as_dict()`` is what
the saved model's ``metadata.json`` records about how it was trained.

Example ``spec.toml``::

    data = ["llmfake.jsonl"]          # relative to the spec file
    positive = ["machine"]
    negative = ["human"]
    columns = { group = "pair_id" }
    classifier = "ensemble"
    wording = 100000
    across_sources = true
    folds = 5
    seed = 0
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping

from scorer.core.errors import ScorerError
from scorer.model.classifier import CLASSIFIERS, DEFAULT_MODEL_FAMILIES, ModelOptions
from scorer.pipeline import MIN_WORDS
from scorer.research.augment import CUT_WORDS, FLAT_SHARE
from scorer.research.fit import DEFAULT_TARGET_FPR
from scorer.research.readers import DEFAULT_POSITIVE, KNOWN_COLUMNS
from scorer.research.screening import COPY_SHARE, LEAD_MAX_WORDS
from scorer.signals import FAMILIES

CALIBRATIONS = ("sigmoid", "isotonic")
UNDATED = ("neutral", "keep")
LAYOUTS = ("flatten", "copies", "none")


class SpecError(ScorerError, ValueError):
    """A training option is missing, unknown or out of range; the message names it."""


@dataclass(frozen=True)
class DataSpec:
    """The labelled sets and how to read their labels and columns."""

    files: tuple[str, ...] = ()
    positive: tuple[str, ...] = DEFAULT_POSITIVE
    negative: tuple[str, ...] | None = None
    #: (standard column, name in the files) pairs, e.g. (("group", "pair_id"),).
    columns: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ScreeningSpec:
    """Which rows are learned from: the screen (short texts, copies), leads, the template evidence."""

    screen: bool = True
    copy_share: float = COPY_SHARE
    leads: bool = True
    #: Layout and length invariance, both classes alike (scorer.research.augment): "copies" (every article also as
    #: copies: breaks removed, cut to its first 150 words; about twice the rows to fit), "flatten" (half of the
    #: articles and leads learned without their paragraph breaks, no row added) or "none".
    layout: str = "copies"
    template_evidence: bool = True
    #: The stated rule for stale facts found against a known date (scorer.model.evidence.StaleFactEvidence).
    stale_fact_evidence: bool = True
    skip_failed: bool = False


@dataclass(frozen=True)
class TrainSpec:
    """Every option of one training run (see the module docstring)."""

    data: DataSpec = field(default_factory=DataSpec)
    model: ModelOptions = field(default_factory=ModelOptions)
    screening: ScreeningSpec = field(default_factory=ScreeningSpec)
    #: The default threshold to store; None: chosen so at most ``target_fpr`` of ok articles are flagged out-of-fold.
    threshold: float | None = None
    target_fpr: float = DEFAULT_TARGET_FPR
    #: The model's name in score output (None: its directory's name).
    name: str | None = None
    population: str = "the ok training articles"
    n_jobs: int = 1
    cache_dir: str | None = None

    @classmethod
    def from_options(cls, **options: Any) -> "TrainSpec":
        """A spec from option names and values (command line or library names); the rest are defaults."""
        return cls().with_options(**options)

    @classmethod
    def from_toml(cls, path: str | Path, **overrides: Any) -> "TrainSpec":
        """A spec from a TOML file of options; ``overrides`` (e.g. the command line's) win.

        ``data`` and ``cache`` paths in the file are relative to the file.
        """
        path = Path(path)
        try:
            options = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise SpecError(f"{path}: {exc.strerror}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SpecError(f"{path}: not valid TOML ({exc})") from None
        options = {key.replace("-", "_"): value for key, value in options.items()}
        for key in ("data", "paths"):
            if isinstance(options.get(key), (str, list)):
                files = [options[key]] if isinstance(options[key], str) else options[key]
                options[key] = [str(path.parent / f) if isinstance(f, str) else f for f in files]
        for key in ("cache", "cache_dir"):
            if isinstance(options.get(key), str):
                options[key] = str(path.parent / options[key])
        try:
            return cls.from_options(**{**options, **overrides})
        except SpecError as exc:
            raise SpecError(f"{path}: {exc}") from None

    def with_options(self, **options: Any) -> "TrainSpec":
        """This spec with some options changed (the same names as :meth:`from_options`)."""
        sections = {"data": self.data, "model": self.model, "screening": self.screening, "": self}
        changes: dict[str, dict[str, Any]] = {name: {} for name in sections}
        for key, value in options.items():
            if key not in OPTIONS:
                raise SpecError(f"unknown training option {key!r} (options: {', '.join(sorted(OPTIONS))})")
            section, name, convert = OPTIONS[key]
            try:
                changes[section][name] = convert(value)
            except (TypeError, ValueError) as exc:
                raise SpecError(f"option {key!r}: {exc}") from None
        spec = replace(
            self,
            data=replace(self.data, **changes["data"]),
            model=replace(self.model, **changes["model"]),
            screening=replace(self.screening, **changes["screening"]),
            **changes[""],
        )
        return spec

    def named(self, default: str) -> "TrainSpec":
        """This spec with ``default`` as its name when it has none."""
        return self if self.name else replace(self, name=default)

    def as_dict(self) -> dict[str, Any]:
        """What ``metadata.json`` records of these options (in its order; the results fill in the rest)."""
        model, screening = self.model, self.screening
        rule = f"flags at most {self.target_fpr:.0%} of the ok training articles out-of-fold (never below 0.5)"
        leads = f"also learned from the opening {MIN_WORDS}-{LEAD_MAX_WORDS} words of each article at least twice as long, with its label and group"
        return {
            "name": self.name,
            "threshold_rule": rule if self.threshold is None else "given",
            "featurizer": {
                "families": list(model.families), "style": model.style, "undated": model.undated,
                "vocabulary": model.vocabulary, "wording": model.wording,
            },
            "model": {
                "classifier": model.classifier,
                "calibration": model.calibration,
                "calibration_prior": model.prior,
                "feature_directions": "constrained by scorer/knowledge/feature_directions.txt" if model.directed else "free",
                "calibration_scores": "out-of-source (each labelled set scored by a model fitted on the others)" if model.across_sources else "grouped out-of-fold",
                "class_weight": "balanced",
                "leads": leads if screening.leads else "none",
                "layout": {
                    "flatten": f"{FLAT_SHARE:.0%} of the articles and leads (seeded, both classes alike) learned with their paragraph breaks removed",
                    "copies": f"also learned from copies of each article with its paragraph breaks removed and cut to its first {CUT_WORDS} words "
                              "(breaks removed from half of the cuts), both classes alike, with its label and group",
                    "none": "as read",
                }[screening.layout],
                "cv_folds": model.n_splits,
                "seed": model.seed,
            },
            "labels": {"positive": list(self.data.positive), "negative": list(self.data.negative) if self.data.negative else "every other label"},
            "training_data": {"files": [str(f) for f in self.data.files]},
        }


# --------------------------------------------------------------------------- option converters


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, (str, Path)):
        return (str(value),)
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, (str, Path)) for v in value):
        raise TypeError(f"expected a list of strings, not {value!r}")
    return tuple(str(v) for v in value)


def _negative(value: Any) -> tuple[str, ...] | None:
    return _strings(value) or None if value is not None else None


def _columns(value: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        pairs = [pair.partition("=") for pair in _strings(value)]
        if any(not sep for _, sep, _ in pairs):
            raise ValueError("expected STANDARD=NAME pairs")
        value = {standard: name for standard, _, name in pairs}
    for standard, name in value.items():
        if standard not in KNOWN_COLUMNS or not isinstance(name, str) or not name:
            raise ValueError(f"{standard!r}={name!r}: expected STANDARD=NAME with STANDARD one of {', '.join(KNOWN_COLUMNS)}")
    return tuple(value.items())


def _families(value: Any) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_MODEL_FAMILIES
    families = tuple(f.strip() for f in value.split(",") if f.strip()) if isinstance(value, str) else _strings(value)
    unknown = [f for f in families if f not in FAMILIES]
    if unknown:
        raise ValueError(f"unknown signal family {unknown[0]!r} (families: {', '.join(FAMILIES)})")
    return families


def _choice(*choices: str) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"{value!r} is not one of {', '.join(choices)}")
        return value

    return convert


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, not {value!r}")
    return value


def _not(value: Any) -> bool:
    return not _flag(value)


def _integer(low: int, high: int | None = None) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"expected a whole number, not {value!r}")
        if value < low or high is not None and value > high:
            raise ValueError(f"{value} is not in {low}..{high if high is not None else ''}")
        return value

    return convert


def _share(low: float, high: float, optional: bool = False) -> Callable[[Any], float | None]:
    def convert(value: Any) -> float | None:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"expected a number, not {value!r}")
        if not low <= value <= high:
            raise ValueError(f"{value} is not in {low}..{high}")
        return value

    return convert


def _text(optional: bool) -> Callable[[Any], str | None]:
    def convert(value: Any) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, (str, Path)):
            raise TypeError(f"expected a string, not {value!r}")
        return str(value)

    return convert


def _seed(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**32:
        raise ValueError(f"expected a whole number from 0 to 2**32 - 1, not {value!r}")
    return value


#: Every option: its name (command line or library) → (section, field, converter). The one table
#: :meth:`TrainSpec.with_options` reads; the ``scorer train`` options map onto it by name.
OPTIONS: dict[str, tuple[str, str, Callable[[Any], Any]]] = {
    "data": ("data", "files", _strings),
    "paths": ("data", "files", _strings),
    "positive": ("data", "positive", _strings),
    "negative": ("data", "negative", _negative),
    "columns": ("data", "columns", _columns),
    "classifier": ("model", "classifier", _choice(*CLASSIFIERS)),
    "calibration": ("model", "calibration", _choice(*CALIBRATIONS)),
    "prior": ("model", "prior", _share(0.01, 0.99, optional=True)),
    "families": ("model", "families", _families),
    "style": ("model", "style", _flag),
    "undated": ("model", "undated", _choice(*UNDATED)),
    "vocabulary": ("model", "vocabulary", _integer(0)),
    "wording": ("model", "wording", _integer(0)),
    "across_sources": ("model", "across_sources", _flag),
    "directed": ("model", "directed", _flag),
    "folds": ("model", "n_splits", _integer(2)),
    "n_splits": ("model", "n_splits", _integer(2)),
    "seed": ("model", "seed", _seed),
    "screen": ("screening", "screen", _flag),
    "keep_all": ("screening", "screen", _not),
    "copy_share": ("screening", "copy_share", _share(0.0, 1.0)),
    "leads": ("screening", "leads", _flag),
    "no_leads": ("screening", "leads", _not),
    "layout": ("screening", "layout", _choice(*LAYOUTS)),
    "template_evidence": ("screening", "template_evidence", _flag),
    "no_template_evidence": ("screening", "template_evidence", _not),
    "stale_fact_evidence": ("screening", "stale_fact_evidence", _flag),
    "no_stale_fact_evidence": ("screening", "stale_fact_evidence", _not),
    "skip_failed": ("screening", "skip_failed", _flag),
    "threshold": ("", "threshold", _share(0.0, 1.0, optional=True)),
    "target_fpr": ("", "target_fpr", _share(0.0, 1.0)),
    "name": ("", "name", _text(optional=True)),
    "population": ("", "population", _text(optional=False)),
    "jobs": ("", "n_jobs", _integer(1)),
    "n_jobs": ("", "n_jobs", _integer(1)),
    "cache": ("", "cache_dir", _text(optional=True)),
    "cache_dir": ("", "cache_dir", _text(optional=True)),
}
