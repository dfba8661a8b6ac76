"""The typed objects every stage passes along.

All are frozen dataclasses with ``as_dict()`` so the JSON output contract
(``../shared/DESIGN.md``) is produced in one place and nothing downstream can
mutate what an earlier stage decided.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Mapping

#: Where the resolved article date came from (output contract ``date_source``).
DATE_SOURCES = ("metadata", "option", "text", "today")


@dataclass(frozen=True)
class Removal:
    """A piece of boilerplate the cleaner dropped (kind: ad_marker, site_chrome, related_tail, ...)."""

    kind: str
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Paragraph:
    """One block of the cleaned text; ``start``/``end`` index ``Article.text``."""

    start: int
    end: int
    text: str
    is_heading: bool = False


@dataclass(frozen=True)
class Sentence:
    """One sentence; ``paragraph`` is the index into ``Article.paragraphs``."""

    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Article:
    """A cleaned article ready for the signals.

    ``text`` is exactly what is scored; every offset anywhere (paragraphs,
    sentences, findings) indexes it.
    """

    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    date: _dt.date
    date_source: str
    title: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    source_format: str = "text"  # "html" or "text": what the input was
    links: int = 0  # outbound links inside the extracted body (HTML only)
    removed: tuple[Removal, ...] = ()
    input: str = "-"

    @property
    def words(self) -> int:
        return len(self.text.split())

    def metadata_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "author": self.author,
            "site": self.site,
            "url": self.url,
            "date": self.date.isoformat(),
            "date_source": self.date_source,
            "words": self.words,
        }


@dataclass(frozen=True)
class Finding:
    """A highlighted span of ``Article.text`` with a one-line message for an editor."""

    kind: str
    start: int
    end: int
    text: str
    message: str
    #: Which rule or lexicon entry produced it ("filler_phrases: it is worth noting", "attribution: inverted"),
    #: so a newsroom can tell which lexicon line or pattern to change.
    rule: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "rule": self.rule or None,
        }


@dataclass(frozen=True)
class SignalResult:
    """What one signal family measured: named numeric features and findings."""

    family: str
    features: Mapping[str, float]
    findings: tuple[Finding, ...] = ()

    def as_dict(self) -> dict[str, float]:
        return {name: _jsonable(value) for name, value in self.features.items()}


@dataclass(frozen=True)
class Reason:
    """One feature that moved the score, in words, with its signed effect on the score (points).

    ``kind`` says what an editor can do with it (:data:`REASON_KINDS`): ``evidence`` (a fixed rule
    counted findings: stale facts, template blocks), ``finding`` (findings of the article, named with
    examples), ``count`` (a count or rate to check by reading), ``style`` (a measure of rhythm or word
    choice), ``wording`` (the learned wording, shown once and last) or ``note`` (moved nothing: "too
    short to judge", "style only"). A reason may stand for several features that count the same
    findings: ``feature`` names the one that moved the score most and ``effect`` is their total.
    """

    feature: str
    effect: float
    message: str
    kind: str = "style"

    def as_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "effect": round(self.effect, 1), "message": self.message, "kind": self.kind}


#: What a reason can be (:attr:`Reason.kind`), from the most to the least checkable.
REASON_KINDS = ("evidence", "finding", "count", "style", "wording", "note")


@dataclass(frozen=True)
class ScoreResult:
    """The output contract for one input. ``error`` set means the other fields may be empty.

    ``threshold`` is the probability at or above which ``label`` is low_quality;
    ``prior`` is the share of low_quality articles ``probability`` is stated for
    (the model's own unless the caller gave one), so a consumer can restate either.
    """

    input: str
    error: str | None = None
    score: float | None = None
    label: str | None = None
    probability: float | None = None
    threshold: float | None = None
    prior: float | None = None
    article: Article | None = None
    signals: Mapping[str, SignalResult] = field(default_factory=dict)
    reasons: tuple[Reason, ...] = ()
    findings: tuple[Finding, ...] = ()
    model: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_dict(self) -> dict[str, Any]:
        if self.error is not None:
            return {"input": self.input, "error": self.error}
        assert self.article is not None
        return {
            "input": self.input,
            "error": None,
            "score": self.score,
            "label": self.label,
            "probability": self.probability,
            "threshold": self.threshold,
            "prior": self.prior,
            "model": self.model,
            "article": self.article.metadata_dict(),
            "signals": {name: result.as_dict() for name, result in self.signals.items()},
            "reasons": [reason.as_dict() for reason in self.reasons],
            "findings": [finding.as_dict() for finding in self.findings],
            "removed": [removal.as_dict() for removal in self.article.removed],
        }


def _jsonable(value: float) -> float | int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    return round(float(value), 4)
